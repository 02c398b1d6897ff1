/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Operations shared by the CLI and the UI: validation first, then one
 * store call, so invalid input never touches the cache (SPEC B2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "i18n.h"
#include "sync-merge.h"
#include "sync-org.h"
#include "task-json.h"
#include "xmalloc.h"

/* Maps a store result onto the CLI's exit codes. */
static enum cmd_rc
cmd_from_store(enum store_rc rc)
{
	switch (rc) {
	case STORE_OK:
		return (CMD_OK);
	case STORE_NOTFOUND:
		return (CMD_ENOENT);
	default:
		return (CMD_ESTORE);
	}
}

enum cmd_rc
cmd_init(struct cmd_ctx *ctx, const char *config_override,
    const char *db_override, char **cause)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->config = config_new();
	ctx->config_path = paths_config(config_override);
	ctx->cache_path = paths_cache(db_override);
	ctx->today = date_today();
	if (config_load(ctx->config, ctx->config_path, cause) != 0)
		return (CMD_EINVAL);
	return (CMD_OK);
}

void
cmd_release(struct cmd_ctx *ctx)
{
	store_free(ctx->store);
	config_free(ctx->config);
	free(ctx->config_path);
	free(ctx->cache_path);
	memset(ctx, 0, sizeof *ctx);
}

enum cmd_rc
cmd_open_store(struct cmd_ctx *ctx, char **cause)
{
	enum store_rc	rc;

	if (ctx->store != NULL)
		return (CMD_OK);
	if (paths_make_parent(ctx->cache_path, cause) != 0)
		return (CMD_ESTORE);
	if ((ctx->store = store_open(ctx->cache_path, &rc, cause)) == NULL)
		return (CMD_ESTORE);
	return (CMD_OK);
}

enum cmd_rc
cmd_open_store_read(struct cmd_ctx *ctx, char **cause)
{
	enum store_rc	rc;

	if (ctx->store != NULL)
		return (CMD_OK);
	if (paths_make_parent(ctx->cache_path, cause) != 0)
		return (CMD_ESTORE);
	if ((ctx->store = store_open_read(ctx->cache_path, &rc,
	    cause)) == NULL)
		return (CMD_ESTORE);
	return (CMD_OK);
}

int
cmd_after_t0(struct cmd_ctx *ctx)
{
	char	*t0 = NULL, *cause = NULL;
	int	 on;

	if (ctx->store == NULL && cmd_open_store(ctx, &cause) != CMD_OK) {
		free(cause);
		return (0);
	}
	if (store_state_get(ctx->store, "sync.t0", &t0, &cause) != STORE_OK) {
		free(cause);
		return (0);
	}
	on = t0 != NULL;
	free(t0);
	return (on);
}

/* Checks the user-editable fields of v named by mask. */
static enum cmd_rc
cmd_check(const struct task *v, unsigned mask, char **cause)
{
	if ((mask & TASK_F_NAME) && task_check_name(v->name, cause) != 0)
		return (CMD_EINVAL);
	if ((mask & TASK_F_DETAILS) && v->details != NULL &&
	    task_check_details(v->details, cause) != 0)
		return (CMD_EINVAL);
	return (CMD_OK);
}

enum cmd_rc
cmd_add(struct cmd_ctx *ctx, struct task *t, char **cause)
{
	enum cmd_rc	rc;

	if ((rc = cmd_check(t, TASK_F_ALL, cause)) != CMD_OK)
		return (rc);
	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	return (cmd_from_store(store_add(ctx->store, t, cmd_after_t0(ctx),
	    cause)));
}

enum cmd_rc
cmd_edit(struct cmd_ctx *ctx, int64_t id, const struct task *v, unsigned mask,
    char **cause)
{
	enum cmd_rc	rc;

	if ((rc = cmd_check(v, mask, cause)) != CMD_OK)
		return (rc);
	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	return (cmd_from_store(store_update(ctx->store, id, v, mask, cause)));
}

enum cmd_rc
cmd_set_status(struct cmd_ctx *ctx, int64_t id, enum task_status status,
    char **cause)
{
	struct task	v;

	task_init(&v);
	v.status = status;
	return (cmd_edit(ctx, id, &v, TASK_F_STATUS, cause));
}

enum cmd_rc
cmd_remove(struct cmd_ctx *ctx, int64_t id, char **cause)
{
	enum cmd_rc	rc;

	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	return (cmd_from_store(store_delete(ctx->store, id, cause)));
}

enum cmd_rc
cmd_restore(struct cmd_ctx *ctx, struct task *t, char **cause)
{
	enum cmd_rc	rc;

	if ((rc = cmd_check(t, TASK_F_ALL, cause)) != CMD_OK)
		return (rc);
	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	return (cmd_from_store(store_add(ctx->store, t, t->sync !=
	    TASK_SYNC_LOCAL && cmd_after_t0(ctx), cause)));
}

enum cmd_rc
cmd_push(struct cmd_ctx *ctx, int64_t id, char **cause)
{
	struct task	t;
	enum task_sync	was;
	enum cmd_rc	rc;

	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	/* Before T0 no org is bound to this cache yet (S1, S2). */
	if (!cmd_after_t0(ctx)) {
		/* TRANSLATORS: keep the commands in quotes as they are. */
		*cause = xstrdup(_("sync was never switched on: run 'taskdeck "
		    "sync --enable' (after 'taskdeck login') first"));
		return (CMD_EINVAL);
	}
	if ((rc = cmd_from_store(store_push(ctx->store, id, &was,
	    cause))) != CMD_OK)
		return (rc);
	if (was == TASK_SYNC_LOCAL)
		return (CMD_OK);
	task_init(&t);
	if (store_get(ctx->store, id, &t, cause) != STORE_OK) {
		task_release(&t);
		return (CMD_ESTORE);
	}
	if (t.sf_id != NULL)
		*cause = xasprintf(_("reminder %lld is already in Salesforce"),
		    (long long)id);
	else if (was == TASK_SYNC_ERROR)
		*cause = xasprintf(_("reminder %lld is already queued for "
		    "Salesforce; its last push failed (see 'taskdeck show "
		    "%lld')"), (long long)id, (long long)id);
	else
		*cause = xasprintf(_("reminder %lld is already queued for "
		    "Salesforce"), (long long)id);
	task_release(&t);
	return (CMD_EINVAL);
}

enum cmd_rc
cmd_get(struct cmd_ctx *ctx, int64_t id, struct task *t, char **cause)
{
	enum cmd_rc	rc;

	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	return (cmd_from_store(store_get(ctx->store, id, t, cause)));
}

enum cmd_rc
cmd_list(struct cmd_ctx *ctx, enum store_view view, struct task_list *out,
    char **cause)
{
	enum cmd_rc	rc;

	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	return (cmd_from_store(store_list(ctx->store, view, ctx->today, out,
	    cause)));
}

enum cmd_rc
cmd_import_seed(struct cmd_ctx *ctx, const char *path, int *n, char **cause)
{
	struct task_list	l;
	enum cmd_rc		rc;
	char			*why = NULL;

	*n = 0;
	task_list_init(&l);
	if (task_json_seed(path, ctx->config, ctx->today, &l, cause) != 0) {
		task_list_free(&l);
		return (CMD_EINVAL);
	}
	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK) {
		task_list_free(&l);
		return (rc);
	}
	/* One transaction: a seed is imported whole or not at all. */
	if ((rc = cmd_from_store(store_add_many(ctx->store, l.v, l.n, 0,
	    &why))) != CMD_OK) {
		/* TRANSLATORS: a seed file's name, then why (a message
		   from the cache). */
		*cause = xasprintf(_("nothing imported from %s: %s"), path,
		    why);
		free(why);
	} else
		*n = (int)l.n;
	task_list_free(&l);
	return (rc);
}

/*
 * The org's values of a picklist object as the last login read them, one
 * per line, or NULL if none was read (nor the cache made) yet.
 */
static enum cmd_rc
cmd_org_list(struct cmd_ctx *ctx, const char *object, char **list,
    char **cause)
{
	enum cmd_rc	rc;

	*list = NULL;
	if (ctx->store == NULL && access(ctx->cache_path, F_OK) != 0)
		return (CMD_OK);
	if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
		return (rc);
	if (store_state_get(ctx->store, sync_org_cache_key(object), list,
	    cause) != STORE_OK)
		return (CMD_ESTORE);
	return (CMD_OK);
}

enum cmd_rc
cmd_check_org(struct cmd_ctx *ctx, char **cause)
{
	enum cmd_rc	 rc;
	char		*st = NULL, *pr = NULL;

	if ((rc = cmd_org_list(ctx, "TaskStatus", &st, cause)) == CMD_OK &&
	    (rc = cmd_org_list(ctx, "TaskPriority", &pr, cause)) == CMD_OK &&
	    sync_org_check(ctx->config, ctx->config_path, st, pr, cause) != 0)
		rc = CMD_EINVAL;
	free(st);
	free(pr);
	return (rc);
}

/*
 * Records T0 (SPEC S2): on the laptop's clock, and on Salesforce's clock
 * with the offset last measured (at login, or by a sync), so that the
 * first-import window is on Salesforce's clock even when sync is switched
 * on offline (C4's rule).  Without a measured offset the engine converts
 * T0 with the offset of its first responses.
 */
static enum cmd_rc
cmd_set_t0(struct cmd_ctx *ctx, char **cause)
{
	char	*off = NULL, stamp[32];
	int64_t	 now = now_ms();

	if (store_state_get(ctx->store, SYNC_ORG_OFFSET, &off,
	    cause) != STORE_OK)
		return (CMD_ESTORE);
	if (off != NULL) {
		snprintf(stamp, sizeof stamp, "%lld",
		    (long long)(now + strtoll(off, NULL, 10)));
		free(off);
		if (store_state_set(ctx->store, SYNC_ORG_T0_SF, stamp,
		    cause) != STORE_OK)
			return (CMD_ESTORE);
	}
	snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	if (store_state_set(ctx->store, "sync.t0", stamp, cause) != STORE_OK)
		return (CMD_ESTORE);
	return (CMD_OK);
}

enum cmd_rc
cmd_config_set(struct cmd_ctx *ctx, const char *key, const char *value,
    char **cause)
{
	enum cmd_rc	 rc;
	char		*t0 = NULL, *list = NULL;
	const char	*object;

	/* F2 F3: a status or priority the org does not have is refused. */
	if ((object = sync_org_list_of(key)) != NULL) {
		if ((rc = cmd_org_list(ctx, object, &list, cause)) != CMD_OK)
			return (rc);
		rc = sync_org_check_value(key, value, list, cause) != 0 ?
		    CMD_EINVAL : CMD_OK;
		free(list);
		if (rc != CMD_OK)
			return (rc);
	}
	if (config_set(ctx->config, key, value, cause) != 0)
		return (CMD_EINVAL);
	/*
	 * T0 is the first time sync is switched on and saved (SPEC S2): it
	 * is recorded in the cache before the setting is saved, so no
	 * reminder added in between is mistaken for one made while on.
	 */
	if (strcmp(key, "sync.enabled") == 0 && config_parse_bool(value) == 1) {
		if ((rc = cmd_open_store(ctx, cause)) != CMD_OK)
			return (rc);
		if (store_state_get(ctx->store, "sync.t0", &t0,
		    cause) != STORE_OK)
			return (CMD_ESTORE);
		if (t0 == NULL && cmd_set_t0(ctx, cause) != CMD_OK)
			return (CMD_ESTORE);
		free(t0);
	}
	if (config_save(ctx->config, ctx->config_path, cause) != 0)
		return (CMD_EINVAL);
	return (CMD_OK);
}

char *
cmd_type_note(struct cmd_ctx *ctx, int64_t id, enum task_type type)
{
	struct task	 t;
	char		*list = NULL, *why = NULL, *note = NULL;

	if (cmd_open_store(ctx, &why) != CMD_OK) {
		free(why);
		return (NULL);
	}
	task_init(&t);
	if (store_get(ctx->store, id, &t, &why) == STORE_OK &&
	    t.sf_id != NULL && store_state_get(ctx->store, "org.task_type",
	    &list, &why) == STORE_OK && list != NULL &&
	    merge_typefield_to_sf(type, list) == NULL)
		/* TRANSLATORS: %s is a type: Call, Email, LinkedIn, Other. */
		note = xasprintf(_("the type %s stays in taskdeck: this org's "
		    "Task Type field has no %s value (doc/sync.md F9)"),
		    _(task_type_label(type)), task_type_label(type));
	free(why);
	free(list);
	task_release(&t);
	return (note);
}
