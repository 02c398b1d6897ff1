#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# make bench (issue #7): start-up, listing, done, first sync, steady state,
# latency and sfemu throughput, printed as one table and written with the
# machine's description to doc/performance.md.  Every figure is a median
# (runs given in the table); every ratio compares figures of this run.
#
# BENCH_QUICK=1 runs smaller sizes and fewer changes (a smoke test of the
# script, not for the doc: then the table goes to $BENCH_OUT only).
# BENCH_KEEP=1 keeps the scratch directory.  BENCH_ROWS="6 8" runs only
# the rows named (a re-measure after a change): their lines replace those
# of the table in doc/performance.md, with a line saying when; the other
# rows are kept as they were.  Needs: tmux, jq, curl, taskwarrior,
# calcurse (installed with apt-get when missing).
set -u
: "${TD_BUILDDIR:?run me through make bench}" "${TD_SRCDIR:?}"
TD=$TD_BUILDDIR/src/taskdeck
SFEMU=$TD_BUILDDIR/src/sfemu/sfemu
BT=$TD_BUILDDIR/tests/bench/bench-time
GEN=$TD_BUILDDIR/tests/bench/bench-gen
FLOOR=$TD_BUILDDIR/tests/bench/bench-floor
BULK=$TD_BUILDDIR/tests/sync/bulk-edit
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	SIZES="1000 10000" TOOL_MAX=10000 SYNC_SIZES="2000 10000" LAT_N=10
	CLI_N=10 IDLE_S=5 IMPORT_N=10000
	DOC=${BENCH_OUT:-/dev/null}
else
	SIZES="1000 10000 100000 1000000" TOOL_MAX=100000
	SYNC_SIZES="10000 100000" LAT_N=200 CLI_N=100 IDLE_S=30
	IMPORT_N=100000
	DOC=${BENCH_OUT:-$TD_SRCDIR/doc/performance.md}
fi
ROWS=${BENCH_ROWS:-1 2 3 4 5 6 7 8}
# row N: true if row N is to be measured.
row() {
	case " $ROWS " in *" $1 "*) return 0 ;; esac
	return 1
}
row 1 || row 2 || row 3 || SIZES=
row 4 || row 5 || SYNC_SIZES=

log() {
	echo "bench: $*" >&2
}

die() {
	log "$*"
	exit 1
}

# Tools: install what is missing (sudo only when not root).
need=
for t in task:taskwarrior calcurse:calcurse tmux:tmux jq:jq curl:curl; do
	command -v "${t%%:*}" >/dev/null 2>&1 || need="$need ${t#*:}"
done
if [ -n "$need" ]; then
	log "installing$need"
	sudo=
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y $need \
	    >/dev/null || { DEBIAN_FRONTEND=noninteractive $sudo apt-get \
	    update >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo \
	    apt-get install -y $need >/dev/null; } ||
	    die "cannot install$need"
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/td-bench.XXXXXX") || exit 1
EMU_PID=
WATCH_PID=
TSOCK=td-bench-$$
cleanup() {
	[ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID"
	tmux -L "$TSOCK" kill-server >/dev/null 2>&1
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A private home: the caches, config and credentials of this run only.
export TZ=UTC HOME="$W/home" XDG_CONFIG_HOME="$W/home/config"
export XDG_DATA_HOME="$W/home/data" XDG_STATE_HOME="$W/home/state"
export XDG_CACHE_HOME="$W/home/cache" TERM=xterm-256color LC_ALL=C.UTF-8
export TMUX_TMPDIR="$W"
unset TASKDECK_TODAY TASKDECK_DB TMUX NO_COLOR
mkdir -p "$HOME"
T_START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# Results: one "key value" line each.
R=$W/results
: >"$R"
put() {
	echo "$1 $2" >>"$R"
}
get() {
	awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$R"
}
# ratio A B: A / B to two places.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0)
	    print "-"; else printf "%.2f\n", a / b }'
}
# pct LIST-FILE P: the P-th percentile (nearest rank) of a file of numbers.
pct() {
	sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END {
	    r = int((p * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'
}
ms_now() {
	date +%s%3N
}
# timed KEY RUNS [-t] [-i N] -- CMD...: median ms and RSS (kB) into KEY.
timed() {
	_k=$1 _n=$2
	shift 2
	set -- $("$BT" -n "$_n" "$@") || die "$_k failed"
	[ $# -ge 2 ] || die "$_k failed"
	put "$_k" "$1"
	put "${_k}_rss" "$2"
	put "${_k}_cpu" "$5"
}

# --- 1-3: start-up, listing, done, per cache size -------------------------
for n in $SIZES; do
	db=$W/c$n.db
	log "cache of $n reminders"
	TASKDECK_DB=$db "$TD" list >/dev/null || die "taskdeck cannot create $db"
	"$GEN" cache "$db" "$n" || die "bench-gen failed"
	runs=7
	[ "$n" -ge 1000000 ] && runs=5
	put runs_$n $runs
	TASKDECK_DB=$db timed start_$n $runs -t -- "$TD" --first-frame-exit
	TASKDECK_DB=$db timed list_$n $runs -- "$TD" list --today
	timed floor_$n $runs -- "$FLOOR" list "$db"
	put rows_$n "$("$FLOOR" list "$db" | wc -l)"
	if [ "$n" -le "$TOOL_MAX" ]; then
		# calcurse needs about a minute a run at 100k: no warm-up
		# there (bench-gen has just written the files).
		truns=5 twarm=1
		[ "$n" -ge 100000 ] && truns=3 twarm=0
		put truns_$n $truns
		"$GEN" taskwarrior "$db" "$W/tw$n"
		printf 'data.location=%s\nconfirmation=off\ngc=off\nhooks=off\n%s\n' \
		    "$W/tw$n" 'color=off
detection=off
verbose=nothing
recurrence=off
news.version=2.6.2' >"$W/tw$n.rc"
		TASKRC=$W/tw$n.rc timed tw_$n $truns -w $twarm -- task due.before:tomorrow \
		    list
		"$GEN" calcurse "$db" "$W/cc$n"
		timed cc_$n $truns -w $twarm -- calcurse -D "$W/cc$n" -a
		rm -rf "$W/tw$n" "$W/cc$n"
	fi
	# Reminders 1-40 are open and synced: each run completes another.
	TASKDECK_DB=$db timed done_$n 5 -i 1 -- "$TD" done {}
	timed fdone_$n 5 -i 21 -- "$FLOOR" done "$db" {}
	[ "$n" = 10000 ] || [ "$n" = 1000 ] || rm -f "$db" "$db-wal" "$db-shm"
done

# The first frame is the whole command center: what --first-frame-exit
# leaves on an 80x24 tmux pane equals the settled screen of a normal run.
tm() {
	tmux -L "$TSOCK" -f /dev/null "$@"
}
if row 1; then
	ffdb=$W/c10000.db
	[ -f "$ffdb" ] || ffdb=$W/c1000.db
	tm new-session -d -x 80 -y 24 "sleep 600"
	tm set-option -g alternate-screen off
	tm set-option -g window-size manual
	tm respawn-pane -k "env TASKDECK_DB='$ffdb' '$TD' --first-frame-exit; touch '$W/ff.done'; sleep 600"
	i=0
	while [ ! -f "$W/ff.done" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	tm capture-pane -p >"$W/ff.first"
	tm respawn-pane -k "env TASKDECK_DB='$ffdb' '$TD'"
	sleep 2
	tm capture-pane -p >"$W/ff.full"
	tm send-keys q
	sleep 0.3
	tm kill-server >/dev/null 2>&1
	if grep -q 'taskdeck - ' "$W/ff.first" && cmp -s "$W/ff.first" "$W/ff.full"
	then
		put ffcheck yes
	else
		put ffcheck NO
		log "first frame differs from the settled screen:"
		diff "$W/ff.first" "$W/ff.full" >&2
	fi
fi

# --- 4-6: sync against sfemu ----------------------------------------------
emu_start() {
	"$SFEMU" --port 0 --print-port --db "$W/emu.db" >"$W/emu.port" \
	    2>"$W/emu.err" &
	EMU_PID=$!
	i=0
	while [ ! -s "$W/emu.port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	EMU="http://127.0.0.1:$(head -1 "$W/emu.port")"
}
ctl() {
	if [ -n "${3:-}" ]; then
		curl -s -X "$1" -H 'Content-Type: application/json' \
		    --data-binary "$3" "$EMU/__sfemu/$2"
	else
		curl -s -X "$1" "$EMU/__sfemu/$2"
	fi
}
calls() {
	ctl GET calls | jq "[to_entries[] | select(.key | test(\"${1:-.}\"))
	    | .value] | add // 0"
}
emu_cpu() {
	awk '{ print $14 + $15 }' "/proc/$EMU_PID/stat"
}
# seed N [DUE_TODAY]: a fresh org with the rep and N tasks.
seed() {
	awk -v n="$1" -v today="${2:-0}" 'BEGIN {
	    printf "{\"settings\": {\"device_interval\": 1}, \"users\": [{\"key\":"
	    printf " \"rep\", \"Name\": \"Dana\", \"Username\": \"d@x\","
	    printf " \"Password\": \"p\"}], \"tasks\": ["
	    for (i = 1; i <= n; i++) {
		printf "%s{\"Subject\":\"Task %d\",\"Owner\":\"rep\",", \
		    (i > 1 ? "," : ""), i
		printf "\"CreatedDaysAgo\":%d,\"ActivityDate\":%d,", i % 40, \
		    (today ? 0 : (i % 60) - 30)
		printf "\"Priority\":\"%s\",\"Description\":\"Discussed" \
		    " pricing\"}", (i % 10 ? "Normal" : "High")
	    }
	    printf "]}" }' >"$W/seed.json"
	ctl POST reset >/dev/null
	ctl POST seed "@$W/seed.json" | grep -q '"tasks"' || die "seed failed"
	ctl POST limits '{"limit":100000000}' >/dev/null
}
login() {
	"$TD" login --instance "$EMU" --client-id taskdeck-bench \
	    >"$W/login.out" 2>&1 &
	lpid=$!
	i=0
	while ! grep -q 'code:' "$W/login.out" && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	code=$(sed -n 's/.*code: //p' "$W/login.out")
	ctl POST device/approve "{\"user_code\":\"$code\"}" >/dev/null
	wait $lpid || die "login failed: $(cat "$W/login.out")"
	"$TD" config set sync.first_import_window all >/dev/null
}
# first_sync N RUN: a first sync of a new cache; time, RSS, calls.
first_sync() {
	export TASKDECK_DB="$W/s$1-$2.db"
	"$TD" sync --enable >/dev/null || die "sync --enable failed"
	ctl DELETE calls >/dev/null
	c0=$(emu_cpu)
	set -- "$1" "$2" $("$BT" -n 1 -w 0 -- "$TD" sync --once)
	[ $# -ge 4 ] || die "first sync failed"
	echo "$3" >>"$W/fs$1.ms"
	echo "$4" >>"$W/fs$1.rss"
	calls >>"$W/fs$1.calls"
	echo $(( $(emu_cpu) - c0 )) >>"$W/fs$1.emu"
	[ "$2" = 1 ] && put fs_n_$1 "$("$TD" list --all --json | jq length)"
	return 0
}

emu_start
for n in $SYNC_SIZES; do
	log "first sync of $n tasks"
	if [ "$n" -le 10000 ]; then
		# Each run on a fresh org: its push row needs unedited tasks.
		for run in 1 2 3; do
			seed "$n"
			login
			first_sync "$n" $run
			ctl DELETE calls >/dev/null
			"$TD" sync --once >/dev/null
			calls >>"$W/idle.calls"
			"$BULK" "$TASKDECK_DB" 1000 >/dev/null || die "bulk-edit"
			ctl DELETE calls >/dev/null
			set -- $("$BT" -n 1 -w 0 -- "$TD" sync --once)
			echo "$1" >>"$W/push.ms"
			calls >>"$W/push.calls"
			calls composite >>"$W/push.composite"
		done
	else
		seed "$n"
		login
		for run in 1 2 3; do
			first_sync "$n" $run
			rm -f "$TASKDECK_DB" "$TASKDECK_DB-wal" "$TASKDECK_DB-shm"
		done
	fi
	put fs_ms_$n "$(pct "$W/fs$n.ms" 50)"
	put fs_rss_$n "$(pct "$W/fs$n.rss" 50)"
	put fs_calls_$n "$(pct "$W/fs$n.calls" 50)"
	put fs_emu_$n "$(pct "$W/fs$n.emu" 50)"
done
if row 5; then
	put idle_calls "$(pct "$W/idle.calls" 50)"
	put push_ms "$(pct "$W/push.ms" 50)"
	put push_calls "$(pct "$W/push.calls" 50)"
	put push_composite "$(pct "$W/push.composite" 50)"
fi

if row 6; then
	# 6: latency, with the UI running and a 1-second poll interval.
	log "latency, $LAT_N changes each way"
	seed 12 1
	login
	export TASKDECK_DB="$W/lat.db"
	"$TD" config set sync.poll_interval 1 >/dev/null
	"$TD" sync --enable >/dev/null
	"$TD" sync --once >/dev/null
	tm new-session -d -x 120 -y 40 "env TASKDECK_DB='$TASKDECK_DB' '$TD'"
	i=0
	while ! tm capture-pane -p | grep -q 'Task 12' && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sf_done() {
		curl -s "$EMU/__sfemu/tasks" | grep -o '"Status": *"Completed"' | wc -l
	}
	: >"$W/lat.up"
	i=0
	while [ $i -lt "$LAT_N" ]; do
		before=$(sf_done)
		t0=$(ms_now)
		tm send-keys x
		j=0
		while [ "$(sf_done)" = "$before" ] && [ $j -lt 2000 ]; do
			j=$((j + 1))
		done
		echo $(( $(ms_now) - t0 )) >>"$W/lat.up"
		sleep 0.1
		i=$((i + 1))
	done
	tok=$(ctl POST token '{}' | jq -r .access_token)
	tid=$(ctl GET tasks | jq -r '[.[] | select(.Subject == "Task 12")][0].Id')
	screen_done() {
		tm capture-pane -p | grep -c '\[x\]'
	}
	: >"$W/lat.down"
	i=0
	while [ $i -lt "$LAT_N" ]; do
		# A random pause, so changes do not lock onto the poll's phase.
		sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() }')"
		base=$(screen_done)
		if [ $((i % 2)) = 0 ]; then st=Completed want=$((base + 1))
		else st="Not Started" want=$((base - 1)); fi
		t0=$(ms_now)
		curl -s -X PATCH -H "Authorization: Bearer $tok" \
		    -H 'Content-Type: application/json' \
		    --data-binary "{\"Status\":\"$st\"}" \
		    "$EMU/services/data/v59.0/sobjects/Task/$tid" >/dev/null
		j=0
		while [ "$(screen_done)" != "$want" ] && [ $j -lt 2000 ]; do
			j=$((j + 1))
		done
		echo $(( $(ms_now) - t0 )) >>"$W/lat.down"
		i=$((i + 1))
	done
	tm send-keys q
	sleep 0.5
	tm kill-server >/dev/null 2>&1
	put up_p50 "$(pct "$W/lat.up" 50)"
	put up_p99 "$(pct "$W/lat.up" 99)"
	put down_p50 "$(pct "$W/lat.down" 50)"
	put down_p99 "$(pct "$W/lat.down" 99)"

	# 6: a save from another process (the CLI) with `sync --watch` syncing:
	# the CLI's commit wakes the engine (doc/sync.md, "Wake-up").  First
	# its idle CPU at the default poll interval, then CLI_N saves.
	"$TD" config set sync.poll_interval 60 >/dev/null
	"$TD" sync --watch >"$W/watch.out" 2>&1 &
	WATCH_PID=$!
	i=0
	while ! grep -q '^sync: idle' "$W/watch.out" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	log "sync --watch idle CPU, $IDLE_S s"
	# Nanoseconds on a CPU, every thread of the process (schedstat).
	run_ns() {
		cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { print s }'
	}
	sleep 2
	c0=$(run_ns $WATCH_PID)
	sleep "$IDLE_S"
	put idle_cpu "$(awk -v a="$c0" -v b="$(run_ns $WATCH_PID)" -v t="$IDLE_S" \
	    'BEGIN { printf "%.3f", (b - a) / 1e9 / t * 100 }')"
	log "latency, $CLI_N CLI saves under sync --watch"
	cid=$("$TD" list --all --json | jq -r '[.[] | select(.name == "Task 11")][0].id')
	cst=$("$TD" show "$cid" --json | jq -r .status)
	: >"$W/lat.cli"
	i=0
	while [ $i -lt "$CLI_N" ]; do
		# A random pause, so saves do not lock onto a loop's phase.
		sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() }')"
		before=$(sf_done)
		if [ "$cst" = open ]; then cmd=done cst=complete
		else cmd=reopen cst=open; fi
		t0=$(ms_now)
		"$TD" $cmd "$cid" >/dev/null
		j=0
		while [ "$(sf_done)" = "$before" ] && [ $j -lt 2000 ]; do
			j=$((j + 1))
		done
		echo $(( $(ms_now) - t0 )) >>"$W/lat.cli"
		i=$((i + 1))
	done
	kill -TERM $WATCH_PID
	wait $WATCH_PID
	WATCH_PID=
	put cli_p50 "$(pct "$W/lat.cli" 50)"
	put cli_p99 "$(pct "$W/lat.cli" 99)"
fi
kill "$EMU_PID" 2>/dev/null
wait "$EMU_PID" 2>/dev/null
EMU_PID=

# 7: sfemu throughput (make bench-sfemu's program).
if row 7; then
	log "sfemu throughput"
	BENCH_SECONDS=3 TD_BUILDDIR=$TD_BUILDDIR \
	    "$TD_BUILDDIR/tests/bench/bench-sfemu" >"$W/sfemu.out" 2>&1
	put emu_query "$(sed -n 's/^query.* \([0-9][0-9]*\) requests.*/\1/p' "$W/sfemu.out")"
	put emu_patch "$(sed -n 's/^PATCH.* \([0-9][0-9]*\) requests.*/\1/p' "$W/sfemu.out")"
fi

# 8: import --seed of IMPORT_N reminders into a new cache, one
# transaction (issue 13, finding 14), three runs.
if row 8; then
	log "import --seed of $IMPORT_N reminders"
	awk -v n="$IMPORT_N" 'BEGIN {
	    printf "{\"users\": [{\"key\": \"rep\", \"Name\": \"Dana\"}],"
	    printf " \"tasks\": ["
	    for (i = 1; i <= n; i++) {
		printf "%s{\"Subject\":\"Task %d\",\"Owner\":\"rep\",", \
		    (i > 1 ? "," : ""), i
		printf "\"ActivityDate\":%d,\"Priority\":\"%s\",", \
		    (i % 60) - 30, (i % 10 ? "Normal" : "High")
		printf "\"Description\":\"Discussed pricing\"}"
	    }
	    printf "]}\n" }' >"$W/import.json"
	: >"$W/import.ms"
	: >"$W/import.cpu"
	: >"$W/import.rss"
	for run in 1 2 3; do
		idb=$W/import$run.db
		set -- $("$BT" -n 1 -w 0 -- "$TD" --db "$idb" import --seed \
		    "$W/import.json")
		[ $# -ge 5 ] || die "import --seed failed"
		echo "$1" >>"$W/import.ms"
		echo "$2" >>"$W/import.rss"
		echo "$5" >>"$W/import.cpu"
		[ "$run" = 1 ] && put import_n \
		    "$(TASKDECK_DB=$idb "$TD" list --all --json | jq length)"
		rm -f "$idb" "$idb-wal" "$idb-shm"
	done
	put import_ms "$(pct "$W/import.ms" 50)"
	put import_rss "$(pct "$W/import.rss" 50)"
	put import_cpu "$(pct "$W/import.cpu" 50)"
fi

# --- the table -------------------------------------------------------------
# met VALUE OP LIMIT: "met" or "missed".
met() {
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { if (a == "-") print "-";
	    else if ((op == "<" && a + 0 < b + 0) || (op == "<=" && a + 0 <= b + 0) ||
	    (op == ">=" && a + 0 >= b + 0)) print "met"; else print "**missed**" }'
}
fmt() {
	awk -v a="$1" 'BEGIN { if (a == "-") print "-"; else if (a + 0 >= 100)
	    printf "%.0f\n", a; else printf "%.1f\n", a }'
}
mb() {
	awk -v a="$1" 'BEGIN { if (a == "-") print "-"; else printf "%.1f MB\n",
	    a / 1024 }'
}
# wc KEY: "wall ms (CPU ms)".
wc2() {
	echo "$(fmt "$(get "$1")") ms (CPU $(fmt "$(get "${1}_cpu")"))"
}
# rr A B: "wall ratio× (CPU ratio×)".
rr() {
	echo "$(ratio "$(get "$1")" "$(get "$2")")× (CPU $(ratio "$(get "${1}_cpu")" "$(get "${2}_cpu")")×)"
}
# verdict A B OP LIMIT: judged on the wall ratio; says so when only the
# CPU ratio meets it (a loaded machine stretches wall times unevenly).
verdict() {
	_w=$(met "$(ratio "$(get "$1")" "$(get "$2")")" "$3" "$4")
	_c=$(met "$(ratio "$(get "${1}_cpu")" "$(get "${2}_cpu")")" "$3" "$4")
	if [ "$_w" = met ] || [ "$_c" != met ]; then echo "$_w"
	else echo "missed on wall time, met on CPU time"; fi
}
# cap TOOL SIZE LIMIT: when even the floor is not LIMIT times faster than
# TOOL at SIZE, says so: no program that starts a process and runs the
# same query can beat the floor, so the target is out of reach there.
cap() {
	_f=$(ratio "$(get "${1}_$2")" "$(get "floor_$2")")
	[ "$(met "$_f" '>=' "$3")" = met ] || echo " (bound: the floor itself is ${_f}× faster)"
}
big=$(echo $SIZES | awk '{ print $NF }')
mid=100000
echo " $SIZES " | grep -q ' 100000 ' || mid=$big
first=$(echo $SIZES | awk '{ print $1 }')
TABLE=$W/table.md
{
echo "| # | measure | cache / tasks | taskdeck | compared with | ratio | target | |"
echo "|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
	echo "| 1 | start-up: exec → first full frame ($(get runs_$n) runs) | $n | $(wc2 start_$n), RSS $(mb "$(get start_${n}_rss)") | | | < 30 ms and < 16 MB at 100k | $( [ "$n" = 100000 ] && { a=$(met "$(get start_$n)" '<' 30); b=$(met "$(get start_${n}_rss)" '<' 16384); [ "$a$b" = metmet ] && echo met || echo "time $a, RSS $b"; } ) |"
done
if row 1; then
	g=$(ratio "$(get start_$big)" "$(get start_$first)")
	echo "| 1 | start-up growth $first → $big (×$(awk -v a=$big -v b=$first 'BEGIN { print a / b }') reminders) | | ×$g time | log₁₀ growth: ×$(awk -v a=$big -v b=$first 'BEGIN { printf "%.1f", log(a) / log(b) }') | | no worse than logarithmic | $(met "$g" '<=' "$(awk -v a=$big -v b=$first 'BEGIN { print log(a) / log(b) }')") |"
	echo "| 1 | first frame is the full screen (tmux check) | 10000 | $(get ffcheck) | | | | |"
fi
for n in $SIZES; do
	echo "| 2 | \`list --today\` ($(get rows_$n) rows, $(get runs_$n) runs) | $n | $(wc2 list_$n) | floor $(wc2 floor_$n) | $(rr list_$n floor_$n) | ≤ 1.5× floor | $(verdict list_$n floor_$n '<=' 1.5) |"
	if [ "$(get tw_$n)" != - ]; then
		echo "| 2 | \`list --today\` vs taskwarrior ($(get truns_$n) runs) | $n | $(wc2 list_$n) | \`task due.before:tomorrow list\` $(wc2 tw_$n) | $(rr tw_$n list_$n) faster | ≥ 40× | $(verdict tw_$n list_$n '>=' 40)$(cap tw $n 40) |"
		echo "| 2 | \`list --today\` vs calcurse ($(get truns_$n) runs) | $n | $(wc2 list_$n) | \`calcurse -a\` $(wc2 cc_$n) | $(rr cc_$n list_$n) faster | ≥ 6× | $(verdict cc_$n list_$n '>=' 6)$(cap cc $n 6) |"
	fi
done
for n in $SIZES; do
	echo "| 3 | \`done ID\` (5 runs) | $n | $(wc2 done_$n) | floor UPDATE $(wc2 fdone_$n) | $(rr done_$n fdone_$n) | ≤ 1.5× floor | $(verdict done_$n fdone_$n '<=' 1.5) |"
done
for n in $SYNC_SIZES; do
	min=$(( (n + 1999) / 2000 ))
	echo "| 4 | first sync (3 runs) | $n | $(awk -v a="$(get fs_ms_$n)" 'BEGIN { printf "%.1f s", a / 1000 }'), RSS $(mb "$(get fs_rss_$n)"), $(get fs_calls_$n) calls; sfemu CPU $(awk -v a="$(get fs_emu_$n)" 'BEGIN { printf "%.1f s", a / 100 }') | minimum $min query pages | $(ratio "$(get fs_calls_$n)" $min)× | calls at minimum | $(met "$(get fs_calls_$n)" '<=' $min) |"
done
if row 5; then
	echo "| 5 | idle poll (3 runs) | 10000 | $(get idle_calls) API call | minimum 1 | $(ratio "$(get idle_calls)" 1)× | calls at minimum | $(met "$(get idle_calls)" '<=' 1) |"
	echo "| 5 | push 1,000 local edits (3 runs) | 10000 | $(fmt "$(get push_ms)") ms, $(get push_composite) composite + $(( $(get push_calls) - $(get push_composite) )) query calls | minimum 5 composite | $(ratio "$(get push_composite)" 5)× | calls at minimum | $(met "$(get push_composite)" '<=' 5) |"
	polls=$(( 86400 / 60 * $(get idle_calls) ))
	echo "| 5 | a day's API use, default 60 s poll, idle | | $polls calls | budget 10% of 15,000 = 1,500 | $(awk -v a=$polls 'BEGIN { printf "%.0f%%", a * 100 / 1500 }') of budget | within the share (C10) | $(met $polls '<=' 1500) |"
fi
echo "| 6 | local save (UI \`x\`) → in sfemu, 1 s poll ($LAT_N changes) | 12 | p50 $(get up_p50) ms, p99 $(get up_p99) ms | | | p50 < 300 ms | $(met "$(get up_p50)" '<' 300) |"
echo "| 6 | sfemu change → on the UI screen ($LAT_N changes) | 12 | p50 $(get down_p50) ms, p99 $(get down_p99) ms | poll interval 1000 ms | | within one poll (C1) | $(met "$(get down_p99)" '<=' 1500) |"
echo "| 6 | \`sync --watch\` idle, 60 s poll, CPU over $IDLE_S s | 12 | $(get idle_cpu)% of a core | | | not seen in top (< 0.3%) | $(met "$(get idle_cpu)" '<' 0.3) |"
echo "| 6 | CLI save (\`done\`/\`reopen\`, another process) → in sfemu, \`sync --watch\` ($CLI_N changes) | 12 | p50 $(get cli_p50) ms, p99 $(get cli_p99) ms | | | p50 < 300 ms | $(met "$(get cli_p50)" '<' 300) |"
echo "| 7 | sfemu: 200-record query page, 8 clients | 2000 | $(get emu_query) req/s | | | | |"
echo "| 7 | sfemu: single-record PATCH, 8 clients | 2000 | $(get emu_patch) req/s | | | | |"
echo "| 8 | \`import --seed\` into a new cache, one transaction (3 runs) | $IMPORT_N | $(awk -v a="$(get import_ms)" 'BEGIN { printf "%.2f s", a / 1000 }') (CPU $(awk -v a="$(get import_cpu)" 'BEGIN { printf "%.2f s", a / 1000 }')), RSS $(mb "$(get import_rss)"); $(get import_n) imported | | | all or nothing, one commit | $( [ "$(get import_n)" = "$IMPORT_N" ] && echo met || echo '**missed**') |"
} >"$TABLE"
if [ -n "${BENCH_ROWS:-}" ]; then
	# Only the rows measured.
	awk -v rows=" $ROWS " 'NR <= 2 || index(rows, " " $2 " ")' "$TABLE" \
	    >"$TABLE.rows" && mv "$TABLE.rows" "$TABLE"
fi
cat "$TABLE"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
sqlv=$(pkg-config --modversion sqlite3 2>/dev/null || sqlite3 --version | cut -d' ' -f1)
ccv=$(${CC:-cc} --version | head -1)
if [ -n "${BENCH_ROWS:-}" ]; then
	# A re-measure: the rows named replace theirs in the existing doc,
	# the others stay, and a line above the table says what was redone.
	[ "$DOC" = /dev/null ] || [ ! -f "$DOC" ] || {
	awk '/^\| # \|/ { exit } { print }' "$DOC"
	echo "Rows $ROWS were re-measured on $(date -u '+%Y-%m-%d %H:%M UTC')" \
	    "(\`BENCH_ROWS='$ROWS' make bench\`, load average $LOAD_START)."
	echo
	head -2 "$TABLE"
	for n in 1 2 3 4 5 6 7 8; do
		if row $n; then
			grep "^| $n |" "$TABLE"
		else
			grep "^| $n |" "$DOC"
		fi
	done
	cat "$TD_SRCDIR/tests/bench/performance-notes.md"
	} >"$W/doc.new" && cp "$W/doc.new" "$DOC" && log "updated $DOC"
	exit 0
fi
{
cat <<EOF
# Performance

Written by \`make bench\` (tests/bench/bench.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); $(( $(date +%s) - T_START )) s in all.
Do not edit by hand: re-run \`make bench\`.

Machine: $cpu, $(nproc) cores, $ram RAM, Linux $(uname -r),
Debian $(cat /etc/debian_version 2>/dev/null), $ccv (-O2), SQLite $sqlv,
taskwarrior $(task --version 2>/dev/null), $(calcurse --version 2>/dev/null | head -1 | cut -d' ' -f1-2).
Load average at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)
(the benchmark's own load included).  $(awk -v l="${LOAD_START%% *}" 'BEGIN {
    if (l + 0 > 0.7) print "The machine was shared with other work: absolute times are noisy; the ratios compare figures taken in the same run."
    else print "Nothing else ran: the figures are from a quiet machine." }')

EOF
cat "$TABLE"
cat "$TD_SRCDIR/tests/bench/performance-notes.md"
} >"$DOC"
[ "$DOC" = /dev/null ] || log "wrote $DOC"
