#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Issue 18 (TAP): the demo org exists in each catalogue's language,
# data/demo-seed.LANG.json, and is the same org as data/demo-seed.json:
# the same paths (keys, array lengths) and the same values everywhere but
# the human text (names, subjects, descriptions), Subjects within
# Salesforce's 255 characters on one line, and the real taskdeck imports
# as many reminders from it as from the English seed.
. "$(dirname "$0")/lib.sh"
need_tools jq

en="$TD_SRCDIR/data/demo-seed.json"
# Every scalar's path and value, the human-text fields' values masked,
# then every array's path and length.
shape() {
	jq -c '[paths(scalars) as $p | [$p, (getpath($p) | tostring)]] |
	    map(if (.[0] | map(tostring) | join(".") | test("^(" +
	        "accounts\\.[0-9]+\\.Name|" +
	        "contacts\\.[0-9]+\\.(FirstName|LastName)|" +
	        "leads\\.[0-9]+\\.(FirstName|LastName|Company)|" +
	        "tasks\\.[0-9]+\\.(Subject|Description))$"))
	        then [.[0], "<text>"] else . end) | .[]' "$1" &&
	jq -c 'path(..) as $p | select(getpath($p) | type == "array") |
	    [$p, (getpath($p) | length)]' "$1"
}
shape "$en" >"$TMP/shape.en"
td --db "$TMP/en.db" import --seed "$en"
n_en=$out

for lang in zh_TW de sv it es; do
	f="$TD_SRCDIR/data/demo-seed.$lang.json"
	jq -e .users "$f" >/dev/null 2>&1
	ok $? "$lang: data/demo-seed.$lang.json is a JSON seed"
	shape "$f" >"$TMP/shape.$lang" 2>/dev/null
	is "$(diff "$TMP/shape.en" "$TMP/shape.$lang" 2>&1 | head -3)" "" \
	    "$lang: same keys, array lengths and non-text values as demo-seed.json"
	is "$(jq '[.tasks[].Subject | select(length > 255 or test("[\r\n]"))] |
	    length' "$f" 2>&1)" 0 \
	    "$lang: every Subject is one line of at most 255 characters"
	is "$(jq -n --slurpfile a "$en" --slurpfile b "$f" '[range(0;
	    $a[0].tasks | length) as $i | select($a[0].tasks[$i].Subject !=
	    $b[0].tasks[$i].Subject)] | length > 30' 2>&1)" true \
	    "$lang: the subjects are written in the language (most differ)"
	td --db "$TMP/$lang.db" import --seed "$f"
	is "$out" "$n_en" "$lang: taskdeck imports as many reminders as in English"
done
done_testing
