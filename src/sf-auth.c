/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * OAuth for taskdeck.  Tokens only ever live in memory, in the credentials
 * file and in the Authorization header; nothing here logs or prints one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "paths.h"
#include "sf-auth.h"
#include "sf-json.h"
#include "xmalloc.h"

void
sf_cred_init(struct sf_cred *c)
{
	memset(c, 0, sizeof *c);
}

/* Frees a secret after overwriting it. */
static void
sf_auth_wipe(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

void
sf_cred_release(struct sf_cred *c)
{
	sf_auth_wipe(c->access_token);
	sf_auth_wipe(c->refresh_token);
	free(c->instance_url);
	free(c->login_url);
	free(c->client_id);
	free(c->user_id);
	sf_cred_init(c);
}

/* Replaces *dst with a copy of src (NULL allowed). */
static void
sf_auth_set(char **dst, const char *src)
{
	sf_auth_wipe(*dst);
	*dst = src != NULL ? xstrdup(src) : NULL;
}

int
sf_cred_load(struct sf_cred *c, const char *path, char **cause)
{
	const char	*tok, *inst;
	char		 line[8192], *v, *e;
	FILE		*f;

	sf_cred_release(c);
	tok = getenv("SF_ACCESS_TOKEN");
	inst = getenv("SF_INSTANCE_URL");
	if (tok != NULL && *tok != '\0') {
		if (inst == NULL || *inst == '\0') {
			/* TRANSLATORS: environment variables, as typed. */
			*cause = xstrdup(_("SF_ACCESS_TOKEN is set but "
			    "SF_INSTANCE_URL is not"));
			return (-1);
		}
		if (sf_http_instance_ok(inst, cause) != 0)
			return (-1);
		c->access_token = xstrdup(tok);
		c->instance_url = xstrdup(inst);
		c->from_env = 1;
		return (0);
	}
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			*cause = xstrdup(_("not logged in to salesforce (run "
			    "'taskdeck login')"));
		else
			*cause = xasprintf(_("cannot read %s: %s"), path,
			    strerror(errno));
		return (-1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if ((e = strchr(line, '\n')) != NULL)
			*e = '\0';
		if ((v = strchr(line, '=')) == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(line, "refresh_token") == 0)
			sf_auth_set(&c->refresh_token, v);
		else if (strcmp(line, "access_token") == 0)
			sf_auth_set(&c->access_token, v);
		else if (strcmp(line, "instance_url") == 0)
			sf_auth_set(&c->instance_url, v);
		else if (strcmp(line, "login_url") == 0)
			sf_auth_set(&c->login_url, v);
		else if (strcmp(line, "client_id") == 0)
			sf_auth_set(&c->client_id, v);
		else if (strcmp(line, "user_id") == 0)
			sf_auth_set(&c->user_id, v);
	}
	explicit_bzero(line, sizeof line);
	fclose(f);
	if (c->instance_url == NULL || (c->refresh_token == NULL &&
	    c->access_token == NULL)) {
		sf_cred_release(c);
		*cause = xasprintf(_("credentials file %s is incomplete; run "
		    "'taskdeck login'"), path);
		return (-1);
	}
	if (sf_http_instance_ok(c->instance_url, cause) != 0 ||
	    (c->login_url != NULL && sf_http_url_ok(c->login_url,
	    cause) != 0)) {
		sf_cred_release(c);
		return (-1);
	}
	return (0);
}

int
sf_cred_save(const struct sf_cred *c, const char *path, char **cause)
{
	char	*tmp, *dir, *slash;
	FILE	*f;
	int	 fd, ok;

	if (c->from_env)
		return (0);
	if (paths_make_parent(path, cause) != 0)
		return (-1);
	tmp = xasprintf("%s.XXXXXX", path);
	/* mkstemp creates the file 0600: the token is never world-readable. */
	if ((fd = mkstemp(tmp)) < 0) {
		*cause = xasprintf(_("cannot create %s: %s"), tmp,
		    strerror(errno));
		free(tmp);
		return (-1);
	}
	(void)fchmod(fd, 0600);
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		*cause = xasprintf(_("cannot write %s"), tmp);
		free(tmp);
		return (-1);
	}
	fprintf(f, "# taskdeck salesforce credentials: keep private\n");
	if (c->refresh_token != NULL)
		fprintf(f, "refresh_token=%s\n", c->refresh_token);
	if (c->access_token != NULL)
		fprintf(f, "access_token=%s\n", c->access_token);
	fprintf(f, "instance_url=%s\n", c->instance_url);
	if (c->login_url != NULL)
		fprintf(f, "login_url=%s\n", c->login_url);
	if (c->client_id != NULL)
		fprintf(f, "client_id=%s\n", c->client_id);
	if (c->user_id != NULL)
		fprintf(f, "user_id=%s\n", c->user_id);
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		*cause = xasprintf(_("cannot save %s: %s"), path,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		return (-1);
	}
	free(tmp);
	/* Make the rename itself durable. */
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if ((fd = open(*dir != '\0' ? dir : "/", O_RDONLY)) >= 0) {
			(void)fsync(fd);
			close(fd);
		}
	}
	free(dir);
	return (0);
}

/* Sends a form to login/services/oauth2/token; *resp gets the answer. */
static enum sf_err
sf_auth_post(struct sf_http *h, const char *base, const char *form,
    struct sf_resp *resp, char **cause)
{
	char		*url;
	enum sf_err	 err;

	url = xasprintf("%s/services/oauth2/token", base);
	err = sf_http_request(h, "POST", url, NULL,
	    "application/x-www-form-urlencoded", form, resp, cause);
	free(url);
	return (err);
}

/* Takes the user id from a token's identity URL (.../id/ORG/USER). */
static void
sf_auth_user_from_id(struct sf_cred *c, const char *id_url)
{
	const char	*p;

	if (id_url != NULL && (p = strrchr(id_url, '/')) != NULL &&
	    p[1] != '\0')
		sf_auth_set(&c->user_id, p + 1);
}

/* Applies a token response to c, checking its instance (A2). */
static enum sf_err
sf_auth_take(struct sf_cred *c, const struct sf_resp *resp, char **cause)
{
	struct sf_token	t;

	if (sfjson_token(resp->body.data, resp->body.len, &t, cause) != 0)
		return (SF_EFATAL);
	if (t.instance_url != NULL && sf_http_instance_ok(t.instance_url,
	    cause) != 0) {
		sf_token_release(&t);
		return (SF_EFATAL);
	}
	sf_auth_set(&c->access_token, t.access_token);
	if (t.refresh_token != NULL)
		sf_auth_set(&c->refresh_token, t.refresh_token);
	if (t.instance_url != NULL)
		sf_auth_set(&c->instance_url, t.instance_url);
	sf_auth_user_from_id(c, t.id_url);
	explicit_bzero(t.access_token, strlen(t.access_token));
	if (t.refresh_token != NULL)
		explicit_bzero(t.refresh_token, strlen(t.refresh_token));
	sf_token_release(&t);
	return (SF_OK);
}

enum sf_err
sf_auth_refresh(struct sf_http *h, struct sf_cred *c, const char *path,
    char **cause)
{
	struct sf_resp	 resp;
	enum sf_err	 err;
	char		*form, *rt, *cid;

	if (c->from_env || c->refresh_token == NULL) {
		/* TRANSLATORS: shown on the UI's status line; short. */
		*cause = xstrdup(_("salesforce session expired: login "
		    "needed"));
		return (SF_EAUTH);
	}
	rt = sf_http_escape(c->refresh_token);
	cid = sf_http_escape(c->client_id != NULL ? c->client_id : "");
	form = xasprintf("grant_type=refresh_token&client_id=%s"
	    "&refresh_token=%s", cid, rt);
	sf_auth_wipe(rt);
	free(cid);
	sf_resp_init(&resp);
	err = sf_auth_post(h, c->login_url != NULL ? c->login_url :
	    c->instance_url, form, &resp, cause);
	sf_auth_wipe(form);
	if (err == SF_OK && resp.status != 200) {
		err = sfjson_error(resp.status, resp.body.data, resp.body.len,
		    cause);
		if (err == SF_EAUTH || err == SF_EFATAL) {
			free(*cause);
			/* TRANSLATORS: shown on the UI's status line. */
			*cause = xstrdup(_("salesforce refused the refresh: "
			    "login needed"));
			err = SF_EAUTH;
		}
	} else if (err == SF_OK) {
		/* A rotated refresh token is saved before anything else. */
		if ((err = sf_auth_take(c, &resp, cause)) == SF_OK &&
		    sf_cred_save(c, path, cause) != 0)
			err = SF_EFATAL;
	}
	sf_resp_release(&resp);
	return (err);
}

enum sf_err
sf_auth_whoami(struct sf_http *h, struct sf_cred *c, char **cause)
{
	struct sf_resp	 resp;
	enum sf_err	 err;
	char		*url;

	if (c->user_id != NULL)
		return (SF_OK);
	url = xasprintf("%s/services/oauth2/userinfo", c->instance_url);
	sf_resp_init(&resp);
	err = sf_http_request(h, "GET", url, c->access_token, NULL, NULL,
	    &resp, cause);
	free(url);
	if (err == SF_OK && (resp.status == 401 || (resp.status == 403 &&
	    resp.body.data != NULL && strstr(resp.body.data,
	    "Bad_OAuth_Token") != NULL))) {
		/* The userinfo endpoint refuses a dead token with 403. */
		*cause = xstrdup(c->from_env ?
		    /* TRANSLATORS: SF_ACCESS_TOKEN: an environment variable. */
		    _("salesforce refused SF_ACCESS_TOKEN (expired or "
		    "revoked): set a new one or run taskdeck login") :
		    _("the salesforce session has expired: log in again"));
		err = SF_EAUTH;
	} else if (err == SF_OK && resp.status != 200)
		err = sfjson_error(resp.status, resp.body.data, resp.body.len,
		    cause);
	else if (err == SF_OK && sfjson_userinfo(resp.body.data,
	    resp.body.len, &c->user_id, cause) != 0)
		err = SF_EFATAL;
	sf_resp_release(&resp);
	return (err);
}

/*
 * Sleeps for seconds in short naps, so that a login run on a thread stops
 * soon after it is cancelled: 0, or -1 if cancelled.
 */
static int
sf_auth_nap(const struct sf_http *h, long seconds)
{
	struct timespec	ts = { 0, 100 * 1000 * 1000 };
	long		i;

	for (i = 0; i < seconds * 10; i++) {
		if (sf_http_cancelled(h))
			return (-1);
		nanosleep(&ts, NULL);
	}
	return (sf_http_cancelled(h) ? -1 : 0);
}

enum sf_err
sf_auth_device_login(struct sf_http *h, const char *login_url,
    const char *client_id, const char *path, sf_auth_show_fn show, void *arg,
    struct sf_cred *c, char **cause)
{
	struct sf_resp	 resp;
	enum sf_err	 err;
	char		*form, *cid, *dcode = NULL, *ucode = NULL;
	char		*uri = NULL;
	char		*dc, *why = NULL;
	long		 interval = 5;
	int		 tries;

	if (sf_http_url_ok(login_url, cause) != 0)
		return (SF_EFATAL);
	cid = sf_http_escape(client_id);
	form = xasprintf("response_type=device_code&client_id=%s"
	    "&scope=api%%20refresh_token", cid);
	sf_resp_init(&resp);
	err = sf_auth_post(h, login_url, form, &resp, cause);
	free(form);
	if (err == SF_OK && resp.status != 200)
		err = sfjson_error(resp.status, resp.body.data, resp.body.len,
		    cause);
	else if (err == SF_OK && sfjson_device(resp.body.data, resp.body.len,
	    &dcode, &ucode, &uri, &interval, cause) != 0)
		err = SF_EFATAL;
	if (err != SF_OK)
		goto out;
	show(uri, ucode, arg);
	dc = sf_http_escape(dcode);
	form = xasprintf("grant_type=device&client_id=%s&code=%s", cid, dc);
	free(dc);
	/* Polls politely: the server's interval, longer when told so. */
	for (tries = 0; tries < 720; tries++) {
		if (sf_auth_nap(h, interval) != 0) {
			*cause = xstrdup(_("login cancelled"));
			err = SF_EAUTH;
			break;
		}
		err = sf_auth_post(h, login_url, form, &resp, cause);
		if (err != SF_OK)
			break;
		if (resp.status == 200) {
			sf_cred_release(c);
			if ((err = sf_auth_take(c, &resp, cause)) != SF_OK)
				break;
			sf_auth_set(&c->login_url, login_url);
			sf_auth_set(&c->client_id, client_id);
			if ((err = sf_auth_whoami(h, c, cause)) == SF_OK &&
			    sf_cred_save(c, path, cause) != 0)
				err = SF_EFATAL;
			break;
		}
		free(why);
		why = NULL;
		(void)sfjson_error(resp.status, resp.body.data,
		    resp.body.len, &why);
		if (strncmp(why, "authorization_pending", 21) == 0)
			continue;
		if (strncmp(why, "slow_down", 9) == 0) {
			interval += 5;
			continue;
		}
		/* TRANSLATORS: %s: Salesforce's reason, as it sent it. */
		*cause = xasprintf(_("login failed: %s"), why);
		err = SF_EAUTH;
		break;
	}
	if (tries == 720) {
		*cause = xstrdup(_("login timed out"));
		err = SF_EAUTH;
	}
	free(why);
	free(form);
out:
	free(cid);
	free(dcode);
	free(ucode);
	free(uri);
	sf_resp_release(&resp);
	return (err);
}
