/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Text on the terminal: widths in columns (wcwidth, never bytes, so CJK
 * lines up), truncation with an ellipsis, and the one drawing path for
 * reminder text.  Everything drawn passes through utf8_clean first, so a
 * control character or escape sequence from Salesforce never reaches the
 * terminal raw (SPEC B5).  Under a non-UTF-8 locale every non-ASCII
 * character is shown as '?' and frames are drawn in ASCII (U7).
 */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define TD_UI_INTERNAL
#include "ui.h"
#include "utf8.h"

static int	ui_text_is_utf8;

/* Decides once, after setlocale, whether the terminal speaks UTF-8. */
void
ui_text_init(void)
{
	const char	*cs = nl_langinfo(CODESET);

	ui_text_is_utf8 = cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0);
}

/* 1 if non-ASCII text can be shown. */
int
ui_text_utf8(void)
{
	return (ui_text_is_utf8);
}

/*
 * Decodes the code point at s[i] into *cp and returns the index after it;
 * a malformed byte decodes as U+FFFD and is skipped alone.
 */
size_t
ui_text_decode(const char *str, size_t i, unsigned int *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n, k;
	unsigned int		 c, min;

	c = s[i];
	if (c < 0x80) {
		*cp = c;
		return (i + 1);
	}
	if ((c & 0xe0) == 0xc0) {
		n = 1;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = 0xfffd;
		return (i + 1);
	}
	for (k = 1; k <= n; k++) {
		if ((s[i + k] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return (i + 1);
		}
		c = (c << 6) | (s[i + k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	*cp = c;
	return (i + n + 1);
}

/* Writes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t
ui_text_encode(unsigned int cp, char *out)
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

/* Columns taken by cp as drawn here: 0, 1 or 2. */
int
ui_text_cpwidth(unsigned int cp)
{
	int	w;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return (1);	/* drawn as a replacement character */
	if (!ui_text_is_utf8)
		return (1);
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return (1);
	return (w);
}

/* Columns taken by the string s. */
int
ui_text_width(const char *s)
{
	size_t		i = 0;
	unsigned int	cp;
	int		w = 0;

	while (s[i] != '\0') {
		i = ui_text_decode(s, i, &cp);
		w += ui_text_cpwidth(cp);
	}
	return (w);
}

/* Adds one code point to w, replacing what this terminal cannot show. */
static void
ui_text_addcp(WINDOW *w, unsigned int cp)
{
	char	b[4];
	size_t	n;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		cp = 0xfffd;
	if (!ui_text_is_utf8 && cp >= 0x80) {
		waddch(w, '?');
		return;
	}
	n = ui_text_encode(cp, b);
	waddnstr(w, b, (int)n);
}

/*
 * Draws s at the cursor in at most cols columns; a string too long ends
 * in an ellipsis, and a wide character never straddles the edge.  With
 * pad the rest of the cols is filled with spaces.  Returns the columns
 * written.
 */
int
ui_text_put(WINDOW *w, const char *s, int cols, int pad)
{
	char		*c;
	size_t		 i = 0, j;
	unsigned int	 cp;
	int		 used = 0, cw, total;

	if (cols <= 0)
		return (0);
	c = utf8_clean(s, 0);
	total = ui_text_width(c);
	while (c[i] != '\0') {
		j = ui_text_decode(c, i, &cp);
		cw = ui_text_cpwidth(cp);
		if (total > cols && used + cw > cols - 1) {
			ui_text_addcp(w, ui_text_is_utf8 ? 0x2026 : '~');
			used++;
			break;
		}
		if (used + cw > cols)
			break;
		ui_text_addcp(w, cp);
		used += cw;
		i = j;
	}
	free(c);
	for (; pad && used < cols; used++)
		waddch(w, ' ');
	return (used);
}

/* Draws a horizontal rule of cols columns at (y, x). */
void
ui_text_hline(WINDOW *w, int y, int x, int cols)
{
	int	i;

	wmove(w, y, x);
	for (i = 0; i < cols; i++)
		ui_text_addcp(w, ui_text_is_utf8 ? 0x2500 : '-');
}
