/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The cache as the sync engine sees it: outbox batches, the merge base,
 * pull cursors, remote changes applied without echo (C5), the conflict
 * log (C4).  With store.c, the only module that includes <sqlite3.h>; it
 * owns its own connection (one per thread) on a cache store_open made.
 */
#ifndef TD_STORE_SYNC_H
#define TD_STORE_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "task.h"

struct store_sync;

/* A reminder with everything the engine needs to push or merge it. */
struct ss_row {
	int64_t		 id;
	char		*sf_id;
	char		*client_key;
	char		*name;
	enum task_status status;
	enum task_priority priority;
	int32_t		 due;
	char		*details;
	int64_t		 field_ms[5];	/* in TASK_F_* order */
	char		*base_subject;	/* NULL: never synced */
	char		*base_status;
	char		*base_priority;
	int32_t		 base_due;
	char		*base_details;
	char		*sf_modstamp;
	int		 deleted;
	int		 local_only;
	int64_t		 created_ms;
	int		 error_count;
	/* The last update sent and not answered (store-schema.c v4). */
	unsigned	 sent_mask;
	char		*sent_subject;
	char		*sent_status;
	char		*sent_priority;
	int32_t		 sent_due;
	char		*sent_details;
	/* The local values as of the last sync (store-schema.c v5). */
	unsigned	 lbase_mask;	/* the fields known */
	char		*lbase_name;
	enum task_status lbase_status;
	enum task_priority lbase_priority;
	int32_t		 lbase_due;
	char		*lbase_details;
	/* Outbox state. */
	unsigned	 pending;	/* fields in queued updates */
	int		 op_create;
	int		 op_delete;
	int		 attempts;	/* most attempts of any entry */
	int64_t		 next_try_ms;	/* latest next_try_ms of any entry */
	int64_t		 max_seq;
	/* The type (doc/sync.md F8, store-schema.c v6). */
	enum task_type	 type;
	int64_t		 type_ms;
	char		*base_type;	/* F8 type Salesforce held, or NULL */
	char		*sent_type;	/* F8 type the unanswered update wrote */
	enum task_type	 lbase_type;	/* known if lbase_mask & TASK_F_TYPE */
	/* The links (F12, store-link.c); NULL is no link. */
	char		*who_id, *what_id;
	char		*who_name, *what_name;
	int64_t		 who_ms, what_ms;
	char		*base_who_id, *base_what_id;	/* as last synced */
	char		*sent_who_id, *sent_what_id;	/* sent_mask */
	char		*lbase_who_id, *lbase_what_id;	/* lbase_mask */
};

/* One conflict-log entry. */
struct ss_conflict {
	int64_t		 id;
	int64_t		 reminder_id;
	char		*sf_id;		/* the task it was synced with */
	char		*name;
	char		*field;
	char		*kept;
	char		*lost;
	char		*lost_side;
	char		*reason;
	int64_t		 at_ms;
	int64_t		 restored_ms;
};

/* Opens (migrating through store_open) the cache at path. */
struct store_sync *store_sync_open(const char *path, char **cause);
/*
 * Opens the cache for reading only (status, the conflict log): any ss_
 * write on it fails.  See store_open_read.
 */
struct store_sync *store_sync_open_read(const char *path, char **cause);
void		 store_sync_free(struct store_sync *);

int		 ss_begin(struct store_sync *, char **cause);
int		 ss_commit(struct store_sync *, char **cause);
void		 ss_rollback(struct store_sync *);
/*
 * SQLite's data_version of the connection: it changes when another
 * connection (another process, or another thread's) committed to the
 * cache, never for this connection's own commits.  -1 on error.  Cheap:
 * a look at the WAL index in shared memory, no file read (doc/sync.md).
 */
int64_t		 ss_data_version(struct store_sync *);

/* Sync state in the setting table: *value NULL if unset (caller frees). */
int		 ss_state_get(struct store_sync *, const char *key,
		     char **value, char **cause);
int		 ss_state_set(struct store_sync *, const char *key,
		     const char *value, char **cause);
int64_t		 ss_state_int(struct store_sync *, const char *key,
		     int64_t def);
int		 ss_state_set_int(struct store_sync *, const char *key,
		     int64_t, char **cause);

void		 ss_row_release(struct ss_row *);
/*
 * The fields of row that changed here since the last sync: the local
 * value differs from the one both sides agreed on, or that value is not
 * known, or an update of the field is still unanswered.  Only these are
 * pushed or count as a local change in a merge (F2, C3): a field edited
 * and edited back between two syncs is not.
 */
unsigned	 ss_changed(const struct ss_row *);
/*
 * The reminders with outbox entries due by now, one row each (their
 * entries collapsed), oldest first, at most max.  Caller frees each row
 * and the array.
 */
int		 ss_outbox(struct store_sync *, int64_t now, size_t max,
		     struct ss_row **rows, size_t *n, char **cause);
/* Outbox entries waiting, due or not. */
int64_t		 ss_pending(struct store_sync *);
/* The soonest next_try_ms of a waiting entry, or 0 if none. */
int64_t		 ss_next_try(struct store_sync *);
/*
 * 1 if the outbox entries row was read with are still queued and its
 * reminder is not deleted, 0 if they vanished meanwhile (another process
 * deleted a reminder whose create had not been attempted: C2), -1 on
 * error.  Asked inside the transaction that records an attempt.
 */
int		 ss_queued(struct store_sync *, const struct ss_row *,
		     char **cause);
/*
 * ss_attempt for a create, which also keeps the values sent (subject,
 * status, priority, due date, details) as the base of a reminder without
 * a Salesforce Id, so that the task a lost create made is found by what
 * was sent, even after a local edit, and merged against it (C6).
 */
int		 ss_attempt_create(struct store_sync *, const struct ss_row *,
		     const char *subject, const char *status,
		     const char *priority, int32_t due, const char *details,
		     char **cause);
/*
 * Before an update is sent: keeps the Salesforce values it sends for the
 * fields in mask until ss_pushed or ss_push_failed, so that a pull seeing
 * them after a lost answer knows them for our own (C5, C7).
 */
int		 ss_attempt_update(struct store_sync *, const struct ss_row *,
		     unsigned mask, const char *subject, const char *status,
		     const char *priority, int32_t due, const char *details,
		     char **cause);
/*
 * Holds row's entries up to max_seq until settle_until: the request
 * about to leave may be committed by Salesforce until then, so the row
 * is neither sent again nor given up (C6, C7).  ss_unsettle ends the wait
 * when Salesforce refused the request (a 4xx answer): it cannot commit.
 */
int		 ss_settle(struct store_sync *, const struct ss_row *,
		     int64_t settle_until, char **cause);
int		 ss_unsettle(struct store_sync *, const struct ss_row *,
		     char **cause);
/* Counts one attempt on row's entries up to max_seq (before sending). */
int		 ss_attempt(struct store_sync *, const struct ss_row *,
		     char **cause);
/*
 * Records a push that Salesforce applied: sf_id, the base of the fields in
 * mask from the values sent (and the row's local values, which they were
 * made from, as the last-synced ones), and drops the entries up to
 * max_seq.  A pushed delete removes the reminder.
 */
int		 ss_pushed(struct store_sync *, const struct ss_row *,
		     const char *sf_id, unsigned mask, const char *subject,
		     const char *status, const char *priority, int32_t due,
		     const char *details, char **cause);
/* Records a refused push on the reminder; give_up drops its entries (C8). */
int		 ss_push_failed(struct store_sync *, const struct ss_row *,
		     const char *msg, int give_up, int64_t next_try,
		     char **cause);
/* Delays every entry to next_try (backoff after a transient failure). */
int		 ss_delay_all(struct store_sync *, int64_t next_try,
		     char **cause);

/* Finds the reminder of sf_id (deleted ones too): 0, 1 none, -1 error. */
int		 ss_find_sf(struct store_sync *, const char *sf_id,
		     struct ss_row *, char **cause);
/* Finds the reminder whose client key is key: 0, 1 none, -1 error. */
int		 ss_find_key(struct store_sync *, const char *key,
		     struct ss_row *, char **cause);
/*
 * Finds a reminder whose create was sent without an answer (no SF Id, a
 * create entry with attempts > 0) with exactly these values sent: 0, 1
 * none, -1 error.
 */
int		 ss_find_unanswered(struct store_sync *, const char *subject,
		     int32_t due, const char *details, struct ss_row *,
		     char **cause);
/*
 * How many reminders have an unanswered create that sent exactly these
 * values (as ss_find_unanswered matches them), -1 on error: tasks with
 * these values beyond that many are copies (C6).
 */
int		 ss_count_unanswered(struct store_sync *, const char *subject,
		     int32_t due, const char *details);
/* 1 if some reminder already has sf_id. */
int		 ss_known_sf(struct store_sync *, const char *sf_id);
/*
 * Applies a pulled record to reminder row->id: the local fields in take
 * from v (no outbox entry: C5), the base of every field from the SF
 * values, drops the fields in drop from queued updates, and sets Who/What
 * and the modstamp.  The fields in take and drop now agree on both sides:
 * their local value becomes the last-synced one.
 */
int		 ss_apply(struct store_sync *, int64_t id, unsigned take,
		     const struct ss_row *v, unsigned drop,
		     const char *b_subject, const char *b_status,
		     const char *b_priority, int32_t b_due,
		     const char *b_details, const char *who,
		     const char *what, const char *modstamp, char **cause);
/* Imports a new SF task as a synced reminder; *id is set. */
int		 ss_import(struct store_sync *, const struct ss_row *v,
		     const char *sf_id, const char *b_subject,
		     const char *b_status, const char *b_priority,
		     const char *who, const char *what, const char *modstamp,
		     int64_t *id, char **cause);
/* Removes a reminder and its outbox entries (an SF delete, C2). */
int		 ss_remove(struct store_sync *, int64_t id, char **cause);
/* Sets the SF Id of a reminder whose lost create was found (C6). */
int		 ss_set_sf_id(struct store_sync *, int64_t id,
		     const char *sf_id, char **cause);
/* Drops a reminder's queued create entries (its create was found, C6). */
int		 ss_drop_creates(struct store_sync *, int64_t id,
		     char **cause);
/* Queues an update of fields for Salesforce (after a recovered create). */
int		 ss_queue_update(struct store_sync *, int64_t id,
		     unsigned fields, char **cause);
/* Every synced reminder's (id, sf_id), for reconciliation (S6). */
int		 ss_synced(struct store_sync *, int64_t **ids, char ***sfids,
		     size_t *n, char **cause);

/*
 * The links of a reminder (F12, F13; store-link.c), beside the five
 * fields: ss_find and ss_outbox read them into the row; the others
 * follow ss_attempt_create / ss_attempt_update, ss_pushed, ss_apply and
 * ss_import for the TASK_F_WHO and TASK_F_WHAT bits, inside the
 * caller's transaction.
 */
void		 ss_link_release(struct ss_row *);
/* The link bits that changed here since the last sync (as ss_changed). */
unsigned	 ss_link_changed(const struct ss_row *);
/* Before a create (the base and local base become the row's links) or an
 * update (the links in mask are kept as sent) leaves. */
int		 ss_link_attempt(struct store_sync *, const struct ss_row *,
		     unsigned mask, int create, char **cause);
/* Salesforce applied the links in mask: they are the base. */
int		 ss_link_pushed(struct store_sync *, const struct ss_row *,
		     unsigned mask, char **cause);
/* A pulled record: the base from who_id / what_id, the links in take
 * taken in, those in take and drop agreed on. */
int		 ss_link_apply(struct store_sync *, int64_t id, unsigned take,
		     unsigned drop, const char *who_id, const char *what_id,
		     char **cause);
/* Sets link bit of reminder id from a conflict-log value ("Name [Id]",
 * or "" for none) changed at now (C4 restore). */
int		 ss_link_restore(struct store_sync *, int64_t id, unsigned bit,
		     const char *value, int64_t now, char **cause);
/* An imported record's links, agreed on both sides. */
int		 ss_link_import(struct store_sync *, int64_t id,
		     const char *who_id, const char *what_id, char **cause);
/* Remembers a person or record seen in Salesforce (F14). */
int		 ss_person_seen(struct store_sync *, const char *sf_id,
		    const char *name, const char *detail, int64_t now,
		    char **cause);

/* Writes a conflict-log entry (C4). */
int		 ss_conflict_add(struct store_sync *, int64_t reminder_id,
		     const char *sf_id, const char *name, const char *field,
		     const char *kept, const char *lost, const char *lost_side,
		     const char *reason, int64_t at_ms, char **cause);
int		 ss_conflicts(struct store_sync *, struct ss_conflict **v,
		     size_t *n, char **cause);
void		 ss_conflicts_free(struct ss_conflict *, size_t);
/*
 * Restores a discarded value: sets it on the reminder and queues it for
 * Salesforce (or re-adds a deleted reminder).  0, 1 no such entry, 2 a
 * value the reminder cannot hold (a Salesforce status or priority that
 * does not map, F2, F3), -1 error; *cause set unless 0.
 */
int		 ss_conflict_restore(struct store_sync *, int64_t id,
		     int push, char **cause);

/*
 * The type's columns (store-sync-type.c), beside the calls above that
 * handle the five fields of SPEC F; written in the caller's transaction.
 * type_sf is the type (task_type_name) Salesforce holds after a write, by
 * F8's reading of TaskSubtype and Type, or NULL if the type was not sent.
 *
 * ss_type_attempt: after ss_attempt_create (create set: the base) or
 * ss_attempt_update (the value sent, to know its echo: C5).
 * ss_type_pushed: after ss_pushed of a write whose mask held the type:
 * the base becomes type_sf (if sent), the local base the row's type.
 * ss_type_apply: after ss_apply or ss_import: base_type = remote (the
 * type Salesforce holds), the type taken if take has TASK_F_TYPE, the
 * local base set if take or drop has it.
 */
int		 ss_type_attempt(struct store_sync *, const struct ss_row *,
		     int create, const char *type_sf, char **cause);
int		 ss_type_pushed(struct store_sync *, const struct ss_row *,
		     const char *type_sf, char **cause);
int		 ss_type_apply(struct store_sync *, int64_t id, unsigned take,
		     unsigned drop, enum task_type type, const char *remote,
		     char **cause);

#endif
