/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu's SOQL subset: a real parser (tokenizer + recursive descent) and an
 * evaluator over rows the caller describes through a getter.  Pure: no I/O,
 * no SQLite, no HTTP.  The emulator loads candidate rows, filters them with
 * soql_match(), sorts them with soql_compare() and pages the result.
 *
 * Grammar (case-insensitive keywords):
 *   SELECT fieldlist | COUNT() FROM Object
 *     [WHERE cond] [ORDER BY key [ASC|DESC] [NULLS FIRST|LAST], ...]
 *     [LIMIT n] [OFFSET n]
 *   fieldlist: field {, field}     field: Name | Rel.Name (e.g. Who.Name)
 *   cond: cond OR cond | cond AND cond | NOT cond | ( cond ) | field op value
 *         | field [NOT] IN ( value {, value} ) | field LIKE 'pat%'
 *   op: = != <> < <= > >=
 *   value: 'string' (with \' \\ \n escapes) | number | true | false | null
 *          | YYYY-MM-DD | YYYY-MM-DDThh:mm:ss[.sss](Z|+hh:mm|-hh:mm)
 *          | TODAY | YESTERDAY | TOMORROW | LAST_N_DAYS:n | NEXT_N_DAYS:n
 *          | THIS_WEEK | N_MONTHS_AGO:n ... (every non-custom date literal)
 */
#ifndef TD_SFEMU_SOQL_H
#define TD_SFEMU_SOQL_H

#include <stddef.h>

struct soql_query;

enum soql_type {
	SOQL_NULL,
	SOQL_STRING,	/* s */
	SOQL_NUMBER,	/* n */
	SOQL_BOOL,	/* b */
	SOQL_DATE,	/* i: days since 1970-01-01 */
	SOQL_DATETIME	/* i: milliseconds since the epoch, UTC */
};

struct soql_value {
	enum soql_type	 type;
	const char	*s;	/* borrowed from the row, valid during the call */
	double		 n;
	int		 b;
	long long	 i;
};

/*
 * Fills *out with the value of field (spelled as in the query, matched
 * case-insensitively by the caller, e.g. "Who.Name") for row.  Returns 0,
 * or -1 if the object has no such field (the query is then invalid).
 */
typedef int (*soql_getter)(void *row, const char *field,
    struct soql_value *out);

/*
 * What soql_check needs to know of a field of the query's object, from its
 * describe: the type, and whether the field may appear in WHERE and in
 * ORDER BY (a long text area may not).
 */
struct soql_fieldinfo {
	enum soql_type	 type;
	int		 filterable;
	int		 sortable;
};

/*
 * Fills *out for field (spelled as in the query, matched case-insensitively
 * by the caller).  Returns 0, or -1 if the object has no such field.
 */
typedef int (*soql_describer)(void *ctx, const char *field,
    struct soql_fieldinfo *out);

/*
 * Parses text.  On error returns NULL, sets *cause (caller frees) to a
 * Salesforce-like message naming what was unexpected, and *pos to the
 * 1-based column where the problem starts (MALFORMED_QUERY).
 */
struct soql_query *soql_parse(const char *text, char **cause, size_t *pos);
void		 soql_free(struct soql_query *);

const char	*soql_object(const struct soql_query *);	/* "Task" */
int		 soql_is_count(const struct soql_query *);
size_t		 soql_nfields(const struct soql_query *);
const char	*soql_field(const struct soql_query *, size_t);
long long	 soql_limit(const struct soql_query *);	/* -1 if none */
long long	 soql_offset(const struct soql_query *);	/* 0 if none */

/*
 * Every field named anywhere in the query (select list, WHERE, ORDER BY),
 * each once, so the caller can reject an unknown one with INVALID_FIELD
 * before evaluating.
 */
size_t		 soql_nrefs(const struct soql_query *);
const char	*soql_ref(const struct soql_query *, size_t);

/*
 * Checks the query against the fields of its object, as Salesforce does
 * when it compiles a query, before a row is read (so an empty org refuses
 * what a full one does): every field named exists; every WHERE value is of
 * its field's type (a quoted string for string fields, a bare number,
 * true/false, a YYYY-MM-DD date only for date fields, a dateTime only for
 * dateTime fields, a date literal such as TODAY for either; null for any);
 * LIKE only on string fields; a boolean only with = or !=; WHERE only on
 * filterable fields, ORDER BY only on sortable ones; OFFSET at most 2,000.
 * Returns 0, or -1 and *code (static: "INVALID_FIELD",
 * "INVALID_QUERY_FILTER_OPERATOR" or "NUMBER_OUTSIDE_VALID_RANGE"),
 * *cause (caller frees) in Salesforce's words and *pos, the 1-based column
 * of the field at fault.
 */
int	soql_check(const struct soql_query *, soql_describer, void *ctx,
	    const char **code, char **cause, size_t *pos);

/*
 * Evaluates the WHERE clause for row: 1 match, 0 no match, -1 a field the
 * getter does not know, or a value whose type does not fit its field (a
 * string for a date field, a date for a dateTime field...), which Salesforce
 * also answers with INVALID_FIELD.  now_ms is "now" in UTC (the emulator's
 * clock, which tests move); date literals such as TODAY are taken in UTC.
 */
int	soql_match(const struct soql_query *, soql_getter, void *row,
	    long long now_ms);

/*
 * As soql_match, and on -1 also says why, in Salesforce's words: *cause
 * (caller frees) and *pos, the 1-based column of the field expression at
 * fault.  Either pointer may be NULL.
 */
int	soql_match_err(const struct soql_query *, soql_getter, void *row,
	    long long now_ms, char **cause, size_t *pos);

/*
 * ORDER BY comparison of two rows: <0, 0, >0.  Strings ignore case; nulls
 * sort first ascending and last descending unless NULLS FIRST or NULLS LAST
 * says otherwise.
 */
int	soql_compare(const struct soql_query *, soql_getter, void *a, void *b);

#endif
