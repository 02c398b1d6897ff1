/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The control API, under a prefix Salesforce never uses and never counted
 * as API calls.  Tests reset and seed the org, move the emulator clock
 * (timestamps, token expiry, recycle bin and TODAY all follow it, so no
 * test sleeps), expire sessions, approve device logins, set the API
 * allocation, arm faults for the next N matching requests and read the
 * per-endpoint call counts.  The seed loader here also serves --seed and
 * --demo, and the demo's colleague makes their changes through it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "sfemu-ctl.h"
#include "sfemu-oauth.h"
#include "sfemu-reply.h"
#include "sfemu-rest.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#define CTL_MAX_FAULTS	32

struct armed {
	char		*method;	/* "*" for any */
	char		*prefix;
	int		 left;
	struct fault	 f;
};

struct callcount {
	char		*endpoint;
	long long	 n;
};

struct sfctl {
	struct armed		 faults[CTL_MAX_FAULTS];
	size_t			 nfaults;
	struct callcount	*calls;
	size_t			 ncalls;
	unsigned int		 rnd;
};

struct sfctl *
ctl_new(void)
{
	struct sfctl	*c;

	c = xcalloc(1, sizeof *c);
	c->rnd = (unsigned int)util_real_ms();
	return (c);
}

/* Disarms every fault. */
static void
ctl_faults_clear(struct sfctl *c)
{
	size_t	i;

	for (i = 0; i < c->nfaults; i++) {
		free(c->faults[i].method);
		free(c->faults[i].prefix);
		free(c->faults[i].f.body);
	}
	c->nfaults = 0;
}

/* Forgets every call count. */
static void
ctl_calls_clear(struct sfctl *c)
{
	size_t	i;

	for (i = 0; i < c->ncalls; i++)
		free(c->calls[i].endpoint);
	free(c->calls);
	c->calls = NULL;
	c->ncalls = 0;
}

void
ctl_free(struct sfctl *c)
{
	if (c == NULL)
		return;
	ctl_faults_clear(c);
	ctl_calls_clear(c);
	free(c);
}

void
ctl_count(struct sfemu *app, const char *endpoint)
{
	struct sfctl	*c = app->ctl;
	size_t		 i;

	for (i = 0; i < c->ncalls; i++) {
		if (strcmp(c->calls[i].endpoint, endpoint) == 0) {
			c->calls[i].n++;
			return;
		}
	}
	c->calls = xreallocarray(c->calls, c->ncalls + 1, sizeof *c->calls);
	c->calls[c->ncalls].endpoint = xstrdup(endpoint);
	c->calls[c->ncalls].n = 1;
	c->ncalls++;
}

int
ctl_fault_take(struct sfemu *app, const char *method, const char *path,
    struct fault *f)
{
	struct sfctl	*c = app->ctl;
	struct armed	*a;
	size_t		 i;

	for (i = 0; i < c->nfaults; i++) {
		a = &c->faults[i];
		if (strcmp(a->method, "*") != 0 &&
		    strcasecmp(a->method, method) != 0)
			continue;
		if (strncmp(path, a->prefix, strlen(a->prefix)) != 0)
			continue;
		*f = a->f;
		f->body = a->f.body != NULL ? xstrdup(a->f.body) : NULL;
		if (--a->left <= 0) {
			free(a->method);
			free(a->prefix);
			free(a->f.body);
			memmove(a, a + 1, (c->nfaults - i - 1) * sizeof *a);
			c->nfaults--;
		}
		return (1);
	}
	memset(f, 0, sizeof *f);
	return (0);
}

/* A string member of o, or NULL. */
static const char *
ctl_str(const cJSON *o, const char *name)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(o, name);

	return (cJSON_IsString(j) ? j->valuestring : NULL);
}

/*
 * A number member of o, or def; clamped to +-1e9 so that a day count,
 * seconds or a count converts to an integer and a clock move stays far
 * from overflowing (1e9 days is over 2 million years).
 */
static double
ctl_num(const cJSON *o, const char *name, double def)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(o, name);
	double		 d;

	if (!cJSON_IsNumber(j))
		return (def);
	d = j->valuedouble;
	if (!(d >= -1e9))
		return (-1e9);	/* NaN too */
	return (d > 1e9 ? 1e9 : d);
}

/* Answers {"error": message} with status 400. */
static void
ctl_error(struct sfresp *resp, const char *msg)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "error", msg);
	resp_json(resp, 400, o);
}

/* Adds the parties of one seed array; records key -> Id in map. */
static int
ctl_seed_parties(struct sfemu *app, const cJSON *arr, const char *kind,
    cJSON *map, char **cause)
{
	const cJSON	*o;
	struct party	 p;
	struct party	 acc;
	const char	*fn, *ln, *accountkey;
	char		*name, *email;
	char		 accid[SFID_LEN + 1];
	int		 i = 0;

	cJSON_ArrayForEach(o, arr) {
		memset(&p, 0, sizeof p);
		snprintf(p.kind, sizeof p.kind, "%s", kind);
		fn = ctl_str(o, "FirstName");
		ln = ctl_str(o, "LastName");
		if (ctl_str(o, "Name") != NULL)
			name = xstrdup(ctl_str(o, "Name"));
		else if (ln != NULL)
			name = fn != NULL ? xasprintf("%s %s", fn, ln) :
			    xstrdup(ln);
		else {
			*cause = xasprintf("seed: %s %d has no Name", kind, i);
			return (-1);
		}
		if (strcmp(kind, "User") == 0 && (ctl_str(o, "Username") ==
		    NULL || ctl_str(o, "Password") == NULL)) {
			*cause = xasprintf("seed: user %d needs Username and "
			    "Password", i);
			free(name);
			return (-1);
		}
		email = ctl_str(o, "Email") != NULL ?
		    xstrdup(ctl_str(o, "Email")) :
		    ctl_str(o, "Username") != NULL ?
		    xstrdup(ctl_str(o, "Username")) : NULL;
		p.key = (char *)ctl_str(o, "key");
		p.name = name;
		p.username = (char *)ctl_str(o, "Username");
		p.password = (char *)ctl_str(o, "Password");
		p.email = email;
		accid[0] = '\0';
		accountkey = ctl_str(o, "AccountKey");
		if (accountkey != NULL) {
			if (store_party_find(app->st, "Account", accountkey,
			    &acc) != 0) {
				*cause = xasprintf("seed: %s %d: unknown "
				    "AccountKey '%s'", kind, i, accountkey);
				free(name);
				free(email);
				return (-1);
			}
			memcpy(accid, acc.id, sizeof accid);
			store_party_release(&acc);
		}
		if (fn == NULL && ln == NULL && strcmp(kind, "User") == 0) {
			/* Split a user's Name for FirstName / LastName. */
			ln = strrchr(name, ' ') != NULL ?
			    strrchr(name, ' ') + 1 : name;
		}
		store_party_add(app->st, &p, fn, ln, ctl_str(o, "Company"),
		    accid[0] != '\0' ? accid : NULL);
		/* Owner: a user's key, else the first user (the rep). */
		accid[0] = '\0';
		if (ctl_str(o, "Owner") != NULL && store_party_find(app->st,
		    "User", ctl_str(o, "Owner"), &acc) == 0) {
			memcpy(accid, acc.id, sizeof accid);
			store_party_release(&acc);
		} else if (ctl_str(o, "Owner") == NULL &&
		    store_user_nth(app->st, 0, accid) != 0)
			accid[0] = '\0';
		if (strcmp(kind, "User") != 0 && accid[0] != '\0')
			store_party_owner(app->st, p.id, accid);
		if (strcmp(kind, "User") == 0 && ctl_str(o, "LocaleSidKey") !=
		    NULL)
			store_locale_set(app->st, p.id, ctl_str(o,
			    "LocaleSidKey"));
		if (map != NULL && p.key != NULL)
			cJSON_AddStringToObject(map, p.key, p.id);
		free(name);
		free(email);
		i++;
	}
	return (0);
}

/* Resolves a seed key of one of the kinds (space-separated) to an Id. */
static int
ctl_key(struct sfemu *app, const char *kinds, const char *key,
    char id[SFID_LEN + 1])
{
	struct party	 p;
	char		 kind[16];
	const char	*k = kinds, *sp;

	while (*k != '\0') {
		sp = strchr(k, ' ');
		snprintf(kind, sizeof kind, "%.*s",
		    (int)(sp != NULL ? sp - k : (long)strlen(k)), k);
		if (store_party_find(app->st, kind, key, &p) == 0) {
			memcpy(id, p.id, SFID_LEN + 1);
			store_party_release(&p);
			return (0);
		}
		if (sp == NULL)
			break;
		k = sp + 1;
	}
	return (-1);
}

/* Adds one seed task; its Id goes into out. */
static int
ctl_seed_task(struct sfemu *app, const cJSON *o, int i, long long now,
    char out[SFID_LEN + 1], char **cause)
{
	const char		*cols[24];
	struct soql_value	 v[24];
	char			 owner[SFID_LEN + 1], who[SFID_LEN + 1];
	char			 what[SFID_LEN + 1];
	const char		*key;
	const cJSON		*ad;
	size_t			 n = 0;
	long long		 created, modified;

#define SEED_STR(col, val) do {						\
	cols[n] = (col);						\
	obj_value_str(&v[n++], (val));					\
} while (0)
#define SEED_INT(col, t, val) do {					\
	cols[n] = (col);						\
	memset(&v[n], 0, sizeof v[n]);					\
	v[n].type = (t);						\
	v[n].i = (val);							\
	v[n].b = (int)(val);						\
	n++;								\
} while (0)

	key = ctl_str(o, "Owner");
	if ((key != NULL ? ctl_key(app, "User", key, owner) :
	    store_user_nth(app->st, 0, owner)) != 0) {
		*cause = xasprintf("seed: task %d: unknown Owner '%s'", i,
		    key != NULL ? key : "(default rep)");
		return (-1);
	}
	key = ctl_str(o, "Who");
	if (key != NULL && ctl_key(app, "Contact Lead", key, who) != 0) {
		*cause = xasprintf("seed: task %d: unknown Who '%s'", i, key);
		return (-1);
	}
	SEED_STR("whoid", key != NULL ? who : NULL);
	key = ctl_str(o, "What");
	if (key != NULL && ctl_key(app, "Account", key, what) != 0) {
		*cause = xasprintf("seed: task %d: unknown What '%s'", i, key);
		return (-1);
	}
	SEED_STR("whatid", key != NULL ? what : NULL);
	SEED_STR("ownerid", owner);
	SEED_STR("subject", ctl_str(o, "Subject"));
	SEED_STR("status", ctl_str(o, "Status") != NULL ?
	    ctl_str(o, "Status") : "Not Started");
	SEED_STR("priority", ctl_str(o, "Priority") != NULL ?
	    ctl_str(o, "Priority") : "Normal");
	SEED_STR("description", ctl_str(o, "Description"));
	SEED_STR("tasksubtype", ctl_str(o, "TaskSubtype") != NULL ?
	    ctl_str(o, "TaskSubtype") : "Task");
	SEED_STR("extkey", ctl_str(o, "TaskdeckKey__c"));
	SEED_STR("type", ctl_str(o, "Type"));
	SEED_INT("isrecurrence", SOQL_BOOL, cJSON_IsTrue(
	    cJSON_GetObjectItemCaseSensitive(o, "IsRecurrence")));
	ad = cJSON_GetObjectItemCaseSensitive(o, "ActivityDate");
	if (cJSON_IsNumber(ad))
		SEED_INT("activitydate", SOQL_DATE,
		    now / SFEMU_DAY_MS + (long long)ctl_num(o,
		    "ActivityDate", 0));
	else if (cJSON_IsString(ad)) {
		cols[n] = "activitydate";
		memset(&v[n], 0, sizeof v[n]);
		v[n].type = SOQL_DATE;
		if (util_parse_date(ad->valuestring, &v[n].i) != 0) {
			*cause = xasprintf("seed: task %d: bad ActivityDate",
			    i);
			return (-1);
		}
		n++;
	}
	created = now - (long long)(ctl_num(o, "CreatedDaysAgo", 0) *
	    SFEMU_DAY_MS);
	modified = now - (long long)(ctl_num(o, "LastModifiedDaysAgo",
	    ctl_num(o, "CreatedDaysAgo", 0)) * SFEMU_DAY_MS);
	SEED_INT("createddate", SOQL_DATETIME, created);
	SEED_STR("createdbyid", owner);
	SEED_INT("lastmodifieddate", SOQL_DATETIME, modified);
	SEED_INT("systemmodstamp", SOQL_DATETIME, modified);
	SEED_STR("lastmodifiedbyid", owner);
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o,
	    "DeletedDaysAgo"))) {
		SEED_INT("isdeleted", SOQL_BOOL, 1);
		SEED_INT("deleteddate", SOQL_DATETIME, now -
		    (long long)(ctl_num(o, "DeletedDaysAgo", 0) *
		    SFEMU_DAY_MS));
	}
#undef SEED_STR
#undef SEED_INT
	store_new_id(app->st, "00T", out);
	if (store_write(app->st, "tasks", 1, out, cols, v, n) != 0) {
		*cause = xasprintf("seed: task %d cannot be stored "
		    "(duplicate TaskdeckKey__c?)", i);
		return (-1);
	}
	return (0);
}

/* Applies the settings object of a seed or of POST /__sfemu/settings. */
static void
ctl_settings(struct sfemu *app, const cJSON *s)
{
	static const char	*flags[] = {
		"external_id", "rotate_refresh", "password_refresh"
	};
	const cJSON		*j, *arr, *e;
	const char		*lists[] = { "task_status", "task_priority",
		"task_type" };
	const char		*objs[] = { "TaskStatus", "TaskPriority",
		"TaskType" };
	const char		*labels[64];
	int			 fl[64];
	const char		*def;
	size_t			 i, n;

	for (i = 0; i < 3; i++) {
		j = cJSON_GetObjectItemCaseSensitive(s, flags[i]);
		if (cJSON_IsBool(j))
			store_set_int(app->st, flags[i], cJSON_IsTrue(j));
	}
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(s, "token_ttl")))
		store_set_int(app->st, "token_ttl",
		    (long long)ctl_num(s, "token_ttl", 7200));
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(s,
	    "device_interval")))
		store_set_int(app->st, "device_interval",
		    (long long)ctl_num(s, "device_interval", 5));
	if (ctl_str(s, "locale") != NULL)
		store_locale_set(app->st, NULL, ctl_str(s, "locale"));
	if (ctl_str(s, "sharing") != NULL)
		store_set_int(app->st, "sharing_private",
		    strcmp(ctl_str(s, "sharing"), "private") == 0);
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(s, "query_batch")))
		store_set_int(app->st, "query_batch",
		    (long long)ctl_num(s, "query_batch", 0));
	for (i = 0; i < 3; i++) {
		arr = cJSON_GetObjectItemCaseSensitive(s, lists[i]);
		if (!cJSON_IsArray(arr))
			continue;
		n = 0;
		def = NULL;
		cJSON_ArrayForEach(e, arr) {
			if (n == 64 || ctl_str(e, "label") == NULL)
				continue;
			labels[n] = ctl_str(e, "label");
			fl[n] = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e,
			    i == 0 ? "closed" : "high"));
			if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e,
			    "default")))
				def = labels[n];
			n++;
		}
		store_picklist_set(app->st, objs[i], labels, fl, n, def);
	}
}

int
ctl_seed(struct sfemu *app, const cJSON *seed, cJSON **result, char **cause)
{
	static const char	*arrays[] = {
		"users", "accounts", "contacts", "leads"
	};
	static const char	*kinds[] = {
		"User", "Account", "Contact", "Lead"
	};
	cJSON			*res, *map, *tids;
	const cJSON		*t;
	char			 id[SFID_LEN + 1];
	long long		 now;
	size_t			 i;
	int			 k = 0;

	if (!cJSON_IsObject(seed)) {
		*cause = xstrdup("seed: not a JSON object");
		return (-1);
	}
	store_exec(app->st, "BEGIN");
	res = cJSON_CreateObject();
	if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(seed, "settings")))
		ctl_settings(app, cJSON_GetObjectItemCaseSensitive(seed,
		    "settings"));
	for (i = 0; i < 4; i++) {
		map = cJSON_AddObjectToObject(res, arrays[i]);
		if (ctl_seed_parties(app, cJSON_GetObjectItemCaseSensitive(seed,
		    arrays[i]), kinds[i], map, cause) != 0)
			goto fail;
	}
	now = store_now(app->st);
	tids = cJSON_AddArrayToObject(res, "tasks");
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(seed, "tasks")) {
		if (ctl_seed_task(app, t, k++, now, id, cause) != 0)
			goto fail;
		cJSON_AddItemToArray(tids, cJSON_CreateString(id));
	}
	store_exec(app->st, "COMMIT");
	if (result != NULL)
		*result = res;
	else
		cJSON_Delete(res);
	return (0);
fail:
	store_exec(app->st, "ROLLBACK");
	cJSON_Delete(res);
	return (-1);
}

int
ctl_seed_file(struct sfemu *app, const char *path, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;
	cJSON		*j;
	int		 rc;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("cannot open seed %s", path);
		return (-1);
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	j = cJSON_ParseWithLength(b.data, b.len);
	buf_release(&b);
	if (j == NULL) {
		*cause = xasprintf("seed %s is not valid JSON", path);
		return (-1);
	}
	rc = ctl_seed(app, j, NULL, cause);
	cJSON_Delete(j);
	return (rc);
}

/* Picks a pseudo-random number below n (demo mode). */
static size_t
ctl_rand(struct sfctl *c, size_t n)
{
	c->rnd = c->rnd * 1103515245u + 12345u;
	return (n == 0 ? 0 : (size_t)((c->rnd >> 8) % n));
}

void
ctl_demo_step(struct sfemu *app)
{
	static const char	*subjects[] = {
		"Follow up on the pricing question",
		"Send the revised quote",
		"Call back about the pilot results",
		"Prepare the renewal proposal",
		"Confirm next week's meeting",
		"Share the implementation timeline"
	};
	const struct objdef	*task = obj_find("Task");
	const char		*cols[16];
	struct soql_value	 v[16];
	struct rec		**recs;
	struct rec		*r;
	char			 rep[SFID_LEN + 1], colleague[SFID_LEN + 1];
	char			 id[SFID_LEN + 1];
	size_t			 n, kind, nv = 0;
	long long		 now = store_now(app->st);

	if (store_user_nth(app->st, 0, rep) != 0)
		return;
	if (store_user_nth(app->st, 1, colleague) != 0)
		memcpy(colleague, rep, sizeof rep);
	if (store_load(app->st, task, "t.isdeleted = 0 AND t.ownerid = ?1 AND"
	    " t.status != 'Completed'", rep, NULL, &recs, &n) != 0)
		return;
	kind = n < 3 ? 0 : ctl_rand(app->ctl, 4);
	memset(v, 0, sizeof v);
	if (kind == 0) {
		cols[nv] = "subject";
		obj_value_str(&v[nv++], subjects[ctl_rand(app->ctl, 6)]);
		cols[nv] = "status";
		obj_value_str(&v[nv++], "Not Started");
		cols[nv] = "priority";
		obj_value_str(&v[nv++], ctl_rand(app->ctl, 3) ? "Normal" :
		    "High");
		cols[nv] = "ownerid";
		obj_value_str(&v[nv++], rep);
		cols[nv] = "tasksubtype";
		obj_value_str(&v[nv++], "Task");
		cols[nv] = "activitydate";
		v[nv].type = SOQL_DATE;
		v[nv++].i = now / SFEMU_DAY_MS +
		    (long long)ctl_rand(app->ctl, 2);
		cols[nv] = "createddate";
		v[nv].type = SOQL_DATETIME;
		v[nv++].i = now;
		cols[nv] = "createdbyid";
		obj_value_str(&v[nv++], colleague);
		store_new_id(app->st, "00T", id);
	} else {
		r = recs[ctl_rand(app->ctl, n)];
		memcpy(id, r->v[0].s, sizeof id);
		if (kind == 3) {
			store_task_delete(app->st, id, now, colleague);
			rec_free_array(recs, n);
			return;
		}
		if (kind == 1) {
			cols[nv] = "activitydate";
			v[nv].type = SOQL_DATE;
			v[nv++].i = now / SFEMU_DAY_MS + 1 +
			    (long long)ctl_rand(app->ctl, 3);
		} else {
			cols[nv] = "status";
			obj_value_str(&v[nv++], "Completed");
		}
	}
	nv = obj_stamp_write(cols, v, nv, now, colleague);
	store_write(app->st, "tasks", kind == 0, id, cols, v, nv);
	rec_free_array(recs, n);
}

/* GET /__sfemu/tasks: every task, deleted ones too, all fields. */
static void
ctl_tasks(struct sfemu *app, struct sfresp *resp)
{
	struct rec	**recs;
	size_t		  n, i;
	cJSON		 *arr;

	if (store_load(app->st, obj_find("Task"), NULL, NULL, NULL,
	    &recs, &n) != 0) {
		ctl_error(resp, "cannot load tasks");
		return;
	}
	arr = cJSON_CreateArray();
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, rec_json(recs[i],
		    SFEMU_API_VERSION, NULL, 0, 1, 1));
	rec_free_array(recs, n);
	resp_json(resp, 200, arr);
}

/* GET/POST /__sfemu/clock. */
static void
ctl_clock(struct sfemu *app, const cJSON *body, struct sfresp *resp)
{
	cJSON		*o;
	const char	*set;
	char		 tmp[40];
	long long	 ms;

	if (body != NULL) {
		set = ctl_str(body, "set");
		if (set != NULL) {
			if (util_parse_datetime(set, &ms) != 0) {
				ctl_error(resp, "clock: bad date-time");
				return;
			}
			store_clock_set(app->st, ms);
		}
		store_clock_move(app->st, (long long)(ctl_num(body,
		    "advance_ms", 0) + ctl_num(body, "advance_seconds", 0) *
		    1000 + ctl_num(body, "advance_days", 0) * SFEMU_DAY_MS));
	}
	ms = store_now(app->st);
	o = cJSON_CreateObject();
	util_fmt_datetime(ms, tmp, sizeof tmp);
	cJSON_AddStringToObject(o, "now", tmp);
	cJSON_AddNumberToObject(o, "ms", (double)ms);
	resp_json(resp, 200, o);
}

/* POST /__sfemu/faults: arms a fault. */
static void
ctl_fault_add(struct sfemu *app, const cJSON *b, struct sfresp *resp)
{
	static const struct {
		const char	*name;
		enum fault_kind	 kind;
	} kinds[] = {
		{ "status", FAULT_STATUS }, { "latency", FAULT_LATENCY },
		{ "drop", FAULT_DROP }, { "truncate", FAULT_TRUNCATE },
		{ "applied_drop", FAULT_APPLIED_DROP }
	};
	struct sfctl	*c = app->ctl;
	struct armed	*a;
	const char	*kind, *body;
	size_t		 i;

	kind = ctl_str(b, "kind");
	for (i = 0; kind != NULL && i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(kinds[i].name, kind) == 0)
			break;
	}
	if (kind == NULL || i == sizeof kinds / sizeof kinds[0]) {
		ctl_error(resp, "faults: kind must be status, latency, drop, "
		    "truncate or applied_drop");
		return;
	}
	if (c->nfaults == CTL_MAX_FAULTS) {
		ctl_error(resp, "faults: too many armed");
		return;
	}
	a = &c->faults[c->nfaults++];
	memset(a, 0, sizeof *a);
	a->method = xstrdup(ctl_str(b, "method") != NULL ?
	    ctl_str(b, "method") : "*");
	a->prefix = xstrdup(ctl_str(b, "path") != NULL ? ctl_str(b, "path") :
	    "/");
	a->left = (int)ctl_num(b, "count", 1);
	a->f.kind = kinds[i].kind;
	a->f.status = (int)ctl_num(b, "status", 503);
	a->f.latency_ms = (long)ctl_num(b, "latency_ms", 0);
	body = ctl_str(b, "body");
	if (body == NULL && a->f.kind == FAULT_STATUS)
		body = "[{\"message\":\"Service Unavailable\","
		    "\"errorCode\":\"SERVER_UNAVAILABLE\"}]";
	a->f.body = body != NULL ? xstrdup(body) : NULL;
	resp->status = 201;
	buf_adds(&resp->body, "{\"armed\":true}");
}

/* GET /__sfemu/calls. */
static void
ctl_calls(struct sfemu *app, struct sfresp *resp)
{
	struct sfctl	*c = app->ctl;
	cJSON		*o;
	size_t		 i;

	o = cJSON_CreateObject();
	for (i = 0; i < c->ncalls; i++)
		cJSON_AddNumberToObject(o, c->calls[i].endpoint,
		    (double)c->calls[i].n);
	resp_json(resp, 200, o);
}

/* GET/POST /__sfemu/limits. */
static void
ctl_limits(struct sfemu *app, const cJSON *b, struct sfresp *resp)
{
	cJSON		*o;
	long long	 limit, usage;

	if (b != NULL)
		rest_limits_set(app, (long long)ctl_num(b, "limit", -1),
		    (long long)ctl_num(b, "usage", -1));
	rest_limits_get(app, &limit, &usage);
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "limit", (double)limit);
	cJSON_AddNumberToObject(o, "usage", (double)usage);
	resp_json(resp, 200, o);
}

/* POST /__sfemu/device/approve {"user_code", "user", "deny"}. */
static void
ctl_approve(struct sfemu *app, const cJSON *b, struct sfresp *resp)
{
	struct party	 p;
	const char	*user;

	user = ctl_str(b, "user");
	memset(&p, 0, sizeof p);
	if (user != NULL ? store_party_find(app->st, "User", user, &p) != 0 :
	    store_user_nth(app->st, 0, p.id) != 0) {
		ctl_error(resp, "device: unknown user");
		return;
	}
	if (ctl_str(b, "user_code") == NULL ||
	    store_device_approve(app->st, ctl_str(b, "user_code"), p.id,
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "deny"))) != 0)
		ctl_error(resp, "device: unknown or used user_code");
	else {
		resp->status = 200;
		buf_adds(&resp->body, "{\"approved\":true}");
	}
	store_party_release(&p);
}

/* POST /__sfemu/token {"user"}: a session for a user, no OAuth dance. */
static void
ctl_token(struct sfemu *app, const cJSON *b, struct sfresp *resp)
{
	struct party	 p;
	cJSON		*o;
	char		*tok;
	const char	*user = b != NULL ? ctl_str(b, "user") : NULL;
	char		 id[SFID_LEN + 1];

	if (user != NULL) {
		if (store_party_find(app->st, "User", user, &p) != 0) {
			ctl_error(resp, "token: unknown user");
			return;
		}
		memcpy(id, p.id, sizeof id);
		store_party_release(&p);
	} else if (store_user_nth(app->st, 0, id) != 0) {
		ctl_error(resp, "token: no users seeded");
		return;
	}
	tok = oauth_issue(app, id);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "access_token", tok);
	cJSON_AddStringToObject(o, "instance_url", app->base);
	cJSON_AddStringToObject(o, "user_id", id);
	resp_json(resp, 200, o);
	free(tok);
}

void
ctl_handle(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	const char	*what = req->path + strlen(SFEMU_CTL_PREFIX);
	const char	*m = req->method;
	cJSON		*body = NULL, *res = NULL;
	char		*cause = NULL;
	int		 post = strcmp(m, "POST") == 0;

	if (req->bodylen > 0) {
		body = cJSON_ParseWithLength(req->body, req->bodylen);
		if (body == NULL) {
			ctl_error(resp, "body is not valid JSON");
			return;
		}
	}
	if (strcmp(what, "reset") == 0 && post) {
		store_reset(app->st);
		rest_reset(app);
		ctl_faults_clear(app->ctl);
		ctl_calls_clear(app->ctl);
		resp->status = 204;
	} else if (strcmp(what, "seed") == 0 && post) {
		if (ctl_seed(app, body, &res, &cause) != 0) {
			ctl_error(resp, cause);
			free(cause);
		} else
			resp_json(resp, 200, res);
	} else if (strcmp(what, "tasks") == 0)
		ctl_tasks(app, resp);
	else if (strcmp(what, "clock") == 0)
		ctl_clock(app, post ? body : NULL, resp);
	else if (strcmp(what, "expire-sessions") == 0 && post) {
		store_tokens_expire(app->st, body != NULL && cJSON_IsTrue(
		    cJSON_GetObjectItemCaseSensitive(body, "refresh")));
		resp->status = 204;
	} else if (strcmp(what, "emptybin") == 0 && post) {
		/* A user empties the recycle bin: every deleted task is
		 * purged now, and the deleted-records feed starts there. */
		store_purge(app->st, store_now(app->st) + 15 * SFEMU_DAY_MS);
		resp->status = 204;
	} else if (strcmp(what, "device/approve") == 0 && post && body)
		ctl_approve(app, body, resp);
	else if (strcmp(what, "limits") == 0)
		ctl_limits(app, post ? body : NULL, resp);
	else if (strcmp(what, "faults") == 0 && post && body != NULL)
		ctl_fault_add(app, body, resp);
	else if (strcmp(what, "faults") == 0 && strcmp(m, "DELETE") == 0) {
		ctl_faults_clear(app->ctl);
		resp->status = 204;
	} else if (strcmp(what, "calls") == 0 && strcmp(m, "DELETE") == 0) {
		ctl_calls_clear(app->ctl);
		resp->status = 204;
	} else if (strcmp(what, "calls") == 0)
		ctl_calls(app, resp);
	else if (strcmp(what, "settings") == 0 && post && body != NULL) {
		ctl_settings(app, body);
		resp->status = 204;
	} else if (strcmp(what, "token") == 0 && post)
		ctl_token(app, body, resp);
	else if (strcmp(what, "demo-step") == 0 && post) {
		ctl_demo_step(app);
		resp->status = 204;
	} else {
		resp->status = 404;
		buf_adds(&resp->body,
		    "{\"error\":\"no such control endpoint\"}");
	}
	if (resp->ctype == NULL)
		resp->ctype = "application/json";
	cJSON_Delete(body);
}
