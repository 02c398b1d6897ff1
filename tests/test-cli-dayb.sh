#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The command line's side of issue 16 (findings 6, 9, 10): `list --all`
# dates every row (U8), the system-wide config file read before the
# user's (onboarding), and the shell completion scripts.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"

td add "Due today" --due today
td add "Due tomorrow" --due tomorrow
td add "No date" --due none
td add "Later" --due +5d
td list --all
printf '%s\n' "$out" | grep 'Due today' | grep -q 'due today [0-9-]\{10\}'
ok $? "U8 list --all prints the date of a row due today"
printf '%s\n' "$out" | grep 'Due tomorrow' | grep -q 'due tomorrow [0-9-]\{10\}'
ok $? "U8 list --all prints the date of a row due tomorrow"
printf '%s\n' "$out" | grep 'No date' | grep -q 'no due date'
ok $? "U8 list --all says 'no due date' for an undated row"
td list
printf '%s\n' "$out" | grep 'Due today' | grep -q 'due today'
ok $((! $?)) "U8 the sectioned list keeps its rows short (no date under Today)"

done_testing
