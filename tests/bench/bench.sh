#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# make bench (issue #7): start-up, listing, done, first sync, steady state,
# latency and sfemu throughput, printed as one table and written with the
# machine's description to doc/performance.md.  Every figure is a median
# (runs given in the table); every ratio compares figures of this run.
#
# BENCH_QUICK=1 (`make bench-quick`, under 2 minutes) measures the ratios
# that matter most - list and done against the floor and the peers at 10k
# and 100k, first frame and first key, bytes per cursor move, the idle
# poll, 100 UI completions - and prints the table without writing the doc
# (unless BENCH_OUT names a file).  BENCH_KEEP=1 keeps the scratch directory.  BENCH_ROWS="6 8" runs only
# the rows named (a re-measure after a change): their lines replace those
# of the table in doc/performance.md, with a line saying when; the other
# rows are kept as they were.  Needs: tmux, jq, curl, taskwarrior,
# calcurse (installed with apt-get when missing).
set -u
: "${TD_BUILDDIR:?run me through make bench}" "${TD_SRCDIR:?}"
TD=$TD_BUILDDIR/src/taskdeck
SFEMU=$TD_BUILDDIR/src/sfemu/sfemu
BT=$TD_BUILDDIR/tests/bench/bench-time
GEN=$TD_BUILDDIR/tests/bench/bench-gen
FLOOR=$TD_BUILDDIR/tests/bench/bench-floor
BULK=$TD_BUILDDIR/tests/sync/bulk-edit
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	SIZES="10000 100000" TOOL_MAX=100000 SYNC_SIZES=${BENCH_SYNC_SIZES:-10000} LAT_N=10
	DOWN_N=10 CLI_N=10 IDLE_S=5 IMPORT_SIZES=10000 FS_RUNS=1 QUIET_S=5
	HAND_IDLE_S=10 HAND_N=3
	DOC=${BENCH_OUT:-/dev/null}
	: "${BENCH_ROWS:=1 2 3 5 9 10}"
else
	SIZES="1000 10000 100000 1000000" TOOL_MAX=100000
	SYNC_SIZES=${BENCH_SYNC_SIZES:-10000 100000} LAT_N=40 DOWN_N=60 CLI_N=40 IDLE_S=30
	IMPORT_SIZES="10000 100000" FS_RUNS=3 QUIET_S=20
	HAND_IDLE_S=30 HAND_N=9
	DOC=${BENCH_OUT:-$TD_SRCDIR/doc/performance.md}
fi
BURST_N=${BENCH_BURST_N:-100}
ROWS=${BENCH_ROWS:-1 2 3 4 5 6 7 8 9 10 11}
# row N: true if row N is to be measured.
row() {
	case " $ROWS " in *" $1 "*) return 0 ;; esac
	return 1
}
row 1 || row 2 || row 3 || SIZES=
row 4 || row 5 || SYNC_SIZES=

log() {
	echo "bench: $*" >&2
}

die() {
	log "$*"
	exit 1
}

# Tools: install what is missing (sudo only when not root).
need=
for t in task:taskwarrior calcurse:calcurse tmux:tmux jq:jq curl:curl; do
	command -v "${t%%:*}" >/dev/null 2>&1 || need="$need ${t#*:}"
done
if [ -n "$need" ]; then
	log "installing$need"
	sudo=
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y $need \
	    >/dev/null || { DEBIAN_FRONTEND=noninteractive $sudo apt-get \
	    update >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo \
	    apt-get install -y $need >/dev/null; } ||
	    die "cannot install$need"
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/td-bench.XXXXXX") || exit 1
EMU_PID=
WATCH_PID=
TSOCK=td-bench-$$
cleanup() {
	[ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID"
	tmux -L "$TSOCK" kill-server >/dev/null 2>&1
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A private home: the caches, config and credentials of this run only.
# TZ is unset, as a desktop session runs every tool (issue 19: with TZ
# set, glibc skips a stat of /etc/localtime on every localtime call,
# which hides a per-event cost in calcurse and taskwarrior); rows 2 give
# the TZ=UTC figure beside.  /etc/localtime is the zone either way.
unset TZ
export HOME="$W/home" XDG_CONFIG_HOME="$W/home/config"
export XDG_DATA_HOME="$W/home/data" XDG_STATE_HOME="$W/home/state"
export XDG_CACHE_HOME="$W/home/cache" TERM=xterm-256color LC_ALL=C.UTF-8
unset LANGUAGE	# the scripts read English output (U10)
export TMUX_TMPDIR="$W"
unset TASKDECK_TODAY TASKDECK_DB TMUX NO_COLOR
mkdir -p "$HOME"
T_START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# Results: one "key value" line each.
R=$W/results
: >"$R"
put() {
	echo "$1 $2" >>"$R"
}
get() {
	awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$R"
}
# ratio A B: A / B to two places.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0)
	    print "-"; else printf "%.2f\n", a / b }'
}
# pct LIST-FILE P: the P-th percentile (nearest rank) of a file of numbers.
pct() {
	sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END {
	    r = int((p * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'
}
ms_now() {
	date +%s%3N
}
# timed KEY RUNS [-t] [-i N] -- CMD...: median ms and RSS (kB) into KEY.
timed() {
	_k=$1 _n=$2
	shift 2
	set -- $("$BT" -n "$_n" "$@") || die "$_k failed"
	[ $# -ge 2 ] || die "$_k failed"
	put "$_k" "$1"
	put "${_k}_rss" "$2"
	put "${_k}_cpu" "$5"
}

# tzset CMD...: CMD with TZ=UTC exported (the "TZ set" figure).
tzset() {
	(TZ=UTC; export TZ; "$@")
}
# same_rows A B: "yes" if the two files hold the same lines (any order).
same_rows() {
	if [ "$(sort "$1")" = "$(sort "$2")" ]; then echo yes; else echo no; fi
}
# tm ARGS: the bench's own tmux server.
tm() {
	tmux -L "$TSOCK" -f /dev/null "$@"
}
# tm_wait FILE: waits up to 20 s for FILE (a pane's command touched it).
tm_wait() {
	_i=0
	while [ ! -f "$1" ] && [ $_i -lt 200 ]; do sleep 0.1; _i=$((_i + 1)); done
}
# tm_settle: waits until the pane's screen stayed the same for 0.3 s.
tm_settle() {
	_p= _i=0
	while [ $_i -lt 100 ]; do
		_c=$(tm capture-pane -p)
		[ "$_c" = "$_p" ] && return 0
		_p=$_c
		sleep 0.3
		_i=$((_i + 1))
	done
}
# cc_own DIR: lets calcurse load and save DIR once (it saves on quit), as
# every real user's file has been; says "same" if the file bench-gen
# wrote was already in calcurse's own order, "rewritten" if not.
cc_own() {
	cp "$1/apts" "$W/apts.gen"
	rm -f "$W/cc.exit"
	tm kill-server >/dev/null 2>&1
	tm new-session -d -x 80 -y 24 "calcurse -D '$1'; touch '$W/cc.exit'; sleep 600"
	tm_settle
	tm send-keys q
	sleep 0.3
	tm send-keys y
	tm_wait "$W/cc.exit"
	tm kill-server >/dev/null 2>&1
	if cmp -s "$1/apts" "$W/apts.gen"; then echo same; else echo rewritten; fi
}
# mdy_after N: the date N days from today, as calcurse's -d takes it.
mdy_after() {
	date -d "+$1 day" +%m/%d/%Y
}

# --- 1-3: start-up, listing, done, per cache size -------------------------
for n in $SIZES; do
	db=$W/c$n.db
	log "cache of $n reminders"
	TASKDECK_DB=$db "$TD" list >/dev/null || die "taskdeck cannot create $db"
	"$GEN" cache "$db" "$n" || die "bench-gen failed"
	runs=7
	[ "$n" -ge 1000000 ] && runs=5
	put runs_$n $runs
	TASKDECK_DB=$db timed start_$n $runs -t -- "$TD" --first-frame-exit
	# The first key after start-up: "j" typed as soon as anything is
	# drawn, then "q"; the UI reads keys only once the whole list is
	# loaded after the first frame, so this is exec -> list loaded ->
	# first key answered -> exit.
	TASKDECK_DB=$db timed key_$n $runs -t -k jq -- "$TD"
	TASKDECK_DB=$db timed list_$n $runs -- "$TD" list --today
	timed floor_$n $runs -- "$FLOOR" list "$db"
	TASKDECK_DB=$db tzset timed list_tz_$n $runs -- "$TD" list --today
	tzset timed floor_tz_$n $runs -- "$FLOOR" list "$db"
	put rows_$n "$("$FLOOR" list "$db" | wc -l)"
	if [ "$n" -le "$TOOL_MAX" ]; then
		truns=5 twarm=1
		[ "$n" -ge 100000 ] && truns=3
		put truns_$n $truns
		"$GEN" taskwarrior "$db" "$W/tw$n"
		printf 'data.location=%s\nconfirmation=off\ngc=off\nhooks=off\n%s\n' \
		    "$W/tw$n" 'color=off
detection=off
verbose=nothing
recurrence=off
news.version=2.6.2' >"$W/tw$n.rc"
		TASKRC=$W/tw$n.rc timed tw_$n $truns -w $twarm -- task due.before:tomorrow \
		    list
		TASKRC=$W/tw$n.rc tzset timed tw_tz_$n $truns -w $twarm -- task \
		    due.before:tomorrow list
		# What each was asked, row for row: taskwarrior lists pending
		# tasks only (taskdeck's today also shows today's done ones).
		TASKRC=$W/tw$n.rc task status:pending due.before:tomorrow export 2>/dev/null |
		    jq -r '.[].description' >"$W/tw.rows"
		TASKDECK_DB=$db "$TD" list --today --json | jq -r \
		    '.[] | select(.status == "open") | .name' >"$W/td.rows"
		put twrows_$n "$(wc -l <"$W/tw.rows")"
		put twsame_$n "$(same_rows "$W/tw.rows" "$W/td.rows")"
		"$GEN" calcurse "$db" "$W/cc$n"
		put ccown_$n "$(cc_own "$W/cc$n")"
		# The same question: tomorrow's reminders (done ones too) and
		# calcurse's events of tomorrow.
		tmw=$(mdy_after 1)
		timed cct_$n $truns -w $twarm -- calcurse -D "$W/cc$n" -d "$tmw"
		tzset timed cct_tz_$n $truns -w $twarm -- calcurse -D "$W/cc$n" \
		    -d "$tmw"
		TASKDECK_DB=$db timed listt_$n $runs -- "$TD" list --tomorrow
		TASKDECK_DB=$db tzset timed listt_tz_$n $runs -- "$TD" list \
		    --tomorrow
		calcurse -D "$W/cc$n" -d "$tmw" | sed -n 's/^ \* \((done) \)\{0,1\}//p' \
		    >"$W/cc.rows"
		TASKDECK_DB=$db "$TD" list --tomorrow --json | jq -r '.[].name' \
		    >"$W/td.rows"
		put cctrows_$n "$(wc -l <"$W/cc.rows")"
		put listtrows_$n "$(wc -l <"$W/td.rows")"
		put cctsame_$n "$(same_rows "$W/cc.rows" "$W/td.rows")"
		# The nearest to taskdeck's default list: `calcurse -d 2`,
		# today and tomorrow; taskdeck also lists the overdue.
		timed cc_$n $truns -w $twarm -- calcurse -D "$W/cc$n" -d 2
		tzset timed cc_tz_$n $truns -w $twarm -- calcurse -D "$W/cc$n" -d 2
		TASKDECK_DB=$db timed listd_$n $runs -- "$TD" list
		TASKDECK_DB=$db tzset timed listd_tz_$n $runs -- "$TD" list
		put ccrows_$n "$(calcurse -D "$W/cc$n" -d 2 | grep -c '^ \* ')"
		put listdrows_$n "$(TASKDECK_DB=$db "$TD" list --json | jq length)"
		rm -rf "$W/tw$n" "$W/cc$n"
	fi
	# Reminders 1-40 are open and synced: each run completes another.
	TASKDECK_DB=$db timed done_$n 9 -i 1 -- "$TD" done {}
	timed fdone_$n 9 -i 21 -- "$FLOOR" done "$db" {}
	[ "$n" = 10000 ] || [ "$n" = 1000 ] || rm -f "$db" "$db-wal" "$db-shm"
done

# The first frame is the whole command center: what --first-frame-exit
# leaves on an 80x24 tmux pane equals the screen of a normal run after
# the whole list was loaded and the UI answered keys ("j" then "k": down
# and back up, so the selection is where it started).
if row 1; then
	ffdb=$W/c10000.db
	[ -f "$ffdb" ] || ffdb=$W/c1000.db
	tm new-session -d -x 80 -y 24 "sleep 600"
	tm set-option -g alternate-screen off
	tm set-option -g window-size manual
	tm respawn-pane -k "env TASKDECK_DB='$ffdb' '$TD' --first-frame-exit; touch '$W/ff.done'; sleep 600"
	i=0
	while [ ! -f "$W/ff.done" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	tm capture-pane -p >"$W/ff.first"
	tm respawn-pane -k "env TASKDECK_DB='$ffdb' '$TD'"
	tm_settle
	tm send-keys j
	tm_settle
	tm send-keys k
	tm_settle
	tm capture-pane -p >"$W/ff.full"
	tm send-keys q
	sleep 0.3
	tm kill-server >/dev/null 2>&1
	if grep -q 'taskdeck - ' "$W/ff.first" && cmp -s "$W/ff.first" "$W/ff.full"
	then
		put ffcheck yes
	else
		put ffcheck NO
		log "first frame differs from the settled screen:"
		diff "$W/ff.first" "$W/ff.full" >&2
	fi
fi

# 10: bytes written to the terminal per cursor move, 80x24, j and k
# alternately (20 moves, the selection stays on screen), taskdeck on the
# 10k cache and calcurse on the same reminders (its appointments panel).
# tmux's pipe-pane gets exactly what the program writes to its terminal.
# What a program writes with no key over the same time (calcurse redraws
# its clock every second) is measured first and taken off.
# bytes_per_move KEY CMD
bytes_per_move() {
	tm kill-server >/dev/null 2>&1
	tm new-session -d -x 80 -y 24 "$2"
	tm_settle
	sleep 0.5
	for _what in idle keys; do
		: >"$W/bytes.$_what"
		tm pipe-pane -o "cat >>'$W/bytes.$_what'"
		sleep 0.2
		_i=0
		while [ $_i -lt 20 ]; do
			if [ $_what = keys ]; then
				if [ $((_i % 2)) = 0 ]; then tm send-keys j
				else tm send-keys k; fi
			fi
			sleep 0.15
			_i=$((_i + 1))
		done
		sleep 0.5
		tm pipe-pane
		sleep 0.2
	done
	put "$1" "$(( ($(wc -c <"$W/bytes.keys") - $(wc -c <"$W/bytes.idle")) / 20 ))"
	put "${1}_idle" "$(wc -c <"$W/bytes.idle")"
	# An idle minute: QUIET_S seconds with no key, scaled.
	: >"$W/bytes.min"
	tm pipe-pane -o "cat >>'$W/bytes.min'"
	sleep "$QUIET_S"
	tm pipe-pane
	sleep 0.2
	put "${1}_min" "$(( $(wc -c <"$W/bytes.min") * 60 / QUIET_S ))"
	tm kill-server >/dev/null 2>&1
}
if row 10; then
	log "bytes per cursor move"
	bdb=$W/c10000.db
	[ -f "$bdb" ] || { "$TD" --db "$bdb" list >/dev/null && "$GEN" cache "$bdb" 10000; }
	bytes_per_move bytes_td "env TASKDECK_DB='$bdb' '$TD'"
	"$GEN" calcurse "$bdb" "$W/ccb"
	cc_own "$W/ccb" >/dev/null
	bytes_per_move bytes_cc "calcurse -D '$W/ccb'"
	rm -rf "$W/ccb"
fi

# --- 4-6: sync against sfemu ----------------------------------------------
emu_start() {
	"$SFEMU" --port 0 --print-port --db "$W/emu.db" >"$W/emu.port" \
	    2>"$W/emu.err" &
	EMU_PID=$!
	i=0
	while [ ! -s "$W/emu.port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	EMU="http://127.0.0.1:$(head -1 "$W/emu.port")"
}
ctl() {
	if [ -n "${3:-}" ]; then
		curl -s -X "$1" -H 'Content-Type: application/json' \
		    --data-binary "$3" "$EMU/__sfemu/$2"
	else
		curl -s -X "$1" "$EMU/__sfemu/$2"
	fi
}
# REST API calls (C12's CometD requests count against the streaming
# allocations, not the daily API requests).
calls() {
	ctl GET calls | jq "[to_entries[] | select(.key | test(\"${1:-.}\"))
	    | select(.key | test(\"/cometd/\") | not) | .value] | add // 0"
}
emu_cpu() {
	awk '{ print $14 + $15 }' "/proc/$EMU_PID/stat"
}
# seed N [DUE_TODAY [OLD]]: a fresh org with the rep and N tasks, created
# (and last changed) OLD days ago or more.
seed() {
	awk -v n="$1" -v today="${2:-0}" -v old="${3:-0}" 'BEGIN {
	    printf "{\"settings\": {\"device_interval\": 1}, \"users\": [{\"key\":"
	    printf " \"rep\", \"Name\": \"Dana\", \"Username\": \"d@x\","
	    printf " \"Password\": \"p\"}], \"tasks\": ["
	    for (i = 1; i <= n; i++) {
		printf "%s{\"Subject\":\"Task %d\",\"Owner\":\"rep\",", \
		    (i > 1 ? "," : ""), i
		printf "\"CreatedDaysAgo\":%d,\"ActivityDate\":%d,", i % 40 + old, \
		    (today ? 0 : (i % 60) - 30)
		printf "\"Priority\":\"%s\",\"Description\":\"Discussed" \
		    " pricing\"}", (i % 10 ? "Normal" : "High")
	    }
	    printf "]}" }' >"$W/seed.json"
	ctl POST reset >/dev/null
	ctl POST seed "@$W/seed.json" | grep -q '"tasks"' || die "seed failed"
	ctl POST limits '{"limit":100000000}' >/dev/null
}
login() {
	"$TD" login --instance "$EMU" --client-id taskdeck-bench \
	    >"$W/login.out" 2>&1 &
	lpid=$!
	i=0
	while ! grep -q 'code:' "$W/login.out" && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	code=$(sed -n 's/.*code: //p' "$W/login.out")
	ctl POST device/approve "{\"user_code\":\"$code\"}" >/dev/null
	wait $lpid || die "login failed: $(cat "$W/login.out")"
	"$TD" config set sync.first_import_window all >/dev/null
}
# first_sync N RUN: a first sync of a new cache; time, RSS, calls.
first_sync() {
	export TASKDECK_DB="$W/s$1-$2.db"
	"$TD" sync --enable >/dev/null || die "sync --enable failed"
	ctl DELETE calls >/dev/null
	c0=$(emu_cpu)
	set -- "$1" "$2" $("$BT" -n 1 -w 0 -- "$TD" sync --once)
	[ $# -ge 4 ] || die "first sync failed"
	echo "$3" >>"$W/fs$1.ms"
	echo "$4" >>"$W/fs$1.rss"
	calls >>"$W/fs$1.calls"
	echo $(( $(emu_cpu) - c0 )) >>"$W/fs$1.emu"
	[ "$2" = 1 ] && put fs_n_$1 "$("$TD" list --all --json | jq length)"
	return 0
}

emu_start
for n in $SYNC_SIZES; do
	log "first sync of $n tasks"
	if [ "$n" -le 10000 ]; then
		# Each run on a fresh org: its push row needs unedited tasks.
		for run in $(seq 1 $FS_RUNS); do
			seed "$n"
			login
			first_sync "$n" $run
			ctl DELETE calls >/dev/null
			"$TD" sync --once >/dev/null
			calls >>"$W/idle.calls"
			"$BULK" "$TASKDECK_DB" 1000 >/dev/null || die "bulk-edit"
			ctl DELETE calls >/dev/null
			set -- $("$BT" -n 1 -w 0 -- "$TD" sync --once)
			echo "$1" >>"$W/push.ms"
			calls >>"$W/push.calls"
			calls composite >>"$W/push.composite"
		done
	else
		# A quiet org: the newest task is 15 days old (issue 19: every
		# poll used to reconcile then, 50 calls at 100k).
		seed "$n" 0 15
		login
		run=1
		while [ $run -le $FS_RUNS ]; do
			first_sync "$n" $run
			[ $run = $FS_RUNS ] ||
			    rm -f "$TASKDECK_DB" "$TASKDECK_DB-wal" "$TASKDECK_DB-shm"
			run=$((run + 1))
		done
		# The quiet poll, 3 times, on the cache of the last first sync.
		: >"$W/quiet.calls"
		: >"$W/quiet.ms"
		for run in 1 2 3; do
			ctl DELETE calls >/dev/null
			set -- $("$BT" -n 1 -w 0 -- "$TD" sync --once)
			echo "$1" >>"$W/quiet.ms"
			calls >>"$W/quiet.calls"
		done
		put quiet_calls_$n "$(pct "$W/quiet.calls" 50)"
		put quiet_max_$n "$(sort -n "$W/quiet.calls" | tail -1)"
		put quiet_ms_$n "$(pct "$W/quiet.ms" 50)"
		# The UI's first frame with sync on (the engine thread starts,
		# libcurl is loaded) and off, on the same synced cache: exec
		# until "Today (" is on the terminal (with sync on the exit
		# waits for the engine's first cycle, a poll, to stop), then
		# exec to exit.
		timed uisync_$n 5 -t -F 'Today (' -- "$TD" --first-frame-exit
		timed uisyncx_$n 5 -t -- "$TD" --first-frame-exit
		"$TD" sync --disable >/dev/null
		timed uioff_$n 5 -t -F 'Today (' -- "$TD" --first-frame-exit
		timed uioffx_$n 5 -t -- "$TD" --first-frame-exit
		"$TD" sync --enable >/dev/null
		rm -f "$TASKDECK_DB" "$TASKDECK_DB-wal" "$TASKDECK_DB-shm"
	fi
	put fs_ms_$n "$(pct "$W/fs$n.ms" 50)"
	put fs_rss_$n "$(pct "$W/fs$n.rss" 50)"
	put fs_calls_$n "$(pct "$W/fs$n.calls" 50)"
	put fs_emu_$n "$(pct "$W/fs$n.emu" 50)"
done
if row 5; then
	put idle_calls "$(pct "$W/idle.calls" 50)"
	put push_ms "$(pct "$W/push.ms" 50)"
	put push_calls "$(pct "$W/push.calls" 50)"
	put push_composite "$(pct "$W/push.composite" 50)"
fi

if row 6; then
	# 6: latency, with the UI running at the default settings (60 s
	# poll): isolated saves, each after a pause longer than the 1.85 s
	# within which saves share a cycle (doc/sync.md, "Coalescing saves";
	# a burst is row 9).
	log "latency, $LAT_N UI saves, $DOWN_N Salesforce changes"
	seed 12 1
	login
	export TASKDECK_DB="$W/lat.db"
	"$TD" config set sync.poll_interval 60 >/dev/null
	"$TD" sync --enable >/dev/null
	"$TD" sync --once >/dev/null
	ui_up() {
		tm new-session -d -x 120 -y 40 "env TASKDECK_DB='$TASKDECK_DB' '$TD'"
		i=0
		while ! tm capture-pane -p | grep -q 'Task 12' && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	}
	ui_up
	sf_done() {
		curl -s "$EMU/__sfemu/tasks" | grep -o '"Status": *"Completed"' | wc -l
	}
	: >"$W/lat.up"
	i=0
	while [ $i -lt "$LAT_N" ]; do
		sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", 1.9 + rand() }')"
		before=$(sf_done)
		t0=$(ms_now)
		tm send-keys x
		j=0
		while [ "$(sf_done)" = "$before" ] && [ $j -lt 2000 ]; do
			j=$((j + 1))
		done
		echo $(( $(ms_now) - t0 )) >>"$W/lat.up"
		i=$((i + 1))
	done
	# The UI saves above ran subscribed (C12) if the stream was on.
	put up_stream "$("$TD" status | sed -n 's/^streaming: *//p')"
	# Salesforce -> screen, at the default settings (60 s poll, 15 min
	# safety poll) while subscribed (C12): a change event starts the pull.
	tm send-keys q
	sleep 0.5
	tm kill-server >/dev/null 2>&1
	ui_up
	i=0
	while ! "$TD" status | grep -q '^streaming: *on' && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	put down_stream "$("$TD" status | sed -n 's/^streaming: *//p')"
	tok=$(ctl POST token '{}' | jq -r .access_token)
	tid=$(ctl GET tasks | jq -r '[.[] | select(.Subject == "Task 12")][0].Id')
	screen_done() {
		tm capture-pane -p | grep -c '\[x\]'
	}
	# Each change flips the task's status as Salesforce has it (the UI
	# saves above may have completed it: U9 moves x on), so every change
	# shows.  One not on screen within 10 s counts as missed, not as a
	# time (the loop's own time-out, 8.7 s, was once taken for a p99).
	sfst=$(ctl GET tasks | jq -r '[.[] | select(.Subject == "Task 12")][0].Status')
	: >"$W/lat.down"
	missed=0
	i=0
	while [ $i -lt "$DOWN_N" ]; do
		# A random pause, so changes do not lock onto a loop's phase.
		sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() }')"
		base=$(screen_done)
		if [ "$sfst" != Completed ]; then sfst=Completed want=$((base + 1))
		else sfst="Not Started" want=$((base - 1)); fi
		t0=$(ms_now)
		curl -s -X PATCH -H "Authorization: Bearer $tok" \
		    -H 'Content-Type: application/json' \
		    --data-binary "{\"Status\":\"$sfst\"}" \
		    "$EMU/services/data/v59.0/sobjects/Task/$tid" >/dev/null
		while [ "$(screen_done)" != "$want" ] &&
		    [ $(( $(ms_now) - t0 )) -lt 10000 ]; do
			:
		done
		if [ "$(screen_done)" = "$want" ]; then
			echo $(( $(ms_now) - t0 )) >>"$W/lat.down"
		else
			missed=$((missed + 1))
		fi
		i=$((i + 1))
	done
	put down_missed $missed
	tm send-keys q
	sleep 0.5
	tm kill-server >/dev/null 2>&1
	put up_p50 "$(pct "$W/lat.up" 50)"
	put up_p99 "$(pct "$W/lat.up" 99)"
	put down_p50 "$(pct "$W/lat.down" 50)"
	put down_p99 "$(pct "$W/lat.down" 99)"

	# 6: a save from another process (the CLI) with `sync --watch` syncing:
	# the CLI's commit wakes the engine (doc/sync.md, "Wake-up").  First
	# its idle CPU at the default poll interval, then CLI_N saves.
	"$TD" config set sync.poll_interval 60 >/dev/null
	"$TD" sync --watch >"$W/watch.out" 2>&1 &
	WATCH_PID=$!
	i=0
	while ! grep -q '^sync: idle' "$W/watch.out" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	log "sync --watch idle CPU, $IDLE_S s"
	# Nanoseconds on a CPU, every thread of the process (schedstat).
	run_ns() {
		cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { print s }'
	}
	sleep 2
	c0=$(run_ns $WATCH_PID)
	sleep "$IDLE_S"
	put idle_cpu "$(awk -v a="$c0" -v b="$(run_ns $WATCH_PID)" -v t="$IDLE_S" \
	    'BEGIN { printf "%.3f", (b - a) / 1e9 / t * 100 }')"
	log "latency, $CLI_N CLI saves under sync --watch"
	cid=$("$TD" list --all --json | jq -r '[.[] | select(.name == "Task 11")][0].id')
	cst=$("$TD" show "$cid" --json | jq -r .status)
	: >"$W/lat.cli"
	i=0
	while [ $i -lt "$CLI_N" ]; do
		# A random pause, so saves do not lock onto a loop's phase,
		# after the 1.85 s hold: isolated saves.
		sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", 1.9 + rand() }')"
		before=$(sf_done)
		if [ "$cst" = open ]; then cmd=done cst=complete
		else cmd=reopen cst=open; fi
		t0=$(ms_now)
		"$TD" $cmd "$cid" >/dev/null
		j=0
		while [ "$(sf_done)" = "$before" ] && [ $j -lt 2000 ]; do
			j=$((j + 1))
		done
		echo $(( $(ms_now) - t0 )) >>"$W/lat.cli"
		i=$((i + 1))
	done
	kill -TERM $WATCH_PID
	wait $WATCH_PID
	WATCH_PID=
	put cli_p50 "$(pct "$W/lat.cli" 50)"
	put cli_p99 "$(pct "$W/lat.cli" 99)"
fi
if row 9; then
	# 9: BURST_N completions made one at a time in the UI, 0.5 s apart
	# (on a schedule), default settings: API calls, save -> Salesforce
	# per save, and every one arriving.  "Home", then "x" each time: x
	# completes the row and moves to the next (U9), as a rep works.
	log "$BURST_N UI completions 0.5 s apart"
	seed "$BURST_N" 1
	login
	export TASKDECK_DB="$W/burst.db"
	"$TD" config set sync.poll_interval 60 >/dev/null
	"$TD" sync --enable >/dev/null
	"$TD" sync --once >/dev/null
	tm kill-server >/dev/null 2>&1
	tm new-session -d -x 120 -y 40 "env TASKDECK_DB='$TASKDECK_DB' '$TD'"
	tm_settle
	sleep 2
	sf_done() {
		curl -s "$EMU/__sfemu/tasks" | grep -o '"Status": *"Completed"' | wc -l
	}
	# A poller notes when sfemu's count of completed tasks moves.
	rm -f "$W/burst.stop"
	( while [ ! -f "$W/burst.stop" ]; do echo "$(ms_now) $(sf_done)"; done ) \
	    >"$W/burst.seen" &
	bpid=$!
	ctl DELETE calls >/dev/null
	: >"$W/burst.sent"
	tm send-keys Home
	t0=$(ms_now)
	i=1
	while [ $i -le "$BURST_N" ]; do
		echo "$(ms_now)" >>"$W/burst.sent"
		tm send-keys x
		due=$((t0 + i * 500))
		now=$(ms_now)
		[ "$now" -lt "$due" ] && sleep "$(awk -v d=$((due - now)) 'BEGIN { printf "%.3f", d / 1000 }')"
		i=$((i + 1))
	done
	i=0
	while [ "$(sf_done)" -lt "$BURST_N" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	touch "$W/burst.stop"
	wait $bpid
	put burst_calls "$(calls)"
	put burst_reached "$(sf_done)"
	put burst_local "$("$TD" list --all --json | jq '[.[] | select(.status != "open")] | length')"
	# Save k reached Salesforce when the count first reached k.
	awk 'NR == FNR { sent[FNR] = $1; n = FNR; next }
	    { while (k < n && $2 >= k + 1) { k++; print $1 - sent[k] } }' \
	    "$W/burst.sent" "$W/burst.seen" >"$W/burst.lat"
	put burst_p50 "$(pct "$W/burst.lat" 50)"
	put burst_p99 "$(pct "$W/burst.lat" 99)"
	tm send-keys q
	sleep 0.5
	tm kill-server >/dev/null 2>&1
fi
if row 11; then
	# 11: always on (issue 15).  An idle rep's REST calls while subscribed
	# (C12), measured over HAND_IDLE_S with the safety poll scaled to 5 s
	# and counted per day at the default 15 min; then the hand-over: two
	# `sync --watch` on one cache, the syncing one SIGKILLed, the time
	# until `status` names the other as the syncer (C11).
	log "idle API calls while subscribed, $HAND_IDLE_S s; hand-over, $HAND_N kills"
	seed 12 1
	login
	export TASKDECK_DB="$W/always.db"
	"$TD" sync --enable >/dev/null
	"$TD" sync --once >/dev/null
	"$TD" config set sync.safety_poll 5 >/dev/null
	"$TD" sync --watch >"$W/watch11.out" 2>&1 &
	WATCH_PID=$!
	i=0
	while ! "$TD" status | grep -q '^streaming: *on' && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	put idle_stream "$("$TD" status | sed -n 's/^streaming: *//p')"
	sleep 1
	ctl DELETE calls >/dev/null
	sleep "$HAND_IDLE_S"
	put idle_sub_calls "$(calls)"
	put idle_sub_cometd "$(ctl GET calls | jq '[to_entries[] |
	    select(.key | test("/cometd/")) | .value] | add // 0')"
	kill -TERM $WATCH_PID
	wait $WATCH_PID
	WATCH_PID=
	"$TD" config set sync.safety_poll 900 >/dev/null
	# syncer_pid: the pid `status` names as the syncer, or nothing.
	syncer_pid() {
		"$TD" status | sed -n 's/^syncer:.*pid \([0-9][0-9]*\).*/\1/p'
	}
	: >"$W/hand.ms"
	"$TD" sync --watch >/dev/null 2>&1 &
	pa=$!
	i=0
	while [ "$(syncer_pid)" != "$pa" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	n=0
	while [ $n -lt "$HAND_N" ]; do
		"$TD" sync --watch >/dev/null 2>&1 &
		pb=$!
		sleep 1		# the second one waits for the lock
		t0=$(ms_now)
		kill -KILL "$pa"
		wait "$pa" 2>/dev/null
		while [ "$(syncer_pid)" != "$pb" ] &&
		    [ $(( $(ms_now) - t0 )) -lt 10000 ]; do
			sleep 0.02
		done
		echo $(( $(ms_now) - t0 )) >>"$W/hand.ms"
		pa=$pb
		n=$((n + 1))
	done
	kill -TERM "$pa"
	wait "$pa" 2>/dev/null
	put hand_p50 "$(pct "$W/hand.ms" 50)"
	put hand_max "$(pct "$W/hand.ms" 100)"
fi
kill "$EMU_PID" 2>/dev/null
wait "$EMU_PID" 2>/dev/null
EMU_PID=

# 7: sfemu throughput (make bench-sfemu's program).
if row 7; then
	log "sfemu throughput"
	BENCH_SECONDS=3 TD_BUILDDIR=$TD_BUILDDIR \
	    "$TD_BUILDDIR/tests/bench/bench-sfemu" >"$W/sfemu.out" 2>&1
	put emu_query "$(sed -n 's/^query.* \([0-9][0-9]*\) requests.*/\1/p' "$W/sfemu.out")"
	put emu_patch "$(sed -n 's/^PATCH.* \([0-9][0-9]*\) requests.*/\1/p' "$W/sfemu.out")"
fi

# 8: import --seed of N reminders into a new cache, one transaction
# (issue 13, finding 14), three runs per size.
if row 8; then
for IMPORT_N in $IMPORT_SIZES; do
	log "import --seed of $IMPORT_N reminders"
	awk -v n="$IMPORT_N" 'BEGIN {
	    printf "{\"users\": [{\"key\": \"rep\", \"Name\": \"Dana\"}],"
	    printf " \"tasks\": ["
	    for (i = 1; i <= n; i++) {
		printf "%s{\"Subject\":\"Task %d\",\"Owner\":\"rep\",", \
		    (i > 1 ? "," : ""), i
		printf "\"ActivityDate\":%d,\"Priority\":\"%s\",", \
		    (i % 60) - 30, (i % 10 ? "Normal" : "High")
		printf "\"Description\":\"Discussed pricing\"}"
	    }
	    printf "]}\n" }' >"$W/import.json"
	: >"$W/import.ms"
	: >"$W/import.cpu"
	: >"$W/import.rss"
	for run in 1 2 3; do
		idb=$W/import$run.db
		set -- $("$BT" -n 1 -w 0 -- "$TD" --db "$idb" import --seed \
		    "$W/import.json")
		[ $# -ge 5 ] || die "import --seed failed"
		echo "$1" >>"$W/import.ms"
		echo "$2" >>"$W/import.rss"
		echo "$5" >>"$W/import.cpu"
		[ "$run" = 1 ] && put import_n_$IMPORT_N \
		    "$(TASKDECK_DB=$idb "$TD" list --all --json | jq length)"
		rm -f "$idb" "$idb-wal" "$idb-shm"
	done
	put import_ms_$IMPORT_N "$(pct "$W/import.ms" 50)"
	put import_rss_$IMPORT_N "$(pct "$W/import.rss" 50)"
	put import_cpu_$IMPORT_N "$(pct "$W/import.cpu" 50)"
done
fi

# --- the table -------------------------------------------------------------
# met VALUE OP LIMIT: "met" or "missed".
met() {
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { if (a == "-") print "-";
	    else if ((op == "<" && a + 0 < b + 0) || (op == "<=" && a + 0 <= b + 0) ||
	    (op == ">=" && a + 0 >= b + 0)) print "met"; else print "**missed**" }'
}
fmt() {
	awk -v a="$1" 'BEGIN { if (a == "-") print "-"; else if (a + 0 >= 100)
	    printf "%.0f\n", a; else printf "%.1f\n", a }'
}
mb() {
	awk -v a="$1" 'BEGIN { if (a == "-") print "-"; else printf "%.1f MB\n",
	    a / 1024 }'
}
# wc KEY: "wall ms (CPU ms)".
wc2() {
	echo "$(fmt "$(get "$1")") ms (CPU $(fmt "$(get "${1}_cpu")"))"
}
# wct KEY: "wall ms (CPU ms); TZ=UTC: wall ms".
wct() {
	_tz=$(echo "$1" | sed 's/_\([0-9]*\)$/_tz_\1/')
	echo "$(wc2 "$1"); TZ=UTC: $(fmt "$(get "$_tz")") ms"
}
# rrt A B: rr, then the wall ratio of the TZ=UTC figures.
rrt() {
	_a=$(echo "$1" | sed 's/_\([0-9]*\)$/_tz_\1/')
	_b=$(echo "$2" | sed 's/_\([0-9]*\)$/_tz_\1/')
	echo "$(rr "$1" "$2"); TZ=UTC: $(ratio "$(get "$_a")" "$(get "$_b")")×"
}
# rr A B: "wall ratio× (CPU ratio×)".
rr() {
	echo "$(ratio "$(get "$1")" "$(get "$2")")× (CPU $(ratio "$(get "${1}_cpu")" "$(get "${2}_cpu")")×)"
}
# verdict A B OP LIMIT: judged on the wall ratio; says so when only the
# CPU ratio meets it (a loaded machine stretches wall times unevenly).
verdict() {
	_w=$(met "$(ratio "$(get "$1")" "$(get "$2")")" "$3" "$4")
	_c=$(met "$(ratio "$(get "${1}_cpu")" "$(get "${2}_cpu")")" "$3" "$4")
	if [ "$_w" = met ] || [ "$_c" != met ]; then echo "$_w"
	else echo "missed on wall time, met on CPU time"; fi
}
# cap TOOL SIZE LIMIT: when even the floor is not LIMIT times faster than
# TOOL at SIZE, says so: no program that starts a process and runs the
# same query can beat the floor, so the target is out of reach there.
cap() {
	_f=$(ratio "$(get "${1}_$2")" "$(get "floor_$2")")
	[ "$(met "$_f" '>=' "$3")" = met ] || echo " (bound: the floor itself is ${_f}× faster)"
}
big=$(echo $SIZES | awk '{ print $NF }')
mid=100000
echo " $SIZES " | grep -q ' 100000 ' || mid=$big
first=$(echo $SIZES | awk '{ print $1 }')
TABLE=$W/table.md
{
echo "| # | measure | cache / tasks | taskdeck | compared with | ratio | target | |"
echo "|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
	echo "| 1 | start-up: exec → first full frame ($(get runs_$n) runs) | $n | $(wc2 start_$n), RSS $(mb "$(get start_${n}_rss)") | | | < 30 ms and < 16 MB at 100k | $( [ "$n" = 100000 ] && { a=$(met "$(get start_$n)" '<' 30); b=$(met "$(get start_${n}_rss)" '<' 16384); [ "$a$b" = metmet ] && echo met || echo "time $a, RSS $b"; } ) |"
done
for n in $SIZES; do
	echo "| 1 | first key after start-up: exec → first frame → whole list loaded → \`j\` answered → \`q\` ($(get runs_$n) runs) | $n | $(wc2 key_$n) | first frame alone $(fmt "$(get start_$n)") ms | $(awk -v a="$(get key_$n)" -v b="$(get start_$n)" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%+.1f", (a - b > -0.05 && a - b < 0.05) ? 0 : a - b }') ms | | |"
done
if row 1 && [ "$first" = 1000 ]; then
	g=$(ratio "$(get start_$big)" "$(get start_$first)")
	echo "| 1 | start-up growth $first → $big (×$(awk -v a=$big -v b=$first 'BEGIN { print a / b }') reminders) | | ×$g time | log₁₀ growth: ×$(awk -v a=$big -v b=$first 'BEGIN { printf "%.1f", log(a) / log(b) }') | | no worse than logarithmic | $(met "$g" '<=' "$(awk -v a=$big -v b=$first 'BEGIN { print log(a) / log(b) }')") |"
fi
if row 1; then
	echo "| 1 | first frame = the screen once the whole list is loaded and keys answered (tmux check, 80x24) | 10000 | $(get ffcheck) | | | the same screen | $( [ "$(get ffcheck)" = yes ] && echo met || echo '**missed**') |"
fi
for n in $SIZES; do
	echo "| 2 | \`list --today\` ($(get rows_$n) rows, $(get runs_$n) runs); the floor runs the same two statements: same rows | $n | $(wct list_$n) | floor $(wct floor_$n) | $(rrt list_$n floor_$n) | ≤ 1.5× floor | $(verdict list_$n floor_$n '<=' 1.5) |"
	if [ "$(get tw_$n)" != - ]; then
		echo "| 2 | vs taskwarrior ($(get truns_$n) runs): taskdeck \`list --today\` ($(get rows_$n) rows) asked for overdue + today's reminders, taskwarrior \`task due.before:tomorrow list\` ($(get twrows_$n) rows) for *pending* tasks due before tomorrow: a different question (taskdeck also lists today's done ones); the open rows are the same: $(get twsame_$n) | $n | $(wct list_$n) | taskwarrior $(wct tw_$n) | $(rrt tw_$n list_$n) faster | ≥ 40× | $(verdict tw_$n list_$n '>=' 40)$(cap tw $n 40) |"
		echo "| 2 | vs calcurse, the same question ($(get truns_$n) runs): taskdeck \`list --tomorrow\` ($(get listtrows_$n) rows), calcurse \`-d MM/DD/YYYY\` (tomorrow's events, $(get cctrows_$n) rows); same rows: $(get cctsame_$n); calcurse's file as calcurse saved it ($(get ccown_${n}) after its save) | $n | $(wct listt_$n) | calcurse $(wct cct_$n) | $(rrt cct_$n listt_$n) faster | ≥ 6× | $(verdict cct_$n listt_$n '>=' 6) |"
		echo "| 2 | vs calcurse, the nearest question ($(get truns_$n) runs): taskdeck \`list\` (overdue, today, tomorrow: $(get listdrows_$n) rows), calcurse \`-d 2\` (today + tomorrow, $(get ccrows_$n) rows): calcurse has no overdue, so not the same rows | $n | $(wct listd_$n) | calcurse $(wct cc_$n) | $(rrt cc_$n listd_$n) faster | | |"
	fi
done
for n in $SIZES; do
	echo "| 3 | \`done ID\` (9 runs); the floor sets the same status on the same kind of row, without taskdeck's outbox entry | $n | $(wc2 done_$n) | floor UPDATE $(wc2 fdone_$n) | $(rr done_$n fdone_$n) | ≤ 1.5× floor | $(verdict done_$n fdone_$n '<=' 1.5) |"
done
for n in $SYNC_SIZES; do
	min=$(( (n + 1999) / 2000 ))
	echo "| 4 | first sync ($FS_RUNS runs) | $n | $(awk -v a="$(get fs_ms_$n)" 'BEGIN { printf "%.1f s", a / 1000 }'), RSS $(mb "$(get fs_rss_$n)"), $(get fs_calls_$n) calls; sfemu CPU $(awk -v a="$(get fs_emu_$n)" 'BEGIN { printf "%.1f s", a / 100 }') | minimum $min query pages | $(ratio "$(get fs_calls_$n)" $min)× | calls at minimum | $(met "$(get fs_calls_$n)" '<=' $min) |"
done
for n in $SYNC_SIZES; do
	[ "$(get uisync_$n)" = - ] && continue
	echo "| 4 | UI with sync on (the engine thread starts, libcurl is loaded) vs off, on the synced cache (5 runs): exec → first frame on the terminal; exec → exit beside it (with sync on the exit waits for the first cycle, a poll) | $n | on: $(fmt "$(get uisync_$n)") ms (exit $(fmt "$(get uisyncx_$n)") ms, CPU $(fmt "$(get uisync_${n}_cpu)")), RSS $(mb "$(get uisync_${n}_rss)") | off: $(fmt "$(get uioff_$n)") ms (exit $(fmt "$(get uioffx_$n)") ms, CPU $(fmt "$(get uioff_${n}_cpu)")), RSS $(mb "$(get uioff_${n}_rss)") | $(rr uisync_$n uioff_$n) | < 30 ms and < 16 MB at 100k | $( a=$(met "$(get uisync_$n)" '<' 30); b=$(met "$(get uisync_${n}_rss)" '<' 16384); [ "$a$b" = metmet ] && echo met || echo "time $a, RSS $b") |"
	echo "| 5 | idle poll on a quiet org (newest task 15 days old), 3 polls | $n | $(get quiet_calls_$n) API call (most $(get quiet_max_$n)), $(fmt "$(get quiet_ms_$n)") ms | minimum 1 | $(ratio "$(get quiet_max_$n)" 1)× | 1 call always | $(met "$(get quiet_max_$n)" '<=' 1) |"
done
if row 5; then
	echo "| 5 | idle poll ($FS_RUNS runs) | 10000 | $(get idle_calls) API call | minimum 1 | $(ratio "$(get idle_calls)" 1)× | calls at minimum | $(met "$(get idle_calls)" '<=' 1) |"
	echo "| 5 | push 1,000 local edits (3 runs) | 10000 | $(fmt "$(get push_ms)") ms, $(get push_composite) composite + $(( $(get push_calls) - $(get push_composite) )) query calls | minimum 5 composite | $(ratio "$(get push_composite)" 5)× | calls at minimum | $(met "$(get push_composite)" '<=' 5) |"
	polls=$(( 86400 / 60 * $(get idle_calls) ))
	echo "| 5 | a day's API use, default 60 s poll, idle | | $polls calls | budget 10% of 15,000 = 1,500 | $(awk -v a=$polls 'BEGIN { printf "%.0f%%", a * 100 / 1500 }') of budget | within the share (C10) | $(met $polls '<=' 1500) |"
fi
if row 6; then
echo "| 6 | local save (UI \`x\`) → in sfemu, default settings (60 s poll; streaming: $(get up_stream)), isolated saves ($LAT_N changes); a real org adds 2 round trips per save (a pull, then the push) | 12 | p50 $(get up_p50) ms, p99 $(get up_p99) ms | | | p50 < 300 ms | $(met "$(get up_p50)" '<' 300) |"
echo "| 6 | sfemu change → on the UI screen, default settings (60 s poll, 15 min safety poll) while subscribed (C12; streaming: $(get down_stream)), $DOWN_N changes | 12 | p50 $(get down_p50) ms, p99 $(get down_p99) ms; $(get down_missed) not on screen within 10 s | | | p50 ≤ 1 s, p99 ≤ 3 s, none missed | $( a=$(met "$(get down_p50)" '<=' 1000); b=$(met "$(get down_p99)" '<=' 3000); [ "$a$b" = metmet ] && [ "$(get down_missed)" = 0 ] && echo met || echo "p50 $a, p99 $b, $(get down_missed) missed") |"
echo "| 6 | \`sync --watch\` idle, 60 s poll, CPU over $IDLE_S s | 12 | $(get idle_cpu)% of a core | | | not seen in top (< 0.3%) | $(met "$(get idle_cpu)" '<' 0.3) |"
echo "| 6 | CLI save (\`done\`/\`reopen\`, another process) → in sfemu, \`sync --watch\`, default settings, isolated saves ($CLI_N changes); a real org adds the same 2 round trips | 12 | p50 $(get cli_p50) ms, p99 $(get cli_p99) ms | | | p50 < 300 ms | $(met "$(get cli_p50)" '<' 300) |"
fi
if row 7; then
echo "| 7 | sfemu: 200-record query page, 8 clients | 2000 | $(get emu_query) req/s | | | | |"
echo "| 7 | sfemu: single-record PATCH, 8 clients | 2000 | $(get emu_patch) req/s | | | | |"
fi
for IMPORT_N in $IMPORT_SIZES; do
	row 8 || break
	echo "| 8 | \`import --seed\` into a new cache, one transaction (3 runs) | $IMPORT_N | $(awk -v a="$(get import_ms_$IMPORT_N)" 'BEGIN { printf "%.2f s", a / 1000 }') (CPU $(awk -v a="$(get import_cpu_$IMPORT_N)" 'BEGIN { printf "%.2f s", a / 1000 }')), RSS $(mb "$(get import_rss_$IMPORT_N)"); $(get import_n_$IMPORT_N) imported | | | all or nothing, one commit | $( [ "$(get import_n_$IMPORT_N)" = "$IMPORT_N" ] && echo met || echo '**missed**') |"
done
if row 9; then
	echo "| 9 | $BURST_N completions made one at a time in the UI, 0.5 s apart (\`Home\`, then \`x\` each: U9 moves on), default settings: API calls; save → in sfemu per save; C4: the pull still precedes every push (tests/sync/test-sync-burst.sh) | $BURST_N | $(get burst_calls) calls; p50 $(get burst_p50) ms, p99 $(get burst_p99) ms; $(get burst_reached) of $BURST_N in sfemu, $(get burst_local) done locally | a pull and a push per save: $((2 * BURST_N)) calls | $(ratio "$(get burst_calls)" $((2 * BURST_N)))× | ≤ $((BURST_N * 60 / 100)) calls, p50 < 1 s, all arrive | $( a=$(met "$(get burst_calls)" '<=' $((BURST_N * 60 / 100))); b=$(met "$(get burst_p50)" '<' 1000); [ "$a$b" = metmet ] && [ "$(get burst_reached)" = "$BURST_N" ] && echo met || echo "calls $a, p50 $b, $(get burst_reached) arrived") |"
fi
if row 10; then
	echo "| 10 | bytes written to the terminal in an idle minute ($QUIET_S s with no key, scaled) | 10000 | $(get bytes_td_min) B | calcurse: $(get bytes_cc_min) B | | | |"
	echo "| 10 | bytes written to the terminal per cursor move (\`j\`/\`k\` alternately, 20 moves, 80x24, tmux pipe-pane) | 10000 | $(get bytes_td) B | calcurse, its appointments panel on the same reminders: $(get bytes_cc) B (less $(get bytes_cc_idle) B it wrote in as long without a key: its clock) | $(ratio "$(get bytes_td)" "$(get bytes_cc)")× | ≤ 128 B | $(met "$(get bytes_td)" '<=' 128) |"
fi
if row 11; then
	day=$(awk -v c="$(get idle_sub_calls)" -v t="$HAND_IDLE_S" 'BEGIN {
	    printf "%.0f", c / (t / 5) * 86400 / 900 }')
	echo "| 11 | an idle rep's REST API calls a day while subscribed (C12; streaming: $(get idle_stream)): $(get idle_sub_calls) calls in $HAND_IDLE_S s with the safety poll scaled to 5 s, counted at the default 15 min; CometD requests meanwhile: $(get idle_sub_cometd) (idle, one connect per 110 s hold, against the org's streaming allocations, not its API requests) | 12 | $day calls a day | polling every 60 s: 1,440 | $(ratio "$day" 1440)× | ≤ 100 | $(met "$day" '<=' 100) |"
	echo "| 11 | hand-over: the syncing \`sync --watch\` SIGKILLed, until \`status\` names the waiting one as the syncer (C11; $HAND_N kills) | 12 | p50 $(get hand_p50) ms, worst $(get hand_max) ms | | | ≤ 2 s | $(met "$(get hand_max)" '<=' 2000) |"
fi
} >"$TABLE"
if [ -n "${BENCH_ROWS:-}" ]; then
	# Only the rows measured.
	awk -v rows=" $ROWS " 'NR <= 2 || index(rows, " " $2 " ")' "$TABLE" \
	    >"$TABLE.rows" && mv "$TABLE.rows" "$TABLE"
fi
cat "$TABLE"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
sqlv=$(pkg-config --modversion sqlite3 2>/dev/null || sqlite3 --version | cut -d' ' -f1)
ccv=$(${CC:-cc} --version | head -1)
if [ -n "${BENCH_ROWS:-}" ]; then
	# A re-measure: the rows named replace theirs in the existing doc,
	# the others stay, and a line above the table says what was redone.
	if [ "$DOC" != /dev/null ] && [ -f "$DOC" ]; then {
	awk '/^\| # \|/ { exit } { print }' "$DOC"
	echo "Rows $ROWS were re-measured on $(date -u '+%Y-%m-%d %H:%M UTC')" \
	    "(\`BENCH_ROWS='$ROWS' make bench\`, load average $LOAD_START)."
	echo
	head -2 "$TABLE"
	for n in 1 2 3 4 5 6 7 8 9 10 11; do
		if row $n; then
			grep "^| $n |" "$TABLE"
		else
			grep "^| $n |" "$DOC"
		fi
	done
	cat "$TD_SRCDIR/tests/bench/performance-notes.md"
	} >"$W/doc.new" && cp "$W/doc.new" "$DOC" && log "updated $DOC"; fi
	exit 0
fi
{
cat <<EOF
# Performance

Written by \`make bench\` (tests/bench/bench.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); $(( $(date +%s) - T_START )) s in all.
Do not edit by hand: re-run \`make bench\`.

Machine: $cpu, $(nproc) cores, $ram RAM, Linux $(uname -r),
Debian $(cat /etc/debian_version 2>/dev/null), $ccv (CFLAGS ${TD_CFLAGS:-unknown}), SQLite $sqlv,
taskwarrior $(task --version 2>/dev/null), $(calcurse --version 2>/dev/null | head -1 | cut -d' ' -f1-2).
Load average at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)
(the benchmark's own load included).  $(awk -v l="${LOAD_START%% *}" 'BEGIN {
    if (l + 0 > 0.7) print "The machine was shared with other work: absolute times are noisy; the ratios compare figures taken in the same run."
    else print "Nothing else ran: the figures are from a quiet machine." }')

EOF
cat "$TABLE"
cat "$TD_SRCDIR/tests/bench/performance-notes.md"
} >"$DOC"
[ "$DOC" = /dev/null ] || log "wrote $DOC"
