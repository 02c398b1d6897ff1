/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * What the sync engine's three files share, and nobody else includes:
 * the engine's private state, its tunables, and the functions one
 * direction of the work calls in another.  sync.c runs the thread and
 * the cycle, sync-pull.c the pull and the merge it applies, sync-push.c
 * the outbox push and the recovery of unanswered creates (C6).  The
 * DESIGN block at the top of sync.c describes the whole engine.
 */
#ifndef TD_SYNC_ENGINE_H
#define TD_SYNC_ENGINE_H

#include <sys/types.h>

#include <stdint.h>

#include "config.h"
#include "msgq.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-merge.h"
#include "sync.h"

#define SYNC_MAX_ATTEMPTS	5
#define SYNC_OVERLAP_MS		(5 * 60 * 1000LL)
/* How far a lost create's task may seem older than its reminder (C6). */
#define SYNC_CREATE_SLACK_MS	(10 * 1000LL)
#define SYNC_DELETED_WINDOW_MS	(15 * 86400000LL)
#define SYNC_BACKOFF_BASE_MS	2000
#define SYNC_BACKOFF_MAX_MS	(15 * 60 * 1000LL)
#define SYNC_BATCH_ROWS		2000
/* How far a record's stamp may lead Salesforce's clock (the Date header). */
#define SYNC_CLOCK_SLACK_MS	(60 * 1000LL)

/* The engine's private state: touched by its thread only. */
struct sf_stream;

struct engine {
	struct store_sync	*ss;
	struct sf_rest		*rest;
	struct config		*cfg;
	char			*cache_path;
	char			*config_path;
	char			*cred_path;
	struct merge_map	 map;
	const char		*tmpl;
	const char		*extfield;	/* NULL if none */
	int64_t			 settle_ms;	/* sync.create_settle */
	struct sync_status	 st;
	struct msgq		*events;	/* NULL for sync_once */
	int			 backoff;
	int64_t			 next_poll_ms;
	int64_t			 cycle_ms;	/* when the cycle began */
	int64_t			*changed;
	size_t			 nchanged;
	size_t			 capchanged;
	char			*saved;		/* status written */
	long			 hours[24];	/* own API calls per hour */
	int64_t			 hour;		/* the hour hours[] ends at */
	long			 calls_seen;	/* rest->calls counted */
	int64_t			 cred_mtime;	/* credentials file, ns */
	int			 batch;		/* query page size, 0: max */
	struct sync_change	*remote;	/* Salesforce's changes (U9) */
	size_t			 nremote;
	size_t			 capremote;
	pid_t			 kids[16];	/* notify_command runs */
	struct sf_stream	*stream;	/* C12, sync-stream.c */
	int			 stream_on;	/* subscribed */
	int64_t			 stream_seen;	/* newest replay id seen */
	char			 stream_client[32];	/* client=ID of writes */
	char			*call_options;	/* rest->call_options */
	char			*org_types;	/* Type values (F9), a line each */
	int			 org_types_known;
};

/* sync.c: events, status and the clock. */
void engine_changed(struct engine *e, int64_t id);
void engine_flush_changed(struct engine *e);

/* sync-notify.c: the changes Salesforce made, for the rep (U9). */
void engine_remote(struct engine *e, int64_t id, enum sync_change_kind kind,
    const char *name);
void engine_remote_flush(struct engine *e, struct sync_event *ev);
void engine_remote_free(struct engine *e);
void engine_status(struct engine *e);
void engine_set(struct engine *e, enum sync_state s, const char *msg);
int64_t engine_now(struct engine *e);
uint32_t engine_random(void);

/* sync-pull.c: the pull, the merge, and the helpers the push shares. */
int engine_streq(const char *a, const char *b);
int engine_conflict(struct engine *e, const struct ss_row *r,
    const char *field, const char *kept, const char *lost, const char *side,
    const char *why, char **cause);
int engine_merge(struct engine *e, struct ss_row *r, const struct sf_task *t,
    char **cause);
char *engine_soql(struct engine *e, int64_t since_ms, const char *extra);
enum sf_err engine_pull(struct engine *e, char **cause);

/* sync-link.c: the merge of WhoId and WhatId (F12, F13). */
char *engine_link_value(const char *id, const char *name);
int engine_merge_links(struct engine *e, struct ss_row *r,
    const struct sf_task *t, unsigned *take, unsigned *drop, char **cause);
const char *engine_link_name(const struct ss_row *r, const struct sf_task *t,
    unsigned bit, unsigned take);
int engine_link_seen(struct engine *e, const struct sf_task *t, char **cause);
int engine_link_lost(struct engine *e, const struct ss_row *r, unsigned fields,
    const char *why, char **cause);

/* sync-people.c: people searches asked by the UI (F14). */
struct msgq;
void engine_people_serve(struct engine *e, struct msgq *q);
void engine_people_push(struct msgq *q, const char *needle, int who);
void engine_people_free(void *req);

/* sync-push.c: recovery of unanswered creates, and the push. */
int engine_adopt(struct engine *e, struct ss_row *r, const struct sf_task *t,
    char **cause);
enum sf_err engine_recover_all(struct engine *e, char **cause);
enum sf_err engine_push(struct engine *e, char **cause);

/* sync-type.c: a reminder's type (doc/sync.md F8, F9). */
/* Learns the org's Type picklist once (describe, kept in the cache). */
enum sf_err engine_type_org(struct engine *e, char **cause);
/* 1 if the org has a Type field with values: it is read and written. */
int engine_type_field(const struct engine *e);
enum task_type engine_type_remote(const struct engine *e,
    const struct sf_task *t);
/*
 * Fills w's TaskSubtype (create) and Type for r; returns the type
 * Salesforce holds after the write (F8), or NULL if nothing is written.
 */
const char *engine_type_write(const struct engine *e, const struct ss_row *r,
    int create, struct sf_write *w);
/* The type's merge (C3, C4, C5): sets v->type, *take, *drop; logs. */
int engine_merge_type(struct engine *e, struct ss_row *r,
    const struct sf_task *t, unsigned dirty, struct ss_row *v,
    unsigned *take, unsigned *drop, char **cause);

/* sync-stream.c: near-real-time pull (C12). */
void engine_stream_update(struct engine *e);
void engine_stream_stop(struct engine *e);
int engine_stream_fd(struct engine *e);
int engine_stream_take(struct engine *e);
void engine_stream_done(struct engine *e, int64_t covered);
long engine_stream_poll(struct engine *e, long poll, long base);

#endif /* TD_SYNC_ENGINE_H */
