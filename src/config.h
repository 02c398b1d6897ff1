/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * User settings: a "key = value" file with # comments, every key known
 * and checked.  A bad line is reported as file:line: key: what is wrong
 * (SPEC B4).  Saving rewrites the file atomically and keeps comments.
 */
#ifndef TD_CONFIG_H
#define TD_CONFIG_H

#include <stddef.h>
#include <stdio.h>

struct config;

/* One known setting, for listings, help and the settings screen. */
struct config_key {
	const char	*name;
	const char	*def;		/* default value */
	const char	*help;		/* one line */
	int		(*check)(const char *value, char **cause);
};

extern const struct config_key	config_keys[];
extern const size_t		config_nkeys;

/* Holds every key at its default. */
struct config	*config_new(void);
void		 config_free(struct config *);
/*
 * Reads path over the system-wide settings (paths_sysconfig(): a company
 * sets sf.client_id once for every rep) over the defaults.  A missing
 * file is not an error.  Values from the system-wide file are never
 * written back by config_save.  Returns 0 or -1 with *cause
 * ("FILE:LINE: KEY: reason"; caller frees).
 */
int		 config_load(struct config *, const char *path, char **cause);
/* The same from an open stream; path names it in messages. */
int		 config_read(struct config *, FILE *, const char *path,
		    char **cause);
/* The value of key (borrowed), or NULL for an unknown key. */
const char	*config_get(const struct config *, const char *key);
/* Checks and sets key: 0, or -1 with *cause. */
int		 config_set(struct config *, const char *key,
		    const char *value, char **cause);
/* The line of the file that set key (the last one), 0 if none did. */
size_t		 config_line(const struct config *, const char *key);
/* 1 if key was set by the file or config_set, 0 if at its default. */
int		 config_is_set(const struct config *, const char *key);
/* Writes every set key to path (atomic rename), keeping other lines. */
int		 config_save(const struct config *, const char *path,
		    char **cause);
/* Typed reads of keys known to hold that type. */
int		 config_bool(const struct config *, const char *key);
long		 config_long(const struct config *, const char *key);
/* Parses a boolean as the config accepts it: 1, 0, or -1 if neither. */
int		 config_parse_bool(const char *);

#endif
