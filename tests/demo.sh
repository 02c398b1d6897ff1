#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The built-in demo (README's first command): sfemu --demo on a free
# loopback port, a throwaway profile logged in to it through the real OAuth
# device flow, sync switched on, then the command center.  A colleague
# changes a task in "Salesforce" every 20-40 s, so reminders arrive and
# change live.  Quitting stops sfemu and removes everything.
# In the user's language (U10): TASKDECK_DEMO_LANG=de (es, it, sv, zh_TW,
# en) or the locale picks the demo org's data and the UI's language.
# Usage: demo.sh BUILDDIR
set -eu
builddir=$1
td="$builddir/src/taskdeck"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/taskdeck-demo.XXXXXX")
emu_pid=""
cleanup() {
	[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
	XDG_STATE_HOME="$tmp/state"

# wait_for FILE PATTERN: up to 10 s for PATTERN to appear in FILE.
wait_for() {
	i=0
	until grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			echo "demo: timed out waiting for $2 in $1" >&2
			cat "$1" "$tmp"/*.err >&2 2>/dev/null || true
			exit 1
		fi
		sleep 0.05
	done
}
ctl() {
	curl -sS -X POST -H 'Content-Type: application/json' \
	    --data-binary "$2" "$emu/__sfemu/$1" >/dev/null
}

# The language (U10): TASKDECK_DEMO_LANG (de, es, it, sv, zh_TW; en), else
# the user's locale.  The demo org's data in that language
# (data/demo-seed.LL.json) when there is one, and the command center in
# that locale (generated with localedef under $tmp if the system lacks it).
src=$(cd "$(dirname "$0")/.." && pwd)
lang=${TASKDECK_DEMO_LANG:-}
if [ -z "$lang" ]; then
	lang=${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}
	case $lang in
	zh_TW*|zh_HK*) lang=zh_TW ;;
	de*|es*|it*|sv*) lang=$(printf '%.2s' "$lang") ;;
	*) lang=en ;;
	esac
else
	case $lang in
	de) loc=de_DE ;; es) loc=es_ES ;; it) loc=it_IT ;; sv) loc=sv_SE ;;
	zh_TW) loc=zh_TW ;;
	en|C) loc=C ;;
	*) echo "demo: TASKDECK_DEMO_LANG=$lang: use de, es, it, sv, zh_TW or en" >&2
	   exit 1 ;;
	esac
	if [ "$loc" = C ]; then
		LC_ALL=C.UTF-8
	else
		LC_ALL=$loc.UTF-8
		lp=$(sh "$src/tests/mklocale.sh" "$tmp/locpath" "$LC_ALL")
		[ -z "$lp" ] || export LOCPATH="$lp"
	fi
	export LC_ALL
	unset LANGUAGE
fi
seed=$src/data/demo-seed.json
[ -f "$src/data/demo-seed.$lang.json" ] && seed=$src/data/demo-seed.$lang.json

"$builddir/src/sfemu/sfemu" --demo --seed "$seed" --port 0 --print-port \
    --db "$tmp/sfemu.db" >"$tmp/port" 2>"$tmp/emu.err" &
emu_pid=$!
wait_for "$tmp/port" '[0-9]'
emu="http://127.0.0.1:$(head -1 "$tmp/port")"
# A quick device-flow poll, and an org allocation (Enterprise-sized) that
# lets the 5-second poll below run unstretched by the API budget (C10).
ctl settings '{"device_interval": 1}'
ctl limits '{"limit": 1000000}'

# Log in as the rep, Dana, exactly as a user would: taskdeck shows a URL
# and a code; here the "browser" approval goes through sfemu's control API.
# The script reads the code from the English text, whatever the demo's
# language (LC_ALL=C.UTF-8, LANGUAGE unset, for this one command).
(unset LOCPATH; LC_ALL=C.UTF-8 LANGUAGE= exec "$td" login --instance "$emu" \
    --client-id taskdeck-demo) >"$tmp/login.out" 2>"$tmp/login.err" &
login_pid=$!
wait_for "$tmp/login.out" 'code:'
code=$(sed -n 's/.*code: *//p' "$tmp/login.out" | head -1)
ctl device/approve "{\"user_code\": \"$code\", \"user\": \"rep\"}"
wait "$login_pid"

# Import everything the demo org holds (the default window is 24 h), poll
# every 5 s, and switch sync on: this is T0.
"$td" config set sync.first_import_window all
"$td" config set sync.poll_interval 5
"$td" config set sync.enabled true
"$td"
