/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The composite resource (resources_composite_composite) and its sObject
 * Collections (resources_composite_sobjects_collections) under
 * /composite/sobjects, routed here by rest_handle (sfemu-rest.c): POST,
 * PATCH and DELETE of up to 200 records, results in request order,
 * allOrNone rolls back all; PATCH /composite/sobjects/{obj}/{extid}
 * upserts by external Id (API 46+); GET, or POST with {"ids","fields"}
 * (API 42+), reads records of one object by Id.  Each record goes
 * through the single-record checks and write of sfemu-rest-record.c.
 * Field names, "Id" and "attributes" are matched in any case, as
 * Salesforce matches field names.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "sfemu-reply.h"
#include "sfemu-rest-int.h"
#include "sfemu-store.h"
#include "sfemu.h"
#include "xmalloc.h"

#define REST_COLLECTION_MAX	200

/*
 * One per-record result of a collection call ("statusCode" errors);
 * created is the UpsertResult flag, or -1 for a SaveResult.
 */
static cJSON *
rest_coll_result(const char *id, struct werr *e, int created)
{
	cJSON	*o, *errs, *eo, *f;

	o = cJSON_CreateObject();
	if (id != NULL)
		cJSON_AddStringToObject(o, "id", id);
	cJSON_AddBoolToObject(o, "success", e == NULL);
	if (created >= 0 && e == NULL)
		cJSON_AddBoolToObject(o, "created", created);
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
 * Checks one record of a POST / PATCH collection (or, extfield set, of an
 * upsert by that field) and writes it; fills id, *created.  0 or -1 with
 * e set.
 */
static int
rest_coll_record(struct sfemu *app, const char *userid, const cJSON *rec,
    int create, const char *extfield, char id[SFID_LEN + 1], int *created,
    const char **rawid, struct werr *e)
{
	const cJSON	*type, *jid, *key;
	struct rec	*r;
	int		 found;

	type = cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "attributes"),
	    "type");
	jid = cJSON_GetObjectItem(rec, "Id");
	*rawid = cJSON_IsString(jid) ? jid->valuestring : NULL;
	*created = create;
	if (!cJSON_IsString(type)) {
		werr_set(e, 400, "INVALID_TYPE", NULL,
		    "No SObject Type defined in record");
		return (-1);
	}
	if (strcasecmp(type->valuestring, "Task") != 0) {
		werr_set(e, 400, "INVALID_TYPE", NULL, "sObject type '%s' is "
		    "not supported by sfemu collections", type->valuestring);
		return (-1);
	}
	if (extfield != NULL) {
		/* "Only external ids are supported. Don't use record ids." */
		if (jid != NULL) {
			werr_set(e, 400, "INVALID_FIELD", "Id", "cannot specify "
			    "Id in an upsert call using an external ID");
			return (-1);
		}
		key = cJSON_GetObjectItem(rec, extfield);
		if (!cJSON_IsString(key) || *key->valuestring == '\0') {
			werr_set(e, 400, "MISSING_ARGUMENT", extfield,
			    "%s not specified", extfield);
			return (-1);
		}
		found = store_task_by_extkey(app->st, key->valuestring, 0,
		    id) == 0;
		*created = !found;
		return (rest_task_write(app, userid, rec, found ? id : NULL,
		    key->valuestring, id, e));
	}
	if (create && *rawid != NULL) {
		werr_set(e, 400, "INVALID_FIELD", "Id",
		    "cannot specify Id in an insert call");
		return (-1);
	}
	if (!create && *rawid == NULL) {
		werr_set(e, 400, "MISSING_ARGUMENT", "Id",
		    "Id not specified in an update call");
		return (-1);
	}
	if (!create) {
		if ((r = rest_task_for_write(app, *rawid, id, e)) == NULL)
			return (-1);
		rec_free(r);
	}
	return (rest_task_write(app, userid, rec, create ? NULL : id, NULL,
	    id, e));
}

/*
 * POST / PATCH / DELETE /composite/sobjects, and PATCH
 * /composite/sobjects/Task/{extfield} (extfield not NULL): up to 200
 * records, results in order; with allOrNone every record is rolled back
 * if one fails and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
static void
rest_collection(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid, const char *extfield)
{
	struct werr	 e = { 0 }, rb = { 0 };
	struct rec	*r;
	cJSON		*body = NULL, *recs = NULL, *rec, *out;
	const char	*ids_arg, *aon_arg, *rawid;
	char		*idlist = NULL, *p, *tok, id[SFID_LEN + 1];
	char		(*okids)[SFID_LEN + 1] = NULL;
	int		*failed = NULL, aon, del, create, nfail = 0, created;
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
		created = -1;
		if (del) {
			rawid = rec->valuestring;
			if ((r = rest_task_for_write(app, rawid, id, &e)) !=
			    NULL) {
				store_task_delete(app->st, id,
				    store_now(app->st), userid);
				rec_free(r);
			}
		} else
			rest_coll_record(app, userid, rec, create, extfield,
			    id, &created, &rawid, &e);
		if (e.code != NULL) {
			failed[i] = 1;
			nfail++;
			cJSON_AddItemToArray(out, rest_coll_result(
			    del || !create ? rawid : NULL, &e, -1));
		} else {
			memcpy(okids[i], id, sizeof id);
			cJSON_AddItemToArray(out, rest_coll_result(id, NULL,
			    extfield != NULL ? created : -1));
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
			    rest_coll_result(del ? okids[i] : NULL, &rb, -1));
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

/*
 * The records of obj with the Ids of the string array ids (null for an
 * unknown or deleted one), with the fields of the list fields.
 */
static void
rest_retrieve(struct sfemu *app, struct sfresp *resp,
    const struct objdef *obj, const char *version, const cJSON *ids,
    const char *fields)
{
	const cJSON	*j;
	char		 id[SFID_LEN + 1];
	struct rec	*r;
	cJSON		*out;
	int		*idx;
	size_t		 n;

	if (cJSON_GetArraySize(ids) > REST_MAX_BATCH) {
		resp_error(resp, 400, "EXCEEDED_ID_LIMIT",
		    "cannot retrieve more than 2000 records", NULL);
		return;
	}
	if (rest_fields(app, obj, fields, &idx, &n, resp) != 0)
		return;
	out = cJSON_CreateArray();
	cJSON_ArrayForEach(j, ids) {
		r = NULL;
		if (cJSON_IsString(j) && sfid_norm(j->valuestring, id) == 0)
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
	free(idx);
	resp_json(resp, 200, out);
}

/*
 * GET /composite/sobjects/{obj}?ids=&fields=, or POST with the body
 * {"ids":[…],"fields":[…]} ("for more ids than a URL holds", API 42+).
 */
static void
rest_collection_get(struct sfemu *app, struct sfreq *req,
    struct sfresp *resp, const struct objdef *obj, const char *version)
{
	const char	*ids_arg, *fields = NULL;
	char		*copy = NULL, *p, *tok, *fl = NULL, *t;
	cJSON		*body = NULL, *ids = NULL, *jf, *list;
	const cJSON	*j = NULL;

	if (strcmp(req->method, "POST") == 0) {
		if ((body = rest_body(req, resp)) == NULL)
			return;
		ids = cJSON_DetachItemFromObjectCaseSensitive(body, "ids");
		jf = cJSON_GetObjectItemCaseSensitive(body, "fields");
		if (ids == NULL || jf == NULL) {
			resp_error(resp, 400, "MISSING_ARGUMENT",
			    "ids and fields are required", NULL);
			goto out;
		}
		list = cJSON_IsArray(jf) ? jf : NULL;
		cJSON_ArrayForEach(j, list) {
			if (!cJSON_IsString(j))
				break;
			t = xasprintf("%s%s%s", fl != NULL ? fl : "",
			    fl != NULL ? "," : "", j->valuestring);
			free(fl);
			fl = t;
		}
		if (!cJSON_IsArray(ids) || !cJSON_IsArray(jf) ||
		    j != NULL || fl == NULL) {
			resp_error(resp, 400, "JSON_PARSER_ERROR", "ids and "
			    "fields must be non-empty arrays of strings", NULL);
			goto out;
		}
		fields = fl;
	} else {
		ids_arg = http_arg(req, "ids");
		fields = http_arg(req, "fields");
		if (ids_arg == NULL || fields == NULL) {
			resp_error(resp, 400, "MISSING_ARGUMENT",
			    "ids and fields are required", NULL);
			return;
		}
		ids = cJSON_CreateArray();
		copy = xstrdup(ids_arg);
		for (p = copy; (tok = strsep(&p, ",")) != NULL; )
			cJSON_AddItemToArray(ids, cJSON_CreateString(tok));
	}
	rest_retrieve(app, resp, obj, version, ids, fields);
out:
	cJSON_Delete(body);
	cJSON_Delete(ids);
	free(copy);
	free(fl);
}

/* GET /composite: the composite resources sfemu serves. */
static void
rest_composite_list(struct sfresp *resp, const char *version)
{
	cJSON	*o;
	char	*url;

	o = cJSON_CreateObject();
	url = xasprintf("/services/data/v%s/composite/sobjects", version);
	cJSON_AddStringToObject(o, "sobjects", url);
	free(url);
	resp_json(resp, 200, o);
}

/* Answers 405 for a method the resource does not allow. */
static void
rest_coll_method(struct sfresp *resp, const char *method, const char *allowed)
{
	char	*msg;

	msg = xasprintf("HTTP Method '%s' not allowed. Allowed are %s",
	    method, allowed);
	resp_error(resp, 405, "METHOD_NOT_ALLOWED", msg, NULL);
	free(msg);
}

void
rest_composite(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid, const char *version, char *rest)
{
	const struct objdef	*obj = NULL;
	const char		*m = req->method;
	char			*seg, *name = NULL, *field = NULL, *msg;

	seg = rest != NULL ? strsep(&rest, "/") : NULL;
	if (seg != NULL && *seg == '\0' && rest == NULL)
		seg = NULL;
	if (seg == NULL) {
		if (strcmp(m, "GET") == 0)
			rest_composite_list(resp, version);
		else
			rest_coll_method(resp, m, "GET");
		return;
	}
	if (strcmp(seg, "sobjects") != 0)
		goto notfound;
	name = rest != NULL ? strsep(&rest, "/") : NULL;
	field = rest != NULL ? strsep(&rest, "/") : NULL;
	if (name != NULL && *name == '\0' && field == NULL)
		name = NULL;
	if (field != NULL && *field == '\0')
		field = NULL;
	if ((rest != NULL && *rest != '\0') ||
	    (name != NULL && (obj = obj_find(name)) == NULL))
		goto notfound;
	if (name == NULL) {
		if (strcmp(m, "GET") == 0)
			rest_coll_method(resp, m, "POST,PATCH,DELETE");
		else
			rest_collection(app, req, resp, userid, NULL);
		return;
	}
	if (field == NULL) {
		if (strcmp(m, "GET") == 0 || strcmp(m, "POST") == 0)
			rest_collection_get(app, req, resp, obj, version);
		else
			rest_coll_method(resp, m, "GET,POST");
		return;
	}
	if (strcmp(m, "PATCH") != 0) {
		rest_coll_method(resp, m, "PATCH");
		return;
	}
	if (strcmp(obj->name, "Task") != 0) {
		resp_error(resp, 403, "INSUFFICIENT_ACCESS_OR_READONLY",
		    "sfemu: only Task records can be written", NULL);
		return;
	}
	if (!rest_extid(app) || obj_field(obj, field, 1) < 0 ||
	    !(obj->fields[obj_field(obj, field, 1)].flags & OBJ_EXTID)) {
		msg = xasprintf("Provided external ID field does not exist or "
		    "is not accessible: %s", field);
		resp_error(resp, 404, "NOT_FOUND", msg, NULL);
		free(msg);
		return;
	}
	rest_collection(app, req, resp, userid,
	    obj->fields[obj_field(obj, field, 1)].name);
	return;
notfound:
	resp_error(resp, 404, "NOT_FOUND",
	    "The requested resource does not exist", NULL);
}
