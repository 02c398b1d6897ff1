/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * `taskdeck service install|remove|status`: keeps `taskdeck sync --watch`
 * running with no window open (C11, doc/sync.md "Service and hand-over").
 * Where systemd runs the user's session the command writes a user unit,
 * $XDG_CONFIG_HOME/systemd/user/taskdeck-sync.service, and says how to
 * enable it; elsewhere (a container, a server without a user manager) it
 * starts the watch detached: its own session, stdio to sync.log and its
 * pid in sync.pid, both beside taskdeck.log in the state directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli-service.h"
#include "cli-sync.h"
#include "i18n.h"
#include "paths.h"
#include "sync.h"
#include "utf8.h"
#include "xmalloc.h"

#define SVC_UNIT	"taskdeck-sync.service"

enum svc_mode { SVC_AUTO, SVC_SYSTEMD, SVC_DETACHED };

/* Is the user's session run by systemd (sd_booted and a systemctl)? */
static int
svc_have_systemd(void)
{
	struct stat	sb;
	const char	*path = getenv("PATH"), *p, *e;
	char		*x;
	int		 found = 0;

	if (stat("/run/systemd/system", &sb) != 0 || !S_ISDIR(sb.st_mode))
		return (0);
	for (p = path != NULL ? path : "/usr/bin:/bin"; !found && *p != '\0';
	    p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ':')) == NULL)
			e = p + strlen(p);
		x = xasprintf("%.*s/systemctl", (int)(e - p), p);
		found = access(x, X_OK) == 0;
		free(x);
	}
	return (found);
}

/* $XDG_CONFIG_HOME/systemd/user/taskdeck-sync.service */
static char *
svc_unit_path(void)
{
	const char	*x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x != NULL && *x == '/')
		return (xasprintf("%s/systemd/user/%s", x, SVC_UNIT));
	return (xasprintf("%s/.config/systemd/user/%s", h != NULL ? h : "",
	    SVC_UNIT));
}

/* FILE in the state directory, beside taskdeck.log. */
static char *
svc_state_file(const char *file)
{
	char	*log = paths_log(), *p, *r;

	if ((p = strrchr(log, '/')) != NULL)
		*p = '\0';
	r = xasprintf("%s/%s", log, file);
	free(log);
	return (r);
}

/* path made absolute against the working directory. */
static char *
svc_abs(const char *path)
{
	char	cwd[4096];

	if (*path == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return (xstrdup(path));
	return (xasprintf("%s/%s", cwd, path));
}

/* This program's own path: the unit and the detached watch run it. */
static char *
svc_self(void)
{
	char	buf[4096];
	ssize_t	n;

	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return (xstrdup("/usr/local/bin/taskdeck"));
	buf[n] = '\0';
	return (xstrdup(buf));
}

/* Appends s as one quoted word of a unit file (systemd.syntax(7)). */
static void
svc_quote(struct buf *b, const char *s)
{
	buf_add(b, "\"", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(b, "\\", 1);
		if (*s == '%')
			buf_add(b, "%", 1);
		if (*s == '$')
			buf_add(b, "$", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

/* The unit file for this cache and settings. */
static char *
svc_unit_text(struct cmd_ctx *ctx)
{
	static const char *const envs[] = { "XDG_CONFIG_HOME",
	    "XDG_DATA_HOME", "XDG_STATE_HOME" };
	struct buf	 b;
	char		*self = svc_self(), *db = svc_abs(ctx->cache_path);
	char		*cf = svc_abs(ctx->config_path), *x;
	const char	*v;
	size_t		 i;

	buf_init(&b);
	buf_adds(&b, "# Written by `taskdeck service install`; "
	    "`taskdeck service remove` removes it.\n"
	    "# Keeps reminder tasks in sync with Salesforce while no "
	    "taskdeck window is open.\n"
	    "[Unit]\n"
	    "Description=taskdeck: sync reminder tasks with Salesforce\n"
	    "\n"
	    "[Service]\n"
	    "Type=simple\n");
	for (i = 0; i < sizeof envs / sizeof envs[0]; i++) {
		if ((v = getenv(envs[i])) == NULL || *v != '/')
			continue;
		x = xasprintf("%s=%s", envs[i], v);
		buf_adds(&b, "Environment=");
		svc_quote(&b, x);
		buf_adds(&b, "\n");
		free(x);
	}
	buf_adds(&b, "ExecStart=");
	svc_quote(&b, self);
	buf_adds(&b, " --db ");
	svc_quote(&b, db);
	buf_adds(&b, " --config ");
	svc_quote(&b, cf);
	buf_adds(&b, " sync --watch\n"
	    "Restart=on-failure\n"
	    "RestartSec=5\n"
	    "# Status lines and warnings go to the journal: "
	    "journalctl --user -u taskdeck-sync\n"
	    "StandardOutput=journal\n"
	    "StandardError=journal\n"
	    "# SIGTERM ends the watch within a second, between "
	    "transactions.\n"
	    "KillSignal=SIGTERM\n"
	    "TimeoutStopSec=10\n"
	    "\n"
	    "[Install]\n"
	    "WantedBy=default.target\n");
	free(self);
	free(db);
	free(cf);
	return (buf_detach(&b));
}

/* Runs systemctl --user ARGS quietly: its exit status, or -1. */
static int
svc_systemctl(const char *a1, const char *a2, const char *a3)
{
	pid_t	pid;
	int	st, fd;

	if ((pid = fork()) < 0)
		return (-1);
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execlp("systemctl", "systemctl", "--user", a1, a2, a3,
		    (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return (-1);
	return (WEXITSTATUS(st));
}

/* The detached watch's pid from the pid file, if it still runs; else 0. */
static long
svc_detached_pid(const char *pidfile)
{
	FILE	*f;
	long	 pid = 0;

	if ((f = fopen(pidfile, "r")) == NULL)
		return (0);
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
		return (0);
	return (pid);
}

static int
svc_install_systemd(struct cmd_ctx *ctx)
{
	char	*path = svc_unit_path(), *text, *tmp, *cause = NULL;
	FILE	*f;
	int	 ok;

	if (paths_make_parent(path, &cause) != 0) {
		fprintf(stderr, "taskdeck: %s\n", cause);
		free(cause);
		free(path);
		return (CMD_ESTORE);
	}
	text = svc_unit_text(ctx);
	tmp = xasprintf("%s.tmp", path);
	ok = (f = fopen(tmp, "w")) != NULL;
	if (ok) {
		ok = fputs(text, f) >= 0;
		ok = fclose(f) == 0 && ok;
	}
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok) {
		fprintf(stderr, _("taskdeck: cannot write %s: %s\n"), path,
		    strerror(errno));
		(void)unlink(tmp);
	} else {
		printf(_("wrote %s\n"), path);
		/* TRANSLATORS: the commands stay as typed. */
		printf("%s", _("start it now and at every login with:\n"
		    "  systemctl --user daemon-reload\n"
		    "  systemctl --user enable --now taskdeck-sync\n"
		    "its log: journalctl --user -u taskdeck-sync\n"
		    "to keep it running after you log out: "
		    "loginctl enable-linger\n"));
	}
	free(tmp);
	free(text);
	free(path);
	return (ok ? CMD_OK : CMD_ESTORE);
}

static int
svc_install_detached(struct cmd_ctx *ctx)
{
	char	*pidfile = svc_state_file("sync.pid");
	char	*logfile = svc_state_file("sync.log");
	char	*self = svc_self(), *cause = NULL;
	char	*db = svc_abs(ctx->cache_path), *cf = svc_abs(ctx->config_path);
	long	 pid;
	pid_t	 child;
	FILE	*f;
	int	 fd, rc = CMD_OK, st;

	if ((pid = svc_detached_pid(pidfile)) != 0) {
		printf(_("already running detached: taskdeck sync --watch, "
		    "pid %ld\n"), pid);
		goto out;
	}
	if (paths_make_parent(pidfile, &cause) != 0) {
		fprintf(stderr, "taskdeck: %s\n", cause);
		free(cause);
		rc = CMD_ESTORE;
		goto out;
	}
	fflush(stdout);
	if ((child = fork()) < 0) {
		fprintf(stderr, "taskdeck: fork: %s\n", strerror(errno));
		rc = CMD_ESTORE;
		goto out;
	}
	if (child == 0) {
		(void)setsid();
		if ((fd = open("/dev/null", O_RDONLY)) >= 0)
			dup2(fd, STDIN_FILENO);
		fd = open(logfile, O_WRONLY | O_APPEND | O_CREAT, 0600);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execl(self, "taskdeck", "--db", db, "--config", cf, "sync",
		    "--watch", (char *)NULL);
		_exit(127);
	}
	if ((f = fopen(pidfile, "w")) != NULL) {
		fprintf(f, "%ld\n", (long)child);
		fclose(f);
	}
	/* A watch that cannot start says so at once. */
	usleep(300000);
	if (waitpid(child, &st, WNOHANG) == child) {
		/* TRANSLATORS: %s is the log file. */
		fprintf(stderr, _("taskdeck: the background sync stopped at "
		    "once; see %s\n"), logfile);
		(void)unlink(pidfile);
		rc = CLI_ESVC;
		goto out;
	}
	/* TRANSLATORS: the commands stay as typed; lines of at most 79
	 * columns. */
	printf(_("systemd is not running your session: started taskdeck sync "
	    "--watch in the\nbackground, pid %ld\n"), (long)child);
	printf(_("log: %s\npid file: %s\n"), logfile, pidfile);
	printf("%s", _("it runs until you stop it (taskdeck service remove) "
	    "or the machine restarts;\nrun 'taskdeck service install' again "
	    "after a restart (or from your login script)\n"));
out:
	free(pidfile);
	free(logfile);
	free(self);
	free(db);
	free(cf);
	return (rc);
}

static int
svc_remove(void)
{
	char	*path = svc_unit_path(), *pidfile = svc_state_file("sync.pid");
	long	 pid;
	int	 i, did = 0;

	if (access(path, F_OK) == 0) {
		if (svc_have_systemd())
			(void)svc_systemctl("disable", "--now", SVC_UNIT);
		if (unlink(path) != 0) {
			fprintf(stderr, _("taskdeck: cannot remove %s: %s\n"),
			    path, strerror(errno));
			free(path);
			free(pidfile);
			return (CMD_ESTORE);
		}
		if (svc_have_systemd())
			(void)svc_systemctl("daemon-reload", NULL, NULL);
		printf(_("removed %s\n"), path);
		did = 1;
	}
	if ((pid = svc_detached_pid(pidfile)) != 0) {
		(void)kill((pid_t)pid, SIGTERM);
		for (i = 0; i < 50 && kill((pid_t)pid, 0) == 0; i++)
			usleep(100000);
		printf(_("stopped the background sync, pid %ld\n"), pid);
		did = 1;
	}
	if (unlink(pidfile) == 0)
		did = 1;
	if (!did)
		printf("%s\n", _("no taskdeck service was installed"));
	free(path);
	free(pidfile);
	return (CMD_OK);
}

static int
svc_status(struct cmd_ctx *ctx)
{
	struct sync_status	 st;
	char			*path = svc_unit_path();
	char			*pidfile = svc_state_file("sync.pid");
	char			*who = NULL, *whoc, *cursor = NULL, *cause = NULL;
	long			 pid, dpid;
	int			 live, active;

	if (access(path, F_OK) == 0) {
		/*
		 * TRANSLATORS: `taskdeck service status` prints "label:"
		 * padded so that the values line up in one column (10
		 * columns in English): pad every label of this list to one
		 * width.  Commands stay as typed.
		 */
		printf(_("mode:     systemd user unit %s\n"), path);
		if (svc_have_systemd()) {
			active = svc_systemctl("is-active", "--quiet",
			    SVC_UNIT) == 0;
			printf("%s\n", active ? _("unit:     active") :
			    _("unit:     not active (systemctl --user enable "
			    "--now taskdeck-sync)"));
		} else
			printf("%s\n", _("unit:     systemd is not running "
			    "this session"));
	} else if (access(pidfile, F_OK) == 0) {
		dpid = svc_detached_pid(pidfile);
		printf(_("mode:     detached (pid file %s)\n"), pidfile);
		if (dpid != 0)
			printf(_("process:  running, pid %ld\n"), dpid);
		else
			printf("%s\n", _("process:  not running (run "
			    "'taskdeck service install' again)"));
	} else
		printf("%s\n", _("mode:     not installed (taskdeck service "
		    "install)"));
	live = sync_holder(ctx->cache_path, &pid, &who);
	whoc = utf8_clean(who != NULL ? who : "taskdeck", UTF8_LINE);
	if (live)
		/* TRANSLATORS: %s names the syncing process. */
		printf(_("syncer:   %s, pid %ld\n"), whoc, pid);
	else
		printf("%s\n", _("syncer:   none running"));
	if (live && sync_read_status(ctx->cache_path, &st, &cursor,
	    &cause) == 0) {
		/* TRANSLATORS: %s is a sync state ("idle"). */
		printf(P_("state:    %s, %lld pending\n",
		    "state:    %s, %lld pending\n", (unsigned long)st.pending),
		    cli_sync_state_label(st.state), (long long)st.pending);
		sync_status_release(&st);
	}
	free(cause);
	free(cursor);
	free(who);
	free(whoc);
	free(path);
	free(pidfile);
	return (live ? CMD_OK : CLI_ESVC);
}

int
cli_service(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum svc_mode	mode = SVC_AUTO;

	if (argc == 3 && strcmp(argv[1], "install") == 0) {
		if (strcmp(argv[2], "--systemd") == 0)
			mode = SVC_SYSTEMD;
		else if (strcmp(argv[2], "--detached") == 0)
			mode = SVC_DETACHED;
		else
			argc = 0;
	}
	if (argc >= 2 && strcmp(argv[1], "install") == 0 && argc <= 3) {
		if (mode == SVC_AUTO)
			mode = svc_have_systemd() ? SVC_SYSTEMD : SVC_DETACHED;
		return (mode == SVC_SYSTEMD ? svc_install_systemd(ctx) :
		    svc_install_detached(ctx));
	}
	if (argc == 2 && strcmp(argv[1], "remove") == 0)
		return (svc_remove());
	if (argc == 2 && strcmp(argv[1], "status") == 0)
		return (svc_status(ctx));
	/* TRANSLATORS: the command and option names stay as typed. */
	fprintf(stderr, _("usage: taskdeck service install [--systemd | "
	    "--detached] | remove | status\n"));
	return (CMD_EINVAL);
}
