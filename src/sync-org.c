/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * What a login learns about the org (sync-org.h).  The org's values are
 * read with SOQL on TaskStatus and TaskPriority (their ApiName), two
 * small calls; the responses' Date headers give the clock offset, as
 * every response does for the engine.  Both go into the cache's setting
 * table, where the engine, `config set` and the settings screen read them
 * without a network call.  Values are cleaned before they are kept: they
 * reach the terminal in messages (B5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "paths.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-org.h"
#include "utf8.h"
#include "xmalloc.h"

static const struct {
	const char	*key;
	const char	*object;
} sync_org_keys[] = {
	{ "sf.status_open", "TaskStatus" },
	{ "sf.status_complete", "TaskStatus" },
	{ "sf.priority_normal", "TaskPriority" },
	{ "sf.priority_high", "TaskPriority" },
};
#define SYNC_ORG_NKEYS	(sizeof sync_org_keys / sizeof sync_org_keys[0])

const char *
sync_org_list_of(const char *key)
{
	size_t	i;

	for (i = 0; i < SYNC_ORG_NKEYS; i++)
		if (strcmp(sync_org_keys[i].key, key) == 0)
			return (sync_org_keys[i].object);
	return (NULL);
}

const char *
sync_org_cache_key(const char *object)
{
	return (strcmp(object, "TaskStatus") == 0 ? "org.task_status" :
	    "org.task_priority");
}

int
sync_org_check_value(const char *key, const char *value, const char *list,
    char **cause)
{
	struct buf	 b;
	const char	*p, *nl, *object;
	size_t		 n = strlen(value);

	if (list == NULL || (object = sync_org_list_of(key)) == NULL)
		return (0);
	for (p = list; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if ((size_t)(nl - p) == n && memcmp(p, value, n) == 0)
			return (0);
	}
	buf_init(&b);
	for (p = list; *p != '\0'; p++) {
		if (*p == '\n')
			buf_adds(&b, ", ");
		else
			buf_addc(&b, *p);
	}
	/*
	 * TRANSLATORS: KEY: 'VALUE' is not a TaskStatus (or TaskPriority:
	 * Salesforce's names) value of this org (valid: the org's values).
	 */
	*cause = xasprintf(_("%s: '%s' is not a %s value of this org (valid: "
	    "%s)"), key, value, object, b.data);
	buf_release(&b);
	return (-1);
}

int
sync_org_check(const struct config *cfg, const char *path,
    const char *statuses, const char *priorities, char **cause)
{
	const char	*key, *list;
	char		*why = NULL;
	size_t		 i, line;

	for (i = 0; i < SYNC_ORG_NKEYS; i++) {
		key = sync_org_keys[i].key;
		list = strcmp(sync_org_keys[i].object, "TaskStatus") == 0 ?
		    statuses : priorities;
		if (sync_org_check_value(key, config_get(cfg, key), list,
		    &why) == 0)
			continue;
		if ((line = config_line(cfg, key)) > 0)
			*cause = xasprintf("%s:%zu: %s", path, line, why);
		else if (config_is_set(cfg, key))
			/* TRANSLATORS: the problem, then the settings file. */
			*cause = xasprintf(_("%s; not yet saved to %s"), why,
			    path);
		else
			/* TRANSLATORS: the problem; then a setting's key and
			 * the settings file. */
			*cause = xasprintf(_("%s; it is the default: set %s "
			    "in %s"), why, key, path);
		free(why);
		return (-1);
	}
	return (0);
}

/* Reads one object's values into a cleaned list, one per line. */
static enum sf_err
sync_org_fetch(struct sf_rest *r, const char *object, char **list,
    char **cause)
{
	struct buf	 b;
	enum sf_err	 err;
	char		**vals, *v;
	size_t		 i, n;

	*list = NULL;
	if ((err = sf_rest_picklist(r, object, &vals, &n, cause)) != SF_OK)
		return (err);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		v = utf8_clean(vals[i], 0);
		if (*v != '\0') {
			if (b.len > 0)
				buf_addc(&b, '\n');
			buf_adds(&b, v);
		}
		free(v);
		free(vals[i]);
	}
	free(vals);
	if (b.len == 0) {
		buf_release(&b);
		/* TRANSLATORS: %s: TaskStatus or TaskPriority. */
		*cause = xasprintf(_("the org answered no %s values"), object);
		return (SF_EFATAL);
	}
	*list = buf_detach(&b);
	return (SF_OK);
}

int
sync_org_learn(const char *cache_path, const char *cred_path,
    const int *cancel, char **cause)
{
	struct store_sync	*ss;
	struct sf_rest		*r;
	char			*st = NULL, *pr = NULL;
	int			 rc = -1;

	r = sf_rest_new(cred_path);
	if (cancel != NULL)
		sf_http_cancel_on(r->http, cancel);
	if (sf_rest_connect(r, cause) != SF_OK ||
	    sync_org_fetch(r, "TaskStatus", &st, cause) != SF_OK ||
	    sync_org_fetch(r, "TaskPriority", &pr, cause) != SF_OK)
		goto out;
	if (paths_make_parent(cache_path, cause) != 0 ||
	    (ss = store_sync_open(cache_path, cause)) == NULL)
		goto out;
	if (ss_begin(ss, cause) == 0) {
		if ((!r->have_offset || ss_state_set_int(ss, SYNC_ORG_OFFSET,
		    r->offset_ms, cause) == 0) &&
		    ss_state_set(ss, sync_org_cache_key("TaskStatus"), st,
		    cause) == 0 &&
		    ss_state_set(ss, sync_org_cache_key("TaskPriority"), pr,
		    cause) == 0 &&
		    /* The Type values (F9): the next cycle reads them anew. */
		    ss_state_set(ss, "org.task_type", NULL, cause) == 0)
			rc = ss_commit(ss, cause);
		else
			ss_rollback(ss);
	}
	store_sync_free(ss);
out:
	free(st);
	free(pr);
	sf_rest_free(r);
	return (rc);
}
