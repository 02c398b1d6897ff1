#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The mouse (issue 16 finding 10): a click selects the row under it, a
# double click opens its details, the wheel scrolls; only clicks and the
# wheel are asked for (no motion tracking), so Shift+drag still selects
# text in the terminal.  Mouse reports are typed into the pane as an
# xterm sends them (ESC [ M b x y).
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

for n in 1 2 3 4 5 6 7 8; do
	td add "Reminder number $n" --due today
done

# mouse B X Y: one xterm X10 report (B 0 press, 3 release, 64/65 wheel).
mouse() {
	ui_type "$(printf '\033[M%b%b%b' \
	    "\\0$(printf '%o' $((32 + $1)))" \
	    "\\0$(printf '%o' $((33 + $2)))" \
	    "\\0$(printf '%o' $((33 + $3)))")"
}
sel() {
	ui_screen | sed -n '/Details/{n;p;}'
}

ui_start 80 24 TERM=screen
ui_wait 'Today (8)'
# Screen row 5 (0-based: header, heading, then rows) is the fourth reminder.
mouse 0 20 5
mouse 3 20 5
sleep 0.6
is "$(sel)" "Reminder number 4" "mouse: a click selects the row under it"
mouse 65 20 4
sleep 0.6
is "$(sel)" "Reminder number 7" "mouse: the wheel moves three rows down"
mouse 64 20 4
sleep 0.6
is "$(sel)" "Reminder number 4" "mouse: and three rows up"
mouse 0 20 3
mouse 3 20 3
mouse 0 20 3
mouse 3 20 3
ui_wait 'Salesforce Id:' 5
ok $? "mouse: a double click opens the details"
ui_screen | grep -q 'Name: *Reminder number 2'
ok $? "mouse: ... of the row clicked"
ui_keys q
ui_wait 'Today ('
ui_tmux capture-pane -p >/dev/null
ui_keys q
ui_wait_exit
done_testing
