/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * JSON for the Salesforce client.  cJSON parses into a tree that is walked
 * with strict type checks: a field of the wrong type, a missing records
 * array or a truncated body rejects the whole response (SPEC B1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "date.h"
#include "i18n.h"
#include "sf-json.h"
#include "task.h"
#include "xmalloc.h"

/* Parses len bytes of body, which need not be NUL-terminated. */
static cJSON *
sfjson_parse(const char *body, size_t len, char **cause)
{
	cJSON	*j;

	if (body == NULL || len == 0) {
		*cause = xstrdup(_("empty response from salesforce"));
		return (NULL);
	}
	if ((j = cJSON_ParseWithLength(body, len)) == NULL)
		*cause = xstrdup(_("malformed or truncated response from "
		    "salesforce"));
	return (j);
}

/* A string member, duplicated; NULL if absent or null.  -1 if mistyped. */
static int
sfjson_str(const cJSON *o, const char *name, char **out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsString(v))
		return (-1);
	*out = xstrdup(v->valuestring);
	return (0);
}

/* A relationship's Name ("Who": {"Name": ...}) or NULL. */
static char *
sfjson_rel_name(const cJSON *o, const char *rel)
{
	const cJSON	*r = cJSON_GetObjectItemCaseSensitive(o, rel), *n;

	if (r == NULL || !cJSON_IsObject(r))
		return (NULL);
	n = cJSON_GetObjectItemCaseSensitive(r, "Name");
	if (n == NULL || !cJSON_IsString(n))
		return (NULL);
	return (xstrdup(n->valuestring));
}

int64_t
sfjson_datetime(const char *s)
{
	int	y, mo, d, h, mi, sec, ms = 0, n = 0, tzh = 0, tzm = 0;
	char	sign = 'Z';
	const char *p;

	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d,
	    &h, &mi, &sec, &n) != 6 || n != 19)
		return (-1);
	p = s + 19;
	if (*p == '.') {
		p++;
		for (n = 0; n < 3 && *p >= '0' && *p <= '9'; n++, p++)
			ms = ms * 10 + (*p - '0');
		for (; n < 3; n++)
			ms *= 10;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p++;
		if (sscanf(p, "%2d%n", &tzh, &n) != 1 || n != 2)
			return (-1);
		p += 2;
		if (*p == ':')
			p++;
		if (sscanf(p, "%2d%n", &tzm, &n) != 1 || n != 2)
			return (-1);
		p += 2;
	} else
		return (-1);
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return (-1);
	return (((int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + sec - (sign == '-' ? -1 : 1) * (tzh * 3600 + tzm * 60)) *
	    1000 + ms);
}

void
sfjson_soql_datetime(int64_t ms, char out[32])
{
	int32_t	day;
	int64_t	s;
	int	y, m, d;

	if (ms < 0)
		ms = 0;
	day = (int32_t)(ms / 86400000);
	s = (ms % 86400000) / 1000;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d,
	    (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60),
	    (int)(ms % 1000));
}

char *
sfjson_soql_quote(const char *s)
{
	struct buf	b;

	buf_init(&b);
	buf_addc(&b, '\'');
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\'':
		case '\\':
			buf_addc(&b, '\\');
			buf_addc(&b, *s);
			break;
		case '\n':
			buf_adds(&b, "\\n");
			break;
		case '\r':
			buf_adds(&b, "\\r");
			break;
		case '\t':
			buf_adds(&b, "\\t");
			break;
		default:
			buf_addc(&b, *s);
		}
	}
	buf_addc(&b, '\'');
	return (buf_detach(&b));
}

void
sf_task_release(struct sf_task *t)
{
	free(t->id);
	free(t->subject);
	free(t->status);
	free(t->priority);
	free(t->description);
	free(t->who);
	free(t->what);
	free(t->who_id);
	free(t->what_id);
	free(t->owner_id);
	free(t->owner_name);
	free(t->subtype);
	free(t->tasktype);
	free(t->extkey);
	free(t->modstamp);
	memset(t, 0, sizeof *t);
}

/* Fills t from one record; -1 if it is not a Task as we asked for it. */
static int
sfjson_task(const cJSON *r, const char *extfield, struct sf_task *t)
{
	const cJSON	*v;
	char		*due = NULL;

	memset(t, 0, sizeof *t);
	t->due = DATE_NONE;
	if (!cJSON_IsObject(r))
		return (-1);
	if (sfjson_str(r, "Id", &t->id) != 0 || !task_sf_id_ok(t->id) ||
	    sfjson_str(r, "Subject", &t->subject) != 0 ||
	    sfjson_str(r, "Status", &t->status) != 0 ||
	    sfjson_str(r, "Priority", &t->priority) != 0 ||
	    sfjson_str(r, "Description", &t->description) != 0 ||
	    sfjson_str(r, "OwnerId", &t->owner_id) != 0 ||
	    sfjson_str(r, "TaskSubtype", &t->subtype) != 0 ||
	    sfjson_str(r, "WhoId", &t->who_id) != 0 ||
	    sfjson_str(r, "WhatId", &t->what_id) != 0 ||
	    (t->who_id != NULL && !task_sf_id_ok(t->who_id)) ||
	    (t->what_id != NULL && !task_sf_id_ok(t->what_id)) ||
	    sfjson_str(r, "Type", &t->tasktype) != 0 ||
	    sfjson_str(r, "SystemModstamp", &t->modstamp) != 0 ||
	    t->modstamp == NULL || sfjson_str(r, "ActivityDate", &due) != 0)
		goto bad;
	if (extfield != NULL && *extfield != '\0' &&
	    sfjson_str(r, extfield, &t->extkey) != 0)
		goto bad;
	if (t->description == NULL)
		t->description = xstrdup("");
	if (due != NULL && date_parse_iso(due, &t->due) != 0)
		goto bad;
	free(due);
	due = NULL;
	t->who = sfjson_rel_name(r, "Who");
	t->owner_name = sfjson_rel_name(r, "Owner");
	t->what = sfjson_rel_name(r, "What");
	v = cJSON_GetObjectItemCaseSensitive(r, "IsDeleted");
	t->is_deleted = v != NULL && cJSON_IsTrue(v);
	v = cJSON_GetObjectItemCaseSensitive(r, "IsRecurrence");
	t->is_recurrence = v != NULL && cJSON_IsTrue(v);
	if ((t->modstamp_ms = sfjson_datetime(t->modstamp)) < 0)
		goto bad;
	v = cJSON_GetObjectItemCaseSensitive(r, "LastModifiedDate");
	t->lastmod_ms = v != NULL && cJSON_IsString(v) ?
	    sfjson_datetime(v->valuestring) : t->modstamp_ms;
	if (t->lastmod_ms < 0)
		t->lastmod_ms = t->modstamp_ms;
	v = cJSON_GetObjectItemCaseSensitive(r, "CreatedDate");
	t->created_ms = v != NULL && cJSON_IsString(v) ?
	    sfjson_datetime(v->valuestring) : 0;
	return (0);
bad:
	free(due);
	sf_task_release(t);
	return (-1);
}

int
sfjson_page(const char *body, size_t len, const char *extfield,
    struct sf_page *pg, char **cause)
{
	cJSON		*j, *recs, *r, *v;
	size_t		 i = 0;

	memset(pg, 0, sizeof *pg);
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	recs = cJSON_GetObjectItemCaseSensitive(j, "records");
	v = cJSON_GetObjectItemCaseSensitive(j, "done");
	if (!cJSON_IsArray(recs) || !cJSON_IsBool(v))
		goto bad;
	pg->done = cJSON_IsTrue(v);
	v = cJSON_GetObjectItemCaseSensitive(j, "totalSize");
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 &&
	    v->valuedouble <= 2147483647.0))
		goto bad;	/* an int in Salesforce; NaN fails too */
	pg->total = (long)v->valuedouble;
	if (sfjson_str(j, "nextRecordsUrl", &pg->next_url) != 0 ||
	    (!pg->done && pg->next_url == NULL))
		goto bad;
	pg->v = xcalloc((size_t)cJSON_GetArraySize(recs) + 1, sizeof *pg->v);
	cJSON_ArrayForEach(r, recs) {
		if (sfjson_task(r, extfield, &pg->v[i]) != 0)
			goto bad;
		pg->n = ++i;
	}
	cJSON_Delete(j);
	return (0);
bad:
	cJSON_Delete(j);
	sfjson_page_release(pg);
	*cause = xstrdup(_("unexpected query response from salesforce"));
	return (-1);
}

void
sfjson_page_release(struct sf_page *pg)
{
	size_t	i;

	for (i = 0; i < pg->n; i++)
		sf_task_release(&pg->v[i]);
	free(pg->v);
	free(pg->next_url);
	memset(pg, 0, sizeof *pg);
}

enum sf_err
sfjson_error_class(const char *code)
{
	static const char *const transient[] = {
		"UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
		"REQUEST_RUNNING_TOO_LONG", "QUERY_TIMEOUT",
		"SERVICE_UNAVAILABLE", "INVALID_QUERY_LOCATOR",
		"TXN_SECURITY_NO_ACCESS_RETRY", "UNKNOWN_EXCEPTION"
	};
	size_t	i;

	if (code == NULL)
		return (SF_EFATAL);
	if (strcmp(code, "INVALID_SESSION_ID") == 0 ||
	    strcmp(code, "invalid_grant") == 0 ||
	    strcmp(code, "INVALID_AUTH_HEADER") == 0)
		return (SF_EAUTH);
	if (strcmp(code, "REQUEST_LIMIT_EXCEEDED") == 0 ||
	    strcmp(code, "TOO_MANY_REQUESTS") == 0)
		return (SF_ELIMIT);
	for (i = 0; i < sizeof transient / sizeof transient[0]; i++)
		if (strcmp(code, transient[i]) == 0)
			return (SF_ETRANSIENT);
	return (SF_ERECORD);
}

/* "CODE: message" of one error object, and its class. */
static enum sf_err
sfjson_one_error(const cJSON *e, char **msg)
{
	char		*code = NULL, *m = NULL;
	enum sf_err	 err;

	if (sfjson_str(e, "errorCode", &code) != 0 || code == NULL) {
		free(code);
		code = NULL;
		(void)sfjson_str(e, "statusCode", &code);
	}
	(void)sfjson_str(e, "message", &m);
	err = sfjson_error_class(code);
	*msg = xasprintf("%s: %s", code != NULL ? code : "ERROR",
	    /* TRANSLATORS: after Salesforce's error code, in place of its
	     * message. */
	    m != NULL ? m : _("no message"));
	free(code);
	free(m);
	return (err);
}

enum sf_err
sfjson_error(long status, const char *body, size_t len, char **cause)
{
	cJSON		*j = NULL, *e;
	char		*code = NULL, *desc = NULL, *ign = NULL;
	enum sf_err	 err = SF_EFATAL;

	*cause = NULL;
	if (body != NULL && len > 0)
		j = cJSON_ParseWithLength(body, len);
	if (j != NULL && cJSON_IsArray(j) && (e = cJSON_GetArrayItem(j,
	    0)) != NULL && cJSON_IsObject(e))
		err = sfjson_one_error(e, cause);
	else if (j != NULL && cJSON_IsObject(j) && sfjson_str(j, "error",
	    &code) == 0 && code != NULL) {
		(void)sfjson_str(j, "error_description", &desc);
		err = strcmp(code, "invalid_grant") == 0 ||
		    strcmp(code, "invalid_client_id") == 0 ? SF_EAUTH :
		    SF_EFATAL;
		*cause = xasprintf("%s: %s", code, desc != NULL ? desc : "");
	}
	free(code);
	free(desc);
	free(ign);
	cJSON_Delete(j);
	/* The status decides where the body does not. */
	if (status == 401)
		err = SF_EAUTH;
	else if (status == 429 || (status == 403 && *cause != NULL &&
	    strncmp(*cause, "REQUEST_LIMIT_EXCEEDED", 22) == 0))
		err = SF_ELIMIT;
	else if (status >= 500 || status == 408 || status == 0)
		err = err == SF_ELIMIT ? SF_ELIMIT : SF_ETRANSIENT;
	else if (err == SF_ERECORD && (status == 400 || status == 404) &&
	    *cause != NULL && (strncmp(*cause, "MALFORMED_QUERY", 15) == 0 ||
	    strncmp(*cause, "INVALID_FIELD", 13) == 0 ||
	    strncmp(*cause, "NOT_FOUND", 9) == 0))
		err = SF_EFATAL;
	if (*cause == NULL)
		/* TRANSLATORS: %ld: an HTTP status (503). */
		*cause = xasprintf(_("salesforce answered HTTP %ld"), status);
	return (err);
}

int
sfjson_results(const char *body, size_t len, size_t n, struct sf_result **out,
    char **cause)
{
	cJSON			*j, *r, *v, *errs;
	struct sf_result	*res;
	size_t			 i = 0;

	*out = NULL;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	if (!cJSON_IsArray(j) || (size_t)cJSON_GetArraySize(j) != n) {
		cJSON_Delete(j);
		*cause = xstrdup(_("unexpected composite response from "
		    "salesforce"));
		return (-1);
	}
	res = xcalloc(n + 1, sizeof *res);
	cJSON_ArrayForEach(r, j) {
		v = cJSON_GetObjectItemCaseSensitive(r, "success");
		if (!cJSON_IsObject(r) || !cJSON_IsBool(v) ||
		    sfjson_str(r, "id", &res[i].id) != 0) {
			cJSON_Delete(j);
			sfjson_results_free(res, n);
			*cause = xstrdup(_("unexpected composite result from "
			    "salesforce"));
			return (-1);
		}
		res[i].success = cJSON_IsTrue(v);
		if (res[i].success && !task_sf_id_ok(res[i].id)) {
			/* A success names the record it wrote. */
			cJSON_Delete(j);
			sfjson_results_free(res, n);
			*cause = xstrdup(_("composite result without a record "
			    "id from salesforce"));
			return (-1);
		}
		v = cJSON_GetObjectItemCaseSensitive(r, "created");
		res[i].created = v != NULL && cJSON_IsTrue(v);
		if (!res[i].success) {
			errs = cJSON_GetObjectItemCaseSensitive(r, "errors");
			if (cJSON_IsArray(errs) && cJSON_GetArraySize(errs) > 0)
				res[i].err = sfjson_one_error(
				    cJSON_GetArrayItem(errs, 0),
				    &res[i].message);
			else {
				res[i].err = SF_ERECORD;
				/* TRANSLATORS: a reminder's sync error. */
				res[i].message = xstrdup(_("record refused "
				    "without a reason"));
			}
		}
		i++;
	}
	cJSON_Delete(j);
	*out = res;
	return (0);
}

void
sfjson_results_free(struct sf_result *r, size_t n)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(r[i].id);
		free(r[i].message);
	}
	free(r);
}

char *
sfjson_collection(const struct sf_write *w, size_t n, int create)
{
	cJSON	*j, *recs, *r, *a;
	char	*s, due[DATE_BUFSZ];
	size_t	 i;

	j = cJSON_CreateObject();
	cJSON_AddBoolToObject(j, "allOrNone", 0);
	recs = cJSON_AddArrayToObject(j, "records");
	for (i = 0; i < n; i++) {
		r = cJSON_CreateObject();
		a = cJSON_AddObjectToObject(r, "attributes");
		cJSON_AddStringToObject(a, "type", "Task");
		if (!create && w[i].id != NULL)
			cJSON_AddStringToObject(r, "Id", w[i].id);
		if (create && w[i].extfield != NULL && w[i].extkey != NULL)
			cJSON_AddStringToObject(r, w[i].extfield, w[i].extkey);
		if (w[i].mask & TASK_F_NAME)
			cJSON_AddStringToObject(r, "Subject", w[i].subject);
		if (w[i].mask & TASK_F_STATUS)
			cJSON_AddStringToObject(r, "Status", w[i].status);
		if (w[i].mask & TASK_F_PRIORITY)
			cJSON_AddStringToObject(r, "Priority", w[i].priority);
		if (w[i].mask & TASK_F_DUE) {
			if (w[i].due == DATE_NONE)
				cJSON_AddNullToObject(r, "ActivityDate");
			else
				cJSON_AddStringToObject(r, "ActivityDate",
				    date_format(w[i].due, due));
		}
		if (w[i].mask & TASK_F_DETAILS) {
			if (w[i].description == NULL ||
			    *w[i].description == '\0')
				cJSON_AddNullToObject(r, "Description");
			else
				cJSON_AddStringToObject(r, "Description",
				    w[i].description);
		}
		/* F12: a link; null clears it (not sent empty on a create). */
		if ((w[i].mask & TASK_F_WHO) && w[i].who_id != NULL)
			cJSON_AddStringToObject(r, "WhoId", w[i].who_id);
		else if ((w[i].mask & TASK_F_WHO) && !create)
			cJSON_AddNullToObject(r, "WhoId");
		if ((w[i].mask & TASK_F_WHAT) && w[i].what_id != NULL)
			cJSON_AddStringToObject(r, "WhatId", w[i].what_id);
		else if ((w[i].mask & TASK_F_WHAT) && !create)
			cJSON_AddNullToObject(r, "WhatId");
		/* TaskSubtype is create-only; Type is the later word (F9). */
		if ((w[i].mask & TASK_F_TYPE) && create && w[i].subtype != NULL)
			cJSON_AddStringToObject(r, "TaskSubtype", w[i].subtype);
		if ((w[i].mask & TASK_F_TYPE) && w[i].tasktype != NULL)
			cJSON_AddStringToObject(r, "Type", w[i].tasktype);
		cJSON_AddItemToArray(recs, r);
	}
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return (s);
}

int
sfjson_describe_picklist(const char *body, size_t len, const char *field,
    char **list, char **cause)
{
	cJSON		*j, *fields, *f, *vals, *v, *x;
	struct buf	 b;

	*list = NULL;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	fields = cJSON_GetObjectItemCaseSensitive(j, "fields");
	if (!cJSON_IsArray(fields)) {
		cJSON_Delete(j);
		*cause = xstrdup("unexpected describe response from salesforce");
		return (-1);
	}
	buf_init(&b);
	cJSON_ArrayForEach(f, fields) {
		x = cJSON_GetObjectItemCaseSensitive(f, "name");
		if (!cJSON_IsString(x) || strcmp(x->valuestring, field) != 0)
			continue;
		vals = cJSON_GetObjectItemCaseSensitive(f, "picklistValues");
		cJSON_ArrayForEach(v, vals) {
			x = cJSON_GetObjectItemCaseSensitive(v, "active");
			if (x != NULL && cJSON_IsFalse(x))
				continue;
			x = cJSON_GetObjectItemCaseSensitive(v, "value");
			if (!cJSON_IsString(x) || *x->valuestring == '\0' ||
			    strchr(x->valuestring, '\n') != NULL)
				continue;
			if (b.len > 0)
				buf_addc(&b, '\n');
			buf_adds(&b, x->valuestring);
		}
		break;
	}
	cJSON_Delete(j);
	*list = b.len > 0 ? buf_detach(&b) : (buf_release(&b), xstrdup(""));
	return (0);
}

void
sf_token_release(struct sf_token *t)
{
	free(t->access_token);
	free(t->refresh_token);
	free(t->instance_url);
	free(t->id_url);
	memset(t, 0, sizeof *t);
}

int
sfjson_token(const char *body, size_t len, struct sf_token *t, char **cause)
{
	cJSON	*j;

	memset(t, 0, sizeof *t);
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	if (!cJSON_IsObject(j) ||
	    sfjson_str(j, "access_token", &t->access_token) != 0 ||
	    t->access_token == NULL ||
	    sfjson_str(j, "refresh_token", &t->refresh_token) != 0 ||
	    sfjson_str(j, "instance_url", &t->instance_url) != 0 ||
	    sfjson_str(j, "id", &t->id_url) != 0) {
		cJSON_Delete(j);
		sf_token_release(t);
		*cause = xstrdup(_("unexpected token response from "
		    "salesforce"));
		return (-1);
	}
	cJSON_Delete(j);
	return (0);
}

int
sfjson_device(const char *body, size_t len, char **device_code,
    char **user_code, char **uri, long *interval, char **cause)
{
	cJSON	*j, *v;

	*device_code = *user_code = *uri = NULL;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	if (!cJSON_IsObject(j) ||
	    sfjson_str(j, "device_code", device_code) != 0 ||
	    sfjson_str(j, "user_code", user_code) != 0 ||
	    sfjson_str(j, "verification_uri", uri) != 0 ||
	    *device_code == NULL || *user_code == NULL || *uri == NULL) {
		cJSON_Delete(j);
		free(*device_code);
		free(*user_code);
		free(*uri);
		*device_code = *user_code = *uri = NULL;
		*cause = xstrdup(_("unexpected device login response"));
		return (-1);
	}
	v = cJSON_GetObjectItemCaseSensitive(j, "interval");
	/* Seconds between polls: 1 to 600 are taken, anything else is 5. */
	*interval = cJSON_IsNumber(v) && v->valuedouble >= 1 &&
	    v->valuedouble <= 600 ? (long)v->valuedouble : 5;
	cJSON_Delete(j);
	return (0);
}

int
sfjson_userinfo(const char *body, size_t len, char **user_id, char **cause)
{
	cJSON	*j;

	*user_id = NULL;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	if (!cJSON_IsObject(j) || sfjson_str(j, "user_id", user_id) != 0 ||
	    *user_id == NULL) {
		cJSON_Delete(j);
		free(*user_id);
		*user_id = NULL;
		/* TRANSLATORS: userinfo: the OAuth endpoint's name. */
		*cause = xstrdup(_("unexpected userinfo response"));
		return (-1);
	}
	cJSON_Delete(j);
	return (0);
}

int
sfjson_values(const char *body, size_t len, const char *field, char ***vals,
    size_t *n, char **cause)
{
	cJSON	*j, *recs, *r, *v;

	*vals = NULL;
	*n = 0;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	recs = cJSON_GetObjectItemCaseSensitive(j, "records");
	if (!cJSON_IsArray(recs)) {
		cJSON_Delete(j);
		*cause = xstrdup(_("unexpected query response from "
		    "salesforce"));
		return (-1);
	}
	*vals = xcalloc((size_t)cJSON_GetArraySize(recs) + 1, sizeof **vals);
	cJSON_ArrayForEach(r, recs) {
		v = cJSON_GetObjectItemCaseSensitive(r, field);
		if (cJSON_IsString(v))
			(*vals)[(*n)++] = xstrdup(v->valuestring);
	}
	cJSON_Delete(j);
	return (0);
}

/* A copy of the string member name of o, or NULL. */
static char *
sfjson_bayeux_str(const cJSON *o, const char *name)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	return (cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL);
}

int
sfjson_bayeux(const char *body, size_t len, struct sf_bayeux **out,
    size_t *n, char **cause)
{
	cJSON		*j, *arr;
	const cJSON	*m, *a, *v;
	struct sf_bayeux *b;

	*out = NULL;
	*n = 0;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	if (cJSON_IsObject(j)) {
		arr = cJSON_CreateArray();
		cJSON_AddItemToArray(arr, j);
		j = arr;
	}
	if (!cJSON_IsArray(j)) {
		cJSON_Delete(j);
		*cause = xstrdup(_("unexpected Streaming API response"));
		return (-1);
	}
	*out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof **out);
	cJSON_ArrayForEach(m, j) {
		if (!cJSON_IsObject(m))
			continue;
		b = &(*out)[(*n)++];
		b->channel = sfjson_bayeux_str(m, "channel");
		b->client_id = sfjson_bayeux_str(m, "clientId");
		b->error = sfjson_bayeux_str(m, "error");
		v = cJSON_GetObjectItemCaseSensitive(m, "successful");
		b->successful = cJSON_IsBool(v) ? cJSON_IsTrue(v) : -1;
		a = cJSON_GetObjectItemCaseSensitive(m, "advice");
		b->reconnect = sfjson_bayeux_str(a, "reconnect");
		v = cJSON_GetObjectItemCaseSensitive(a, "interval");
		b->interval = cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
		v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(m, "data"), "event"),
		    "replayId");
		b->replay = cJSON_IsNumber(v) ? (int64_t)v->valuedouble : -1;
		b->origin = sfjson_bayeux_str(cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
		    m, "data"), "payload"), "ChangeEventHeader"), "changeOrigin");
		if (b->channel == NULL) {
			sfjson_bayeux_free(*out, *n);
			*out = NULL;
			*n = 0;
			cJSON_Delete(j);
			/* TRANSLATORS: channel: the Bayeux protocol's term. */
			*cause = xstrdup(_("Streaming API message without a "
			    "channel"));
			return (-1);
		}
	}
	cJSON_Delete(j);
	return (0);
}

void
sfjson_bayeux_free(struct sf_bayeux *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].channel);
		free(v[i].client_id);
		free(v[i].error);
		free(v[i].reconnect);
		free(v[i].origin);
	}
	free(v);
}

int
sfjson_people(const char *body, size_t len, struct sf_person **out,
    size_t *n, char **cause)
{
	const cJSON	*recs, *r;
	cJSON		*j;
	char		*id, *name, *detail;

	*out = NULL;
	*n = 0;
	if ((j = sfjson_parse(body, len, cause)) == NULL)
		return (-1);
	recs = cJSON_GetObjectItemCaseSensitive(j, "records");
	if (!cJSON_IsArray(recs)) {
		cJSON_Delete(j);
		*cause = xstrdup("salesforce's search answer has no records");
		return (-1);
	}
	*out = xcalloc((size_t)cJSON_GetArraySize(recs) + 1, sizeof **out);
	cJSON_ArrayForEach(r, recs) {
		id = name = detail = NULL;
		if (sfjson_str(r, "Id", &id) != 0 || !task_sf_id_ok(id) ||
		    sfjson_str(r, "Name", &name) != 0 || name == NULL) {
			free(id);
			free(name);
			continue;
		}
		if ((detail = sfjson_rel_name(r, "Account")) == NULL &&
		    sfjson_str(r, "Company", &detail) != 0)
			detail = NULL;
		(*out)[*n].id = id;
		(*out)[*n].name = name;
		(*out)[*n].detail = detail;
		(*n)++;
	}
	cJSON_Delete(j);
	return (0);
}

void
sfjson_people_free(struct sf_person *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].detail);
	}
	free(v);
}
