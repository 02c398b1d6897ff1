/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Benchmark data: fills a taskdeck cache with N reminders, and writes the
 * same reminders for the tools we compare with.
 *
 *   bench-gen cache DB N          bulk INSERT into a cache that taskdeck
 *                                 itself created (schema, application_id)
 *   bench-gen taskwarrior DB DIR  DIR/pending.data and DIR/completed.data
 *   bench-gen calcurse DB DIR     DIR/apts (dated) and DIR/todo (undated)
 *
 * The cache is written in one transaction through the real schema, with a
 * deterministic, roughly realistic spread (see bench_due): most reminders
 * are done and in the past, 1% are overdue and open, 0.5% due today, 0.5%
 * tomorrow, 8% in the next month, 10% far in the future, 3% undated; 90%
 * synced (Salesforce Id, merge base), 10% local-only.  Reminders 1 to 40
 * are open, synced and due in a year: the targets of the `done` benchmark.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "date.h"

#define BENCH_RESERVED	40

static uint64_t	rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
bench_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((uint32_t)(rng >> 11));
}

static void
die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bench-gen: %s: %s\n", what,
	    db != NULL ? sqlite3_errmsg(db) : "failed");
	exit(1);
}

/* Due date and status of reminder i (1-based) relative to today. */
static void
bench_due(long i, int32_t today, int32_t *due, int *status)
{
	uint32_t	p = bench_rand() % 1000;

	*status = 0;
	if (i <= BENCH_RESERVED)
		*due = today + 365;
	else if (p < 10)			/* overdue, open */
		*due = today - 1 - (int32_t)(bench_rand() % 60);
	else if (p < 15) {			/* today, a fifth done */
		*due = today;
		*status = bench_rand() % 5 == 0;
	} else if (p < 20)			/* tomorrow */
		*due = today + 1;
	else if (p < 100)			/* the next month */
		*due = today + 2 + (int32_t)(bench_rand() % 29);
	else if (p < 200)			/* far future */
		*due = today + 31 + (int32_t)(bench_rand() % 700);
	else if (p < 230)			/* undated */
		*due = DATE_NONE;
	else {					/* done, in the past */
		*due = today - 1 - (int32_t)(bench_rand() % 1000);
		*status = 1;
	}
}

static const char *words[] = { "Call", "Email", "Follow up with", "Send quote to",
    "Demo for", "Renewal call", "Check in with", "Prepare proposal for" };
static const char *people[] = { "Ana Souza", "Li Wei", "Dana Rivera",
    "Kenji Sato", "Maria Rossi", "Omar Haddad", "Eva Novak", "Tom Berg" };
static const char *orgs[] = { "Acme GmbH", "Globex", "Initech", "Umbrella",
    "Wei Ltd", "Hooli", "Stark Industries", "Wayne Enterprises" };

static int
gen_cache(const char *path, long n)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		 name[128], key[40], sfid[40], modstamp[40];
	int32_t		 today = date_today(), due;
	int64_t		 now = (int64_t)time(NULL) * 1000, t;
	long		 i;
	int		 status, prio, synced, y, m, d;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(db, path);
	if (sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN IMMEDIATE", NULL,
	    NULL, NULL) != SQLITE_OK)
		die(db, "begin");
	if (sqlite3_prepare_v2(db, "INSERT INTO reminder (id, sf_id,"
	    " client_key, name, status, priority, due, details, who_name,"
	    " what_name, local_only, created_ms, updated_ms, name_ms,"
	    " status_ms, priority_ms, due_ms, details_ms, base_subject,"
	    " base_status, base_priority, base_due, base_details,"
	    " sf_modstamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?12, ?12, ?12, ?12, ?12,"
	    " CASE WHEN ?11 THEN NULL ELSE ?4 END,"
	    " CASE WHEN ?11 THEN NULL WHEN ?5 THEN 'Completed'"
	    "  ELSE 'Not Started' END,"
	    " CASE WHEN ?11 THEN NULL WHEN ?6 THEN 'High' ELSE 'Normal' END,"
	    " CASE WHEN ?11 THEN NULL ELSE ?7 END,"
	    " CASE WHEN ?11 THEN NULL ELSE ?8 END,"
	    " CASE WHEN ?11 THEN NULL ELSE ?14 END)", -1, &st,
	    NULL) != SQLITE_OK)
		die(db, "prepare");
	for (i = 1; i <= n; i++) {
		bench_due(i, today, &due, &status);
		prio = bench_rand() % 10 == 0;
		synced = i <= BENCH_RESERVED || bench_rand() % 10 != 0;
		snprintf(name, sizeof name, "%s %s (%ld)",
		    words[bench_rand() % 8], people[bench_rand() % 8], i);
		snprintf(key, sizeof key, "%032lx", i);
		snprintf(sfid, sizeof sfid, "00T%012ldAAA", i);
		t = now - (int64_t)(bench_rand() % (400 * 86400)) * 1000;
		date_to_ymd(date_local((time_t)(t / 1000)), &y, &m, &d);
		snprintf(modstamp, sizeof modstamp,
		    "%04d-%02d-%02dT10:00:00.000+0000", y, m, d);
		sqlite3_bind_int64(st, 1, i);
		if (synced)
			sqlite3_bind_text(st, 2, sfid, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 2);
		sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, status);
		sqlite3_bind_int(st, 6, prio);
		if (due == DATE_NONE)
			sqlite3_bind_null(st, 7);
		else
			sqlite3_bind_int(st, 7, due);
		sqlite3_bind_text(st, 8, bench_rand() % 3 == 0 ?
		    "Discussed pricing; send the revised quote and book a"
		    " follow-up." : "", -1, SQLITE_STATIC);
		if (synced && bench_rand() % 2 == 0) {
			sqlite3_bind_text(st, 9, people[bench_rand() % 8], -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(st, 10, orgs[bench_rand() % 8], -1,
			    SQLITE_STATIC);
		} else {
			sqlite3_bind_null(st, 9);
			sqlite3_bind_null(st, 10);
		}
		sqlite3_bind_int(st, 11, !synced);
		sqlite3_bind_int64(st, 12, t);
		sqlite3_bind_int64(st, 13, t);
		sqlite3_bind_text(st, 14, modstamp, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			die(db, "insert");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL,
	    NULL, NULL) != SQLITE_OK)
		die(db, "commit");
	sqlite3_close(db);
	return (0);
}

/* Walks the cache's live reminders: id, name, status, priority, due. */
static sqlite3_stmt *
walk(const char *path, sqlite3 **db, const char *order)
{
	sqlite3_stmt	*st;
	char		 sql[256];

	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(*db, path);
	snprintf(sql, sizeof sql, "SELECT id, name, status, priority, due,"
	    " created_ms FROM reminder WHERE deleted_ms IS NULL ORDER BY %s",
	    order);
	if (sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK)
		die(*db, "select");
	return (st);
}

static FILE *
create(const char *dir, const char *name)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	return (f);
}

/* Taskwarrior 2.x data files (what `task import` would write). */
static int
gen_taskwarrior(const char *path, const char *dir)
{
	sqlite3		*db;
	sqlite3_stmt	*st = walk(path, &db, "id");
	FILE		*pend, *comp, *f;
	long long	 id, entry;
	int		 status, prio;

	mkdir(dir, 0755);
	pend = create(dir, "pending.data");
	comp = create(dir, "completed.data");
	fclose(create(dir, "undo.data"));
	fclose(create(dir, "backlog.data"));
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		status = sqlite3_column_int(st, 2);
		prio = sqlite3_column_int(st, 3);
		entry = sqlite3_column_int64(st, 5) / 1000;
		f = status ? comp : pend;
		fprintf(f, "[description:\"%s\"",
		    (const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			fprintf(f, " due:\"%lld\"",
			    sqlite3_column_int64(st, 4) * 86400LL);
		if (status)
			fprintf(f, " end:\"%lld\"", entry + 3600);
		fprintf(f, " entry:\"%lld\" modified:\"%lld\"", entry, entry);
		if (prio)
			fprintf(f, " priority:\"H\"");
		fprintf(f, " status:\"%s\" uuid:\"%08llx-0000-4000-8000-%012llx\"]\n",
		    status ? "completed" : "pending", id, id);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	fclose(pend);
	fclose(comp);
	return (0);
}

/*
 * calcurse: a dated reminder is a day event, an undated one a todo; in
 * (date, text) order, the order calcurse itself saves them in: its
 * sorted insert is linear only in that order (issue 19: in (date, id)
 * order 100k events took calcurse 59 s to load, 64 ms once it saved the
 * file itself).  bench.sh lets calcurse save the file once and says
 * whether it changed.
 */
static int
gen_calcurse(const char *path, const char *dir)
{
	sqlite3		*db;
	sqlite3_stmt	*st = walk(path, &db, "due, CASE WHEN status THEN"
	    " '(done) ' || name ELSE name END, id");
	FILE		*apts, *todo;
	int		 y, m, d, status, prio;

	mkdir(dir, 0755);
	apts = create(dir, "apts");
	todo = create(dir, "todo");
	while (sqlite3_step(st) == SQLITE_ROW) {
		status = sqlite3_column_int(st, 2);
		prio = sqlite3_column_int(st, 3);
		if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
			fprintf(todo, "[%s%d] %s\n", status ? "-" : "",
			    prio ? 1 : 5, sqlite3_column_text(st, 1));
			continue;
		}
		date_to_ymd(sqlite3_column_int(st, 4), &y, &m, &d);
		fprintf(apts, "%02d/%02d/%04d [1] %s%s\n", m, d, y,
		    status ? "(done) " : "", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	fclose(apts);
	fclose(todo);
	return (0);
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "cache") == 0)
		return (gen_cache(argv[2], atol(argv[3])));
	if (argc == 4 && strcmp(argv[1], "taskwarrior") == 0)
		return (gen_taskwarrior(argv[2], argv[3]));
	if (argc == 4 && strcmp(argv[1], "calcurse") == 0)
		return (gen_calcurse(argv[2], argv[3]));
	fprintf(stderr, "usage: bench-gen cache DB N | taskwarrior DB DIR |"
	    " calcurse DB DIR\n");
	return (2);
}
