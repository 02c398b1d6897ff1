/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The reminder cache on SQLite.  WAL so the UI can read while the sync
 * thread or a CLI process writes; a busy timeout so short overlaps wait
 * instead of failing; BEGIN IMMEDIATE for every write so a transaction
 * never has to upgrade a read lock and deadlock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "crashpoint.h"
#include "date.h"
#include "i18n.h"
#include "store-schema.h"
#include "store.h"
#include "store-int.h"
#include "wake.h"
#include "xmalloc.h"

#define STORE_BUSY_MS	5000

/* Maps a SQLite result code to ours, with a message naming the file. */
enum store_rc
store_fail(struct store *s, int sqlrc, const char *what, char **cause)
{
	const char	*msg = sqlite3_errmsg(s->db);

	/*
	 * TRANSLATORS: "cannot ACTION in cache FILE: REASON"; ACTION ("read
	 * a reminder") and SQLite's reason stay English, as details for
	 * support: word the sentence so that they fit (reorder with %1$s).
	 */
	switch (sqlrc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		*cause = xasprintf(_("cannot %s in cache %s: database is locked "
		    "by another process"), what, s->path);
		return (STORE_BUSY);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		*cause = xasprintf(_("cannot %s in cache %s: %s"), what, s->path,
		    msg);
		return (STORE_CORRUPT);
	default:
		*cause = xasprintf(_("cannot %s in cache %s: %s"), what, s->path,
		    msg);
		return (STORE_ERROR);
	}
}

/* Prepares sql; on failure fills *cause. */
int
store_prepare(struct store *s, const char *sql, sqlite3_stmt **st,
    enum store_rc *rc, char **cause)
{
	int	r;

	if ((r = sqlite3_prepare_v2(s->db, sql, -1, st, NULL)) != SQLITE_OK) {
		*rc = store_fail(s, r, "prepare a query", cause);
		return (-1);
	}
	return (0);
}

/* Runs a statement-free SQL command. */
static enum store_rc
store_exec(struct store *s, const char *sql, const char *what, char **cause)
{
	int	r;

	if ((r = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return (store_fail(s, r, what, cause));
	return (STORE_OK);
}

/* Reads one integer from a PRAGMA or query. */
static int
store_int(struct store *s, const char *sql, int *out)
{
	sqlite3_stmt	*st;
	int		 r;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return (sqlite3_errcode(s->db));
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		r = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return (r);
}

/* A commit is a durable step (crashpoint.h). */
static int
store_crash_hook(void *arg)
{
	(void)arg;
	crash_point();
	return (0);
}

/*
 * Tells a taskdeck cache from anything else and reads its schema version:
 * SQLITE_OK with *version, or the SQLite code with *rc and *cause.
 */
static int
store_identify(struct store *s, int *version, enum store_rc *rc,
    char **cause)
{
	int	r, appid;

	/* The first read tells a database from something else. */
	if ((r = store_int(s, "PRAGMA application_id", &appid)) != SQLITE_OK) {
		*rc = store_fail(s, r, "read", cause);
		if (*rc == STORE_CORRUPT) {
			free(*cause);
			*cause = xasprintf(_("cannot open cache %s: file is not "
			    "a taskdeck cache (not an SQLite database); move it "
			    "aside or pass --db"), s->path);
		}
		return (r);
	}
	if (appid != 0 && appid != STORE_APPLICATION_ID) {
		*rc = STORE_CORRUPT;
		*cause = xasprintf(_("cannot open cache %s: this SQLite database "
		    "belongs to another program"), s->path);
		return (SQLITE_NOTADB);
	}
	if ((r = store_int(s, "PRAGMA user_version", version)) != SQLITE_OK) {
		*rc = store_fail(s, r, "read", cause);
		return (r);
	}
	if (*version > store_schema_version()) {
		*rc = STORE_NEWER;
		*cause = xasprintf(_("cannot open cache %s: it was written by a "
		    "newer taskdeck (schema %d; this one knows up to %d); "
		    "upgrade taskdeck"), s->path, *version,
		    store_schema_version());
		return (SQLITE_ERROR);
	}
	return (SQLITE_OK);
}

struct store *
store_open(const char *path, enum store_rc *rc, char **cause)
{
	struct store	*s;
	char		*mcause = NULL;
	int		 r, version;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	r = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (r != SQLITE_OK) {
		*rc = STORE_ERROR;
		*cause = xasprintf(_("cannot open cache %s: %s"), path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(r));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (crash_point_armed())
		sqlite3_commit_hook(s->db, store_crash_hook, NULL);
	if (crash_point_armed())
		sqlite3_commit_hook(s->db, store_crash_hook, NULL);
	sqlite3_extended_result_codes(s->db, 0);

	if ((r = store_identify(s, &version, rc, cause)) != SQLITE_OK) {
		if ((r & 0xff) == SQLITE_READONLY) {
			free(*cause);
			*cause = xasprintf(_("cannot write cache %s: it is "
			    "read-only (file or directory permissions, or a "
			    "read-only mount)"), path);
		}
		goto fail;
	}
	if (store_exec(s, "PRAGMA journal_mode = WAL", "set up WAL",
	    cause) != STORE_OK ||
	    store_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
	    "set up", cause) != STORE_OK) {
		*rc = STORE_ERROR;
		goto fail;
	}
	switch (store_schema_migrate(s->db, store_migrations,
	    store_nmigrations, &mcause)) {
	case 0:
		break;
	case 1:
		*rc = STORE_NEWER;
		*cause = xasprintf(_("cannot open cache %s: it was written by a "
		    "newer taskdeck (this one knows up to schema %d); upgrade "
		    "taskdeck"), path, store_schema_version());
		goto fail;
	default:
		*rc = STORE_ERROR;
		*cause = xasprintf(_("cannot open cache %s: %s"), path, mcause);
		free(mcause);
		goto fail;
	}
	*rc = STORE_OK;
	return (s);

fail:
	store_free(s);
	return (NULL);
}

/* 1 if new files (a -wal, a -shm) can be made beside path. */
static int
store_dir_writable(const char *path)
{
	char	*dir, *slash;
	int	 ok;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		ok = access(".", W_OK) == 0;
	else {
		slash[slash == dir ? 1 : 0] = '\0';
		ok = access(dir, W_OK) == 0;
	}
	free(dir);
	return (ok);
}

/* 1 if path's write-ahead log holds frames (not yet in the file). */
static int
store_wal_busy(const char *path)
{
	struct stat	 sb;
	char		*wal;
	int		 busy;

	wal = xasprintf("%s-wal", path);
	busy = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return (busy);
}

/* The "file:" URI of path, opened immutable (SQLite's uri.html). */
static char *
store_uri_immutable(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*uri, *q;

	uri = xmalloc(strlen(path) * 3 + sizeof "file:?immutable=1");
	q = uri + sprintf(uri, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._~-", *p) != NULL)
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 0xf];
		}
	}
	strcpy(q, "?immutable=1");
	return (uri);
}

struct store *
store_open_read(const char *path, enum store_rc *rc, char **cause)
{
	struct store	*s;
	char		*uri = NULL;
	int		 r, version;

	/* Nothing to read yet, or a schema to bring up: that writes. */
	if (access(path, F_OK) != 0)
		return (store_open(path, rc, cause));
again:
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	r = sqlite3_open_v2(uri != NULL ? uri : path, &s->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	if (r != SQLITE_OK) {
		*rc = STORE_ERROR;
		*cause = xasprintf(_("cannot open cache %s: %s"), path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(r));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(s->db, 0);
	if ((r = store_identify(s, &version, rc, cause)) != SQLITE_OK) {
		/*
		 * WAL mode needs the -shm file; in a directory that cannot
		 * take one (a read-only mount: CANTOPEN, or READONLY without
		 * write permission), the file is read as it is, immutable.  Not if its WAL holds frames: those would be
		 * skipped without a word.
		 */
		if (uri != NULL || ((r & 0xff) != SQLITE_CANTOPEN &&
		    (r & 0xff) != SQLITE_READONLY) || store_dir_writable(path))
			goto fail;
		free(*cause);
		if (store_wal_busy(path)) {
			*cause = xasprintf(_("cannot read cache %s: its "
			    "write-ahead log %s-wal needs a %s-shm file and "
			    "the directory is read-only"), path, path, path);
			goto fail;
		}
		*cause = NULL;
		store_free(s);
		uri = store_uri_immutable(path);
		goto again;
	}
	free(uri);
	if (version < store_schema_version()) {
		store_free(s);
		return (store_open(path, rc, cause));
	}
	*rc = STORE_OK;
	return (s);

fail:
	free(uri);
	store_free(s);
	return (NULL);
}

sqlite3 *
store_db_open_read(const char *path, enum store_rc *rc, char **cause)
{
	struct store	*s;
	sqlite3		*db;

	if ((s = store_open_read(path, rc, cause)) == NULL)
		return (NULL);
	db = s->db;
	s->db = NULL;
	store_free(s);
	return (db);
}

void
store_free(struct store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* Starts a write transaction. */
enum store_rc
store_begin(struct store *s, char **cause)
{
	return (store_exec(s, "BEGIN IMMEDIATE", "start a write", cause));
}

/*
 * Commits, or rolls back and reports.  A commit wakes the syncing
 * process, if one runs, so it pushes the change at once (wake.h).
 */
enum store_rc
store_commit(struct store *s, char **cause)
{
	enum store_rc	rc;

	if ((rc = store_exec(s, "COMMIT", "commit", cause)) != STORE_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	else
		wake_send(s->path);
	return (rc);
}

/* Rolls back after a failure; rc passes through. */
enum store_rc
store_rollback(struct store *s, enum store_rc rc)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return (rc);
}

/* Binds text or NULL. */
void
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* Binds a due date, DATE_NONE as NULL. */
void
store_bind_due(sqlite3_stmt *st, int i, int32_t due)
{
	if (due == DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, due);
}

/* Duplicates a text column, or NULL. */
char *
store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*p = sqlite3_column_text(st, i);

	return (p == NULL ? NULL : xstrdup((const char *)p));
}

/* Fills t from a row of STORE_COLUMNS. */
void
store_row(sqlite3_stmt *st, struct task *t)
{
	task_init(t);
	t->id = sqlite3_column_int64(st, 0);
	t->sf_id = store_col_text(st, 1);
	t->name = store_col_text(st, 2);
	t->status = sqlite3_column_int(st, 3) ? TASK_COMPLETE : TASK_OPEN;
	t->priority = sqlite3_column_int(st, 4) ? TASK_HIGH : TASK_NORMAL;
	t->due = sqlite3_column_type(st, 5) == SQLITE_NULL ? DATE_NONE :
	    sqlite3_column_int(st, 5);
	t->details = store_col_text(st, 6);
	if (t->details == NULL)
		t->details = xstrdup("");
	t->who = store_col_text(st, 7);
	t->what = store_col_text(st, 8);
	t->sync_error = store_col_text(st, 9);
	t->created_ms = sqlite3_column_int64(st, 10);
	t->updated_ms = sqlite3_column_int64(st, 11);
	t->sync = (enum task_sync)sqlite3_column_int(st, 12);
	t->who_id = store_col_text(st, 13);
	t->what_id = store_col_text(st, 14);
	(void)task_parse_type((const char *)sqlite3_column_text(st, 15),
	    &t->type, NULL);
}

/* A random 128-bit client key, hex: the idempotency key of a create (C6). */
static void
store_client_key(char out[33])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 raw[16];
	size_t			 got = 0;
	ssize_t			 n;
	int			 i;

	while (got < sizeof raw) {
		n = getrandom(raw + got, sizeof raw - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof raw)
		sqlite3_randomness(sizeof raw, raw);
	for (i = 0; i < 16; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 0xf];
	}
	out[32] = '\0';
}

/* Queues an outbox entry; the caller holds the transaction. */
int
store_queue(struct store *s, int64_t id, const char *op, unsigned fields,
    int64_t now)
{
	sqlite3_stmt	*st;
	int		 r;

	/*
	 * Every edit is a new entry, never merged into a queued one: the
	 * engine may be sending that one right now, and drops exactly the
	 * entries it read once Salesforce answers (C7).  It collapses a
	 * reminder's entries into one write itself.
	 */
	if (sqlite3_prepare_v2(s->db, "INSERT INTO outbox (reminder_id, op,"
	    " fields, created_ms) VALUES (?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK)
		return (sqlite3_errcode(s->db));
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, op, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)fields);
	sqlite3_bind_int64(st, 4, now);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return (r == SQLITE_DONE ? SQLITE_OK : r);
}

#define STORE_INSERT_SQL						\
	"INSERT INTO reminder (client_key, name, status, priority, due,"	\
	" details, who_name, what_name, local_only, created_ms, updated_ms,"	\
	" name_ms, status_ms, priority_ms, due_ms, details_ms, who_id,"	\
	" what_id, who_ms, what_ms, type, type_ms) VALUES (?, ?, ?, ?, ?,"	\
	" ?, ?, ?, ?, ?, ?, ?11, ?11, ?11, ?11, ?11, ?12, ?13, ?11, ?11,"	\
	" ?14, ?11)"

/*
 * Inserts t with st (STORE_INSERT_SQL, reset here for its next use) and,
 * if push is set, queues its create; the caller holds the transaction.
 */
static enum store_rc
store_insert(struct store *s, sqlite3_stmt *st, struct task *t, int push,
    int64_t now, char **cause)
{
	char	key[33];
	int	r;

	store_client_key(key);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, t->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, t->status);
	sqlite3_bind_int(st, 4, t->priority);
	store_bind_due(st, 5, t->due);
	store_bind_text(st, 6, t->details != NULL ? t->details : "");
	store_bind_text(st, 7, t->who);
	store_bind_text(st, 8, t->what);
	sqlite3_bind_int(st, 9, push ? 0 : 1);
	sqlite3_bind_int64(st, 10, now);
	sqlite3_bind_int64(st, 11, now);
	store_bind_text(st, 12, t->who_id);
	store_bind_text(st, 13, t->what_id);
	sqlite3_bind_text(st, 14, task_type_name(t->type), -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r == SQLITE_DONE && t->who_id != NULL)
		r = store_person_used(s, t->who_id, t->who, now);
	if (r == SQLITE_DONE && t->what_id != NULL)
		r = store_person_used(s, t->what_id, t->what, now);
	if (r != SQLITE_DONE)
		return (store_fail(s, r, "add a reminder", cause));
	t->id = sqlite3_last_insert_rowid(s->db);
	t->created_ms = t->updated_ms = now;
	t->sync = push ? TASK_SYNC_PENDING : TASK_SYNC_LOCAL;
	if (push && (r = store_queue(s, t->id, "create", TASK_F_ALL,
	    now)) != SQLITE_OK)
		return (store_fail(s, r, "queue a push", cause));
	return (STORE_OK);
}

enum store_rc
store_add(struct store *s, struct task *t, int push, char **cause)
{
	return (store_add_many(s, t, 1, push, cause));
}

enum store_rc
store_add_many(struct store *s, struct task *v, size_t n, int push,
    char **cause)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int64_t		 now = now_ms();
	size_t		 i;

	if ((rc = store_begin(s, cause)) != STORE_OK)
		return (rc);
	if (store_prepare(s, STORE_INSERT_SQL, &st, &rc, cause) != 0)
		return (store_rollback(s, rc));
	for (i = 0; i < n; i++) {
		if ((rc = store_insert(s, st, &v[i], push, now,
		    cause)) != STORE_OK) {
			sqlite3_finalize(st);
			return (store_rollback(s, rc));
		}
	}
	sqlite3_finalize(st);
	return (store_commit(s, cause));
}

enum store_rc
store_get(struct store *s, int64_t id, struct task *t, char **cause)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 r;

	if (store_prepare(s, "SELECT " STORE_COLUMNS " FROM reminder r"
	    " WHERE r.id = ? AND r.deleted_ms IS NULL", &st, &rc, cause) != 0)
		return (rc);
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		task_release(t);
		store_row(st, t);
		rc = STORE_OK;
	} else if (r == SQLITE_DONE)
		rc = STORE_NOTFOUND;
	else
		rc = store_fail(s, r, "read a reminder", cause);
	sqlite3_finalize(st);
	if (rc == STORE_NOTFOUND)
		*cause = xasprintf(_("no reminder with id %lld"), (long long)id);
	return (rc);
}

/* Compares two strings that may be NULL. */
static int
store_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

enum store_rc
store_update(struct store *s, int64_t id, const struct task *v,
    unsigned mask, char **cause)
{
	struct task	 cur;
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	unsigned	 changed = 0;
	int64_t		 now = now_ms();
	int		 r, local_only;

	if ((rc = store_begin(s, cause)) != STORE_OK)
		return (rc);
	task_init(&cur);
	if ((rc = store_get(s, id, &cur, cause)) != STORE_OK)
		return (store_rollback(s, rc));
	local_only = cur.sync == TASK_SYNC_LOCAL;
	if ((mask & TASK_F_NAME) && !store_streq(cur.name, v->name))
		changed |= TASK_F_NAME;
	if ((mask & TASK_F_STATUS) && cur.status != v->status)
		changed |= TASK_F_STATUS;
	if ((mask & TASK_F_PRIORITY) && cur.priority != v->priority)
		changed |= TASK_F_PRIORITY;
	if ((mask & TASK_F_DUE) && cur.due != v->due)
		changed |= TASK_F_DUE;
	if ((mask & TASK_F_DETAILS) && !store_streq(cur.details, v->details))
		changed |= TASK_F_DETAILS;
	if ((mask & TASK_F_WHO) && !store_streq(cur.who_id, v->who_id))
		changed |= TASK_F_WHO;
	if ((mask & TASK_F_WHAT) && !store_streq(cur.what_id, v->what_id))
		changed |= TASK_F_WHAT;
	if ((mask & TASK_F_TYPE) && cur.type != v->type)
		changed |= TASK_F_TYPE;
	task_release(&cur);
	if (changed == 0)
		return (store_rollback(s, STORE_OK));

	/* Each field keeps its own value unless it changed (?2 is the mask). */
	if (store_prepare(s, "UPDATE reminder SET"
	    " name = CASE WHEN ?2 & 1 THEN ?3 ELSE name END,"
	    " name_ms = CASE WHEN ?2 & 1 THEN ?1 ELSE name_ms END,"
	    " status = CASE WHEN ?2 & 2 THEN ?4 ELSE status END,"
	    " status_ms = CASE WHEN ?2 & 2 THEN ?1 ELSE status_ms END,"
	    " priority = CASE WHEN ?2 & 4 THEN ?5 ELSE priority END,"
	    " priority_ms = CASE WHEN ?2 & 4 THEN ?1 ELSE priority_ms END,"
	    " due = CASE WHEN ?2 & 8 THEN ?6 ELSE due END,"
	    " due_ms = CASE WHEN ?2 & 8 THEN ?1 ELSE due_ms END,"
	    " details = CASE WHEN ?2 & 16 THEN ?7 ELSE details END,"
	    " details_ms = CASE WHEN ?2 & 16 THEN ?1 ELSE details_ms END,"
	    " who_id = CASE WHEN ?2 & 64 THEN ?9 ELSE who_id END,"
	    " who_name = CASE WHEN ?2 & 64 THEN ?10 ELSE who_name END,"
	    " who_ms = CASE WHEN ?2 & 64 THEN ?1 ELSE who_ms END,"
	    " what_id = CASE WHEN ?2 & 128 THEN ?11 ELSE what_id END,"
	    " what_name = CASE WHEN ?2 & 128 THEN ?12 ELSE what_name END,"
	    " what_ms = CASE WHEN ?2 & 128 THEN ?1 ELSE what_ms END,"
	    " type = CASE WHEN ?2 & 32 THEN ?13 ELSE type END,"
	    " type_ms = CASE WHEN ?2 & 32 THEN ?1 ELSE type_ms END,"
	    " updated_ms = ?1 WHERE id = ?8", &st, &rc, cause) != 0)
		return (store_rollback(s, rc));
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, (int)changed);
	store_bind_text(st, 3, v->name);
	sqlite3_bind_int(st, 4, v->status);
	sqlite3_bind_int(st, 5, v->priority);
	store_bind_due(st, 6, v->due);
	store_bind_text(st, 7, v->details != NULL ? v->details : "");
	sqlite3_bind_int64(st, 8, id);
	store_bind_text(st, 9, v->who_id);
	store_bind_text(st, 10, v->who_id != NULL ? v->who : NULL);
	store_bind_text(st, 11, v->what_id);
	store_bind_text(st, 12, v->what_id != NULL ? v->what : NULL);
	sqlite3_bind_text(st, 13, task_type_name(v->type), -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r == SQLITE_DONE && (changed & TASK_F_WHO) && v->who_id != NULL)
		r = store_person_used(s, v->who_id, v->who, now);
	if (r == SQLITE_DONE && (changed & TASK_F_WHAT) && v->what_id != NULL)
		r = store_person_used(s, v->what_id, v->what, now);
	if (r != SQLITE_DONE)
		return (store_rollback(s, store_fail(s, r, "update a reminder",
		    cause)));
	if (!local_only && (r = store_queue(s, id, "update", changed,
	    now)) != SQLITE_OK)
		return (store_rollback(s, store_fail(s, r, "queue a push",
		    cause)));
	return (store_commit(s, cause));
}

enum store_rc
store_push(struct store *s, int64_t id, enum task_sync *was, char **cause)
{
	struct task	 cur;
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 r;

	if ((rc = store_begin(s, cause)) != STORE_OK)
		return (rc);
	task_init(&cur);
	if ((rc = store_get(s, id, &cur, cause)) != STORE_OK)
		return (store_rollback(s, rc));
	*was = cur.sync;
	task_release(&cur);
	if (*was != TASK_SYNC_LOCAL)
		return (store_rollback(s, STORE_OK));
	/* The create carries every field, as one made after T0 (S3). */
	if (store_prepare(s, "UPDATE reminder SET local_only = 0 WHERE id = ?",
	    &st, &rc, cause) != 0)
		return (store_rollback(s, rc));
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return (store_rollback(s, store_fail(s, r, "mark a reminder "
		    "for Salesforce", cause)));
	if ((r = store_queue(s, id, "create", TASK_F_ALL,
	    now_ms())) != SQLITE_OK)
		return (store_rollback(s, store_fail(s, r, "queue a push",
		    cause)));
	return (store_commit(s, cause));
}

enum store_rc
store_delete(struct store *s, int64_t id, char **cause)
{
	struct task	 cur;
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 r, unsent = 0;

	if ((rc = store_begin(s, cause)) != STORE_OK)
		return (rc);
	task_init(&cur);
	if ((rc = store_get(s, id, &cur, cause)) != STORE_OK)
		return (store_rollback(s, rc));
	/*
	 * A reminder whose create was never attempted never reached
	 * Salesforce: forget it outright.  One whose create may have been
	 * applied (attempts > 0) needs the engine to find and delete it.
	 */
	if (cur.sync != TASK_SYNC_LOCAL && cur.sf_id == NULL) {
		int	attempted = 1;

		if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM outbox"
		    " WHERE reminder_id = ? AND op = 'create' AND attempts > 0",
		    -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW)
				attempted = sqlite3_column_int(st, 0) > 0;
			sqlite3_finalize(st);
		}
		unsent = !attempted;
	}
	if (cur.sync == TASK_SYNC_LOCAL || unsent) {
		r = sqlite3_prepare_v2(s->db, "DELETE FROM reminder WHERE id = ?1;",
		    -1, &st, NULL);
		if (r == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			r = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
			    sqlite3_errcode(s->db);
			sqlite3_finalize(st);
		}
		if (r == SQLITE_OK && sqlite3_prepare_v2(s->db, "DELETE FROM"
		    " outbox WHERE reminder_id = ?", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			r = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
			    sqlite3_errcode(s->db);
			sqlite3_finalize(st);
		}
	} else {
		r = sqlite3_prepare_v2(s->db, "UPDATE reminder SET deleted_ms"
		    " = ?, updated_ms = ?1 WHERE id = ?2", -1, &st, NULL);
		if (r == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, now_ms());
			sqlite3_bind_int64(st, 2, id);
			r = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
			    sqlite3_errcode(s->db);
			sqlite3_finalize(st);
		}
		if (r == SQLITE_OK)
			r = store_queue(s, id, "delete", 0, now_ms());
	}
	task_release(&cur);
	if (r != SQLITE_OK)
		return (store_rollback(s, store_fail(s, r, "delete a reminder",
		    cause)));
	return (store_commit(s, cause));
}

enum store_rc
store_pending(struct store *s, int64_t *n, char **cause)
{
	int	v = 0, r;

	if ((r = store_int(s, "SELECT count(DISTINCT reminder_id) FROM outbox",
	    &v)) != SQLITE_OK)
		return (store_fail(s, r, "count pending pushes", cause));
	*n = v;
	return (STORE_OK);
}

enum store_rc
store_state_get(struct store *s, const char *key, char **value, char **cause)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 r;

	*value = NULL;
	if (store_prepare(s, "SELECT value FROM setting WHERE key = ?", &st,
	    &rc, cause) != 0)
		return (rc);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*value = store_col_text(st, 0);
	rc = (r == SQLITE_ROW || r == SQLITE_DONE) ? STORE_OK :
	    store_fail(s, r, "read sync state", cause);
	sqlite3_finalize(st);
	return (rc);
}

enum store_rc
store_state_set(struct store *s, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 r;

	if (store_prepare(s, value == NULL ? "DELETE FROM setting WHERE key = ?"
	    : "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT"
	    " (key) DO UPDATE SET value = excluded.value", &st, &rc, cause) != 0)
		return (rc);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (value != NULL)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	r = sqlite3_step(st);
	rc = r == SQLITE_DONE ? STORE_OK : store_fail(s, r, "save sync state",
	    cause);
	sqlite3_finalize(st);
	return (rc);
}
