/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The data API, following the REST API Developer Guide
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/
 * api_rest/):
 * - every call needs a bearer token (401 INVALID_SESSION_ID), counts
 *   against the rolling 24-hour allocation reported by /limits as
 *   DailyApiRequests and in the Sforce-Limit-Info header; past it, 403
 *   REQUEST_LIMIT_EXCEEDED ("API Request Limits and Allocations");
 * - sObject Rows: POST creates (201 {id, success, errors}), GET reads,
 *   PATCH updates (204), DELETE moves to the recycle bin (204); PATCH
 *   honours If-Unmodified-Since with 412 (intro_rest_conditional_requests);
 * - sObject Rows by External ID: PATCH upserts, 201 created / 200 updated
 *   with {id, success, errors, created} (dome_upsert);
 * - query / queryAll: at most 2,000 records a batch, nextRecordsUrl for the
 *   rest; Sforce-Query-Options: batchSize=200..2000 (headers_queryoptions);
 * - sObject Get Updated / Get Deleted (resources_getupdated,
 *   resources_getdeleted): seconds are ignored, latestDateCovered is the
 *   end of the range actually covered, deleted records are kept 15 days;
 * - sObject Collections (resources_composite_sobjects_collections): up to
 *   200 records, results in request order, allOrNone rolls back all.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "sfemu-oauth.h"
#include "sfemu-reply.h"
#include "sfemu-rest.h"
#include "sfemu-soql.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#define REST_MIN_VERSION	59
#define REST_MAX_VERSION	64
#define REST_MAX_BATCH		2000
#define REST_MIN_BATCH		200
#define REST_MAX_CURSORS	64
#define REST_CURSOR_IDLE_MS	(15 * 60 * 1000LL)
#define REST_COLLECTION_MAX	200
#define REST_EXTID		"TaskdeckKey__c"

struct cursor {
	char		  id[SFID_LEN + 1];
	char		  version[8];
	int		  all;		/* queryAll */
	char		**recs;		/* rendered records */
	size_t		  n;
	int		  batch;
	long long	  used;		/* emulator ms */
};

struct sfrest {
	struct cursor	*cursors[REST_MAX_CURSORS];
	long long	 limit;		/* < 0: use the command line's */
	long long	 hour[24];	/* usage buckets: hour number ... */
	long long	 count[24];	/* ... and calls in it */
};

/* One failed record write: status, code, message, field. */
struct werr {
	int		 status;
	const char	*code;
	char		*msg;
	const char	*field;
};

struct sfrest *
rest_new(void)
{
	struct sfrest	*r;

	r = xcalloc(1, sizeof *r);
	r->limit = -1;
	return (r);
}

/* Frees a cursor. */
static void
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

/* Sets a werr (message formatted). */
static void
werr_set(struct werr *e, int status, const char *code, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void
werr_set(struct werr *e, int status, const char *code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;
	char	msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(e->msg);
	e->status = status;
	e->code = code;
	e->msg = xstrdup(msg);
	e->field = field;
}

/* Whether the org has the external-Id field on Task. */
static int
rest_extid(struct sfemu *app)
{
	return (store_get_int(app->st, "external_id", 1) != 0);
}

/* Answers a single-record error from e. */
static void
rest_werr(struct sfresp *resp, struct werr *e)
{
	resp_error(resp, e->status, e->code, e->msg, e->field);
}

/* Checks a reference field value: an existing record of an allowed type. */
static int
rest_check_ref(struct sfemu *app, const struct fielddef *f, const char *v,
    char out[SFID_LEN + 1], struct werr *e)
{
	const struct objdef	*o;
	struct rec		*r;
	const char		*label;

	label = strcmp(f->name, "WhoId") == 0 ? "Name ID" :
	    strcmp(f->name, "WhatId") == 0 ? "Related To ID" :
	    strcmp(f->name, "OwnerId") == 0 ? "Assigned To ID" : f->name;
	if (sfid_norm(v, out) != 0) {
		werr_set(e, 400, "MALFORMED_ID", f->name,
		    "%s: id value of incorrect type: %s", label, v);
		return (-1);
	}
	o = obj_of_id(out);
	if (o == NULL || strstr(f->refs, o->name) == NULL) {
		werr_set(e, 400, "FIELD_INTEGRITY_EXCEPTION", f->name,
		    "%s: id value of incorrect type: %s", label, v);
		return (-1);
	}
	r = store_load_one(app->st, o, out);
	if (r == NULL) {
		werr_set(e, 400, "INVALID_CROSS_REFERENCE_KEY", f->name,
		    "%s: id value of incorrect type: %s", label, v);
		return (-1);
	}
	rec_free(r);
	return (0);
}

/* Checks a restricted picklist value against the org's values. */
static int
rest_check_picklist(struct sfemu *app, const struct fielddef *f,
    const char *v, struct werr *e)
{
	char	**vals;
	size_t	  n;
	int	  ok;

	vals = store_picklist(app->st, f->picklist, &n, NULL);
	ok = obj_picklist_ok(f->picklist, v, (const char *const *)vals, n);
	store_picklist_free(vals, n);
	if (!ok)
		werr_set(e, 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
		    f->name, "%s: bad value for restricted picklist field: %s",
		    f->name, v);
	return (ok ? 0 : -1);
}

/*
 * Converts the JSON value j of field f into v (strings borrowed from j or
 * from idbuf), applying Salesforce's validation.  0 or -1 with e set.
 */
static int
rest_convert(struct sfemu *app, const struct fielddef *f, const cJSON *j,
    struct soql_value *v, char idbuf[SFID_LEN + 1], char *numbuf,
    struct werr *e)
{
	const char	*s = NULL;

	memset(v, 0, sizeof *v);
	if (cJSON_IsNull(j) || (cJSON_IsString(j) && *j->valuestring == '\0' &&
	    f->type != SOQL_BOOL)) {
		/* Salesforce stores an empty string as null. */
		if (f->type == SOQL_BOOL) {
			v->type = SOQL_BOOL;
			return (0);
		}
		if (f->picklist != NULL && !(f->flags & OBJ_NILLABLE)) {
			werr_set(e, 400,
			    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", f->name,
			    "%s: bad value for restricted picklist field: ",
			    f->name);
			return (-1);
		}
		if (!(f->flags & OBJ_NILLABLE)) {
			werr_set(e, 400, "REQUIRED_FIELD_MISSING", f->name,
			    "Required fields are missing: [%s]", f->name);
			return (-1);
		}
		v->type = SOQL_NULL;
		return (0);
	}
	switch (f->type) {
	case SOQL_BOOL:
		if (!cJSON_IsBool(j))
			goto parse;
		v->type = SOQL_BOOL;
		v->b = cJSON_IsTrue(j);
		return (0);
	case SOQL_DATE:
		if (!cJSON_IsString(j) ||
		    util_parse_date(j->valuestring, &v->i) != 0)
			goto parse;
		v->type = SOQL_DATE;
		return (0);
	case SOQL_STRING:
		if (cJSON_IsString(j))
			s = j->valuestring;
		else if (cJSON_IsNumber(j)) {
			snprintf(numbuf, 32, "%.15g", j->valuedouble);
			s = numbuf;
		} else
			goto parse;
		break;
	default:
		goto parse;
	}
	if (f->maxlen > 0 && util_utf8_len(s) > (size_t)f->maxlen) {
		werr_set(e, 400, "STRING_TOO_LONG", f->name,
		    "%s: data value too large: %.40s... (max length=%d)",
		    f->name, s, f->maxlen);
		return (-1);
	}
	if (f->picklist != NULL && rest_check_picklist(app, f, s, e) != 0)
		return (-1);
	if (f->refs != NULL) {
		if (rest_check_ref(app, f, s, idbuf, e) != 0)
			return (-1);
		s = idbuf;
	}
	obj_value_str(v, s);
	return (0);
parse:
	werr_set(e, 400, "JSON_PARSER_ERROR", NULL,
	    "Cannot deserialize instance of %s from %s value %s or request "
	    "may be missing a required field", f->type == SOQL_BOOL ?
	    "boolean" : f->type == SOQL_DATE ? "date" : "string",
	    cJSON_IsString(j) ? "VALUE_STRING" : cJSON_IsNumber(j) ?
	    "VALUE_NUMBER_INT" : cJSON_IsBool(j) ? "VALUE_TRUE" :
	    "START_OBJECT",
	    cJSON_IsString(j) ? j->valuestring : "");
	return (-1);
}

#define REST_MAXCOLS	32

/*
 * Creates (id NULL) or updates task id from the JSON object body as
 * userid.  extkey, if not NULL, is the external-Id value of an upsert.
 * Fills outid.  0 or -1 with e set.
 */
static int
rest_task_write(struct sfemu *app, const char *userid, const cJSON *body,
    const char *id, const char *extkey, char outid[SFID_LEN + 1],
    struct werr *e)
{
	const struct objdef	*task = obj_find("Task");
	const struct fielddef	*f;
	const cJSON		*j;
	const char		*cols[REST_MAXCOLS];
	struct soql_value	 vals[REST_MAXCOLS];
	char			 ids[REST_MAXCOLS][SFID_LEN + 1];
	char			 nums[REST_MAXCOLS][32];
	char			 dup[SFID_LEN + 1];
	char			*def_status = NULL, *def_prio = NULL, **pv;
	size_t			 n = 0, i, pn;
	long long		 now;
	int			 fi, create = id == NULL, rc = -1;
	int			 have_status = 0;
	int			 have_prio = 0, have_owner = 0, have_sub = 0;

	if (!cJSON_IsObject(body)) {
		werr_set(e, 400, "JSON_PARSER_ERROR", NULL,
		    "Cannot deserialize instance of Task from %s value",
		    cJSON_IsArray(body) ? "START_ARRAY" : "VALUE_STRING");
		return (-1);
	}
	cJSON_ArrayForEach(j, body) {
		if (strcmp(j->string, "attributes") == 0)
			continue;
		if (strcasecmp(j->string, "Id") == 0 && !create)
			continue;
		fi = obj_field(task, j->string, rest_extid(app));
		if (fi < 0) {
			werr_set(e, 400, "INVALID_FIELD", NULL,
			    "No such column '%s' on sobject of type Task",
			    j->string);
			goto out;
		}
		f = &task->fields[fi];
		if (!(f->flags & (create ? OBJ_CREATE : OBJ_UPDATE))) {
			werr_set(e, 400, "INVALID_FIELD_FOR_INSERT_UPDATE",
			    f->name, "Unable to create/update fields: %s. "
			    "Please check the security settings of this field "
			    "and verify that it is read/write for your profile "
			    "or permission set.", f->name);
			goto out;
		}
		if (extkey != NULL && (f->flags & OBJ_EXTID) &&
		    (!cJSON_IsString(j) ||
		    strcmp(j->valuestring, extkey) != 0)) {
			werr_set(e, 400, "INVALID_FIELD", f->name,
			    "The external ID field in the body must match the "
			    "value in the URL: %s", f->name);
			goto out;
		}
		if (n == REST_MAXCOLS - 10)
			continue;
		for (i = 0; i < n; i++) {
			if (strcmp(cols[i], f->col) == 0)
				break;
		}
		if (rest_convert(app, f, j, &vals[i], ids[i], nums[i], e) != 0)
			goto out;
		cols[i] = f->col;
		if (i == n)
			n++;
		have_status |= strcmp(f->col, "status") == 0;
		have_prio |= strcmp(f->col, "priority") == 0;
		have_owner |= strcmp(f->col, "ownerid") == 0;
		have_sub |= strcmp(f->col, "tasksubtype") == 0;
	}
	now = store_now(app->st);
	if (create) {
		pv = store_picklist(app->st, "TaskStatus", &pn, &def_status);
		store_picklist_free(pv, pn);
		pv = store_picklist(app->st, "TaskPriority", &pn, &def_prio);
		store_picklist_free(pv, pn);
		if (!have_status) {
			cols[n] = "status";
			obj_value_str(&vals[n++], def_status != NULL ?
			    def_status : "Not Started");
		}
		if (!have_prio) {
			cols[n] = "priority";
			obj_value_str(&vals[n++], def_prio != NULL ?
			    def_prio : "Normal");
		}
		if (!have_owner) {
			cols[n] = "ownerid";
			obj_value_str(&vals[n++], userid);
		}
		if (!have_sub) {
			cols[n] = "tasksubtype";
			obj_value_str(&vals[n++], "Task");
		}
		if (extkey != NULL) {
			cols[n] = "extkey";
			obj_value_str(&vals[n++], extkey);
		}
		cols[n] = "createddate";
		vals[n].type = SOQL_DATETIME;
		vals[n++].i = now;
		cols[n] = "createdbyid";
		obj_value_str(&vals[n++], userid);
	}
	n = obj_stamp_write(cols, vals, n, now, userid);
	if (create)
		store_new_id(app->st, "00T", outid);
	else if (outid != id)
		memmove(outid, id, SFID_LEN + 1);
	switch (store_write(app->st, "tasks", create, outid, cols, vals, n)) {
	case 0:
		rc = 0;
		break;
	case -2:
		/* The unique external-Id field (tasks_extkey) refused it. */
		for (i = 0; i < n && strcmp(cols[i], "extkey") != 0; i++)
			continue;
		if (i == n || vals[i].s == NULL ||
		    store_task_by_extkey(app->st, vals[i].s, 1, dup) != 0)
			snprintf(dup, sizeof dup, "%s", "<unknown>");
		werr_set(e, 400, "DUPLICATE_VALUE", NULL,
		    "duplicate value found: %s duplicates value on record "
		    "with id: %s", REST_EXTID, dup);
		break;
	default:
		werr_set(e, 500, "UNKNOWN_EXCEPTION", NULL,
		    "An unexpected error occurred");
		break;
	}
out:
	free(def_status);
	free(def_prio);
	return (rc);
}

/*
 * Loads task id for a write, failing as Salesforce does on a missing or
 * deleted record.  Returns the record or NULL with e set.
 */
static struct rec *
rest_task_for_write(struct sfemu *app, const char *rawid,
    char id[SFID_LEN + 1], struct werr *e)
{
	const struct objdef	*task = obj_find("Task");
	struct rec		*r;

	if (sfid_norm(rawid, id) != 0 || strncmp(id, "00T", 3) != 0) {
		werr_set(e, 400, "MALFORMED_ID", "Id",
		    "Task ID: id value of incorrect type: %s", rawid);
		return (NULL);
	}
	r = store_load_one(app->st, task, id);
	if (r == NULL) {
		werr_set(e, 404, "INVALID_CROSS_REFERENCE_KEY", NULL,
		    "invalid cross reference id");
		return (NULL);
	}
	if (r->v[obj_field(task, "IsDeleted", 0)].b) {
		werr_set(e, 404, "ENTITY_IS_DELETED", NULL,
		    "entity is deleted");
		rec_free(r);
		return (NULL);
	}
	return (r);
}

/* Parses a JSON body or answers 400 JSON_PARSER_ERROR. */
static cJSON *
rest_body(struct sfreq *req, struct sfresp *resp)
{
	cJSON	*j;

	j = cJSON_ParseWithLength(req->body, req->bodylen);
	if (j == NULL)
		resp_error(resp, 400, "JSON_PARSER_ERROR",
		    "Unexpected character in the request body: not valid JSON",
		    NULL);
	return (j);
}

/* The {"id","success","errors"} result of a single write. */
static cJSON *
rest_save_result(const char *id, int created)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddBoolToObject(o, "success", 1);
	cJSON_AddArrayToObject(o, "errors");
	if (created >= 0)
		cJSON_AddBoolToObject(o, "created", created);
	return (o);
}

/* POST /sobjects/Task. */
static void
rest_create(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid)
{
	struct werr	 e = { 0 };
	cJSON		*body;
	char		 id[SFID_LEN + 1];

	if ((body = rest_body(req, resp)) == NULL)
		return;
	if (rest_task_write(app, userid, body, NULL, NULL, id, &e) != 0)
		rest_werr(resp, &e);
	else
		resp_json(resp, 201, rest_save_result(id, -1));
	cJSON_Delete(body);
	free(e.msg);
}

/* PATCH /sobjects/Task/{id}, with If-Unmodified-Since. */
static void
rest_update(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid, const char *rawid)
{
	const struct objdef	*task = obj_find("Task");
	struct werr		 e = { 0 };
	struct rec		*r;
	cJSON			*body = NULL;
	const char		*ius;
	char			 id[SFID_LEN + 1];
	long long		 since;

	if ((r = rest_task_for_write(app, rawid, id, &e)) == NULL) {
		if (strcmp(e.code, "INVALID_CROSS_REFERENCE_KEY") == 0)
			werr_set(&e, 404, "NOT_FOUND", NULL,
			    "The requested resource does not exist");
		rest_werr(resp, &e);
		goto out;
	}
	if ((ius = http_header(req, "If-Unmodified-Since")) != NULL) {
		/*
		 * "When you include an invalid header value for ...
		 * If-Unmodified-Since on a PATCH or POST request, a 400 Bad
		 * Request status code is returned" (Conditional Request
		 * Headers).  The header has whole seconds.
		 */
		if (util_parse_httpdate(ius, &since) != 0) {
			resp_error(resp, 400, "INVALID_HEADER_VALUE",
			    "Invalid If-Unmodified-Since header value", NULL);
			goto out;
		}
		if (r->v[obj_field(task, "LastModifiedDate", 0)].i / 1000 >
		    since / 1000) {
			resp_error(resp, 412, "PRECONDITION_FAILED",
			    "The requested resource has been modified since "
			    "the If-Unmodified-Since date", NULL);
			goto out;
		}
	}
	if ((body = rest_body(req, resp)) == NULL)
		goto out;
	if (rest_task_write(app, userid, body, id, NULL, id, &e) != 0)
		rest_werr(resp, &e);
	else
		resp->status = 204;
out:
	rec_free(r);
	cJSON_Delete(body);
	free(e.msg);
}

/* DELETE /sobjects/Task/{id}. */
static void
rest_delete(struct sfemu *app, struct sfresp *resp, const char *userid,
    const char *rawid)
{
	struct werr	 e = { 0 };
	struct rec	*r;
	char		 id[SFID_LEN + 1];

	if ((r = rest_task_for_write(app, rawid, id, &e)) == NULL) {
		if (strcmp(e.code, "INVALID_CROSS_REFERENCE_KEY") == 0)
			werr_set(&e, 404, "NOT_FOUND", NULL,
			    "The requested resource does not exist");
		rest_werr(resp, &e);
	} else {
		store_task_delete(app->st, id, store_now(app->st), userid);
		resp->status = 204;
	}
	rec_free(r);
	free(e.msg);
}

/*
 * Resolves a ?fields= list into field indices of obj (all visible fields
 * if fields is NULL: *idx NULL).  0 or -1 having answered INVALID_FIELD.
 */
static int
rest_fields(struct sfemu *app, const struct objdef *obj, const char *fields,
    int **idx, size_t *n, struct sfresp *resp)
{
	char	*copy, *p, *tok, *msg;
	int	 fi;

	*idx = NULL;
	*n = 0;
	if (fields == NULL)
		return (0);
	copy = xstrdup(fields);
	for (p = copy; (tok = strsep(&p, ",")) != NULL; ) {
		while (isspace((unsigned char)*tok))
			tok++;
		if (*tok == '\0')
			continue;
		fi = obj_field(obj, tok, rest_extid(app));
		if (fi < 0) {
			msg = xasprintf("No such column '%s' on entity '%s'. "
			    "If you are attempting to use a custom field, be "
			    "sure to append the '__c' after the custom field "
			    "name. Please reference your WSDL or the describe "
			    "call for the appropriate names.", tok, obj->name);
			resp_error(resp, 400, "INVALID_FIELD", msg, NULL);
			free(msg);
			free(copy);
			free(*idx);
			*idx = NULL;
			return (-1);
		}
		*idx = xreallocarray(*idx, *n + 1, sizeof **idx);
		(*idx)[(*n)++] = fi;
	}
	free(copy);
	return (0);
}

/* GET /sobjects/{obj}/{id}. */
static void
rest_get(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const struct objdef *obj, const char *version, const char *rawid)
{
	struct rec	*r;
	char		 id[SFID_LEN + 1], *msg;
	int		*idx;
	size_t		 n;
	int		 del;

	if (sfid_norm(rawid, id) != 0 || strncmp(id, obj->prefix, 3) != 0) {
		msg = xasprintf("Provided external ID field does not exist or "
		    "is not accessible: %s", rawid);
		resp_error(resp, 404, "NOT_FOUND", msg, NULL);
		free(msg);
		return;
	}
	if (rest_fields(app, obj, http_arg(req, "fields"), &idx, &n,
	    resp) != 0)
		return;
	r = store_load_one(app->st, obj, id);
	if (r == NULL)
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
	else {
		del = strcmp(obj->name, "Task") == 0 &&
		    r->v[obj_field(obj, "IsDeleted", 0)].b;
		if (del)
			resp_error(resp, 404, "ENTITY_IS_DELETED",
			    "entity is deleted", NULL);
		else
			resp_json(resp, 200, rec_json(r, version, idx, n,
			    rest_extid(app), 0));
	}
	rec_free(r);
	free(idx);
}

/* GET / PATCH /sobjects/Task/TaskdeckKey__c/{value}: read or upsert. */
static void
rest_extid_call(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid, const char *version, const char *field,
    const char *value)
{
	struct werr	 e = { 0 };
	cJSON		*body;
	char		 id[SFID_LEN + 1], *msg;
	int		 found;

	if (!rest_extid(app) || strcasecmp(field, REST_EXTID) != 0) {
		msg = xasprintf("Provided external ID field does not exist or "
		    "is not accessible: %s", field);
		resp_error(resp, 404, "NOT_FOUND", msg, NULL);
		free(msg);
		return;
	}
	found = store_task_by_extkey(app->st, value, 0, id) == 0;
	if (strcmp(req->method, "GET") == 0) {
		if (!found)
			resp_error(resp, 404, "NOT_FOUND",
			    "The requested resource does not exist", NULL);
		else
			rest_get(app, req, resp, obj_find("Task"), version, id);
		return;
	}
	if (strcmp(req->method, "PATCH") != 0) {
		resp_error(resp, 405, "METHOD_NOT_ALLOWED", "HTTP Method '"
		    "POST' not allowed. Allowed are GET,PATCH", NULL);
		return;
	}
	if ((body = rest_body(req, resp)) == NULL)
		return;
	if (rest_task_write(app, userid, body, found ? id : NULL, value, id,
	    &e) != 0)
		rest_werr(resp, &e);
	else
		resp_json(resp, found ? 200 : 201,
		    rest_save_result(id, !found));
	cJSON_Delete(body);
	free(e.msg);
}

/* Floors ms to the minute (getUpdated/getDeleted ignore seconds). */
static long long
rest_minute(long long ms)
{
	return (ms - ((ms % 60000) + 60000) % 60000);
}

/* GET /sobjects/Task/updated/ and /deleted/. */
static void
rest_replication(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    int deleted)
{
	const char	*s, *en;
	char		(*ids)[SFID_LEN + 1], tmp[40];
	long long	 start, end, now, covered, *when, window;
	cJSON		*o, *arr, *d;
	size_t		 n, i;

	s = http_arg(req, "start");
	en = http_arg(req, "end");
	if (s == NULL || en == NULL) {
		resp_error(resp, 400, "MISSING_ARGUMENT",
		    "start and end must be specified", NULL);
		return;
	}
	if (util_parse_datetime(s, &start) != 0 ||
	    util_parse_datetime(en, &end) != 0) {
		resp_error(resp, 400, "INVALID_REPLICATION_DATE",
		    "start and end must be ISO 8601 date-times", NULL);
		return;
	}
	now = store_now(app->st);
	start = rest_minute(start);
	end = rest_minute(end);
	if (start >= end) {
		resp_error(resp, 400, "INVALID_REPLICATION_DATE",
		    "startDate must chronologically precede endDate", NULL);
		return;
	}
	/*
	 * Get Updated reaches back 30 days; Get Deleted 15 days, the
	 * recycle bin ("Results are returned for no more than 15 days
	 * previous to the day the call is executed").
	 */
	window = (deleted ? 15 : 30) * SFEMU_DAY_MS;
	if (start < now - window) {
		resp_error(resp, 400, "INVALID_REPLICATION_DATE", deleted ?
		    "startDate cannot be more than 15 days ago" :
		    "startDate cannot be more than 30 days ago", NULL);
		return;
	}
	covered = end < rest_minute(now) ? end : rest_minute(now);
	n = store_changes(app->st, deleted, start, covered, &ids, &when);
	o = cJSON_CreateObject();
	if (deleted) {
		arr = cJSON_AddArrayToObject(o, "deletedRecords");
		for (i = 0; i < n; i++) {
			d = cJSON_CreateObject();
			cJSON_AddStringToObject(d, "id", ids[i]);
			util_fmt_datetime(when[i], tmp, sizeof tmp);
			cJSON_AddStringToObject(d, "deletedDate", tmp);
			cJSON_AddItemToArray(arr, d);
		}
		/*
		 * The last purged deletion, rounded up to the minute so that
		 * a client whose cursor is older never misses a purge.
		 */
		util_fmt_datetime(rest_minute(store_get_int(app->st,
		    "purge_horizon", now) + 59999), tmp, sizeof tmp);
		cJSON_AddStringToObject(o, "earliestDateAvailable", tmp);
	} else {
		arr = cJSON_AddArrayToObject(o, "ids");
		for (i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(ids[i]));
	}
	util_fmt_datetime(covered, tmp, sizeof tmp);
	cJSON_AddStringToObject(o, "latestDateCovered", tmp);
	resp_json(resp, 200, o);
	free(ids);
	free(when);
}

/* Answers a query error in Salesforce's multi-line form. */
static void
rest_query_error(struct sfresp *resp, const char *code, const char *q,
    size_t pos, const char *what)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_addf(&b, "\n%s\n", q);
	for (i = 1; i < pos; i++)
		buf_addc(&b, ' ');
	buf_addf(&b, "^\nERROR at Row:1:Column:%zu\n%s", pos, what);
	resp_error(resp, 400, code, b.data, NULL);
	buf_release(&b);
}

/* The 1-based column of word in q (case-insensitive), or 1. */
static size_t
rest_col(const char *q, const char *word)
{
	const char	*p;

	p = strcasestr(q, word);
	return (p != NULL ? (size_t)(p - q) + 1 : 1);
}

/* Merge sort of recs by the query's ORDER BY (stable). */
static void
rest_sort(struct soql_query *q, struct rec **a, struct rec **tmp, size_t n)
{
	size_t	mid, i, j, k;

	if (n < 2)
		return;
	mid = n / 2;
	rest_sort(q, a, tmp, mid);
	rest_sort(q, a + mid, tmp, n - mid);
	for (i = 0, j = mid, k = 0; i < mid && j < n; ) {
		if (soql_compare(q, rec_get, a[j], a[i]) < 0)
			tmp[k++] = a[j++];
		else
			tmp[k++] = a[i++];
	}
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

/* Writes one page of cursor c from offset into resp. */
static void
rest_page(struct sfresp *resp, struct cursor *c, size_t total,
    size_t offset)
{
	struct buf	b;
	size_t		i, end;

	end = offset + (size_t)c->batch;
	if (end > c->n)
		end = c->n;
	buf_init(&b);
	buf_addf(&b, "{\"totalSize\":%zu,\"done\":%s", total,
	    end >= c->n ? "true" : "false");
	if (end < c->n)
		buf_addf(&b, ",\"nextRecordsUrl\":"
		    "\"/services/data/v%s/%s/%s-%zu\"",
		    c->version, c->all ? "queryAll" : "query", c->id, end);
	buf_adds(&b, ",\"records\":[");
	for (i = offset; i < end; i++) {
		if (i > offset)
			buf_addc(&b, ',');
		buf_adds(&b, c->recs[i]);
	}
	buf_adds(&b, "]}");
	resp->status = 200;
	resp->ctype = "application/json;charset=UTF-8";
	buf_reset(&resp->body);
	buf_add(&resp->body, b.data, b.len);
	buf_release(&b);
}

/* Keeps cursor c, evicting the least recently used one if full. */
static void
rest_cursor_keep(struct sfemu *app, struct cursor *c)
{
	struct sfrest	*r = app->rest;
	size_t		 i, victim = 0;

	for (i = 0; i < REST_MAX_CURSORS; i++) {
		if (r->cursors[i] == NULL) {
			r->cursors[i] = c;
			return;
		}
		if (r->cursors[i]->used < r->cursors[victim]->used)
			victim = i;
	}
	rest_cursor_free(r->cursors[victim]);
	r->cursors[victim] = c;
}

/* The batch size from Sforce-Query-Options, clamped to 200..2000. */
static int
rest_batch(struct sfreq *req)
{
	const char	*h, *p;
	long		 v;

	h = http_header(req, "Sforce-Query-Options");
	if (h == NULL || (p = strcasestr(h, "batchSize=")) == NULL)
		return (REST_MAX_BATCH);
	v = strtol(p + 10, NULL, 10);
	if (v < REST_MIN_BATCH)
		v = REST_MIN_BATCH;
	if (v > REST_MAX_BATCH)
		v = REST_MAX_BATCH;
	return ((int)v);
}

/* GET /query?q= and /queryAll?q=. */
static void
rest_query(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *version, int all)
{
	const struct objdef	*obj;
	struct soql_query	*q;
	struct rec		**recs = NULL, **tmp;
	struct cursor		*c;
	const char		*text;
	char			*cause = NULL, *what;
	size_t			 pos = 0, n = 0, i, k, nf;
	long long		 now, lim, off;
	int			*idx = NULL, fi, rc;
	unsigned char		*need;
	cJSON			*j;

	text = http_arg(req, "q");
	if (text == NULL || *text == '\0') {
		resp_error(resp, 400, "MALFORMED_QUERY",
		    "A query string has to be specified", NULL);
		return;
	}
	if ((q = soql_parse(text, &cause, &pos)) == NULL) {
		rest_query_error(resp, "MALFORMED_QUERY", text, pos,
		    cause != NULL ? cause : "unexpected token");
		free(cause);
		return;
	}
	obj = obj_find(soql_object(q));
	if (obj == NULL) {
		what = xasprintf("sObject type '%s' is not supported. If you "
		    "are attempting to use a custom object, be sure to append "
		    "the '__c' after the entity name. Please reference your "
		    "WSDL or the describe call for the appropriate names.",
		    soql_object(q));
		rest_query_error(resp, "INVALID_TYPE", text,
		    rest_col(text, soql_object(q)), what);
		free(what);
		goto out;
	}
	for (i = 0; i < soql_nrefs(q); i++) {
		if (obj_field(obj, soql_ref(q, i), rest_extid(app)) >= 0)
			continue;
		what = xasprintf("No such column '%s' on entity '%s'. If you "
		    "are attempting to use a custom field, be sure to append "
		    "the '__c' after the custom field name. Please reference "
		    "your WSDL or the describe call for the appropriate "
		    "names.", soql_ref(q, i), obj->name);
		rest_query_error(resp, "INVALID_FIELD", text,
		    rest_col(text, soql_ref(q, i)), what);
		free(what);
		goto out;
	}
	/* Load only what the query names, and the Ids its relations follow. */
	need = xcalloc(obj->nfields, 1);
	need[0] = 1;
	for (i = 0; i < soql_nrefs(q); i++) {
		fi = obj_field(obj, soql_ref(q, i), 1);
		need[fi] = 1;
		if (obj->fields[fi].relid != NULL)
			need[obj_field(obj, obj->fields[fi].relid, 1)] = 1;
	}
	rc = store_load(app->st, obj, all || strcmp(obj->name, "Task") != 0 ?
	    NULL : "t.isdeleted = 0", NULL, need, &recs, &n);
	free(need);
	if (rc != 0) {
		resp_error(resp, 500, "UNKNOWN_EXCEPTION",
		    "An unexpected error occurred", NULL);
		goto out;
	}
	now = store_now(app->st);
	for (i = 0, k = 0; i < n; i++) {
		if (soql_match(q, rec_get, recs[i], now) == 1)
			recs[k++] = recs[i];
		else
			rec_free(recs[i]);
	}
	n = k;
	tmp = xreallocarray(NULL, n + 1, sizeof *tmp);
	rest_sort(q, recs, tmp, n);
	free(tmp);
	off = soql_offset(q);
	lim = soql_limit(q);
	k = 0;
	for (i = 0; i < n; i++) {
		if ((long long)i < off || (lim >= 0 &&
		    (long long)i >= off + lim))
			rec_free(recs[i]);
		else
			recs[k++] = recs[i];
	}
	n = k;
	c = xcalloc(1, sizeof *c);
	snprintf(c->version, sizeof c->version, "%s", version);
	c->all = all;
	c->batch = rest_batch(req);
	c->used = now;
	if (soql_is_count(q)) {
		resp->status = 200;
		buf_addf(&resp->body, "{\"totalSize\":%zu,\"done\":true,"
		    "\"records\":[]}", n);
		resp->ctype = "application/json;charset=UTF-8";
		rest_cursor_free(c);
		goto out;
	}
	nf = soql_nfields(q);
	idx = xreallocarray(NULL, nf + 1, sizeof *idx);
	for (i = 0; i < nf; i++) {
		fi = obj_field(obj, soql_field(q, i), rest_extid(app));
		idx[i] = fi < 0 ? 0 : fi;
	}
	c->recs = xreallocarray(NULL, n + 1, sizeof *c->recs);
	for (i = 0; i < n; i++) {
		j = rec_json(recs[i], version, idx, nf, rest_extid(app), 0);
		c->recs[i] = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
	}
	c->n = n;
	if ((size_t)c->batch < n)
		store_new_id(app->st, "01g", c->id);
	rest_page(resp, c, n, 0);
	if ((size_t)c->batch < n)
		rest_cursor_keep(app, c);
	else
		rest_cursor_free(c);
out:
	if (recs != NULL)
		rec_free_array(recs, n);
	free(idx);
	soql_free(q);
}

/* GET /query/{locator}-{offset}: the next batch of a cursor. */
static void
rest_query_more(struct sfemu *app, struct sfresp *resp, const char *loc)
{
	struct sfrest	*r = app->rest;
	const char	*dash;
	char		*end;
	unsigned long	 off;
	size_t		 i;
	long long	 now = store_now(app->st);

	dash = strrchr(loc, '-');
	if (dash != NULL && dash - loc == SFID_LEN) {
		off = strtoul(dash + 1, &end, 10);
		for (i = 0; i < REST_MAX_CURSORS && *end == '\0'; i++) {
			if (r->cursors[i] == NULL ||
			    strncmp(r->cursors[i]->id, loc, SFID_LEN) != 0)
				continue;
			if (now - r->cursors[i]->used > REST_CURSOR_IDLE_MS ||
			    off > r->cursors[i]->n)
				break;
			r->cursors[i]->used = now;
			rest_page(resp, r->cursors[i], r->cursors[i]->n, off);
			return;
		}
	}
	resp_error(resp, 400, "INVALID_QUERY_LOCATOR", "invalid query locator",
	    NULL);
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
		"sobjects", "query", "queryAll", "limits", "composite"
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

/* GET /sobjects/{obj}/describe (the fields a client checks). */
static void
rest_describe(struct sfemu *app, struct sfresp *resp,
    const struct objdef *obj)
{
	const struct fielddef	*f;
	cJSON			*o, *fields, *fo, *pl, *pv, *refs;
	char			**vals, *def;
	size_t			 i, k, n;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", obj->name);
	cJSON_AddStringToObject(o, "label", obj->name);
	cJSON_AddStringToObject(o, "keyPrefix", obj->prefix);
	cJSON_AddBoolToObject(o, "queryable", 1);
	cJSON_AddBoolToObject(o, "createable", strcmp(obj->name, "Task") == 0);
	cJSON_AddBoolToObject(o, "updateable", strcmp(obj->name, "Task") == 0);
	cJSON_AddBoolToObject(o, "deletable", strcmp(obj->name, "Task") == 0);
	fields = cJSON_AddArrayToObject(o, "fields");
	for (i = 0; i < obj->nfields; i++) {
		f = &obj->fields[i];
		if (f->flags & (OBJ_REL | OBJ_HIDDEN))
			continue;
		if ((f->flags & OBJ_EXTID) && !rest_extid(app))
			continue;
		fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "name", f->name);
		cJSON_AddStringToObject(fo, "type", rest_ftype(f));
		cJSON_AddNumberToObject(fo, "length", f->type == SOQL_STRING ?
		    (f->maxlen ? f->maxlen : 18) : 0);
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
		    f->picklist != NULL);
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
				cJSON_AddStringToObject(pv, "value", vals[k]);
				cJSON_AddItemToArray(pl, pv);
			}
			store_picklist_free(vals, n);
			free(def);
		}
		refs = cJSON_AddArrayToObject(fo, "referenceTo");
		if (f->refs != NULL) {
			if (strstr(f->refs, "Contact") != NULL)
				cJSON_AddItemToArray(refs,
				    cJSON_CreateString("Contact"));
			if (strstr(f->refs, "Lead") != NULL)
				cJSON_AddItemToArray(refs,
				    cJSON_CreateString("Lead"));
			if (strstr(f->refs, "Account") != NULL)
				cJSON_AddItemToArray(refs,
				    cJSON_CreateString("Account"));
			if (strstr(f->refs, "User") != NULL)
				cJSON_AddItemToArray(refs,
				    cJSON_CreateString("User"));
		}
		cJSON_AddItemToArray(fields, fo);
	}
	resp_json(resp, 200, o);
}

/* One per-record result of a collection call ("statusCode" errors). */
static cJSON *
rest_coll_result(const char *id, struct werr *e)
{
	cJSON	*o, *errs, *eo, *f;

	o = cJSON_CreateObject();
	if (id != NULL)
		cJSON_AddStringToObject(o, "id", id);
	cJSON_AddBoolToObject(o, "success", e == NULL);
	errs = cJSON_AddArrayToObject(o, "errors");
	if (e != NULL) {
		eo = cJSON_CreateObject();
		cJSON_AddStringToObject(eo, "statusCode", e->code);
		cJSON_AddStringToObject(eo, "message", e->msg);
		f = cJSON_AddArrayToObject(eo, "fields");
		if (e->field != NULL)
			cJSON_AddItemToArray(f, cJSON_CreateString(e->field));
		cJSON_AddItemToArray(errs, eo);
	}
	return (o);
}

/*
 * POST / PATCH / DELETE /composite/sobjects: up to 200 records, results
 * in order; with allOrNone every record is rolled back if one fails and
 * the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
static void
rest_collection(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid)
{
	struct werr	 e = { 0 }, rb = { 0 };
	struct rec	*r;
	cJSON		*body = NULL, *recs = NULL, *rec, *out, *type, *jid;
	const char	*ids_arg, *aon_arg, *rawid;
	char		*idlist = NULL, *p, *tok, id[SFID_LEN + 1];
	char		(*okids)[SFID_LEN + 1] = NULL;
	int		*failed = NULL, aon, del, create, nfail = 0;
	size_t		 n = 0, i;

	del = strcmp(req->method, "DELETE") == 0;
	create = strcmp(req->method, "POST") == 0;
	if (del) {
		ids_arg = http_arg(req, "ids");
		aon_arg = http_arg(req, "allOrNone");
		aon = aon_arg != NULL && strcasecmp(aon_arg, "true") == 0;
		if (ids_arg == NULL || *ids_arg == '\0') {
			resp_error(resp, 400, "MISSING_ARGUMENT",
			    "ids parameter is required", NULL);
			return;
		}
		idlist = xstrdup(ids_arg);
		recs = cJSON_CreateArray();
		for (p = idlist; (tok = strsep(&p, ",")) != NULL; )
			cJSON_AddItemToArray(recs, cJSON_CreateString(tok));
	} else {
		if ((body = rest_body(req, resp)) == NULL)
			return;
		recs = cJSON_DetachItemFromObjectCaseSensitive(body, "records");
		aon = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body,
		    "allOrNone"));
		if (!cJSON_IsArray(recs)) {
			resp_error(resp, 400, "JSON_PARSER_ERROR",
			    "records must be an array of sObjects", NULL);
			goto out;
		}
	}
	n = (size_t)cJSON_GetArraySize(recs);
	if (n > REST_COLLECTION_MAX) {
		resp_error(resp, 400, "EXCEEDED_ID_LIMIT", "record limit "
		    "reached. cannot submit more than 200 records into this "
		    "call", NULL);
		goto out;
	}
	store_exec(app->st, "BEGIN");
	out = cJSON_CreateArray();
	failed = xcalloc(n + 1, sizeof *failed);
	okids = xcalloc(n + 1, sizeof *okids);
	i = 0;
	cJSON_ArrayForEach(rec, recs) {
		e.code = NULL;
		rawid = NULL;
		if (del) {
			rawid = rec->valuestring;
			if ((r = rest_task_for_write(app, rawid, id, &e)) !=
			    NULL) {
				store_task_delete(app->st, id,
				    store_now(app->st), userid);
				rec_free(r);
			}
		} else {
			type = cJSON_GetObjectItemCaseSensitive(
			    cJSON_GetObjectItemCaseSensitive(rec, "attributes"),
			    "type");
			jid = cJSON_GetObjectItemCaseSensitive(rec, "Id");
			rawid = cJSON_IsString(jid) ? jid->valuestring : NULL;
			if (!cJSON_IsString(type))
				werr_set(&e, 400, "INVALID_TYPE", NULL,
				    "No SObject Type defined in record");
			else if (strcmp(type->valuestring, "Task") != 0)
				werr_set(&e, 400, "INVALID_TYPE", NULL,
				    "sObject type '%s' is not supported by "
				    "sfemu collections", type->valuestring);
			else if (create && rawid != NULL)
				werr_set(&e, 400, "INVALID_FIELD", "Id",
				    "cannot specify Id in an insert call");
			else if (!create && rawid == NULL)
				werr_set(&e, 400, "MISSING_ARGUMENT", "Id",
				    "Id not specified in an update call");
			else if (!create && (r = rest_task_for_write(app,
			    rawid, id, &e)) != NULL)
				rec_free(r);
			if (e.code == NULL)
				rest_task_write(app, userid, rec,
				    create ? NULL : id, NULL, id, &e);
		}
		if (e.code != NULL) {
			failed[i] = 1;
			nfail++;
			cJSON_AddItemToArray(out, rest_coll_result(
			    del || !create ? rawid : NULL, &e));
		} else {
			memcpy(okids[i], id, sizeof id);
			cJSON_AddItemToArray(out, rest_coll_result(id, NULL));
		}
		i++;
	}
	if (aon && nfail > 0) {
		store_exec(app->st, "ROLLBACK");
		werr_set(&rb, 400, "ALL_OR_NONE_OPERATION_ROLLED_BACK", NULL,
		    "Record rolled back because not all records were valid "
		    "and the request was using AllOrNone header");
		for (i = 0; i < n; i++) {
			if (failed[i])
				continue;
			cJSON_ReplaceItemInArray(out, (int)i,
			    rest_coll_result(del ? okids[i] : NULL, &rb));
		}
	} else
		store_exec(app->st, "COMMIT");
	resp_json(resp, 200, out);
out:
	cJSON_Delete(body);
	cJSON_Delete(recs);
	free(idlist);
	free(failed);
	free(okids);
	free(e.msg);
	free(rb.msg);
}

/* GET /composite/sobjects/{obj}?ids=&fields=. */
static void
rest_collection_get(struct sfemu *app, struct sfreq *req,
    struct sfresp *resp, const struct objdef *obj, const char *version)
{
	const char	*ids_arg, *fields;
	char		*copy, *p, *tok, id[SFID_LEN + 1];
	struct rec	*r;
	cJSON		*out;
	int		*idx;
	size_t		 n, count = 0;

	ids_arg = http_arg(req, "ids");
	fields = http_arg(req, "fields");
	if (ids_arg == NULL || fields == NULL) {
		resp_error(resp, 400, "MISSING_ARGUMENT",
		    "ids and fields are required", NULL);
		return;
	}
	if (rest_fields(app, obj, fields, &idx, &n, resp) != 0)
		return;
	out = cJSON_CreateArray();
	copy = xstrdup(ids_arg);
	for (p = copy; (tok = strsep(&p, ",")) != NULL; count++) {
		r = NULL;
		if (sfid_norm(tok, id) == 0)
			r = store_load_one(app->st, obj, id);
		if (r != NULL && strcmp(obj->name, "Task") == 0 &&
		    r->v[obj_field(obj, "IsDeleted", 0)].b) {
			rec_free(r);
			r = NULL;
		}
		cJSON_AddItemToArray(out, r != NULL ? rec_json(r, version, idx,
		    n, rest_extid(app), 0) : cJSON_CreateNull());
		rec_free(r);
	}
	free(copy);
	free(idx);
	if (count > REST_MAX_BATCH) {
		cJSON_Delete(out);
		resp_error(resp, 400, "EXCEEDED_ID_LIMIT",
		    "cannot retrieve more than 2000 records", NULL);
		return;
	}
	resp_json(resp, 200, out);
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
		else if (strcmp(m, "GET") == 0)
			rest_describe(app, resp, obj);
		else
			rest_method(resp, m, "GET,POST");
		return;
	}
	if (b == NULL && (strcmp(a, "describe") == 0 ||
	    strcmp(a, "updated") == 0 || strcmp(a, "deleted") == 0)) {
		if (strcmp(m, "GET") != 0)
			rest_method(resp, m, "GET");
		else if (strcmp(a, "describe") == 0)
			rest_describe(app, resp, obj);
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
	char		 info[64];
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
		rest_resources(resp, version);
	} else if (strcmp(seg, "sobjects") == 0)
		rest_sobjects(app, req, resp, userid, version, rest);
	else if (strcmp(seg, "composite") == 0 && rest != NULL &&
	    strncmp(rest, "sobjects", 8) == 0) {
		if (rest[8] == '/' && rest[9] != '\0' &&
		    obj_find(rest + 9) != NULL &&
		    strcmp(req->method, "GET") == 0)
			rest_collection_get(app, req, resp,
			    obj_find(rest + 9), version);
		else if (rest[8] != '\0')
			resp_error(resp, 404, "NOT_FOUND",
			    "The requested resource does not exist", NULL);
		else if (strcmp(req->method, "GET") == 0)
			rest_method(resp, req->method, "POST,PATCH,DELETE");
		else
			rest_collection(app, req, resp, userid);
	} else
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
	free(path);
	rest_limits_get(app, &limit, &usage);
	snprintf(info, sizeof info, "api-usage=%lld/%lld", usage, limit);
	resp_header(resp, "Sforce-Limit-Info", info);
}
