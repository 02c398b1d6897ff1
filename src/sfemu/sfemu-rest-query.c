/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * query and queryAll, routed here by rest_handle (sfemu-rest.c): the SOQL
 * is parsed and evaluated by sfemu-soql.c, the matching records loaded,
 * sorted, cut by OFFSET and LIMIT and rendered; at most 2,000 records a
 * batch, nextRecordsUrl for the rest; Sforce-Query-Options: batchSize=
 * 200..2000 (headers_queryoptions).  A result of more than one batch is
 * kept as a cursor in the per-app state (struct sfrest), the least
 * recently used evicted when full, an idle one refused after 15 minutes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "sfemu-reply.h"
#include "sfemu-rest-int.h"
#include "sfemu-soql.h"
#include "sfemu-store.h"
#include "sfemu.h"
#include "xmalloc.h"

#define REST_MIN_BATCH		200
#define REST_CURSOR_IDLE_MS	(15 * 60 * 1000LL)

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

/*
 * The soql_describer over an objdef: the field's type; a long text area
 * (a string over 255 characters, "textarea" in describe) can be neither
 * filtered nor sorted (fieldExpression Syntax, ORDER BY).
 */
static int
rest_describe(void *ctx, const char *field, struct soql_fieldinfo *out)
{
	const struct objdef	*obj = ctx;
	int			 fi;

	if ((fi = obj_field(obj, field, 1)) < 0)
		return (-1);
	out->type = obj->fields[fi].type;
	out->filterable = out->type != SOQL_STRING ||
	    obj->fields[fi].maxlen <= 255;
	out->sortable = out->filterable;
	return (0);
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

/*
 * The batch size from Sforce-Query-Options (headers_queryoptions: default
 * 2,000, minimum 200, maximum 2,000, "no guarantee that the requested
 * batch size is the actual batch size"): a number outside is clamped, one
 * that is not a number ignored.  The setting query_batch, if set, is the
 * size answered whatever was asked: a server that does not take it.
 */
static int
rest_batch(struct sfemu *app, struct sfreq *req)
{
	const char	*h, *p;
	char		*end;
	long		 v;

	v = (long)store_get_int(app->st, "query_batch", 0);
	if (v > 0)
		return (v < REST_MAX_BATCH ? (int)v : REST_MAX_BATCH);
	h = http_header(req, "Sforce-Query-Options");
	if (h == NULL || (p = strcasestr(h, "batchSize=")) == NULL)
		return (REST_MAX_BATCH);
	v = strtol(p + 10, &end, 10);
	if (end == p + 10)
		return (REST_MAX_BATCH);
	if (v < REST_MIN_BATCH)
		v = REST_MIN_BATCH;
	if (v > REST_MAX_BATCH)
		v = REST_MAX_BATCH;
	return ((int)v);
}

/* GET /query?q= and /queryAll?q=. */
void
rest_query(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *version, int all)
{
	const struct objdef	*obj;
	struct soql_query	*q;
	struct rec		**recs = NULL, **tmp;
	struct cursor		*c;
	const char		*text, *code;
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
	/* Values against field types, before a row is read (issue 14). */
	if (soql_check(q, rest_describe, (void *)obj, &code, &cause,
	    &pos) != 0) {
		rest_query_error(resp, code, text, pos, cause);
		free(cause);
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
		rc = soql_match_err(q, rec_get, recs[i], now,
		    cause == NULL ? &cause : NULL,
		    cause == NULL ? &pos : NULL);
		if (rc == 1)
			recs[k++] = recs[i];
		else
			rec_free(recs[i]);
	}
	n = k;
	if (cause != NULL) {
		/* An error soql_check did not foresee is still an error. */
		rest_query_error(resp, "INVALID_FIELD", text, pos, cause);
		free(cause);
		goto out;
	}
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
	c->batch = rest_batch(app, req);
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
void
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
