/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * `add --who NAME --what NAME` and `edit ID --who NAME|--what NAME`
 * (doc/sync.md F15): a name becomes a link through the person table.
 * One match whose name is the name given (case and accents folded), or
 * else the only match, is taken; several are listed and refused.  With
 * no exact match in the cache and sync on, Salesforce is searched once
 * (CLI_PEOPLE_TIMEOUT_S at most) and the cache asked again.  An empty
 * name clears the link.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "i18n.h"
#include "store.h"
#include "sync.h"
#include "utf8.h"
#include "xmalloc.h"

/* The one search's whole time (connect included): see doc/sync.md F15. */
#define CLI_PEOPLE_TIMEOUT_S	10
#define CLI_PEOPLE_MAX		20

/* Resolves name against the cache: 0 one found (*pick), 1 none, 2 many
 * (listed in *l), -1 error. */
static int
cli_people_find(struct cmd_ctx *ctx, const char *name, int who,
    struct person_list *l, size_t *pick, int *exact, char **cause)
{
	char	*fn, *fh;
	size_t	 i, nexact = 0;

	if (store_person_search(ctx->store, name, who, CLI_PEOPLE_MAX, l,
	    cause) != STORE_OK)
		return (-1);
	fn = utf8_fold(name);
	for (i = 0; i < l->n; i++) {
		fh = utf8_fold(l->v[i].name);
		if (strcmp(fh, fn) == 0 && nexact++ == 0)
			*pick = i;
		free(fh);
	}
	free(fn);
	*exact = nexact > 0;
	if (nexact == 1)
		return (0);
	if (nexact > 1)
		return (2);
	if (l->n == 1) {
		*pick = 0;
		return (0);
	}
	return (l->n == 0 ? 1 : 2);
}

static int
cli_people_one(struct cmd_ctx *ctx, const char *name, int who, char **id,
    char **shown)
{
	struct person_list	 l;
	size_t			 pick = 0, i;
	char			*cause = NULL, *s;
	int			 rc, exact = 0, found;

	memset(&l, 0, sizeof l);
	if ((rc = cli_people_find(ctx, name, who, &l, &pick, &exact,
	    &cause)) < 0)
		goto fail;
	if (!exact && config_bool(ctx->config, "sync.enabled")) {
		/* Not known here: ask Salesforce once (F15). */
		if (sync_people_once(ctx->cache_path, name, who,
		    CLI_PEOPLE_TIMEOUT_S, &found, &cause) != 0) {
			s = utf8_clean(cause, UTF8_LINE);
			fprintf(stderr, _("taskdeck: salesforce could not be "
			    "searched (%s); the cache only\n"), s);
			free(s);
			free(cause);
			cause = NULL;
		}
		person_list_free(&l);
		if ((rc = cli_people_find(ctx, name, who, &l, &pick, &exact,
		    &cause)) < 0)
			goto fail;
	}
	if (rc == 0) {
		*id = xstrdup(l.v[pick].sf_id);
		*shown = xstrdup(l.v[pick].name);
		person_list_free(&l);
		return (CMD_OK);
	}
	s = utf8_clean(name, UTF8_LINE);
	if (rc == 1)
		fprintf(stderr, who ? _("taskdeck: no contact or lead named "
		    "\"%s\" is known\n") : _("taskdeck: no account named "
		    "\"%s\" is known\n"), s);
	if (rc == 1 && !config_bool(ctx->config, "sync.enabled"))
		fputs(_("taskdeck: sync is off, so Salesforce was not "
		    "searched\n"), stderr);
	else if (rc != 1) {
		fprintf(stderr, _("taskdeck: \"%s\" matches several; give "
		    "more of the name:\n"), s);
		for (i = 0; i < l.n; i++) {
			free(s);
			s = utf8_clean(l.v[i].name, UTF8_LINE);
			fprintf(stderr, "  %s (%s%s%s)\n", s,
			    l.v[i].kind, *l.v[i].detail != '\0' ? ", " : "",
			    l.v[i].detail);
		}
	}
	free(s);
	person_list_free(&l);
	return (CMD_EINVAL);
fail:
	person_list_free(&l);
	s = utf8_clean(cause, UTF8_LINE);
	fprintf(stderr, "taskdeck: %s\n", s);
	free(s);
	free(cause);
	return (CMD_ESTORE);
}

int
cli_people_resolve(struct cmd_ctx *ctx, struct task *v, unsigned mask)
{
	char	*cause = NULL, *id, *name, **slot_id, **slot_name;
	int	 i, rc;

	for (i = 0; i < 2; i++) {
		if (!(mask & (i == 0 ? TASK_F_WHO : TASK_F_WHAT)))
			continue;
		slot_id = i == 0 ? &v->who_id : &v->what_id;
		slot_name = i == 0 ? &v->who : &v->what;
		free(*slot_id);
		*slot_id = NULL;
		if (*slot_name == NULL || **slot_name == '\0') {
			free(*slot_name);	/* '': clear the link */
			*slot_name = NULL;
			continue;
		}
		if (ctx->store == NULL && cmd_open_store(ctx, &cause) !=
		    CMD_OK) {
			name = utf8_clean(cause, UTF8_LINE);
			fprintf(stderr, "taskdeck: %s\n", name);
			free(name);
			free(cause);
			return (CMD_ESTORE);
		}
		id = name = NULL;
		if ((rc = cli_people_one(ctx, *slot_name, i == 0, &id,
		    &name)) != CMD_OK)
			return (rc);
		free(*slot_name);
		*slot_name = name;
		*slot_id = id;
	}
	return (CMD_OK);
}
