/* taskdeck - SPDX-License-Identifier: ISC */
/* A person's name in the reader's order: see person.h. */
#include <string.h>

#include "person.h"
#include "xmalloc.h"

int
person_last_first(const char *locale)
{
	static const char	*lf[] = { "zh", "ja", "ko", "hu" };
	size_t			 i;

	for (i = 0; locale != NULL && i < sizeof lf / sizeof lf[0]; i++) {
		if (strncmp(locale, lf[i], 2) == 0 && (locale[2] == '\0' ||
		    locale[2] == '_'))
			return (1);
	}
	return (0);
}

/* Whether UTF-8 s starts with a Han, kana or Hangul character. */
static int
person_cjk(const unsigned char *s)
{
	unsigned int	c;

	if (s[0] < 0xe3 || s[0] > 0xef || (s[1] & 0xc0) != 0x80 ||
	    (s[2] & 0xc0) != 0x80)
		return (0);
	c = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
	return ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 &&
	    c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
	    (c >= 0xf900 && c <= 0xfaff));
}

char *
person_name(const char *first, const char *last, int last_first)
{
	if (first == NULL || *first == '\0')
		return (xstrdup(last));
	if (!last_first)
		return (xasprintf("%s %s", first, last));
	return (xasprintf("%s%s%s", last,
	    person_cjk((const unsigned char *)first) &&
	    person_cjk((const unsigned char *)last) ? "" : " ", first));
}
