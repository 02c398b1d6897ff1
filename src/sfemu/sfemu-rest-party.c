/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Writes of Account, Contact and Lead records (sObject Rows,
 * dome_sobject_create / dome_update_fields / dome_delete_record), routed
 * here by rest_sobjects: POST creates (201 {id, success, errors}), PATCH
 * updates (204), DELETE moves to the recycle bin (204) with the records
 * that go with it (store_party_delete).  The fields are those of
 * sfemu-obj.c; required on create (object reference, the field's
 * nillable property false): Account.Name, Contact.LastName,
 * Lead.LastName and Lead.Company, else 400 REQUIRED_FIELD_MISSING
 * "Required fields are missing: [LastName]".  OwnerId defaults to the
 * caller.  These objects have no audit fields in the emulator.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "sfemu-obj.h"
#include "sfemu-reply.h"
#include "sfemu-rest-int.h"
#include "sfemu-store.h"
#include "sfemu.h"
#include "xmalloc.h"

#define PARTY_MAXCOLS	16

/* Creates (id NULL) or updates a party of obj from body.  0 or -1. */
static int
rest_party_write(struct sfemu *app, const char *userid,
    const struct objdef *obj, const cJSON *body, const char *id,
    char outid[SFID_LEN + 1], struct werr *e)
{
	const struct fielddef	*f;
	const cJSON		*j;
	const char		*cols[PARTY_MAXCOLS];
	struct soql_value	 vals[PARTY_MAXCOLS];
	char			 ids[PARTY_MAXCOLS][SFID_LEN + 1];
	char			 nums[PARTY_MAXCOLS][32];
	size_t			 n = 0, i, k;
	int			 fi, create = id == NULL, have_owner = 0;

	if (!cJSON_IsObject(body)) {
		werr_set(e, 400, "JSON_PARSER_ERROR", NULL,
		    "Cannot deserialize instance of %s from %s value",
		    obj->name, cJSON_IsArray(body) ? "START_ARRAY" :
		    "VALUE_STRING");
		return (-1);
	}
	cJSON_ArrayForEach(j, body) {
		if (strcasecmp(j->string, "attributes") == 0 ||
		    (strcasecmp(j->string, "Id") == 0 && !create))
			continue;
		fi = obj_field(obj, j->string, 0);
		if (fi < 0) {
			werr_set(e, 400, "INVALID_FIELD", NULL,
			    "No such column '%s' on sobject of type %s",
			    j->string, obj->name);
			return (-1);
		}
		f = &obj->fields[fi];
		if (!(f->flags & (create ? OBJ_CREATE : OBJ_UPDATE))) {
			werr_set(e, 400, "INVALID_FIELD_FOR_INSERT_UPDATE",
			    f->name, "Unable to create/update fields: %s. "
			    "Please check the security settings of this field "
			    "and verify that it is read/write for your profile "
			    "or permission set.", f->name);
			return (-1);
		}
		for (i = 0; i < n && strcmp(cols[i], f->col) != 0; i++)
			continue;
		if (i == PARTY_MAXCOLS - 4)
			continue;
		if (rest_convert(app, f, j, &vals[i], ids[i], nums[i], e) != 0)
			return (-1);
		cols[i] = f->col;
		if (i == n)
			n++;
		have_owner |= strcmp(f->col, "ownerid") == 0;
	}
	for (k = 0; create && k < obj->nfields; k++) {
		f = &obj->fields[k];
		if (!(f->flags & OBJ_REQUIRED))
			continue;
		for (i = 0; i < n && strcmp(cols[i], f->col) != 0; i++)
			continue;
		if (i == n || vals[i].type == SOQL_NULL) {
			werr_set(e, 400, "REQUIRED_FIELD_MISSING", f->name,
			    "Required fields are missing: [%s]", f->name);
			return (-1);
		}
	}
	if (create) {
		cols[n] = "kind";
		obj_value_str(&vals[n++], obj->kind);
		if (!have_owner) {
			cols[n] = "ownerid";
			obj_value_str(&vals[n++], userid);
		}
		store_new_id(app->st, obj->prefix, outid);
	} else
		memmove(outid, id, SFID_LEN + 1);
	if (store_write(app->st, "parties", create, outid, cols, vals,
	    n) != 0) {
		werr_set(e, 500, "UNKNOWN_EXCEPTION", NULL,
		    "An unexpected error occurred");
		return (-1);
	}
	store_party_rename(app->st, outid);
	return (0);
}

/* Checks rawid for a write: a live, visible record of obj. */
static int
rest_party_id(struct sfemu *app, const struct objdef *obj, const char *rawid,
    char id[SFID_LEN + 1], struct sfresp *resp)
{
	struct rec	*r;

	if (sfid_norm(rawid, id) != 0 || strncmp(id, obj->prefix, 3) != 0) {
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
		return (-1);
	}
	if ((r = store_load_one(app->st, obj, id)) != NULL) {
		rec_free(r);
		return (0);
	}
	if (store_party_deleted(app->st, id) == 1)
		resp_error_rec(resp, 404, "ENTITY_IS_DELETED",
		    "entity is deleted", NULL);
	else
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
	return (-1);
}

void
rest_party(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *userid, const struct objdef *obj, const char *rawid)
{
	struct werr	 e = { 0 };
	cJSON		*body = NULL;
	char		 id[SFID_LEN + 1];

	if (rawid != NULL && rest_party_id(app, obj, rawid, id, resp) != 0)
		return;
	if (strcmp(req->method, "DELETE") == 0 && rawid != NULL) {
		store_party_delete(app->st, id, store_now(app->st), userid);
		resp->status = 204;
		return;
	}
	if ((body = rest_body(req, resp)) == NULL)
		return;
	if (rest_party_write(app, userid, obj, body, rawid != NULL ? id :
	    NULL, id, &e) != 0)
		rest_werr(resp, &e);
	else if (rawid == NULL)
		resp_json(resp, 201, rest_save_result(id, -1));
	else
		resp->status = 204;
	cJSON_Delete(body);
	free(e.msg);
}
