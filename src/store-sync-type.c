/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync columns of a reminder's type (doc/sync.md F8, store-schema.c
 * v6): its merge base (C3), the value an unanswered update sent (C5) and
 * the local base (net changes), written beside the calls of store-sync.c
 * and store-outbox.c that handle the five fields of SPEC F, in the same
 * transaction.  On the connection of store-sync.c (store-sync-int.h).
 */
#include <stdlib.h>

#include <sqlite3.h>

#include "store-sync.h"
#include "store-sync-int.h"

int
ss_type_attempt(struct store_sync *s, const struct ss_row *r, int create,
    const char *type_sf, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, create ? "UPDATE reminder SET base_type = ?2,"
	    " lbase_type = ?3, lbase_mask = lbase_mask | 32"
	    " WHERE id = ?1 AND sf_id IS NULL" :
	    "UPDATE reminder SET sent_type = ?2 WHERE id = ?1", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	ss_text(st, 2, type_sf);
	if (create)
		ss_text(st, 3, task_type_name(r->type));
	return (ss_done(s, st, "record a push attempt", cause));
}

int
ss_type_pushed(struct store_sync *s, const struct ss_row *r,
    const char *type_sf, char **cause)
{
	sqlite3_stmt	*st;

	if (r->op_delete)
		return (0);
	if (ss_prep(s, "UPDATE reminder SET base_type = coalesce(?2,"
	    " base_type), lbase_type = ?3, lbase_mask = lbase_mask | 32,"
	    " sent_type = NULL WHERE id = ?1", &st, cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, r->id);
	ss_text(st, 2, type_sf);
	/* The value sent was made from the row as it was read. */
	ss_text(st, 3, task_type_name(r->type));
	return (ss_done(s, st, "record a push", cause));
}

int
ss_type_apply(struct store_sync *s, int64_t id, unsigned take, unsigned drop,
    enum task_type type, const char *remote, char **cause)
{
	sqlite3_stmt	*st;

	if (ss_prep(s, "UPDATE reminder SET base_type = ?2,"
	    " type = CASE WHEN ?3 & 32 THEN ?4 ELSE type END,"
	    " lbase_type = CASE WHEN ?3 & 32 THEN ?4 WHEN ?5 & 32 THEN type"
	    " ELSE lbase_type END,"
	    " lbase_mask = lbase_mask | ((?3 | ?5) & 32) WHERE id = ?1", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	ss_text(st, 2, remote);
	sqlite3_bind_int(st, 3, (int)take);
	ss_text(st, 4, task_type_name(type));
	sqlite3_bind_int(st, 5, (int)drop);
	return (ss_done(s, st, "apply a salesforce change", cause));
}
