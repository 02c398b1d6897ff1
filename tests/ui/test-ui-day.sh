#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# U9, a rep's workflow in the command center at 80x24 (issue 16 findings
# 1-4): thirty x in a row complete thirty different reminders and the rows
# stay where they were; u undoes, several steps deep; t tags and ; applies
# the next action to the tagged rows; z snoozes; changes from Salesforce
# (a real sfemu) are highlighted, summed up, listed by C and handed to
# sync.notify_command in environment variables only.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/sync/sync-lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
need_tools curl jq python3

day() {
	python3 -c "import datetime,sys; print(datetime.date.today() + datetime.timedelta(days=int(sys.argv[1])))" "$1"
}
# The reminder's field from `show --json` (null as None).
field() {
	"$TASKDECK" show "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"
}
# The ids of complete reminders, space-separated, in id order.
completed() {
	"$TASKDECK" list --all --json | python3 -c '
import json, sys
print(" ".join(str(t["id"]) for t in sorted(json.load(sys.stdin), key=lambda t: t["id"]) if t["status"] == "complete"))'
}
# The selected row's name: the first line of the detail pane.
selected() {
	ui_screen | sed -n '/ Details /{n;p;q;}' | sed 's/ *$//'
}

# 300 reminders: 20 overdue, 280 due today (one transaction), so that the
# thirty x run over both kinds of row.
python3 - "$TMP/seed.json" <<'PY'
import json, sys
tasks = [{"Subject": "Overdue %03d" % i, "Owner": "rep", "ActivityDate": -2}
         for i in range(1, 21)]
tasks += [{"Subject": "Today %03d" % i, "Owner": "rep", "ActivityDate": 0}
          for i in range(21, 301)]
json.dump({"users": [{"key": "rep", "Name": "Rep", "Username": "r@x",
                      "Password": "pw"}], "tasks": tasks},
          open(sys.argv[1], "w"))
PY
td import --seed "$TMP/seed.json"
ok $rc "set-up: 300 reminders imported"
td list --json
order=$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(str(t["id"]) for t in json.load(sys.stdin)))')
first30=$(echo $order | tr ' ' '\n' | head -30 | sort -n | tr '\n' ' ' | sed 's/ $//')
name31=$(td list --json; printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)[30]["name"])')

ui_start 80 24
ui_wait 'Today (300)'
ui_keys Home
ui_keys x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x
ui_wait "$name31" >/dev/null
i=0
while [ "$(completed | wc -w)" -lt 30 ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.3
is "$(completed)" "$first30" \
    "U9 thirty x in a row complete the first thirty rows, each once"
is "$(selected)" "$name31" "U9 after each x the cursor is on the next row"
ui_keys Home
ui_wait '[x]'
ui_screen | sed -n 3p | grep -q '\[x\] *Overdue 001'
ok $? "U9 a completed overdue reminder stays ticked where it was"
is "$(ui_screen | grep -c '\[x\]')" 13 \
    "U9 every row on the first screen is ticked, none re-sorted away"

# u: several steps back, each through cmd_* (so through the outbox).
ui_keys u
ui_wait 'undone: completed reminder'
is "$(completed | wc -w)" 29 "U9 u undoes the last x"
ui_keys u
ui_wait_gone '[x]    Overdue 029' 3 >/dev/null
ui_keys u
sleep 0.5
is "$(completed | wc -w)" 27 "U9 u goes back several steps"

# t tags, ; applies the next action to the tagged rows.
ui_keys End
ui_wait 'Today 300'
ui_keys k k t t
ui_wait '2 tagged'
is "$(ui_screen | grep -c '^\*\[ \]')" 2 "U9 t marks the tagged rows with *"
ui_keys '\;'
ui_wait 'on 2 tagged'
ui_keys x
ui_wait 'completed 2 reminders'
ok $? "U9 ; x completes the tagged rows"
is "$(completed | tr ' ' '\n' | sort -n | tail -2 | tr '\n' ' ')" "298 299 " \
    "U9 ... exactly those two"
is "$(ui_screen | grep -c '^\*')" 0 "U9 the tags are cleared once applied"
ui_keys u
ui_wait 'undone: completed 2 reminders'
ok $? "U9 u undoes the whole tagged action in one step"

# z snoozes: a small menu at the foot of the 80x24 screen.
id=$(echo $order | tr ' ' '\n' | sed -n 300p)
ui_keys End
ui_wait 'Today 300'
ui_keys z
ui_wait 'Snooze: 1 +1 day  2 next business day  3 next week  4 a date'
ok $? "U9 z offers +1 day, next business day, next week, a date (80 cols)"
ui_keys 1
ui_wait 'snoozed reminder'
is "$(field "$id" due)" "$(day 1)" "U9 z 1 postpones a reminder due today to tomorrow"
ui_keys u
ui_wait 'undone: snoozed'
is "$(field "$id" due)" "$(day 0)" "U9 u undoes the snooze"
ui_keys End z 4
ui_wait 'Snooze to'
ui_type 'someday'
ui_keys Enter
ui_wait 'invalid date'
ok $? "B2 a bad snooze date says so and keeps asking"
ui_keys C-u
ui_type '+1w'
ui_keys Enter
ui_wait "snoozed reminder $id to $(day 7)"
ok $? "U9 z 4 takes a typed date (+1w) and says where it went"
ui_keys u
ui_wait 'undone: snoozed'

# d and its undo: the reminder comes back (a new id, the same fields).
ui_keys End
ui_wait 'Today 300'
ui_keys d
ui_wait '(y/n)'
ui_keys y
ui_wait 'deleted reminder'
ui_wait_gone 'Today 300' 3
ok $? "U3 d deletes"
ui_keys u
ui_wait 'undone: deleted reminder'
ui_wait 'Today 300'
ok $? "U9 u brings a deleted reminder back"
# e and its undo: every field the form changed comes back.
ui_keys End
ui_wait 'Today 299'
eid=$(echo $order | tr ' ' '\n' | sed -n 299p)
ui_keys k
sleep 0.3
ui_keys e
ui_wait "Edit reminder $eid"
ui_keys C-a
ui_type 'Re: '
ui_keys F2
ui_wait "saved reminder $eid"
is "$(field "$eid" name)" "Re: Today 299" "U3 e edits the name (set-up)"
ui_keys u
ui_wait "undone: edited reminder $eid"
is "$(field "$eid" name)" "Today 299" "U9 u undoes an edit"

ui_keys Home
ui_wait '[x]    Overdue 001'
ui_keys Escape
ui_wait_gone '[x]    Overdue 001' 5
ok $? "U9 Esc re-sorts the view: the completed overdue rows leave it"
ui_keys '?'
ui_wait 'Keys'
for k in u t ';' z; do
	ui_screen | grep -q "^   $k  "
	ok $? "U9 the help lists the key $k"
done
ui_keys End
ui_wait 'recent changes from Salesforce'
ok $? "U9 the help lists the key C"
ui_keys q q
ui_wait_exit
is "$ui_status" 0 "U3 q quits"

# Changes from Salesforce: highlighted, summed up, listed, notified.
export TASKDECK_DB="$TMP/synced.db"
emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x",
            "Password": "pw"}],
 "tasks": [
  {"Subject": "Call Ana", "Owner": "rep", "CreatedDaysAgo": 0, "ActivityDate": 0},
  {"Subject": "Send quote $(touch HACKED) \"q\"", "Owner": "rep",
   "CreatedDaysAgo": 0, "ActivityDate": 0},
  {"Subject": "Book the room", "Owner": "rep", "CreatedDaysAgo": 0,
   "ActivityDate": 1}
 ]}' >/dev/null
login_device
td config set sync.poll_interval 1
ctl POST limits '{"limit": 100000000}' >/dev/null
td config set sync.notify_command \
    'printf "%s|%s|%s\n" "$TASKDECK_CHANGE" "$TASKDECK_ID" "$TASKDECK_NAME" >>notify.log'
ok $rc "U9 sync.notify_command is a setting"
td sync --enable
mkdir -p "$TMP/cwd"
cd "$TMP/cwd" || exit 1
ui_start 80 24
ui_wait 'Book the room' 15
ui_wait ' up to date ' 15
AID=$(local_id "Call Ana")
SID=$(local_id 'Send quote $(touch HACKED) "q"')
BOOK=$(local_id "Book the room")
SFID=$(sf_task "Call Ana" Id)
sfapi PATCH "sobjects/Task/$SFID" '{"Status":"Completed"}' >/dev/null
QID=$(sf_task 'Send quote $(touch HACKED) "q"' Id)
sfapi PATCH "sobjects/Task/$QID" '{"Priority":"High"}' >/dev/null
BID=$(sf_task "Book the room" Id)
sfapi DELETE "sobjects/Task/$BID" >/dev/null
ui_wait '2 updated, 1 deleted in Salesforce' 15
ok $? "U9 the message line says 2 updated, 1 deleted in Salesforce"
ui_screen | grep -q '^+\[x\] *Call Ana'
ok $? "U9 a row changed by sync is marked + (and highlighted)"
# tmux sends only the attributes that change from cell to cell (across
# lines too), so follow them from the top of the screen.
ui_tmux capture-pane -p -e | python3 -c '
import re, sys
on = set()
for line in sys.stdin:
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b]+)", line):
        if m.group(2) is None:
            for c in (m.group(1) or "0").split(";"):
                if c in ("", "0"):
                    on.clear()
                elif c in ("1", "4", "7"):
                    on.add(c)
                elif c in ("22", "24", "27"):
                    on.discard(c[1])
        elif m.group(2).startswith("+") and "Call Ana" in line and \
                "+[x]" in re.sub(r"\x1b\[[0-9;]*m", "", line):
            sys.exit(0 if "4" in on else 1)
sys.exit(1)'
ok $? "U9 ... drawn underlined"
ui_wait_gone '+[x]' 10
ok $? "U9 the highlight ends after a few seconds"
# An undo that already reached Salesforce is reversed there too (U9, C1).
sf_wait() {	# NAME FIELD VALUE: waits up to 10 s for Salesforce to agree
	i=0
	while [ "$(sf_task "$1" "$2")" != "$3" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	is "$(sf_task "$1" "$2")" "$3" "$4"
}
ui_keys Home
sleep 0.5	# let Home land before reading the selection
n=0
while ! selected | grep -q '^Send quote'; do
	ui_keys j
	n=$((n + 1))
	[ $n -gt 5 ] && break
	sleep 0.5
done
ui_keys x
ui_wait 'completed reminder'
sf_wait 'Send quote $(touch HACKED) "q"' Status Completed \
    "C1 x reached Salesforce (set-up)"
ui_keys u
ui_wait 'undone: completed reminder'
sf_wait 'Send quote $(touch HACKED) "q"' Status "Not Started" \
    "U9 u reverses in Salesforce a change that had reached it"
ui_keys C
ui_wait 'Changes from Salesforce'
ui_screen | grep -q 'deleted .*Book the room'
ok $? "U9 C lists the recent changes, a deleted one with its name"
ui_screen | grep -q 'updated .*Call Ana'
ok $? "U9 ... and the updated ones"
ui_keys q q
ui_wait_exit
i=0
while [ "$(wc -l <notify.log 2>/dev/null || echo 0)" -lt 3 ] && [ $i -lt 30 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(sort notify.log)" "deleted|$BOOK|Book the room
updated|$AID|Call Ana
updated|$SID|Send quote \$(touch HACKED) \"q\"" \
    "U9 notify_command ran once per change with the change in its environment"
[ ! -e HACKED ] && [ ! -e "$TMP/HACKED" ]
ok $? "U9 Salesforce text never reaches a shell: nothing was run from it"
cd "$TMP" || exit 1
done_testing
