#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# A short smoke run of every libFuzzer target over its seed corpus: any
# crash, sanitizer report or broken invariant fails the test.  `make fuzz`
# runs them for long.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

for name in config input soql; do
	bin="$TD_BUILDDIR/tests/fuzz/fuzz-$name"
	seed="$TD_SRCDIR/tests/fuzz/corpus/$name"
	[ "$name" = soql ] && seed="$TD_SRCDIR/tests/sfemu/soql-corpus"
	mkdir -p "$TMP/$name"
	"$bin" -runs=20000 -max_len=4096 -seed=1 "$TMP/$name" "$seed" \
	    >"$TMP/$name.log" 2>&1
	st=$?
	[ $st -eq 0 ] || sed 's/^/# /' "$TMP/$name.log" | tail -30
	ok $st "B1 B4 fuzz smoke: $name parser survives 20,000 inputs"
done
done_testing
