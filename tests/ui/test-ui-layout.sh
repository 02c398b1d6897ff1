#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The command center's layout (U2, U7; issue 16 finding 6): columns share
# the width by content, the details page wraps at word boundaries, the
# delete question fits 80 columns, offline the pending count stays in
# sight, a cursor move writes at most 128 bytes to the terminal, and the
# whole list is read right after the first frame (a first End lands on
# the real last reminder).
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

# A seed: reminders with a long Who/What and others with none.
seed() {
	cat >"$TMP/seed.json" <<JSON
{ "users": [ { "key": "rep", "Name": "Dana Rivera" } ],
  "accounts": [ { "key": "big", "Name": "Kessler Logistik und Lagerhaltung Aktiengesellschaft Hamburg-Altona" } ],
  "contacts": [ { "key": "sab", "FirstName": "Sabine", "LastName": "Krüger-Oberndorfer", "AccountKey": "big" } ],
  "leads": [],
  "tasks": [
   { "Subject": "Call Sabine about the cold-storage tender", "Status": "Not Started",
     "Priority": "Normal", "ActivityDate": 0, "Description": "", "Owner": "rep",
     "Who": "sab", "What": "big", "CreatedDaysAgo": 0 }
  ] }
JSON
}

# 80x24 with no Who/What anywhere: a 60-cell name is not cut at 30 cells.
name60="Prepare the onboarding checklist for the new warehouse team"
td add "$name60" --due today
td add "Short one" --due today
ui_start 80 24
ui_wait 'Today (2)'
ui_screen | grep ' local *$' | grep -qF "$name60"
ok $? "U2 at 80 columns with no Who/What a 60-cell name is shown in full"
ui_keys q
ui_wait_exit

# 200x50: a long Who/What gets the room instead of blank cells.
seed
td import --seed "$TMP/seed.json"
rel="Sabine Krüger-Oberndorfer, Kessler Logistik und Lagerhaltung Aktiengesellschaft Hamburg-Altona"
ui_start 200 50
ui_wait 'Today (3)'
ui_screen | grep -qF "$rel"
ok $? "U2 at 200 columns a long Who/What is shown in full"
ui_screen | grep -F "$name60" | grep -q ' local *$'
ok $? "U2 at 200 columns the badge column stays at the right"
ui_keys q
ui_wait_exit

# The details page wraps at word boundaries.
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
words="Bitte vor dem Termin die neuen Konditionen vorschlagen."
words="$words Danach den Vertrag mit der Rechtsabteilung abstimmen und"
words="$words den Entwurf an Sabine schicken, damit sie ihn rechtzeitig"
words="$words vor der Vorstandssitzung unterschreiben kann."
wname="Wrap test: the quarterly review of the cold-storage tender with Kessler"
td add "$wname" --due today --details "$words"
ui_start 80 24
ui_wait 'Wrap test'
ui_keys Enter
ui_wait 'Details:'
page=$(ui_screen | sed -n '/^ *Details:/,$p' | sed '1d;$d')
bad=0
for w in $words; do
	printf '%s\n' "$page" | tr -s ' ' '\n' | grep -qxF -- "$w" || bad=$((bad + 1))
done
is "$bad" 0 "U7 the details page wraps at word boundaries (no word split)"
ui_keys q
ui_wait 'Today ('

# The delete question fits 80 columns: (y/n) stays in sight.
ui_keys d
ui_wait 'Delete'
ui_screen | tail -1 | grep -q '(y/n)'
ok $? "U3 the delete question of a long name keeps '(y/n)' at 80 columns"
ui_keys n
ui_keys q
ui_wait_exit

# A cursor move writes at most 128 bytes (measured on the pty).
td import --seed "$TD_SRCDIR/data/demo-seed.json"
ui_start 80 24
ui_wait 'Tomorrow ('
sleep 0.5
ui_tmux pipe-pane -o "cat >>'$TMP/pty'"
sleep 0.3
: >"$TMP/pty"
ui_keys j j j j j j j j j j
sleep 1
ui_keys k k k k k k k k k k
sleep 1
b=$(wc -c <"$TMP/pty")
echo "# 20 cursor moves wrote $b bytes"
[ "$b" -le $((20 * 128)) ]
ok $? "U7 a cursor move writes at most 128 bytes at 80x24 ($((b / 20)) per move)"
ui_tmux pipe-pane
# Paced as a rep taps j and k (one key each 150 ms, as make bench does).
sleep 0.5
: >"$TMP/pty2"
ui_tmux pipe-pane -o "cat >>'$TMP/pty2'"
sleep 0.3
i=0
while [ $i -lt 20 ]; do
	if [ $((i % 2)) = 0 ]; then ui_keys j; else ui_keys k; fi
	sleep 0.15
	i=$((i + 1))
done
sleep 0.6
ui_tmux pipe-pane
b=$(wc -c <"$TMP/pty2")
echo "# 20 paced cursor moves wrote $b bytes"
[ "$b" -le $((20 * 128)) ]
ok $? "U7 paced cursor moves write at most 128 bytes each ($((b / 20)) per move)"
ui_keys q
ui_wait_exit

# Offline: the error text does not hide the pending count.
"$TASKDECK" config set sync.enabled true >/dev/null 2>&1
td add "Queued while offline" --due today
ui_start 80 24 SF_ACCESS_TOKEN=x SF_INSTANCE_URL=http://127.0.0.1:9
ui_wait 'offline' 20
ui_screen | grep 'offline' | grep -q ' 1 pending'
ok $? "U5 offline, the status line still shows the pending count"
ui_keys q
ui_keys y
ui_wait_exit
"$TASKDECK" config set sync.enabled false >/dev/null 2>&1

# The whole list is read right after the first frame: End lands on the
# real last reminder of Today at once.
{
	printf '{ "users": [ { "key": "rep", "Name": "Dana" } ],\n'
	printf '  "accounts": [], "contacts": [], "leads": [], "tasks": [\n'
	i=1
	while [ $i -le 1500 ]; do
		printf '{ "Subject": "Bulk reminder %04d", "Status": "Not Started", "Priority": "Normal", "ActivityDate": 0, "Owner": "rep" },\n' $i
		i=$((i + 1))
	done
	printf '{ "Subject": "Zz the very last one", "Status": "Not Started", "Priority": "Normal", "ActivityDate": 0, "Owner": "rep" } ] }\n'
} >"$TMP/bulk.json"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
td import --seed "$TMP/bulk.json"
ui_start 80 24
ui_keys End
sleep 1
ui_screen | sed -n '/Details/,$p' | grep -q 'Zz the very last one'
ok $? "U1 the first End after start-up lands on the real end of the list"
ui_keys q
ui_wait_exit

done_testing
