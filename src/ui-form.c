/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Typing in the command center: a UTF-8 line editor (single- or
 * multi-line, cursor keys, Home/End, Backspace/Delete, ^A ^E ^K ^U,
 * scrolling by display columns, never bytes), the prompt and y/n
 * question on the message line, and the add / edit form (name, due date,
 * priority, details).  Saving goes through cmd_add / cmd_edit, the same
 * operations as the CLI, so validation and storage are identical.
 */
#include <stdlib.h>
#include <string.h>

#define TD_UI_INTERNAL
#include "date.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* The text being edited and where the cursor is (a byte offset). */
struct ui_edit {
	char	*s;
	size_t	 len;
	size_t	 cap;
	size_t	 cur;
	int	 multi;		/* Enter inserts a line break */
	int	 hscroll;	/* first column shown of the cursor line */
	int	 vscroll;	/* first line shown (multi) */
};

/* Starts editing a copy of text. */
static void
ui_edit_init(struct ui_edit *e, const char *text, int multi)
{
	memset(e, 0, sizeof *e);
	e->len = strlen(text);
	e->cap = e->len + 64;
	e->s = xmalloc(e->cap);
	memcpy(e->s, text, e->len + 1);
	e->cur = e->len;
	e->multi = multi;
}

static void
ui_edit_release(struct ui_edit *e)
{
	free(e->s);
	e->s = NULL;
}

/* Inserts n bytes at the cursor. */
static void
ui_edit_insert(struct ui_edit *e, const char *b, size_t n)
{
	if (e->len + n + 1 > e->cap) {
		e->cap = (e->len + n + 1) * 2;
		e->s = xrealloc(e->s, e->cap);
	}
	memmove(e->s + e->cur + n, e->s + e->cur, e->len - e->cur + 1);
	memcpy(e->s + e->cur, b, n);
	e->len += n;
	e->cur += n;
}

/* Removes the bytes [from, to). */
static void
ui_edit_cut(struct ui_edit *e, size_t from, size_t to)
{
	memmove(e->s + from, e->s + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

/* The start of the code point before byte offset i. */
static size_t
ui_edit_prev(const struct ui_edit *e, size_t i)
{
	if (i == 0)
		return (0);
	i--;
	while (i > 0 && ((unsigned char)e->s[i] & 0xc0) == 0x80)
		i--;
	return (i);
}

/* The offset after the code point at i. */
static size_t
ui_edit_next(const struct ui_edit *e, size_t i)
{
	unsigned int	cp;

	if (i >= e->len)
		return (e->len);
	return (utf8_decode(e->s, i, &cp));
}

/* The start of the line holding offset i. */
static size_t
ui_edit_bol(const struct ui_edit *e, size_t i)
{
	while (i > 0 && e->s[i - 1] != '\n')
		i--;
	return (i);
}

/* The end (the '\n' or the NUL) of the line holding offset i. */
static size_t
ui_edit_eol(const struct ui_edit *e, size_t i)
{
	while (i < e->len && e->s[i] != '\n')
		i++;
	return (i);
}

/* Display columns between offsets from and to on one line. */
static int
ui_edit_cols(const struct ui_edit *e, size_t from, size_t to)
{
	unsigned int	cp;
	int		w = 0;

	while (from < to) {
		from = utf8_decode(e->s, from, &cp);
		w += ui_text_cpwidth(cp);
	}
	return (w);
}

/* The offset on the line starting at bol closest to column col. */
static size_t
ui_edit_at_col(const struct ui_edit *e, size_t bol, int col)
{
	size_t		i = bol, eol = ui_edit_eol(e, bol), j;
	unsigned int	cp;
	int		w = 0, cw;

	while (i < eol) {
		j = utf8_decode(e->s, i, &cp);
		cw = ui_text_cpwidth(cp);
		if (w + cw > col)
			break;
		w += cw;
		i = j;
	}
	return (i);
}

/*
 * Applies an editing key; returns 1 if it was one, 0 if the caller should
 * handle it (Up on the first line, Enter in a one-line field, ...).
 */
static int
ui_edit_key(struct ui_edit *e, int key)
{
	char	b[4];
	size_t	bol, n;
	int	col;

	switch (key) {
	case UI_FN(KEY_LEFT):
	case UI_CTRL('b'):
		e->cur = ui_edit_prev(e, e->cur);
		return (1);
	case UI_FN(KEY_RIGHT):
	case UI_CTRL('f'):
		e->cur = ui_edit_next(e, e->cur);
		return (1);
	case UI_FN(KEY_HOME):
	case UI_CTRL('a'):
		e->cur = ui_edit_bol(e, e->cur);
		return (1);
	case UI_FN(KEY_END):
	case UI_CTRL('e'):
		e->cur = ui_edit_eol(e, e->cur);
		return (1);
	case UI_FN(KEY_BACKSPACE):
	case 0x7f:
	case UI_CTRL('h'):
		if (e->cur > 0)
			ui_edit_cut(e, ui_edit_prev(e, e->cur), e->cur);
		return (1);
	case UI_FN(KEY_DC):
	case UI_CTRL('d'):
		if (e->cur < e->len)
			ui_edit_cut(e, e->cur, ui_edit_next(e, e->cur));
		return (1);
	case UI_CTRL('k'):
		ui_edit_cut(e, e->cur, ui_edit_eol(e, e->cur));
		return (1);
	case UI_CTRL('u'):
		ui_edit_cut(e, ui_edit_bol(e, e->cur), e->cur);
		return (1);
	case UI_FN(KEY_UP):
	case UI_FN(KEY_DOWN):
		if (!e->multi)
			return (0);
		bol = ui_edit_bol(e, e->cur);
		col = ui_edit_cols(e, bol, e->cur);
		if (key == UI_FN(KEY_UP)) {
			if (bol == 0)
				return (0);
			e->cur = ui_edit_at_col(e, ui_edit_bol(e, bol - 1),
			    col);
		} else {
			n = ui_edit_eol(e, e->cur);
			if (n >= e->len)
				return (0);
			e->cur = ui_edit_at_col(e, n + 1, col);
		}
		return (1);
	case '\r':
	case '\n':
	case UI_FN(KEY_ENTER):
		if (!e->multi)
			return (0);
		ui_edit_insert(e, "\n", 1);
		return (1);
	}
	if (key >= 0x20 && key != 0x7f && key < 0x110000 &&
	    !(key >= 0x80 && key < 0xa0) && !(key >= 0xd800 && key < 0xe000)) {
		n = utf8_encode((unsigned int)key, b);
		ui_edit_insert(e, b, n);
		return (1);
	}
	return (0);
}

/* Draws from offset bol to the end of its line, skipping skip columns. */
static void
ui_edit_line(const struct ui_edit *e, size_t bol, int skip, int w)
{
	size_t		 i = bol, eol = ui_edit_eol(e, bol);
	char		*line;
	unsigned int	 cp;
	int		 col = 0, pad = 0;

	while (i < eol && col < skip) {
		i = utf8_decode(e->s, i, &cp);
		col += ui_text_cpwidth(cp);
	}
	if (col > skip)
		pad = col - skip;	/* a wide char cut at the left edge */
	line = xstrndup(e->s + i, eol - i);
	for (; pad > 0 && w > 0; pad--, w--)
		waddch(stdscr, ' ');
	ui_text_put(stdscr, line, w, 1);
	free(line);
}

/*
 * Draws the editor in the box (y, x, h, w).  If focused, returns the
 * screen position of the cursor in *cy, *cx.
 */
static void
ui_edit_draw(struct ui_edit *e, int y, int x, int h, int w, int focused,
    int *cy, int *cx)
{
	size_t	bol, p;
	int	line = 0, curline, col, i;

	if (w < 2 || h < 1)
		return;
	bol = ui_edit_bol(e, e->cur);
	for (p = 0; p < bol; p++)
		if (e->s[p] == '\n')
			line++;
	curline = line;
	col = ui_edit_cols(e, bol, e->cur);
	if (col < e->hscroll)
		e->hscroll = col;
	if (col > e->hscroll + w - 2)
		e->hscroll = col - w + 2;
	if (curline < e->vscroll)
		e->vscroll = curline;
	if (curline >= e->vscroll + h)
		e->vscroll = curline - h + 1;
	p = 0;
	for (line = 0; line < e->vscroll; line++)
		p = ui_edit_eol(e, p) + 1;
	for (i = 0; i < h; i++) {
		wmove(stdscr, y + i, x);
		if (p > e->len) {
			ui_text_put(stdscr, "", w, 1);
			continue;
		}
		ui_edit_line(e, p, line == curline ? e->hscroll : 0, w);
		p = ui_edit_eol(e, p) + 1;
		line++;
	}
	if (focused) {
		*cy = y + curline - e->vscroll;
		*cx = x + col - e->hscroll;
	}
}

/* Draws a prompt on the message line over the main screen. */
static void
ui_form_prompt_draw(struct ui *ui, const char *label, struct ui_edit *e)
{
	int	lw, cy = 0, cx = 0;

	wmove(stdscr, LINES - 1, 0);
	wattrset(stdscr, A_BOLD);
	lw = ui_text_put(stdscr, label, COLS / 2, 0);
	wattrset(stdscr, A_NORMAL);
	ui_edit_draw(e, LINES - 1, lw, 1, COLS - lw, 1, &cy, &cx);
	wmove(stdscr, cy, cx);
	wnoutrefresh(stdscr);
	doupdate();
	(void)ui;
}

/* Asks for one line on the message line; NULL if cancelled (Esc). */
char *
ui_form_prompt(struct ui *ui, const char *label, const char *init)
{
	return (ui_form_prompt_live(ui, label, init, NULL, NULL));
}

char *
ui_form_prompt_live(struct ui *ui, const char *label, const char *init,
    void (*changed)(struct ui *, const char *, void *), void *arg)
{
	return (ui_form_prompt_over(ui, label, init, changed, arg, NULL));
}

char *
ui_form_prompt_over(struct ui *ui, const char *label, const char *init,
    void (*changed)(struct ui *, const char *, void *), void *arg,
    void (*redraw)(struct ui *, void *))
{
	struct ui_edit	 e;
	char		*s = NULL, *last;
	int		 key;

	ui_edit_init(&e, init, 0);
	last = xstrdup(init);
	curs_set(1);
	for (;;) {
		if (changed != NULL && strcmp(last, e.s) != 0) {
			free(last);
			last = xstrdup(e.s);
			changed(ui, e.s, arg);
			if (redraw != NULL)
				redraw(ui, arg);
			else
				ui_list_draw(ui);
		}
		ui_form_prompt_draw(ui, label, &e);
		key = ui_getkey(ui);
		if (key == UI_KEY_QUIT || key == UI_ESC ||
		    key == UI_CTRL('c') || key == UI_CTRL('g'))
			break;
		if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
			s = xstrdup(e.s);
			break;
		}
		if (key == UI_FN(KEY_RESIZE) || (key == UI_KEY_REFRESH &&
		    changed != NULL)) {
			if (redraw != NULL)
				redraw(ui, arg);
			else
				ui_list_draw(ui);	/* live: the pane follows */
			continue;
		}
		ui_edit_key(&e, key);
	}
	curs_set(0);
	ui_edit_release(&e);
	free(last);
	ui->dirty = 1;
	return (s);
}

/*
 * Draws a question on the message line.  One too wide for the terminal
 * is cut inside its quoted part, so what follows the last '"' (the
 * question itself, "? (y/n)") stays in sight.
 */
static void
ui_form_question(const char *question)
{
	const char	*q = strrchr(question, '"');
	char		*head;
	int		 tw;

	wmove(stdscr, LINES - 1, 0);
	if (q == NULL || ui_text_width(question) <= COLS ||
	    (tw = ui_text_width(q)) >= COLS - 8) {
		ui_text_put(stdscr, question, COLS, 1);
		return;
	}
	head = xstrndup(question, (size_t)(q - question));
	ui_text_put(stdscr, head, COLS - tw, 0);
	ui_text_put(stdscr, q, tw, 1);
	free(head);
}

/* Asks a yes/no question on the message line; 1 for yes. */
int
ui_form_confirm(struct ui *ui, const char *question)
{
	int	key;

	for (;;) {
		wattrset(stdscr, A_BOLD);
		ui_form_question(question);
		wattrset(stdscr, A_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		key = ui_getkey(ui);
		if (key == 'y' || key == 'Y')
			return (1);
		if (key == 'n' || key == 'N' || key == UI_ESC ||
		    key == UI_KEY_QUIT || key == 'q' || key == UI_CTRL('c'))
			return (0);
		if (key == UI_FN(KEY_RESIZE))
			ui_list_draw(ui);
	}
}

enum ui_field { UI_F_NAME, UI_F_DUE, UI_F_PRIO, UI_F_TYPE, UI_F_DETAILS,
    UI_F_WHO, UI_F_WHAT, UI_NFIELDS };

/* The add / edit form's state. */
struct ui_form {
	struct ui_edit		 name, due, details;
	enum task_priority	 prio;
	enum task_type		 type;		/* F8 */
	enum ui_field		 focus;
	char			*error;
	const struct task	*orig;	/* NULL when adding */
	char			*due0;	/* the due field as it opened */
	char			*link_id[2];	/* Who, What (F12; ui-people.c) */
	char			*link_name[2];
};

/* 1 if link i (0 Who, 1 What) differs from the one the form opened with. */
static int
ui_form_link_changed(const struct ui_form *f, int i)
{
	const char	*o = f->orig == NULL ? NULL : i == 0 ?
			    f->orig->who_id : f->orig->what_id;

	return (strcmp(o != NULL ? o : "", f->link_id[i] != NULL ?
	    f->link_id[i] : "") != 0);
}

/* 1 if the form holds anything its opening did not (Esc asks then). */
static int
ui_form_changed(const struct ui_form *f)
{
	const struct task	*o = f->orig;

	return (strcmp(f->name.s, o != NULL ? o->name : "") != 0 ||
	    strcmp(f->due.s, f->due0) != 0 ||
	    f->prio != (o != NULL ? o->priority : TASK_NORMAL) ||
	    f->type != (o != NULL ? o->type : TASK_TYPE_OTHER) ||
	    strcmp(f->details.s, o != NULL && o->details != NULL ?
	    o->details : "") != 0 || ui_form_link_changed(f, 0) ||
	    ui_form_link_changed(f, 1));
}

/*
 * The form's labels, and the column its fields start at: after the widest
 * label as the screen shows it (display width: a translated label may be
 * longer or double-width), at least 11 as in English.
 */
/* TRANSLATORS: a label of the add/edit form, left of its field; at most
   20 columns (the widest label pushes every field to the right). */
static const char *ui_form_labels[] = { N_("Name"),
	/* TRANSLATORS: form label (due date); at most 20 columns. */
	N_("Due"),
	/* TRANSLATORS: form label; at most 20 columns. */
	N_("Priority"),
	/* TRANSLATORS: form label (the description); at most 20
	   columns. */
	N_("Details"),
	/* TRANSLATORS: form label (Call, Email, LinkedIn, Other); at most
	   20 columns. */
	N_("Type") };

static int
ui_form_col(void)
{
	size_t	i;
	int	x = 11, w;

	for (i = 0; i < sizeof ui_form_labels / sizeof ui_form_labels[0];
	    i++)
		if ((w = ui_text_width(_(ui_form_labels[i])) + 2) > x)
			x = w;
	return (x > COLS / 3 ? (COLS / 3 > 11 ? COLS / 3 : 11) : x);
}

/* Draws a field label, highlighted when it has the focus. */
static void
ui_form_label(struct ui *ui, int y, const char *label, int focused)
{
	wmove(stdscr, y, 1);
	wattrset(stdscr, focused ? (ui_attr(ui, UI_PAIR_HEAD, A_BOLD) |
	    A_BOLD) : A_NORMAL);
	ui_text_put(stdscr, _(label), ui_form_col() - 1, 1);
	wattrset(stdscr, A_NORMAL);
}

/* The type's choices in the order shown (F8). */
static const enum task_type ui_form_types[TASK_NTYPES] = {
	TASK_TYPE_CALL, TASK_TYPE_EMAIL, TASK_TYPE_LINKEDIN, TASK_TYPE_OTHER
};

/* Draws the type row (8): "(*) Call  ( ) Email ..."; Space cycles. */
static void
ui_form_type(struct ui *ui, const struct ui_form *f, int x0, int w, int *cy,
    int *cx)
{
	const char	*l;
	int		 i, x = x0;

	ui_form_label(ui, 8, ui_form_labels[4], f->focus == UI_F_TYPE);
	wmove(stdscr, 8, x);
	for (i = 0; i < TASK_NTYPES && x + 4 < x0 + w; i++) {
		if (f->focus == UI_F_TYPE && f->type == ui_form_types[i]) {
			*cy = 8;
			*cx = x + 1;
		}
		waddstr(stdscr, f->type == ui_form_types[i] ? "(*) " : "( ) ");
		l = _(task_type_label(ui_form_types[i]));
		x += 4 + ui_text_put(stdscr, l, ui_text_width(l), 0);
		waddstr(stdscr, "  ");
		x += 2;
	}
}

/* The type dir steps from t in the order shown. */
static enum task_type
ui_form_next_type(enum task_type t, int dir)
{
	int	i;

	for (i = 0; i < TASK_NTYPES; i++)
		if (ui_form_types[i] == t)
			break;
	return (ui_form_types[(i + TASK_NTYPES + dir) % TASK_NTYPES]);
}

/* Draws the whole form and puts the cursor in the focused field. */
static void
ui_form_draw(struct ui *ui, struct ui_form *f)
{
	char	*title, *prio;
	int	 x = ui_form_col(), cy = 0, cx = 0, w = COLS - x - 1, dh;

	werase(stdscr);
	if (f->orig != NULL)
		/* TRANSLATORS: title of the edit form; keep the leading
		   space. */
		title = xasprintf(_(" Edit reminder %lld"),
		    (long long)f->orig->id);
	else
		/* TRANSLATORS: title of the add form; keep the leading
		   space. */
		title = xstrdup(_(" Add a reminder"));
	wattrset(stdscr, ui_attr(ui, UI_PAIR_BAR, A_REVERSE) | A_BOLD);
	wmove(stdscr, 0, 0);
	ui_text_put(stdscr, title, COLS, 1);
	wattrset(stdscr, A_NORMAL);
	free(title);

	ui_form_label(ui, 2, ui_form_labels[0], f->focus == UI_F_NAME);
	wattrset(stdscr, A_UNDERLINE);
	ui_edit_draw(&f->name, 2, x, 1, w, f->focus == UI_F_NAME, &cy, &cx);
	wattrset(stdscr, A_NORMAL);

	ui_form_label(ui, 4, ui_form_labels[1], f->focus == UI_F_DUE);
	wattrset(stdscr, A_UNDERLINE);
	ui_edit_draw(&f->due, 4, x, 1, w < 20 ? w : 20, f->focus == UI_F_DUE,
	    &cy, &cx);
	wattrset(stdscr, A_DIM);
	wmove(stdscr, 5, x);
	/* TRANSLATORS: the hint under the due date field: what can be
	   typed there.  YYYY-MM-DD and +3d stay as they are; "today" and
	   "tomorrow" are typed words: keep the English ones unless your
	   language's words are accepted too.  At most 68 columns. */
	ui_text_put(stdscr, _("YYYY-MM-DD, today, tomorrow, +3d, or empty"),
	    w, 1);
	wattrset(stdscr, A_NORMAL);

	ui_form_label(ui, 7, ui_form_labels[2], f->focus == UI_F_PRIO);
	wmove(stdscr, 7, x);
	/* The two choices, each word in its own width (translated). */
	prio = xasprintf("(%c) %s  (%c) %s", f->prio == TASK_HIGH ? ' ' :
	    '*', ui_word_priority(TASK_NORMAL), f->prio == TASK_HIGH ? '*' :
	    ' ', ui_word_priority(TASK_HIGH));
	ui_text_put(stdscr, prio, w, 1);
	free(prio);
	if (f->focus == UI_F_PRIO) {
		cy = 7;
		cx = f->prio == TASK_HIGH ? x + 7 +
		    ui_text_width(ui_word_priority(TASK_NORMAL)) : x + 1;
	}

	ui_form_type(ui, f, x, w, &cy, &cx);

	ui_form_label(ui, 9, ui_form_labels[3], f->focus == UI_F_DETAILS);
	dh = LINES - 15;
	if (dh < 1)
		dh = 1;
	ui_text_hline(stdscr, 10, 1, COLS - 2);
	ui_edit_draw(&f->details, 11, 2, dh, COLS - 4,
	    f->focus == UI_F_DETAILS, &cy, &cx);
	ui_text_hline(stdscr, 11 + dh, 1, COLS - 2);
	ui_people_row(ui, 12 + dh, f->link_name, f->focus == UI_F_WHO ? 0 :
	    f->focus == UI_F_WHAT ? 1 : -1, &cy, &cx);

	ui_footer(ui, LINES - 2, f->error, f->focus == UI_F_WHO ||
	    f->focus == UI_F_WHAT ?
	    /* TRANSLATORS: the form's key hint on Who/What; 80 columns. */
	    _(" Tab: field  Enter or a letter: find  Backspace: no link  "
	    "^S: save") :
	    /* TRANSLATORS: the form's key line: Tab, S-Tab, Space, ^S, F2
	       and Esc are keys and stay; at most 79 columns. */
	    _(" Tab/S-Tab: field  Space: priority  ^S or F2: save  Esc: "
	    "cancel"));
	wmove(stdscr, cy, cx);
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(ui);
}

/* Validates and saves the form; 0 on success, else -1 with f->error. */
static int
ui_form_save(struct ui *ui, struct ui_form *f)
{
	struct task	 v;
	char		*cause = NULL;
	unsigned	 mask = 0;
	int32_t		 due = DATE_NONE;
	enum cmd_rc	 rc;
	int64_t		 id;

	free(f->error);
	f->error = NULL;
	if (*f->due.s != '\0' && date_parse_user(f->due.s, ui->today, &due,
	    &cause) != 0) {
		f->error = cause;
		f->focus = UI_F_DUE;
		return (-1);
	}
	task_init(&v);
	v.name = f->name.s;
	v.details = f->details.s;
	v.priority = f->prio;
	v.type = f->type;
	v.due = due;
	v.who_id = f->link_id[0];
	v.who = f->link_name[0];
	v.what_id = f->link_id[1];
	v.what = f->link_name[1];
	if (f->orig == NULL) {
		rc = cmd_add(ui->ctx, &v, &cause);
		id = v.id;
	} else {
		id = f->orig->id;
		if (strcmp(f->orig->name, v.name) != 0)
			mask |= TASK_F_NAME;
		if (f->orig->due != v.due)
			mask |= TASK_F_DUE;
		if (f->orig->priority != v.priority)
			mask |= TASK_F_PRIORITY;
		if (strcmp(f->orig->details != NULL ? f->orig->details : "",
		    v.details) != 0)
			mask |= TASK_F_DETAILS;
		if (f->orig->type != v.type)
			mask |= TASK_F_TYPE;
		mask |= (ui_form_link_changed(f, 0) ? TASK_F_WHO : 0) |
		    (ui_form_link_changed(f, 1) ? TASK_F_WHAT : 0);
		rc = mask != 0 ? cmd_edit(ui->ctx, id, &v, mask, &cause) :
		    CMD_OK;
	}
	if (rc != CMD_OK) {
		f->error = cause;
		if (rc == CMD_EINVAL) {
			/* The field at fault, not the (translated) words. */
			char	*why = NULL;

			f->focus = task_check_name(v.name, &why) != 0 ?
			    UI_F_NAME : UI_F_DETAILS;
			free(why);
		}
		return (-1);
	}
	if (f->orig == NULL)
		ui_message(ui, 0, _("added reminder %lld"), (long long)id);
	else if (mask == 0)
		ui_message(ui, 0, "%s", _("nothing changed"));
	else if ((mask & TASK_F_TYPE) &&
	    (cause = cmd_type_note(ui->ctx, id, v.type)) != NULL) {
		ui_message(ui, 1, "%s", cause);		/* F9: kept here */
		free(cause);
	} else
		ui_message(ui, 0, _("saved reminder %lld"), (long long)id);
	ui->sel_id = id;
	if (f->orig == NULL || mask != 0)
		ui_after_edit(ui);
	return (0);
}

/* The add (orig NULL) or edit form; returns when saved or cancelled. */
void
ui_form_task(struct ui *ui, const struct task *orig)
{
	struct ui_form	 f;
	struct ui_edit	*e;
	char		 due[DATE_BUFSZ];
	int		 key, done = 0;

	memset(&f, 0, sizeof f);
	f.orig = orig;
	ui_edit_init(&f.name, orig != NULL ? orig->name : "", 0);
	ui_edit_init(&f.due, orig != NULL ? date_format(orig->due, due) :
	    date_format(ui->today, due), 0);
	ui_edit_init(&f.details, orig != NULL && orig->details != NULL ?
	    orig->details : "", 1);
	f.prio = orig != NULL ? orig->priority : TASK_NORMAL;
	f.type = orig != NULL ? orig->type : TASK_TYPE_OTHER;
	f.due0 = xstrdup(f.due.s);
	if (orig != NULL && orig->who_id != NULL) {
		f.link_id[0] = xstrdup(orig->who_id);
		f.link_name[0] = xstrdup(orig->who != NULL ? orig->who : "?");
	}
	if (orig != NULL && orig->what_id != NULL) {
		f.link_id[1] = xstrdup(orig->what_id);
		f.link_name[1] = xstrdup(orig->what != NULL ? orig->what :
		    "?");
	}
	curs_set(1);
	while (!done) {
		ui_form_draw(ui, &f);
		key = ui_getkey(ui);
		e = NULL;
		if (f.focus == UI_F_NAME)
			e = &f.name;
		else if (f.focus == UI_F_DUE)
			e = &f.due;
		else if (f.focus == UI_F_DETAILS)
			e = &f.details;
		switch (key) {
		case UI_ESC:
		case UI_CTRL('c'):
			if (ui_form_changed(&f) && !ui_form_confirm(ui,
			    /* TRANSLATORS: y and n are the keys that answer;
			       keep "(y/n)". */
			    f.orig != NULL ? _("Discard the changes to this "
			    "reminder? (y/n)") :
			    /* TRANSLATORS: y and n are the keys that answer;
			       keep "(y/n)". */
			    _("Discard this new reminder? (y/n)")))
				continue;
			/* FALLTHROUGH */
		case UI_KEY_QUIT:
			ui_message(ui, 0, "%s", _("cancelled"));
			done = 1;
			continue;
		case UI_CTRL('s'):
		case UI_FN(KEY_F(2)):
			if (ui_form_save(ui, &f) == 0)
				done = 1;
			continue;
		case '\t':
			f.focus = (f.focus + 1) % UI_NFIELDS;
			continue;
		case UI_FN(KEY_BTAB):
			f.focus = (f.focus + UI_NFIELDS - 1) % UI_NFIELDS;
			continue;
		case UI_FN(KEY_RESIZE):
		case UI_KEY_REFRESH:
			continue;
		}
		if (f.focus == UI_F_PRIO && (key == ' ' ||
		    key == UI_FN(KEY_LEFT) || key == UI_FN(KEY_RIGHT) ||
		    key == 'h' || key == 'l')) {
			f.prio = f.prio == TASK_HIGH ? TASK_NORMAL : TASK_HIGH;
			continue;
		}
		if (f.focus == UI_F_TYPE && (key == ' ' ||
		    key == UI_FN(KEY_LEFT) || key == UI_FN(KEY_RIGHT) ||
		    key == 'h' || key == 'l')) {
			f.type = ui_form_next_type(f.type,
			    key == UI_FN(KEY_LEFT) || key == 'h' ? -1 : 1);
			continue;
		}
		if (e != NULL && ui_edit_key(e, key))
			continue;
		if ((f.focus == UI_F_WHO || f.focus == UI_F_WHAT) &&
		    key != UI_FN(KEY_UP) && key != UI_FN(KEY_DOWN) &&
		    ui_people_key(ui, f.focus == UI_F_WHAT, key,
		    &f.link_id[f.focus == UI_F_WHAT],
		    &f.link_name[f.focus == UI_F_WHAT])) {
			curs_set(1);
			continue;
		}
		if (key == UI_FN(KEY_UP) && f.focus > 0)
			f.focus--;
		else if ((key == UI_FN(KEY_DOWN) || key == '\r' ||
		    key == '\n' || key == UI_FN(KEY_ENTER)) &&
		    f.focus + 1 < UI_NFIELDS)
			f.focus++;
	}
	curs_set(0);
	ui_edit_release(&f.name);
	ui_edit_release(&f.due);
	ui_edit_release(&f.details);
	free(f.due0);
	free(f.error);
	for (key = 0; key < 2; key++) {
		free(f.link_id[key]);
		free(f.link_name[key]);
	}
	ui->dirty = 1;
}
