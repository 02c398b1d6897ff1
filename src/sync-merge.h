/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sync engine's rules as pure functions: the field mapping (SPEC F2,
 * F3, F6), the field-level three-way merge and its conflict decisions (C3,
 * C4, C5), edit-against-delete, backoff (C8) and the poll interval that
 * keeps within the API budget (C10).  No I/O here, so all of it is
 * unit-tested directly.
 */
#ifndef TD_SYNC_MERGE_H
#define TD_SYNC_MERGE_H

#include <stdint.h>

#include "task.h"

/* The org's picklist values for the two statuses and priorities (F2, F3). */
struct merge_map {
	const char	*status_open;
	const char	*status_complete;
	const char	*priority_normal;
	const char	*priority_high;
};

/* One field as the merge sees it. */
struct merge_field {
	int		 remote_changed;	/* SF differs from base */
	int		 local_dirty;		/* unpushed local change */
	int64_t		 local_ms;		/* on SF's clock */
	int64_t		 remote_ms;		/* LastModifiedDate */
	int		 remote_unmapped;	/* SF's value never comes in */
};

enum merge_decision {
	MERGE_KEEP,		/* SF unchanged: keep local */
	MERGE_TAKE_REMOTE,	/* only SF changed: apply it locally */
	MERGE_REMOTE_WINS,	/* both changed, SF later or tie */
	MERGE_LOCAL_WINS,	/* both changed, local later */
	MERGE_LOCAL_STAYS	/* both changed, SF later but unmapped */
};

/*
 * Decides one field (C3, C4): the later change wins, ties go to SF.  A
 * Salesforce value that can never come into the reminder (remote_unmapped:
 * a Subject after import, F6; a status or priority that does not map, F2,
 * F3) never wins: alone it changes nothing here (MERGE_KEEP), against a
 * local change the local value is sent whichever is later, so the two
 * sides converge (MERGE_LOCAL_WINS, or MERGE_LOCAL_STAYS if SF's was later).
 */
enum merge_decision merge_field(const struct merge_field *);

/* Edit against delete: what happens to a record (C2, C4). */
enum merge_record {
	MERGE_REC_APPLY,	/* neither side deleted it */
	MERGE_REC_DROP_LOCAL,	/* SF deleted it: remove the reminder */
	MERGE_REC_PUSH_DELETE	/* deleted here: delete the SF task */
};
enum merge_record merge_record(int remote_deleted, int local_deleted);

/*
 * Maps an SF Status / Priority onto the local value: 0 and *out set, or -1
 * if the value does not map (F2, F3: "In Progress", "Low" ...).
 */
int	merge_status_from_sf(const struct merge_map *, const char *,
	    enum task_status *out);
int	merge_priority_from_sf(const struct merge_map *, const char *,
	    enum task_priority *out);
const char *merge_status_to_sf(const struct merge_map *, enum task_status);
const char *merge_priority_to_sf(const struct merge_map *,
	    enum task_priority);

/*
 * Renders the SF Subject from the template and the reminder's name and
 * type (F6, F10): {{activity_subject}} is the name, {{activity_type}} the
 * type's word (task_type_word: Call, Email, InMail, Custom), any other
 * {{...}} renders empty; line breaks are stripped; cut to 255 characters.
 * Caller frees.
 */
char	*merge_subject(const char *tmpl, const char *name, enum task_type);
/* 1 if a type change re-renders the Subject under this template (F10). */
int	 merge_pushes_type(const char *tmpl);
/*
 * F8/F9: the type of an SF task: Type when it is set (the field a later
 * change writes: Call, Email, LinkedIn; any other value is other), else
 * TaskSubtype (Call, LinkedIn; Task, Cadence or none is other).
 */
enum task_type merge_type_from_sf(const char *subtype, const char *type);
/* F8: the TaskSubtype a create sends: Call, LinkedIn, else Task. */
const char *merge_subtype_to_sf(enum task_type);
/*
 * F9: the Type value that says t (Call, Email, LinkedIn, Other) if the
 * org's Type picklist (org_types: one value a line; NULL if not known or
 * the org has no Type field) holds it, else NULL: not written.
 */
const char *merge_typefield_to_sf(enum task_type, const char *org_types);
/* 1 if a local rename is pushed under this template (F6). */
int	 merge_pushes_name(const char *tmpl);

/*
 * The wait before retry number attempt (1, 2, ...): exponential from
 * base_ms, capped at max_ms, with "full jitter" drawn from rnd (C8).
 */
int64_t	 merge_backoff_ms(int attempt, int64_t base_ms, int64_t max_ms,
	    uint32_t rnd);
/*
 * The poll interval in seconds: the configured one, stretched so that this
 * client's own calls over 24 hours (own_24h so far, pushes included) stay
 * under share_pct percent of the org's daily allocation api_max, and
 * further as the org nears its limit (C10).  api_max <= 0 is unknown.
 */
long	 merge_poll_interval(long configured, long share_pct, long api_used,
	    long api_max, long own_24h);

#endif
