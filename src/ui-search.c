/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Search in the command center (SPEC U9): `/` shows every reminder whose
 * name, Who/What or details hold the typed text, updated at each key;
 * `n` and `N` move to the next and previous match of the last search in
 * the view on screen; `l` limits the view on screen to the matches (as
 * mutt's limit), also as the text is typed.  Matching folds case and
 * accents on both sides (utf8_fold), so KRÜGER finds Krüger and ferre
 * finds Ferrè; CJK text is matched as typed.  A listing read again later
 * (a sync change, an edit) passes through ui_search_apply, so the search
 * and the limit hold until they are left.
 */
#include <stdlib.h>
#include <string.h>

#define TD_UI_INTERNAL
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* A search or limit being typed: the listing it filters, folded once. */
struct ui_search_run {
	struct task_list	 src;
	char			**hay;		/* folded fields, per row */
	int			 limit;		/* l (else /) */
};

/* The folded name, Who, What and details of t, one per line (new). */
static char *
ui_search_hay(const struct task *t)
{
	char	*all, *f;

	all = xasprintf("%s\n%s\n%s\n%s", t->name, t->who != NULL ? t->who :
	    "", t->what != NULL ? t->what : "", t->details != NULL ?
	    t->details : "");
	f = utf8_fold(all);
	free(all);
	return (f);
}

/* 1 if t holds the folded text fneedle (empty matches everything). */
static int
ui_search_match(const struct task *t, const char *fneedle)
{
	char	*h;
	int	 m;

	if (*fneedle == '\0')
		return (1);
	h = ui_search_hay(t);
	m = strstr(h, fneedle) != NULL;
	free(h);
	return (m);
}

/* Keeps the reminders of l that hold text (NULL or "" keeps all). */
static void
ui_search_filter(struct task_list *l, const char *text)
{
	char	*f;
	size_t	 i, n = 0;

	if (text == NULL || *text == '\0')
		return;
	f = utf8_fold(text);
	for (i = 0; i < l->n; i++) {
		if (ui_search_match(&l->v[i], f)) {
			if (n != i)
				l->v[n] = l->v[i];
			n++;
		} else
			task_release(&l->v[i]);
	}
	l->n = n;
	free(f);
}

void
ui_search_apply(struct ui *ui, struct task_list *l)
{
	if (ui->view == UI_VIEW_SEARCH)
		ui_search_filter(l, ui->needle);
	ui_search_filter(l, ui->limit);
}

/* Shows the rows of the run that hold text, the cursor on the first. */
static void
ui_search_changed(struct ui *ui, const char *text, void *arg)
{
	struct ui_search_run	*r = arg;
	struct task_list	 l;
	char			*f = utf8_fold(text);
	size_t			 i;

	task_list_init(&l);
	for (i = 0; i < r->src.n; i++) {
		if (r->hay[i] == NULL)
			r->hay[i] = ui_search_hay(&r->src.v[i]);
		if (*f == '\0' || strstr(r->hay[i], f) != NULL)
			task_copy(task_list_push(&l), &r->src.v[i]);
	}
	free(f);
	task_list_free(&ui->list);
	ui->list = l;
	ui->list_gen++;
	ui->sel = 0;
	ui->sel_id = l.n > 0 ? l.v[0].id : 0;
	ui->top = 0;
	if (r->limit) {
		free(ui->limit);
		ui->limit = *text != '\0' ? xstrdup(text) : NULL;
	} else {
		free(ui->needle);
		ui->needle = xstrdup(text);
		ui->view = UI_VIEW_SEARCH;
	}
	ui->dirty = 1;
}

/*
 * Reads what a run filters: every reminder for a search, the view on
 * screen without its limit for a limit.  0, or -1 with a message shown.
 */
static int
ui_search_source(struct ui *ui, int limit, struct task_list *l)
{
	char		*cause = NULL;
	enum store_view	 v = STORE_VIEW_ALL;

	if (limit && ui->view == UI_VIEW_CENTER)
		v = STORE_VIEW_CENTER;
	task_list_init(l);
	if (cmd_list(ui->ctx, v, l, &cause) != CMD_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	if (limit && ui->view == UI_VIEW_SEARCH)
		ui_search_filter(l, ui->needle);
	return (0);
}

/* Runs a prompt whose every change filters the list (/ and l). */
static void
ui_search_run(struct ui *ui, int limit)
{
	struct ui_search_run	 r;
	enum ui_view		 view = ui->view;
	char			*old, *s;
	int64_t			 sel_id = ui->sel_id;
	size_t			 i;

	memset(&r, 0, sizeof r);
	r.limit = limit;
	if (ui_search_source(ui, limit, &r.src) != 0)
		return;
	r.hay = xcalloc(r.src.n + 1, sizeof *r.hay);
	old = limit ? ui->limit : ui->needle;
	old = old != NULL ? xstrdup(old) : NULL;
	/* Starts empty: typing never appends to the last search. */
	/* TRANSLATORS: prompts on the bottom line (l and /); keep the
	   space at the end; at most 20 columns. */
	s = ui_form_prompt_live(ui, limit ? _("Limit to: ") :
	    /* TRANSLATORS: the search prompt (/); at most 20 columns. */
	    _("Search: "), "",
	    ui_search_changed, &r);
	if (s == NULL) {
		/* Esc: back to where the rep was. */
		if (limit) {
			free(ui->limit);
			ui->limit = old;
		} else {
			free(ui->needle);
			ui->needle = old;
			ui->view = view;
		}
		old = NULL;
		ui->sel_id = sel_id;
		ui->reload = 1;
	} else if (limit && *s == '\0') {
		free(ui->limit);	/* an empty limit: the whole view */
		ui->limit = NULL;
		ui->reload = 1;
	} else if (!limit && *s == '\0') {
		ui->view = UI_VIEW_CENTER;
		ui->reload = 1;
	} else if (!limit)
		/* TRANSLATORS: n and N are keys and stay. */
		ui_message(ui, 0, P_("%zu found; n/N: next/previous match",
		    "%zu found; n/N: next/previous match", ui->list.n),
		    ui->list.n);
	free(s);
	free(old);
	for (i = 0; i < r.src.n; i++)
		free(r.hay[i]);
	free(r.hay);
	task_list_free(&r.src);
	ui->dirty = 1;
}

void
ui_search(struct ui *ui)
{
	ui_search_run(ui, 0);
}

void
ui_search_limit(struct ui *ui)
{
	ui_search_run(ui, 1);
}

void
ui_search_next(struct ui *ui, int dir)
{
	char	*f;
	size_t	 k, i, n = ui->list.n;

	if (ui->needle == NULL || *ui->needle == '\0') {
		/* TRANSLATORS: / is the key that searches. */
		ui_message(ui, 0, "%s", _("no search yet: press / to search"));
		return;
	}
	f = utf8_fold(ui->needle);
	for (k = 1; k <= n; k++) {
		i = dir > 0 ? (ui->sel + k) % n : (ui->sel + n - k % n) % n;
		if (!ui_search_match(&ui->list.v[i], f))
			continue;
		if ((dir > 0 && i <= ui->sel) || (dir < 0 && i >= ui->sel))
			ui_message(ui, 0, "%s", _("search wrapped"));
		ui->sel = i;
		ui->sel_id = ui->list.v[i].id;
		ui->dirty = 1;
		free(f);
		return;
	}
	free(f);
	ui_message(ui, 0, _("no match for \"%s\" here"), ui->needle);
}
