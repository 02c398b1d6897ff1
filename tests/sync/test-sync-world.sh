#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The moves the first stress model never made (issue "sync that holds in
# the real world"): a listing Salesforce answers empty, a record stamped in
# the future, a page loop, a quiet org, a bulk change, an rm landing while
# a push is in flight.  Each check names the rule it proves; each failed on
# the code before its fix.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"

API=/services/data/v59.0	# the emulator's call counts say vXX.X

# calls_to PREFIX: API calls counted since the last reset whose
# "METHOD /path" key starts with PREFIX.
calls_to() {
	ctl GET calls | jq --arg p "$1" \
	    '[to_entries[] | select(.key | startswith($p)) | .value] | add // 0'
}

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw1"},
           {"key": "col", "Name": "Priya Nair", "Username": "priya@x", "Password": "pw2"}],
 "tasks": [
  {"Subject": "Call Ana", "Owner": "rep", "CreatedDaysAgo": 0, "ActivityDate": "2026-11-23"},
  {"Subject": "Send quote", "Owner": "rep", "CreatedDaysAgo": 0, "ActivityDate": "2026-11-24"},
  {"Subject": "Book demo", "Owner": "rep", "CreatedDaysAgo": 0},
  {"Subject": "Overdue for weeks", "Owner": "rep", "CreatedDaysAgo": 30,
   "ActivityDate": "2026-11-01"},
  {"Subject": "Old and done", "Owner": "rep", "CreatedDaysAgo": 30,
   "ActivityDate": "2026-11-01", "Status": "Completed"},
  {"Subject": "Old, due next summer", "Owner": "rep", "CreatedDaysAgo": 30,
   "ActivityDate": "2027-06-01"}
 ]}' >/dev/null
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync"
is "$("$TASKDECK" list --all --json | jq length)" 4 \
    "S2 the window's three tasks and the old overdue one imported"
is "$(local_field "Overdue for weeks" due)" 2026-11-01 \
    "S2 an open task due before tomorrow is imported whatever its age"
is "$(local_id "Old and done")" null "S2 an old completed task is not"
is "$(local_id "Old, due next summer")" null "S2 an old task due later is not"

# --- S6: an empty listing after a long pause ------------------------------
# Sync off, an edit while paused, Salesforce's clock 20 days on (past the
# deleted-records window: a full reconciliation), and the listing answers
# empty: nothing may be removed, the paused edit least of all.
td sync --disable
td edit "$(local_id "Call Ana")" --details "edited while paused"
ctl POST clock '{"advance_days": 20}' >/dev/null
td sync --enable
ctl POST faults "{\"kind\":\"status\",\"status\":200,\"body\":\"{\\\"totalSize\\\":0,\\\"done\\\":true,\\\"records\\\":[]}\",\"method\":\"GET\",\"path\":\"$API/query/\",\"count\":1}" >/dev/null
td sync --once
is "$("$TASKDECK" list --all --json | jq length)" 4 \
    "S6 an empty listing removes no reminder"
is "$(local_field "Call Ana" details)" "edited while paused" \
    "S6 C7 the edit made during the pause survives the reconciliation"
ctl DELETE faults >/dev/null
td sync --once
td sync --once
is "$(sf_task "Call Ana" Description)" "edited while paused" \
    "S5 the paused edit reaches Salesforce after the pause"
is "$("$TASKDECK" list --all --json | jq length)" 4 \
    "S6 still four reminders after the next cycles"

# A real deletion during a long pause still goes, and is logged.
BOOK=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Book demo") | .Id')
td sync --disable
sfapi DELETE "sobjects/Task/$BOOK" >/dev/null
ctl POST clock '{"advance_days": 20}' >/dev/null
td sync --enable
td sync --once
ok $rc "S6 full reconciliation after a 20-day pause"
is "$(local_id "Book demo")" null \
    "S6 a task deleted (and purged) during the pause is removed"
td conflicts --json
printf '%s' "$out" | jq -e '[.[] | select(.name == "Book demo")] | length > 0' \
    >/dev/null
ok $? "S6 the reminder a reconciliation removed is in the conflict log"
CID=$(printf '%s' "$out" | jq -r '[.[] | select(.name == "Book demo" and .field == "record")][0].id')
td conflicts restore "$CID"
ok $rc "C4 conflicts restore of a removed reminder"
td sync --once
is "$(sf_count "Book demo")" 1 \
    "C4 a restored reminder is queued for Salesforce while sync is on"
is "$(local_field "Book demo" sync)" synced "C4 the restored reminder is synced"

# --- S3: a reminder added while sync is paused ----------------------------
td sync --disable
td add "Added while paused" --due today
td sync --enable
td sync --once
is "$(sf_count "Added while paused")" 1 \
    "S3 a reminder added after T0 while sync was paused is pushed when it is on"

# --- C1: a record stamped in the future -----------------------------------
# A colleague's org with a clock gone wild stamps one task 2099; the
# cursor must not follow it past Salesforce's own clock.
NOW=$(ctl GET clock | jq -r .now)
QUOTE=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Send quote") | .Id')
ctl POST clock '{"set": "2099-01-01T00:00:00Z"}' >/dev/null
sfapi PATCH "sobjects/Task/$QUOTE" '{"Priority": "High"}' >/dev/null
ctl POST clock "{\"set\": \"$NOW\"}" >/dev/null
td sync --once
ok $rc "C1 a sync that sees a task stamped 2099"
is "$(local_field "Send quote" priority)" high "C1 the future-stamped edit arrives"
ANA=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Call Ana" and .IsDeleted == false) | .Id')
ctl POST clock '{"advance_seconds": 120}' >/dev/null
sfapi PATCH "sobjects/Task/$ANA" '{"Description": "after the 2099 stamp"}' >/dev/null
td sync --once
is "$(local_field "Call Ana" details)" "after the 2099 stamp" \
    "C1 the cursor never passes Salesforce's clock: later edits still arrive"
# The 2099 stamp would keep the cursor at the clock: delete that task (a
# delete stamps it now) so the checks below see an ordinary org.
sfapi DELETE "sobjects/Task/$QUOTE" >/dev/null
td sync --once
is "$(local_id "Send quote")" null "C2 the future-stamped task's delete arrives"

# --- C1: a page that points back at itself --------------------------------
LOOP="{\\\"totalSize\\\":3,\\\"done\\\":false,\\\"nextRecordsUrl\\\":\\\"$API/query/01gLOOP-2000\\\",\\\"records\\\":[]}"
ctl POST faults "{\"kind\":\"status\",\"status\":200,\"body\":\"$LOOP\",\"method\":\"GET\",\"path\":\"$API/query\",\"count\":500}" >/dev/null
ctl DELETE calls >/dev/null
td sync --once
is "$rc" 4 "C8 a page loop ends the cycle with an error"
n=$(calls_to "GET /services/data/vXX.X/query")
[ "$n" -le 5 ]
ok $? "C8 a page loop is not followed (query calls: $n)"
printf '%s' "$err" | grep -qi "page"
ok $? "C8 the error names the paging fault ($err)"
ctl DELETE faults >/dev/null

# --- F7: a task reassigned in Salesforce ----------------------------------
# A colleague takes "Call Ana" over: it leaves the rep's list within one
# poll, with a notice, and a later local edit cannot reach her task.  A
# task reassigned to the rep arrives like a new one.
PRIYA=$(ctl GET tasks | jq -r '[.[] | select(.Subject == "Call Ana" and .IsDeleted == false)][0].OwnerId')
REP_ID=$PRIYA
PRIYA_ID=$(ctl POST token '{"user":"col"}' | jq -r .user_id)
ANA_ID=$(local_id "Call Ana")
sfapi PATCH "sobjects/Task/$ANA" "{\"OwnerId\": \"$PRIYA_ID\"}" >/dev/null
td sync --once
ok $rc "F7 a poll after a reassignment"
is "$(local_id "Call Ana")" null "F7 a task reassigned away leaves the rep's cache"
td conflicts --json
printf '%s' "$out" | jq -e '[.[] | select(.name == "Call Ana" and (.reason | test("reassigned to Priya Nair")))] | length > 0' >/dev/null
ok $? "F7 the notice says who took it over"
td edit "$ANA_ID" --details "rep writes after the reassignment"
td sync --once
is "$(ctl GET tasks | jq -r --arg i "$ANA" '.[] | select(.Id == $i) | .Description')" \
    "after the 2099 stamp" "F7 no later local edit writes to the colleague's task"
sfapi PATCH "sobjects/Task/$ANA" "{\"OwnerId\": \"$REP_ID\"}" >/dev/null
td sync --once
is "$(local_field "Call Ana" details)" "after the 2099 stamp" \
    "F7 a task reassigned to the rep arrives like a new one"

# --- C2: an rm landing while a push is in flight --------------------------
# A create whose answer was lost makes the push look for its task first
# (C6); while that lookup is held, the rep deletes a second, new reminder
# already in the push's batch.  It must never be sent.
"$TASKDECK" config set sync.create_settle 1
ctl POST faults "{\"kind\":\"drop\",\"method\":\"POST\",\"path\":\"$API/composite/sobjects\",\"count\":1}" >/dev/null
td add "Lost create" --due today
td sync --once
is "$rc" 4 "C6 a dropped create fails the cycle"
sleep 1.2
td add "Deleted in flight" --due today
GONE=$(local_id "Deleted in flight")
ctl POST faults "{\"kind\":\"latency\",\"latency_ms\":3000,\"method\":\"GET\",\"path\":\"$API/query/\",\"count\":2}" >/dev/null
ctl DELETE calls >/dev/null
"$TASKDECK" sync --once >/dev/null 2>&1 &
bg=$!
i=0
while [ $i -lt 200 ] && [ "$(calls_to "GET /services/data/vXX.X/query/")" -lt 2 ]; do
	sleep 0.05
	i=$((i + 1))
done
td rm "$GONE"
ok $rc "C2 rm while the push's lookup is held"
wait $bg
td sync --once
td sync --once
is "$(sf_count "Deleted in flight")" 0 \
    "C2 a reminder deleted while its push was in flight never reaches Salesforce"
is "$(local_id "Deleted in flight")" null "C2 the deleted reminder does not come back"
is "$(sf_count "Lost create")" 1 "C6 the lost create is sent again, once"
"$TASKDECK" config set sync.create_settle 120
ctl DELETE faults >/dev/null

# --- A4, C8: an expired SF_ACCESS_TOKEN is a login, not a network fault ----
ENVTOK=$(ctl POST token '{}' | jq -r .access_token)
td_env() {
	SF_ACCESS_TOKEN="$ENVTOK" SF_INSTANCE_URL="$EMU" \
	    td --db "$TMP/env.db" --config "$TMP/env.conf" "$@"
}
td_env sync --enable
ctl POST expire-sessions '{}' >/dev/null
td_env sync --once
is "$rc" 5 "A4 C8 an expired SF_ACCESS_TOKEN asks for a login (exit 5)"
case "$err" in *"HTTP 403"*) ok 1 "A4 the message is not a network error ($err)" ;;
*) ok 0 "A4 the message is not a network error" ;; esac
td_env status --json
is "$(printf '%s' "$out" | jq -r .state)" login-needed \
    "A4 status says login-needed after an expired environment token"

# --- C10: a quiet org -----------------------------------------------------
# Nothing changes for 20 days, but the rep's taskdeck polls through them:
# the cursor follows Salesforce's clock, so no poll reconciles.
td sync --once
ctl POST clock '{"advance_days": 10}' >/dev/null
td sync --once
ctl POST clock '{"advance_days": 10}' >/dev/null
td sync --once
ctl DELETE calls >/dev/null
td sync --once
ok $rc "C10 a poll after 20 quiet days"
is "$(calls_total)" 1 "C10 a poll in a quiet org is one call, not a reconciliation"

# --- C10: after a bulk change ---------------------------------------------
# 2,100 tasks changed at once: once the overlap has passed, an idle poll
# is one call again.
{ printf '{"tasks": '; task_list 2100 "Bulk "; printf '}'; } >"$TMP/bulk.json"
ctl_file POST seed "$TMP/bulk.json" >/dev/null
td sync --once
is "$("$TASKDECK" list --all --json | jq '[.[] | select(.name | startswith("Bulk "))] | length')" \
    2100 "C1 a bulk change of 2,100 tasks arrives"
ctl POST clock '{"advance_seconds": 360}' >/dev/null
td sync --once
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_total)" 1 "C10 an idle poll after a bulk change is one call"

# --- B4: a settings file broken while the engine runs ----------------------
# The engine reads the file at every cycle; a broken one is reported and
# read again later, not in a tight loop.
CONF="$XDG_CONFIG_HOME/taskdeck/config"
td config set sync.poll_interval 1
td config set sync.api_budget_share 100	# polls every ~6 s
"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
wpid=$!
i=0
while ! grep -q idle "$TMP/watch.out" && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
cp "$CONF" "$TMP/config.good"
printf 'sync.subject_template = "unterminated\n' >>"$CONF"
sleep 8	# past the next poll
cpu0=$(awk '{print $14 + $15}' "/proc/$wpid/stat")
sleep 3
cpu1=$(awk '{print $14 + $15}' "/proc/$wpid/stat")
cp "$TMP/config.good" "$CONF"
td config set sync.poll_interval 60
td config set sync.api_budget_share 10
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
[ $((cpu1 - cpu0)) -lt 50 ]
ok $? "B4 a settings file broken under a running engine is not re-read in a busy loop ($((cpu1 - cpu0)) ticks in 3 s)"
grep -q "unterminated" "$TMP/watch.out"
ok $? "B4 ... and the watch says what is wrong with it"

# --- S6 C4: an edit against a task purged from the recycle bin -------------
# Deleted in Salesforce and the recycle bin emptied before the next poll:
# the pull can no longer see the delete, and the update Salesforce refuses
# (INVALID_CROSS_REFERENCE_KEY) must not be retried for ever: the task is
# confirmed gone and the reminder goes, its lost edit in the conflict log.
ctl POST seed '{"tasks": [{"Subject": "Purged soon", "Owner": "rep", "CreatedDaysAgo": 0, "ActivityDate": "2026-12-03"}]}' >/dev/null
td sync --once
PID=$(local_id "Purged soon")
sfapi DELETE "sobjects/Task/$(sf_task "Purged soon" Id)" >/dev/null
ctl POST emptybin '{}' >/dev/null
td edit "$PID" --details "edited after the purge"
td sync --once
td sync --once
ok $rc "S6 a sync after an edit of a purged task succeeds"
is "$(local_id "Purged soon")" null \
    "S6 C4 the reminder of a task purged in Salesforce goes at the refused edit"
td conflicts --json
printf '%s' "$out" | jq -e '[.[] | select(.name == "Purged soon")] | length > 0' >/dev/null
ok $? "C4 ... and its edit is in the conflict log"

done_testing
