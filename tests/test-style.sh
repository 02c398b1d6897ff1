#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# STYLE.md's include rules, proven with grep (TAP): each library header is
# included only by the module that owns it.
top=${1:-${TD_SRCDIR:-$(dirname "$0")/..}}
. "$top/tests/lib.sh"
cd "$top/src" || exit 1

# only HEADER FILE-PATTERN DESCRIPTION: no other src file includes HEADER
# (paths relative to src/; the emulator's files are under sfemu/).
only() {
	bad=$(grep -l "#include <$1>" *.c *.h sfemu/*.c sfemu/*.h 2>/dev/null |
	    grep -v -E "^($2)\$" | tr '\n' ' ')
	is "$bad" "" "$3"
}
only "sqlite3.h" "store(-[a-z]+)*\.[ch]|sfemu/sfemu(-[a-z]+)*\.[ch]" \
    "only store*.c and sfemu include sqlite3.h"
only "curl/curl.h" "sf-http\.[ch]" "only sf-http.c includes curl"
only "curses.h" "ui(-[a-z]+)?\.[ch]" "only ui*.c include curses"
only "ncursesw/curses.h" "ui(-[a-z]+)?\.[ch]" "only ui*.c include ncursesw"
only "cjson/cJSON.h" "task-json\.c|sf-json\.[ch]|sfemu/sfemu(-[a-z]+)*\.[ch]" \
    "cJSON stays in task-json.c, sf-json.c and sfemu"
only "microhttpd.h" "sfemu/sfemu(-[a-z]+)*\.[ch]" \
    "only sfemu includes microhttpd"
# Every C file opens with the licence line.
bad=$(for f in *.c *.h sfemu/*.c sfemu/*.h; do
    head -1 "$f" | grep -q SPDX-License-Identifier || printf '%s ' "$f"; done)
is "$bad" "" "every source file opens with a licence line"
done_testing
