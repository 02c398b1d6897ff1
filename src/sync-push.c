/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine's push: the outbox collapsed into creates, updates and
 * deletes, sent in composite collections (C3, C7, C8), with the recovery
 * of creates whose answer was lost - the lookup, the adoption and the
 * settle window that make a create land once (C6).  See the DESIGN block
 * in sync.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "log.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync-merge.h"
#include "xmalloc.h"

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
enum sf_err
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
enum sf_err
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
			/* Net changes only: not a field edited back (F2). */
			mask = r->pending & ss_changed(r);
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
