/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Tests for sfemu's SOQL subset (SPEC E1): parses queries, evaluates them
 * against a handful of in-test Task rows at a fixed "now" and checks which
 * rows come back, in which order; then feeds malformed queries and checks
 * that each is refused with a message and a column that point at the fault.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE	/* timegm */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sfemu-soql.h"
#include "tap.h"

struct row {
	const char	*id;
	const char	*subject;
	const char	*status;
	const char	*owner;
	const char	*who_name;	/* NULL: no related person */
	const char	*date;		/* ActivityDate, NULL for none */
	const char	*modstamp;	/* SystemModstamp, UTC */
	int		 deleted;
	int		 has_calls;
	double		 calls;		/* CallDurationInSeconds */
};

/* Returns milliseconds since the epoch for "YYYY-MM-DDThh:mm:ss.mmm" UTC. */
static long long
ms(const char *iso)
{
	struct tm	tm;
	int		msec = 0;

	memset(&tm, 0, sizeof tm);
	if (sscanf(iso, "%d-%d-%dT%d:%d:%d.%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &msec) < 3)
		abort();
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return ((long long)timegm(&tm) * 1000 + msec);
}

/* The getter sfemu would supply, over struct row; names ignore case. */
static int
get(void *p, const char *field, struct soql_value *v)
{
	struct row	*r = p;

	memset(v, 0, sizeof *v);
	v->type = SOQL_STRING;
	if (strcasecmp(field, "Id") == 0)
		v->s = r->id;
	else if (strcasecmp(field, "Subject") == 0)
		v->s = r->subject;
	else if (strcasecmp(field, "Status") == 0)
		v->s = r->status;
	else if (strcasecmp(field, "OwnerId") == 0)
		v->s = r->owner;
	else if (strcasecmp(field, "Who.Name") == 0) {
		v->s = r->who_name;
		if (v->s == NULL)
			v->type = SOQL_NULL;
	} else if (strcasecmp(field, "ActivityDate") == 0) {
		v->type = r->date != NULL ? SOQL_DATE : SOQL_NULL;
		if (r->date != NULL)
			v->i = ms(r->date) / 86400000;
	} else if (strcasecmp(field, "SystemModstamp") == 0) {
		v->type = SOQL_DATETIME;
		v->i = ms(r->modstamp);
	} else if (strcasecmp(field, "IsDeleted") == 0) {
		v->type = SOQL_BOOL;
		v->b = r->deleted;
	} else if (strcasecmp(field, "CallDurationInSeconds") == 0) {
		v->type = r->has_calls ? SOQL_NUMBER : SOQL_NULL;
		v->n = r->calls;
	} else
		return (-1);
	return (0);
}

/* Now is 2026-11-23T10:00:00Z: a is due today, b yesterday, c tomorrow. */
static struct row rows[] = {
	{ "a", "Call Alice", "Not Started", "005A", "Alice Smith",
	  "2026-11-23", "2026-11-23T09:00:00.000", 0, 1, 30 },
	{ "b", "Email Bob", "Completed", "005A", "Bob Jones",
	  "2026-11-22", "2026-11-22T23:59:59.999", 0, 1, 0 },
	{ "c", "call carol", "In Progress", "005B", NULL,
	  "2026-11-24", "2026-11-24T00:00:00.000", 0, 1, 120.5 },
	{ "d", "Follow up 100% sure_thing", "Not Started", "005A",
	  "Dana O'Neil", NULL, "2026-11-16T10:00:00.000", 1, 0, 0 },
	{ "e", "Lunch", "Deferred", "005B", "\xc3\x89lodie",
	  "2026-11-30", "2026-10-01T00:00:00.000", 0, 1, 5 },
	{ "f", "Sync \xc3\xbcn\xc3\xaf" "code", "Completed", "005C",
	  "bob jones",
	  "2026-11-16", "2026-11-23T10:00:00.000", 0, 1, 30 },
};
#define NROWS (sizeof rows / sizeof rows[0])

static long long now;

/*
 * Runs soql the way sfemu will: filter, stable sort, offset, limit.
 * Returns the ids joined by commas, "count=N", "PARSE col: cause" or
 * "EVAL col: cause".
 */
static const char *
run_rows(const char *soql, struct row *set, size_t n)
{
	static char		 out[1024];
	struct soql_query	*q;
	struct row		*hit[64], *tmp;
	char			*cause = NULL;
	size_t			 pos = 0, nhit = 0, i, j, len;
	long long		 lim, off;
	int			 r;

	if ((q = soql_parse(soql, &cause, &pos)) == NULL) {
		snprintf(out, sizeof out, "PARSE %zu: %s", pos, cause);
		free(cause);
		return (out);
	}
	for (i = 0; i < n; i++) {
		r = soql_match_err(q, get, &set[i], now, &cause, &pos);
		if (r == -1) {
			snprintf(out, sizeof out, "EVAL %zu: %s", pos, cause);
			free(cause);
			soql_free(q);
			return (out);
		}
		if (r == 1)
			hit[nhit++] = &set[i];
	}
	if (soql_is_count(q)) {
		snprintf(out, sizeof out, "count=%zu", nhit);
		soql_free(q);
		return (out);
	}
	for (i = 1; i < nhit; i++) {
		for (j = i; j > 0 && soql_compare(q, get, hit[j - 1],
		    hit[j]) > 0; j--) {
			tmp = hit[j];
			hit[j] = hit[j - 1];
			hit[j - 1] = tmp;
		}
	}
	off = soql_offset(q);
	lim = soql_limit(q);
	out[0] = '\0';
	for (i = (size_t)off, j = 0; i < nhit; i++, j++) {
		if (lim >= 0 && (long long)j >= lim)
			break;
		len = strlen(out);
		snprintf(out + len, sizeof out - len, "%s%s",
		    len != 0 ? "," : "", hit[i]->id);
	}
	soql_free(q);
	return (out);
}

/* Runs soql over the shared rows. */
static const char *
run(const char *soql)
{
	return (run_rows(soql, rows, NROWS));
}

/* Checks the rows a query returns. */
static void
rows_are(const char *soql, const char *want, const char *what)
{
	is_str(run(soql), want, "E1 soql: %s", what);
}

/* Checks that evaluating a well-formed query fails with cause and column. */
static void
eval_fails(const char *soql, const char *marker, const char *cause)
{
	const char	*got = run(soql);
	char		 want[64];

	snprintf(want, sizeof want, "EVAL %zu: ",
	    (size_t)(strstr(soql, marker) - soql) + 1);
	ok(strncmp(got, want, strlen(want)) == 0 && strstr(got, cause) != NULL,
	    "E1 soql: refused at evaluation (INVALID_FIELD): %s", soql);
	if (strncmp(got, want, strlen(want)) != 0 || strstr(got, cause) == NULL)
		printf("#   got \"%s\", expected \"%s...%s\"\n", got, want,
		    cause);
}

struct bad {
	const char	*soql;
	const char	*marker;	/* where the error points; NULL: end */
	const char	*cause;		/* part of the message */
};

static const struct bad bad[] = {
	{ "", NULL, "expecting SELECT" },
	{ "DELETE FROM Task", "DELETE", "unexpected token: 'DELETE'" },
	{ "SELECT Id FORM Task", "FORM", "unexpected token: 'FORM'" },
	{ "SELECT FROM Task", "FROM", "unexpected token: 'FROM'" },
	{ "SELECT Id, FROM Task", "FROM", "unexpected token: 'FROM'" },
	{ "SELECT Id FROM", NULL, "object name" },
	{ "SELECT * FROM Task", "*", "unexpected token: '*'" },
	{ "SELECT Id, Subject, id FROM Task", "id FROM",
	  "duplicate field selected" },
	{ "SELECT Id FROM Task tk", "tk", "unexpected token: 'tk'" },
	{ "SELECT Id FROM Who.Name", "Who.Name", "object name" },
	{ "SELECT Who. FROM Task", " FROM Task", "invalid field name" },
	{ "SELECT Id FROM Task WHERE", NULL, "unexpected end" },
	{ "SELECT Id FROM Task WHERE Subject", NULL, "expecting an operator" },
	{ "SELECT Id FROM Task WHERE Subject = ", NULL, "expecting a value" },
	{ "SELECT Id FROM Task WHERE Subject == 'x'", "= 'x'",
	  "unexpected token: '='" },
	{ "SELECT Id FROM Task WHERE Subject = 'x", "'x",
	  "unterminated string" },
	{ "SELECT Id FROM Task WHERE Subject = \"x\"", "\"",
	  "unexpected token: '\"'" },
	{ "SELECT Id FROM Task WHERE Subject = 'a\\qb'", "\\q",
	  "invalid escape sequence '\\q'" },
	{ "SELECT Id FROM Task WHERE Subject = Status", "Status",
	  "expecting a value" },
	{ "SELECT Id FROM Task WHERE Subject = :subj", ":subj",
	  "unexpected token: ':'" },
	{ "SELECT Id FROM Task WHERE (Subject = 'x'", NULL, "expecting ')'" },
	{ "SELECT Id FROM Task WHERE Subject = 'x')", ")",
	  "unexpected token: ')'" },
	{ "SELECT Id FROM Task WHERE Subject = 'x' AND", NULL,
	  "unexpected end" },
	{ "SELECT Id FROM Task WHERE Status = 'a' AND Status = 'b' "
	  "OR Status = 'c'", "OR", "parentheses" },
	{ "SELECT Id FROM Task WHERE Status = 'a' OR Status = 'b' "
	  "AND Status = 'c'", "AND", "parentheses" },
	{ "SELECT Id FROM Task WHERE NOT Status = 'a' AND IsDeleted = false",
	  "AND", "parentheses" },
	{ "SELECT Id FROM Task WHERE IsDeleted = false AND NOT Status = 'a'",
	  "NOT", "parentheses" },
	{ "SELECT Id FROM Task WHERE NOT NOT IsDeleted = true",
	  "NOT IsDeleted", "unexpected token: 'NOT'" },
	{ "SELECT Id FROM Task WHERE ActivityDate < null", "< null",
	  "null can only be compared with = or !=" },
	{ "SELECT Id FROM Task WHERE Subject IN ()", ")",
	  "unexpected token: ')'" },
	{ "SELECT Id FROM Task WHERE Subject IN 'a'", "'a'", "'(' after IN" },
	{ "SELECT Id FROM Task WHERE Status IN ('a',)", ")",
	  "expecting a value" },
	{ "SELECT Id FROM Task WHERE Subject LIKE 5", "5", "quoted pattern" },
	{ "SELECT Id FROM Task WHERE Status INCLUDES ('a')", "INCLUDES",
	  "expecting an operator" },
	{ "SELECT Id FROM Task WHERE CallDurationInSeconds = 1.2.3", "1.2.3",
	  "invalid number" },
	{ "SELECT Id FROM Task WHERE SystemModstamp > 2026-11-23T10:00:00 "
	  "LIMIT 1", " LIMIT", "needs a time zone" },
	{ "SELECT Id FROM Task WHERE ActivityDate = 2026-02-30", "2026",
	  "invalid date" },
	{ "SELECT Id FROM Task WHERE ActivityDate = 2026-13-01", "2026",
	  "invalid date" },
	{ "SELECT Id FROM Task WHERE SystemModstamp = 2026-11-23T25:00:00Z",
	  "2026", "invalid date" },
	{ "SELECT Id FROM Task WHERE SystemModstamp = 2026-11-23T10:00:00+0100",
	  "2026", "invalid date" },
	{ "SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS", NULL,
	  "':n'" },
	{ "SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS: 5", "5",
	  "whole number of days" },
	{ "SELECT Id FROM Task WHERE ActivityDate = NEXT_N_DAYS:-1", "-1",
	  "whole number of days" },
	{ "SELECT Id FROM Task WHERE ActivityDate = THIS_FORTNIGHT",
	  "THIS_FORTNIGHT", "unexpected token: 'THIS_FORTNIGHT'" },
	{ "SELECT Id FROM Task WHERE ActivityDate = THIS_WEEK:2", ":2",
	  "unexpected token: ':'" },
	{ "SELECT Id FROM Task WHERE ActivityDate = LAST_N_WEEKS:x", "x",
	  "whole number of weeks" },
	{ "SELECT Id FROM Task WHERE CALENDAR_YEAR(ActivityDate) = 2026",
	  "CALENDAR_YEAR", "unsupported function" },
	{ "SELECT Status, COUNT(Id) FROM Task GROUP BY Status", "COUNT",
	  "unsupported function" },
	{ "SELECT COUNT(Id) FROM Task", "Id)", "COUNT() without a field" },
	{ "SELECT COUNT(), Id FROM Task", ", Id", "unexpected token: ','" },
	{ "SELECT Id, (SELECT Id FROM Contacts) FROM Account", "(SELECT",
	  "unexpected token: '('" },
	{ "SELECT Id FROM Task WHERE WhoId IN (SELECT Id FROM Contact)",
	  "SELECT Id FROM Contact", "unexpected token: 'SELECT'" },
	{ "SELECT Id FROM Task GROUP BY Status", "GROUP",
	  "GROUP is not supported" },
	{ "SELECT Id FROM Task FOR UPDATE", "FOR", "FOR is not supported" },
	{ "SELECT Id FROM Task WITH SECURITY_ENFORCED", "WITH",
	  "WITH is not supported" },
	{ "SELECT TYPEOF What WHEN Account THEN Phone END FROM Task",
	  "TYPEOF", "unexpected token: 'TYPEOF'" },
	{ "SELECT Id FROM Task ORDER Subject", "Subject", "expecting BY" },
	{ "SELECT Id FROM Task ORDER BY Subject NULLS", NULL,
	  "FIRST or LAST" },
	{ "SELECT Id FROM Task ORDER BY Subject NULLS MIDDLE", "MIDDLE",
	  "FIRST or LAST" },
	{ "SELECT Id FROM Task WHERE Subject = 'x' ORDER BY", NULL,
	  "field name" },
	{ "SELECT Id FROM Task LIMIT -1", "-1", "whole number" },
	{ "SELECT Id FROM Task LIMIT 1.5", "1.5", "whole number" },
	{ "SELECT Id FROM Task LIMIT 99999999999", "9", "whole number" },
	{ "SELECT Id FROM Task LIMIT", NULL, "expecting a number" },
	{ "SELECT Id FROM Task OFFSET 5 LIMIT 1", "LIMIT",
	  "unexpected token: 'LIMIT'" },
	{ "SELECT Id FROM Task LIMIT 1 LIMIT 2", "LIMIT 2",
	  "unexpected token: 'LIMIT'" },
	{ "SELECT Id FROM Task WHERE Subject = 'x'; DELETE", ";",
	  "unexpected token: ';'" },
	{ "SELECT Id FROM Task WHERE \xff = 1", "\xff",
	  "unexpected token: '?'" },
};

/* Checks each malformed query is refused, pointing at its marker. */
static void
test_malformed(void)
{
	const struct bad	*b;
	struct soql_query	*q;
	char			*cause;
	size_t			 i, pos, want;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		b = &bad[i];
		cause = NULL;
		pos = 0;
		q = soql_parse(b->soql, &cause, &pos);
		if (b->marker == NULL)
			want = strlen(b->soql) + 1;
		else
			want = (size_t)(strstr(b->soql, b->marker) -
			    b->soql) + 1;
		ok(q == NULL && cause != NULL && strstr(cause, b->cause) != NULL
		    && pos == want, "E1 soql: malformed query refused at "
		    "column %zu: %s", want, b->soql);
		if (q != NULL || cause == NULL || strstr(cause, b->cause) ==
		    NULL || pos != want)
			printf("#   got column %zu, \"%s\"\n", pos,
			    cause != NULL ? cause : "(parsed)");
		soql_free(q);
		free(cause);
	}
}

/* Checks the limits that protect the parser from hostile input. */
static void
test_limits(void)
{
	struct soql_query	*q;
	struct { char *p; size_t n; } b;
	char			*cause = NULL;
	size_t			 pos = 0, i;
	const char		*head = "SELECT Id FROM Task WHERE ";

	/* 50 levels of parentheses are fine. */
	b.n = strlen(head) + 50 * 2 + 64;
	b.p = calloc(1, b.n);
	strcpy(b.p, head);
	for (i = 0; i < 50; i++)
		strcat(b.p, "(");
	strcat(b.p, "IsDeleted = true");
	for (i = 0; i < 50; i++)
		strcat(b.p, ")");
	is_str(run(b.p), "d", "E1 soql: 50 nested parentheses evaluate");
	free(b.p);

	/* 5000 levels are refused, not a stack overflow. */
	b.n = strlen(head) + 5000 * 4 + 64;
	b.p = calloc(1, b.n);
	strcpy(b.p, head);
	for (i = 0; i < 5000; i++)
		strcat(b.p, i % 2 ? "(" : "NOT (");
	q = soql_parse(b.p, &cause, &pos);
	ok(q == NULL && cause != NULL && strstr(cause, "too deeply nested"),
	    "E1 soql: deep nesting is refused (%s)", cause ? cause : "parsed");
	soql_free(q);
	free(cause);
	free(b.p);

	/* Longer than Salesforce's 100,000 characters. */
	b.p = malloc(200001);
	memset(b.p, ' ', 200000);
	memcpy(b.p, "SELECT Id FROM Task", 19);
	b.p[200000] = '\0';
	cause = NULL;
	q = soql_parse(b.p, &cause, &pos);
	ok(q == NULL && cause != NULL && strstr(cause, "too long") &&
	    pos == 100001, "E1 soql: a query over 100000 characters is "
	    "refused");
	soql_free(q);
	free(cause);
	free(b.p);

	/* A long IN list and a long pattern are fine. */
	b.n = 200 * 24 + 128;
	b.p = calloc(1, b.n);
	strcpy(b.p, "SELECT Id FROM Task WHERE Id IN (");
	for (i = 0; i < 200; i++) {
		char	one[32];

		snprintf(one, sizeof one, "%s'00T%015zu'", i ? "," : "", i);
		strcat(b.p, one);
	}
	strcat(b.p, ",'f')");
	is_str(run(b.p), "f", "E1 soql: an IN list of 201 ids");
	free(b.p);
	is_str(run("SELECT Id FROM Task WHERE Subject LIKE "
	    "'%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%x'"),
	    "", "E1 soql: a pathological LIKE pattern ends");

	/* NULL cause and pos are allowed. */
	ok(soql_parse("SELECT", NULL, NULL) == NULL,
	    "E1 soql: soql_parse accepts NULL cause and pos");
}

/* Checks the accessors the emulator uses around evaluation. */
static void
test_accessors(void)
{
	struct soql_query	*q;
	char			*cause = NULL;
	size_t			 pos = 0;

	q = soql_parse("SELECT Id, Subject, Who.Name FROM Task WHERE "
	    "subject LIKE 'a%' AND (ActivityDate = TODAY OR WHO.NAME = null) "
	    "ORDER BY SystemModstamp DESC, id", &cause, &pos);
	ok(q != NULL, "E1 soql: select list with a relationship field parses");
	if (q == NULL) {
		printf("#   %zu: %s\n", pos, cause);
		free(cause);
		return;
	}
	is_str(soql_object(q), "Task", "E1 soql: object name");
	is_int(soql_is_count(q), 0, "E1 soql: not a count query");
	is_int(soql_nfields(q), 3, "E1 soql: three selected fields");
	is_str(soql_field(q, 2), "Who.Name", "E1 soql: relationship field "
	    "kept as written");
	is_str(soql_field(q, 3), NULL, "E1 soql: soql_field out of range");
	is_int(soql_nrefs(q), 5, "E1 soql: every distinct field is a ref, "
	    "case-insensitively");
	is_str(soql_ref(q, 0), "Id", "E1 soql: ref 0");
	is_str(soql_ref(q, 1), "Subject", "E1 soql: ref 1");
	is_str(soql_ref(q, 2), "Who.Name", "E1 soql: ref 2");
	is_str(soql_ref(q, 3), "ActivityDate", "E1 soql: ref 3 from WHERE");
	is_str(soql_ref(q, 4), "SystemModstamp", "E1 soql: ref 4 from "
	    "ORDER BY");
	is_str(soql_ref(q, 5), NULL, "E1 soql: soql_ref out of range");
	is_int(soql_limit(q), -1, "E1 soql: no LIMIT is -1");
	is_int(soql_offset(q), 0, "E1 soql: no OFFSET is 0");
	soql_free(q);
	soql_free(NULL);

	q = soql_parse("select count ( ) from task where isdeleted = false "
	    "limit 10 offset 2", &cause, &pos);
	ok(q != NULL && soql_is_count(q) && soql_nfields(q) == 0 &&
	    soql_limit(q) == 10 && soql_offset(q) == 2 &&
	    soql_nrefs(q) == 1, "E1 soql: COUNT(), lower-case keywords, "
	    "LIMIT and OFFSET");
	soql_free(q);

	q = soql_parse("SELECT Id FROM Task WHERE Who.Name = 'x' AND "
	    "Bogus__c = 1", &cause, &pos);
	ok(q != NULL && soql_nrefs(q) == 3 && strcmp(soql_ref(q, 2),
	    "Bogus__c") == 0, "E1 soql: an unknown field parses and is "
	    "listed in refs for INVALID_FIELD");
	is_int(soql_match(q, get, &rows[0], now), -1,
	    "E1 soql: soql_match is -1 for a field the getter does not know");
	soql_free(q);
}

/* Checks comparison operators on each type. */
static void
test_operators(void)
{
	rows_are("SELECT Id FROM Task", "a,b,c,d,e,f", "no WHERE matches all");
	rows_are("SELECT Id FROM Task WHERE Status = 'not started'", "a,d",
	    "= on strings ignores case");
	rows_are("SELECT Id FROM Task WHERE Status != 'Completed'",
	    "a,c,d,e", "!=");
	rows_are("SELECT Id FROM Task WHERE Status <> 'COMPLETED'",
	    "a,c,d,e", "<> is !=");
	rows_are("SELECT Id FROM Task WHERE Who.Name != 'Bob Jones'",
	    "a,c,d,e", "!= matches nulls and ignores case");
	rows_are("SELECT Id FROM Task WHERE Who.Name = null", "c",
	    "= null on a relationship field");
	rows_are("SELECT Id FROM Task WHERE Who.Name != NULL", "a,b,d,e,f",
	    "!= null");
	rows_are("SELECT Id FROM Task WHERE Subject < 'd'", "a,c",
	    "< on strings ignores case");
	rows_are("SELECT Id FROM Task WHERE Subject >= 'lunch'", "e,f",
	    ">= on strings");
	rows_are("SELECT Id FROM Task WHERE CallDurationInSeconds > 29",
	    "a,c,f", "> on numbers skips nulls");
	rows_are("SELECT Id FROM Task WHERE CallDurationInSeconds < 30",
	    "b,e", "< on numbers");
	rows_are("SELECT Id FROM Task WHERE CallDurationInSeconds <= 30",
	    "a,b,e,f", "<= on numbers");
	rows_are("SELECT Id FROM Task WHERE CallDurationInSeconds >= 120.5",
	    "c", ">= with a decimal");
	rows_are("SELECT Id FROM Task WHERE CallDurationInSeconds > -1",
	    "a,b,c,e,f", "negative number");
	rows_are("SELECT Id FROM Task WHERE CallDurationInSeconds = 30.0",
	    "a,f", "= on numbers");
	rows_are("SELECT Id FROM Task WHERE IsDeleted = TRUE", "d",
	    "boolean true");
	rows_are("SELECT Id FROM Task WHERE IsDeleted = false", "a,b,c,e,f",
	    "boolean false");
	rows_are("SELECT Id FROM Task WHERE IsDeleted != false", "d",
	    "boolean !=");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = 2026-11-23", "a",
	    "= on a date");
	rows_are("SELECT Id FROM Task WHERE ActivityDate > 2026-11-23", "c,e",
	    "> on a date skips nulls");
	rows_are("SELECT Id FROM Task WHERE ActivityDate < 2026-11-23", "b,f",
	    "< on a date");
	rows_are("SELECT Id FROM Task WHERE ActivityDate <= 2026-11-22", "b,f",
	    "<= on a date");
	rows_are("SELECT Id FROM Task WHERE ActivityDate != 2026-11-23",
	    "b,c,d,e,f", "!= on a date matches nulls");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp > "
	    "2026-11-23T09:00:00Z", "c,f", "> on a dateTime");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = "
	    "2026-11-23T11:00:00+01:00", "f", "dateTime with +hh:mm offset");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = "
	    "2026-11-23T04:00:00-05:00", "a", "dateTime with -hh:mm offset");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp >= "
	    "2026-11-22T23:59:59.999Z AND SystemModstamp < "
	    "2026-11-23T00:00:00.000Z", "b", "dateTime with milliseconds");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp < "
	    "2026-11-22T23:59:59.9Z", "d,e", "dateTime with .9 is 900 ms");
}

/* Checks TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS and NEXT_N_DAYS. */
static void
test_date_literals(void)
{
	rows_are("SELECT Id FROM Task WHERE ActivityDate = TODAY", "a",
	    "date = TODAY");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = yesterday", "b",
	    "date = YESTERDAY");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = TOMORROW", "c",
	    "date = TOMORROW");
	rows_are("SELECT Id FROM Task WHERE ActivityDate > TODAY", "c,e",
	    "date > TODAY is after today");
	rows_are("SELECT Id FROM Task WHERE ActivityDate < TODAY", "b,f",
	    "date < TODAY is before today");
	rows_are("SELECT Id FROM Task WHERE ActivityDate <= TODAY", "a,b,f",
	    "date <= TODAY");
	rows_are("SELECT Id FROM Task WHERE ActivityDate >= TODAY", "a,c,e",
	    "date >= TODAY");
	rows_are("SELECT Id FROM Task WHERE ActivityDate != TODAY",
	    "b,c,d,e,f", "date != TODAY matches nulls");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS:7",
	    "a,b,f", "LAST_N_DAYS:7 is today and the 7 days before");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS:6",
	    "a,b", "LAST_N_DAYS:6 stops short of 7 days ago");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS:1",
	    "a,b", "LAST_N_DAYS:1 is yesterday and today");
	rows_are("SELECT Id FROM Task WHERE ActivityDate < LAST_N_DAYS:6",
	    "f", "< LAST_N_DAYS:6 is before its first day");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_N_DAYS:7",
	    "c,e", "NEXT_N_DAYS:7 is the 7 days after today, not today");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_N_DAYS:6",
	    "c", "NEXT_N_DAYS:6 stops short of 7 days ahead");
	rows_are("SELECT Id FROM Task WHERE ActivityDate > NEXT_N_DAYS:6",
	    "e", "> NEXT_N_DAYS:6 is after its last day");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = TODAY", "a,f",
	    "dateTime = TODAY is the whole UTC day");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = YESTERDAY", "b",
	    "dateTime = YESTERDAY includes 23:59:59.999");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = TOMORROW", "c",
	    "dateTime = TOMORROW includes 00:00:00.000");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp < TODAY", "b,d,e",
	    "dateTime < TODAY is before today's midnight");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp > TODAY", "c",
	    "dateTime > TODAY is from tomorrow's midnight");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp <= TODAY",
	    "a,b,d,e,f", "dateTime <= TODAY is before tomorrow");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = LAST_N_DAYS:7",
	    "a,b,d,f", "dateTime = LAST_N_DAYS:7");
	rows_are("SELECT Id FROM Task WHERE ActivityDate IN "
	    "(2026-11-23, 2026-11-24)", "a,c", "IN with dates");

	/* Monday 2026-11-23: this week is Sunday 22 to Saturday 28. */
	rows_are("SELECT Id FROM Task WHERE ActivityDate = THIS_WEEK",
	    "a,b,c", "THIS_WEEK starts on Sunday");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_WEEK", "f",
	    "LAST_WEEK");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_WEEK", "e",
	    "NEXT_WEEK");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_N_WEEKS:1",
	    "f", "LAST_N_WEEKS:n leaves out this week");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = N_WEEKS_AGO:1", "f",
	    "N_WEEKS_AGO:n");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_N_WEEKS:1",
	    "e", "NEXT_N_WEEKS:n starts next week");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = N_DAYS_AGO:1", "b",
	    "N_DAYS_AGO:n is one day");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_90_DAYS",
	    "a,b,f", "LAST_90_DAYS ends today");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_90_DAYS",
	    "c,e", "NEXT_90_DAYS starts tomorrow");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = THIS_MONTH",
	    "a,b,c,e,f", "THIS_MONTH");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = LAST_MONTH", "e",
	    "LAST_MONTH on a dateTime");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = LAST_N_MONTHS:1",
	    "e", "LAST_N_MONTHS:n leaves out this month");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = N_MONTHS_AGO:1",
	    "e", "N_MONTHS_AGO:n");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_MONTH", "",
	    "NEXT_MONTH");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = NEXT_N_MONTHS:2",
	    "", "NEXT_N_MONTHS:n");
	rows_are("SELECT Id FROM Task WHERE SystemModstamp = THIS_QUARTER AND "
	    "ActivityDate = THIS_FISCAL_QUARTER", "a,b,c,e,f", "THIS_QUARTER "
	    "(October to December) and its fiscal twin");
	rows_are("SELECT Id FROM Task WHERE ActivityDate < THIS_YEAR OR "
	    "ActivityDate > THIS_YEAR OR ActivityDate = LAST_YEAR OR "
	    "ActivityDate = NEXT_N_YEARS:3 OR ActivityDate = N_YEARS_AGO:1 OR "
	    "ActivityDate = LAST_N_FISCAL_YEARS:2", "",
	    "years: nothing outside 2026");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = THIS_FISCAL_YEAR "
	    "AND ActivityDate = LAST_N_QUARTERS:0", "", "LAST_N_QUARTERS:0 is "
	    "empty");
	rows_are("SELECT Id FROM Task WHERE ActivityDate >= LAST_QUARTER AND "
	    "ActivityDate < NEXT_QUARTER AND ActivityDate <= N_QUARTERS_AGO:0 "
	    "AND ActivityDate > NEXT_N_QUARTERS:0", "", "quarter bounds");
	rows_are("SELECT Id FROM Task WHERE ActivityDate >= LAST_QUARTER AND "
	    "ActivityDate < NEXT_QUARTER", "a,b,c,e,f", "LAST_QUARTER to "
	    "NEXT_QUARTER");
	now = ms("2027-01-01T00:00:00.000");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = LAST_FISCAL_YEAR "
	    "AND SystemModstamp = LAST_N_QUARTERS:1 AND ActivityDate = "
	    "LAST_N_MONTHS:2 AND ActivityDate = N_YEARS_AGO:1 AND "
	    "ActivityDate > N_DAYS_AGO:40", "a,c,e",
	    "periods across the new year");
	now = ms("2026-11-24T00:00:00.000");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = TODAY", "c",
	    "TODAY follows the clock past midnight UTC");
	now = ms("2026-11-23T23:59:59.999");
	rows_are("SELECT Id FROM Task WHERE ActivityDate = TODAY", "a",
	    "TODAY lasts until 23:59:59.999 UTC");
	now = ms("2026-11-23T10:00:00.000");
}

/* Checks that values of the wrong type are refused as Salesforce does. */
static void
test_types(void)
{
	eval_fails("SELECT Id FROM Task WHERE ActivityDate = "
	    "2026-11-23T10:00:00Z", "ActivityDate",
	    "field 'ActivityDate' must be of type date");
	eval_fails("SELECT Id FROM Task WHERE SystemModstamp = 2026-11-23",
	    "SystemModstamp", "must be of type dateTime");
	eval_fails("SELECT Id FROM Task WHERE ActivityDate = '2026-11-23'",
	    "ActivityDate", "should not be enclosed in quotes");
	eval_fails("SELECT Id FROM Task WHERE Subject = 5", "Subject",
	    "must be of type string and should be enclosed in quotes");
	eval_fails("SELECT Id FROM Task WHERE Subject = TODAY", "Subject",
	    "must be of type string");
	eval_fails("SELECT Id FROM Task WHERE IsDeleted = 'true'", "IsDeleted",
	    "must be of type boolean");
	eval_fails("SELECT Id FROM Task WHERE IsDeleted < true", "IsDeleted",
	    "invalid operator on boolean field");
	eval_fails("SELECT Id FROM Task WHERE ActivityDate LIKE '2026%'",
	    "ActivityDate", "LIKE works on string fields only");
	eval_fails("SELECT Id FROM Task WHERE Status IN ('Completed', 1)",
	    "Status", "must be of type string");
	eval_fails("SELECT Id FROM Task WHERE Subject = 'x' AND Bogus__c = 1",
	    "Bogus__c", "No such column 'Bogus__c' on entity 'Task'");
}

/* The describer sfemu would supply: types from a row, Subject unsortable. */
static int
describe(void *ctx, const char *field, struct soql_fieldinfo *fi)
{
	struct soql_value	v;

	(void)ctx;
	if (get(&rows[0], field, &v) != 0)
		return (-1);
	fi->type = v.type;
	fi->filterable = strcasecmp(field, "Who.Name") != 0;
	fi->sortable = strcasecmp(field, "Subject") != 0;
	return (0);
}

/* Returns "OK" or "CODE col: cause" for soql_check of soql. */
static const char *
check(const char *soql)
{
	static char		 out[512];
	struct soql_query	*q;
	const char		*code = NULL;
	char			*cause = NULL;
	size_t			 pos = 0;

	if ((q = soql_parse(soql, &cause, &pos)) == NULL) {
		snprintf(out, sizeof out, "PARSE %zu: %s", pos, cause);
		free(cause);
		return (out);
	}
	if (soql_check(q, describe, NULL, &code, &cause, &pos) == 0)
		snprintf(out, sizeof out, "OK");
	else {
		snprintf(out, sizeof out, "%s %zu: %s", code, pos, cause);
		free(cause);
	}
	soql_free(q);
	return (out);
}

/*
 * Checks that soql_check refuses what evaluation would, before any row
 * (issue 14: Date Formats and Date Literals in WHERE, fieldExpression
 * Syntax, Comparison Operators, ORDER BY).
 */
static void
test_check(void)
{
	is_str(check("SELECT Id FROM Task WHERE ActivityDate = TODAY AND "
	    "SystemModstamp > 2026-11-23T10:00:00Z AND IsDeleted = false AND "
	    "CallDurationInSeconds >= 1.5 AND Subject IN ('a', null)"), "OK",
	    "E1 soql: soql_check passes values that fit their fields");
	is_str(check("SELECT Id FROM Task WHERE ActivityDate = "
	    "2026-11-23T10:00:00Z"), "INVALID_FIELD 27: value of filter "
	    "criterion for field 'ActivityDate' must be of type date and "
	    "should not be enclosed in quotes",
	    "E1 soql: soql_check refuses a dateTime for a date field");
	is_str(check("SELECT Id FROM Task WHERE Id = 'a' OR "
	    "(systemmodstamp = 2026-11-23)"), "INVALID_FIELD 40: value of "
	    "filter criterion for field 'systemmodstamp' must be of type "
	    "dateTime and should not be enclosed in quotes",
	    "E1 soql: soql_check walks OR and parentheses, any case");
	is_str(check("SELECT Id FROM Task WHERE CallDurationInSeconds = '5'"),
	    "INVALID_FIELD 27: value of filter criterion for field "
	    "'CallDurationInSeconds' must be of type double and should not "
	    "be enclosed in quotes", "E1 soql: soql_check refuses a quoted "
	    "number");
	is_str(check("SELECT Id FROM Task WHERE NOT (IsDeleted >= true)"),
	    "INVALID_QUERY_FILTER_OPERATOR 32: invalid operator on boolean "
	    "field 'IsDeleted': use = or !=",
	    "E1 soql: soql_check refuses < and > on a boolean");
	is_str(check("SELECT Id FROM Task WHERE SystemModstamp LIKE '2026%'"),
	    "INVALID_QUERY_FILTER_OPERATOR 27: invalid operator on dateTime "
	    "field 'SystemModstamp': LIKE works on string fields only",
	    "E1 soql: soql_check refuses LIKE on a dateTime");
	is_str(check("SELECT Id FROM Task WHERE Who.Name = 'x'"),
	    "INVALID_FIELD 27: field 'Who.Name' can not be filtered in a "
	    "query call", "E1 soql: soql_check refuses a field that is not "
	    "filterable");
	is_str(check("SELECT Id FROM Task ORDER BY Id, Subject"),
	    "INVALID_FIELD 34: field 'Subject' can not be sorted in a query "
	    "call", "E1 soql: soql_check refuses a field that is not "
	    "sortable");
	is_str(check("SELECT Id, Bogus__c FROM Task WHERE Subject = 'x'"),
	    "INVALID_FIELD 12: No such column 'Bogus__c' on entity 'Task'. If "
	    "you are attempting to use a custom field, be sure to append the "
	    "'__c' after the custom field name. Please reference your WSDL "
	    "or the describe call for the appropriate names.",
	    "E1 soql: soql_check refuses an unknown field where it stands");
}

/* Checks IN, NOT IN and LIKE. */
static void
test_in_like(void)
{
	rows_are("SELECT Id FROM Task WHERE Status IN ('Completed', "
	    "'deferred')", "b,e,f", "IN ignores case");
	rows_are("SELECT Id FROM Task WHERE Status NOT IN ('Completed', "
	    "'Deferred')", "a,c,d", "NOT IN");
	rows_are("SELECT Id FROM Task WHERE Who.Name IN ('alice smith', "
	    "null)", "a,c", "IN with null");
	rows_are("SELECT Id FROM Task WHERE Who.Name NOT IN ('Bob Jones')",
	    "a,c,d,e", "NOT IN matches nulls");
	rows_are("SELECT Id FROM Task WHERE OwnerId IN ('005A')", "a,b,d",
	    "IN with one value");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE 'call%'", "a,c",
	    "LIKE prefix ignores case");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE '%o%'", "b,c,d,f",
	    "LIKE infix");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE 'Lunc_'", "e",
	    "LIKE _ is one character");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE 'Lunch_'", "",
	    "LIKE _ is not zero characters");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE 'lunch'", "e",
	    "LIKE without wildcards is whole-string equality");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE 'call'", "",
	    "LIKE without wildcards does not match a prefix");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE '%\\_%'", "d",
	    "LIKE \\_ is a literal underscore");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE '%_%'",
	    "a,b,c,d,e,f", "LIKE bare _ is a wildcard");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE '%0\\% s%'", "d",
	    "LIKE \\% is a literal percent sign");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE '%a%a%'", "a,c",
	    "LIKE backtracks over several %");
	rows_are("SELECT Id FROM Task WHERE Subject LIKE 'Sync _n_code'", "f",
	    "LIKE _ matches one UTF-8 character, not one byte");
	rows_are("SELECT Id FROM Task WHERE Who.Name LIKE '_lodie'", "e",
	    "LIKE _ matches a two-byte character");
	rows_are("SELECT Id FROM Task WHERE Who.Name LIKE '%'", "a,b,d,e,f",
	    "LIKE never matches null");
}

/* Checks string escapes on a row made to hold every escaped character. */
static void
test_escapes(void)
{
	struct row	odd[] = {
		{ "g", "It's \"q\" \\ n\nr\rt\tb\bf\f", "Not Started", "005A",
		  "Dana O'Neil", NULL, "2026-11-23T10:00:00.000", 0, 0, 0 },
		{ "h", "plain", "Not Started", "005A", NULL, NULL,
		  "2026-11-23T10:00:00.000", 0, 0, 0 },
	};

	is_str(run_rows("SELECT Id FROM Task WHERE Subject = "
	    "'It\\'s \\\"q\\\" \\\\ n\\nr\\rt\\tb\\bf\\f'", odd, 2), "g",
	    "E1 soql: escapes \\' \\\" \\\\ \\n \\r \\t \\b \\f decode");
	is_str(run_rows("SELECT Id FROM Task WHERE Subject = "
	    "'IT\\'S \\\"Q\\\" \\\\ N\\NR\\RT\\TB\\BF\\F'", odd, 2), "g",
	    "E1 soql: upper-case escapes \\N \\R \\T \\B \\F decode too");
	is_str(run_rows("SELECT Id FROM Task WHERE Who.Name = 'dana o\\'neil'",
	    odd, 2), "g", "E1 soql: escaped quote in a relationship filter");
	is_str(run_rows("SELECT Id FROM Task WHERE Subject LIKE 'it\\'s%'",
	    odd, 2), "g", "E1 soql: escaped quote in a LIKE pattern");
}

/* Checks AND, OR, NOT and parentheses. */
static void
test_logic(void)
{
	rows_are("SELECT Id FROM Task WHERE Status = 'Not Started' AND "
	    "IsDeleted = false", "a", "AND");
	rows_are("SELECT Id FROM Task WHERE Status = 'Not Started' AND "
	    "IsDeleted = false AND OwnerId = '005B'", "",
	    "AND chain of three");
	rows_are("SELECT Id FROM Task WHERE Status = 'Deferred' OR "
	    "Subject = 'call carol' OR Who.Name = null", "c,e",
	    "OR chain of three");
	rows_are("SELECT Id FROM Task WHERE (Status = 'Completed' OR "
	    "Status = 'Deferred') AND OwnerId = '005B'", "e",
	    "(a OR b) AND c groups as written");
	rows_are("SELECT Id FROM Task WHERE Status = 'Completed' OR "
	    "(Status = 'Deferred' AND OwnerId = '005B')", "b,e,f",
	    "a OR (b AND c) groups as written");
	rows_are("SELECT Id FROM Task WHERE (Status = 'Completed' AND "
	    "OwnerId = '005C') OR IsDeleted = true", "d,f",
	    "(a AND b) OR c: OR binds looser than the parenthesised AND");
	rows_are("SELECT Id FROM Task WHERE NOT Status = 'Completed'",
	    "a,c,d,e", "NOT");
	rows_are("SELECT Id FROM Task WHERE NOT (Status = 'Completed' OR "
	    "IsDeleted = true)", "a,c,e", "NOT applies to a parenthesised OR");
	rows_are("SELECT Id FROM Task WHERE IsDeleted = false AND "
	    "(NOT Status = 'Completed')", "a,c,e",
	    "parenthesised NOT inside AND");
	rows_are("SELECT Id FROM Task WHERE (NOT IsDeleted = true) AND "
	    "(NOT (Status IN ('Completed') OR OwnerId = '005B'))", "a",
	    "NOT binds tighter than AND when parenthesised");
	rows_are("SELECT Id FROM Task WHERE ((((Status = 'Deferred'))))", "e",
	    "redundant parentheses");
	rows_are("SELECT Id FROM Task WHERE Status = 'a' AND Status = 'b' OR "
	    "Status = 'c'", "PARSE 57: unexpected token: 'OR' (use "
	    "parentheses to mix AND and OR)",
	    "AND mixed with OR needs parentheses, as in Salesforce "
	    "(Logical Operators)");
}

/* Checks ORDER BY keys, directions and null placement. */
static void
test_order(void)
{
	rows_are("SELECT Id FROM Task ORDER BY ActivityDate", "d,f,b,a,c,e",
	    "ORDER BY ascending puts nulls first");
	rows_are("SELECT Id FROM Task ORDER BY ActivityDate DESC",
	    "e,c,a,b,f,d", "ORDER BY DESC puts nulls last");
	rows_are("SELECT Id FROM Task ORDER BY ActivityDate DESC NULLS FIRST",
	    "d,e,c,a,b,f", "DESC NULLS FIRST");
	rows_are("SELECT Id FROM Task ORDER BY ActivityDate ASC NULLS LAST",
	    "f,b,a,c,e,d", "ASC NULLS LAST");
	rows_are("SELECT Id FROM Task ORDER BY OwnerId, Subject DESC",
	    "d,b,a,e,c,f", "two keys, the second descending");
	rows_are("SELECT Id FROM Task ORDER BY Subject", "a,c,b,d,e,f",
	    "ORDER BY on strings ignores case");
	rows_are("SELECT Id FROM Task ORDER BY Who.Name, Id", "c,a,b,f,d,e",
	    "relationship field key, ties broken by the next key");
	rows_are("SELECT Id FROM Task ORDER BY CallDurationInSeconds DESC, Id",
	    "c,a,f,e,b,d", "numbers descending, nulls last");
	rows_are("SELECT Id FROM Task ORDER BY IsDeleted DESC, Id",
	    "d,a,b,c,e,f", "booleans: true after false");
	rows_are("SELECT Id FROM Task ORDER BY SystemModstamp", "e,d,b,a,f,c",
	    "dateTimes ascending");
	rows_are("SELECT Id FROM Task WHERE OwnerId = '005A' ORDER BY "
	    "Id DESC", "d,b,a", "WHERE then ORDER BY");
}

/* Checks LIMIT, OFFSET and COUNT(). */
static void
test_paging(void)
{
	rows_are("SELECT Id FROM Task ORDER BY Id LIMIT 2", "a,b", "LIMIT");
	rows_are("SELECT Id FROM Task ORDER BY Id LIMIT 2 OFFSET 3", "d,e",
	    "LIMIT with OFFSET");
	rows_are("SELECT Id FROM Task ORDER BY Id OFFSET 5", "f",
	    "OFFSET alone");
	rows_are("SELECT Id FROM Task ORDER BY Id OFFSET 50", "",
	    "OFFSET past the end");
	rows_are("SELECT Id FROM Task LIMIT 0", "", "LIMIT 0");
	rows_are("SELECT COUNT() FROM Task", "count=6", "COUNT()");
	rows_are("SELECT COUNT() FROM Task WHERE Status = 'Completed'",
	    "count=2", "COUNT() with WHERE");
	rows_are("select id from task where status = 'Completed' order by "
	    "id desc nulls last limit 1", "f", "keywords in lower case");
	rows_are("SeLeCt Id\n\tFrOm Task\r\nWhErE IsDeleted=true", "d",
	    "mixed case keywords and whitespace, no spaces around =");
}

int
main(void)
{
	now = ms("2026-11-23T10:00:00.000");
	test_accessors();
	test_operators();
	test_date_literals();
	test_types();
	test_check();
	test_in_like();
	test_escapes();
	test_logic();
	test_order();
	test_paging();
	test_malformed();
	test_limits();
	return (tap_done());
}
