/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: sfemu's SOQL parser and evaluator.  A parsed query is
 * also evaluated and ordered over two fixed rows.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sfemu-soql.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct row {
	const char	*subject;
	long long	 date;
	long long	 stamp;
	int		 deleted;
};

/* Gives the fields of a Task-like row; unknown fields are errors. */
static int
get(void *arg, const char *field, struct soql_value *v)
{
	struct row	*r = arg;

	memset(v, 0, sizeof *v);
	if (strcasecmp(field, "Subject") == 0 ||
	    strcasecmp(field, "Who.Name") == 0) {
		v->type = r->subject != NULL ? SOQL_STRING : SOQL_NULL;
		v->s = r->subject;
	} else if (strcasecmp(field, "ActivityDate") == 0) {
		v->type = SOQL_DATE;
		v->i = r->date;
	} else if (strcasecmp(field, "SystemModstamp") == 0) {
		v->type = SOQL_DATETIME;
		v->i = r->stamp;
	} else if (strcasecmp(field, "IsDeleted") == 0) {
		v->type = SOQL_BOOL;
		v->b = r->deleted;
	} else if (strcasecmp(field, "Id") == 0) {
		v->type = SOQL_STRING;
		v->s = "00T000000000001AAA";
	} else
		return (-1);
	return (0);
}

/* The describer matching get: types from a row, Subject not sortable. */
static int
describe(void *arg, const char *field, struct soql_fieldinfo *fi)
{
	struct soql_value	v;

	if (get(arg, field, &v) != 0)
		return (-1);
	fi->type = v.type == SOQL_NULL ? SOQL_STRING : v.type;
	fi->filterable = 1;
	fi->sortable = strcasecmp(field, "Subject") != 0;
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct row		 a = { "Call Ana", 20415, 1763892000000LL, 0 };
	struct row		 b = { NULL, 20416, 1763895600000LL, 1 };
	struct soql_query	*q;
	const char		*code = NULL;
	char			*text, *cause = NULL;
	size_t			 pos = 0, i;

	text = xstrndup((const char *)data, size);
	if ((q = soql_parse(text, &cause, &pos)) == NULL) {
		if (cause == NULL || pos == 0)
			abort();	/* a refusal names what and where */
		free(cause);
		free(text);
		return (0);
	}
	for (i = 0; i < soql_nrefs(q); i++)
		(void)soql_ref(q, i);
	if (soql_check(q, describe, &a, &code, &cause, &pos) != 0) {
		if (code == NULL || cause == NULL || pos == 0)
			abort();
		free(cause);
	} else if (soql_match(q, get, &a, 1763892000000LL) == -1 ||
	    soql_match(q, get, &b, 1763892000000LL) == -1)
		abort();	/* what the check passes, evaluation takes */
	(void)soql_compare(q, get, &a, &b);
	soql_free(q);
	free(text);
	return (0);
}
