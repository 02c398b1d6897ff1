/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Reminders as JSON: the CLI's --json output and the demo seed file.
 * With sf-json.c, the only place that includes cJSON.
 */
#ifndef TD_TASK_JSON_H
#define TD_TASK_JSON_H

#include <stdint.h>

#include "store.h"
#include "task.h"

struct config;

/*
 * One reminder as the documented object (id, sf_id, name, status,
 * priority, due, details, sync, overdue), no trailing newline; caller frees.
 */
char	*task_json_object(const struct task *, int32_t today);
/* An array of the reminders of l, pretty-printed; caller frees. */
char	*task_json_array(const struct task_list *, int32_t today);
/*
 * Reads a seed file (data/demo-seed.json) and appends the in-scope tasks
 * of its first user to out, mapped by SPEC F with today's date.  Returns
 * 0, or -1 with *cause.
 */
int	 task_json_seed(const char *path, const struct config *,
	    int32_t today, struct task_list *out, char **cause);

#endif
