#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The README's first command, end to end in tmux at 80x24: sfemu --demo,
# a device-flow login, sync on, the command center filling with synced
# demo reminders; quitting stops sfemu and removes the throwaway profile.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
sock="td-demo-$$"
stop_tmux() { tmux -L "$sock" kill-server 2>/dev/null; }
cleanup_hooks="$cleanup_hooks stop_tmux"
export TMPDIR="$TMP"

tmux -L "$sock" new-session -d -x 80 -y 24 \
    "sh '$TD_SRCDIR/tests/demo.sh' '$TD_BUILDDIR'; echo DEMO-EXIT=\$?; sleep 60"
# wait_screen PATTERN: up to 30 s for PATTERN on the screen.
wait_screen() {
	i=0
	while ! tmux -L "$sock" capture-pane -p | grep -q "$1"; do
		i=$((i + 1))
		[ $i -gt 300 ] && return 1
		sleep 0.1
	done
}
wait_screen 'up to date'
ok $? "U5 S2 the demo logs in, syncs and shows 'up to date'"
screen=$(tmux -L "$sock" capture-pane -p)
printf '%s\n' "$screen" | grep -q '^Today' &&
    printf '%s\n' "$screen" | grep -q 'Tomorrow'
ok $? "U1 the demo shows Today and Tomorrow at 80x24"
n=$(printf '%s\n' "$screen" | grep -c ' synced$')
[ "$n" -ge 5 ]
ok $? "S2 demo reminders arrive from sfemu, synced ($n rows)"
# Due today in the seed, but owned by a colleague / recurring: out of scope.
printf '%s\n' "$screen" | grep -q 'Send pricing sheet\|Weekly pipeline review'
ok $(( ! $? )) "F7 a colleague's task and a recurring one stay out"
ls "$TMP"/taskdeck-demo.* >/dev/null 2>&1
ok $? "the demo runs in a throwaway profile"
tmux -L "$sock" send-keys q
wait_screen 'DEMO-EXIT=0'
ok $? "quitting the demo exits 0"
ls "$TMP"/taskdeck-demo.* >/dev/null 2>&1
ok $(( ! $? )) "quitting removes the throwaway profile (and its sfemu)"
done_testing
