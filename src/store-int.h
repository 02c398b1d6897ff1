/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Private to store.c and the files that share its connection
 * (store-list.c, store-person.c): the layout of struct store and the
 * helpers they share.  Defined in store.c.  Nothing else includes this.
 */
#ifndef TD_STORE_INT_H
#define TD_STORE_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3		*db;
	char		*path;
};

/* The columns every reminder read returns, in store_row()'s order. */
#define STORE_COLUMNS							\
	"r.id, r.sf_id, r.name, r.status, r.priority, r.due, r.details,"	\
	" r.who_name, r.what_name, r.sync_error, r.created_ms,"		\
	" r.updated_ms, CASE WHEN r.local_only THEN 0"			\
	" WHEN r.sync_error IS NOT NULL THEN 3"				\
	" WHEN r.sf_id IS NULL OR EXISTS (SELECT 1 FROM outbox o"	\
	"  WHERE o.reminder_id = r.id) THEN 1 ELSE 2 END,"		\
	" r.who_id, r.what_id, r.type"

enum store_rc	 store_fail(struct store *, int sqlrc, const char *what,
		    char **cause);
int		 store_prepare(struct store *, const char *sql,
		    sqlite3_stmt **, enum store_rc *, char **cause);
enum store_rc	 store_begin(struct store *, char **cause);
enum store_rc	 store_commit(struct store *, char **cause);
enum store_rc	 store_rollback(struct store *, enum store_rc);
void		 store_bind_text(sqlite3_stmt *, int, const char *);
void		 store_bind_due(sqlite3_stmt *, int, int32_t);
char		*store_col_text(sqlite3_stmt *, int);
void		 store_row(sqlite3_stmt *, struct task *);
int		 store_queue(struct store *, int64_t id, const char *op,
		    unsigned fields, int64_t now);
/*
 * Remembers the person or record sf_id named name as picked by the rep
 * at now (store-person.c); the caller holds the transaction.  A SQLite
 * result code.
 */
int		 store_person_used(struct store *, const char *sf_id,
		    const char *name, int64_t now);

#endif
