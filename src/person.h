/* taskdeck - SPDX-License-Identifier: ISC */
#ifndef TD_PERSON_H
#define TD_PERSON_H

/*
 * A person's Name in the order a reader's Salesforce locale gives it.
 * Salesforce Help, "Locales Overview": the locale sets the display format
 * of names.  The family name comes first for Chinese, Japanese, Korean
 * and Hungarian locales (person_last_first), with no space between two
 * names written in CJK characters; otherwise "First Last".  Shared by
 * sfemu's Name fields and the seed import, so the two agree.
 */
/* Whether locale (LocaleSidKey, e.g. "zh_TW"; NULL: en_US) puts the
 * family name first. */
int	 person_last_first(const char *locale);
/* The Name, the family name first if last_first; first may be NULL or
 * empty (the last name alone).  The caller frees it. */
char	*person_name(const char *first, const char *last, int last_first);

#endif
