/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine's push: the outbox collapsed into creates, updates and
 * deletes, sent in composite collections (C3, C7, C8), with the recovery
 * of creates whose answer was lost - the lookup (in the recycle bin too:
 * C2), the adoption, the settle window and the deletion of second copies
 * that make a create land once (C6).  See the DESIGN block in sync.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "log.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync-merge.h"
#include "xmalloc.h"

/* What a lookup of an unanswered create found (C6, C2). */
struct engine_found {
	struct sf_task	 task;		/* the task to adopt, or deleted */
	int		 got;		/* 0 none, 1 live, 2 only deleted */
	char		**copies;	/* live second copies to delete */
	size_t		 ncopies;
};

static void
engine_found_release(struct engine_found *f)
{
	size_t	i;

	if (f->got != 0)
		sf_task_release(&f->task);
	for (i = 0; i < f->ncopies; i++)
		free(f->copies[i]);
	free(f->copies);
	memset(f, 0, sizeof *f);
}

/*
 * 1 if t carries exactly the values r's create sent (ss_attempt_create
 * kept them as the base), not r's later edits.
 */
static int
engine_as_sent(const struct ss_row *r, const struct sf_task *t)
{
	return (t->due == (r->base_subject != NULL ? r->base_due : r->due) &&
	    engine_streq(t->description, r->base_subject != NULL ?
	    r->base_details : r->details));
}

/*
 * 1 if t may be the task r's create made: no reminder holds it, and
 * without the field no other reminder's unanswered create sent exactly
 * its values (a task edited since is r's only if it is nobody else's).
 */
static int
engine_candidate(struct engine *e, const struct ss_row *r,
    const struct sf_task *t)
{
	struct ss_row	 o;
	char		*cause = NULL;
	int		 rc, mine = 1;

	if (ss_known_sf(e->ss, t->id))
		return (0);
	if (e->extfield != NULL || engine_as_sent(r, t))
		return (1);
	memset(&o, 0, sizeof o);
	rc = ss_find_unanswered(e->ss, t->subject, t->due, t->description,
	    &o, &cause);
	if (rc == 0) {
		mine = o.id == r->id;
		ss_row_release(&o);
	}
	free(cause);
	return (mine);
}

/*
 * Finds the Task an unanswered create made (C6), in the recycle bin too
 * (queryAll: C2).  With an external-Id field, the task that holds the
 * reminder's client key.  Without it: created by this user since the
 * reminder was made, with the subject the create sent, that no reminder
 * holds; the due date and description need not match, since a colleague
 * or an org flow may have edited the task before we saw it, but a task
 * with exactly the values sent comes first, and one that differs must
 * have been made after the reminder.  A deleted task counts only with
 * exactly the values sent.  Among live candidates the earliest created is
 * kept; every later one with exactly the values sent, created within the
 * attempt window (up to the end of the last attempt's settle window), is
 * a second copy of the same create (a proxy's retry, a request applied
 * past its limit) and goes to f->copies - unless another reminder's
 * unanswered create sent the same values, whose task it may be.  f->got
 * is 2 if the only match is deleted.
 */
static enum sf_err
engine_find_create(struct engine *e, const struct ss_row *r,
    struct engine_found *f, char **cause)
{
	struct sf_page	 pg;
	enum sf_err	 err;
	char		*subject, *qs, *me, *extra, *q, ts[32];
	size_t		 i, keep = SIZE_MAX, del = SIZE_MAX;
	int64_t		 made;
	int		 exact, kexact = 0, twins;

	memset(f, 0, sizeof *f);
	/*
	 * When the reminder was made, on Salesforce's clock: by today's
	 * offset, or by the offset of the last attempt (its settle window
	 * was set on Salesforce's clock then), whichever is earlier, so a
	 * clock that moved since cannot hide the task.
	 */
	made = sf_rest_server_ms(e->rest, r->created_ms);
	if (r->next_try_ms > 0 && r->next_try_ms - e->settle_ms < made)
		made = r->next_try_ms - e->settle_ms;
	/* What the lost create sent (ss_attempt_create), not later edits. */
	subject = r->base_subject != NULL ? xstrdup(r->base_subject) :
	    merge_subject(e->tmpl, r->name, r->type);
	if (e->extfield != NULL) {
		/* Exact: only our create carries this client key. */
		qs = sfjson_soql_quote(r->client_key);
		extra = xasprintf(" AND %s = %s", e->extfield, qs);
	} else {
		qs = sfjson_soql_quote(subject);
		me = sfjson_soql_quote(e->rest->cred.user_id != NULL ?
		    e->rest->cred.user_id : "");
		sfjson_soql_datetime(made - SYNC_OVERLAP_MS, ts);
		extra = xasprintf(" AND Subject = %s AND CreatedById = %s AND "
		    "CreatedDate >= %s", qs, me, ts);
		free(me);
	}
	q = engine_soql(e, -1, extra);
	err = sf_rest_query(e->rest, q, 1, e->extfield, &pg, cause);
	free(q);
	free(extra);
	free(qs);
	free(subject);
	if (err != SF_OK)
		return (err);
	for (i = 0; i < pg.n; i++) {
		if (!engine_candidate(e, r, &pg.v[i]))
			continue;
		exact = e->extfield != NULL || engine_as_sent(r, &pg.v[i]);
		/*
		 * Taking a task that is not exactly as sent, or a deleted one
		 * (which removes the reminder), needs it made after the
		 * reminder, not within the lookup's 5-minute margin.
		 */
		if (e->extfield == NULL && (!exact || pg.v[i].is_deleted) &&
		    pg.v[i].created_ms < made - SYNC_CREATE_SLACK_MS)
			continue;
		if (pg.v[i].is_deleted) {
			if (exact && del == SIZE_MAX)
				del = i;
			continue;
		}
		if (keep == SIZE_MAX || (exact && !kexact) ||
		    (exact == kexact && pg.v[i].created_ms <
		    pg.v[keep].created_ms)) {
			keep = i;
			kexact = exact;
		}
	}
	if (keep != SIZE_MAX) {
		f->got = 1;
		twins = e->extfield != NULL || !kexact ? 0 :
		    ss_count_unanswered(e->ss, pg.v[keep].subject,
		    pg.v[keep].due, pg.v[keep].description);
		for (i = 0; twins == 1 && i < pg.n; i++) {
			if (i == keep || pg.v[i].is_deleted ||
			    !engine_as_sent(r, &pg.v[i]) ||
			    !engine_candidate(e, r, &pg.v[i]) ||
			    (r->next_try_ms > 0 &&
			    pg.v[i].created_ms > r->next_try_ms))
				continue;
			f->copies = xreallocarray(f->copies, f->ncopies + 1,
			    sizeof *f->copies);
			f->copies[f->ncopies++] = xstrdup(pg.v[i].id);
		}
	} else if (del != SIZE_MAX) {
		f->got = 2;
		keep = del;
	}
	if (f->got != 0) {
		/* Take the record out of the page. */
		f->task = pg.v[keep];
		memset(&pg.v[keep], 0, sizeof pg.v[keep]);
	}
	sfjson_page_release(&pg);
	return (SF_OK);
}

/*
 * Deletes in Salesforce the second copies of reminder r's create that
 * the lookup found (C6), each logged.  A copy already gone is fine; one
 * Salesforce refuses to delete is logged and left.
 */
static enum sf_err
engine_del_copies(struct engine *e, const struct ss_row *r,
    const struct engine_found *f, char **cause)
{
	struct sf_write		*w;
	struct sf_result	*res;
	enum sf_err		 err;
	size_t			 i;

	if (f->ncopies == 0)
		return (SF_OK);
	w = xcalloc(f->ncopies, sizeof *w);
	for (i = 0; i < f->ncopies; i++)
		w[i].id = f->copies[i];
	err = sf_rest_collection(e->rest, "DELETE", w, f->ncopies, 0, NULL,
	    &res, cause);
	free(w);
	if (err != SF_OK)
		return (err);
	for (i = 0; i < f->ncopies; i++) {
		if (res[i].success || (res[i].message != NULL &&
		    strncmp(res[i].message, "ENTITY_IS_DELETED", 17) == 0))
			log_warn("sync: deleted task %s in salesforce: a second "
			    "copy of the create of reminder %lld (kept %s)",
			    f->copies[i], (long long)r->id, f->task.id);
		else
			log_warn("sync: task %s, a second copy of the create of "
			    "reminder %lld, could not be deleted: %s",
			    f->copies[i], (long long)r->id, res[i].message);
	}
	sfjson_results_free(res, f->ncopies);
	return (SF_OK);
}

/* What one collapsed outbox row becomes. */
struct engine_op {
	struct ss_row	*row;
	struct sf_write	 w;
	char		*subject;
	const char	*type_sf;	/* engine_type_write */
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

static enum sf_err engine_recover(struct engine *, struct ss_row *, int *,
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
	int		 give_up, gone;

	if ((err = engine_recover(e, r, &gone, cause)) != SF_OK)
		return (err);
	engine_changed(e, r->id);
	if (r->sf_id != NULL || gone)
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

/*
 * The resent creates whose earlier attempts may still bring a second
 * copy (C6): setting c6.copies, one line "client-key from to" each, the
 * window on Salesforce's clock in which such a copy would be created.
 */
#define ENGINE_COPIES	"c6.copies"

/*
 * Reminder r's create was answered after an earlier attempt's answer was
 * lost and the lookup found nothing: Salesforce should not apply that
 * attempt any more, but if it does (past its request limit, or a proxy
 * replays it), the copy is created between the reminder's making and one
 * settle window from now.  Remembered so that the next cycles delete it
 * (engine_sweep_copies).  Inside the caller's transaction.
 */
static int
engine_watch_copies(struct engine *e, const struct ss_row *r, char **cause)
{
	char	*old = NULL, *v;
	int64_t	 from, to;
	int	 rc;

	from = sf_rest_server_ms(e->rest, r->created_ms);
	if (r->next_try_ms > 0 && r->next_try_ms - e->settle_ms < from)
		from = r->next_try_ms - e->settle_ms;
	from -= SYNC_CREATE_SLACK_MS;
	to = engine_now(e) + e->settle_ms + SYNC_CREATE_SLACK_MS;
	if (ss_state_get(e->ss, ENGINE_COPIES, &old, cause) != 0)
		return (-1);
	v = xasprintf("%s%s %lld %lld\n", old != NULL ? old : "",
	    r->client_key, (long long)from, (long long)to);
	rc = ss_state_set(e->ss, ENGINE_COPIES, v, cause);
	free(old);
	free(v);
	return (rc);
}

/*
 * Deletes the second copies of resent reminder r's create made in
 * [from, to] (C6): tasks by this user with exactly the values r has in
 * Salesforce (its base), that no reminder holds and no unanswered create
 * with the same values may have made.
 */
static enum sf_err
engine_sweep_one(struct engine *e, const struct ss_row *r, int64_t from,
    int64_t to, char **cause)
{
	struct engine_found	 f;
	struct sf_page		 pg;
	enum sf_err		 err;
	char			*qs, *me, *extra, *q, t0[32], t1[32];
	size_t			 i;

	qs = sfjson_soql_quote(r->base_subject != NULL ? r->base_subject : "");
	me = sfjson_soql_quote(e->rest->cred.user_id != NULL ?
	    e->rest->cred.user_id : "");
	sfjson_soql_datetime(from, t0);
	sfjson_soql_datetime(to, t1);
	extra = xasprintf(" AND Subject = %s AND CreatedById = %s AND "
	    "CreatedDate >= %s AND CreatedDate <= %s", qs, me, t0, t1);
	q = engine_soql(e, -1, extra);
	err = sf_rest_query(e->rest, q, 0, NULL, &pg, cause);
	free(q);
	free(extra);
	free(me);
	free(qs);
	if (err != SF_OK)
		return (err);
	memset(&f, 0, sizeof f);
	for (i = 0; i < pg.n; i++) {
		/* Not a task an unanswered create with its values may own. */
		if (pg.v[i].is_deleted || ss_known_sf(e->ss, pg.v[i].id) ||
		    !engine_as_sent(r, &pg.v[i]) || ss_count_unanswered(e->ss,
		    pg.v[i].subject, pg.v[i].due, pg.v[i].description) != 0)
			continue;
		f.copies = xreallocarray(f.copies, f.ncopies + 1,
		    sizeof *f.copies);
		f.copies[f.ncopies++] = xstrdup(pg.v[i].id);
	}
	sfjson_page_release(&pg);
	f.task.id = r->sf_id;
	err = engine_del_copies(e, r, &f, cause);
	f.task.id = NULL;
	engine_found_release(&f);
	return (err);
}

/*
 * At the start of a cycle, before the pull could import one: deletes the
 * second copies a resent create's earlier attempts made after all, for
 * as long as one may still appear (engine_watch_copies), then forgets
 * the window.
 */
static enum sf_err
engine_sweep_copies(struct engine *e, char **cause)
{
	struct ss_row	 r;
	enum sf_err	 err = SF_OK;
	char		*list = NULL, *orig, *keep, *k2, *line, *next, key[64];
	long long	 from, to;
	int		 rc;

	if (ss_state_get(e->ss, ENGINE_COPIES, &list, cause) != 0)
		return (SF_EFATAL);
	if (list == NULL)
		return (SF_OK);
	orig = xstrdup(list);
	keep = xstrdup("");
	for (line = list; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (sscanf(line, "%63s %lld %lld", key, &from, &to) != 3)
			continue;
		if (err == SF_OK) {
			if (to + SYNC_OVERLAP_MS < engine_now(e))
				continue;	/* no copy can come any more */
			memset(&r, 0, sizeof r);
			if ((rc = ss_find_key(e->ss, key, &r, cause)) == 1)
				continue;	/* the reminder is gone */
			if (rc < 0)
				err = SF_EFATAL;
			else if (r.sf_id != NULL)
				err = engine_sweep_one(e, &r, from, to, cause);
			if (rc == 0)
				ss_row_release(&r);
		}
		k2 = xasprintf("%s%s\n", keep, line);
		free(keep);
		keep = k2;
	}
	free(list);
	rc = 0;
	if (strcmp(keep, orig) != 0) {
		rc = ss_begin(e->ss, cause);
		if (rc == 0)
			rc = ss_state_set(e->ss, ENGINE_COPIES, *keep != '\0' ?
			    keep : NULL, cause);
		if (rc == 0)
			rc = ss_commit(e->ss, cause);
		else
			ss_rollback(e->ss);
	}
	free(keep);
	free(orig);
	return (rc != 0 ? SF_EFATAL : err);
}

/*
 * An update or delete refused INVALID_CROSS_REFERENCE_KEY may be of a task
 * that was deleted and purged from the recycle bin before the pull could
 * see the delete (S6): a retrieve answering 404 confirms it, and the
 * result then reads as ENTITY_IS_DELETED, so the delete wins (C2, C4)
 * instead of a push refused for ever.  Network errors leave it as it is.
 */
static void
engine_confirm_purged(struct engine *e, struct engine_op *ops, size_t n,
    struct sf_result *res)
{
	struct sf_resp	 resp;
	char		*path, *why = NULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (res[i].success || res[i].message == NULL ||
		    ops[i].row->sf_id == NULL || strncmp(res[i].message,
		    "INVALID_CROSS_REFERENCE_KEY", 27) != 0)
			continue;
		path = xasprintf("/services/data/" SF_API_VERSION
		    "/sobjects/Task/%s?fields=Id", ops[i].row->sf_id);
		sf_resp_init(&resp);
		if (sf_rest_call(e->rest, "GET", path, NULL, &resp,
		    &why) != SF_OK && resp.status == 404) {
			log_warn("sync: task %s is gone from salesforce "
			    "(purged from the recycle bin)", ops[i].row->sf_id);
			free(res[i].message);
			res[i].message = xstrdup("ENTITY_IS_DELETED: purged "
			    "from the recycle bin");
		}
		sf_resp_release(&resp);
		free(why);
		why = NULL;
		free(path);
	}
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
			if (rc == 0)
				rc = ss_link_pushed(e->ss, r, ops[i].w.mask,
				    cause);
			if (rc == 0 && (ops[i].w.mask & TASK_F_TYPE))
				rc = ss_type_pushed(e->ss, r, ops[i].type_sf,
				    cause);
			if (rc == 0 && create && r->attempts > 0 &&
			    e->extfield == NULL)
				rc = engine_watch_copies(e, r, cause);
			continue;
		}
		if (!create && !del && res[i].message != NULL &&
		    strncmp(res[i].message, "ENTITY_IS_DELETED", 17) == 0) {
			/* Edit against delete: the delete wins (C4). */
			rc = engine_conflict(e, r, "record", NULL, r->name,
			    "local", N_("deleted in salesforce"), cause);
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
    size_t *live, char **cause)
{
	struct engine_op	 tmp;
	struct sf_write		*w;
	int64_t			 settle;
	size_t			 k, j;
	int			 rc = 0, q;

	settle = e->settle_ms > 0 ? engine_now(e) + e->settle_ms : 0;
	if (ss_begin(e->ss, cause) != 0)
		return (-1);
	/*
	 * The batch was read before this transaction: a reminder deleted
	 * since (its create never attempted, so its row went at once) must
	 * not be sent (C2).  Live ops keep their order at the front.
	 */
	for (k = j = 0; k < n && rc == 0; k++) {
		if ((q = ss_queued(e->ss, ops[k].row, cause)) < 0)
			rc = -1;
		else if (q == 1) {
			tmp = ops[j];
			ops[j++] = ops[k];
			ops[k] = tmp;
		} else
			log_info("sync: reminder %lld went while its push was "
			    "prepared: not sent", (long long)ops[k].row->id);
	}
	*live = j;
	n = j;
	for (k = 0; k < n && rc == 0; k++) {
		w = &ops[k].w;
		rc = create ? ss_attempt_create(e->ss, ops[k].row, w->subject,
		    w->status, w->priority, w->due, w->description, cause) :
		    ss_attempt_update(e->ss, ops[k].row, w->mask, w->subject,
		    w->status, w->priority, w->due, w->description, cause);
		if (rc == 0)
			rc = ss_link_attempt(e->ss, ops[k].row, w->mask, create,
			    cause);
		if (rc == 0 && (create || (w->mask & TASK_F_TYPE)))
			rc = ss_type_attempt(e->ss, ops[k].row, create,
			    ops[k].type_sf, cause);
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
	size_t			 i, k, m, chunk;

	for (i = 0; i < n; i += chunk) {
		chunk = m = n - i > SF_COLLECTION_MAX ? SF_COLLECTION_MAX :
		    n - i;
		if (!del && engine_attempt(e, ops + i, chunk, create, &m,
		    cause) != 0)
			return (SF_EFATAL);
		if (m == 0)
			continue;
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
		if (!create)
			engine_confirm_purged(e, ops + i, m, res);
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
	op->subject = merge_subject(e->tmpl, r->name, r->type);
	op->w.id = r->sf_id;
	op->w.mask = mask;
	op->w.subject = op->subject;
	op->w.status = merge_status_to_sf(&e->map, r->status);
	op->w.priority = merge_priority_to_sf(&e->map, r->priority);
	op->w.due = r->due;
	op->w.description = r->details;
	op->w.extfield = e->extfield;
	op->w.extkey = r->client_key;
	op->w.who_id = r->who_id;
	op->w.what_id = r->what_id;
	if (mask & TASK_F_TYPE)
		op->type_sf = engine_type_write(e, r, r->sf_id == NULL &&
		    (mask & TASK_F_ALL) == TASK_F_ALL, &op->w);
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
int
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

/*
 * Resolves an unanswered create before it is retried (C6): adopts the
 * task it made, after deleting any second copy; or, if that task was
 * deleted in Salesforce (found in the recycle bin), removes the reminder
 * as an SF delete does (C2), logged, so that no resend brings it back.
 * *gone is set then.
 */
static enum sf_err
engine_recover(struct engine *e, struct ss_row *r, int *gone, char **cause)
{
	struct engine_found	 f;
	enum sf_err		 err;
	int			 rc;

	*gone = 0;
	if ((err = engine_find_create(e, r, &f, cause)) != SF_OK)
		return (err);
	if (f.got == 0)
		return (SF_OK);
	if ((err = engine_del_copies(e, r, &f, cause)) != SF_OK) {
		engine_found_release(&f);
		return (err);
	}
	rc = ss_begin(e->ss, cause);
	if (rc == 0 && f.got == 1)
		rc = engine_adopt(e, r, &f.task, cause);
	else if (rc == 0) {
		log_info("sync: the task an unanswered create made for "
		    "reminder %lld was deleted in salesforce", (long long)r->id);
		rc = r->deleted ? 0 : engine_conflict(e, r, "record", NULL,
		    r->name, "local", N_("deleted in salesforce"), cause);
		if (rc == 0)
			rc = ss_remove(e->ss, r->id, cause);
		engine_changed(e, r->id);
		*gone = 1;
	}
	if (rc == 0)
		rc = ss_commit(e->ss, cause);
	else
		ss_rollback(e->ss);
	engine_found_release(&f);
	return (rc == 0 ? SF_OK : SF_EFATAL);
}

/*
 * Before a pull, finds what every unanswered create made, so the pull
 * never imports our own task as a second reminder (C6).
 */
enum sf_err
engine_recover_all(struct engine *e, char **cause)
{
	struct ss_row	*rows;
	size_t		 n, i;
	enum sf_err	 err = SF_OK;
	int		 gone;

	if ((err = engine_sweep_copies(e, cause)) != SF_OK)
		return (err);
	if (ss_outbox(e->ss, INT64_MAX, SYNC_BATCH_ROWS, &rows, &n,
	    cause) != 0)
		return (SF_EFATAL);
	for (i = 0; i < n; i++) {
		/*
		 * Also while the create settles: a task found is conclusive
		 * (nothing found is not, and the push does not resend before
		 * the window ends).
		 */
		if (err == SF_OK && rows[i].sf_id == NULL &&
		    rows[i].attempts > 0)
			err = engine_recover(e, &rows[i], &gone, cause);
		ss_row_release(&rows[i]);
	}
	free(rows);
	return (err);
}

/* Pushes every due outbox entry (C1, C3, C6, C7, C8). */
enum sf_err
engine_push(struct engine *e, char **cause)
{
	struct ss_row		*rows;
	struct engine_op	*cr, *up, *de;
	size_t			 n, i, ncr, nup, nde;
	unsigned		 mask;
	enum sf_err		 err = SF_OK;
	int			 round, gone = 0;

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

			gone = 0;
			if (r->sf_id == NULL && r->attempts > 0 &&
			    (err = engine_recover(e, r, &gone, cause)) != SF_OK)
				break;
			if (gone)
				continue;
			if (r->deleted || r->op_delete) {
				r->op_delete = 1;
				if (r->sf_id != NULL)
					engine_op(e, &de[nde++], r, 0);
				else
					engine_op(e, &up[nup++], r, 0);
				continue;
			}
			if (r->sf_id == NULL) {
				engine_op(e, &cr[ncr++], r, TASK_F_ALL |
				    TASK_F_LINKS);
				continue;
			}
			/* Net changes only: not a field edited back (F2). */
			mask = r->pending & (ss_changed(r) |
			    ss_link_changed(r));
			if (!merge_pushes_name(e->tmpl))
				mask &= ~TASK_F_NAME;
			/* Under {{activity_type}} the Subject follows (F10). */
			if ((mask & TASK_F_TYPE) && merge_pushes_type(e->tmpl))
				mask |= TASK_F_NAME;
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
				/* A type the org cannot hold stays here (F9). */
				if (((up[i].w.mask & ~TASK_F_TYPE) != 0 ||
				    up[i].type_sf != NULL) &&
				    !up[i].row->op_delete)
					real[nreal++] = up[i];
				else if (ss_pushed(e->ss, up[i].row,
				    up[i].row->sf_id, 0, NULL, NULL, NULL,
				    DATE_NONE, NULL, cause) != 0 ||
				    ((up[i].w.mask & TASK_F_TYPE) &&
				    ss_type_pushed(e->ss, up[i].row, NULL,
				    cause) != 0))
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
