/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu conformance: the values of a SOQL WHERE clause are checked against
 * the types of the object's fields when the query is compiled, before any
 * row is read (issue 14, finding 1), so an org without a single task
 * refuses the same query a full one does.  Each check cites the page of
 * the Salesforce SOQL and SOSL Reference behind it
 * (developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/…):
 *
 *   DATES  "Date Formats and Date Literals in WHERE"
 *          (sforce_api_calls_soql_select_dateformats.htm): a date value
 *          filters date fields, a dateTime value dateTime fields, neither in
 *          quotes; date literals such as TODAY compare with date or dateTime
 *          fields.
 *   WHERE  "WHERE" (sforce_api_calls_soql_select_conditionexpression.htm):
 *          "To filter on a boolean field, use WHERE BooleanField = TRUE".
 *   FEXPR  "fieldExpression Syntax"
 *          (sforce_api_calls_soql_select_fieldexpression.htm): "Supply a
 *          value whose data type matches the field type of the specified
 *          field … Quotes are unnecessary for dates and numbers"; the field
 *          "can be any field except a long text area field".
 *   CMPOP  "Comparison Operators"
 *          (sforce_api_calls_soql_select_comparisonoperators.htm): "The LIKE
 *          operator is supported for string fields only"; operators and
 *          names are case-insensitive.
 *   ORDER  "ORDER BY" (sforce_api_calls_soql_select_orderby.htm): long text
 *          area fields are not supported.
 *   OFFSET "OFFSET" (sforce_api_calls_soql_select_offset.htm): "The maximum
 *          offset is 2,000 rows. Requesting an offset greater than 2,000
 *          results in a NUMBER_OUTSIDE_VALID_RANGE error."
 *
 * The error body is Salesforce's: 400, errorCode INVALID_FIELD, and the
 * message "value of filter criterion for field 'F' must be of type T and
 * should [not] be enclosed in quotes" at the end of the multi-line form.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "emu.h"

#define V	"/services/data/v59.0"

static struct emu	 E;
static char		*tok;
static const char	*org = "empty org";

static const char seed[] =
    "{\"users\":[{\"key\":\"rep\",\"Name\":\"Dana Rivera\",\"Username\":"
    "\"dana@t.example\",\"Password\":\"pw1\"}],"
    "\"contacts\":[{\"key\":\"ana\",\"FirstName\":\"Ana\",\"LastName\":"
    "\"Souza\"}]}";

static const char task[] =
    "{\"tasks\":[{\"Subject\":\"Call Ana\",\"Status\":\"Not Started\","
    "\"Priority\":\"High\",\"ActivityDate\":0,\"Owner\":\"rep\",\"Who\":"
    "\"ana\",\"Description\":\"notes\",\"CreatedDaysAgo\":3}]}";

/* GET /query for soql. */
static struct res *
query(const char *soql)
{
	struct res	*r;
	char		*q, *path;

	q = emu_escape(soql);
	if (asprintf(&path, V "/query?q=%s", q) < 0)
		abort();
	r = emu_req(&E, "GET", path, tok, NULL, NULL);
	free(q);
	free(path);
	return (r);
}

/* The message of the first error of a Salesforce error body, or "". */
static const char *
res_message(struct res *r)
{
	cJSON	*e = cJSON_GetArrayItem(r->json, 0);

	return (e != NULL && js(e, "message") != NULL ? js(e, "message") : "");
}

/* Checks that soql is refused: 400, code, and a message ending in tail. */
static void
refused(const char *doc, const char *soql, const char *code, const char *tail)
{
	struct res	*r = query(soql);
	const char	*msg = res_message(r);
	size_t		 ml = strlen(msg), tl = strlen(tail);
	int		 good;

	good = r->status == 400 && res_code(r) != NULL &&
	    strcmp(res_code(r), code) == 0 && ml >= tl &&
	    strcmp(msg + ml - tl, tail) == 0;
	ok(good, "E1 %s, %s: refused (%s): %s", doc, org, code, soql);
	if (!good)
		printf("#   got %ld %s\n", r->status, r->body);
	res_free(r);
}

/* Checks that soql is accepted and answers total records. */
static void
accepted(const char *doc, const char *soql, int total)
{
	struct res	*r = query(soql);
	int		 n = -1;

	if (r->status == 200)
		n = (int)cJSON_GetNumberValue(cJSON_GetObjectItem(r->json,
		    "totalSize"));
	ok(r->status == 200 && n == total, "E1 %s, %s: accepted, %d rows: %s",
	    doc, org, total, soql);
	if (r->status != 200 || n != total)
		printf("#   got %ld %s\n", r->status, r->body);
	res_free(r);
}

/* Values that do not fit their field, refused with or without rows. */
static void
test_refused(void)
{
	refused("DATES", "SELECT Id FROM Task WHERE ActivityDate = "
	    "2026-11-24T00:00:00Z", "INVALID_FIELD", "value of filter "
	    "criterion for field 'ActivityDate' must be of type date and "
	    "should not be enclosed in quotes");
	refused("DATES", "SELECT Id FROM Task WHERE CreatedDate > 2026-11-24",
	    "INVALID_FIELD", "value of filter criterion for field "
	    "'CreatedDate' must be of type dateTime and should not be "
	    "enclosed in quotes");
	refused("DATES", "SELECT Id FROM Task WHERE ActivityDate = "
	    "'2026-11-24'", "INVALID_FIELD", "field 'ActivityDate' must be "
	    "of type date and should not be enclosed in quotes");
	refused("DATES", "SELECT Id FROM Task WHERE SystemModstamp >= "
	    "'2026-11-24T00:00:00Z'", "INVALID_FIELD", "field "
	    "'SystemModstamp' must be of type dateTime and should not be "
	    "enclosed in quotes");
	refused("DATES", "SELECT Id FROM Task WHERE Subject = TODAY",
	    "INVALID_FIELD", "field 'Subject' must be of type string and "
	    "should be enclosed in quotes");
	refused("DATES", "SELECT Id FROM Task WHERE Status IN ('Completed', "
	    "LAST_N_MONTHS:2)", "INVALID_FIELD", "field 'Status' must be of "
	    "type string and should be enclosed in quotes");
	refused("DATES", "SELECT Id FROM Task WHERE ActivityDate IN "
	    "(2026-11-24, 2026-11-25T00:00:00Z)", "INVALID_FIELD",
	    "field 'ActivityDate' must be of type date and should not be "
	    "enclosed in quotes");
	refused("WHERE", "SELECT Id FROM Task WHERE IsClosed = 'true'",
	    "INVALID_FIELD", "value of filter criterion for field 'IsClosed' "
	    "must be of type boolean and should not be enclosed in quotes");
	refused("WHERE", "SELECT Id FROM Task WHERE IsDeleted = 1",
	    "INVALID_FIELD", "field 'IsDeleted' must be of type boolean and "
	    "should not be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM Task WHERE Subject = 5",
	    "INVALID_FIELD", "field 'Subject' must be of type string and "
	    "should be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM Task WHERE Status IN "
	    "('Completed', 1)", "INVALID_FIELD", "field 'Status' must be of "
	    "type string and should be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM Task WHERE Who.Name = true",
	    "INVALID_FIELD", "field 'Who.Name' must be of type string and "
	    "should be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM TaskStatus WHERE SortOrder = '1'",
	    "INVALID_FIELD", "should not be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM Task WHERE Subject = 'x' AND "
	    "(IsClosed = false OR ActivityDate > 2026-11-24T00:00:00Z)",
	    "INVALID_FIELD", "field 'ActivityDate' must be of type date and "
	    "should not be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM Task WHERE NOT (CreatedDate = "
	    "2026-11-24)", "INVALID_FIELD", "field 'CreatedDate' must be of "
	    "type dateTime and should not be enclosed in quotes");
	refused("FEXPR", "SELECT Id FROM Task WHERE Description = 'x'",
	    "INVALID_FIELD", "field 'Description' can not be filtered in a "
	    "query call");
	refused("ORDER", "SELECT Id FROM Task ORDER BY Description",
	    "INVALID_FIELD", "field 'Description' can not be sorted in a "
	    "query call");
	refused("CMPOP", "SELECT Id FROM Task WHERE ActivityDate LIKE '2026%'",
	    "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on date field "
	    "'ActivityDate': LIKE works on string fields only");
	refused("CMPOP", "SELECT Id FROM Task WHERE IsClosed LIKE 'true'",
	    "INVALID_QUERY_FILTER_OPERATOR", "LIKE works on string fields "
	    "only");
	refused("WHERE", "SELECT Id FROM Task WHERE IsClosed > false",
	    "INVALID_QUERY_FILTER_OPERATOR", "invalid operator on boolean "
	    "field 'IsClosed': use = or !=");
	refused("OFFSET", "SELECT Id FROM Task ORDER BY Id LIMIT 10 "
	    "OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL "
	    "offset allowed for apiName Task is 2000");
}

/* Values that fit, and names in any case, accepted with or without rows. */
static void
test_accepted(int n)
{
	accepted("DATES", "SELECT Id FROM Task WHERE ActivityDate = TODAY", n);
	accepted("DATES", "SELECT Id FROM Task WHERE CreatedDate = "
	    "LAST_N_DAYS:7", n);
	accepted("DATES", "SELECT Id FROM Task WHERE ActivityDate = THIS_WEEK "
	    "AND ActivityDate = THIS_MONTH AND ActivityDate = THIS_FISCAL_YEAR "
	    "AND CreatedDate = LAST_90_DAYS AND CreatedDate > N_YEARS_AGO:2 "
	    "AND ActivityDate < NEXT_N_QUARTERS:2", n);
	accepted("DATES", "SELECT Id FROM Task WHERE ActivityDate >= "
	    "2000-01-01 AND CreatedDate > 2000-01-01T00:00:00Z AND "
	    "SystemModstamp < 2999-01-01T00:00:00+01:00", n);
	accepted("WHERE", "SELECT Id FROM Task WHERE IsClosed = false AND "
	    "IsDeleted != TRUE", n);
	accepted("FEXPR", "SELECT Id FROM Task WHERE Subject != null AND "
	    "ActivityDate != null AND IsHighPriority != null", n);
	accepted("FEXPR", "SELECT Id FROM TaskStatus WHERE SortOrder > -1 "
	    "AND IsClosed = true", 1);
	accepted("CMPOP", "SELECT Id FROM Task WHERE Subject LIKE 'call%' "
	    "AND Status LIKE 'not%' AND Who.Name LIKE 'ana%'", n);
	accepted("CMPOP", "select id, subject, owner.name, who.name from task "
	    "where ownerid != null and isclosed = false and activitydate <= "
	    "tomorrow and status in ('not started') order by activitydate "
	    "desc nulls last, id limit 5", n);
	accepted("ORDER", "SELECT Description FROM Task ORDER BY Subject", n);
	accepted("OFFSET", "SELECT Id FROM Task ORDER BY Id OFFSET 2000", 0);
}

/*
 * The whole error body, in the multi-line form the REST API gives every
 * query error (WHERE, "To filter on a boolean field …"): the query, a
 * caret under the field, the row and column, the message.
 */
static void
test_shape(void)
{
	struct res	*r;
	cJSON		*e;

	r = query("SELECT Id FROM Task WHERE IsClosed = 'true'");
	e = cJSON_GetArrayItem(r->json, 0);
	is_str(res_message(r), "\nSELECT Id FROM Task WHERE IsClosed = "
	    "'true'\n                          ^\nERROR at Row:1:Column:27\n"
	    "value of filter criterion for field 'IsClosed' must be of type "
	    "boolean and should not be enclosed in quotes",
	    "E2 WHERE, %s: the error names the query, the column and the "
	    "field", org);
	ok(r->status == 400 && cJSON_GetArraySize(r->json) == 1 &&
	    js(e, "errorCode") != NULL &&
	    strcmp(js(e, "errorCode"), "INVALID_FIELD") == 0,
	    "E2 WHERE, %s: one error, INVALID_FIELD", org);
	res_free(r);
}

/* Lower-case names render with the describe's spelling (CMPOP, FEXPR). */
static void
test_case(void)
{
	struct res	*r;
	cJSON		*rec, *owner;

	r = query("select id, SUBJECT, owner.name, Who.name from TASK where "
	    "subject = 'CALL ANA'");
	rec = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "records"), 0);
	owner = cJSON_GetObjectItem(rec, "Owner");
	ok(r->status == 200 && rec != NULL &&
	    js(cJSON_GetObjectItem(rec, "attributes"), "type") != NULL &&
	    strcmp(js(cJSON_GetObjectItem(rec, "attributes"), "type"),
	    "Task") == 0 && js(rec, "Id") != NULL &&
	    js(rec, "Subject") != NULL && js(owner, "Name") != NULL &&
	    strcmp(js(owner, "Name"), "Dana Rivera") == 0 &&
	    js(cJSON_GetObjectItem(rec, "Who"), "Name") != NULL,
	    "E1 CMPOP: names in any case are found and rendered as the "
	    "describe spells them (Id, Subject, Owner.Name, Who.Name, Task)");
	if (r->status != 200)
		printf("#   got %ld %s\n", r->status, r->body);
	res_free(r);
}

int
main(void)
{
	struct res	*r;
	int		 st;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	emu_start(&E, NULL);
	r = emu_ctl(&E, "POST", "seed", seed);
	is_int(r->status, 200, "E3 seed a user and a contact, no task");
	res_free(r);
	tok = emu_login(&E, "dana@t.example", "pw1");
	ok(tok != NULL, "E1 the rep logs in");

	test_refused();
	test_shape();
	test_accepted(0);

	r = emu_ctl(&E, "POST", "seed", task);
	is_int(r->status, 200, "E3 seed one task");
	res_free(r);
	org = "org with a task";
	test_refused();
	test_shape();
	test_accepted(1);
	test_case();

	st = emu_stop(&E);
	is_int(st, 0, "E1 sfemu exits cleanly on SIGTERM");
	free(tok);
	curl_global_cleanup();
	return (tap_done());
}
