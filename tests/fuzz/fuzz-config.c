/* taskdeck - SPDX-License-Identifier: ISC */
/* libFuzzer target: the settings-file parser (B4) on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*c;
	char		*cause = NULL;
	FILE		*f;
	size_t		 i;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return (0);
	c = config_new();
	if (config_read(c, f, "fuzz", &cause) != 0) {
		if (cause == NULL)
			abort();	/* a failure must say why */
		free(cause);
	}
	for (i = 0; i < config_nkeys; i++)
		if (config_get(c, config_keys[i].name) == NULL)
			abort();	/* every key always has a value */
	fclose(f);
	config_free(c);
	return (0);
}
