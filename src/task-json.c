/* taskdeck - SPDX-License-Identifier: ISC */
/* Reminders to and from JSON (cJSON). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "date.h"
#include "i18n.h"
#include "log.h"
#include "person.h"
#include "task-json.h"
#include "utf8.h"
#include "xmalloc.h"

/* Adds name: v, or null. */
static void
task_json_opt(cJSON *o, const char *name, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

/* Builds the documented object for t. */
static cJSON *
task_json_build(const struct task *t, int32_t today)
{
	cJSON	*o;
	char	 due[DATE_BUFSZ];

	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)t->id);
	if (t->sf_id != NULL)
		cJSON_AddStringToObject(o, "sf_id", t->sf_id);
	else
		cJSON_AddNullToObject(o, "sf_id");
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddStringToObject(o, "status", task_status_name(t->status));
	cJSON_AddStringToObject(o, "priority", task_priority_name(t->priority));
	cJSON_AddStringToObject(o, "type", task_type_name(t->type));
	if (t->due != DATE_NONE)
		cJSON_AddStringToObject(o, "due", date_format(t->due, due));
	else
		cJSON_AddNullToObject(o, "due");
	cJSON_AddStringToObject(o, "details", t->details != NULL ?
	    t->details : "");
	cJSON_AddStringToObject(o, "sync", task_sync_name(t->sync));
	cJSON_AddBoolToObject(o, "overdue", task_overdue(t, today));
	/* The links (F12): Salesforce Ids and the names shown. */
	task_json_opt(o, "who", t->who);
	task_json_opt(o, "who_id", t->who_id);
	task_json_opt(o, "what", t->what);
	task_json_opt(o, "what_id", t->what_id);
	return (o);
}

/*
 * Prints j with cJSON and hands back an xmalloc'd copy through utf8_clean
 * (B5): cJSON escapes C0 controls, the cleaner repairs what the cache holds
 * that is not UTF-8 (text from Salesforce may not be, and JSON must be) and
 * escapes DEL, C1 and bidi controls, so the data stays exact and no raw
 * control reaches a terminal.
 */
static char *
task_json_print(cJSON *j, int pretty)
{
	char	*p, *s;

	p = pretty ? cJSON_Print(j) : cJSON_PrintUnformatted(j);
	if (p == NULL)
		fatal("out of memory printing JSON");
	s = utf8_clean(p, UTF8_JSON);
	cJSON_free(p);
	cJSON_Delete(j);
	return (s);
}

char *
task_json_object(const struct task *t, int32_t today)
{
	return (task_json_print(task_json_build(t, today), 1));
}

char *
task_json_array(const struct task_list *l, int32_t today)
{
	cJSON	*a;
	size_t	 i;

	a = cJSON_CreateArray();
	for (i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, task_json_build(&l->v[i], today));
	return (task_json_print(a, 1));
}

/* The string member name of o, or NULL. */
static const char *
task_json_str(const cJSON *o, const char *name)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

/* The display name of the seed record with key in array arr, or NULL. */
static char *
task_json_seed_name(const cJSON *root, const char *arr, const char *key,
    int last_first)
{
	const cJSON	*rec;
	const char	*k, *first, *last, *name;

	cJSON_ArrayForEach(rec, cJSON_GetObjectItemCaseSensitive(root, arr)) {
		if ((k = task_json_str(rec, "key")) == NULL ||
		    strcmp(k, key) != 0)
			continue;
		if ((name = task_json_str(rec, "Name")) != NULL)
			return (xstrdup(name));
		first = task_json_str(rec, "FirstName");
		last = task_json_str(rec, "LastName");
		if (last == NULL)
			return (NULL);
		/* In the order the rep's locale gives it, as sfemu does. */
		return (person_name(first, last, last_first));
	}
	return (NULL);
}

/* Reads a whole file; caller frees. */
static char *
task_json_read(const char *path, char **cause)
{
	FILE	*f;
	char	*data;
	long	 size;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf(_("cannot open %s: %m"), path);
		return (NULL);
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    size > 64L * 1024 * 1024 || fseek(f, 0, SEEK_SET) != 0) {
		*cause = xasprintf(_("cannot read %s: too large or not a file"),
		    path);
		fclose(f);
		return (NULL);
	}
	data = xmalloc((size_t)size + 1);
	if (fread(data, 1, (size_t)size, f) != (size_t)size) {
		*cause = xasprintf(_("cannot read %s"), path);
		free(data);
		fclose(f);
		return (NULL);
	}
	data[size] = '\0';
	fclose(f);
	return (data);
}

int
task_json_seed(const char *path, const struct config *cfg, int32_t today,
    struct task_list *out, char **cause)
{
	cJSON		*root;
	const cJSON	*users, *rec, *v;
	const char	*owner, *rep, *s;
	struct task	*t;
	char		*data, *why = NULL;
	int		 lf;

	if ((data = task_json_read(path, cause)) == NULL)
		return (-1);
	root = cJSON_Parse(data);
	free(data);
	users = cJSON_GetObjectItemCaseSensitive(root, "users");
	if (!cJSON_IsObject(root) || !cJSON_IsArray(users) ||
	    (rep = task_json_str(cJSON_GetArrayItem(users, 0), "key")) == NULL) {
		*cause = xasprintf(_("%s: not a seed file (no users)"), path);
		cJSON_Delete(root);
		return (-1);
	}
	/* Names read as the rep reads them: their locale, else the org's. */
	if ((s = task_json_str(cJSON_GetArrayItem(users, 0),
	    "LocaleSidKey")) == NULL)
		s = task_json_str(cJSON_GetObjectItemCaseSensitive(root,
		    "settings"), "locale");
	lf = person_last_first(s);
	cJSON_ArrayForEach(rec, cJSON_GetObjectItemCaseSensitive(root, "tasks")) {
		/* In scope: the rep's own, not recurring, not a logged email. */
		owner = task_json_str(rec, "Owner");
		if (owner != NULL && strcmp(owner, rep) != 0)
			continue;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rec,
		    "IsRecurrence")))
			continue;
		s = task_json_str(rec, "TaskSubtype");
		if (s != NULL && (strcmp(s, "Email") == 0 ||
		    strcmp(s, "ListEmail") == 0))
			continue;
		if ((s = task_json_str(rec, "Subject")) == NULL ||
		    task_check_name(s, &why) != 0) {
			free(why);
			why = NULL;
			continue;
		}
		t = task_list_push(out);
		t->name = xstrdup(s);
		s = task_json_str(rec, "Status");
		t->status = s != NULL && strcmp(s, config_get(cfg,
		    "sf.status_complete")) == 0 ? TASK_COMPLETE : TASK_OPEN;
		s = task_json_str(rec, "Priority");
		t->priority = s != NULL && strcmp(s, config_get(cfg,
		    "sf.priority_high")) == 0 ? TASK_HIGH : TASK_NORMAL;
		v = cJSON_GetObjectItemCaseSensitive(rec, "ActivityDate");
		/* Days from today; beyond a century (or 1e300) is no date. */
		t->due = cJSON_IsNumber(v) && v->valuedouble >= -36500 &&
		    v->valuedouble <= 36500 ? today + (int32_t)v->valuedouble :
		    DATE_NONE;
		s = task_json_str(rec, "Description");
		t->details = xstrdup(s != NULL && task_check_details(s,
		    &why) == 0 ? s : "");
		free(why);
		why = NULL;
		if ((s = task_json_str(rec, "Who")) != NULL &&
		    (t->who = task_json_seed_name(root, "contacts", s,
		    lf)) == NULL)
			t->who = task_json_seed_name(root, "leads", s, lf);
		if ((s = task_json_str(rec, "What")) != NULL)
			t->what = task_json_seed_name(root, "accounts", s,
			    lf);
	}
	cJSON_Delete(root);
	return (0);
}
