#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# C12, near-real-time pull: `sync --watch` subscribes to Change Data
# Capture for Task (/data/TaskChangeEvent over sfemu's CometD), so a
# Salesforce change reaches the cache within seconds although the poll
# is set to 10 minutes; a stream broken mid-connect resumes from the
# stored replay id; a replay id past retention runs the catch-up pull and
# resubscribes with -1; a refused subscription or a reached allocation
# falls back to polling, shown by `status`, and the subscription is
# retried; an idle subscribed rep costs one query per safety poll.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
need_tools jq curl sqlite3

emu_start
ctl POST seed "{\"settings\": {\"device_interval\": 1},
 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\", \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
 \"tasks\": $(task_list 6 S)}" >/dev/null
# Held connects end after 2 s here (110 s in Salesforce), so every path
# below also crosses ordinary reconnects.
ctl POST cometd '{"hold_ms": 2000}' >/dev/null
login_device
td config set sync.poll_interval 600
td sync --enable
td sync --once
ok $rc "C12: first sync"
# The subscription is retried 2 s after a refusal here (30 min by default).
export TASKDECK_STREAM_RETRY=2

watch_stop() {
	[ -n "$WPID" ] && kill -TERM "$WPID" 2>/dev/null && wait "$WPID"
	WPID=
}
watch_start() {
	: >"$TMP/watch.out"
	"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
	WPID=$!
}
cleanup_hooks="$cleanup_hooks watch_stop"

# wait_for SECONDS COMMAND...: polls every 50 ms until COMMAND succeeds.
wait_for() {
	_n=$(($1 * 20))
	_i=0
	shift
	while ! "$@" && [ $_i -lt $_n ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	"$@"
}
streaming_is() {
	"$TASKDECK" status 2>/dev/null | grep -q "^streaming: *$1"
}
# due_is NAME DATE: the reminder's due date in the cache is DATE.
due_is() {
	[ "$(local_field "$1" due)" = "$2" ]
}
# redate NAME DATE: the rep moves a task's due date in Salesforce (not in
# taskdeck; a due date flows both ways, F6).
redate() {
	_id=$(ctl GET tasks | jq -r --arg s "$1" \
	    '[.[] | select(.Subject == $s)][0].Id')
	sfapi PATCH "sobjects/Task/$_id" "{\"ActivityDate\": \"$2\"}" >/dev/null
}
# (wait_for runs its command again each time: no $(...) in its arguments)
sf_completed() {
	[ "$(sf_task "$1" Status)" = Completed ]
}
replay_stored_past() {
	[ "$(sqlite3 "$CACHE" "SELECT value FROM setting
	    WHERE key = 'sync.replay'")0" -gt "${1}0" ]
}
subscribed_with() {
	[ "$(ctl GET cometd | jq '[.clients[] | select(.subscribed)] | last
	    | .replay')" = "$1" ]
}
now_ms() {
	date +%s%3N
}

watch_start
wait_for 20 streaming_is on
ok $? "C12: sync --watch subscribes; status says streaming: on"

# 1. A change reaches the cache without waiting for the 10-minute poll.
queries0=$(ctl GET calls | jq '[to_entries[] | select(.key | test("query"))
    | .value] | add // 0')
t0=$(now_ms)
redate S1 2026-12-21
wait_for 5 due_is S1 2026-12-21
ok $? "C12: a Salesforce change reaches the cache within seconds"
t1=$(now_ms)
echo "# latency SF change -> cache: $((t1 - t0)) ms"
queries1=$(ctl GET calls | jq '[to_entries[] | select(.key | test("query"))
    | .value] | add // 0')
is $((queries1 - queries0)) 1 "C12: the event costs one query (the normal pull)"

# Our own push comes back as a change event naming our client
# (Sforce-Call-Options -> changeOrigin): it costs no second pull.
q0=$(ctl GET calls | jq '[to_entries[] | select(.key | test("query"))
    | .value] | add // 0')
"$TASKDECK" done "$(local_id S6)" >/dev/null
wait_for 15 sf_completed S6
ok $? "C12: a local edit reaches Salesforce while streaming"
sleep 2
q1=$(ctl GET calls | jq '[to_entries[] | select(.key | test("query"))
    | .value] | add // 0')
is $((q1 - q0)) 1 "C12: its own change event coming back costs no pull"

# 2. The stream breaks mid-connect and sfemu forgets the client; the
# change made meanwhile arrives through the stored replay id.
last=$(ctl GET cometd | jq .last_replay)
ctl POST faults '{"kind":"status","status":503,"body":"[]","count":2,"method":"POST","path":"/cometd/"}' >/dev/null
ctl POST cometd '{"break": 1, "drop": true}' >/dev/null
redate S2 2026-12-22
wait_for 15 due_is S2 2026-12-22
ok $? "C12: a stream broken mid-connect resumes with nothing missed"
replay=$(ctl GET cometd | jq '[.clients[] | select(.subscribed)] | last | .replay')
is "$replay" "$last" "C12: it resubscribed from the stored replay id"
wait_for 3 replay_stored_past "$last"
ok $? "C12: the replay id of the delivered event is kept in the cache"

# 3. Out of the stream for longer than the 72 h retention: the stored id
# is refused, the catch-up pull brings the change, and the client
# resubscribes with -1.
watch_stop
redate S3 2026-12-23
ctl POST clock '{"advance_seconds": 262800}' >/dev/null
watch_start
wait_for 20 due_is S3 2026-12-23
ok $? "C12: replay id past retention: the catch-up pull brings the change"
wait_for 10 subscribed_with -1
ok $? "C12: and the client resubscribed with -1"
wait_for 10 streaming_is on
ok $? "C12: streaming is on again after the catch-up"
redate S4 2026-12-24
wait_for 5 due_is S4 2026-12-24
ok $? "C12: events flow again after the catch-up"

# 4. The org refuses the subscription (CDC not enabled for Task): polling,
# shown; the subscription is retried and streaming comes back.
ctl POST cometd '{"refuse": true, "drop": true}' >/dev/null
wait_for 10 streaming_is "off (Change Data Capture is not enabled for Task)"
ok $? "C12: subscription refused: status says streaming: off (reason)"
grep -q 'streaming off' "$TMP/watch.out"
ok $? "C12: the watch's status line says so too"
ctl POST cometd '{"refuse": null}' >/dev/null
wait_for 10 streaming_is on
ok $? "C12: the subscription is retried and streaming comes back"

# 5. The org's daily event-delivery allocation is reached: polling, shown.
ctl POST cometd '{"max_daily": 0}' >/dev/null
redate S5 2026-12-25
wait_for 10 streaming_is "off (the org.s daily event allocation is reached)"
ok $? "C12: allocation reached: status says streaming: off (daily limit)"
ctl POST cometd '{"max_daily": 25000, "max_clients": 0, "drop": true}' >/dev/null
wait_for 10 streaming_is "off (the org.s streaming client allocation is reached)"
ok $? "C12: concurrent-client allocation reached: streaming: off"
ctl POST cometd '{"max_clients": 1000}' >/dev/null
wait_for 10 streaming_is on
ok $? "C12: streaming comes back once the allocation frees"

# The session expires: the stream's next request is refused (401), the
# engine's cycle refreshes the token and hands it over, streaming resumes.
lines=$(wc -l <"$TMP/watch.out")
q0=$(ctl GET calls | jq '[to_entries[] | select(.key | test("/services/data"))
    | .value] | add // 0')
ctl POST expire-sessions >/dev/null
wait_for 10 sh -c "tail -n +$((lines + 1)) '$TMP/watch.out' |
    grep -q 'streaming off (the Streaming API refused the session'"
ok $? "C12 C8: an expired session: the stream is refused, shown"
wait_for 15 streaming_is on
ok $? "C12 C8: an expired session: refreshed, and streaming resumes"
q1=$(ctl GET calls | jq '[to_entries[] | select(.key | test("/services/data"))
    | .value] | add // 0')
is $((q1 - q0)) 0 "C12 C8: the refresh costs no API call (an OAuth call only)"
redate S5 2026-12-15
wait_for 5 due_is S5 2026-12-15
ok $? "C12 C8: and events flow on the new token"

# 6. Idle and subscribed: one query per safety poll, nothing else.
watch_stop
td config set sync.safety_poll 4
watch_start
wait_for 20 streaming_is on
sleep 1
ctl DELETE calls >/dev/null
sleep 12
calls=$(ctl GET calls)
echo "# idle 12 s, safety poll 4 s, hold 2 s: $calls"
q=$(echo "$calls" | jq '[to_entries[] | select(.key | test("/services/"))
    | .value] | add // 0')
c=$(echo "$calls" | jq '[to_entries[] | select(.key | test("/cometd/"))
    | .value] | add // 0')
[ "$q" -ge 2 ] && [ "$q" -le 4 ]
ok $? "C12: idle while subscribed: one REST call per safety poll ($q in 12 s)"
[ "$c" -le 8 ]
ok $? "C12: and one CometD connect per hold ($c in 12 s)"
watch_stop

# 7. sfemu's Streaming API itself (E2, E3 for C12).
TOK=$(ctl POST token '{}' | jq -r .access_token)
# bayeux LEAF JSON: one Bayeux request as the rep; the reply on stdout.
bayeux() {
	curl -s -X POST -H "Authorization: Bearer $TOK" \
	    -H 'Content-Type: application/json' --data-binary "$2" \
	    "$EMU/cometd/59.0/$1"
}
ctl POST cometd '{"hold_ms": 3000}' >/dev/null
cid=$(bayeux handshake '[{"channel":"/meta/handshake","version":"1.0","supportedConnectionTypes":["long-polling"]}]' |
    jq -r '.[0].clientId')
r=$(bayeux subscribe "[{\"channel\":\"/meta/subscribe\",\"clientId\":\"$cid\",\"subscription\":\"/data/TaskChangeEvent\",\"ext\":{\"replay\":{\"/data/TaskChangeEvent\":-1}}}]")
is "$(echo "$r" | jq '.[0].successful')" true "E3 C12 sfemu: subscribe with -1"
bayeux connect "[{\"channel\":\"/meta/connect\",\"clientId\":\"$cid\",\"connectionType\":\"long-polling\"}]" \
    >"$TMP/held" &
hpid=$!
sleep 0.3
t0=$(now_ms)
ctl GET tasks >/dev/null
sfapi GET "sobjects/Task/$(ctl GET tasks | jq -r '.[0].Id')" >/dev/null
t1=$(now_ms)
[ $((t1 - t0)) -lt 1500 ]
ok $? "E3 C12 sfemu: a held connect blocks no other request ($((t1 - t0)) ms)"
before=$(ctl GET cometd | jq .last_replay)
# allOrNone with one bad record: rolled back, so no change event.
sfapi POST composite/sobjects '{"allOrNone": true, "records": [
 {"attributes": {"type": "Task"}, "Subject": "R1"},
 {"attributes": {"type": "Task"}, "Subject": "R2", "Priority": "No such"}]}' >/dev/null
is "$(ctl GET cometd | jq .last_replay)" "$before" \
    "E2 C12 sfemu: a rolled-back write makes no change event"
redate S6 2026-12-26
wait $hpid
is "$(jq -r '.[0].data.payload.ChangeEventHeader | "\(.entityName) \(.changeType) \(.changedFields[0])"' "$TMP/held")" \
    "Task UPDATE ActivityDate" "E2 C12 sfemu: the held connect answers with the change event"
is "$(jq -r '.[1].channel + " " + (.[1].successful | tostring) + " " + .[1].advice.reconnect' "$TMP/held")" \
    "/meta/connect true retry" "E2 C12 sfemu: then the connect reply with its advice"
ctl POST clock '{"advance_seconds": 262800}' >/dev/null
TOK=$(ctl POST token '{}' | jq -r .access_token)
r=$(bayeux subscribe "[{\"channel\":\"/meta/subscribe\",\"clientId\":\"$cid\",\"subscription\":\"/data/TaskChangeEvent\",\"ext\":{\"replay\":{\"/data/TaskChangeEvent\":1}}}]")
echo "$r" | jq -r '.[0].error' | grep -q '^400::The replayId {1} you provided was invalid'
ok $? "E2 C12 sfemu: a replay id past the 72 h retention is refused"
r=$(curl -s -X POST -H "Authorization: Bearer $TOK" --data '[]' "$EMU/cometd/")
echo "$r" | grep -q "API version in the URI is mandatory"
ok $? "E2 C12 sfemu: /cometd/ without a version is refused"

done_testing
