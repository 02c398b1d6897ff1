#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The link picker of the add and edit forms (issue 17 deliverable 2,
# doc/sync.md F14, doc/ui.md) at 80x24 against a real sfemu: a few
# letters show the cache's matches at once and Salesforce's when this
# window syncs; arrows and Enter link; the link reaches Salesforce with
# the create (F12); Backspace on the field clears it (F12); under a slow
# search (an sfemu latency fault) typing and moving stay responsive
# (F14: the UI never waits on the network); LANG=C works.  Who is reached
# with Shift-Tab twice (the form's last two fields: Who, What).
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/sync/sync-lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
need_tools curl jq

emu_start
SEED=$(ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x", "Password": "pw"}],
 "accounts": [{"key": "acme", "Name": "Acme"}],
 "contacts": [{"key": "ana", "FirstName": "Ana", "LastName": "Souza"},
              {"key": "bruno", "FirstName": "Bruno", "LastName": "Kr\u00fcger"}],
 "leads": [{"key": "lena", "FirstName": "Lena", "LastName": "Berg", "Company": "Berg AB"}],
 "tasks": [{"Subject": "Imported", "Owner": "rep", "Who": "ana", "What": "acme",
            "CreatedDaysAgo": 0, "ActivityDate": 0}]}')
BRUNO=$(echo "$SEED" | jq -r .contacts.bruno)
LENA=$(echo "$SEED" | jq -r .leads.lena)
ACME=$(echo "$SEED" | jq -r .accounts.acme)
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync: Ana Souza and Acme are in the person cache"
ctl POST limits '{"limit": 100000000}' >/dev/null

# now_ms: the clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

ui_start 80 24
ui_wait ' up to date ' 15
ui_keys a
ui_wait 'Add a reminder'
ui_type "Call Bruno"
ui_keys BTab BTab
ui_wait 'Backspace: no link'
ok $? "F14 the form has a Who field, reached with Tab"
ui_type "b"
ui_wait 'Link a person (Contact or Lead)'
ok $? "F14 a letter on the Who field opens the picker"
ui_type "r"
ui_wait 'Bruno Krüger' 10
ok $? "F14 two letters: Salesforce is searched, its match shows"
ui_screen | grep -q 'Salesforce: 1 match'
ok $? "F14 the picker says what Salesforce found"
ui_keys Enter
ui_wait 'Who       Bruno Krüger'
ok $? "F14 Enter links the person; the form shows the name"
ui_keys Tab
ui_type "ac"
ui_wait '>Acme'
ok $? "F14 What: the cache's match shows at once"
ui_keys Enter
ui_wait 'What Acme'
ui_keys C-s
ui_wait 'added reminder'
ok $? "F12 the reminder with its links is saved"
i=0
while [ "$(sf_task "Call Bruno" WhoId)" != "$BRUNO" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(sf_task "Call Bruno" WhoId)/$(sf_task "Call Bruno" WhatId)" \
    "$BRUNO/$ACME" "F12 the create carries the picked WhoId and WhatId"
ui_wait 'Call Bruno'
ui_wait 'Who: Bruno Krüger   What: Acme'
ok $? "U2 F12 the reminder shows the picked Who and What"
ui_screen | grep 'Call Bruno' | grep -q 'Bruno Krüger, Acme'
ok $? "U2 F12 the row shows them too, also beside a short name"

# --- F14: a slow search never blocks typing or moving ---------------------
ctl POST faults '{"kind":"latency","latency_ms":4000,"count":2,"method":"GET","path":"/services/data/v59.0/query"}' >/dev/null
ui_keys a
ui_wait 'Add a reminder'
ui_type "Call Lena"
ui_keys BTab BTab
ui_type "l"
ui_wait 'Link a person'
ui_type "e"
ui_wait 'searching Salesforce...' 5
ok $? "F14 the search is under way (sfemu holds it 4 s)"
t0=$(now_ms)
ui_type "n"
ui_wait 'Find:     len' 2
t1=$(now_ms)
ok $? "F14 typing during the slow search shows at once"
[ $((t1 - t0)) -lt 1500 ]
ok $? "F14 ... within 1.5 s ($((t1 - t0)) ms) while the search waits"
ui_screen | grep -q 'searching Salesforce...'
ok $? "F14 ... and the search was still under way"
ui_keys Down Up BSpace
n=0
while ! ui_screen | grep -q 'Find: *le$' && [ $n -lt 20 ]; do
	sleep 0.1
	n=$((n + 1))
done
ui_screen | grep -q 'Find: *le$'
ok $? "F14 arrows and Backspace are served during the search"
ui_type "n"
ui_wait 'Lena Berg' 20
ok $? "F14 the slow answer arrives and its match shows"
ui_keys Enter
ui_wait 'Who       Lena Berg'
ui_keys C-s
ui_wait 'added reminder'
i=0
while [ "$(sf_task "Call Lena" WhoId)" != "$LENA" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(sf_task "Call Lena" WhoId)" "$LENA" "F12 a Lead picked is the WhoId"
ctl DELETE faults >/dev/null

# --- F12: Backspace on the field clears the link; ^D in the picker too ---
LID=$("$TASKDECK" list --all --json | jq -r '.[] | select(.name == "Call Lena") | .id')
# The cursor is on the reminder just added.
ui_keys e
ui_wait "Edit reminder $LID"
ui_keys BTab BTab
ui_wait 'Who       Lena Berg'
ui_keys BSpace
ui_wait 'Who       -'
ok $? "F12 Backspace on Who removes the link"
ui_keys C-s
ui_wait "saved reminder $LID"
i=0
while [ -n "$(sf_task "Call Lena" WhoId | sed 's/null//')" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(sf_task "Call Lena" WhoId | sed 's/null//')" "" \
    "F12 the cleared link is cleared in Salesforce"
ui_keys q
ui_wait_exit
ok $? "the UI quits"

# --- U7: LANG=C, 80x24 --------------------------------------------------
ui_start 80 24 LANG=C LC_ALL=C
ui_keys a
ui_wait 'Add a reminder'
ui_type "Ascii"
ui_keys BTab BTab Space
ui_wait 'Link a person'
ui_type "bru"
ui_wait 'Bruno Kr'
ok $? "U7 F14 the picker works under LANG=C"
ui_keys C-d
ui_wait 'Who       -'
ok $? "F14 ^D leaves the picker with no link"
ui_keys Escape
ui_keys y
ui_keys q
ui_wait_exit
done_testing
