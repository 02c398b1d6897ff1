/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The way back to Salesforce (open.h, doc/sync.md F11).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "open.h"
#include "task.h"
#include "xmalloc.h"

char *
open_task_url(const char *instance_url, const char *sf_id)
{
	static const char	 my[] = ".my.salesforce.com";
	const char		*host, *end;
	size_t			 n, hl;

	if (instance_url == NULL || !task_sf_id_ok(sf_id))
		return (NULL);
	if (strncmp(instance_url, "https://", 8) == 0)
		host = instance_url + 8;
	else if (strncmp(instance_url, "http://", 7) == 0)
		host = instance_url + 7;
	else
		return (NULL);
	end = host + strcspn(host, "/?#");
	hl = (size_t)(end - host);
	if (hl == 0)
		return (NULL);
	n = sizeof my - 1;
	/* NAME.my.salesforce.com -> NAME.lightning.force.com */
	if (host == instance_url + 8 && hl > n &&
	    strncasecmp(end - n, my, n) == 0)
		return (xasprintf("https://%.*s.lightning.force.com/lightning/"
		    "r/Task/%s/view", (int)(hl - n), host, sf_id));
	return (xasprintf("%.*s/lightning/r/Task/%s/view",
	    (int)(end - instance_url), instance_url, sf_id));
}

char *
open_why_none(const struct task *t)
{
	switch (t->sync) {
	case TASK_SYNC_LOCAL:
		return (xasprintf(_("reminder %lld is not in Salesforce: it is "
		    "local-only (send it with P, or taskdeck push %lld)"),
		    (long long)t->id, (long long)t->id));
	case TASK_SYNC_ERROR:
		return (xasprintf(_("reminder %lld is not in Salesforce: "
		    "Salesforce refused it (%s)"), (long long)t->id,
		    t->sync_error != NULL ? t->sync_error : "?"));
	default:
		return (xasprintf(_("reminder %lld is not in Salesforce yet: "
		    "its create has not been sent or answered (try after the "
		    "next sync)"), (long long)t->id));
	}
}

/* 1 if the environment variable is set and not empty. */
static int
open_env(const char *name)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0');
}

int
open_local_display(void)
{
	if (open_env("SSH_CONNECTION") || open_env("SSH_CLIENT") ||
	    open_env("SSH_TTY"))
		return (0);
#ifdef __APPLE__
	return (1);
#else
	return (open_env("DISPLAY") || open_env("WAYLAND_DISPLAY"));
#endif
}

int
open_osc8_ok(void)
{
	const char	*v = getenv("TASKDECK_HYPERLINKS"), *t;

	if (v != NULL && *v != '\0')
		return (strcmp(v, "0") != 0);
	if ((v = getenv("VTE_VERSION")) != NULL && atoi(v) >= 5000)
		return (1);
	if (open_env("KITTY_WINDOW_ID") || open_env("WT_SESSION") ||
	    open_env("WEZTERM_EXECUTABLE"))
		return (1);
	t = getenv("TERM_PROGRAM");
	if (t != NULL && (strcmp(t, "iTerm.app") == 0 ||
	    strcmp(t, "WezTerm") == 0 || strcmp(t, "vscode") == 0 ||
	    strcmp(t, "ghostty") == 0))
		return (1);
	t = getenv("TERM");
	return (t != NULL && (strcmp(t, "xterm-kitty") == 0 ||
	    strncmp(t, "foot", 4) == 0 || strcmp(t, "xterm-ghostty") == 0));
}

char *
open_osc8(const char *url, const char *text)
{
	return (xasprintf("\033]8;;%s\033\\%s\033]8;;\033\\", url, text));
}

char *
open_osc52(const char *text)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 n = strlen(text), i;
	struct buf		 b;
	unsigned		 v;

	buf_init(&b);
	buf_adds(&b, "\033]52;c;");
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, b64[v >> 6 & 63]);
		buf_addc(&b, b64[v & 63]);
	}
	if (n - i == 1) {
		v = (unsigned)p[i] << 16;
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_adds(&b, "==");
	} else if (n - i == 2) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, b64[v >> 6 & 63]);
		buf_addc(&b, '=');
	}
	buf_addc(&b, '\a');
	return (buf_detach(&b));
}

int
open_launch(const char *url, char **cause)
{
	const char	*opener = getenv("TASKDECK_OPENER");
	pid_t		 pid, kid;
	int		 fd, st;

	if (opener == NULL || *opener == '\0')
#ifdef __APPLE__
		opener = "open";
#else
		opener = "xdg-open";
#endif
	/*
	 * Twice forked: the opener belongs to init at once and the caller
	 * waits only for the first child, which exits right away.
	 */
	if ((pid = fork()) == -1) {
		*cause = xasprintf(_("cannot start %s: %s"), opener,
		    strerror(errno));
		return (-1);
	}
	if (pid == 0) {
		if ((kid = fork()) != 0)
			_exit(kid == -1 ? 1 : 0);
		setsid();
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		execlp(opener, opener, url, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		*cause = xasprintf(_("cannot start %s"), opener);
		return (-1);
	}
	return (0);
}
