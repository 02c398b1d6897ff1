/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The engine's side of a reminder's links (doc/sync.md F12, F13): WhoId
 * and WhatId with their change times, merge base (C3), the values an
 * unanswered update sent (C5, schema v4) and the local values as of the
 * last sync (net changes, v5), kept like the five fields' but in
 * functions of their own beside store-sync.c and store-outbox.c, which
 * call them.  The bits are TASK_F_WHO and TASK_F_WHAT in sent_mask,
 * lbase_mask and the outbox's field masks.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "i18n.h"
#include "store-sync.h"
#include "store-sync-int.h"
#include "xmalloc.h"

void
ss_link_cols(sqlite3_stmt *st, int i, struct ss_row *r)
{
	r->who_id = ss_col(st, i);
	r->what_id = ss_col(st, i + 1);
	r->who_name = ss_col(st, i + 2);
	r->what_name = ss_col(st, i + 3);
	r->who_ms = sqlite3_column_int64(st, i + 4);
	r->what_ms = sqlite3_column_int64(st, i + 5);
	r->base_who_id = ss_col(st, i + 6);
	r->base_what_id = ss_col(st, i + 7);
	r->sent_who_id = ss_col(st, i + 8);
	r->sent_what_id = ss_col(st, i + 9);
	r->lbase_who_id = ss_col(st, i + 10);
	r->lbase_what_id = ss_col(st, i + 11);
}

void
ss_link_release(struct ss_row *r)
{
	free(r->who_id);
	free(r->what_id);
	free(r->who_name);
	free(r->what_name);
	free(r->base_who_id);
	free(r->base_what_id);
	free(r->sent_who_id);
	free(r->sent_what_id);
	free(r->lbase_who_id);
	free(r->lbase_what_id);
}

static int
ss_link_eq(const char *a, const char *b)
{
	return (strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0);
}

unsigned
ss_link_changed(const struct ss_row *r)
{
	unsigned	c = (r->sent_mask | ~r->lbase_mask) & TASK_F_LINKS;

	if (!ss_link_eq(r->who_id, r->lbase_who_id))
		c |= TASK_F_WHO;
	if (!ss_link_eq(r->what_id, r->lbase_what_id))
		c |= TASK_F_WHAT;
	return (c);
}

int
ss_link_attempt(struct store_sync *s, const struct ss_row *r, unsigned mask,
    int create, char **cause)
{
	sqlite3_stmt	*st;

	if (create) {
		/* What the create sends is, if found, agreed (C6). */
		if (ss_prep(s, "UPDATE reminder SET base_who_id = ?2,"
		    " base_what_id = ?3, lbase_who_id = ?2, lbase_what_id ="
		    " ?3, lbase_mask = lbase_mask | 192 WHERE id = ?1 AND"
		    " sf_id IS NULL", &st, cause) != 0)
			return (-1);
	} else if (ss_prep(s, "UPDATE reminder SET"
	    " sent_who_id = CASE WHEN ?4 & 64 THEN ?2 ELSE NULL END,"
	    " sent_what_id = CASE WHEN ?4 & 128 THEN ?3 ELSE NULL END"
	    " WHERE id = ?1", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	ss_text(st, 2, r->who_id);
	ss_text(st, 3, r->what_id);
	if (!create)
		sqlite3_bind_int(st, 4, (int)mask);
	return (ss_done(s, st, "record a push attempt", cause));
}

int
ss_link_pushed(struct store_sync *s, const struct ss_row *r, unsigned mask,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((mask & TASK_F_LINKS) == 0 || r->op_delete)
		return (0);
	if (ss_prep(s, "UPDATE reminder SET"
	    " base_who_id = CASE WHEN ?4 & 64 THEN ?2 ELSE base_who_id END,"
	    " lbase_who_id = CASE WHEN ?4 & 64 THEN ?2 ELSE lbase_who_id END,"
	    " base_what_id = CASE WHEN ?4 & 128 THEN ?3 ELSE base_what_id END,"
	    " lbase_what_id = CASE WHEN ?4 & 128 THEN ?3 ELSE lbase_what_id"
	    " END, lbase_mask = lbase_mask | (?4 & 192) WHERE id = ?1", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	/* The values sent were the row's as it was read. */
	ss_text(st, 2, r->who_id);
	ss_text(st, 3, r->what_id);
	sqlite3_bind_int(st, 4, (int)mask);
	return (ss_done(s, st, "record a push", cause));
}

int
ss_link_apply(struct store_sync *s, int64_t id, unsigned take, unsigned drop,
    const char *who_id, const char *what_id, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE reminder SET base_who_id = ?3,"
	    " base_what_id = ?4,"
	    " who_id = CASE WHEN ?2 & 64 THEN ?3 ELSE who_id END,"
	    " what_id = CASE WHEN ?2 & 128 THEN ?4 ELSE what_id END,"
	    " lbase_who_id = CASE WHEN ?2 & 64 THEN ?3 WHEN ?5 & 64 THEN who_id"
	    " ELSE lbase_who_id END,"
	    " lbase_what_id = CASE WHEN ?2 & 128 THEN ?4 WHEN ?5 & 128 THEN"
	    " what_id ELSE lbase_what_id END,"
	    " lbase_mask = lbase_mask | ((?2 | ?5) & 192),"
	    " sent_mask = sent_mask & ~(?5 & 192) WHERE id = ?1", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)(take & TASK_F_LINKS));
	ss_text(st, 3, who_id);
	ss_text(st, 4, what_id);
	sqlite3_bind_int(st, 5, (int)(drop & TASK_F_LINKS));
	return (ss_done(s, st, "apply a salesforce change", cause));
}

int
ss_link_import(struct store_sync *s, int64_t id, const char *who_id,
    const char *what_id, char **cause)
{
	return (ss_link_apply(s, id, TASK_F_LINKS, 0, who_id, what_id, cause));
}

int
ss_link_restore(struct store_sync *s, int64_t id, unsigned bit,
    const char *value, int64_t now, char **cause)
{
	sqlite3_stmt	*st;
	const char	*open;
	char		*name = NULL, *sf_id = NULL;
	size_t		 len;
	int		 rc;

	len = value != NULL ? strlen(value) : 0;
	if (len > 0) {
		if (value[len - 1] != ']' || (open = strrchr(value, '[')) ==
		    NULL || open == value) {
			*cause = xasprintf(_("cannot restore the link \"%s\""),
			    value);
			return (-1);
		}
		sf_id = xstrndup(open + 1, (size_t)(value + len - 1 -
		    (open + 1)));
		name = xstrndup(value, (size_t)(open - value));
		if ((len = strlen(name)) > 0 && name[len - 1] == ' ')
			name[len - 1] = '\0';
	}
	if (ss_prep(s, bit == TASK_F_WHO ? "UPDATE reminder SET who_id = ?2,"
	    " who_name = ?3, who_ms = ?4, updated_ms = ?4 WHERE id = ?1" :
	    "UPDATE reminder SET what_id = ?2, what_name = ?3, what_ms = ?4,"
	    " updated_ms = ?4 WHERE id = ?1", &st, cause) != 0) {
		free(name);
		free(sf_id);
		return (-1);
	}
	sqlite3_bind_int64(st, 1, id);
	ss_text(st, 2, sf_id);
	ss_text(st, 3, name);
	sqlite3_bind_int64(st, 4, now);
	rc = ss_done(s, st, "restore a link", cause);
	free(name);
	free(sf_id);
	return (rc);
}
