#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Issue 15, deliverable 2 (C11): two command centers on one cache at 80x24.
# The first syncs; the second shows who does and that engine's state; `r`
# in the second asks the first to sync now; SIGKILL of the first and the
# second takes over within 2 s; `q` with unsent changes and no other
# syncer asks first.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/sync/sync-lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
need_tools curl jq

# now_s: seconds since the epoch, to the millisecond.
now_s() {
	date +%s.%N | cut -c1-14
}
# The second UI runs on a tmux server of its own (tmux 3.3a's server dies
# when a second window is made with window-size manual, as ui_start sets).
UI2_SOCK="td-ui2-$$"
ui2() {
	tmux -L "$UI2_SOCK" "$@"
}
ui2_kill() {
	tmux -L "$UI2_SOCK" kill-server >/dev/null 2>&1
}
cleanup_hooks="$cleanup_hooks ui2_kill"
# scr2: the second UI's screen; wait2 TEXT [SECONDS]: waits for TEXT there.
scr2() {
	ui2 capture-pane -p
}
wait2() {
	_n=$(( ${2:-$UI_TIMEOUT} * 10 ))
	while [ "$_n" -gt 0 ]; do
		scr2 | grep -qF -- "$1" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	echo "# timed out waiting in the second UI for: $1"
	scr2 | sed 's/^/#   | /'
	return 1
}
holder_pid() {
	"$TASKDECK" status --json | jq -r .syncer_pid
}
# lock_pid: the pid the lock file names (what `status` reads, without the
# cost of a process and a cache open: the hand-over's clock).
lock_pid() {
	cut -d' ' -f1 "$CACHE.sync-lock" 2>/dev/null
}

emu_start
ctl POST seed "{\"settings\": {\"device_interval\": 1},
 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\", \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
 \"tasks\": $(task_list 3 H)}" >/dev/null
login_device
td config set sync.poll_interval 600
td sync --enable
td sync --once
ok $rc "first sync"

# The first UI syncs.
ui_start 80 24
ui_wait "up to date"
ok $? "C11 the first UI syncs"
P1=$(ui_pid)
is "$(holder_pid)" "$P1" "C11 the first UI holds the sync lock"

# The second UI, on the same cache, shows who syncs.
ui2 -f /dev/null new-session -d -x 80 -y 24 \
    "echo \$\$ >'$TMP/ui2-sh'; '$TASKDECK' 2>'$TMP/ui2-stderr'; echo \$? >'$TMP/ui2-rc'"
wait2 "synced by a taskdeck window, pid $P1"
ok $? "C11 the second UI shows who syncs (synced by a taskdeck window, pid $P1)"
wait2 "up to date"
ok $? "C11 the second UI shows that engine's state, read from the cache"
scr2 | grep -q "sync on but not running"
[ $? -ne 0 ]
ok $? "C11 the second UI no longer says sync on but not running"
P2=$(ps -o pid= --ppid "$(cat "$TMP/ui2-sh")" | tr -d ' ')

# r in the second UI: the first syncs within a second.
ctl DELETE calls >/dev/null
t0=$(now_s)
ui2 send-keys r
n=0
while [ "$(calls_total)" = 0 ] && [ $n -lt 40 ]; do
	sleep 0.05
	n=$((n + 1))
done
t1=$(now_s)
took=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
[ "$(calls_total)" -gt 0 ] && awk "BEGIN{exit !($took <= 1.0)}"
ok $? "C11 r in the second UI makes the holder sync within 1 s ($took s)"
wait2 "asked pid $P1 to sync now"
ok $? "C11 r in the second UI says it asked the holder"

# SIGKILL of the first: the second takes over within 2 s.
kill -KILL "$P1"
t0=$(now_s)
n=0
while [ "$(lock_pid)" != "$P2" ] && [ $n -lt 600 ]; do
	sleep 0.005
	n=$((n + 1))
done
t1=$(now_s)
took=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
echo "# hand-over to the second UI after SIGKILL of the first: $took s"
is "$(holder_pid)" "$P2" "C11 the second UI holds the lock after SIGKILL of the first"
awk "BEGIN{exit !($took <= 2.0)}"
ok $? "C11 the second UI takes over within 2 s of SIGKILL ($took s)"
wait2 "syncing here now (pid $P1 stopped)"
ok $? "C11 the second UI says it syncs now"
scr2 | grep -q "synced by"
[ $? -ne 0 ]
ok $? "C11 the who-syncs line is gone once the second UI syncs"

# q with unsent changes and no other syncer asks first.
ctl POST faults '{"kind":"status","status":503,"count":1000,"method":"*","path":"/services/data/"}' >/dev/null
"$TASKDECK" add "Unsent one" --due today >/dev/null
"$TASKDECK" add "Unsent two" --due today >/dev/null
"$TASKDECK" add "Unsent three" --due today >/dev/null
wait2 "3 pending"
ok $? "C11 three changes wait for Salesforce"
ui2 send-keys q
wait2 "3 changes not yet in Salesforce"
ok $? "C11 q with unsent changes and no other syncer asks first"
scr2 | grep -q "They are sent the next time taskdeck syncs."
ok $? "C11 the question says when they are sent"
scr2 | sed 's/^/#   | /'
ui2 send-keys n
sleep 0.5
kill -0 "$P2" 2>/dev/null
ok $? "C11 n keeps the UI running"
ui2 send-keys q
wait2 "quit anyway?"
ui2 send-keys y
n=0
while kill -0 "$P2" 2>/dev/null && [ $n -lt 30 ]; do
	sleep 0.1
	n=$((n + 1))
done
! kill -0 "$P2" 2>/dev/null
ok $? "C11 y quits"
is "$(cat "$TMP/ui2-rc" 2>/dev/null)" 0 "C11 the UI exits 0"
is "$("$TASKDECK" status --json | jq .pending)" 3 "C11 the unsent changes are kept"

# The same question under a non-UTF-8 locale (U7): an ASCII dash.
ui_start 80 24 LC_ALL=C LANG=C
ui_keys q
ui_wait "3 changes not yet in Salesforce - quit anyway? (y/n)"
ok $? "C11 U7 the question under LANG=C is plain ASCII"
ui_keys y
ui_wait_exit
is "$ui_status" 0 "C11 y quits under LANG=C"

done_testing
