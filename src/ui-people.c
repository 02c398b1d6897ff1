/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The link picker of the add and edit forms (doc/sync.md F14, doc/ui.md
 * "Linking a person or a record"): type a few letters, the matches the
 * cache knows show at once (store_person_search: case and accents
 * folded, best match first, then the most recently picked); when this
 * window runs the sync engine, the same text is searched in Salesforce
 * once typing pauses (UI_PEOPLE_PAUSE_MS), on the engine's thread
 * (sync_people_search), and the list is read again from the cache when
 * the answer event arrives.  Nothing here waits for the network: a slow
 * search leaves typing and moving responsive.  Up/Down choose, Enter
 * links, ^D removes the link, Esc leaves it as it was.
 */
#include <stdlib.h>
#include <string.h>

#define TD_UI_INTERNAL
#include "date.h"
#include "i18n.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* How long typing must pause before Salesforce is asked. */
#define UI_PEOPLE_PAUSE_MS	300
/* Characters typed before Salesforce is asked (one letter matches all). */
#define UI_PEOPLE_MIN_CHARS	2

struct ui_people {
	int			 who;
	char			*needle;
	size_t			 len;
	size_t			 cap;
	struct person_list	 list;
	size_t			 sel;
	size_t			 top;
	int			 searching;	/* asked, no answer yet */
	char			*asked;		/* the text last asked */
	unsigned		 gen;		/* ui->people_gen when asked */
	char			*note;		/* the status line */
	char			*error;
};

/* Reads the matches from the cache again. */
static void
ui_people_filter(struct ui *ui, struct ui_people *p)
{
	char	*cause = NULL;

	person_list_free(&p->list);
	free(p->error);
	p->error = NULL;
	if (store_person_search(ui->ctx->store, p->needle, p->who, 200,
	    &p->list, &cause) != STORE_OK)
		p->error = cause;
	if (p->sel >= p->list.n)
		p->sel = p->list.n > 0 ? p->list.n - 1 : 0;
}

/* The text changed: filter now, ask Salesforce once typing pauses. */
static void
ui_people_typed(struct ui *ui, struct ui_people *p)
{
	p->sel = p->top = 0;
	ui_people_filter(ui, p);
	if (ui->sync != NULL && utf8_count(p->needle) >= UI_PEOPLE_MIN_CHARS)
		ui->people_due_ms = now_ms() + UI_PEOPLE_PAUSE_MS;
	else
		ui->people_due_ms = 0;
}

static void
ui_people_note(struct ui_people *p, char *note)
{
	free(p->note);
	p->note = note;
}

static void
ui_people_draw(struct ui *ui, struct ui_people *p)
{
	const struct person	*v;
	char			*s, *name, *detail;
	int			 y, rows, cx;
	size_t			 i;

	werase(stdscr);
	wattrset(stdscr, ui_attr(ui, UI_PAIR_BAR, A_REVERSE) | A_BOLD);
	wmove(stdscr, 0, 0);
	ui_text_put(stdscr, p->who ?
	    /* TRANSLATORS: the link picker's title; at most 80 columns. */
	    _(" Link a person (Contact or Lead)") :
	    /* TRANSLATORS: the link picker's title; at most 80 columns. */
	    _(" Link a record (Account)"), COLS, 1);
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, 2, 1);
	/* TRANSLATORS: the picker's search field label; at most 9 columns. */
	ui_text_put(stdscr, _("Find:"), 9, 1);
	wattrset(stdscr, A_UNDERLINE);
	wmove(stdscr, 2, 11);
	cx = 11 + ui_text_put(stdscr, p->needle, COLS - 13, 1);
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, 3, 11);
	wattrset(stdscr, A_DIM);
	ui_text_put(stdscr, p->note != NULL ? p->note : "", COLS - 12, 1);
	wattrset(stdscr, A_NORMAL);
	rows = LINES - 7;
	if (rows < 1)
		rows = 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	if (p->list.n == 0) {
		wmove(stdscr, 5, 3);
		ui_text_put(stdscr, *p->needle == '\0' ?
		    _("Type a few letters of the name.") :
		    _("No match in the cache."), COLS - 4, 1);
	}
	for (i = p->top, y = 5; i < p->list.n && y < 5 + rows; i++, y++) {
		v = &p->list.v[i];
		/* Names come from Salesforce (B5). */
		name = utf8_clean(v->name, UTF8_LINE);
		detail = utf8_clean(v->detail, UTF8_LINE);
		s = *detail != '\0' ? xasprintf("%s, %s", v->kind, detail) :
		    xstrdup(v->kind);
		wmove(stdscr, y, 1);
		wattrset(stdscr, i == p->sel ? A_REVERSE : A_NORMAL);
		waddstr(stdscr, i == p->sel ? ">" : " ");
		ui_text_put(stdscr, name, COLS / 2, 1);
		ui_text_put(stdscr, s, COLS - 2 - COLS / 2, 1);
		wattrset(stdscr, A_NORMAL);
		free(s);
		free(name);
		free(detail);
	}
	ui_footer(ui, LINES - 2, p->error,
	    /* TRANSLATORS: the picker's key hint; at most 80 columns. */
	    _(" Up/Down: choose  Enter: link  ^D: no link  Esc: cancel"));
	wmove(stdscr, 2, cx < COLS - 1 ? cx : COLS - 1);
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(ui);
}

/* The engine's answer, or the pause that sends the question. */
static void
ui_people_refresh(struct ui *ui, struct ui_people *p)
{
	if (ui->people_due_ms == -1) {
		ui->people_due_ms = 0;
		sync_people_search(ui->sync, p->needle, p->who);
		free(p->asked);
		p->asked = xstrdup(p->needle);
		p->searching = 1;
		p->gen = ui->people_gen;
		ui_people_note(p, xstrdup(_("searching Salesforce...")));
		return;
	}
	if (!p->searching || ui->people_gen == p->gen)
		return;
	/* New people may be in the cache whatever text was answered. */
	p->gen = ui->people_gen;
	if (ui->people_answer == NULL || p->asked == NULL ||
	    strcmp(ui->people_answer, p->asked) != 0) {
		ui_people_filter(ui, p);	/* an earlier text's answer */
		return;
	}
	p->searching = 0;
	if (ui->people_error != NULL)
		ui_people_note(p, xasprintf(_("Salesforce not searched: %s"),
		    ui->people_error));
	else
		ui_people_note(p, xasprintf(P_("Salesforce: %d match",
		    "Salesforce: %d matches", ui->people_found),
		    ui->people_found));
	ui_people_filter(ui, p);
}

/* Deletes the last character typed. */
static void
ui_people_backspace(struct ui_people *p)
{
	while (p->len > 0) {
		p->len--;
		if (((unsigned char)p->needle[p->len] & 0xc0) != 0x80)
			break;
	}
	p->needle[p->len] = '\0';
}

int
ui_people_pick(struct ui *ui, int who, const char *init, char **id,
    char **name)
{
	struct ui_people	 p;
	char			 b[4];
	size_t			 n;
	int			 key, rc = -1, rows;

	memset(&p, 0, sizeof p);
	p.who = who;
	p.len = strlen(init);
	p.cap = p.len + 64;
	p.needle = xcalloc(1, p.cap);
	memcpy(p.needle, init, p.len);
	*id = *name = NULL;
	ui_people_note(&p, xstrdup(ui->sync != NULL ?
	    _("the cache's matches; Salesforce is searched as you type") :
	    _("the cache's matches (this window does not sync)")));
	ui_people_typed(ui, &p);
	curs_set(1);
	while (rc < 0) {
		ui_people_draw(ui, &p);
		key = ui_getkey(ui);
		rows = LINES - 7 > 1 ? LINES - 7 : 1;
		switch (key) {
		case UI_KEY_QUIT:
		case UI_ESC:
		case UI_CTRL('c'):
		case UI_CTRL('g'):
			rc = 0;
			continue;
		case UI_KEY_REFRESH:
			ui_people_refresh(ui, &p);
			continue;
		case UI_FN(KEY_RESIZE):
			continue;
		case '\r':
		case '\n':
		case UI_FN(KEY_ENTER):
			if (p.list.n == 0)
				continue;
			*id = xstrdup(p.list.v[p.sel].sf_id);
			*name = xstrdup(p.list.v[p.sel].name);
			rc = 1;
			continue;
		case UI_CTRL('d'):
			rc = 2;
			continue;
		case UI_FN(KEY_UP):
		case UI_CTRL('p'):
			if (p.sel > 0)
				p.sel--;
			continue;
		case UI_FN(KEY_DOWN):
		case UI_CTRL('n'):
			if (p.sel + 1 < p.list.n)
				p.sel++;
			continue;
		case UI_FN(KEY_PPAGE):
			p.sel = p.sel > (size_t)rows ? p.sel - (size_t)rows : 0;
			continue;
		case UI_FN(KEY_NPAGE):
			p.sel += (size_t)rows;
			if (p.sel >= p.list.n)
				p.sel = p.list.n > 0 ? p.list.n - 1 : 0;
			continue;
		case UI_FN(KEY_BACKSPACE):
		case 0x7f:
		case UI_CTRL('h'):
			ui_people_backspace(&p);
			ui_people_typed(ui, &p);
			continue;
		case UI_CTRL('u'):
			p.len = 0;
			p.needle[0] = '\0';
			ui_people_typed(ui, &p);
			continue;
		}
		if (key < 0x20 || (key & UI_FN(0)) != 0 || key > 0x10ffff)
			continue;
		n = utf8_encode((unsigned int)key, b);
		if (p.len + n + 1 > p.cap) {
			p.cap *= 2;
			p.needle = xrealloc(p.needle, p.cap);
		}
		memcpy(p.needle + p.len, b, n);
		p.len += n;
		p.needle[p.len] = '\0';
		ui_people_typed(ui, &p);
	}
	curs_set(0);
	ui->people_due_ms = 0;
	person_list_free(&p.list);
	free(p.needle);
	free(p.asked);
	free(p.note);
	free(p.error);
	ui->dirty = 1;
	return (rc);
}

/*
 * The form's Who and What row at y: both links side by side, the focused
 * one highlighted (which: 0 Who, 1 What, -1 neither).  *cy, *cx get the
 * cursor when one has the focus.
 */
void
ui_people_row(struct ui *ui, int y, char *const names[2], int which,
    int *cy, int *cx)
{
	/* TRANSLATORS: form labels; at most 9 columns each. */
	const char	*label[2] = { _("Who"), _("What") };
	char		*s;
	int		 i, x, lw, w = (COLS - 2) / 2;

	for (i = 0; i < 2; i++) {
		x = 1 + i * w;
		/* The label's own width, however it translates (U10). */
		lw = ui_text_width(label[i]) + 1;
		if (lw < (i == 1 ? 5 : 10))
			lw = i == 1 ? 5 : 10;
		if (lw > w / 2)
			lw = w / 2;
		wmove(stdscr, y, x);
		wattrset(stdscr, which == i ? (ui_attr(ui, UI_PAIR_HEAD,
		    A_BOLD) | A_BOLD) : A_NORMAL);
		ui_text_put(stdscr, label[i], lw, 1);
		wattrset(stdscr, A_UNDERLINE);
		s = utf8_clean(names[i] != NULL ? names[i] : "", UTF8_LINE);
		ui_text_put(stdscr, *s != '\0' ? s : "-", w - lw - 1, 1);
		free(s);
		wattrset(stdscr, A_NORMAL);
		if (which == i) {
			*cy = y;
			*cx = x + lw;
		}
	}
}

/*
 * A key on the form's Who (which 0) or What (1) field: Enter, Space or a
 * letter opens the picker (the letter starts the search), Backspace or
 * Delete removes the link.  1 if the key was taken.
 */
int
ui_people_key(struct ui *ui, int which, int key, char **id, char **name)
{
	char	*nid, *nname, b[5];
	int	 rc;

	if (key == UI_FN(KEY_BACKSPACE) || key == 0x7f ||
	    key == UI_FN(KEY_DC) || key == UI_CTRL('h')) {
		free(*id);
		free(*name);
		*id = *name = NULL;
		return (1);
	}
	if (key != '\r' && key != '\n' && key != UI_FN(KEY_ENTER) &&
	    (key < 0x20 || (key & UI_FN(0)) != 0 || key > 0x10ffff))
		return (0);
	/* A letter typed on the field is the search's first. */
	b[key > 0x20 ? utf8_encode((unsigned int)key, b) : 0] = '\0';
	rc = ui_people_pick(ui, which == 0, b, &nid, &nname);
	if (rc == 1 || rc == 2) {
		free(*id);
		free(*name);
		*id = nid;
		*name = nname;
	}
	return (1);
}
