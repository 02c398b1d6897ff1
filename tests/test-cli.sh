#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The command line run as a user would (U8), against a real cache file:
# exit codes, --json keys, and B2: bad input changes nothing, byte for byte.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

export TASKDECK_TODAY=2026-11-23

td add "Call Ana" --due today
ok $rc "U8 add exits 0"
is "$out" "added reminder 1" "U8 add says what it did"
td list --today --json
is "$(printf '%s' "$out" | python3 -c '
import json, sys
a = json.load(sys.stdin)
print(len(a), sorted(a[0].keys()), a[0]["id"], a[0]["name"], a[0]["due"],
      a[0]["sf_id"], a[0]["status"], a[0]["priority"], a[0]["sync"],
      a[0]["overdue"])')" \
    "1 ['details', 'due', 'id', 'name', 'overdue', 'priority', 'sf_id', 'status', 'sync', 'type', 'what', 'what_id', 'who', 'who_id'] 1 Call Ana 2026-11-23 None open normal local False" \
    "U8 F8 list --today --json has exactly the documented keys and types"

td add "Quote for Acme" --due 2026-11-20 --priority high --details "40 seats"
td add "Demo for Brightwave" --due tomorrow
td add "Later" --due +5d
td add "Someday"
td add "致电王经理确认报价" --due today
td list
is "$out" "Today
    2 [ ] ! Quote for Acme  overdue 2026-11-20  [local]
    1 [ ]   Call Ana  [local]
    6 [ ]   致电王经理确认报价  [local]

Tomorrow
    3 [ ]   Demo for Brightwave  [local]" "U1 U8 list shows overdue + today, then tomorrow"
td list --overdue --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; a=json.load(sys.stdin); print([(t["id"], t["overdue"]) for t in a])')" \
    "[(2, True)]" "U1 --overdue lists the open past-due reminder, marked"
td list --all --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
    6 "U1 --all lists every reminder"
td list --tomorrow --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print([t["id"] for t in json.load(sys.stdin)])')" \
    "[3]" "U8 --tomorrow"

td done 2
ok $rc "U8 done exits 0"
td list --overdue --json
is "$out" "[]" "U1 a completed reminder is no longer overdue"
td reopen 2 --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" \
    open "U8 reopen --json prints the reminder"
td edit 1 --name "Call Ana Souza" --priority high --due none --details "re: renewal"
ok $rc "U8 edit several fields"
td show 1 --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; t=json.load(sys.stdin); print(t["name"], t["priority"], t["due"], t["details"])')" \
    "Call Ana Souza high None re: renewal" "U8 edit changed exactly those fields"
td rm 5
ok $rc "U8 rm exits 0"
td show 5
is "$rc" 2 "U8 exit 2 for a reminder that does not exist"

# B2: every bad input gets a message and the documented exit code, and
# leaves the cache byte-for-byte unchanged.
sum_before=$(cksum <"$CACHE")
long=$(python3 -c 'print("é" * 256)')
check_b2() {
	want_rc=$1
	want_msg=$2
	shift 2
	td "$@"
	is "$rc" "$want_rc" "B2 exit $want_rc for: $*"
	case "$err" in
	*"$want_msg"*) ok 0 "B2 message for: $*" ;;
	*) ok 1 "B2 message for: $* (got: $err)" ;;
	esac
	is "$(cksum <"$CACHE")" "$sum_before" "B2 cache unchanged after: $*"
	[ ! -e "$CACHE-wal" ] || [ ! -s "$CACHE-wal" ]
	ok $? "B2 no pending WAL after: $*"
}
check_b2 1 "name is empty" add ""
check_b2 1 "name is empty" add "   "
check_b2 1 "256 characters" add "$long"
check_b2 1 "invalid date '2026-02-30'" add "x" --due 2026-02-30
check_b2 1 "invalid date 'someday'" add "x" --due someday
check_b2 1 "invalid priority 'urgent'" add "x" --priority urgent
check_b2 1 "invalid reminder id 'abc'" done abc
check_b2 1 "invalid reminder id '-1'" rm -- -1
check_b2 1 "name is empty" edit 1 --name ""
check_b2 1 "invalid date '2026-13-01'" edit 1 --due 2026-13-01
check_b2 1 "nothing to change" edit 1
check_b2 1 "missing NAME" add
check_b2 1 "unknown command" frobnicate
check_b2 1 "unknown option" --bogus list
check_b2 2 "no reminder with id 99" done 99
check_b2 2 "no reminder with id 99" edit 99 --name "x"
check_b2 2 "no reminder with id 99" rm 99
check_b2 1 "unknown config key" config set no.such 1
check_b2 1 "sync.poll_interval" config set sync.poll_interval never
check_b2 1 "256 characters" edit 1 --name "$long"

# F1: 255 characters (not bytes) are accepted.
td add "$(python3 -c 'print("é" * 255)')"
ok $rc "F1 a 255-character name of 2-byte characters is accepted"

# B3: a newer or corrupt cache gives exit 3 and a clear message.
mkdir -p "$TMP/bad"
printf 'garbage that is not sqlite%.0s' $(seq 1 20) >"$TMP/bad/corrupt.db"
td --db "$TMP/bad/corrupt.db" list
is "$rc" 3 "B3 a corrupt cache exits 3"
case "$err" in *"not a taskdeck cache"*) ok 0 "B3 corrupt cache message" ;;
*) ok 1 "B3 corrupt cache message (got: $err)" ;; esac
python3 -c "
import sqlite3; c = sqlite3.connect('$TMP/bad/newer.db')
c.execute('PRAGMA user_version = 99'); c.commit()"
td --db "$TMP/bad/newer.db" list
is "$rc" 3 "B3 a newer-schema cache exits 3"
case "$err" in *"newer taskdeck"*) ok 0 "B3 newer cache message" ;;
*) ok 1 "B3 newer cache message (got: $err)" ;; esac

# Paths: --db, TASKDECK_DB, --config; B4: a bad config names file:line:key.
TASKDECK_DB="$TMP/env.db" "$TASKDECK" add "via env" >/dev/null
ok $? "TASKDECK_DB selects the cache"
td --db "$TMP/env.db" list --all --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])')" \
    "via env" "--db reads the same cache"
printf 'sync.enabled = false\nsync.poll_interval = 10\nsync.pol = 1\n' >"$TMP/bad.conf"
td --config "$TMP/bad.conf" list
is "$rc" 1 "B4 a bad config exits 1"
is "$err" "taskdeck: $TMP/bad.conf:3: sync.pol: unknown key" \
    "B4 the message names file, line and key"

td config set sync.poll_interval 30
ok $rc "config set"
td config get sync.poll_interval
is "$out" 30 "config get reads it back"
td config list
case "$out" in *"sync.enabled = false"*) ok 0 "S1 config list shows sync off" ;;
*) ok 1 "S1 config list shows sync off" ;; esac

# S3: with sync switched on, new reminders are pending; old ones stay local.
td config set sync.enabled true
td add "After T0"
td list --all --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(sorted(set(t["sync"] for t in json.load(sys.stdin) if t["name"] != "After T0")))')" \
    "['local']" "S3 reminders from before T0 stay local-only"
td list --all --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print([t["sync"] for t in json.load(sys.stdin) if t["name"] == "After T0"])')" \
    "['pending']" "S3 a reminder created while sync is on is queued for Salesforce"

# B5: control characters from anywhere never reach the terminal raw.
"$TASKDECK" add "$(printf 'evil \033]0;pwned\007 name')" >/dev/null
td list --all
case "$out" in *"$(printf '\033')"*) ok 1 "B5 no ESC in list output" ;;
*) ok 0 "B5 no ESC in list output" ;; esac

td --version
case "$out" in "taskdeck "*) ok 0 "--version" ;; *) ok 1 "--version" ;; esac
td help add
case "$out" in "usage: taskdeck add NAME"*) ok 0 "help COMMAND" ;;
*) ok 1 "help COMMAND" ;; esac

# The demo seed imports as local reminders in every language.
td --db "$TMP/demo.db" import --seed "$TD_SRCDIR/data/demo-seed.json"
case "$out" in "imported "*) ok 0 "demo seed imports" ;; *) ok 1 "demo seed imports: $err" ;; esac
# B1: a seed's day offset out of range is no date, not undefined behaviour.
printf '{"users":[{"key":"rep"}],"tasks":[{"Subject":"Far","Owner":"rep","ActivityDate":1e300},{"Subject":"Near","Owner":"rep","ActivityDate":1}]}' >"$TMP/far.json"
td --db "$TMP/far.db" import --seed "$TMP/far.json"
td --db "$TMP/far.db" list --all --json
is "$(printf '%s' "$out" | jq -r '[.[] | .name + "=" + (if .due == null then "none" else "dated" end)] | sort | join(",")')" \
    "Far=none,Near=dated" \
    "B1 a seed ActivityDate of 1e300 days imports with no date"

td --db "$TMP/demo.db" list --all --json
is "$(printf '%s' "$out" | python3 -c '
import json,sys
a = json.load(sys.stdin)
print(any("致电" in t["name"] for t in a), any(t["priority"] == "high" for t in a),
      any(t["status"] == "complete" for t in a), any(t["overdue"] for t in a))')" \
    "True True True True" "demo data: Chinese names, both priorities, completed and overdue reminders"

# Every command's --help is its usage on stdout, exit 0 (U8).
bad=""
for c in list add done edit rm show sync status login logout config \
    conflicts import help; do
	"$TASKDECK" $c --help >"$TMP/help.out" 2>/dev/null || bad="$bad $c"
	grep -q "^usage: taskdeck $c" "$TMP/help.out" || bad="$bad $c(text)"
done
is "$bad" "" "U8 every command's --help exits 0 with its usage"

# A fresh profile: sync and status work before any other command made
# the data directory (U8, S1).
FRESH="$TMP/fresh"
td_fresh() {
	XDG_DATA_HOME="$FRESH/data" XDG_CONFIG_HOME="$FRESH/config" \
	    XDG_STATE_HOME="$FRESH/state" td "$@"
}
td_fresh status
ok $rc "U8 status on a fresh profile exits 0 ($err)"
td_fresh sync --once
is "$rc" 4 "S1 sync --once on a fresh profile says sync is off (exit 4)"
case "$err" in *sync-lock*) ok 1 "S1 no sync-lock error on a fresh profile ($err)" ;;
*) ok 0 "S1 no sync-lock error on a fresh profile" ;; esac

# B4: an unterminated quote in the settings file is an error naming it.
printf 'sync.subject_template = "[x] {{activity_subject}}\n' >"$TMP/quote.conf"
td --config "$TMP/quote.conf" config list
is "$rc" 1 "B4 an unterminated quote in the config file is refused"
case "$err" in *"quote.conf:1: sync.subject_template: unterminated quote"*)
	ok 0 "B4 the message names file, line, key" ;;
*) ok 1 "B4 the message names file, line, key ($err)" ;; esac

# --- a person's name follows the reading rep's locale ---------------------
# Salesforce Help, "Locales Overview": the reader's locale sets the order of
# a person's names; sfemu renders Who.Name by the same rule, so a seed
# imported here and the same seed synced from sfemu agree.
for loc in en_US zh_TW hu_HU; do
	cat >"$TMP/names-$loc.json" <<JSON
{"users": [{"key": "rep", "Name": "Dana Rivera", "LocaleSidKey": "$loc"}],
 "contacts": [{"key": "wang", "FirstName": "伟", "LastName": "王"},
              {"key": "kovacs", "FirstName": "János", "LastName": "Kovács"}],
 "tasks": [{"Subject": "Call Wang $loc", "Owner": "rep", "Who": "wang"},
           {"Subject": "Call Kovacs $loc", "Owner": "rep", "Who": "kovacs"}]}
JSON
	td import --seed "$TMP/names-$loc.json"
done
"$TASKDECK" list --all >"$TMP/names.txt"
who() { sed -n "s/.*$1  (\(.*\)).*/\1/p" "$TMP/names.txt"; }
is "$(who "Call Wang en_US") / $(who "Call Kovacs en_US")" "伟 王 / János Kovács" \
    "U2 an en_US rep reads names first-last, as Salesforce shows them"
is "$(who "Call Wang zh_TW") / $(who "Call Kovacs zh_TW")" "王伟 / Kovács János" \
    "U2 a zh_TW rep reads the family name first (no space between CJK names)"
is "$(who "Call Wang hu_HU")" "王伟" "U2 a hu_HU rep reads the family name first"

done_testing
