/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The settings file.  The table of keys below is the single list the CLI,
 * the settings screen and the man page describe.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "i18n.h"
#include "paths.h"
#include "xmalloc.h"

/* Checks a boolean. */
static int
config_check_bool(const char *v, char **cause)
{
	if (config_parse_bool(v) != -1)
		return (0);
	/* TRANSLATORS: a setting's value: true and false stay as typed. */
	*cause = xstrdup(_("expected true or false"));
	return (-1);
}

/* Checks a whole number within [lo, hi]. */
static int
config_check_range(const char *v, long lo, long hi, char **cause)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n < lo || n > hi) {
		*cause = xasprintf(_("expected a whole number from %ld to %ld"),
		    lo, hi);
		return (-1);
	}
	return (0);
}

/* Checks a poll interval in seconds. */
static int
config_check_interval(const char *v, char **cause)
{
	return (config_check_range(v, 1, 86400, cause));
}

/* Checks the settle window of an unanswered create, in seconds. */
static int
config_check_settle(const char *v, char **cause)
{
	return (config_check_range(v, 0, 86400, cause));
}

/* Checks a share of the org's API allocation, in percent. */
static int
config_check_percent(const char *v, char **cause)
{
	return (config_check_range(v, 1, 100, cause));
}

/* Checks a URL: https, or http to a loopback host (SPEC A2). */
static int
config_check_url(const char *v, char **cause)
{
	if (*v == '\0' || strncmp(v, "https://", 8) == 0)
		return (0);
	if (strncmp(v, "http://127.", 11) == 0 ||
	    strncmp(v, "http://localhost", 16) == 0 ||
	    strncmp(v, "http://[::1]", 12) == 0)
		return (0);
	*cause = xstrdup(_("expected an https:// URL (http:// only for "
	    "loopback hosts)"));
	return (-1);
}

/* Checks the first-import window: Nh, Nd or all (SPEC S2). */
static int
config_check_window(const char *v, char **cause)
{
	char	*end;
	long	 n;

	if (strcmp(v, "all") == 0)
		return (0);
	errno = 0;
	n = strtol(v, &end, 10);
	if (isdigit((unsigned char)*v) && errno == 0 && n > 0 &&
	    n <= 100000 && (strcmp(end, "h") == 0 || strcmp(end, "d") == 0))
		return (0);
	/* TRANSLATORS: 24h, 30d and all stay as typed. */
	*cause = xstrdup(_("expected a window such as 24h, 30d or all"));
	return (-1);
}

/* Checks a non-empty single-line value. */
static int
config_check_text(const char *v, char **cause)
{
	if (*v != '\0' && strpbrk(v, "\r\n") == NULL)
		return (0);
	*cause = xstrdup(_("expected a non-empty value"));
	return (-1);
}

/* Checks an optional single-line value. */
static int
config_check_opt(const char *v, char **cause)
{
	if (strpbrk(v, "\r\n") == NULL)
		return (0);
	*cause = xstrdup(_("expected a single line"));
	return (-1);
}

/* Checks an external-ID field API name: empty or Name__c. */
static int
config_check_field(const char *v, char **cause)
{
	size_t	n = strlen(v), i;

	if (n == 0)
		return (0);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_')
			break;
	if (i == n && n > 3 && strcmp(v + n - 3, "__c") == 0 &&
	    isalpha((unsigned char)v[0]))
		return (0);
	*cause = xstrdup(_("expected a custom field API name such as "
	    "TaskdeckKey__c"));
	return (-1);
}

/* Checks the colour mode. */
static int
config_check_color(const char *v, char **cause)
{
	if (strcmp(v, "auto") == 0 || strcmp(v, "always") == 0 ||
	    strcmp(v, "never") == 0)
		return (0);
	/* TRANSLATORS: auto, always and never stay as typed. */
	*cause = xstrdup(_("expected auto, always or never"));
	return (-1);
}

/*
 * The help texts are translated where they are shown (`taskdeck help
 * config`, the settings screen): N_ here, _ there.
 */
const struct config_key config_keys[] = {
	{ "sync.enabled", "false",
	  /* TRANSLATORS: the settings screen's checkbox label (and `taskdeck
	   * help config`): use the seed's words for sync and tasks. */
	  N_("Sync reminder tasks with Salesforce"), config_check_bool },
	{ "sync.poll_interval", "60",
	  /* TRANSLATORS: `taskdeck help config` and the settings screen:
	   * what a setting means.  Keys, values and $NAMES stay as typed. */
	  N_("seconds between polls of Salesforce"), config_check_interval },
	{ "sync.streaming", "true",
	  N_("near-real-time pull: subscribe to Salesforce's change events "
	  "for Task (Change Data Capture) where the org allows it"),
	  config_check_bool },
	{ "sync.safety_poll", "900",
	  N_("seconds between polls while subscribed to change events"),
	  config_check_interval },
	{ "sync.first_import_window", "24h",
	  N_("how far back the first sync imports (24h, 30d, all)"),
	  config_check_window },
	{ "sync.subject_template", "{{activity_subject}}",
	  /* TRANSLATORS: "activity detail customization" is the seeds'
	   * name of this feature; Subject is Salesforce's Task field. */
	  N_("activity detail customization: the Subject written to "
	  "Salesforce"),
	  config_check_text },
	{ "sync.api_budget_share", "10",
	  N_("percent of the org's daily API allocation taskdeck may use"),
	  config_check_percent },
	{ "sync.create_settle", "660",
	  N_("seconds an unanswered create or update may still commit (past "
	  "Salesforce's 10-minute request limit)"),
	  config_check_settle },
	{ "sync.notify_command", "",
	  N_("a command run for each change from Salesforce (sh -c; the "
	  "change in $TASKDECK_CHANGE, $TASKDECK_ID, $TASKDECK_NAME)"),
	  config_check_opt },
	{ "sf.login_url", "https://login.salesforce.com",
	  N_("login host (production, test.salesforce.com, or My Domain)"),
	  config_check_url },
	{ "sf.instance_url", "",
	  N_("instance URL (set by login)"), config_check_url },
	{ "sf.client_id", "",
	  N_("connected app consumer key used by login"), config_check_opt },
	{ "sf.status_open", "Not Started",
	  /* TRANSLATORS: Task Status: Salesforce's object and field. */
	  N_("Task Status that means open"), config_check_text },
	{ "sf.status_complete", "Completed",
	  N_("Task Status that means complete"), config_check_text },
	{ "sf.priority_normal", "Normal",
	  /* TRANSLATORS: Task Priority: Salesforce's object and field. */
	  N_("Task Priority that means normal"), config_check_text },
	{ "sf.priority_high", "High",
	  N_("Task Priority that means high"), config_check_text },
	{ "sf.external_id_field", "",
	  N_("unique external-ID field on Task: creates exactly-once "
	  "(optional; an admin adds it)"),
	  config_check_field },
	{ "ui.color", "auto",
	  /* TRANSLATORS: auto, always, never and NO_COLOR stay as typed. */
	  N_("colours: auto (off with NO_COLOR), always, never"),
	  config_check_color },
	{ "ui.clipboard", "true",
	  /* TRANSLATORS: o is a key, `taskdeck open` a command, OSC 52 a
	     terminal feature: they stay as typed. */
	  N_("o and taskdeck open copy the link (OSC 52) when no browser "
	  "can be opened here"),
	  config_check_bool },
};
const size_t config_nkeys = sizeof config_keys / sizeof config_keys[0];

/* A line of the file as read, kept so saving preserves comments. */
struct config_line {
	char	*text;		/* the raw line, or NULL for a key line */
	int	 key;		/* index into config_keys, if text == NULL */
};

struct config {
	char			*values[sizeof config_keys /
				    sizeof config_keys[0]];
	int			 set[sizeof config_keys /
				    sizeof config_keys[0]];
	struct config_line	*lines;
	size_t			 nlines;
};

/* The index of key, or -1. */
static int
config_find(const char *key)
{
	size_t	i;

	for (i = 0; i < config_nkeys; i++)
		if (strcmp(config_keys[i].name, key) == 0)
			return ((int)i);
	return (-1);
}

int
config_parse_bool(const char *v)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	    strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0)
		return (1);
	if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0 ||
	    strcasecmp(v, "off") == 0 || strcmp(v, "0") == 0)
		return (0);
	return (-1);
}

struct config *
config_new(void)
{
	struct config	*c;
	size_t		 i;

	c = xcalloc(1, sizeof *c);
	for (i = 0; i < config_nkeys; i++)
		c->values[i] = xstrdup(config_keys[i].def);
	return (c);
}

void
config_free(struct config *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < config_nkeys; i++)
		free(c->values[i]);
	for (i = 0; i < c->nlines; i++)
		free(c->lines[i].text);
	free(c->lines);
	free(c);
}

/* Remembers a line of the file. */
static void
config_add_line(struct config *c, char *text, int key)
{
	c->lines = xreallocarray(c->lines, c->nlines + 1, sizeof *c->lines);
	c->lines[c->nlines].text = text;
	c->lines[c->nlines].key = key;
	c->nlines++;
}

/* Trims white space at both ends, in place. */
static char *
config_trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return (s);
}

/*
 * Reads the system-wide file as new defaults: its values, not its lines
 * (config_save writes only what the user's file and config_set set).
 */
static int
config_load_system(struct config *c, const char *user, char **cause)
{
	struct config	*sys;
	FILE		*f;
	char		*path = paths_sysconfig();
	size_t		 i;
	int		 rc = 0;

	if (strcmp(path, user) == 0 || (f = fopen(path, "r")) == NULL) {
		if (strcmp(path, user) != 0 && errno != ENOENT) {
			*cause = xasprintf(_("cannot read config %s: %s"),
			    path, strerror(errno));
			rc = -1;
		}
		free(path);
		return (rc);
	}
	sys = config_new();
	if ((rc = config_read(sys, f, path, cause)) == 0) {
		for (i = 0; i < config_nkeys; i++) {
			if (!sys->set[i])
				continue;
			free(c->values[i]);
			c->values[i] = xstrdup(sys->values[i]);
		}
	}
	fclose(f);
	config_free(sys);
	free(path);
	return (rc);
}

int
config_load(struct config *c, const char *path, char **cause)
{
	FILE	*f;
	int	 rc;

	if (config_load_system(c, path, cause) != 0)
		return (-1);

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return (0);
		*cause = xasprintf(_("cannot read config %s: %s"), path,
		    strerror(errno));
		return (-1);
	}
	rc = config_read(c, f, path, cause);
	fclose(f);
	return (rc);
}

int
config_read(struct config *c, FILE *f, const char *path, char **cause)
{
	char	*line = NULL, *p, *eq, *key, *value, *why = NULL;
	size_t	 cap = 0, lineno = 0, len;
	ssize_t	 n;
	int	 k;

	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (memchr(line, '\0', (size_t)n) != NULL) {
			/* TRANSLATORS: FILE:LINE: stays first. */
			*cause = xasprintf(_("%s:%zu: the line holds a NUL "
			    "byte"), path, lineno);
			goto fail;
		}
		p = config_trim(line);
		if (*p == '\0' || *p == '#' || *p == ';') {
			config_add_line(c, xstrdup(line), -1);
			continue;
		}
		if ((eq = strchr(p, '=')) == NULL) {
			/* TRANSLATORS: FILE:LINE: TEXT: stays first; 'key =
			 * value' is the syntax of the file. */
			*cause = xasprintf(_("%s:%zu: %s: expected 'key = "
			    "value'"), path, lineno, p);
			goto fail;
		}
		*eq = '\0';
		key = config_trim(p);
		value = config_trim(eq + 1);
		len = strlen(value);
		if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
			value[len - 1] = '\0';
			value++;
		} else if (len >= 1 && value[0] == '"') {
			/* TRANSLATORS: FILE:LINE:KEY: stays first. */
			*cause = xasprintf(_("%s:%zu: %s: unterminated quote"),
			    path, lineno, *key != '\0' ? key :
			    /* TRANSLATORS: in place of an empty key. */
			    _("(empty)"));
			goto fail;
		}
		if ((k = config_find(key)) == -1) {
			/* TRANSLATORS: FILE:LINE:KEY: stays first. */
			*cause = xasprintf(_("%s:%zu: %s: unknown key"), path,
			    lineno, *key != '\0' ? key : _("(empty)"));
			goto fail;
		}
		if (config_keys[k].check(value, &why) != 0) {
			/* TRANSLATORS: FILE:LINE:KEY: stays first, then what
			 * was expected, then the value found. */
			*cause = xasprintf(_("%s:%zu: %s: %s (got '%s')"),
			    path, lineno, key, why, value);
			free(why);
			goto fail;
		}
		free(c->values[k]);
		c->values[k] = xstrdup(value);
		c->set[k] = 1;
		config_add_line(c, NULL, k);
	}
	if (ferror(f)) {
		*cause = xasprintf(_("cannot read config %s: %s"), path,
		    strerror(errno));
		goto fail;
	}
	free(line);
	return (0);

fail:
	free(line);
	return (-1);
}

const char *
config_get(const struct config *c, const char *key)
{
	int	k;

	if ((k = config_find(key)) == -1)
		return (NULL);
	return (c->values[k]);
}

int
config_set(struct config *c, const char *key, const char *value,
    char **cause)
{
	char	*why = NULL;
	int	 k;

	if ((k = config_find(key)) == -1) {
		*cause = xasprintf(_("unknown config key '%s' (see 'taskdeck "
		    "config list')"), key);
		return (-1);
	}
	if (config_keys[k].check(value, &why) != 0) {
		/* TRANSLATORS: KEY: what was expected, then the value given. */
		*cause = xasprintf(_("%s: %s (got '%s')"), key, why, value);
		free(why);
		return (-1);
	}
	free(c->values[k]);
	c->values[k] = xstrdup(value);
	c->set[k] = 1;
	return (0);
}

size_t
config_line(const struct config *c, const char *key)
{
	size_t	i, line = 0;
	int	k;

	if ((k = config_find(key)) == -1)
		return (0);
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].text == NULL && c->lines[i].key == k)
			line = i + 1;	/* one entry per line read */
	return (line);
}

int
config_is_set(const struct config *c, const char *key)
{
	int	k;

	return ((k = config_find(key)) != -1 && c->set[k]);
}

/* Writes "key = value", quoting a value with outer white space. */
static void
config_put(struct buf *b, int k, const char *value)
{
	size_t	len = strlen(value);

	if (len > 0 && (isspace((unsigned char)value[0]) ||
	    isspace((unsigned char)value[len - 1]) || value[0] == '"'))
		buf_addf(b, "%s = \"%s\"\n", config_keys[k].name, value);
	else
		buf_addf(b, "%s = %s\n", config_keys[k].name, value);
}

int
config_save(const struct config *c, const char *path, char **cause)
{
	struct buf	 b;
	char		*tmp;
	int		 written[sizeof config_keys / sizeof config_keys[0]];
	size_t		 i;
	FILE		*f;
	int		 ok;

	memset(written, 0, sizeof written);
	buf_init(&b);
	for (i = 0; i < c->nlines; i++) {
		if (c->lines[i].text != NULL) {
			buf_adds(&b, c->lines[i].text);
			if (b.len > 0 && b.data[b.len - 1] != '\n')
				buf_addc(&b, '\n');
		} else if (!written[c->lines[i].key]) {
			config_put(&b, c->lines[i].key,
			    c->values[c->lines[i].key]);
			written[c->lines[i].key] = 1;
		}
	}
	if (c->nlines == 0)
		buf_adds(&b, "# taskdeck settings: see 'taskdeck config list'\n");
	for (i = 0; i < config_nkeys; i++)
		if (c->set[i] && !written[i])
			config_put(&b, (int)i, c->values[i]);

	if (paths_make_parent(path, cause) != 0) {
		buf_release(&b);
		return (-1);
	}
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	ok = 0;
	if ((f = fopen(tmp, "w")) != NULL) {
		ok = fwrite(b.data, 1, b.len, f) == b.len && fflush(f) == 0 &&
		    fsync(fileno(f)) == 0;
		if (fclose(f) != 0)
			ok = 0;
	}
	if (!ok || rename(tmp, path) != 0) {
		*cause = xasprintf(_("cannot write config %s: %s"), path,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		buf_release(&b);
		return (-1);
	}
	free(tmp);
	buf_release(&b);
	return (0);
}

int
config_bool(const struct config *c, const char *key)
{
	const char	*v = config_get(c, key);

	return (v != NULL && config_parse_bool(v) == 1);
}

long
config_long(const struct config *c, const char *key)
{
	const char	*v = config_get(c, key);

	return (v != NULL ? strtol(v, NULL, 10) : 0);
}
