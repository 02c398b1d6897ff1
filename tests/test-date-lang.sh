#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Date words by locale (SPEC U10, issue 18 deliver 2): on the command line
# the English words keep working in every locale, and the locale's own
# weekday names (nl_langinfo DAY_n / ABDAY_n, case and accents folded) and
# its translated "today" / "tomorrow" (the catalogue, context "typed
# date") are accepted too; --json stays ISO; LANG=C stays English.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/i18n-lib.sh"
need_tools msgfmt python3
i18n_locpath
ok $? "the five locales can be set (localedef into a LOCPATH if needed)"

# 2026-12-02 is a Wednesday: the next Monday is 2026-12-07.
export TASKDECK_TODAY=2026-12-02
# A test catalogue for German: the typed words (the real de.po may not
# have them yet); TASKDECK_LOCALEDIR points taskdeck at it.
mkdir -p "$TMP/loc/de/LC_MESSAGES"
cat >"$TMP/de.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgctxt "typed date"
msgid "today"
msgstr "heute"

msgctxt "typed date"
msgid "tomorrow"
msgstr "morgen|übermorgen-nicht"
PO
msgfmt -c -o "$TMP/loc/de/LC_MESSAGES/taskdeck.mo" "$TMP/de.po"

# due LOCALE WORD: the due date `add --due WORD` stores, from --json.
due() {
	_l=$1
	shift
	rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
	LC_ALL=$_l TASKDECK_LOCALEDIR="$TMP/loc" td add "Zq test" --due "$1" ||
	    { echo "# add --due $1 in $_l: rc=$rc $err"; echo fail; return; }
	LC_ALL=$_l td list --all --json
	printf '%s' "$out" | python3 -c \
	    'import json,sys; print(json.load(sys.stdin)[0]["due"])'
}

is "$(due de_DE.UTF-8 montag)" 2026-12-07 "U10 de: 'montag' is next Monday"
is "$(due de_DE.UTF-8 Mo)" 2026-12-07 "U10 de: 'Mo' (ABDAY) is next Monday"
is "$(due de_DE.UTF-8 DONNERSTAG)" 2026-12-03 "U10 de: case folded (DONNERSTAG)"
is "$(due de_DE.UTF-8 heute)" 2026-12-02 "U10 de: the catalogue's 'heute' is today"
is "$(due de_DE.UTF-8 Morgen)" 2026-12-03 "U10 de: 'Morgen' (one of 'a|b') is tomorrow"
is "$(due de_DE.UTF-8 tomorrow)" 2026-12-03 "U10 de: English 'tomorrow' still works"
is "$(due de_DE.UTF-8 fri)" 2026-12-04 "U10 de: English 'fri' still works"
is "$(due sv_SE.UTF-8 måndag)" 2026-12-07 "U10 sv: 'måndag' is next Monday"
is "$(due sv_SE.UTF-8 MÅN)" 2026-12-07 "U10 sv: 'MÅN' folded to 'mån'"
is "$(due sv_SE.UTF-8 fredag)" 2026-12-04 "U10 sv: 'fredag' is Friday"
is "$(due it_IT.UTF-8 lunedì)" 2026-12-07 "U10 it: 'lunedì' is next Monday"
is "$(due it_IT.UTF-8 lunedi)" 2026-12-07 "U10 it: 'lunedi' (no accent) too"
is "$(due it_IT.UTF-8 ven)" 2026-12-04 "U10 it: 'ven' is Friday"
is "$(due es_ES.UTF-8 miércoles)" 2026-12-09 "U10 es: 'miércoles' is next Wednesday (never today)"
is "$(due es_ES.UTF-8 jue)" 2026-12-03 "U10 es: 'jue' is Thursday"
is "$(due zh_TW.UTF-8 週一)" 2026-12-07 "U10 zh_TW: '週一' is next Monday"
is "$(due zh_TW.UTF-8 五)" 2026-12-04 "U10 zh_TW: '五' (ABDAY) is Friday"
is "$(due zh_TW.UTF-8 +2d)" 2026-12-04 "U10 zh_TW: +2d still works"

# LANG=C: English only, and a clear English message.
LC_ALL=C td add "Zq test" --due montag
ok $(( rc == 0 )) "U10 LANG=C: 'montag' is refused"
printf '%s' "$err" | grep -q "invalid date 'montag'"
ok $? "U10 LANG=C: the message is English"
LC_ALL=C LANGUAGE=de TASKDECK_LOCALEDIR="$TMP/loc" td add "Zq test" --due heute
ok $(( rc == 0 )) "U10 LANG=C with LANGUAGE=de: no German words (C ignores LANGUAGE)"

# --json stays ISO and English in a locale.
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
LC_ALL=de_DE.UTF-8 td add "Zq json" --due montag
LC_ALL=de_DE.UTF-8 td list --all --json
printf '%s' "$out" | grep -q '"due":[[:space:]]*"2026-12-07"'
ok $? "U10 --json dates stay ISO in de_DE.UTF-8"
done_testing
