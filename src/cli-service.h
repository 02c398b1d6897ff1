/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * `taskdeck service install|remove|status` (C11): keeps the sync engine
 * running with no window open, as a systemd user unit or, where systemd
 * is absent, as a detached `taskdeck sync --watch` with a pid file.
 * Exit code 6: no syncer runs (`service status`) or the watch would not
 * start (`service install`).
 */
#ifndef TD_CLI_SERVICE_H
#define TD_CLI_SERVICE_H

#include "cmd.h"

#define CLI_ESVC	6

int	cli_service(struct cmd_ctx *, int, char **);

#endif
