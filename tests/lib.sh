# taskdeck - SPDX-License-Identifier: ISC
# Shell helpers for TAP tests: sourced by tests/test-*.sh.
# Each test runs against a throwaway profile in its own temporary directory.

: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
TASKDECK="$TD_BUILDDIR/src/taskdeck"
SFEMU="$TD_BUILDDIR/src/sfemu/sfemu"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/td-test.XXXXXX")
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" \
	XDG_STATE_HOME="$TMP/state" HOME="$TMP/home"
unset TASKDECK_DB NO_COLOR
export TZ=UTC LC_ALL=C.UTF-8
mkdir -p "$HOME"
# TD_VALGRIND=1 (make check-valgrind): every taskdeck the test runs goes
# through valgrind memcheck, one log per process; done_testing checks them.
if [ -n "${TD_VALGRIND:-}" ]; then
	mkdir -p "$TMP/vg"
	cat >"$TMP/vg/taskdeck" <<VG
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \\
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \\
    --log-file="$TMP/vg/log.%p" "$TASKDECK" "\$@"
VG
	chmod +x "$TMP/vg/taskdeck"
	TASKDECK="$TMP/vg/taskdeck"
fi
CACHE="$XDG_DATA_HOME/taskdeck/cache.db"

tap_n=0
tap_failed=0
cleanup_hooks=""
trap 'for h in $cleanup_hooks; do $h; done; rm -rf "$TMP"' EXIT

# need_tools TOOL...: bails out (never skips) if a tool is missing.
need_tools() {
	for _t in "$@"; do
		if ! command -v "$_t" >/dev/null 2>&1; then
			echo "Bail out! $_t is not installed (sh run.sh test" \
			    "installs it)"
			exit 1
		fi
	done
}

# ok COND-STATUS DESCRIPTION: pass if the status is 0.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2" |
		    sed '3,$s/^/#   /'
	fi
}

# td ARGS...: runs taskdeck, capturing stdout in $out, stderr in $err,
# and the exit code in $rc.
td() {
	"$TASKDECK" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

done_testing() {
	if [ -n "${TD_VALGRIND:-}" ]; then
		_vg_n=$(find "$TMP/vg" -name 'log.*' | wc -l)
		_vg_bad=$(find "$TMP/vg" -name 'log.*' -size +0 | wc -l)
		find "$TMP/vg" -name 'log.*' -size +0 -exec sed 's/^/# /' {} +
		[ "$_vg_n" -gt 0 ] && [ "$_vg_bad" -eq 0 ]
		ok $? "valgrind: no memory error or leak in $_vg_n runs"
	fi
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# Translations (U10): the tests speak English whatever LANGUAGE the
# developer has set (glibc honours LANGUAGE under C.UTF-8).
unset LANGUAGE

# A sanitizer build: glibc's own leak when LOCPATH is set (the language
# tests generate locales into one) is not ours (tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$(cd "$TD_SRCDIR" && pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
