/* taskdeck - SPDX-License-Identifier: ISC */
/* Tests of the settings file: defaults, B4 diagnostics, atomic saves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"
#include "xmalloc.h"

static char	dir[] = "/tmp/td-test-config.XXXXXX";

/* Writes text to a file in the test directory; returns its path. */
static char *
write_file(const char *name, const char *text)
{
	char	*p = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(p, "w");

	fputs(text, f);
	fclose(f);
	return (p);
}

/* Loads text; returns the error message or NULL. */
static char *
load(const char *text, struct config **out)
{
	struct config	*c = config_new();
	char		*p = write_file("config", text), *cause = NULL;

	if (config_load(c, p, &cause) != 0) {
		config_free(c);
		c = NULL;
	}
	free(p);
	if (out != NULL)
		*out = c;
	else
		config_free(c);
	return (cause);
}

int
main(void)
{
	struct config	*c;
	char		*cause = NULL, *p, *text;
	FILE		*f;
	long		 size;

	if (mkdtemp(dir) == NULL)
		return (1);
	c = config_new();
	ok(!config_bool(c, "sync.enabled"), "S1 sync is off by default");
	is_str(config_get(c, "sync.first_import_window"), "24h",
	    "S2 first-import window defaults to 24h");
	is_str(config_get(c, "sync.subject_template"), "{{activity_subject}}",
	    "F6 subject template default");
	is_int(config_long(c, "sync.poll_interval"), 60,
	    "C1 poll interval defaults to 60 s");
	is_str(config_get(c, "sf.status_open"), "Not Started",
	    "F2 open status default");
	ok(config_get(c, "no.such") == NULL, "unknown key reads NULL");
	config_free(c);

	p = xasprintf("%s/missing", dir);
	c = config_new();
	ok(config_load(c, p, &cause) == 0, "a missing file is fine");
	config_free(c);
	free(p);

	cause = load("# comment\n\nsync.enabled = true\n"
	    "sync.poll_interval=30\nsf.status_open = \" Open \"\n", &c);
	ok(cause == NULL && config_bool(c, "sync.enabled") &&
	    config_long(c, "sync.poll_interval") == 30,
	    "comments, blanks and both spacings parse");
	is_str(config_get(c, "sf.status_open"), " Open ",
	    "quotes keep outer spaces");
	config_free(c);

	cause = load("sync.enabled = true\nsync.poll_intervl = 30\n", NULL);
	ok(cause != NULL && strstr(cause, "/config:2: sync.poll_intervl: "
	    "unknown key") != NULL, "B4 unknown key names file:line:key: %s",
	    cause);
	free(cause);
	cause = load("\n\n\nsync.poll_interval = soon\n", NULL);
	ok(cause != NULL && strstr(cause, ":4: sync.poll_interval: expected a "
	    "whole number") != NULL, "B4 bad value names file:line:key: %s",
	    cause);
	free(cause);
	cause = load("sync.enabled\n", NULL);
	ok(cause != NULL && strstr(cause, ":1: sync.enabled: expected 'key = "
	    "value'") != NULL, "B4 a line without '=' is reported");
	free(cause);
	cause = load("sf.instance_url = http://evil.example.com\n", NULL);
	ok(cause != NULL && strstr(cause, "sf.instance_url") != NULL,
	    "A2 B4 plain http to a non-loopback host is refused");
	free(cause);
	cause = load("sf.instance_url = http://127.0.0.1:8080\n", NULL);
	ok(cause == NULL, "A2 http to loopback is allowed");
	cause = load("sync.first_import_window = 30d\n", NULL);
	ok(cause == NULL, "S2 30d window");
	cause = load("sync.first_import_window = forever\n", NULL);
	ok(cause != NULL, "S2 B4 bad window refused");
	free(cause);
	cause = load("sf.external_id_field = Key; DROP\n", NULL);
	ok(cause != NULL, "B4 bad external id field refused");
	free(cause);

	/* Saving keeps comments, replaces values in place, appends new keys. */
	cause = load("# my settings\nsync.poll_interval = 30 \n# end\n", &c);
	ok(config_set(c, "sync.poll_interval", "45", &cause) == 0 &&
	    config_set(c, "sync.enabled", "true", &cause) == 0, "set values");
	ok(config_set(c, "sync.poll_interval", "0", &cause) == -1 &&
	    strstr(cause, "sync.poll_interval") != NULL,
	    "B4 config_set checks the value");
	free(cause);
	cause = NULL;
	ok(config_set(c, "bogus", "1", &cause) == -1, "unknown key refused");
	free(cause);
	cause = NULL;
	p = xasprintf("%s/config", dir);
	ok(config_save(c, p, &cause) == 0, "save");
	config_free(c);
	f = fopen(p, "r");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = xcalloc(1, (size_t)size + 1);
	if (fread(text, 1, (size_t)size, f) != (size_t)size)
		printf("# short read\n");
	fclose(f);
	is_str(text, "# my settings\nsync.poll_interval = 45\n# end\n"
	    "sync.enabled = true\n", "saved file keeps comments and order");
	free(text);
	free(p);
	{
		char	*cmd = xasprintf("rm -rf %s", dir);

		if (system(cmd) != 0)
			printf("# cleanup failed\n");
		free(cmd);
	}
	return (tap_done());
}
