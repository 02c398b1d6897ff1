/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The outbox as the sync engine drains it: the due entries collapsed into
 * one row per reminder, an attempt counted before each send, the settle
 * window that holds an unanswered request (C6, C7), and the push results
 * that drop the entries, record a refusal or give up (C8).  It runs on the
 * connection and statement cache of store-sync.c (store-sync-int.h).
 */
#include <stdlib.h>

#include <sqlite3.h>

#include "store-sync.h"
#include "store-sync-int.h"
#include "xmalloc.h"

/* Orders collapsed rows by their oldest entry. */
struct ss_first {
	int64_t	id;
	int64_t	first;
	int64_t	max;
};

int
ss_outbox(struct store_sync *s, int64_t now, size_t max, struct ss_row **rows,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	struct ss_first	*v = NULL;
	size_t		 nv = 0, cap = 0, i, out = 0;
	int		 rc;

	*rows = NULL;
	*n = 0;
	/* A reminder is due when none of its entries waits for a retry. */
	if (ss_prep(s, "SELECT reminder_id, min(seq), max(seq) FROM outbox"
	    " GROUP BY reminder_id HAVING max(next_try_ms) <= ?"
	    " ORDER BY min(seq) LIMIT ?", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nv == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[nv].id = sqlite3_column_int64(st, 0);
		v[nv].first = sqlite3_column_int64(st, 1);
		v[nv].max = sqlite3_column_int64(st, 2);
		nv++;
	}
	ss_release(s, st);
	if (rc != SQLITE_DONE) {
		free(v);
		return (ss_fail(s, "read the outbox", cause));
	}
	*rows = xcalloc(nv + 1, sizeof **rows);
	for (i = 0; i < nv; i++) {
		rc = ss_find(s, "id = ?", NULL, v[i].id, &(*rows)[out], cause);
		if (rc < 0) {
			free(v);
			while (out > 0)
				ss_row_release(&(*rows)[--out]);
			free(*rows);
			*rows = NULL;
			return (-1);
		}
		if (rc == 0 && ss_row_outbox(s, &(*rows)[out], v[i].max,
		    cause) == 0)
			out++;
		else if (rc == 0) {
			ss_row_release(&(*rows)[out]);
			free(*cause);
			*cause = NULL;
		}
	}
	free(v);
	*n = out;
	return (0);
}

int64_t
ss_pending(struct store_sync *s)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT count(DISTINCT reminder_id) FROM"
	    " outbox", -1, &st, NULL) != SQLITE_OK)
		return (0);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (n);
}

int64_t
ss_next_try(struct store_sync *s)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT min(m) FROM (SELECT"
	    " max(next_try_ms) AS m FROM outbox GROUP BY reminder_id)", -1,
	    &st, NULL) != SQLITE_OK)
		return (0);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (n);
}

/*
 * Runs sql over row's outbox entries up to its max_seq: ?1 is the
 * reminder, ?2 the max_seq and ?3, if the statement has it, arg.
 */
static int
ss_entries(struct store_sync *s, const struct ss_row *r, const char *sql,
    int64_t arg, const char *what, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, sql, &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->max_seq);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, arg);
	return (ss_done(s, st, what, cause));
}

int
ss_queued(struct store_sync *s, const struct ss_row *r, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (ss_prep(s, "SELECT EXISTS (SELECT 1 FROM outbox o JOIN reminder m"
	    " ON m.id = o.reminder_id WHERE o.reminder_id = ?1 AND"
	    " o.seq <= ?2 AND m.deleted_ms IS NULL)", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->max_seq);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = ss_fail(s, "look at the outbox", cause);
		ss_release(s, st);
		return (rc);
	}
	rc = sqlite3_column_int(st, 0);
	ss_release(s, st);
	return (rc);
}

int
ss_attempt(struct store_sync *s, const struct ss_row *r, char **cause)
{
	return (ss_entries(s, r, "UPDATE outbox SET attempts = attempts + 1"
	    " WHERE reminder_id = ?1 AND seq <= ?2", 0, "count a push attempt",
	    cause));
}

int
ss_settle(struct store_sync *s, const struct ss_row *r, int64_t settle_until,
    char **cause)
{
	return (ss_entries(s, r, "UPDATE outbox SET next_try_ms ="
	    " max(next_try_ms, ?3) WHERE reminder_id = ?1 AND seq <= ?2",
	    settle_until, "count a push attempt", cause));
}

int
ss_unsettle(struct store_sync *s, const struct ss_row *r, char **cause)
{
	return (ss_entries(s, r, "UPDATE outbox SET next_try_ms = 0 WHERE"
	    " reminder_id = ?1 AND seq <= ?2", 0, "record a refused push",
	    cause));
}

/*
 * Binds the row's local values (name, status, priority, due, details) to
 * parameters first..first+4: the lbase_* columns, its values as of the
 * push (net changes, F2 C3).
 */
static void
ss_bind_local(sqlite3_stmt *st, int first, const struct ss_row *r)
{
	ss_text(st, first, r->name);
	sqlite3_bind_int(st, first + 1, r->status);
	sqlite3_bind_int(st, first + 2, r->priority);
	ss_due(st, first + 3, r->due);
	ss_text(st, first + 4, r->details != NULL ? r->details : "");
}

int
ss_attempt_create(struct store_sync *s, const struct ss_row *r,
    const char *subject, const char *status, const char *priority,
    int32_t due, const char *details, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_attempt(s, r, cause) != 0)
		return (-1);
	/* The create sends the row's values: if found, they are agreed. */
	if (ss_prep(s, "UPDATE reminder SET base_subject = ?2, base_due = ?3,"
	    " base_details = ?4, base_status = ?5, base_priority = ?6,"
	    " lbase_mask = 31, lbase_name = ?7, lbase_status = ?8,"
	    " lbase_priority = ?9, lbase_due = ?10, lbase_details = ?11"
	    " WHERE id = ?1 AND sf_id IS NULL", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	ss_text(st, 2, subject);
	ss_due(st, 3, due);
	ss_text(st, 4, details);
	ss_text(st, 5, status);
	ss_text(st, 6, priority);
	ss_bind_local(st, 7, r);
	return (ss_done(s, st, "count a push attempt", cause));
}

int
ss_attempt_update(struct store_sync *s, const struct ss_row *r,
    unsigned mask, const char *subject, const char *status,
    const char *priority, int32_t due, const char *details, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE reminder SET sent_mask = ?2, sent_subject = ?3,"
	    " sent_status = ?4, sent_priority = ?5, sent_due = ?6,"
	    " sent_details = ?7 WHERE id = ?1", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int(st, 2, (int)mask);
	ss_text(st, 3, subject);
	ss_text(st, 4, status);
	ss_text(st, 5, priority);
	ss_due(st, 6, due);
	ss_text(st, 7, details);
	return (ss_done(s, st, "record a push attempt", cause));
}

/* Drops row's outbox entries up to its max_seq. */
static int
ss_drop_entries(struct store_sync *s, const struct ss_row *r, char **cause)
{
	return (ss_entries(s, r, "DELETE FROM outbox WHERE reminder_id = ?1"
	    " AND seq <= ?2", 0, "update the outbox", cause));
}

int
ss_pushed(struct store_sync *s, const struct ss_row *r, const char *sf_id,
    unsigned mask, const char *subject, const char *status,
    const char *priority, int32_t due, const char *details, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_drop_entries(s, r, cause) != 0)
		return (-1);
	if (r->op_delete)
		return (ss_remove(s, r->id, cause));
	if (ss_prep(s, "UPDATE reminder SET sf_id = ?2, sync_error = NULL,"
	    " error_count = 0, sent_mask = 0,"
	    " base_subject = CASE WHEN ?3 & 1 THEN ?4 ELSE base_subject END,"
	    " base_status = CASE WHEN ?3 & 2 THEN ?5 ELSE base_status END,"
	    " base_priority = CASE WHEN ?3 & 4 THEN ?6 ELSE base_priority END,"
	    " base_due = CASE WHEN ?3 & 8 THEN ?7 ELSE base_due END,"
	    " base_details = CASE WHEN ?3 & 16 THEN ?8 ELSE base_details END,"
	    " lbase_name = CASE WHEN ?3 & 1 THEN ?9 ELSE lbase_name END,"
	    " lbase_status = CASE WHEN ?3 & 2 THEN ?10 ELSE lbase_status END,"
	    " lbase_priority = CASE WHEN ?3 & 4 THEN ?11 ELSE lbase_priority"
	    " END,"
	    " lbase_due = CASE WHEN ?3 & 8 THEN ?12 ELSE lbase_due END,"
	    " lbase_details = CASE WHEN ?3 & 16 THEN ?13 ELSE lbase_details"
	    " END, lbase_mask = lbase_mask | (?3 & 31)"
	    " WHERE id = ?1", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	ss_text(st, 2, sf_id);
	sqlite3_bind_int(st, 3, (int)mask);
	ss_text(st, 4, subject);
	ss_text(st, 5, status);
	ss_text(st, 6, priority);
	ss_due(st, 7, due);
	ss_text(st, 8, details);
	/* The values sent were made from the row as it was read. */
	ss_bind_local(st, 9, r);
	return (ss_done(s, st, "record a push", cause));
}

int
ss_push_failed(struct store_sync *s, const struct ss_row *r, const char *msg,
    int give_up, int64_t next_try, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE reminder SET sync_error = ?, error_count ="
	    " error_count + 1, sent_mask = 0 WHERE id = ?", &st, cause) != 0)
		return (-1);
	ss_text(st, 1, msg);
	sqlite3_bind_int64(st, 2, r->id);
	if (ss_done(s, st, "record a push error", cause) != 0)
		return (-1);
	if (give_up)
		return (ss_drop_entries(s, r, cause));
	if (ss_prep(s, "UPDATE outbox SET last_error = ?, next_try_ms = ?"
	    " WHERE reminder_id = ? AND seq <= ?", &st, cause) != 0)
		return (-1);
	ss_text(st, 1, msg);
	sqlite3_bind_int64(st, 2, next_try);
	sqlite3_bind_int64(st, 3, r->id);
	sqlite3_bind_int64(st, 4, r->max_seq);
	return (ss_done(s, st, "record a push error", cause));
}

int
ss_delay_all(struct store_sync *s, int64_t next_try, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE outbox SET next_try_ms = ? WHERE next_try_ms"
	    " < ?1", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, next_try);
	return (ss_done(s, st, "delay the outbox", cause));
}
