# taskdeck - SPDX-License-Identifier: ISC
# Helpers for the language tests (SPEC U10): sourced after tests/lib.sh.

# The five languages besides English: po/LINGUAS and the locales they run in.
I18N_LOCALES="de_DE.UTF-8 sv_SE.UTF-8 it_IT.UTF-8 es_ES.UTF-8 zh_TW.UTF-8"

# i18n_pot FILE: a template made now from po/POTFILES.in, with the
# xgettext options of po/Makevars (what `make update-po` does).
i18n_pot() {
	_opts=$(printf 'include %s\nprint:\n\t@echo $(XGETTEXT_OPTIONS)\n' \
	    "$TD_SRCDIR/po/Makevars" |
	    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -f - print)
	(cd "$TD_SRCDIR" && sed 's/#.*//; /^[[:space:]]*$/d' po/POTFILES.in |
	    xgettext $_opts --force-po -o "$1" -f -)
}

# i18n_locpath: the five locales can be set; LOCPATH is exported (to
# locales generated under $TMP) when the system lacks any of them.
i18n_locpath() {
	_lp=$(sh "$TD_SRCDIR/tests/mklocale.sh" "$TMP/locpath" \
	    $I18N_LOCALES) || return 1
	if [ -n "$_lp" ]; then
		LOCPATH=$_lp
		export LOCPATH
	fi
}
