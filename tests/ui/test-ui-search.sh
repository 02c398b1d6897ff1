#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Search (U9; issue 16 finding 5): results as you type, Unicode case and
# accent folding (German, Swedish, Italian, Spanish; CJK passes through),
# `/` starts empty, n/N move between matches, and `l` limits the view to
# the matches (mutt's limit).
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

td import --seed "$TD_SRCDIR/data/demo-seed.json"
ui_start 80 24
ui_wait 'Tomorrow ('

# As you type: no Enter pressed.
ui_keys /
ui_type 'KRÜGER'
ui_wait 'Search "KRÜGER" (' 5
ok $? "U9 search as you type: results before Enter"
ui_screen | grep ' local *$' | grep -qF 'Rückruf Sabine Krüger'
ok $? "U9 KRÜGER finds Krüger (German case folding)"
ui_keys Escape
ui_wait 'Today & Tomorrow'
ok $? "U9 Esc leaves the search"

ui_keys /
ui_type 'åström'
ui_keys Enter
ui_wait 'Search "åström" (' 5
ui_screen | grep ' local *$' | grep -qF 'Ring Erik Åström'
ok $? "U9 åström finds Åström (Swedish case folding)"
ui_keys t
ui_wait 'Today & Tomorrow'

ui_keys /
ui_type 'ferre'
ui_keys Enter
ui_wait 'Search "' 5
ui_screen | grep -q 'Search "ferre" ('
ok $? "U9 / starts empty: the new term is not appended to the last"
ui_screen | grep ' local *$' | grep -qF 'Chiamare Giulia Ferrè'
ok $? "U9 ferre finds Ferrè (Italian accent folding)"
ui_keys t
ui_wait 'Today & Tomorrow'
ui_keys /
ui_type 'inigo munoz'
ui_wait 'Search "inigo munoz" (1)' 5
ok $? "U9 inigo munoz finds Íñigo Muñoz as you type (Spanish)"
ui_keys Escape
ui_keys /
ui_type '王经理'
ui_wait 'Search "王经理" (1)' 5
ok $? "U9 CJK passes through the folding"
ui_keys Escape
ui_wait 'Today & Tomorrow'

# n / N in the all-reminders view: the next and previous match.
ui_keys A
ui_wait 'All reminders (40)'
ui_keys /
ui_type 'brightwave'
ui_keys Enter
ui_wait 'Search "brightwave" ('
ui_keys A
ui_wait 'All reminders (40)'
ui_keys g n
sleep 0.5
sel() {
	ui_screen | sed -n '/Details/{n;p;}'
}
pane() {
	ui_screen | sed -n '/Details/,$p' | sed -n '2,4p'
}
pane | grep -qi 'brightwave'
ok $? "U9 n moves to the next reminder that matches the last search"
first=$(sel)
ui_keys n
sleep 0.5
second=$(sel)
[ "$first" != "$second" ] && pane | grep -qi 'brightwave'
ok $? "U9 n again moves on to another match"
ui_keys N
sleep 0.5
is "$(sel)" "$first" "U9 N moves back to the previous match"

# l: limit the current view to the matches, as you type.
ui_keys t
ui_wait 'Today & Tomorrow'
ui_keys l
ui_type 'redlines'
ui_wait 'limited to "redlines"' 5
ok $? "U9 l limits the view as you type"
rows=$(ui_screen | grep -c ' local *$')
ui_screen | grep ' local *$' | grep -q 'Contract redlines'
ok $? "U9 the limited view keeps only the matching row ($rows shown)"
[ "$rows" -eq 1 ]
ok $? "U9 and no other row"
ui_keys Enter
ui_keys l
ui_keys Enter
ui_wait_gone 'limited to' 5
ok $? "U9 an empty limit shows the whole view again"

ui_keys q
ui_wait_exit
is "$ui_status" 0 "U3 q quits"
done_testing
