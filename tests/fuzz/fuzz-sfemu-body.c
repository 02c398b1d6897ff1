/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: sfemu's request bodies, run through the real handlers
 * on an in-memory org without an HTTP server.  The first byte picks the
 * request, the second its variant; the rest is the body (JSON for
 * sObject create / update / upsert, composite collections and the control
 * API; form-encoded for the OAuth token and revoke endpoints; the ids list
 * of a collection delete or the q of a query).  Every answer must be a
 * well-formed Salesforce answer: a status below 500 and, if there is a
 * JSON body, valid JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sfemu-ctl.h"
#include "sfemu-http.h"
#include "sfemu-oauth.h"
#include "sfemu-reply.h"
#include "sfemu-rest.h"
#include "sfemu-store.h"
#include "sfemu.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define V	"/services/data/v59.0"

static const char seed[] = "{\"users\":[{\"key\":\"rep\",\"Name\":\"Dana "
    "Rivera\",\"Username\":\"dana@x\",\"Password\":\"pw1\"}],"
    "\"accounts\":[{\"key\":\"acme\",\"Name\":\"Acme\"}],"
    "\"contacts\":[{\"key\":\"ana\",\"FirstName\":\"Ana\",\"LastName\":"
    "\"Souza\",\"AccountKey\":\"acme\"}],"
    "\"tasks\":[{\"Subject\":\"Call Ana\",\"Who\":\"ana\",\"What\":\"acme\","
    "\"ActivityDate\":0,\"TaskdeckKey__c\":\"k1\"},"
    "{\"Subject\":\"Gone\",\"DeletedDaysAgo\":1}]}";

static struct sfemu	 app;
static char		*token, *bearer, task[32], gone[32];
static unsigned		 runs;

/* A fresh org: one rep, an account, a contact, a live and a deleted task. */
static void
org_new(void)
{
	cJSON	*s, *res = NULL;
	char	*cause = NULL, uid[SFID_LEN + 1];

	memset(&app, 0, sizeof app);
	app.token_ttl = 7200;
	app.api_limit = 1000000;
	snprintf(app.base, sizeof app.base, "http://127.0.0.1:1");
	if ((app.st = store_open(NULL, &cause)) == NULL)
		abort();
	app.ctl = ctl_new();
	app.rest = rest_new();
	s = cJSON_Parse(seed);
	if (ctl_seed(&app, s, &res, &cause) != 0)
		abort();
	snprintf(task, sizeof task, "%s", cJSON_GetArrayItem(
	    cJSON_GetObjectItem(res, "tasks"), 0)->valuestring);
	snprintf(gone, sizeof gone, "%s", cJSON_GetArrayItem(
	    cJSON_GetObjectItem(res, "tasks"), 1)->valuestring);
	cJSON_Delete(s);
	cJSON_Delete(res);
	if (store_user_nth(app.st, 0, uid) != 0)
		abort();
	token = oauth_issue(&app, uid);
	bearer = xasprintf("Bearer %s", token);
}

static void
org_free(void)
{
	rest_free(app.rest);
	ctl_free(app.ctl);
	store_free(app.st);
	free(token);
	free(bearer);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ctl[] = { "seed", "settings", "clock",
	    "limits", "faults", "device/approve", "token", "expire-sessions" };
	const char	*hdrs[7] = { NULL }, *args[5] = { NULL };
	struct sfreq	 req;
	struct sfresp	 resp;
	char		*body, *path = NULL;
	cJSON		*j;
	size_t		 i;
	int		 route, variant, nh = 0;

	if (size < 2)
		return (0);
	if (runs++ % 512 == 0) {
		if (runs > 1)
			org_free();
		org_new();
	}
	route = data[0] % 10;
	variant = data[1];
	body = xmalloc(size - 1);	/* the body may hold NUL bytes */
	memcpy(body, data + 2, size - 2);
	body[size - 2] = '\0';
	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	buf_init(&resp.body);
	req.body = body;
	req.bodylen = size - 2;
	req.headers = hdrs;
	req.args = args;
	hdrs[nh++] = "Authorization";
	hdrs[nh++] = bearer;
	if (variant & 1) {
		hdrs[nh++] = "If-Unmodified-Since";
		hdrs[nh++] = variant & 2 ? "Sun, 06 Nov 1994 08:49:37 GMT" :
		    "Fri, 01 Jan 2100 00:00:00 GMT";
	}
	switch (route) {
	case 0:
		req.method = "POST";
		/* Issue 17: Contact and Lead writes too. */
		path = xstrdup(variant & 4 ? V "/sobjects/Contact" :
		    variant & 8 ? V "/sobjects/Lead" : V "/sobjects/Task");
		break;
	case 1:
		req.method = "PATCH";
		path = xasprintf(V "/sobjects/Task/%s", variant & 4 ? gone :
		    task);
		break;
	case 2:
		req.method = variant & 4 ? "PATCH" : "POST";
		path = xstrdup(V "/sobjects/Task/TaskdeckKey__c/k1");
		break;
	case 3:
	case 4:
		req.method = route == 3 ? "POST" : "PATCH";
		path = xstrdup(V "/composite/sobjects");
		break;
	case 5:
	case 6:
		req.method = "POST";
		path = xstrdup(route == 5 ? "/services/oauth2/token" :
		    "/services/oauth2/revoke");
		break;
	case 7:
		req.method = "DELETE";
		path = xstrdup(V "/composite/sobjects");
		args[0] = "ids";
		args[1] = body;
		args[2] = "allOrNone";
		args[3] = variant & 2 ? "true" : "false";
		req.bodylen = 0;
		break;
	case 8:
		req.method = "GET";
		/* Issue 17: SOSL and parameterized search take q too. */
		path = xstrdup(variant & 4 ? V "/search" : variant & 8 ?
		    V "/parameterizedSearch" : variant & 2 ? V "/queryAll" :
		    V "/query");
		args[0] = "q";
		args[1] = body;
		req.bodylen = 0;
		break;
	default:
		req.method = "POST";
		path = xasprintf(SFEMU_CTL_PREFIX "%s",
		    ctl[(variant >> 2) % (sizeof ctl / sizeof ctl[0])]);
		break;
	}
	req.path = path;
	req.endpoint = "fuzz";
	sfemu_handle(&app, &req, &resp);

	if (resp.status < 200 || resp.status >= 500) {
		fprintf(stderr, "%s %s -> %d %.*s\n", req.method, path,
		    resp.status, (int)resp.body.len, resp.body.data);
		abort();	/* bad input is a 4xx, never a failure */
	}
	if (resp.body.len > 0 && resp.ctype != NULL &&
	    strstr(resp.ctype, "json") != NULL) {
		if ((j = cJSON_ParseWithLength(resp.body.data,
		    resp.body.len)) == NULL)
			abort();	/* the answer is JSON */
		cJSON_Delete(j);
	}
	for (i = 0; i < resp.nh; i++) {
		free(resp.hname[i]);
		free(resp.hvalue[i]);
	}
	buf_release(&resp.body);
	free(path);
	free(body);
	return (0);
}
