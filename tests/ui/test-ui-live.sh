#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Live refresh (U4): changes another process (the CLI) makes to the cache
# reach the screen with no key pressed, and the cursor stays on the same
# reminder while rows appear and go above it.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

td add "Alpha call" --due today
td add "Bravo email" --due today
td add "Charlie demo" --due tomorrow
ui_start 80 24
ui_wait 'Charlie demo'
ui_keys j
ui_wait 'Due '
# The detail pane shows the selected reminder's name on its first line.
sel() {
	ui_screen | sed -n '/Details/{n;p;}'
}
is "$(sel)" "Bravo email" "U4 j selects the second reminder"

td add "Delta from the CLI" --due today --priority high
ui_wait 'Delta from the CLI' 5
ok $? "U4 a reminder added by the CLI appears with no key pressed"
is "$(sel)" "Bravo email" "U4 the cursor stays on the same reminder"
ui_wait 'Today (3)' 5
ok $? "U4 the section count follows"

td done 1
ui_wait '[x]    Alpha call' 5
ok $? "U4 a reminder completed by the CLI is ticked with no key pressed"

td edit 2 --name "Bravo email (renamed)"
ui_wait 'Bravo email (renamed)' 5
is "$(sel)" "Bravo email (renamed)" \
    "U4 an edit by the CLI shows in the detail pane of the selection"

td rm 1
ui_wait_gone 'Alpha call' 5
ok $? "U4 a reminder deleted by the CLI disappears"
is "$(sel)" "Bravo email (renamed)" "U4 the cursor stays when a row above goes"

td rm 2
ui_wait_gone 'Bravo email' 5
ok $? "U4 the selected reminder deleted elsewhere leaves the screen"
ui_screen | sed -n '/Details/{n;p;}' |
    grep -q 'Delta from the CLI\|Charlie demo'
ok $? "U4 the cursor moves to a neighbour"

ui_keys q
ui_wait_exit
is "$ui_status" 0 "U3 q quits"
done_testing
