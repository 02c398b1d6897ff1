#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# mklocale.sh DIR LOCALE...: makes sure each LOCALE (de_DE.UTF-8 ...) can be
# set.  If the system lacks any of them (`locale -a`), every one is
# generated with localedef into DIR (the `locales` package's sources in
# /usr/share/i18n); print DIR, for LOCPATH.  Prints nothing when the system
# has them all.  The language tests (U10) and the demo use it.
set -eu
dir=$1
shift
have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/')
missing=0
for l in "$@"; do
	n=$(printf '%s' "$l" | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/')
	printf '%s\n' "$have" | grep -qxF "$n" || missing=1
done
[ "$missing" -eq 0 ] && exit 0
if ! command -v localedef >/dev/null 2>&1 ||
    [ ! -d /usr/share/i18n/locales ]; then
	echo "mklocale.sh: localedef and /usr/share/i18n are needed for $*" \
	    "(Debian: apt-get install locales)" >&2
	exit 1
fi
mkdir -p "$dir"
for l in "$@"; do
	[ -f "$dir/$l/LC_CTYPE" ] && continue
	# de_DE.UTF-8: the source de_DE, the charmap UTF-8.
	src=${l%%.*}
	cs=${l#*.}
	localedef -i "$src" -f "$cs" "$dir/$l.tmp$$" >/dev/null 2>&1 ||
	    [ -f "$dir/$l.tmp$$/LC_CTYPE" ] || {
		echo "mklocale.sh: localedef -i $src -f $cs failed" >&2
		exit 1
	}
	rm -rf "$dir/$l"
	mv "$dir/$l.tmp$$" "$dir/$l"
done
printf '%s\n' "$dir"
