#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Volume and cost, measured from sfemu's call counts: a 5,000-task first
# sync with progress (S2, S4), 1,000 local edits in at most 5 composite
# calls (C1), an idle poll of one call and no writes once converged (C9).
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"

emu_start
{
	printf '{"settings": {"device_interval": 1}, "users": [{"key": "rep",'
	printf ' "Name": "Dana", "Username": "d@x", "Password": "p"}], "tasks": ['
	i=1
	while [ $i -le 5000 ]; do
		[ $i -gt 1 ] && printf ','
		printf '{"Subject": "Task %d", "Owner": "rep", "CreatedDaysAgo": %d}' \
		    $i $((i % 40))
		i=$((i + 1))
	done
	printf ']}'
} >"$TMP/seed.json"
ctl_file POST seed "$TMP/seed.json" >/dev/null
login_device
"$TASKDECK" config set sync.first_import_window all
td sync --enable
ctl DELETE calls

# S4: the first sync shows imported / total while it runs.
"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
wpid=$!
i=0
while ! grep -q '^sync: idle' "$TMP/watch.out" && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM $wpid
wait $wpid
grep -q '^sync: first-sync [0-9]*/5000' "$TMP/watch.out"
ok $? "S4 first sync reports progress as imported / total"
is "$("$TASKDECK" list --all --json | jq length)" 5000 \
    "S2 5,000 tasks imported by the first sync (window all)"
[ "$(calls_total)" -le 4 ]
ok $? "S2 5,000 tasks take at most 4 API calls (pages of 2,000)"

# C1: 1,000 local edits in at most 5 composite calls.
"$TD_BUILDDIR/tests/sync/bulk-edit" "$CACHE" 1000
ok $? "C7 1,000 local edits saved, each with its outbox entry"
ctl DELETE calls
td sync --once
ok $rc "C1 sync of 1,000 local edits succeeds"
n=$(ctl GET calls | jq '[to_entries[] | select(.key | test("composite")) | .value] | add // 0')
[ "$n" -ge 1 ] && [ "$n" -le 5 ]
ok $? "C1 1,000 local edits reach Salesforce in <= 5 composite calls ($n)"
is "$(ctl GET tasks | jq '[.[] | select(.Description != null and (.Description | startswith("edit ")))] | length')" \
    1000 "C1 C3 all 1,000 edits are in Salesforce"
ctl DELETE calls
td sync --once
is "$(calls_total)" 1 "C9 idle poll after convergence costs 1 API call"
is "$(calls_writes)" 0 "C9 a second cycle after convergence makes 0 writes"

done_testing
