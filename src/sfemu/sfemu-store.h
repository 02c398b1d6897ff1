/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The emulator's state in SQLite (in memory, or a file that survives
 * restarts): the org's records, users and related people, tokens, device
 * logins, picklists, the movable clock and the settings.  The only sfemu
 * file that includes <sqlite3.h>.  Not thread-safe: the HTTP layer
 * serialises every call under one lock.
 */
#ifndef TD_SFEMU_STORE_H
#define TD_SFEMU_STORE_H

#include <stddef.h>

#include "sfemu-id.h"
#include "sfemu-obj.h"

struct sfstore;

struct party {
	char	 id[SFID_LEN + 1];
	char	 kind[16];		/* User, Account, Contact, Lead */
	char	*key;
	char	*name;
	char	*username;
	char	*password;
	char	*email;
	char	*firstname;
	char	*lastname;
};

struct device {
	char		 userid[SFID_LEN + 1];	/* "" until approved */
	long long	 created;
	long long	 last_poll;		/* 0 if never polled */
	int		 used;
	int		 denied;
};

/* Opens path (NULL or "" for memory) and creates the schema.  NULL on error. */
struct sfstore	*store_open(const char *path, char **cause);
void		 store_free(struct sfstore *);
/* What a task write did, for Change Data Capture (sfemu-cometd.c). */
enum store_chg {
	STORE_CHG_CREATE,
	STORE_CHG_UPDATE,
	STORE_CHG_DELETE,
	STORE_CHG_COMMIT,	/* store_exec("COMMIT"): id is NULL */
	STORE_CHG_ROLLBACK	/* store_exec("ROLLBACK") */
};
/* cols: the columns written (n); in_txn: inside BEGIN ... COMMIT. */
typedef void	(*store_chg_fn)(void *arg, enum store_chg, const char *id,
		    const char *const *cols, size_t n, int in_txn);
/* Calls fn after every task write, and at COMMIT and ROLLBACK. */
void		 store_on_change(struct sfstore *, store_chg_fn, void *arg);
/* Empties the org: records, users, tokens, settings, clock. */
void		 store_reset(struct sfstore *);
/* Runs a statement without results (BEGIN, COMMIT, ...).  0 or -1. */
int		 store_exec(struct sfstore *, const char *sql);

/* The emulator clock in ms: the wall clock moved by the tests. */
long long	 store_now(struct sfstore *);
void		 store_clock_set(struct sfstore *, long long ms);
void		 store_clock_move(struct sfstore *, long long delta_ms);

long long	 store_get_int(struct sfstore *, const char *key, long long);
void		 store_set_int(struct sfstore *, const char *key, long long);
/* The org Id (18 characters), borrowed. */
const char	*store_org(struct sfstore *);
/* Writes a fresh Id with the key prefix into out. */
void		 store_new_id(struct sfstore *, const char *prefix,
		     char out[SFID_LEN + 1]);

/* Adds a user, account, contact or lead; id is filled in.  0 or -1. */
int		 store_party_add(struct sfstore *, struct party *,
		     const char *firstname, const char *lastname,
		     const char *company, const char *accountid);
/* Finds a party of kind by Id, key or username; fills p.  0 or -1. */
int		 store_party_find(struct sfstore *, const char *kind,
		     const char *what, struct party *p);
void		 store_party_release(struct party *);
/* The key of the n-th user (0 = the default rep) into id.  0 or -1. */
int		 store_user_nth(struct sfstore *, int n,
		     char id[SFID_LEN + 1]);

/* The restricted picklist's values in order; caller frees with free(). */
char		**store_picklist(struct sfstore *, const char *obj, size_t *n,
		     char **def);
void		 store_picklist_free(char **, size_t);
/* Replaces a picklist: labels with their closed/high flag. */
void		 store_picklist_set(struct sfstore *, const char *obj,
		     const char *const *labels, const int *flags, size_t n,
		     const char *def);

/* Issues a token of kind "access" or "refresh"; caller frees. */
char		*store_token_issue(struct sfstore *, const char *kind,
		     const char *userid, const char *grant,
		     long long expires);
/* Checks token; fills userid and grant (>= 32 bytes).  0 valid, -1 not. */
int		 store_token_check(struct sfstore *, const char *kind,
		     const char *token, char userid[SFID_LEN + 1],
		     char *grant, size_t grantlen);
void		 store_token_revoke_grant(struct sfstore *, const char *grant);
/* Expires every access token (and refresh tokens too if refresh). */
void		 store_tokens_expire(struct sfstore *, int refresh);

void		 store_device_add(struct sfstore *, const char *code,
		     const char *user_code);
int		 store_device_get(struct sfstore *, const char *code,
		     struct device *);
void		 store_device_touch(struct sfstore *, const char *code,
		     int used);
/* Approves (or denies) by user code for userid.  0, or -1 if unknown. */
int		 store_device_approve(struct sfstore *, const char *user_code,
		     const char *userid, int deny);

/*
 * Loads the records of obj matching the SQL condition cond (NULL for all
 * rows, live or deleted; may use ?1 bound to arg).  need, if not NULL,
 * flags the fields to load (the others read as null, and joins nobody
 * needs are skipped).  *recs is a new array of n records the caller frees
 * with rec_free_array.  0 or -1.
 */
int		 store_load(struct sfstore *, const struct objdef *,
		     const char *cond, const char *arg,
		     const unsigned char *need, struct rec ***recs, size_t *n);
/* Loads one record by Id, live or deleted; NULL if none. */
struct rec	*store_load_one(struct sfstore *, const struct objdef *,
		     const char *id);

/*
 * Inserts (insert set) or updates row id of table with columns cols set to
 * vals.  Returns 0, -2 on a unique-key violation (the external Id), -1
 * otherwise.
 */
int		 store_write(struct sfstore *, const char *table, int insert,
		     const char *id, const char *const *cols,
		     const struct soql_value *vals, size_t n);
/* Moves a task to the recycle bin at now by userid. */
void		 store_task_delete(struct sfstore *, const char *id,
		     long long now, const char *userid);
/*
 * Finds the task with an external-Id value into id, a live one only
 * unless deleted (the unique index holds deleted ones too).  0 or -1.
 */
/*
 * The locale (LocaleSidKey) of user userid, else the org's default
 * (setting "locale"), else en_US; store_locale_set sets a user's (userid
 * not NULL) or the org's default.
 */
void		 store_locale(struct sfstore *, const char *userid, char *out,
		     size_t len);
void		 store_locale_set(struct sfstore *, const char *userid,
		     const char *locale);
/*
 * Sets the order in which person names (Name, Who.Name, Owner.Name, ...)
 * load until the next call: the reader's locale; NULL for "First Last".
 */
void		 store_name_order(struct sfstore *, const char *locale);
/*
 * Sets the user whose sharing rules filter Account, Contact and Lead
 * loads until the next call (the setting sharing_private); NULL for none.
 */
void		 store_viewer(struct sfstore *, const char *userid);
/* The connection, for the store's other files (sfemu-store-party.c). */
struct sqlite3	*store_sqlite(struct sfstore *);

/* sfemu-store-party.c: Account, Contact and Lead records. */
/* 1 if party id is in the recycle bin, 0 if live, -1 if unknown. */
int		 store_party_deleted(struct sfstore *, const char *id);
/* Recomputes a Contact's or Lead's Name from FirstName and LastName. */
void		 store_party_rename(struct sfstore *, const char *id);
/* Sets the owner of party id. */
void		 store_party_owner(struct sfstore *, const char *id,
		     const char *ownerid);
/*
 * Moves party id to the recycle bin with what goes with it: a Contact's
 * or Lead's tasks (WhoId), an Account's contacts and tasks (WhatId, and
 * its contacts' tasks).  Returns the number of tasks deleted.
 */
int		 store_party_delete(struct sfstore *, const char *id,
		     long long now, const char *userid);
int		 store_task_by_extkey(struct sfstore *, const char *value,
		     int deleted, char id[SFID_LEN + 1]);
/* Purges tasks deleted before now - 15 days; updates the purge horizon. */
void		 store_purge(struct sfstore *, long long now);
/*
 * Ids of tasks whose SystemModstamp (deleted = 0) or DeletedDate
 * (deleted = 1) lies in [start, end): ids[] and, for deletions, when[].
 * Caller frees both arrays.
 */
size_t		 store_changes(struct sfstore *, int deleted, long long start,
		     long long end, char (**ids)[SFID_LEN + 1],
		     long long **when);

#endif
