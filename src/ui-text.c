/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Text on the terminal: widths in columns (wcwidth, never bytes, so CJK
 * lines up), truncation with an ellipsis, and the one drawing path for
 * reminder text.  Everything drawn passes through utf8_clean first, so a
 * control character, an escape sequence or a bidi control from Salesforce
 * never reaches the terminal raw, and truncation works on clean text
 * (SPEC B5).  Under a non-UTF-8 locale every non-ASCII
 * character is shown as '?' and frames are drawn in ASCII (U7).
 */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define TD_UI_INTERNAL
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"
#include <term.h>

static int	ui_text_is_utf8;

/* Decides once, after setlocale, whether the terminal speaks UTF-8. */
void
ui_text_init(void)
{
	const char	*cs = nl_langinfo(CODESET);

	ui_text_is_utf8 = cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0);
}

/*
 * 1 if this terminal can run the command center; 0 with *why (new) if
 * not: TERM unset, unknown, or a terminal that cannot move the cursor
 * (TERM=dumb, an editor's shell buffer).  The caller prints the list.
 */
int
ui_text_term_ok(char **why)
{
	const char	*term = getenv("TERM");
	char		*cup;
	int		 err = 0, ok;

	if (term == NULL || *term == '\0') {
		*why = xstrdup(_("TERM is not set"));
		return (0);
	}
	if (setupterm(NULL, 1, &err) != OK) {
		*why = xasprintf(_("the terminal type \"%s\" is unknown"),
		    term);
		return (0);
	}
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1;
	if (!ok)
		*why = xasprintf(_("the terminal \"%s\" cannot move the "
		    "cursor"), term);
	del_curterm(cur_term);
	return (ok);
}

/*
 * 1 if the terminal has an alternate screen (smcup/rmcup), which gives
 * the shell's screen back on exit; without one (vt100, linux) the UI
 * clears its last frame itself.  Valid once curses has started.
 */
int
ui_text_altscreen(void)
{
	char	*s = tigetstr("rmcup");

	return (s != NULL && s != (char *)-1 && *s != '\0');
}

/* 1 if non-ASCII text can be shown. */
int
ui_text_utf8(void)
{
	return (ui_text_is_utf8);
}

/*
 * 1 for the code points that join emoji into one glyph: the zero-width
 * joiner, the emoji/text variation selectors and the skin-tone
 * modifiers.  Terminals disagree on how wide a joined sequence is (one
 * glyph of 2 cells, or each part), so they are never sent: every
 * terminal then draws the parts, in the cells curses counted, and a ZWJ
 * sequence cannot leave stale cells behind (U7).
 */
static int
ui_text_joiner(unsigned int cp)
{
	return (cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f ||
	    (cp >= 0x1f3fb && cp <= 0x1f3ff));
}

/* Columns taken by cp as drawn here: 0, 1 or 2. */
int
ui_text_cpwidth(unsigned int cp)
{
	int	w;

	/* Measured as utf8_clean will draw it. */
	if ((cp = utf8_clean_cp(cp)) == 0 || ui_text_joiner(cp))
		return (0);
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
		i = utf8_decode(s, i, &cp);
		w += ui_text_cpwidth(cp);
	}
	return (w);
}

/*
 * Adds one code point of cleaned text to w, replacing what this terminal
 * cannot show.
 */
static void
ui_text_addcp(WINDOW *w, unsigned int cp)
{
	char	b[4];
	size_t	n;

	if (ui_text_joiner(cp))
		return;
	if (!ui_text_is_utf8 && cp >= 0x80) {
		waddch(w, '?');
		return;
	}
	n = utf8_encode(cp, b);
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
	/* Cleaned first: the cut can never leave a control behind. */
	c = utf8_clean(s, UTF8_LINE);
	total = ui_text_width(c);
	while (c[i] != '\0') {
		j = utf8_decode(c, i, &cp);
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

/*
 * A copy of s followed by spaces up to cols columns on screen (display
 * width, not bytes: a translated label may be wider or double-width);
 * s itself is never cut.  Caller frees.
 */
char *
ui_text_pad(const char *s, int cols)
{
	char	*p;
	size_t	 len = strlen(s);
	int	 w = ui_text_width(s), n = cols > w ? cols - w : 0;

	p = xmalloc(len + (size_t)n + 1);
	memcpy(p, s, len);
	memset(p + len, ' ', (size_t)n);
	p[len + (size_t)n] = '\0';
	return (p);
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
