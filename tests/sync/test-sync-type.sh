#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# A reminder's type against sfemu (issue 17; doc/sync.md F8-F10): a create
# with each type (TaskSubtype, and Type where the org has the value), the
# import from TaskSubtype and from Type, a later local type change (Type,
# or kept here where the org's Type has no such value), Salesforce
# changing the type, a conflict on the type (C4), {{activity_type}} in the
# subject template (F10), and `list --type` (F8).  Every check of a type
# failed on the code before issue 17 (it had no types).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
need_tools curl jq

# sf_by_id ID FIELD: a field of the SF task with that Id.
sf_by_id() {
	ctl GET tasks | jq -r --arg i "$1" --arg f "$2" \
	    '.[] | select(.Id == $i) | .[$f]'
}

# field_of LOCAL_ID FIELD: a field of a reminder, by id.
field_of() {
	"$TASKDECK" show "$1" --json | jq -r --arg f "$2" '.[$f]'
}

# conflict_of LOCAL_ID FIELD JQ: JQ on the newest log entry of that field.
conflict_of() {
	"$TASKDECK" conflicts --json | jq -r --argjson i "$1" --arg f "$2" \
	    "[.[] | select(.reminder_id == \$i and .field == \$f)][-1] | $3"
}

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw1"}],
 "tasks": [
  {"Subject": "Logged call", "Owner": "rep", "TaskSubtype": "Call", "CreatedDaysAgo": 0},
  {"Subject": "InMail sent", "Owner": "rep", "TaskSubtype": "LinkedIn", "CreatedDaysAgo": 0},
  {"Subject": "Typed email", "Owner": "rep", "Type": "Email", "CreatedDaysAgo": 0},
  {"Subject": "Meeting prep", "Owner": "rep", "Type": "Meeting", "CreatedDaysAgo": 0},
  {"Subject": "Plain task", "Owner": "rep", "CreatedDaysAgo": 0},
  {"Subject": "Retyped in SF", "Owner": "rep", "CreatedDaysAgo": 0},
  {"Subject": "Type race", "Owner": "rep", "CreatedDaysAgo": 0}
 ]}' >/dev/null
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync"

# --- F8: import ---------------------------------------------------------
is "$(local_field "Logged call" type)" call \
    "F8 TaskSubtype Call imports as a call"
is "$(local_field "InMail sent" type)" linkedin \
    "F8 TaskSubtype LinkedIn imports as a LinkedIn message"
is "$(local_field "Typed email" type)" email \
    "F8 Type Email (TaskSubtype Task) imports as an email"
is "$(local_field "Meeting prep" type)" other \
    "F8 Type Meeting imports as other"
is "$(local_field "Plain task" type)" other \
    "F8 TaskSubtype Task without a Type imports as other"

# --- F8: create with each type --------------------------------------------
for ty in call email linkedin other; do
	td add "New $ty" --due today --type "$ty"
done
td sync --once
ok $rc "F8 sync of four new reminders, one of each type"
is "$(sf_task "New call" TaskSubtype)/$(sf_task "New call" Type)" "Call/Call" \
    "F8 a call is created with TaskSubtype Call (and Type Call: the org has it)"
is "$(sf_task "New linkedin" TaskSubtype)" LinkedIn \
    "F8 a LinkedIn message is created with TaskSubtype LinkedIn"
is "$(sf_task "New email" TaskSubtype)/$(sf_task "New email" Type)" \
    "Task/Email" "F8 F7 an email is created as TaskSubtype Task with Type Email (never TaskSubtype Email: out of scope)"
is "$(sf_task "New other" TaskSubtype)/$(sf_task "New other" Type)" \
    "Task/null" "F8 other is created as TaskSubtype Task, no Type"
is "$(local_field "New email" type)" email \
    "F8 the email stays an email after its own create comes back (C5)"
td sync --once
is "$("$TASKDECK" status --json | jq -r .pending)" 0 "C9 nothing pending"

# --- F9: a later local type change ------------------------------------------
CID=$(local_id "New call")
CSF=$(sf_task "New call" Id)
td edit "$CID" --type email
ok $rc "F9 edit --type email"
td sync --once
is "$(sf_by_id "$CSF" Type)" Email \
    "F9 a later type change writes the standard Type picklist"
is "$(sf_by_id "$CSF" TaskSubtype)" Call \
    "F9 TaskSubtype is create-only: it stays Call"
td sync --once
is "$(field_of "$CID" type)" email \
    "F9 Type, once set, is the later word over TaskSubtype on the next pull"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C9 another cycle writes nothing"

# The org's Type has no LinkedIn: the change stays here, and is said so.
td edit "$CID" --type linkedin
ok $rc "F9 edit --type linkedin"
case "$err" in *"LinkedIn"*) r=0 ;; *) r=1 ;; esac
ok $r "F9 the CLI tells the user a LinkedIn type stays in taskdeck here"
td sync --once
is "$(sf_by_id "$CSF" Type)" Email \
    "F9 a type the org's Type picklist lacks is not written"
is "$(field_of "$CID" type)" linkedin "F9 ... and stays local"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C9 F9 the local-only type is not retried"
is "$(field_of "$CID" type)" linkedin "F9 ... nor undone by the pull"

# With LinkedIn added to the org's Type picklist, the next login learns it
# and a later change is written (below, F10).
ctl POST settings '{"task_type": [{"label": "Call"}, {"label": "Email"},
 {"label": "LinkedIn"}, {"label": "Other"}]}' >/dev/null
login_device
is "$login_rc" 0 "F9 A1 a new login learns the org's Type values again"

# --- F8 C3: Salesforce changes the type -----------------------------------
SID=$(local_id "Retyped in SF")
SSF=$(sf_task "Retyped in SF" Id)
sfapi PATCH "sobjects/Task/$SSF" '{"Type":"Call"}'
td sync --once
is "$(field_of "$SID" type)" call "F8 C3 a Type change in Salesforce comes in"

# --- C4: a conflict on the type ------------------------------------------
RID=$(local_id "Type race")
RSF=$(sf_task "Type race" Id)
td edit "$RID" --type call
sleep 1.2	# Date headers have one-second resolution
sfapi PATCH "sobjects/Task/$RSF" '{"Type":"Email"}'
td sync --once
ok $rc "C4 sync after a local type change and a later SF one"
is "$(field_of "$RID" type)" email "F9 C4 the later change (Salesforce) wins"
is "$(conflict_of "$RID" type '.lost')" call \
    "C4 the conflict log keeps the local type that lost"
is "$(conflict_of "$RID" type '.lost_side')" local \
    "C4 ... and says the local side lost"
td conflicts restore "$(conflict_of "$RID" type '.id')"
ok $rc "C4 F9 the lost type can be restored"
td sync --once
is "$(field_of "$RID" type)/$(sf_by_id "$RSF" Type)" call/Call \
    "C4 F9 ... back here, and written to Salesforce's Type"

# --- F10: {{activity_type}} in the subject template ----------------------
td config set sync.subject_template '{{activity_type}}: {{activity_subject}}'
ok $rc "F10 a template with activity_type"
td add "Ring Bob" --due today --type call
td add "Mail Ann" --due today --type email
td add "Ping Li" --due today --type linkedin
td add "Misc" --due today
td sync --once
is "$(sf_count "Call: Ring Bob")" 1 "F10 activity_type of a call renders Call"
is "$(sf_count "Email: Mail Ann")" 1 "F10 ... of an email, Email"
is "$(sf_count "InMail: Ping Li")" 1 "F10 ... of a LinkedIn message, InMail"
is "$(sf_count "Custom: Misc")" 1 "F10 ... of other, Custom"
BID=$(local_id "Ring Bob")
BSF=$(sf_task "Call: Ring Bob" Id)
td edit "$BID" --type linkedin
td sync --once
is "$(sf_by_id "$BSF" Subject)/$(sf_by_id "$BSF" Type)" \
    "InMail: Ring Bob/LinkedIn" \
    "F10 F9 a type change re-renders the Subject under activity_type"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C9 then nothing more is written"

# --- F8: list --type ------------------------------------------------------
td list --all --type linkedin --json
is "$(printf '%s' "$out" | jq -r '[.[].name] | sort | join(",")')" \
    "InMail sent,New call,New linkedin,Ping Li,Ring Bob" \
    "F8 list --type linkedin lists the LinkedIn reminders only"
td list --type fax
is "$rc" 1 "F8 B1 list --type with an unknown type is refused"
case "$err" in *"call, email, linkedin or other"*) r=0 ;; *) r=1 ;; esac
ok $r "F8 B1 ... with a message naming the types"
td add "Bad" --type fax
is "$rc" 1 "F8 B1 add --type with an unknown type is refused"
is "$(local_id Bad)" null "F8 B1 ... and nothing is added"

done_testing
