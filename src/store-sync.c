/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine's side of the cache: its own connection and statement
 * cache, transactions, sync state (the pull cursors), reading reminders,
 * applying pulled records, imports and removals, recovered creates.  The
 * outbox (draining it, attempts, the settle window, push results) is
 * store-outbox.c, the conflict log store-conflict.c; what they share is in
 * store-sync-int.h.  Each
 * function is one statement or a few; the engine groups them into
 * transactions (ss_begin / ss_commit) so that a pulled page and its cursor,
 * or a push result and the removal of its outbox entries, commit together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "crashpoint.h"
#include "date.h"
#include "i18n.h"
#include "store.h"
#include "store-schema.h"
#include "store-sync.h"
#include "store-sync-int.h"
#include "wake.h"
#include "xmalloc.h"

/* The columns ss_row_read expects. */
#define SS_COLUMNS							\
	"id, sf_id, client_key, name, status, priority, due, details,"	\
	" name_ms, status_ms, priority_ms, due_ms, details_ms,"	\
	" base_subject, base_status, base_priority, base_due, base_details," \
	" sf_modstamp, deleted_ms IS NOT NULL, local_only, created_ms,"	\
	" error_count, sent_mask, sent_subject, sent_status, sent_priority," \
	" sent_due, sent_details, lbase_mask, lbase_name, lbase_status,"	\
	" lbase_priority, lbase_due, lbase_details, type, type_ms,"	\
	" base_type, sent_type, lbase_type, " SS_LINK_COLUMNS

/* Fills *cause from the connection's last error. */
int
ss_fail(struct store_sync *s, const char *what, char **cause)
{
	/* TRANSLATORS: as in store.c: ACTION and REASON stay English. */
	*cause = xasprintf(_("cannot %s in cache %s: %s"), what, s->path,
	    sqlite3_errmsg(s->db));
	return (-1);
}

/* A statement for sql, from the cache if it is there and free; -1 with
 * *cause.  Give it back with ss_release. */
int
ss_prep(struct store_sync *s, const char *sql, sqlite3_stmt **st,
    char **cause)
{
	struct ss_cached	*c;
	size_t			 i;

	for (i = 0; i < s->ncache; i++) {
		c = &s->cache[i];
		if (!c->busy && strcmp(c->sql, sql) == 0) {
			c->busy = 1;
			*st = c->st;
			return (0);
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL) != SQLITE_OK)
		return (ss_fail(s, "prepare a query", cause));
	if (s->ncache < SS_CACHE) {
		c = &s->cache[s->ncache++];
		c->sql = xstrdup(sql);
		c->st = *st;
		c->busy = 1;
	}
	return (0);
}

/* Gives back a statement from ss_prep: reset for its next use if cached,
 * else finalized.  Returns what sqlite3_reset / sqlite3_finalize return
 * (the error of the last step, if any). */
int
ss_release(struct store_sync *s, sqlite3_stmt *st)
{
	size_t	i;
	int	r;

	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].st == st) {
			r = sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->cache[i].busy = 0;
			return (r);
		}
	}
	return (sqlite3_finalize(st));
}

/* Steps a statement to completion and releases it. */
int
ss_done(struct store_sync *s, sqlite3_stmt *st, const char *what,
    char **cause)
{
	int	r = sqlite3_step(st);

	ss_release(s, st);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return (ss_fail(s, what, cause));
	return (0);
}

void
ss_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

void
ss_due(sqlite3_stmt *st, int i, int32_t due)
{
	if (due == DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, due);
}

char *
ss_col(sqlite3_stmt *st, int i)
{
	const unsigned char	*p = sqlite3_column_text(st, i);

	return (p == NULL ? NULL : xstrdup((const char *)p));
}

static int32_t
ss_col_due(sqlite3_stmt *st, int i)
{
	return (sqlite3_column_type(st, i) == SQLITE_NULL ? DATE_NONE :
	    sqlite3_column_int(st, i));
}

/* A commit is a durable step (crashpoint.h). */
static int
ss_crash_hook(void *arg)
{
	(void)arg;
	crash_point();
	return (0);
}

struct store_sync *
store_sync_open(const char *path, char **cause)
{
	struct store_sync	*s;
	struct store		*st;
	enum store_rc		 rc;

	/* store_open checks and migrates; then this thread's connection. */
	if ((st = store_open(path, &rc, cause)) == NULL)
		return (NULL);
	store_free(st);
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf(_("cannot open cache %s: %s"), path,
		    sqlite3_errmsg(s->db));
		store_sync_free(s);
		return (NULL);
	}
	sqlite3_busy_timeout(s->db, 10000);
	if (crash_point_armed())
		sqlite3_commit_hook(s->db, ss_crash_hook, NULL);
	sqlite3_exec(s->db, "PRAGMA synchronous = FULL;"
	    " PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return (s);
}

struct store_sync *
store_sync_open_read(const char *path, char **cause)
{
	struct store_sync	*s;
	enum store_rc		 rc;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if ((s->db = store_db_open_read(path, &rc, cause)) == NULL) {
		store_sync_free(s);
		return (NULL);
	}
	sqlite3_busy_timeout(s->db, 10000);
	return (s);
}

void
store_sync_free(struct store_sync *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncache; i++) {
		sqlite3_finalize(s->cache[i].st);
		free(s->cache[i].sql);
	}
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
ss_begin(struct store_sync *s, char **cause)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL) != SQLITE_OK)
		return (ss_fail(s, "start a write", cause));
	return (0);
}

/* Commits; like store.c, wakes the syncing process (a `conflicts
 * restore` from the CLI; the engine's own wake-ups it ignores). */
int
ss_commit(struct store_sync *s, char **cause)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		ss_fail(s, "commit", cause);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	wake_send(s->path);
	return (0);
}

void
ss_rollback(struct store_sync *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int64_t
ss_data_version(struct store_sync *s)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;
	char		*cause = NULL;

	if (ss_prep(s, "PRAGMA data_version", &st, &cause) != 0) {
		free(cause);
		return (-1);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	ss_release(s, st);
	return (v);
}

int
ss_state_get(struct store_sync *s, const char *key, char **value,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 r;

	*value = NULL;
	if (ss_prep(s, "SELECT value FROM setting WHERE key = ?", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*value = ss_col(st, 0);
	ss_release(s, st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return (ss_fail(s, "read sync state", cause));
	return (0);
}

int
ss_state_set(struct store_sync *s, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, value == NULL ? "DELETE FROM setting WHERE key = ?" :
	    "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key)"
	    " DO UPDATE SET value = excluded.value", &st, cause) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (value != NULL)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	return (ss_done(s, st, "save sync state", cause));
}

int64_t
ss_state_int(struct store_sync *s, const char *key, int64_t def)
{
	char	*v = NULL, *cause = NULL, *end;
	int64_t	 n = def;

	if (ss_state_get(s, key, &v, &cause) != 0)
		free(cause);
	else if (v != NULL) {
		n = strtoll(v, &end, 10);
		if (*end != '\0')
			n = def;
	}
	free(v);
	return (n);
}

int
ss_state_set_int(struct store_sync *s, const char *key, int64_t v,
    char **cause)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	return (ss_state_set(s, key, buf, cause));
}

void
ss_row_release(struct ss_row *r)
{
	free(r->sf_id);
	free(r->client_key);
	free(r->name);
	free(r->details);
	free(r->base_subject);
	free(r->base_status);
	free(r->base_priority);
	free(r->base_details);
	free(r->sf_modstamp);
	free(r->sent_subject);
	free(r->sent_status);
	free(r->sent_priority);
	free(r->sent_details);
	free(r->lbase_name);
	free(r->lbase_details);
	free(r->base_type);
	free(r->sent_type);
	ss_link_release(r);
	memset(r, 0, sizeof *r);
}

/* Compares strings that may be NULL, NULL as "". */
static int
ss_streq(const char *a, const char *b)
{
	return (strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0);
}

unsigned
ss_changed(const struct ss_row *r)
{
	unsigned	c = r->sent_mask | (TASK_F_ALL & ~r->lbase_mask);

	if (!ss_streq(r->name, r->lbase_name))
		c |= TASK_F_NAME;
	if (r->status != r->lbase_status)
		c |= TASK_F_STATUS;
	if (r->priority != r->lbase_priority)
		c |= TASK_F_PRIORITY;
	if (r->due != r->lbase_due)
		c |= TASK_F_DUE;
	if (!ss_streq(r->details, r->lbase_details))
		c |= TASK_F_DETAILS;
	if (r->type != r->lbase_type)
		c |= TASK_F_TYPE;
	return (c & TASK_F_ALL);
}

/* Reads a row of SS_COLUMNS. */
static void
ss_row_read(sqlite3_stmt *st, struct ss_row *r)
{
	int	i;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->sf_id = ss_col(st, 1);
	r->client_key = ss_col(st, 2);
	r->name = ss_col(st, 3);
	r->status = sqlite3_column_int(st, 4) ? TASK_COMPLETE : TASK_OPEN;
	r->priority = sqlite3_column_int(st, 5) ? TASK_HIGH : TASK_NORMAL;
	r->due = ss_col_due(st, 6);
	r->details = ss_col(st, 7);
	for (i = 0; i < 5; i++)
		r->field_ms[i] = sqlite3_column_int64(st, 8 + i);
	r->base_subject = ss_col(st, 13);
	r->base_status = ss_col(st, 14);
	r->base_priority = ss_col(st, 15);
	r->base_due = ss_col_due(st, 16);
	r->base_details = ss_col(st, 17);
	r->sf_modstamp = ss_col(st, 18);
	r->deleted = sqlite3_column_int(st, 19);
	r->local_only = sqlite3_column_int(st, 20);
	r->created_ms = sqlite3_column_int64(st, 21);
	r->error_count = sqlite3_column_int(st, 22);
	r->sent_mask = (unsigned)sqlite3_column_int(st, 23);
	r->sent_subject = ss_col(st, 24);
	r->sent_status = ss_col(st, 25);
	r->sent_priority = ss_col(st, 26);
	r->sent_due = ss_col_due(st, 27);
	r->sent_details = ss_col(st, 28);
	r->lbase_mask = (unsigned)sqlite3_column_int(st, 29);
	r->lbase_name = ss_col(st, 30);
	r->lbase_status = sqlite3_column_int(st, 31) ? TASK_COMPLETE :
	    TASK_OPEN;
	r->lbase_priority = sqlite3_column_int(st, 32) ? TASK_HIGH :
	    TASK_NORMAL;
	r->lbase_due = ss_col_due(st, 33);
	r->lbase_details = ss_col(st, 34);
	(void)task_parse_type((const char *)sqlite3_column_text(st, 35),
	    &r->type, NULL);
	r->type_ms = sqlite3_column_int64(st, 36);
	r->base_type = ss_col(st, 37);
	r->sent_type = ss_col(st, 38);
	(void)task_parse_type((const char *)sqlite3_column_text(st, 39),
	    &r->lbase_type, NULL);
	ss_link_cols(st, 40, r);
}

/* Collapses a reminder's outbox entries into r. */
int
ss_row_outbox(struct store_sync *s, struct ss_row *r, int64_t upto,
    char **cause)
{
	sqlite3_stmt	*st;
	const char	*op;
	int		 rc;

	if (ss_prep(s, "SELECT seq, op, fields, attempts, next_try_ms FROM"
	    " outbox WHERE"
	    " reminder_id = ? AND seq <= ? ORDER BY seq", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, upto);
	r->pending = 0;
	r->op_create = r->op_delete = r->attempts = 0;
	r->max_seq = r->next_try_ms = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->max_seq = sqlite3_column_int64(st, 0);
		op = (const char *)sqlite3_column_text(st, 1);
		if (strcmp(op, "create") == 0)
			r->op_create = 1;
		else if (strcmp(op, "delete") == 0)
			r->op_delete = 1;
		else
			r->pending |= (unsigned)sqlite3_column_int(st, 2);
		if (sqlite3_column_int(st, 3) > r->attempts)
			r->attempts = sqlite3_column_int(st, 3);
		if (sqlite3_column_int64(st, 4) > r->next_try_ms)
			r->next_try_ms = sqlite3_column_int64(st, 4);
	}
	ss_release(s, st);
	if (rc != SQLITE_DONE)
		return (ss_fail(s, "read the outbox", cause));
	return (0);
}

/* Reads one reminder by a WHERE clause on one text or integer value. */
int
ss_find(struct store_sync *s, const char *where, const char *text,
    int64_t num, struct ss_row *r, char **cause)
{
	sqlite3_stmt	*st;
	char		*sql;
	int		 rc;

	sql = xasprintf("SELECT " SS_COLUMNS " FROM reminder WHERE %s", where);
	rc = ss_prep(s, sql, &st, cause);
	free(sql);
	if (rc != 0)
		return (-1);
	if (text != NULL)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ss_row_read(st, r);
	ss_release(s, st);
	if (rc == SQLITE_DONE)
		return (1);
	if (rc != SQLITE_ROW)
		return (ss_fail(s, "read a reminder", cause));
	return (ss_row_outbox(s, r, INT64_MAX, cause));
}

int
ss_find_sf(struct store_sync *s, const char *sf_id, struct ss_row *r,
    char **cause)
{
	return (ss_find(s, "sf_id = ?", sf_id, 0, r, cause));
}

int
ss_find_key(struct store_sync *s, const char *key, struct ss_row *r,
    char **cause)
{
	return (ss_find(s, "client_key = ?", key, 0, r, cause));
}

int
ss_find_unanswered(struct store_sync *s, const char *subject, int32_t due,
    const char *details, struct ss_row *r, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 rc;

	if (ss_prep(s, "SELECT id FROM reminder WHERE sf_id IS NULL AND"
	    " base_subject = ?1 AND base_due IS ?2 AND coalesce(base_details,"
	    " '') = coalesce(?3, '') AND id IN (SELECT reminder_id FROM outbox"
	    " WHERE op = 'create' AND attempts > 0) ORDER BY id LIMIT 1", &st,
	    cause) != 0)
		return (-1);
	ss_text(st, 1, subject);
	ss_due(st, 2, due);
	ss_text(st, 3, details);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	ss_release(s, st);
	if (rc == SQLITE_DONE)
		return (1);
	if (rc != SQLITE_ROW)
		return (ss_fail(s, "read a reminder", cause));
	return (ss_find(s, "id = ?", NULL, id, r, cause));
}

int
ss_count_unanswered(struct store_sync *s, const char *subject, int32_t due,
    const char *details)
{
	sqlite3_stmt	*st;
	int		 n = -1;
	char		*cause = NULL;

	if (ss_prep(s, "SELECT count(*) FROM reminder WHERE sf_id IS NULL AND"
	    " base_subject = ?1 AND base_due IS ?2 AND coalesce(base_details,"
	    " '') = coalesce(?3, '') AND id IN (SELECT reminder_id FROM outbox"
	    " WHERE op = 'create' AND attempts > 0)", &st, &cause) != 0) {
		free(cause);
		return (-1);
	}
	ss_text(st, 1, subject);
	ss_due(st, 2, due);
	ss_text(st, 3, details);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	ss_release(s, st);
	return (n);
}

int
ss_known_sf(struct store_sync *s, const char *sf_id)
{
	sqlite3_stmt	*st;
	char		*cause = NULL;
	int		 known = 0;

	if (ss_prep(s, "SELECT 1 FROM reminder WHERE sf_id = ?", &st,
	    &cause) != 0) {
		free(cause);
		return (1);
	}
	sqlite3_bind_text(st, 1, sf_id, -1, SQLITE_TRANSIENT);
	known = sqlite3_step(st) == SQLITE_ROW;
	ss_release(s, st);
	return (known);
}
int
ss_apply(struct store_sync *s, int64_t id, unsigned take,
    const struct ss_row *v, unsigned drop, const char *b_subject,
    const char *b_status, const char *b_priority, int32_t b_due,
    const char *b_details, const char *who, const char *what,
    const char *modstamp, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE reminder SET"
	    " name = CASE WHEN ?2 & 1 THEN ?3 ELSE name END,"
	    " status = CASE WHEN ?2 & 2 THEN ?4 ELSE status END,"
	    " priority = CASE WHEN ?2 & 4 THEN ?5 ELSE priority END,"
	    " due = CASE WHEN ?2 & 8 THEN ?6 ELSE due END,"
	    " details = CASE WHEN ?2 & 16 THEN ?7 ELSE details END,"
	    " updated_ms = CASE WHEN ?2 THEN ?16 ELSE updated_ms END,"
	    " base_subject = ?8, base_status = ?9, base_priority = ?10,"
	    " base_due = ?11, base_details = ?12, who_name = ?13,"
	    " what_name = ?14, sf_modstamp = ?15,"
	    " lbase_name = CASE WHEN ?2 & 1 THEN ?3 WHEN ?17 & 1 THEN name"
	    " ELSE lbase_name END,"
	    " lbase_status = CASE WHEN ?2 & 2 THEN ?4 WHEN ?17 & 2 THEN status"
	    " ELSE lbase_status END,"
	    " lbase_priority = CASE WHEN ?2 & 4 THEN ?5 WHEN ?17 & 4 THEN"
	    " priority ELSE lbase_priority END,"
	    " lbase_due = CASE WHEN ?2 & 8 THEN ?6 WHEN ?17 & 8 THEN due"
	    " ELSE lbase_due END,"
	    " lbase_details = CASE WHEN ?2 & 16 THEN ?7 WHEN ?17 & 16 THEN"
	    " details ELSE lbase_details END,"
	    " lbase_mask = lbase_mask | ((?2 | ?17) & 31),"
	    " sent_mask = sent_mask & ~?17 WHERE id = ?1", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)take);
	ss_text(st, 3, v->name);
	sqlite3_bind_int(st, 4, v->status);
	sqlite3_bind_int(st, 5, v->priority);
	ss_due(st, 6, v->due);
	ss_text(st, 7, v->details != NULL ? v->details : "");
	ss_text(st, 8, b_subject);
	ss_text(st, 9, b_status);
	ss_text(st, 10, b_priority);
	ss_due(st, 11, b_due);
	ss_text(st, 12, b_details);
	ss_text(st, 13, who);
	ss_text(st, 14, what);
	ss_text(st, 15, modstamp);
	sqlite3_bind_int64(st, 16, now_ms());
	sqlite3_bind_int(st, 17, (int)drop);
	if (ss_done(s, st, "apply a salesforce change", cause) != 0)
		return (-1);
	if (drop == 0)
		return (0);
	if (ss_prep(s, "UPDATE outbox SET fields = fields & ~? WHERE"
	    " reminder_id = ? AND op = 'update'", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int(st, 1, (int)drop);
	sqlite3_bind_int64(st, 2, id);
	if (ss_done(s, st, "update the outbox", cause) != 0)
		return (-1);
	if (ss_prep(s, "DELETE FROM outbox WHERE reminder_id = ? AND"
	    " op = 'update' AND fields = 0", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	return (ss_done(s, st, "update the outbox", cause));
}

/* A random client key for an imported reminder (never used to create). */
void
ss_key(char out[33])
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		raw[16];
	int			i;

	sqlite3_randomness(sizeof raw, raw);
	for (i = 0; i < 16; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 0xf];
	}
	out[32] = '\0';
}

int
ss_import(struct store_sync *s, const struct ss_row *v, const char *sf_id,
    const char *b_subject, const char *b_status, const char *b_priority,
    const char *who, const char *what, const char *modstamp, int64_t *id,
    char **cause)
{
	sqlite3_stmt	*st;
	char		 key[33];
	int64_t		 now = now_ms();

	if (ss_prep(s, "INSERT INTO reminder (sf_id, client_key, name, status,"
	    " priority, due, details, who_name, what_name, local_only,"
	    " created_ms, updated_ms, base_subject, base_status,"
	    " base_priority, base_due, base_details, sf_modstamp, lbase_mask,"
	    " lbase_name, lbase_status, lbase_priority, lbase_due,"
	    " lbase_details) VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?10, ?11, ?12,"
	    " ?13, ?6, ?7, ?14, 31, ?3, ?4, ?5, ?6, ?7)", &st, cause) != 0)
		return (-1);
	ss_key(key);
	ss_text(st, 1, sf_id);
	ss_text(st, 2, key);
	ss_text(st, 3, v->name);
	sqlite3_bind_int(st, 4, v->status);
	sqlite3_bind_int(st, 5, v->priority);
	ss_due(st, 6, v->due);
	ss_text(st, 7, v->details != NULL ? v->details : "");
	ss_text(st, 8, who);
	ss_text(st, 9, what);
	sqlite3_bind_int64(st, 10, now);
	ss_text(st, 11, b_subject);
	ss_text(st, 12, b_status);
	ss_text(st, 13, b_priority);
	ss_text(st, 14, modstamp);
	if (ss_done(s, st, "import a reminder", cause) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(s->db);
	return (0);
}

int
ss_remove(struct store_sync *s, int64_t id, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "DELETE FROM outbox WHERE reminder_id = ?", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	if (ss_done(s, st, "remove a reminder", cause) != 0)
		return (-1);
	if (ss_prep(s, "DELETE FROM reminder WHERE id = ?", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	return (ss_done(s, st, "remove a reminder", cause));
}

int
ss_set_sf_id(struct store_sync *s, int64_t id, const char *sf_id,
    char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE reminder SET sf_id = ? WHERE id = ?", &st,
	    cause) != 0)
		return (-1);
	ss_text(st, 1, sf_id);
	sqlite3_bind_int64(st, 2, id);
	return (ss_done(s, st, "record a salesforce id", cause));
}

int
ss_synced(struct store_sync *s, int64_t **ids, char ***sfids, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*sfids = NULL;
	*n = 0;
	if (ss_prep(s, "SELECT id, sf_id FROM reminder WHERE sf_id IS NOT"
	    " NULL", &st, cause) != 0)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
			*sfids = xreallocarray(*sfids, cap, sizeof **sfids);
		}
		(*ids)[*n] = sqlite3_column_int64(st, 0);
		(*sfids)[*n] = ss_col(st, 1);
		(*n)++;
	}
	ss_release(s, st);
	if (rc != SQLITE_DONE)
		return (ss_fail(s, "list synced reminders", cause));
	return (0);
}
