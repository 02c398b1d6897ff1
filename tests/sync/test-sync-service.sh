#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Issue 15, deliverables 1 and 2 (C11): the user service (`taskdeck
# service install|remove|status`, data/taskdeck-sync.service), SIGTERM
# during a push, one syncer per cache with hand-over, `sync now` asked of
# the holder, and a `status` that does not call a dead engine's backoff
# live.  The UI's side of the hand-over is tests/ui/test-ui-handover.sh.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"
need_tools jq curl sqlite3

# now_s: seconds since the epoch, to the millisecond.
now_s() {
	date +%s.%N | cut -c1-14
}

# wait_for FILE PATTERN [TENTHS]: waits until a line of FILE matches.
wait_for() {
	_n=${3:-100}
	while ! grep -q "$2" "$1" 2>/dev/null && [ "$_n" -gt 0 ]; do
		sleep 0.1
		_n=$((_n - 1))
	done
	grep -q "$2" "$1" 2>/dev/null
}

# holder_pid: the pid `status --json` names as the syncer, or null.
holder_pid() {
	"$TASKDECK" status --json | jq -r .syncer_pid
}
# lock_pid: the pid the lock file names (what `status` reads, without the
# cost of a process and a cache open: the hand-over's clock).
lock_pid() {
	cut -d' ' -f1 "$CACHE.sync-lock" 2>/dev/null
}

UNIT="$XDG_CONFIG_HOME/systemd/user/taskdeck-sync.service"

# --- the unit: service install --systemd ------------------------------------
td service install --systemd
ok $rc "C11 service install --systemd succeeds"
[ -f "$UNIT" ]
ok $? "C11 service install writes \$XDG_CONFIG_HOME/systemd/user/taskdeck-sync.service"
case "$out" in *"systemctl --user enable --now taskdeck-sync"*) r=0 ;; *) r=1 ;; esac
ok $r "C11 service install says how to enable the unit"
grep -qx 'Restart=on-failure' "$UNIT" &&
    grep -qx 'StandardOutput=journal' "$UNIT" &&
    grep -qx 'StandardError=journal' "$UNIT" &&
    grep -qx 'WantedBy=default.target' "$UNIT" &&
    grep -qx 'Type=simple' "$UNIT"
ok $? "C11 the unit restarts on failure and logs to the journal"
exe=$(sed -n 's/^ExecStart="\([^"]*\)".*/\1/p' "$UNIT")
[ -x "$exe" ] && [ "$(cd "$(dirname "$exe")" && pwd -P)/$(basename "$exe")" = \
    "$(cd "$(dirname "$TD_BUILDDIR/src/taskdeck")" && pwd -P)/taskdeck" ]
ok $? "C11 ExecStart is this taskdeck's absolute path ($exe)"
grep -q "^ExecStart=.* --db \"$CACHE\" --config \"$XDG_CONFIG_HOME/taskdeck/config\" sync --watch\$" "$UNIT"
ok $? "C11 ExecStart runs sync --watch on this cache and settings"
grep -qx "Environment=\"XDG_CONFIG_HOME=$XDG_CONFIG_HOME\"" "$UNIT"
ok $? "C11 the unit keeps the rep's XDG directories (credentials, log)"

# systemd-analyze verify: the CI installs systemd (run.sh PKGS); without
# it this check fails, it is never skipped.
if command -v systemd-analyze >/dev/null 2>&1; then
	systemd-analyze verify "$UNIT" >"$TMP/verify" 2>&1
	r=$?
	sed 's/^/# verify: /' "$TMP/verify"
	ok $r "C11 systemd-analyze verify accepts the unit service install writes"
	if [ -f "$TD_BUILDDIR/data/taskdeck-sync.service" ]; then
		cp "$TD_BUILDDIR/data/taskdeck-sync.service" "$TMP/taskdeck-sync.service"
		# The packaged unit names the installed binary; verify needs one.
		sed -i "s|^ExecStart=[^ ]*|ExecStart=$TD_BUILDDIR/src/taskdeck|" \
		    "$TMP/taskdeck-sync.service"
		systemd-analyze verify "$TMP/taskdeck-sync.service" \
		    >"$TMP/verify2" 2>&1
		r=$?
		sed 's/^/# verify: /' "$TMP/verify2"
	else
		r=1
		echo "# $TD_BUILDDIR/data/taskdeck-sync.service was not built"
	fi
	ok $r "C11 systemd-analyze verify accepts data/taskdeck-sync.service"
else
	ok 1 "C11 systemd-analyze is installed (sh run.sh test installs systemd)"
fi
grep -qx 'Restart=on-failure' "$TD_BUILDDIR/data/taskdeck-sync.service" &&
    grep -q '^ExecStart=/.*/taskdeck sync --watch$' \
    "$TD_BUILDDIR/data/taskdeck-sync.service"
ok $? "C11 data/taskdeck-sync.service runs the installed sync --watch"

td service remove
ok $rc "C11 service remove succeeds"
[ ! -e "$UNIT" ]
ok $? "C11 service remove removes the unit"

# --- a synced cache ---------------------------------------------------------
emu_start
ctl POST seed "{\"settings\": {\"device_interval\": 1},
 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\", \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
 \"tasks\": $(task_list 3 S)}" >/dev/null
login_device
td config set sync.poll_interval 600
td sync --enable
td sync --once
ok $rc "first sync"

# --- status with a recorded backoff and nobody behind it --------------------
ctl POST faults '{"kind":"status","status":503,"count":50,"method":"*","path":"/services/data/"}' >/dev/null
td sync --once
td status --json
is "$(printf '%s' "$out" | jq -r .state)/$(printf '%s' "$out" | jq -r .running)" \
    "backoff/false" "C11 status --json: the recorded backoff, and nothing running"
td status
case "$out" in
*"syncer:        not running"*"state:         not running (last recorded: backoff)"*) r=0 ;;
*) r=1 ;;
esac
ok $r "C11 status with a recorded backoff and no live holder says not running"
printf '%s\n' "$out" | sed 's/^/#   /'
ctl DELETE faults >/dev/null

# --- two watches: one syncs, the other waits and takes over -----------------
watch_stop() {
	for p in $W1 $W2 $W3; do
		kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
}
cleanup_hooks="$cleanup_hooks watch_stop"
"$TASKDECK" sync --watch >"$TMP/w1.out" 2>&1 &
W1=$!
wait_for "$TMP/w1.out" '^sync: idle'
ok $? "C11 the first watch syncs"
is "$(holder_pid)" "$W1" "C11 status names the first watch as the syncer"
td status
case "$out" in *"syncer:        taskdeck sync --watch, pid $W1"*) r=0 ;; *) r=1 ;; esac
ok $r "C11 status: synced by taskdeck sync --watch, pid $W1"
"$TASKDECK" sync --watch >"$TMP/w2.out" 2>&1 &
W2=$!
wait_for "$TMP/w2.out" "^sync: waiting: synced by taskdeck sync --watch, pid $W1"
ok $? "C11 a second watch waits, saying who syncs"
kill -0 "$W2" 2>/dev/null
ok $? "C11 the second watch keeps running (no error exit)"

# sync now, asked of the holder by another process (the byte 'n' on the
# wake-up socket; the UI's `r` sends it).
ctl DELETE calls >/dev/null
t0=$(now_s)
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM); s.sendto(b"n", sys.argv[1])' "$CACHE.sync-wake"
n=0
while [ "$(calls_total)" = 0 ] && [ $n -lt 30 ]; do
	sleep 0.05
	n=$((n + 1))
done
t1=$(now_s)
echo "# sync now reached the holder in $(echo "$t1 - $t0" | bc 2>/dev/null || awk "BEGIN{print $t1-$t0}") s"
[ "$(calls_total)" -gt 0 ] && awk "BEGIN{exit !($t1 - $t0 <= 1.0)}"
ok $? "C11 a sync-now request makes the holder sync within 1 s"

# SIGKILL of the holder: the waiting watch takes over within 2 s.
kill -KILL "$W1"
wait "$W1" 2>/dev/null
t0=$(now_s)
n=0
while [ "$(lock_pid)" != "$W2" ] && [ $n -lt 600 ]; do
	sleep 0.005
	n=$((n + 1))
done
t1=$(now_s)
took=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
echo "# hand-over after SIGKILL of the holder: $took s"
is "$(holder_pid)" "$W2" "C11 the waiting watch holds the lock after SIGKILL of the holder"
awk "BEGIN{exit !($took <= 2.0)}"
ok $? "C11 hand-over after SIGKILL within 2 s ($took s)"
td add "Pushed by the new holder" --due today
n=0
while [ "$(sf_count "Pushed by the new holder")" != 1 ] && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
is "$(sf_count "Pushed by the new holder")" 1 "C11 the new holder pushes"
W1=

# --- SIGTERM during a long push ---------------------------------------------
hold POST 5000
ctl DELETE calls >/dev/null
td add "Pushed during SIGTERM" --due today
n=0
while [ "$(ctl GET calls | jq '[to_entries[] | select(.key | startswith("POST /services"))] | length')" = 0 ] &&
    [ $n -lt 100 ]; do
	sleep 0.05
	n=$((n + 1))
done
t0=$(now_s)
kill -TERM "$W2"
wait "$W2"
wrc=$?
t1=$(now_s)
took=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
W2=
is "$wrc" 0 "C11 SIGTERM during a push: the watch exits cleanly"
awk "BEGIN{exit !($took <= 1.0)}"
ok $? "C11 SIGTERM during a push ends the watch within 1 s ($took s)"
grep -q '^sync: stopped' "$TMP/w2.out"
ok $? "C11 the watch says it stopped"
is "$(sqlite3 "$CACHE" 'PRAGMA integrity_check')" ok \
    "C11 the cache is intact after SIGTERM mid-push"
is "$(holder_pid)" null "C11 no syncer after the watch stopped"
sleep 5	# the held create lands in sfemu, its answer lost
td sync --once
ok $rc "C11 the next sync after SIGTERM succeeds"
is "$(sf_count "Pushed during SIGTERM")" 1 \
    "C11 the change cut short by SIGTERM is in Salesforce exactly once"
is "$("$TASKDECK" status --json | jq .pending)" 0 "C11 nothing left in the outbox"

# --- detached mode (no systemd) ---------------------------------------------
td service install --detached
ok $rc "C11 service install --detached starts the watch"
PIDFILE="$XDG_STATE_HOME/taskdeck/sync.pid"
W3=$(cat "$PIDFILE" 2>/dev/null)
[ -n "$W3" ] && kill -0 "$W3" 2>/dev/null
ok $? "C11 the detached watch runs, its pid in the state dir's sync.pid"
n=0
while [ "$(holder_pid)" != "$W3" ] && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
is "$(holder_pid)" "$W3" "C11 the detached watch syncs the cache"
[ "$(ps -o sid= -p "$W3" | tr -d ' ')" = "$W3" ]
ok $? "C11 the detached watch leads its own session (setsid)"
td service status
case "$out" in
*"mode:     detached"*"process:  running, pid $W3"*"syncer:   taskdeck sync --watch, pid $W3"*"state:    "*) r=0 ;;
*) r=1 ;;
esac
ok $r "C11 service status: detached mode, running, the pid, the engine's state"
printf '%s\n' "$out" | sed 's/^/#   /'
wait_for "$XDG_STATE_HOME/taskdeck/sync.log" '^sync: idle'
ok $? "C11 the detached watch logs to sync.log in the state dir"
td service remove
ok $rc "C11 service remove stops the detached watch"
n=0
while kill -0 "$W3" 2>/dev/null && [ $n -lt 20 ]; do
	sleep 0.1
	n=$((n + 1))
done
! kill -0 "$W3" 2>/dev/null && [ ! -e "$PIDFILE" ]
ok $? "C11 the detached watch is gone and its pid file removed"
W3=
td service status
case "$rc/$out" in 6/*"mode:     not installed"*"syncer:   none running"*) r=0 ;; *) r=1 ;; esac
ok $r "C11 service status after remove: not installed, none running (exit 6)"

done_testing
