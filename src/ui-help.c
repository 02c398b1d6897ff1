/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A full-screen page of text lines that scrolls: the help screen (built
 * from the key table in ui.c), a reminder's details and the conflict
 * log.  The loop keeps serving signals and the engine while it is open.
 */
#include <string.h>

#define TD_UI_INTERNAL
#include "i18n.h"
#include "ui.h"

/* Draws the page from line top. */
static void
ui_help_draw(struct ui *ui, const char *title, const char **lines, size_t n,
    int top, const char *hint)
{
	int	y, h = LINES - 2;

	werase(stdscr);
	wattrset(stdscr, ui_attr(ui, UI_PAIR_BAR, A_REVERSE) | A_BOLD);
	wmove(stdscr, 0, 0);
	waddch(stdscr, ' ');
	ui_text_put(stdscr, title, COLS - 1, 1);
	wattrset(stdscr, A_NORMAL);
	for (y = 0; y < h && (size_t)(top + y) < n; y++) {
		wmove(stdscr, 1 + y, 1);
		ui_text_put(stdscr, lines[top + y], COLS - 1, 0);
	}
	wattrset(stdscr, A_DIM);
	wmove(stdscr, LINES - 1, 0);
	ui_text_put(stdscr, hint != NULL ? hint :
	    /* TRANSLATORS: the key line of a page (help, changes): the key
	       names stay; at most 79 columns. */
	    _(" Up/Down/PgUp/PgDn scroll   q or Esc: back"), COLS, 1);
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(ui);
}

/* Shows lines under title until the user leaves with q, Esc or Enter. */
void
ui_help_page(struct ui *ui, const char *title, const char **lines, size_t n)
{
	ui_help_page_keys(ui, title, lines, n, NULL, NULL);
}

/*
 * The same; a key in keys (a NUL-terminated string of ASCII keys) also
 * leaves the page and is returned, for the page's owner to act on (x and
 * e on the details page); 0 when left otherwise.  hint replaces the
 * footer if not NULL.
 */
int
ui_help_page_keys(struct ui *ui, const char *title, const char **lines,
    size_t n, const char *keys, const char *hint)
{
	int	top = 0, key, h, max, redraw = 1;

	for (;;) {
		h = LINES - 2 > 1 ? LINES - 2 : 1;
		max = (int)n > h ? (int)n - h : 0;
		if (top > max)
			top = max;
		if (top < 0)
			top = 0;
		if (redraw)
			ui_help_draw(ui, title, lines, n, top, hint);
		redraw = 1;
		key = ui_getkey(ui);
		if (keys != NULL && key > 0 && key < 0x80 &&
		    strchr(keys, key) != NULL) {
			ui->dirty = 1;
			return (key);
		}
		switch (key) {
		case UI_KEY_QUIT:
		case 'q':
		case UI_ESC:
		case '\r':
		case '\n':
		case '?':
		case UI_FN(KEY_ENTER):
			ui->dirty = 1;
			return (0);
		case UI_FN(KEY_UP):
		case 'k':
			top--;
			break;
		case UI_FN(KEY_DOWN):
		case 'j':
			top++;
			break;
		case UI_FN(KEY_PPAGE):
			top -= h;
			break;
		case UI_FN(KEY_NPAGE):
		case ' ':
			top += h;
			break;
		case UI_FN(KEY_HOME):
			top = 0;
			break;
		case UI_FN(KEY_END):
			top = max;
			break;
		case UI_KEY_REFRESH:
			redraw = 0;
			break;
		default:
			break;
		}
	}
}
