/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The request and the reply as the handlers see them: reading a request's
 * headers and query arguments (from libmicrohttpd, or from the lists the
 * fuzz target passes), and writing a reply's headers, JSON body and the
 * Salesforce error body.  The router in sfemu-http.c and every handler
 * (sfemu-ctl.c, sfemu-oauth.c, sfemu-rest.c) call these; nothing here
 * calls back into them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <microhttpd.h>

#include "buf.h"
#include "sfemu-reply.h"
#include "xmalloc.h"

/* The value of name in a name, value, ..., NULL list, or NULL. */
static const char *
http_pair(const char *const *list, const char *name, int icase)
{
	for (; list != NULL && list[0] != NULL && list[1] != NULL; list += 2) {
		if ((icase ? strcasecmp(list[0], name) :
		    strcmp(list[0], name)) == 0)
			return (list[1]);
	}
	return (NULL);
}

const char *
http_header(const struct sfreq *req, const char *name)
{
	if (req->conn == NULL)
		return (http_pair(req->headers, name, 1));
	return (MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name));
}

const char *
http_arg(const struct sfreq *req, const char *name)
{
	if (req->conn == NULL)
		return (http_pair(req->args, name, 0));
	return (MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND,
	    name));
}

void
resp_header(struct sfresp *resp, const char *name, const char *value)
{
	if (resp->nh == SFRESP_MAXHDR)
		return;
	resp->hname[resp->nh] = xstrdup(name);
	resp->hvalue[resp->nh] = xstrdup(value);
	resp->nh++;
}

void
resp_json(struct sfresp *resp, int status, cJSON *json)
{
	char	*s;

	s = cJSON_PrintUnformatted(json);
	cJSON_Delete(json);
	resp->status = status;
	buf_reset(&resp->body);
	buf_adds(&resp->body, s);
	free(s);
	resp->ctype = "application/json;charset=UTF-8";
}

/* Answers [{"message","errorCode"[,"fields"]}]. */
static void
resp_error_body(struct sfresp *resp, int status, const char *code,
    const char *message, const char *field, int fields)
{
	cJSON	*arr, *e, *f;

	arr = cJSON_CreateArray();
	e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "message", message);
	cJSON_AddStringToObject(e, "errorCode", code);
	if (fields || field != NULL) {
		f = cJSON_AddArrayToObject(e, "fields");
		if (field != NULL)
			cJSON_AddItemToArray(f, cJSON_CreateString(field));
	}
	cJSON_AddItemToArray(arr, e);
	resp_json(resp, status, arr);
}

void
resp_error(struct sfresp *resp, int status, const char *code,
    const char *message, const char *field)
{
	resp_error_body(resp, status, code, message, field, 0);
}

void
resp_error_rec(struct sfresp *resp, int status, const char *code,
    const char *message, const char *field)
{
	resp_error_body(resp, status, code, message, field, 1);
}
