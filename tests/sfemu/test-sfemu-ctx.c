/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu conformance for issue 17 (a reminder's type, its Who and What,
 * the people search).  One group per point of the sfemu brief,
 * each check naming the documentation page it follows:
 * - Object Reference, Task (sforce_api_objects_task): TaskSubtype is a
 *   restricted picklist, Create but not Update; Type a picklist, Create
 *   and Update; WhoId refers to Contact or Lead, WhatId to Account (and
 *   other objects the emulator lacks);
 * - Object Reference, Contact / Lead / Account: LastName required for
 *   Contact and Lead, Company for Lead, Name for Account;
 * - REST API Developer Guide, "Search for a String" (dome_search) and
 *   "Parameterized Search" (resources_search_parameterized):
 *   {"searchRecords":[{"attributes":{"type","url"},…}]};
 * - SOQL and SOSL Reference: "FIND {SearchQuery}" (sosl_find: text
 *   searches are case-insensitive, * and ? wildcards), "IN SearchGroup"
 *   (sosl_in: NAME FIELDS also searches Lead.Company and the Contact's
 *   account name), "LIMIT n" (sosl_limit), "SOSL Limits" (sosl_limits:
 *   "Individual users see only those records that they have access to");
 * - Salesforce Help, deleting a contact or lead deletes its activities.
 * It starts its own sfemu on an ephemeral loopback port.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"
#include "emu.h"

#define V	"/services/data/v59.0"

static struct emu	 E;
static char		*tok;		/* the rep's session */
static char		*tok2;		/* a colleague's session */
static char		 acme[19], ana[19], lead[19];

static const char seed[] =
    "{\"users\":["
    "{\"key\":\"rep\",\"Name\":\"Dana Rivera\",\"Username\":\"dana@t.example\","
    "\"Password\":\"pw1\"},"
    "{\"key\":\"col\",\"Name\":\"Marco Bellini\",\"Username\":"
    "\"marco@t.example\",\"Password\":\"pw2\"}],"
    "\"accounts\":[{\"key\":\"acme\",\"Name\":\"Acme GmbH\"},"
    "{\"key\":\"own\",\"Name\":\"Anatolia Trading\",\"Owner\":\"col\"}],"
    "\"contacts\":[{\"key\":\"ana\",\"FirstName\":\"Ana\",\"LastName\":"
    "\"Souza\",\"AccountKey\":\"acme\",\"Email\":\"ana@acme.example\"},"
    "{\"key\":\"bob\",\"FirstName\":\"Bob\",\"LastName\":\"Anders\"},"
    "{\"key\":\"hid\",\"FirstName\":\"Anabel\",\"LastName\":\"Hidden\","
    "\"Owner\":\"col\"}],"
    "\"leads\":[{\"key\":\"li\",\"FirstName\":\"Li\",\"LastName\":\"Wei\","
    "\"Company\":\"Anhui Wei Ltd\"}],"
    "\"tasks\":[{\"Subject\":\"Call Ana\",\"Who\":\"ana\",\"What\":\"acme\","
    "\"TaskSubtype\":\"Call\",\"Type\":\"Call\"}]}";

static const cJSON *
err0(const struct res *r)
{
	return (cJSON_GetArrayItem(r->json, 0));
}

/* GET path as the rep; the caller frees. */
static struct res *
get(const char *fmt, const char *arg)
{
	struct res	*r;
	char		*path;

	if (asprintf(&path, fmt, arg) < 0)
		abort();
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	free(path);
	return (r);
}

/* GET V/resource?q=q as token t (a query or a search); caller frees. */
static struct res *
ask(const char *t, const char *resource, const char *q)
{
	struct res	*r;
	char		*e, *path;

	e = emu_escape(q);
	if (asprintf(&path, V "/%s?q=%s", resource, e) < 0)
		abort();
	r = emu_req(&E, "GET", path, t, NULL, NULL);
	free(path);
	free(e);
	return (r);
}

/* A SOQL query as token t; the caller frees. */
static struct res *
soql(const char *t, const char *q)
{
	return (ask(t, "query", q));
}

/* A SOSL search as token t; the caller frees. */
static struct res *
sosl(const char *t, const char *q)
{
	return (ask(t, "search/", q));
}

/* POST a record of obj; fills id (or leaves it empty). */
static struct res *
create(const char *obj, const char *body, char id[19])
{
	struct res	*r;
	char		 path[128];

	snprintf(path, sizeof path, V "/sobjects/%s", obj);
	r = emu_req(&E, "POST", path, tok, body, NULL);
	id[0] = '\0';
	if (r->status == 201 && js(r->json, "id") != NULL)
		snprintf(id, 19, "%s", js(r->json, "id"));
	return (r);
}

static struct res *
patch(const char *obj, const char *id, const char *body)
{
	char	path[128];

	snprintf(path, sizeof path, V "/sobjects/%s/%s", obj, id);
	return (emu_req(&E, "PATCH", path, tok, body, NULL));
}

/* The describe entry of field name of obj, or NULL (owned by *keep). */
static const cJSON *
dfield(const char *obj, const char *name, struct res **keep)
{
	const cJSON	*f;
	char		 path[128];

	snprintf(path, sizeof path, V "/sobjects/%s/describe", obj);
	*keep = emu_req(&E, "GET", path, tok, NULL, NULL);
	cJSON_ArrayForEach(f, cJSON_GetObjectItem((*keep)->json, "fields")) {
		if (js(f, "name") != NULL && strcmp(js(f, "name"), name) == 0)
			return (f);
	}
	return (NULL);
}

/* Whether the picklistValues of f hold value. */
static int
has_value(const cJSON *f, const char *value)
{
	const cJSON	*v;

	cJSON_ArrayForEach(v, cJSON_GetObjectItem(f, "picklistValues")) {
		if (js(v, "value") != NULL && strcmp(js(v, "value"), value) == 0)
			return (1);
	}
	return (0);
}

/* Search results of type with Name name, counted. */
static int
count_hits(const struct res *r, const char *type, const char *name)
{
	const cJSON	*o;
	int		 n = 0;

	cJSON_ArrayForEach(o, cJSON_GetObjectItem(r->json, "searchRecords")) {
		if (type != NULL && (js(cJSON_GetObjectItem(o, "attributes"),
		    "type") == NULL || strcmp(js(cJSON_GetObjectItem(o,
		    "attributes"), "type"), type) != 0))
			continue;
		if (name != NULL && (js(o, "Name") == NULL ||
		    strcmp(js(o, "Name"), name) != 0))
			continue;
		n++;
	}
	return (n);
}

/* 1: TaskSubtype (create only, restricted) and Type (updateable). */
static void
test_types(void)
{
	struct res	*r, *keep;
	const cJSON	*f, *rec;
	char		 id[19], id2[19];

	f = dfield("Task", "TaskSubtype", &keep);
	ok(f != NULL && cJSON_IsTrue(cJSON_GetObjectItem(f, "createable")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(f, "updateable")) &&
	    cJSON_IsTrue(cJSON_GetObjectItem(f, "restrictedPicklist")) &&
	    has_value(f, "Call") && has_value(f, "LinkedIn") &&
	    has_value(f, "ListEmail") && has_value(f, "Cadence"),
	    "1 describe: TaskSubtype is a restricted picklist, createable, not "
	    "updateable (sforce_api_objects_task: Create, Filter, Group, "
	    "Nillable, Restricted picklist, Sort)");
	res_free(keep);
	f = dfield("Task", "Type", &keep);
	ok(f != NULL && js(f, "type") != NULL &&
	    strcmp(js(f, "type"), "picklist") == 0 &&
	    cJSON_IsTrue(cJSON_GetObjectItem(f, "createable")) &&
	    cJSON_IsTrue(cJSON_GetObjectItem(f, "updateable")) &&
	    has_value(f, "Call") && has_value(f, "Email") &&
	    has_value(f, "Meeting") && has_value(f, "Other"),
	    "1 describe: Type is a picklist, createable and updateable, with "
	    "Call, Email, Meeting, Other (sforce_api_objects_task)");
	res_free(keep);

	r = emu_ctl(&E, "POST", "settings", "{\"task_type\":[{\"label\":"
	    "\"Call\"},{\"label\":\"LinkedIn\",\"default\":true}]}");
	res_free(r);
	f = dfield("Task", "Type", &keep);
	ok(f != NULL && has_value(f, "LinkedIn") && !has_value(f, "Meeting"),
	    "1 the control API replaces the org's Type values (task_type)");
	res_free(keep);
	r = create("Task", "{\"Subject\":\"typed\"}", id);
	res_free(r);
	r = get(V "/sobjects/Task/%s?fields=Type", id);
	is_str(js(r->json, "Type"), "LinkedIn",
	    "1 a create without Type takes the org's default Type value");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "settings", "{\"task_type\":["
	    "{\"label\":\"Call\"},{\"label\":\"Email\"},"
	    "{\"label\":\"Meeting\"},{\"label\":\"Other\"}]}"));

	r = create("Task", "{\"Subject\":\"plain\"}", id);
	is_int(r->status, 201, "1 a task without TaskSubtype is created");
	res_free(r);
	r = get(V "/sobjects/Task/%s", id);
	is_str(js(r->json, "TaskSubtype"), "Task",
	    "1 TaskSubtype defaults to Task");
	ok(cJSON_IsNull(cJSON_GetObjectItem(r->json, "Type")),
	    "1 Type is null when not given (Nillable)");
	res_free(r);

	r = create("Task", "{\"Subject\":\"li\",\"TaskSubtype\":\"LinkedIn\","
	    "\"Type\":\"Other\"}", id2);
	is_int(r->status, 201, "1 a task is created with TaskSubtype LinkedIn "
	    "and Type Other");
	res_free(r);
	r = create("Task", "{\"Subject\":\"x\",\"TaskSubtype\":\"InMail\"}",
	    id2);
	ok(r->status == 400 && js(err0(r), "errorCode") != NULL &&
	    strcmp(js(err0(r), "errorCode"),
	    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST") == 0,
	    "1 a TaskSubtype outside the list: 400 "
	    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
	res_free(r);

	r = patch("Task", id, "{\"TaskSubtype\":\"Call\"}");
	ok(r->status == 400 && js(err0(r), "errorCode") != NULL &&
	    strcmp(js(err0(r), "errorCode"),
	    "INVALID_FIELD_FOR_INSERT_UPDATE") == 0 &&
	    js(err0(r), "message") != NULL && strncmp(js(err0(r), "message"),
	    "Unable to create/update fields: TaskSubtype", 43) == 0,
	    "1 PATCH of TaskSubtype: 400 INVALID_FIELD_FOR_INSERT_UPDATE "
	    "\"Unable to create/update fields: TaskSubtype…\" (not Update)");
	res_free(r);
	r = patch("Task", id, "{\"Type\":\"Email\"}");
	is_int(r->status, 204, "1 PATCH of Type: 204 (Update)");
	res_free(r);
	r = get(V "/sobjects/Task/%s?fields=Type,TaskSubtype", id);
	ok(js(r->json, "Type") != NULL && strcmp(js(r->json, "Type"),
	    "Email") == 0 && strcmp(js(r->json, "TaskSubtype"), "Task") == 0,
	    "1 Type reads back Email, TaskSubtype stays Task");
	res_free(r);

	r = soql(tok, "SELECT Id, Subject, TaskSubtype, Type FROM Task "
	    "WHERE TaskSubtype = 'Call' AND Type = 'Call'");
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	ok(r->status == 200 && cJSON_GetArraySize(cJSON_GetObjectItem(r->json,
	    "records")) == 1 && js(rec, "Subject") != NULL &&
	    strcmp(js(rec, "Subject"), "Call Ana") == 0,
	    "1 SOQL filters on TaskSubtype and Type (the seed's Type)");
	res_free(r);
}

/* 2: Contact, Lead and Account records are created and queried. */
static void
test_records(void)
{
	struct res	*r;
	const cJSON	*rec;
	char		 id[19], acc[19];

	r = create("Account", "{\"Name\":\"Anaconda Systems\"}", acc);
	ok(r->status == 201 && strncmp(acc, "001", 3) == 0,
	    "2 POST Account creates an 001 record (dome_sobject_create)");
	res_free(r);
	r = create("Account", "{}", id);
	ok(r->status == 400 && js(err0(r), "errorCode") != NULL &&
	    strcmp(js(err0(r), "errorCode"), "REQUIRED_FIELD_MISSING") == 0,
	    "2 an Account without Name: 400 REQUIRED_FIELD_MISSING");
	res_free(r);
	r = create("Contact", "{\"FirstName\":\"Ana\"}", id);
	ok(r->status == 400 && js(err0(r), "errorCode") != NULL &&
	    strcmp(js(err0(r), "errorCode"), "REQUIRED_FIELD_MISSING") == 0 &&
	    strstr(js(err0(r), "message"), "LastName") != NULL,
	    "2 a Contact without LastName: 400 REQUIRED_FIELD_MISSING "
	    "[LastName] (sforce_api_objects_contact)");
	res_free(r);
	snprintf(id, sizeof id, "%s", acc);
	{
		char body[160];

		snprintf(body, sizeof body, "{\"FirstName\":\"Ana\","
		    "\"LastName\":\"Lima\",\"AccountId\":\"%s\"}", acc);
		r = create("Contact", body, id);
	}
	ok(r->status == 201 && strncmp(id, "003", 3) == 0,
	    "2 POST Contact creates an 003 record");
	res_free(r);
	r = soql(tok, "SELECT Id, Name, FirstName, LastName, Account.Name "
	    "FROM Contact WHERE LastName = 'Lima'");
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	ok(r->status == 200 && js(rec, "Name") != NULL &&
	    strcmp(js(rec, "Name"), "Ana Lima") == 0 &&
	    js(cJSON_GetObjectItem(rec, "Account"), "Name") != NULL &&
	    strcmp(js(cJSON_GetObjectItem(rec, "Account"), "Name"),
	    "Anaconda Systems") == 0,
	    "2 SOQL reads the Contact's Name and Account.Name");
	if (r->status != 200)
		printf("# %s\n", r->body);
	res_free(r);
	r = create("Lead", "{\"LastName\":\"Nakamura\"}", id);
	ok(r->status == 400 && js(err0(r), "errorCode") != NULL &&
	    strcmp(js(err0(r), "errorCode"), "REQUIRED_FIELD_MISSING") == 0 &&
	    strstr(js(err0(r), "message"), "Company") != NULL,
	    "2 a Lead without Company: 400 REQUIRED_FIELD_MISSING [Company] "
	    "(sforce_api_objects_lead)");
	res_free(r);
	r = create("Lead", "{\"FirstName\":\"Anna\",\"LastName\":\"Nakamura\","
	    "\"Company\":\"Nakamura KK\"}", id);
	ok(r->status == 201 && strncmp(id, "00Q", 3) == 0,
	    "2 POST Lead creates an 00Q record");
	res_free(r);
	r = patch("Lead", id, "{\"Company\":\"Nakamura Holdings\"}");
	is_int(r->status, 204, "2 PATCH Lead: 204");
	res_free(r);
	r = get(V "/sobjects/Lead/%s", id);
	is_str(js(r->json, "Company"), "Nakamura Holdings",
	    "2 the Lead reads back its new Company");
	res_free(r);
	r = patch("Contact", ana, "{\"Subject\":\"x\"}");
	ok(r->status == 400 && js(err0(r), "errorCode") != NULL &&
	    strcmp(js(err0(r), "errorCode"), "INVALID_FIELD") == 0,
	    "2 an unknown Contact field: 400 INVALID_FIELD");
	res_free(r);
}

/* 3: WhoId / WhatId validated, settable, clearable; Who/What fields. */
static void
test_links(void)
{
	struct res	*r;
	const cJSON	*rec;
	char		 body[256], id[19], t[19], con[19];
	char		 q[256];

	snprintf(body, sizeof body, "{\"Subject\":\"lead\",\"WhoId\":\"%s\","
	    "\"WhatId\":\"%s\"}", lead, acme);
	r = create("Task", body, t);
	is_int(r->status, 201, "3 a task is created with a Lead WhoId and an "
	    "Account WhatId");
	res_free(r);
	snprintf(q, sizeof q, "SELECT Id, Who.Name, Who.Type, What.Name, "
	    "What.Type FROM Task WHERE Id = '%s'", t);
	r = soql(tok, q);
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	ok(js(cJSON_GetObjectItem(rec, "Who"), "Name") != NULL &&
	    strcmp(js(cJSON_GetObjectItem(rec, "Who"), "Name"), "Li Wei") == 0 &&
	    strcmp(js(cJSON_GetObjectItem(rec, "Who"), "Type"), "Lead") == 0 &&
	    strcmp(js(cJSON_GetObjectItem(rec, "What"), "Name"),
	    "Acme GmbH") == 0 &&
	    strcmp(js(cJSON_GetObjectItem(rec, "What"), "Type"),
	    "Account") == 0,
	    "3 Who.Name, Who.Type, What.Name, What.Type in SELECT");
	res_free(r);

	snprintf(body, sizeof body, "{\"WhoId\":\"%s\"}", acme);
	r = patch("Task", t, body);
	ok(r->status == 400 && strcmp(js(err0(r), "errorCode"),
	    "FIELD_INTEGRITY_EXCEPTION") == 0,
	    "3 an Account Id as WhoId: 400 FIELD_INTEGRITY_EXCEPTION (WhoId "
	    "refers to Contact, Lead)");
	res_free(r);
	snprintf(body, sizeof body, "{\"WhatId\":\"%s\"}", ana);
	r = patch("Task", t, body);
	ok(r->status == 400 && strcmp(js(err0(r), "errorCode"),
	    "FIELD_INTEGRITY_EXCEPTION") == 0,
	    "3 a Contact Id as WhatId: 400 FIELD_INTEGRITY_EXCEPTION");
	res_free(r);
	r = patch("Task", t, "{\"WhoId\":\"003000000000999AAA\"}");
	ok(r->status == 400 && strcmp(js(err0(r), "errorCode"),
	    "INVALID_CROSS_REFERENCE_KEY") == 0,
	    "3 a Contact Id that does not exist: 400 "
	    "INVALID_CROSS_REFERENCE_KEY");
	res_free(r);
	r = patch("Task", t, "{\"WhoId\":\"not an id\"}");
	ok(r->status == 400 && strcmp(js(err0(r), "errorCode"),
	    "MALFORMED_ID") == 0, "3 a malformed WhoId: 400 MALFORMED_ID");
	res_free(r);
	snprintf(body, sizeof body, "{\"WhoId\":\"%s\"}", ana);
	r = patch("Task", t, body);
	is_int(r->status, 204, "3 WhoId changes to a Contact by PATCH");
	res_free(r);
	r = patch("Task", t, "{\"WhoId\":null,\"WhatId\":null}");
	is_int(r->status, 204, "3 WhoId and WhatId are cleared with null");
	res_free(r);
	r = soql(tok, q);
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	ok(cJSON_IsNull(cJSON_GetObjectItem(rec, "Who")) &&
	    cJSON_IsNull(cJSON_GetObjectItem(rec, "What")),
	    "3 a cleared Who and What read as null");
	res_free(r);

	/* A deleted Contact takes its tasks to the recycle bin. */
	r = create("Contact", "{\"LastName\":\"Temp\"}", con);
	res_free(r);
	snprintf(body, sizeof body, "{\"Subject\":\"temp\",\"WhoId\":\"%s\"}",
	    con);
	r = create("Task", body, id);
	res_free(r);
	snprintf(body, sizeof body, V "/sobjects/Contact/%s", con);
	r = emu_req(&E, "DELETE", body, tok, NULL, NULL);
	is_int(r->status, 204, "3 DELETE of a Contact: 204");
	res_free(r);
	r = get(V "/sobjects/Contact/%s", con);
	ok(r->status == 404 && strcmp(res_code(r), "ENTITY_IS_DELETED") == 0,
	    "3 the deleted Contact reads 404 ENTITY_IS_DELETED");
	res_free(r);
	r = get(V "/sobjects/Task/%s", id);
	ok(r->status == 404 && strcmp(res_code(r), "ENTITY_IS_DELETED") == 0,
	    "3 its task went to the recycle bin with it (Salesforce Help: "
	    "deleting a contact deletes its activities)");
	res_free(r);
	snprintf(body, sizeof body, "{\"Subject\":\"x\",\"WhoId\":\"%s\"}",
	    con);
	r = create("Task", body, id);
	ok(r->status == 400 && strcmp(js(err0(r), "errorCode"),
	    "ENTITY_IS_DELETED") == 0,
	    "3 a deleted Contact as WhoId: 400 ENTITY_IS_DELETED");
	res_free(r);
}

/* 4: people search: SOQL LIKE, SOSL, parameterized search, latency. */
static void
test_search(void)
{
	struct res	*r, *r2;
	const cJSON	*rec;
	struct timespec	 a, b;
	double		 s;

	r = soql(tok, "SELECT Id, Name FROM Contact WHERE Name LIKE 'ana%'");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 3,
	    "4 SOQL Name LIKE 'ana%%' on Contact finds Ana Souza, Ana Lima and "
	    "Anabel Hidden, "
	    "ignoring case (comparisonoperators: LIKE is case-insensitive)");
	res_free(r);
	r = soql(tok, "SELECT Id, Name, Company FROM Lead WHERE Name LIKE "
	    "'LI%'");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 1,
	    "4 SOQL Name LIKE on Lead");
	res_free(r);

	r = sosl(tok, "FIND {Ana*} IN NAME FIELDS RETURNING Contact(Id,Name), "
	    "Lead(Id,Name,Company), Account(Id,Name) LIMIT 20");
	ok(r->status == 200 && cJSON_IsArray(cJSON_GetObjectItem(r->json,
	    "searchRecords")), "4 GET /search answers {\"searchRecords\":[…]} "
	    "(dome_search)");
	if (r->status != 200)
		printf("# %s\n", r->body);
	is_int(count_hits(r, "Contact", "Ana Souza"), 1,
	    "4 SOSL finds the Contact Ana Souza");
	is_int(count_hits(r, "Contact", "Ana Lima"), 1,
	    "4 SOSL finds the Contact Ana Lima");
	is_int(count_hits(r, "Account", "Anaconda Systems"), 1,
	    "4 SOSL finds the Account Anaconda Systems");
	is_int(count_hits(r, "Contact", "Bob Anders"), 0,
	    "4 Ana* matches word starts only: not Anders");
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json,
	    "searchRecords"), 0);
	ok(rec != NULL && js(cJSON_GetObjectItem(rec, "attributes"), "url") !=
	    NULL && strncmp(js(cJSON_GetObjectItem(rec, "attributes"), "url"),
	    V "/sobjects/", strlen(V "/sobjects/")) == 0 &&
	    js(rec, "Id") != NULL && cJSON_GetObjectItem(rec, "Email") == NULL,
	    "4 a search record has attributes {type, url}, Id and only the "
	    "fields asked for");
	r2 = sosl(tok, "find {ana*} in name fields returning contact(id,name), "
	    "lead(id,name,company), account(id,name) limit 20");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r2->json,
	    "searchRecords")), cJSON_GetArraySize(cJSON_GetObjectItem(r->json,
	    "searchRecords")),
	    "4 SOSL keywords and search terms ignore case (sosl_find)");
	res_free(r2);
	res_free(r);

	r = sosl(tok, "FIND {Anhui} IN NAME FIELDS RETURNING Lead(Id,Name,"
	    "Company)");
	is_int(count_hits(r, "Lead", "Li Wei"), 1,
	    "4 IN NAME FIELDS searches Lead.Company (sosl_in)");
	res_free(r);
	r = sosl(tok, "FIND {Acme} IN NAME FIELDS RETURNING Contact(Id,Name)");
	is_int(count_hits(r, "Contact", "Ana Souza"), 1,
	    "4 IN NAME FIELDS searches a Contact's account name (sosl_in)");
	res_free(r);
	r = sosl(tok, "FIND {ana@acme.example} IN EMAIL FIELDS RETURNING "
	    "Contact(Id,Name)");
	is_int(count_hits(r, "Contact", "Ana Souza"), 1,
	    "4 IN EMAIL FIELDS searches Email");
	res_free(r);
	r = sosl(tok, "FIND {Ana*} IN NAME FIELDS RETURNING Contact(Id,Name), "
	    "Account(Id,Name) LIMIT 1");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json,
	    "searchRecords")), 1, "4 SOSL LIMIT 1 answers one record "
	    "(sosl_limit)");
	res_free(r);
	r = sosl(tok, "FIND {Ana*} RETURNING Contact(Id,Name LIMIT 1), "
	    "Account(Id,Name)");
	ok(count_hits(r, "Contact", NULL) == 1 &&
	    count_hits(r, "Account", NULL) == 2,
	    "4 a per-object LIMIT caps that object only (sosl_limit)");
	res_free(r);
	r = sosl(tok, "FIND {Ana*} RETURNING Contact(Id,Name WHERE LastName = "
	    "'Lima')");
	ok(count_hits(r, "Contact", "Ana Lima") == 1 &&
	    count_hits(r, NULL, NULL) == 1,
	    "4 a WHERE inside RETURNING filters the matches "
	    "(sforce_api_calls_sosl_returning)");
	res_free(r);
	r = sosl(tok, "FIND {a*} RETURNING Contact(Id)");
	ok(r->status == 400 && strcmp(res_code(r), "INVALID_SEARCH") == 0,
	    "4 a one-character term: 400 INVALID_SEARCH");
	res_free(r);
	r = sosl(tok, "FIND {Ana S*} RETURNING Contact(Id,Name)");
	ok(r->status == 200 && count_hits(r, "Contact", "Ana Souza") == 1,
	    "4 a one-character term beside a longer one is left out, not an "
	    "error (sosl_find: terms shorter than two characters)");
	res_free(r);
	r = sosl(tok, "FIND Ana RETURNING Contact(Id)");
	ok(r->status == 400 && strcmp(res_code(r), "MALFORMED_SEARCH") == 0,
	    "4 a term without braces: 400 MALFORMED_SEARCH");
	res_free(r);
	r = sosl(tok, "FIND {Ana*} RETURNING Opportunity(Id)");
	ok(r->status == 400 && strcmp(res_code(r), "INVALID_TYPE") == 0,
	    "4 an object sfemu lacks in RETURNING: 400 INVALID_TYPE");
	res_free(r);
	r = sosl(tok, "FIND {Ana*} RETURNING Contact(Id, Nope)");
	ok(r->status == 400 && strcmp(res_code(r), "INVALID_FIELD") == 0,
	    "4 an unknown field in RETURNING: 400 INVALID_FIELD");
	res_free(r);

	r = emu_req(&E, "GET", V "/parameterizedSearch/?q=Ana&sobject=Contact"
	    "&Contact.fields=Id,Name&Contact.limit=10", tok, NULL, NULL);
	ok(r->status == 200 && count_hits(r, "Contact", "Ana Souza") == 1 &&
	    count_hits(r, "Account", NULL) == 0,
	    "4 parameterizedSearch ?q=Ana&sobject=Contact answers the "
	    "Contacts with Id, Name (resources_search_parameterized)");
	if (r->status != 200)
		printf("# %s\n", r->body);
	res_free(r);
	r = emu_req(&E, "GET", V "/parameterizedSearch/?q=FIND%20%7BAna%7D",
	    tok, NULL, NULL);
	ok(r->status == 200, "4 parameterizedSearch takes q as plain text");
	res_free(r);
	r = emu_req(&E, "GET", V "/parameterizedSearch/", tok, NULL, NULL);
	ok(r->status == 400, "4 parameterizedSearch without q: 400");
	res_free(r);

	r = emu_req(&E, "GET", V "/", tok, NULL, NULL);
	ok(js(r->json, "search") != NULL && js(r->json, "parameterizedSearch")
	    != NULL, "4 the version's resources list search and "
	    "parameterizedSearch (resources_discoveryresource)");
	res_free(r);

	res_free(emu_ctl(&E, "POST", "faults", "{\"method\":\"GET\",\"path\":"
	    "\"" V "/search\",\"count\":1,\"kind\":\"latency\","
	    "\"latency_ms\":400}"));
	clock_gettime(CLOCK_MONOTONIC, &a);
	r = sosl(tok, "FIND {Ana*} RETURNING Contact(Id,Name)");
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	ok(r->status == 200 && s >= 0.39,
	    "4 a latency fault on GET /search slows the search (%.2f s)", s);
	res_free(r);
}

/* 5: with a Private sharing model a user reads only what they own. */
static void
test_visibility(void)
{
	struct res	*r;

	r = sosl(tok, "FIND {Ana*} RETURNING Contact(Id,Name), "
	    "Account(Id,Name)");
	ok(count_hits(r, "Contact", "Anabel Hidden") == 1 &&
	    count_hits(r, "Account", "Anatolia Trading") == 1,
	    "5 Public Read/Write (the default): the rep finds a colleague's "
	    "records");
	res_free(r);
	r = emu_ctl(&E, "POST", "settings", "{\"sharing\":\"private\"}");
	ok(r->status == 200 || r->status == 204,
	    "5 the org's sharing model is set to Private");
	res_free(r);
	r = sosl(tok, "FIND {Ana*} RETURNING Contact(Id,Name), "
	    "Account(Id,Name)");
	ok(count_hits(r, "Contact", "Anabel Hidden") == 0 &&
	    count_hits(r, "Account", "Anatolia Trading") == 0 &&
	    count_hits(r, "Contact", "Ana Souza") == 1,
	    "5 Private: the rep's search no longer returns the colleague's "
	    "records (sosl_limits: users see only records they have access "
	    "to)");
	res_free(r);
	r = soql(tok, "SELECT Id FROM Contact WHERE Name LIKE 'Anabel%'");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "records")), 0,
	    "5 Private: nor does a SOQL query");
	res_free(r);
	r = sosl(tok2, "FIND {Ana*} RETURNING Contact(Id,Name), "
	    "Account(Id,Name)");
	ok(count_hits(r, "Contact", "Anabel Hidden") == 1 &&
	    count_hits(r, "Account", "Anatolia Trading") == 1 &&
	    count_hits(r, "Contact", "Ana Souza") == 0,
	    "5 Private: the colleague finds their own records only");
	res_free(r);
	res_free(emu_ctl(&E, "POST", "settings", "{\"sharing\":\"public\"}"));
}

int
main(void)
{
	struct res	*r;
	const cJSON	*m;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	emu_start(&E, NULL);
	r = emu_ctl(&E, "POST", "seed", seed);
	is_int(r->status, 200, "seed (a task's Type, record Owners)");
	if (r->status != 200)
		printf("# %s\n", r->body);
	m = cJSON_GetObjectItem(r->json, "accounts");
	snprintf(acme, sizeof acme, "%s", js(m, "acme") ? js(m, "acme") : "");
	m = cJSON_GetObjectItem(r->json, "contacts");
	snprintf(ana, sizeof ana, "%s", js(m, "ana") ? js(m, "ana") : "");
	m = cJSON_GetObjectItem(r->json, "leads");
	snprintf(lead, sizeof lead, "%s", js(m, "li") ? js(m, "li") : "");
	res_free(r);
	tok = emu_login(&E, "dana@t.example", "pw1");
	tok2 = emu_login(&E, "marco@t.example", "pw2");
	ok(tok != NULL && tok2 != NULL, "the rep and a colleague log in");

	test_types();
	test_records();
	test_links();
	test_search();
	test_visibility();

	is_int(emu_stop(&E), 0, "sfemu exits cleanly on SIGTERM");
	free(tok);
	free(tok2);
	curl_global_cleanup();
	return (tap_done());
}
