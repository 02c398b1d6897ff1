/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * taskdeck: a terminal command center for Salesforce reminder tasks.
 * main() reads the global options, sets up locale and paths, and hands the
 * command to the CLI.  With no command it shows the command center.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "i18n.h"
#include "log.h"
#include "paths.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

#ifdef ENABLE_NLS
#ifndef LOCALEDIR
#define LOCALEDIR	"/usr/local/share/locale"
#endif

/*
 * Where the catalogues are (U10): TASKDECK_LOCALEDIR if set; the build
 * tree's locale/ when the running binary is the build tree's own (tests
 * and the demo run it uninstalled); else the installed LOCALEDIR.
 * Returns a string to free.
 */
static char *
main_localedir(void)
{
	char		 exe[PATH_MAX], *top, *dir;
	const char	*v;
	size_t		 len;

	if ((v = getenv("TASKDECK_LOCALEDIR")) != NULL && *v != '\0')
		return (xstrdup(v));
	dir = xstrdup(LOCALEDIR);
#ifdef TD_BUILDDIR
	if (realpath("/proc/self/exe", exe) == NULL ||
	    (top = realpath(TD_BUILDDIR, NULL)) == NULL)
		return (dir);
	len = strlen(top);
	if (strncmp(exe, top, len) == 0 && exe[len] == '/') {
		free(dir);
		dir = xasprintf("%s/locale", top);
	}
	free(top);
#else
	(void)exe;
	(void)top;
	(void)len;
#endif
	return (dir);
}
#endif

/*
 * The language (U10): LC_MESSAGES (and LANGUAGE, which the C library
 * honours unless LC_MESSAGES is C) picks the catalogue.  No
 * bind_textdomain_codeset: gettext converts each message to the locale's
 * own charset, so a UTF-8 locale gets UTF-8 and LANG=C gets the English
 * originals, plain ASCII.
 */
static void
main_nls(void)
{
#ifdef ENABLE_NLS
	char	*dir = main_localedir();

	bindtextdomain(PACKAGE, dir);
	textdomain(PACKAGE);
	free(dir);
#endif
}

/* Takes "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL if not opt. */
static const char *
main_opt(int argc, char **argv, int *i, const char *opt)
{
	size_t	len = strlen(opt);

	if (strncmp(argv[*i], opt, len) != 0)
		return (NULL);
	if (argv[*i][len] == '=')
		return (argv[*i] + len + 1);
	if (argv[*i][len] != '\0')
		return (NULL);
	if (*i + 1 >= argc) {
		fprintf(stderr, _("taskdeck: %s needs a value\n"), opt);
		exit(CMD_EINVAL);
	}
	return (argv[++*i]);
}

/*
 * Opens the log: the sync engine's warnings, refused server answers (B1)
 * and conflicts go there, never to the terminal the UI owns.  A log that
 * cannot be opened is not an error: taskdeck works without it.
 */
static void
main_log(void)
{
	char		*path = paths_log(), *cause = NULL;
	const char	*v;

	if (paths_make_parent(path, &cause) != 0)
		free(cause);
	else
		(void)log_open(path);
	free(path);
	/* TASKDECK_DEBUG=1 traces the engine's merge decisions (tests). */
	if ((v = getenv("TASKDECK_DEBUG")) != NULL && *v != '\0' &&
	    strcmp(v, "0") != 0)
		log_set_level(LOG_DEBUG);
}

int
main(int argc, char **argv)
{
	struct cmd_ctx	 ctx;
	const char	*db = NULL, *config = NULL, *v;
	char		*cause = NULL, *msg, *deflt[] = { (char *)"list", NULL };
	int		 i, rc, no_ui = 0, first_frame_exit = 0;

	setlocale(LC_ALL, "");
	main_nls();
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if ((v = main_opt(argc, argv, &i, "--db")) != NULL)
			db = v;
		else if ((v = main_opt(argc, argv, &i, "--config")) != NULL)
			config = v;
		else if (strcmp(argv[i], "--no-ui") == 0)
			no_ui = 1;
		else if (strcmp(argv[i], "--first-frame-exit") == 0)
			first_frame_exit = 1;	/* hidden: for benchmarks */
		else if (strcmp(argv[i], "--version") == 0 ||
		    strcmp(argv[i], "-V") == 0) {
			printf("taskdeck %s\n", PACKAGE_VERSION);
			return (CMD_OK);
		} else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return (cli_help(NULL, 0));
		else {
			fprintf(stderr, _("taskdeck: unknown option '%s'\n"),
			    argv[i]);
			cli_help(NULL, 1);
			return (CMD_EINVAL);
		}
	}
	if ((rc = cmd_init(&ctx, config, db, &cause)) != CMD_OK) {
		/* A cause may quote the settings file (B5). */
		msg = utf8_clean(cause, UTF8_LINE);
		fprintf(stderr, "taskdeck: %s\n", msg);
		free(msg);
		free(cause);
		cmd_release(&ctx);
		return (rc);
	}
	main_log();
	if (i < argc)
		rc = cli_run(&ctx, argc - i, argv + i);
	else if (!no_ui && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		/* A terminal that cannot run it (TERM=dumb): the list. */
		if ((rc = ui_run(&ctx, first_frame_exit)) == UI_FALLBACK)
			rc = cli_run(&ctx, 1, deflt);
	} else
		rc = cli_run(&ctx, 1, deflt);
	cmd_release(&ctx);
	return (rc);
}
