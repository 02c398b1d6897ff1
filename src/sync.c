/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine: keeps the cache and the rep's Salesforce Tasks in
 * two-way sync on a thread of its own.  This file owns the thread, the
 * cycle, the status and the public interface (sync.h); the pull and its
 * merge are in sync-pull.c, the push and the recovery of unanswered
 * creates in sync-push.c, what the three share in sync-engine.h.
 *
 * DESIGN
 *
 * States (enum sync_state).  OFF while sync.enabled is false: no traffic
 * at all (S1, S5).  Otherwise a cycle runs on every poll tick, on `r`
 * (sync_now), on sync_local_change, and as soon as the outbox holds a
 * due entry (C1; see Wake-up below for edits made by another process).
 * A cycle shows
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
 * query plus one composite call.  A save made within SYNC_HOLD_MS of the
 * start of the last cycle a save started waits for that moment, so a
 * burst of saves shares one cycle (doc/sync.md, "Coalescing saves"): an
 * isolated save reaches Salesforce at once, one in a burst within 1.85 s
 * plus a cycle.
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
 * user created since the reminder was made with the subject sent and an
 * Id no reminder has, preferring the due date and description sent.  The
 * query is a queryAll, on every cycle until the create settled (past
 * Salesforce's 10-minute request limit): a found Task is adopted and any
 * second copy of it deleted; one found only in the recycle bin removes
 * the reminder (C2).  A POST always goes out on a fresh connection, because libcurl
 * silently resends a request whose reused connection died.  A success
 * records the Salesforce Id and the values sent as the new merge base,
 * and deletes exactly the entries that were sent, in one transaction;
 * entries queued meanwhile stay.  A record error is stored on the
 * reminder and retried with backoff, then given up after
 * SYNC_MAX_ATTEMPTS (C8).
 *
 * Pull.  One queryAll over the Tasks with SystemModstamp at or past the
 * cursor minus an overlap, ordered by SystemModstamp: edits, deletions
 * (IsDeleted) and tasks that left the rep's scope (F7) arrive together and
 * an idle poll costs exactly one API call.  The cursor never passes
 * Salesforce's clock and follows it after each complete pull.  Each page is applied and the cursor advanced in one
 * transaction, so a crash re-reads at most one page.  A record is merged
 * field by field against the base (sync-merge.c): a field changed only in
 * Salesforce is applied without an outbox entry, so it is never pushed
 * back, and a record whose modstamp we already hold is skipped (C5).  When
 * the cursor is older than the recycle-bin window a full reconciliation
 * runs instead (S6): every in-scope Task is listed, and only after the
 * listing completed (every page, totalSize matched, a COUNT() agreeing) are
 * synced reminders that are missing and have no unsent change removed.
 *
 * Clocks.  Salesforce's clock decides conflicts (C4): every response's
 * Date header gives the offset of the server's clock from ours, which
 * corrects local save times and is kept in the cache between runs.  Retry
 * times in the outbox are on the server's clock too.
 *
 * Wake-up.  A CLI `done` in another process commits to the cache and
 * then sends a one-byte datagram to CACHE.sync-wake, a unix socket the
 * syncing process binds while it holds the sync lock (wake.c; store.c
 * and store-sync.c send after every commit).  The engine thread polls
 * that socket beside its command queue; on a wake-up it asks PRAGMA
 * data_version on its own connection, which changes exactly when another
 * connection committed, and reads the outbox only then.  Idle it still
 * wakes once a second (SYNC_LOOK_MS) and reads the outbox, so a writer
 * that sends nothing (an older taskdeck, the sqlite3 shell, a path too
 * long for a socket) or a lost datagram costs at most that second.
 * doc/sync.md, "Wake-up".
 *
 * One syncer per cache (C11).  The lock holder writes "PID NAME" into
 * CACHE.sync-lock; sync_holder() asks the kernel whether the lock is
 * held (a shared flock tried and let go) and reads who from the file.
 * The byte WAKE_NOW on the wake-up socket is another process's `r`: it
 * forces a cycle like sync_now().  Processes that do not sync try the
 * lock twice a second and take over.  doc/sync.md, "Service and
 * hand-over".
 *
 * Durability points: the outbox entry (with the edit); the attempt count
 * (before a create leaves); the push result with its entries' removal;
 * each pulled page with its cursor.  Every one is a single BEGIN IMMEDIATE
 * transaction on the engine's own connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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
#include "i18n.h"
#include "log.h"
#include "msgq.h"
#include "paths.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync-merge.h"
#include "sync-org.h"
#include "sync.h"
#include "wake.h"
#include "xmalloc.h"

enum sync_cmd { SYNC_CMD_QUIT, SYNC_CMD_NOW, SYNC_CMD_LOCAL,
    SYNC_CMD_SETTINGS };

/* Between polls the engine reads the outbox at least this often. */
#define SYNC_LOOK_MS	1000
/*
 * Coalescing (doc/sync.md, "Coalescing saves"): a save made within this
 * long of the start of the last cycle a save started waits until then,
 * so a burst of saves shares one pull and one push.  1.85 s keeps C1's 2 s and makes 100
 * saves 0.5 s apart cost under 60 calls (issue 19).
 */
#define SYNC_HOLD_MS	1850

struct sync {
	pthread_t	 thread;
	struct msgq	*cmds;
	struct msgq	*events;
	struct msgq	*people;	/* people searches (sync-people.c) */
	struct engine	*e;
	int		 lock_fd;
	int		 wake_fd;	/* CACHE.sync-wake, or -1 */
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

/* Who this process is, for the others' "synced by ..." (C11). */
static const char *sync_who = "taskdeck";

void
sync_set_holder_name(const char *name)
{
	sync_who = name;
}

/* Takes the sync lock on a cache: the fd, or -1 with *cause. */
static int
sync_lock(const char *cache_path, char **cause)
{
	char	*p, *who;
	int	 fd, i;

	p = xasprintf("%s.sync-lock", cache_path);
	if (paths_make_parent(p, cause) != 0) {
		free(p);
		return (-1);
	}
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*cause = xasprintf(_("cannot open %s: %s"), p,
		    strerror(errno));
		free(p);
		return (-1);
	}
	free(p);
	/*
	 * A few tries over 40 ms: sync_holder() in another process takes
	 * a shared lock for an instant to see whether anyone holds it.
	 */
	for (i = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; i++) {
		if (i == 4 || errno != EWOULDBLOCK) {
			close(fd);
			*cause = xasprintf(_("another taskdeck is already "
			    "syncing cache %s"), cache_path);
			return (-1);
		}
		usleep(10000);
	}
	/* The holder's pid and name, for every other process to show. */
	who = xasprintf("%ld %s\n", (long)getpid(), sync_who);
	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, who, strlen(who), 0) != (ssize_t)strlen(who))
		log_warn("sync: cannot record the holder in the lock file");
	free(who);
	return (fd);
}

/* Forgets the holder (a clean exit) and lets the lock go. */
static void
sync_unlock(int fd)
{
	if (fd < 0)
		return;
	(void)ftruncate(fd, 0);
	close(fd);
}

int
sync_holder(const char *cache_path, long *pid, char **name)
{
	char	*p, buf[256], *sp, *nl;
	ssize_t	 n;
	int	 fd, held;

	*pid = 0;
	*name = NULL;
	p = xasprintf("%s.sync-lock", cache_path);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	free(p);
	if (fd < 0)
		return (0);
	if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
		held = 0;
		(void)flock(fd, LOCK_UN);
	} else
		held = errno == EWOULDBLOCK;
	n = pread(fd, buf, sizeof buf - 1, 0);
	close(fd);
	if (n > 0) {
		buf[n] = '\0';
		if ((nl = strchr(buf, '\n')) != NULL)
			*nl = '\0';
		*pid = strtol(buf, &sp, 10);
		if (*pid > 0 && *sp == ' ')
			*name = xstrdup(sp + 1);
		else
			*pid = 0;
	}
	return (held);
}

int
sync_request_now(const char *cache_path)
{
	return (wake_send_now(cache_path));
}

/* Notes a changed reminder for the next SYNC_EV_CHANGED. */
void
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
void
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
		engine_remote_flush(e, ev);
		msgq_push(e->events, ev);
	} else
		engine_remote_flush(e, NULL);
	e->nchanged = 0;
}

/* Publishes the status (a copy) and records it in the cache. */
void
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
	/*
	 * A cycle's own state is recorded once it has run a second (a long
	 * first import, a slow org), so `status` and the other windows see
	 * it; a short cycle writes nothing until it ends.
	 */
	if ((e->st.state == SYNC_RUNNING || e->st.state == SYNC_FIRST) &&
	    now_ms() - e->cycle_ms < 1000)
		return;
	/* Written only when it changed: an idle engine does not write. */
	snprintf(buf, sizeof buf, "%d/%lld/%lld/%ld/%ld/%.40s", (int)e->st.state,
	    (long long)e->st.last_success_ms, (long long)e->st.retry_at_ms,
	    e->st.api_used, e->st.api_max, e->st.stream);
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
	ss_state_set(e->ss, "sync.streaming", e->st.stream, &cause);
	if (ss_commit(e->ss, &cause) != 0)
		free(cause);
	free(cause);
}

/* Sets the state and message (copied) and publishes. */
void
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
	/* C12: our writes name us in their change events' changeOrigin. */
	snprintf(e->stream_client, sizeof e->stream_client, "taskdeck%08x",
	    engine_random());
	e->call_options = xasprintf("Sforce-Call-Options: client=%s",
	    e->stream_client);
	e->rest->call_options = e->call_options;
	if (ss_state_get(e->ss, "sync.offset", &x, cause) == 0 && x != NULL) {
		e->rest->offset_ms = strtoll(x, NULL, 10);
		e->rest->have_offset = 1;
	}
	free(x);
	e->st.last_success_ms = ss_state_int(e->ss, "sync.last_success", 0);
	e->stream_seen = -1;		/* no change event seen (C12) */
	/* The first status, before any cycle: one starts at once if on. */
	e->st.state = config_bool(e->cfg, "sync.enabled") ? SYNC_RUNNING :
	    SYNC_OFF;
	return (e);
}

static void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	engine_stream_stop(e);
	store_sync_free(e->ss);
	sf_rest_free(e->rest);
	config_free(e->cfg);
	free(e->cache_path);
	free(e->config_path);
	free(e->cred_path);
	free(e->changed);
	engine_remote_free(e);
	free(e->st.message);
	free(e->saved);
	free(e->call_options);
	free(e->org_types);
	free(e);
}

/* Now on Salesforce's clock (the outbox's retry times use it too). */
int64_t
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
uint32_t
engine_random(void)
{
	uint32_t	r = 0;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != sizeof r)
		r = (uint32_t)now_ms();
	return (r);
}

/*
 * Checks the status and priority settings against the org's values the
 * last login read (F2, F3): a value the org does not have would fail every
 * push that carries it.  0, or -1 with *cause naming file, line and key.
 */
static int
engine_check_org(struct engine *e, char **cause)
{
	char	*st = NULL, *pr = NULL, *why = NULL;
	int	 rc;

	(void)ss_state_get(e->ss, sync_org_cache_key("TaskStatus"), &st, &why);
	free(why);
	why = NULL;
	(void)ss_state_get(e->ss, sync_org_cache_key("TaskPriority"), &pr,
	    &why);
	free(why);
	rc = sync_org_check(e->cfg, e->config_path, st, pr, cause);
	free(st);
	free(pr);
	return (rc);
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
	int64_t		 wait, covered = e->stream_seen;
	long		 poll;

	*cause = NULL;
	if (engine_config(e, cause) != 0) {
		/*
		 * Before a first cycle ran: off.  Either way the file is
		 * read again in 5 s, never in a tight loop.
		 */
		e->next_poll_ms = now_ms() + 5000;
		engine_set(e, e->st.state == SYNC_RUNNING ? SYNC_OFF :
		    e->st.state, *cause);
		return (SF_EFATAL);
	}
	if (!config_bool(e->cfg, "sync.enabled")) {
		engine_set(e, SYNC_OFF, NULL);
		return (SF_OK);
	}
	if (engine_check_org(e, cause) != 0) {
		/* Nothing is sent; the file is read again in a minute. */
		e->st.retry_at_ms = e->next_poll_ms = now_ms() + 60000;
		engine_set(e, SYNC_BACKOFF, *cause);
		return (SF_EFATAL);
	}
	if (ss_state_int(e->ss, "sync.t0", 0) == 0) {
		if (ss_begin(e->ss, cause) != 0)
			return (SF_EFATAL);
		ss_state_set_int(e->ss, "sync.t0", now_ms(), cause);
		if (e->rest->have_offset)
			ss_state_set_int(e->ss, SYNC_ORG_T0_SF, engine_now(e),
			    cause);
		if (ss_commit(e->ss, cause) != 0)
			return (SF_EFATAL);
	}
	e->cycle_ms = now_ms();
	engine_set(e, SYNC_RUNNING, NULL);
	err = SF_OK;
	if (e->rest->cred.access_token == NULL || e->rest->cred.user_id == NULL)
		err = sf_rest_connect(e->rest, &why);
	/*
	 * Pull before push: a Salesforce change made since the last poll is
	 * merged (and may win, C4) before a local change could overwrite it.
	 */
	if (err == SF_OK)
		err = engine_type_org(e, &why);
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
	/* Subscribed (C12): the safety poll; events bring the rest. */
	poll = engine_stream_poll(e, poll,
	    config_long(e->cfg, "sync.poll_interval"));
	switch (err) {
	case SF_OK:
		engine_stream_done(e, covered);
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
	engine_stream_update(e);
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
	struct pollfd	 pfd[4];
	int64_t		 now, wake, next_try, dv, seen_dv = -1, looked = 0;
	int64_t		 started = 0;
	int		 quit = 0, force, local, woken, asked, held = 0, saved = 0;
	int		 by_save;

	engine_status(e);
	e->next_poll_ms = 0;
	while (!quit) {
		now = now_ms();
		wake = e->next_poll_ms - now;
		if (wake > SYNC_LOOK_MS || wake < 0)
			wake = wake < 0 ? 0 : SYNC_LOOK_MS;
		/* A held save: wake when its hold ends (never a busy loop). */
		if (held && started + SYNC_HOLD_MS > now &&
		    started + SYNC_HOLD_MS - now < wake)
			wake = started + SYNC_HOLD_MS - now;
		pfd[0].fd = msgq_fd(s->cmds);
		pfd[0].events = POLLIN;
		pfd[1].fd = s->wake_fd;		/* -1: poll ignores it */
		pfd[1].events = POLLIN;
		pfd[2].fd = engine_stream_fd(e);	/* C12 */
		pfd[2].events = POLLIN;
		pfd[3].fd = msgq_fd(s->people);
		pfd[3].events = POLLIN;
		(void)poll(pfd, 4, (int)wake);
		woken = wake_drain(s->wake_fd, &asked) > 0;
		/* `r` in another process (C11) is our own `r`. */
		force = asked;
		local = by_save = 0;
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
		engine_people_serve(e, s->people);	/* F14 */
		/* A change event: the normal cycle, unless backing off. */
		if (engine_stream_take(e) && e->st.state != SYNC_BACKOFF &&
		    e->st.state != SYNC_LOGIN_NEEDED)
			force = 1;
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
			 * Between polls only a due outbox entry starts a
			 * cycle (never while off: S5).  The outbox is read
			 * on a local change, on a wake-up if data_version
			 * says another connection committed (a stray
			 * datagram costs no more than that look), and at
			 * least once a second, for a retry time coming due
			 * or a writer that sent no wake-up.  A local change
			 * whose entry a woken cycle already sent starts no
			 * second cycle.  A due entry found within
			 * SYNC_HOLD_MS of the start of a cycle a save
			 * started is held until then, so a burst shares one
			 * cycle; the pull still precedes its push (C4).
			 */
			if (e->st.state == SYNC_OFF)
				continue;
			if (woken && ((dv = ss_data_version(e->ss)) !=
			    seen_dv || dv == -1)) {
				seen_dv = dv;
				local = 1;
			}
			if (!local && !held && now - looked < SYNC_LOOK_MS)
				continue;
			looked = now;
			next_try = ss_next_try(e->ss);
			held = 0;
			if (ss_pending(e->ss) == 0 || next_try > engine_now(e))
				continue;
			if (saved && now - started < SYNC_HOLD_MS) {
				held = 1;
				continue;
			}
			by_save = 1;
		}
		held = 0;
		saved = by_save;
		started = now_ms();
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
	s->wake_fd = -1;
	if ((s->e = engine_new(cache_path, config_path, cause)) == NULL) {
		sync_unlock(fd);
		free(s);
		return (NULL);
	}
	s->cmds = msgq_new();
	s->events = msgq_new();
	s->people = msgq_new();
	s->e->events = s->events;
	s->wake_fd = wake_listen(cache_path);	/* best effort */
	sf_http_cancel_on(s->e->rest->http, &s->cancel);
	if (pthread_create(&s->thread, NULL, sync_main, s) != 0) {
		*cause = xstrdup(_("cannot start the sync thread"));
		wake_close(s->wake_fd, cache_path);
		engine_free(s->e);
		msgq_free(s->cmds, free);
		msgq_free(s->events, NULL);
		msgq_free(s->people, engine_people_free);
		sync_unlock(fd);
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
	wake_close(s->wake_fd, s->e->cache_path);	/* before the lock goes */
	engine_free(s->e);
	msgq_free(s->cmds, free);
	msgq_free(s->events, (void (*)(void *))sync_event_free);
	msgq_free(s->people, engine_people_free);
	sync_unlock(s->lock_fd);
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
	while (ev->nremote > 0)
		free(ev->remote[--ev->nremote].name);
	free(ev->remote);
	free(ev->status.message);
	free(ev->people_needle);
	free(ev->people_error);
	free(ev);
}

void
sync_people_search(struct sync *s, const char *needle, int who)
{
	if (s != NULL)
		engine_people_push(s->people, needle, who);
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
		sync_unlock(fd);
		return (-1);
	}
	err = engine_cycle(e, cause);
	if (err == SF_OK && e->st.state == SYNC_OFF) {
		*cause = xstrdup(_("sync is off (run 'taskdeck sync "
		    "--enable')"));
		err = SF_EFATAL;
	}
	if (st != NULL) {
		*st = e->st;
		st->message = e->st.message != NULL ? xstrdup(e->st.message) :
		    NULL;
	}
	engine_free(e);
	sync_unlock(fd);
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
	if (paths_make_parent(cache_path, cause) != 0 ||
	    (ss = store_sync_open_read(cache_path, cause)) == NULL)
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
	if (ss_state_get(ss, "sync.streaming", &v, cause) == 0 && v != NULL)
		snprintf(st->stream, sizeof st->stream, "%s", v);
	free(v);
	v = NULL;
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
