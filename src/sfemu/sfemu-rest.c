/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The data API, following the REST API Developer Guide
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/
 * api_rest/).  This file holds the per-app state (rest_new, rest_free,
 * rest_reset), the call allocation and the router:
 * - every call needs a bearer token (401 INVALID_SESSION_ID), counts
 *   against the rolling 24-hour allocation reported by /limits as
 *   DailyApiRequests and in the Sforce-Limit-Info header; past it, 403
 *   REQUEST_LIMIT_EXCEEDED ("API Request Limits and Allocations");
 * - rest_handle and rest_sobjects route each request to its handler and
 *   answer the versions list, a version's resources, /limits and
 *   describe themselves.
 * The handlers live beside it: single records, upsert by external Id and
 * get updated / get deleted in sfemu-rest-record.c, query and queryAll in
 * sfemu-rest-query.c, sObject collections in sfemu-rest-coll.c, writes of
 * Account, Contact and Lead in sfemu-rest-party.c, search and
 * parameterizedSearch in sfemu-rest-search.c.  What the files share is in
 * sfemu-rest-int.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sfemu-oauth.h"
#include "sfemu-reply.h"
#include "sfemu-rest.h"
#include "sfemu-rest-int.h"
#include "sfemu-soql.h"
#include "sfemu-store.h"
#include "sfemu.h"
#include "xmalloc.h"

#define REST_MIN_VERSION	59
#define REST_MAX_VERSION	64

struct sfrest *
rest_new(void)
{
	struct sfrest	*r;

	r = xcalloc(1, sizeof *r);
	r->limit = -1;
	return (r);
}

/* Frees a cursor. */
void
rest_cursor_free(struct cursor *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->recs[i]);
	free(c->recs);
	free(c);
}

void
rest_reset(struct sfemu *app)
{
	struct sfrest	*r = app->rest;
	size_t		 i;

	for (i = 0; i < REST_MAX_CURSORS; i++) {
		rest_cursor_free(r->cursors[i]);
		r->cursors[i] = NULL;
	}
	r->limit = -1;
	memset(r->hour, 0, sizeof r->hour);
	memset(r->count, 0, sizeof r->count);
}

void
rest_free(struct sfrest *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < REST_MAX_CURSORS; i++)
		rest_cursor_free(r->cursors[i]);
	free(r);
}

/* Calls in the 24 hours up to now. */
static long long
rest_usage(struct sfemu *app)
{
	struct sfrest	*r = app->rest;
	long long	 h, n = 0;
	int		 i;

	h = store_now(app->st) / 3600000;
	for (i = 0; i < 24; i++) {
		if (r->hour[i] > h - 24 && r->hour[i] <= h)
			n += r->count[i];
	}
	return (n);
}

void
rest_limits_get(struct sfemu *app, long long *limit, long long *usage)
{
	*limit = app->rest->limit >= 0 ? app->rest->limit : app->api_limit;
	*usage = rest_usage(app);
}

void
rest_limits_set(struct sfemu *app, long long limit, long long usage)
{
	struct sfrest	*r = app->rest;
	long long	 h;

	if (limit >= 0)
		r->limit = limit;
	if (usage >= 0) {
		memset(r->hour, 0, sizeof r->hour);
		memset(r->count, 0, sizeof r->count);
		h = store_now(app->st) / 3600000;
		r->hour[h % 24] = h;
		r->count[h % 24] = usage;
	}
}

/* Counts one call in the current hour. */
static void
rest_count_call(struct sfemu *app)
{
	struct sfrest	*r = app->rest;
	long long	 h;

	h = store_now(app->st) / 3600000;
	if (r->hour[h % 24] != h) {
		r->hour[h % 24] = h;
		r->count[h % 24] = 0;
	}
	r->count[h % 24]++;
}

/* GET /limits. */
static void
rest_limits(struct sfemu *app, struct sfresp *resp)
{
	static const char	*others[] = {
		"DailyBulkApiBatches", "DailyAsyncApexExecutions",
		"DailyStreamingApiEvents", "SingleEmail"
	};
	long long		 limit, usage;
	cJSON			*o, *e;
	size_t			 i;

	rest_limits_get(app, &limit, &usage);
	o = cJSON_CreateObject();
	e = cJSON_AddObjectToObject(o, "DailyApiRequests");
	cJSON_AddNumberToObject(e, "Max", (double)limit);
	cJSON_AddNumberToObject(e, "Remaining",
	    (double)(limit > usage ? limit - usage : 0));
	for (i = 0; i < sizeof others / sizeof others[0]; i++) {
		e = cJSON_AddObjectToObject(o, others[i]);
		cJSON_AddNumberToObject(e, "Max", 15000);
		cJSON_AddNumberToObject(e, "Remaining", 15000);
	}
	resp_json(resp, 200, o);
}

/* GET /services/data/: the versions list (no session needed). */
static void
rest_versions(struct sfemu *app, struct sfresp *resp)
{
	static const char	*labels[] = {
		"Winter '24", "Spring '24", "Summer '24", "Winter '25",
		"Spring '25", "Summer '25"
	};
	cJSON			*arr, *v;
	char			 tmp[64];
	int			 i;

	(void)app;
	arr = cJSON_CreateArray();
	for (i = REST_MIN_VERSION; i <= REST_MAX_VERSION; i++) {
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "label",
		    labels[i - REST_MIN_VERSION]);
		snprintf(tmp, sizeof tmp, "/services/data/v%d.0", i);
		cJSON_AddStringToObject(v, "url", tmp);
		snprintf(tmp, sizeof tmp, "%d.0", i);
		cJSON_AddStringToObject(v, "version", tmp);
		cJSON_AddItemToArray(arr, v);
	}
	resp_json(resp, 200, arr);
}

/* GET /services/data/vXX.X: the resources of a version. */
static void
rest_resources(struct sfresp *resp, const char *version)
{
	static const char	*names[] = {
		"sobjects", "query", "queryAll", "limits", "composite",
		"search", "parameterizedSearch"
	};
	cJSON			*o;
	char			 tmp[96];
	size_t			 i;

	o = cJSON_CreateObject();
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(tmp, sizeof tmp, "/services/data/v%s/%s", version,
		    names[i]);
		cJSON_AddStringToObject(o, names[i], tmp);
	}
	resp_json(resp, 200, o);
}

/* The describe type of field f. */
static const char *
rest_ftype(const struct fielddef *f)
{
	if (f->dtype != NULL)
		return (f->dtype);
	if (strcmp(f->name, "Id") == 0)
		return ("id");
	if (f->refs != NULL || (f->type == SOQL_STRING &&
	    strlen(f->name) > 2 && strcmp(f->name + strlen(f->name) - 2,
	    "Id") == 0))
		return ("reference");
	if (f->picklist != NULL)
		return ("picklist");
	switch (f->type) {
	case SOQL_BOOL:
		return ("boolean");
	case SOQL_DATE:
		return ("date");
	case SOQL_DATETIME:
		return ("datetime");
	case SOQL_NUMBER:
		return ("double");
	default:
		return (f->maxlen > 255 ? "textarea" : "string");
	}
}

/* Labels of the objects sfemu serves (singular, plural). */
static const struct {
	const char	*name, *label, *plural;
} rest_labels[] = {
	{ "Task", "Task", "Tasks" },
	{ "TaskStatus", "Task Status Value", "Task Status Values" },
	{ "TaskPriority", "Task Priority Value", "Task Priority Values" },
	{ "User", "User", "Users" },
	{ "Account", "Account", "Accounts" },
	{ "Contact", "Contact", "Contacts" },
	{ "Lead", "Lead", "Leads" },
};

/*
 * The DescribeGlobalSObjectResult of obj (resources_describeGlobal): the
 * object's names, key prefix, what may be done with it and its urls.
 */
static cJSON *
rest_sobject_info(const struct objdef *obj, const char *version)
{
	cJSON	*o, *urls;
	char	*url;
	size_t	 i;
	int	 task = strcmp(obj->name, "Task") == 0;
	int	 rw = task || obj->kind != NULL;

	o = cJSON_CreateObject();
	for (i = 0; i < sizeof rest_labels / sizeof rest_labels[0] - 1 &&
	    strcmp(rest_labels[i].name, obj->name) != 0; i++)
		continue;
	cJSON_AddStringToObject(o, "name", obj->name);
	cJSON_AddStringToObject(o, "label", rest_labels[i].label);
	cJSON_AddStringToObject(o, "labelPlural", rest_labels[i].plural);
	cJSON_AddStringToObject(o, "keyPrefix", obj->prefix);
	cJSON_AddBoolToObject(o, "custom", 0);
	cJSON_AddBoolToObject(o, "customSetting", 0);
	cJSON_AddBoolToObject(o, "queryable", 1);
	cJSON_AddBoolToObject(o, "retrieveable", 1);
	cJSON_AddBoolToObject(o, "searchable", obj->kind != NULL);
	cJSON_AddBoolToObject(o, "createable", rw);
	cJSON_AddBoolToObject(o, "updateable", rw);
	cJSON_AddBoolToObject(o, "deletable", rw);
	cJSON_AddBoolToObject(o, "undeletable", 0);
	cJSON_AddBoolToObject(o, "replicateable", task);
	cJSON_AddBoolToObject(o, "layoutable", 0);
	cJSON_AddBoolToObject(o, "triggerable", task);
	urls = cJSON_AddObjectToObject(o, "urls");
	url = xasprintf("/services/data/v%s/sobjects/%s", version, obj->name);
	cJSON_AddStringToObject(urls, "sobject", url);
	free(url);
	url = xasprintf("/services/data/v%s/sobjects/%s/describe", version,
	    obj->name);
	cJSON_AddStringToObject(urls, "describe", url);
	free(url);
	url = xasprintf("/services/data/v%s/sobjects/%s/{ID}", version,
	    obj->name);
	cJSON_AddStringToObject(urls, "rowTemplate", url);
	free(url);
	return (o);
}

/* GET /sobjects: Describe Global (resources_describeGlobal). */
static void
rest_describe_global(struct sfresp *resp, const char *version)
{
	const struct objdef	*obj;
	cJSON			*o, *arr;
	size_t			 i;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "encoding", "UTF-8");
	cJSON_AddNumberToObject(o, "maxBatchSize", 200);
	arr = cJSON_AddArrayToObject(o, "sobjects");
	for (i = 0; i < sizeof rest_labels / sizeof rest_labels[0]; i++) {
		if ((obj = obj_find(rest_labels[i].name)) != NULL)
			cJSON_AddItemToArray(arr, rest_sobject_info(obj,
			    version));
	}
	resp_json(resp, 200, o);
}

/* GET /sobjects/{obj}: sObject Basic Information (no recent items). */
static void
rest_basic_info(struct sfresp *resp, const struct objdef *obj,
    const char *version)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "objectDescribe", rest_sobject_info(obj,
	    version));
	cJSON_AddArrayToObject(o, "recentItems");
	resp_json(resp, 200, o);
}

/* The describe properties of f beyond name, label, type and length. */
static void
rest_describe_more(cJSON *fo, const struct fielddef *f)
{
	int	id = strcmp(f->name, "Id") == 0;

	cJSON_AddBoolToObject(fo, "custom", strstr(f->name, "__c") != NULL);
	cJSON_AddBoolToObject(fo, "calculated", f->expr != NULL &&
	    strncmp(f->expr, "COALESCE", 8) == 0);
	cJSON_AddBoolToObject(fo, "defaultedOnCreate",
	    (f->flags & OBJ_DEFAULTED) != 0);
	cJSON_AddBoolToObject(fo, "idLookup", id ||
	    (f->flags & OBJ_EXTID) != 0);
	cJSON_AddBoolToObject(fo, "filterable", f->type != SOQL_STRING ||
	    f->maxlen <= 255);
	cJSON_AddBoolToObject(fo, "sortable", f->type != SOQL_STRING ||
	    f->maxlen <= 255);
	if (f->relname != NULL)
		cJSON_AddStringToObject(fo, "relationshipName", f->relname);
	else
		cJSON_AddNullToObject(fo, "relationshipName");
	cJSON_AddBoolToObject(fo, "polymorphicForeignKey",
	    (f->flags & OBJ_POLY) != 0);
}

/* Fills referenceTo from the space-separated object list refs. */
static void
rest_describe_refs(cJSON *arr, const char *refs)
{
	const char	*sp;
	char		*one;

	while (refs != NULL && *refs != '\0') {
		sp = strchr(refs, ' ');
		one = sp != NULL ? xstrndup(refs, (size_t)(sp - refs)) :
		    xstrdup(refs);
		cJSON_AddItemToArray(arr, cJSON_CreateString(one));
		free(one);
		refs = sp != NULL ? sp + 1 : NULL;
	}
}

/* GET /sobjects/{obj}/describe (the fields a client checks). */
static void
rest_describe(struct sfemu *app, struct sfresp *resp,
    const struct objdef *obj, const char *version)
{
	const struct fielddef	*f;
	const char *const	*fixed;
	cJSON			*o, *fields, *fo, *pl, *pv, *refs;
	char			**vals, *def;
	size_t			 i, k, n;

	o = rest_sobject_info(obj, version);
	fields = cJSON_AddArrayToObject(o, "fields");
	for (i = 0; i < obj->nfields; i++) {
		f = &obj->fields[i];
		if (f->flags & (OBJ_REL | OBJ_HIDDEN))
			continue;
		if ((f->flags & OBJ_EXTID) && !rest_extid(app))
			continue;
		fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "name", f->name);
		cJSON_AddStringToObject(fo, "label", f->label != NULL ?
		    f->label : f->name);
		cJSON_AddStringToObject(fo, "type", rest_ftype(f));
		cJSON_AddNumberToObject(fo, "length", f->type == SOQL_STRING ?
		    (f->maxlen ? f->maxlen : 18) : 0);
		rest_describe_more(fo, f);
		cJSON_AddBoolToObject(fo, "nillable",
		    (f->flags & OBJ_NILLABLE) != 0);
		cJSON_AddBoolToObject(fo, "createable",
		    (f->flags & OBJ_CREATE) != 0);
		cJSON_AddBoolToObject(fo, "updateable",
		    (f->flags & OBJ_UPDATE) != 0);
		cJSON_AddBoolToObject(fo, "externalId",
		    (f->flags & OBJ_EXTID) != 0);
		cJSON_AddBoolToObject(fo, "unique",
		    (f->flags & OBJ_EXTID) != 0);
		cJSON_AddBoolToObject(fo, "restrictedPicklist",
		    f->picklist != NULL && !(f->flags & OBJ_OPENPICK));
		pl = cJSON_AddArrayToObject(fo, "picklistValues");
		if (f->picklist != NULL && strcmp(f->picklist,
		    "TaskSubtype") != 0) {
			vals = store_picklist(app->st, f->picklist, &n, &def);
			for (k = 0; k < n; k++) {
				pv = cJSON_CreateObject();
				cJSON_AddBoolToObject(pv, "active", 1);
				cJSON_AddBoolToObject(pv, "defaultValue",
				    def != NULL && strcmp(def, vals[k]) == 0);
				cJSON_AddStringToObject(pv, "label", vals[k]);
				cJSON_AddNullToObject(pv, "validFor");
				cJSON_AddStringToObject(pv, "value", vals[k]);
				cJSON_AddItemToArray(pl, pv);
			}
			store_picklist_free(vals, n);
			free(def);
		}
		fixed = f->picklist != NULL ? obj_picklist_fixed(f->picklist,
		    &n) : NULL;
		for (k = 0; fixed != NULL && k < n; k++) {
			pv = cJSON_CreateObject();
			cJSON_AddBoolToObject(pv, "active", 1);
			cJSON_AddBoolToObject(pv, "defaultValue", 0);
			cJSON_AddStringToObject(pv, "label", fixed[k]);
			cJSON_AddStringToObject(pv, "value", fixed[k]);
			cJSON_AddItemToArray(pl, pv);
		}
		refs = cJSON_AddArrayToObject(fo, "referenceTo");
		rest_describe_refs(refs, f->refs);
		cJSON_AddItemToArray(fields, fo);
	}
	resp_json(resp, 200, o);
}

/* Answers 405 for a method the resource does not allow. */
static void
rest_method(struct sfresp *resp, const char *method, const char *allowed)
{
	char	*msg;

	msg = xasprintf("HTTP Method '%s' not allowed. Allowed are %s",
	    method, allowed);
	resp_error(resp, 405, "METHOD_NOT_ALLOWED", msg, NULL);
	free(msg);
}

/* Routes /sobjects/... (rest after "sobjects/"). */
static void
rest_sobjects(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid, const char *version, char *rest)
{
	const struct objdef	*obj;
	const char		*m = req->method;
	char			*name, *a, *b;

	name = strsep(&rest, "/");
	a = rest != NULL ? strsep(&rest, "/") : NULL;
	b = rest != NULL ? strsep(&rest, "/") : NULL;
	if (a != NULL && *a == '\0')
		a = NULL;
	if (b != NULL && *b == '\0')
		b = NULL;
	obj = obj_find(name);
	if (obj == NULL || (rest != NULL && *rest != '\0')) {
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
		return;
	}
	if (a == NULL) {
		if (strcmp(m, "POST") == 0 && strcmp(obj->name, "Task") == 0)
			rest_create(app, req, resp, userid);
		else if (strcmp(m, "POST") == 0 && obj->kind != NULL)
			rest_party(app, req, resp, userid, obj, NULL);
		else if (strcmp(m, "GET") == 0)
			rest_basic_info(resp, obj, version);
		else
			rest_method(resp, m, "GET,POST");
		return;
	}
	if (b == NULL && (strcmp(a, "describe") == 0 ||
	    strcmp(a, "updated") == 0 || strcmp(a, "deleted") == 0)) {
		if (strcmp(m, "GET") != 0)
			rest_method(resp, m, "GET");
		else if (strcmp(a, "describe") == 0)
			rest_describe(app, resp, obj, version);
		else if (strcmp(obj->name, "Task") != 0)
			resp_error(resp, 400, "INVALID_TYPE",
			    "sfemu replicates only Task", NULL);
		else
			rest_replication(app, req, resp,
			    strcmp(a, "deleted") == 0);
		return;
	}
	if (b != NULL) {
		if (strcmp(obj->name, "Task") != 0)
			resp_error(resp, 404, "NOT_FOUND",
			    "The requested resource does not exist", NULL);
		else
			rest_extid_call(app, req, resp, userid, version, a, b);
		return;
	}
	if (strcmp(m, "GET") == 0)
		rest_get(app, req, resp, obj, version, a);
	else if (obj->kind != NULL && (strcmp(m, "PATCH") == 0 ||
	    strcmp(m, "DELETE") == 0))
		rest_party(app, req, resp, userid, obj, a);
	else if (strcmp(obj->name, "Task") != 0)
		resp_error(resp, 403, "INSUFFICIENT_ACCESS_OR_READONLY",
		    "sfemu: only Task records can be written", NULL);
	else if (strcmp(m, "PATCH") == 0)
		rest_update(app, req, resp, userid, a);
	else if (strcmp(m, "DELETE") == 0)
		rest_delete(app, resp, userid, a);
	else
		rest_method(resp, m, "GET,PATCH,DELETE");
}

void
rest_handle(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	const char	*p;
	char		*path, *rest, *seg, version[8], userid[SFID_LEN + 1];
	char		 info[64], locale[32];
	long long	 limit, usage;
	int		 major, minor, nread = 0;

	p = req->path + strlen("/services/data");
	if (*p == '\0' || strcmp(p, "/") == 0) {
		if (strcmp(req->method, "GET") != 0)
			rest_method(resp, req->method, "GET");
		else
			rest_versions(app, resp);
		return;
	}
	if (sscanf(p, "/v%d.%d%n", &major, &minor, &nread) != 2 ||
	    (p[nread] != '\0' && p[nread] != '/') || minor != 0 ||
	    major < REST_MIN_VERSION || major > REST_MAX_VERSION) {
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
		return;
	}
	snprintf(version, sizeof version, "%d.0", major);
	if (oauth_check(app, req, resp, userid) != 0)
		return;
	rest_limits_get(app, &limit, &usage);
	if (usage >= limit) {
		resp_error(resp, 403, "REQUEST_LIMIT_EXCEEDED",
		    "TotalRequests Limit exceeded.", NULL);
		snprintf(info, sizeof info, "api-usage=%lld/%lld", usage,
		    limit);
		resp_header(resp, "Sforce-Limit-Info", info);
		return;
	}
	rest_count_call(app);
	store_purge(app->st, store_now(app->st));
	/* Person names read in the caller's locale, for this call only. */
	store_locale(app->st, userid, locale, sizeof locale);
	store_name_order(app->st, locale);
	store_viewer(app->st, userid);

	path = xstrdup(p + nread);
	rest = path;
	if (*rest == '/')
		rest++;
	seg = strsep(&rest, "/");
	if (*seg == '\0')
		rest_resources(resp, version);
	else if (strcmp(seg, "limits") == 0 && rest == NULL)
		rest_limits(app, resp);
	else if ((strcmp(seg, "query") == 0 || strcmp(seg, "queryAll") == 0) &&
	    strcmp(req->method, "GET") != 0)
		rest_method(resp, req->method, "GET,HEAD");
	else if (strcmp(seg, "query") == 0 || strcmp(seg, "queryAll") == 0) {
		if (rest == NULL || *rest == '\0')
			rest_query(app, req, resp, version,
			    strcmp(seg, "queryAll") == 0);
		else
			rest_query_more(app, resp, rest);
	} else if (strcmp(seg, "sobjects") == 0 &&
	    (rest == NULL || *rest == '\0')) {
		if (strcmp(req->method, "GET") != 0)
			rest_method(resp, req->method, "GET");
		else
			rest_describe_global(resp, version);
	} else if (strcmp(seg, "sobjects") == 0)
		rest_sobjects(app, req, resp, userid, version, rest);
	else if ((strcmp(seg, "search") == 0 ||
	    strcmp(seg, "parameterizedSearch") == 0) &&
	    (rest == NULL || *rest == '\0')) {
		if (strcmp(req->method, "GET") != 0)
			rest_method(resp, req->method, "GET");
		else
			rest_search(app, req, resp, version,
			    strcmp(seg, "parameterizedSearch") == 0);
	}
	else if (strcmp(seg, "composite") == 0) {
		rest_composite(app, req, resp, userid, version, rest);
	} else
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
	free(path);
	store_name_order(app->st, NULL);
	store_viewer(app->st, NULL);
	rest_limits_get(app, &limit, &usage);
	snprintf(info, sizeof info, "api-usage=%lld/%lld", usage, limit);
	resp_header(resp, "Sforce-Limit-Info", info);
}
