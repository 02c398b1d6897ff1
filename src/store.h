/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The local cache of reminders: the only module (with store-schema.c) that
 * includes <sqlite3.h>.  One struct store per thread (each owns its own
 * connection); every write is one BEGIN IMMEDIATE transaction, so a local
 * edit and its outbox row commit together or not at all.
 */
#ifndef TD_STORE_H
#define TD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "task.h"

struct store;

/* Results; the caller must branch on them (CLI exit codes differ). */
enum store_rc {
	STORE_OK = 0,
	STORE_NOTFOUND,		/* no such reminder */
	STORE_ERROR,		/* I/O or SQL failure, see cause */
	STORE_BUSY,		/* locked by another process too long */
	STORE_CORRUPT,		/* not a database, or not a taskdeck cache */
	STORE_NEWER		/* written by a newer taskdeck */
};

/* Which reminders a listing returns. */
enum store_view {
	STORE_VIEW_CENTER,	/* overdue open + today, then tomorrow (U1) */
	STORE_VIEW_TODAY,	/* overdue open + today */
	STORE_VIEW_TOMORROW,
	STORE_VIEW_OVERDUE,
	STORE_VIEW_ALL		/* every live reminder */
};

/*
 * Opens (creating and migrating if needed) the cache at path.  Returns
 * NULL and sets *rc and *cause (caller frees) on failure; the message
 * names the file and what is wrong.
 */
struct store	*store_open(const char *path, enum store_rc *rc, char **cause);
void		 store_free(struct store *);
/*
 * Opens the cache for reading only (list, show, status, conflicts): it
 * never writes, so a cache on a read-only mount can be read (B3).  In a
 * directory that cannot take the WAL's -shm file it reads the file as
 * immutable.  A missing cache, or one that needs a migration, is opened
 * by store_open instead (that writes).
 */
struct store	*store_open_read(const char *path, enum store_rc *rc,
		    char **cause);

/*
 * Adds t (name, status, priority, due, details, who, what).  If push is
 * set the reminder is created while sync is on and queued for Salesforce
 * (S3); otherwise it stays local-only.  Sets t->id and t->created_ms.
 */
enum store_rc	 store_add(struct store *, struct task *t, int push,
		    char **cause);
/*
 * Adds the n reminders of v as store_add does, in one transaction: all of
 * them or, on failure, none (import --seed; doc/performance.md).
 */
enum store_rc	 store_add_many(struct store *, struct task *v, size_t n,
		    int push, char **cause);
/* Reads reminder id into *t (task_init'ed by the caller; caller releases). */
enum store_rc	 store_get(struct store *, int64_t id, struct task *t,
		    char **cause);
/*
 * Applies the fields named by mask (TASK_F_*) from v to reminder id, and,
 * if the reminder is synced, queues them for Salesforce in the same
 * transaction (C7).  A field equal to its current value is not a change.
 */
enum store_rc	 store_update(struct store *, int64_t id, const struct task *v,
		    unsigned mask, char **cause);
/*
 * Sends local-only reminder id (one from before T0) to Salesforce on
 * request: clears its local-only mark and queues its create, in one
 * transaction (S3).  *was is its sync state before; unless that was
 * TASK_SYNC_LOCAL nothing changes.
 */
enum store_rc	 store_push(struct store *, int64_t id, enum task_sync *was,
		    char **cause);
/*
 * Deletes reminder id: at once if it never reached Salesforce, otherwise
 * as a tombstone with a queued delete (C2).
 */
enum store_rc	 store_delete(struct store *, int64_t id, char **cause);
/* Appends the reminders of view (today = local day number) to *out. */
enum store_rc	 store_list(struct store *, enum store_view, int32_t today,
		    struct task_list *out, char **cause);
/*
 * The first screenful of STORE_VIEW_CENTER: at most limit reminders of
 * each part (overdue, today, tomorrow), in store_list's order, and the
 * whole counts of Today (overdue + today) and Tomorrow.  The command
 * center draws its first frame from this, then reads the rest.
 */
enum store_rc	 store_list_head(struct store *, int32_t today, int64_t limit,
		    struct task_list *out, int64_t *n_today,
		    int64_t *n_tomorrow, char **cause);
/* Searches names, details and Who/What, case-insensitively. */
enum store_rc	 store_search(struct store *, const char *needle,
		    struct task_list *out, char **cause);
/* Number of reminders with changes queued for Salesforce. */
enum store_rc	 store_pending(struct store *, int64_t *n, char **cause);

/* Cache-carried sync state: *value is NULL if unset (caller frees). */
enum store_rc	 store_state_get(struct store *, const char *key,
		    char **value, char **cause);
enum store_rc	 store_state_set(struct store *, const char *key,
		    const char *value, char **cause);

/*
 * The people and records the rep has seen or picked (store-person.c,
 * doc/sync.md F14): the person table, searched with folded case and
 * accents, best match first (a name's start, a word's start, inside),
 * then the most recently picked.
 */
struct person {
	char		*sf_id;
	char		*kind;		/* Contact, Lead, Account, Record */
	char		*name;
	char		*detail;	/* e.g. the Account of a Contact */
	int64_t		 used_ms;
};
struct person_list {
	struct person	*v;
	size_t		 n;
};
/* The kind of an Id by its prefix (003 Contact, 00Q Lead, 001 Account). */
const char	*person_kind_of(const char *sf_id);
/* 1 if sf_id can be a WhoId (a Contact or a Lead). */
int		 person_is_who(const char *sf_id);
/* At most max people (who: Contacts and Leads, else records) matching
 * needle (empty: the most recently used). */
enum store_rc	 store_person_search(struct store *, const char *needle,
		    int who, size_t max, struct person_list *out,
		    char **cause);
void		 person_list_free(struct person_list *);

#endif
