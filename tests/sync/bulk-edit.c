/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A test helper: makes N local edits (details of reminders 1..N) through
 * the cache API, each its own transaction with its outbox entry, as the
 * UI would; one process instead of N command-line runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "task.h"
#include "xmalloc.h"

int
main(int argc, char **argv)
{
	struct store	*st;
	struct task	 v;
	enum store_rc	 rc;
	char		*cause = NULL;
	long		 i, n;

	if (argc != 3) {
		fprintf(stderr, "usage: bulk-edit CACHE N\n");
		return (1);
	}
	n = strtol(argv[2], NULL, 10);
	if ((st = store_open(argv[1], &rc, &cause)) == NULL) {
		fprintf(stderr, "bulk-edit: %s\n", cause);
		return (1);
	}
	for (i = 1; i <= n; i++) {
		task_init(&v);
		v.details = xasprintf("edit %ld", i);
		if (store_update(st, i, &v, TASK_F_DETAILS, &cause) !=
		    STORE_OK) {
			fprintf(stderr, "bulk-edit: %s\n", cause);
			return (1);
		}
		task_release(&v);
	}
	store_free(st);
	return (0);
}
