/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * REST calls over sf-http, with the one-refresh-then-retry rule for 401
 * and the bookkeeping every response brings (API use, clock offset).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "log.h"
#include "sf-rest.h"
#include "xmalloc.h"

struct sf_rest *
sf_rest_new(const char *cred_path)
{
	struct sf_rest	*r;

	r = xcalloc(1, sizeof *r);
	r->http = sf_http_new();
	sf_cred_init(&r->cred);
	r->cred_path = xstrdup(cred_path);
	r->api_used = r->api_max = -1;
	return (r);
}

void
sf_rest_free(struct sf_rest *r)
{
	if (r == NULL)
		return;
	sf_http_free(r->http);
	sf_cred_release(&r->cred);
	free(r->cred_path);
	free(r);
}

enum sf_err
sf_rest_connect(struct sf_rest *r, char **cause)
{
	enum sf_err	err;

	if (sf_cred_load(&r->cred, r->cred_path, cause) != 0)
		return (SF_EAUTH);
	if (r->cred.user_id != NULL)
		return (SF_OK);
	if (r->cred.access_token == NULL) {
		if ((err = sf_auth_refresh(r->http, &r->cred, r->cred_path,
		    cause)) != SF_OK)
			return (err);
	}
	err = sf_auth_whoami(r->http, &r->cred, cause);
	if (err == SF_EAUTH && !r->cred.from_env) {
		free(*cause);
		*cause = NULL;
		if ((err = sf_auth_refresh(r->http, &r->cred, r->cred_path,
		    cause)) == SF_OK)
			err = sf_auth_whoami(r->http, &r->cred, cause);
	}
	return (err);
}

int64_t
sf_rest_server_ms(const struct sf_rest *r, int64_t local_ms)
{
	return (local_ms + (r->have_offset ? r->offset_ms : 0));
}

/* Notes the figures every response carries. */
static void
sf_rest_note(struct sf_rest *r, const struct sf_resp *resp)
{
	int64_t	off;

	r->calls++;
	if (resp->api_max > 0) {
		r->api_used = resp->api_used;
		r->api_max = resp->api_max;
	}
	if (resp->date_ms > 0) {
		/* Date has one-second resolution: keep the sub-second part. */
		off = resp->date_ms + 500 - resp->local_ms;
		if (!r->have_offset || off / 1000 != r->offset_ms / 1000)
			r->offset_ms = off;
		r->have_offset = 1;
	}
}

enum sf_err
sf_rest_call(struct sf_rest *r, const char *method, const char *path,
    const char *body, struct sf_resp *resp, char **cause)
{
	enum sf_err	 err;
	char		*url;
	int		 retried = 0;

	if (r->cred.access_token == NULL && (err = sf_rest_connect(r,
	    cause)) != SF_OK)
		return (err);
again:
	if (strncmp(path, "http", 4) == 0)
		url = xstrdup(path);
	else
		url = xasprintf("%s%s", r->cred.instance_url, path);
	err = sf_http_request_hdr(r->http, method, url, r->cred.access_token,
	    "application/json", body, r->hdr, resp, cause);
	free(url);
	if (err != SF_OK)
		return (err);
	sf_rest_note(r, resp);
	if (resp->status >= 200 && resp->status < 300)
		return (SF_OK);
	err = sfjson_error(resp->status, resp->body.data, resp->body.len,
	    cause);
	if (err == SF_EAUTH && !retried) {
		/* One refresh and one retry (C8). */
		free(*cause);
		*cause = NULL;
		retried = 1;
		log_info("sync: session expired, refreshing the token");
		if ((err = sf_auth_refresh(r->http, &r->cred, r->cred_path,
		    cause)) != SF_OK)
			return (err);
		goto again;
	}
	return (err);
}

/* Runs a GET and parses a query page. */
static enum sf_err
sf_rest_page(struct sf_rest *r, const char *path, const char *extfield,
    struct sf_page *pg, char **cause)
{
	struct sf_resp	resp;
	enum sf_err	err;

	sf_resp_init(&resp);
	err = sf_rest_call(r, "GET", path, NULL, &resp, cause);
	r->too_large = resp.too_large;
	if (err == SF_OK && sfjson_page(resp.body.data, resp.body.len,
	    extfield, pg, cause) != 0)
		err = SF_ETRANSIENT;	/* a truncated page is retried */
	sf_resp_release(&resp);
	return (err);
}

enum sf_err
sf_rest_query(struct sf_rest *r, const char *soql, int all,
    const char *extfield, struct sf_page *pg, char **cause)
{
	enum sf_err	 err;
	char		*q, *path, *hdr;

	q = sf_http_escape(soql);
	path = xasprintf("/services/data/" SF_API_VERSION "/%s/?q=%s",
	    all ? "queryAll" : "query", q);
	free(q);
	hdr = r->batch > 0 ? xasprintf("Sforce-Query-Options: batchSize=%d",
	    r->batch) : NULL;
	r->hdr = hdr;
	err = sf_rest_page(r, path, extfield, pg, cause);
	r->hdr = NULL;
	free(hdr);
	free(path);
	return (err);
}

enum sf_err
sf_rest_next(struct sf_rest *r, const char *next_url, const char *extfield,
    struct sf_page *pg, char **cause)
{
	if (strncmp(next_url, "/services/", 10) != 0) {
		/* TRANSLATORS: nextRecordsUrl: Salesforce's name. */
		*cause = xstrdup(_("unexpected nextRecordsUrl from "
		    "salesforce"));
		return (SF_EFATAL);
	}
	return (sf_rest_page(r, next_url, extfield, pg, cause));
}

enum sf_err
sf_rest_collection(struct sf_rest *r, const char *method,
    const struct sf_write *w, size_t n, int create, const char *extfield,
    struct sf_result **out, char **cause)
{
	struct sf_resp	 resp;
	struct buf	 b;
	enum sf_err	 err;
	char		*body = NULL, *path;
	size_t		 i;

	*out = NULL;
	if (strcmp(method, "DELETE") == 0) {
		buf_init(&b);
		buf_adds(&b, "/services/data/" SF_API_VERSION
		    "/composite/sobjects?allOrNone=false&ids=");
		for (i = 0; i < n; i++)
			buf_addf(&b, "%s%s", i > 0 ? "," : "", w[i].id);
		path = buf_detach(&b);
	} else {
		/* A create carries the external-Id field in its record. */
		(void)extfield;
		body = sfjson_collection(w, n, create);
		path = xstrdup("/services/data/" SF_API_VERSION
		    "/composite/sobjects");
	}
	sf_resp_init(&resp);
	r->hdr = r->call_options;
	err = sf_rest_call(r, method, path, body, &resp, cause);
	r->hdr = NULL;
	r->last_status = resp.status;
	if (err == SF_OK && sfjson_results(resp.body.data, resp.body.len, n,
	    out, cause) != 0)
		err = SF_ETRANSIENT;	/* outcome unknown: see C6 */
	sf_resp_release(&resp);
	free(body);
	free(path);
	return (err);
}

enum sf_err
sf_rest_picklist(struct sf_rest *r, const char *object, char ***vals,
    size_t *n, char **cause)
{
	struct sf_resp	 resp;
	enum sf_err	 err;
	char		*q, *path;

	*vals = NULL;
	*n = 0;
	q = xasprintf("SELECT ApiName FROM %s", object);
	path = sf_http_escape(q);
	free(q);
	q = xasprintf("/services/data/" SF_API_VERSION "/query/?q=%s", path);
	free(path);
	sf_resp_init(&resp);
	err = sf_rest_call(r, "GET", q, NULL, &resp, cause);
	if (err == SF_OK && sfjson_values(resp.body.data, resp.body.len,
	    "ApiName", vals, n, cause) != 0)
		err = SF_EFATAL;
	sf_resp_release(&resp);
	free(q);
	return (err);
}
