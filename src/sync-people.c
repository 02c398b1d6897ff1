/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * People search (doc/sync.md F14): the link picker's and `add --who`'s
 * look-up in Salesforce.  A SOQL LIKE on the Name of Contacts and Leads
 * (a Who) or of Accounts (a What), at most PEOPLE_MAX of each, whose
 * answers go into the person table, where the picker and the CLI read
 * them with the cache's own matching (store_person_search).
 *
 * The UI never waits for it: sync_people_search() queues the request for
 * the engine thread, which runs it between cycles (a newer request
 * replaces one not yet run: the rep typed on) and answers with a
 * SYNC_EV_PEOPLE event on the engine's event queue.  The CLI, which may
 * wait, calls sync_people_once() with a timeout of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "log.h"
#include "msgq.h"
#include "paths.h"
#include "sf-http.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "sync.h"
#include "xmalloc.h"

#define PEOPLE_MAX	20

struct people_req {
	char	*needle;
	int	 who;
};

/* The SOQL of one search; % and _ are dropped from the needle (they
 * would be LIKE's wildcards). */
static char *
people_soql(const char *object, const char *fields, const char *needle)
{
	char	*pat, *q, *quoted;
	size_t	 i, j;

	pat = xmalloc(strlen(needle) + 3);
	pat[0] = '%';
	for (i = 0, j = 1; needle[i] != '\0'; i++)
		if (needle[i] != '%' && needle[i] != '_')
			pat[j++] = needle[i];
	pat[j++] = '%';
	pat[j] = '\0';
	quoted = sfjson_soql_quote(pat);
	q = xasprintf("SELECT %s FROM %s WHERE Name LIKE %s ORDER BY Name"
	    " LIMIT %d", fields, object, quoted, PEOPLE_MAX);
	free(quoted);
	free(pat);
	return (q);
}

/* Runs one object's search and remembers what it found. */
static enum sf_err
people_one(struct sf_rest *rest, struct store_sync *ss, const char *object,
    const char *fields, const char *needle, int *n, char **cause)
{
	struct sf_person	*v;
	struct sf_resp		 resp;
	enum sf_err		 err;
	size_t			 nv, i;
	char			*soql, *q, *path;
	int64_t			 now = now_ms();

	soql = people_soql(object, fields, needle);
	q = sf_http_escape(soql);
	path = xasprintf("/services/data/" SF_API_VERSION "/query/?q=%s", q);
	free(q);
	free(soql);
	sf_resp_init(&resp);
	err = sf_rest_call(rest, "GET", path, NULL, &resp, cause);
	free(path);
	if (err == SF_OK && sfjson_people(resp.body.data, resp.body.len, &v,
	    &nv, cause) != 0)
		err = SF_ETRANSIENT;
	sf_resp_release(&resp);
	if (err != SF_OK)
		return (err);
	if (ss_begin(ss, cause) != 0) {
		sfjson_people_free(v, nv);
		return (SF_EFATAL);
	}
	for (i = 0; i < nv; i++)
		if (ss_person_seen(ss, v[i].id, v[i].name, v[i].detail != NULL ?
		    v[i].detail : "", now, cause) != 0)
			break;
	sfjson_people_free(v, nv);
	if (i < nv || ss_commit(ss, cause) != 0) {
		ss_rollback(ss);
		return (SF_EFATAL);
	}
	*n += (int)nv;
	return (SF_OK);
}

/* Searches Salesforce for needle; *n: how many were found. */
static enum sf_err
people_search(struct sf_rest *rest, struct store_sync *ss, const char *needle,
    int who, int *n, char **cause)
{
	enum sf_err	err;

	*n = 0;
	if (!who)
		return (people_one(rest, ss, "Account", "Id, Name", needle, n,
		    cause));
	if ((err = people_one(rest, ss, "Contact", "Id, Name",
	    needle, n, cause)) != SF_OK)
		return (err);
	return (people_one(rest, ss, "Lead", "Id, Name, Company", needle, n,
	    cause));
}

void
engine_people_serve(struct engine *e, struct msgq *q)
{
	struct people_req	*req, *last = NULL;
	struct sync_event	*ev;
	enum sf_err		 err;
	char			*cause = NULL;
	int			 n = 0;

	while ((req = msgq_pop(q)) != NULL) {
		if (last != NULL) {
			free(last->needle);
			free(last);
		}
		last = req;
	}
	if (last == NULL)
		return;
	ev = xcalloc(1, sizeof *ev);
	ev->kind = SYNC_EV_PEOPLE;
	ev->people_needle = last->needle;
	ev->people_who = last->who;
	if (e->st.state == SYNC_OFF || e->st.state == SYNC_LOGIN_NEEDED) {
		/* No traffic while off (S5); no token to search with. */
		ev->people_error = xstrdup(e->st.state == SYNC_OFF ?
		    _("sync is off") : _("login needed"));
	} else {
		err = people_search(e->rest, e->ss, last->needle, last->who,
		    &n, &cause);
		if (err != SF_OK) {
			log_warn("sync: people search: %s", cause);
			ev->people_error = cause != NULL ? cause :
			    xstrdup(_("search failed"));
		} else
			log_debug("sync: people search found %d", n);
	}
	ev->people_found = n;
	free(last);
	if (e->events != NULL)
		msgq_push(e->events, ev);
	else
		sync_event_free(ev);
}

void
engine_people_free(void *p)
{
	struct people_req	*req = p;

	free(req->needle);
	free(req);
}

void
engine_people_push(struct msgq *q, const char *needle, int who)
{
	struct people_req	*req;

	req = xmalloc(sizeof *req);
	req->needle = xstrdup(needle);
	req->who = who;
	msgq_push(q, req);
}

int
sync_people_once(const char *cache_path, const char *needle, int who,
    long timeout_s, int *found, char **cause)
{
	struct store_sync	*ss;
	struct sf_rest		*rest;
	char			*cred;
	enum sf_err		 err;

	*found = 0;
	if ((ss = store_sync_open(cache_path, cause)) == NULL)
		return (-1);
	sf_http_global_init();
	cred = paths_credentials();
	rest = sf_rest_new(cred);
	free(cred);
	sf_http_timeouts(rest->http, timeout_s, timeout_s);
	err = people_search(rest, ss, needle, who, found, cause);
	sf_rest_free(rest);
	store_sync_free(ss);
	return (err == SF_OK ? 0 : -1);
}
