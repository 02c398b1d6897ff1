#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# C11, issue 15: a cycle that lasts is recorded in the cache, so `status`
# and the other windows see it ("first-sync" through a long first import,
# then "idle"); a short cycle records nothing until it ends (no extra
# commit for the other windows to reload).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
need_tools jq curl sqlite3

emu_start
ctl POST seed "{\"settings\": {\"device_interval\": 1, \"query_batch\": 100},
 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\", \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
 \"tasks\": $(task_list 600 R)}" >/dev/null
login_device
td sync --enable
# Six pages of 100, each held 500 ms in sfemu: a first sync of some 3 s.
ctl POST faults '{"kind":"latency","latency_ms":500,"method":"GET","path":"/services/data/v59.0/query","count":6}' >/dev/null
"$TASKDECK" sync --once >"$TMP/once.out" 2>&1 &
opid=$!
seen=
while kill -0 $opid 2>/dev/null; do
	st=$("$TASKDECK" status --json 2>/dev/null | jq -r .state)
	case " $seen " in *" $st "*) ;; *) seen="$seen $st" ;; esac
	sleep 0.1
done
wait $opid
ok $? "first sync"
echo "# states seen by status during the first sync:$seen"
case "$seen" in *first-sync*) r=0 ;; *) r=1 ;; esac
ok $r "C11 status shows first-sync while a long first import runs (recorded in the cache)"
is "$("$TASKDECK" status --json | jq -r .state)" idle "C11 and idle once it ended"
is "$(sqlite3 "$CACHE" 'SELECT count(*) FROM reminder')" 600 "all 600 imported"

done_testing
