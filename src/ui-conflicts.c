/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The conflict log (SPEC C4): every value a merge discarded, newest
 * last, read through store-sync's own connection while the screen is
 * open, and restored on request with ss_conflict_restore (the same call
 * as `taskdeck conflicts restore`), after which the engine is told to
 * push at once.  Nothing is shown that the cache does not hold.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TD_UI_INTERNAL
#include "i18n.h"
#include "store-sync.h"
#include "ui.h"
#include "xmalloc.h"

/*
 * A field or side as the engine recorded it ("due", "salesforce"), in
 * the user's language; a value not known here is shown as recorded.
 */
static const char *
ui_conflicts_word(const char *v)
{
	/* TRANSLATORS: in the conflict log, the field whose value was
	   lost ("due: lost local ..."). */
	static const char	*w[][2] = { { "name", N_("name") },
	    /* TRANSLATORS: conflict log field: the due date. */
	    { "due", N_("due") },
	    /* TRANSLATORS: conflict log field. */
	    { "priority", N_("priority") },
	    /* TRANSLATORS: conflict log field: open or complete. */
	    { "status", N_("status") },
	    /* TRANSLATORS: conflict log field: the description. */
	    { "details", N_("details") },
	    /* TRANSLATORS: conflict log: the whole reminder. */
	    { "record", N_("record") },
	    /* TRANSLATORS: conflict log: which side lost the value: this
	       computer's (taskdeck's) value ("lost local"). */
	    { "local", N_("local") },
	    /* TRANSLATORS: conflict log: the side that lost the value:
	       Salesforce's ("lost salesforce"). */
	    { "salesforce", N_("salesforce") } };
	size_t			 i;

	if (v == NULL)
		return ("?");
	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(v, w[i][0]) == 0)
			return (_(w[i][1]));
	return (v);
}

/* Formats one entry as a line of the list (new string). */
static char *
ui_conflicts_line(const struct ss_conflict *c)
{
	char		when[32];
	time_t		t = (time_t)(c->at_ms / 1000);
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%m-%d %H:%M", &tm);
	/* TRANSLATORS: a conflict log line: its number, the time, the
	   field, the side that lost ("local" or "salesforce"), the lost
	   value, the reminder's name. */
	return (xasprintf(c->restored_ms > 0 ? _("%4lld %s  %s: lost %s "
	    "\"%s\"  (%s) [restored]") :
	    /* TRANSLATORS: the same line, for a value not restored. */
	    _("%4lld %s  %s: lost %s \"%s\"  (%s)"), (long long)c->id, when,
	    ui_conflicts_word(c->field),
	    ui_conflicts_word(c->lost_side), c->lost != NULL ? c->lost : "",
	    c->name != NULL ? c->name : "?"));
}

/* Draws the log with entry sel highlighted. */
static void
ui_conflicts_draw(struct ui *ui, const struct ss_conflict *v, size_t n,
    size_t sel, int *top, const char *note)
{
	char	*s;
	int	 h = LINES - 4, y;
	size_t	 i;

	if (h < 1)
		h = 1;
	if ((int)sel < *top)
		*top = (int)sel;
	if ((int)sel >= *top + h)
		*top = (int)sel - h + 1;
	werase(stdscr);
	wattrset(stdscr, ui_attr(ui, UI_PAIR_BAR, A_REVERSE) | A_BOLD);
	wmove(stdscr, 0, 0);
	/* TRANSLATORS: title of the conflict log with its number of
	   entries; keep the leading space. */
	s = xasprintf(_(" Conflict log (%zu)"), n);
	ui_text_put(stdscr, s, COLS, 1);
	free(s);
	wattrset(stdscr, A_NORMAL);
	if (n == 0) {
		wmove(stdscr, 2, 1);
		ui_text_put(stdscr, _("No conflicts recorded."), COLS - 1, 1);
		wmove(stdscr, 4, 1);
		/* TRANSLATORS: two lines of the empty conflict log, each at
		   most 79 columns. */
		ui_text_put(stdscr, _("When the same field changes on both "
		    "sides, the later change wins and"), COLS - 1, 1);
		wmove(stdscr, 5, 1);
		/* TRANSLATORS: the second line; at most 79 columns. */
		ui_text_put(stdscr, _("the value it replaced is listed here, "
		    "ready to restore."), COLS - 1, 1);
	}
	for (y = 0; y < h && (size_t)(*top + y) < n; y++) {
		i = (size_t)(*top + y);
		s = ui_conflicts_line(&v[i]);
		wattrset(stdscr, i == sel ? A_REVERSE : (v[i].restored_ms > 0 ?
		    A_DIM : A_NORMAL));
		wmove(stdscr, 2 + y, 0);
		ui_text_put(stdscr, s, COLS, 1);
		wattrset(stdscr, A_NORMAL);
		free(s);
	}
	wmove(stdscr, LINES - 2, 1);
	if (note != NULL)
		ui_text_put(stdscr, note, COLS - 2, 1);
	else if (n > 0) {
		s = xasprintf("%s: %s", v[sel].name != NULL ? v[sel].name :
		    "?", v[sel].reason != NULL ? v[sel].reason : "");
		ui_text_put(stdscr, s, COLS - 2, 1);
		free(s);
	}
	wattrset(stdscr, A_DIM);
	wmove(stdscr, LINES - 1, 0);
	/* TRANSLATORS: the conflict log's key line: Up/Down, R, Enter, q
	   and Esc are keys and stay; at most 79 columns. */
	ui_text_put(stdscr, _(" Up/Down: select  R or Enter: restore the "
	    "lost value  q or Esc: back"), COLS, 1);
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(ui);
}

/* Shows the conflict log until q or Esc; R restores an entry. */
void
ui_conflicts(struct ui *ui)
{
	struct store_sync	*ss;
	struct ss_conflict	*v = NULL;
	size_t			 n = 0, sel = 0;
	char			*cause = NULL, *note = NULL, *q;
	int			 key, top = 0, done = 0, load = 1, rc;

	if ((ss = store_sync_open(ui->ctx->cache_path, &cause)) == NULL) {
		ui_message(ui, 1, _("cannot read the conflict log: %s"),
		    cause);
		free(cause);
		return;
	}
	while (!done) {
		if (load) {
			ss_conflicts_free(v, n);
			v = NULL;
			n = 0;
			if (ss_conflicts(ss, &v, &n, &cause) != 0) {
				ui_message(ui, 1, _("cannot read the "
				    "conflict log: %s"), cause);
				free(cause);
				break;
			}
			if (sel == 0 && n > 0)
				sel = n - 1;	/* newest is last */
			if (sel >= n)
				sel = n > 0 ? n - 1 : 0;
			load = 0;
		}
		ui_conflicts_draw(ui, v, n, sel, &top, note);
		key = ui_getkey(ui);
		switch (key) {
		case UI_KEY_QUIT:
		case UI_ESC:
		case 'q':
		case 'c':
			done = 1;
			break;
		case UI_FN(KEY_UP):
		case 'k':
			if (sel > 0)
				sel--;
			break;
		case UI_FN(KEY_DOWN):
		case 'j':
			if (sel + 1 < n)
				sel++;
			break;
		case UI_KEY_REFRESH:
			load = ui->reload;
			break;
		case 'R':
		case '\r':
		case '\n':
		case UI_FN(KEY_ENTER):
			if (n == 0)
				break;
			/* TRANSLATORS: the lost value, the field ("due"),
			   the reminder's number and name; keep the straight
			   quotes around the name and "(y/n)" (the keys). */
			q = xasprintf(_("Restore \"%s\" as the %s of reminder "
			    "%lld \"%s\"? (y/n)"), v[sel].lost != NULL ?
			    v[sel].lost : "", ui_conflicts_word(v[sel].field),
			    (long long)v[sel].reminder_id, v[sel].name);
			rc = ui_form_confirm(ui, q);
			free(q);
			if (!rc)
				break;
			free(note);
			rc = ss_conflict_restore(ss, v[sel].id,
			    cmd_after_t0(ui->ctx), &cause);
			if (rc == 0) {
				note = xasprintf(_("restored conflict %lld"),
				    (long long)v[sel].id);
				ui_after_edit(ui);
			} else {
				note = xasprintf(_("cannot restore: %s"),
				    cause != NULL ? cause : _("no such entry"));
				free(cause);
				cause = NULL;
			}
			load = 1;
			break;
		}
	}
	if (note != NULL)
		ui_message(ui, 0, "%s", note);
	free(note);
	ss_conflicts_free(v, n);
	store_sync_free(ss);
	ui->dirty = 1;
}
