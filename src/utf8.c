/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * UTF-8: one decoder for everything that walks text (validation, the
 * terminal's widths, the line editor) and utf8_clean, the one cleaner
 * for text leaving the program (B5).  The cleaning rules live in one
 * place, utf8_kind, so the terminal, a pipe, the log and JSON cannot
 * disagree on what is a control character.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xmalloc.h"

/* What a code point is to the cleaner. */
enum utf8_kind {
	UTF8_KEEP,	/* printable text */
	UTF8_CTRL,	/* C0 but tab and line breaks, DEL, C1: U+FFFD */
	UTF8_BIDI,	/* a bidi control: dropped */
	UTF8_BREAK,	/* LF, CR, U+2028, U+2029: a line break */
	UTF8_TAB	/* a space */
};

/*
 * Length of the well-formed sequence at s, reading at most len bytes, and
 * its code point in *cpp; 0 if s does not start one.
 */
static size_t
utf8_seq(const unsigned char *s, size_t len, unsigned int *cpp)
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
		if (k >= len || (s[k] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return (0);
	*cpp = cp;
	return (n);
}

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n;
	unsigned int		 cp;

	while (i < len) {
		if ((n = utf8_seq(s + i, len - i, &cp)) == 0)
			return (0);
		i += n;
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

size_t
utf8_decode(const char *s, size_t i, unsigned int *cp)
{
	size_t	n;

	/* A NUL ends the string, so it also ends a truncated sequence. */
	if ((n = utf8_seq((const unsigned char *)s + i, SIZE_MAX, cp)) == 0) {
		*cp = 0xfffd;
		return (i + 1);
	}
	return (i + n);
}

size_t
utf8_encode(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

/* The cleaning rules (B5): what cp is to a terminal. */
static enum utf8_kind
utf8_kind(unsigned int cp)
{
	if (cp == '\t')
		return (UTF8_TAB);
	if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
		return (UTF8_BREAK);
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return (UTF8_CTRL);
	/* ALM, LRM and RLM; LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI. */
	if (cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return (UTF8_BIDI);
	return (UTF8_KEEP);
}

unsigned int
utf8_clean_cp(unsigned int cp)
{
	switch (utf8_kind(cp)) {
	case UTF8_TAB:
		return (' ');
	case UTF8_BREAK:
	case UTF8_CTRL:
		return (0xfffd);
	case UTF8_BIDI:
		return (0);
	case UTF8_KEEP:
		break;
	}
	return (cp);
}

char *
utf8_clean(const char *str, int flags)
{
	const unsigned char	*s = (const unsigned char *)str, *run;
	static const char	 repl[] = "\xef\xbf\xbd";
	struct buf		 b;
	size_t			 n;
	unsigned int		 cp = 0;
	char			 esc[8];
	enum utf8_kind		 k = UTF8_CTRL;
	int			 json = (flags & UTF8_JSON) != 0;

	buf_init(&b);
	buf_grow(&b, strlen(str));
	/* What is kept is copied in runs: most text is a single run. */
	for (run = s; *s != '\0'; run = s) {
		while (*s != '\0') {
			if (*s >= 0x20 && *s < 0x7f) {
				s++;
				continue;
			}
			if ((n = utf8_seq(s, SIZE_MAX, &cp)) == 0)
				break;
			k = utf8_kind(cp);
			/*
			 * cJSON escapes C0 in strings, so in JSON a raw tab,
			 * LF or CR is JSON's own white space and stays.
			 */
			if (k != UTF8_KEEP && !(json && (cp == '\t' ||
			    cp == '\n' || cp == '\r')))
				break;
			s += n;
		}
		buf_add(&b, run, (size_t)(s - run));
		if (*s == '\0')
			break;
		if ((n = utf8_seq(s, SIZE_MAX, &cp)) == 0) {
			buf_add(&b, repl, 3);	/* an invalid byte */
			s++;
			continue;
		}
		if (json) {
			snprintf(esc, sizeof esc, "\\u%04x", cp);
			buf_add(&b, esc, 6);
		} else if (k == UTF8_TAB)
			buf_addc(&b, ' ');
		else if (k == UTF8_BREAK) {
			if (cp == '\r' && s[1] == '\n')
				n = 2;	/* CR LF is one break */
			if (flags & UTF8_LINES)
				buf_addc(&b, '\n');
			else
				buf_add(&b, repl, 3);
		} else if (k == UTF8_CTRL)
			buf_add(&b, repl, 3);
		s += n;
	}
	return (buf_detach(&b));
}

/* Latin Extended-A, U+0100-U+017F, each as its base letter. */
static const char utf8_fold_ext_a[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
    "ii" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr"
    "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/* Latin-1 letters, U+00C0-U+00FF, as base letters ('*' keeps the sign). */
static const char utf8_fold_latin1[] =
    "aaaaaa" "_" "c" "eeee" "iiii" "d" "n" "ooooo" "*" "o" "uuuu" "y" "_" "_"
    "aaaaaa" "_" "c" "eeee" "iiii" "d" "n" "ooooo" "*" "o" "uuuu" "y" "_" "y";

/* Appends the folded form of cp to b. */
static void
utf8_fold_cp(struct buf *b, unsigned int cp)
{
	char	out[4];
	char	c;

	if (cp < 0x80) {
		buf_addc(b, cp >= 'A' && cp <= 'Z' ? (char)(cp + 0x20) :
		    (char)cp);
		return;
	}
	if (cp >= 0xc0 && cp <= 0xff) {
		c = utf8_fold_latin1[cp - 0xc0];
		if (c != '_' && c != '*') {
			buf_addc(b, c);
			return;
		}
		if (cp == 0xc6 || cp == 0xe6) {
			buf_adds(b, "ae");
			return;
		}
		if (cp == 0xdf) {
			buf_adds(b, "ss");
			return;
		}
		if (cp == 0xde || cp == 0xfe) {
			buf_adds(b, "th");
			return;
		}
	} else if (cp >= 0x100 && cp <= 0x17f) {
		if (cp == 0x152 || cp == 0x153)
			buf_adds(b, "oe");
		else
			buf_addc(b, utf8_fold_ext_a[cp - 0x100]);
		return;
	} else if (cp >= 0x300 && cp <= 0x36f)
		return;			/* a combining accent */
	else if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x410 && cp <= 0x42f))
		cp += 0x20;		/* Greek and Cyrillic capitals */
	else if (cp >= 0x400 && cp <= 0x40f)
		cp += 0x50;
	else if (cp >= 0xff01 && cp <= 0xff5e) {
		utf8_fold_cp(b, cp - 0xff01 + 0x21);	/* full-width ASCII */
		return;
	}
	buf_add(b, out, utf8_encode(cp, out));
}

char *
utf8_fold(const char *s)
{
	struct buf	b;
	size_t		i = 0;
	unsigned int	cp;

	buf_init(&b);
	buf_adds(&b, "");
	while (s[i] != '\0') {
		i = utf8_decode(s, i, &cp);
		utf8_fold_cp(&b, cp);
	}
	return (buf_detach(&b));
}

size_t
utf8_wrap(const char *s, int cols, int (*width)(unsigned int), size_t *next)
{
	size_t		i = 0, j, brk = 0, after = 0;
	unsigned int	cp;
	int		w = 0, cw;

	while (s[i] != '\0') {
		j = utf8_decode(s, i, &cp);
		cw = width(cp);
		if (cp == ' ') {
			brk = i;
			after = j;
		}
		if (w + cw > cols && i > 0) {
			if (cp == ' ' || brk == 0) {
				brk = i;	/* here: a space, a long word */
				after = i;
			}
			while (s[after] == ' ')
				after++;
			while (brk > 0 && s[brk - 1] == ' ')
				brk--;
			*next = after;
			return (brk);
		}
		w += cw;
		i = j;
	}
	*next = i;
	return (i);
}
