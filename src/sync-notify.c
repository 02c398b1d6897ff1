/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The changes Salesforce made, for the rep (SPEC U9): the pull notes each
 * task that arrived, changed or went away there (engine_remote); each
 * SYNC_EV_CHANGED carries them to the command center, which highlights
 * the rows and sums them up on its message line, and sync.notify_command,
 * if set, runs once per change (like calcurse's notify-bar command).
 *
 * The command is the rep's own text, run by /bin/sh -c; Salesforce's text
 * never enters it: the change reaches the command only in environment
 * variables (TASKDECK_CHANGE, TASKDECK_ID, TASKDECK_NAME), the name cleaned
 * of control characters first (B5).  Use "$TASKDECK_NAME", quoted.  The
 * command runs with stdin, stdout and stderr on /dev/null (the terminal
 * belongs to curses), is never waited for (reaped at the next flush), and
 * at most 16 run at once: beyond that a change is logged, not run.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "sync-engine.h"
#include "utf8.h"
#include "xmalloc.h"

extern char **environ;

#define NOTIFY_KIDS	(sizeof ((struct engine *)0)->kids / \
			    sizeof ((struct engine *)0)->kids[0])

const char *
sync_change_name(enum sync_change_kind k)
{
	switch (k) {
	case SYNC_CHANGE_NEW:
		return ("new");
	case SYNC_CHANGE_UPDATED:
		return ("updated");
	default:
		return ("deleted");
	}
}

/* Notes that Salesforce changed reminder id (name may be NULL). */
void
engine_remote(struct engine *e, int64_t id, enum sync_change_kind kind,
    const char *name)
{
	struct sync_change	*c;
	size_t			 i;

	for (i = 0; i < e->nremote; i++) {
		if (e->remote[i].id == id) {
			/* Once per cycle; a delete is the last word. */
			if (kind == SYNC_CHANGE_DELETED)
				e->remote[i].kind = kind;
			return;
		}
	}
	if (e->nremote == e->capremote) {
		e->capremote = e->capremote == 0 ? 16 : e->capremote * 2;
		e->remote = xreallocarray(e->remote, e->capremote,
		    sizeof *e->remote);
	}
	c = &e->remote[e->nremote++];
	c->id = id;
	c->kind = kind;
	c->name = xstrdup(name != NULL ? name : "");
}

/* Reaps the commands that have ended; returns a free slot or -1. */
static int
engine_notify_slot(struct engine *e)
{
	size_t	i;
	int	free_slot = -1, st;

	for (i = 0; i < NOTIFY_KIDS; i++) {
		if (e->kids[i] > 0 && waitpid(e->kids[i], &st, WNOHANG) != 0)
			e->kids[i] = 0;
		if (e->kids[i] == 0 && free_slot < 0)
			free_slot = (int)i;
	}
	return (free_slot);
}

/*
 * Runs sync.notify_command for one change, never through the name; -1 if
 * 16 still run.
 */
static int
engine_notify(struct engine *e, const char *cmd, const struct sync_change *c)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[4], **envp, *name;
	size_t				 n, i;
	int				 slot, err;
	pid_t				 pid;

	if ((slot = engine_notify_slot(e)) < 0)
		return (-1);
	for (n = 0; environ[n] != NULL; n++)
		;
	envp = xcalloc(n + 4, sizeof *envp);
	for (i = 0, n = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], "TASKDECK_CHANGE=", 16) != 0 &&
		    strncmp(environ[i], "TASKDECK_ID=", 12) != 0 &&
		    strncmp(environ[i], "TASKDECK_NAME=", 14) != 0)
			envp[n++] = environ[i];
	name = utf8_clean(c->name, UTF8_LINE);
	envp[n++] = xasprintf("TASKDECK_CHANGE=%s", sync_change_name(c->kind));
	envp[n++] = xasprintf("TASKDECK_ID=%lld", (long long)c->id);
	envp[n++] = xasprintf("TASKDECK_NAME=%s", name);
	free(name);
	argv[0] = (char *)"sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)cmd;
	argv[3] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	err = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (err != 0)
		log_warn("sync.notify_command: cannot run /bin/sh: %s",
		    strerror(err));
	else
		e->kids[slot] = pid;
	for (i = 3; i > 0; i--)
		free(envp[n - i]);
	free(envp);
	return (0);
}

/*
 * Hands the changes noted since the last flush to ev (if any) and runs
 * sync.notify_command for each.
 */
void
engine_remote_flush(struct engine *e, struct sync_event *ev)
{
	const char	*cmd = config_get(e->cfg, "sync.notify_command");
	size_t		 i, skipped = 0;

	(void)engine_notify_slot(e);
	if (e->nremote == 0)
		return;
	if (cmd != NULL && *cmd != '\0')
		for (i = 0; i < e->nremote; i++)
			if (engine_notify(e, cmd, &e->remote[i]) != 0)
				skipped++;
	if (skipped > 0)
		log_warn("sync.notify_command: 16 still running, %zu changes "
		    "not notified", skipped);
	if (ev != NULL) {
		ev->remote = e->remote;
		ev->nremote = e->nremote;
		e->remote = NULL;
		e->capremote = 0;
	} else
		for (i = 0; i < e->nremote; i++)
			free(e->remote[i].name);
	e->nremote = 0;
}

/* Frees the changes not yet handed on. */
void
engine_remote_free(struct engine *e)
{
	size_t	i;

	for (i = 0; i < e->nremote; i++)
		free(e->remote[i].name);
	free(e->remote);
	e->remote = NULL;
	e->nremote = e->capremote = 0;
}
