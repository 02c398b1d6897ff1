/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The request and the reply every handler works on, and the helpers that
 * read the one and write the other: below the router (sfemu-http.c) and
 * the handlers (sfemu-ctl.c, sfemu-oauth.c, sfemu-rest.c), so that calls
 * go one way, from the router down to the handlers and from both to here.
 */
#ifndef TD_SFEMU_REPLY_H
#define TD_SFEMU_REPLY_H

#include <stddef.h>

#include "buf.h"

struct cJSON;

struct sfreq {
	const char	*method;
	const char	*path;		/* without the query string */
	const char	*body;		/* NUL-terminated, may be empty */
	size_t		 bodylen;
	void		*conn;		/* MHD connection or NULL */
	const char	*endpoint;	/* normalised, for call counts */
	/*
	 * A request made without a connection (the fuzz target) carries its
	 * headers and query arguments here: name, value, ..., NULL.
	 */
	const char *const *headers;
	const char *const *args;
};

#define SFRESP_MAXHDR	8

struct sfresp {
	int		 status;
	struct buf	 body;
	const char	*ctype;
	char		*hname[SFRESP_MAXHDR];
	char		*hvalue[SFRESP_MAXHDR];
	size_t		 nh;
};

/* A request header (case-insensitive), or NULL; borrowed. */
const char	*http_header(const struct sfreq *, const char *);
/* A decoded query-string argument, or NULL; borrowed. */
const char	*http_arg(const struct sfreq *, const char *);

void		 resp_header(struct sfresp *, const char *, const char *);
/* Sets status and a JSON body; frees json. */
void		 resp_json(struct sfresp *, int status, struct cJSON *json);
/*
 * Sets the Salesforce error body of a request-level error
 * [{"message","errorCode"}] ("Status Codes and Error Responses": a
 * session, routing or query error names no fields), with "fields" only
 * if field is not NULL.
 */
void		 resp_error(struct sfresp *, int status, const char *code,
		     const char *message, const char *field);
/*
 * The same for a record's error (a write's, ENTITY_IS_DELETED):
 * [{"message","errorCode","fields"}], "fields" empty if field is NULL.
 */
void		 resp_error_rec(struct sfresp *, int status, const char *code,
		     const char *message, const char *field);

#endif
