#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Issue 13, finding 14: a save made by another process reaches Salesforce
# at once while `sync --watch` runs (C1), and `import --seed` is one
# transaction, all or nothing.  The latency figures themselves are
# measured by `make bench` (row 6); this test only asserts what the
# engine's once-a-second look at the outbox could never do.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
need_tools jq curl sqlite3

N=20
emu_start
ctl POST seed "{\"settings\": {\"device_interval\": 1},
 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\", \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
 \"tasks\": $(task_list $N W)}" >/dev/null
login_device
td config set sync.poll_interval 600
td sync --enable
td sync --once
ok $rc "first sync"
is "$("$TASKDECK" list --all --json | jq length)" $N "the $N tasks imported"

watch_start
ok $? "sync --watch finished its first cycle"

# sf_has PATTERN: status 0 if sfemu's task list matches the shell pattern
# (curl alone, no jq: the loop's own cost is the resolution).
sf_has() {
	case "$(curl -s "$EMU/__sfemu/tasks")" in $1) return 0 ;; esac
	return 1
}
# sf_done: how many of sfemu's tasks are completed.
sf_done() {
	curl -s "$EMU/__sfemu/tasks" | grep -o '"Status": *"Completed"' | wc -l
}

# One save at a time, each from its own CLI process after a random pause
# (0-1 s, so the saves cannot lock onto a once-a-second loop's phase),
# after the 1.85 s within which a save shares the next cycle with the
# one before (SY-BURST, tests/sync/test-sync-burst.sh): isolated saves.
: >"$TMP/lat"
ids=$("$TASKDECK" list --all --json | jq -r 'sort_by(.name) | .[] |
    "\(.name) \(.id)"')
reached=0
i=1
while [ $i -le $N ]; do
	id=$(printf '%s\n' "$ids" | awk -v n="W$i" '$1 == n { print $2 }')
	sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", 1.9 + rand() }')"
	before=$(sf_done)
	if [ $((i % 2)) = 1 ]; then
		"$TASKDECK" done "$id" >/dev/null
	else
		"$TASKDECK" edit "$id" --details "wake $i" >/dev/null
	fi
	# From the save: the CLI has committed and exited.
	t0=$(date +%s%3N)
	# Up to 5 s for each.
	j=0
	while [ $j -lt 1000 ]; do
		if [ $((i % 2)) = 1 ]; then
			[ "$(sf_done)" -gt "$before" ] && break
		else
			sf_has "*\"wake $i\"*" && break
		fi
		j=$((j + 1))
	done
	t1=$(date +%s%3N)
	[ $j -lt 1000 ] && reached=$((reached + 1))
	echo $((t1 - t0)) >>"$TMP/lat"
	i=$((i + 1))
done
is $reached $N "C1 each of $N CLI saves (done, edit) reached Salesforce"
p50=$(sort -n "$TMP/lat" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "# CLI save -> Salesforce, ms: p50 $p50; all: $(sort -n "$TMP/lat" | tr '\n' ' ')"
if [ -n "${TD_VALGRIND:-}" ]; then
	ok 0 "C1 latency # SKIP not measured under valgrind"
else
	# Before the fix the engine looked once a second: p50 about 500 ms.
	[ "$p50" -lt 300 ]
	ok $? "C1 a save from another process reaches Salesforce at once while sync --watch runs (p50 $p50 ms < 300 ms)"
fi

# The wake-up socket: the syncer's own, and only a hint.
SOCK="$CACHE.sync-wake"
[ -S "$SOCK" ] && [ "$(stat -c %a "$SOCK")" = 600 ]
ok $? "the syncing process listens on $(basename "$SOCK"), mode 0600"
ctl DELETE calls >/dev/null
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
for i in range(50): s.sendto(b"x", sys.argv[1])' "$SOCK"
sleep 0.5
is "$(calls_total)" 0 "a wake-up with no commit behind it costs no API call"
kill -9 "$WPID"
wait "$WPID" 2>/dev/null
WPID=
td edit "$(printf '%s\n' "$ids" | awk '$1 == "W1" { print $2 }')" \
    --details "saved with no syncer"
ok $rc "a save succeeds with no syncer and a stale socket left by a killed one"
: >"$TMP/watch.out"
"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
WPID=$!
i=0
while [ "$(sf_task W1 Description)" != "saved with no syncer" ] &&
    [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
is "$(sf_task W1 Description)" "saved with no syncer" \
    "the next syncer pushes it"
td edit "$(printf '%s\n' "$ids" | awk '$1 == "W2" { print $2 }')" \
    --details "after the restart"
i=0
while [ "$(sf_task W2 Description)" != "after the restart" ] &&
    [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
is "$(sf_task W2 Description)" "after the restart" \
    "the new syncer binds the socket afresh and pushes a later save"
watch_stop
[ ! -e "$SOCK" ]
ok $? "a syncer that stops removes its socket"

# --- import --seed: one transaction ------------------------------------------
# A seed of five of the rep's tasks; a kill before any durable step of the
# import leaves nothing or everything, never part of it.
printf '{"users": [{"key": "rep"}], "tasks": %s}\n' "$(task_list 5 Seed)" \
    >"$TMP/seed.json"
for k in 1 2 3; do
	db="$TMP/imp$k.db"
	"$TASKDECK" --db "$db" list >/dev/null
	(TASKDECK_CRASH_AT=$k "$TASKDECK" --db "$db" import --seed \
	    "$TMP/seed.json"; true) >/dev/null 2>&1
	n=$("$TASKDECK" --db "$db" list --all --json | jq length)
	[ "$n" = 0 ] || [ "$n" = 5 ]
	ok $? "C7 import killed at durable step $k leaves none or all five (has $n)"
done

# A failure while adding the fourth reminder rolls the whole import back
# and says so.
db="$TMP/imp-fail.db"
"$TASKDECK" --db "$db" list >/dev/null
sqlite3 "$db" "CREATE TRIGGER refuse BEFORE INSERT ON reminder
    WHEN NEW.name = 'Seed4' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;"
td --db "$db" import --seed "$TMP/seed.json"
[ $rc -ne 0 ]
ok $? "import fails when a reminder cannot be added (exit $rc)"
case "$err" in *"nothing imported"*"refused by test"*) true ;; *) false ;; esac
ok $? "import's message says nothing was imported and why: $err"
is "$("$TASKDECK" --db "$db" list --all --json | jq length)" 0 \
    "the cache holds none of the seed after a failed import"
sqlite3 "$db" "DROP TRIGGER refuse"
td --db "$db" import --seed "$TMP/seed.json"
is "$out" "imported 5 reminders" "the same import then succeeds whole"

done_testing
