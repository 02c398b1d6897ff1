#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Security checks against a real sfemu and a hostile TLS server (SPEC A1,
# A2, A4, B1, B5; doc/reliability.md, "Security checks").  What the sync
# tests already prove (0600 after login and after a rotated refresh, the
# refresh token not printed, environment tokens never written) is not
# repeated; this file adds the canary sweep over everything taskdeck writes
# and exposes during a running sync, hostile umask and file modes, forged
# token responses, a self-signed certificate and hostile Salesforce text.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/sync/sync-lib.sh"

CRED="$XDG_CONFIG_HOME/taskdeck/credentials"
ESC=$(printf '\033')

# clean_text FILE: 0 if FILE is valid UTF-8 with no control character but
# newline, and no C1 control (B5).
clean_text() {
	python3 -c '
import sys
s = open(sys.argv[1], "rb").read().decode("utf-8")
bad = [c for c in s if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f]
sys.exit(1 if bad else 0)' "$1" 2>/dev/null
}

emu_start
# Hostile text from Salesforce: escape sequences (OSC title, CSI, C1 CSI),
# a 32,000-character Description, and a Subject that is not UTF-8.
python3 - "$TMP/seed.json" <<'EOF'
import json, sys
long = "\x1b[2J" + "\u00e9" * 15996 + "x" * 15996 + "\u4e2d" * 4
assert len(long) == 32000
seed = {"settings": {"device_interval": 1, "rotate_refresh": True},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x",
            "Password": "pw1"}],
 "tasks": [
  {"Subject": "esc \x1b]0;pwned\x07 \x1b[31mred\x1b[0m \u009b2J end",
   "Description": "line1\n\x1b[1mbold\x1b[0m\rover\x08\x07", "ActivityDate": 0},
  {"Subject": "long details", "Description": long, "ActivityDate": 0},
  {"Subject": "BADUTF8", "ActivityDate": 1}]}
open(sys.argv[1], "w").write(json.dumps(seed))
EOF
# The JSON above cannot hold invalid UTF-8: put raw bytes in by hand.
python3 - "$TMP/seed.json" <<'EOF'
import sys
p = sys.argv[1]
b = open(p, "rb").read().replace(b"BADUTF8", b"bad \xff\xfe utf8 \xc3(")
open(p, "wb").write(b)
EOF
ctl_file POST seed "$TMP/seed.json" >/dev/null
LONG_SF=$(ctl GET tasks | jq -r '.[] | select(.Subject == "long details") |
    .Description' | md5sum)
# Every access token sfemu issues starts with the org's Id and "!AQ", every
# refresh token with "5Aep861" (doc/sfemu.md): the canaries.
ORG=$(ctl POST token '{}' | jq -r .access_token | cut -c1-15)
CANARY_AT="$ORG!AQ"
CANARY_RT=5Aep861

# canary_free FILE...: 0 if no token shape occurs in the files.
canary_free() {
	! grep -a -q -e "$CANARY_AT" -e "$CANARY_RT" "$@" 2>/dev/null
}

# --- A1: the credentials file is 0600 whatever the umask and the old mode --
umask 000
login_device
umask 022
ok $login_rc "A1 device-flow login with umask 000"
is "$(stat -c %a "$CRED")" 600 "A1 credentials 0600 even under umask 000"
grep -q "^refresh_token=$CANARY_RT" "$CRED" && grep -q "^access_token=$CANARY_AT" "$CRED"
ok $? "A1 the canaries are in the credentials file (the sweep can see them)"
chmod 644 "$CRED"
ctl POST expire-sessions '{}' >/dev/null
td sync --enable
td sync --once
ok $rc "A1 sync refreshes an expired session"
is "$(stat -c %a "$CRED")" 600 \
    "A1 a credentials file left 0644 is rewritten 0600 by the refresh"

# --- A1 B5: a full sync while it runs: argv, environment, cache and WAL -----
ctl POST expire-sessions '{}' >/dev/null
"$TASKDECK" add "pushed during the watch" >/dev/null
"$TASKDECK" sync --watch >"$TMP/watch.out" 2>"$TMP/watch.err" &
wpid=$!
i=0
while [ "$(sf_count "pushed during the watch")" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(sf_count "pushed during the watch")" 1 \
    "A1 sync --watch refreshed the session and pushed"
kids=$(cat /proc/$wpid/task/*/children 2>/dev/null)
for p in $wpid $kids; do
	tr '\0' '\n' </proc/$p/cmdline >"$TMP/cmdline.$p"
	tr '\0' '\n' </proc/$p/environ >"$TMP/environ.$p"
done
canary_free "$TMP"/cmdline.*
ok $? "A1 no token on the command line of taskdeck or its children"
canary_free "$TMP"/environ.*
ok $? "A1 no token in the environment of taskdeck or its children"
ls "$CACHE-wal" >/dev/null 2>&1
ok $? "A1 the cache's write-ahead log exists while the sync runs"
canary_free "$CACHE" "$CACHE-wal" "$CACHE-shm"
ok $? "A1 no token in the cache or its write-ahead log during the sync"
kill -TERM $wpid
wait $wpid
ok $? "sync --watch stops cleanly"
grep -q "^refresh_token=$CANARY_RT" "$CRED"
ok $? "A1 the rotated refresh token was saved"
# Everything taskdeck wrote or printed, the credentials file and the
# emulator's own store aside.
find "$TMP" -type f ! -path "$CRED" ! -name 'sfemu.db*' ! -name 'cmdline.*' \
    ! -name 'environ.*' >"$TMP/files"
canary_free $(cat "$TMP/files")
ok $? "A1 no token in the cache, config, state directory or any output ($(wc -l <"$TMP/files") files)"

# --- B5, F5, B1: hostile text from Salesforce -----------------------------
td list --all
printf '%s\n' "$out" >"$TMP/list.txt"
clean_text "$TMP/list.txt"
ok $? "B5 list output: no ESC, control or C1 character, valid UTF-8"
case "$out" in *"esc "*"pwned"*"red"*"end"*) r=0 ;; *) r=1 ;; esac
ok $r "B5 the escaped subject is shown, neutralised, not dropped"
for n in "esc " "long details" "bad "; do
	id=$("$TASKDECK" list --all --json | jq -r --arg n "$n" \
	    '[.[] | select(.name | startswith($n))][0].id')
	[ -n "$id" ] && [ "$id" != null ]
	ok $? "B1 hostile task '$n' imported into the cache"
	"$TASKDECK" show "$id" >"$TMP/show.txt" 2>&1
	clean_text "$TMP/show.txt"
	ok $? "B5 show '$n': no raw ESC or control character"
done
"$TASKDECK" list --all --json >"$TMP/list.json"
python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' \
    "$TMP/list.json" 2>/dev/null
ok $? "B5 list --json is valid UTF-8 JSON even with a non-UTF-8 subject"
is "$("$TASKDECK" show "$(local_id "long details")" --json | jq -r .details |
    md5sum)" "$LONG_SF" "F5 the 32,000-character Description is kept whole"
td sync --once
ok $rc "B1 the next sync cycle still succeeds"
ctl DELETE calls
td sync --once
is "$(calls_writes)" 0 "C9 hostile text is not pushed back"

# --- A2: forged token responses -------------------------------------------
cp "$CRED" "$TMP/cred.before"
# An instance is an origin: a path, a query or a control byte after the
# host is refused too, not saved to the credentials and the config.
for inst in https://evil.example.com http://127.0.0.1.evil.example \
    http://127.0.0.1:x@evil.example https://evil.example%2f.salesforce.com \
    https://acme.my.salesforce.com/evil "https://acme.my.salesforce.com?x" \
    "$(printf 'https://acme.my.salesforce.com/\033[2J')"; do
	body=$(jq -cn --arg i "$inst" '{access_token: "forged", token_type: "Bearer",
	    instance_url: $i, id: "https://login.salesforce.com/id/00D/005"}')
	ctl POST faults "$(jq -cn --arg b "$body" '{method: "POST",
	    path: "/services/oauth2/token", count: 1, kind: "status",
	    status: 200, body: $b}')" >/dev/null
	ctl POST expire-sessions '{}' >/dev/null
	td sync --once
	[ "$rc" -ne 0 ] && case "$err" in *"refusing"*|*"not a valid URL"*)
	    true ;; *) false ;; esac
	ok $? "A2 a token response sending the instance to $inst is refused"
	cmp -s "$CRED" "$TMP/cred.before"
	ok $? "A2 ... and the credentials file is untouched"
done
td sync --once
ok $rc "A2 the real token endpoint still works afterwards"

# --- A2: plain http to a non-loopback host, before any connection ---------
for url in http://login.example.com http://127.0.0.1.nip.io \
    http://127.0.0.1:x@login.example.com; do
	td login --instance "$url" --client-id t
	[ "$rc" -ne 0 ] && case "$err" in *"only https"*|*"not a valid URL"*)
	    true ;; *) false ;; esac
	ok $? "A2 login refuses $url"
done

# --- A2: a certificate that does not verify -------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
    -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >/dev/null 2>&1
ok $? "A2 a self-signed certificate for localhost made"
python3 - "$TMP/cert.pem" "$TMP/key.pem" "$TMP/tls.port" "$TMP/tls.got" <<'EOF' &
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(sys.argv[3], "w").write("%d\n" % s.getsockname()[1])
got = open(sys.argv[4], "ab", buffering=0)
s.settimeout(60)
while True:
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    c.settimeout(5)
    got.write(b"connection\n")
    try:
        t = ctx.wrap_socket(c, server_side=True)
        got.write(b"handshake done\n")
        got.write(t.recv(65536))
        t.close()
    except Exception as e:
        got.write(("refused: %s\n" % e).encode())
        c.close()
EOF
tls_pid=$!
tls_stop() { kill "$tls_pid" 2>/dev/null; wait "$tls_pid" 2>/dev/null; }
cleanup_hooks="$cleanup_hooks tls_stop"
i=0
while [ ! -s "$TMP/tls.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
TLS="https://localhost:$(cat "$TMP/tls.port")"
unset CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR
td login --instance "$TLS" --client-id t
[ "$rc" -ne 0 ] && case "$err" in *certificate*) true ;; *) false ;; esac
ok $? "A2 login to a self-signed server fails, naming the certificate"
SF_ACCESS_TOKEN="${CANARY_AT}tlscanary" SF_INSTANCE_URL="$TLS" \
    "$TASKDECK" sync --once >"$TMP/tls.out" 2>"$TMP/tls.err"
r=$?
[ $r -ne 0 ] && grep -q certificate "$TMP/tls.err"
ok $? "A2 A4 sync to a self-signed instance fails, naming the certificate"
grep -q connection "$TMP/tls.got" && ! grep -q "handshake done" "$TMP/tls.got"
ok $? "A2 the TLS handshake was refused by taskdeck"
canary_free "$TMP/tls.got" && ! grep -a -q -e grant_type -e Authorization \
    -e tlscanary "$TMP/tls.got"
ok $? "A2 no request, form or token reached the self-signed server"
tls_stop

done_testing
