/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Private to the data API: sfemu-rest.c (state, allocation, router) and
 * the handlers it routes to, sfemu-rest-record.c, sfemu-rest-query.c and
 * sfemu-rest-coll.c.  It holds the per-app state with its query cursors,
 * the failed-write record, the limits more than one file checks and the
 * functions called across these files.  Nothing else includes this file;
 * to the rest of sfemu the state is the opaque struct sfrest of
 * sfemu-rest.h.
 */
#ifndef TD_SFEMU_REST_INT_H
#define TD_SFEMU_REST_INT_H

#include <stddef.h>

#include "sfemu-id.h"

#define REST_MAX_BATCH		2000
#define REST_MAX_CURSORS	64

struct cJSON;
struct fielddef;
struct objdef;
struct soql_value;
struct rec;
struct sfemu;
struct sfreq;
struct sfresp;

struct cursor {
	char		  id[SFID_LEN + 1];
	char		  version[8];
	int		  all;		/* queryAll */
	char		**recs;		/* rendered records */
	size_t		  n;
	int		  batch;
	long long	  used;		/* emulator ms */
};

struct sfrest {
	struct cursor	*cursors[REST_MAX_CURSORS];
	long long	 limit;		/* < 0: use the command line's */
	long long	 hour[24];	/* usage buckets: hour number ... */
	long long	 count[24];	/* ... and calls in it */
};

/* One failed record write: status, code, message, field. */
struct werr {
	int		 status;
	const char	*code;
	char		*msg;
	const char	*field;
};

/* sfemu-rest.c */
void		 rest_cursor_free(struct cursor *);

/* sfemu-rest-record.c */
void		 werr_set(struct werr *e, int status, const char *code,
		     const char *field, const char *fmt, ...)
		     __attribute__((format(printf, 5, 6)));
int		 rest_extid(struct sfemu *);
void		 rest_werr(struct sfresp *, struct werr *);
struct cJSON	*rest_save_result(const char *id, int created);
/*
 * Converts the JSON value j of field f into v, validating it as
 * Salesforce does (length, picklist, reference).  0 or -1 with e set.
 */
int		 rest_convert(struct sfemu *, const struct fielddef *,
		     const struct cJSON *j, struct soql_value *v,
		     char idbuf[SFID_LEN + 1], char *numbuf, struct werr *);
int		 rest_task_write(struct sfemu *, const char *userid,
		     const struct cJSON *body, const char *id,
		     const char *extkey, char outid[SFID_LEN + 1],
		     struct werr *);
struct rec	*rest_task_for_write(struct sfemu *, const char *rawid,
		     char id[SFID_LEN + 1], struct werr *);
struct cJSON	*rest_body(struct sfreq *, struct sfresp *);
int		 rest_fields(struct sfemu *, const struct objdef *,
		     const char *fields, int **idx, size_t *n,
		     struct sfresp *);
void		 rest_create(struct sfemu *, struct sfreq *, struct sfresp *,
		     const char *userid);
void		 rest_update(struct sfemu *, struct sfreq *, struct sfresp *,
		     const char *userid, const char *rawid);
void		 rest_delete(struct sfemu *, struct sfresp *,
		     const char *userid, const char *rawid);
void		 rest_get(struct sfemu *, struct sfreq *, struct sfresp *,
		     const struct objdef *, const char *version,
		     const char *rawid);
void		 rest_extid_call(struct sfemu *, struct sfreq *,
		     struct sfresp *, const char *userid, const char *version,
		     const char *field, const char *value);
void		 rest_replication(struct sfemu *, struct sfreq *,
		     struct sfresp *, int deleted);

/* sfemu-rest-party.c */
void		 rest_party(struct sfemu *, struct sfreq *, struct sfresp *,
		     const char *userid, const struct objdef *,
		     const char *rawid);

/* sfemu-rest-search.c */
void		 rest_search(struct sfemu *, struct sfreq *, struct sfresp *,
		     const char *version, int parameterized);

/* sfemu-rest-query.c */
void		 rest_query(struct sfemu *, struct sfreq *, struct sfresp *,
		     const char *version, int all);
void		 rest_query_more(struct sfemu *, struct sfresp *,
		     const char *loc);

/* sfemu-rest-coll.c */
void		 rest_composite(struct sfemu *, struct sfreq *,
		     struct sfresp *, const char *userid,
		     const char *version, char *rest);

#endif
