#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
#
# A small command line over sfemu's control API (doc/sfemu.md), for people
# poking at a running emulator by hand:
#   sfemu-ctl.sh [-p PORT] reset
#   sfemu-ctl.sh [-p PORT] seed FILE.json
#   sfemu-ctl.sh [-p PORT] clock [+SECONDS | ISO-DATE-TIME]
#   sfemu-ctl.sh [-p PORT] approve USER_CODE [USER]
#   sfemu-ctl.sh [-p PORT] limits [LIMIT [USAGE]]
#   sfemu-ctl.sh [-p PORT] fault METHOD PATH KIND [COUNT [STATUS]]
#   sfemu-ctl.sh [-p PORT] expire | tasks | calls | token [USER] | demo-step
port=${SFEMU_PORT:-8383}
if [ "$1" = -p ]; then port=$2; shift 2; fi
base=http://127.0.0.1:$port/__sfemu
post() { curl -sS -X POST -H 'Content-Type: application/json' \
	${2:+--data-binary "$2"} "$base/$1"; echo; }
get() { curl -sS "$base/$1"; echo; }
cmd=$1; [ $# -gt 0 ] && shift
case $cmd in
reset|demo-step) post "$cmd" ;;
seed) post seed "@$1" ;;
clock)
	case $1 in
	'') get clock ;;
	+*) post clock "{\"advance_seconds\":${1#+}}" ;;
	*) post clock "{\"set\":\"$1\"}" ;;
	esac ;;
approve) post device/approve "{\"user_code\":\"$1\"${2:+,\"user\":\"$2\"}}" ;;
limits)
	if [ -z "$1" ]; then get limits
	else post limits "{\"limit\":$1${2:+,\"usage\":$2}}"; fi ;;
fault) post faults "{\"method\":\"$1\",\"path\":\"$2\",\"kind\":\"$3\",\"count\":${4:-1},\"status\":${5:-503}}" ;;
expire) post expire-sessions ;;
tasks|calls) get "$cmd" ;;
token) post token "{${1:+\"user\":\"$1\"}}" ;;
*) sed -n 's/^#   //p' "$0" >&2; exit 2 ;;
esac
