#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Editing from the keys (U3): add in the form with the line editor, complete,
# edit, delete with confirmation, bad input refused (B2); the settings
# screen's sync checkbox (U6, S1).  Every result is checked in the cache
# through the CLI, which reads the same operations.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

tomorrow=$(date -d tomorrow +%Y-%m-%d 2>/dev/null ||
    date -v+1d +%Y-%m-%d)
td add "First reminder" --due today
ui_start 80 24
ui_wait 'First reminder'
ok $? "U1 the UI opens on a small cache"

# Add: name typed with the line editor's cursor keys and Backspace (UTF-8).
ui_keys a
ui_wait 'Add a reminder'
ok $? "U3 a opens the add form"
ui_type 'Cafe'
ui_keys BSpace
ui_type 'é 李雷'
ui_keys Left BSpace Tab C-u
ui_type 'tomorrow'
ui_keys Tab Space Tab Tab	# priority, then past the type (F8) to the details
ui_type 'line one'
ui_keys Enter
ui_type 'línea dos'
ui_keys C-s
ui_wait 'added reminder 2'
ok $? "U3 the form saves with ^S"
is "$(ui_json_field 2 name)" "Café 雷" \
    "U3 line editor: Backspace and Left move by UTF-8 characters"
is "$(ui_json_field 2 due)" "$tomorrow" "U3 the due date is parsed (tomorrow)"
is "$(ui_json_field 2 priority)" "high" "U3 Space sets the priority"
is "$(ui_json_field 2 details)" 'line one\nlínea dos' \
    "U3 details are multi-line (Enter inserts a line break)"
ui_wait 'Tomorrow (1)'
ok $? "U1 the new reminder shows under Tomorrow"

# Complete and reopen the selected reminder (the new one).
ui_keys Space
ui_wait 'completed reminder 2'
is "$(ui_json_field 2 status)" "complete" "U3 space completes (cmd_set_status)"
ui_keys x
ui_wait 'reopened reminder 2'
is "$(ui_json_field 2 status)" "open" "U3 x reopens"

# Edit: the name, keeping the rest.
ui_keys e
ui_wait 'Edit reminder 2'
ui_keys C-a
ui_type 'Re: '
ui_keys F2
ui_wait 'saved reminder 2'
is "$(ui_json_field 2 name)" "Re: Café 雷" "U3 e edits the name (F2 saves)"
is "$(ui_json_field 2 priority)" "high" "U3 an edit keeps the other fields"

# B2: an empty name is refused and nothing is saved.
ui_keys e
ui_wait 'Edit reminder 2'
ui_keys C-u C-s
ui_wait 'name'
ui_screen | grep -qi 'empty'
ok $? "B2 an empty name gets a clear message in the form"
ui_keys Escape
ui_wait 'Discard'
ui_keys y
ui_wait 'cancelled'
is "$(ui_json_field 2 name)" "Re: Café 雷" "B2 nothing is saved"

# Delete asks first.
ui_keys d
ui_wait 'Delete "Re: Café 雷"? (y/n)'
ok $? "U3 d asks before deleting"
ui_keys n
ui_wait 'not deleted'
"$TASKDECK" show 2 >/dev/null 2>&1
ok $? "U3 n keeps the reminder"
ui_keys d
ui_wait '(y/n)'
ui_keys y
ui_wait 'deleted reminder 2'
"$TASKDECK" show 2 >/dev/null 2>&1
is $? 2 "U3 y deletes it from the cache"

# Settings: tick the sync box and save (S1); T0 is recorded by the
# same operation as the CLI's (S2).
ui_keys s
ui_wait 'Sync reminder tasks with Salesforce'
ok $? "U6 s opens the settings with the sync checkbox"
ui_screen | grep -q '\[ \] Sync reminder tasks with Salesforce'
ok $? "S1 sync is off by default"
ui_screen | grep -q 'sync.poll_interval'
ok $? "U6 the other settings are listed"
ui_keys Space
ui_wait '[x] Sync reminder tasks with Salesforce *'
ui_keys S
ui_wait 'settings saved: sync switched on'
ok $? "U6 Save applies the checkbox"
td config get sync.enabled
is "$out" "true" "S1 the setting is saved through cmd_config_set"
ui_screen | grep -q '^ sync off'
ok $((! $?)) "U5 the status line no longer says sync off"

ui_keys q
ui_wait_exit
is "$ui_status" 0 "U3 q quits"
done_testing
