#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Issue 17 in the command center, at 80x24 in tmux, against sfemu: the
# type's one-cell mark in the row (and its ASCII fallback under LANG=C),
# the type filter T, the type in the add form, o on a synced reminder (the
# opener with a local display; the link shown and copied with OSC 52
# without one; why there is no link for a reminder not in Salesforce), the
# subject template's fields and live preview in the settings (F6, F10);
# and the CLI's `taskdeck open` (F11).  doc/sync.md F8, F10, F11.  Every
# check failed on the code before issue 17 (no types, no o, no open).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/ui/lib-ui.sh"
need_tools curl jq
# The UI and sfemu's seed both go by the real date here.
unset TASKDECK_TODAY

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw1"}],
 "tasks": [
  {"Subject": "Call Ana back", "Owner": "rep", "TaskSubtype": "Call", "ActivityDate": 0, "CreatedDaysAgo": 0},
  {"Subject": "Mail the quote", "Owner": "rep", "Type": "Email", "ActivityDate": 0, "CreatedDaysAgo": 0},
  {"Subject": "InMail Li", "Owner": "rep", "TaskSubtype": "LinkedIn", "ActivityDate": 0, "CreatedDaysAgo": 0},
  {"Subject": "Plain chore", "Owner": "rep", "ActivityDate": 0, "CreatedDaysAgo": 0}
 ]}' >/dev/null
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync"
# Sync paused: the UI starts no engine, and a reminder added now waits for
# its create (S5), with no Salesforce Id yet.
td sync --disable
td add "Local only" --due tomorrow --type call
SFID=$(local_field "Call Ana back" sf_id)
INST=$("$TASKDECK" config get sf.instance_url)

# --- F11: taskdeck open -------------------------------------------------------
CID=$(local_id "Call Ana back")
td open "$CID" --print
is "$out" "$INST/lightning/r/Task/$SFID/view" \
    "F11 taskdeck open prints the task's Lightning URL (sfemu: on its own host)"
td open "$(local_id "Local only")"
is "$rc" 1 "F11 a reminder not yet in Salesforce has no link (exit 1)"
case "$err" in *"not in Salesforce yet"*) r=0 ;; *) r=1 ;; esac
ok $r "F11 ... and says why"
cat >"$TMP/opener" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >"$TMP/opened"
EOF
chmod +x "$TMP/opener"
DISPLAY=:9 TASKDECK_OPENER="$TMP/opener" "$TASKDECK" open "$CID" >/dev/null
i=0
while [ ! -s "$TMP/opened" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
is "$(cat "$TMP/opened" 2>/dev/null)" "$INST/lightning/r/Task/$SFID/view" \
    "F11 with a local display taskdeck open starts the opener on the URL"
rm -f "$TMP/opened"
DISPLAY=:9 SSH_CONNECTION="10.0.0.1 1 10.0.0.2 22" \
    TASKDECK_OPENER="$TMP/opener" "$TASKDECK" open "$CID" >/dev/null
sleep 0.3
[ ! -e "$TMP/opened" ]
ok $? "F11 over SSH nothing is started on the remote host"

# --- F8: the row mark, the filter -------------------------------------------
ui_start 80 24 TASKDECK_OPENER="$TMP/opener" DISPLAY= WAYLAND_DISPLAY=
ui_wait "Plain chore" 10
ui_screen >"$TMP/s1"
grep -q "✆ Call Ana back" "$TMP/s1"
ok $? "F8 a call carries its one-cell mark before the name"
grep -q "✉ Mail the quote" "$TMP/s1" && grep -q "ʟ InMail Li" "$TMP/s1"
ok $? "F8 ... an email and a LinkedIn message theirs"
grep -q "\]    Plain chore" "$TMP/s1"
ok $? "F8 other has no mark"
ui_keys T
ui_wait "only Call" 5
ok $? "F8 T shows only calls and the heading says so"
ui_screen >"$TMP/s2"
grep -q "Call Ana back" "$TMP/s2" && ! grep -q "Mail the quote" "$TMP/s2"
ok $? "F8 ... the other types are hidden"
ui_keys T T T T
ui_wait "Mail the quote" 5
ok $? "F8 T cycles back to all types"

# --- F11: o ------------------------------------------------------------------
ui_keys g
ui_wait ">[ ]  ✆ Call Ana back" 5
ui_keys o
ui_wait "lightning/r/Task/$SFID/view  copied" 5
ok $? "F11 o without a local display shows the link and copies it (OSC 52)"
ui_keys G
ui_keys o
ui_wait "not in Salesforce" 5
ok $? "F11 o on a reminder not in Salesforce says why"
ui_keys q
ui_wait_exit

# What reaches the terminal: the OSC 52 copy, and the OSC 8 link laid over
# the message line where the terminal shows links (forced here: tmux
# itself drops OSC 8 unless told to pass it on).
ui_start 80 24 TASKDECK_HYPERLINKS=1 DISPLAY= WAYLAND_DISPLAY=
ui_wait "Call Ana back" 5
: >"$TMP/pty"
ui_tmux pipe-pane -o "cat >>'$TMP/pty'"
ui_keys g o
ui_wait "copied (OSC 52)" 5
sleep 0.3
ui_tmux pipe-pane
b64=$(printf '%s' "$INST/lightning/r/Task/$SFID/view" | base64 -w0)
grep -q "]52;c;$b64" "$TMP/pty"
ok $? "F11 o copies the link with OSC 52 (base64 of the URL)"
grep -q "]8;;$INST/lightning/r/Task/$SFID/view" "$TMP/pty"
ok $? "F11 o writes the link as an OSC 8 hyperlink where links are shown"
ui_keys q
ui_wait_exit

ui_start 80 24 TASKDECK_OPENER="$TMP/opener" DISPLAY=:9
ui_keys g o
i=0
while [ ! -s "$TMP/opened" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
grep -q "lightning/r/Task/" "$TMP/opened" 2>/dev/null
ok $? "F11 o with a local display starts the opener, the UI goes on"
ui_wait "opened in the browser" 5
ok $? "F11 ... and says so"

# --- F8: the add form's type ---------------------------------------------------
ui_keys a
ui_wait "Add a reminder" 5
ui_type "Ring Omar"
ui_keys Tab Tab Tab
ui_wait "Type      ( ) Call  ( ) Email  ( ) LinkedIn  (*) Other" 5
ok $? "F8 the add form has a type row, Other by default"
ui_keys Space Space
ui_wait "(*) Email" 5
ok $? "F8 Space cycles the type"
ui_keys C-s
ui_wait "added reminder" 5
is "$(local_field "Ring Omar" type)" email "F8 the form saves the type"
ui_keys q
ui_wait_exit

# --- issue 17 deliverable 4: the template's fields and live preview ---------
ui_start 80 24
ui_wait "Call Ana back" 5
ui_keys g s
ui_wait "Settings" 5
n=0
while ! ui_screen | grep -q "Preview:" && [ $n -lt 20 ]; do
	ui_keys Down
	sleep 0.1
	n=$((n + 1))
done
ui_wait "Fields: {{activity_subject}} name, {{activity_type}} Call/Email/InMail/Custom" 5
ok $? "F10 the template row lists the dynamic fields it accepts"
ui_wait "Preview: Call Ana back" 5
ok $? "F6 the preview shows the Subject of the selected reminder"
ui_keys Enter C-u
ui_type "{{activity_type}}: {{activity_subject}}"
ui_wait "Preview: Call: Call Ana back" 5
ok $? "F10 the preview follows the template as it is typed"
ui_screen >"$TMP/s3"
grep -q "^ Fields: .*/Custom$" "$TMP/s3" && grep -q "Preview: Call: Call Ana back" "$TMP/s3" &&
    grep -q "^sync.subject_template: {{activity_type}}: {{activity_subject}}" "$TMP/s3"
ok $? "F10 U7 at 80x24 the fields, the preview and the template being typed all show, uncut"
ui_keys Escape Escape
sleep 0.2
ui_keys y q
ui_wait_exit

# --- F8 under LANG=C: the ASCII marks ------------------------------------------
ui_start 80 24 LANG=C LC_ALL=C
ui_wait "Plain chore" 10
ui_screen >"$TMP/s4"
grep -q "C Call Ana back" "$TMP/s4" && grep -q "E Mail the quote" "$TMP/s4" &&
    grep -q "L InMail Li" "$TMP/s4"
ok $? "F8 U7 under LANG=C the marks are C, E, L"
ui_keys q
ui_wait_exit
done_testing
