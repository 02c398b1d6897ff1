/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Where taskdeck keeps its files: the XDG base directories with the usual
 * fallbacks, overridden by --config, --db and TASKDECK_DB.
 */
#ifndef TD_PATHS_H
#define TD_PATHS_H

/* Each returns a new string (caller frees); override wins if non-NULL. */
char	*paths_config(const char *override);	/* .../taskdeck/config */
/* System-wide settings: $TASKDECK_SYSCONFIG, or SYSCONFDIR/taskdeck/config. */
char	*paths_sysconfig(void);
char	*paths_cache(const char *override);	/* .../taskdeck/cache.db */
char	*paths_credentials(void);		/* .../taskdeck/credentials */
char	*paths_log(void);			/* .../taskdeck/taskdeck.log */
/* Creates the parent directories of path (mode 0700). 0 or -1 + cause. */
int	 paths_make_parent(const char *path, char **cause);

#endif
