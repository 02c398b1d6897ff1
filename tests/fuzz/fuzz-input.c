/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: everything a user types that taskdeck parses (dates,
 * ids, priorities, names, details) and the display cleaner (B2, B5).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "task.h"
#include "utf8.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Frees a cause if set and resets it. */
static void
drop(char **cause)
{
	free(*cause);
	*cause = NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum task_priority	 p;
	int32_t			 d;
	int64_t			 id;
	char			*s, *clean, *cause = NULL;
	const char		*q;
	size_t			 i, j;
	unsigned int		 cp;

	s = xstrndup((const char *)data, size);
	if (date_parse_user(s, 20415, &d, &cause) != 0)
		drop(&cause);
	if (task_parse_id(s, &id, &cause) != 0)
		drop(&cause);
	else if (id <= 0)
		abort();
	if (task_parse_priority(s, &p, &cause) != 0)
		drop(&cause);
	if (task_check_name(s, &cause) == 0) {
		if (!utf8_valid(s, strlen(s)) || utf8_count(s) > TASK_NAME_MAX)
			abort();
	} else
		drop(&cause);
	if (task_check_details(s, &cause) != 0)
		drop(&cause);
	/* B5: nothing below 0x20 but newline, and no DEL, survives cleaning. */
	clean = utf8_clean(s, UTF8_LINES);
	for (q = clean; *q != '\0'; q++)
		if (((unsigned char)*q < 0x20 && *q != '\n') || *q == 0x7f)
			abort();
	if (!utf8_valid(clean, strlen(clean)))
		abort();
	/* ... and every code point left is shown as itself (no C1, bidi). */
	for (i = 0; clean[i] != '\0'; i = j) {
		j = utf8_decode(clean, i, &cp);
		if (cp != '\n' && utf8_clean_cp(cp) != cp)
			abort();
	}
	free(clean);
	free(s);
	return (0);
}
