/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * `taskdeck open ID [--print]` (doc/sync.md F11): prints the Lightning URL
 * of a synced reminder's task - as an OSC 8 hyperlink on a terminal that
 * shows one - and opens it with the desktop's opener when the session has
 * a local display; over SSH (no local display) it is copied with OSC 52
 * as well, when ui.clipboard allows.  A reminder not in Salesforce says
 * why and exits 1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli-open.h"
#include "config.h"
#include "i18n.h"
#include "open.h"
#include "utf8.h"
#include "xmalloc.h"

int
cli_open(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "print", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct task	 t;
	int64_t		 id;
	char		*cause = NULL, *url = NULL, *s;
	int		 ch, print = 0, rc = CMD_OK, tty;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'p')
			goto usage;
		print = 1;
	}
	if (optind != argc - 1)
		goto usage;
	task_init(&t);
	if (task_parse_id(argv[optind], &id, &cause) != 0 ||
	    (rc = cmd_open_store_read(ctx, &cause)) != CMD_OK ||
	    (rc = cmd_get(ctx, id, &t, &cause)) != CMD_OK) {
		rc = cause != NULL && rc == CMD_OK ? CMD_EINVAL : rc;
		goto fail;
	}
	if (t.sf_id == NULL) {
		cause = open_why_none(&t);
		rc = CMD_EINVAL;
		goto fail;
	}
	url = open_task_url(config_get(ctx->config, "sf.instance_url"),
	    t.sf_id);
	if (url == NULL) {
		cause = xstrdup(_("no Salesforce address known: log in first "
		    "(taskdeck login)"));
		rc = CMD_EINVAL;
		goto fail;
	}
	tty = isatty(STDOUT_FILENO);
	if (tty && open_osc8_ok()) {
		s = open_osc8(url, url);
		printf("%s\n", s);
		free(s);
	} else
		printf("%s\n", url);
	if (!print && open_local_display()) {
		if (open_launch(url, &cause) != 0) {
			fprintf(stderr, "taskdeck: %s\n", cause);
			free(cause);
			cause = NULL;
		}
	} else if (!print && tty &&
	    config_bool(ctx->config, "ui.clipboard")) {
		s = open_osc52(url);
		fputs(s, stdout);
		free(s);
		fprintf(stderr, "%s\n", _("copied to the clipboard (OSC 52; "
		    "inside tmux: set -g set-clipboard on)"));
	}
	fflush(stdout);
	free(url);
	task_release(&t);
	return (CMD_OK);
fail:
	task_release(&t);
	s = utf8_clean(cause != NULL ? cause : "", UTF8_LINE);
	fprintf(stderr, "taskdeck: %s\n", s);
	free(s);
	free(cause);
	return (rc);
usage:
	fprintf(stderr, "%s\n", _("usage: taskdeck open ID [--print]"));
	return (CMD_EINVAL);
}
