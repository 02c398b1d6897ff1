#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Query pages and the full reconciliation's cursor (issue "sync that holds
# in the real world", finding 7 and the refused reconciliation): the
# emulator's Sforce-Query-Options batchSize, a page larger than the
# client's 64 MB cap (720 tasks of 32,000 CJK characters: 69 MB of UTF-8),
# and a reconciliation whose listing is not believed.  Each check names the
# rule it proves; each failed on the code before its fix.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"

API=/services/data/v59.0

# calls_to PREFIX: API calls counted since the last reset whose
# "METHOD /path" key starts with PREFIX.
calls_to() {
	ctl GET calls | jq --arg p "$1" \
	    '[to_entries[] | select(.key | startswith($p)) | .value] | add // 0'
}

# big_tasks N FIRST PREFIX: the rep creates N tasks, subjects PREFIXFIRST
# on, each with a Description of 32,000 CJK characters (96,000 bytes), by
# sObject Collections of 90 (the emulator takes bodies up to 32 MB).
big_tasks() {
	_k=0
	SFTOKEN=$(ctl POST token '{}' | jq -r .access_token)
	while [ $_k -lt "$1" ]; do
		perl -CS -e '
		    my ($n, $first, $p) = @ARGV;
		    my $d = "\x{6f22}" x 32000;
		    print "{\"allOrNone\":true,\"records\":[";
		    for my $i (0 .. $n - 1) {
			print "," if $i > 0;
			printf "{\"attributes\":{\"type\":\"Task\"},"
			    . "\"Subject\":\"%s%d\",\"ActivityDate\":\"2026-11-25\","
			    . "\"Description\":\"%s\"}", $p, $first + $i, $d;
		    }
		    print "]}";' $(($1 - _k < 90 ? $1 - _k : 90)) \
		    $(($2 + _k)) "$3" >"$TMP/big.json"
		curl -s -o /dev/null -X POST \
		    -H "Authorization: Bearer $SFTOKEN" \
		    -H 'Content-Type: application/json' \
		    --data-binary "@$TMP/big.json" "$EMU$API/composite/sobjects"
		_k=$((_k + 90))
	done
	rm -f "$TMP/big.json"
}

# page_size HEADER: the number of records on the first page of the rep's
# tasks when the query carries HEADER (empty: none).
page_size() {
	SFTOKEN=$(ctl POST token '{}' | jq -r .access_token)
	curl -s -H "Authorization: Bearer $SFTOKEN" ${1:+-H "$1"} \
	    "$EMU$API/query/?q=SELECT+Id+FROM+Task" | jq '.records | length'
}

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw1"}],
 "tasks": [
  {"Subject": "Call Ana", "Owner": "rep", "CreatedDaysAgo": 0, "ActivityDate": "2026-11-23"},
  {"Subject": "Send quote", "Owner": "rep", "CreatedDaysAgo": 0, "ActivityDate": "2026-11-24"},
  {"Subject": "Book demo", "Owner": "rep", "CreatedDaysAgo": 0}
 ]}' >/dev/null
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync"
is "$("$TASKDECK" list --all --json | jq length)" 3 "S2 three tasks imported"

# --- S6: a refused reconciliation is retried ------------------------------
# A long pause (past the deleted-records window) during which a task is
# deleted and purged from the recycle bin.  The first full listing is not
# believed (it answers empty; COUNT() says three): nothing is removed, and
# the cursor must stay where it was, so that the next cycle reconciles
# again and notices the purge.
BOOK=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Book demo") | .Id')
td sync --disable
sfapi DELETE "sobjects/Task/$BOOK" >/dev/null
ctl POST clock '{"advance_days": 20}' >/dev/null
td sync --enable
ctl POST faults "{\"kind\":\"status\",\"status\":200,\"body\":\"{\\\"totalSize\\\":0,\\\"done\\\":true,\\\"records\\\":[]}\",\"method\":\"GET\",\"path\":\"$API/query/\",\"count\":1}" >/dev/null
td sync --once
is "$("$TASKDECK" list --all --json | jq length)" 3 \
    "S6 a listing that COUNT() contradicts removes nothing"
ctl DELETE faults >/dev/null
td sync --once
ok $rc "S6 the cycle after a refused reconciliation"
is "$(local_id "Book demo")" null \
    "S6 a refused reconciliation is run again: the task purged in the pause is removed"
td conflicts --json
printf '%s' "$out" | jq -e '[.[] | select(.name == "Book demo" and .field == "record")] | length == 1' \
    >/dev/null
ok $? "S6 the reminder the second reconciliation removed is in the conflict log"
is "$("$TASKDECK" list --all --json | jq length)" 2 \
    "S6 the other reminders stay"
ctl DELETE calls >/dev/null
td sync --once
is "$(calls_total)" 1 \
    "C10 once a reconciliation is believed, the next poll is one call"

# The same with a short listing (done, but fewer records than totalSize).
SEND=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Send quote") | .Id')
td sync --disable
sfapi DELETE "sobjects/Task/$SEND" >/dev/null
ctl POST clock '{"advance_days": 20}' >/dev/null
td sync --enable
ctl POST faults "{\"kind\":\"status\",\"status\":200,\"body\":\"{\\\"totalSize\\\":7,\\\"done\\\":true,\\\"records\\\":[]}\",\"method\":\"GET\",\"path\":\"$API/query/\",\"count\":1}" >/dev/null
td sync --once
[ "$(local_id "Send quote")" != null ]
ok $? "S6 a short listing removes nothing"
ctl DELETE faults >/dev/null
td sync --once
is "$(local_id "Send quote")" null \
    "S6 the reconciliation after a short listing is run again and removes the purged task"

# --- sfemu: Sforce-Query-Options batchSize --------------------------------
# headers_queryoptions: default 2,000, minimum 200, maximum 2,000.
{ printf '{"tasks": '; task_list 2100 "Small "; printf '}'; } >"$TMP/small.json"
ctl_file POST seed "$TMP/small.json" >/dev/null
is "$(page_size "")" 2000 "E1 a query page holds 2,000 records by default"
is "$(page_size "Sforce-Query-Options: batchSize=500")" 500 \
    "E1 Sforce-Query-Options batchSize=500 gives pages of 500"
is "$(page_size "Sforce-Query-Options: batchSize=200")" 200 \
    "E1 batchSize=200, the minimum, is honoured"
is "$(page_size "Sforce-Query-Options: batchSize=50")" 200 \
    "E1 a batchSize below the minimum gives pages of 200"
is "$(page_size "Sforce-Query-Options: batchSize=9000")" 2000 \
    "E1 a batchSize above the maximum gives pages of 2,000"
is "$(page_size "Sforce-Query-Options: batchSize=lots")" 2000 \
    "E1 a batchSize that is not a number is ignored (the default)"
SFTOKEN=$(ctl POST token '{}' | jq -r .access_token)
NEXT=$(curl -s -H "Authorization: Bearer $SFTOKEN" \
    -H "Sforce-Query-Options: batchSize=1000" \
    "$EMU$API/query/?q=SELECT+Id+FROM+Task" | jq -r .nextRecordsUrl)
is "$(curl -s -H "Authorization: Bearer $SFTOKEN" "$EMU$NEXT" |
    jq '.records | length')" 1000 \
    "E1 the next page of a batchSize=1000 query holds 1,000 records"
td sync --once
ok $rc "C1 2,100 small tasks pulled"

# A second profile of the same rep, on another machine, synced now.
P1="XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME XDG_STATE_HOME=$XDG_STATE_HOME"
P2="XDG_CONFIG_HOME=$TMP/p2/config XDG_DATA_HOME=$TMP/p2/data XDG_STATE_HOME=$TMP/p2/state"
export $P2
login_device
td sync --enable
td sync --once
ok $rc "C1 a second profile pulls the same tasks"
export $P1

# --- C8: a page larger than the 64 MB cap ---------------------------------
# 720 tasks of 32,000 CJK characters after 2,100 small ones: the first
# page is fine, the second (720 x 96 kB) is over the cap, and so is a
# page of 1,000.  The pull must ask again for smaller pages, from the
# cursor the first page reached, and complete, this cycle and the next.
big_tasks 720 1 "Big "
td sync --once
ok $rc "C8 a sync whose page is over 64 MB completes ($err)"
grep -q "pages of 500 tasks" "$XDG_STATE_HOME/taskdeck/taskdeck.log"
ok $? "C8 the log says the pages asked for shrank to 500"
is "$("$TASKDECK" list --all --json | jq '[.[] | select(.name | startswith("Big "))] | length')" \
    720 "C8 all 720 tasks with 32,000-character descriptions arrive"
is "$(local_field "Big 360" details | perl -CS -ne 'chomp; print length')" \
    32000 "C8 a 32,000-character description arrives whole"
# The next cycle re-reads the overlap (2,820 tasks): at once in pages of
# 500, the size that worked, not by downloading 64 MB in vain again.
ctl DELETE calls >/dev/null
td sync --once
ok $rc "C8 the next cycle completes too"
is "$(ctl GET calls | jq '.["GET /services/data/vXX.X/queryAll/"]')" 1 \
    "C8 the next cycle asks for the page size that worked: one query, not three"

# --- S6 C8: a full reconciliation over pages too large --------------------
# A long pause; a task deleted (and purged) during it.  The second
# profile, which never saw the big tasks, lists the rep's 2,819 tasks:
# the listing is refused for its size twice and restarted with smaller
# pages; its pages stay applied and the reconciliation runs once complete.
SMALL7=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Small 7") | .Id')
sfapi DELETE "sobjects/Task/$SMALL7" >/dev/null
ctl POST clock '{"advance_days": 20}' >/dev/null
export $P2
td sync --once
ok $rc "C8 S6 a full reconciliation over pages too large completes ($err)"
grep -q "pages of 500 tasks" "$TMP/p2/state/taskdeck/taskdeck.log"
ok $? "C8 S6 the listing was refused for its size and asked again"
is "$(local_id "Small 7")" null \
    "S6 the reconciliation with smaller pages removes the purged task"
is "$("$TASKDECK" list --all --json | jq '[.[] | select(.name | startswith("Big "))] | length')" \
    720 "S6 C8 and imports the 720 big tasks made during the pause"
td sync --once
ok $rc "C8 the cycle after the reconciliation completes"
export $P1
td sync --once
ok $rc "C8 S6 the first profile's reconciliation completes too"
is "$(local_id "Small 7")" null "S6 and removes the purged task"

# --- C8: a server that does not take the page size asked for --------------
# headers_queryoptions gives "no guarantee that the requested batch size is
# the actual batch size".  If even a page of 200 is over the cap (legal
# Task data cannot make one: 200 x 192 kB at most), the cycle ends with an
# error that says so, and a later cycle, the server willing, completes.
big_tasks 720 1 "Huge "
ctl POST settings '{"query_batch": 2000}' >/dev/null
td sync --once
is "$rc" 4 "C8 a page of 200 over the cap ends the cycle with an error"
printf '%s' "$err" | grep -q "page of 200 tasks is larger than 64 MB"
ok $? "C8 the error says the page of 200 was too large ($err)"
ctl POST settings '{"query_batch": 0}' >/dev/null
td sync --once
ok $rc "C8 the next cycle, pages of 200 answered, completes ($err)"
is "$("$TASKDECK" list --all --json | jq '[.[] | select(.name | startswith("Huge "))] | length')" \
    720 "C8 the 720 tasks arrive in pages of 200"

done_testing
