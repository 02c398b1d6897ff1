#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# C6 with an external-Id field (sf.external_id_field): every create carries
# the reminder's client key, so the Task an unanswered create made is found
# exactly.  Also A4 (token from the environment) and a token that expires
# in the middle of a paged first sync (C8).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"

emu_start
{
	printf '{"settings": {"external_id": true}, "users": [{"key": "rep",'
	printf ' "Name": "Dana", "Username": "d@x", "Password": "p"}], "tasks": '
	task_list 2500 T
	printf '}'
} >"$TMP/seed.json"
ctl_file POST seed "$TMP/seed.json" >/dev/null
"$TASKDECK" config set sf.external_id_field TaskdeckKey__c
TOK=$(ctl POST token '{}' | jq -r .access_token)
export SF_ACCESS_TOKEN="$TOK" SF_INSTANCE_URL="$EMU"
td sync --enable
td sync --once
ok $rc "A4 first sync with SF_ACCESS_TOKEN and SF_INSTANCE_URL"
is "$("$TASKDECK" list --all --json | jq length)" 2500 \
    "S2 first sync over two pages"
[ ! -e "$XDG_CONFIG_HOME/taskdeck/credentials" ]
ok $? "A4 an environment token is never written to disk"

ctl POST faults '{"kind":"applied_drop","method":"POST","path":"/services/data/v59.0/composite/sobjects"}' >/dev/null
td add "Keyed create"
td sync --once
is "$rc" 4 "C6 dropped create response: sync fails"
td sync --once
ok $rc "C6 retry succeeds"
is "$(sf_count "Keyed create")" 1 \
    "C6 lost-response create makes one SF task (external-Id field)"
KEY=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Keyed create") | .TaskdeckKey__c')
[ -n "$KEY" ] && [ "$KEY" != null ]
ok $? "C6 the create carries the reminder's client key"
is "$(local_field "Keyed create" sync)" synced "C6 reminder linked"

# C6: a create still in flight when its process is killed may commit
# later.  The next process looks it up by key but does not send it again
# until the create settled (sync.create_settle, 1 s here); the resend,
# held by the server, then meets the first attempt committed meanwhile:
# Salesforce refuses it (DUPLICATE_VALUE on the unique external-Id field)
# and the engine adopts the first, found by key, in the same cycle.
"$TASKDECK" config set sync.create_settle 1
hold POST 2000
td add "Keyed twin"
kill_sync_when_held POST
ctl DELETE calls >/dev/null
td sync --once
ok $rc "C6 a create still settling is not an error"
is "$(ctl GET calls | jq '[to_entries[] | select(.key | startswith("POST /services"))] | length')" 0 \
    "C6 a create is not resent before it settled, even with a key"
sleep 1.3
hold POST 2500
td sync --once
ok $rc "C6 a resent create refused as DUPLICATE_VALUE is not an error"
is "$(sf_count "Keyed twin")" 1 \
    "C6 the unique external-Id field keeps it to one SF task"
is "$(local_field "Keyed twin" sync)" synced \
    "C6 the reminder adopts the task that holds its key"
td sync --once
is "$(td list --all --json; printf '%s' "$out" | \
    jq '[.[] | select(.name == "Keyed twin")] | length')" 1 \
    "C6 one reminder for it"

# C2, C6: a reminder deleted while its create is in flight.  The field's
# uniqueness ends with a delete, so the engine cannot conclude "never
# made" from one lookup that ran before the create committed: it waits
# for the create to settle, then finds the task and deletes it.  (Found
# by tests/stress: the late create came back as a new reminder.)  The
# window (2 s) is longer than the server holds the create (1.5 s), as
# the default (120 s) is longer than any request lives.
ctl DELETE faults >/dev/null
"$TASKDECK" config set sync.create_settle 2
hold POST 1500
td add "Keyed gone"
kill_sync_when_held POST
td rm "$(local_field "Keyed gone" id)"
td sync --once
ok $rc "C2 a deleted reminder whose create is settling syncs"
is "$(td status --json; printf '%s' "$out" | jq .pending)" 1 \
    "C2 the lookup before the create committed does not forget it"
sleep 2.2
td sync --once
is "$(sf_count "Keyed gone")" 0 "C2 the late create is deleted in Salesforce"
is "$(local_field "Keyed gone" id)" null \
    "C2 and does not come back as a reminder"
"$TASKDECK" config set sync.create_settle 120

# C8: the session expires between two pages of a listing; with a token
# from the environment there is nothing to refresh: login needed.
unset SF_ACCESS_TOKEN SF_INSTANCE_URL
login_device
rm -f "$CACHE"
"$TASKDECK" config set sync.enabled false >/dev/null
td sync --enable
ctl POST faults '{"kind":"status","status":401,"count":1,"method":"GET","path":"/services/data/v59.0/query/","body":"[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"}' >/dev/null
td sync --once
ok $rc "C8 a token that expires mid-sync is refreshed and the listing goes on"
is "$("$TASKDECK" list --all --json | jq length)" 2502 \
    "C8 every page arrived after the refresh"

done_testing
