/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sObject Collections (resources_composite_sobjects_collections) under
 * /composite/sobjects, routed here by rest_handle (sfemu-rest.c): POST,
 * PATCH and DELETE of up to 200 records, results in request order,
 * allOrNone rolls back all; GET reads records of one object by Id.  Each
 * record goes through the single-record checks and write of
 * sfemu-rest-record.c.
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
void
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
void
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
