/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: a SOQL query page from Salesforce (query, queryAll,
 * nextRecordsUrl pages; sfjson_page) and the picklist query read by
 * sfjson_values (B1).  A page is either refused with a cause and left
 * empty, or every record in it carries what the engine relies on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "sf-json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether s is a Salesforce Id: 15 or 18 letters and digits. */
static int
sfid(const char *s)
{
	size_t	n;

	if (s == NULL)
		return (0);
	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789");
	return (s[n] == '\0' && (n == 15 || n == 18));
}

/* Checks one parse of data with extfield. */
static void
page(const uint8_t *data, size_t size, const char *extfield)
{
	struct sf_page	 pg;
	char		*cause = NULL;
	size_t		 i;

	if (sfjson_page((const char *)data, size, extfield, &pg,
	    &cause) != 0) {
		if (cause == NULL || pg.v != NULL || pg.n != 0 ||
		    pg.next_url != NULL)
			abort();	/* a refusal says why, keeps nothing */
		free(cause);
		return;
	}
	if (cause != NULL || (!pg.done && pg.next_url == NULL))
		abort();
	for (i = 0; i < pg.n; i++) {
		if (!sfid(pg.v[i].id) || pg.v[i].modstamp == NULL ||
		    pg.v[i].description == NULL || pg.v[i].modstamp_ms < 0 ||
		    pg.v[i].lastmod_ms < 0)
			abort();	/* what sync.c dereferences */
		if (pg.v[i].due != DATE_NONE)
			(void)strlen(date_format(pg.v[i].due,
			    (char [DATE_BUFSZ]){ 0 }));
		(void)strlen(pg.v[i].description);
	}
	sfjson_page_release(&pg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	**vals, *cause = NULL;
	size_t	  n, i;

	page(data, size, NULL);
	page(data, size, "TaskdeckKey__c");
	if (sfjson_values((const char *)data, size, "ApiName", &vals, &n,
	    &cause) != 0) {
		if (cause == NULL || vals != NULL || n != 0)
			abort();
		free(cause);
		return (0);
	}
	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	return (0);
}
