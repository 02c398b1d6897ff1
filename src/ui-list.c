/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The main screen of the command center: the Today and Tomorrow sections
 * (U1) or a flat list (all reminders, search results), rows with the
 * done box, priority, name, Who/What and sync badge (U2), the detail
 * pane of the selected reminder, the status line (U5) and the message
 * line.  Also the full-screen details of one reminder (Enter).  The
 * whole screen is drawn into stdscr and sent with one doupdate(), so
 * curses sends only the cells that changed (light over SSH).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TD_UI_INTERNAL
#include "config.h"
#include "date.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* One line of the list area: a section heading, a note or a reminder. */
struct ui_line {
	const char	*text;		/* heading or note; NULL for a row */
	size_t		 idx;		/* index into ui->list for a row */
	int		 heading;
};

/* Heights of the areas for the current terminal size. */
struct ui_layout {
	int	list_y, list_h;
	int	rule_y;
	int	detail_y, detail_h;
	int	status_y, msg_y;
};

/* Splits the screen: header, list, rule, details, status, message. */
static void
ui_list_layout(struct ui_layout *l)
{
	l->detail_h = (LINES - 4) / 4;
	if (l->detail_h > 10)
		l->detail_h = 10;
	if (l->detail_h < 2)
		l->detail_h = 2;
	l->list_y = 1;
	l->list_h = LINES - 4 - l->detail_h;
	if (l->list_h < 1)
		l->list_h = 1;
	l->rule_y = l->list_y + l->list_h;
	l->detail_y = l->rule_y + 1;
	l->status_y = LINES - 2;
	l->msg_y = LINES - 1;
}

/* Rows a page key moves. */
int
ui_list_page(const struct ui *ui)
{
	struct ui_layout	l;

	(void)ui;
	ui_list_layout(&l);
	return (l.list_h > 2 ? l.list_h - 2 : 1);
}

/* A heading with the limit in force (U9) said after it; frees s. */
static char *
ui_list_limited(const struct ui *ui, char *s)
{
	char	*t;

	s = ui_open_heading(ui, s);	/* T: one type (F8) */
	if (ui->limit == NULL)
		return (s);
	/* TRANSLATORS: a list heading such as "Today (3)", then the text the
	   view is limited to; l is the key that changes it. */
	t = xasprintf(_("%s, limited to \"%s\" (l: change)"), s, ui->limit);
	free(s);
	return (t);
}

/* Builds the lines of the list area; returns how many (*out is new). */
static size_t
ui_list_lines(struct ui *ui, struct ui_line **out)
{
	struct ui_line	*v;
	size_t		 i, n = 0, nt = 0, nm = 0;
	char		*s;

	v = xcalloc(ui->list.n + 6, sizeof *v);
	if (ui->view != UI_VIEW_CENTER) {
		if (ui->view == UI_VIEW_ALL)
			/* TRANSLATORS: list heading with the number of
			   reminders; at most 40 columns. */
			s = xasprintf(_("All reminders (%zu)"), ui->list.n);
		else
			/* TRANSLATORS: list heading: the search text, the
			   number of reminders found. */
			s = xasprintf(_("Search \"%s\" (%zu)"), ui->needle,
			    ui->list.n);
		v[n].text = ui_list_limited(ui, s);
		v[n++].heading = 1;
		for (i = 0; i < ui->list.n; i++)
			v[n++].idx = i;
		if (ui->list.n == 0)
			/* TRANSLATORS: under a heading when the list is
			   empty; keep the two leading spaces. */
			v[n++].text = xstrdup(_("  nothing found"));
		*out = v;
		return (n);
	}
	for (i = 0; i < ui->list.n; i++) {
		if (ui->list.v[i].due == ui->today + 1)
			nm++;
		else
			nt++;
	}
	if (ui->head) {
		/* The first frame: only a screenful is read, not counted. */
		nt = (size_t)ui->n_today;
		nm = (size_t)ui->n_tomorrow;
	}
	/* TRANSLATORS: section heading with the number of reminders due
	   today (and overdue); at most 40 columns. */
	v[n].text = ui_list_limited(ui, xasprintf(_("Today (%zu)"), nt));
	v[n++].heading = 1;
	for (i = 0; i < ui->list.n; i++)
		if (ui->list.v[i].due != ui->today + 1)
			v[n++].idx = i;
	if (nt == 0)
		/* TRANSLATORS: under the Today heading when it is empty;
		   keep the two leading spaces. */
		v[n++].text = xstrdup(_("  nothing due today"));
	v[n++].text = xstrdup("");
	/* TRANSLATORS: section heading with the number of reminders due
	   tomorrow; at most 40 columns (", more below" may follow). */
	v[n].text = xasprintf(_("Tomorrow (%zu)"), nm);
	v[n++].heading = 1;
	for (i = 0; i < ui->list.n; i++)
		if (ui->list.v[i].due == ui->today + 1)
			v[n++].idx = i;
	if (nm == 0)
		/* TRANSLATORS: keep the two leading spaces. */
		v[n++].text = xstrdup(_("  nothing due tomorrow"));
	*out = v;
	return (n);
}

/* Frees what ui_list_lines built. */
static void
ui_list_lines_free(struct ui_line *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free((char *)v[i].text);
	free(v);
}

/* "Who, What" of a reminder (new string), or "" if neither is set. */
static char *
ui_list_related(const struct task *t)
{
	if (t->who != NULL && t->what != NULL)
		return (xasprintf("%s, %s", t->who, t->what));
	if (t->who != NULL)
		return (xstrdup(t->who));
	if (t->what != NULL)
		return (xstrdup(t->what));
	return (xstrdup(""));
}

/* The overdue mark before a name, and its width with the space after. */
static const char *
ui_list_overdue(void)
{
	/* TRANSLATORS: a mark before a reminder's name in the list: the due
	   date has passed; at most 10 columns (it narrows the name). */
	return (C_("row mark", "overdue"));
}

static int
ui_list_overdue_w(void)
{
	return (ui_text_width(ui_list_overdue()) + 1);
}

/*
 * Measures the widest name (with its overdue mark) and the widest
 * Who, What of the listing, once per load, so the columns share the
 * width by content (the first 5,000 rows: a long tail does not cost
 * every load a pass over 100,000 names).
 */
static void
ui_list_measure(struct ui *ui)
{
	const struct task	*t;
	char			*rel;
	size_t			 i, n = ui->list.n < 5000 ? ui->list.n : 5000;
	int			 w;

	if (ui->cols_gen == ui->list_gen && ui->list_gen != 0)
		return;
	ui->need_name = ui->need_rel = 0;
	for (i = 0; i < n; i++) {
		t = &ui->list.v[i];
		w = ui_text_width(t->name);
		if (t->status == TASK_OPEN && task_overdue(t, ui->today))
			w += ui_list_overdue_w();
		if (w > ui->need_name)
			ui->need_name = w;
		if (t->who == NULL && t->what == NULL)
			continue;
		rel = ui_list_related(t);
		if ((w = ui_text_width(rel)) > ui->need_rel)
			ui->need_rel = w;
		free(rel);
	}
	ui->cols_gen = ui->list_gen;
}

/*
 * Splits avail columns between the name and Who/What by what they hold:
 * no Who/What column when no row has one; when both fit, Who/What ends
 * at the badge and names keep all they need; otherwise Who/What gets at
 * least a third.
 */
static void
ui_list_cols(const struct ui *ui, int avail, int *namew, int *relw)
{
	int	r;

	if (ui->need_rel == 0) {
		*namew = avail;
		*relw = 0;
		return;
	}
	r = avail - 1 - ui->need_name;
	if (r < avail / 3)
		r = avail / 3;
	if (r > ui->need_rel && ui->need_name + 1 + ui->need_rel > avail)
		r = ui->need_rel;
	*relw = r;
	*namew = avail - 1 - r;
	/* Too narrow for names: but short names that fit keep the column. */
	if (*namew < 12 && *namew < ui->need_name) {
		*namew = avail;
		*relw = 0;
	}
}

/*
 * Draws one reminder row at y.  The selected row is marked by '>' and
 * its box in reverse video, not a bar across the line: moving the cursor
 * then rewrites a few cells, not two whole lines (light over SSH, as
 * mutt's arrow_cursor).
 */
static void
ui_list_row(struct ui *ui, int y, const struct task *t, int selected)
{
	char		 due[DATE_SHOWSZ], *rel;
	const char	*badge = ui_word_sync(t->sync);
	int		 w = COLS, relw, namew, x, base, over;
	int		 bw = ui_word_sync_width();

	base = A_NORMAL;
	if (t->status == TASK_COMPLETE)
		base |= A_DIM;
	if (ui_day_fresh(ui, t->id))	/* just changed in Salesforce (U9) */
		base = (base & ~A_DIM) | A_BOLD | A_UNDERLINE;
	over = t->status == TASK_OPEN && task_overdue(t, ui->today);
	wattrset(stdscr, base);
	wmove(stdscr, y, 0);
	if (selected) {
		/* The box in reverse video shows the selection; the margin
		 * says '>' unless the row is tagged or fresh (U9). */
		wattron(stdscr, A_BOLD);
		waddch(stdscr, ui_day_tagged(ui, t->id) ? '*' :
		    ui_day_fresh(ui, t->id) ? '+' : '>');
		wattron(stdscr, A_REVERSE);
		waddstr(stdscr, t->status == TASK_COMPLETE ? "[x]" : "[ ]");
		wattrset(stdscr, base);
		waddch(stdscr, ' ');
	} else {
		/* The margin: tagged (;) or just changed in Salesforce. */
		waddch(stdscr, ui_day_tagged(ui, t->id) ? '*' :
		    ui_day_fresh(ui, t->id) ? '+' : ' ');
		waddstr(stdscr, t->status == TASK_COMPLETE ? "[x] " : "[ ] ");
	}
	if (t->priority == TASK_HIGH) {
		wattron(stdscr, ui_attr(ui, UI_PAIR_HIGH, A_BOLD));
		waddstr(stdscr, "!");
		wattrset(stdscr, base);
	} else
		waddstr(stdscr, " ");
	/* The type: one cell, a symbol or an ASCII letter (F8). */
	waddstr(stdscr, ui_open_type_mark(ui, t->type));
	waddch(stdscr, ' ');
	x = 8;
	if (ui->view != UI_VIEW_CENTER && w >= 60) {
		/* The locale's date (U10), 10 columns at most. */
		if (t->due != DATE_NONE)
			ui_text_put(stdscr, date_show(t->due, due), 10, 1);
		else
			/* TRANSLATORS: in the due date column of a row: the
			   reminder has no due date; at most 10 columns. */
			ui_text_put(stdscr, C_("date column", "no date"), 10,
			    1);
		waddch(stdscr, ' ');
		x += 11;
	}
	ui_list_cols(ui, w - x - 1 - bw, &namew, &relw);
	if (over) {
		wattron(stdscr, ui_attr(ui, UI_PAIR_OVERDUE, A_BOLD));
		ui_text_put(stdscr, ui_list_overdue(), ui_list_overdue_w() - 1,
		    0);
		waddch(stdscr, ' ');
		wattrset(stdscr, base);
		namew -= ui_list_overdue_w();
	}
	ui_text_put(stdscr, t->name, namew, 1);
	if (relw > 0) {
		waddch(stdscr, ' ');
		rel = ui_list_related(t);
		ui_text_put(stdscr, rel, relw, 1);
		free(rel);
	}
	waddch(stdscr, ' ');
	if (t->sync == TASK_SYNC_ERROR)
		wattron(stdscr, ui_attr(ui, UI_PAIR_ERR, A_BOLD));
	else if (t->sync == TASK_SYNC_SYNCED)
		wattron(stdscr, ui_attr(ui, UI_PAIR_OK, A_NORMAL));
	ui_text_put(stdscr, badge, bw, 1);
	wattrset(stdscr, base);
	ui_text_put(stdscr, "", w - getcurx(stdscr), 1);
	wattrset(stdscr, A_NORMAL);
}

/* Describes a due date relative to today: "today", "overdue", ... */
static const char *
ui_list_when(const struct task *t, int32_t today)
{
	if (t->due == DATE_NONE)
		/* TRANSLATORS: when a reminder is due, in parentheses after
		   its due date in the pane and details ("- (no due date)"). */
		return (C_("due", "no due date"));
	if (task_overdue(t, today))
		/* TRANSLATORS: when a reminder is due: the date has
		   passed ("2026-05-01 (overdue)"). */
		return (C_("due", "overdue"));
	if (t->due == today)
		/* TRANSLATORS: when a reminder is due. */
		return (C_("due", "today"));
	if (t->due == today + 1)
		/* TRANSLATORS: when a reminder is due. */
		return (C_("due", "tomorrow"));
	/* TRANSLATORS: due on a day before today (a completed reminder). */
	return (t->due < today ? C_("due", "past") :
	    /* TRANSLATORS: due after tomorrow. */
	    C_("due", "later"));
}

/* Draws text at (y, 0) over the full width, cut to one line. */
static void
ui_list_text(int y, const char *s, int attr)
{
	wattrset(stdscr, attr);
	wmove(stdscr, y, 0);
	ui_text_put(stdscr, s, COLS, 1);
	wattrset(stdscr, A_NORMAL);
}

/* The detail pane: what the rep needs about the selected reminder. */
static void
ui_list_pane(struct ui *ui, const struct ui_layout *l)
{
	const struct task	*t;
	char			 due[DATE_SHOWSZ], *s, *d, *p, *nl;
	int			 y = l->detail_y;
	int			 end = l->detail_y + l->detail_h;

	for (; y < end; y++) {
		wmove(stdscr, y, 0);
		wclrtoeol(stdscr);
	}
	y = l->detail_y;
	if (ui->list.n == 0) {
		/* TRANSLATORS: a is the key that adds; at most 79 columns. */
		ui_list_text(y, _(" No reminder selected. Press a to add one."),
		    A_NORMAL);
		return;
	}
	t = &ui->list.v[ui->sel];
	ui_list_text(y++, t->name, A_BOLD);
	if (y >= end)
		return;
	/* TRANSLATORS: detail pane: the due date, when that is ("today"),
	   the priority and the status; at most 80 columns. */
	s = xasprintf(_("Due %s (%s)  Priority %s  Status %s"),
	    t->due == DATE_NONE ? "-" : date_show(t->due, due),
	    ui_list_when(t, ui->today), ui_word_priority(t->priority),
	    ui_word_status(t->status));
	ui_list_text(y++, s, A_NORMAL);
	free(s);
	if (y < end && (t->who != NULL || t->what != NULL)) {
		/* TRANSLATORS: detail pane: the Salesforce Who (a contact
		   or lead) and What (an account, opportunity...). */
		s = xasprintf(_("Who: %s   What: %s"), t->who != NULL ?
		    t->who : "-", t->what != NULL ? t->what : "-");
		ui_list_text(y++, s, A_NORMAL);
		free(s);
	}
	if (y < end) {
		if (t->sf_id != NULL)
			/* TRANSLATORS: detail pane: the record's Id, then
			   the sync badge. */
			s = xasprintf(_("Salesforce Id %s  sync: %s"),
			    t->sf_id, ui_word_sync(t->sync));
		else if (t->sync == TASK_SYNC_LOCAL)
			/* TRANSLATORS: detail pane: %s is the sync badge
			   ("local"). */
			s = xasprintf(_("Not in Salesforce  sync: %s "
			    "(local-only)"), ui_word_sync(t->sync));
		else
			/* TRANSLATORS: detail pane: %s is the sync badge. */
			s = xasprintf(_("Not in Salesforce  sync: %s"),
			    ui_word_sync(t->sync));
		ui_list_text(y++, s, A_NORMAL);
		free(s);
	}
	if (y < end && t->sync_error != NULL) {
		/* TRANSLATORS: detail pane: Salesforce's own error text
		   follows. */
		s = xasprintf(_("Error: %s"), t->sync_error);
		ui_list_text(y++, s, ui_attr(ui, UI_PAIR_ERR, A_BOLD));
		free(s);
	}
	if (t->details == NULL)
		return;
	d = utf8_clean(t->details, UTF8_LINES);
	for (p = d; y < end && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		wmove(stdscr, y++, 0);
		waddstr(stdscr, "  ");
		ui_text_put(stdscr, p, COLS - 2, 1);
		if (nl == NULL)
			break;
	}
	free(d);
}

/*
 * Draws the detail pane.  While the cursor runs (a move within
 * UI_PANE_DELAY_MS of the last one, a held j or a burst of keys) the pane
 * waits: ui_getkey wakes up when the cursor rests and the pane follows
 * then, so a run of moves rewrites only the few cells of the two rows.
 * A single move draws the pane at once.
 */
#define UI_PANE_DELAY_MS	250
static void
ui_list_pane_maybe(struct ui *ui, const struct ui_layout *l)
{
	int64_t	id = ui->list.n > 0 ? ui->list.v[ui->sel].id : 0;
	int64_t	now = now_ms();
	int	running;

	if (id != ui->pane_sel) {
		/* The cursor moved: part of a run if the last move was near. */
		running = ui->pane_sel != 0 &&
		    now - ui->pane_move_ms < UI_PANE_DELAY_MS;
		if (ui->pane_sel != 0)
			ui->pane_move_ms = now;	/* not the first frame */
		ui->pane_sel = id;
		if (running && ui->pane_id != 0 && id != ui->pane_id) {
			ui->pane_due_ms = now + UI_PANE_DELAY_MS;
			return;
		}
	} else if (ui->pane_due_ms > 0 && id != ui->pane_id)
		return;		/* another redraw while the cursor runs */
	ui->pane_due_ms = 0;
	ui->pane_id = id != 0 ? id : -1;
	ui_list_pane(ui, l);
}

/* Formats the sync part of the status line (U5) into a new string. */
static char *
ui_list_sync_state(struct ui *ui)
{
	const struct sync_status	*st = &ui->status;
	char				 hm[16];
	time_t				 t;
	struct tm			 tm;
	long long			 secs;

	if (!ui->have_status) {
		if (!config_bool(ui->ctx->config, "sync.enabled"))
			/* TRANSLATORS: status line (the bottom bar); the
			   status line's texts share 80 columns with the
			   counts: keep each at most 30 columns. */
			return (xstrdup(_("sync off")));
		if (ui->sync == NULL)
			/* TRANSLATORS: status line; at most 30 columns. */
			return (xstrdup(_("sync on but not running")));
		/* TRANSLATORS: status line; at most 30 columns. */
		return (xstrdup(_("sync starting")));
	}
	switch (st->state) {
	case SYNC_OFF:
		return (xstrdup(_("sync off")));
	case SYNC_IDLE:
		if (st->last_success_ms == 0)
			/* TRANSLATORS: status line; at most 30 columns. */
			return (xstrdup(_("up to date")));
		t = (time_t)(st->last_success_ms / 1000);
		localtime_r(&t, &tm);
		strftime(hm, sizeof hm, "%H:%M", &tm);
		/* TRANSLATORS: status line, %s is the time of the last
		   sync (HH:MM); at most 30 columns. */
		return (xasprintf(_("up to date %s"), hm));
	case SYNC_RUNNING:
		/* TRANSLATORS: status line; at most 30 columns. */
		return (xstrdup(_("syncing")));
	case SYNC_FIRST:
		/* TRANSLATORS: status line: reminders imported so far of
		   all to import; at most 30 columns. */
		return (xasprintf(_("first sync: %ld/%ld imported"),
		    st->done, st->total));
	case SYNC_BACKOFF:
		secs = (st->retry_at_ms - now_ms() + 999) / 1000;
		if (secs < 0)
			secs = 0;
		/* The message goes last: ui_list_status appends it. */
		/* TRANSLATORS: status line: a countdown in seconds (the
		   "s" after the number is the unit); at most 30 columns. */
		return (xasprintf(_("offline, retrying in %llds"), secs));
	case SYNC_LOGIN_NEEDED:
		/* TRANSLATORS: status line; L is the key; at most 36
		   columns. */
		return (xstrdup(_("login needed: press L to log in")));
	}
	return (xstrdup("?"));
}

/* The sync part, with who syncs when another process does (C11). */
static char *
ui_list_sync_text(struct ui *ui)
{
	char	*s, *r, *n;

	s = ui_list_sync_state(ui);
	if (ui->sync != NULL || ui->peer_pid == 0)
		return (s);
	n = utf8_clean(ui->peer_name != NULL ? ui->peer_name : "taskdeck",
	    UTF8_LINE);
	/* TRANSLATORS: status line when another process syncs: its name
	   (such as "taskdeck sync --watch"), its process id and its state
	   ("up to date 10:42"). */
	r = xasprintf(_("synced by %s, pid %ld: %s"), n, ui->peer_pid, s);
	free(n);
	free(s);
	return (r);
}

/* Draws the status line: sync state, pending pushes, API use (U5). */
static void
ui_list_status(struct ui *ui, int y)
{
	char		*s, *line, *t;
	int64_t		 pending;

	s = ui_list_sync_text(ui);
	pending = ui->have_status ? ui->status.pending : ui->pending;
	if (ui->have_status && ui->status.api_max > 0)
		/* TRANSLATORS: status line: the sync state, the number of
		   changes waiting to be sent, the Salesforce API calls used
		   of the day's allowance; keep the " | " separators; the
		   words at most 20 columns. */
		line = xasprintf(P_(" %s | %lld pending | API %ld/%ld",
		    " %s | %lld pending | API %ld/%ld", pending), s,
		    (long long)pending, ui->status.api_used,
		    ui->status.api_max);
	else if (pending > 0)
		/* TRANSLATORS: status line: the sync state, the number of
		   changes waiting to be sent to Salesforce. */
		line = xasprintf(P_(" %s | %lld pending", " %s | %lld pending",
		    pending), s, (long long)pending);
	else
		line = xasprintf(" %s", s);
	/* C12: "live" while subscribed, else why streaming is off. */
	if (ui->have_status && ui->status.stream[0] != '\0') {
		if (strcmp(ui->status.stream, "on") == 0)
			t = xasprintf("%s | %s", line,
			    /* TRANSLATORS: status line: Salesforce's changes
			       arrive at once (streaming); at most 10
			       columns. */
			    C_("status line", "live"));
		else
			/* TRANSLATORS: status line: why streaming is off;
			   %s is the engine's reason, in English. */
			t = xasprintf(_("%s | streaming %s"), line,
			    ui->status.stream);
		free(line);
		line = t;
	}
	if (ui->have_status && ui->status.state == SYNC_BACKOFF &&
	    ui->status.message != NULL) {
		/* Offline: the counts stay in sight, the reason follows. */
		t = xasprintf("%s | %s", line, ui->status.message);
		free(line);
		line = t;
	}
	ui_list_text(y, line, ui_attr(ui, UI_PAIR_BAR, A_REVERSE));
	free(line);
	free(s);
}

/* Draws the message line, or the key hints when there is no message. */
static void
ui_list_msg(struct ui *ui, int y)
{
	if (ui->msg != NULL)
		ui_list_text(y, ui->msg, ui->msg_err ?
		    ui_attr(ui, UI_PAIR_ERR, A_BOLD) : (int)A_NORMAL);
	else
		/* TRANSLATORS: the key line at the foot of the main screen:
		   the character before each ":" is the key and stays as it
		   is; translate only the word after it.  At most 79 columns
		   (it is cut at 80). */
		ui_list_text(y, _(" ?:help a:add e:edit x:done d:delete "
		    "/:search A:all r:sync s:settings q:quit"), A_DIM);
}

/* Draws the header line: product, view and today's date. */
static void
ui_list_header(struct ui *ui)
{
	const char	*view;
	char		*s, date[DATE_SHOWSZ + 1];
	int		 w;

	/* Names and order by the locale (U10). */
	date_long(ui->today, date);
	strcat(date, " ");
	switch (ui->view) {
	case UI_VIEW_ALL:
		/* TRANSLATORS: the view's name in the title bar, after
		   "taskdeck - "; at most 40 columns. */
		view = _("All reminders");
		break;
	case UI_VIEW_SEARCH:
		/* TRANSLATORS: the view's name in the title bar; at most 40
		   columns. */
		view = C_("title bar", "Search");
		break;
	default:
		/* TRANSLATORS: the main view's name in the title bar; at
		   most 40 columns. */
		view = _("Today & Tomorrow");
		break;
	}
	s = xasprintf(" taskdeck - %s", view);
	w = ui_text_width(date);
	wattrset(stdscr, ui_attr(ui, UI_PAIR_BAR, A_REVERSE) | A_BOLD);
	wmove(stdscr, 0, 0);
	ui_text_put(stdscr, s, COLS - w > 0 ? COLS - w : COLS, 1);
	if (COLS - w > 0)
		ui_text_put(stdscr, date, w, 1);
	wattrset(stdscr, A_NORMAL);
	free(s);
}

/* Scrolls the list so line sl (and its heading) is among h lines. */
static void
ui_list_scroll(struct ui *ui, const struct ui_line *v, size_t n, int sl,
    int h)
{
	if (sl > 0 && v[sl - 1].heading && sl - 1 < ui->top)
		ui->top = sl - 1;
	if (sl < ui->top)
		ui->top = sl;
	if (sl >= ui->top + h)
		ui->top = sl - h + 1;
	if (ui->top > 0 && (int)n - ui->top < h)
		ui->top = (int)n > h ? (int)n - h : 0;
}

/* Draws the whole main screen and sends it in one doupdate(). */
void
ui_list_draw(struct ui *ui)
{
	struct ui_layout	 l;
	struct ui_line		*v;
	const char		*sticky = NULL;
	char			*s;
	size_t			 n, i;
	int			 sl = 0, th = 0, y;

	ui_list_layout(&l);
	ui_list_measure(ui);
	ui_list_header(ui);
	n = ui_list_lines(ui, &v);
	for (i = 0; i < n; i++) {
		if (v[i].text == NULL && v[i].idx == ui->sel)
			sl = (int)i;
		if (i > 0 && v[i].heading)
			th = (int)i;
	}
	ui_list_scroll(ui, v, n, sl, l.list_h);
	if (th > 0 && th >= ui->top + l.list_h && l.list_h > 2) {
		/* Keep the Tomorrow heading in sight below the fold. */
		sticky = v[th].text;
		l.list_h--;
		ui_list_scroll(ui, v, n, sl, l.list_h);
	}
	for (y = 0; y < l.list_h; y++) {
		i = (size_t)(ui->top + y);
		if (i >= n) {
			wmove(stdscr, l.list_y + y, 0);
			wclrtoeol(stdscr);
		} else if (v[i].text == NULL)
			ui_list_row(ui, l.list_y + y, &ui->list.v[v[i].idx],
			    v[i].idx == ui->sel);
		else
			ui_list_text(l.list_y + y, v[i].text, v[i].heading ?
			    ui_attr(ui, UI_PAIR_HEAD, A_BOLD) : (int)A_NORMAL);
	}
	if (sticky != NULL) {
		/* TRANSLATORS: the Tomorrow heading kept in sight on the
		   last list row: "Tomorrow (3), more below". */
		s = xasprintf(_("%s, more below"), sticky);
		ui_list_text(l.list_y + l.list_h, s,
		    ui_attr(ui, UI_PAIR_HEAD, A_BOLD));
		free(s);
		l.list_h++;
	}
	ui_list_lines_free(v, n);
	ui_text_hline(stdscr, l.rule_y, 0, COLS);
	wmove(stdscr, l.rule_y, 2);
	/* TRANSLATORS: title set in the rule above the detail pane; keep a
	   space at each end; at most 30 columns. */
	ui_text_put(stdscr, _(" Details "), COLS - 2, 0);
	ui_list_pane_maybe(ui, &l);
	ui_list_status(ui, l.status_y);
	ui_list_msg(ui, l.msg_y);
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(ui);
}

/* Serves a mouse event (ui.h); the wheel moves three rows. */
int
ui_list_mouse(struct ui *ui)
{
	struct ui_layout	 l;
	struct ui_line		*v;
	MEVENT			 ev;
	size_t			 n, i;
	long			 to;
	int			 hit = 0;

	if (getmouse(&ev) != OK || ui->list.n == 0)
		return (0);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		to = (long)ui->sel + (ev.bstate & BUTTON4_PRESSED ? -3 : 3);
		if (to < 0)
			to = 0;
		if (to >= (long)ui->list.n)
			to = (long)ui->list.n - 1;
		ui->sel = (size_t)to;
		ui->sel_id = ui->list.v[ui->sel].id;
		ui->dirty = 1;
		return (1);
	}
	ui_list_layout(&l);
	if (ev.y < l.list_y || ev.y >= l.list_y + l.list_h)
		return (0);
	n = ui_list_lines(ui, &v);
	i = (size_t)(ui->top + ev.y - l.list_y);
	if (i < n && v[i].text == NULL) {
		ui->sel = v[i].idx;
		ui->sel_id = ui->list.v[ui->sel].id;
		ui->dirty = 1;
		hit = ev.bstate & BUTTON1_DOUBLE_CLICKED ? 2 : 1;
	}
	ui_list_lines_free(v, n);
	return (hit);
}

/*
 * Appends s to lines, cleaned (B5) and wrapped at cols columns at word
 * boundaries (utf8_wrap; a word longer than a line is cut).
 */
static void
ui_list_wrap(const char ***lines, size_t *n, const char *raw, int cols)
{
	size_t	 at = 0, len, next;
	char	*s = utf8_clean(raw, UTF8_LINE);

	do {
		len = utf8_wrap(s + at, cols, ui_text_cpwidth, &next);
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		(*lines)[(*n)++] = xstrndup(s + at, len);
		at += next;
	} while (s[at] != '\0');
	free(s);
}

/* Appends "Label:   value" with the label padded to lw columns. */
static void
ui_list_field(const char ***lines, size_t *n, const char *label, int lw,
    const char *value, int cols)
{
	char	*l = ui_text_pad(_(label), lw), *s;

	s = xasprintf("%s%s", l, value);
	ui_list_wrap(lines, n, s, cols);
	free(s);
	free(l);
}

/*
 * Shows every field of the selected reminder on its own page (Enter);
 * returns 'x' or 'e' if the rep pressed it there, for the dispatcher.
 */
int
ui_list_details(struct ui *ui)
{
	const struct task	 *t = &ui->list.v[ui->sel];
	const char		**lines = NULL;
	char			  due[DATE_SHOWSZ], *s, *d, *p, *nl;
	size_t			  n = 0, i;
	int			  cols = COLS - 2 > 10 ? COLS - 2 : 10, key;
	int			  lw = 11;
	static const char	 *lab[] = {
		/* TRANSLATORS: a label of the details page (Enter); the
		   values after the labels line up in one column. */
		N_("Name:"),
		/* TRANSLATORS: details page label: the due date. */
		N_("Due:"),
		/* TRANSLATORS: details page label. */
		N_("Priority:"),
		/* TRANSLATORS: details page label: the Salesforce Who (a
		   contact or lead). */
		N_("Who:"),
		/* TRANSLATORS: details page label: the Salesforce What (an
		   account, opportunity...). */
		N_("What:"),
		/* TRANSLATORS: details page label: the sync badge. */
		N_("Sync:"),
		/* TRANSLATORS: details page label: Salesforce's error. */
		N_("Error:"),
		/* TRANSLATORS: details page label: the reminder's type (Call,
		   Email, LinkedIn, Other). */
		N_("Type:")
	};

	/* The labels line up by display width, however they translate. */
	for (i = 0; i < sizeof lab / sizeof lab[0]; i++)
		if (ui_text_width(_(lab[i])) + 2 > lw)
			lw = ui_text_width(_(lab[i])) + 2;
	ui_list_field(&lines, &n, lab[0], lw, t->name, cols);
	s = xasprintf("%s (%s)", t->due == DATE_NONE ? "-" :
	    date_show(t->due, due), ui_list_when(t, ui->today));
	ui_list_field(&lines, &n, lab[1], lw, s, cols);
	free(s);
	/* TRANSLATORS: details page: the priority, then the status ("open",
	   "complete") after the label "Status:". */
	s = xasprintf(_("%s    Status: %s"), ui_word_priority(t->priority),
	    ui_word_status(t->status));
	ui_list_field(&lines, &n, lab[2], lw, s, cols);
	free(s);
	ui_list_field(&lines, &n, lab[7], lw, _(task_type_label(t->type)),
	    cols);
	ui_list_field(&lines, &n, lab[3], lw, t->who != NULL ? t->who : "-",
	    cols);
	ui_list_field(&lines, &n, lab[4], lw, t->what != NULL ? t->what :
	    "-", cols);
	/* TRANSLATORS: details page: the Salesforce record Id, or the next
	   message when there is none. */
	s = xasprintf(_("Salesforce Id: %s"), t->sf_id != NULL ? t->sf_id :
	    /* TRANSLATORS: details page, after "Salesforce Id:". */
	    _("none (not in Salesforce)"));
	ui_list_wrap(&lines, &n, s, cols);
	free(s);
	if (t->sync == TASK_SYNC_LOCAL)
		/* TRANSLATORS: details page: the sync badge ("local"). */
		s = xasprintf(_("%s (local-only: never pushed)"),
		    ui_word_sync(t->sync));
	else
		s = xstrdup(ui_word_sync(t->sync));
	ui_list_field(&lines, &n, lab[5], lw, s, cols);
	free(s);
	if (t->sync_error != NULL)
		ui_list_field(&lines, &n, lab[6], lw, t->sync_error, cols);
	ui_list_wrap(&lines, &n, "", cols);
	/* TRANSLATORS: details page: the heading over the description. */
	ui_list_wrap(&lines, &n, _("Details:"), cols);
	d = utf8_clean(t->details != NULL ? t->details : "",
	    UTF8_LINES);
	for (p = d; ; p = nl + 1) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		ui_list_wrap(&lines, &n, p, cols);
		if (nl == NULL)
			break;
	}
	free(d);
	/* TRANSLATORS: the details page's title (one reminder). */
	key = ui_help_page_keys(ui, _("Reminder"), lines, n, "xe",
	    /* TRANSLATORS: the details page's key line: x, e, q and Esc
	       are keys and stay; at most 79 columns. */
	    _(" Up/Down scroll  x: complete/reopen  e: edit  q or Esc: back"));
	for (i = 0; i < n; i++)
		free((char *)lines[i]);
	free(lines);
	return (key);
}
