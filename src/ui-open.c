/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A reminder's type on the screen and the way back to Salesforce (issue
 * 17; doc/sync.md F8, F11): the one-cell type mark of a row, the type
 * filter (T), and o, which hands the rep the task's Lightning URL - opened
 * with the desktop's opener when the session has a local display, else
 * shown on the message line (an OSC 8 hyperlink where the terminal shows
 * one) and copied with OSC 52 when ui.clipboard allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TD_UI_INTERNAL
#include "config.h"
#include "i18n.h"
#include "open.h"
#include "ui.h"
#include "xmalloc.h"

const char *
ui_open_type_mark(const struct ui *ui, enum task_type t)
{
	/* Telephone location sign, envelope, small capital L: 1 cell. */
	static const char *const utf[TASK_NTYPES] = {
		" ", "\u2706", "\u2709", "\u029f"
	};
	static const char *const ascii[TASK_NTYPES] = { " ", "C", "E", "L" };

	if ((unsigned)t >= TASK_NTYPES)
		t = TASK_TYPE_OTHER;
	return (ui->utf8 ? utf[t] : ascii[t]);
}

/* T's order: calls, emails, LinkedIn messages, other; then all again. */
static const enum task_type ui_open_order[TASK_NTYPES] = {
	TASK_TYPE_CALL, TASK_TYPE_EMAIL, TASK_TYPE_LINKEDIN, TASK_TYPE_OTHER
};

/* The type T shows now (ui->type_filter != 0). */
static enum task_type
ui_open_shown(const struct ui *ui)
{
	return (ui_open_order[(ui->type_filter - 1) % TASK_NTYPES]);
}

void
ui_open_filter(const struct ui *ui, struct task_list *l)
{
	size_t	i, n = 0;

	if (ui->type_filter == 0)
		return;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].type == ui_open_shown(ui)) {
			if (n != i)
				l->v[n] = l->v[i];
			n++;
		} else
			task_release(&l->v[i]);
	}
	l->n = n;
}

char *
ui_open_heading(const struct ui *ui, char *s)
{
	char	*t;

	if (ui->type_filter == 0)
		return (s);
	/* TRANSLATORS: a list heading; %s the heading, then a type. */
	t = xasprintf(_("%s, only %s (T: next type)"), s,
	    _(task_type_label(ui_open_shown(ui))));
	free(s);
	return (t);
}

void
ui_key_type(struct ui *ui)
{
	/* All, then each type in turn, then all again. */
	ui->type_filter = (ui->type_filter + 1) % (TASK_NTYPES + 1);
	ui->reload = 1;
	ui->dirty = 1;
	if (ui->type_filter == 0)
		ui_message(ui, 0, "%s", _("all types shown"));
	else
		ui_message(ui, 0, _("only %s shown (T: next type)"),
		    _(task_type_label(ui_open_shown(ui))));
}

/*
 * Lays an OSC 8 hyperlink over the message line, where curses has just
 * drawn url at column 0, and puts the cursor back where curses has it.
 */
static void
ui_open_osc8(const char *url)
{
	char	*s;
	int	 y = getcury(curscr), x = getcurx(curscr);

	if (ui_text_width(url) >= COLS)
		return;
	s = open_osc8(url, url);
	printf("\033[%d;1H%s", LINES, s);
	free(s);
	fflush(stdout);
	mvcur(-1, -1, y, x);
	fflush(stdout);
}

void
ui_key_open(struct ui *ui)
{
	const struct task	*t;
	char			*url, *cause = NULL, *s;
	int			 copy;

	if (ui->list.n == 0) {
		ui_message(ui, 1, "%s", _("no reminder selected"));
		return;
	}
	t = &ui->list.v[ui->sel];
	if (t->sf_id == NULL) {
		cause = open_why_none(t);
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	url = open_task_url(config_get(ui->ctx->config, "sf.instance_url"),
	    t->sf_id);
	if (url == NULL) {
		ui_message(ui, 1, "%s", _("no Salesforce address known: log "
		    "in first (L)"));
		return;
	}
	if (open_local_display()) {
		if (open_launch(url, &cause) == 0)
			/* TRANSLATORS: %s is a URL. */
			ui_message(ui, 0, _("opened in the browser: %s"), url);
		else {
			ui_message(ui, 1, "%s  (%s)", url, cause);
			free(cause);
		}
		free(url);
		return;
	}
	copy = config_bool(ui->ctx->config, "ui.clipboard");
	if (copy)
		/* TRANSLATORS: %s is a URL; keep it first. */
		ui_message(ui, 0, _("%s  copied (OSC 52)"), url);
	else
		ui_message(ui, 0, "%s", url);
	ui_list_draw(ui);
	if (copy) {
		s = open_osc52(url);
		fputs(s, stdout);
		fflush(stdout);
		free(s);
	}
	if (open_osc8_ok())
		ui_open_osc8(url);
	free(url);
}
