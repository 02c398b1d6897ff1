/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The floor: the least a program can do for `taskdeck list --today` and
 * `taskdeck done ID` on the same cache, to measure taskdeck against.
 *
 *   bench-floor list DB   opens the cache, runs the two queries that
 *                         store_list(STORE_VIEW_TODAY) runs (the SQL is
 *                         copied from src/store.c: keep it in step) and
 *                         prints each row on a line
 *   bench-floor done DB ID  one autocommit UPDATE of that row's status,
 *                         with the cache's own durability (WAL,
 *                         synchronous = FULL), and no outbox entry
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"

/* STORE_COLUMNS from src/store.c. */
#define COLUMNS								\
	"r.id, r.sf_id, r.name, r.status, r.priority, r.due, r.details,"	\
	" r.who_name, r.what_name, r.sync_error, r.created_ms,"		\
	" r.updated_ms, CASE WHEN r.local_only THEN 0"			\
	" WHEN r.sync_error IS NOT NULL THEN 3"				\
	" WHEN r.sf_id IS NULL OR EXISTS (SELECT 1 FROM outbox o"	\
	"  WHERE o.reminder_id = r.id) THEN 1 ELSE 2 END"

static const char overdue[] = "SELECT " COLUMNS
    " FROM reminder r WHERE r.status = 0 AND r.deleted_ms IS NULL"
    " AND r.due < ?1 ORDER BY r.due, r.priority DESC, r.id";
static const char day[] = "SELECT " COLUMNS
    " FROM reminder r WHERE r.due = ?1 AND r.deleted_ms IS NULL"
    " ORDER BY r.status, r.priority DESC, r.id";

static void
die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bench-floor: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void
query(sqlite3 *db, const char *sql, int32_t arg)
{
	sqlite3_stmt	*st;
	const char	*who, *what;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(db, "prepare");
	sqlite3_bind_int64(st, 1, arg);
	while (sqlite3_step(st) == SQLITE_ROW) {
		who = (const char *)sqlite3_column_text(st, 7);
		what = (const char *)sqlite3_column_text(st, 8);
		printf("%5lld [%c] %c %s  (%s, %s)  %d  [%d]\n",
		    (long long)sqlite3_column_int64(st, 0),
		    sqlite3_column_int(st, 3) ? 'x' : ' ',
		    sqlite3_column_int(st, 4) ? '!' : ' ',
		    (const char *)sqlite3_column_text(st, 2),
		    who != NULL ? who : "", what != NULL ? what : "",
		    sqlite3_column_int(st, 5), sqlite3_column_int(st, 12));
	}
	sqlite3_finalize(st);
}

int
main(int argc, char **argv)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int32_t		 today = date_today();

	if (argc < 3 || (strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "done") != 0) ||
	    (strcmp(argv[1], "done") == 0 && argc != 4)) {
		fprintf(stderr, "usage: bench-floor list DB | done DB ID\n");
		return (2);
	}
	if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK)
		die(db, argv[2]);
	if (strcmp(argv[1], "list") == 0) {
		query(db, overdue, today);
		query(db, day, today);
	} else {
		if (sqlite3_exec(db, "PRAGMA synchronous = FULL", NULL, NULL,
		    NULL) != SQLITE_OK)
			die(db, "pragma");
		if (sqlite3_prepare_v2(db, "UPDATE reminder SET status = 1"
		    " WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
			die(db, "prepare");
		sqlite3_bind_int64(st, 1, atoll(argv[3]));
		if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1)
			die(db, "update");
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return (0);
}
