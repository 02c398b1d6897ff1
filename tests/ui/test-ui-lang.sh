#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The command center in each language at 80x24 (SPEC U10, issue 18
# deliver 3 and 4).  Each screen (command center with its key line and
# status, help, settings, the add form, all reminders, a plural message)
# is drawn in English and in de_DE, sv_SE, it_IT, es_ES and zh_TW (UTF-8;
# generated with localedef into a LOCPATH when the system lacks them), and
# tests/ui/lang-check.py holds the two against the catalogue: every
# message on the English screen is translated and appears whole on the
# translated one (no cut label, no overflow), the section titles, the key
# line, the checkbox's label and a plural message are in the language,
# and the date line uses the locale's names.  The expected words come from
# the catalogues, so the test needs no edit when translations land; with
# an empty catalogue it fails with "untranslated".  LANG=C and an unknown
# locale give English; LANGUAGE=de under LANG=sv_SE.UTF-8 gives German.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
. "$TD_SRCDIR/tests/i18n-lib.sh"
need_tools python3 msgmerge xgettext
i18n_locpath
ok $? "the five locales can be set (localedef into a LOCPATH if needed)"
export TASKDECK_TODAY=2026-12-02	# a Wednesday

# Neutral names, so no word of the data looks like a message.
td add "Zq1 Yxw" --due today --priority high
td add "Zq2 Vwu" --due today
td add "Zq3 Tsr" --due 2026-11-30
td add "Zq4 Qpo" --due tomorrow

# settle PREVIOUS: waits until the screen differs from PREVIOUS and is
# the same twice in a row 0.3 s apart; prints it.
settle() {
	_n=60 _last=""
	while [ "$_n" -gt 0 ]; do
		sleep 0.3
		_s=$(ui_screen)
		if [ "$_s" != "$1" ] && [ "$_s" = "$_last" ]; then
			printf '%s\n' "$_s"
			return 0
		fi
		_last=$_s
		_n=$((_n - 1))
	done
	printf '%s\n' "$_s"
	return 1
}

# screens DIR ENV...: the command center at 80x24 in the environment
# given; each screen saved as DIR/NAME.txt.
screens() {
	_d=$1
	shift
	mkdir -p "$_d"
	ui_kill
	ui_nstart=$((${ui_nstart:-0} + 1))
	UI_SOCK="td-ui-$$-$ui_nstart"
	rm -f "$TMP/ui-rc"
	ui_tmux -f /dev/null new-session -d -x 80 -y 24 \
	    "echo \$\$ >'$TMP/ui-sh'; env -u LC_ALL $* '$TASKDECK' \
	    2>'$TMP/ui-stderr'; echo \$? >'$TMP/ui-rc'" || return 1
	ui_tmux set-option -g remain-on-exit on
	ui_tmux set-option -g window-size manual
	settle "" >"$_d/center.txt"
	_c=$(cat "$_d/center.txt")
	ui_keys '?'; settle "$_c" >"$_d/help.txt"
	ui_keys q; settle "$(cat "$_d/help.txt")" >/dev/null
	ui_keys s; settle "$_c" >"$_d/settings.txt"
	ui_keys Escape; settle "$(cat "$_d/settings.txt")" >/dev/null
	ui_keys a; settle "$_c" >"$_d/form.txt"
	ui_keys Escape; settle "$(cat "$_d/form.txt")" >/dev/null
	ui_keys A; settle "$_c" >"$_d/all.txt"
	ui_keys Escape; settle "$(cat "$_d/all.txt")" >/dev/null
	# Two rows tagged, then completed together: a plural message.
	ui_keys Home; sleep 0.3; ui_keys t; sleep 0.3; ui_keys t; sleep 0.3
	ui_keys '\;'; sleep 0.3	# tmux's own ';' needs the backslash
	_p=$(ui_screen)
	ui_keys x; settle "$_p" >"$_d/plural.txt"
	ui_keys u; sleep 0.3
	ui_keys q
	ui_wait_exit
}

# English first: the reference (the tests' own C.UTF-8).
screens "$TMP/en" LANG=C.UTF-8
grep -q 'Today (' "$TMP/en/center.txt"
ok $? "the English command center is drawn"

# The catalogues as the sources are now (untranslated new messages show).
i18n_pot "$TMP/taskdeck.pot"
# TD_LANGS="de" runs one language (while working on its catalogue).
: "${TD_LANGS:=$(sed 's/#.*//' "$TD_SRCDIR/po/LINGUAS")}"
for lang in $TD_LANGS; do
	case $lang in
	zh_TW) loc=zh_TW.UTF-8 ;;
	de) loc=de_DE.UTF-8 ;; sv) loc=sv_SE.UTF-8 ;;
	it) loc=it_IT.UTF-8 ;; es) loc=es_ES.UTF-8 ;;
	*) loc=${lang}_$(echo "$lang" | tr a-z A-Z).UTF-8 ;;
	esac
	msgmerge -q --no-wrap -o "$TMP/$lang.po" "$TD_SRCDIR/po/$lang.po" \
	    "$TMP/taskdeck.pot"
	screens "$TMP/$lang" LANG=$loc
	python3 "$TD_SRCDIR/tests/ui/lang-check.py" "$lang" "$TMP/$lang.po" \
	    "$TMP/en" "$TMP/$lang" >"$TMP/check" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok 0 "${line#ok - }" ;;
		"not ok - "*) ok 1 "${line#not ok - }" ;;
		*) printf '%s\n' "$line" ;;
		esac
	done <"$TMP/check"
done

# English where the language is C or unknown.
for l in C xx_YY.UTF-8; do
	screens "$TMP/c-$l" LANG=$l
	# The same text (rule and ellipsis drawn in ASCII there), all ASCII.
	bad=0
	for s in center help settings form; do
		sed 's/─/-/g; s/…/~/g' "$TMP/en/$s.txt" >"$TMP/a"
		if ! cmp -s "$TMP/a" "$TMP/c-$l/$s.txt"; then
			bad=1
			diff "$TMP/a" "$TMP/c-$l/$s.txt" | sed 's/^/#   /'
		fi
		! LC_ALL=C grep -q '[^ -~]' "$TMP/c-$l/$s.txt" || bad=1
	done
	ok $bad "U10 LANG=$l gives the English screens, in ASCII"
done
# LANGUAGE wins over LANG for the messages (glibc, LC_MESSAGES not C).
screens "$TMP/lang-de" LANG=sv_SE.UTF-8 LANGUAGE=de
[ -f "$TMP/de/center.txt" ] || screens "$TMP/de" LANG=de_DE.UTF-8
# The first section title and the key line (the dates stay Swedish).
keyl() { sed -n '2p;$p' "$1"; }
[ "$(keyl "$TMP/lang-de/center.txt")" = "$(keyl "$TMP/de/center.txt")" ] &&
    [ "$(keyl "$TMP/de/center.txt")" != "$(keyl "$TMP/en/center.txt")" ]
ok $? "U10 LANGUAGE=de under LANG=sv_SE.UTF-8 gives the German screen"
done_testing
