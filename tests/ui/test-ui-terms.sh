#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Terminals (U7; issue 16 finding 7): TERM=dumb falls back to the plain
# list and says why; under vt100 and linux (no alternate screen) the last
# frame is cleared on quit; a ZWJ emoji sequence is drawn as the cells
# curses counted (no joiner sent, no stale cells); under LANG=C a pasted
# "Müller anrufen" keeps every byte.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

zwj=$(printf '\360\237\221\251\342\200\215\360\237\222\273')
td add "Pair with Ana $zwj on the demo" --due today
td add "Second row here" --due today

# TERM=dumb: the plain list, and why.
ui_kill
UI_SOCK="td-ui-$$-dumb"
ui_tmux -f /dev/null new-session -d -x 80 -y 24 \
    "env TERM=dumb '$TASKDECK' 2>&1; echo \"rc=\$?\"; sleep 30"
ui_wait 'rc=' 10
ui_screen | grep -q '^ *1 \[ \] *Pair with Ana'
ok $? "U7 TERM=dumb prints the plain list"
ui_screen | grep -qi 'dumb.*cannot\|cannot.*dumb'
ok $? "U7 TERM=dumb says why the command center did not open"
ui_screen | grep -q 'rc=0'
ok $? "U7 TERM=dumb exits 0"
ui_kill

# vt100 and linux: no alternate screen, so the frame is cleared on quit.
for t in vt100 linux; do
	ui_start 80 24 TERM=$t
	ui_wait 'Today (2)'
	ui_keys q
	ui_wait_exit
	sleep 0.3
	ui_screen | grep -q 'Today (2)\|taskdeck - '
	ok $((! $?)) "U7 TERM=$t: the last frame is cleared on quit"
done

# A ZWJ emoji sequence: no joiner reaches the terminal, rows line up.
ui_start 80 24
ui_wait 'Today (2)'
ui_keys j k
sleep 0.5
ui_tmux capture-pane -p -e | grep -q "$(printf '\342\200\215')"
ok $((! $?)) "U7 a ZWJ sequence is drawn without the joiner (no stale cells)"
cols=$(ui_screen | grep ' local *$' | while IFS= read -r l; do
	printf '%s\n' "${l%local*}" | wc -L
done | sort -u | wc -l)
is "$cols" 1 "U7 the badge column lines up on the emoji row"
ui_keys q
ui_wait_exit

# LANG=C: a pasted UTF-8 name keeps every byte.
ui_start 80 24 LC_ALL=C LANG=C
ui_wait 'Today (2)'
ui_keys a
ui_wait 'Add a reminder'
ui_type 'Müller anrufen'
sleep 0.3
ui_keys C-s
ui_wait 'added reminder 3'
is "$(ui_json_field 3 name)" "Müller anrufen" \
    "U7 LANG=C: a pasted name with an umlaut keeps every byte"
ui_screen | grep -q 'M?ller anrufen'
ok $? "U7 LANG=C: shown with the ASCII fallback"
ui_keys q
ui_wait_exit
done_testing
