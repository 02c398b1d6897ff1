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

# The system-wide config file (onboarding): read before the user's, so a
# company sets sf.client_id once; TASKDECK_SYSCONFIG points at it here.
cat >"$TMP/sysconfig" <<CFG
# set by IT for every rep
sf.client_id = company-app-key
sync.poll_interval = 120
CFG
export TASKDECK_SYSCONFIG="$TMP/sysconfig"
td config get sf.client_id
is "$out" "company-app-key" "onboarding: sf.client_id comes from the system-wide file"
td config set sync.poll_interval 30
td config get sync.poll_interval
is "$out" "30" "onboarding: the user's file wins over the system-wide one"
grep -q 'company-app-key' "$XDG_CONFIG_HOME/taskdeck/config"
ok $((! $?)) "onboarding: saving the user's settings does not copy the system's"
printf 'sf.client_id = x\nbogus.key = 1\n' >"$TMP/sysconfig"
td list
[ "$rc" -ne 0 ] && echo "$err" | grep -q "$TMP/sysconfig:2: bogus.key"
ok $? "B4 a bad system-wide file names the file, line and key"
unset TASKDECK_SYSCONFIG

# login with no client id speaks the rep's language.
td login
[ "$rc" -ne 0 ] && echo "$err" | grep -qi 'admin'
ok $? "onboarding: login without a client id says what to ask the admin"
echo "$err" | grep -q 'sf.client_id'
ok $? "onboarding: ... and names the setting"

# Shell completion (bash; the zsh script is checked where zsh exists).
comp="$TD_SRCDIR/data/completion/taskdeck.bash"
bash -n "$comp"
ok $? "completion: the bash script parses (bash -n)"
# comp_run WORDS...: the completions bash offers for the last word.
comp_run() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    _taskdeck; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$@"
}
comp_run "$TASKDECK" d | grep -qx 'done'
ok $? "completion: commands (d -> done)"
comp_run "$TASKDECK" list --a | grep -qx -- '--all'
ok $? "completion: a command's flags (list --a -> --all)"
comp_run "$TASKDECK" config get sf.client | grep -qx 'sf.client_id'
ok $? "completion: setting keys"
comp_run "$TASKDECK" done "" | grep -q '^1  Due today$'
ok $? "completion: reminder ids shown with their names"
comp_run "$TASKDECK" done 3 | grep -qx '3'
ok $? "completion: one matching id completes to the id alone"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$TD_SRCDIR/data/completion/_taskdeck"
	ok $? "completion: the zsh script parses (zsh -n)"
fi

done_testing
