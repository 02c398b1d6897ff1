/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * What a login learns about the org and the cache keeps (SPEC A1, C4, S2,
 * F2, F3): the offset of Salesforce's clock from ours, so that T0 and the
 * first-import window are on Salesforce's clock even before the first
 * sync, and the org's TaskStatus and TaskPriority values, so that a
 * status or priority setting the org does not have is refused before a
 * push could fail on it.
 */
#ifndef TD_SYNC_ORG_H
#define TD_SYNC_ORG_H

#include <stdint.h>

#include "config.h"

/* Cache keys: the clock offset (ms, server - local) and T0 on its clock. */
#define SYNC_ORG_OFFSET		"sync.offset"
#define SYNC_ORG_T0_SF		"sync.t0_sf"

/*
 * The picklist object a setting's value must belong to ("TaskStatus" or
 * "TaskPriority"), or NULL for any other key.
 */
const char	*sync_org_list_of(const char *key);
/* The cache key holding an object's values, one per line. */
const char	*sync_org_cache_key(const char *object);
/*
 * Checks value against list (the org's values, one per line; NULL when
 * not known yet, which lets anything pass): 0, or -1 with *cause naming
 * the valid values (caller frees).
 */
int		 sync_org_check_value(const char *key, const char *value,
		     const char *list, char **cause);
/*
 * Checks the four status and priority settings of cfg, read from path,
 * against the org's lists: 0, or -1 with *cause naming the file, line
 * and key of the first bad one (B4).
 */
int		 sync_org_check(const struct config *, const char *path,
		     const char *statuses, const char *priorities,
		     char **cause);
/*
 * After a login: reads the org's picklists with the saved credentials at
 * cred_path (the calls' Date headers give the clock offset) and keeps
 * both in the cache at cache_path.  Blocks on the network: never call it
 * on the UI thread; a non-zero *cancel (if cancel is not NULL) ends it
 * within about a second (sf_http_cancel_on).  0, or -1 with *cause.
 */
int		 sync_org_learn(const char *cache_path, const char *cred_path,
		     const int *cancel, char **cause);

#endif
