#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# `taskdeck push ID...` sends a reminder from before T0 to Salesforce on
# request (S3); its refusals and exit codes (U8); `sync --watch` starts
# with the true state; reading commands list a cache on a read-only mount
# (B3).  Against a real sfemu and the real binary; each check failed on
# the code before its fix.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/sync/sync-lib.sh"
need_tools curl jq sqlite3

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x",
            "Password": "pw1"}],
 "tasks": [{"Subject": "From Salesforce", "Owner": "rep",
            "CreatedDaysAgo": 0, "ActivityDate": "2026-11-23"}]}' >/dev/null

# --- S3: push before T0 is refused -----------------------------------------
td add "Call Ana" --due today --details "about the quote"
ANA=$(local_id "Call Ana")
td add "Send quote" --due tomorrow --priority high
QUOTE=$(local_id "Send quote")
td add "Book room"
ROOM=$(local_id "Book room")
td add "Stay local"
td add "Paused push"
PAUSED=$(local_id "Paused push")
td push "$ANA"
is "$rc" 1 "S3 push before sync was ever switched on exits 1"
printf '%s' "$err" | grep -q "sync was never switched on"
ok $? "S3 push before T0 says sync was never switched on"
is "$(local_field "Call Ana" sync)" local "S3 a refused push changes nothing"

login_device
td sync --enable
td sync --once
ok $rc "S2 first sync"
is "$(sf_count "Call Ana")" 0 "S3 a reminder from before T0 is not pushed"
is "$(local_field "Call Ana" sync)" local "S3 and stays local-only"

# --- S3: push on request ---------------------------------------------------
td push "$ANA"
ok $rc "S3 push of a local-only reminder exits 0"
is "$out" "queued reminder $ANA for Salesforce" "S3 push says what it did"
is "$(local_field "Call Ana" sync)" pending \
    "S3 U2 the pushed reminder's badge is pending"
td sync --once
is "$(sf_count "Call Ana")" 1 "S3 C1 the pushed reminder reaches Salesforce"
is "$(sf_task "Call Ana" Description)" "about the quote" \
    "F5 with its details"
is "$(sf_task "Call Ana" ActivityDate)" 2026-11-23 "F4 and its due date"
is "$(local_field "Call Ana" sync)" synced "S3 and is synced afterwards"
is "$(local_field "Call Ana" sf_id)" "$(sf_task "Call Ana" Id)" \
    "C6 the reminder holds its task's Id"
td sync --once
is "$(sf_count "Call Ana")" 1 "C6 C9 a second cycle makes no second task"

# --- refusals --------------------------------------------------------------
td push "$ANA"
is "$rc" 1 "U8 push of a synced reminder exits 1"
printf '%s' "$err" | grep -q "reminder $ANA is already in Salesforce"
ok $? "U8 push of a synced reminder says it is already in Salesforce"
SF=$(local_id "From Salesforce")
td push "$SF"
is "$rc" 1 "U8 push of an imported reminder exits 1"
td push 999
is "$rc" 2 "U8 push of an unknown id exits 2"
printf '%s' "$err" | grep -q "no reminder with id 999"
ok $? "U8 push of an unknown id names it"
td push
is "$rc" 1 "U8 push without an id is a usage error"
printf '%s' "$err" | grep -q "usage: taskdeck push ID"
ok $? "U8 push without an id shows the usage"
td push "$QUOTE" abc
is "$rc" 1 "B2 push with a malformed id exits 1"
is "$(local_field "Send quote" sync)" local \
    "B2 a malformed id in the list queues nothing"
td push --help
ok $rc "U8 push --help exits 0"

# Several ids: each is queued or refused on its own.
td push "$QUOTE" 999 "$ROOM"
is "$rc" 2 "U8 push of several ids exits with the refusal's code"
is "$(local_field "Send quote" sync)/$(local_field "Book room" sync)" \
    pending/pending "U8 the other ids of the list are queued"
td sync --once
is "$(sf_count "Send quote")/$(sf_count "Book room")" 1/1 \
    "S3 both reach Salesforce"
is "$(sf_task "Send quote" Priority)" High "F3 with their priority"
is "$(sf_count "Stay local")" 0 "S3 a reminder not pushed stays local"

# --- S5: pushed while sync is off, sent when it is on ----------------------
td sync --disable
td push "$PAUSED"
ok $rc "S5 push while sync is off is queued"
printf '%s' "$out$err" | grep -q "sync is off"
ok $? "S5 push while sync is off says when it will be sent"
td sync --once
is "$(sf_count "Paused push")" 0 "S5 nothing is sent while sync is off"
td sync --enable
td sync --once
is "$(sf_count "Paused push")" 1 "S3 S5 it is sent once sync is on again"

# --- sync --watch starts with the true state -------------------------------
# watch_first: the first line `sync --watch` prints, then stops it.
watch_first() {
	rm -f "$TMP/watch.out"
	"$TASKDECK" sync --watch >"$TMP/watch.out" 2>"$TMP/watch.err" &
	wpid=$!
	i=0
	while ! grep -q '^sync: ' "$TMP/watch.out" 2>/dev/null &&
	    [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -TERM $wpid 2>/dev/null
	wait $wpid
	head -1 "$TMP/watch.out" | cut -d, -f1
}
is "$(watch_first)" "sync: idle" \
    "U5 sync --watch's first line is the first cycle's state, not off"
is "$("$TASKDECK" status --json | jq -r .state)" idle \
    "U5 and status reads no 'off' that the watch never was"
td sync --disable
is "$(watch_first)" "sync: off" "U5 with sync off, the watch says off"
td sync --enable

# --- B3: reading commands on a read-only cache -----------------------------
# ro_copy DIR: a copy of the cache (no taskdeck process runs now, so the
# WAL is checkpointed and gone) and a config in DIR.
ro_copy() {
	rm -rf "$1"
	mkdir -p "$1"
	cp "$CACHE" "$1/cache.db"
	for x in wal shm; do
		[ -f "$CACHE-$x" ] && cp "$CACHE-$x" "$1/cache.db-$x"
	done
	cp "$XDG_CONFIG_HOME/taskdeck/config" "$1/config" 2>/dev/null ||
	    : >"$1/config"
}

# Rollback-journal mode: a reading command that wrote anything (the old
# open set WAL mode on every open) would change the file.  Any uid.
ro_copy "$TMP/rb"
sqlite3 "$TMP/rb/cache.db" 'PRAGMA journal_mode = DELETE' >/dev/null
sum0=$(cksum <"$TMP/rb/cache.db")
for c in "list --all" "show $ANA" "status" "conflicts" "list --json"; do
	# shellcheck disable=SC2086
	"$TASKDECK" --db "$TMP/rb/cache.db" $c >/dev/null 2>"$TMP/rb.err"
	ok $? "B3 $c reads a cache it must not write"
done
is "$(cksum <"$TMP/rb/cache.db")" "$sum0" \
    "B3 reading commands leave the cache file byte for byte as it was"
is "$(ls "$TMP/rb")" "cache.db
config" "B3 and make no journal or WAL file beside it"

# A real read-only place: a 0555 directory with a 0444 file for a normal
# user; as root (which ignores permissions) a read-only bind mount in a
# mount namespace of its own, or else the same run as user nobody.
RO="$TMP/ro"
ro_copy "$RO"
chmod 0444 "$RO/cache.db" "$RO/config"
chmod 0555 "$RO"
if [ "$(id -u)" != 0 ]; then
	how="a 0555 directory"
	run_ro() { "$TASKDECK" --db "$RO/cache.db" "$@"; }
elif unshare -m sh -c "mount --bind '$RO' '$RO' &&
    mount -o remount,bind,ro '$RO' && ! touch '$RO/x'" 2>/dev/null; then
	how="a read-only bind mount"
	run_ro() {
		unshare -m sh -c 'mount --bind "$0" "$0" &&
		    mount -o remount,bind,ro "$0" && exec "$@"' \
		    "$RO" "$TASKDECK" --db "$RO/cache.db" "$@"
	}
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null
then
	how="a 0555 directory as nobody"
	chmod 0711 "$TMP"
	run_ro() {
		setpriv --reuid=65534 --regid=65534 --clear-groups env \
		    HOME=/nonexistent XDG_STATE_HOME="$RO/state" \
		    "$TASKDECK" --db "$RO/cache.db" --config "$RO/config" "$@"
	}
else
	how=""
	echo "# root without mount namespaces or setpriv: the rollback" \
	    "check above proves reading commands do not write"
fi
if [ -n "$how" ]; then
	run_ro list --all >"$TMP/ro.out" 2>"$TMP/ro.err"
	ok $? "B3 list --all reads a cache in $how"
	sed 's/^/#   /' "$TMP/ro.err"
	grep -q "Call Ana" "$TMP/ro.out"
	ok $? "B3 and shows its reminders"
	run_ro show "$ANA" >"$TMP/ro.out" 2>"$TMP/ro.err"
	ok $? "B3 show reads it too"
	run_ro status >"$TMP/ro.out" 2>"$TMP/ro.err"
	ok $? "B3 status reads it too"
	run_ro conflicts >"$TMP/ro.out" 2>"$TMP/ro.err"
	ok $? "B3 conflicts lists it too"
	run_ro add "Cannot write" >"$TMP/ro.out" 2>"$TMP/ro.err"
	is "$?" 3 "B3 a writing command on it fails with the cache's exit code"
	grep -q "cache" "$TMP/ro.err"
	ok $? "B3 and says the cache cannot be written"
fi
chmod 0755 "$RO"

done_testing
