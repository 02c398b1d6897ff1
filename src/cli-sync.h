/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync commands of the command line: sync, status, login, logout and
 * conflicts (entries of cli.c's table).  Exit codes add 4 (Salesforce
 * unreachable or refused the sync) and 5 (login needed) to cli.c's.
 */
#ifndef TD_CLI_SYNC_H
#define TD_CLI_SYNC_H

#include "cmd.h"
#include "sync.h"

#define CLI_ESYNC	4
#define CLI_ELOGIN	5

int	cli_sync(struct cmd_ctx *, int, char **);
int	cli_syncstatus(struct cmd_ctx *, int, char **);
int	cli_login(struct cmd_ctx *, int, char **);
int	cli_logout(struct cmd_ctx *, int, char **);
int	cli_conflicts(struct cmd_ctx *, int, char **);
/* The engine's state in the user's language (sync_state_name: English). */
const char *cli_sync_state_label(enum sync_state);

#endif
