#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# A reminder's links to a person (WhoId: a Contact or Lead) and a record
# (WhatId: an Account), issue 17 deliverable 2, against sfemu: imported
# with their names (F12), picked by name on the command line from the
# person cache or one Salesforce search (F14, F15), pushed with the
# create and as field updates, changed in Salesforce, in conflict on both
# sides (F13: C3, C4, C5 as for the five fields), cleared, and a link to
# a Contact deleted in Salesforce (F16).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
need_tools curl jq sqlite3

# sf_by_id ID FIELD: a field of the SF task with that Id.
sf_by_id() {
	ctl GET tasks | jq -r --arg i "$1" --arg f "$2" \
	    '.[] | select(.Id == $i) | .[$f] // ""'
}
# field_of LOCAL_ID FIELD: a field of a reminder.
field_of() {
	"$TASKDECK" show "$1" --json | jq -r --arg f "$2" '.[$f] // ""'
}
# conflict_of LOCAL_ID FIELD JQ: JQ on the newest log entry of that field.
conflict_of() {
	"$TASKDECK" conflicts --json | jq -r --argjson i "$1" --arg f "$2" \
	    "[.[] | select(.reminder_id == \$i and .field == \$f)][-1] | $3"
}
pending() {
	"$TASKDECK" status --json | jq -r .pending
}
queries() {
	ctl GET calls | jq '[to_entries[] | select(.key | test("query"))
	    | .value] | add // 0'
}

emu_start
SEED=$(ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw1"}],
 "accounts": [{"key": "acme", "Name": "Acme"}, {"key": "globex", "Name": "Globex"}],
 "contacts": [{"key": "ana", "FirstName": "Ana", "LastName": "Souza", "AccountKey": "acme"},
              {"key": "bruno", "FirstName": "Bruno", "LastName": "Kr\u00fcger", "AccountKey": "globex"},
              {"key": "ann1", "FirstName": "Ann", "LastName": "Lee"},
              {"key": "ann2", "FirstName": "Ann", "LastName": "Lindqvist"}],
 "leads": [{"key": "lena", "FirstName": "Lena", "LastName": "Berg", "Company": "Berg AB"}],
 "tasks": [{"Subject": "Imported linked", "Owner": "rep", "Who": "ana", "What": "acme", "CreatedDaysAgo": 0}]}')
ANA=$(echo "$SEED" | jq -r .contacts.ana)
BRUNO=$(echo "$SEED" | jq -r .contacts.bruno)
LENA=$(echo "$SEED" | jq -r .leads.lena)
ACME=$(echo "$SEED" | jq -r .accounts.acme)
GLOBEX=$(echo "$SEED" | jq -r .accounts.globex)
login_device
# F15, S5: with sync off a name the cache lacks is refused, no call made.
td add "Before T0" --who "Ana Souza"
is "$rc" 1 "F15 sync off: an unknown name is refused"
printf '%s\n' "$err" | grep -q "sync is off, so Salesforce was not searched"
ok $? "F15 S5 ... saying Salesforce was not searched"
is "$(local_id "Before T0")" null "F15 B2 nothing was saved"
td sync --enable
td sync --once
ok $rc "S2 first sync"

# --- F12: imported links ----------------------------------------------------
IID=$(local_id "Imported linked")
is "$(field_of "$IID" who_id)/$(field_of "$IID" who)" "$ANA/Ana Souza" \
    "F12 an imported task's WhoId comes with its Who.Name"
is "$(field_of "$IID" what_id)/$(field_of "$IID" what)" "$ACME/Acme" \
    "F12 an imported task's WhatId comes with its What.Name"

# --- F14 F15: resolving a name from the cache, no search ----------------------
ctl DELETE calls >/dev/null
td add "Call Ana" --who "ana souza" --what acme --json
ok $rc "F15 add --who --what resolves names the cache knows"
AID=$(echo "$out" | jq -r .id)
is "$(queries)" 0 "F15 a name the cache knows (case folded) costs no search"
is "$(field_of "$AID" who_id)/$(field_of "$AID" what)" "$ANA/Acme" \
    "F15 the reminder holds the link and the name"

# --- F12: create with Who and What --------------------------------------------
td sync --once
ok $rc "F12 sync the create"
ASF=$(field_of "$AID" sf_id)
is "$(sf_by_id "$ASF" WhoId)/$(sf_by_id "$ASF" WhatId)" "$ANA/$ACME" \
    "F12 the create carries WhoId and WhatId"
is "$(pending)" 0 "F12 nothing left to send"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C9 F12 the next cycle writes nothing (the link is agreed)"

# --- F15: unknown name, one search; ambiguous; unknown everywhere -------------
ctl DELETE calls >/dev/null
td edit "$AID" --who "bruno krüger"
ok $rc "F15 edit --who with a name only Salesforce knows"
is "$(queries)" 2 "F15 one search: Contact and Lead, one query each"
is "$(field_of "$AID" who_id)/$(field_of "$AID" who)" "$BRUNO/Bruno Krüger" \
    "F15 the link found in Salesforce is set"
ctl DELETE calls >/dev/null
td edit "$AID" --who "ANA SOUZA"
td edit "$AID" --who "Bruno Kruger"
is "$(queries)/$(field_of "$AID" who_id)" "0/$BRUNO" \
    "F14 F15 known now: found in the cache, accents folded, no search"
td edit "$AID" --who "Ann"
is "$rc" 1 "F15 an ambiguous name is refused (exit 1)"
printf '%s\n' "$err" | grep -q "Ann Lee (Contact)" &&
    printf '%s\n' "$err" | grep -q "Ann Lindqvist (Contact)"
ok $? "F15 the candidates are listed"
is "$(field_of "$AID" who_id)" "$BRUNO" "F15 a refused edit changes nothing"
td edit "$AID" --what "Nobody Inc"
is "$rc" 1 "F15 a name known nowhere is refused"
printf '%s\n' "$err" | grep -q 'no account named "Nobody Inc"'
ok $? "F15 ... with a message naming it"

# --- F13: edit the link -----------------------------------------------------
td edit "$AID" --what globex
td sync --once
ok $rc "F13 sync the edited links"
is "$(sf_by_id "$ASF" WhoId)/$(sf_by_id "$ASF" WhatId)" "$BRUNO/$GLOBEX" \
    "F13 an edited link is pushed as a field update"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C9 F13 the next cycle writes nothing"

# --- F13: Salesforce edits the link -------------------------------------------
sfapi PATCH "sobjects/Task/$ASF" "{\"WhoId\":\"$LENA\"}" >/dev/null
td sync --once
is "$(field_of "$AID" who_id)/$(field_of "$AID" who)" "$LENA/Lena Berg" \
    "F13 a link changed in Salesforce comes in with its name"
is "$(field_of "$AID" what_id)" "$GLOBEX" "C3 the other link is untouched"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C5 the link taken in is not pushed back"

# --- F13 x C4: both sides change the link -------------------------------------
# Salesforce later: it wins, the local link is logged and restorable.
td edit "$AID" --who "ana souza"
sleep 1.2	# Date headers have one-second resolution
sfapi PATCH "sobjects/Task/$ASF" "{\"WhoId\":\"$BRUNO\"}" >/dev/null
td sync --once
is "$(field_of "$AID" who_id)" "$BRUNO" "F13 C4 the later Salesforce link wins"
is "$(sf_by_id "$ASF" WhoId)" "$BRUNO" "F13 C4 ... and stays in Salesforce"
is "$(conflict_of "$AID" who '.lost_side + " " + .lost')" \
    "local Ana Souza [$ANA]" "F13 C4 the local link lost is logged"
CID=$("$TASKDECK" conflicts --json | jq -r --argjson i "$AID" \
    '[.[] | select(.reminder_id == $i and .field == "who")][-1].id')
td conflicts restore "$CID"
ok $rc "F13 C4 the lost link can be restored"
td sync --once
is "$(field_of "$AID" who_id)/$(sf_by_id "$ASF" WhoId)" "$ANA/$ANA" \
    "F13 C4 the restored link is back here and pushed"
# Local later: it wins, Salesforce's link is logged.
sfapi PATCH "sobjects/Task/$ASF" "{\"WhoId\":\"$LENA\"}" >/dev/null
sleep 1.2
td edit "$AID" --who "Bruno Krüger"
td sync --once
is "$(sf_by_id "$ASF" WhoId)/$(field_of "$AID" who_id)" "$BRUNO/$BRUNO" \
    "F13 C4 the later local link wins and is pushed"
is "$(conflict_of "$AID" who '.lost_side + " " + .lost')" \
    "salesforce Lena Berg [$LENA]" "F13 C4 Salesforce's link lost is logged"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_writes)" 0 "C9 after the conflicts the next cycle writes nothing"

# --- F12: clearing a link -----------------------------------------------------
td edit "$AID" --who ''
ok $rc "F12 edit --who '' clears the link"
is "$(field_of "$AID" who_id)$(field_of "$AID" who)" "" \
    "F12 no link, no name"
td sync --once
is "$(sf_by_id "$ASF" WhoId)" "" "F12 the cleared link is pushed as null"
is "$(sf_by_id "$ASF" WhatId)" "$GLOBEX" "C3 the What stays"
sfapi PATCH "sobjects/Task/$ASF" '{"WhatId":null}' >/dev/null
td sync --once
is "$(field_of "$AID" what_id)$(field_of "$AID" what)" "" \
    "F13 a link cleared in Salesforce is cleared here"

# --- F13 x C5, C7: the echo of a link update whose answer was lost -------
# The process dies while Salesforce holds its update; a newer link is
# saved meanwhile.  The held one lands, and the next pull sees our own
# older link: the echo, not a change made there (sent_who_id, v4).
"$TASKDECK" config set sync.create_settle 2 >/dev/null
EID=$(add_synced "Echo link")
td edit "$EID" --who "Lena Berg"
hold PATCH 1500
kill_sync_when_held PATCH
td edit "$EID" --who "ana souza"
sleep 1.7
is "$(sf_task "Echo link" WhoId)" "$LENA" \
    "C7 (setup) Salesforce applied the held link update"
i=0
while [ $i -lt 10 ]; do
	td sync --once
	[ "$(sf_task "Echo link" WhoId)" = "$ANA" ] && break
	sleep 0.5
	i=$((i + 1))
done
is "$(sf_task "Echo link" WhoId)" "$ANA" \
    "C7 F13 the newer link reaches Salesforce after the held one"
is "$(field_of "$EID" who_id)" "$ANA" \
    "C5 F13 the held update's older link does not come back"
is "$("$TASKDECK" conflicts --json | jq "[.[] | select(.reminder_id == $EID)] | length")" 0 \
    "C5 F13 the echo of a lost answer is not logged as a conflict"
"$TASKDECK" config set sync.create_settle 120 >/dev/null

# --- F13 x C4: a link edited here, the task deleted in Salesforce --------
td edit "$AID" --what acme
sfapi DELETE "sobjects/Task/$ASF" >/dev/null
td sync --once
is "$(conflict_of "$AID" what '.lost + " / " + .reason')" \
    "Acme [$ACME] / deleted in salesforce" \
    "C4 F13 the delete wins and the unsent link is logged, not lost silently"

# --- F16: a Contact deleted in Salesforce -----------------------------------
# The rep saw the contact (it is in the person cache), then it was deleted
# in Salesforce: the push is refused for that reminder only (C8), the
# reminder keeps its values and says why, and clearing the link lets it
# go out.
GHOST=003000000000000AAA
sqlite3 "$CACHE" "INSERT INTO person (sf_id, kind, name) VALUES
    ('$GHOST', 'Contact', 'Gone Person')"
td add "Call the ghost" --who "Gone Person"
GID=$(echo "$out" | sed -n 's/^added \([0-9]*\).*/\1/p')
[ -n "$GID" ] || GID=$(local_id "Call the ghost")
td add "Plain one"
td sync --once
is "$(field_of "$GID" sync)" error "F16 C8 a link to a deleted Contact is a record error"
field_of "$GID" sync_error >/dev/null
"$TASKDECK" show "$GID" | grep -q "INVALID_CROSS_REFERENCE_KEY"
ok $? "F16 the reminder shows Salesforce's reason"
is "$(sf_task "Plain one" Subject)" "Plain one" "F16 C8 the other reminders go out"
td edit "$GID" --who ''
sleep 2.1	# the record's first retry (C8 backoff, 1-2 s)
td sync --once
is "$(sf_task "Call the ghost" Subject)" "Call the ghost" \
    "F16 cleared, the reminder goes out"
is "$(field_of "$GID" sync)" synced "F16 ... and is synced"

done_testing
