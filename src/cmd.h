/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The operations a rep performs, shared by the command line and the keys
 * of the command center, so both validate and store the same way.  Each
 * returns a cmd_rc that maps one-to-one onto the CLI's exit codes.
 */
#ifndef TD_CMD_H
#define TD_CMD_H

#include <stdint.h>

#include "store.h"
#include "task.h"

struct config;

enum cmd_rc {
	CMD_OK = 0,
	CMD_EINVAL = 1,		/* usage or invalid input */
	CMD_ENOENT = 2,		/* no such reminder */
	CMD_ESTORE = 3		/* the cache failed */
};

struct cmd_ctx {
	struct config	*config;
	char		*config_path;
	char		*cache_path;
	struct store	*store;		/* NULL until cmd_open_store */
	int32_t		 today;
};

/*
 * Resolves paths and loads the settings (a bad file is CMD_EINVAL with
 * "FILE:LINE: KEY: reason").  The cache is opened on demand.
 */
enum cmd_rc	cmd_init(struct cmd_ctx *, const char *config_override,
		    const char *db_override, char **cause);
void		cmd_release(struct cmd_ctx *);
/* Opens (creating if needed) the cache; CMD_ESTORE with *cause. */
enum cmd_rc	cmd_open_store(struct cmd_ctx *, char **cause);

/*
 * Opens the cache for reading only, for commands that never write (list,
 * show): a cache on a read-only mount can be read (B3).  A later write
 * through this context fails with CMD_ESTORE.
 */
enum cmd_rc	cmd_open_store_read(struct cmd_ctx *, char **cause);

/* Validates t and adds it; t->id is set.  Pushed if sync is on (S3). */
enum cmd_rc	cmd_add(struct cmd_ctx *, struct task *t, char **cause);
/* Validates and applies the fields in mask from v to reminder id. */
enum cmd_rc	cmd_edit(struct cmd_ctx *, int64_t id, const struct task *v,
		    unsigned mask, char **cause);
/* Completes or reopens reminder id. */
enum cmd_rc	cmd_set_status(struct cmd_ctx *, int64_t id,
		    enum task_status, char **cause);
enum cmd_rc	cmd_remove(struct cmd_ctx *, int64_t id, char **cause);
/*
 * Adds deleted reminder t back (undo, U9) as a new reminder with its
 * fields: local-only if t was, otherwise queued for Salesforce like any
 * new one (the deleted task stays in Salesforce's recycle bin).  Sets
 * t->id to the new id.
 */
enum cmd_rc	cmd_restore(struct cmd_ctx *, struct task *t, char **cause);
/*
 * Sends local-only reminder id (one from before T0) to Salesforce on
 * request: its create is queued and it syncs like any other (S3).  Sync
 * may be off (then it goes out when sync is on again, S5), not never
 * switched on (CMD_EINVAL).  CMD_EINVAL too if the reminder is already in
 * Salesforce or queued for it, CMD_ENOENT if there is no such reminder.
 */
enum cmd_rc	cmd_push(struct cmd_ctx *, int64_t id, char **cause);
/* Reads one reminder into *t (caller releases). */
enum cmd_rc	cmd_get(struct cmd_ctx *, int64_t id, struct task *t,
		    char **cause);
enum cmd_rc	cmd_list(struct cmd_ctx *, enum store_view,
		    struct task_list *, char **cause);
/* Adds the demo seed's reminders as local-only reminders. */
enum cmd_rc	cmd_import_seed(struct cmd_ctx *, const char *path, int *n,
		    char **cause);
/* Sets a setting and saves the file (sync.enabled records T0: S1, S2). */
enum cmd_rc	cmd_config_set(struct cmd_ctx *, const char *key,
		    const char *value, char **cause);
/*
 * Checks the four status and priority settings against the org's values
 * the last login read (F2, F3): CMD_EINVAL with *cause naming the file,
 * line and key of a value the org does not have.  No network.
 */
enum cmd_rc	cmd_check_org(struct cmd_ctx *, char **cause);
/*
 * 1 if a new reminder is for Salesforce: sync was switched on once (T0),
 * whether or not it is paused now (S3).  Opens the store if needed.
 */
int		cmd_after_t0(struct cmd_ctx *);
/*
 * F9: a note for the user if reminder id is in Salesforce and the org's
 * Type picklist (as the engine last learned it) cannot hold type, so a
 * change to it stays in taskdeck; NULL otherwise.  Caller frees.
 */
char		*cmd_type_note(struct cmd_ctx *, int64_t id, enum task_type);

#endif
