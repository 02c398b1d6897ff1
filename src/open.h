/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The way back to Salesforce (doc/sync.md F11): a task's Lightning URL,
 * and how to hand it to the rep - an OSC 8 hyperlink where the terminal
 * shows one, the desktop's opener (xdg-open, open) when the session has a
 * local display, else the URL printed and copied with OSC 52.  No curses:
 * the CLI (cli-open.c) and the UI (ui-open.c) share it.
 */
#ifndef TD_OPEN_H
#define TD_OPEN_H

#include "task.h"

/*
 * The Lightning record page of Task sf_id in the org at instance_url:
 * https://NAME.lightning.force.com/lightning/r/Task/ID/view for a My
 * Domain instance (NAME.my.salesforce.com, sandboxes and Developer
 * Editions alike, as System.DomainCreator pairs them); any other
 * instance (a legacy one, sfemu on loopback) gets the path on its own
 * host.  NULL if either is missing or the Id is not one.  Caller frees.
 */
char	*open_task_url(const char *instance_url, const char *sf_id);
/*
 * Why reminder t has no link (it has no Salesforce Id): a sentence for
 * the rep (caller frees).
 */
char	*open_why_none(const struct task *t);
/* 1 if the session has a local display: DISPLAY/WAYLAND_DISPLAY (or macOS)
 * and no SSH_CONNECTION / SSH_CLIENT / SSH_TTY. */
int	 open_local_display(void);
/*
 * 1 if the terminal shows OSC 8 hyperlinks: TASKDECK_HYPERLINKS=1/0
 * decides, else known terminals (VTE_VERSION >= 5000, iTerm2, WezTerm,
 * kitty, foot, Windows Terminal, VS Code, Ghostty).
 */
int	 open_osc8_ok(void);
/* "ESC ] 8 ; ; URL ESC \ text ESC ] 8 ; ; ESC \" (caller frees). */
char	*open_osc8(const char *url, const char *text);
/* "ESC ] 52 ; c ; BASE64 BEL": puts text on the clipboard (caller frees). */
char	*open_osc52(const char *text);
/*
 * Starts the opener (TASKDECK_OPENER, else xdg-open or open) on url,
 * detached: never waits for it (the UI never blocks).  0, or -1 with
 * *cause.
 */
int	 open_launch(const char *url, char **cause);

#endif
