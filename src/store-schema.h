/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The cache schema and its ordered migrations.  The version lives in
 * PRAGMA user_version; each migration runs in its own transaction together
 * with the version bump, so a cache is always at exactly one version.
 */
#ifndef TD_STORE_SCHEMA_H
#define TD_STORE_SCHEMA_H

#include <sqlite3.h>

#include "store.h"

#define STORE_APPLICATION_ID	0x5444434b	/* "TDCK" */

struct store_migration {
	int		 version;	/* user_version after it ran */
	const char	*sql;
};

/* The migrations of this build, oldest first, and their count. */
extern const struct store_migration	store_migrations[];
extern const int			store_nmigrations;

/* The schema version this build writes. */
int	store_schema_version(void);

/*
 * Brings db up to the last of migs (oldest first), each step in one
 * BEGIN IMMEDIATE transaction.  Returns 0; 1 if the cache is newer than
 * the last migration (nothing touched); -1 on error, with *cause set.
 */
int	store_schema_migrate(sqlite3 *, const struct store_migration *,
	    int nmigs, char **cause);

/*
 * store_open_read's connection for another store module (store-sync.c):
 * the caller owns and closes it.
 */
sqlite3	*store_db_open_read(const char *path, enum store_rc *rc,
	    char **cause);

#endif
