/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The cache's listings as the UI and CLI see them: the command center's
 * days, all reminders, search.  Moved from
 * store.c; shares its connection through store-int.h.
 */
#include <stdlib.h>

#include <sqlite3.h>

#include "store.h"
#include "store-int.h"

/* Runs a listing query with up to three integer parameters. */
static enum store_rc
store_select(struct store *s, const char *sql, const int64_t *args,
    int nargs, const char *text, struct task_list *out, char **cause)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 i, r;

	if (store_prepare(s, sql, &st, &rc, cause) != 0)
		return (rc);
	for (i = 0; i < nargs; i++)
		sqlite3_bind_int64(st, i + 1, args[i]);
	if (text != NULL)
		sqlite3_bind_text(st, nargs + 1, text, -1, SQLITE_TRANSIENT);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		store_row(st, task_list_push(out));
	rc = r == SQLITE_DONE ? STORE_OK : store_fail(s, r, "list reminders",
	    cause);
	sqlite3_finalize(st);
	return (rc);
}

enum store_rc
store_list(struct store *s, enum store_view view, int32_t today,
    struct task_list *out, char **cause)
{
	/* Overdue open first (oldest first), then the day's reminders. */
	static const char	overdue[] = "SELECT " STORE_COLUMNS
	    " FROM reminder r WHERE r.status = 0 AND r.deleted_ms IS NULL"
	    " AND r.due < ?1 ORDER BY r.due, r.priority DESC, r.id";
	static const char	day[] = "SELECT " STORE_COLUMNS
	    " FROM reminder r WHERE r.due = ?1 AND r.deleted_ms IS NULL"
	    " ORDER BY r.status, r.priority DESC, r.id";
	static const char	all[] = "SELECT " STORE_COLUMNS
	    " FROM reminder r WHERE r.deleted_ms IS NULL"
	    " ORDER BY r.due IS NULL, r.due, r.name, r.id";
	int64_t			arg[1];
	enum store_rc		rc = STORE_OK;

	switch (view) {
	case STORE_VIEW_CENTER:
	case STORE_VIEW_TODAY:
		arg[0] = today;
		if ((rc = store_select(s, overdue, arg, 1, NULL, out,
		    cause)) != STORE_OK)
			return (rc);
		if ((rc = store_select(s, day, arg, 1, NULL, out,
		    cause)) != STORE_OK || view == STORE_VIEW_TODAY)
			return (rc);
		/* FALLTHROUGH */
	case STORE_VIEW_TOMORROW:
		arg[0] = today + 1;
		return (store_select(s, day, arg, 1, NULL, out, cause));
	case STORE_VIEW_OVERDUE:
		arg[0] = today;
		return (store_select(s, overdue, arg, 1, NULL, out, cause));
	case STORE_VIEW_ALL:
		return (store_select(s, all, NULL, 0, NULL, out, cause));
	}
	return (rc);
}

/* Runs a count(*) query with one bound day number. */
static enum store_rc
store_count(struct store *s, const char *sql, int64_t arg, int64_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;
	int		 r;

	if (store_prepare(s, sql, &st, &rc, cause) != 0)
		return (rc);
	sqlite3_bind_int64(st, 1, arg);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	} else
		rc = store_fail(s, r, "count reminders", cause);
	sqlite3_finalize(st);
	return (rc);
}

enum store_rc
store_list_head(struct store *s, int32_t today, int64_t limit,
    struct task_list *out, int64_t *n_today, int64_t *n_tomorrow,
    char **cause)
{
	/* store_list's queries, cut at ?2 rows; the counts read only the
	 * partial indexes (no table row). */
	static const char	overdue[] = "SELECT " STORE_COLUMNS
	    " FROM reminder r WHERE r.status = 0 AND r.deleted_ms IS NULL"
	    " AND r.due < ?1 ORDER BY r.due, r.priority DESC, r.id LIMIT ?2";
	static const char	day[] = "SELECT " STORE_COLUMNS
	    " FROM reminder r WHERE r.due = ?1 AND r.deleted_ms IS NULL"
	    " ORDER BY r.status, r.priority DESC, r.id LIMIT ?2";
	static const char	n_overdue[] = "SELECT count(*) FROM reminder r"
	    " WHERE r.status = 0 AND r.deleted_ms IS NULL AND r.due < ?1";
	static const char	n_day[] = "SELECT count(*) FROM reminder r"
	    " WHERE r.due = ?1 AND r.deleted_ms IS NULL";
	int64_t			arg[2] = { today, limit }, n;
	enum store_rc		rc;

	if ((rc = store_select(s, overdue, arg, 2, NULL, out, cause)) !=
	    STORE_OK || (rc = store_select(s, day, arg, 2, NULL, out,
	    cause)) != STORE_OK)
		return (rc);
	arg[0] = today + 1;
	if ((rc = store_select(s, day, arg, 2, NULL, out, cause)) !=
	    STORE_OK)
		return (rc);
	if ((rc = store_count(s, n_overdue, today, n_today, cause)) !=
	    STORE_OK || (rc = store_count(s, n_day, today, &n, cause)) !=
	    STORE_OK)
		return (rc);
	*n_today += n;
	return (store_count(s, n_day, today + 1, n_tomorrow, cause));
}

enum store_rc
store_search(struct store *s, const char *needle, struct task_list *out,
    char **cause)
{
	static const char	sql[] = "SELECT " STORE_COLUMNS
	    " FROM reminder r WHERE r.deleted_ms IS NULL AND"
	    " (instr(lower(r.name), lower(?1)) OR instr(lower(r.details),"
	    " lower(?1)) OR instr(lower(coalesce(r.who_name, '')), lower(?1))"
	    " OR instr(lower(coalesce(r.what_name, '')), lower(?1)))"
	    " ORDER BY r.due IS NULL, r.due, r.name, r.id";

	return (store_select(s, sql, NULL, 0, needle, out, cause));
}
