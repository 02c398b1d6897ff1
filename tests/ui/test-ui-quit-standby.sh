#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Issue 15, C11: `q` with unsent changes asks only when nothing else will
# send them.  A `sync --watch` waiting for the lock this UI holds takes
# over within 2 s of the UI quitting, so the UI quits without the
# question; with no waiting process (the watch stopped) it asks.  80x24.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/sync/sync-lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
need_tools curl jq

emu_start
ctl POST seed "{\"settings\": {\"device_interval\": 1},
 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\", \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
 \"tasks\": $(task_list 2 Q)}" >/dev/null
login_device
td config set sync.poll_interval 600
td sync --enable
td sync --once
ok $rc "first sync"

ui_start 80 24
ui_wait "up to date"
ok $? "C11 the UI syncs"
P1=$(ui_pid)
# Two changes that cannot reach Salesforce for now.
ctl POST faults '{"kind":"status","status":503,"count":1000,"method":"*","path":"/services/data/"}' >/dev/null
"$TASKDECK" add "Unsent one" --due today >/dev/null
"$TASKDECK" add "Unsent two" --due today >/dev/null
ui_wait "2 pending"
ok $? "C11 two changes wait for Salesforce"

# A watch waits for the lock the UI holds.
"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
WPID=$!
cleanup_hooks="$cleanup_hooks watch_stop"
n=0
while ! grep -q '^sync: waiting: synced by a taskdeck window' "$TMP/watch.out" &&
    [ $n -lt 100 ]; do
	sleep 0.05
	n=$((n + 1))
done
grep -q '^sync: waiting: synced by a taskdeck window' "$TMP/watch.out"
ok $? "C11 the watch waits for the lock"
sleep 0.6	# its first look done, it is a standby

ui_keys q
ui_wait_exit
is "$ui_status" 0 "C11 q with a waiting syncer quits at once, without the question"
n=0
while [ "$("$TASKDECK" status --json | jq -r .syncer_pid)" != "$WPID" ] &&
    [ $n -lt 40 ]; do
	sleep 0.05
	n=$((n + 1))
done
is "$("$TASKDECK" status --json | jq -r .syncer_pid)" "$WPID" \
    "C11 the waiting watch took over (the changes go with it)"

# No one waits any more: the UI (waiting while the watch syncs) takes
# over once the watch stops, and then q asks.
ui_start 80 24
ui_wait "synced by taskdeck sync --watch"
ok $? "C11 a new UI shows the watch as the syncer"
watch_stop
ui_wait "2 pending" 10
ui_keys q
ui_wait "2 changes not yet in Salesforce"
ok $? "C11 q with unsent changes and no one waiting asks first"
ui_keys y
ui_wait_exit
is "$ui_status" 0 "C11 y quits"

done_testing
