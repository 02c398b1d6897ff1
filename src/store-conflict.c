/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The conflict log of the sync engine's cache side: what a merge or a
 * removal discarded (ss_conflict_add), listing it, and putting a value
 * back (ss_conflict_restore), queued for Salesforce as store.c queues an
 * edit.  Moved out of store-sync.c unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "i18n.h"
#include "store-sync.h"
#include "store-sync-int.h"
#include "xmalloc.h"

int
ss_conflict_add(struct store_sync *s, int64_t reminder_id, const char *sf_id,
    const char *name, const char *field, const char *kept, const char *lost,
    const char *lost_side, const char *reason, int64_t at_ms, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "INSERT INTO conflict (reminder_id, sf_id, name, field,"
	    " kept_value, lost_value, lost_side, reason, at_ms) VALUES"
	    " (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, reminder_id);
	ss_text(st, 2, sf_id);
	ss_text(st, 3, name != NULL ? name : "");
	ss_text(st, 4, field);
	ss_text(st, 5, kept);
	ss_text(st, 6, lost);
	ss_text(st, 7, lost_side);
	ss_text(st, 8, reason);
	sqlite3_bind_int64(st, 9, at_ms);
	return (ss_done(s, st, "log a conflict", cause));
}

int
ss_conflicts(struct store_sync *s, struct ss_conflict **v, size_t *n,
    char **cause)
{
	sqlite3_stmt		*st;
	struct ss_conflict	*c;
	size_t			 cap = 0;
	int			 rc;

	*v = NULL;
	*n = 0;
	if (ss_prep(s, "SELECT id, reminder_id, name, field, kept_value,"
	    " lost_value, lost_side, reason, at_ms, restored_ms, sf_id"
	    " FROM conflict ORDER BY id", &st, cause) != 0)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*v = xreallocarray(*v, cap, sizeof **v);
		}
		c = &(*v)[(*n)++];
		c->id = sqlite3_column_int64(st, 0);
		c->reminder_id = sqlite3_column_int64(st, 1);
		c->name = ss_col(st, 2);
		c->field = ss_col(st, 3);
		c->kept = ss_col(st, 4);
		c->lost = ss_col(st, 5);
		c->lost_side = ss_col(st, 6);
		c->reason = ss_col(st, 7);
		c->at_ms = sqlite3_column_int64(st, 8);
		c->restored_ms = sqlite3_column_int64(st, 9);
		c->sf_id = ss_col(st, 10);
	}
	ss_release(s, st);
	if (rc != SQLITE_DONE)
		return (ss_fail(s, "read the conflict log", cause));
	return (0);
}

void
ss_conflicts_free(struct ss_conflict *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].field);
		free(v[i].kept);
		free(v[i].lost);
		free(v[i].lost_side);
		free(v[i].reason);
		free(v[i].sf_id);
	}
	free(v);
}

/* Queues fields of reminder id for Salesforce, as store.c does. */
static int
ss_queue(struct store_sync *s, int64_t id, const char *op, unsigned fields,
    char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "INSERT INTO outbox (reminder_id, op, fields,"
	    " created_ms) VALUES (?, ?, ?, ?)", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, op, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)fields);
	sqlite3_bind_int64(st, 4, now_ms());
	return (ss_done(s, st, "queue a push", cause));
}

int
ss_drop_creates(struct store_sync *s, int64_t id, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "DELETE FROM outbox WHERE reminder_id = ? AND"
	    " op = 'create'", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	if (ss_done(s, st, "update the outbox", cause) != 0)
		return (-1);
	/* The create's outcome is known: its settle window is over. */
	if (ss_prep(s, "UPDATE outbox SET next_try_ms = 0 WHERE"
	    " reminder_id = ?", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	return (ss_done(s, st, "update the outbox", cause));
}

int
ss_queue_update(struct store_sync *s, int64_t id, unsigned fields,
    char **cause)
{
	return (ss_queue(s, id, "update", fields, cause));
}

/*
 * 1 if a logged value of field bit can be put back into a reminder: a
 * status or priority only as the local words for it (the log keeps an
 * unmapped Salesforce value as it is, F2, F3).
 */
static int
ss_restorable(unsigned bit, const char *lost)
{
	if (bit == TASK_F_STATUS)
		return (lost != NULL && (strcmp(lost, "open") == 0 ||
		    strcmp(lost, "complete") == 0));
	if (bit == TASK_F_PRIORITY)
		return (lost != NULL && (strcmp(lost, "normal") == 0 ||
		    strcmp(lost, "high") == 0));
	if (bit == TASK_F_TYPE) {
		enum task_type	t;

		return (task_parse_type(lost, &t, NULL) == 0);
	}
	return (1);
}

int
ss_conflict_restore(struct store_sync *s, int64_t cid, int push,
    char **cause)
{
	static const struct {
		const char	*name;
		const char	*col;
		unsigned	 bit;
	} fields[] = {
		{ "name", "name", TASK_F_NAME },
		{ "status", "status", TASK_F_STATUS },
		{ "priority", "priority", TASK_F_PRIORITY },
		{ "due", "due", TASK_F_DUE },
		{ "details", "details", TASK_F_DETAILS },
		{ "type", "type", TASK_F_TYPE },	/* doc/sync.md F9 */
	};
	const size_t		 nfields = sizeof fields / sizeof fields[0];
	struct ss_conflict	*v;
	struct ss_row		 r;
	sqlite3_stmt		*st;
	size_t			 n, i, k;
	char			*sql;
	int32_t			 due;
	int			 rc = 1, found, refused = -1;
	int64_t			 rid, now = now_ms();

	if (ss_conflicts(s, &v, &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++)
		if (v[i].id == cid)
			break;
	if (i == n) {
		ss_conflicts_free(v, n);
		*cause = xasprintf(_("no conflict with id %lld"), (long long)cid);
		return (1);
	}
	if (ss_begin(s, cause) != 0) {
		ss_conflicts_free(v, n);
		return (-1);
	}
	memset(&r, 0, sizeof r);
	found = ss_find(s, "id = ? AND deleted_ms IS NULL", NULL,
	    v[i].reminder_id, &r, cause);
	if (found < 0)
		goto fail;
	/*
	 * A deleted reminder's id may be given to a new one: the logged
	 * Salesforce Id tells whether it is still the same reminder.
	 */
	if (found == 0 && v[i].sf_id != NULL && (r.sf_id == NULL ||
	    strcmp(r.sf_id, v[i].sf_id) != 0)) {
		ss_row_release(&r);
		memset(&r, 0, sizeof r);
		found = 1;
	}
	if (found == 1 || strcmp(v[i].field, "record") == 0) {
		/* The reminder is gone: bring it back as a new one. */
		char	key[33];

		ss_key(key);
		if (ss_prep(s, "INSERT INTO reminder (client_key, name,"
		    " details, local_only, created_ms, updated_ms, name_ms,"
		    " status_ms, priority_ms, due_ms, details_ms) VALUES"
		    " (?, ?, ?, ?, ?5, ?5, ?5, ?5, ?5, ?5, ?5)", &st,
		    cause) != 0)
			goto fail;
		ss_text(st, 1, key);
		ss_text(st, 2, v[i].name);
		ss_text(st, 3, strcmp(v[i].field, "details") == 0 &&
		    v[i].lost != NULL ? v[i].lost : "");
		sqlite3_bind_int(st, 4, push ? 0 : 1);
		sqlite3_bind_int64(st, 5, now);
		if (ss_done(s, st, "restore a reminder", cause) != 0)
			goto fail;
		rid = sqlite3_last_insert_rowid(s->db);
		if (push && ss_queue(s, rid, "create", TASK_F_ALL, cause) != 0)
			goto fail;
	} else if (strcmp(v[i].field, "who") == 0 ||
	    strcmp(v[i].field, "what") == 0) {
		/* A link (F13): "Name [Id]", or "" for none. */
		k = strcmp(v[i].field, "who") == 0 ? TASK_F_WHO : TASK_F_WHAT;
		if (ss_link_restore(s, r.id, (unsigned)k, v[i].lost, now,
		    cause) != 0 || (!r.local_only && ss_queue(s, r.id,
		    "update", (unsigned)k, cause) != 0))
			goto fail;
	} else {
		for (k = 0; k < nfields; k++)
			if (strcmp(fields[k].name, v[i].field) == 0)
				break;
		if (k == nfields) {
			*cause = xasprintf(_("cannot restore field %s"),
			    v[i].field);
			goto fail;
		}
		if (!ss_restorable(fields[k].bit, v[i].lost)) {
			/* "In Progress", "Low": nothing here can hold it. */
			/* TRANSLATORS: %1$s and %3$s: the field (status or
			 * priority, in English); %2$s: Salesforce's value;
			 * %4$s: a rule id (F2, F3). */
			*cause = xasprintf(_("cannot restore %s \"%s\": "
			    "salesforce's value has no local %s (%s); "
			    "change it in salesforce"), v[i].field, v[i].lost,
			    v[i].field, fields[k].bit == TASK_F_STATUS ?
			    "F2" : "F3");
			refused = 2;
			goto fail;
		}
		sql = xasprintf("UPDATE reminder SET %s = ?, %s_ms = ?,"
		    " updated_ms = ?2 WHERE id = ?3", fields[k].col,
		    fields[k].col);
		rc = ss_prep(s, sql, &st, cause);
		free(sql);
		if (rc != 0)
			goto fail;
		if (fields[k].bit == TASK_F_STATUS)
			sqlite3_bind_int(st, 1, v[i].lost != NULL &&
			    strcmp(v[i].lost, "complete") == 0);
		else if (fields[k].bit == TASK_F_PRIORITY)
			sqlite3_bind_int(st, 1, v[i].lost != NULL &&
			    strcmp(v[i].lost, "high") == 0);
		else if (fields[k].bit == TASK_F_DUE) {
			if (v[i].lost == NULL || date_parse_iso(v[i].lost,
			    &due) != 0)
				due = DATE_NONE;
			ss_due(st, 1, due);
		} else
			ss_text(st, 1, v[i].lost != NULL ? v[i].lost : "");
		sqlite3_bind_int64(st, 2, now);
		sqlite3_bind_int64(st, 3, r.id);
		if (ss_done(s, st, "restore a value", cause) != 0)
			goto fail;
		if (!r.local_only && ss_queue(s, r.id, "update",
		    fields[k].bit, cause) != 0)
			goto fail;
	}
	if (ss_prep(s, "UPDATE conflict SET restored_ms = ? WHERE id = ?",
	    &st, cause) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, cid);
	if (ss_done(s, st, "restore a conflict", cause) != 0)
		goto fail;
	ss_row_release(&r);
	ss_conflicts_free(v, n);
	return (ss_commit(s, cause));
fail:
	ss_rollback(s);
	ss_row_release(&r);
	ss_conflicts_free(v, n);
	return (refused);
}
