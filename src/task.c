/* taskdeck - SPDX-License-Identifier: ISC */
/* The reminder model and its validation rules (SPEC F1, F5, B2). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "i18n.h"
#include "task.h"
#include "utf8.h"
#include "xmalloc.h"

void
task_init(struct task *t)
{
	memset(t, 0, sizeof *t);
	t->due = DATE_NONE;
}

void
task_release(struct task *t)
{
	free(t->sf_id);
	free(t->name);
	free(t->details);
	free(t->who);
	free(t->what);
	free(t->who_id);
	free(t->what_id);
	free(t->sync_error);
	task_init(t);
}

/* Duplicates s, or returns NULL for NULL. */
static char *
task_dup(const char *s)
{
	return (s == NULL ? NULL : xstrdup(s));
}

void
task_copy(struct task *dst, const struct task *src)
{
	*dst = *src;
	dst->sf_id = task_dup(src->sf_id);
	dst->name = task_dup(src->name);
	dst->details = task_dup(src->details);
	dst->who = task_dup(src->who);
	dst->what = task_dup(src->what);
	dst->who_id = task_dup(src->who_id);
	dst->what_id = task_dup(src->what_id);
	dst->sync_error = task_dup(src->sync_error);
}

int
task_check_name(const char *name, char **cause)
{
	const char	*p;
	size_t		 n;

	if (!utf8_valid(name, strlen(name))) {
		*cause = xstrdup(_("name is not valid UTF-8"));
		return (-1);
	}
	for (p = name; *p != '\0' && isspace((unsigned char)*p); p++)
		;
	if (*p == '\0') {
		*cause = xstrdup(_("name is empty"));
		return (-1);
	}
	if (strpbrk(name, "\r\n") != NULL) {
		*cause = xstrdup(_("name must be a single line"));
		return (-1);
	}
	if ((n = utf8_count(name)) > TASK_NAME_MAX) {
		*cause = xasprintf(_("name is %zu characters long; Salesforce "
		    "allows at most %d"), n, TASK_NAME_MAX);
		return (-1);
	}
	return (0);
}

int
task_check_details(const char *details, char **cause)
{
	size_t	n;

	if (!utf8_valid(details, strlen(details))) {
		*cause = xstrdup(_("details are not valid UTF-8"));
		return (-1);
	}
	if ((n = utf8_count(details)) > TASK_DETAILS_MAX) {
		*cause = xasprintf(_("details are %zu characters long; "
		    "Salesforce allows at most %d"), n, TASK_DETAILS_MAX);
		return (-1);
	}
	return (0);
}

int
task_parse_priority(const char *s, enum task_priority *p, char **cause)
{
	if (strcasecmp(s, "normal") == 0)
		*p = TASK_NORMAL;
	else if (strcasecmp(s, "high") == 0)
		*p = TASK_HIGH;
	else {
		/* TRANSLATORS: normal and high are typed as they are. */
		*cause = xasprintf(_("invalid priority '%s': use normal or "
		    "high"), s);
		return (-1);
	}
	return (0);
}

static const char *const task_type_names[TASK_NTYPES] = {
	"other", "call", "email", "linkedin"
};

int
task_parse_type(const char *s, enum task_type *t, char **cause)
{
	int	i;

	*t = TASK_TYPE_OTHER;
	for (i = 0; s != NULL && i < TASK_NTYPES; i++)
		if (strcasecmp(s, task_type_names[i]) == 0) {
			*t = (enum task_type)i;
			return (0);
		}
	if (s != NULL && strcasecmp(s, "in") == 0) {
		*t = TASK_TYPE_LINKEDIN;
		return (0);
	}
	if (cause != NULL)
		*cause = xasprintf(_("invalid type '%s': use call, email, linkedin "
	    "or other"), s);
	return (-1);
}

int
task_parse_id(const char *s, int64_t *id, char **cause)
{
	char		*end;
	long long	 n;

	errno = 0;
	if (!isdigit((unsigned char)*s) ||
	    (n = strtoll(s, &end, 10), errno != 0) || *end != '\0' || n <= 0) {
		*cause = xasprintf(_("invalid reminder id '%s': expected a "
		    "positive number"), s);
		return (-1);
	}
	*id = n;
	return (0);
}

const char *
task_status_name(enum task_status s)
{
	return (s == TASK_COMPLETE ? "complete" : "open");
}

const char *
task_priority_name(enum task_priority p)
{
	return (p == TASK_HIGH ? "high" : "normal");
}

const char *
task_type_name(enum task_type t)
{
	return ((unsigned)t < TASK_NTYPES ? task_type_names[t] : "other");
}

const char *
task_type_word(enum task_type t)
{
	/* Salesforce data, not UI text: never translated (F6, F8). */
	static const char *const w[TASK_NTYPES] = {
		"Custom", "Call", "Email", "InMail"
	};

	return ((unsigned)t < TASK_NTYPES ? w[t] : w[0]);
}

const char *
task_type_label(enum task_type t)
{
	static const char *const l[TASK_NTYPES] = {
		/* TRANSLATORS: reminder types; at most 8 columns. */
		N_("Other"), N_("Call"), N_("Email"), N_("LinkedIn")
	};

	return ((unsigned)t < TASK_NTYPES ? l[t] : l[0]);
}

const char *
task_sync_name(enum task_sync s)
{
	switch (s) {
	case TASK_SYNC_PENDING:
		return ("pending");
	case TASK_SYNC_SYNCED:
		return ("synced");
	case TASK_SYNC_ERROR:
		return ("error");
	case TASK_SYNC_LOCAL:
		break;
	}
	return ("local");
}

const char *
task_status_label(enum task_status s)
{
	if (s == TASK_COMPLETE)
		/* TRANSLATORS: a reminder's status, after "Status:". */
		return (C_("status", "complete"));
	/* TRANSLATORS: a reminder's status, after "Status:". */
	return (C_("status", "open"));
}

const char *
task_priority_label(enum task_priority p)
{
	if (p == TASK_HIGH)
		/* TRANSLATORS: a reminder's priority, after "Priority:". */
		return (C_("priority", "high"));
	/* TRANSLATORS: a reminder's priority, after "Priority:". */
	return (C_("priority", "normal"));
}

/*
 * The sync state, in brackets at the end of a `taskdeck list` row and
 * after "sync:" in the UI.
 */
const char *
task_sync_label(enum task_sync s)
{
	switch (s) {
	case TASK_SYNC_PENDING:
		/* TRANSLATORS: sync state of a reminder: changes wait to be
		 * sent to Salesforce.  One short word, at most 8 columns. */
		return (C_("sync badge", "pending"));
	case TASK_SYNC_SYNCED:
		/* TRANSLATORS: sync state of a reminder: the same as in
		 * Salesforce.  One short word, at most 8 columns. */
		return (C_("sync badge", "synced"));
	case TASK_SYNC_ERROR:
		/* TRANSLATORS: sync state of a reminder: Salesforce refused
		 * it.  One short word, at most 8 columns. */
		return (C_("sync badge", "error"));
	case TASK_SYNC_LOCAL:
		break;
	}
	/* TRANSLATORS: sync state of a reminder: only in this cache, not in
	 * Salesforce.  One short word, at most 8 columns. */
	return (C_("sync badge", "local"));
}

int
task_overdue(const struct task *t, int32_t today)
{
	return (t->status == TASK_OPEN && t->due != DATE_NONE && t->due < today);
}

void
task_list_init(struct task_list *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void
task_list_free(struct task_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		task_release(&l->v[i]);
	free(l->v);
	task_list_init(l);
}

struct task *
task_list_push(struct task_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 32 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	task_init(&l->v[l->n]);
	return (&l->v[l->n++]);
}

int
task_sf_id_ok(const char *s)
{
	size_t	n;

	if (s == NULL)
		return (0);
	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789");
	return (s[n] == '\0' && (n == 15 || n == 18));
}
