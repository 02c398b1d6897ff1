/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The command line (SPEC U8): list / add / done / reopen / edit / rm /
 * config / import / help.  Commands come from one table that also
 * produces the help text.
 */
#ifndef TD_CLI_H
#define TD_CLI_H

#include "cmd.h"

/* Runs argv[0] (a command name) with its arguments; returns the exit code. */
int	cli_run(struct cmd_ctx *, int argc, char **argv);
/* Prints general help (cmd == NULL) or one command's, to f. */
int	cli_help(const char *cmd, int to_stderr);
/*
 * cli-people.c: turns the names --who and --what gave (in v->who and
 * v->what, for the bits of mask) into links (F15): an exit code, the
 * problem already reported.
 */
int	cli_people_resolve(struct cmd_ctx *, struct task *v, unsigned mask);

#endif
