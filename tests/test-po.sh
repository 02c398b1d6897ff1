#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The catalogues (SPEC U10, issue 18): every file that marks strings is in
# po/POTFILES.in; each language of po/LINGUAS passes `msgfmt --check` with
# 0 untranslated and 0 fuzzy messages, and covers the current sources (a
# template made now from POTFILES.in, merged into the catalogue, leaves
# nothing untranslated or fuzzy).  doc/translating.md says how to fix it.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/i18n-lib.sh"
need_tools msgfmt msgmerge msgattrib xgettext

po="$TD_SRCDIR/po"

# Every source file that uses _( N_( P_( C_( is listed (i18n.h defines them).
missing=$(cd "$TD_SRCDIR" &&
    grep -lE '(^|[^A-Za-z0-9_])[NPC]?_\(' src/*.c src/*.h 2>/dev/null |
    grep -v '^src/i18n\.h$' | while read -r f; do
	grep -qxF "$f" po/POTFILES.in || printf ' %s' "$f"
    done)
is "$missing" "" "U10 every file with marked strings is in po/POTFILES.in"
gone=$(sed 's/#.*//' "$po/POTFILES.in" | while read -r f; do
	[ -z "$f" ] || [ -f "$TD_SRCDIR/$f" ] || printf ' %s' "$f"
    done)
is "$gone" "" "U10 every file in po/POTFILES.in exists"

i18n_pot "$TMP/taskdeck.pot"
ok $? "U10 xgettext makes a template from po/POTFILES.in ($(grep -c '^msgid ' \
    "$TMP/taskdeck.pot" 2>/dev/null) messages)"

# msgids FILE: each msgid of a catalogue on one line (the header left out).
msgids() {
	awk '/^msgid "/ { on = 1; id = substr($0, 8, length($0) - 8); next }
	    on && /^"/ { id = id substr($0, 2, length($0) - 2); next }
	    on { if (id != "") print id; on = 0 }
	    END { if (on && id != "") print id }' "$1" 2>/dev/null
}

# count WORD: the number before WORD in msgfmt's statistics (0 if absent).
count() {
	sed -n "s/.*[^0-9]\([0-9][0-9]*\) $1.*/\1/p; s/^\([0-9][0-9]*\) $1.*/\1/p" \
	    "$TMP/stat" | head -1 | grep . || echo 0
}

for lang in $(sed 's/#.*//' "$po/LINGUAS"); do
	f="$po/$lang.po"
	msgfmt --check --statistics -o /dev/null "$f" >"$TMP/stat" 2>&1
	ok $? "U10 $lang.po passes msgfmt --check"
	sed 's/^/#   /' "$TMP/stat"
	grep -q '^"Plural-Forms: nplurals=[0-9]*; *plural=' "$f"
	ok $? "U10 $lang.po declares its Plural-Forms"
	u=$(count untranslated)
	z=$(count fuzzy)
	is "$u/$z" "0/0" "U10 $lang.po: 0 untranslated / 0 fuzzy messages"

	# Against the sources as they are now.
	if msgmerge -q --no-wrap -o "$TMP/$lang.po" "$f" "$TMP/taskdeck.pot" \
	    2>"$TMP/merge.err"; then
		# msgattrib writes no file when nothing matches: never read
		# the previous language's.
		rm -f "$TMP/untr.po" "$TMP/fuzzy.po"
		msgattrib --no-wrap --no-obsolete --untranslated \
		    -o "$TMP/untr.po" "$TMP/$lang.po" 2>/dev/null
		msgids "$TMP/untr.po" >"$TMP/untr"
		msgattrib --no-wrap --no-obsolete --only-fuzzy \
		    -o "$TMP/fuzzy.po" "$TMP/$lang.po" 2>/dev/null
		msgids "$TMP/fuzzy.po" >"$TMP/fuzzy"
		n=$(($(wc -l <"$TMP/untr") + $(wc -l <"$TMP/fuzzy")))
		is "$n" 0 "U10 $lang.po covers the current sources (update-po: 0 untranslated / fuzzy)"
		if [ "$n" -ne 0 ]; then
			echo "# $lang.po: $(wc -l <"$TMP/untr") untranslated," \
			    "$(wc -l <"$TMP/fuzzy") fuzzy after merging the" \
			    "sources; the first of them:"
			{ sed 's/^/#   untranslated: /' "$TMP/untr"
			  sed 's/^/#   fuzzy:        /' "$TMP/fuzzy"; } | head -40
		fi
	else
		ok 1 "U10 $lang.po covers the current sources (msgmerge failed)"
		sed 's/^/#   /' "$TMP/merge.err"
	fi
done
done_testing
