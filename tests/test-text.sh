#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# B5 through every way text leaves the program: `list` and `show` (to a
# file and through a pipe), `list --json`, `status`, `conflicts`, the error
# `sync --once` prints, `login`'s device code, URL and refused instance,
# the log file and the curses UI (tmux).  Salesforce sends escape
# sequences (CSI, OSC 52 clipboard, OSC title), C1 controls (U+009B and a
# raw 0x9B byte), DEL, invalid UTF-8 and the bidi controls U+202A-U+202E,
# U+2066-U+2069, U+200E/F and U+061C, in Subjects, Descriptions, Who/What
# names, a colleague's name, error messages and OAuth answers.  Nothing but
# printable text and newlines may come out, and the text stays readable.
# (What tests/test-security.sh already proves for ESC in list and show is
# not repeated; this file adds the bidi controls and the other sinks.)
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/sync/sync-lib.sh"

API=/services/data/v59.0
LOG="$XDG_STATE_HOME/taskdeck/taskdeck.log"

# The checker: 0 if FILE is valid UTF-8 holding no C0 control but newline
# (and tab and CR with --json, which are JSON's own white space), no DEL,
# no C1, no bidi control and no line or paragraph separator; else it says
# what it found.  With --json the file must also parse as JSON.
cat >"$TMP/check.py" <<'EOF'
import json, sys
args = sys.argv[1:]
js = args[0] == "--json"
if js:
    args = args[1:]
try:
    s = open(args[0], "rb").read().decode("utf-8")
except UnicodeDecodeError as e:
    print("# not UTF-8: %s" % e)
    sys.exit(1)
ok_ws = "\n\t\r" if js else "\n"
bidi = set([0x61c, 0x200e, 0x200f, 0x2028, 0x2029] + list(range(0x202a, 0x202f))
           + list(range(0x2066, 0x206a)))
for i, c in enumerate(s):
    o = ord(c)
    if (o < 0x20 and c not in ok_ws) or 0x7f <= o <= 0x9f or o in bidi:
        print("# raw U+%04X at %d: %r" % (o, i, s[max(0, i - 20):i + 20]))
        sys.exit(1)
if js:
    try:
        json.loads(s)
    except ValueError as e:
        print("# not JSON: %s" % e)
        sys.exit(1)
EOF
clean() {
	python3 "$TMP/check.py" "$@"
}

emu_start
# Hostile text wherever Salesforce sends text.  RAWC1 and RAWFF become a
# raw 0x9B byte (C1 CSI, not UTF-8) and a raw 0xFF in the seed file.
python3 - "$TMP/seed.json" <<'EOF'
import json, sys
seed = {"settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x",
            "Password": "pw1"},
           {"key": "col", "Name": "Priya \x1b[2J\u202eNair\u2069",
            "Username": "priya@x", "Password": "pw2"}],
 "accounts": [{"key": "acme", "Name": "Acme\u009b2J\u200f GmbH"}],
 "contacts": [{"key": "ana", "FirstName": "Ana",
               "LastName": "Souza\x1b]0;title\x07\u2067", "AccountKey": "acme"}],
 "tasks": [
  {"Subject": "bidi \u202eenilno\u202c end", "Who": "ana", "What": "acme",
   "Description": "a\u2066b\u2069 c\u200ed\u200f e\u061cf \u202ag\u202b"
                  "h\u202di\u202c\r\nline2\u2028line3",
   "ActivityDate": "2026-11-23", "CreatedDaysAgo": 0},
  {"Subject": "esc \x1b[2J \x1b]52;c;cHduZWQ=\x07 \u009b31m RAWC1 RAWFF end",
   "Description": "d1\n\x1b[1mbold\x7f\x08", "ActivityDate": "2026-11-23",
   "CreatedDaysAgo": 0},
  {"Subject": "Long " + "x" * 60 + " \u202egnol desrever\u202c tail",
   "ActivityDate": "2026-11-23", "CreatedDaysAgo": 0},
  {"Subject": "Hand over", "ActivityDate": "2026-11-23", "CreatedDaysAgo": 0}]}
b = json.dumps(seed).encode()
b = b.replace(b"RAWC1", b"\x9b[2J").replace(b"RAWFF", b"\xff")
open(sys.argv[1], "wb").write(b)
EOF
ctl_file POST seed "$TMP/seed.json" >/dev/null
login_device
ok $login_rc "login"
td sync --enable
td sync --once
ok $rc "first sync imports the hostile tasks"
is "$("$TASKDECK" list --all --json | jq length)" 4 "all four are in the cache"
BIDI_ID=$("$TASKDECK" list --all --json | jq -r \
    '[.[] | select(.name | startswith("bidi"))][0].id')
ESC_ID=$("$TASKDECK" list --all --json | jq -r \
    '[.[] | select(.name | startswith("esc"))][0].id')
LONG_ID=$("$TASKDECK" list --all --json | jq -r \
    '[.[] | select(.name | startswith("Long"))][0].id')

# --- list and show, to a file and through a pipe ---------------------------
"$TASKDECK" list --all >"$TMP/list.txt"
clean "$TMP/list.txt"
ok $? "B5 list to a file: no control, C1 or bidi character"
"$TASKDECK" list --all | cat >"$TMP/list-pipe.txt"
clean "$TMP/list-pipe.txt"
ok $? "B5 list through a pipe: no control, C1 or bidi character"
grep -q "bidi enilno end  (Ana Souza.*, Acme.* GmbH)" "$TMP/list.txt"
ok $? "B5 list: the bidi subject and the Who/What names read as typed"
grep -q "esc .*\[2J .*]52;c;cHduZWQ=.*31m .*end" "$TMP/list.txt"
ok $? "B5 list: the escaped subject is shown, neutralised, not dropped"
for id in "$BIDI_ID" "$ESC_ID" "$LONG_ID"; do
	"$TASKDECK" show "$id" | cat >"$TMP/show.$id" 2>&1
	clean "$TMP/show.$id"
	ok $? "B5 show $id: no control, C1 or bidi character"
done
grep -qx "ab cd ef ghi" "$TMP/show.$BIDI_ID" &&
    grep -qx "line2" "$TMP/show.$BIDI_ID" && grep -qx "line3" "$TMP/show.$BIDI_ID"
ok $? "B5 show: details keep their line breaks (CR LF and U+2028 as one)"

# --- JSON: faithful data, escaped ------------------------------------------
"$TASKDECK" list --all --json >"$TMP/list.json"
clean --json "$TMP/list.json"
ok $? "B5 list --json: valid JSON, bidi, DEL and C1 escaped, not raw"
SF_SUBJ=$(ctl GET tasks | jq -r '.[] | select(.Subject | startswith("bidi")) | .Subject')
is "$(jq -r --argjson i "$BIDI_ID" '.[] | select(.id == $i) | .name' \
    "$TMP/list.json")" "$SF_SUBJ" "B5 list --json keeps the subject exactly (escaped)"
"$TASKDECK" show "$BIDI_ID" --json >"$TMP/show.json"
clean --json "$TMP/show.json"
ok $? "B5 show --json: valid JSON, no raw bidi control"

# --- the curses UI --------------------------------------------------------
# A tmux with set-clipboard on would take an OSC 52 as a paste buffer.
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
export TASKDECK_TODAY=2026-11-23
ui_start 80 24
ui_tmux set-option -g set-clipboard on
ui_wait "Long xxxx"
ok $? "B5 UI shows the list"
ui_screen >"$TMP/ui.txt"
clean "$TMP/ui.txt"
ok $? "B5 UI list: no bidi or control character on the screen"
grep -q "bidi enilno end" "$TMP/ui.txt" && grep -q "Long x*.*…" "$TMP/ui.txt"
ok $? "B5 UI list: the bidi subject reads as typed, the long one is truncated"
ui_screen | sed -n 1p | grep -q 'taskdeck - Today'
ok $? "B5 UI: no escape sequence cleared the screen"
[ -z "$(ui_tmux list-buffers)" ]
ok $? "B5 UI: no OSC 52 reached the terminal's clipboard"
for k in 1 2 3 4; do
	ui_keys Enter
	ui_wait "Details:" >/dev/null
	ui_screen >"$TMP/ui-details.$k"
	ui_keys q
	ui_wait_gone "Details:" >/dev/null
	ui_keys Down
done
clean "$TMP"/ui-details.1 && clean "$TMP"/ui-details.2 &&
    clean "$TMP"/ui-details.3 && clean "$TMP"/ui-details.4
ok $? "B5 UI details pages: no bidi or control character"
ui_keys q
ui_wait_exit

# --- a colleague's name in the conflict log --------------------------------
PRIYA_ID=$(ctl POST token '{"user":"col"}' | jq -r .user_id)
HAND=$(ctl GET tasks | jq -r '.[] | select(.Subject == "Hand over") | .Id')
sfapi PATCH "sobjects/Task/$HAND" "{\"OwnerId\": \"$PRIYA_ID\"}" >/dev/null
td sync --once
ok $rc "a poll after a reassignment to a colleague with a hostile name"
"$TASKDECK" conflicts >"$TMP/conflicts.txt"
clean "$TMP/conflicts.txt"
ok $? "B5 conflicts: the colleague's name arrives clean"
grep -q "reassigned to Priya .*Nair in salesforce" "$TMP/conflicts.txt"
ok $? "B5 conflicts: ... and readable"
"$TASKDECK" conflicts --json >"$TMP/conflicts.json"
clean --json "$TMP/conflicts.json"
ok $? "B5 conflicts --json: valid JSON, no raw control or bidi"

# --- a record error from a push -------------------------------------------
td edit "$ESC_ID" --due tomorrow
BODY=$(jq -cn '[{success: false, errors: [{statusCode:
    "FIELD_CUSTOM_VALIDATION_EXCEPTION", fields: [],
    message: "no \u001b[2J\u001b]52;c;cHduZWQ=\u0007 \u202eway\u202c \u009b1m"}]}]')
ctl POST faults "$(jq -cn --arg b "$BODY" --arg p "$API/composite/sobjects" \
    '{kind: "status", status: 200, body: $b, method: "PATCH", path: $p,
    count: 1}')" >/dev/null
td sync --once
"$TASKDECK" show "$ESC_ID" >"$TMP/show-err.txt"
grep -q "sync error: .*no .*way" "$TMP/show-err.txt"
ok $? "a refused push leaves a record error"
clean "$TMP/show-err.txt"
ok $? "B5 show: Salesforce's record error arrives clean"

# --- an error message from Salesforce on stderr, in status and the log ----
BODY=$(jq -cn '[{errorCode: "MALFORMED_QUERY",
    message: "bad \u001b[2J\u001b]52;c;cHduZWQ=\u0007 \u202eyreuq\u202c \u009b1m"}]')
ctl POST faults "$(jq -cn --arg b "$BODY" --arg p "$API/query" \
    '{kind: "status", status: 400, body: $b, method: "GET", path: $p,
    count: 1}')" >/dev/null
"$TASKDECK" sync --once >"$TMP/sync.out" 2>"$TMP/sync.err"
r=$?
[ $r -ne 0 ] && grep -q "MALFORMED_QUERY: bad .*yreuq" "$TMP/sync.err"
ok $? "sync --once fails with Salesforce's message on stderr"
clean "$TMP/sync.err" && clean "$TMP/sync.out"
ok $? "B5 sync --once: the error message on stderr arrives clean"
"$TASKDECK" status >"$TMP/status.txt"
clean "$TMP/status.txt"
ok $? "B5 status: the last error arrives clean"
"$TASKDECK" status --json >"$TMP/status.json"
clean --json "$TMP/status.json"
ok $? "B5 status --json: valid JSON, no raw control or bidi"
grep -q "MALFORMED_QUERY: bad" "$LOG"
ok $? "the log file holds the error"
clean "$LOG"
ok $? "B5 the log file: no raw ESC, C1 or bidi character"

# --- the UI's status line with the same error -----------------------------
ctl POST faults "$(jq -cn --arg b "$BODY" --arg p "$API/query" \
    '{kind: "status", status: 400, body: $b, method: "GET", path: $p,
    count: 50}')" >/dev/null
ui_start 80 24
ui_wait "MALFORMED_QUERY"
ok $? "B5 UI: the status line shows Salesforce's error"
ui_screen >"$TMP/ui-status.txt"
clean "$TMP/ui-status.txt"
ok $? "B5 UI status line: no bidi or control character"
ui_keys q
ui_wait_exit
ctl DELETE faults >/dev/null

# --- login: device code, verification URL, refused instance, error ------
# The device answer and then the token poll are answered by the fault.
DEV=$(jq -cn '{device_code: "dc1", interval: 1,
    user_code: "AB\u001b[2J\u202eDC",
    verification_uri: "https://x.example/\u001b]52;c;cHduZWQ=\u0007\u2066v\u009b1m"}')
ERR=$(jq -cn '{error: "invalid_grant",
    error_description: "expired \u001b[31m\u202edoc\u202c"}')
ctl POST faults "$(jq -cn --arg b "$DEV" '{kind: "status", status: 200,
    body: $b, method: "POST", path: "/services/oauth2/token", count: 1}')" \
    >/dev/null
ctl POST faults "$(jq -cn --arg b "$ERR" '{kind: "status", status: 400,
    body: $b, method: "POST", path: "/services/oauth2/token", count: 1}')" \
    >/dev/null
"$TASKDECK" login --instance "$EMU" --client-id taskdeck-test \
    >"$TMP/login.out" 2>"$TMP/login.err"
r=$?
[ $r -ne 0 ] && grep -q "code: AB.*DC" "$TMP/login.out" &&
    grep -q "login failed: .*expired" "$TMP/login.err"
ok $? "login shows the device code and fails with Salesforce's reason"
clean "$TMP/login.out"
ok $? "B5 login: verification_uri and user_code arrive clean"
clean "$TMP/login.err"
ok $? "B5 login: Salesforce's error_description arrives clean"
TOK=$(jq -cn '{access_token: "forged", token_type: "Bearer",
    instance_url: "https://evil.example.com/\u001b[2J\u202eliated",
    id: "https://login.salesforce.com/id/00D/005"}')
DEV=$(jq -cn '{device_code: "dc2", interval: 1, user_code: "CODE2",
    verification_uri: "https://x.example/v"}')
ctl POST faults "$(jq -cn --arg b "$DEV" '{kind: "status", status: 200,
    body: $b, method: "POST", path: "/services/oauth2/token", count: 1}')" \
    >/dev/null
ctl POST faults "$(jq -cn --arg b "$TOK" '{kind: "status", status: 200,
    body: $b, method: "POST", path: "/services/oauth2/token", count: 1}')" \
    >/dev/null
"$TASKDECK" login --instance "$EMU" --client-id taskdeck-test \
    >"$TMP/login2.out" 2>"$TMP/login2.err"
r=$?
[ $r -ne 0 ] && grep -q "refusing\|not a valid URL" "$TMP/login2.err"
ok $? "login refuses a token answer naming a foreign instance"
clean "$TMP/login2.err" && clean "$TMP/login2.out"
ok $? "B5 login: the refused instance_url arrives clean"

# --- the settings file: values printed and errors quoting a line ----------
printf 'sf.client_id = "cid\033[2J\342\200\256x"\n' >"$TMP/hostile.conf"
"$TASKDECK" --config "$TMP/hostile.conf" config get sf.client_id \
    >"$TMP/cfg-get.txt" 2>&1
"$TASKDECK" --config "$TMP/hostile.conf" config list >"$TMP/cfg-list.txt" 2>&1
grep -q "^cid.*\[2Jx$" "$TMP/cfg-get.txt" && clean "$TMP/cfg-get.txt" &&
    clean "$TMP/cfg-list.txt"
ok $? "B5 config get and config list print a setting clean"
printf 'bogus\033]52;c;cHduZWQ=\007\342\200\256 = 1\n' >"$TMP/bad.conf"
"$TASKDECK" --config "$TMP/bad.conf" list >"$TMP/cfg-err.out" 2>"$TMP/cfg-err.txt"
grep -q "unknown key" "$TMP/cfg-err.txt" && clean "$TMP/cfg-err.txt"
ok $? "B5 an error quoting the settings file arrives clean"
clean "$LOG"
ok $? "B5 the log file is still clean at the end"

done_testing
