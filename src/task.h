/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The reminder model: plain data, validation and the names used on the
 * command line and in JSON.  Pure: no curses, curl or SQLite here.
 */
#ifndef TD_TASK_H
#define TD_TASK_H

#include <stddef.h>
#include <stdint.h>

#define TASK_NAME_MAX		255	/* characters: Salesforce Subject */
#define TASK_DETAILS_MAX	32000	/* characters: Salesforce Description */

enum task_status { TASK_OPEN = 0, TASK_COMPLETE = 1 };
enum task_priority { TASK_NORMAL = 0, TASK_HIGH = 1 };
/* What kind of sales task a reminder is (doc/sync.md F8). */
enum task_type {
	TASK_TYPE_OTHER = 0,
	TASK_TYPE_CALL,
	TASK_TYPE_EMAIL,
	TASK_TYPE_LINKEDIN
};
#define TASK_NTYPES	4

/* The sync badge of a row (SPEC U2). */
enum task_sync {
	TASK_SYNC_LOCAL,	/* local-only: never pushed (S3) */
	TASK_SYNC_PENDING,	/* changes wait in the outbox */
	TASK_SYNC_SYNCED,	/* both sides agree */
	TASK_SYNC_ERROR		/* Salesforce refused the last push */
};

/* Bits naming the synced fields (SPEC F; type: doc/sync.md F8). */
#define TASK_F_NAME	0x01
#define TASK_F_STATUS	0x02
#define TASK_F_PRIORITY	0x04
#define TASK_F_DUE	0x08
#define TASK_F_DETAILS	0x10
#define TASK_F_TYPE	0x20
#define TASK_F_ALL	0x3f
/* The links (doc/sync.md F12): bits of their own, outside TASK_F_ALL. */
#define TASK_F_WHO	0x40	/* WhoId: a Contact or Lead */
#define TASK_F_WHAT	0x80	/* WhatId: an Account */
#define TASK_F_LINKS	0xc0

struct task {
	int64_t			 id;		/* local id, > 0 once stored */
	char			*sf_id;		/* Salesforce Id or NULL */
	char			*name;
	enum task_status	 status;
	enum task_priority	 priority;
	enum task_type		 type;
	int32_t			 due;		/* day number or DATE_NONE */
	char			*details;	/* never NULL once stored */
	char			*who;		/* Who.Name, read-only, or NULL */
	char			*what;		/* What.Name, read-only, or NULL */
	char			*who_id;	/* WhoId or NULL (F12) */
	char			*what_id;	/* WhatId or NULL (F12) */
	enum task_sync		 sync;
	char			*sync_error;	/* last record error or NULL */
	int64_t			 created_ms;
	int64_t			 updated_ms;
};

/* Zeroes t (due = DATE_NONE); task_release frees its strings. */
void	 task_init(struct task *);
void	 task_release(struct task *);
void	 task_copy(struct task *dst, const struct task *src);

/*
 * Validation (SPEC F1, F5, B2): 0, or -1 with *cause (caller frees).
 * A name is non-empty (not only white space), valid UTF-8, at most
 * TASK_NAME_MAX characters and holds no line break.
 */
int	 task_check_name(const char *, char **cause);
int	 task_check_details(const char *, char **cause);
int	 task_parse_priority(const char *, enum task_priority *, char **cause);
/* call, email, linkedin or other (any case; "in" for linkedin too). */
int	 task_parse_type(const char *, enum task_type *, char **cause);
/* Parses a reminder id given by a user: a positive decimal number. */
int	 task_parse_id(const char *, int64_t *, char **cause);

const char *task_status_name(enum task_status);	/* "open", "complete" */
const char *task_priority_name(enum task_priority);	/* "normal", "high" */
const char *task_sync_name(enum task_sync);	/* "local", "pending", ... */
/* The same three in the user's language, for display only (U10). */
const char *task_status_label(enum task_status);
const char *task_priority_label(enum task_priority);
const char *task_sync_label(enum task_sync);
/*
 * Whether s is a Salesforce record Id: 15 or 18 letters and digits.  The
 * engine writes Ids into request paths, query strings and links, so
 * nothing else is taken as one.
 */
int	 task_sf_id_ok(const char *s);
const char *task_type_name(enum task_type);	/* "other", "call", ... */
/* The word {{activity_type}} renders (the seeds': Call, Email, InMail, Custom). */
const char *task_type_word(enum task_type);
/* The English label of a type ("Call", "Email", "LinkedIn", "Other"),
   translated where it is shown. */
const char *task_type_label(enum task_type);

/* A growable array of tasks; task_list_free releases each. */
struct task_list {
	struct task	*v;
	size_t		 n;
	size_t		 cap;
};
void		 task_list_init(struct task_list *);
void		 task_list_free(struct task_list *);
struct task	*task_list_push(struct task_list *);

/* 1 if t is open and due before today. */
int	 task_overdue(const struct task *, int32_t today);

#endif
