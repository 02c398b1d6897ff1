#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The demo in a language (SPEC U10, issue 18 deliver 4): TASKDECK_DEMO_LANG=de
# starts sfemu with data/demo-seed.de.json and the command center in
# de_DE.UTF-8 (localedef'd under the demo's own directory if the system
# lacks it): the German weekday in the date line, the seed's reminders
# synced, and quitting exits 0.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
need_tools tmux python3
sock="td-demo-$$"
stop_tmux() { tmux -L "$sock" kill-server 2>/dev/null; }
cleanup_hooks="$cleanup_hooks stop_tmux"
export TMPDIR="$TMP"
unset TASKDECK_TODAY

# A reminder of the rep's due today in the German seed (not recurring).
subject=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rep = d["users"][0]["key"]
print([t["Subject"] for t in d["tasks"] if t.get("Owner") == rep and
       t.get("ActivityDate") == 0 and not t.get("IsRecurrence")][0][:24])
' "$TD_SRCDIR/data/demo-seed.de.json")
lp=$(sh "$TD_SRCDIR/tests/mklocale.sh" "$TMP/locpath" de_DE.UTF-8)
wd=$(LOCPATH=${lp:-} LC_ALL=de_DE.UTF-8 date +%a)

tmux -L "$sock" new-session -d -x 80 -y 24 \
    "TASKDECK_DEMO_LANG=de sh '$TD_SRCDIR/tests/demo.sh' '$TD_BUILDDIR';
    echo DEMO-EXIT=\$?; sleep 60"
wait_screen() {
	i=0
	while ! tmux -L "$sock" capture-pane -p | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -gt 300 ] && return 1
		sleep 0.1
	done
}
wait_screen "$subject"
ok $? "U10 the German demo org's reminders arrive ($subject)"
tmux -L "$sock" capture-pane -p | head -1 | grep -qF -- "$wd"
ok $? "U10 the demo runs in de_DE.UTF-8 (the date line says $wd)"
ps -eo args | grep -v grep | grep -q 'sfemu.*demo-seed\.de\.json'
ok $? "U10 sfemu serves data/demo-seed.de.json"
tmux -L "$sock" send-keys q
wait_screen 'DEMO-EXIT=0'
ok $? "quitting the demo exits 0"
done_testing
