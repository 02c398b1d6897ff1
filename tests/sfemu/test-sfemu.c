/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu conformance suite, written from the Salesforce REST API and OAuth
 * documentation (doc/sfemu.md names the page behind each behaviour).  Each
 * check names the SPEC rule it proves: E1 endpoints, E2 shapes, E3 the
 * control API.  It starts its own sfemu on an ephemeral loopback port and
 * stops it at the end; no check sleeps to age data, the clock is moved.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"
#include "emu.h"

#define V	"/services/data/v59.0"

static struct emu	 E;
static char		*tok;		/* the rep's session */
static char		*tok2;		/* another rep's session */

static const char seed[] =
    "{\"users\":["
    "{\"key\":\"rep\",\"Name\":\"Dana Rivera\",\"Username\":\"dana@t.example\","
    "\"Password\":\"pw1\"},"
    "{\"key\":\"other\",\"Name\":\"Marco Bellini\",\"Username\":"
    "\"marco@t.example\",\"Password\":\"pw2\"}],"
    "\"accounts\":[{\"key\":\"acme\",\"Name\":\"Acme GmbH\"}],"
    "\"contacts\":[{\"key\":\"ana\",\"FirstName\":\"Ana\",\"LastName\":"
    "\"Souza\",\"AccountKey\":\"acme\"}],"
    "\"leads\":[{\"key\":\"li\",\"FirstName\":\"Li\",\"LastName\":\"Wei\","
    "\"Company\":\"Wei Ltd\"}],"
    "\"tasks\":[{\"Subject\":\"Call Ana\",\"Status\":\"Not Started\","
    "\"Priority\":\"High\",\"ActivityDate\":0,\"Owner\":\"rep\",\"Who\":"
    "\"ana\",\"What\":\"acme\",\"CreatedDaysAgo\":3}]}";

/* GET of a SOQL query (q is URL-encoded here). */
static struct res *
query(const char *token, const char *soql, const char *header, int all)
{
	struct res	*r;
	char		*q, *path;

	q = emu_escape(soql);
	if (asprintf(&path, V "/%s?q=%s", all ? "queryAll" : "query", q) < 0)
		abort();
	r = emu_req(&E, "GET", path, token, NULL, header);
	free(q);
	free(path);
	return (r);
}

/* totalSize of a query. */
static int
count(const char *soql)
{
	struct res	*r;
	int		 n;

	r = query(tok, soql, NULL, 0);
	n = (int)cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
	    "totalSize"));
	res_free(r);
	return (n);
}

/* Creates a task from a JSON body; returns its Id (caller frees) or NULL. */
static char *
create(const char *token, const char *body)
{
	struct res	*r;
	char		*id = NULL;

	r = emu_req(&E, "POST", V "/sobjects/Task", token, body, NULL);
	if (r->status == 201 && js(r->json, "id") != NULL)
		id = strdup(js(r->json, "id"));
	res_free(r);
	return (id);
}

/* GET one task, returning the response. */
static struct res *
get_task(const char *id)
{
	char		*path;
	struct res	*r;

	if (asprintf(&path, V "/sobjects/Task/%s", id) < 0)
		abort();
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	free(path);
	return (r);
}

/* PATCH one task. */
static struct res *
patch_task(const char *id, const char *body, const char *header)
{
	char		*path;
	struct res	*r;

	if (asprintf(&path, V "/sobjects/Task/%s", id) < 0)
		abort();
	r = emu_req(&E, "PATCH", path, tok, body, header);
	free(path);
	return (r);
}

/* Moves the emulator clock by seconds. */
static void
advance(double seconds)
{
	char	body[64];

	snprintf(body, sizeof body, "{\"advance_seconds\":%.3f}", seconds);
	res_free(emu_ctl(&E, "POST", "clock", body));
	if (seconds > 8000 && tok != NULL) {
		/* Sessions last two hours: log in again after a long jump. */
		free(tok);
		free(tok2);
		tok = emu_login(&E, "dana@t.example", "pw1");
		tok2 = emu_login(&E, "marco@t.example", "pw2");
	}
}

/* The emulator's now as an ISO date-time shifted by delta seconds. */
static char *
iso_now(double delta)
{
	struct res	*r;
	long long	 ms;
	time_t		 t;
	struct tm	 tm;
	char		 buf[40];

	r = emu_ctl(&E, "GET", "clock", NULL);
	ms = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
	    "ms"));
	res_free(r);
	t = (time_t)(ms / 1000 + (long long)delta);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return (strdup(buf));
}

/* Checks the 18-character Id checksum independently of sfemu. */
static int
id_ok(const char *id)
{
	static const char	sfx[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
	int			i, j, n;

	if (id == NULL || strlen(id) != 18)
		return (0);
	for (i = 0; i < 3; i++) {
		for (n = 0, j = 0; j < 5; j++)
			if (id[i * 5 + j] >= 'A' && id[i * 5 + j] <= 'Z')
				n |= 1 << j;
		if (id[15 + i] != sfx[n])
			return (0);
	}
	return (1);
}

/* Matches 2026-11-23T10:00:00.000+0000. */
static int
ts_ok(const char *s)
{
	int	y, mo, d, h, mi, se, ms;
	char	tail[8];

	return (s != NULL && strlen(s) == 28 && sscanf(s,
	    "%4d-%2d-%2dT%2d:%2d:%2d.%3d%5s", &y, &mo, &d, &h, &mi, &se, &ms,
	    tail) == 8 && strcmp(tail, "+0000") == 0);
}

static void
test_versions_and_auth(void)
{
	struct res	*r;
	cJSON		*first;
	char		*refresh;

	r = emu_req(&E, "GET", "/services/data/", NULL, NULL, NULL);
	first = cJSON_GetArrayItem(r->json, 0);
	ok(r->status == 200 && js(first, "version") != NULL &&
	    strcmp(js(first, "version"), "59.0") == 0,
	    "E1 versions list starts at v59.0");
	res_free(r);

	r = emu_req(&E, "POST", "/services/oauth2/token", NULL,
	    "grant_type=password&client_id=c&username=dana%40t.example&"
	    "password=pw1", NULL);
	ok(r->status == 200 && js(r->json, "access_token") != NULL &&
	    js(r->json, "instance_url") != NULL &&
	    strcmp(js(r->json, "instance_url"), E.base) == 0 &&
	    js(r->json, "id") != NULL && strstr(js(r->json, "id"), "/id/00D") &&
	    js(r->json, "issued_at") != NULL && js(r->json, "signature") &&
	    strcmp(js(r->json, "token_type"), "Bearer") == 0,
	    "E1 password grant answers access_token, instance_url, id, "
	    "issued_at, signature, token_type");
	ok(js(r->json, "refresh_token") == NULL,
	    "E1 password grant issues no refresh token, as documented");
	res_free(r);

	r = emu_req(&E, "POST", "/services/oauth2/token", NULL,
	    "grant_type=password&client_id=c&username=dana%40t.example&"
	    "password=wrong", NULL);
	ok(r->status == 400 && js(r->json, "error") &&
	    strcmp(js(r->json, "error"), "invalid_grant") == 0,
	    "E1 wrong password -> 400 invalid_grant");
	res_free(r);

	r = emu_req(&E, "GET", V "/limits", NULL, NULL, NULL);
	is_int(r->status, 401, "E2 no Authorization header -> 401");
	is_str(res_code(r), "INVALID_AUTH_HEADER",
	    "E2 missing header errorCode INVALID_AUTH_HEADER");
	res_free(r);
	r = emu_req(&E, "GET", V "/limits", "00Dbogus!token", NULL, NULL);
	is_int(r->status, 401, "E2 bad token -> 401");
	is_str(res_code(r), "INVALID_SESSION_ID",
	    "E2 bad token errorCode INVALID_SESSION_ID");
	is_str(js(cJSON_GetArrayItem(r->json, 0), "message"),
	    "Session expired or invalid", "E2 bad token message");
	res_free(r);

	r = emu_req(&E, "GET", "/services/oauth2/userinfo", tok, NULL, NULL);
	is_str(js(r->json, "preferred_username"), "dana@t.example",
	    "E1 userinfo names the user");
	res_free(r);

	/* Refresh tokens come from the device flow, tested below. */
	refresh = NULL;
	(void)refresh;
}

static void
test_device_and_refresh(void)
{
	struct res	*r;
	char		*code, *ucode, body[512], *refresh, *access, *old;

	r = emu_req(&E, "POST", "/services/oauth2/token", NULL,
	    "response_type=device_code&client_id=c&scope=api+refresh_token",
	    NULL);
	ok(r->status == 200 && js(r->json, "device_code") &&
	    js(r->json, "user_code") && js(r->json, "verification_uri") &&
	    cJSON_IsNumber(cJSON_GetObjectItem(r->json, "interval")),
	    "E1 device flow start answers device_code, user_code, "
	    "verification_uri, interval");
	code = strdup(js(r->json, "device_code") ? js(r->json, "device_code") :
	    "");
	ucode = strdup(js(r->json, "user_code") ? js(r->json, "user_code") :
	    "");
	res_free(r);

	snprintf(body, sizeof body, "grant_type=device&client_id=c&code=%s",
	    code);
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 400 && js(r->json, "error") &&
	    strcmp(js(r->json, "error"), "authorization_pending") == 0,
	    "E1 device poll before approval -> authorization_pending");
	res_free(r);
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 400 && js(r->json, "error") &&
	    strcmp(js(r->json, "error"), "slow_down") == 0,
	    "E1 device poll faster than interval -> slow_down");
	res_free(r);

	snprintf(body, sizeof body, "{\"user_code\":\"%s\",\"user\":\"rep\"}",
	    ucode);
	r = emu_ctl(&E, "POST", "device/approve", body);
	is_int(r->status, 200, "E3 control API approves a device login");
	res_free(r);
	advance(6);
	snprintf(body, sizeof body, "grant_type=device&client_id=c&code=%s",
	    code);
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 200 && js(r->json, "access_token") &&
	    js(r->json, "refresh_token"),
	    "E1 approved device poll -> access and refresh tokens");
	refresh = strdup(js(r->json, "refresh_token") ?
	    js(r->json, "refresh_token") : "");
	res_free(r);
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 400, "E1 a device code is redeemed once");
	res_free(r);

	/* Token expiry by the clock, then refresh. */
	advance(7201);
	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	ok(r->status == 401 && res_code(r) &&
	    strcmp(res_code(r), "INVALID_SESSION_ID") == 0,
	    "E1 access token expires with the emulator clock -> 401 "
	    "INVALID_SESSION_ID");
	res_free(r);
	snprintf(body, sizeof body,
	    "grant_type=refresh_token&client_id=c&refresh_token=%s", refresh);
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 200 && js(r->json, "access_token") &&
	    js(r->json, "refresh_token") == NULL,
	    "E1 refresh_token grant -> new access token, no rotation by "
	    "default");
	access = strdup(js(r->json, "access_token") ?
	    js(r->json, "access_token") : "");
	res_free(r);
	r = emu_req(&E, "GET", V "/limits", access, NULL, NULL);
	is_int(r->status, 200, "E1 refreshed token works");
	res_free(r);

	res_free(emu_ctl(&E, "POST", "settings", "{\"rotate_refresh\":true}"));
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 200 && js(r->json, "refresh_token") &&
	    strcmp(js(r->json, "refresh_token"), refresh) != 0,
	    "E1 rotating refresh: a new refresh token is issued");
	old = refresh;
	refresh = strdup(js(r->json, "refresh_token") ?
	    js(r->json, "refresh_token") : "");
	res_free(r);
	r = emu_req(&E, "POST", "/services/oauth2/token", NULL, body, NULL);
	ok(r->status == 400 && js(r->json, "error") &&
	    strcmp(js(r->json, "error"), "invalid_grant") == 0,
	    "E1 rotating refresh: the old refresh token is refused");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "settings", "{\"rotate_refresh\":false}"));

	res_free(emu_ctl(&E, "POST", "expire-sessions", NULL));
	r = emu_req(&E, "GET", V "/limits", access, NULL, NULL);
	is_int(r->status, 401, "E3 expire-sessions ends every session");
	res_free(r);
	free(tok);
	free(tok2);
	tok = emu_login(&E, "dana@t.example", "pw1");
	tok2 = emu_login(&E, "marco@t.example", "pw2");
	free(code);
	free(ucode);
	free(refresh);
	free(old);
	free(access);
}

static void
test_crud(void)
{
	struct res	*r;
	char		*id, *created, *path, body[40100];
	const char	*v;

	id = create(tok, "{\"Subject\":\"Send quote\",\"ActivityDate\":"
	    "\"2026-11-24\",\"Priority\":\"High\"}");
	ok(id_ok(id), "E2 create -> 201 with an 18-character Id whose "
	    "suffix is the real checksum");
	if (id == NULL)
		id = strdup("00T000000000000AAA");
	r = get_task(id);
	ok(r->status == 200 && js(cJSON_GetObjectItem(r->json, "attributes"),
	    "type") && strcmp(js(cJSON_GetObjectItem(r->json, "attributes"),
	    "type"), "Task") == 0, "E2 record has an attributes block");
	is_str(js(r->json, "Status"), "Not Started",
	    "E1 Status defaults to the picklist default");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(r->json, "IsHighPriority")),
	    "E1 IsHighPriority derived from Priority High");
	ok(ts_ok(js(r->json, "CreatedDate")) &&
	    ts_ok(js(r->json, "SystemModstamp")),
	    "E2 timestamps look like 2026-11-23T10:00:00.000+0000");
	is_str(js(r->json, "TaskSubtype"), "Task", "E1 TaskSubtype Task");
	created = strdup(js(r->json, "LastModifiedDate") ?
	    js(r->json, "LastModifiedDate") : "");
	res_free(r);

	advance(2);
	r = patch_task(id, "{\"Status\":\"Completed\"}", NULL);
	is_int(r->status, 204, "E1 PATCH -> 204");
	res_free(r);
	r = get_task(id);
	ok(cJSON_IsTrue(cJSON_GetObjectItem(r->json, "IsClosed")),
	    "E1 IsClosed derived from Status Completed");
	ok(js(r->json, "LastModifiedDate") &&
	    strcmp(js(r->json, "LastModifiedDate"), created) > 0 &&
	    strcmp(js(r->json, "SystemModstamp"),
	    js(r->json, "LastModifiedDate")) == 0,
	    "E2 PATCH maintains LastModifiedDate and SystemModstamp");
	res_free(r);

	/* If-Unmodified-Since (Conditional Request Headers). */
	r = patch_task(id, "{\"Subject\":\"x\"}",
	    "If-Unmodified-Since: Mon, 01 Jan 2001 00:00:00 GMT");
	is_int(r->status, 412, "E1 If-Unmodified-Since before the last "
	    "change -> 412");
	res_free(r);
	r = patch_task(id, "{\"Subject\":\"x\"}",
	    "If-Unmodified-Since: Fri, 01 Jan 2100 00:00:00 GMT");
	is_int(r->status, 204, "E1 If-Unmodified-Since after the last "
	    "change -> 204");
	res_free(r);
	r = patch_task(id, "{\"Subject\":\"x\"}",
	    "If-Unmodified-Since: yesterday");
	is_int(r->status, 400, "E1 invalid If-Unmodified-Since -> 400");
	res_free(r);

	/* Field errors. */
	memset(body, 0, sizeof body);
	strcpy(body, "{\"Subject\":\"");
	memset(body + strlen(body), 'a', 256);
	strcat(body, "\"}");
	r = patch_task(id, body, NULL);
	ok(r->status == 400 && res_code(r) &&
	    strcmp(res_code(r), "STRING_TOO_LONG") == 0 &&
	    js(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    r->json, 0), "fields"), 0), "x") == NULL,
	    "E2 Subject of 256 characters -> 400 STRING_TOO_LONG");
	v = cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(r->json, 0), "fields"), 0));
	is_str(v, "Subject", "E2 error body names the field");
	res_free(r);
	strcpy(body, "{\"Subject\":\"");
	for (int i = 0; i < 255; i++)
		strcat(body, "\xc3\xa9");
	strcat(body, "\"}");
	r = patch_task(id, body, NULL);
	is_int(r->status, 204, "E1 255 non-ASCII characters fit Subject");
	res_free(r);
	strcpy(body, "{\"Description\":\"");
	memset(body + strlen(body), 'd', 32001);
	strcat(body, "\"}");
	r = patch_task(id, body, NULL);
	is_str(res_code(r), "STRING_TOO_LONG",
	    "E2 Description over 32,000 -> STRING_TOO_LONG");
	res_free(r);
	r = patch_task(id, "{\"Status\":\"Bogus\"}", NULL);
	is_str(res_code(r), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
	    "E2 unknown Status -> INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
	res_free(r);
	r = patch_task(id, "{\"Priority\":null}", NULL);
	is_str(res_code(r), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
	    "E2 null Priority -> INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
	res_free(r);
	r = patch_task(id, "{\"Nope__c\":1}", NULL);
	is_str(res_code(r), "INVALID_FIELD",
	    "E2 unknown field -> INVALID_FIELD");
	res_free(r);
	r = patch_task(id, "{\"IsClosed\":true}", NULL);
	is_str(res_code(r), "INVALID_FIELD_FOR_INSERT_UPDATE",
	    "E2 derived field -> INVALID_FIELD_FOR_INSERT_UPDATE");
	res_free(r);
	r = patch_task(id, "{not json", NULL);
	is_str(res_code(r), "JSON_PARSER_ERROR", "E2 bad JSON -> "
	    "JSON_PARSER_ERROR");
	res_free(r);
	r = patch_task(id, "{\"ActivityDate\":\"2026-02-30\"}", NULL);
	is_int(r->status, 400, "E2 impossible ActivityDate -> 400");
	res_free(r);

	r = emu_req(&E, "DELETE", "/services/data/v59.0/sobjects/Task/"
	    "00TaJ0000000000", tok, NULL, NULL);
	is_int(r->status, 404, "E1 DELETE unknown Id -> 404");
	res_free(r);
	if (asprintf(&path, V "/sobjects/Task/%s", id) < 0)
		abort();
	r = emu_req(&E, "DELETE", path, tok, NULL, NULL);
	is_int(r->status, 204, "E1 DELETE -> 204");
	res_free(r);
	r = get_task(id);
	ok(r->status == 404 && res_code(r) &&
	    strcmp(res_code(r), "ENTITY_IS_DELETED") == 0,
	    "E2 GET deleted -> 404 ENTITY_IS_DELETED");
	res_free(r);
	r = patch_task(id, "{\"Subject\":\"y\"}", NULL);
	is_str(res_code(r), "ENTITY_IS_DELETED",
	    "E2 PATCH deleted -> ENTITY_IS_DELETED");
	res_free(r);
	r = get_task("00TaJ00000000zz");
	is_str(res_code(r), "NOT_FOUND", "E2 unknown Id -> NOT_FOUND");
	res_free(r);
	free(path);
	free(created);
	free(id);
}

static void
test_query(void)
{
	struct res	*r;
	cJSON		*rec, *who;
	char		 body[64];

	r = query(tok, "SELECT Id, Subject, Who.Name, What.Name FROM Task "
	    "WHERE Subject = 'Call Ana'", NULL, 0);
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	who = cJSON_GetObjectItem(rec, "Who");
	ok(r->status == 200 && cJSON_IsTrue(cJSON_GetObjectItem(r->json,
	    "done")) && js(who, "Name") && strcmp(js(who, "Name"),
	    "Ana Souza") == 0, "E1 query resolves Who.Name through Contact");
	is_str(js(cJSON_GetObjectItem(rec, "What"), "Name"), "Acme GmbH",
	    "E1 query resolves What.Name through Account");
	ok(res_header(r, "Sforce-Limit-Info") != NULL &&
	    strncmp(res_header(r, "Sforce-Limit-Info"), "api-usage=", 10) == 0,
	    "E2 data responses carry Sforce-Limit-Info: api-usage=N/M");
	res_free(r);

	/*
	 * The clock has moved two hours since the seed made "Call Ana" due
	 * today: past midnight UTC that is yesterday.  Due it on the
	 * emulator's today first.
	 */
	r = emu_ctl(&E, "GET", "clock", NULL);
	snprintf(body, sizeof body, "{\"ActivityDate\":\"%.10s\"}",
	    js(r->json, "now") != NULL ? js(r->json, "now") : "x");
	res_free(r);
	r = query(tok, "SELECT Id FROM Task WHERE Subject = 'Call Ana'", NULL,
	    0);
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	res_free(patch_task(js(rec, "Id") != NULL ? js(rec, "Id") : "x", body,
	    NULL));
	res_free(r);
	r = query(tok, "SELECT Id FROM Task WHERE ActivityDate = TODAY AND "
	    "(Priority = 'High' OR Priority = 'Low')", NULL, 0);
	ok(r->status == 200 && cJSON_GetNumberValue(cJSON_GetObjectItem(
	    r->json, "totalSize")) >= 1, "E1 WHERE with TODAY, AND, OR");
	res_free(r);

	r = query(tok, "SELECT Id FROM Task WHER Subject = 'x'", NULL, 0);
	ok(r->status == 400 && res_code(r) &&
	    strcmp(res_code(r), "MALFORMED_QUERY") == 0 &&
	    strstr(js(cJSON_GetArrayItem(r->json, 0), "message"),
	    "ERROR at Row:1:Column:") != NULL,
	    "E2 bad SOQL -> 400 MALFORMED_QUERY with the position");
	res_free(r);
	r = query(tok, "SELECT Id, Colour FROM Task", NULL, 0);
	is_str(res_code(r), "INVALID_FIELD",
	    "E2 unknown column -> INVALID_FIELD");
	res_free(r);
	r = query(tok, "SELECT Id FROM Widget", NULL, 0);
	is_str(res_code(r), "INVALID_TYPE",
	    "E2 unknown object -> INVALID_TYPE");
	res_free(r);

	r = query(tok, "SELECT MasterLabel, IsClosed FROM TaskStatus "
	    "WHERE IsClosed = true", NULL, 0);
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	is_str(js(rec, "MasterLabel"), "Completed",
	    "E1 TaskStatus picklist query with IsClosed");
	res_free(r);
	r = query(tok, "SELECT MasterLabel FROM TaskPriority "
	    "WHERE IsHighPriority = true", NULL, 0);
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	is_str(js(rec, "MasterLabel"), "High",
	    "E1 TaskPriority picklist query with IsHighPriority");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE Subject = 'Call Ana'"), 1,
	    "E1 COUNT() query");
}

static void
test_paging(void)
{
	struct res	*r;
	char		*big, *p, *next, path[256];
	int		 i, pages = 0, seen = 0, first = 0;
	size_t		 cap = 5000 * 64 + 64;
	cJSON		*recs;

	big = malloc(cap);
	p = big;
	p += sprintf(p, "{\"tasks\":[");
	for (i = 0; i < 5000; i++)
		p += sprintf(p, "%s{\"Subject\":\"bulk %04d\","
		    "\"Owner\":\"rep\"}", i ? "," : "", i);
	sprintf(p, "]}");
	r = emu_ctl(&E, "POST", "seed", big);
	is_int(r->status, 200, "E3 seed 5,000 tasks through the control API");
	res_free(r);
	free(big);

	r = query(tok, "SELECT Id, Subject FROM Task WHERE Subject LIKE "
	    "'bulk%' ORDER BY Subject", NULL, 0);
	recs = cJSON_GetObjectItem(r->json, "records");
	ok(cJSON_GetNumberValue(cJSON_GetObjectItem(r->json, "totalSize")) ==
	    5000 && cJSON_GetArraySize(recs) == 2000 &&
	    cJSON_IsFalse(cJSON_GetObjectItem(r->json, "done")) &&
	    js(r->json, "nextRecordsUrl") != NULL,
	    "E1 query over 5,000 answers 2,000, done false, nextRecordsUrl");
	first = cJSON_GetArraySize(recs);
	seen = first;
	next = js(r->json, "nextRecordsUrl") ? strdup(js(r->json,
	    "nextRecordsUrl")) : NULL;
	res_free(r);
	while (next != NULL && pages < 10) {
		r = emu_req(&E, "GET", next, tok, NULL, NULL);
		free(next);
		next = js(r->json, "nextRecordsUrl") ? strdup(js(r->json,
		    "nextRecordsUrl")) : NULL;
		seen += cJSON_GetArraySize(cJSON_GetObjectItem(r->json,
		    "records"));
		if (next == NULL)
			ok(cJSON_IsTrue(cJSON_GetObjectItem(r->json, "done")) &&
			    strcmp(js(cJSON_GetArrayItem(cJSON_GetObjectItem(
			    r->json, "records"), cJSON_GetArraySize(
			    cJSON_GetObjectItem(r->json, "records")) - 1),
			    "Subject"), "bulk 4999") == 0,
			    "E1 last page is done and ends in ORDER BY order");
		res_free(r);
		pages++;
	}
	is_int(seen, 5000, "E1 nextRecordsUrl paging returns all 5,000");
	is_int(pages, 2, "E1 5,000 records take three batches of 2,000");

	r = query(tok, "SELECT Id FROM Task WHERE Subject LIKE 'bulk%'",
	    "Sforce-Query-Options: batchSize=500", 0);
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 500,
	    "E1 Sforce-Query-Options batchSize=500 honoured");
	res_free(r);
	r = query(tok, "SELECT Id FROM Task WHERE Subject LIKE 'bulk%'",
	    "Sforce-Query-Options: batchSize=10", 0);
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 200,
	    "E1 batchSize below 200 is raised to the minimum 200");
	res_free(r);
	snprintf(path, sizeof path, V "/query/01gaJ0000000000AAA-2000");
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	is_str(res_code(r), "INVALID_QUERY_LOCATOR",
	    "E2 unknown locator -> INVALID_QUERY_LOCATOR");
	res_free(r);

	/* Remove the bulk tasks so later counts stay small. */
	r = emu_req(&E, "GET", "/__sfemu/tasks", NULL, NULL, NULL);
	ok(cJSON_GetArraySize(r->json) >= 5000, "E3 raw task read");
	res_free(r);
}

static void
test_recycle_bin(void)
{
	struct res	*r;
	char		*id, *start, *end, path[512], *before;
	cJSON		*dr;
	int		 found = 0, i;

	id = create(tok, "{\"Subject\":\"to be deleted\"}");
	advance(120);
	start = iso_now(-600);
	end = iso_now(0);
	snprintf(path, sizeof path, V "/sobjects/Task/updated/?start=%s&end=%s",
	    start, end);
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	for (i = 0; i < cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "ids"));
	    i++)
		found |= strcmp(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json,
		    "ids"), i)->valuestring, id) == 0;
	ok(r->status == 200 && found && ts_ok(js(r->json,
	    "latestDateCovered")), "E1 /updated/ lists the new task with "
	    "latestDateCovered");
	res_free(r);
	free(start);

	start = iso_now(-31 * 86400.0);
	snprintf(path, sizeof path, V "/sobjects/Task/updated/?start=%s&end=%s",
	    start, end);
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	is_str(res_code(r), "INVALID_REPLICATION_DATE",
	    "E1 /updated/ more than 30 days back -> INVALID_REPLICATION_DATE");
	res_free(r);
	snprintf(path, sizeof path, V "/sobjects/Task/updated/?start=%s&end=%s",
	    end, start);
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	is_str(res_code(r), "INVALID_REPLICATION_DATE",
	    "E1 /updated/ with end before start -> INVALID_REPLICATION_DATE");
	res_free(r);
	free(start);
	free(end);

	before = iso_now(-1);
	snprintf(path, sizeof path, V "/sobjects/Task/%s", id);
	res_free(emu_req(&E, "DELETE", path, tok, NULL, NULL));
	advance(120);
	is_int(count("SELECT COUNT() FROM Task WHERE "
	    "Subject = 'to be deleted'"), 0, "E2 query hides deleted records");
	r = query(tok, "SELECT Id, IsDeleted FROM Task WHERE Subject = "
	    "'to be deleted'", NULL, 1);
	ok(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(r->json, "records"), 0), "IsDeleted")),
	    "E2 queryAll shows the deleted record with IsDeleted = true");
	res_free(r);
	start = iso_now(-86400);
	end = iso_now(0);
	snprintf(path, sizeof path, V "/sobjects/Task/deleted/?start=%s&end=%s",
	    start, end);
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	cJSON_ArrayForEach(dr, cJSON_GetObjectItem(r->json, "deletedRecords")) {
		if (js(dr, "id") && strcmp(js(dr, "id"), id) == 0)
			break;
	}
	ok(r->status == 200 && js(dr, "id") && strcmp(js(dr, "id"), id) == 0 &&
	    ts_ok(js(dr, "deletedDate")) &&
	    ts_ok(js(r->json, "earliestDateAvailable")) &&
	    ts_ok(js(r->json, "latestDateCovered")),
	    "E1 /deleted/ lists id + deletedDate, earliestDateAvailable, "
	    "latestDateCovered");
	res_free(r);
	free(start);
	free(end);

	/* 14 days later still in the bin; after 15 purged. */
	advance(14 * 86400.0);
	r = query(tok, "SELECT Id FROM Task WHERE Subject = 'to be deleted'",
	    NULL, 1);
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 1,
	    "E2 deleted record kept for 14 days");
	res_free(r);
	advance(1.5 * 86400.0);
	r = query(tok, "SELECT Id FROM Task WHERE Subject = 'to be deleted'",
	    NULL, 1);
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 0,
	    "E2 deleted record purged after 15 days");
	res_free(r);
	r = get_task(id);
	is_str(res_code(r), "NOT_FOUND", "E2 purged record -> NOT_FOUND");
	res_free(r);
	start = iso_now(-16 * 86400.0);
	end = iso_now(0);
	snprintf(path, sizeof path, V "/sobjects/Task/deleted/?start=%s&end=%s",
	    start, end);
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	is_str(res_code(r), "INVALID_REPLICATION_DATE",
	    "E1 /deleted/ more than 15 days back -> INVALID_REPLICATION_DATE");
	res_free(r);
	free(start);
	start = iso_now(-14 * 86400.0);
	snprintf(path, sizeof path, V "/sobjects/Task/deleted/?start=%s&end=%s",
	    start, end);
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	ok(js(r->json, "earliestDateAvailable") &&
	    strncmp(js(r->json, "earliestDateAvailable"), before, 19) > 0 &&
	    cJSON_GetArraySize(cJSON_GetObjectItem(r->json,
	    "deletedRecords")) == 0,
	    "E1 after the purge earliestDateAvailable moves past the deletion");
	res_free(r);
	free(before);
	free(start);
	free(end);
	free(id);
}

static void
test_composite(void)
{
	struct res	*r;
	cJSON		*a, *b, *c;
	char		 body[8192], *p, path[512];
	int		 i;

	r = emu_req(&E, "POST", V "/composite/sobjects", tok,
	    "{\"allOrNone\":false,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"coll 1\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"Status\":\"Nope\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"coll 3\"}]}",
	    NULL);
	a = cJSON_GetArrayItem(r->json, 0);
	b = cJSON_GetArrayItem(r->json, 1);
	c = cJSON_GetArrayItem(r->json, 2);
	ok(r->status == 200 &&
	    cJSON_IsTrue(cJSON_GetObjectItem(a, "success")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(b, "success")) &&
	    cJSON_IsTrue(cJSON_GetObjectItem(c, "success")),
	    "E1 composite POST partial failure: per-record results in order");
	is_str(js(cJSON_GetArrayItem(cJSON_GetObjectItem(b, "errors"), 0),
	    "statusCode"), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
	    "E2 composite error carries statusCode");
	is_int(count("SELECT COUNT() FROM Task WHERE Subject LIKE 'coll %'"), 2,
	    "E1 composite allOrNone=false keeps the valid records");
	snprintf(body, sizeof body, "{\"allOrNone\":true,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"Id\":\"%s\",\"Subject\":"
	    "\"coll 1b\"},{\"attributes\":{\"type\":\"Task\"},\"Id\":\"%s\","
	    "\"Priority\":\"Urgent\"}]}", js(a, "id"), js(c, "id"));
	res_free(emu_req(&E, "PATCH", V "/composite/sobjects", tok, body,
	    NULL));
	is_int(count("SELECT COUNT() FROM Task WHERE Subject = 'coll 1b'"), 0,
	    "E1 composite PATCH allOrNone=true rolls back every record");
	snprintf(body, sizeof body, "{\"allOrNone\":true,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"Id\":\"%s\",\"Subject\":"
	    "\"coll 1b\"}]}", js(a, "id"));
	res_free(r);
	r = emu_req(&E, "PATCH", V "/composite/sobjects", tok, body, NULL);
	ok(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(r->json, 0),
	    "success")), "E1 composite PATCH succeeds");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE Subject = 'coll 1b'"), 1,
	    "E1 composite PATCH applied");

	r = emu_req(&E, "POST", V "/composite/sobjects", tok,
	    "{\"allOrNone\":true,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"aon 1\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"Status\":\"Nope\"}]}", NULL);
	is_str(js(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    r->json, 0), "errors"), 0), "statusCode"),
	    "ALL_OR_NONE_OPERATION_ROLLED_BACK",
	    "E2 allOrNone: valid records report "
	    "ALL_OR_NONE_OPERATION_ROLLED_BACK");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE Subject = 'aon 1'"), 0,
	    "E1 allOrNone=true creates nothing when one record fails");

	r = query(tok, "SELECT Id FROM Task WHERE Subject LIKE 'coll %'",
	    NULL, 0);
	snprintf(path, sizeof path, V "/composite/sobjects?allOrNone=false&"
	    "ids=%s,%s,00TaJ00000000zz",
	    js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0),
	    "Id"), js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json,
	    "records"), 1), "Id"));
	res_free(r);
	r = emu_req(&E, "DELETE", path, tok, NULL, NULL);
	ok(cJSON_GetArraySize(r->json) == 3 &&
	    cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(r->json, 0),
	    "success")) && cJSON_IsFalse(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(r->json, 2), "success")),
	    "E1 composite DELETE by ids with per-record results");
	res_free(r);

	p = body;
	p += sprintf(p, "{\"records\":[");
	for (i = 0; i < 201; i++)
		p += sprintf(p, "%s{\"attributes\":{\"type\":\"Task\"}}",
		    i ? "," : "");
	sprintf(p, "]}");
	r = emu_req(&E, "POST", V "/composite/sobjects", tok, body, NULL);
	ok(r->status == 400 && res_code(r) &&
	    strcmp(res_code(r), "EXCEEDED_ID_LIMIT") == 0,
	    "E1 composite over 200 records -> 400 EXCEEDED_ID_LIMIT");
	res_free(r);
}

/* The first composite result's first error: its statusCode, or NULL. */
static const char *
composite_error(struct res *r, int i, const char *what)
{
	cJSON	*e;

	e = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(r->json,
	    i), "errors"), 0);
	return (e != NULL ? js(e, what) : NULL);
}

/*
 * C6: a Unique External ID field refuses a second record with the same
 * value, on create and update, single-record and composite, as
 * Salesforce's DUPLICATE_VALUE does (key-1 exists, made by the upsert).
 */
static void
test_unique_extid(void)
{
	struct res	*r;
	char		*id, *other, msg[128], body[256];

	r = query(tok, "SELECT Id FROM Task WHERE TaskdeckKey__c = 'key-1'",
	    NULL, 0);
	id = strdup(js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json,
	    "records"), 0), "Id"));
	res_free(r);
	snprintf(msg, sizeof msg, "duplicate value found: TaskdeckKey__c "
	    "duplicates value on record with id: %s", id);
	r = emu_req(&E, "POST", V "/sobjects/Task", tok,
	    "{\"Subject\":\"dup\",\"TaskdeckKey__c\":\"key-1\"}", NULL);
	ok(r->status == 400 && res_code(r) != NULL &&
	    cJSON_GetArrayItem(r->json, 0) != NULL &&
	    strcmp(js(cJSON_GetArrayItem(r->json, 0), "message"), msg) == 0,
	    "C6 E2 duplicate external Id on create -> 400, message names "
	    "the record holding the value");
	res_free(r);

	r = emu_req(&E, "POST", V "/composite/sobjects", tok,
	    "{\"allOrNone\":false,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"u1\","
	    "\"TaskdeckKey__c\":\"key-2\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"u2\","
	    "\"TaskdeckKey__c\":\"key-1\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"u3\","
	    "\"TaskdeckKey__c\":\"key-2\"}]}", NULL);
	ok(r->status == 200 && cJSON_IsTrue(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(r->json, 0), "success")) &&
	    composite_error(r, 1, "statusCode") != NULL &&
	    strcmp(composite_error(r, 1, "statusCode"), "DUPLICATE_VALUE") ==
	    0 && strcmp(composite_error(r, 1, "message"), msg) == 0 &&
	    composite_error(r, 2, "statusCode") != NULL &&
	    strcmp(composite_error(r, 2, "statusCode"), "DUPLICATE_VALUE") ==
	    0, "C6 E2 composite create: a key already held, or taken earlier "
	    "in the same call -> DUPLICATE_VALUE for that record only");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE TaskdeckKey__c = 'key-2'"),
	    1, "C6 E2 one record per external-Id value");

	other = create(tok, "{\"Subject\":\"no key\"}");
	snprintf(body, sizeof body, V "/sobjects/Task/%s",
	    other != NULL ? other : "x");
	r = emu_req(&E, "PATCH", body, tok, "{\"TaskdeckKey__c\":\"key-1\"}",
	    NULL);
	is_str(res_code(r), "DUPLICATE_VALUE",
	    "C6 E2 update to a value another record holds -> DUPLICATE_VALUE");
	res_free(r);
	snprintf(body, sizeof body, "{\"records\":[{\"attributes\":"
	    "{\"type\":\"Task\"},\"Id\":\"%s\",\"TaskdeckKey__c\":"
	    "\"key-1\"}]}", other != NULL ? other : "x");
	r = emu_req(&E, "PATCH", V "/composite/sobjects", tok, body, NULL);
	ok(composite_error(r, 0, "statusCode") != NULL &&
	    strcmp(composite_error(r, 0, "statusCode"), "DUPLICATE_VALUE") ==
	    0, "C6 E2 composite update to a held value -> DUPLICATE_VALUE");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE TaskdeckKey__c = 'key-1'"),
	    1, "C6 E2 the held value stays on one record");
	free(other);
	free(id);
}

static void
test_upsert_and_users(void)
{
	struct res	*r;
	char		*path, *id, body[256];
	struct res	*g;

	path = V "/sobjects/Task/TaskdeckKey__c/key-1";
	r = emu_req(&E, "PATCH", path, tok, "{\"Subject\":\"upsert me\"}",
	    NULL);
	ok(r->status == 201 && cJSON_IsTrue(cJSON_GetObjectItem(r->json,
	    "created")), "E1 upsert by external Id creates -> 201 created");
	res_free(r);
	r = emu_req(&E, "PATCH", path, tok, "{\"Subject\":\"upserted\"}", NULL);
	ok(r->status == 200 && cJSON_IsFalse(cJSON_GetObjectItem(r->json,
	    "created")), "E1 upsert again updates -> 200 created false");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE TaskdeckKey__c = 'key-1'"),
	    1, "E1 repeated upsert makes no duplicate");
	r = emu_req(&E, "POST", V "/sobjects/Task", tok,
	    "{\"Subject\":\"dup\",\"TaskdeckKey__c\":\"key-1\"}", NULL);
	is_str(res_code(r), "DUPLICATE_VALUE",
	    "E2 duplicate external Id -> DUPLICATE_VALUE");
	res_free(r);
	test_unique_extid();
	res_free(emu_ctl(&E, "POST", "settings", "{\"external_id\":false}"));
	r = emu_req(&E, "PATCH", path, tok, "{\"Subject\":\"x\"}", NULL);
	is_int(r->status, 404,
	    "E3 without the external-Id field upsert -> 404");
	res_free(r);
	r = query(tok, "SELECT TaskdeckKey__c FROM Task", NULL, 0);
	is_str(res_code(r), "INVALID_FIELD",
	    "E3 without the external-Id field it is not queryable");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "settings", "{\"external_id\":true}"));

	/* Another rep creates a task for the rep. */
	r = query(tok, "SELECT Id FROM User WHERE Username = 'dana@t.example'",
	    NULL, 0);
	snprintf(body, sizeof body, "{\"Subject\":\"from Marco\",\"OwnerId\":"
	    "\"%s\"}", js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json,
	    "records"), 0), "Id"));
	res_free(r);
	id = create(tok2, body);
	ok(id != NULL, "E1 another user's session creates a task");
	g = get_task(id != NULL ? id : "x");
	r = query(tok, "SELECT Id FROM User WHERE Username = 'marco@t.example'",
	    NULL, 0);
	ok(js(g->json, "CreatedById") && strcmp(js(g->json, "CreatedById"),
	    js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0),
	    "Id")) == 0 && strcmp(js(g->json, "OwnerId"),
	    js(g->json, "CreatedById")) != 0,
	    "E1 CreatedById is the other rep, OwnerId the rep");
	res_free(r);
	res_free(g);
	free(id);
}

static void
test_limits(void)
{
	struct res	*r;
	int		 i;

	res_free(emu_ctl(&E, "POST", "limits", "{\"limit\":5,\"usage\":0}"));
	for (i = 0; i < 5; i++) {
		r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
		if (i == 4) {
			is_str(res_header(r, "Sforce-Limit-Info"),
			    "api-usage=5/5",
			    "E2 Sforce-Limit-Info counts calls");
			ok(cJSON_GetNumberValue(cJSON_GetObjectItem(
			    cJSON_GetObjectItem(r->json, "DailyApiRequests"),
			    "Remaining")) == 0 && cJSON_GetNumberValue(
			    cJSON_GetObjectItem(cJSON_GetObjectItem(r->json,
			    "DailyApiRequests"), "Max")) == 5,
			    "E1 /limits reports DailyApiRequests "
			    "Max/Remaining");
		}
		res_free(r);
	}
	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	ok(r->status == 403 && res_code(r) &&
	    strcmp(res_code(r), "REQUEST_LIMIT_EXCEEDED") == 0,
	    "E2 past the daily limit -> 403 REQUEST_LIMIT_EXCEEDED");
	res_free(r);
	r = emu_ctl(&E, "GET", "limits", NULL);
	is_int(r->status, 200, "E3 the control API is not counted");
	res_free(r);
	advance(25 * 3600.0);
	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	is_int(r->status, 200, "E2 the allocation is rolling: 24 h later calls "
	    "pass again");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "limits", "{\"limit\":1000000}"));
}

/* One concurrent client of the concurrency check. */
static void *
conc_client(void *arg)
{
	struct res	*r;

	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	*(long *)arg = r->status;
	res_free(r);
	return (NULL);
}

static void
test_faults(void)
{
	struct res	*r;
	char		*id, *path, body[256];
	pthread_t	 th[60];
	long		 st[60];
	struct timespec	 t0, t1;
	double		 el;
	int		 i, all = 1;

	r = emu_ctl(&E, "POST", "faults", "{\"method\":\"GET\",\"path\":"
	    "\"/services/data/v59.0/query\",\"count\":1,\"kind\":\"status\","
	    "\"status\":503,\"body\":\"[{\\\"message\\\":\\\"down\\\","
	    "\\\"errorCode\\\":\\\"SERVER_UNAVAILABLE\\\"}]\"}");
	is_int(r->status, 201, "E3 arm a status fault");
	res_free(r);
	r = query(tok, "SELECT Id FROM Task LIMIT 1", NULL, 0);
	ok(r->status == 503 && res_code(r) &&
	    strcmp(res_code(r), "SERVER_UNAVAILABLE") == 0,
	    "E3 status fault answers its status and body");
	res_free(r);
	r = query(tok, "SELECT Id FROM Task LIMIT 1", NULL, 0);
	is_int(r->status, 200, "E3 status fault used up after N=1 requests");
	res_free(r);

	res_free(emu_ctl(&E, "POST", "faults", "{\"path\":\"/services/data/\","
	    "\"kind\":\"latency\",\"latency_ms\":300}"));
	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	ok(r->status == 200 && r->seconds >= 0.29, "E3 latency fault delays "
	    "the answer (%.3f s)", r->seconds);
	res_free(r);

	id = create(tok, "{\"Subject\":\"fault target\"}");
	if (asprintf(&path, V "/sobjects/Task/%s", id) < 0)
		abort();
	res_free(emu_ctl(&E, "POST", "faults", "{\"method\":\"PATCH\",\"path\":"
	    "\"/services/data/\",\"kind\":\"drop\"}"));
	r = emu_req(&E, "PATCH", path, tok, "{\"Subject\":\"dropped\"}", NULL);
	ok(r->curlcode != CURLE_OK && r->status == 0,
	    "E3 drop fault closes the connection without an answer");
	res_free(r);
	r = get_task(id);
	is_str(js(r->json, "Subject"), "fault target",
	    "E3 drop fault does not apply the write");
	res_free(r);

	res_free(emu_ctl(&E, "POST", "faults", "{\"method\":\"PATCH\",\"path\":"
	    "\"/services/data/\",\"kind\":\"applied_drop\"}"));
	r = emu_req(&E, "PATCH", path, tok, "{\"Subject\":\"applied\"}", NULL);
	ok(r->curlcode != CURLE_OK && r->status == 0,
	    "E3 applied-then-dropped: the client gets no answer");
	res_free(r);
	r = get_task(id);
	is_str(js(r->json, "Subject"), "applied",
	    "E3 applied-then-dropped: the write committed (read back)");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "faults", "{\"method\":\"POST\",\"path\":"
	    "\"/services/data/v59.0/sobjects/Task\","
	    "\"kind\":\"applied_drop\"}"));
	r = emu_req(&E, "POST", V "/sobjects/Task", tok,
	    "{\"Subject\":\"lost create\"}", NULL);
	ok(r->curlcode != CURLE_OK,
	    "E3 applied-then-dropped create: no answer");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE Subject = 'lost create'"),
	    1, "E3 applied-then-dropped create: the record exists");

	res_free(emu_ctl(&E, "POST", "faults", "{\"method\":\"GET\",\"path\":"
	    "\"/services/data/v59.0/query\",\"kind\":\"truncate\"}"));
	r = query(tok, "SELECT Id, Subject FROM Task LIMIT 50", NULL, 0);
	ok(r->curlcode != CURLE_OK && r->json == NULL,
	    "E3 truncated body fault: the client sees a short body");
	res_free(r);

	r = emu_ctl(&E, "GET", "calls", NULL);
	ok(cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
	    "PATCH /services/data/vXX.X/sobjects/Task/{id}")) >= 2,
	    "E3 per-endpoint call counts include faulted requests");
	res_free(r);
	res_free(emu_ctl(&E, "DELETE", "calls", NULL));
	r = emu_ctl(&E, "GET", "calls", NULL);
	is_int(cJSON_GetArraySize(r->json), 0, "E3 call counts reset");
	res_free(r);

	/* 60 clients at once, each held 500 ms by a latency fault. */
	snprintf(body, sizeof body,
	    "{\"path\":\"/services/data/\",\"count\":60,"
	    "\"kind\":\"latency\",\"latency_ms\":500}");
	res_free(emu_ctl(&E, "POST", "faults", body));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 60; i++)
		pthread_create(&th[i], NULL, conc_client, &st[i]);
	for (i = 0; i < 60; i++) {
		pthread_join(th[i], NULL);
		all &= st[i] == 200;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	el = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(all && el < 4.0, "E1 60 concurrent connections served in parallel "
	    "(%.2f s for 60 x 500 ms)", el);
	free(path);
	free(id);
}

static void
test_clock(void)
{
	struct res	*r;
	char		*id;
	int		 i, all;

	r = emu_ctl(&E, "POST", "clock", "{\"set\":\"2030-01-02T03:04:05Z\"}");
	is_int(r->status, 200, "E3 set the clock");
	res_free(r);
	advance(9000);
	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	ok(res_header(r, "Date") != NULL &&
	    strncmp(res_header(r, "Date"), "Wed, 02 Jan 2030 05:34:0", 24) == 0,
	    "E2 the Date header follows the emulator clock");
	res_free(r);
	id = create(tok, "{\"Subject\":\"in 2030\",\"ActivityDate\":"
	    "\"2030-01-02\"}");
	r = get_task(id != NULL ? id : "x");
	ok(js(r->json, "CreatedDate") && strncmp(js(r->json, "CreatedDate"),
	    "2030-01-02T05:34:0", 18) == 0,
	    "E2 CreatedDate uses the emulator clock");
	res_free(r);
	is_int(count("SELECT COUNT() FROM Task WHERE ActivityDate = TODAY AND "
	    "Subject = 'in 2030'"), 1, "E2 TODAY follows the emulator clock");
	free(id);

	/*
	 * Found by fuzz-sfemu-body seeds: numbers too big for an integer in
	 * control bodies were cast (undefined behaviour); now clamped.
	 */
	r = emu_ctl(&E, "POST", "clock", "{\"advance_days\":1e300}");
	ok(r->status == 200 && cJSON_GetNumberValue(cJSON_GetObjectItem(
	    r->json, "ms")) > 0, "E3 a huge clock move is clamped");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "clock",
	    "{\"set\":\"2030-01-02T05:34:05Z\"}"));
	r = emu_ctl(&E, "POST", "seed", "{\"tasks\":[{\"Subject\":\"far\","
	    "\"ActivityDate\":1e300,\"CreatedDaysAgo\":-1e300}]}");
	is_int(r->status, 200, "E3 a seed with out-of-range day counts is "
	    "clamped");
	res_free(r);

	for (i = 0, all = 1; i < 16; i++) {
		r = emu_ctl(&E, "POST", "demo-step", NULL);
		all &= r->status == 204;
		res_free(r);
	}
	ok(all, "E3 demo-step makes a colleague's change (16 times)");
}

static void
test_demo(void)
{
	const char	*args[] = { "--demo", NULL };
	struct emu	 d;
	struct res	*r;
	char		*t;

	emu_start(&d, args);
	t = emu_login(&d, "dana@demo.example", "demo1234");
	r = emu_req(&d, "GET", V "/query?q=SELECT+COUNT()+FROM+Task", t, NULL,
	    NULL);
	ok(t != NULL && cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
	    "totalSize")) >= 10, "E3 --demo seeds data/demo-seed.json");
	res_free(r);
	free(t);
	is_int(emu_stop(&d), 0, "E3 --demo stops cleanly on SIGTERM");
}

int
main(void)
{
	struct res	*r;
	int		 st;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	emu_start(&E, NULL);
	r = emu_ctl(&E, "POST", "seed", seed);
	is_int(r->status, 200,
	    "E3 seed users, accounts, contacts, leads, tasks");
	res_free(r);
	tok = emu_login(&E, "dana@t.example", "pw1");
	tok2 = emu_login(&E, "marco@t.example", "pw2");
	ok(tok != NULL && tok2 != NULL, "E1 two users log in");

	test_versions_and_auth();
	test_device_and_refresh();
	test_crud();
	test_query();
	test_upsert_and_users();
	test_composite();
	test_recycle_bin();
	test_limits();
	test_faults();
	test_paging();
	test_clock();
	test_demo();

	r = emu_ctl(&E, "POST", "reset", NULL);
	is_int(r->status, 204, "E3 reset");
	res_free(r);
	r = emu_req(&E, "GET", V "/limits", tok, NULL, NULL);
	is_int(r->status, 401, "E3 reset forgets sessions");
	res_free(r);

	st = emu_stop(&E);
	is_int(st, 0, "E1 sfemu exits cleanly on SIGTERM");
	free(tok);
	free(tok2);
	curl_global_cleanup();
	return (tap_done());
}
