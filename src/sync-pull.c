/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine's pull: one queryAll from the cursor, page by page, each
 * record merged field by field against the merge base and applied with
 * its page's cursor in one transaction (C3-C5); the first import (S2, S4)
 * and the full reconciliation that infers deletions (S6).  Also the pieces
 * of the merge the push reuses when it adopts a Task.  See the DESIGN
 * block in sync.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "i18n.h"
#include "log.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync-merge.h"
#include "sync-org.h"
#include "utf8.h"
#include "xmalloc.h"

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
int
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

/* The five synced fields, in TASK_F_* order. */
static const unsigned engine_bits[5] = { TASK_F_NAME, TASK_F_STATUS,
    TASK_F_PRIORITY, TASK_F_DUE, TASK_F_DETAILS };

/*
 * Why an SF task is out of the rep's scope (F7), or NULL if it is in
 * scope: "reassigned" (another owner), or the reason as the conflict log
 * words it.
 */
static const char *
engine_scope_exit(struct engine *e, const struct sf_task *t)
{
	if (t->owner_id != NULL && e->rest->cred.user_id != NULL &&
	    strcmp(t->owner_id, e->rest->cred.user_id) != 0)
		return ("reassigned");
	/*
	 * Conflict reasons are stored in English (conflicts --json) and
	 * translated where shown: N_ here.
	 */
	if (t->is_recurrence)
		/* TRANSLATORS: why a reminder left (`taskdeck conflicts`). */
		return (N_("made recurring in salesforce"));
	if (t->subtype != NULL && (strcmp(t->subtype, "Email") == 0 ||
	    strcmp(t->subtype, "ListEmail") == 0))
		/* TRANSLATORS: why a reminder left (`taskdeck conflicts`). */
		return (N_("turned into a logged e-mail in salesforce"));
	return (NULL);
}

/* 1 if an SF task is in scope (F7): mine, not recurring, not an e-mail. */
static int
engine_in_scope(struct engine *e, const struct sf_task *t)
{
	return (engine_scope_exit(e, t) == NULL);
}

/* Logs one conflict; lost is the discarded value. */
int
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

/* Why the local value of field bit beat Salesforce's (decision d). */
static const char *
engine_why_local(enum merge_decision d, unsigned bit)
{
	/*
	 * TRANSLATORS: why a value was lost in a sync conflict (`taskdeck
	 * conflicts`, the UI's conflict list); F2, F3, F6 are rule ids.
	 */
	if (d == MERGE_LOCAL_WINS)
		return (N_("changed later here"));
	switch (bit) {
	case TASK_F_NAME:
		return (N_("changed later in salesforce, but a subject never "
		    "renames a reminder (F6): local name sent"));
	case TASK_F_STATUS:
		return (N_("changed later in salesforce to a status that does "
		    "not map (F2): local status sent"));
	default:
		return (N_("changed later in salesforce to a priority that "
		    "does not map (F3): local priority sent"));
	}
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
		subject = merge_subject(e->tmpl, r->name, r->type);
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

/*
 * Removes reminder r because Salesforce's side won over it: each local
 * value in fields, and the record itself if record is set, goes to the
 * conflict log with why first (C4, F7).
 */
static int
engine_drop(struct engine *e, struct ss_row *r, unsigned fields, int record,
    const char *why, char **cause)
{
	char	*lv;
	int	 i, rc;

	for (i = 0; i < 5; i++) {
		if (!(fields & engine_bits[i]))
			continue;
		lv = engine_value(engine_bits[i], r);
		rc = engine_conflict(e, r, engine_field_name(engine_bits[i]),
		    NULL, lv, "local", why, cause);
		free(lv);
		if (rc != 0)
			return (rc);
	}
	if ((rc = engine_link_lost(e, r, fields, why, cause)) != 0)
		return (rc);
	rc = record ? engine_conflict(e, r, "record", NULL, r->name, "local",
	    why, cause) : 0;
	if (rc == 0)
		rc = ss_remove(e->ss, r->id, cause);
	engine_changed(e, r->id);
	return (rc);
}

/* Merges one pulled record into an existing reminder r (C3, C4, C5). */
int
engine_merge(struct engine *e, struct ss_row *r, const struct sf_task *t,
    char **cause)
{
	const unsigned		*bits = engine_bits;
	struct merge_field	 f;
	struct ss_row		 v;
	enum merge_decision	 d;
	unsigned		 take = 0, drop = 0, dirty, ltake, ldrop;
	char			*lv, *rv, due[DATE_BUFSZ];
	int			 i, maps, rc = 0;

	engine_remote_row(e, t, &v);
	/*
	 * A field edited back to its synced value is no change (F2, C3).  A
	 * create found here sent every field; those edited since (or all,
	 * if what it sent is not known) are the local changes.
	 */
	dirty = (r->op_create ? TASK_F_ALL : r->pending) & ss_changed(r);
	if (!merge_pushes_name(e->tmpl))
		dirty &= ~TASK_F_NAME;
	/* Under {{activity_type}} a type change re-renders it (F10). */
	if ((dirty & TASK_F_TYPE) && merge_pushes_type(e->tmpl))
		dirty |= TASK_F_NAME;

	switch (merge_record(t->is_deleted, r->deleted)) {
	case MERGE_REC_DROP_LOCAL:
		/* Edit against delete: the delete wins; log what is lost. */
		if (!r->deleted)
			engine_remote(e, r->id, SYNC_CHANGE_DELETED, r->name);
		rc = engine_drop(e, r, r->deleted ? 0 : dirty |
		    ((r->op_create ? TASK_F_LINKS : r->pending) &
		    ss_link_changed(r)), r->pending || r->op_create,
		    /* TRANSLATORS: why a value was lost (conflicts). */
		    N_("deleted in salesforce"), cause);
		goto out;
	case MERGE_REC_PUSH_DELETE:
		/* Our delete wins over their edit: log SF's new values. */
		for (i = 0; i < 5; i++)
			if (engine_remote_changed(bits[i], r, t) &&
			    !engine_echo(bits[i], r, t))
				break;
		if (i < 5)
			rc = engine_conflict(e, r, "record", NULL,
			    /* TRANSLATORS: why a value was lost (conflicts). */
			    v.name, "salesforce", N_("deleted here"), cause);
		/* Note the modstamp so the same edit is not logged twice. */
		if (rc == 0)
			rc = ss_apply(e->ss, r->id, 0, &v, 0, t->subject,
			    t->status, t->priority, t->due, t->description,
			    t->who, t->what, t->modstamp, cause);
		if (rc == 0)
			rc = ss_type_apply(e->ss, r->id, 0, 0, r->type,
			    task_type_name(engine_type_remote(e, t)), cause);
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
		f.remote_unmapped = !maps;
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
			    rv, lv, "local",
			    /* TRANSLATORS: why a value was lost (conflicts). */
			    N_("changed later in salesforce"), cause);
			free(lv);
			free(rv);
		} else if (d == MERGE_LOCAL_WINS || d == MERGE_LOCAL_STAYS) {
			/*
			 * The local value goes out over SF's, which is logged
			 * as lost there; a later SF value that cannot come in
			 * (F2, F3, F6) is overwritten too, or the two sides
			 * would differ for good.
			 */
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
			    lv, rv, "salesforce", engine_why_local(d, bits[i]),
			    cause);
			free(lv);
			free(rv);
		}
		if (rc != 0)
			goto out;
	}
	if ((rc = engine_merge_type(e, r, t, dirty, &v, &take, &drop,
	    cause)) != 0)
		goto out;
	/* The links (F13): decided alike, applied beside the fields. */
	if ((rc = engine_merge_links(e, r, t, &ltake, &ldrop, cause)) != 0 ||
	    (rc = ss_link_apply(e->ss, r->id, ltake, ldrop, t->who_id,
	    t->what_id, cause)) != 0)
		goto out;
	rc = ss_apply(e->ss, r->id, take, &v, drop | ldrop, t->subject,
	    t->status, t->priority, t->due, t->description,
	    engine_link_name(r, t, TASK_F_WHO, ltake),
	    engine_link_name(r, t, TASK_F_WHAT, ltake), t->modstamp, cause);
	if (rc == 0)
		rc = ss_type_apply(e->ss, r->id, take, drop, v.type,
		    task_type_name(v.type), cause);
	take |= ltake;
	if (take != 0)
		engine_changed(e, r->id);
	if (take != 0 && rc == 0)
		engine_remote(e, r->id, SYNC_CHANGE_UPDATED, r->name);
out:
	ss_row_release(&v);
	return (rc);
}

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

	if (e->extfield != NULL || t->is_deleted || !engine_in_scope(e, t))
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

/*
 * A synced task that left scope in Salesforce (F7): reassigned to someone
 * else, made recurring, turned into a logged e-mail.  The reminder leaves
 * the cache at once, with its outbox entries, so no later local edit can
 * reach the task; the conflict log holds the notice and any local change
 * that had not been sent.
 */
static int
engine_leave(struct engine *e, struct ss_row *r, const struct sf_task *t,
    char **cause)
{
	const char	*x = engine_scope_exit(e, t);
	char		*why;
	int		 rc;

	if (strcmp(x, "reassigned") == 0)
		why = xasprintf("reassigned to %s in salesforce",
		    t->owner_name != NULL ? t->owner_name : t->owner_id);
	else
		why = xstrdup(x);
	log_info("sync: reminder %lld left scope: %s", (long long)r->id, why);
	engine_remote(e, r->id, SYNC_CHANGE_DELETED, r->name);
	rc = engine_drop(e, r, r->pending, 1, why, cause);
	free(why);
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
		if (t->is_deleted || !engine_in_scope(e, t) ||
		    t->modstamp_ms < import_since)
			return (0);
		engine_remote_row(e, t, &v);
		rc = ss_import(e->ss, &v, t->id, t->subject, t->status,
		    t->priority, t->who, t->what, t->modstamp, &id, cause);
		/* F8: the type comes in with the task. */
		v.type = engine_type_remote(e, t);
		if (rc == 0)
			rc = ss_type_apply(e->ss, id, TASK_F_TYPE, 0, v.type,
			    task_type_name(v.type), cause);
		ss_row_release(&v);
		if (rc == 0 && (t->who_id != NULL || t->what_id != NULL))
			rc = ss_link_import(e->ss, id, t->who_id, t->what_id,
			    cause);
		if (rc == 0)
			rc = engine_link_seen(e, t, cause);
		if (rc == 0) {
			log_debug("pull %s: imported as reminder %lld", t->id,
			    (long long)id);
			engine_changed(e, id);
			if (e->st.state != SYNC_FIRST)
				engine_remote(e, id, SYNC_CHANGE_NEW,
				    t->subject);
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
	if (!t->is_deleted && !engine_in_scope(e, t))
		rc = engine_leave(e, &r, t, cause);
	else if ((rc = engine_merge(e, &r, t, cause)) == 0 && !t->is_deleted)
		rc = engine_link_seen(e, t, cause);
	ss_row_release(&r);
	return (rc);
}

/* The SOQL of the pull, since since_ms (< 0: everything). */
char *
engine_soql(struct engine *e, int64_t since_ms, const char *extra)
{
	char	*q, *owner, ts[32], *where;

	owner = sfjson_soql_quote(e->rest->cred.user_id != NULL ?
	    e->rest->cred.user_id : "");
	if (since_ms >= 0 && extra == NULL) {
		/*
		 * Every change since, whoever owns the task now: a task
		 * reassigned away must be seen to leave (F7).
		 */
		sfjson_soql_datetime(since_ms, ts);
		where = xasprintf("SystemModstamp >= %s", ts);
	} else if (since_ms >= 0) {
		sfjson_soql_datetime(since_ms, ts);
		where = xasprintf("OwnerId = %s AND SystemModstamp >= %s%s",
		    owner, ts, extra);
	} else
		where = xasprintf("OwnerId = %s%s", owner, extra);
	q = xasprintf("SELECT Id, Subject, Status, Priority, ActivityDate, "
	    "Description, WhoId, Who.Name, WhatId, What.Name, OwnerId, "
	    "Owner.Name, "
	    "TaskSubtype, IsRecurrence, IsDeleted, SystemModstamp, "
	    "LastModifiedDate, "
	    "CreatedDate%s%s%s FROM Task WHERE %s ORDER BY SystemModstamp, Id",
	    engine_type_field(e) ? ", Type" : "",
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

/* Orders Salesforce Ids for the reconciliation's binary search. */
static int
engine_idcmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/*
 * A second look before a listing may remove anything (S6): the number of
 * in-scope tasks Salesforce counts now, asked with COUNT() beside the
 * listing.  0 and *n, or an error class with *cause.
 */
static enum sf_err
engine_count(struct engine *e, long *n, char **cause)
{
	struct sf_page	 pg;
	enum sf_err	 err;
	char		*q, *owner;

	owner = sfjson_soql_quote(e->rest->cred.user_id != NULL ?
	    e->rest->cred.user_id : "");
	q = xasprintf("SELECT COUNT() FROM Task WHERE OwnerId = %s", owner);
	free(owner);
	err = sf_rest_query(e->rest, q, 0, NULL, &pg, cause);
	free(q);
	if (err != SF_OK)
		return (err);
	*n = pg.total;
	sfjson_page_release(&pg);
	return (SF_OK);
}

/*
 * S6: removes the synced reminders whose task the complete listing
 * seen[0..nseen) lacks, each logged in the conflict log.  A reminder with
 * an unsent change stays: its push finds out whether the task is gone
 * (and the delete wins there, logged, C4).  seen is sorted here.
 */
static int
engine_reconcile(struct engine *e, char **seen, size_t nseen, char **cause)
{
	struct ss_row	  r;
	int64_t		 *ids = NULL;
	char		**sfids = NULL;
	size_t		  i, n = 0;
	int		  rc = 0, fr;

	if (ss_synced(e->ss, &ids, &sfids, &n, cause) != 0)
		return (-1);
	qsort(seen, nseen, sizeof *seen, engine_idcmp);
	if (ss_begin(e->ss, cause) != 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++) {
		if (bsearch(&sfids[i], seen, nseen, sizeof *seen,
		    engine_idcmp) != NULL)
			continue;
		memset(&r, 0, sizeof r);
		if ((fr = ss_find_sf(e->ss, sfids[i], &r, cause)) != 0) {
			rc = fr < 0 ? -1 : 0;
			continue;
		}
		if (r.pending != 0 || r.op_create || r.op_delete ||
		    r.sent_mask != 0) {
			log_info("sync: reminder %lld is not in the listing but "
			    "has unsent changes: its push decides",
			    (long long)r.id);
			ss_row_release(&r);
			continue;
		}
		rc = engine_conflict(e, &r, "record", NULL, r.name, "local",
		    /* TRANSLATORS: why a reminder was lost (conflicts). */
		    N_("no longer in salesforce (reconciliation)"), cause);
		if (rc == 0)
			rc = ss_remove(e->ss, r.id, cause);
		engine_changed(e, r.id);
		engine_remote(e, r.id, SYNC_CHANGE_DELETED, r.name);
		ss_row_release(&r);
	}
	if (rc == 0 && ss_commit(e->ss, cause) != 0)
		rc = -1;
	else if (rc != 0)
		ss_rollback(e->ss);
	for (i = 0; i < n; i++)
		free(sfids[i]);
	free(sfids);
	free(ids);
	return (rc);
}

/*
 * Follows a listing to its next page, refusing what no listing Salesforce
 * makes can do: a locator seen before, an empty page that is not the last,
 * more pages than its totalSize can need.  A refused page ends the cycle
 * with a visible error rather than an endless loop (C8).
 */
static enum sf_err
engine_next_page(struct engine *e, struct sf_page *pg, long fetched,
    char ***locs, size_t *nlocs, char **cause)
{
	enum sf_err	 err;
	char		*next;
	size_t		 i;

	if (pg->n == 0 || fetched >= pg->total) {
		*cause = xasprintf(pg->n == 0 ?
		    /* TRANSLATORS: a sync error (the status line). */
		    _("salesforce's query paging is broken (page %zu is empty "
		    "but not the last, %ld of %ld records read)") :
		    _("salesforce's query paging is broken (page %zu asks for "
		    "more, %ld of %ld records read)"), *nlocs + 1,
		    fetched, pg->total);
		sfjson_page_release(pg);
		return (SF_EFATAL);
	}
	for (i = 0; i < *nlocs; i++)
		if (strcmp((*locs)[i], pg->next_url) == 0) {
			/* TRANSLATORS: nextRecordsUrl: Salesforce's name. */
			*cause = xstrdup(_("salesforce's query paging loops "
			    "(a nextRecordsUrl came back twice)"));
			sfjson_page_release(pg);
			return (SF_EFATAL);
		}
	*locs = xreallocarray(*locs, *nlocs + 1, sizeof **locs);
	(*locs)[(*nlocs)++] = xstrdup(pg->next_url);
	next = xstrdup(pg->next_url);
	sfjson_page_release(pg);
	err = sf_rest_next(e->rest, next, e->extfield, pg, cause);
	free(next);
	return (err);
}

/*
 * One pass of the pull: one queryAll from the cursor (or the first-import
 * window), or a full reconciliation when the cursor is past the
 * deleted-records window.
 *
 * The cursor is the time on Salesforce's clock up to which every change
 * has been read.  It advances with each page to the newest SystemModstamp
 * seen, but never past Salesforce's own clock (a record stamped in the
 * future must not freeze the pull, C1), and after a complete pull to the
 * moment the listing was answered: a quiet org's cursor follows the clock,
 * so it neither ages into a reconciliation nor keeps re-reading a bulk
 * change inside the overlap (C10).  A full reconciliation moves it only
 * once its listing was believed and the deletions inferred (S6): a
 * listing refused, or one cut short, leaves the cursor past the window,
 * so the next cycle reconciles again.  The pages it applied stay applied.
 */
static enum sf_err
engine_pull_pass(struct engine *e, char **cause)
{
	struct sf_page	 pg;
	enum sf_err	 err;
	int64_t		 cursor, since, t0, win, maxstamp, qstart = -1, stamp;
	char		*q, **seen = NULL, **locs = NULL;
	size_t		 i, nseen = 0, capseen = 0, nlocs = 0;
	int		 first, full = 0, imported = 0, rc, refused = 0;
	long		 total = 0, counted;

	cursor = ss_state_int(e->ss, "sync.cursor", -1);
	t0 = ss_state_int(e->ss, "sync.t0", 0);
	first = cursor < 0;
	if (first) {
		win = engine_window_ms(e);
		/* S2 C4: T0 on Salesforce's clock, as measured then. */
		t0 = ss_state_int(e->ss, SYNC_ORG_T0_SF,
		    sf_rest_server_ms(e->rest, t0));
		since = win < 0 ? -1 : t0 - win;
	} else if (sf_rest_server_ms(e->rest, now_ms()) - cursor >=
	    SYNC_DELETED_WINDOW_MS - 3600000LL) {
		full = 1;	/* S6: past the deleted-records window */
		since = -1;
		log_info("sync: cursor older than the deleted-records window: "
		    "full reconciliation");
	} else
		since = cursor - SYNC_OVERLAP_MS;
	maxstamp = cursor;

	if (first && since >= 0) {
		/*
		 * S2: the window's tasks, and every open task due up to
		 * tomorrow whatever its age, so the command center shows
		 * what is due from the first minute.
		 */
		char	ts[32], *x;

		sfjson_soql_datetime(since, ts);
		x = xasprintf(" AND (SystemModstamp >= %s OR (IsClosed = false"
		    " AND ActivityDate <= TOMORROW))", ts);
		q = engine_soql(e, -1, x);
		free(x);
	} else
		q = engine_soql(e, since, first || full ? "" : NULL);
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
	if (err == SF_OK)
		qstart = sf_rest_server_ms(e->rest, now_ms());
	if (first && err == SF_OK) {
		e->st.done = 0;
		e->st.total = pg.total;
		engine_set(e, SYNC_FIRST, NULL);
	}
	while (err == SF_OK) {
		if (ss_begin(e->ss, cause) != 0) {
			sfjson_page_release(&pg);
			err = SF_EFATAL;
			break;
		}
		rc = 0;
		for (i = 0; i < pg.n && rc == 0; i++) {
			rc = engine_pull_one(e, &pg.v[i], full ? cursor -
			    SYNC_OVERLAP_MS : -1, &imported, cause);
			stamp = pg.v[i].modstamp_ms;
			if (stamp > qstart + SYNC_CLOCK_SLACK_MS)
				stamp = qstart + SYNC_CLOCK_SLACK_MS;
			if (stamp > maxstamp)
				maxstamp = stamp;
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
		/* The cursor advances with the page it covers (S6: not full). */
		if (rc == 0 && maxstamp >= 0 && !full)
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
				refused = 1;
				log_warn("sync: listing incomplete, no deletes "
				    "inferred");
			}
			sfjson_page_release(&pg);
			break;
		}
		err = engine_next_page(e, &pg, total, &locs, &nlocs, cause);
	}
	for (i = 0; i < nlocs; i++)
		free(locs[i]);
	free(locs);
	if (err == SF_OK && full && !refused) {
		/* A listing is believed only if a count taken beside it agrees. */
		err = engine_count(e, &counted, cause);
		if (err == SF_OK && counted != (long)nseen) {
			log_warn("sync: listing of %zu tasks but salesforce counts "
			    "%ld: no deletes inferred", nseen, counted);
			refused = 1;
		}
	}
	if (err == SF_OK && full && !refused && engine_reconcile(e, seen,
	    nseen, cause) != 0)
		err = SF_EFATAL;
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	engine_flush_changed(e);
	if (err == SF_OK && refused)
		log_warn("sync: the reconciliation is retried next cycle");
	if (err == SF_OK && !refused && (qstart > maxstamp || full)) {
		/* Complete: every change up to the listing's moment is read. */
		char	*c2 = NULL;

		if (ss_begin(e->ss, &c2) == 0) {
			if (ss_state_set_int(e->ss, "sync.cursor", qstart >
			    maxstamp ? qstart : maxstamp, &c2) != 0 ||
			    ss_commit(e->ss, &c2) != 0)
				ss_rollback(e->ss);
		}
		free(c2);
	}
	return (err);
}

/*
 * Pulls, asking for pages of e->batch records (at first the 2,000 most).
 * A page larger than the client's size cap (SF_HTTP_MAX_BODY) is refused
 * whole; a query locator keeps the page size it was made with, so the
 * pull asks again, from the cursor the applied pages reached, for pages
 * half as large, down to Salesforce's minimum of 200.  The smaller size
 * is kept in the cache (sync.batch) for the next cycles and processes, so
 * a large page is downloaded in vain once, not every cycle; it does not
 * grow back by itself.  200 tasks of the longest legal
 * Description (32,000 characters, at most 6 bytes each as JSON) are under
 * 40 MB, so a page of 200 over the cap means the server did not take the
 * size asked for: that ends the cycle with an error (C8), and the next
 * cycle tries again.
 */
enum sf_err
engine_pull(struct engine *e, char **cause)
{
	enum sf_err	err;
	int64_t		n;
	char		*c2 = NULL;

	if (e->batch == 0) {
		n = ss_state_int(e->ss, "sync.batch", SF_QUERY_BATCH_MAX);
		e->batch = n < SF_QUERY_BATCH_MIN || n > SF_QUERY_BATCH_MAX ?
		    SF_QUERY_BATCH_MAX : (int)n;
	}
	for (;;) {
		e->rest->batch = e->batch;
		e->rest->too_large = 0;
		err = engine_pull_pass(e, cause);
		if (err == SF_OK || !e->rest->too_large)
			return (err);
		if (e->batch <= SF_QUERY_BATCH_MIN) {
			free(*cause);
			*cause = xasprintf(_("a query page of %d tasks is "
			    "larger than %ld MB"), e->batch, SF_HTTP_MAX_BODY /
			    (1024 * 1024));
			return (err);
		}
		e->batch = e->batch / 2 < SF_QUERY_BATCH_MIN ?
		    SF_QUERY_BATCH_MIN : e->batch / 2;
		log_warn("sync: a query page was larger than %ld MB: asking "
		    "again for pages of %d tasks", SF_HTTP_MAX_BODY /
		    (1024 * 1024), e->batch);
		free(*cause);
		*cause = NULL;
		if (ss_begin(e->ss, &c2) == 0) {
			if (ss_state_set_int(e->ss, "sync.batch", e->batch,
			    &c2) != 0 || ss_commit(e->ss, &c2) != 0)
				ss_rollback(e->ss);
		}
		free(c2);
		c2 = NULL;
	}
}
