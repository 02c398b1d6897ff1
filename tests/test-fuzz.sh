#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# A short smoke run of every libFuzzer target over its seed corpus (which
# holds the inputs of past findings): any crash, sanitizer report or broken
# invariant fails the test.  `make fuzz` runs them for long; the targets
# and their figures are in doc/reliability.md, "Fuzzing".
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

# name, runs, rules: sfemu's handlers are slower (an SQLite org per input).
while read -r name runs rules what; do
	bin="$TD_BUILDDIR/tests/fuzz/fuzz-$name"
	seed="$TD_SRCDIR/tests/fuzz/corpus/$name"
	[ "$name" = soql ] && seed="$TD_SRCDIR/tests/sfemu/soql-corpus"
	mkdir -p "$TMP/$name"
	"$bin" -runs="$runs" -max_len=4096 -seed=1 "$TMP/$name" "$seed" \
	    >"$TMP/$name.log" 2>&1
	st=$?
	[ $st -eq 0 ] || sed 's/^/# /' "$TMP/$name.log" | tail -30
	ok $st "$rules fuzz smoke: $what, $runs inputs, no finding"
done <<'LIST'
config 20000 B1,B4 the settings-file parser
input 20000 B1,B2 the user-input parsers
soql 20000 B1,E1 sfemu's SOQL parser
page 20000 B1 the query-page parser
token 20000 B1,A2 the OAuth answer parsers and instance check
error 20000 B1,C8 the error-body and header parsers
results 20000 B1,C8 the composite-result parser
sfemu-body 5000 B1,E1 sfemu's request-body handlers
LIST
done_testing
