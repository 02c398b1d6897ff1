/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Where cJSON meets the Salesforce Task: parsing query pages, composite
 * results, OAuth and error bodies, and writing collection requests.  Every
 * parser rejects a malformed, truncated or unexpected body with -1 and a
 * cause, leaving its outputs empty (SPEC B1).
 */
#ifndef TD_SF_JSON_H
#define TD_SF_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "sf-http.h"

/* One SF Task as pulled. */
struct sf_task {
	char		*id;
	char		*subject;	/* NULL if null */
	char		*status;
	char		*priority;
	int32_t		 due;		/* DATE_NONE if null */
	char		*description;	/* "" if null */
	char		*who, *what;	/* Who.Name, What.Name */
	char		*who_id, *what_id;	/* WhoId, WhatId or NULL (F12) */
	char		*owner_id;
	char		*owner_name;	/* Owner.Name, NULL if not asked */
	char		*subtype;	/* TaskSubtype or NULL */
	char		*tasktype;	/* Type (F8, F9) or NULL */
	char		*extkey;	/* external-Id value or NULL */
	int		 is_deleted;
	int		 is_recurrence;
	char		*modstamp;	/* SystemModstamp, as sent */
	int64_t		 modstamp_ms;
	int64_t		 lastmod_ms;	/* LastModifiedDate */
	int64_t		 created_ms;
};

struct sf_page {
	struct sf_task	*v;
	size_t		 n;
	long		 total;		/* totalSize */
	int		 done;
	char		*next_url;	/* nextRecordsUrl or NULL */
};

/* One record's outcome in a composite response. */
struct sf_result {
	char		*id;		/* NULL on failure */
	int		 success;
	int		 created;
	enum sf_err	 err;		/* class of the first error */
	char		*message;	/* "CODE: message" or NULL */
};

/* One Bayeux message of a Streaming API response (sf-stream.c, C12). */
struct sf_bayeux {
	char		*channel;
	char		*client_id;	/* NULL if absent */
	char		*error;		/* "403::Unknown client", or NULL */
	char		*reconnect;	/* advice: retry, handshake, none */
	long		 interval;	/* advice, ms; -1 if absent */
	int		 successful;	/* -1 if absent (a data message) */
	int64_t		 replay;	/* data.event.replayId, -1 if none */
	char		*origin;	/* ChangeEventHeader.changeOrigin */
};

/* One record to write: an update sends only the fields in mask (C3). */
struct sf_write {
	const char	*id;		/* update / delete */
	unsigned	 mask;		/* TASK_F_* */
	const char	*subject;
	const char	*status;
	const char	*priority;
	int32_t		 due;
	const char	*description;
	const char	*extfield;	/* external-Id field name or NULL */
	const char	*extkey;
	const char	*who_id;	/* TASK_F_WHO: WhoId, NULL clears */
	const char	*what_id;	/* TASK_F_WHAT: WhatId, NULL clears */
	/* With TASK_F_TYPE in mask (F8, F9): each written unless NULL. */
	const char	*subtype;	/* TaskSubtype: a create only */
	const char	*tasktype;	/* Type */
};

/* Parses a query or queryAll page into *pg (sfjson_page_release frees). */
int	 sfjson_page(const char *body, size_t len, const char *extfield,
	     struct sf_page *pg, char **cause);
void	 sfjson_page_release(struct sf_page *);
void	 sf_task_release(struct sf_task *);
/*
 * From a describe answer (sobjects/Task/describe): the active values of
 * picklist field, one a line (caller frees); "" if the object has no such
 * field.  -1 with *cause on a malformed answer.
 */
int	 sfjson_describe_picklist(const char *body, size_t len,
	     const char *field, char **list, char **cause);
/* Parses a composite collection response of n records (*out: n results). */
int	 sfjson_results(const char *body, size_t len, size_t n,
	     struct sf_result **out, char **cause);
void	 sfjson_results_free(struct sf_result *, size_t n);
/* Writes a collection request body of n records; caller frees. */
char	*sfjson_collection(const struct sf_write *, size_t n, int create);
/*
 * Classifies an error response: the errorCode of a REST error array or the
 * error of an OAuth body, with the HTTP status.  *cause gets a readable
 * "CODE: message" (caller frees).
 */
enum sf_err sfjson_error(long status, const char *body, size_t len,
	     char **cause);
/* The class of one Salesforce errorCode / statusCode (C8). */
enum sf_err sfjson_error_class(const char *code);

/* An OAuth token response (any of the fields may be NULL). */
struct sf_token {
	char		*access_token;
	char		*refresh_token;
	char		*instance_url;
	char		*id_url;	/* "id": .../id/ORGID/USERID */
};
int	 sfjson_token(const char *body, size_t len, struct sf_token *,
	     char **cause);
void	 sf_token_release(struct sf_token *);
/* A device-flow start: device_code, user_code, verification_uri, interval. */
int	 sfjson_device(const char *body, size_t len, char **device_code,
	     char **user_code, char **uri, long *interval, char **cause);
/* The "user_id" of a userinfo response; caller frees. */
int	 sfjson_userinfo(const char *body, size_t len, char **user_id,
	     char **cause);
/* The string values of field in a query page's records (*vals: *n). */
int	 sfjson_values(const char *body, size_t len, const char *field,
	     char ***vals, size_t *n, char **cause);
/* Parses "2026-11-23T10:00:00.000+0000" to ms since the epoch, or -1. */
int64_t	 sfjson_datetime(const char *);
/* Formats ms as a SOQL datetime literal "2026-11-23T10:00:00.000Z". */
void	 sfjson_soql_datetime(int64_t ms, char out[32]);
/* A person or record a people search found (F14). */
struct sf_person {
	char		*id;
	char		*name;
	char		*detail;	/* Account.Name or Company, or NULL */
};
/*
 * Parses a query page of Contact, Lead or Account records (Id, Name and
 * Account.Name or Company) into *out (sfjson_people_free frees); records
 * without a valid Id or a Name are skipped.
 */
int	 sfjson_people(const char *body, size_t len, struct sf_person **out,
	     size_t *n, char **cause);
void	 sfjson_people_free(struct sf_person *, size_t n);
/* Quotes s as a SOQL string literal ('...' with escapes); caller frees. */
char	*sfjson_soql_quote(const char *s);

/*
 * Parses a Bayeux response: an array of messages (a lone object is one
 * message).  *out gets *n messages (sfjson_bayeux_free).  0, or -1 with
 * *cause.
 */
int	 sfjson_bayeux(const char *body, size_t len, struct sf_bayeux **out,
	    size_t *n, char **cause);
void	 sfjson_bayeux_free(struct sf_bayeux *, size_t n);

#endif
