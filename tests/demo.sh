#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The built-in demo: a throwaway profile holding the demo reminders, then
# the command center.  Everything is removed on exit.  Usage: demo.sh BUILDDIR
set -eu
builddir=$1
srcdir=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/taskdeck-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
	XDG_STATE_HOME="$tmp/state"
"$builddir/src/taskdeck" import --seed "$srcdir/data/demo-seed.json" >/dev/null
"$builddir/src/taskdeck"
