/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Single-record writes and reads of the data API, routed here by
 * rest_sobjects (sfemu-rest.c):
 * - sObject Rows: POST creates (201 {id, success, errors}), GET reads,
 *   PATCH updates (204), DELETE moves to the recycle bin (204); PATCH
 *   honours If-Unmodified-Since with 412 (intro_rest_conditional_requests);
 * - sObject Rows by External ID: PATCH upserts, 201 created / 200 updated
 *   with {id, success, errors, created} (dome_upsert);
 * - sObject Get Updated / Get Deleted (resources_getupdated,
 *   resources_getdeleted): seconds are ignored, latestDateCovered is the
 *   end of the range actually covered, deleted records are kept 15 days.
 * The checks of a Task write (rest_task_write: fields, types, lengths,
 * restricted picklists, references) and the failed-write record (struct
 * werr) serve the collections of sfemu-rest-coll.c too.
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

#include "sfemu-reply.h"
#include "sfemu-rest-int.h"
#include "sfemu-soql.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#define REST_EXTID		"TaskdeckKey__c"

/* Sets a werr (message formatted). */
void
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
int
rest_extid(struct sfemu *app)
{
	return (store_get_int(app->st, "external_id", 1) != 0);
}

/* Answers a single-record error from e. */
void
rest_werr(struct sfresp *resp, struct werr *e)
{
	if (strcmp(e->code, "NOT_FOUND") == 0)
		resp_error(resp, e->status, e->code, e->msg, e->field);
	else
		resp_error_rec(resp, e->status, e->code, e->msg, e->field);
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
	if (r == NULL && o->kind != NULL &&
	    store_party_deleted(app->st, out) == 1) {
		/* A record in the recycle bin (ENTITY_IS_DELETED). */
		werr_set(e, 400, "ENTITY_IS_DELETED", f->name,
		    "entity is deleted");
		return (-1);
	}
	if (r == NULL && o->kind != NULL &&
	    store_party_deleted(app->st, out) == 0) {
		/* There, but not shared with the caller (sharing_private). */
		werr_set(e, 400, "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
		    f->name, "insufficient access rights on cross-reference "
		    "id: %s", out);
		return (-1);
	}
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
int
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
	if (f->picklist != NULL && !(f->flags & OBJ_OPENPICK) &&
	    rest_check_picklist(app, f, s, e) != 0)
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
int
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
	char			*def_type = NULL;
	size_t			 n = 0, i, pn;
	long long		 now;
	int			 fi, create = id == NULL, rc = -1;
	int			 have_status = 0;
	int			 have_prio = 0, have_owner = 0, have_sub = 0;
	int			 have_type = 0;

	if (!cJSON_IsObject(body)) {
		werr_set(e, 400, "JSON_PARSER_ERROR", NULL,
		    "Cannot deserialize instance of Task from %s value",
		    cJSON_IsArray(body) ? "START_ARRAY" : "VALUE_STRING");
		return (-1);
	}
	cJSON_ArrayForEach(j, body) {
		/* Field names, attributes included, match in any case. */
		if (strcasecmp(j->string, "attributes") == 0)
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
		have_type |= strcmp(f->col, "type") == 0;
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
		/* Type: the org's default value, if it has one. */
		pv = store_picklist(app->st, "TaskType", &pn, &def_type);
		store_picklist_free(pv, pn);
		if (!have_type && def_type != NULL) {
			cols[n] = "type";
			obj_value_str(&vals[n++], def_type);
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
	free(def_type);
	return (rc);
}

/*
 * Loads task id for a write, failing as Salesforce does on a missing or
 * deleted record.  Returns the record or NULL with e set.
 */
struct rec *
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
cJSON *
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
cJSON *
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
void
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
void
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
void
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
int
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
void
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
	if (r == NULL && obj->kind != NULL &&
	    store_party_deleted(app->st, id) == 1)
		resp_error_rec(resp, 404, "ENTITY_IS_DELETED",
		    "entity is deleted", NULL);
	else if (r == NULL)
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
	else {
		del = strcmp(obj->name, "Task") == 0 &&
		    r->v[obj_field(obj, "IsDeleted", 0)].b;
		if (del)
			resp_error_rec(resp, 404, "ENTITY_IS_DELETED",
			    "entity is deleted", NULL);
		else
			resp_json(resp, 200, rec_json(r, version, idx, n,
			    rest_extid(app), 0));
	}
	rec_free(r);
	free(idx);
}

/* GET / PATCH /sobjects/Task/TaskdeckKey__c/{value}: read or upsert. */
void
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
void
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
		 * a client whose cursor is older never misses a purge; never
		 * later than now (a new org's horizon is its creation, maybe
		 * in this very minute, before which nothing was deleted).
		 */
		window = rest_minute(store_get_int(app->st, "purge_horizon",
		    now) + 59999);
		util_fmt_datetime(window < rest_minute(now) ? window :
		    rest_minute(now), tmp, sizeof tmp);
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
