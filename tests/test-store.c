/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Tests of the cache against real SQLite files: CRUD, outbox rows written
 * with the edit (C7), tombstones (C2), local-only reminders (S3), views
 * (U1, F4), migrations (B3) and refusals of bad caches (B3).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "date.h"
#include "store-schema.h"
#include "store.h"
#include "tap.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/td-test-store.XXXXXX";

/* A fresh cache path in the test directory. */
static char *
path(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

/* One integer from an SQL query on a raw connection to file. */
static long long
sql_int(const char *file, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_open(file, &db) != SQLITE_OK)
		return (-2);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return (v);
}

/* Adds a reminder with name and due date; returns its id. */
static int64_t
add(struct store *s, const char *name, int32_t due, int push)
{
	struct task	 t;
	char		*cause = NULL;
	int64_t		 id;

	task_init(&t);
	t.name = xstrdup(name);
	t.details = xstrdup("");
	t.due = due;
	if (store_add(s, &t, push, &cause) != STORE_OK) {
		printf("# add failed: %s\n", cause);
		free(cause);
	}
	id = t.id;
	task_release(&t);
	return (id);
}

static void
test_crud(void)
{
	struct store	*s;
	struct task	 t, v;
	struct task_list l;
	enum store_rc	 rc;
	char		*file = path("crud.db"), *cause = NULL;
	int32_t		 today = date_from_ymd(2026, 11, 23);
	int64_t		 a, b, c, d, e;

	s = store_open(file, &rc, &cause);
	ok(s != NULL && rc == STORE_OK, "open creates a new cache");
	is_int(sql_int(file, "PRAGMA user_version"), store_schema_version(),
	    "B3 new cache is at the current schema version");

	a = add(s, "Call Ana", today, 0);
	b = add(s, "Overdue quote", today - 3, 0);
	c = add(s, "Tomorrow demo", today + 1, 0);
	d = add(s, "Next week", today + 7, 0);
	e = add(s, "Someday", DATE_NONE, 0);
	ok(a > 0 && b > a && e > d, "ids are assigned in order");
	{
		char	*wal = xasprintf("%s-wal", file);

		ok(access(wal, F_OK) == 0, "the cache runs in WAL mode");
		free(wal);
	}

	task_init(&t);
	ok(store_get(s, a, &t, &cause) == STORE_OK && strcmp(t.name,
	    "Call Ana") == 0 && t.due == today && t.sync == TASK_SYNC_LOCAL,
	    "S3 a reminder added with sync off is local-only");
	task_release(&t);
	is_int(sql_int(file, "SELECT count(*) FROM outbox"), 0,
	    "S3 local-only reminders queue nothing");

	task_list_init(&l);
	store_list(s, STORE_VIEW_CENTER, today, &l, &cause);
	ok(l.n == 3 && l.v[0].id == b && l.v[1].id == a && l.v[2].id == c,
	    "U1 F4 center: overdue first, then today, then tomorrow; no "
	    "undated or later reminder");
	task_list_free(&l);
	store_list(s, STORE_VIEW_TOMORROW, today, &l, &cause);
	ok(l.n == 1 && l.v[0].id == c, "U1 tomorrow view");
	task_list_free(&l);
	store_list(s, STORE_VIEW_ALL, today, &l, &cause);
	ok(l.n == 5 && l.v[4].id == e, "U1 all view has every reminder, "
	    "undated last");
	task_list_free(&l);
	store_search(s, "DEMO", &l, &cause);
	ok(l.n == 1 && l.v[0].id == c, "U1 search is case-insensitive");
	task_list_free(&l);

	/* Completing an overdue reminder takes it out of the overdue list. */
	task_init(&v);
	v.status = TASK_COMPLETE;
	ok(store_update(s, b, &v, TASK_F_STATUS, &cause) == STORE_OK,
	    "complete a reminder");
	store_list(s, STORE_VIEW_OVERDUE, today, &l, &cause);
	is_int(l.n, 0, "U1 a completed reminder is not overdue");
	task_list_free(&l);

	v.name = xstrdup("Call Ana Souza");
	v.due = today + 1;
	ok(store_update(s, a, &v, TASK_F_NAME | TASK_F_DUE, &cause) == STORE_OK,
	    "edit name and due date");
	task_init(&t);
	store_get(s, a, &t, &cause);
	ok(strcmp(t.name, "Call Ana Souza") == 0 && t.due == today + 1 &&
	    t.status == TASK_OPEN, "only the masked fields changed");
	task_release(&t);
	task_release(&v);

	ok(store_delete(s, d, &cause) == STORE_OK, "delete a local reminder");
	ok(store_get(s, d, &t, &cause) == STORE_NOTFOUND, "it is gone");
	free(cause);
	cause = NULL;
	is_int(sql_int(file, "SELECT count(*) FROM reminder"), 4,
	    "C2 a local-only delete leaves no tombstone");
	ok(store_delete(s, 9999, &cause) == STORE_NOTFOUND,
	    "deleting an unknown id is NOTFOUND");
	free(cause);
	cause = NULL;
	store_free(s);
	free(file);
}

static void
test_outbox(void)
{
	struct store	*s;
	struct task	 t, v;
	enum store_rc	 rc;
	char		*file = path("outbox.db"), *cause = NULL;
	int64_t		 a, n;

	s = store_open(file, &rc, &cause);
	a = add(s, "Pushed", DATE_NONE, 1);
	task_init(&t);
	store_get(s, a, &t, &cause);
	is_int(t.sync, TASK_SYNC_PENDING,
	    "S3 C1 a reminder added with sync on is pending");
	task_release(&t);
	is_int(sql_int(file, "SELECT count(*) FROM outbox WHERE op = 'create'"),
	    1, "C7 the create is queued in the same transaction");
	ok(sql_int(file, "SELECT length(client_key) FROM reminder") == 32,
	    "C6 a client key is persisted before any create is sent");

	/* Pretend the create reached Salesforce. */
	{
		sqlite3	*db;

		sqlite3_open(file, &db);
		sqlite3_exec(db, "DELETE FROM outbox; UPDATE reminder SET"
		    " sf_id = '00T000000000001AAA'", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	task_init(&v);
	v.priority = TASK_HIGH;
	store_update(s, a, &v, TASK_F_PRIORITY, &cause);
	v.details = xstrdup("more");
	store_update(s, a, &v, TASK_F_DETAILS, &cause);
	task_release(&v);
	is_int(sql_int(file, "SELECT count(*) FROM outbox"), 2,
	    "C7 each edit is its own entry (one may be in flight)");
	is_int(sql_int(file, "SELECT sum(fields) FROM outbox"),
	    TASK_F_PRIORITY | TASK_F_DETAILS,
	    "C3 the outbox names exactly the changed fields");
	ok(sql_int(file, "SELECT priority_ms > 0 AND details_ms > 0 AND"
	    " name_ms <= priority_ms FROM reminder") == 1,
	    "C4 each changed field records its change time");

	task_init(&v);
	v.priority = TASK_HIGH;
	store_update(s, a, &v, TASK_F_PRIORITY, &cause);
	task_release(&v);
	is_int(sql_int(file, "SELECT count(*) FROM outbox"), 2,
	    "C9 setting a field to its current value is no change");

	store_pending(s, &n, &cause);
	is_int(n, 1, "pending counts reminders, not entries");
	ok(store_delete(s, a, &cause) == STORE_OK, "delete a synced reminder");
	is_int(sql_int(file, "SELECT count(*) FROM reminder WHERE deleted_ms"
	    " IS NOT NULL"), 1, "C2 a synced reminder leaves a tombstone");
	is_int(sql_int(file, "SELECT count(*) FROM outbox WHERE op ="
	    " 'delete'"), 1, "C2 C7 the delete is queued");
	task_init(&t);
	ok(store_get(s, a, &t, &cause) == STORE_NOTFOUND,
	    "a tombstone is not shown");
	free(cause);
	cause = NULL;

	/* A never-attempted create is forgotten outright on delete. */
	a = add(s, "Never sent", DATE_NONE, 1);
	store_delete(s, a, &cause);
	is_int(sql_int(file, "SELECT count(*) FROM outbox WHERE reminder_id"
	    " IN (SELECT id FROM reminder WHERE name = 'Never sent')"), 0,
	    "C2 an unsent create is dropped with its reminder");

	ok(store_state_set(s, "sync.t0", "123", &cause) == STORE_OK,
	    "state set");
	{
		char	*val = NULL;

		store_state_get(s, "sync.t0", &val, &cause);
		is_str(val, "123", "state get");
		free(val);
	}
	store_free(s);
	free(file);
}

static void
test_migrations(void)
{
	static const struct store_migration bad[] = {
		{ 1, "CREATE TABLE a (x)" },
		{ 2, "CREATE TABLE b (x); CREATE TABLE a (y)" },
	};
	sqlite3		*db;
	struct store	*s;
	enum store_rc	 rc;
	char		*file, *cause = NULL;
	int		 i;

	/* Every migration from every older schema, data kept (B3). */
	for (i = 0; i < store_nmigrations; i++) {
		char	*name = xasprintf("mig%d.db", i);

		file = path(name);
		free(name);
		sqlite3_open(file, &db);
		if (i > 0 && store_schema_migrate(db, store_migrations, i,
		    &cause) != 0)
			printf("# %s\n", cause);
		if (i > 0)
			sqlite3_exec(db, "INSERT INTO reminder (client_key, name,"
			    " created_ms, updated_ms) VALUES ('k', 'kept', 1, 1)",
			    NULL, NULL, NULL);
		sqlite3_close(db);
		s = store_open(file, &rc, &cause);
		ok(s != NULL, "B3 open migrates from schema %d", i);
		is_int(sql_int(file, "PRAGMA user_version"),
		    store_schema_version(), "B3 schema %d -> %d", i,
		    store_schema_version());
		if (i > 0)
			is_int(sql_int(file, "SELECT count(*) FROM reminder"
			    " WHERE name = 'kept'"), 1,
			    "B3 data kept across migration from %d", i);
		store_free(s);
		free(file);
	}

	/* A failing migration leaves the previous version intact. */
	file = path("badmig.db");
	sqlite3_open(file, &db);
	ok(store_schema_migrate(db, bad, 2, &cause) == -1 && cause != NULL &&
	    strstr(cause, "version 2") != NULL,
	    "B3 a failing migration reports its version");
	free(cause);
	cause = NULL;
	sqlite3_close(db);
	is_int(sql_int(file, "PRAGMA user_version"), 1,
	    "B3 the cache stays at the last good version");
	is_int(sql_int(file, "SELECT count(*) FROM sqlite_master WHERE name ="
	    " 'b'"), 0, "B3 the failed migration left no partial table");
	free(file);
}

static void
test_bad_caches(void)
{
	struct store	*s;
	enum store_rc	 rc;
	char		*file, *cause = NULL;
	sqlite3		*db, *lock;
	int		 fd;

	file = path("newer.db");
	sqlite3_open(file, &db);
	sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(db);
	s = store_open(file, &rc, &cause);
	ok(s == NULL && rc == STORE_NEWER && strstr(cause, "newer") != NULL &&
	    strstr(cause, file) != NULL,
	    "B3 a newer-schema cache is refused with a message naming it");
	free(cause);
	cause = NULL;
	is_int(sql_int(file, "PRAGMA user_version"), 999,
	    "B3 the newer cache is not touched");
	free(file);

	file = path("garbage.db");
	fd = open(file, O_WRONLY | O_CREAT, 0600);
	if (write(fd, "this is not a database at all, really not at all....."
	    "..........................................................",
	    110) < 0)
		printf("# write failed\n");
	close(fd);
	s = store_open(file, &rc, &cause);
	ok(s == NULL && rc == STORE_CORRUPT && strstr(cause, "not") != NULL,
	    "B3 a corrupt cache is refused: %s", cause ? cause : "");
	free(cause);
	cause = NULL;
	free(file);

	file = path("other.db");
	sqlite3_open(file, &db);
	sqlite3_exec(db, "PRAGMA application_id = 42; CREATE TABLE x (y)",
	    NULL, NULL, NULL);
	sqlite3_close(db);
	s = store_open(file, &rc, &cause);
	ok(s == NULL && rc == STORE_CORRUPT && strstr(cause,
	    "another program") != NULL, "B3 another program's database is "
	    "refused");
	free(cause);
	cause = NULL;
	free(file);

	/* A writer holding the lock past the busy timeout: BUSY, no loss. */
	file = path("locked.db");
	s = store_open(file, &rc, &cause);
	add(s, "before", DATE_NONE, 0);
	sqlite3_open(file, &lock);
	sqlite3_exec(lock, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
	{
		struct task	t;

		task_init(&t);
		t.name = xstrdup("while locked");
		rc = store_add(s, &t, 0, &cause);
		task_release(&t);
	}
	ok(rc == STORE_BUSY && strstr(cause, "locked") != NULL,
	    "B3 a locked cache gives a clear message");
	free(cause);
	cause = NULL;
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);
	is_int(sql_int(file, "SELECT count(*) FROM reminder"), 1,
	    "B3 nothing half-written after the lock");
	store_free(s);
	free(file);
}

/*
 * The command center's first screenful (store_list_head): the first rows
 * of each part in store_list's order, and whole counts (U1).
 */
static void
test_head(void)
{
	struct store		*s;
	struct task_list	 full, head;
	enum store_rc		 rc;
	char			*file, *cause = NULL, name[32];
	int32_t			 today = 20000;
	int64_t			 nt = -1, nm = -1;
	size_t			 i, j, k;
	int			 good = 1;

	file = xasprintf("%s/head.db", tmpdir);
	s = store_open(file, &rc, &cause);
	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "r%zu", i);
		/* Overdue, today, tomorrow, later, in turn. */
		add(s, name, today - 1 + (int32_t)(i % 4) -
		    (i % 4 == 0 ? (int32_t)i : 0), 0);
	}
	{
		struct task	v;
		int64_t		id = add(s, "done today", today, 0);

		task_init(&v);
		v.status = TASK_COMPLETE;
		store_update(s, id, &v, TASK_F_STATUS, &cause);
		task_release(&v);
	}
	task_list_init(&full);
	task_list_init(&head);
	store_list(s, STORE_VIEW_CENTER, today, &full, &cause);
	ok(store_list_head(s, today, 3, &head, &nt, &nm, &cause) == STORE_OK,
	    "U1 the first screenful reads");
	is_int(head.n, 9, "U1 at most limit rows of each part");
	is_int(nt, 8 + 9, "U1 Today's count: open overdue, and today's "
	    "done or not");
	is_int(nm, 7, "U1 Tomorrow's count");
	/* Each part of the head is the start of that part of the full list. */
	for (k = 0; k < head.n; k++) {
		int	hp = head.v[k].due < today ? 0 :
		    head.v[k].due == today ? 1 : 2;

		/* The head's row k is the (k % 3)-th row of its part. */
		for (i = 0, j = 0; i < full.n; i++) {
			int	fp = full.v[i].due < today ? 0 :
			    full.v[i].due == today ? 1 : 2;

			if (fp == hp && j++ == k % 3)
				break;
		}
		good &= hp == (int)(k / 3) && i < full.n &&
		    full.v[i].id == head.v[k].id;
	}
	ok(good && k == head.n, "U1 the first screenful is in store_list's "
	    "order");
	task_list_free(&full);
	task_list_free(&head);
	store_free(s);
	free(file);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return (1);
	test_crud();
	test_outbox();
	test_migrations();
	test_bad_caches();
	test_head();
	{
		char	*cmd = xasprintf("rm -rf %s", tmpdir);

		if (system(cmd) != 0)
			printf("# cleanup failed\n");
		free(cmd);
	}
	return (tap_done());
}
