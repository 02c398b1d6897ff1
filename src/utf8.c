/* taskdeck - SPDX-License-Identifier: ISC */
/* UTF-8 validation, counting and cleaning for display. */
#include <stddef.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	unsigned int		 cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			n = 1;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 2;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 3;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return (0);
		if (n >= len - i)
			return (0);
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return (0);
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		i += n + 1;
	}
	return (1);
}

size_t
utf8_count(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

size_t
utf8_prefix(const char *s, size_t n)
{
	size_t	i = 0;

	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == 0)
				break;
			n--;
		}
		i++;
	}
	return (i);
}

/* Length of the well-formed sequence at s, or 0 if it is not one. */
static size_t
utf8_seq(const unsigned char *s, unsigned int *cpp)
{
	size_t		n, k;
	unsigned int	cp, min;

	if (s[0] < 0x80) {
		*cpp = s[0];
		return (1);
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
		min = 0x10000;
	} else
		return (0);
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return (0);
	*cpp = cp;
	return (n);
}

char *
utf8_clean(const char *str, int keep_nl)
{
	const unsigned char	*s = (const unsigned char *)str;
	static const char	 repl[] = "\xef\xbf\xbd";
	char			*out, *o;
	size_t			 n;
	unsigned int		 cp;

	out = o = xmalloc(strlen(str) * 3 + 1);
	while (*s != '\0') {
		if (*s >= 0x20 && *s < 0x7f) {	/* printable ASCII: as is */
			*o++ = (char)*s++;
			continue;
		}
		if ((n = utf8_seq(s, &cp)) == 0) {
			memcpy(o, repl, 3);
			o += 3;
			s++;
			continue;
		}
		if (cp == '\t')
			*o++ = ' ';
		else if (cp == '\n' && keep_nl)
			*o++ = '\n';
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			memcpy(o, repl, 3);
			o += 3;
		} else {
			memcpy(o, s, n);
			o += n;
		}
		s += n;
	}
	*o = '\0';
	return (out);
}

char *
utf8_repair(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	char			*out, *o;
	size_t			 n;
	unsigned int		 cp;

	out = o = xmalloc(strlen(str) * 3 + 1);
	while (*s != '\0') {
		if ((n = utf8_seq(s, &cp)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			s++;
			continue;
		}
		memcpy(o, s, n);
		o += n;
		s += n;
	}
	*o = '\0';
	return (out);
}
