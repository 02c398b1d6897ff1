/* taskdeck - SPDX-License-Identifier: ISC */
/* Test helpers to run and talk to a real sfemu (see emu.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu.h"

/* Appends curl data to a malloc'd string. */
static size_t
emu_collect(char *p, size_t sz, size_t n, void *arg)
{
	char	**s = arg;
	size_t	  old = *s != NULL ? strlen(*s) : 0;

	*s = realloc(*s, old + sz * n + 1);
	if (*s == NULL)
		abort();
	memcpy(*s + old, p, sz * n);
	(*s)[old + sz * n] = '\0';
	return (sz * n);
}

void
emu_start(struct emu *e, const char *const *args)
{
	const char	*argv[32], *bdir, *wrap;
	char		*path, *wcopy = NULL, *tok, *save, line[64];
	int		 fd[2], n = 0, i;
	FILE		*f;

	bdir = getenv("TD_BUILDDIR");
	if (asprintf(&path, "%s/src/sfemu/sfemu", bdir != NULL ? bdir : ".") < 0)
		abort();
	wrap = getenv("SFEMU_WRAPPER");
	if (wrap != NULL && *wrap != '\0') {
		wcopy = strdup(wrap);
		for (tok = strtok_r(wcopy, " ", &save); tok != NULL && n < 20;
		    tok = strtok_r(NULL, " ", &save))
			argv[n++] = tok;
	}
	argv[n++] = path;
	argv[n++] = "--port";
	argv[n++] = "0";
	argv[n++] = "--print-port";
	for (i = 0; args != NULL && args[i] != NULL && n < 30; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if (pipe(fd) != 0)
		abort();
	e->pid = fork();
	if (e->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	if (f == NULL || fgets(line, sizeof line, f) == NULL) {
		printf("Bail out! sfemu did not print its port (%s)\n", path);
		exit(1);
	}
	fclose(f);
	e->port = atoi(line);
	snprintf(e->base, sizeof e->base, "http://127.0.0.1:%d", e->port);
	free(path);
	free(wcopy);
}

int
emu_stop(struct emu *e)
{
	int	st;

	kill(e->pid, SIGTERM);
	if (waitpid(e->pid, &st, 0) != e->pid)
		return (-1);
	return (WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

struct res *
emu_req(struct emu *e, const char *method, const char *path,
    const char *token, const char *body, const char *header)
{
	struct curl_slist	*h = NULL;
	struct res		*r;
	CURL			*c;
	char			*url, *auth = NULL;

	r = calloc(1, sizeof *r);
	if (r == NULL || asprintf(&url, "%s%s", e->base, path) < 0)
		abort();
	c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, emu_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, emu_collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->headers);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	if (token != NULL) {
		if (asprintf(&auth, "Authorization: Bearer %s", token) < 0)
			abort();
		h = curl_slist_append(h, auth);
	}
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		h = curl_slist_append(h, body[0] == '{' || body[0] == '[' ?
		    "Content-Type: application/json" :
		    "Content-Type: application/x-www-form-urlencoded");
	}
	if (header != NULL)
		h = curl_slist_append(h, header);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	r->curlcode = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &r->seconds);
	if (r->body != NULL)
		r->json = cJSON_Parse(r->body);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(url);
	free(auth);
	return (r);
}

struct res *
emu_ctl(struct emu *e, const char *method, const char *what,
    const char *body)
{
	char		*path;
	struct res	*r;

	if (asprintf(&path, "/__sfemu/%s", what) < 0)
		abort();
	r = emu_req(e, method, path, NULL, body, NULL);
	free(path);
	return (r);
}

void
res_free(struct res *r)
{
	if (r == NULL)
		return;
	cJSON_Delete(r->json);
	free(r->body);
	free(r->headers);
	free(r);
}

const char *
res_header(struct res *r, const char *name)
{
	static char	 val[512];
	const char	*p;
	size_t		 n = strlen(name);

	for (p = r->headers; p != NULL && *p != '\0'; ) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			snprintf(val, sizeof val, "%.*s",
			    (int)strcspn(p, "\r\n"), p);
			return (val);
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return (NULL);
}

const char *
res_code(struct res *r)
{
	cJSON	*first;

	if (!cJSON_IsArray(r->json))
		return (NULL);
	first = cJSON_GetArrayItem(r->json, 0);
	return (js(first, "errorCode") != NULL ? js(first, "errorCode") :
	    js(first, "statusCode"));
}

const char *
js(const cJSON *o, const char *name)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(o, name);

	return (cJSON_IsString(j) ? j->valuestring : NULL);
}

char *
emu_escape(const char *s)
{
	CURL	*c = curl_easy_init();
	char	*t, *out;

	t = curl_easy_escape(c, s, 0);
	out = strdup(t);
	curl_free(t);
	curl_easy_cleanup(c);
	return (out);
}

char *
emu_login(struct emu *e, const char *user, const char *pass)
{
	struct res	*r;
	char		*body, *tok = NULL, *u, *p;

	u = emu_escape(user);
	p = emu_escape(pass);
	if (asprintf(&body, "grant_type=password&client_id=test&"
	    "client_secret=s&username=%s&password=%s", u, p) < 0)
		abort();
	r = emu_req(e, "POST", "/services/oauth2/token", NULL, body, NULL);
	if (js(r->json, "access_token") != NULL)
		tok = strdup(js(r->json, "access_token"));
	res_free(r);
	free(body);
	free(u);
	free(p);
	return (tok);
}
