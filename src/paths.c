/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * XDG base-directory paths, and the system-wide settings file
 * (SYSCONFDIR/taskdeck/config, set by configure's --sysconfdir).
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "xmalloc.h"

/* $HOME, or the password database's idea of it. */
static const char *
paths_home(void)
{
	const char	*home = getenv("HOME");
	struct passwd	*pw;

	if (home != NULL && *home == '/')
		return (home);
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL)
		return (pw->pw_dir);
	return ("/");
}

/* $env/taskdeck/file if $env is absolute, else $HOME/fallback/taskdeck/file. */
static char *
paths_xdg(const char *env, const char *fallback, const char *file)
{
	const char	*dir = getenv(env);

	if (dir != NULL && *dir == '/')
		return (xasprintf("%s/taskdeck/%s", dir, file));
	return (xasprintf("%s/%s/taskdeck/%s", paths_home(), fallback, file));
}

char *
paths_config(const char *override)
{
	if (override != NULL)
		return (xstrdup(override));
	return (paths_xdg("XDG_CONFIG_HOME", ".config", "config"));
}

char *
paths_sysconfig(void)
{
	const char	*env = getenv("TASKDECK_SYSCONFIG");

	if (env != NULL && *env != '\0')
		return (xstrdup(env));
#ifdef TD_SYSCONFDIR
	return (xstrdup(TD_SYSCONFDIR "/taskdeck/config"));
#else
	return (xstrdup("/etc/taskdeck/config"));
#endif
}

char *
paths_cache(const char *override)
{
	const char	*env = getenv("TASKDECK_DB");

	if (override != NULL)
		return (xstrdup(override));
	if (env != NULL && *env != '\0')
		return (xstrdup(env));
	return (paths_xdg("XDG_DATA_HOME", ".local/share", "cache.db"));
}

char *
paths_credentials(void)
{
	return (paths_xdg("XDG_CONFIG_HOME", ".config", "credentials"));
}

char *
paths_log(void)
{
	return (paths_xdg("XDG_STATE_HOME", ".local/state", "taskdeck.log"));
}

int
paths_make_parent(const char *path, char **cause)
{
	char	*dir, *p, saved;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return (0);
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			*cause = xasprintf(_("cannot create directory %s: %s"),
			    dir, strerror(errno));
			free(dir);
			return (-1);
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(dir);
	return (0);
}
