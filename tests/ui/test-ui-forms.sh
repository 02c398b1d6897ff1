#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Forms and settings (U3, U6; issue 16 finding 8): Esc on a filled-in
# add/edit form asks before dropping it, x and e work on the details
# page, the settings show a plain label with the key beside it, and
# after ticking sync without a login the UI says to press L (which logs
# in from the main screen too).
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

td add "Call Ana about the renewal" --due today
ui_start 80 24
ui_wait 'Today (1)'

# Esc on a filled-in add form asks first; n goes back to the form.
ui_keys a
ui_wait 'Add a reminder'
ui_type 'Half-typed reminder'
ui_keys Escape
ui_wait 'Discard' 5
ok $? "U3 Esc on a filled-in add form asks before dropping it"
ui_keys n
ui_wait 'Add a reminder'
ui_screen | grep -q 'Half-typed reminder'
ok $? "U3 n keeps the form with what was typed"
ui_keys Escape
ui_wait 'Discard'
ui_keys y
ui_wait 'Today (1)'
ok $? "U3 y drops it"
td list --all
echo "$out" | grep -q 'Half-typed'
ok $((! $?)) "U3 nothing was saved"
# An untouched form closes at once.
ui_keys a
ui_wait 'Add a reminder'
ui_keys Escape
ui_wait 'cancelled'
ok $? "U3 Esc on an untouched form closes it without a question"

# x and e on the details page.
ui_keys Enter
ui_wait 'Salesforce Id:'
ui_keys x
ui_wait '[x]' 5
ok $? "U3 x on the details page completes the reminder"
is "$(ui_json_field 1 status)" "complete" "U3 ... in the cache"
ui_keys Enter
ui_wait 'Salesforce Id:'
ui_keys e
ui_wait 'Edit reminder 1' 5
ok $? "U3 e on the details page opens the edit form"
ui_keys Escape
ui_wait 'Today ('

# Settings: plain labels with the key beside them.
ui_keys s
ui_wait 'Settings'
ui_screen | grep -q 'Priority for High reminders (sf.priority_high)'
ok $? "U6 the settings show a plain label with the key beside it"
ui_keys Space
ui_wait '[x] Sync reminder tasks'
ui_keys S
ui_wait 'settings saved' 5
ui_screen | grep -q 'press L to log in'
ok $? "U6 after ticking sync without a login the UI says: press L to log in"
ui_screen | grep -q 'run taskdeck login'
ok $((! $?)) "U6 and not: run taskdeck login"
ui_keys L
ui_wait 'Settings' 5
ok $? "U6 L on the main screen opens the settings to log in"
ui_keys Escape
ui_keys q
ui_wait_exit
# More settings than an 80x24 screen has rows: the rows scroll, so the
# last key can be reached and seen.
ui_start 80 24
ui_keys s
ui_wait 'Settings' 5
ui_keys Down Down Down Down Down Down Down Down Down Down Down Down \
    Down Down Down Down Down Down Down Down Down Down Down Down
ui_wait 'Colours (ui.color)' 5
ok $? "U6 U7 the settings rows scroll at 80x24: the last one is shown"
ui_keys Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
ui_wait 'Check Salesforce every' 5
ok $? "U6 U7 ... and back to the first"
ui_keys Escape q
ui_wait_exit
done_testing
