/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Cache schema, one migration per version.  Never edit a migration that has
 * shipped: add a new one.  Tables:
 *
 *   reminder    one row per reminder, with the last-synced value of each
 *               synced field (the merge base, SPEC C3), per-field local
 *               change times (C4), the Salesforce Id and a client key
 *               persisted before any create is sent (C6), and a tombstone
 *               (deleted_ms) while a delete waits to reach Salesforce, and
 *               the values of the last update sent and not answered (v4),
 *               and the local values as of the last sync (v5)
 *   outbox      local changes waiting to be pushed, in order (C7); written
 *               in the same transaction as the edit itself
 *   conflict    every value a merge discarded, restorable (C4)
 *   setting     sync state the cache carries (T0, user, instance)
 *   sync_cursor pull cursors, advanced with the page they cover (C1)
 *   person      people and records seen or picked, for the link picker
 */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "store-schema.h"
#include "xmalloc.h"

static const char store_v1[] =
"CREATE TABLE reminder ("
"  id           INTEGER PRIMARY KEY,"
"  sf_id        TEXT UNIQUE,"
"  client_key   TEXT NOT NULL UNIQUE,"
"  name         TEXT NOT NULL,"
"  status       INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),"
"  priority     INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),"
"  due          INTEGER,"
"  details      TEXT NOT NULL DEFAULT '',"
"  who_name     TEXT,"
"  what_name    TEXT,"
"  local_only   INTEGER NOT NULL DEFAULT 1,"
"  created_ms   INTEGER NOT NULL,"
"  updated_ms   INTEGER NOT NULL,"
"  name_ms      INTEGER NOT NULL DEFAULT 0,"
"  status_ms    INTEGER NOT NULL DEFAULT 0,"
"  priority_ms  INTEGER NOT NULL DEFAULT 0,"
"  due_ms       INTEGER NOT NULL DEFAULT 0,"
"  details_ms   INTEGER NOT NULL DEFAULT 0,"
"  base_subject TEXT,"
"  base_status  TEXT,"
"  base_priority TEXT,"
"  base_due     INTEGER,"
"  base_details TEXT,"
"  sf_modstamp  TEXT,"
"  sync_error   TEXT,"
"  error_count  INTEGER NOT NULL DEFAULT 0,"
"  deleted_ms   INTEGER"
");"
"CREATE INDEX reminder_due ON reminder (due) WHERE deleted_ms IS NULL;"
"CREATE INDEX reminder_open_due ON reminder (due)"
"  WHERE status = 0 AND deleted_ms IS NULL;"
"CREATE TABLE outbox ("
"  seq          INTEGER PRIMARY KEY AUTOINCREMENT,"
"  reminder_id  INTEGER NOT NULL,"
"  op           TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),"
"  fields       INTEGER NOT NULL DEFAULT 0,"
"  created_ms   INTEGER NOT NULL,"
"  attempts     INTEGER NOT NULL DEFAULT 0,"
"  next_try_ms  INTEGER NOT NULL DEFAULT 0,"
"  last_error   TEXT"
");"
"CREATE INDEX outbox_reminder ON outbox (reminder_id);"
"CREATE TABLE conflict ("
"  id           INTEGER PRIMARY KEY,"
"  reminder_id  INTEGER,"
"  sf_id        TEXT,"
"  name         TEXT NOT NULL,"
"  field        TEXT NOT NULL,"
"  kept_value   TEXT,"
"  lost_value   TEXT,"
"  lost_side    TEXT NOT NULL CHECK (lost_side IN ('local', 'salesforce')),"
"  reason       TEXT NOT NULL,"
"  at_ms        INTEGER NOT NULL,"
"  restored_ms  INTEGER"
");"
"CREATE TABLE setting ("
"  key          TEXT PRIMARY KEY,"
"  value        TEXT NOT NULL"
") WITHOUT ROWID;"
"CREATE TABLE sync_cursor ("
"  name         TEXT PRIMARY KEY,"
"  value        TEXT NOT NULL,"
"  updated_ms   INTEGER NOT NULL"
") WITHOUT ROWID;";

/* v2: the searchable "all reminders" view orders by due date, then name. */
static const char store_v2[] =
"CREATE INDEX reminder_all ON reminder (due, name) WHERE deleted_ms IS NULL;";

/*
 * v3: the Today and Tomorrow queries read their rows in index order
 * (due, then status and priority; the rowid is every index's last
 * column), so the command center's first screenful needs no sort of the
 * whole day and stops after LIMIT rows (store_list_head).
 */
static const char store_v3[] =
"DROP INDEX reminder_due;"
"CREATE INDEX reminder_day ON reminder (due, status, priority DESC)"
"  WHERE deleted_ms IS NULL;"
"DROP INDEX reminder_open_due;"
"CREATE INDEX reminder_open ON reminder (due, priority DESC)"
"  WHERE status = 0 AND deleted_ms IS NULL;";

/*
 * v4: the values an update sent whose answer never came (sent_mask: the
 * fields).  Salesforce may have applied it; the pull that then sees our
 * own older value must not take it for a later change made there and let
 * it beat a newer local edit (SPEC C5, C7; doc/sync.md "Echoes").
 */
static const char store_v4[] =
"ALTER TABLE reminder ADD COLUMN sent_mask INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE reminder ADD COLUMN sent_subject TEXT;"
"ALTER TABLE reminder ADD COLUMN sent_status TEXT;"
"ALTER TABLE reminder ADD COLUMN sent_priority TEXT;"
"ALTER TABLE reminder ADD COLUMN sent_due INTEGER;"
"ALTER TABLE reminder ADD COLUMN sent_details TEXT;";

/*
 * v5: the local value of each field as of the last sync (lbase_mask: the
 * fields known), so that a push sends, and a merge counts as a local
 * change, only a field whose value differs from it: done then reopen
 * between two syncs changes nothing (SPEC F2, C3; doc/sync.md "Net
 * changes").  A synced reminder with nothing queued agrees with
 * Salesforce, so its current values are that base.
 */
static const char store_v5[] =
"ALTER TABLE reminder ADD COLUMN lbase_mask INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE reminder ADD COLUMN lbase_name TEXT;"
"ALTER TABLE reminder ADD COLUMN lbase_status INTEGER;"
"ALTER TABLE reminder ADD COLUMN lbase_priority INTEGER;"
"ALTER TABLE reminder ADD COLUMN lbase_due INTEGER;"
"ALTER TABLE reminder ADD COLUMN lbase_details TEXT;"
"UPDATE reminder SET lbase_mask = 31, lbase_name = name,"
"  lbase_status = status, lbase_priority = priority, lbase_due = due,"
"  lbase_details = details WHERE sf_id IS NOT NULL AND deleted_ms IS NULL"
"  AND sent_mask = 0 AND NOT EXISTS (SELECT 1 FROM outbox o"
"  WHERE o.reminder_id = reminder.id);";

/*
 * v6 (issue 17): a reminder's type and its links to a person (WhoId: a
 * Contact or Lead) and a record (WhatId: an Account...), each with its
 * change time (C4), merge base (C3), value sent and unanswered (v4) and
 * local base (v5), like the fields before them; and the people and
 * records the rep has seen or picked, for the add and edit forms' picker.
 * type is one of 'other', 'call', 'email', 'linkedin'; base_type holds
 * Salesforce's own value (TaskSubtype or Type) as last synced.
 */
static const char store_v6[] =
"ALTER TABLE reminder ADD COLUMN type TEXT NOT NULL DEFAULT 'other'"
"  CHECK (type IN ('other', 'call', 'email', 'linkedin'));"
"ALTER TABLE reminder ADD COLUMN who_id TEXT;"
"ALTER TABLE reminder ADD COLUMN what_id TEXT;"
"ALTER TABLE reminder ADD COLUMN type_ms INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE reminder ADD COLUMN who_ms INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE reminder ADD COLUMN what_ms INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE reminder ADD COLUMN base_type TEXT;"
"ALTER TABLE reminder ADD COLUMN base_who_id TEXT;"
"ALTER TABLE reminder ADD COLUMN base_what_id TEXT;"
"ALTER TABLE reminder ADD COLUMN sent_type TEXT;"
"ALTER TABLE reminder ADD COLUMN sent_who_id TEXT;"
"ALTER TABLE reminder ADD COLUMN sent_what_id TEXT;"
"ALTER TABLE reminder ADD COLUMN lbase_type TEXT;"
"ALTER TABLE reminder ADD COLUMN lbase_who_id TEXT;"
"ALTER TABLE reminder ADD COLUMN lbase_what_id TEXT;"
"CREATE TABLE person ("
"  sf_id        TEXT PRIMARY KEY,"
"  kind         TEXT NOT NULL,"
"  name         TEXT NOT NULL,"
"  detail       TEXT NOT NULL DEFAULT '',"
"  used_ms      INTEGER NOT NULL DEFAULT 0,"
"  seen_ms      INTEGER NOT NULL DEFAULT 0"
") WITHOUT ROWID;"
"CREATE INDEX person_used ON person (used_ms DESC);";

const struct store_migration store_migrations[] = {
	{ 1, store_v1 },
	{ 2, store_v2 },
	{ 3, store_v3 },
	{ 4, store_v4 },
	{ 5, store_v5 },
	{ 6, store_v6 },
};
const int store_nmigrations =
    (int)(sizeof store_migrations / sizeof store_migrations[0]);

int
store_schema_version(void)
{
	return (store_migrations[store_nmigrations - 1].version);
}

/* Reads PRAGMA user_version: 0 or -1 with *cause. */
static int
store_schema_get_version(sqlite3 *db, int *version, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK) {
		*cause = xstrdup(sqlite3_errmsg(db));
		return (-1);
	}
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		*cause = xstrdup(sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return (-1);
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (0);
}

/*
 * Runs the next migration above the current version, with its version bump,
 * in one BEGIN IMMEDIATE transaction.  The version is read under the lock,
 * so two processes opening a new cache at once never run a step twice.
 * Returns 0 (a step ran), 2 (already current), 1 (newer), -1 (error).
 */
static int
store_schema_step(sqlite3 *db, const struct store_migration *migs, int nmigs,
    char **cause)
{
	const struct store_migration	*m = NULL;
	char				*err = NULL, *sql;
	int				 version, i, rc;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf(_("cannot lock the cache to migrate it: %s"),
		    err != NULL ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return (-1);
	}
	if (store_schema_get_version(db, &version, cause) != 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	for (i = 0; i < nmigs && m == NULL; i++)
		if (migs[i].version > version)
			m = &migs[i];
	if (m == NULL) {
		rc = version > migs[nmigs - 1].version ? 1 : 2;
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return (rc);
	}
	if (sqlite3_exec(db, m->sql, NULL, NULL, &err) != SQLITE_OK)
		goto rollback;
	sql = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
	    m->version, STORE_APPLICATION_ID);
	rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	free(sql);
	if (rc != SQLITE_OK)
		goto rollback;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &err) != SQLITE_OK)
		goto rollback;
	return (0);

rollback:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	*cause = xasprintf(_("schema migration to version %d failed: %s"),
	    m->version, err != NULL ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	return (-1);
}

int
store_schema_migrate(sqlite3 *db, const struct store_migration *migs,
    int nmigs, char **cause)
{
	int	rc;

	while ((rc = store_schema_step(db, migs, nmigs, cause)) == 0)
		;
	return (rc == 2 ? 0 : rc);
}
