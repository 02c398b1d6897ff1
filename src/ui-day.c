/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A rep's workflow in the command center (SPEC U9, issue 16 findings 1-4):
 *
 * - x keeps the row where it is and moves to the next, like mutt after a
 *   delete: the ids x touched in this view are "kept", and each re-read
 *   of the view puts them back where they were (a completed overdue
 *   reminder, which the view's query leaves out, is read back too) until
 *   the rep changes view or the day ends;
 * - u undoes the last complete, reopen, edit, delete or snooze, as many
 *   steps back as were made (100 kept): each undo is one more local
 *   change through cmd_*, so the outbox takes it to Salesforce like any
 *   other (a change that reached Salesforce is reversed there too); an
 *   undone delete comes back as a new reminder with the same fields;
 * - t tags a row, ; applies the next x, d or z to the tagged rows;
 * - z snoozes the selected (or, after ;, the tagged) reminders;
 * - changes that sync brings from Salesforce are noted (ui_day_note, from
 *   the wait in ui-common.c), their rows highlighted for a few seconds,
 *   summed up on the message line, and listed by C.
 *
 * The state lives in struct ui_day (ui.h).  ui_day_tagged, ui_day_fresh,
 * ui_day_note and ui_day_keep_order call no screen: the list, the wait
 * and the loader use them from below.
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
#include "xmalloc.h"

#define UI_UNDO_MAX	100	/* steps u can go back */
#define UI_CHANGES_MAX	50	/* changes C lists */
#define UI_FRESH_MS	5000	/* how long a changed row stays highlighted */

/* One reminder's part of an undo step. */
struct ui_undo_item {
	int64_t		 id;
	int		 deleted;	/* undo re-adds old */
	unsigned	 mask;		/* else: undo sets these fields */
	struct task	 old;		/* ... back to these values */
};

/* What one key did, to as many reminders as it touched. */
struct ui_undo {
	char			*what;	/* "completed 3 reminders" */
	struct ui_undo_item	*v;
	size_t			 n;
};

/* Appends id to a growable id array. */
static void
ui_day_ids_add(int64_t **v, size_t *n, size_t *cap, int64_t id)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = id;
}

/* The index of id in v[0..n), or -1. */
static long
ui_day_ids_find(const int64_t *v, size_t n, int64_t id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return ((long)i);
	return (-1);
}

/* The index of reminder id in l, or -1. */
static long
ui_day_list_find(const struct task_list *l, int64_t id)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return ((long)i);
	return (-1);
}

static void
ui_day_undo_release(struct ui_undo *u)
{
	size_t	i;

	for (i = 0; i < u->n; i++)
		task_release(&u->v[i].old);
	free(u->v);
	free(u->what);
}

/* Starts a new undo step (the oldest goes when UI_UNDO_MAX are kept). */
static struct ui_undo *
ui_day_undo_push(struct ui *ui)
{
	struct ui_day	*d = &ui->day;
	struct ui_undo	*u;

	if (d->nundo == UI_UNDO_MAX) {
		ui_day_undo_release(&d->undo[0]);
		memmove(&d->undo[0], &d->undo[1], (d->nundo - 1) *
		    sizeof *d->undo);
		d->nundo--;
	}
	if (d->nundo == d->capundo) {
		d->capundo = d->capundo == 0 ? 8 : d->capundo * 2;
		d->undo = xreallocarray(d->undo, d->capundo, sizeof *d->undo);
	}
	u = &d->undo[d->nundo++];
	memset(u, 0, sizeof *u);
	return (u);
}

/* Adds reminder t, as it is now, to step u. */
static struct ui_undo_item *
ui_day_undo_item(struct ui_undo *u, const struct task *t, unsigned mask,
    int deleted)
{
	struct ui_undo_item	*it;

	u->v = xreallocarray(u->v, u->n + 1, sizeof *u->v);
	it = &u->v[u->n++];
	memset(it, 0, sizeof *it);
	it->id = t->id;
	it->mask = mask;
	it->deleted = deleted;
	task_copy(&it->old, t);
	return (it);
}

/* Drops a step that ended up empty (every change failed). */
static void
ui_day_undo_drop_empty(struct ui *ui)
{
	struct ui_day	*d = &ui->day;

	if (d->nundo > 0 && d->undo[d->nundo - 1].n == 0) {
		ui_day_undo_release(&d->undo[--d->nundo]);
	}
}

/* Notes that x touched id: its row stays where it is (finding 1). */
static void
ui_day_keep(struct ui *ui, int64_t id)
{
	struct ui_day	*d = &ui->day;

	if (d->nkeep > 0 && (d->keep_view != ui->view ||
	    d->keep_today != ui->today))
		d->nkeep = 0;
	d->keep_view = ui->view;
	d->keep_today = ui->today;
	if (ui_day_ids_find(d->keep, d->nkeep, id) < 0)
		ui_day_ids_add(&d->keep, &d->nkeep, &d->capkeep, id);
}

void
ui_day_keep_order(struct ui *ui, struct task_list *l)
{
	struct ui_day	*d = &ui->day;
	struct task	 t;
	char		*cause = NULL;
	size_t		 i, k, nk = 0;
	long		 at, oi, j;
	int64_t		*order;

	if (d->nkeep == 0)
		return;
	if (d->keep_view != ui->view || d->keep_today != ui->today ||
	    ui->view == UI_VIEW_SEARCH) {
		d->nkeep = 0;
		return;
	}
	/* The kept ids in the order they were shown. */
	order = xcalloc(d->nkeep, sizeof *order);
	for (i = 0; i < ui->list.n; i++)
		if (ui_day_ids_find(d->keep, d->nkeep, ui->list.v[i].id) >= 0)
			order[nk++] = ui->list.v[i].id;
	for (k = 0; k < nk; k++) {
		task_init(&t);
		if ((at = ui_day_list_find(l, order[k])) >= 0) {
			t = l->v[at];
			memmove(&l->v[at], &l->v[at + 1], (l->n - (size_t)at -
			    1) * sizeof *l->v);
			l->n--;
		} else if (ui->view != UI_VIEW_CENTER ||
		    cmd_get(ui->ctx, order[k], &t, &cause) != CMD_OK ||
		    t.status != TASK_COMPLETE || t.due >= ui->today) {
			/* Gone, or left the view for another reason. */
			free(cause);
			cause = NULL;
			task_release(&t);
			continue;
		}
		/* After the nearest row above it that is still listed. */
		oi = ui_day_list_find(&ui->list, order[k]);
		at = 0;
		for (j = oi - 1; j >= 0; j--) {
			if ((at = ui_day_list_find(l, ui->list.v[j].id)) >= 0) {
				at++;
				break;
			}
			at = 0;
		}
		(void)task_list_push(l);
		memmove(&l->v[at + 1], &l->v[at], (l->n - (size_t)at - 1) *
		    sizeof *l->v);
		l->v[at] = t;
	}
	free(order);
}

/*
 * The reminders an action applies to: the tagged ones after ; (none: it
 * says so), else the selected one.  0 leaves *ids NULL.
 */
static size_t
ui_day_targets(struct ui *ui, int64_t **ids)
{
	struct ui_day	*d = &ui->day;

	if (d->prefix) {
		d->prefix = 0;
		if (d->ntags == 0) {
			/* TRANSLATORS: t is the key that tags a row. */
			ui_message(ui, 0, "%s",
			    _("no tagged reminders (t tags one)"));
			*ids = NULL;
			return (0);
		}
		*ids = xreallocarray(NULL, d->ntags, sizeof **ids);
		memcpy(*ids, d->tags, d->ntags * sizeof **ids);
		return (d->ntags);
	}
	if (ui->list.n == 0) {
		*ids = NULL;
		return (0);
	}
	*ids = xcalloc(1, sizeof **ids);
	(*ids)[0] = ui->list.v[ui->sel].id;
	return (1);
}

/* Clears the tags once ; applied an action to them. */
static void
ui_day_untag_all(struct ui *ui, int was_prefix)
{
	if (was_prefix)
		ui->day.ntags = 0;
}

/*
 * x and Space: completes or reopens the selected reminder (or the tagged
 * ones); the rows stay in place and the cursor moves to the next row.
 * With several, an open one among them makes x complete them all.
 */
void
ui_day_toggle(struct ui *ui)
{
	struct ui_undo	*u;
	struct task	 t;
	int64_t		*ids;
	size_t		 n, i, done = 0;
	char		*cause = NULL, *err = NULL;
	int		 pre = ui->day.prefix, anyopen = 0;
	enum task_status st;

	if ((n = ui_day_targets(ui, &ids)) == 0)
		return;
	for (i = 0; i < n && !anyopen; i++) {
		task_init(&t);
		if (cmd_get(ui->ctx, ids[i], &t, &cause) == CMD_OK &&
		    t.status == TASK_OPEN)
			anyopen = 1;
		free(cause);
		cause = NULL;
		task_release(&t);
	}
	st = anyopen ? TASK_COMPLETE : TASK_OPEN;
	u = ui_day_undo_push(ui);
	for (i = 0; i < n; i++) {
		task_init(&t);
		if (cmd_get(ui->ctx, ids[i], &t, &cause) != CMD_OK ||
		    (t.status != st &&
		    cmd_set_status(ui->ctx, ids[i], st, &cause) != CMD_OK)) {
			free(err);
			err = cause;
			cause = NULL;
			task_release(&t);
			continue;
		}
		if (t.status != st)
			ui_day_undo_item(u, &t, TASK_F_STATUS, 0);
		ui_day_keep(ui, ids[i]);
		done++;
		task_release(&t);
	}
	if (n == 1 && st == TASK_COMPLETE)
		/* TRANSLATORS: what a step did, shown as "... (u undoes)"
		   and "undone: ..."; %lld is the reminder's number. */
		u->what = xasprintf(_("completed reminder %lld"),
		    (long long)ids[0]);
	else if (n == 1)
		/* TRANSLATORS: what a step did (a completed reminder made
		   open again); %lld is the reminder's number. */
		u->what = xasprintf(_("reopened reminder %lld"),
		    (long long)ids[0]);
	else if (st == TASK_COMPLETE)
		/* TRANSLATORS: what a step did, to several tagged rows. */
		u->what = xasprintf(P_("completed %zu reminder",
		    "completed %zu reminders", done), done);
	else
		/* TRANSLATORS: what a step did, to several tagged rows. */
		u->what = xasprintf(P_("reopened %zu reminder",
		    "reopened %zu reminders", done), done);
	if (err != NULL)
		ui_message(ui, 1, "%s", err);
	else if (u->n > 0)
		/* TRANSLATORS: %s says what was done ("completed reminder
		   12"); u is the undo key. */
		ui_message(ui, 0, _("%s (u undoes)"), u->what);
	else
		/* TRANSLATORS: x found nothing to complete or reopen. */
		ui_message(ui, 0, "%s", _("nothing to change"));
	ui_day_undo_drop_empty(ui);
	free(err);
	/* Like mutt after a delete: on to the next row. */
	if (!pre && ui->sel + 1 < ui->list.n)
		ui->sel_id = ui->list.v[ui->sel + 1].id;
	ui_day_untag_all(ui, pre);
	free(ids);
	ui_after_edit(ui);
}

/* d: deletes the selected reminder (or the tagged ones) after a question. */
void
ui_day_delete(struct ui *ui)
{
	struct ui_undo	*u;
	struct task	 t;
	int64_t		*ids;
	size_t		 n, i, done = 0;
	char		*q, *cause = NULL, *err = NULL;
	int		 pre = ui->day.prefix, yes;

	if ((n = ui_day_targets(ui, &ids)) == 0)
		return;
	if (n == 1) {
		task_init(&t);
		if (cmd_get(ui->ctx, ids[0], &t, &cause) != CMD_OK) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			free(ids);
			return;
		}
		/* TRANSLATORS: y and n are the keys that answer; keep
		   "(y/n)" and the straight quotes around the name. */
		q = xasprintf(t.sf_id != NULL ? _("Delete \"%s\" and its "
		    "Salesforce task? (y/n)") :
		    /* TRANSLATORS: y and n are the keys that answer; keep
		       "(y/n)" and the straight quotes around the name (a
		       long name is cut there). */
		    _("Delete \"%s\"? (y/n)"), t.name);
		task_release(&t);
	} else
		/* TRANSLATORS: y and n are the keys that answer; keep
		   "(y/n)". */
		q = xasprintf(P_("Delete %zu tagged reminder (and its "
		    "Salesforce task)? (y/n)", "Delete %zu tagged reminders "
		    "(and their Salesforce tasks)? (y/n)", n), n);
	yes = ui_form_confirm(ui, q);
	free(q);
	if (!yes) {
		/* TRANSLATORS: the delete was answered no. */
		ui_message(ui, 0, "%s", _("not deleted"));
		free(ids);
		return;
	}
	u = ui_day_undo_push(ui);
	for (i = 0; i < n; i++) {
		task_init(&t);
		if (cmd_get(ui->ctx, ids[i], &t, &cause) != CMD_OK ||
		    cmd_remove(ui->ctx, ids[i], &cause) != CMD_OK) {
			free(err);
			err = cause;
			cause = NULL;
			task_release(&t);
			continue;
		}
		ui_day_undo_item(u, &t, 0, 1);
		task_release(&t);
		done++;
	}
	if (n == 1)
		/* TRANSLATORS: what a step did (undo can bring it back). */
		u->what = xasprintf(_("deleted reminder %lld"),
		    (long long)ids[0]);
	else
		/* TRANSLATORS: what a step did, to several tagged rows. */
		u->what = xasprintf(P_("deleted %zu reminder",
		    "deleted %zu reminders", done), done);
	if (err != NULL)
		ui_message(ui, 1, "%s", err);
	else
		ui_message(ui, 0, _("%s (u undoes)"), u->what);
	ui_day_undo_drop_empty(ui);
	free(err);
	ui_day_untag_all(ui, pre);
	free(ids);
	ui_after_edit(ui);
}

/* e: the edit form, remembering the values before for u. */
void
ui_day_edit(struct ui *ui)
{
	struct task	 before, after;
	struct ui_undo	*u;
	char		*cause = NULL;
	unsigned	 mask = 0;

	if (ui->list.n == 0)
		return;
	task_copy(&before, &ui->list.v[ui->sel]);
	ui_form_task(ui, &ui->list.v[ui->sel]);
	task_init(&after);
	if (cmd_get(ui->ctx, before.id, &after, &cause) == CMD_OK) {
		if (strcmp(before.name, after.name) != 0)
			mask |= TASK_F_NAME;
		if (before.status != after.status)
			mask |= TASK_F_STATUS;
		if (before.priority != after.priority)
			mask |= TASK_F_PRIORITY;
		if (before.due != after.due)
			mask |= TASK_F_DUE;
		if (strcmp(before.details != NULL ? before.details : "",
		    after.details != NULL ? after.details : "") != 0)
			mask |= TASK_F_DETAILS;
		if (before.type != after.type)
			mask |= TASK_F_TYPE;	/* undo restores it (F8) */
	}
	free(cause);
	if (mask != 0) {
		u = ui_day_undo_push(ui);
		ui_day_undo_item(u, &before, mask, 0);
		/* TRANSLATORS: what a step did ("... (u undoes)"). */
		u->what = xasprintf(_("edited reminder %lld"),
		    (long long)before.id);
	}
	task_release(&after);
	task_release(&before);
}

/* Points later undo steps at the new id of a reminder undo re-added. */
static void
ui_day_undo_renumber(struct ui *ui, int64_t from, int64_t to)
{
	size_t	s, i;

	for (s = 0; s < ui->day.nundo; s++)
		for (i = 0; i < ui->day.undo[s].n; i++)
			if (ui->day.undo[s].v[i].id == from)
				ui->day.undo[s].v[i].id = to;
}

/* u: undoes the last step, through cmd_* like any change (U9). */
void
ui_day_undo(struct ui *ui)
{
	struct ui_day		*d = &ui->day;
	struct ui_undo		 u;
	struct ui_undo_item	*it;
	struct task		 t;
	char			*cause = NULL, *err = NULL;
	size_t			 i;
	int64_t			 first = 0;

	if (d->nundo == 0) {
		ui_message(ui, 0, "%s", _("nothing to undo"));
		return;
	}
	u = d->undo[--d->nundo];
	for (i = 0; i < u.n; i++) {
		it = &u.v[i];
		if (it->deleted) {
			task_copy(&t, &it->old);
			if (cmd_restore(ui->ctx, &t, &cause) == CMD_OK) {
				ui_day_undo_renumber(ui, it->id, t.id);
				it->id = t.id;
			}
			task_release(&t);
		} else
			(void)cmd_edit(ui->ctx, it->id, &it->old, it->mask,
			    &cause);
		if (cause != NULL) {
			free(err);
			err = cause;
			cause = NULL;
		} else if (first == 0)
			first = it->id;
		if (!it->deleted)
			ui_day_keep(ui, it->id);
	}
	if (err != NULL)
		/* TRANSLATORS: the reason the undo failed follows. */
		ui_message(ui, 1, _("undo: %s"), err);
	else
		/* TRANSLATORS: %s says what was undone ("completed reminder
		   12"). */
		ui_message(ui, 0, _("undone: %s"), u.what);
	free(err);
	if (first != 0)
		ui->sel_id = first;
	ui_day_undo_release(&u);
	ui_after_edit(ui);
}

/* t: tags or untags the selected row and moves on, as in mutt. */
void
ui_day_tag(struct ui *ui)
{
	struct ui_day	*d = &ui->day;
	int64_t		 id;
	long		 i;

	if (ui->list.n == 0)
		return;
	id = ui->list.v[ui->sel].id;
	if ((i = ui_day_ids_find(d->tags, d->ntags, id)) >= 0) {
		d->tags[i] = d->tags[--d->ntags];
	} else
		ui_day_ids_add(&d->tags, &d->ntags, &d->captags, id);
	/* TRANSLATORS: ;, x, d and z are keys and stay as they are. */
	ui_message(ui, 0, P_("%zu tagged: ; then x, d or z acts on it",
	    "%zu tagged: ; then x, d or z acts on them", d->ntags), d->ntags);
	if (ui->sel + 1 < ui->list.n) {
		ui->sel++;
		ui->sel_id = ui->list.v[ui->sel].id;
	}
	ui->dirty = 1;
}

/* ;: the next x, d or z applies to the tagged rows. */
void
ui_day_prefix(struct ui *ui)
{
	if (ui->day.ntags == 0) {
		/* TRANSLATORS: t is the key that tags a row. */
		ui_message(ui, 0, "%s", _("no tagged reminders (t tags one)"));
		return;
	}
	ui->day.prefix = 1;
	/* TRANSLATORS: x, d, z and Esc are keys and stay as they are. */
	ui_message(ui, 0, P_("on %zu tagged: x complete/reopen, d delete, "
	    "z snooze, Esc cancel", "on %zu tagged: x complete/reopen, "
	    "d delete, z snooze, Esc cancel", ui->day.ntags), ui->day.ntags);
}

/* Where a snooze choice moves a reminder due on due. */
static int32_t
ui_day_snooze_to(int choice, int32_t due, int32_t today, int32_t typed)
{
	int32_t	base = due != DATE_NONE && due > today ? due : today;

	switch (choice) {
	case 1:
		return (base + 1);
	case 2:
		return (date_next_business_day(base));
	case 3:
		return (date_next_week(base));
	default:
		return (typed);
	}
}

/*
 * z: postpones the selected (or, after ;, the tagged) reminders: +1 day,
 * the next business day or next week, counted from the later of today
 * and the due date, or to a date typed as --due takes it.
 */
void
ui_day_snooze(struct ui *ui)
{
	struct ui_undo	*u;
	struct task	 t, v;
	int64_t		*ids;
	size_t		 n, i, done = 0;
	char		*s, *cause = NULL, *err = NULL, buf[DATE_SHOWSZ];
	int		 pre = ui->day.prefix, key, choice = 0;
	int32_t		 typed = DATE_NONE;

	if ((n = ui_day_targets(ui, &ids)) == 0)
		return;
	while (choice == 0) {
		wmove(stdscr, LINES - 1, 0);
		wattrset(stdscr, A_BOLD);
		/* TRANSLATORS: the snooze menu on the bottom line: 1 to 4
		   and Esc are the keys and stay; at most 80 columns. */
		ui_text_put(stdscr, _("Snooze: 1 +1 day  2 next business day  "
		    "3 next week  4 a date  Esc cancel"), COLS, 1);
		wattrset(stdscr, A_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		key = ui_getkey(ui);
		if (key >= '1' && key <= '4')
			choice = key - '0';
		else if (key == UI_ESC || key == 'q' || key == UI_KEY_QUIT ||
		    key == UI_CTRL('c') || key == UI_CTRL('g')) {
			/* TRANSLATORS: the snooze was cancelled. */
			ui_message(ui, 0, "%s", _("not snoozed"));
			free(ids);
			return;
		} else if (key == UI_FN(KEY_RESIZE))
			ui_list_draw(ui);
	}
	while (choice == 4) {
		/* TRANSLATORS: a prompt; the examples are what can be typed
		   (fri, +3d, eom, YYYY-MM-DD), keep them as they are; at
		   most 40 columns. */
		s = ui_form_prompt(ui, _("Snooze to (fri, +3d, eom, "
		    "YYYY-MM-DD): "), "");
		if (s == NULL) {
			/* TRANSLATORS: the snooze was cancelled. */
			ui_message(ui, 0, "%s", _("not snoozed"));
			free(ids);
			return;
		}
		if (date_parse_user(s, ui->today, &typed, &cause) == 0) {
			free(s);
			break;
		}
		free(s);
		/* Above the prompt, on the status line, while it asks again. */
		ui_list_draw(ui);
		wmove(stdscr, LINES - 2, 0);
		wattrset(stdscr, ui_attr(ui, UI_PAIR_ERR, A_BOLD));
		ui_text_put(stdscr, cause, COLS, 1);
		wattrset(stdscr, A_NORMAL);
		free(cause);
		cause = NULL;
	}
	u = ui_day_undo_push(ui);
	for (i = 0; i < n; i++) {
		task_init(&t);
		task_init(&v);
		if (cmd_get(ui->ctx, ids[i], &t, &cause) == CMD_OK) {
			v.due = ui_day_snooze_to(choice, t.due, ui->today,
			    typed);
			if (cmd_edit(ui->ctx, ids[i], &v, TASK_F_DUE,
			    &cause) == CMD_OK) {
				ui_day_undo_item(u, &t, TASK_F_DUE, 0);
				done++;
			}
		}
		if (cause != NULL) {
			free(err);
			err = cause;
			cause = NULL;
		}
		task_release(&t);
		task_release(&v);
	}
	if (n == 1) {
		/* TRANSLATORS: what a step did: the due date moved on. */
		u->what = xasprintf(_("snoozed reminder %lld"),
		    (long long)ids[0]);
		if (u->n == 1) {
			task_init(&t);
			if (cmd_get(ui->ctx, ids[0], &t, &cause) == CMD_OK) {
				free(u->what);
				/* TRANSLATORS: %s is the new due date
				   or "no date". */
				u->what = xasprintf(_("snoozed reminder %lld "
				    "to %s"), (long long)ids[0], t.due ==
				    /* TRANSLATORS: no due date. */
				    DATE_NONE ? _("no date") :
				    date_show(t.due, buf));
			}
			free(cause);
			cause = NULL;
			task_release(&t);
		}
	} else
		/* TRANSLATORS: what a step did, to several tagged rows. */
		u->what = xasprintf(P_("snoozed %zu reminder",
		    "snoozed %zu reminders", done), done);
	if (err != NULL)
		ui_message(ui, 1, "%s", err);
	else
		ui_message(ui, 0, _("%s (u undoes)"), u->what);
	ui_day_undo_drop_empty(ui);
	free(err);
	if (!pre && n == 1 && ui->sel + 1 < ui->list.n)
		ui->sel_id = ui->list.v[ui->sel + 1].id;
	ui_day_untag_all(ui, pre);
	free(ids);
	ui_after_edit(ui);
}

int
ui_day_tagged(const struct ui *ui, int64_t id)
{
	return (ui_day_ids_find(ui->day.tags, ui->day.ntags, id) >= 0);
}

int
ui_day_fresh(const struct ui *ui, int64_t id)
{
	const struct ui_day	*d = &ui->day;
	int64_t			 now;
	size_t			 i;

	if (d->hl_until_ms == 0)
		return (0);
	now = now_ms();
	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].id == id &&
		    d->changes[i].at_ms + UI_FRESH_MS > now)
			return (1);
	return (0);
}

/* The format of a count of changes of kind k, for n of them. */
static const char *
ui_day_count_fmt(int k, size_t n)
{
	/* TRANSLATORS: counts of reminders Salesforce changed, listed as
	   "2 new, 1 updated, 1 deleted in Salesforce". */
	if (k == SYNC_CHANGE_NEW)
		/* TRANSLATORS: new reminders from Salesforce ("3 new"). */
		return (P_("%zu new", "%zu new", n));
	if (k == SYNC_CHANGE_UPDATED)
		/* TRANSLATORS: reminders Salesforce changed ("1 updated"). */
		return (P_("%zu updated", "%zu updated", n));
	/* TRANSLATORS: reminders deleted in Salesforce ("2 deleted"). */
	return (P_("%zu deleted", "%zu deleted", n));
}

/* A change's kind as the page C shows it. */
static const char *
ui_day_kind(enum sync_change_kind k)
{
	/* TRANSLATORS: kinds of change in the list C opens: a new
	   reminder, one updated or deleted in Salesforce (one column). */
	if (k == SYNC_CHANGE_NEW)
		/* TRANSLATORS: kind of change in the list C opens: a new
		   reminder from Salesforce (one column, all three alike). */
		return (C_("change", "new"));
	if (k == SYNC_CHANGE_UPDATED)
		/* TRANSLATORS: kind of change: updated in Salesforce. */
		return (C_("change", "updated"));
	/* TRANSLATORS: kind of change: deleted in Salesforce (or out of
	   the reminders taskdeck syncs). */
	return (C_("change", "deleted"));
}

/*
 * Notes the changes a sync event says Salesforce made: kept for C, their
 * rows highlighted, and "2 updated, 1 deleted in Salesforce" said.
 */
void
ui_day_note(struct ui *ui, const struct sync_change *c, size_t n)
{
	struct ui_day	*d = &ui->day;
	struct ui_change *x;
	size_t		 i, cnt[3] = { 0, 0, 0 };
	int64_t		 now = now_ms();
	char		 msg[160];
	int		 len = 0, k;

	for (i = 0; i < n; i++) {
		if (d->nchanges == UI_CHANGES_MAX) {
			free(d->changes[0].name);
			memmove(&d->changes[0], &d->changes[1],
			    (d->nchanges - 1) * sizeof *d->changes);
			d->nchanges--;
		}
		if (d->changes == NULL)
			d->changes = xcalloc(UI_CHANGES_MAX,
			    sizeof *d->changes);
		x = &d->changes[d->nchanges++];
		x->at_ms = now;
		x->id = c[i].id;
		x->kind = (int)c[i].kind;
		x->name = xstrdup(c[i].name != NULL ? c[i].name : "");
	}
	/* Everything that arrived while the rows are still highlighted. */
	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].at_ms + UI_FRESH_MS > now &&
		    d->changes[i].kind >= 0 && d->changes[i].kind < 3)
			cnt[d->changes[i].kind]++;
	for (k = 0; k < 3; k++) {
		if (cnt[k] == 0)
			continue;
		if (len > 0)
			/* TRANSLATORS: between the counts in "2 updated, 1
			   deleted in Salesforce". */
			len += snprintf(msg + len, sizeof msg - (size_t)len,
			    /* TRANSLATORS: between the counts in "2 updated,
			       1 deleted in Salesforce". */
			    "%s", C_("list", ", "));
		if (len >= (int)sizeof msg - 1)
			break;
		len += snprintf(msg + len, sizeof msg - (size_t)len,
		    ui_day_count_fmt(k, cnt[k]), cnt[k]);
		if (len >= (int)sizeof msg)	/* a long translation: cut */
			len = (int)sizeof msg - 1;
	}
	if (len > 0) {
		/* TRANSLATORS: %s is a list of counts ("2 updated, 1 deleted");
		   C is the key that lists the changes. */
		ui_message(ui, 0, _("%s in Salesforce (C lists them)"), msg);
		d->hl_until_ms = now + UI_FRESH_MS;
	}
}

/* C: the recent changes from Salesforce, newest first. */
void
ui_day_changes_page(struct ui *ui)
{
	const struct ui_day	*d = &ui->day;
	const struct ui_change	*c;
	const char		**lines;
	char			 hm[16];
	struct tm		 tm;
	time_t			 tt;
	size_t			 i, n = 0;
	char			*kind;
	int			 k, kw = 7;

	for (k = 0; k < 3; k++)
		if (ui_text_width(ui_day_kind((enum sync_change_kind)k)) > kw)
			kw = ui_text_width(ui_day_kind(
			    (enum sync_change_kind)k));
	lines = xcalloc(d->nchanges + 1, sizeof *lines);
	for (i = d->nchanges; i > 0; i--) {
		c = &d->changes[i - 1];
		tt = (time_t)(c->at_ms / 1000);
		localtime_r(&tt, &tm);
		strftime(hm, sizeof hm, "%H:%M:%S", &tm);
		/* The kind, padded by display width (translated). */
		kind = ui_text_pad(ui_day_kind((enum sync_change_kind)c->kind),
		    kw);
		lines[n++] = xasprintf("  %s  %s  %6lld  %s", hm, kind,
		    (long long)c->id, c->name);
		free(kind);
	}
	if (n == 0)
		/* TRANSLATORS: the page C opens, when empty; keep the two
		   leading spaces. */
		lines[n++] = xstrdup(_("  No changes from Salesforce since "
		    "taskdeck started."));
	/* TRANSLATORS: title of the page C opens. */
	ui_help_page(ui, _("Changes from Salesforce"), lines, n);
	for (i = 0; i < n; i++)
		free((char *)lines[i]);
	free(lines);
}

/* Frees what ui_day keeps. */
void
ui_day_free(struct ui *ui)
{
	struct ui_day	*d = &ui->day;
	size_t		 i;

	for (i = 0; i < d->nundo; i++)
		ui_day_undo_release(&d->undo[i]);
	free(d->undo);
	for (i = 0; i < d->nchanges; i++)
		free(d->changes[i].name);
	free(d->changes);
	free(d->keep);
	free(d->tags);
	memset(d, 0, sizeof *d);
}
