#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# C6, C2 without an external-Id field (issue "sync that holds in the real
# world", finding 8): a create whose answer was lost is found whatever
# happened to its task before the next cycle.  (a) Salesforce still held
# it past the old 120 s settle window; (b) a colleague edited it; (c) the
# rep deleted it; and a second copy of one create is deleted.  Each check
# failed on the code before its fix.  Salesforce's clock is moved with
# the control API instead of waiting minutes: the settle window is
# measured on it.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"

API=/services/data/v59.0

# reminders NAME: local reminders with that name.
reminders() {
	"$TASKDECK" list --all --json | jq --arg n "$1" \
	    '[.[] | select(.name == $n)] | length'
}

# posts: POST calls to the REST API since the last calls reset.
posts() {
	ctl GET calls | jq '[to_entries[] | select(.key | startswith("POST /services")) | .value] | add // 0'
}

# lose_create: the next create is applied by Salesforce, its answer lost.
lose_create() {
	ctl POST faults "{\"kind\":\"applied_drop\",\"method\":\"POST\",\"path\":\"$API/composite/sobjects\",\"count\":1}" >/dev/null
}

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw1"},
           {"key": "col", "Name": "Priya Nair", "Username": "priya@x", "Password": "pw2"}],
 "tasks": [{"Subject": "Call Ana", "Owner": "rep", "CreatedDaysAgo": 0}]}' >/dev/null
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync"

td status --json
is "$(printf '%s' "$out" | jq .exactly_once)" false \
    "C6 status --json: creates are not exactly-once without the external-Id field"
td status
printf '%s' "$out" | grep -q "^creates: *recovered by lookup"
ok $? "C6 status says creates are recovered by lookup ($out)"

# --- (a) Salesforce holds a create longer than the old settle window -----
# The request's process dies at once; Salesforce applies the create 4 s
# later in real time, but 123 s later on its own clock: past the old 120 s
# window, within Salesforce's 10-minute request limit.
hold POST 4000
td add "Held create" --due today
kill_sync_when_held POST
ctl POST clock '{"advance_seconds": 123}' >/dev/null
ctl DELETE calls >/dev/null
td sync --once
ok $rc "C6 a sync 123 s after an unanswered create"
is "$(posts)" 0 \
    "C6 a create Salesforce may still apply (10-minute request limit) is not resent at 123 s"
sleep 4		# Salesforce applies the held create meanwhile
td sync --once
td sync --once
is "$(sf_count "Held create")" 1 "C6 a create held past 120 s makes one task"
is "$(reminders "Held create")" 1 "C6 and one reminder"
is "$(local_field "Held create" sync)" synced "C6 linked to the late task"

# --- (b) a colleague edits the task before the next cycle ---------------
lose_create
td add "Edited before link" --due today --details "as sent"
td sync --once
is "$rc" 4 "C6 the lost answer fails the cycle"
TID=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Edited before link") | .Id')
COLTOK=$(ctl POST token '{"user":"col"}' | jq -r .access_token)
curl -s -X PATCH -H "Authorization: Bearer $COLTOK" \
    -H 'Content-Type: application/json' \
    --data-binary '{"Description": "colleague note"}' \
    "$EMU$API/sobjects/Task/$TID" >/dev/null
td sync --once
ok $rc "C6 the next cycle"
td sync --once
is "$(reminders "Edited before link")" 1 \
    "C6 a task a colleague edited before the link is not imported as a second reminder"
is "$(local_field "Edited before link" details)" "colleague note" \
    "C6 C4 the colleague's edit comes into the reminder"
ctl POST clock '{"advance_seconds": 700}' >/dev/null
td sync --once
td sync --once
is "$(sf_count "Edited before link")" 1 \
    "C6 nor re-created after the settle window: one task"
is "$(reminders "Edited before link")" 1 "C6 one reminder"

# --- (c) the rep deletes the task in Salesforce before the next cycle ----
lose_create
td add "Deleted before link" --due today
td sync --once
is "$rc" 4 "C6 the lost answer fails the cycle"
TID=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Deleted before link") | .Id')
sfapi DELETE "sobjects/Task/$TID" >/dev/null
ctl POST clock '{"advance_seconds": 700}' >/dev/null
td sync --once
ok $rc "C2 the next cycle"
td sync --once
is "$(sf_count "Deleted before link")" 0 \
    "C2 a task deleted in Salesforce is not brought back by a resend"
is "$(reminders "Deleted before link")" 0 "C2 its reminder goes"
td conflicts --json
printf '%s' "$out" | jq -e '[.[] | select(.name == "Deleted before link" and .field == "record")] | length == 1' >/dev/null
ok $? "C2 C4 the removed reminder is in the conflict log"

# A deleted task with the same subject but other values, made just
# before the reminder, is not the lost create's: the reminder stays and
# its create is sent again once it settled.
HAND=$(sfapi POST sobjects/Task '{"Subject": "Same subject", "Description": "made by hand"}' | jq -r .id)
sfapi DELETE "sobjects/Task/$HAND" >/dev/null
ctl POST faults "{\"kind\":\"drop\",\"method\":\"POST\",\"path\":\"$API/composite/sobjects\",\"count\":1}" >/dev/null
td add "Same subject" --due today --details "mine"
td sync --once
is "$rc" 4 "C6 a dropped create fails the cycle"
td sync --once
is "$(reminders "Same subject")" 1 \
    "C2 a deleted task with other values is not taken for the lost create's"
ctl POST clock '{"advance_seconds": 700}' >/dev/null
td sync --once
td sync --once
is "$(sf_count "Same subject")" 1 "C6 the create is sent once it settled"
is "$(local_field "Same subject" sync)" synced "C6 and linked"

# --- a second copy of one create ------------------------------------------
# Salesforce holds two tasks made from one reminder's create (a proxy's
# retry, a request applied after its limit): same creator, values and
# time.  The next cycle keeps one and deletes the other, and logs it.
lose_create
td add "Made twice" --due today --details "one of two"
td sync --once
is "$rc" 4 "C6 the lost answer fails the cycle"
sfapi POST sobjects/Task '{"Subject": "Made twice", "ActivityDate": "2026-11-23", "Description": "one of two", "Status": "Not Started", "Priority": "Normal"}' >/dev/null
is "$(sf_count "Made twice")" 2 "C6 two copies of one create in Salesforce"
td sync --once
ok $rc "C6 the next cycle"
is "$(sf_count "Made twice")" 1 "C6 a second copy of a create is deleted by the next cycle"
is "$(reminders "Made twice")" 1 "C6 one reminder for it"
is "$(local_field "Made twice" sync)" synced "C6 linked to the copy kept"
grep -q "second copy" "$XDG_STATE_HOME"/taskdeck/*.log 2>/dev/null ||
    grep -rq "second copy" "$XDG_STATE_HOME" 2>/dev/null
ok $? "C6 the deleted copy is logged"
td sync --once
is "$(sf_count "Made twice")" 1 "C6 still one task a cycle later"

# A create Salesforce applies only after the settle window, when the
# resend was already answered (past its request limit, or a proxy's late
# replay): the copy is deleted before the next pull could import it.
hold POST 3000
td add "Applied late" --due today --details "late"
kill_sync_when_held POST
ctl POST clock '{"advance_seconds": 700}' >/dev/null
td sync --once
ok $rc "C6 the resend after the window"
is "$(local_field "Applied late" sync)" synced "C6 the resent create is linked"
sleep 3		# the first attempt is applied now
is "$(sf_count "Applied late")" 2 "C6 Salesforce applied the first attempt too"
td sync --once
is "$(sf_count "Applied late")" 1 \
    "C6 a copy applied after the resend was answered is deleted by the next cycle"
is "$(reminders "Applied late")" 1 "C6 and never imported as a reminder"
td sync --once
is "$(sf_count "Applied late")" 1 "C6 still one task a cycle later"

# Two reminders with the same values whose creates were both lost are
# not copies of each other: both tasks stay.
ctl POST faults "{\"kind\":\"applied_drop\",\"method\":\"POST\",\"path\":\"$API/composite/sobjects\",\"count\":1}" >/dev/null
td add "Twin" --due today
td add "Twin" --due today
td sync --once
is "$(sf_count "Twin")" 2 "C6 two identical reminders, one lost collection"
td sync --once
td sync --once
is "$(sf_count "Twin")" 2 "C6 identical reminders' tasks are not taken for copies"
is "$(reminders "Twin")" 2 "C6 two reminders, each linked"
is "$("$TASKDECK" list --all --json | jq '[.[] | select(.name == "Twin" and .sync == "synced")] | length')" \
    2 "C6 both synced"

# --- the settings screen and status with the field ------------------------
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/ui/lib-ui.sh"
ui_start 80 24
ui_keys s
ui_wait 'Creates in Salesforce: not exactly-once'
ok $? "C6 the settings screen says creates are not exactly-once without the field"
ui_keys Escape q
ui_wait_exit 5
"$TASKDECK" config set sf.external_id_field TaskdeckKey__c >/dev/null
ui_start 80 24
ui_keys s
ui_wait 'Creates in Salesforce: exactly-once'
ok $? "C6 the settings screen says creates are exactly-once with the field"
ui_keys Escape q
ui_wait_exit 5
td status --json
is "$(printf '%s' "$out" | jq .exactly_once)" true \
    "C6 status --json: creates are exactly-once with the external-Id field"
td status
printf '%s' "$out" | grep -q "^creates: *exactly-once (TaskdeckKey__c)"
ok $? "C6 status names the field ($out)"

done_testing
