/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine's thread interface: the one seam between the engine and
 * its users (the curses UI, `taskdeck sync --watch`).  The engine runs on
 * its own thread with its own cache connection and curl handle.  Callers
 * send it commands; it publishes events on a queue and makes sync_fd()
 * readable whenever events wait, so a UI can poll() it beside stdin.
 * Events carry copies, never pointers into the engine's data.
 */
#ifndef TD_SYNC_H
#define TD_SYNC_H

#include <stddef.h>
#include <stdint.h>

struct sync;

/* What the status line shows (SPEC U5). */
enum sync_state {
	SYNC_OFF,		/* sync switched off: no traffic (S1, S5) */
	SYNC_IDLE,		/* up to date as of last_success_ms */
	SYNC_RUNNING,		/* a cycle is under way */
	SYNC_FIRST,		/* first sync: progress in done / total (S4) */
	SYNC_BACKOFF,		/* offline or throttled: retry_at_ms (C8) */
	SYNC_LOGIN_NEEDED	/* refresh refused: local use goes on (C8) */
};

enum sync_event_kind {
	SYNC_EV_CHANGED,	/* reminders ids[0..nids) changed in the cache */
	SYNC_EV_STATUS,		/* the status line changed */
	SYNC_EV_PEOPLE		/* a people search answered (F14) */
};

struct sync_status {
	enum sync_state	 state;
	int64_t		 last_success_ms;	/* 0 if never */
	int64_t		 retry_at_ms;		/* SYNC_BACKOFF */
	int64_t		 pending;		/* outbox entries */
	long		 done, total;		/* SYNC_FIRST progress */
	long		 api_used, api_max;	/* Sforce-Limit-Info (C10) */
	char		*message;		/* last error, or NULL */
	char		 stream[96];	/* C12: "on", "off (why)", "" */
};

/* A change Salesforce made to a reminder (U9), and what it was. */
enum sync_change_kind {
	SYNC_CHANGE_NEW,	/* a task arrived */
	SYNC_CHANGE_UPDATED,	/* its fields changed there */
	SYNC_CHANGE_DELETED	/* deleted there, or left scope (F7) */
};

struct sync_change {
	int64_t			 id;		/* the local id */
	enum sync_change_kind	 kind;
	char			*name;		/* the reminder's name */
};

struct sync_event {
	enum sync_event_kind	 kind;
	int64_t			*ids;		/* SYNC_EV_CHANGED */
	size_t			 nids;
	struct sync_change	*remote;	/* of those, Salesforce's */
	size_t			 nremote;
	struct sync_status	 status;	/* SYNC_EV_STATUS */
	/* SYNC_EV_PEOPLE: what was searched, how many Salesforce found
	 * (now in the person table), or why it could not search. */
	char			*people_needle;
	int			 people_who;
	int			 people_found;
	char			*people_error;
};

/*
 * Starts the engine thread on the cache and settings at these paths.
 * Returns NULL with *cause (caller frees) if it cannot start, for example
 * because another process already syncs this cache.
 */
struct sync	*sync_start(const char *cache_path, const char *config_path,
		    char **cause);
/*
 * Cuts a request under way short, sends "quit" and joins the thread;
 * sync_stop(NULL) is a no-op.
 */
void		 sync_stop(struct sync *);
/* Readable while events wait; never blocks the caller. */
int		 sync_fd(const struct sync *);
/* The next event, or NULL; free it with sync_event_free. */
struct sync_event *sync_next_event(struct sync *);
void		 sync_event_free(struct sync_event *);

/* Commands; each returns at once. */
void		 sync_now(struct sync *);		/* `r`: sync now */
void		 sync_local_change(struct sync *);	/* push at once (C1) */
void		 sync_settings_changed(struct sync *);	/* re-read config */

/*
 * Searches Salesforce for people (who: Contacts and Leads) or records
 * (Accounts) named like needle, on the engine thread (sync-people.c,
 * F14): returns at once; a SYNC_EV_PEOPLE event answers.  A newer
 * request replaces one not yet run.
 */
void		 sync_people_search(struct sync *, const char *needle,
		    int who);

/*
 * Additions for the command line (the UI does not need them).
 */
/*
 * The same search in the calling thread, waiting at most timeout_s
 * seconds (the CLI's `--who`/`--what`): 0 and *found, or -1 with *cause.
 */
int		 sync_people_once(const char *cache_path, const char *needle,
		    int who, long timeout_s, int *found, char **cause);

/*
 * Runs one full cycle (recover, pull, push) in the calling thread, under the
 * same lock as the engine thread: `taskdeck sync --once`.  Returns 0, or
 * -1 with *cause; *st (if not NULL) gets the final status (caller releases
 * it with sync_status_release).
 */
int		 sync_once(const char *cache_path, const char *config_path,
		    struct sync_status *st, char **cause);
/* The status the last cycle recorded in the cache (`taskdeck status`). */
int		 sync_read_status(const char *cache_path,
		    struct sync_status *st, char **cursor, char **cause);
void		 sync_status_release(struct sync_status *);
/*
 * One syncer per cache (C11, doc/sync.md "Service and hand-over").
 * The process that holds the sync lock records its pid and this name in
 * the lock file ("taskdeck sync --watch"); call it before sync_start.
 */
void		 sync_set_holder_name(const char *name);
/*
 * Is the cache synced by a live process?  1 if so, 0 if not; *pid and
 * *name (caller frees; NULL if unknown) are the holder, or the last one
 * if it is gone without a word (killed).
 */
int		 sync_holder(const char *cache_path, long *pid, char **name);
/* sync-standby.c (C11): on while waiting to take over; whether another
 * process waits (the holder asks before it asks about unsent changes). */
void		 sync_standby(const char *cache_path, int on);
int		 sync_standby_others(const char *cache_path);
/* Asks the holder to sync now (`r`): 0 if asked, -1 if none listens. */
int		 sync_request_now(const char *cache_path);
/* "new", "updated" or "deleted". */
const char	*sync_change_name(enum sync_change_kind);
/* The name of a state: "off", "idle", "running", ... */
const char	*sync_state_name(enum sync_state);

#endif
