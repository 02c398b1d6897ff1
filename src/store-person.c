/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The people and records the rep has seen or picked (the person table,
 * schema v6), for the link picker and `add --who/--what` (doc/sync.md
 * F12-F15): remembered when a pull imports a task's Who and What
 * (ss_person_seen, the engine's connection), when a people search
 * answers (the same), and when the rep links a reminder
 * (store_person_used, inside the edit's transaction).  Searched by
 * folded case and accents (utf8_fold), as the command center's search.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store-int.h"
#include "store-sync.h"
#include "store-sync-int.h"
#include "utf8.h"
#include "xmalloc.h"

const char *
person_kind_of(const char *sf_id)
{
	if (sf_id == NULL || strlen(sf_id) < 3)
		return ("Record");
	if (strncmp(sf_id, "003", 3) == 0)
		return ("Contact");
	if (strncmp(sf_id, "00Q", 3) == 0)
		return ("Lead");
	if (strncmp(sf_id, "001", 3) == 0)
		return ("Account");
	return ("Record");
}

int
person_is_who(const char *sf_id)
{
	const char	*k = person_kind_of(sf_id);

	return (strcmp(k, "Contact") == 0 || strcmp(k, "Lead") == 0);
}

/* Inserts or refreshes one person: used_ms and seen_ms only move forward
 * (0 leaves them). */
static const char person_upsert_sql[] = "INSERT INTO person (sf_id, kind,"
    " name, detail, used_ms, seen_ms) VALUES (?1, ?2, ?3, coalesce(?4, ''),"
    " ?5, ?6) ON CONFLICT (sf_id) DO UPDATE SET kind = excluded.kind,"
    " name = excluded.name, detail = CASE WHEN ?4 IS NULL THEN detail ELSE"
    " excluded.detail END, used_ms = max(used_ms, excluded.used_ms),"
    " seen_ms = max(seen_ms, excluded.seen_ms)";

static void
person_bind(sqlite3_stmt *st, const char *sf_id, const char *name,
    const char *detail, int64_t used, int64_t seen)
{
	sqlite3_bind_text(st, 1, sf_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, person_kind_of(sf_id), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
	if (detail != NULL)
		sqlite3_bind_text(st, 4, detail, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int64(st, 5, used);
	sqlite3_bind_int64(st, 6, seen);
}

int
store_person_used(struct store *s, const char *sf_id, const char *name,
    int64_t now)
{
	sqlite3_stmt	*st;
	int		 r;

	if (sf_id == NULL || *sf_id == '\0' || name == NULL || *name == '\0')
		return (SQLITE_DONE);
	if ((r = sqlite3_prepare_v2(s->db, person_upsert_sql, -1, &st,
	    NULL)) != SQLITE_OK)
		return (r);
	person_bind(st, sf_id, name, NULL, now, 0);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return (r);
}

int
ss_person_seen(struct store_sync *s, const char *sf_id, const char *name,
    const char *detail, int64_t now, char **cause)
{
	sqlite3_stmt	*st;

	if (sf_id == NULL || *sf_id == '\0' || name == NULL || *name == '\0')
		return (0);
	/* A cached statement: a first import remembers a person a task. */
	if (ss_prep(s, person_upsert_sql, &st, cause) != 0)
		return (-1);
	person_bind(st, sf_id, name, detail, 0, now);
	return (ss_done(s, st, "remember a person", cause));
}

void
person_list_free(struct person_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].sf_id);
		free(l->v[i].kind);
		free(l->v[i].name);
		free(l->v[i].detail);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* How well folded hay matches folded needle: 3 the start, 2 a word's
 * start, 1 inside, 0 not at all. */
static int
person_rank(const char *hay, const char *needle)
{
	const char	*p;
	int		 best = 0;

	if (*needle == '\0')
		return (1);
	for (p = hay; (p = strstr(p, needle)) != NULL; p++) {
		if (p == hay)
			return (3);
		if (p[-1] == ' ' || p[-1] == '-' || p[-1] == '.')
			best = 2;
		else if (best == 0)
			best = 1;
	}
	return (best);
}

struct person_hit {
	struct person	 p;
	int		 rank;
};

static int
person_hitcmp(const void *a, const void *b)
{
	const struct person_hit	*x = a, *y = b;

	if (x->rank != y->rank)
		return (y->rank - x->rank);
	if (x->p.used_ms != y->p.used_ms)
		return (y->p.used_ms > x->p.used_ms ? 1 : -1);
	return (strcmp(x->p.name, y->p.name));
}

enum store_rc
store_person_search(struct store *s, const char *needle, int who, size_t max,
    struct person_list *out, char **cause)
{
	struct person_hit	*hits = NULL;
	sqlite3_stmt		*st;
	enum store_rc		 rc;
	size_t			 n = 0, cap = 0, i;
	char			*fn, *fh;
	const char		*id;
	int			 r, rank;

	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT sf_id, kind, name, detail, used_ms FROM"
	    " person ORDER BY used_ms DESC, seen_ms DESC", &st, &rc,
	    cause) != 0)
		return (rc);
	fn = utf8_fold(needle != NULL ? needle : "");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		if (id == NULL || person_is_who(id) != who)
			continue;
		fh = utf8_fold((const char *)sqlite3_column_text(st, 2));
		rank = person_rank(fh, fn);
		free(fh);
		if (rank == 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			hits = xreallocarray(hits, cap, sizeof *hits);
		}
		hits[n].rank = rank;
		hits[n].p.sf_id = xstrdup(id);
		hits[n].p.kind = store_col_text(st, 1);
		hits[n].p.name = store_col_text(st, 2);
		hits[n].p.detail = store_col_text(st, 3);
		hits[n].p.used_ms = sqlite3_column_int64(st, 4);
		n++;
	}
	free(fn);
	rc = r == SQLITE_DONE ? STORE_OK : store_fail(s, r, "search people",
	    cause);
	sqlite3_finalize(st);
	if (n > 0)
		qsort(hits, n, sizeof *hits, person_hitcmp);
	out->v = xcalloc(max > 0 ? max : 1, sizeof *out->v);
	for (i = 0; i < n; i++) {
		if (rc == STORE_OK && out->n < max)
			out->v[out->n++] = hits[i].p;
		else {
			free(hits[i].p.sf_id);
			free(hits[i].p.kind);
			free(hits[i].p.name);
			free(hits[i].p.detail);
		}
	}
	free(hits);
	return (rc);
}
