/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Account, Contact and Lead rows of the emulator's store (the parties
 * table, shared with users).  A deleted party stays in the table with
 * isdeleted set, as Salesforce keeps it in the recycle bin, so a later
 * reference to it answers ENTITY_IS_DELETED rather than "no such record".
 *
 * Deleting a contact or a lead deletes its activities, and deleting an
 * account its contacts and their activities (Salesforce Help, "Delete
 * Contacts" / "Delete Accounts"; the mass-delete pages list "All
 * Activities associated with the Contacts/Leads/Accounts").  The tasks go
 * to the recycle bin as a DELETE of the task would, with a change event
 * each; there is no undelete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sfemu-store.h"

int
store_party_deleted(struct sfstore *st, const char *id)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	if (sqlite3_prepare_v2(store_sqlite(st), "SELECT isdeleted FROM"
	    " parties WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	return (rc);
}

void
store_party_owner(struct sfstore *st, const char *id, const char *ownerid)
{
	sqlite3_stmt	*s;

	if (sqlite3_prepare_v2(store_sqlite(st), "UPDATE parties SET"
	    " ownerid = ?2 WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, ownerid, -1, SQLITE_TRANSIENT);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

int
store_party_delete(struct sfstore *st, const char *id, long long now,
    const char *userid)
{
	sqlite3_stmt	*s;
	char		(*ids)[SFID_LEN + 1] = NULL;
	size_t		 n = 0, i;

	store_exec(st, "BEGIN");
	if (sqlite3_prepare_v2(store_sqlite(st), "SELECT id FROM tasks"
	    " WHERE isdeleted = 0 AND (whoid = ?1 OR whatid = ?1 OR whoid IN"
	    " (SELECT id FROM parties WHERE accountid = ?1 AND"
	    " kind = 'Contact' AND isdeleted = 0)) ORDER BY seq", -1, &s,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(s) == SQLITE_ROW) {
			ids = realloc(ids, (n + 1) * sizeof *ids);
			if (ids == NULL)
				abort();
			snprintf(ids[n++], SFID_LEN + 1, "%s",
			    (const char *)sqlite3_column_text(s, 0));
		}
		sqlite3_finalize(s);
	}
	for (i = 0; i < n; i++)
		store_task_delete(st, ids[i], now, userid);
	free(ids);
	if (sqlite3_prepare_v2(store_sqlite(st), "UPDATE parties SET"
	    " isdeleted = 1 WHERE id = ?1 OR (accountid = ?1 AND"
	    " kind = 'Contact')", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_step(s);
		sqlite3_finalize(s);
	}
	store_exec(st, "COMMIT");
	return ((int)n);
}

void
store_party_rename(struct sfstore *st, const char *id)
{
	sqlite3_stmt	*s;

	/* The stored "First Last" that sf_name() answers in most locales. */
	if (sqlite3_prepare_v2(store_sqlite(st), "UPDATE parties SET name ="
	    " CASE WHEN firstname IS NULL OR firstname = '' THEN lastname"
	    " ELSE firstname || ' ' || lastname END"
	    " WHERE id = ?1 AND kind IN ('Contact', 'Lead')", -1, &s,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_step(s);
	sqlite3_finalize(s);
}
