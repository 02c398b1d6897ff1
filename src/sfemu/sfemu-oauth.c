/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * OAuth 2.0 endpoints as Salesforce documents them (Salesforce Help,
 * "OAuth Authorization Flows"):
 * - username-password: grant_type=password; no refresh token is issued
 *   (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_
 *   username_password_flow.htm);
 * - refresh token: grant_type=refresh_token; a new refresh token only when
 *   rotation is on, the old one then stops working;
 * - device flow for command-line apps: response_type=device_code answers
 *   device_code, user_code, verification_uri and interval; polling with
 *   grant_type=device and code=<device_code> answers 400
 *   authorization_pending until the user approves, slow_down when polled
 *   faster than interval (https://help.salesforce.com/s/articleView?id=
 *   sf.remoteaccess_oauth_device_flow.htm).
 * Token responses carry access_token, instance_url, id, token_type,
 * issued_at and signature; errors are {"error","error_description"}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "sfemu-oauth.h"
#include "sfemu-reply.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#define OAUTH_DEVICE_TTL_MS	(10 * 60 * 1000LL)

/* Answers an OAuth error, 400 unless status says otherwise. */
static void
oauth_error(struct sfresp *resp, int status, const char *error,
    const char *desc)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "error", error);
	cJSON_AddStringToObject(o, "error_description", desc);
	resp_json(resp, status, o);
}

/* The identity URL of userid. */
static char *
oauth_id_url(struct sfemu *app, const char *userid)
{
	return (xasprintf("%s/id/%s/%s", app->base, store_org(app->st),
	    userid));
}

char *
oauth_issue(struct sfemu *app, const char *userid)
{
	char		grant[33];
	long long	ttl;

	util_random_alnum(grant, 32);
	ttl = store_get_int(app->st, "token_ttl", app->token_ttl);
	return (store_token_issue(app->st, "access", userid, grant,
	    store_now(app->st) + ttl * 1000));
}

/*
 * Issues an access token (and a refresh token when with_refresh) in grant
 * for userid and answers the token response.
 */
static void
oauth_grant(struct sfemu *app, struct sfresp *resp, const char *userid,
    const char *grant, int with_refresh)
{
	cJSON		*o;
	char		*access, *refresh, *id, sig[45], issued[32];
	long long	 now, ttl;

	now = store_now(app->st);
	ttl = store_get_int(app->st, "token_ttl", app->token_ttl);
	access = store_token_issue(app->st, "access", userid, grant,
	    now + ttl * 1000);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "access_token", access);
	if (with_refresh) {
		refresh = store_token_issue(app->st, "refresh", userid, grant,
		    0);
		cJSON_AddStringToObject(o, "refresh_token", refresh);
		free(refresh);
	}
	/*
	 * Salesforce signs id + issued_at with the consumer secret
	 * (HMAC-SHA256); the emulator has no secret to check against, so
	 * the signature is random of the same shape.
	 */
	util_random_alnum(sig, 43);
	sig[43] = '=';
	sig[44] = '\0';
	cJSON_AddStringToObject(o, "signature", sig);
	cJSON_AddStringToObject(o, "scope", "refresh_token api");
	cJSON_AddStringToObject(o, "instance_url", app->base);
	id = oauth_id_url(app, userid);
	cJSON_AddStringToObject(o, "id", id);
	free(id);
	cJSON_AddStringToObject(o, "token_type", "Bearer");
	snprintf(issued, sizeof issued, "%lld", now);
	cJSON_AddStringToObject(o, "issued_at", issued);
	resp_json(resp, 200, o);
	free(access);
}

/* grant_type=password. */
static void
oauth_password(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	struct party	 p;
	char		*user, *pass, grant[33];

	user = util_form_get(req->body, req->bodylen, "username");
	pass = util_form_get(req->body, req->bodylen, "password");
	if (user == NULL || pass == NULL ||
	    store_party_find(app->st, "User", user, &p) != 0) {
		oauth_error(resp, 400, "invalid_grant",
		    "authentication failure");
		goto out;
	}
	if (p.username == NULL || strcasecmp(p.username, user) != 0 ||
	    p.password == NULL || strcmp(p.password, pass) != 0)
		oauth_error(resp, 400, "invalid_grant",
		    "authentication failure");
	else {
		util_random_alnum(grant, 32);
		oauth_grant(app, resp, p.id, grant,
		    store_get_int(app->st, "password_refresh", 0) != 0);
	}
	store_party_release(&p);
out:
	free(user);
	free(pass);
}

/* grant_type=refresh_token, rotating the refresh token if so set. */
static void
oauth_refresh(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	char	*tok, userid[SFID_LEN + 1], grant[33];
	int	 rotate;

	tok = util_form_get(req->body, req->bodylen, "refresh_token");
	if (tok == NULL || store_token_check(app->st, "refresh", tok, userid,
	    grant, sizeof grant) != 0) {
		oauth_error(resp, 400, "invalid_grant",
		    "expired access/refresh token");
		free(tok);
		return;
	}
	rotate = store_get_int(app->st, "rotate_refresh", 0) != 0;
	if (rotate) {
		store_token_revoke_grant(app->st, grant);
		util_random_alnum(grant, 32);
	}
	oauth_grant(app, resp, userid, grant, rotate);
	free(tok);
}

/* response_type=device_code: starts a device login. */
static void
oauth_device_start(struct sfemu *app, struct sfresp *resp)
{
	static const char	 letters[] = "BCDFGHJKLMNPQRSTVWXZ23456789";
	cJSON			*o;
	char			 code[65], ucode[9], *uri;
	size_t			 i;

	util_random_alnum(code, 64);
	util_random_alnum(ucode, 8);
	for (i = 0; i < 8; i++)
		ucode[i] = letters[(unsigned char)ucode[i] % 28];
	store_device_add(app->st, code, ucode);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "device_code", code);
	cJSON_AddStringToObject(o, "user_code", ucode);
	uri = xasprintf("%s/setup/connect", app->base);
	cJSON_AddStringToObject(o, "verification_uri", uri);
	free(uri);
	cJSON_AddNumberToObject(o, "interval",
	    (double)store_get_int(app->st, "device_interval", 5));
	resp_json(resp, 200, o);
}

/* grant_type=device: one poll of a device login. */
static void
oauth_device_poll(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	struct device	 d;
	char		*code, grant[33];
	long long	 now, interval;

	code = util_form_get(req->body, req->bodylen, "code");
	if (code == NULL || store_device_get(app->st, code, &d) != 0 ||
	    d.used) {
		oauth_error(resp, 400, "invalid_grant", "invalid device code");
		goto out;
	}
	now = store_now(app->st);
	interval = store_get_int(app->st, "device_interval", 5) * 1000;
	if (now - d.created > OAUTH_DEVICE_TTL_MS) {
		oauth_error(resp, 400, "invalid_grant", "expired device code");
		goto out;
	}
	if (d.denied) {
		store_device_touch(app->st, code, 1);
		oauth_error(resp, 400, "access_denied", "end-user denied "
		    "authorization");
		goto out;
	}
	if (d.last_poll != 0 && now - d.last_poll < interval) {
		store_device_touch(app->st, code, 0);
		oauth_error(resp, 400, "slow_down", "polling too frequently");
		goto out;
	}
	if (d.userid[0] == '\0') {
		store_device_touch(app->st, code, 0);
		oauth_error(resp, 400, "authorization_pending",
		    "authorization pending");
		goto out;
	}
	store_device_touch(app->st, code, 1);
	util_random_alnum(grant, 32);
	oauth_grant(app, resp, d.userid, grant, 1);
out:
	free(code);
}

/* POST /services/oauth2/token. */
static void
oauth_token(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	char	*gt, *rt, *cid;

	if (strcmp(req->method, "POST") != 0) {
		oauth_error(resp, 400, "invalid_request", "must use HTTP POST");
		return;
	}
	gt = util_form_get(req->body, req->bodylen, "grant_type");
	rt = util_form_get(req->body, req->bodylen, "response_type");
	cid = util_form_get(req->body, req->bodylen, "client_id");
	if (cid == NULL || *cid == '\0')
		oauth_error(resp, 400, "invalid_client_id",
		    "client identifier invalid");
	else if (rt != NULL && strcmp(rt, "device_code") == 0)
		oauth_device_start(app, resp);
	else if (gt == NULL)
		oauth_error(resp, 400, "unsupported_grant_type",
		    "grant type not supported");
	else if (strcmp(gt, "password") == 0)
		oauth_password(app, req, resp);
	else if (strcmp(gt, "refresh_token") == 0)
		oauth_refresh(app, req, resp);
	else if (strcmp(gt, "device") == 0)
		oauth_device_poll(app, req, resp);
	else
		oauth_error(resp, 400, "unsupported_grant_type",
		    "grant type not supported");
	free(gt);
	free(rt);
	free(cid);
}

/* POST /services/oauth2/revoke: revokes the token's whole grant. */
static void
oauth_revoke(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	char		*tok, userid[SFID_LEN + 1], grant[33];
	const char	*q;

	tok = util_form_get(req->body, req->bodylen, "token");
	if (tok == NULL && (q = http_arg(req, "token")) != NULL)
		tok = xstrdup(q);
	if (tok != NULL && (store_token_check(app->st, "refresh", tok,
	    userid, grant, sizeof grant) == 0 || store_token_check(app->st,
	    "access", tok, userid, grant, sizeof grant) == 0)) {
		store_token_revoke_grant(app->st, grant);
		resp->status = 200;
	} else
		oauth_error(resp, 400, "unsupported_token_type",
		    "this token type is not supported");
	free(tok);
}

/* The bearer token of req, or NULL; borrowed. */
static const char *
oauth_bearer(struct sfreq *req)
{
	const char	*h;

	h = http_header(req, "Authorization");
	if (h == NULL)
		return (NULL);
	if (strncasecmp(h, "Bearer ", 7) == 0)
		return (h + 7);
	if (strncasecmp(h, "OAuth ", 6) == 0)
		return (h + 6);
	return (NULL);
}

int
oauth_check(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    char userid[SFID_LEN + 1])
{
	const char	*tok;

	tok = oauth_bearer(req);
	if (tok == NULL) {
		resp_error(resp, 401, "INVALID_AUTH_HEADER",
		    "INVALID_HEADER_TYPE", NULL);
		return (-1);
	}
	if (store_token_check(app->st, "access", tok, userid, NULL, 0) != 0) {
		resp_error(resp, 401, "INVALID_SESSION_ID",
		    "Session expired or invalid", NULL);
		return (-1);
	}
	return (0);
}

/* GET /services/oauth2/userinfo and the identity URL /id/<org>/<user>. */
static void
oauth_userinfo(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    int identity)
{
	struct party	 p;
	const char	*tok;
	char		 userid[SFID_LEN + 1], *id, locale[32];
	cJSON		*o, *urls;

	tok = oauth_bearer(req);
	if (tok == NULL || store_token_check(app->st, "access", tok, userid,
	    NULL, 0) != 0 || store_party_find(app->st, "User", userid,
	    &p) != 0) {
		/* The identity service answers a bare 403 for a bad token. */
		resp->status = 403;
		resp->ctype = "text/plain";
		buf_adds(&resp->body, "Bad_OAuth_Token");
		return;
	}
	if (identity && strstr(req->path, userid) == NULL) {
		resp->status = 403;
		resp->ctype = "text/plain";
		buf_adds(&resp->body, "Bad_Id");
		store_party_release(&p);
		return;
	}
	id = oauth_id_url(app, userid);
	store_locale(app->st, userid, locale, sizeof locale);
	o = cJSON_CreateObject();
	if (identity) {
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddBoolToObject(o, "asserted_user", 1);
		cJSON_AddStringToObject(o, "user_id", userid);
		cJSON_AddStringToObject(o, "organization_id",
		    store_org(app->st));
		cJSON_AddStringToObject(o, "username", p.username);
		cJSON_AddStringToObject(o, "nick_name", p.key);
		cJSON_AddStringToObject(o, "display_name", p.name);
		cJSON_AddStringToObject(o, "email", p.email);
		cJSON_AddStringToObject(o, "first_name", p.firstname);
		cJSON_AddStringToObject(o, "last_name", p.lastname);
		cJSON_AddBoolToObject(o, "active", 1);
		cJSON_AddStringToObject(o, "user_type", "STANDARD");
		cJSON_AddStringToObject(o, "language", "en_US");
		cJSON_AddStringToObject(o, "locale", locale);
		cJSON_AddNumberToObject(o, "utcOffset", 0);
	} else {
		cJSON_AddStringToObject(o, "sub", id);
		cJSON_AddStringToObject(o, "user_id", userid);
		cJSON_AddStringToObject(o, "organization_id",
		    store_org(app->st));
		cJSON_AddStringToObject(o, "preferred_username", p.username);
		cJSON_AddStringToObject(o, "nickname", p.key);
		cJSON_AddStringToObject(o, "name", p.name);
		cJSON_AddStringToObject(o, "email", p.email);
		cJSON_AddBoolToObject(o, "email_verified", 1);
		cJSON_AddStringToObject(o, "given_name", p.firstname);
		cJSON_AddStringToObject(o, "family_name", p.lastname);
		cJSON_AddStringToObject(o, "zoneinfo", "GMT");
		cJSON_AddBoolToObject(o, "active", 1);
		cJSON_AddStringToObject(o, "user_type", "STANDARD");
		cJSON_AddStringToObject(o, "language", "en_US");
		cJSON_AddStringToObject(o, "locale", locale);
		cJSON_AddNumberToObject(o, "utcOffset", 0);
	}
	urls = cJSON_AddObjectToObject(o, "urls");
	free(id);
	id = xasprintf("%s/services/data/v{version}/", app->base);
	cJSON_AddStringToObject(urls, "rest", id);
	free(id);
	id = xasprintf("%s/services/data/v{version}/query/", app->base);
	cJSON_AddStringToObject(urls, "query", id);
	free(id);
	resp_json(resp, 200, o);
	store_party_release(&p);
}

void
oauth_handle(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	if (strcmp(req->path, "/services/oauth2/token") == 0)
		oauth_token(app, req, resp);
	else if (strcmp(req->path, "/services/oauth2/revoke") == 0)
		oauth_revoke(app, req, resp);
	else if (strcmp(req->path, "/services/oauth2/userinfo") == 0)
		oauth_userinfo(app, req, resp, 0);
	else if (strncmp(req->path, "/id/", 4) == 0)
		oauth_userinfo(app, req, resp, 1);
	else
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
}
