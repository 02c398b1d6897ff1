/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The pure rules of the sync engine: mapping, merge, backoff and budget.
 * See sync-merge.h for the contract and doc/sync.md for the reasons.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sync-merge.h"
#include "utf8.h"
#include "xmalloc.h"

enum merge_decision
merge_field(const struct merge_field *f)
{
	if (!f->remote_changed)
		return (MERGE_KEEP);
	if (f->remote_unmapped) {
		/* F2, F3, F6: it cannot win here, so it must not win at all. */
		if (!f->local_dirty)
			return (MERGE_KEEP);
		return (f->local_ms > f->remote_ms ? MERGE_LOCAL_WINS :
		    MERGE_LOCAL_STAYS);
	}
	if (!f->local_dirty)
		return (MERGE_TAKE_REMOTE);
	/* Both changed: compare on Salesforce's clock; a tie goes to SF. */
	if (f->local_ms > f->remote_ms)
		return (MERGE_LOCAL_WINS);
	return (MERGE_REMOTE_WINS);
}

enum merge_record
merge_record(int remote_deleted, int local_deleted)
{
	/* A delete on either side wins over any edit on the other. */
	if (remote_deleted)
		return (MERGE_REC_DROP_LOCAL);
	if (local_deleted)
		return (MERGE_REC_PUSH_DELETE);
	return (MERGE_REC_APPLY);
}

int
merge_status_from_sf(const struct merge_map *m, const char *v,
    enum task_status *out)
{
	if (v == NULL)
		return (-1);
	if (strcmp(v, m->status_open) == 0) {
		*out = TASK_OPEN;
		return (0);
	}
	if (strcmp(v, m->status_complete) == 0) {
		*out = TASK_COMPLETE;
		return (0);
	}
	return (-1);
}

int
merge_priority_from_sf(const struct merge_map *m, const char *v,
    enum task_priority *out)
{
	if (v == NULL)
		return (-1);
	if (strcmp(v, m->priority_normal) == 0) {
		*out = TASK_NORMAL;
		return (0);
	}
	if (strcmp(v, m->priority_high) == 0) {
		*out = TASK_HIGH;
		return (0);
	}
	return (-1);
}

const char *
merge_status_to_sf(const struct merge_map *m, enum task_status s)
{
	return (s == TASK_COMPLETE ? m->status_complete : m->status_open);
}

const char *
merge_priority_to_sf(const struct merge_map *m, enum task_priority p)
{
	return (p == TASK_HIGH ? m->priority_high : m->priority_normal);
}

char *
merge_subject(const char *tmpl, const char *name, enum task_type type)
{
	struct buf	 b;
	const char	*p, *end;
	char		*out;
	size_t		 n;

	buf_init(&b);
	for (p = tmpl; *p != '\0'; ) {
		if (p[0] == '{' && p[1] == '{' &&
		    (end = strstr(p + 2, "}}")) != NULL) {
			n = (size_t)(end - (p + 2));
			if (n == 16 && strncmp(p + 2, "activity_subject",
			    n) == 0)
				buf_adds(&b, name != NULL ? name : "");
			else if (n == 13 && strncmp(p + 2, "activity_type",
			    n) == 0)
				buf_adds(&b, task_type_word(type));
			p = end + 2;
			continue;
		}
		buf_addc(&b, *p++);
	}
	out = buf_detach(&b);

	/* Line breaks are stripped, then the result is cut to 255. */
	{
		char	*r, *w;

		for (r = w = out; *r != '\0'; r++)
			if (*r != '\n' && *r != '\r')
				*w++ = *r;
		*w = '\0';
	}
	if (utf8_valid(out, strlen(out)) && utf8_count(out) > TASK_NAME_MAX)
		out[utf8_prefix(out, TASK_NAME_MAX)] = '\0';
	else if (!utf8_valid(out, strlen(out)) && strlen(out) > TASK_NAME_MAX)
		out[TASK_NAME_MAX] = '\0';
	return (out);
}

int
merge_pushes_name(const char *tmpl)
{
	return (strstr(tmpl, "{{activity_subject}}") != NULL);
}

int
merge_pushes_type(const char *tmpl)
{
	return (strstr(tmpl, "{{activity_type}}") != NULL);
}

enum task_type
merge_type_from_sf(const char *subtype, const char *type)
{
	const char	*v = type != NULL && *type != '\0' ? type : subtype;

	if (v == NULL)
		return (TASK_TYPE_OTHER);
	if (strcmp(v, "Call") == 0)
		return (TASK_TYPE_CALL);
	if (strcmp(v, "LinkedIn") == 0)
		return (TASK_TYPE_LINKEDIN);
	/* TaskSubtype Email is out of scope (F7); Type Email is not. */
	if (strcmp(v, "Email") == 0 || strcmp(v, "ListEmail") == 0)
		return (TASK_TYPE_EMAIL);
	return (TASK_TYPE_OTHER);
}

const char *
merge_subtype_to_sf(enum task_type t)
{
	switch (t) {
	case TASK_TYPE_CALL:
		return ("Call");
	case TASK_TYPE_LINKEDIN:
		return ("LinkedIn");
	default:
		return ("Task");
	}
}

const char *
merge_typefield_to_sf(enum task_type t, const char *org_types)
{
	static const char *const v[TASK_NTYPES] = {
		"Other", "Call", "Email", "LinkedIn"
	};
	const char	*want, *p;
	size_t		 n;

	if (org_types == NULL || (unsigned)t >= TASK_NTYPES)
		return (NULL);
	want = v[t];
	n = strlen(want);
	for (p = org_types; *p != '\0'; ) {
		if (strncmp(p, want, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return (want);
		if ((p = strchr(p, '\n')) == NULL)
			break;
		p++;
	}
	return (NULL);
}

int64_t
merge_backoff_ms(int attempt, int64_t base_ms, int64_t max_ms, uint32_t rnd)
{
	int64_t	cap = base_ms;
	int	i;

	for (i = 1; i < attempt && cap < max_ms; i++)
		cap *= 2;
	if (cap > max_ms)
		cap = max_ms;
	/* Half fixed, half random: never zero, never in lock-step. */
	return (cap / 2 + (int64_t)(rnd % (uint32_t)(cap / 2 + 1)));
}

long
merge_poll_interval(long configured, long share_pct, long api_used,
    long api_max, long own_24h)
{
	long	p = configured > 0 ? configured : 60, budget, floor, left;

	if (api_max <= 0 || share_pct <= 0)
		return (p);
	/* One API call per idle poll: polls per day <= share of the limit. */
	budget = api_max * share_pct / 100;
	if (budget < 1)
		budget = 1;
	floor = (86400 + budget - 1) / budget;
	if (p < floor)
		p = floor;
	/* What this client already spent (pushes too) leaves fewer polls. */
	left = budget - own_24h;
	if (left <= 0)
		p = p < 3600 ? 3600 : p;
	else if (own_24h > 0 && 86400 / left > p)
		p = 86400 / left;
	/* Near the org's own limit, back off further to leave it room. */
	if (api_used >= api_max)
		p = p < 3600 ? 3600 : p;
	else if (api_used * 10 >= api_max * 9)
		p *= 4;
	return (p);
}
