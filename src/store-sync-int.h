/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Private to store-sync.c, store-outbox.c and store-conflict.c, the parts
 * of the sync engine's cache side: the layout of struct store_sync with
 * its statement cache, and the statement and reminder helpers they share.
 * Defined in store-sync.c.  Nothing else includes this file.
 */
#ifndef TD_STORE_SYNC_INT_H
#define TD_STORE_SYNC_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "store-sync.h"

/*
 * Prepared statements are kept for the connection's lifetime: a first
 * sync of 100k records would otherwise compile three statements per
 * record, and compiling was most of its time (doc/performance.md).  An
 * entry in use is not handed out twice; a nested use of the same SQL, or
 * a full cache, gets a statement of its own that ss_release finalizes.
 */
#define SS_CACHE	48

struct ss_cached {
	char		*sql;
	sqlite3_stmt	*st;
	int		 busy;
};

struct store_sync {
	sqlite3		*db;
	char		*path;
	struct ss_cached cache[SS_CACHE];
	size_t		 ncache;
};

/* Fills *cause from the connection's last error; returns -1. */
int		 ss_fail(struct store_sync *, const char *what, char **cause);
/* A statement for sql, from the cache if it is free; ss_release gives it
 * back (reset if cached, else finalized). */
int		 ss_prep(struct store_sync *, const char *sql, sqlite3_stmt **,
		     char **cause);
int		 ss_release(struct store_sync *, sqlite3_stmt *);
/* Steps a statement to completion and releases it. */
int		 ss_done(struct store_sync *, sqlite3_stmt *, const char *what,
		     char **cause);
/* Bind a text (NULL: null) or a due date (DATE_NONE: null). */
void		 ss_text(sqlite3_stmt *, int, const char *);
void		 ss_due(sqlite3_stmt *, int, int32_t);
/* A copy of a text column, NULL for null. */
char		*ss_col(sqlite3_stmt *, int);
/* A random client key (32 hex digits). */
void		 ss_key(char out[33]);
/* The link columns (F12, store-link.c), last in a row's SELECT; a row's
 * reader hands them to ss_link_cols from column first on. */
#define SS_LINK_COLUMNS							\
	"who_id, what_id, who_name, what_name, who_ms, what_ms,"	\
	" base_who_id, base_what_id, sent_who_id, sent_what_id,"	\
	" lbase_who_id, lbase_what_id"
void		 ss_link_cols(sqlite3_stmt *, int first, struct ss_row *);
/* Collapses a reminder's outbox entries up to seq upto into the row. */
int		 ss_row_outbox(struct store_sync *, struct ss_row *,
		     int64_t upto, char **cause);
/* Reads one reminder and its outbox entries by a WHERE clause on text, or
 * on num if text is NULL: 0, 1 none, -1 error. */
int		 ss_find(struct store_sync *, const char *where,
		     const char *text, int64_t num, struct ss_row *,
		     char **cause);

#endif
