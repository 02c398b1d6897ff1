#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The command center at 80x24 with the demo data: the Today and Tomorrow
# sections (U1), the rows (U2), the keys and their help (U3), the status
# line with sync off (U5), search and the all-reminders view.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

td import --seed "$TD_SRCDIR/data/demo-seed.json"
ok $rc "import the demo seed (today's dates)"

ui_start 80 24
ok $? "U7 the UI opens at 80x24"
scr=$(ui_screen)
echo "$scr" | grep -q '^Today ([0-9]*)' &&
    echo "$scr" | grep -q 'Tomorrow ([0-9]*)'
ok $? "U1 Today and Tomorrow sections at 80x24"
echo "$scr" | sed -n 3p | grep -q ' overdue '
ok $? "U1 overdue open reminders head Today, marked overdue"
echo "$scr" | grep -F 'Call Ana about the renewal' |
    grep -F 'Ana Souza, Acme GmbH' | grep -q '^ \[ \] ! .*local *$'
ok $? "U2 a row shows done box, priority, name, Who/What and sync badge"
echo "$scr" | grep -q '^ sync off'
ok $? "U5 the status line says sync off"
echo "$scr" | grep -qF 'Send logistics case study'
ok $((! $?)) "U1 a reminder due later is not in the command center"

ui_keys A
ui_wait 'All reminders (40)'
ok $? "U1 A opens the all-reminders view"
ui_screen | grep -q '^ \[x\] '
ok $? "U2 a completed reminder shows a ticked box"
ui_keys End
ui_wait 'Send logistics case study'
ok $? "U1 a reminder due later is in the all-reminders view"
ui_keys Escape
ui_wait 'Today & Tomorrow'
ok $? "U3 Esc goes back to Today and Tomorrow"

ui_keys /
ui_type 'kessler'
ui_keys Enter
ui_wait 'Search "kessler" ('
ok $? "U3 / searches all reminders"
ui_screen | grep -qF 'Rückruf Sabine Krüger'
ok $? "U3 search finds by Who/What (store_search)"
ui_keys t
ui_wait 'Today ('

ui_keys Home Enter
ui_wait 'Salesforce Id: none'
ok $? "U3 Enter shows all details of a reminder"
ui_keys q
ui_wait 'Today ('

ui_keys '?'
ui_wait 'complete or reopen'
ok $? "U3 ? shows the help generated from the key table"
ui_keys q
ui_keys c
ui_wait 'No conflicts recorded.'
ok $? "C4 c opens the conflict log: empty, and says so"
ui_keys Escape
ui_wait 'Today ('

ui_keys q
ui_wait_exit
is "$ui_status" 0 "U3 q quits with status 0"

"$TASKDECK" --first-frame-exit </dev/null >/dev/null 2>&1
ok $? "a non-tty run with no command prints the list (UI not started)"
td --no-ui
echo "$out" | grep -q '^Today'
ok $? "--no-ui keeps printing the list"

done_testing
