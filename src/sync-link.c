/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The merge of a reminder's links (doc/sync.md F12, F13): WhoId and
 * WhatId decided one by one like the five fields (C3, C4, C5), with the
 * same table (merge_field), the echo of an unanswered update and the
 * conflict log.  A link is an Id with the name Salesforce shows for it
 * (Who.Name, What.Name); the log keeps both, "Name [Id]", so that a lost
 * link can be restored (store-conflict.c).  Called by engine_merge.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "log.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync-merge.h"
#include "xmalloc.h"

char *
engine_link_value(const char *id, const char *name)
{
	if (id == NULL || *id == '\0')
		return (xstrdup(""));
	return (xasprintf("%s [%s]", name != NULL && *name != '\0' ? name :
	    "?", id));
}

int
engine_merge_links(struct engine *e, struct ss_row *r, const struct sf_task *t,
    unsigned *take, unsigned *drop, char **cause)
{
	static const unsigned	 bits[2] = { TASK_F_WHO, TASK_F_WHAT };
	struct merge_field	 f;
	enum merge_decision	 d;
	const char		*local, *lname, *remote, *rname, *base, *sent;
	unsigned		 dirty;
	char			*lv, *rv;
	int			 i, rc = 0;

	*take = *drop = 0;
	/* A create found here sent its links (C6). */
	dirty = (r->op_create ? TASK_F_LINKS : r->pending) &
	    ss_link_changed(r);
	for (i = 0; i < 2 && rc == 0; i++) {
		if (bits[i] == TASK_F_WHO) {
			local = r->who_id, lname = r->who_name;
			remote = t->who_id, rname = t->who;
			base = r->base_who_id, sent = r->sent_who_id;
		} else {
			local = r->what_id, lname = r->what_name;
			remote = t->what_id, rname = t->what;
			base = r->base_what_id, sent = r->sent_what_id;
		}
		memset(&f, 0, sizeof f);
		f.local_dirty = (dirty & bits[i]) != 0;
		f.local_ms = sf_rest_server_ms(e->rest, bits[i] == TASK_F_WHO ?
		    r->who_ms : r->what_ms);
		f.remote_ms = t->lastmod_ms;
		f.remote_changed = !engine_streq(remote, base);
		d = merge_field(&f);
		log_debug("merge %lld %s: dirty %d changed %d decision %d"
		    " local '%s' remote '%s'", (long long)r->id,
		    bits[i] == TASK_F_WHO ? "who" : "what", f.local_dirty,
		    f.remote_changed, (int)d, local != NULL ? local : "",
		    remote != NULL ? remote : "");
		if (f.local_dirty && f.remote_changed &&
		    engine_streq(local, remote)) {
			*drop |= bits[i];	/* the same link both sides */
			continue;
		}
		if (f.local_dirty && f.remote_changed &&
		    (r->sent_mask & bits[i]) && engine_streq(remote, sent))
			continue;	/* our echo: the newer link goes out */
		if (d == MERGE_TAKE_REMOTE) {
			*take |= bits[i];
			continue;
		}
		if (d != MERGE_REMOTE_WINS && d != MERGE_LOCAL_WINS &&
		    d != MERGE_LOCAL_STAYS)
			continue;
		lv = engine_link_value(local, lname);
		rv = engine_link_value(remote, rname);
		if (d == MERGE_REMOTE_WINS) {
			*take |= bits[i];
			*drop |= bits[i];
			rc = engine_conflict(e, r, bits[i] == TASK_F_WHO ?
			    "who" : "what", rv, lv, "local",
			    "changed later in salesforce", cause);
		} else
			rc = engine_conflict(e, r, bits[i] == TASK_F_WHO ?
			    "who" : "what", lv, rv, "salesforce",
			    "changed later here", cause);
		free(lv);
		free(rv);
	}
	return (rc);
}

/*
 * The name to show for link bit after the merge: Salesforce's, if the
 * reminder now holds Salesforce's link, else the local one's.
 */
const char *
engine_link_name(const struct ss_row *r, const struct sf_task *t,
    unsigned bit, unsigned take)
{
	const char	*local = bit == TASK_F_WHO ? r->who_id : r->what_id;
	const char	*remote = bit == TASK_F_WHO ? t->who_id : t->what_id;

	if ((take & bit) || engine_streq(local, remote))
		return (bit == TASK_F_WHO ? t->who : t->what);
	return (bit == TASK_F_WHO ? r->who_name : r->what_name);
}

/* Remembers the Who and What of a pulled task in the person table (F14). */
int
engine_link_seen(struct engine *e, const struct sf_task *t, char **cause)
{
	int64_t	now = now_ms();

	if (t->who_id != NULL && t->who != NULL && ss_person_seen(e->ss,
	    t->who_id, t->who, NULL, now, cause) != 0)
		return (-1);
	if (t->what_id != NULL && t->what != NULL && ss_person_seen(e->ss,
	    t->what_id, t->what, NULL, now, cause) != 0)
		return (-1);
	return (0);
}

/* The links in fields of reminder r, removed by Salesforce's side (an
 * edit against a delete, a task leaving scope), go to the log (C4, F7). */
int
engine_link_lost(struct engine *e, const struct ss_row *r, unsigned fields,
    const char *why, char **cause)
{
	char	*lv;
	int	 i, rc = 0;

	for (i = 0; i < 2 && rc == 0; i++) {
		if (!(fields & (i == 0 ? TASK_F_WHO : TASK_F_WHAT)))
			continue;
		lv = engine_link_value(i == 0 ? r->who_id : r->what_id,
		    i == 0 ? r->who_name : r->what_name);
		rc = engine_conflict(e, r, i == 0 ? "who" : "what", NULL, lv,
		    "local", why, cause);
		free(lv);
	}
	return (rc);
}
