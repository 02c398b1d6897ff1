#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Regenerates the seed corpora of the Salesforce-answer fuzz targets (page,
# token, error, results) and of sfemu's request bodies from a real sfemu's
# actual answers and from the requests taskdeck sends.  Run from a build
# directory: sh SRCDIR/tests/fuzz/corpus-gen.sh SRCDIR.  The shapes from
# Salesforce's documentation are kept by hand beside them (doc-*).
src=${1:?usage: corpus-gen.sh SRCDIR}
out=$src/tests/fuzz/corpus
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
./src/sfemu/sfemu --port 0 --print-port >"$tmp/port" 2>/dev/null &
pid=$!
while [ ! -s "$tmp/port" ]; do sleep 0.05; done
E=http://127.0.0.1:$(cat "$tmp/port")
V=$E/services/data/v59.0
mkdir -p "$out/page" "$out/token" "$out/error" "$out/results" \
    "$out/sfemu-body"
ctl() { curl -s -X POST -H 'Content-Type: application/json' \
    --data-binary "$2" "$E/__sfemu/$1"; }
form() { curl -s -X POST --data-binary "$1" "$E/services/oauth2/token"; }
# api FILE METHOD PATH [BODY]: saves the answer body in FILE.
api() { curl -s -o "$1" -X "$2" -H "Authorization: Bearer $T" \
    -H 'Content-Type: application/json' ${4:+--data-binary "$4"} "$V/$3"; }
q() { printf '%s' "$1" | jq -sRr @uri; }

ctl seed '{"settings":{"password_refresh":true,"device_interval":1},
 "users":[{"key":"rep","Name":"Dana Rivera","Username":"dana@x","Password":"pw1"}],
 "accounts":[{"key":"acme","Name":"Acme GmbH"}],
 "contacts":[{"key":"ana","FirstName":"Ana","LastName":"Souza","AccountKey":"acme"}],
 "leads":[{"key":"li","FirstName":"Li","LastName":"Wei","Company":"Wei Ltd"}],
 "tasks":[{"Subject":"Call Ana","Priority":"High","ActivityDate":0,
   "Description":"Ask about the Q4 order\nand the invoice","Who":"ana","What":"acme",
   "TaskdeckKey__c":"td-1"},
  {"Subject":"Write to Li \u4e2d\u6587","Status":"Completed","ActivityDate":null,"Who":"li"},
  {"Subject":"Half done","Status":"In Progress","Priority":"Low","ActivityDate":3},
  {"Subject":"Removed","DeletedDaysAgo":2}]}' >/dev/null
T=$(ctl token '{}' | jq -r .access_token)
F='Id,Subject,Status,Priority,ActivityDate,Description,Who.Name,What.Name,OwnerId,TaskSubtype,IsDeleted,IsRecurrence,SystemModstamp,LastModifiedDate,CreatedDate,TaskdeckKey__c'
api "$out/page/sfemu-query" GET "query/?q=$(q "SELECT $F FROM Task ORDER BY Subject")"
api "$out/page/sfemu-queryall" GET "queryAll/?q=$(q "SELECT $F FROM Task WHERE IsDeleted = true")"
api "$out/page/sfemu-empty" GET "query/?q=$(q "SELECT Id FROM Task WHERE Subject = 'none'")"
api "$out/page/sfemu-picklist" GET "query/?q=$(q "SELECT ApiName FROM TaskStatus")"
i=0
while [ $i -lt 450 ]; do
	printf '{"attributes":{"type":"Task"},"Subject":"Bulk %d"}\n' $i
	i=$((i + 1))
done >"$tmp/bulk"
j=0
while [ $j -lt 3 ]; do
	sed -n "$((j * 150 + 1)),$((j * 150 + 150))p" "$tmp/bulk" |
	    jq -sc '{allOrNone:false,records:.}' >"$tmp/coll"
	api "$tmp/r" POST composite/sobjects "$(cat "$tmp/coll")"
	j=$((j + 1))
done
curl -s -o "$out/page/sfemu-first-page" -H "Authorization: Bearer $T" \
    -H 'Sforce-Query-Options: batchSize=200' \
    "$V/query/?q=$(q "SELECT Id,Subject,SystemModstamp FROM Task LIMIT 2")"
next=$(curl -s -H "Authorization: Bearer $T" -H 'Sforce-Query-Options: batchSize=200' \
    "$V/query/?q=$(q "SELECT Id,Subject,Status,Priority,ActivityDate,SystemModstamp FROM Task")" |
    jq -r .nextRecordsUrl)
curl -s -H "Authorization: Bearer $T" "$E$next" | jq -c '.records |= .[0:3]' \
    >"$out/page/sfemu-next-page"

form 'grant_type=password&client_id=td&username=dana%40x&password=pw1' \
    >"$out/token/sfemu-password"
RT=$(jq -r .refresh_token "$out/token/sfemu-password")
ctl settings '{"rotate_refresh":true}' >/dev/null
form "grant_type=refresh_token&client_id=td&refresh_token=$RT" \
    >"$out/token/sfemu-refresh-rotated"
form 'response_type=device_code&client_id=td&scope=api%20refresh_token' \
    >"$out/token/sfemu-device-start"
DC=$(jq -r .device_code "$out/token/sfemu-device-start")
UC=$(jq -r .user_code "$out/token/sfemu-device-start")
form "grant_type=device&client_id=td&code=$DC" >"$out/error/sfemu-pending"
ctl device/approve "{\"user_code\":\"$UC\"}" >/dev/null
ctl clock '{"advance_seconds":2}' >/dev/null
form "grant_type=device&client_id=td&code=$DC" >"$out/token/sfemu-device-grant"
T=$(ctl token '{}' | jq -r .access_token)
curl -s -H "Authorization: Bearer $T" "$E/services/oauth2/userinfo" \
    >"$out/token/sfemu-userinfo"

form 'grant_type=password&client_id=td&username=dana%40x&password=no' \
    >"$out/error/sfemu-invalid-grant"
form 'grant_type=password' >"$out/error/sfemu-invalid-client"
curl -s -H 'Authorization: Bearer nope' "$V/limits" >"$out/error/sfemu-session"
curl -s "$V/limits" >"$out/error/sfemu-no-auth"
api "$out/error/sfemu-malformed-query" GET "query/?q=$(q "SELECT FROM Task")"
api "$out/error/sfemu-invalid-field" GET "query/?q=$(q "SELECT Nope FROM Task")"
api "$out/error/sfemu-too-long" POST sobjects/Task \
    "{\"Subject\":\"$(printf '%0300d' 0)\"}"
api "$out/error/sfemu-picklist" POST sobjects/Task '{"Status":"Nope"}'
ID=$(api "$tmp/c" POST sobjects/Task '{"Subject":"x"}'; jq -r .id "$tmp/c")
curl -s -o "$out/error/sfemu-412" -X PATCH -H "Authorization: Bearer $T" \
    -H 'Content-Type: application/json' \
    -H 'If-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT' \
    --data-binary '{"Subject":"y"}' "$V/sobjects/Task/$ID"
api "$tmp/d" DELETE "sobjects/Task/$ID"
api "$out/error/sfemu-deleted" DELETE "sobjects/Task/$ID"
ctl limits '{"limit":10,"usage":10}' >/dev/null
api "$out/error/sfemu-limit" GET limits
ctl limits '{"limit":15000,"usage":0}' >/dev/null

# Composite results: the first byte is the record count.
res() { printf "\\$(printf '%03o' "$2")" >"$out/results/$1"; cat "$tmp/r" >>"$out/results/$1"; }
api "$tmp/r" POST composite/sobjects '{"allOrNone":false,"records":[
 {"attributes":{"type":"Task"},"Subject":"A","TaskdeckKey__c":"td-9"},
 {"attributes":{"type":"Task"},"Subject":"B","Priority":"Nope"}]}'
res sfemu-create-partial 2
A=$(jq -r '.[0].id' "$tmp/r")
api "$tmp/r" PATCH composite/sobjects "{\"allOrNone\":true,\"records\":[
 {\"attributes\":{\"type\":\"Task\"},\"Id\":\"$A\",\"Subject\":\"A2\"},
 {\"attributes\":{\"type\":\"Task\"},\"Id\":\"$A\",\"Status\":\"\"}]}"
res sfemu-update-rolled-back 2
api "$tmp/r" PATCH composite/sobjects "{\"allOrNone\":false,\"records\":[
 {\"attributes\":{\"type\":\"Task\"},\"Id\":\"$A\",\"Description\":\"d\"}]}"
res sfemu-update 1
api "$tmp/r" DELETE "composite/sobjects?allOrNone=false&ids=$A,$ID"
res sfemu-delete 2

# sfemu's request bodies: route byte, variant byte, body (fuzz-sfemu-body.c).
body() { printf "\\$(printf '%03o' "$2")\\$(printf '%03o' "$3")" \
    >"$out/sfemu-body/$1"; printf '%s' "$4" >>"$out/sfemu-body/$1"; }
body create 0 0 '{"Subject":"Call Ana","Status":"Not Started","Priority":"High","ActivityDate":"2026-11-24","Description":"x","WhoId":"003000000000001AAA"}'
body update 1 0 '{"Subject":"Renamed","ActivityDate":null,"Description":null}'
body update-ius 1 3 '{"Status":"Completed"}'
body upsert 2 4 '{"Subject":"By key","TaskdeckKey__c":"k1"}'
body coll-create 3 0 '{"allOrNone":false,"records":[{"attributes":{"type":"Task"},"Subject":"A","TaskdeckKey__c":"td-2"},{"attributes":{"type":"Task"},"Subject":"B","Priority":"Nope"}]}'
body coll-update 4 0 '{"allOrNone":true,"records":[{"attributes":{"type":"Task"},"Id":"00T000000000001AAA","Subject":"x"}]}'
body token-password 5 0 'grant_type=password&client_id=td&username=dana%40x&password=pw1'
body token-refresh 5 0 'grant_type=refresh_token&client_id=td&refresh_token=5Aep861abc'
body token-device 5 0 'response_type=device_code&client_id=td&scope=api%20refresh_token'
body token-device-poll 5 0 'grant_type=device&client_id=td&code=abcdef'
body revoke 6 0 'token=5Aep861abc'
body coll-delete 7 2 '00T000000000001AAA,00T000000000002AAA'
body query 8 0 'SELECT Id, Subject, Who.Name FROM Task WHERE ActivityDate = TODAY ORDER BY Subject LIMIT 10'
body ctl-seed 9 0 '{"tasks":[{"Subject":"Seeded","ActivityDate":1,"CreatedDaysAgo":3}]}'
body ctl-settings 9 4 '{"rotate_refresh":true,"task_status":[{"label":"Open","default":true},{"label":"Done","closed":true}]}'
body ctl-clock 9 8 '{"advance_days":20}'
body ctl-limits 9 12 '{"limit":5,"usage":1}'
body ctl-faults 9 16 '{"method":"PATCH","path":"/services/data/","count":2,"kind":"status","status":503,"body":"[]"}'
body ctl-approve 9 20 '{"user_code":"ABCDEFGH","user":"rep"}'
