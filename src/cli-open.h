/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * `taskdeck open ID`: the way back to Salesforce from the command line
 * (doc/sync.md F11; open.h).
 */
#ifndef TD_CLI_OPEN_H
#define TD_CLI_OPEN_H

#include "cmd.h"

int	cli_open(struct cmd_ctx *, int, char **);

#endif
