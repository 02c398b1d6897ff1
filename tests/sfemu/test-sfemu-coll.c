/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu conformance, issue 14 findings 2-7: what a real Salesforce client
 * trips over in the REST resources.  One check group per finding, each
 * naming the documentation page it follows (REST API Developer Guide,
 * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/…,
 * the Object Reference, Salesforce Help).  It starts its own sfemu on an
 * ephemeral loopback port, like test-sfemu.c.
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
static char		*tok;		/* the rep's session (en_US) */

static const char seed[] =
    "{\"users\":["
    "{\"key\":\"rep\",\"Name\":\"Dana Rivera\",\"Username\":\"dana@t.example\","
    "\"Password\":\"pw1\"},"
    "{\"key\":\"zh\",\"FirstName\":\"丽\",\"LastName\":\"李\",\"Username\":"
    "\"li@t.example\",\"Password\":\"pw2\",\"LocaleSidKey\":\"zh_CN\"},"
    "{\"key\":\"hu\",\"FirstName\":\"Anna\",\"LastName\":\"Nagy\","
    "\"Username\":\"anna@t.example\",\"Password\":\"pw3\","
    "\"LocaleSidKey\":\"hu_HU\"}],"
    "\"accounts\":[{\"key\":\"acme\",\"Name\":\"Acme GmbH\"}],"
    "\"contacts\":[{\"key\":\"ana\",\"FirstName\":\"Ana\",\"LastName\":"
    "\"Souza\",\"AccountKey\":\"acme\"},"
    "{\"key\":\"wang\",\"FirstName\":\"伟\",\"LastName\":\"王\"},"
    "{\"key\":\"kovacs\",\"FirstName\":\"János\",\"LastName\":\"Kovács\"}],"
    "\"tasks\":[{\"Subject\":\"Call Ana\",\"Owner\":\"rep\",\"Who\":\"ana\","
    "\"What\":\"acme\",\"TaskdeckKey__c\":\"k-1\"},"
    "{\"Subject\":\"Call Wang\",\"Owner\":\"rep\",\"Who\":\"wang\"}]}";

/* The Ids of the two seeded tasks. */
static char	t1[19], t2[19];

/* The first error object of a Salesforce error body. */
static const cJSON *
err0(const struct res *r)
{
	return (cJSON_GetArrayItem(r->json, 0));
}

/* Item i of a collection answer. */
static const cJSON *
item(const struct res *r, int i)
{
	return (cJSON_GetArrayItem(r->json, i));
}

/* The statusCode of the first error of collection result i. */
static const char *
item_code(const struct res *r, int i)
{
	return (js(cJSON_GetArrayItem(cJSON_GetObjectItem(item(r, i),
	    "errors"), 0), "statusCode"));
}

/* A task's field as read back with GET. */
static char *
task_field(const char *id, const char *field)
{
	struct res	*r;
	char		*path, *v = NULL;

	if (asprintf(&path, V "/sobjects/Task/%s", id) < 0)
		abort();
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	if (js(r->json, field) != NULL)
		v = strdup(js(r->json, field));
	res_free(r);
	free(path);
	return (v);
}

/*
 * Finding 2: "Field names are case-insensitive" (SOQL and SOSL Reference,
 * "SOQL Typographical Conventions" / REST API Developer Guide, "Update
 * Records Using sObject Collections": the documentation's own example
 * writes "id").
 */
static void
test_case_insensitive(void)
{
	struct res	*r;
	char		 body[512], *v;

	snprintf(body, sizeof body, "{\"allOrNone\":false,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"id\":\"%s\","
	    "\"subject\":\"lower id\"},"
	    "{\"Attributes\":{\"Type\":\"Task\"},\"ID\":\"%s\","
	    "\"SUBJECT\":\"upper id\"}]}", t1, t2);
	r = emu_req(&E, "PATCH", V "/composite/sobjects", tok, body, NULL);
	ok(r->status == 200 && cJSON_IsTrue(cJSON_GetObjectItem(item(r, 0),
	    "success")) && cJSON_IsTrue(cJSON_GetObjectItem(item(r, 1),
	    "success")),
	    "2 collections update takes \"id\"/\"ID\" and \"attributes\" in any "
	    "case (resources_composite_sobjects_collections_update)");
	if (r->status == 200 && !cJSON_IsTrue(cJSON_GetObjectItem(item(r, 0),
	    "success")))
		printf("# %s\n", r->body);
	res_free(r);
	v = task_field(t1, "Subject");
	is_str(v, "lower id", "2 the lower-case field name wrote Subject");
	free(v);
	v = task_field(t2, "Subject");
	is_str(v, "upper id", "2 the upper-case field name wrote Subject");
	free(v);

	snprintf(body, sizeof body, V "/sobjects/Task/%s?fields=subject,WHOID",
	    t1);
	r = emu_req(&E, "GET", body, tok, NULL, NULL);
	ok(r->status == 200 && js(r->json, "Subject") != NULL,
	    "2 fields= is case-insensitive, answered with the API names "
	    "(dome_get_field_values)");
	res_free(r);

	r = emu_req(&E, "POST", V "/sobjects/task", tok,
	    "{\"subject\":\"object name in lower case\",\"STATUS\":"
	    "\"Not Started\"}", NULL);
	is_int(r->status, 201, "2 create: object and field names in any case "
	    "(dome_sobject_create)");
	res_free(r);
}

/*
 * Finding 3: "Get Records Using sObject Collections" with POST (API 42+):
 * POST /composite/sobjects/{SObjectName} {"ids":[…],"fields":[…]}.
 */
static void
test_post_retrieve(void)
{
	struct res	*r;
	char		 body[256];

	snprintf(body, sizeof body, "{\"ids\":[\"%s\",\"%s\","
	    "\"00T000000000000EAA\"],\"fields\":[\"Id\",\"Subject\",\"whoid\"]}",
	    t1, t2);
	r = emu_req(&E, "POST", V "/composite/sobjects/Task", tok, body,
	    NULL);
	ok(r->status == 200 && cJSON_GetArraySize(r->json) == 3 &&
	    js(item(r, 0), "Id") != NULL && strcmp(js(item(r, 0), "Id"),
	    t1) == 0 && js(item(r, 1), "Subject") != NULL &&
	    cJSON_IsNull(item(r, 2)),
	    "3 POST /composite/sobjects/Task {ids, fields} answers the records "
	    "in order, null for an unknown Id "
	    "(resources_composite_sobjects_collections_retrieve)");
	ok(r->status == 200 && cJSON_GetObjectItem(item(r, 0),
	    "attributes") != NULL && cJSON_GetObjectItem(item(r, 0),
	    "WhoId") != NULL && cJSON_GetObjectItem(item(r, 0),
	    "Description") == NULL,
	    "3 the same shape as the GET retrieve: attributes and the fields "
	    "asked for");
	res_free(r);
	r = emu_req(&E, "POST", V "/composite/sobjects/Task", tok,
	    "{\"ids\":[\"x\"]}", NULL);
	is_int(r->status, 400, "3 POST retrieve without fields -> 400");
	res_free(r);
	r = emu_req(&E, "POST", V "/composite/sobjects/Task", tok,
	    "{\"ids\":\"notalist\",\"fields\":[\"Id\"]}", NULL);
	is_int(r->status, 400, "3 POST retrieve with ids not a list -> 400");
	res_free(r);
	r = emu_req(&E, "POST", V "/composite/sobjects/Task", tok,
	    "{\"ids\":[\"x\"],\"fields\":[\"Nope__c\"]}", NULL);
	ok(r->status == 400 && res_code(r) != NULL &&
	    strcmp(res_code(r), "INVALID_FIELD") == 0,
	    "3 POST retrieve of an unknown field -> 400 INVALID_FIELD");
	res_free(r);
}

/*
 * Finding 4: "Upsert Records Using sObject Collections" (API 46+):
 * PATCH /composite/sobjects/{SObjectName}/{ExternalIdFieldName}.
 */
static void
test_upsert(void)
{
	struct res	*r;
	char		*v;

	r = emu_req(&E, "PATCH", V "/composite/sobjects/Task/TaskdeckKey__c",
	    tok, "{\"allOrNone\":false,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"TaskdeckKey__c\":\"k-1\","
	    "\"Subject\":\"upserted old\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"taskdeckkey__c\":\"k-2\","
	    "\"Subject\":\"upserted new\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"TaskdeckKey__c\":\"k-3\","
	    "\"Status\":\"No Such Status\"}]}", NULL);
	ok(r->status == 200 && cJSON_GetArraySize(r->json) == 3,
	    "4 PATCH /composite/sobjects/Task/TaskdeckKey__c -> 200, one "
	    "result per record (resources_composite_sobjects_collections_"
	    "upsert)");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(item(r, 0), "success")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(item(r, 0), "created")) &&
	    js(item(r, 0), "id") != NULL && strcmp(js(item(r, 0), "id"),
	    t1) == 0, "4 an existing key updates: created false, its id");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(item(r, 1), "success")) &&
	    cJSON_IsTrue(cJSON_GetObjectItem(item(r, 1), "created")) &&
	    js(item(r, 1), "id") != NULL,
	    "4 a new key creates: created true");
	ok(cJSON_IsFalse(cJSON_GetObjectItem(item(r, 2), "success")) &&
	    item_code(r, 2) != NULL && strcmp(item_code(r, 2),
	    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST") == 0,
	    "4 a bad record fails alone (allOrNone false)");
	res_free(r);
	v = task_field(t1, "Subject");
	is_str(v, "upserted old", "4 the update was written");
	free(v);

	r = emu_req(&E, "PATCH", V "/composite/sobjects/Task/TaskdeckKey__c",
	    tok, "{\"allOrNone\":true,\"records\":["
	    "{\"attributes\":{\"type\":\"Task\"},\"TaskdeckKey__c\":\"k-9\","
	    "\"Subject\":\"rolled back\"},"
	    "{\"attributes\":{\"type\":\"Task\"},\"Subject\":\"no key\"}]}",
	    NULL);
	ok(r->status == 200 && item_code(r, 0) != NULL &&
	    strcmp(item_code(r, 0), "ALL_OR_NONE_OPERATION_ROLLED_BACK") ==
	    0 && cJSON_IsFalse(cJSON_GetObjectItem(item(r, 1), "success")),
	    "4 allOrNone: a record without its key fails, the other is rolled "
	    "back");
	res_free(r);
	r = emu_req(&E, "GET", V "/sobjects/Task/TaskdeckKey__c/k-9", tok,
	    NULL, NULL);
	is_int(r->status, 404, "4 nothing of the rolled-back request stays");
	res_free(r);

	r = emu_req(&E, "PATCH", V "/composite/sobjects/Task/Subject", tok,
	    "{\"records\":[{\"attributes\":{\"type\":\"Task\"},\"Subject\":"
	    "\"x\"}]}", NULL);
	ok(r->status >= 400 && r->status < 500,
	    "4 a field that is not an external Id is refused");
	res_free(r);
	r = emu_req(&E, "PATCH", V "/composite/sobjects/Task/Id", tok,
	    "{\"records\":[]}", NULL);
	ok(r->status >= 400 && r->status < 500,
	    "4 \"Only external ids are supported. Don't use record ids.\"");
	res_free(r);
}

/* Finding 5: "Describe Global" (resources_describeGlobal). */
static void
test_describe_global(void)
{
	struct res	*r;
	const cJSON	*o, *task = NULL, *urls, *res;
	int		 n = 0;

	r = emu_req(&E, "GET", V "/sobjects", tok, NULL, NULL);
	ok(r->status == 200 && js(r->json, "encoding") != NULL &&
	    strcmp(js(r->json, "encoding"), "UTF-8") == 0 &&
	    cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
	    "maxBatchSize")) == 200,
	    "5 GET /sobjects: encoding UTF-8, maxBatchSize 200 "
	    "(resources_describeGlobal)");
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(r->json, "sobjects")) {
		n++;
		if (js(o, "name") != NULL && strcmp(js(o, "name"), "Task") == 0)
			task = o;
	}
	ok(n >= 5 && task != NULL && js(task, "keyPrefix") != NULL &&
	    strcmp(js(task, "keyPrefix"), "00T") == 0 &&
	    js(task, "labelPlural") != NULL &&
	    cJSON_IsTrue(cJSON_GetObjectItem(task, "queryable")) &&
	    cJSON_IsTrue(cJSON_GetObjectItem(task, "createable")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(task, "custom")),
	    "5 each sObject with name, label, keyPrefix, queryable, createable, "
	    "custom");
	urls = cJSON_GetObjectItem(task, "urls");
	ok(js(urls, "describe") != NULL && strcmp(js(urls, "describe"),
	    V "/sobjects/Task/describe") == 0 && js(urls, "rowTemplate") !=
	    NULL && strcmp(js(urls, "rowTemplate"), V "/sobjects/Task/{ID}") ==
	    0 && js(urls, "sobject") != NULL,
	    "5 urls: sobject, describe, rowTemplate");
	res_free(r);

	r = emu_req(&E, "GET", V "/sobjects/Task", tok, NULL, NULL);
	ok(r->status == 200 && cJSON_GetObjectItem(r->json,
	    "objectDescribe") != NULL && cJSON_IsArray(cJSON_GetObjectItem(
	    r->json, "recentItems")),
	    "5 GET /sobjects/Task is sObject Basic Information: objectDescribe "
	    "and recentItems (resources_sobject_basic_info)");
	res_free(r);

	/* Every resource the version map advertises is served. */
	r = emu_req(&E, "GET", V "/", tok, NULL, NULL);
	n = 0;
	cJSON_ArrayForEach(res, r->json) {
		struct res	*r2;
		const char	*url = cJSON_GetStringValue(res);
		char		*q;
		int		 isq;

		if (url == NULL)
			continue;
		isq = strcmp(res->string, "query") == 0 ||
		    strcmp(res->string, "queryAll") == 0;
		/* The search resources need a search string (issue 17). */
		if (asprintf(&q, "%s%s", url, isq ?
		    "?q=SELECT+Id+FROM+Task+LIMIT+1" :
		    strcmp(res->string, "search") == 0 ? "?q=FIND+%7BAcme%7D" :
		    strcmp(res->string, "parameterizedSearch") == 0 ?
		    "?q=Acme" : "") < 0)
			abort();
		r2 = emu_req(&E, "GET", q, tok, NULL, NULL);
		if (r2->status != 200) {
			printf("# %s advertised, answers %ld\n", url,
			    r2->status);
			n++;
		}
		res_free(r2);
		free(q);
	}
	ok(r->status == 200 && n == 0,
	    "5 every resource the version map advertises answers GET 200 "
	    "(resources_discoveryresource)");
	res_free(r);
}

/* The describe field named name of the Task describe d. */
static const cJSON *
dfield(const cJSON *d, const char *name)
{
	const cJSON	*f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(d, "fields")) {
		if (js(f, "name") != NULL && strcmp(js(f, "name"), name) == 0)
			return (f);
	}
	return (NULL);
}

/* The referenceTo of a describe field as "A,B". */
static char *
refs(const cJSON *f)
{
	const cJSON	*e;
	char		*s = strdup(""), *t;

	cJSON_ArrayForEach(e, cJSON_GetObjectItem(f, "referenceTo")) {
		if (asprintf(&t, "%s%s%s", s, *s ? "," : "",
		    cJSON_GetStringValue(e)) < 0)
			abort();
		free(s);
		s = t;
	}
	return (s);
}

/*
 * Finding 6: the Task describe against the Object Reference, "Task"
 * (sforce_api_objects_task) and "sObject Describe"
 * (resources_sobject_describe).
 */
static void
test_describe_task(void)
{
	static const struct {
		const char	*name, *rel, *refs;
		int		 poly;
	} ref[] = {
		{ "WhoId", "Who", "Contact,Lead", 1 },
		{ "WhatId", "What", "Account", 1 },
		{ "OwnerId", "Owner", "Group,User", 1 },
		{ "CreatedById", "CreatedBy", "User", 0 },
		{ "LastModifiedById", "LastModifiedBy", "User", 0 },
	};
	struct res	*r;
	const cJSON	*f;
	char		*s;
	size_t		 i;

	r = emu_req(&E, "GET", V "/sobjects/Task/describe", tok, NULL, NULL);
	for (i = 0; i < sizeof ref / sizeof ref[0]; i++) {
		f = dfield(r->json, ref[i].name);
		s = refs(f);
		ok(f != NULL && js(f, "relationshipName") != NULL &&
		    strcmp(js(f, "relationshipName"), ref[i].rel) == 0 &&
		    strcmp(s, ref[i].refs) == 0 &&
		    cJSON_IsBool(cJSON_GetObjectItem(f,
		    "polymorphicForeignKey")) &&
		    cJSON_IsTrue(cJSON_GetObjectItem(f,
		    "polymorphicForeignKey")) == ref[i].poly,
		    "6 %s: relationshipName %s, referenceTo [%s], "
		    "polymorphicForeignKey %s", ref[i].name, ref[i].rel,
		    ref[i].refs, ref[i].poly ? "true" : "false");
		if (f != NULL && strcmp(s, ref[i].refs) != 0)
			printf("#   referenceTo [%s]\n", s);
		free(s);
	}
	f = dfield(r->json, "Subject");
	ok(js(f, "type") != NULL && strcmp(js(f, "type"), "combobox") == 0 &&
	    cJSON_GetNumberValue(cJSON_GetObjectItem(f, "length")) == 255,
	    "6 Subject is a combobox of 255");
	f = dfield(r->json, "Status");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(f, "defaultedOnCreate")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(f, "nillable")),
	    "6 Status: defaultedOnCreate, not nillable");
	f = dfield(r->json, "OwnerId");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(f, "defaultedOnCreate")),
	    "6 OwnerId: defaultedOnCreate");
	f = dfield(r->json, "Description");
	ok(js(f, "type") != NULL && strcmp(js(f, "type"), "textarea") == 0 &&
	    cJSON_GetNumberValue(cJSON_GetObjectItem(f, "length")) == 32000,
	    "6 Description: textarea of 32,000");
	f = dfield(r->json, "CreatedDate");
	ok(js(f, "type") != NULL && strcmp(js(f, "type"), "datetime") == 0 &&
	    cJSON_IsTrue(cJSON_GetObjectItem(f, "defaultedOnCreate")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(f, "createable")),
	    "6 CreatedDate: datetime, defaultedOnCreate, not createable");
	f = dfield(r->json, "TaskSubtype");
	ok(js(f, "type") != NULL && strcmp(js(f, "type"), "picklist") == 0 &&
	    cJSON_GetArraySize(cJSON_GetObjectItem(f, "picklistValues")) == 6,
	    "6 TaskSubtype: picklist with its 6 values");
	f = dfield(r->json, "IsClosed");
	ok(js(f, "type") != NULL && strcmp(js(f, "type"), "boolean") == 0 &&
	    cJSON_IsTrue(cJSON_GetObjectItem(f, "defaultedOnCreate")) &&
	    cJSON_IsFalse(cJSON_GetObjectItem(f, "nillable")),
	    "6 IsClosed: boolean, defaultedOnCreate, not nillable");
	f = dfield(r->json, "Id");
	ok(js(f, "type") != NULL && strcmp(js(f, "type"), "id") == 0 &&
	    js(f, "label") != NULL && cJSON_IsTrue(cJSON_GetObjectItem(f,
	    "idLookup")), "6 Id: type id, a label, idLookup");
	res_free(r);
}

/* Parses 2026-11-23T10:00:00.000+0000 to ms. */
static long long
ts_ms(const char *s)
{
	struct tm	tm;
	int		ms = 0;

	memset(&tm, 0, sizeof tm);
	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
	    &ms) != 7)
		return (-1);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	return ((long long)timegm(&tm) * 1000 + ms);
}

/* Formats ms as 2026-11-23T10:00:00Z. */
static void
iso(long long ms, char *buf, size_t len)
{
	time_t		t = (time_t)(ms / 1000);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Finding 7: error bodies, getDeleted on a new org, Name by locale. */
static void
test_smaller(void)
{
	struct res	*r;
	char		*tzh, *thu, *path, start[32], end[32];
	long long	 now, eda;
	const cJSON	*rec;
	const char	*name;

	/*
	 * "Status Codes and Error Responses" (errorcodes): request-level
	 * errors carry message and errorCode; fields belongs to record
	 * errors.
	 */
	r = emu_req(&E, "GET", V "/limits", "nonsense", NULL, NULL);
	ok(r->status == 401 && res_code(r) != NULL &&
	    strcmp(res_code(r), "INVALID_SESSION_ID") == 0 &&
	    cJSON_GetObjectItem(err0(r), "fields") == NULL,
	    "7 INVALID_SESSION_ID body has no fields (errorcodes)");
	res_free(r);
	r = emu_req(&E, "GET", V "/nothing-here", tok, NULL, NULL);
	ok(r->status == 404 && res_code(r) != NULL &&
	    strcmp(res_code(r), "NOT_FOUND") == 0 &&
	    cJSON_GetObjectItem(err0(r), "fields") == NULL,
	    "7 NOT_FOUND body has no fields (errorcodes)");
	res_free(r);
	r = emu_req(&E, "PATCH", V "/sobjects/Task/00T000000000000EAA", tok,
	    "{}", NULL);
	ok(r->status == 404 && cJSON_GetObjectItem(err0(r), "fields") ==
	    NULL, "7 NOT_FOUND of a record write has no fields either");
	if (r->status != 404 || cJSON_GetObjectItem(err0(r), "fields"))
		printf("#   %ld %s\n", r->status, r->body);
	res_free(r);
	if (asprintf(&path, V "/sobjects/Task/%s", t2) < 0)
		abort();
	r = emu_req(&E, "PATCH", path, tok, "{\"Nope__c\":1}", NULL);
	ok(r->status == 400 && cJSON_IsArray(cJSON_GetObjectItem(err0(r),
	    "fields")), "7 a record error keeps its fields list");
	res_free(r);
	free(path);

	/*
	 * "Get Deleted": earliestDateAvailable is "the timestamp of the last
	 * physically deleted object" — never later than now.
	 */
	res_free(emu_ctl(&E, "POST", "reset", NULL));
	res_free(emu_ctl(&E, "POST", "seed", seed));
	free(tok);
	tok = emu_login(&E, "dana@t.example", "pw1");
	r = emu_ctl(&E, "GET", "clock", NULL);
	now = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
	    "ms"));
	res_free(r);
	iso(now - 3600000, start, sizeof start);
	iso(now, end, sizeof end);
	if (asprintf(&path, V "/sobjects/Task/deleted/?start=%s&end=%s",
	    start, end) < 0)
		abort();
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	free(path);
	eda = ts_ms(js(r->json, "earliestDateAvailable"));
	ok(r->status == 200 && eda >= 0 && eda <= now,
	    "7 a new org's earliestDateAvailable is not in the future "
	    "(resources_getdeleted)");
	if (eda > now)
		printf("#   %s, now %lld\n", js(r->json,
		    "earliestDateAvailable"), now);
	res_free(r);

	/*
	 * Salesforce Help, "Locales Overview": the locale sets the display
	 * format of names; last name first for Chinese, Japanese, Korean
	 * and Hungarian locales.
	 */
	tzh = emu_login(&E, "li@t.example", "pw2");
	thu = emu_login(&E, "anna@t.example", "pw3");
	r = emu_req(&E, "GET", V "/query?q=SELECT+Name+FROM+Contact+ORDER+BY"
	    "+LastName", tzh, NULL, NULL);
	name = NULL;
	cJSON_ArrayForEach(rec, cJSON_GetObjectItem(r->json, "records")) {
		if (js(rec, "Name") != NULL && strstr(js(rec, "Name"),
		    "王") != NULL)
			name = js(rec, "Name");
	}
	is_str(name, "王伟", "7 a zh_CN user reads the Chinese contact as "
	    "王伟");
	res_free(r);
	r = emu_req(&E, "GET", V "/query?q=SELECT+Who.Name+FROM+Task+WHERE+"
	    "Subject+%3D+%27Call+Wang%27", tzh, NULL, NULL);
	is_str(js(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    r->json, "records"), 0), "Who"), "Name"), "王伟",
	    "7 and so does Who.Name");
	res_free(r);
	r = emu_req(&E, "GET", V "/query?q=SELECT+Name+FROM+Contact+WHERE+"
	    "LastName+%3D+%27Kov%C3%A1cs%27", thu, NULL, NULL);
	is_str(js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"),
	    0), "Name"), "Kovács János", "7 a hu_HU user reads Kovács János");
	res_free(r);
	r = emu_req(&E, "GET", V "/query?q=SELECT+Name+FROM+Contact+WHERE+"
	    "LastName+%3D+%27Souza%27", tok, NULL, NULL);
	is_str(js(cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"),
	    0), "Name"), "Ana Souza", "7 an en_US user reads Ana Souza");
	res_free(r);
	free(tzh);
	free(thu);
}

int
main(void)
{
	struct res	*r;
	const cJSON	*t;
	int		 st;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	emu_start(&E, NULL);
	r = emu_ctl(&E, "POST", "seed", seed);
	is_int(r->status, 200, "seed");
	t = cJSON_GetObjectItem(r->json, "tasks");
	snprintf(t1, sizeof t1, "%s", cJSON_GetStringValue(
	    cJSON_GetArrayItem(t, 0)) ? cJSON_GetStringValue(
	    cJSON_GetArrayItem(t, 0)) : "");
	snprintf(t2, sizeof t2, "%s", cJSON_GetStringValue(
	    cJSON_GetArrayItem(t, 1)) ? cJSON_GetStringValue(
	    cJSON_GetArrayItem(t, 1)) : "");
	res_free(r);
	tok = emu_login(&E, "dana@t.example", "pw1");
	ok(tok != NULL, "the rep logs in");

	test_case_insensitive();
	test_post_retrieve();
	test_upsert();
	test_describe_global();
	test_describe_task();
	test_smaller();

	st = emu_stop(&E);
	is_int(st, 0, "sfemu exits cleanly on SIGTERM");
	free(tok);
	curl_global_cleanup();
	return (tap_done());
}
