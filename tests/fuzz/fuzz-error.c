/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: error bodies (B1, C8).  sfjson_error classifies the
 * REST error array [{"message","errorCode","fields"}] or the OAuth
 * {"error","error_description"} under every status the engine meets; the
 * response headers it reads (Sforce-Limit-Info, Date) and Salesforce
 * timestamps are parsed from the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sf-http.h"
#include "sf-json.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 0, 200, 400, 401, 403, 404, 408,
	    412, 429, 500, 503 };
	enum sf_err	 err;
	char		*cause, *s;
	long		 used = -7, max = -7;
	size_t		 i;

	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		cause = NULL;
		err = sfjson_error(statuses[i], (const char *)data, size,
		    &cause);
		if (cause == NULL || err < SF_EAUTH || err > SF_EFATAL)
			abort();	/* always a class and a reason */
		if (statuses[i] == 401 && err != SF_EAUTH)
			abort();
		free(cause);
	}
	s = xstrndup((const char *)data, size);
	if (sf_parse_limit_info(s, &used, &max) == 0) {
		if (used < 0 || max <= 0)
			abort();
	} else if (used != -7 || max != -7)
		abort();	/* a refused header changes nothing */
	(void)sf_parse_http_date(s);
	(void)sfjson_datetime(s);
	(void)sfjson_error_class(s);
	free(s);
	return (0);
}
