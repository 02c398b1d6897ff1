#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Terminals (U7, B5): resizes, wide CJK characters aligned by display
# width, the ASCII fallback under LANG=C, NO_COLOR and ui.color, an escape
# sequence in a name shown harmlessly, and the terminal given back on
# SIGTERM.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"

long="Prepare the quarterly business review deck for Brightwave"
long="$long with usage numbers and renewal options"
td add "致电王经理确认报价并发送修订版合同" --due today \
    --priority high
td add "Call Ana about the renewal" --due today
td add "$long" --due today
td add "$(printf 'Evil \033]2;pwned\007\033[2J\033[31mred')" --due tomorrow
td add "Tomorrow's follow-up" --due tomorrow

ui_start 80 24
ui_wait 'Tomorrow (2)'
ok $? "U7 opens at 80x24"

# Wide characters: the badge column lines up in display columns.
cols=$(ui_screen | grep ' local *$' | while IFS= read -r l; do
	printf '%s\n' "${l%local*}" | wc -L
done | sort -u)
n=$(ui_screen | grep -c ' local *$')
[ "$n" -ge 4 ] && [ "$(echo "$cols" | wc -l)" -eq 1 ]
ok $? "U7 a Chinese name aligned: the badge column is the same on all $n rows"
ui_screen | grep -q '致电王经理'
ok $? "U7 the Chinese name is shown (UTF-8 locale)"

# B5: the escape sequences are neutralised, the screen stays intact.
ui_screen | grep -q 'Evil .*]2;pwned.*\[2J.*\[31mred'
ok $? "B5 an escape sequence in a name is shown harmlessly as text"
ui_screen | sed -n 1p | grep -q 'taskdeck - Today'
ok $? "B5 the escape sequence did not clear the screen"
title=$(ui_tmux display-message -p '#{pane_title}')
[ "$title" != pwned ]
ok $? "B5 the escape sequence did not set the terminal title"

# Resizes.
ui_tmux resize-window -x 60 -y 20
ui_wait 'Details ───────'
ok $? "U7 resize to 60x20 redraws"
ui_screen | sed -n 1p | grep -q 'taskdeck - Today.*[0-9]$'
ok $? "U7 at 60x20 the header fits"
w=$(ui_screen | wc -L)
[ "$w" -le 60 ]
ok $? "U7 at 60x20 no line is wider than the terminal ($w)"
ui_screen | sed -n 19p | grep -q '^ sync'
ok $? "U7 at 60x20 the status line is on the second-last row"
ui_tmux resize-window -x 200 -y 50
ui_wait "$long"
ok $? "U7 resize to 200x50 shows the long name in full"
is "$(ui_screen | sed -n 49p | cut -c1-5)" " sync" \
    "U7 at 200x50 the status line is on the second-last row"
ui_tmux resize-window -x 80 -y 24
ui_wait 'Details ──'
ui_keys q
ui_wait_exit

# LANG=C: ASCII only.
ui_start 80 24 LC_ALL=C LANG=C
ui_wait 'Tomorrow (2)'
ok $? "U7 opens under LANG=C"
ui_screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"
ok $((! $?)) "U7 LANG=C: ASCII fallback, no byte outside ASCII on screen"
ui_screen | grep -q '^-- Details ----'
ok $? "U7 LANG=C: rules drawn in ASCII"
ui_screen | grep -q '!  ??????'
ok $? "U7 F8 LANG=C: a CJK name shows as question marks (after the type's cell)"
ui_keys q
ui_wait_exit

# Colours: on by default in a colour terminal, off with NO_COLOR.
ui_start 80 24 TERM=screen-256color
ui_tmux capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7][;m]"
ok $? "U7 colours are used by default"
ui_keys q
ui_wait_exit
ui_start 80 24 TERM=screen-256color NO_COLOR=1
ui_tmux capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7][;m]"
ok $((! $?)) "U7 NO_COLOR: monochrome"
ui_tmux capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*7m"
ok $? "U7 NO_COLOR: the status bar still stands out (reverse video)"
ui_keys q
ui_wait_exit
td config set ui.color never
ui_start 80 24 TERM=screen-256color
ui_tmux capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7][;m]"
ok $((! $?)) "U7 ui.color = never: monochrome"

# SIGTERM: a clean exit that gives the terminal back.
kill -TERM "$(ui_pid)"
ui_wait_exit
is "$ui_status" 0 "U7 SIGTERM ends the UI cleanly"
is "$(ui_tmux display-message -p '#{alternate_on}')" 0 \
    "U7 SIGTERM: the terminal is restored (alternate screen left)"

# The hidden benchmark flag stops after the first frame.
ui_start 80 24
ui_wait 'Today ('
ui_keys q
ui_wait_exit
rm -f "$TMP/ui-rc"
ui_tmux respawn-pane -k "'$TASKDECK' --first-frame-exit; echo \$? >'$TMP/ui-rc'"
ui_wait_exit
is "$ui_status" 0 "--first-frame-exit exits after the first frame"
done_testing
