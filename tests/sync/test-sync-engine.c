/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The engine thread through sync.h, as the UI drives it, against a real
 * sfemu: first-sync progress events (S4), changed-reminder events (U4),
 * a local change in Salesforce within 2 s (C1), the one-syncer lock, and
 * a clean stop.  Run under TSan too.
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "date.h"
#include "sf-http.h"
#include "store.h"
#include "sync.h"
#include "xmalloc.h"

static char	 emu[64];
static pid_t	 emu_pid;

/* Starts sfemu on an ephemeral port. */
static int
emu_start(const char *dir)
{
	char	 path[1024], db[1024], line[32];
	int	 fds[2];
	FILE	*f;

	snprintf(path, sizeof path, "%s/src/sfemu/sfemu", getenv("TD_BUILDDIR") ?
	    getenv("TD_BUILDDIR") : ".");
	snprintf(db, sizeof db, "%s/emu.db", dir);
	if (pipe(fds) != 0)
		return (-1);
	if ((emu_pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execl(path, "sfemu", "--port", "0", "--print-port", "--db", db,
		    (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	if (f == NULL || fgets(line, sizeof line, f) == NULL)
		return (-1);
	line[strcspn(line, "\n")] = '\0';
	snprintf(emu, sizeof emu, "http://127.0.0.1:%s", line);
	fclose(f);
	return (0);
}

/* A control API call; returns the body (caller frees). */
static char *
ctl(struct sf_http *h, const char *method, const char *what,
    const char *body)
{
	struct sf_resp	 r;
	char		*url, *cause = NULL, *out;

	url = xasprintf("%s/__sfemu/%s", emu, what);
	sf_resp_init(&r);
	if (sf_http_request(h, method, url, NULL, "application/json", body,
	    &r, &cause) != SF_OK) {
		printf("# ctl %s: %s\n", what, cause);
		free(cause);
	}
	free(url);
	out = xstrdup(r.body.data);
	sf_resp_release(&r);
	return (out);
}

/* What the events told so far. */
struct seen {
	enum sync_state	 state;
	long		 first_total;
	size_t		 changed;
	int64_t		 pending;
	int		 statuses;
};

/* Waits up to ms for events until the engine is idle after a cycle. */
static int
wait_idle(struct sync *s, struct seen *w, int ms)
{
	struct sync_event	*ev;
	struct pollfd		 pfd;
	int64_t			 end = now_ms() + ms;
	int			 running = 0;

	while (now_ms() < end) {
		pfd.fd = sync_fd(s);
		pfd.events = POLLIN;
		poll(&pfd, 1, 100);
		while ((ev = sync_next_event(s)) != NULL) {
			if (ev->kind == SYNC_EV_CHANGED)
				w->changed += ev->nids;
			else {
				w->statuses++;
				w->state = ev->status.state;
				w->pending = ev->status.pending;
				if (ev->status.state == SYNC_FIRST &&
				    ev->status.total > w->first_total)
					w->first_total = ev->status.total;
				if (ev->status.state == SYNC_RUNNING ||
				    ev->status.state == SYNC_FIRST)
					running = 1;
				if (ev->status.message != NULL)
					printf("# status: %s\n",
					    ev->status.message);
			}
			sync_event_free(ev);
			if (running && w->state == SYNC_IDLE)
				return (0);
		}
	}
	return (-1);
}

int
main(void)
{
	struct sf_http	*h;
	struct store	*st;
	struct sync	*s, *s2;
	struct seen	 w;
	struct task	 t;
	enum store_rc	 rc;
	char		 dir[] = "/tmp/td-engine.XXXXXX";
	char		 cache[256], conf[256];
	char		*cause = NULL, *body, *tok, *p, stamp[32];
	FILE		*f;
	int64_t		 t0;

	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(dir) == NULL)
		return (1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	sf_http_global_init();
	if (emu_start(dir) != 0) {
		printf("Bail out! cannot start sfemu\n");
		return (1);
	}
	h = sf_http_new();
	free(ctl(h, "POST", "seed", "{\"users\":[{\"key\":\"rep\",\"Name\":"
	    "\"Dana\",\"Username\":\"d@x\",\"Password\":\"p\"}],\"tasks\":["
	    "{\"Subject\":\"One\",\"Owner\":\"rep\"},{\"Subject\":\"Two\","
	    "\"Owner\":\"rep\"},{\"Subject\":\"Three\",\"Owner\":\"rep\"}]}"));
	body = ctl(h, "POST", "token", "{}");
	tok = strstr(body, "\"access_token\":\"");
	if (tok == NULL) {
		printf("Bail out! no token\n");
		return (1);
	}
	tok += 16;
	if ((p = strchr(tok, '"')) != NULL)
		*p = '\0';
	setenv("SF_ACCESS_TOKEN", tok, 1);
	setenv("SF_INSTANCE_URL", emu, 1);
	free(body);

	snprintf(cache, sizeof cache, "%s/cache.db", dir);
	snprintf(conf, sizeof conf, "%s/config", dir);
	f = fopen(conf, "w");
	fprintf(f, "sync.enabled = true\n");
	fclose(f);
	st = store_open(cache, &rc, &cause);
	snprintf(stamp, sizeof stamp, "%lld", (long long)now_ms());
	store_state_set(st, "sync.t0", stamp, &cause);

	memset(&w, 0, sizeof w);
	s = sync_start(cache, conf, &cause);
	ok(s != NULL, "engine thread starts");
	if (s == NULL) {
		printf("# %s\n", cause);
		return (tap_done());
	}
	s2 = sync_start(cache, conf, &cause);
	ok(s2 == NULL && cause != NULL && strstr(cause, "already syncing"),
	    "U8 a second syncer of the same cache is refused");
	free(cause);
	cause = NULL;
	ok(wait_idle(s, &w, 10000) == 0, "first cycle ends idle");
	is_int(w.first_total, 3, "S4 first sync publishes its total");
	is_int(w.changed, 3, "U4 changed-reminder events name the imports");

	task_init(&t);
	t.name = xstrdup("Pushed at once");
	t.details = xstrdup("");
	store_add(st, &t, 1, &cause);
	t0 = now_ms();
	sync_local_change(s);
	memset(&w, 0, sizeof w);
	ok(wait_idle(s, &w, 5000) == 0 && w.pending == 0,
	    "C1 local change pushed");
	ok(now_ms() - t0 < 2000, "C1 local change in Salesforce within 2 s "
	    "(%lld ms)", (long long)(now_ms() - t0));
	body = ctl(h, "GET", "tasks", NULL);
	ok(strstr(body, "Pushed at once") != NULL, "C1 the task is in SF");
	free(body);
	task_release(&t);

	sync_now(s);
	memset(&w, 0, sizeof w);
	ok(wait_idle(s, &w, 5000) == 0, "sync now runs a cycle");
	is_int(w.changed, 0, "C5 a pushed change is never re-applied as a "
	    "local change");
	sync_settings_changed(s);
	memset(&w, 0, sizeof w);
	ok(wait_idle(s, &w, 5000) == 0, "settings change re-reads and syncs");
	sync_stop(s);
	ok(1, "engine stops on quit and joins");
	sync_stop(NULL);

	/*
	 * Quitting while a request hangs: the engine's request is cut short
	 * (sf_http_cancel_on), so the UI never waits on the network (U4).
	 */
	free(ctl(h, "POST", "faults", "{\"method\":\"GET\",\"path\":"
	    "\"/services/data/\",\"count\":1,\"kind\":\"latency\","
	    "\"latency_ms\":30000}"));
	s = sync_start(cache, conf, &cause);
	ok(s != NULL, "engine starts again");
	if (s != NULL) {
		sync_now(s);
		usleep(500 * 1000);	/* the query is now waiting */
		t0 = now_ms();
		sync_stop(s);
		ok(now_ms() - t0 < 2500, "U4 stopping during a hung request "
		    "takes %lld ms (< 2.5 s, the request waits 30 s)",
		    (long long)(now_ms() - t0));
	}

	store_free(st);
	sf_http_free(h);
	kill(emu_pid, SIGTERM);
	waitpid(emu_pid, NULL, 0);
	{
		char	*cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			printf("# cannot remove %s\n", dir);
		free(cmd);
	}
	return (tap_done());
}
