/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Translations (SPEC U10).  Every string a user reads on the screen or
 * the command line goes through one of these; the log file and --json
 * stay English and locale-free.
 *
 *   _("Today")                 looked up in the user's language
 *   N_("Today")                marked for xgettext only (a table that
 *                              is looked up with _() where it is used)
 *   P_("%d change", "%d changes", n)   the plural form for n
 *   C_("key line", "done")     a short or ambiguous word, with context
 *
 * A comment starting with "TRANSLATORS:" on the line before reaches the
 * translator.  Without NLS every macro gives the English text.
 */
#ifndef TD_I18N_H
#define TD_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>

#define _(s)		((const char *)gettext(s))
#define P_(s, p, n)	((const char *)ngettext((s), (p), (n)))

/* pgettext without gnulib: ctx "\004" msgid, as msgfmt stores it. */
static inline const char *
td_pgettext(const char *id, const char *s)
{
	const char *t = gettext(id);

	return t == id ? s : t;
}
#define C_(ctx, s)	td_pgettext(ctx "\004" s, (s))
#else
#define _(s)		((const char *)(s))
#define P_(s, p, n)	((n) == 1 ? (const char *)(s) : (const char *)(p))
#define C_(ctx, s)	((const char *)(s))
#endif

#define N_(s)		(s)

#endif
