/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The engine's side of a reminder's type (doc/sync.md F8, F9): the org's
 * Type picklist, learned once from Task's describe; what a create or an
 * update writes (TaskSubtype on a create, Type where the org has the
 * value); and the type's field-level merge (C3, C4, C5), run beside the
 * five fields of engine_merge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync-merge.h"
#include "xmalloc.h"

#define SYNC_TYPE_KEY	"org.task_type"

enum sf_err
engine_type_org(struct engine *e, char **cause)
{
	struct sf_resp	 resp;
	enum sf_err	 err;
	char		*list = NULL, *why = NULL;

	if (e->org_types_known)
		return (SF_OK);
	if (ss_state_get(e->ss, SYNC_TYPE_KEY, &list, &why) != 0) {
		*cause = why;
		return (SF_EFATAL);
	}
	if (list == NULL) {
		sf_resp_init(&resp);
		err = sf_rest_call(e->rest, "GET", "/services/data/"
		    SF_API_VERSION "/sobjects/Task/describe", NULL, &resp,
		    &why);
		if (err == SF_ETRANSIENT || err == SF_ELIMIT ||
		    err == SF_EAUTH) {
			sf_resp_release(&resp);
			*cause = why;
			return (err);
		}
		if (err != SF_OK || sfjson_describe_picklist(resp.body.data,
		    resp.body.len, "Type", &list, &why) != 0) {
			/* No describe: the type is never written (F9). */
			log_warn("sync: no Type picklist from the org: %s",
			    why != NULL ? why : "?");
			free(list);
			list = xstrdup("");
		}
		free(why);
		why = NULL;
		sf_resp_release(&resp);
		if (ss_begin(e->ss, &why) == 0) {
			if (ss_state_set(e->ss, SYNC_TYPE_KEY, list, &why) == 0)
				(void)ss_commit(e->ss, &why);
			else
				ss_rollback(e->ss);
		}
		free(why);
	}
	free(e->org_types);
	e->org_types = list;
	e->org_types_known = 1;
	return (SF_OK);
}

int
engine_type_field(const struct engine *e)
{
	return (e->org_types != NULL && *e->org_types != '\0');
}

enum task_type
engine_type_remote(const struct engine *e, const struct sf_task *t)
{
	return (merge_type_from_sf(t->subtype, engine_type_field(e) ?
	    t->tasktype : NULL));
}

const char *
engine_type_write(const struct engine *e, const struct ss_row *r,
    int create, struct sf_write *w)
{
	w->subtype = create ? merge_subtype_to_sf(r->type) : NULL;
	w->tasktype = merge_typefield_to_sf(r->type, e->org_types);
	/* A create of other leaves Type empty: nothing to say. */
	if (create && r->type == TASK_TYPE_OTHER)
		w->tasktype = NULL;
	if (!create && w->tasktype == NULL)
		return (NULL);
	return (task_type_name(merge_type_from_sf(w->subtype, w->tasktype)));
}

int
engine_merge_type(struct engine *e, struct ss_row *r, const struct sf_task *t,
    unsigned dirty, struct ss_row *v, unsigned *take, unsigned *drop,
    char **cause)
{
	struct merge_field	 f;
	enum merge_decision	 d;
	enum task_type		 rt = engine_type_remote(e, t);
	const char		*rn = task_type_name(rt);

	v->type = rt;
	memset(&f, 0, sizeof f);
	f.local_dirty = (dirty & TASK_F_TYPE) != 0;
	f.local_ms = sf_rest_server_ms(e->rest, r->type_ms);
	f.remote_ms = t->lastmod_ms;
	f.remote_changed = !engine_streq(rn, r->base_type);
	d = merge_field(&f);
	log_debug("merge %lld type: dirty %d changed %d decision %d local %s"
	    " remote %s base %s", (long long)r->id, f.local_dirty,
	    f.remote_changed, (int)d, task_type_name(r->type), rn,
	    r->base_type != NULL ? r->base_type : "-");
	if (f.local_dirty && f.remote_changed && rt == r->type) {
		*drop |= TASK_F_TYPE;	/* both sides agree (C5) */
		return (0);
	}
	if (f.local_dirty && f.remote_changed && (r->sent_mask &
	    TASK_F_TYPE) && engine_streq(rn, r->sent_type))
		return (0);		/* our own echo: ours goes out */
	switch (d) {
	case MERGE_TAKE_REMOTE:
		*take |= TASK_F_TYPE;
		return (0);
	case MERGE_REMOTE_WINS:
		*take |= TASK_F_TYPE;
		*drop |= TASK_F_TYPE;
		return (engine_conflict(e, r, "type", rn,
		    task_type_name(r->type), "local",
		    "changed later in salesforce", cause));
	case MERGE_LOCAL_WINS:
	case MERGE_LOCAL_STAYS:
		return (engine_conflict(e, r, "type", task_type_name(r->type),
		    rn, "salesforce", "changed later here", cause));
	default:
		return (0);
	}
}
