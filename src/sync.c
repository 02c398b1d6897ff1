/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine: keeps the cache and the rep's Salesforce Tasks in
 * two-way sync on a thread of its own.
 *
 * DESIGN
 *
 * States (enum sync_state).  OFF while sync.enabled is false: no traffic
 * at all (S1, S5).  Otherwise a cycle runs on every poll tick, on `r`
 * (sync_now), on sync_local_change, and as soon as the outbox holds a
 * due entry (C1; the engine looks at the outbox once a second, so CLI
 * edits made by another process are picked up too).  A cycle shows
 * RUNNING, or FIRST with imported / total while the first import runs
 * (S4), and ends IDLE.  A network fault, 5xx or REQUEST_LIMIT_EXCEEDED
 * ends it in BACKOFF until retry_at_ms (exponential, with jitter: C8).  A
 * refused refresh ends it in LOGIN_NEEDED until the rep logs in again;
 * the cache stays fully usable.
 *
 * A cycle is: find unanswered creates, pull, push.  Pulling first means a
 * Salesforce change made since the last poll is merged - and may win, C4 -
 * before a local change could overwrite it.  Every trigger (poll, `r`, a
 * saved edit) runs the whole cycle; a local edit therefore costs one
 * query plus one composite call and reaches Salesforce within a second.
 *
 * Push.  Every local edit wrote its outbox entry in the same transaction
 * as the edit (store.c), so an edit is durable the moment it is saved,
 * whatever happens after (C7).  The engine collapses a reminder's due
 * entries into one operation - create (all fields), update (only the
 * fields in the entries: C3, F2, F3) or delete - and sends them in
 * composite collections of up to 200 records, grouped by operation,
 * oldest first.  Before a create is sent, its attempt is counted and
 * committed: a create with attempts > 0 and no Salesforce Id is one whose
 * outcome is unknown, and it is never sent again before a query looked
 * for the Task it may have made (C6).  With an external-Id field
 * (sf.external_id_field) every create carries the reminder's client key
 * and the query matches it exactly; without one it looks for a Task this
 * user created since the reminder was made with the same subject, due
 * date and description and an Id no reminder has.  A found Task is
 * adopted.  A POST always goes out on a fresh connection, because libcurl
 * silently resends a request whose reused connection died.  A success
 * records the Salesforce Id and the values sent as the new merge base,
 * and deletes exactly the entries that were sent, in one transaction;
 * entries queued meanwhile stay.  A record error is stored on the
 * reminder and retried with backoff, then given up after
 * SYNC_MAX_ATTEMPTS (C8).
 *
 * Pull.  One queryAll over the user's Tasks with SystemModstamp at or past
 * the cursor minus an overlap, ordered by SystemModstamp: edits and
 * deletions (IsDeleted) arrive together and an idle poll costs exactly one
 * API call.  Each page is applied and the cursor advanced in one
 * transaction, so a crash re-reads at most one page.  A record is merged
 * field by field against the base (sync-merge.c): a field changed only in
 * Salesforce is applied without an outbox entry, so it is never pushed
 * back, and a record whose modstamp we already hold is skipped (C5).  When
 * the cursor is older than the recycle-bin window a full reconciliation
 * runs instead (S6): every in-scope Task is listed, and only after the
 * listing completed (every page, totalSize matched) are synced reminders
 * that are missing removed.
 *
 * Clocks.  Salesforce's clock decides conflicts (C4): every response's
 * Date header gives the offset of the server's clock from ours, which
 * corrects local save times and is kept in the cache between runs.  Retry
 * times in the outbox are on the server's clock too.
 *
 * Durability points: the outbox entry (with the edit); the attempt count
 * (before a create leaves); the push result with its entries' removal;
 * each pulled page with its cursor.  Every one is a single BEGIN IMMEDIATE
 * transaction on the engine's own connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "log.h"
#include "msgq.h"
#include "paths.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-merge.h"
#include "sync.h"
#include "utf8.h"
#include "xmalloc.h"

#define SYNC_MAX_ATTEMPTS	5
#define SYNC_OVERLAP_MS		(5 * 60 * 1000LL)
#define SYNC_DELETED_WINDOW_MS	(15 * 86400000LL)
#define SYNC_BACKOFF_BASE_MS	2000
#define SYNC_BACKOFF_MAX_MS	(15 * 60 * 1000LL)
#define SYNC_BATCH_ROWS		2000

enum sync_cmd { SYNC_CMD_QUIT, SYNC_CMD_NOW, SYNC_CMD_LOCAL,
    SYNC_CMD_SETTINGS };

/* The engine's private state: touched by its thread only. */
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
	int64_t			*changed;
	size_t			 nchanged;
	size_t			 capchanged;
	char			*saved;		/* status written */
	long			 hours[24];	/* own API calls per hour */
	int64_t			 hour;		/* the hour hours[] ends at */
	long			 calls_seen;	/* rest->calls counted */
	int64_t			 cred_mtime;	/* credentials file, ns */
};

struct sync {
	pthread_t	 thread;
	struct msgq	*cmds;
	struct msgq	*events;
	struct engine	*e;
	int		 lock_fd;
	int		 cancel;	/* atomic: sync_stop cuts a request short */
};

const char *
sync_state_name(enum sync_state s)
{
	static const char *const names[] = { "off", "idle", "running",
	    "first-sync", "backoff", "login-needed" };

	return ((unsigned)s < 6 ? names[s] : "unknown");
}

void
sync_status_release(struct sync_status *st)
{
	free(st->message);
	st->message = NULL;
}

/* Takes the sync lock on a cache: the fd, or -1 with *cause. */
static int
sync_lock(const char *cache_path, char **cause)
{
	char	*p;
	int	 fd;

	p = xasprintf("%s.sync-lock", cache_path);
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*cause = xasprintf("cannot open %s: %s", p, strerror(errno));
		free(p);
		return (-1);
	}
	free(p);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		*cause = xasprintf("another taskdeck is already syncing cache "
		    "%s", cache_path);
		return (-1);
	}
	return (fd);
}

/* Notes a changed reminder for the next SYNC_EV_CHANGED. */
static void
engine_changed(struct engine *e, int64_t id)
{
	if (e->nchanged == e->capchanged) {
		e->capchanged = e->capchanged == 0 ? 64 : e->capchanged * 2;
		e->changed = xreallocarray(e->changed, e->capchanged,
		    sizeof *e->changed);
	}
	e->changed[e->nchanged++] = id;
}

/* Publishes the changed ids, if any. */
static void
engine_flush_changed(struct engine *e)
{
	struct sync_event	*ev;

	if (e->nchanged == 0)
		return;
	if (e->events != NULL) {
		ev = xcalloc(1, sizeof *ev);
		ev->kind = SYNC_EV_CHANGED;
		ev->ids = xreallocarray(NULL, e->nchanged, sizeof *ev->ids);
		memcpy(ev->ids, e->changed, e->nchanged * sizeof *ev->ids);
		ev->nids = e->nchanged;
		msgq_push(e->events, ev);
	}
	e->nchanged = 0;
}

/* Publishes the status (a copy) and records it in the cache. */
static void
engine_status(struct engine *e)
{
	struct sync_event	*ev;
	char			*cause = NULL, buf[64];

	e->st.pending = ss_pending(e->ss);
	e->st.api_used = e->rest->api_used;
	e->st.api_max = e->rest->api_max;
	if (e->events != NULL) {
		ev = xcalloc(1, sizeof *ev);
		ev->kind = SYNC_EV_STATUS;
		ev->status = e->st;
		ev->status.message = e->st.message != NULL ?
		    xstrdup(e->st.message) : NULL;
		msgq_push(e->events, ev);
	}
	if (e->st.state == SYNC_RUNNING || e->st.state == SYNC_FIRST)
		return;
	/* Written only when it changed: an idle engine does not write. */
	snprintf(buf, sizeof buf, "%d/%lld/%lld/%ld/%ld", (int)e->st.state,
	    (long long)e->st.last_success_ms, (long long)e->st.retry_at_ms,
	    e->st.api_used, e->st.api_max);
	{
		char	*now;

		now = xasprintf("%s/%s", buf, e->st.message != NULL ?
		    e->st.message : "");

		if (e->saved != NULL && strcmp(e->saved, now) == 0) {
			free(now);
			return;
		}
		free(e->saved);
		e->saved = now;
	}
	if (ss_begin(e->ss, &cause) != 0) {
		free(cause);
		return;
	}
	ss_state_set(e->ss, "sync.state", sync_state_name(e->st.state),
	    &cause);
	ss_state_set_int(e->ss, "sync.last_success", e->st.last_success_ms,
	    &cause);
	ss_state_set_int(e->ss, "sync.retry_at", e->st.retry_at_ms, &cause);
	ss_state_set(e->ss, "sync.last_error", e->st.message, &cause);
	snprintf(buf, sizeof buf, "%ld/%ld", e->st.api_used, e->st.api_max);
	ss_state_set(e->ss, "sync.api", buf, &cause);
	if (ss_commit(e->ss, &cause) != 0)
		free(cause);
	free(cause);
}

/* Sets the state and message (copied) and publishes. */
static void
engine_set(struct engine *e, enum sync_state s, const char *msg)
{
	e->st.state = s;
	free(e->st.message);
	e->st.message = msg != NULL ? xstrdup(msg) : NULL;
	engine_status(e);
}

/* Re-reads the settings: 0, or -1 with *cause. */
static int
engine_config(struct engine *e, char **cause)
{
	struct config	*c;
	const char	*x;

	c = config_new();
	if (config_load(c, e->config_path, cause) != 0) {
		config_free(c);
		return (-1);
	}
	config_free(e->cfg);
	e->cfg = c;
	e->map.status_open = config_get(c, "sf.status_open");
	e->map.status_complete = config_get(c, "sf.status_complete");
	e->map.priority_normal = config_get(c, "sf.priority_normal");
	e->map.priority_high = config_get(c, "sf.priority_high");
	e->tmpl = config_get(c, "sync.subject_template");
	x = config_get(c, "sf.external_id_field");
	e->extfield = x != NULL && *x != '\0' ? x : NULL;
	e->settle_ms = config_long(c, "sync.create_settle") * 1000;
	return (0);
}

static struct engine *
engine_new(const char *cache_path, const char *config_path, char **cause)
{
	struct engine	*e;
	char		*x = NULL;

	e = xcalloc(1, sizeof *e);
	e->cache_path = xstrdup(cache_path);
	e->config_path = xstrdup(config_path);
	e->cred_path = paths_credentials();
	if ((e->ss = store_sync_open(cache_path, cause)) == NULL ||
	    engine_config(e, cause) != 0) {
		store_sync_free(e->ss);
		free(e->cache_path);
		free(e->config_path);
		free(e->cred_path);
		free(e);
		return (NULL);
	}
	e->rest = sf_rest_new(e->cred_path);
	if (ss_state_get(e->ss, "sync.offset", &x, cause) == 0 && x != NULL) {
		e->rest->offset_ms = strtoll(x, NULL, 10);
		e->rest->have_offset = 1;
	}
	free(x);
	e->st.last_success_ms = ss_state_int(e->ss, "sync.last_success", 0);
	return (e);
}

static void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	store_sync_free(e->ss);
	sf_rest_free(e->rest);
	config_free(e->cfg);
	free(e->cache_path);
	free(e->config_path);
	free(e->cred_path);
	free(e->changed);
	free(e->st.message);
	free(e->saved);
	free(e);
}

/* Now on Salesforce's clock (the outbox's retry times use it too). */
static int64_t
engine_now(struct engine *e)
{
	return (sf_rest_server_ms(e->rest, now_ms()));
}

/* This client's API calls over the last 24 hours (C10). */
static long
engine_calls_24h(struct engine *e)
{
	int64_t	h = now_ms() / 3600000;
	long	n = 0;
	int	i;

	if (h - e->hour >= 24)
		memset(e->hours, 0, sizeof e->hours);
	else
		for (; e->hour < h; e->hour++)
			e->hours[(e->hour + 1) % 24] = 0;
	e->hour = h;
	e->hours[h % 24] += e->rest->calls - e->calls_seen;
	e->calls_seen = e->rest->calls;
	for (i = 0; i < 24; i++)
		n += e->hours[i];
	return (n);
}

/* The credentials file's change time, to notice a new login. */
static int64_t
engine_cred_mtime(struct engine *e)
{
	struct stat	sb;

	if (stat(e->cred_path, &sb) != 0)
		return (0);
	return ((int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec);
}

/* A random number for jitter. */
static uint32_t
engine_random(void)
{
	uint32_t	r = 0;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != sizeof r)
		r = (uint32_t)now_ms();
	return (r);
}

/* Text of a local field value, for the conflict log. */
static char *
engine_value(unsigned bit, const struct ss_row *r)
{
	char	due[DATE_BUFSZ];

	switch (bit) {
	case TASK_F_NAME:
		return (xstrdup(r->name != NULL ? r->name : ""));
	case TASK_F_STATUS:
		return (xstrdup(task_status_name(r->status)));
	case TASK_F_PRIORITY:
		return (xstrdup(task_priority_name(r->priority)));
	case TASK_F_DUE:
		return (xstrdup(date_format(r->due, due)));
	default:
		return (xstrdup(r->details != NULL ? r->details : ""));
	}
}

static const char *
engine_field_name(unsigned bit)
{
	switch (bit) {
	case TASK_F_NAME:
		return ("name");
	case TASK_F_STATUS:
		return ("status");
	case TASK_F_PRIORITY:
		return ("priority");
	case TASK_F_DUE:
		return ("due");
	default:
		return ("details");
	}
}

/* Compares strings that may be NULL, NULL as "". */
static int
engine_streq(const char *a, const char *b)
{
	return (strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0);
}

/* The local view of an SF task, mapped as on first import (F2, F3). */
static void
engine_remote_row(struct engine *e, const struct sf_task *t,
    struct ss_row *v)
{
	const char	*subj = t->subject != NULL && *t->subject != '\0' ?
			    t->subject : "(no subject)";
	char		*name, *p;

	memset(v, 0, sizeof *v);
	name = xstrdup(subj);
	for (p = name; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (utf8_valid(name, strlen(name)) && utf8_count(name) > TASK_NAME_MAX)
		name[utf8_prefix(name, TASK_NAME_MAX)] = '\0';
	v->name = name;
	if (merge_status_from_sf(&e->map, t->status, &v->status) != 0)
		v->status = TASK_OPEN;
	if (merge_priority_from_sf(&e->map, t->priority, &v->priority) != 0)
		v->priority = TASK_NORMAL;
	v->due = t->due;
	v->details = xstrdup(t->description != NULL ? t->description : "");
}

/* 1 if an SF task is in scope (F7): not recurring, not a logged email. */
static int
engine_in_scope(const struct sf_task *t)
{
	if (t->is_recurrence)
		return (0);
	if (t->subtype != NULL && (strcmp(t->subtype, "Email") == 0 ||
	    strcmp(t->subtype, "ListEmail") == 0))
		return (0);
	return (1);
}

/* Logs one conflict; lost is the discarded value. */
static int
engine_conflict(struct engine *e, const struct ss_row *r, const char *field,
    const char *kept, const char *lost, const char *side, const char *why,
    char **cause)
{
	log_info("sync: conflict on reminder %lld %s: kept %s value",
	    (long long)r->id, field, strcmp(side, "local") == 0 ?
	    "salesforce" : "local");
	return (ss_conflict_add(e->ss, r->id, r->sf_id, r->name, field, kept,
	    lost, side, why, sf_rest_server_ms(e->rest, now_ms()), cause));
}

/* 1 if field bit of the pulled task t already equals the local value. */
static int
engine_same(struct engine *e, unsigned bit, const struct ss_row *r,
    const struct sf_task *t, const struct ss_row *v, int maps)
{
	char	*subject;
	int	 same;

	switch (bit) {
	case TASK_F_NAME:
		subject = merge_subject(e->tmpl, r->name);
		same = engine_streq(t->subject, subject);
		free(subject);
		return (same);
	case TASK_F_STATUS:
		return (maps && v->status == r->status);
	case TASK_F_PRIORITY:
		return (maps && v->priority == r->priority);
	case TASK_F_DUE:
		return (t->due == r->due);
	default:
		return (engine_streq(t->description, r->details));
	}
}

/*
 * Whether the remote value of field bit is the one our last unanswered
 * update sent: Salesforce applied it and the answer was lost (a dropped
 * connection, a killed process).  Then it is our own echo, not a change
 * made in Salesforce, and must not beat a local edit saved after it was
 * sent (C5, C7).
 */
static int
engine_echo(unsigned bit, const struct ss_row *r, const struct sf_task *t)
{
	if (!(r->sent_mask & bit))
		return (0);
	switch (bit) {
	case TASK_F_NAME:
		return (engine_streq(t->subject, r->sent_subject));
	case TASK_F_STATUS:
		return (engine_streq(t->status, r->sent_status));
	case TASK_F_PRIORITY:
		return (engine_streq(t->priority, r->sent_priority));
	case TASK_F_DUE:
		return (t->due == r->sent_due);
	default:
		return (engine_streq(t->description, r->sent_details));
	}
}

/* Whether Salesforce's value of field bit differs from the base (C3). */
static int
engine_remote_changed(unsigned bit, const struct ss_row *r,
    const struct sf_task *t)
{
	switch (bit) {
	case TASK_F_NAME:
		return (!engine_streq(t->subject, r->base_subject));
	case TASK_F_STATUS:
		return (!engine_streq(t->status, r->base_status));
	case TASK_F_PRIORITY:
		return (!engine_streq(t->priority, r->base_priority));
	case TASK_F_DUE:
		return (t->due != r->base_due);
	default:
		return (!engine_streq(t->description, r->base_details));
	}
}

/* Merges one pulled record into an existing reminder r (C3, C4, C5). */
static int
engine_merge(struct engine *e, struct ss_row *r, const struct sf_task *t,
    char **cause)
{
	static const unsigned	 bits[] = { TASK_F_NAME, TASK_F_STATUS,
	    TASK_F_PRIORITY, TASK_F_DUE, TASK_F_DETAILS };
	struct merge_field	 f;
	struct ss_row		 v;
	enum merge_decision	 d;
	unsigned		 take = 0, drop = 0, dirty;
	char			*lv, *rv, due[DATE_BUFSZ];
	int			 i, maps, rc = 0;

	engine_remote_row(e, t, &v);
	dirty = r->pending;
	if (r->op_create)
		dirty = TASK_F_ALL;
	if (!merge_pushes_name(e->tmpl))
		dirty &= ~TASK_F_NAME;

	switch (merge_record(t->is_deleted, r->deleted)) {
	case MERGE_REC_DROP_LOCAL:
		/* Edit against delete: the delete wins; log what is lost. */
		for (i = 0; i < 5 && !r->deleted; i++) {
			if (!(dirty & bits[i]))
				continue;
			lv = engine_value(bits[i], r);
			rc = engine_conflict(e, r, engine_field_name(bits[i]),
			    NULL, lv, "local", "deleted in salesforce", cause);
			free(lv);
			if (rc != 0)
				goto out;
		}
		if (r->pending || r->op_create)
			rc = engine_conflict(e, r, "record", NULL, r->name,
			    "local", "deleted in salesforce", cause);
		if (rc == 0)
			rc = ss_remove(e->ss, r->id, cause);
		engine_changed(e, r->id);
		goto out;
	case MERGE_REC_PUSH_DELETE:
		/* Our delete wins over their edit: log SF's new values. */
		for (i = 0; i < 5; i++)
			if (engine_remote_changed(bits[i], r, t) &&
			    !engine_echo(bits[i], r, t))
				break;
		if (i < 5)
			rc = engine_conflict(e, r, "record", NULL,
			    v.name, "salesforce", "deleted here", cause);
		/* Note the modstamp so the same edit is not logged twice. */
		if (rc == 0)
			rc = ss_apply(e->ss, r->id, 0, &v, 0, t->subject,
			    t->status, t->priority, t->due, t->description,
			    t->who, t->what, t->modstamp, cause);
		goto out;
	case MERGE_REC_APPLY:
		break;
	}

	for (i = 0; i < 5; i++) {
		memset(&f, 0, sizeof f);
		f.local_dirty = (dirty & bits[i]) != 0;
		f.local_ms = sf_rest_server_ms(e->rest, r->field_ms[i]);
		f.remote_ms = t->lastmod_ms;
		f.remote_changed = engine_remote_changed(bits[i], r, t);
		maps = 1;
		switch (bits[i]) {
		case TASK_F_NAME:
			maps = 0;	/* F6: Subject never renames */
			break;
		case TASK_F_STATUS:
			maps = merge_status_from_sf(&e->map, t->status,
			    &v.status) == 0;
			break;
		case TASK_F_PRIORITY:
			maps = merge_priority_from_sf(&e->map, t->priority,
			    &v.priority) == 0;
			break;
		default:
			break;
		}
		d = merge_field(&f);
		if (log_enabled(LOG_DEBUG)) {
			lv = engine_value(bits[i], r);
			rv = engine_value(bits[i], &v);
			log_debug("merge %lld %s: dirty %d changed %d echo %d"
			    " same %d maps %d decision %d local '%s' (%lld)"
			    " remote '%s' (%lld)", (long long)r->id,
			    engine_field_name(bits[i]), f.local_dirty,
			    f.remote_changed, engine_echo(bits[i], r, t),
			    engine_same(e, bits[i], r, t, &v, maps), maps,
			    (int)d, lv, (long long)f.local_ms, rv,
			    (long long)f.remote_ms);
			free(lv);
			free(rv);
		}
		if (f.local_dirty && f.remote_changed &&
		    engine_same(e, bits[i], r, t, &v, maps)) {
			/*
			 * Both sides hold the same value: our own push whose
			 * answer was lost (a crash, a dropped response), or
			 * the same edit made twice.  Nothing to send and
			 * nothing lost (C5).
			 */
			drop |= bits[i];
			continue;
		}
		if (f.local_dirty && f.remote_changed &&
		    engine_echo(bits[i], r, t))
			continue;	/* ours: the newer local value goes out */
		if (d == MERGE_TAKE_REMOTE && maps)
			take |= bits[i];
		else if (d == MERGE_REMOTE_WINS) {
			if (maps)
				take |= bits[i];
			drop |= bits[i];
			lv = engine_value(bits[i], r);
			rv = bits[i] == TASK_F_NAME ? xstrdup(t->subject ?
			    t->subject : "") : engine_value(bits[i], &v);
			rc = engine_conflict(e, r, engine_field_name(bits[i]),
			    rv, lv, "local", "changed later in salesforce",
			    cause);
			free(lv);
			free(rv);
		} else if (d == MERGE_LOCAL_WINS) {
			lv = engine_value(bits[i], r);
			if (bits[i] == TASK_F_NAME)
				rv = xstrdup(t->subject ? t->subject : "");
			else if (bits[i] == TASK_F_STATUS && !maps)
				rv = xstrdup(t->status ? t->status : "");
			else if (bits[i] == TASK_F_PRIORITY && !maps)
				rv = xstrdup(t->priority ? t->priority : "");
			else if (bits[i] == TASK_F_DUE)
				rv = xstrdup(date_format(t->due, due));
			else
				rv = engine_value(bits[i], &v);
			rc = engine_conflict(e, r, engine_field_name(bits[i]),
			    lv, rv, "salesforce", "changed later here", cause);
			free(lv);
			free(rv);
		}
		if (rc != 0)
			goto out;
	}
	rc = ss_apply(e->ss, r->id, take, &v, drop, t->subject, t->status,
	    t->priority, t->due, t->description, t->who, t->what, t->modstamp,
	    cause);
	if (take != 0)
		engine_changed(e, r->id);
out:
	ss_row_release(&v);
	return (rc);
}

static int	engine_adopt(struct engine *, struct ss_row *,
		    const struct sf_task *, char **);

/*
 * Finds the reminder whose unanswered create made t, without an
 * external-Id field (C6): the values it sent, and t created no earlier
 * than the reminder.  A create may commit in Salesforce after the process
 * that sent it died, so the pull may see it before the lookup would.
 * 0 found, 1 none, -1 error.
 */
static int
engine_pull_unanswered(struct engine *e, const struct sf_task *t,
    struct ss_row *r, char **cause)
{
	int	rc;

	if (e->extfield != NULL || t->is_deleted || !engine_in_scope(t))
		return (1);
	rc = ss_find_unanswered(e->ss, t->subject, t->due, t->description, r,
	    cause);
	if (rc == 0 && t->created_ms < sf_rest_server_ms(e->rest,
	    r->created_ms) - SYNC_OVERLAP_MS) {
		ss_row_release(r);
		memset(r, 0, sizeof *r);
		rc = 1;
	}
	return (rc);
}

/* Applies one pulled record. */
static int
engine_pull_one(struct engine *e, const struct sf_task *t,
    int64_t import_since, int *imported, char **cause)
{
	struct ss_row	 r, v;
	int64_t		 id;
	int		 rc;

	memset(&r, 0, sizeof r);
	rc = ss_find_sf(e->ss, t->id, &r, cause);
	if (rc == 1 && t->extkey != NULL) {
		/* Our own create whose response was lost (C6). */
		if ((rc = ss_find_key(e->ss, t->extkey, &r, cause)) == 0) {
			if (r.sf_id == NULL && ss_set_sf_id(e->ss, r.id, t->id,
			    cause) != 0)
				rc = -1;
			else if (r.sf_id == NULL)
				r.sf_id = xstrdup(t->id);
		}
	}
	if (rc == 1 && (rc = engine_pull_unanswered(e, t, &r, cause)) == 0) {
		rc = engine_adopt(e, &r, t, cause);
		if (rc == 0)
			engine_changed(e, r.id);
		ss_row_release(&r);
		return (rc);
	}
	if (rc < 0)
		return (-1);
	if (rc == 1) {
		/* A reconciliation imports only what changed in the pause. */
		if (t->is_deleted || !engine_in_scope(t) ||
		    t->modstamp_ms < import_since)
			return (0);
		engine_remote_row(e, t, &v);
		rc = ss_import(e->ss, &v, t->id, t->subject, t->status,
		    t->priority, t->who, t->what, t->modstamp, &id, cause);
		ss_row_release(&v);
		if (rc == 0) {
			log_debug("pull %s: imported as reminder %lld", t->id,
			    (long long)id);
			engine_changed(e, id);
			(*imported)++;
		}
		return (rc);
	}
	if (r.sf_modstamp != NULL && strcmp(r.sf_modstamp, t->modstamp) == 0 &&
	    !t->is_deleted) {
		ss_row_release(&r);
		return (0);
	}
	log_debug("pull %s -> reminder %lld: modstamp %s (had %s) due %d"
	    " base_due %d sent_mask %u sent_due %d pending %u deleted %d/%d",
	    t->id, (long long)r.id, t->modstamp, r.sf_modstamp != NULL ?
	    r.sf_modstamp : "-", (int)t->due, (int)r.base_due, r.sent_mask,
	    (int)r.sent_due, r.pending, r.deleted, t->is_deleted);
	rc = engine_merge(e, &r, t, cause);
	ss_row_release(&r);
	return (rc);
}

/* The SOQL of the pull, since since_ms (< 0: everything). */
static char *
engine_soql(struct engine *e, int64_t since_ms, const char *extra)
{
	char	*q, *owner, ts[32], *where;

	owner = sfjson_soql_quote(e->rest->cred.user_id != NULL ?
	    e->rest->cred.user_id : "");
	if (since_ms >= 0) {
		sfjson_soql_datetime(since_ms, ts);
		where = xasprintf("OwnerId = %s AND SystemModstamp >= %s%s",
		    owner, ts, extra);
	} else
		where = xasprintf("OwnerId = %s%s", owner, extra);
	q = xasprintf("SELECT Id, Subject, Status, Priority, ActivityDate, "
	    "Description, Who.Name, What.Name, OwnerId, TaskSubtype, "
	    "IsRecurrence, IsDeleted, SystemModstamp, LastModifiedDate, "
	    "CreatedDate%s%s FROM Task WHERE %s ORDER BY SystemModstamp, Id",
	    e->extfield != NULL ? ", " : "", e->extfield != NULL ?
	    e->extfield : "", where);
	free(owner);
	free(where);
	return (q);
}

/* The first-import window in ms before T0, or -1 for "all" (S2). */
static int64_t
engine_window_ms(struct engine *e)
{
	const char	*w = config_get(e->cfg, "sync.first_import_window");
	char		*end;
	long		 n;

	if (w == NULL || strcmp(w, "all") == 0)
		return (-1);
	n = strtol(w, &end, 10);
	if (*end == 'd')
		return (n * 86400000LL);
	return (n * 3600000LL);
}

/*
 * Pulls: one queryAll from the cursor (or the first-import window), or a
 * full reconciliation when the cursor is past the deleted-records window.
 */
static enum sf_err
engine_pull(struct engine *e, char **cause)
{
	struct sf_page	 pg;
	enum sf_err	 err;
	int64_t		 cursor, since, t0, win, maxstamp, *ids = NULL;
	char		*q, *next = NULL, **sfids = NULL, **seen = NULL;
	size_t		 i, j, n = 0, nseen = 0, capseen = 0;
	int		 first, full = 0, imported = 0, rc;
	long		 total = 0;

	cursor = ss_state_int(e->ss, "sync.cursor", -1);
	t0 = ss_state_int(e->ss, "sync.t0", 0);
	first = cursor < 0;
	if (first) {
		win = engine_window_ms(e);
		since = win < 0 ? -1 : sf_rest_server_ms(e->rest, t0) - win;
	} else if (sf_rest_server_ms(e->rest, now_ms()) - cursor >=
	    SYNC_DELETED_WINDOW_MS - 3600000LL) {
		full = 1;	/* S6: past the deleted-records window */
		since = -1;
		log_info("sync: cursor older than the deleted-records window: "
		    "full reconciliation");
	} else
		since = cursor - SYNC_OVERLAP_MS;
	maxstamp = cursor;

	q = engine_soql(e, since, "");
	err = sf_rest_query(e->rest, q, !full, e->extfield, &pg, cause);
	free(q);
	if (err == SF_OK && !first && !full && sf_rest_server_ms(e->rest,
	    now_ms()) - cursor >= SYNC_DELETED_WINDOW_MS - 3600000LL) {
		/* The server's clock says the pause outlived the window. */
		sfjson_page_release(&pg);
		full = 1;
		since = -1;
		log_info("sync: cursor older than the deleted-records window: "
		    "full reconciliation");
		q = engine_soql(e, since, "");
		err = sf_rest_query(e->rest, q, 0, e->extfield, &pg, cause);
		free(q);
	}
	if (first && err == SF_OK) {
		e->st.done = 0;
		e->st.total = pg.total;
		engine_set(e, SYNC_FIRST, NULL);
	}
	while (err == SF_OK) {
		if (ss_begin(e->ss, cause) != 0) {
			sfjson_page_release(&pg);
			return (SF_EFATAL);
		}
		rc = 0;
		for (i = 0; i < pg.n && rc == 0; i++) {
			rc = engine_pull_one(e, &pg.v[i], full ? cursor -
			    SYNC_OVERLAP_MS : -1, &imported, cause);
			if (pg.v[i].modstamp_ms > maxstamp)
				maxstamp = pg.v[i].modstamp_ms;
			if (full) {
				if (nseen == capseen) {
					capseen = capseen ? capseen * 2 : 256;
					seen = xreallocarray(seen, capseen,
					    sizeof *seen);
				}
				seen[nseen++] = xstrdup(pg.v[i].id);
			}
		}
		total += (long)pg.n;
		/* The cursor advances with the page it covers. */
		if (rc == 0 && maxstamp >= 0)
			rc = ss_state_set_int(e->ss, "sync.cursor", maxstamp,
			    cause);
		if (rc != 0 || ss_commit(e->ss, cause) != 0) {
			ss_rollback(e->ss);
			sfjson_page_release(&pg);
			err = SF_EFATAL;
			break;
		}
		engine_flush_changed(e);
		if (first) {
			e->st.done = total;
			engine_status(e);
		}
		if (pg.done) {
			if (full && pg.total != total) {
				/* Never infer a delete from a short listing. */
				full = 0;
				log_warn("sync: listing incomplete, no deletes "
				    "inferred");
			}
			sfjson_page_release(&pg);
			break;
		}
		next = xstrdup(pg.next_url);
		sfjson_page_release(&pg);
		err = sf_rest_next(e->rest, next, e->extfield, &pg, cause);
		free(next);
	}
	if (err != SF_OK)
		full = 0;
	if (full && ss_synced(e->ss, &ids, &sfids, &n, cause) == 0) {
		/* S6: synced reminders whose task no longer exists go. */
		if (ss_begin(e->ss, cause) == 0) {
			for (i = 0; i < n; i++) {
				for (j = 0; j < nseen; j++)
					if (strcmp(seen[j], sfids[i]) == 0)
						break;
				if (j == nseen) {
					ss_remove(e->ss, ids[i], cause);
					engine_changed(e, ids[i]);
				}
			}
			if (ss_commit(e->ss, cause) != 0)
				err = SF_EFATAL;
		}
	}
	for (i = 0; i < n; i++)
		free(sfids[i]);
	free(sfids);
	free(ids);
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	engine_flush_changed(e);
	if (err == SF_OK && maxstamp < 0) {
		/* Nothing to pull at all: start the cursor at now. */
		char	*c2 = NULL;

		if (ss_begin(e->ss, &c2) == 0) {
			ss_state_set_int(e->ss, "sync.cursor",
			    sf_rest_server_ms(e->rest, now_ms()) -
			    SYNC_OVERLAP_MS, &c2);
			ss_commit(e->ss, &c2);
		}
		free(c2);
	}
	return (err);
}

/*
 * Finds the Task an unanswered create made, without an external-Id field
 * (C6): created by this user since the reminder was made, same subject,
 * due date and description, and no reminder has its Id.  *sf_id is NULL
 * if there is none.
 */
static enum sf_err
engine_find_create(struct engine *e, const struct ss_row *r,
    struct sf_task *found, int *got, char **cause)
{
	struct sf_page	 pg;
	enum sf_err	 err;
	char		*subject, *qs, *extra, *q, ts[32];
	size_t		 i;

	*got = 0;
	/* What the lost create sent (ss_attempt_create), not later edits. */
	subject = r->base_subject != NULL ? xstrdup(r->base_subject) :
	    merge_subject(e->tmpl, r->name);
	if (e->extfield != NULL) {
		/* Exact: only our create carries this client key. */
		qs = sfjson_soql_quote(r->client_key);
		extra = xasprintf(" AND %s = %s", e->extfield, qs);
	} else {
		qs = sfjson_soql_quote(subject);
		sfjson_soql_datetime(sf_rest_server_ms(e->rest,
		    r->created_ms) - SYNC_OVERLAP_MS, ts);
		extra = xasprintf(" AND Subject = %s AND CreatedDate >= %s",
		    qs, ts);
	}
	q = engine_soql(e, -1, extra);
	err = sf_rest_query(e->rest, q, 0, e->extfield, &pg, cause);
	free(q);
	free(extra);
	free(qs);
	free(subject);
	if (err != SF_OK)
		return (err);
	for (i = 0; i < pg.n; i++) {
		if (ss_known_sf(e->ss, pg.v[i].id))
			continue;
		if (e->extfield == NULL && (pg.v[i].due != (r->base_subject !=
		    NULL ? r->base_due : r->due) || !engine_streq(
		    pg.v[i].description, r->base_subject != NULL ?
		    r->base_details : r->details)))
			continue;
		/* Take the record out of the page. */
		*found = pg.v[i];
		memset(&pg.v[i], 0, sizeof pg.v[i]);
		*got = 1;
		break;
	}
	sfjson_page_release(&pg);
	return (SF_OK);
}

/* What one collapsed outbox row becomes. */
struct engine_op {
	struct ss_row	*row;
	struct sf_write	 w;
	char		*subject;
};

/*
 * 1 if a create was refused because a record already carries its client
 * key in the unique external-Id field: an earlier attempt of this very
 * create committed after all (C6).
 */
static int
engine_dup(struct engine *e, const struct sf_result *res, int create)
{
	return (create && e->extfield != NULL && !res->success &&
	    res->message != NULL &&
	    strncmp(res->message, "DUPLICATE_VALUE", 15) == 0);
}

static enum sf_err engine_recover(struct engine *, struct ss_row *,
		    char **);

/*
 * Adopts the Task an earlier attempt of a create refused as a duplicate
 * made, found by its client key; one that cannot be found is a record
 * error like any other.
 */
static enum sf_err
engine_adopt_dup(struct engine *e, struct engine_op *op,
    const struct sf_result *res, char **cause)
{
	struct ss_row	*r = op->row;
	enum sf_err	 err;
	int64_t		 wait;
	int		 give_up;

	if ((err = engine_recover(e, r, cause)) != SF_OK)
		return (err);
	engine_changed(e, r->id);
	if (r->sf_id != NULL)
		return (SF_OK);
	give_up = r->error_count + 1 >= SYNC_MAX_ATTEMPTS;
	wait = merge_backoff_ms(r->error_count + 1, SYNC_BACKOFF_BASE_MS,
	    SYNC_BACKOFF_MAX_MS, engine_random());
	log_warn("sync: salesforce refused reminder %lld: %s%s",
	    (long long)r->id, res->message, give_up ? " (giving up)" : "");
	if (ss_begin(e->ss, cause) != 0)
		return (SF_EFATAL);
	if (ss_push_failed(e->ss, r, res->message, give_up,
	    engine_now(e) + wait, cause) != 0) {
		ss_rollback(e->ss);
		return (SF_EFATAL);
	}
	return (ss_commit(e->ss, cause) == 0 ? SF_OK : SF_EFATAL);
}

/* Records the results of one collection call. */
static int
engine_results(struct engine *e, struct engine_op *ops, size_t n,
    struct sf_result *res, int create, int del, char **cause)
{
	struct ss_row	*r;
	size_t		 i;
	int		 rc = 0, give_up;
	int64_t		 wait;

	if (ss_begin(e->ss, cause) != 0)
		return (-1);
	for (i = 0; i < n && rc == 0; i++) {
		r = ops[i].row;
		if (engine_dup(e, &res[i], create))
			continue;	/* engine_send adopts it */
		if (res[i].success || (del && res[i].message != NULL &&
		    strncmp(res[i].message, "ENTITY_IS_DELETED", 17) == 0)) {
			rc = ss_pushed(e->ss, r, create ? res[i].id : r->sf_id,
			    ops[i].w.mask, ops[i].w.subject, ops[i].w.status,
			    ops[i].w.priority, ops[i].w.due,
			    ops[i].w.description, cause);
			continue;
		}
		if (!create && !del && res[i].message != NULL &&
		    strncmp(res[i].message, "ENTITY_IS_DELETED", 17) == 0) {
			/* Edit against delete: the delete wins (C4). */
			rc = engine_conflict(e, r, "record", NULL, r->name,
			    "local", "deleted in salesforce", cause);
			if (rc == 0)
				rc = ss_remove(e->ss, r->id, cause);
			engine_changed(e, r->id);
			continue;
		}
		give_up = res[i].err == SF_ERECORD &&
		    r->error_count + 1 >= SYNC_MAX_ATTEMPTS;
		wait = merge_backoff_ms(r->error_count + 1,
		    SYNC_BACKOFF_BASE_MS, SYNC_BACKOFF_MAX_MS, engine_random());
		log_warn("sync: salesforce refused reminder %lld: %s%s",
		    (long long)r->id, res[i].message,
		    give_up ? " (giving up)" : "");
		rc = ss_push_failed(e->ss, r, res[i].message, give_up,
		    engine_now(e) + wait, cause);
		engine_changed(e, r->id);
	}
	if (rc != 0) {
		ss_rollback(e->ss);
		return (-1);
	}
	return (ss_commit(e->ss, cause));
}

/*
 * Salesforce refused a whole collection call (a 4xx answer: a session it
 * would not refresh, the API limit): nothing of it can commit later, so
 * its records need not wait out the settle window.
 */
static void
engine_unsettle(struct engine *e, struct engine_op *ops, size_t n)
{
	char	*cause = NULL;
	size_t	 k;

	if (ss_begin(e->ss, &cause) != 0) {
		free(cause);
		return;
	}
	for (k = 0; k < n; k++)
		if (ss_unsettle(e->ss, ops[k].row, &cause) != 0)
			break;
	if (k < n || ss_commit(e->ss, &cause) != 0) {
		ss_rollback(e->ss);
		log_warn("sync: %s", cause);
		free(cause);
	}
}

/*
 * Before a create or an update leaves: the outcome is unknown from here
 * on.  Records the attempt (what a create sent, for the C6 lookup; what an
 * update sent, to know its echo: C5) and holds the records until the
 * request settled (sync.create_settle): Salesforce may still commit it
 * after we gave up on it, so a create is neither resent nor given up
 * before then (C6), and a record is not written again, which could land
 * before this request (C7).  An external-Id field does not make the wait
 * needless: its uniqueness ends when the task is deleted, so a resend
 * adopted and then deleted would let the late first attempt commit and
 * come back (C2).  With the field, the lookup by key still runs at once.
 */
static int
engine_attempt(struct engine *e, struct engine_op *ops, size_t n, int create,
    char **cause)
{
	struct sf_write	*w;
	int64_t		 settle;
	size_t		 k;
	int		 rc = 0;

	settle = e->settle_ms > 0 ? engine_now(e) + e->settle_ms : 0;
	if (ss_begin(e->ss, cause) != 0)
		return (-1);
	for (k = 0; k < n && rc == 0; k++) {
		w = &ops[k].w;
		rc = create ? ss_attempt_create(e->ss, ops[k].row, w->subject,
		    w->status, w->priority, w->due, w->description, cause) :
		    ss_attempt_update(e->ss, ops[k].row, w->mask, w->subject,
		    w->status, w->priority, w->due, w->description, cause);
		if (rc == 0 && settle != 0)
			rc = ss_settle(e->ss, ops[k].row, settle, cause);
	}
	if (rc != 0) {
		ss_rollback(e->ss);
		return (-1);
	}
	return (ss_commit(e->ss, cause));
}

/* Sends ops[0..n) as collections of up to 200. */
static enum sf_err
engine_send(struct engine *e, struct engine_op *ops, size_t n, int create,
    int del, char **cause)
{
	struct sf_write		*w;
	struct sf_result	*res;
	enum sf_err		 err;
	size_t			 i, k, m;

	for (i = 0; i < n; i += m) {
		m = n - i > SF_COLLECTION_MAX ? SF_COLLECTION_MAX : n - i;
		if (!del && engine_attempt(e, ops + i, m, create,
		    cause) != 0)
			return (SF_EFATAL);
		w = xcalloc(m, sizeof *w);
		for (k = 0; k < m; k++) {
			w[k] = ops[i + k].w;
			log_debug("send %s %lld mask %u due %d status %s",
			    del ? "delete" : create ? "create" : "update",
			    (long long)ops[i + k].row->id, w[k].mask,
			    (int)w[k].due, w[k].status != NULL ? w[k].status :
			    "-");
		}
		err = sf_rest_collection(e->rest, del ? "DELETE" : create ?
		    "POST" : "PATCH", w, m, create, e->extfield, &res, cause);
		free(w);
		if (err != SF_OK && !del && e->rest->last_status >= 400 &&
		    e->rest->last_status < 500)
			engine_unsettle(e, ops + i, m);
		if (err != SF_OK)
			return (err);
		if (engine_results(e, ops + i, m, res, create, del,
		    cause) != 0) {
			sfjson_results_free(res, m);
			return (SF_EFATAL);
		}
		for (k = 0; k < m && err == SF_OK; k++)
			if (engine_dup(e, &res[k], create))
				err = engine_adopt_dup(e, &ops[i + k], &res[k],
				    cause);
		sfjson_results_free(res, m);
		if (err != SF_OK)
			return (err);
		engine_flush_changed(e);
	}
	return (SF_OK);
}

/* Fills an op's write from its row. */
static void
engine_op(struct engine *e, struct engine_op *op, struct ss_row *r,
    unsigned mask)
{
	memset(op, 0, sizeof *op);
	op->row = r;
	op->subject = merge_subject(e->tmpl, r->name);
	op->w.id = r->sf_id;
	op->w.mask = mask;
	op->w.subject = op->subject;
	op->w.status = merge_status_to_sf(&e->map, r->status);
	op->w.priority = merge_priority_to_sf(&e->map, r->priority);
	op->w.due = r->due;
	op->w.description = r->details;
	op->w.extfield = e->extfield;
	op->w.extkey = r->client_key;
}

/*
 * Adopts t as the Task reminder r's unanswered create made: its Id, and
 * the create entries done; later entries (an edit, a delete) stay queued.
 * Then t is merged like any pulled record, against the values the create
 * sent (the base ss_attempt_create kept): a field someone changed in
 * Salesforce before we saw the task comes into the reminder, or meets a
 * local edit made since the create by C4.  Inside the caller's
 * transaction.
 */
static int
engine_adopt(struct engine *e, struct ss_row *r, const struct sf_task *t,
    char **cause)
{
	int	rc;

	log_info("sync: found the task an unanswered create made for "
	    "reminder %lld", (long long)r->id);
	rc = ss_set_sf_id(e->ss, r->id, t->id, cause);
	if (rc == 0)
		rc = ss_drop_creates(e->ss, r->id, cause);
	if (rc != 0)
		return (rc);
	free(r->sf_id);
	r->sf_id = xstrdup(t->id);
	r->op_create = 0;
	return (engine_merge(e, r, t, cause));
}

/* Resolves an unanswered create before it is retried (C6). */
static enum sf_err
engine_recover(struct engine *e, struct ss_row *r, char **cause)
{
	struct sf_task	 t;
	enum sf_err	 err;
	int		 got, rc;

	if ((err = engine_find_create(e, r, &t, &got, cause)) != SF_OK)
		return (err);
	if (!got)
		return (SF_OK);
	rc = ss_begin(e->ss, cause);
	if (rc == 0)
		rc = engine_adopt(e, r, &t, cause);
	if (rc == 0)
		rc = ss_commit(e->ss, cause);
	else
		ss_rollback(e->ss);
	sf_task_release(&t);
	return (rc == 0 ? SF_OK : SF_EFATAL);
}

/*
 * Before a pull, finds what every unanswered create made, so the pull
 * never imports our own task as a second reminder (C6).
 */
static enum sf_err
engine_recover_all(struct engine *e, char **cause)
{
	struct ss_row	*rows;
	size_t		 n, i;
	enum sf_err	 err = SF_OK;

	if (ss_outbox(e->ss, INT64_MAX, SYNC_BATCH_ROWS, &rows, &n,
	    cause) != 0)
		return (SF_EFATAL);
	for (i = 0; i < n; i++) {
		/* A create still settling may yet commit: not conclusive. */
		if (err == SF_OK && rows[i].sf_id == NULL &&
		    rows[i].attempts > 0 && (e->extfield != NULL ||
		    rows[i].next_try_ms <= engine_now(e)))
			err = engine_recover(e, &rows[i], cause);
		ss_row_release(&rows[i]);
	}
	free(rows);
	return (err);
}

/* Pushes every due outbox entry (C1, C3, C6, C7, C8). */
static enum sf_err
engine_push(struct engine *e, char **cause)
{
	struct ss_row		*rows;
	struct engine_op	*cr, *up, *de;
	size_t			 n, i, ncr, nup, nde;
	unsigned		 mask;
	enum sf_err		 err = SF_OK;
	int			 round;

	for (round = 0; round < 100; round++) {
		if (ss_outbox(e->ss, engine_now(e), SYNC_BATCH_ROWS, &rows, &n,
		    cause) != 0)
			return (SF_EFATAL);
		if (n == 0) {
			free(rows);
			return (SF_OK);
		}
		cr = xcalloc(n, sizeof *cr);
		up = xcalloc(n, sizeof *up);
		de = xcalloc(n, sizeof *de);
		ncr = nup = nde = 0;
		for (i = 0; i < n && err == SF_OK; i++) {
			struct ss_row	*r = &rows[i];

			if (r->sf_id == NULL && r->attempts > 0 &&
			    (err = engine_recover(e, r, cause)) != SF_OK)
				break;
			if (r->deleted || r->op_delete) {
				r->op_delete = 1;
				if (r->sf_id != NULL)
					engine_op(e, &de[nde++], r, 0);
				else
					engine_op(e, &up[nup++], r, 0);
				continue;
			}
			if (r->sf_id == NULL) {
				engine_op(e, &cr[ncr++], r, TASK_F_ALL);
				continue;
			}
			mask = r->pending;
			if (!merge_pushes_name(e->tmpl))
				mask &= ~TASK_F_NAME;
			engine_op(e, &up[nup++], r, mask);
		}
		/* Empty updates (nothing left to send) only drop entries. */
		if (err == SF_OK) {
			struct engine_op	*real;
			size_t			 nreal = 0;

			real = xcalloc(nup + 1, sizeof *real);
			if (ss_begin(e->ss, cause) != 0)
				err = SF_EFATAL;
			for (i = 0; i < nup && err == SF_OK; i++) {
				if (up[i].w.mask != 0 && !up[i].row->op_delete)
					real[nreal++] = up[i];
				else if (ss_pushed(e->ss, up[i].row,
				    up[i].row->sf_id, 0, NULL, NULL, NULL,
				    DATE_NONE, NULL, cause) != 0)
					err = SF_EFATAL;
			}
			if (err == SF_OK && ss_commit(e->ss, cause) != 0)
				err = SF_EFATAL;
			if (err == SF_OK && ncr > 0)
				err = engine_send(e, cr, ncr, 1, 0, cause);
			if (err == SF_OK && nreal > 0)
				err = engine_send(e, real, nreal, 0, 0, cause);
			if (err == SF_OK && nde > 0)
				err = engine_send(e, de, nde, 0, 1, cause);
			free(real);
		}
		for (i = 0; i < ncr; i++)
			free(cr[i].subject);
		for (i = 0; i < nup; i++)
			free(up[i].subject);
		for (i = 0; i < nde; i++)
			free(de[i].subject);
		free(cr);
		free(up);
		free(de);
		for (i = 0; i < n; i++)
			ss_row_release(&rows[i]);
		free(rows);
		if (err != SF_OK)
			return (err);
	}
	return (SF_OK);
}

/*
 * One cycle: recover, pull, push.  Sets the state it ends in.  Returns
 * the error class, SF_OK on success.
 */
static enum sf_err
engine_cycle(struct engine *e, char **cause)
{
	enum sf_err	 err;
	char		*why = NULL;
	int64_t		 wait;
	long		 poll;

	*cause = NULL;
	if (engine_config(e, cause) != 0) {
		engine_set(e, e->st.state, *cause);
		return (SF_EFATAL);
	}
	if (!config_bool(e->cfg, "sync.enabled")) {
		engine_set(e, SYNC_OFF, NULL);
		return (SF_OK);
	}
	if (ss_state_int(e->ss, "sync.t0", 0) == 0) {
		if (ss_begin(e->ss, cause) != 0)
			return (SF_EFATAL);
		ss_state_set_int(e->ss, "sync.t0", now_ms(), cause);
		if (ss_commit(e->ss, cause) != 0)
			return (SF_EFATAL);
	}
	engine_set(e, SYNC_RUNNING, NULL);
	err = SF_OK;
	if (e->rest->cred.access_token == NULL || e->rest->cred.user_id == NULL)
		err = sf_rest_connect(e->rest, &why);
	/*
	 * Pull before push: a Salesforce change made since the last poll is
	 * merged (and may win, C4) before a local change could overwrite it.
	 */
	if (err == SF_OK)
		err = engine_recover_all(e, &why);
	if (err == SF_OK)
		err = engine_pull(e, &why);
	if (err == SF_OK)
		err = engine_push(e, &why);
	if (e->rest->have_offset) {
		char	*c2 = NULL;

		if (ss_begin(e->ss, &c2) == 0) {
			ss_state_set_int(e->ss, "sync.offset",
			    e->rest->offset_ms, &c2);
			ss_commit(e->ss, &c2);
		}
		free(c2);
	}
	engine_flush_changed(e);
	poll = merge_poll_interval(config_long(e->cfg, "sync.poll_interval"),
	    config_long(e->cfg, "sync.api_budget_share"), e->rest->api_used,
	    e->rest->api_max, engine_calls_24h(e));
	switch (err) {
	case SF_OK:
		e->backoff = 0;
		e->st.retry_at_ms = 0;
		e->st.last_success_ms = now_ms();
		e->next_poll_ms = now_ms() + poll * 1000;
		engine_set(e, SYNC_IDLE, NULL);
		break;
	case SF_EAUTH:
		log_warn("sync: %s", why);
		/* Forget the refused tokens: a new login is read afresh. */
		sf_cred_release(&e->rest->cred);
		e->cred_mtime = engine_cred_mtime(e);
		e->next_poll_ms = now_ms() + 300000;
		engine_set(e, SYNC_LOGIN_NEEDED, why);
		break;
	case SF_ELIMIT:
	case SF_ETRANSIENT:
	case SF_ERECORD:
	case SF_EFATAL:
		e->backoff++;
		wait = merge_backoff_ms(e->backoff, SYNC_BACKOFF_BASE_MS,
		    SYNC_BACKOFF_MAX_MS, engine_random());
		e->st.retry_at_ms = now_ms() + wait;
		log_warn("sync: %s (retry in %lld ms)", why, (long long)wait);
		engine_set(e, SYNC_BACKOFF, why);
		break;
	}
	if (err != SF_OK)
		*cause = why;
	else
		free(why);
	return (err);
}

/* The engine thread's loop. */
static void *
sync_main(void *arg)
{
	struct sync	*s = arg;
	struct engine	*e = s->e;
	enum sync_cmd	*cmd;
	char		*cause;
	int64_t		 now, wake, next_try;
	int		 quit = 0, force, local;

	engine_status(e);
	e->next_poll_ms = 0;
	while (!quit) {
		now = now_ms();
		wake = e->next_poll_ms - now;
		if (wake > 1000 || wake < 0)
			wake = wake < 0 ? 0 : 1000;
		(void)msgq_wait(s->cmds, wake);
		force = local = 0;
		while ((cmd = msgq_pop(s->cmds)) != NULL) {
			switch (*cmd) {
			case SYNC_CMD_QUIT:
				quit = 1;
				break;
			case SYNC_CMD_NOW:
			case SYNC_CMD_SETTINGS:
				force = 1;
				break;
			case SYNC_CMD_LOCAL:
				local = 1;
				break;
			}
			free(cmd);
		}
		if (quit)
			break;
		now = now_ms();
		/* Login needed: retry on a new login, `r`, or every 5 min. */
		if (e->st.state == SYNC_LOGIN_NEEDED && !force &&
		    now < e->next_poll_ms &&
		    engine_cred_mtime(e) == e->cred_mtime)
			continue;
		if (e->st.state == SYNC_LOGIN_NEEDED)
			force = 1;
		if (e->st.state == SYNC_BACKOFF && !force &&
		    now < e->st.retry_at_ms)
			continue;
		if (e->st.state == SYNC_BACKOFF && now >= e->st.retry_at_ms)
			force = 1;
		if (!force && now < e->next_poll_ms) {
			/*
			 * Between polls only a due outbox entry wakes us
			 * (never while off: S5).
			 */
			if (e->st.state == SYNC_OFF)
				continue;
			next_try = ss_next_try(e->ss);
			if (!local && (ss_pending(e->ss) == 0 ||
			    next_try > engine_now(e)))
				continue;
		}
		cause = NULL;
		(void)engine_cycle(e, &cause);
		free(cause);
		if (e->st.state == SYNC_OFF)
			e->next_poll_ms = now_ms() + 5000;
	}
	return (NULL);
}

struct sync *
sync_start(const char *cache_path, const char *config_path, char **cause)
{
	struct sync	*s;
	int		 fd;

	if ((fd = sync_lock(cache_path, cause)) < 0)
		return (NULL);
	sf_http_global_init();	/* before the thread: not thread-safe */
	s = xcalloc(1, sizeof *s);
	s->lock_fd = fd;
	if ((s->e = engine_new(cache_path, config_path, cause)) == NULL) {
		close(fd);
		free(s);
		return (NULL);
	}
	s->cmds = msgq_new();
	s->events = msgq_new();
	s->e->events = s->events;
	sf_http_cancel_on(s->e->rest->http, &s->cancel);
	if (pthread_create(&s->thread, NULL, sync_main, s) != 0) {
		*cause = xstrdup("cannot start the sync thread");
		engine_free(s->e);
		msgq_free(s->cmds, free);
		msgq_free(s->events, NULL);
		close(fd);
		free(s);
		return (NULL);
	}
	return (s);
}

/* Queues a command for the engine. */
static void
sync_send(struct sync *s, enum sync_cmd c)
{
	enum sync_cmd	*m;

	if (s == NULL)
		return;
	m = xmalloc(sizeof *m);
	*m = c;
	msgq_push(s->cmds, m);
}

void
sync_stop(struct sync *s)
{
	if (s == NULL)
		return;
	/* A request under way gives up within a second (never waits 60 s). */
	__atomic_store_n(&s->cancel, 1, __ATOMIC_RELEASE);
	sync_send(s, SYNC_CMD_QUIT);
	pthread_join(s->thread, NULL);
	engine_free(s->e);
	msgq_free(s->cmds, free);
	msgq_free(s->events, (void (*)(void *))sync_event_free);
	close(s->lock_fd);
	free(s);
}

int
sync_fd(const struct sync *s)
{
	return (msgq_fd(s->events));
}

struct sync_event *
sync_next_event(struct sync *s)
{
	return (msgq_pop(s->events));
}

void
sync_event_free(struct sync_event *ev)
{
	if (ev == NULL)
		return;
	free(ev->ids);
	free(ev->status.message);
	free(ev);
}

void
sync_now(struct sync *s)
{
	sync_send(s, SYNC_CMD_NOW);
}

void
sync_local_change(struct sync *s)
{
	sync_send(s, SYNC_CMD_LOCAL);
}

void
sync_settings_changed(struct sync *s)
{
	sync_send(s, SYNC_CMD_SETTINGS);
}

int
sync_once(const char *cache_path, const char *config_path,
    struct sync_status *st, char **cause)
{
	struct engine	*e;
	enum sf_err	 err;
	int		 fd;

	if ((fd = sync_lock(cache_path, cause)) < 0)
		return (-1);
	sf_http_global_init();
	if ((e = engine_new(cache_path, config_path, cause)) == NULL) {
		close(fd);
		return (-1);
	}
	err = engine_cycle(e, cause);
	if (err == SF_OK && e->st.state == SYNC_OFF) {
		*cause = xstrdup("sync is off (run 'taskdeck sync --enable')");
		err = SF_EFATAL;
	}
	if (st != NULL) {
		*st = e->st;
		st->message = e->st.message != NULL ? xstrdup(e->st.message) :
		    NULL;
	}
	engine_free(e);
	close(fd);
	return (err == SF_OK ? 0 : -1);
}

int
sync_read_status(const char *cache_path, struct sync_status *st,
    char **cursor, char **cause)
{
	struct store_sync	*ss;
	char			*v = NULL;

	memset(st, 0, sizeof *st);
	*cursor = NULL;
	if ((ss = store_sync_open(cache_path, cause)) == NULL)
		return (-1);
	if (ss_state_get(ss, "sync.state", &v, cause) == 0 && v != NULL) {
		enum sync_state	i;

		for (i = SYNC_OFF; i <= SYNC_LOGIN_NEEDED; i++)
			if (strcmp(sync_state_name(i), v) == 0)
				st->state = i;
	}
	free(v);
	v = NULL;
	st->last_success_ms = ss_state_int(ss, "sync.last_success", 0);
	st->retry_at_ms = ss_state_int(ss, "sync.retry_at", 0);
	st->pending = ss_pending(ss);
	(void)ss_state_get(ss, "sync.last_error", &st->message, cause);
	if (ss_state_get(ss, "sync.api", &v, cause) == 0 && v != NULL)
		sscanf(v, "%ld/%ld", &st->api_used, &st->api_max);
	free(v);
	if (ss_state_int(ss, "sync.cursor", -1) >= 0) {
		char	ts[32];

		sfjson_soql_datetime(ss_state_int(ss, "sync.cursor", 0), ts);
		*cursor = xstrdup(ts);
	}
	store_sync_free(ss);
	return (0);
}
