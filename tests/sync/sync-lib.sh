# taskdeck - SPDX-License-Identifier: ISC
# Helpers for the sync integration tests: a real sfemu on an ephemeral
# loopback port, its control API, and the rep's own REST calls (what a
# colleague or the rep does in Salesforce between polls).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"

export TASKDECK_TODAY=2026-11-23

emu_stop() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null
	[ -n "$EMU_PID" ] && wait "$EMU_PID" 2>/dev/null
	EMU_PID=
}

# emu_start: starts sfemu; sets EMU (base URL) and EMU_PID.
emu_start() {
	"$SFEMU" --port 0 --print-port --db "$TMP/sfemu.db" >"$TMP/emu.port" \
	    2>"$TMP/emu.err" &
	EMU_PID=$!
	cleanup_hooks="$cleanup_hooks emu_stop"
	i=0
	while [ ! -s "$TMP/emu.port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	EMU="http://127.0.0.1:$(head -1 "$TMP/emu.port")"
}

# ctl METHOD PATH [JSON]: a control API call; the body on stdout.
ctl() {
	if [ -n "$3" ]; then
		curl -s -X "$1" -H 'Content-Type: application/json' \
		    --data-binary "$3" "$EMU/__sfemu/$2"
	else
		curl -s -X "$1" "$EMU/__sfemu/$2"
	fi
}

# ctl_file METHOD PATH FILE: a control API call with a body from a file.
ctl_file() {
	curl -s -X "$1" -H 'Content-Type: application/json' \
	    --data-binary "@$3" "$EMU/__sfemu/$2"
}

# sfapi METHOD PATH [JSON]: a REST call as the rep, not by taskdeck.
sfapi() {
	SFTOKEN=$(ctl POST token '{}' | jq -r .access_token)
	if [ -n "$3" ]; then
		curl -s -X "$1" -H "Authorization: Bearer $SFTOKEN" \
		    -H 'Content-Type: application/json' --data-binary "$3" \
		    "$EMU/services/data/v59.0/$2"
	else
		curl -s -X "$1" -H "Authorization: Bearer $SFTOKEN" \
		    "$EMU/services/data/v59.0/$2"
	fi
}

# sf_task SUBJECT FIELD: a field of the live SF task with that subject.
sf_task() {
	ctl GET tasks | jq -r --arg s "$1" --arg f "$2" \
	    '[.[] | select(.Subject == $s and .IsDeleted == false)][0][$f]'
}

# sf_count SUBJECT: live SF tasks with that subject.
sf_count() {
	ctl GET tasks | jq --arg s "$1" \
	    '[.[] | select(.Subject == $s and .IsDeleted == false)] | length'
}

# task_list N PREFIX: the JSON list of N of the rep's tasks created today,
# subjects "PREFIX1" to "PREFIXN", for a seed's "tasks".
task_list() {
	printf '['
	_i=1
	while [ $_i -le "$1" ]; do
		[ $_i -gt 1 ] && printf ','
		printf '{"Subject": "%s%d", "Owner": "rep", "CreatedDaysAgo": 0}' \
		    "$2" $_i
		_i=$((_i + 1))
	done
	printf ']'
}

# add_synced NAME: adds a reminder due today, syncs it, prints its id.
add_synced() {
	"$TASKDECK" add "$1" --due today >/dev/null
	"$TASKDECK" sync --once >/dev/null 2>&1
	local_id "$1"
}

# hold METHOD MS: sfemu holds the next METHOD (POST: creates, PATCH:
# updates) to the composite collections for MS ms before applying it.
hold() {
	ctl POST faults "{\"kind\":\"latency\",\"latency_ms\":$2,\"count\":1,\"method\":\"$1\",\"path\":\"/services/data/v59.0/composite/sobjects\"}" >/dev/null
}

# kill_sync_when_held METHOD: runs `taskdeck sync --once` in the
# background and SIGKILLs it once sfemu has received a METHOD request to
# the REST API (sfemu counts a request on arrival, before a latency fault
# holds it), so the request outlives its process.  Resets the counters.
kill_sync_when_held() {
	ctl DELETE calls >/dev/null
	"$TASKDECK" sync --once >/dev/null 2>&1 &
	_held_pid=$!
	_held_i=0
	while [ $_held_i -lt 200 ] && [ "$(ctl GET calls | jq --arg m "$1 /services" \
	    '[to_entries[] | select(.key | startswith($m))] | length')" = 0 ]; do
		sleep 0.05
		_held_i=$((_held_i + 1))
	done
	kill -9 $_held_pid 2>/dev/null
	wait $_held_pid 2>/dev/null
}

# calls_total: API calls since the last calls reset.
# The Streaming API's CometD requests (C12) are not REST API calls: they
# count against the streaming allocations, not the daily API requests.
calls_total() {
	ctl GET calls | jq '[to_entries[] | select(.key | test("/cometd/") | not)
	    | .value] | add // 0'
}

# calls_writes: POST/PATCH/DELETE calls (OAuth excluded).
calls_writes() {
	ctl GET calls | jq '[to_entries[] | select((.key | test("^(POST|PATCH|DELETE) /services/data")))
	    | .value] | add // 0'
}

# local_id NAME: the id of the local reminder with that name.
local_id() {
	"$TASKDECK" list --all --json | jq -r --arg n "$1" \
	    '[.[] | select(.name == $n)][0].id'
}

# local_field NAME FIELD
local_field() {
	"$TASKDECK" list --all --json | jq -r --arg n "$1" --arg f "$2" \
	    '[.[] | select(.name == $n)][0][$f]'
}

# login_device: `taskdeck login` by the device flow, approved through the
# control API as the first user.
login_device() {
	ctl POST settings '{"device_interval": 1}' >/dev/null
	"$TASKDECK" login --instance "$EMU" --client-id taskdeck-test \
	    >"$TMP/login.out" 2>"$TMP/login.err" &
	lpid=$!
	i=0
	# Up to 60 s for the code on a loaded machine (an ASan build at two
	# tests a core has taken over 30 s, cause not found: the output below
	# is for that); without one the login would poll until the device
	# code expires (10 min): stop it instead.
	while ! grep -q 'code:' "$TMP/login.out" 2>/dev/null &&
	    [ $i -lt 1200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	code=$(sed -n 's/.*code: //p' "$TMP/login.out")
	if [ -z "$code" ]; then
		echo "# login_device: no user code after 60 s; the login's" \
		    "output, errors and state:" >&2
		sed 's/^/#   /' "$TMP/login.out" "$TMP/login.err" >&2
		ps -o pid,stat,wchan:20,etime,args -p "$lpid" 2>&1 |
		    sed 's/^/#   /' >&2
		kill "$lpid" 2>/dev/null
		wait $lpid
		login_rc=124
		return
	fi
	ctl POST device/approve "{\"user_code\":\"$code\"}" >/dev/null
	wait $lpid
	login_rc=$?
}

# watch_start: `sync --watch` in the background (output in
# $TMP/watch.out, pid in WPID, stopped at exit), waiting up to 10 s for
# its first cycle to end idle; status 0 if it did.  watch_stop ends it.
watch_stop() {
	[ -n "$WPID" ] && kill -TERM "$WPID" 2>/dev/null && wait "$WPID"
	WPID=
}
watch_start() {
	: >"$TMP/watch.out"
	"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
	WPID=$!
	case " $cleanup_hooks " in *" watch_stop "*) ;;
	*) cleanup_hooks="$cleanup_hooks watch_stop" ;; esac
	i=0
	while ! grep -q '^sync: idle' "$TMP/watch.out" && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	grep -q '^sync: idle' "$TMP/watch.out"
}
