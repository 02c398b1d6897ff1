/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: composite sObject collection results (B1, C8).  The
 * first byte is the number of records the request sent (0-200); a
 * response that does not answer each of them is refused.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sf_result	*res;
	char			*cause = NULL;
	size_t			 n, i;

	if (size < 1)
		return (0);
	n = data[0] % 201;
	if (sfjson_results((const char *)data + 1, size - 1, n, &res,
	    &cause) != 0) {
		if (cause == NULL || res != NULL)
			abort();
		free(cause);
		return (0);
	}
	for (i = 0; i < n; i++) {
		if (!res[i].success && (res[i].message == NULL ||
		    res[i].err == SF_OK))
			abort();	/* a refused record says why */
		if (res[i].success && !sfid(res[i].id))
			abort();	/* sync.c keeps it as the task's Id */
	}
	sfjson_results_free(res, n);
	return (0);
}
