/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * SQLite state of the emulator.  One connection, used under the HTTP
 * layer's lock.  Tasks keep their deletion in the row (IsDeleted,
 * DeletedDate) until store_purge() removes them after the 15 days of the
 * recycle bin; the latest purge is the horizon that /deleted/ reports as
 * earliestDateAvailable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buf.h"
#include "log.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "person.h"
#include "xmalloc.h"

struct sfstore {
	sqlite3			*db;
	long long		 offset;	/* clock offset, ms */
	unsigned long long	 seq;		/* next Id sequence */
	char			 org[SFID_LEN + 1];
	int			 name_lf;	/* names: last name first */
	char			 viewer[SFID_LEN + 1];	/* the caller */
	store_chg_fn		 chg;		/* task writes: the CDC log */
	void			*chg_arg;
};

static const char store_schema[] =
    "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v);"
    "CREATE TABLE IF NOT EXISTS parties (seq INTEGER PRIMARY KEY,"
    " id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, key TEXT, name TEXT,"
    " firstname TEXT, lastname TEXT, company TEXT, accountid TEXT,"
    " username TEXT, password TEXT, email TEXT, ownerid TEXT,"
    " isdeleted INTEGER DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS picklist (id TEXT PRIMARY KEY,"
    " obj TEXT NOT NULL, label TEXT NOT NULL, isclosed INTEGER DEFAULT 0,"
    " ishigh INTEGER DEFAULT 0, isdefault INTEGER DEFAULT 0,"
    " sortorder INTEGER);"
    "CREATE UNIQUE INDEX IF NOT EXISTS picklist_label ON picklist(obj, label);"
    "CREATE TABLE IF NOT EXISTS tasks (seq INTEGER PRIMARY KEY,"
    " id TEXT UNIQUE NOT NULL, subject TEXT, status TEXT, priority TEXT,"
    " activitydate TEXT, description TEXT, ownerid TEXT, whoid TEXT,"
    " whatid TEXT, tasksubtype TEXT, isrecurrence INTEGER DEFAULT 0,"
    " isdeleted INTEGER DEFAULT 0, createddate INTEGER, createdbyid TEXT,"
    " lastmodifieddate INTEGER, lastmodifiedbyid TEXT,"
    " systemmodstamp INTEGER, deleteddate INTEGER, extkey TEXT, type TEXT);"
    "CREATE UNIQUE INDEX IF NOT EXISTS tasks_extkey ON tasks(extkey)"
    " WHERE isdeleted = 0;"
    "CREATE INDEX IF NOT EXISTS tasks_mod ON tasks(systemmodstamp);"
    "CREATE INDEX IF NOT EXISTS tasks_del ON tasks(isdeleted, deleteddate);"
    "CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY,"
    " kind TEXT NOT NULL, userid TEXT NOT NULL, grantid TEXT NOT NULL,"
    " expires INTEGER NOT NULL, revoked INTEGER DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS devices (code TEXT PRIMARY KEY,"
    " user_code TEXT UNIQUE, userid TEXT, created INTEGER,"
    " last_poll INTEGER DEFAULT 0, used INTEGER DEFAULT 0,"
    " denied INTEGER DEFAULT 0);";

/* The default picklists of a new org, as in a Developer Edition org. */
static const char *store_status_labels[] = {
	"Not Started", "In Progress", "Completed", "Waiting on someone else",
	"Deferred"
};
static const int store_status_closed[] = { 0, 0, 1, 0, 0 };
static const char *store_priority_labels[] = { "High", "Normal", "Low" };
static const int store_priority_high[] = { 1, 0, 0 };
/* Task.Type's values in a new org (object reference: "such as Call"). */
static const char *store_type_labels[] = { "Call", "Email", "Meeting",
	"Other" };
static const int store_type_flags[] = { 0, 0, 0, 0 };

/* Columns added since the first schema, for a --db file that lacks them. */
static const char *store_added[] = {
	"ALTER TABLE parties ADD COLUMN ownerid TEXT",
	"ALTER TABLE parties ADD COLUMN isdeleted INTEGER DEFAULT 0",
	"ALTER TABLE tasks ADD COLUMN type TEXT",
};

/* Prepares sql, dying on a programming error. */
static sqlite3_stmt *
store_prep(struct sfstore *st, const char *sql)
{
	sqlite3_stmt	*s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		fatal("sfemu store: %s: %s", sqlite3_errmsg(st->db), sql);
	return (s);
}

/* Binds a string or NULL. */
static void
store_bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Copies a text column, or NULL. */
static char *
store_col_str(sqlite3_stmt *s, int i)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	return (t != NULL ? xstrdup((const char *)t) : NULL);
}

int
store_exec(struct sfstore *st, const char *sql)
{
	int	rc;

	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	/* Change events are published at commit, dropped on rollback. */
	if (st->chg != NULL && strcmp(sql, "COMMIT") == 0)
		st->chg(st->chg_arg, STORE_CHG_COMMIT, NULL, NULL, 0, 0);
	else if (st->chg != NULL && strcmp(sql, "ROLLBACK") == 0)
		st->chg(st->chg_arg, STORE_CHG_ROLLBACK, NULL, NULL, 0, 0);
	return (rc);
}

void
store_on_change(struct sfstore *st, store_chg_fn fn, void *arg)
{
	st->chg = fn;
	st->chg_arg = arg;
}

long long
store_get_int(struct sfstore *st, const char *key, long long def)
{
	sqlite3_stmt	*s;
	long long	 v = def;

	s = store_prep(st, "SELECT v FROM meta WHERE k = ?1");
	store_bind_str(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return (v);
}

void
store_set_int(struct sfstore *st, const char *key, long long v)
{
	sqlite3_stmt	*s;

	s = store_prep(st,
	    "INSERT OR REPLACE INTO meta (k, v) VALUES (?1, ?2)");
	store_bind_str(s, 1, key);
	sqlite3_bind_int64(s, 2, v);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

/* Reads a text setting into out, or leaves out empty. */
static void
store_get_str(struct sfstore *st, const char *key, char *out, size_t len)
{
	sqlite3_stmt	*s;

	out[0] = '\0';
	s = store_prep(st, "SELECT v FROM meta WHERE k = ?1");
	store_bind_str(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_text(s, 0) != NULL)
		snprintf(out, len, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* Stores a text setting. */
static void
store_set_str(struct sfstore *st, const char *key, const char *v)
{
	sqlite3_stmt	*s;

	s = store_prep(st,
	    "INSERT OR REPLACE INTO meta (k, v) VALUES (?1, ?2)");
	store_bind_str(s, 1, key);
	store_bind_str(s, 2, v);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

void
store_locale_set(struct sfstore *st, const char *userid, const char *locale)
{
	char	key[SFID_LEN + 16];

	snprintf(key, sizeof key, "locale%s%s", userid != NULL ? ":" : "",
	    userid != NULL ? userid : "");
	store_set_str(st, key, locale);
}

void
store_locale(struct sfstore *st, const char *userid, char *out, size_t len)
{
	char	key[SFID_LEN + 16];

	snprintf(key, sizeof key, "locale:%s", userid != NULL ? userid : "");
	store_get_str(st, key, out, len);
	if (out[0] == '\0')
		store_get_str(st, "locale", out, len);
	if (out[0] == '\0')
		snprintf(out, len, "%s", "en_US");
}

void
store_name_order(struct sfstore *st, const char *locale)
{
	st->name_lf = person_last_first(locale);
}

void
store_viewer(struct sfstore *st, const char *userid)
{
	snprintf(st->viewer, sizeof st->viewer, "%s",
	    userid != NULL ? userid : "");
}

sqlite3 *
store_sqlite(struct sfstore *st)
{
	return (st->db);
}

/*
 * SQL sf_name(first, last, name): a person's Name in the reader's order
 * (Salesforce Help, "Locales Overview": the locale sets the display
 * format of names).  Last name first for Chinese, Japanese, Korean and
 * Hungarian locales, with no space between two names written in CJK
 * characters; otherwise the stored "First Last".
 */
static void
store_sql_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct sfstore		*st = sqlite3_user_data(ctx);
	const unsigned char	*first, *last;
	char			*s;

	(void)argc;
	first = sqlite3_value_text(argv[0]);
	last = sqlite3_value_text(argv[1]);
	if (!st->name_lf || first == NULL || last == NULL || *first == '\0') {
		sqlite3_result_value(ctx, argv[2]);
		return;
	}
	s = person_name((const char *)first, (const char *)last, 1);
	sqlite3_result_text(ctx, s, -1, free);
}

void
store_new_id(struct sfstore *st, const char *prefix, char out[SFID_LEN + 1])
{
	sfid_make(out, prefix, st->seq++);
	store_set_int(st, "seq", (long long)st->seq);
}

const char *
store_org(struct sfstore *st)
{
	return (st->org);
}

long long
store_now(struct sfstore *st)
{
	return (util_real_ms() + st->offset);
}

void
store_clock_set(struct sfstore *st, long long ms)
{
	st->offset = ms - util_real_ms();
	store_set_int(st, "clock_offset", st->offset);
}

void
store_clock_move(struct sfstore *st, long long delta)
{
	st->offset += delta;
	store_set_int(st, "clock_offset", st->offset);
}

void
store_picklist_set(struct sfstore *st, const char *obj,
    const char *const *labels, const int *flags, size_t n, const char *def)
{
	sqlite3_stmt	*s;
	char		 id[SFID_LEN + 1];
	size_t		 i;
	int		 high = strcmp(obj, "TaskPriority") == 0;

	s = store_prep(st, "DELETE FROM picklist WHERE obj = ?1");
	store_bind_str(s, 1, obj);
	sqlite3_step(s);
	sqlite3_finalize(s);
	s = store_prep(st, "INSERT INTO picklist (id, obj, label, isclosed,"
	    " ishigh, isdefault, sortorder)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	for (i = 0; i < n; i++) {
		store_new_id(st, high ? "01K" : "01J", id);
		store_bind_str(s, 1, id);
		store_bind_str(s, 2, obj);
		store_bind_str(s, 3, labels[i]);
		sqlite3_bind_int(s, 4, high ? 0 : flags[i]);
		sqlite3_bind_int(s, 5, high ? flags[i] : 0);
		sqlite3_bind_int(s, 6, def != NULL &&
		    strcmp(def, labels[i]) == 0);
		sqlite3_bind_int(s, 7, (int)i + 1);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
}

char **
store_picklist(struct sfstore *st, const char *obj, size_t *n, char **def)
{
	sqlite3_stmt	*s;
	char		**v = NULL;

	*n = 0;
	if (def != NULL)
		*def = NULL;
	s = store_prep(st, "SELECT label, isdefault FROM picklist"
	    " WHERE obj = ?1 ORDER BY sortorder");
	store_bind_str(s, 1, obj);
	while (sqlite3_step(s) == SQLITE_ROW) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = store_col_str(s, 0);
		if (def != NULL && *def == NULL && sqlite3_column_int(s, 1))
			*def = xstrdup(v[*n - 1]);
	}
	sqlite3_finalize(s);
	return (v);
}

void
store_picklist_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
store_reset(struct sfstore *st)
{
	char	 org[SFID_LEN + 1];
	long long now;

	store_exec(st, "BEGIN");
	store_exec(st, "DELETE FROM meta; DELETE FROM parties;"
	    " DELETE FROM picklist; DELETE FROM tasks; DELETE FROM tokens;"
	    " DELETE FROM devices");
	st->offset = 0;
	st->seq = 1;
	store_new_id(st, "00D", org);
	memcpy(st->org, org, sizeof org);
	store_set_str(st, "org", org);
	now = store_now(st);
	/* Nothing has been purged yet: the log reaches back to creation. */
	store_set_int(st, "purge_horizon", now);
	store_picklist_set(st, "TaskStatus", store_status_labels,
	    store_status_closed, 5, "Not Started");
	store_picklist_set(st, "TaskPriority", store_priority_labels,
	    store_priority_high, 3, "Normal");
	store_picklist_set(st, "TaskType", store_type_labels,
	    store_type_flags, 4, NULL);
	store_exec(st, "COMMIT");
}

struct sfstore *
store_open(const char *path, char **cause)
{
	struct sfstore	*st;
	char		*err = NULL, **vals;
	size_t		 i;

	st = xcalloc(1, sizeof *st);
	if (sqlite3_open_v2(path != NULL && *path != '\0' ? path : ":memory:",
	    &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf("cannot open %s: %s", path,
		    sqlite3_errmsg(st->db));
		sqlite3_close(st->db);
		free(st);
		return (NULL);
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_create_function(st->db, "sf_name", 3, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, st, store_sql_name, NULL, NULL);
	if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL;", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, store_schema, NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("cannot create schema in %s: %s",
		    path != NULL ? path : ":memory:",
		    err != NULL ? err : sqlite3_errmsg(st->db));
		sqlite3_free(err);
		sqlite3_close(st->db);
		free(st);
		return (NULL);
	}
	for (i = 0; i < sizeof store_added / sizeof store_added[0]; i++)
		sqlite3_exec(st->db, store_added[i], NULL, NULL, NULL);
	store_get_str(st, "org", st->org, sizeof st->org);
	if (st->org[0] == '\0')
		store_reset(st);
	else {
		st->seq = (unsigned long long)store_get_int(st, "seq", 1);
		st->offset = store_get_int(st, "clock_offset", 0);
		/* An org made before Task.Type had no values for it. */
		vals = store_picklist(st, "TaskType", &i, NULL);
		store_picklist_free(vals, i);
		if (i == 0)
			store_picklist_set(st, "TaskType", store_type_labels,
			    store_type_flags, 4, NULL);
	}
	return (st);
}

void
store_free(struct sfstore *st)
{
	if (st == NULL)
		return;
	sqlite3_close(st->db);
	free(st);
}

int
store_party_add(struct sfstore *st, struct party *p, const char *firstname,
    const char *lastname, const char *company, const char *accountid)
{
	sqlite3_stmt	*s;
	const char	*prefix;
	int		 rc;

	if (strcmp(p->kind, "User") == 0)
		prefix = "005";
	else if (strcmp(p->kind, "Account") == 0)
		prefix = "001";
	else if (strcmp(p->kind, "Contact") == 0)
		prefix = "003";
	else
		prefix = "00Q";
	store_new_id(st, prefix, p->id);
	s = store_prep(st, "INSERT INTO parties (id, kind, key, name,"
	    " firstname, lastname, company, accountid, username, password,"
	    " email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	store_bind_str(s, 1, p->id);
	store_bind_str(s, 2, p->kind);
	store_bind_str(s, 3, p->key);
	store_bind_str(s, 4, p->name);
	store_bind_str(s, 5, firstname);
	store_bind_str(s, 6, lastname);
	store_bind_str(s, 7, company);
	store_bind_str(s, 8, accountid);
	store_bind_str(s, 9, p->username);
	store_bind_str(s, 10, p->password);
	store_bind_str(s, 11, p->email);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return (rc);
}

int
store_party_find(struct sfstore *st, const char *kind, const char *what,
    struct party *p)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	memset(p, 0, sizeof *p);
	s = store_prep(st, "SELECT id, kind, key, name, username, password,"
	    " email, firstname, lastname FROM parties WHERE (?1 IS NULL OR"
	    " kind = ?1) AND (id = ?2 OR key = ?2 OR username = ?2)"
	    " ORDER BY seq LIMIT 1");
	store_bind_str(s, 1, kind);
	store_bind_str(s, 2, what);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(p->id, sizeof p->id, "%s", sqlite3_column_text(s, 0));
		snprintf(p->kind, sizeof p->kind, "%s",
		    sqlite3_column_text(s, 1));
		p->key = store_col_str(s, 2);
		p->name = store_col_str(s, 3);
		p->username = store_col_str(s, 4);
		p->password = store_col_str(s, 5);
		p->email = store_col_str(s, 6);
		p->firstname = store_col_str(s, 7);
		p->lastname = store_col_str(s, 8);
		rc = 0;
	}
	sqlite3_finalize(s);
	return (rc);
}

void
store_party_release(struct party *p)
{
	free(p->key);
	free(p->name);
	free(p->username);
	free(p->password);
	free(p->email);
	free(p->firstname);
	free(p->lastname);
	memset(p, 0, sizeof *p);
}

int
store_user_nth(struct sfstore *st, int n, char id[SFID_LEN + 1])
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	s = store_prep(st, "SELECT id FROM parties WHERE kind = 'User'"
	    " ORDER BY seq LIMIT 1 OFFSET ?1");
	sqlite3_bind_int(s, 1, n);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(id, SFID_LEN + 1, "%s", sqlite3_column_text(s, 0));
		rc = 0;
	}
	sqlite3_finalize(s);
	return (rc);
}

char *
store_token_issue(struct sfstore *st, const char *kind, const char *userid,
    const char *grant, long long expires)
{
	sqlite3_stmt	*s;
	char		 rnd[100];
	char		*tok;

	if (strcmp(kind, "access") == 0) {
		/* Access tokens look like Salesforce's: org Id, "!", opaque. */
		util_random_alnum(rnd, 96);
		tok = xasprintf("%.15s!AQ%s", st->org, rnd);
	} else {
		util_random_alnum(rnd, 83);
		tok = xasprintf("5Aep861%s", rnd);
	}
	s = store_prep(st, "INSERT INTO tokens (token, kind, userid, grantid,"
	    " expires) VALUES (?1, ?2, ?3, ?4, ?5)");
	store_bind_str(s, 1, tok);
	store_bind_str(s, 2, kind);
	store_bind_str(s, 3, userid);
	store_bind_str(s, 4, grant);
	sqlite3_bind_int64(s, 5, expires);
	sqlite3_step(s);
	sqlite3_finalize(s);
	return (tok);
}

int
store_token_check(struct sfstore *st, const char *kind, const char *token,
    char userid[SFID_LEN + 1], char *grant, size_t grantlen)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	s = store_prep(st, "SELECT userid, grantid FROM tokens WHERE"
	    " token = ?1 AND kind = ?2 AND revoked = 0 AND"
	    " (expires = 0 OR expires > ?3)");
	store_bind_str(s, 1, token);
	store_bind_str(s, 2, kind);
	sqlite3_bind_int64(s, 3, store_now(st));
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(userid, SFID_LEN + 1, "%s", sqlite3_column_text(s, 0));
		if (grant != NULL)
			snprintf(grant, grantlen, "%s",
			    sqlite3_column_text(s, 1));
		rc = 0;
	}
	sqlite3_finalize(s);
	return (rc);
}

void
store_token_revoke_grant(struct sfstore *st, const char *grant)
{
	sqlite3_stmt	*s;

	s = store_prep(st, "UPDATE tokens SET revoked = 1 WHERE grantid = ?1");
	store_bind_str(s, 1, grant);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

void
store_tokens_expire(struct sfstore *st, int refresh)
{
	store_exec(st, refresh ? "UPDATE tokens SET revoked = 1" :
	    "UPDATE tokens SET revoked = 1 WHERE kind = 'access'");
}

void
store_device_add(struct sfstore *st, const char *code, const char *user_code)
{
	sqlite3_stmt	*s;

	s = store_prep(st, "INSERT INTO devices (code, user_code, created)"
	    " VALUES (?1, ?2, ?3)");
	store_bind_str(s, 1, code);
	store_bind_str(s, 2, user_code);
	sqlite3_bind_int64(s, 3, store_now(st));
	sqlite3_step(s);
	sqlite3_finalize(s);
}

int
store_device_get(struct sfstore *st, const char *code, struct device *d)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	memset(d, 0, sizeof *d);
	s = store_prep(st, "SELECT userid, created, last_poll, used, denied"
	    " FROM devices WHERE code = ?1");
	store_bind_str(s, 1, code);
	if (sqlite3_step(s) == SQLITE_ROW) {
		if (sqlite3_column_text(s, 0) != NULL)
			snprintf(d->userid, sizeof d->userid, "%s",
			    sqlite3_column_text(s, 0));
		d->created = sqlite3_column_int64(s, 1);
		d->last_poll = sqlite3_column_int64(s, 2);
		d->used = sqlite3_column_int(s, 3);
		d->denied = sqlite3_column_int(s, 4);
		rc = 0;
	}
	sqlite3_finalize(s);
	return (rc);
}

void
store_device_touch(struct sfstore *st, const char *code, int used)
{
	sqlite3_stmt	*s;

	s = store_prep(st, "UPDATE devices SET last_poll = ?2,"
	    " used = MAX(used, ?3) WHERE code = ?1");
	store_bind_str(s, 1, code);
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int(s, 3, used);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

int
store_device_approve(struct sfstore *st, const char *user_code,
    const char *userid, int deny)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_prep(st, "UPDATE devices SET userid = ?2, denied = ?3"
	    " WHERE user_code = ?1 AND used = 0");
	store_bind_str(s, 1, user_code);
	store_bind_str(s, 2, userid);
	sqlite3_bind_int(s, 3, deny);
	sqlite3_step(s);
	rc = sqlite3_changes(st->db) == 1 ? 0 : -1;
	sqlite3_finalize(s);
	return (rc);
}

/* Reads column i of s into v as field type t (strings are copied). */
static void
store_col_value(sqlite3_stmt *s, int i, enum soql_type t,
    struct soql_value *v)
{
	const unsigned char	*txt;

	memset(v, 0, sizeof *v);
	if (sqlite3_column_type(s, i) == SQLITE_NULL) {
		v->type = SOQL_NULL;
		return;
	}
	v->type = t;
	switch (t) {
	case SOQL_STRING:
		txt = sqlite3_column_text(s, i);
		v->s = xstrdup(txt != NULL ? (const char *)txt : "");
		break;
	case SOQL_NUMBER:
		v->n = sqlite3_column_double(s, i);
		break;
	case SOQL_BOOL:
		v->b = sqlite3_column_int(s, i) != 0;
		break;
	case SOQL_DATE:
		txt = sqlite3_column_text(s, i);
		if (txt == NULL ||
		    util_parse_date((const char *)txt, &v->i) != 0)
			v->type = SOQL_NULL;
		break;
	case SOQL_DATETIME:
		v->i = sqlite3_column_int64(s, i);
		break;
	case SOQL_NULL:
		break;
	}
}

int
store_load(struct sfstore *st, const struct objdef *obj, const char *cond,
    const char *arg, const unsigned char *need, struct rec ***recs, size_t *n)
{
	struct buf	 sql;
	sqlite3_stmt	*s;
	struct rec	*r;
	size_t		 i, cap = 0;

	buf_init(&sql);
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < obj->nfields; i++)
		buf_addf(&sql, "%s%s", i ? ", " : "", need == NULL ||
		    need[i] ? obj->fields[i].expr : "NULL");
	buf_addf(&sql, " FROM %s WHERE (%s)", obj->from,
	    strcmp(obj->name, "Task") == 0 ? "1" : obj->live);
	/*
	 * A Private sharing model: a user reads the accounts, contacts and
	 * leads they own ("SOSL Limits": users see only records they have
	 * access to).  The viewer is an Id the emulator made.
	 */
	if (obj->kind != NULL && st->viewer[0] != '\0' &&
	    store_get_int(st, "sharing_private", 0))
		buf_addf(&sql, " AND (p.ownerid IS NULL OR p.ownerid = '%s')",
		    st->viewer);
	if (cond != NULL)
		buf_addf(&sql, " AND (%s)", cond);
	buf_addf(&sql, " ORDER BY %s", obj->order);
	if (sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK) {
		buf_release(&sql);
		return (-1);
	}
	buf_release(&sql);
	if (arg != NULL)
		store_bind_str(s, 1, arg);
	*recs = NULL;
	*n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		r = xmalloc(sizeof *r);
		r->obj = obj;
		r->v = xcalloc(obj->nfields, sizeof *r->v);
		for (i = 0; i < obj->nfields; i++)
			store_col_value(s, (int)i, obj->fields[i].type,
			    &r->v[i]);
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*recs = xreallocarray(*recs, cap, sizeof **recs);
		}
		(*recs)[(*n)++] = r;
	}
	sqlite3_finalize(s);
	return (0);
}

struct rec *
store_load_one(struct sfstore *st, const struct objdef *obj, const char *id)
{
	struct rec	**recs, *r = NULL;
	size_t		  n;
	char		  cond[64];

	snprintf(cond, sizeof cond, "%s = ?1", obj->fields[0].expr);
	if (store_load(st, obj, cond, id, NULL, &recs, &n) != 0)
		return (NULL);
	if (n > 0) {
		r = recs[0];
		recs[0] = NULL;
	}
	rec_free_array(recs, n);
	return (r);
}

/* Binds v (in its SOQL type) as parameter i. */
static void
store_bind_value(sqlite3_stmt *s, int i, const struct soql_value *v)
{
	char	tmp[16];

	switch (v->type) {
	case SOQL_NULL:
		sqlite3_bind_null(s, i);
		break;
	case SOQL_STRING:
		store_bind_str(s, i, v->s);
		break;
	case SOQL_NUMBER:
		sqlite3_bind_double(s, i, v->n);
		break;
	case SOQL_BOOL:
		sqlite3_bind_int(s, i, v->b);
		break;
	case SOQL_DATE:
		util_fmt_date(v->i, tmp, sizeof tmp);
		store_bind_str(s, i, tmp);
		break;
	case SOQL_DATETIME:
		sqlite3_bind_int64(s, i, v->i);
		break;
	}
}

int
store_write(struct sfstore *st, const char *table, int insert,
    const char *id, const char *const *cols, const struct soql_value *vals,
    size_t n)
{
	struct buf	 sql;
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc;

	buf_init(&sql);
	if (insert) {
		buf_addf(&sql, "INSERT INTO %s (id", table);
		for (i = 0; i < n; i++)
			buf_addf(&sql, ", %s", cols[i]);
		buf_adds(&sql, ") VALUES (?1");
		for (i = 0; i < n; i++)
			buf_addf(&sql, ", ?%zu", i + 2);
		buf_adds(&sql, ")");
	} else {
		if (n == 0) {
			buf_release(&sql);
			return (0);
		}
		buf_addf(&sql, "UPDATE %s SET ", table);
		for (i = 0; i < n; i++)
			buf_addf(&sql, "%s%s = ?%zu", i ? ", " : "", cols[i],
			    i + 2);
		buf_adds(&sql, " WHERE id = ?1");
	}
	s = store_prep(st, sql.data);
	buf_release(&sql);
	store_bind_str(s, 1, id);
	for (i = 0; i < n; i++)
		store_bind_value(s, (int)i + 2, &vals[i]);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE && st->chg != NULL && strcmp(table, "tasks") == 0)
		st->chg(st->chg_arg, insert ? STORE_CHG_CREATE :
		    STORE_CHG_UPDATE, id, cols, n,
		    !sqlite3_get_autocommit(st->db));
	if (rc == SQLITE_DONE)
		return (0);
	return (rc == SQLITE_CONSTRAINT ? -2 : -1);
}

void
store_task_delete(struct sfstore *st, const char *id, long long now,
    const char *userid)
{
	sqlite3_stmt	*s;

	/*
	 * A delete does not change LastModifiedDate in Salesforce, but it
	 * does bump SystemModstamp.
	 */
	s = store_prep(st, "UPDATE tasks SET isdeleted = 1, deleteddate = ?2,"
	    " systemmodstamp = ?2, lastmodifiedbyid = COALESCE(?3,"
	    " lastmodifiedbyid) WHERE id = ?1");
	store_bind_str(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	store_bind_str(s, 3, userid);
	if (sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(st->db) > 0 &&
	    st->chg != NULL)
		st->chg(st->chg_arg, STORE_CHG_DELETE, id, NULL, 0,
		    !sqlite3_get_autocommit(st->db));
	sqlite3_finalize(s);
}

int
store_task_by_extkey(struct sfstore *st, const char *value, int deleted,
    char id[SFID_LEN + 1])
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	s = store_prep(st, "SELECT id FROM tasks WHERE extkey = ?1 AND"
	    " (?2 OR isdeleted = 0)");
	sqlite3_bind_int(s, 2, deleted);
	store_bind_str(s, 1, value);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(id, SFID_LEN + 1, "%s", sqlite3_column_text(s, 0));
		rc = 0;
	}
	sqlite3_finalize(s);
	return (rc);
}

void
store_purge(struct sfstore *st, long long now)
{
	sqlite3_stmt	*s;
	long long	 cut = now - 15 * SFEMU_DAY_MS, latest = 0;

	s = store_prep(st, "SELECT MAX(deleteddate) FROM tasks WHERE"
	    " isdeleted = 1 AND deleteddate < ?1");
	sqlite3_bind_int64(s, 1, cut);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		latest = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (latest == 0)
		return;
	s = store_prep(st, "DELETE FROM tasks WHERE isdeleted = 1 AND"
	    " deleteddate < ?1");
	sqlite3_bind_int64(s, 1, cut);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (latest > store_get_int(st, "purge_horizon", 0))
		store_set_int(st, "purge_horizon", latest);
}

size_t
store_changes(struct sfstore *st, int deleted, long long start,
    long long end, char (**ids)[SFID_LEN + 1], long long **when)
{
	sqlite3_stmt	*s;
	size_t		 n = 0;

	*ids = NULL;
	*when = NULL;
	s = store_prep(st, deleted ?
	    "SELECT id, deleteddate FROM tasks WHERE isdeleted = 1 AND"
	    " deleteddate >= ?1 AND deleteddate < ?2"
	    " ORDER BY deleteddate, seq" :
	    "SELECT id, systemmodstamp FROM tasks WHERE isdeleted = 0 AND"
	    " systemmodstamp >= ?1 AND systemmodstamp < ?2 ORDER BY seq");
	sqlite3_bind_int64(s, 1, start);
	sqlite3_bind_int64(s, 2, end);
	while (sqlite3_step(s) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, n + 1, sizeof **ids);
		*when = xreallocarray(*when, n + 1, sizeof **when);
		snprintf((*ids)[n], SFID_LEN + 1, "%s",
		    sqlite3_column_text(s, 0));
		(*when)[n] = sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_finalize(s);
	return (n);
}
