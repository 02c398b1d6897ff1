/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync commands: `sync --once|--enable|--disable|--watch`, `status`,
 * `login`, `logout` and `conflicts`.  Messages go to stderr, results to
 * stdout; a token is never printed.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli-sync.h"
#include "config.h"
#include "date.h"
#include "i18n.h"
#include "paths.h"
#include "sf-auth.h"
#include "sf-http.h"
#include "sf-rest.h"
#include "store-sync.h"
#include "sync-org.h"
#include "sync.h"
#include "task.h"
#include "utf8.h"
#include "xmalloc.h"

static volatile sig_atomic_t	cli_sync_stop;
static int			cli_sync_pipe[2] = { -1, -1 };

/*
 * Prints "taskdeck: WHAT" and the cause on stderr, cleaned: a cause may
 * quote Salesforce (an error message, an instance URL) (B5).
 */
static void
cli_sync_err(const char *what, const char *cause)
{
	char	*c = utf8_clean(cause, UTF8_LINE);

	fprintf(stderr, "taskdeck: %s%s\n", what, c);
	free(c);
}

/* Reports an error and frees cause. */
static int
cli_sync_fail(int code, char *cause)
{
	cli_sync_err("", cause);
	free(cause);
	return (code);
}

/* Formats a time in ms as local "YYYY-MM-DD HH:MM:SS", or "never". */
static const char *
cli_sync_time(int64_t ms, char *buf, size_t len)
{
	time_t		t = (time_t)(ms / 1000);
	struct tm	tm;

	if (ms <= 0)
		/* TRANSLATORS: `taskdeck status`: no sync has succeeded. */
		return (C_("last success", "never"));
	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	return (buf);
}

/*
 * Prints s as a JSON string: quotes and C0 escaped here, the rest (invalid
 * UTF-8, DEL, C1, bidi controls) by utf8_clean's JSON rules (B5).
 */
static void
cli_sync_jstr(const char *s)
{
	const unsigned char	*p;
	struct buf		 b;
	char			*c;

	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	buf_init(&b);
	buf_addc(&b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(&b, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(&b, "\\n");
		else if (*p < 0x20)
			buf_addf(&b, "\\u%04x", *p);
		else
			buf_addc(&b, (char)*p);
	}
	buf_addc(&b, '"');
	c = utf8_clean(b.data, UTF8_JSON);
	fputs(c, stdout);
	free(c);
	buf_release(&b);
}

const char *
cli_sync_state_label(enum sync_state s)
{
	/*
	 * The engine's state in the user's language; sync_state_name()
	 * stays English for --json and the cache.
	 */
	switch (s) {
	case SYNC_OFF:
		/* TRANSLATORS: sync state in `taskdeck status`: switched off. */
		return (C_("sync state", "off"));
	case SYNC_IDLE:
		/* TRANSLATORS: sync state: up to date, waiting for the next
		 * poll. */
		return (C_("sync state", "idle"));
	case SYNC_RUNNING:
		/* TRANSLATORS: sync state: a sync is under way. */
		return (C_("sync state", "running"));
	case SYNC_FIRST:
		/* TRANSLATORS: sync state: the first sync imports tasks. */
		return (C_("sync state", "first-sync"));
	case SYNC_BACKOFF:
		/* TRANSLATORS: sync state: offline or throttled, waiting
		 * before it tries again. */
		return (C_("sync state", "backoff"));
	case SYNC_LOGIN_NEEDED:
		/* TRANSLATORS: sync state: Salesforce wants a new login. */
		return (C_("sync state", "login-needed"));
	}
	return (sync_state_name(s));
}

/*
 * The streaming part of the status ("on", "off (why)", sync-stream.c) in
 * the user's language; buf holds a composed one.
 */
static const char *
cli_sync_stream(const char *s, char *buf, size_t len)
{
	size_t	n = strlen(s);

	if (strcmp(s, "on") == 0)
		/* TRANSLATORS: streaming (near-real-time pull) is on. */
		return (C_("streaming", "on"));
	if (strcmp(s, "off") == 0)
		/* TRANSLATORS: streaming (near-real-time pull) is off. */
		return (C_("streaming", "off"));
	if (strncmp(s, "off (", 5) == 0 && n > 6 && s[n - 1] == ')') {
		/* TRANSLATORS: streaming is off; %s says why. */
		snprintf(buf, len, _("off (%.*s)"), (int)(n - 6), s + 5);
		return (buf);
	}
	return (s);
}

/* Prints one status line (sync --watch, sync --once). */
static void
cli_sync_line(const struct sync_status *st)
{
	char	when[32], *msg, sbuf[256];

	/* TRANSLATORS: the start of a `taskdeck sync` line; %s: the state. */
	printf(_("sync: %s"), cli_sync_state_label(st->state));
	if (st->state == SYNC_FIRST)
		printf(" %ld/%ld", st->done, st->total);
	/* TRANSLATORS: a clause of the `taskdeck sync` line: keep the
	 * leading comma; the first %s is a time or "never". */
	printf(P_(", last success %s, %lld pending",
	    ", last success %s, %lld pending", (unsigned long)st->pending),
	    cli_sync_time(st->last_success_ms, when, sizeof when),
	    (long long)st->pending);
	if (st->api_max > 0)
		/* TRANSLATORS: API calls used of the org's daily allocation. */
		printf(_(", api %ld/%ld"), st->api_used, st->api_max);
	if (st->stream[0] != '\0')
		/* TRANSLATORS: a clause of the `taskdeck sync` line: %s is
		 * on, off or off (why). */
		printf(_(", streaming %s"), cli_sync_stream(st->stream, sbuf,
		    sizeof sbuf));
	if (st->message != NULL) {
		msg = utf8_clean(st->message, UTF8_LINE);
		printf(": %s", msg);
		free(msg);
	}
	putchar('\n');
	fflush(stdout);
}

static void
cli_sync_signal(int sig)
{
	char	c = 'q';

	(void)sig;
	cli_sync_stop = 1;
	if (cli_sync_pipe[1] >= 0)
		(void)write(cli_sync_pipe[1], &c, 1);
}

/*
 * Waits while another process syncs the cache (C11): tries the lock twice
 * a second and returns the engine once it is ours, or NULL on a signal or
 * an error (*cause set).
 */
static struct sync *
cli_sync_standby(struct cmd_ctx *ctx, char **cause)
{
	struct sync	*s;
	struct pollfd	 pfd;
	char		*name;
	long		 pid, shown = 0;

	while (!cli_sync_stop) {
		if ((s = sync_start(ctx->cache_path, ctx->config_path,
		    cause)) != NULL) {
			if (shown != 0)
				printf(_("sync: taking over from pid %ld\n"),
				    shown);
			return (s);
		}
		if (!sync_holder(ctx->cache_path, &pid, &name)) {
			free(name);
			/* Gone in between: try again at once, once. */
			free(*cause);
			*cause = NULL;
			if ((s = sync_start(ctx->cache_path, ctx->config_path,
			    cause)) != NULL)
				return (s);
			if (!sync_holder(ctx->cache_path, &pid, &name)) {
				free(name);
				return (NULL);
			}
		}
		free(*cause);
		*cause = NULL;
		if (pid != shown) {
			char	*n = utf8_clean(name != NULL ? name : "?",
			    UTF8_LINE);

			/* TRANSLATORS: %s names the other process
			 * ("taskdeck sync --watch"). */
			printf(_("sync: waiting: synced by %s, pid %ld\n"), n,
			    pid);
			fflush(stdout);
			free(n);
			shown = pid;
		}
		free(name);
		sync_standby(ctx->cache_path, 1);	/* C11: waiting */
		pfd.fd = cli_sync_pipe[0];
		pfd.events = POLLIN;
		(void)poll(&pfd, 1, 500);	/* C11: take over within 2 s */
	}
	return (NULL);
}

/*
 * Runs the engine headless until SIGINT or SIGTERM.  While another
 * process syncs the cache it waits and takes over when that one ends
 * (C11).  A signal ends it within a second: sync_stop() cuts a request
 * under way short, between transactions (the engine never holds one
 * open across a request).
 */
static int
cli_sync_watch(struct cmd_ctx *ctx)
{
	struct sigaction	 sa;
	struct sync		*s;
	struct sync_event	*ev;
	struct pollfd		 pfd[2];
	char			*cause = NULL;

	if (pipe(cli_sync_pipe) != 0)
		return (cli_sync_fail(CMD_ESTORE, xstrdup(_("cannot make a "
		    "pipe"))));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_sync_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sync_set_holder_name("taskdeck sync --watch");
	s = cli_sync_standby(ctx, &cause);
	sync_standby(ctx->cache_path, 0);
	if (s == NULL) {
		close(cli_sync_pipe[0]);
		close(cli_sync_pipe[1]);
		cli_sync_pipe[0] = cli_sync_pipe[1] = -1;
		if (cause == NULL)
			return (CMD_OK);	/* stopped while waiting */
		return (cli_sync_fail(CLI_ESYNC, cause));
	}
	while (!cli_sync_stop) {
		pfd[0].fd = sync_fd(s);
		pfd[0].events = POLLIN;
		pfd[1].fd = cli_sync_pipe[0];
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		while ((ev = sync_next_event(s)) != NULL) {
			if (ev->kind == SYNC_EV_STATUS &&
			    ev->status.state != SYNC_RUNNING)
				cli_sync_line(&ev->status);
			else if (ev->kind == SYNC_EV_CHANGED)
				printf(P_("sync: %zu reminder changed\n",
				    "sync: %zu reminders changed\n",
				    ev->nids), ev->nids);
			sync_event_free(ev);
		}
		fflush(stdout);
	}
	sync_stop(s);
	printf("%s\n", _("sync: stopped"));
	fflush(stdout);
	close(cli_sync_pipe[0]);
	close(cli_sync_pipe[1]);
	cli_sync_pipe[0] = cli_sync_pipe[1] = -1;
	return (CMD_OK);
}

int
cli_sync(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sync_status	 st;
	char			*cause = NULL;
	int			 rc;

	if (argc != 2) {
		/* TRANSLATORS: the command and option names stay as typed. */
		fprintf(stderr, _("usage: taskdeck sync --once | --enable | "
		    "--disable | --watch\n"));
		return (CMD_EINVAL);
	}
	sf_http_global_init();
	if (strcmp(argv[1], "--enable") == 0 ||
	    strcmp(argv[1], "--disable") == 0) {
		if ((rc = cmd_config_set(ctx, "sync.enabled",
		    argv[1][2] == 'e' ? "true" : "false", &cause)) != CMD_OK)
			return (cli_sync_fail(rc, cause));
		printf("%s\n", argv[1][2] == 'e' ? _("sync enabled") :
		    _("sync disabled"));
		if (argv[1][2] == 'e' && cmd_check_org(ctx, &cause) != CMD_OK) {
			/* TRANSLATORS: %s says which setting the org lacks. */
			fprintf(stderr, _("taskdeck: warning: %s; sync waits "
			    "until it is changed\n"), cause);
			free(cause);
		}
		return (CMD_OK);
	}
	if (strcmp(argv[1], "--watch") == 0)
		return (cli_sync_watch(ctx));
	if (strcmp(argv[1], "--once") != 0) {
		fprintf(stderr, _("usage: taskdeck sync --once | --enable | "
		    "--disable | --watch\n"));
		return (CMD_EINVAL);
	}
	/* F2 F3: a setting the org does not have would fail every push. */
	if ((rc = cmd_check_org(ctx, &cause)) != CMD_OK)
		return (cli_sync_fail(rc, cause));
	memset(&st, 0, sizeof st);
	sync_set_holder_name("taskdeck sync --once");
	if (sync_once(ctx->cache_path, ctx->config_path, &st, &cause) != 0) {
		rc = st.state == SYNC_LOGIN_NEEDED ? CLI_ELOGIN : CLI_ESYNC;
		sync_status_release(&st);
		return (cli_sync_fail(rc, cause));
	}
	cli_sync_line(&st);
	sync_status_release(&st);
	return (CMD_OK);
}

int
cli_syncstatus(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sync_status	 st;
	const char		*ext;
	char			*cause = NULL, *cursor = NULL, when[32];
	char			*who = NULL, *whoc;
	long			 pid;
	int			 json = 0, on, live;

	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		json = 1;
	else if (argc != 1) {
		fprintf(stderr, _("usage: taskdeck status [--json]\n"));
		return (CMD_EINVAL);
	}
	if (sync_read_status(ctx->cache_path, &st, &cursor, &cause) != 0)
		return (cli_sync_fail(CMD_ESTORE, cause));
	free(cause);
	on = config_bool(ctx->config, "sync.enabled");
	if (!on)
		st.state = SYNC_OFF;
	/* C11: the recorded state is only live while its holder runs. */
	live = sync_holder(ctx->cache_path, &pid, &who);
	whoc = utf8_clean(who != NULL ? who : "taskdeck", UTF8_LINE);
	/* C6: exactly-once creates need the org's external-Id field. */
	ext = config_get(ctx->config, "sf.external_id_field");
	if (ext != NULL && *ext == '\0')
		ext = NULL;
	if (json) {
		printf("{\"enabled\":%s,\"state\":\"%s\",\"last_success\":",
		    on ? "true" : "false", sync_state_name(st.state));
		if (st.last_success_ms > 0)
			printf("%lld", (long long)st.last_success_ms);
		else
			fputs("null", stdout);
		printf(",\"pending\":%lld,\"last_error\":",
		    (long long)st.pending);
		cli_sync_jstr(st.message);
		printf(",\"api_used\":%ld,\"api_max\":%ld,\"cursor\":",
		    st.api_max > 0 ? st.api_used : -1,
		    st.api_max > 0 ? st.api_max : -1);
		cli_sync_jstr(cursor);
		printf(",\"streaming\":");
		cli_sync_jstr(st.stream[0] != '\0' ? st.stream : NULL);
		printf(",\"exactly_once\":%s,\"external_id_field\":",
		    ext != NULL ? "true" : "false");
		cli_sync_jstr(ext);
		printf(",\"running\":%s,\"syncer_pid\":", live ? "true" :
		    "false");
		if (live)
			printf("%ld,\"syncer\":", pid);
		else
			printf("null,\"syncer\":");
		cli_sync_jstr(live ? whoc : NULL);
		printf("}\n");
	} else {
		/*
		 * TRANSLATORS: `taskdeck status` prints "label:" padded so
		 * that the values line up in one column (15 columns in
		 * English): pad every label of this list to one width.
		 */
		printf(_("sync:          %s\n"), on ?
		    /* TRANSLATORS: `taskdeck status`: sync.enabled true. */
		    C_("sync setting", "on") :
		    /* TRANSLATORS: `taskdeck status`: sync.enabled false. */
		    C_("sync setting", "off"));
		if (live)
			/* TRANSLATORS: %s names the syncing process. */
			printf(_("syncer:        %s, pid %ld\n"), whoc, pid);
		else if (pid > 0)
			printf(_("syncer:        not running (%s, pid %ld, is "
			    "gone)\n"), whoc, pid);
		else
			printf("%s\n", _("syncer:        not running"));
		/* A backoff or a cycle needs a process behind it. */
		if (!live && on && (st.state == SYNC_BACKOFF ||
		    st.state == SYNC_RUNNING || st.state == SYNC_FIRST))
			printf(_("state:         not running (last recorded: "
			    "%s)\n"), cli_sync_state_label(st.state));
		else
			printf(_("state:         %s\n"),
			    cli_sync_state_label(st.state));
		printf(_("last success:  %s\n"), cli_sync_time(
		    st.last_success_ms, when, sizeof when));
		printf(_("pending:       %lld\n"), (long long)st.pending);
		if (st.message != NULL) {
			char	*m = utf8_clean(st.message, UTF8_LINE);

			printf(_("last error:    %s\n"), m);
			free(m);
		}
		if (st.api_max > 0)
			printf(_("api use:       %ld/%ld\n"), st.api_used,
			    st.api_max);
		if (st.stream[0] != '\0') {
			char	 sb[256];
			char	*m = utf8_clean(cli_sync_stream(st.stream, sb,
			    sizeof sb), UTF8_LINE);

			printf(_("streaming:     %s\n"), m);
			free(m);
		}
		printf(_("cursor:        %s\n"), cursor != NULL ? cursor : "-");
		if (ext != NULL) {
			char	*x = utf8_clean(ext, 0);

			/* TRANSLATORS: %s: the Salesforce field's API name. */
			printf(_("creates:       exactly-once (%s)\n"), x);
			free(x);
		} else
			/* TRANSLATORS: sf.external_id_field is a setting. */
			printf("%s\n", _("creates:       recovered by lookup "
			    "(sf.external_id_field not set)"));
	}
	free(cursor);
	free(who);
	free(whoc);
	sync_status_release(&st);
	return (CMD_OK);
}

/* Shows the device-flow URL and code, both from Salesforce (B5). */
static void
cli_login_show(const char *uri, const char *code, void *arg)
{
	char	*u = utf8_clean(uri, UTF8_LINE);
	char	*c = utf8_clean(code, UTF8_LINE);

	(void)arg;
	/* TRANSLATORS: `taskdeck login`: the first %s is a web address,
	 * the second the code to type there. */
	printf(_("To log in, open %s\nand enter the code: %s\n"), u, c);
	free(u);
	free(c);
	printf("%s\n", _("waiting for approval..."));
	fflush(stdout);
}

/*
 * After a login: learns the org's clock offset and its status and
 * priority values (sync-org.c), then checks the four settings against
 * those values (F2, F3).  A setting the org does not have is reported;
 * sync will not run until it is changed.
 */
static void
cli_login_check(struct cmd_ctx *ctx, const char *path)
{
	char	*cause = NULL;

	if (sync_org_learn(ctx->cache_path, path, NULL, &cause) != 0) {
		/* TRANSLATORS: the reason follows; keep ": " at the end. */
		cli_sync_err(_("cannot read the org's status and priority "
		    "values: "), cause);
		free(cause);
		return;
	}
	if (cmd_check_org(ctx, &cause) != CMD_OK) {
		cli_sync_err("", cause);
		fprintf(stderr, "%s\n", _("taskdeck: sync stays paused until "
		    "this setting is one of the org's values "
		    "('taskdeck config set KEY VALUE')"));
		free(cause);
	}
}

int
cli_login(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "instance", required_argument, NULL, 'i' },
		{ "client-id", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct sf_cred			 cred;
	struct sf_http			*h;
	const char			*login, *client;
	char				*cause = NULL, *path;
	enum sf_err			 err;
	int				 ch, rc;

	login = config_get(ctx->config, "sf.login_url");
	client = config_get(ctx->config, "sf.client_id");
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'i':
			login = optarg;
			break;
		case 'c':
			client = optarg;
			break;
		default:
			fprintf(stderr, _("usage: taskdeck login [--instance "
			    "URL] [--client-id ID]\n"));
			return (CMD_EINVAL);
		}
	}
	if (optind != argc) {
		fprintf(stderr, _("usage: taskdeck login [--instance URL] "
		    "[--client-id ID]\n"));
		return (CMD_EINVAL);
	}
	if (client == NULL || *client == '\0') {
		/* In the rep's words: what to ask the admin (onboarding). */
		path = paths_sysconfig();
		/*
		 * TRANSLATORS: "consumer key" and "connected app" are
		 * Salesforce's terms (as in its Setup in your language);
		 * the command stays as typed; %s is a file.
		 */
		cause = xasprintf(_("taskdeck does not know your company's "
		    "Salesforce app yet: ask your Salesforce admin for the "
		    "\"consumer key of the connected app for taskdeck\" "
		    "(doc/admin.md), then run 'taskdeck config set "
		    "sf.client_id KEY' (or --client-id KEY); IT can set it "
		    "once for everyone in %s"), path);
		free(path);
		return (cli_sync_fail(CMD_EINVAL, cause));
	}
	if (sf_http_url_ok(login, &cause) != 0)
		return (cli_sync_fail(CMD_EINVAL, cause));
	sf_http_global_init();
	path = paths_credentials();
	h = sf_http_new();
	sf_cred_init(&cred);
	err = sf_auth_device_login(h, login, client, path, cli_login_show,
	    NULL, &cred, &cause);
	sf_http_free(h);
	free(path);
	if (err != SF_OK) {
		sf_cred_release(&cred);
		return (cli_sync_fail(err == SF_EAUTH ? CLI_ELOGIN : CLI_ESYNC,
		    cause));
	}
	/* The login host and instance are settings (A3). */
	rc = CMD_OK;
	if (strcmp(login, config_get(ctx->config, "sf.login_url")) != 0)
		rc = cmd_config_set(ctx, "sf.login_url", login, &cause);
	if (rc == CMD_OK)
		rc = cmd_config_set(ctx, "sf.instance_url", cred.instance_url,
		    &cause);
	if (rc != CMD_OK) {
		cli_sync_err("", cause);
		free(cause);
	}
	path = utf8_clean(cred.instance_url, UTF8_LINE);
	printf(_("logged in to %s\n"), path);
	free(path);
	sf_cred_release(&cred);
	path = paths_credentials();
	cli_login_check(ctx, path);
	free(path);
	return (CMD_OK);
}

int
cli_logout(struct cmd_ctx *ctx, int argc, char **argv)
{
	char	*path;

	(void)ctx;
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "%s\n", _("usage: taskdeck logout"));
		return (CMD_EINVAL);
	}
	path = paths_credentials();
	if (unlink(path) != 0 && errno != ENOENT) {
		fprintf(stderr, _("taskdeck: cannot remove %s: %s\n"), path,
		    strerror(errno));
		free(path);
		return (CMD_ESTORE);
	}
	free(path);
	printf("%s\n", _("logged out"));
	return (CMD_OK);
}

/* A conflict's field (stored in English, sync-pull.c) for display. */
static const char *
cli_sync_field(const char *f)
{
	if (f == NULL)
		return ("");
	if (strcmp(f, "name") == 0)
		/* TRANSLATORS: a reminder's field, in `taskdeck conflicts`. */
		return (C_("field", "name"));
	if (strcmp(f, "status") == 0)
		/* TRANSLATORS: a reminder's field, in `taskdeck conflicts`. */
		return (C_("field", "status"));
	if (strcmp(f, "priority") == 0)
		/* TRANSLATORS: a reminder's field, in `taskdeck conflicts`. */
		return (C_("field", "priority"));
	if (strcmp(f, "due") == 0)
		/* TRANSLATORS: a reminder's field (its due date), in
		 * `taskdeck conflicts`. */
		return (C_("field", "due"));
	if (strcmp(f, "details") == 0)
		/* TRANSLATORS: a reminder's field, in `taskdeck conflicts`. */
		return (C_("field", "details"));
	if (strcmp(f, "record") == 0)
		/* TRANSLATORS: `taskdeck conflicts`: the whole reminder (a
		 * delete met a change). */
		return (C_("field", "record"));
	return (f);
}

int
cli_conflicts(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_sync	*ss;
	struct ss_conflict	*v;
	size_t			 n, i;
	int64_t			 id;
	char			*cause = NULL, when[32], *a, *b, *r;
	int			 json = 0, rc;

	if (argc == 3 && strcmp(argv[1], "restore") == 0) {
		if (task_parse_id(argv[2], &id, &cause) != 0)
			return (cli_sync_fail(CMD_EINVAL, cause));
		if ((ss = store_sync_open(ctx->cache_path, &cause)) == NULL)
			return (cli_sync_fail(CMD_ESTORE, cause));
		rc = ss_conflict_restore(ss, id, cmd_after_t0(ctx), &cause);
		store_sync_free(ss);
		if (rc != 0)
			return (cli_sync_fail(rc == 1 ? CMD_ENOENT : rc == 2 ?
			    CMD_EINVAL : CMD_ESTORE, cause));
		printf(_("restored conflict %lld\n"), (long long)id);
		return (CMD_OK);
	}
	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		json = 1;
	else if (argc != 1) {
		fprintf(stderr, _("usage: taskdeck conflicts [--json] | "
		    "restore ID\n"));
		return (CMD_EINVAL);
	}
	if ((ss = store_sync_open_read(ctx->cache_path, &cause)) == NULL)
		return (cli_sync_fail(CMD_ESTORE, cause));
	rc = ss_conflicts(ss, &v, &n, &cause);
	store_sync_free(ss);
	if (rc != 0)
		return (cli_sync_fail(CMD_ESTORE, cause));
	if (json)
		putchar('[');
	for (i = 0; i < n; i++) {
		if (json) {
			printf("%s{\"id\":%lld,\"reminder_id\":%lld,\"name\":",
			    i > 0 ? "," : "", (long long)v[i].id,
			    (long long)v[i].reminder_id);
			cli_sync_jstr(v[i].name);
			printf(",\"field\":");
			cli_sync_jstr(v[i].field);
			printf(",\"kept\":");
			cli_sync_jstr(v[i].kept);
			printf(",\"lost\":");
			cli_sync_jstr(v[i].lost);
			printf(",\"lost_side\":");
			cli_sync_jstr(v[i].lost_side);
			printf(",\"reason\":");
			cli_sync_jstr(v[i].reason);
			printf(",\"at\":%lld,\"restored\":%s}",
			    (long long)v[i].at_ms,
			    v[i].restored_ms > 0 ? "true" : "false");
			continue;
		}
		/* The reason may name a colleague, from Salesforce (B5). */
		a = utf8_clean(v[i].name, UTF8_LINE);
		b = utf8_clean(v[i].lost != NULL ? v[i].lost : "", UTF8_LINE);
		/* A reason is stored in English (--json); gettext("") is
		 * the catalogue's header. */
		r = utf8_clean(v[i].reason != NULL && *v[i].reason != '\0' ?
		    _(v[i].reason) : "", UTF8_LINE);
		/*
		 * TRANSLATORS: a line of `taskdeck conflicts`: id, time,
		 * reminder id, its name, the field, the value lost, why,
		 * and " [restored]" or nothing.
		 */
		printf(v[i].lost_side != NULL &&
		    strcmp(v[i].lost_side, "local") == 0 ?
		    _("%5lld %s  reminder %lld \"%s\": %s: lost local value "
		    "\"%s\" (%s)%s\n") :
		    _("%5lld %s  reminder %lld \"%s\": %s: lost salesforce "
		    "value \"%s\" (%s)%s\n"), (long long)v[i].id,
		    cli_sync_time(v[i].at_ms, when, sizeof when),
		    (long long)v[i].reminder_id, a, cli_sync_field(v[i].field),
		    b, r, v[i].restored_ms > 0 ?
		    /* TRANSLATORS: after a `taskdeck conflicts` line. */
		    _(" [restored]") : "");
		free(a);
		free(b);
		free(r);
	}
	if (json)
		printf("]\n");
	else if (n == 0)
		printf("%s\n", _("no conflicts"));
	ss_conflicts_free(v, n);
	return (CMD_OK);
}
