/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * HTTP for the Salesforce client: the only module that includes
 * <curl/curl.h>.  One struct sf_http per thread (it owns a curl easy handle
 * and so a keep-alive connection).  TLS verification is always on; http://
 * is refused unless the host is loopback (SPEC A2).  Every response carries
 * the Sforce-Limit-Info figure and the server clock from its Date header.
 */
#ifndef TD_SF_HTTP_H
#define TD_SF_HTTP_H

#include <stdint.h>

#include "buf.h"

/* Error classes the engine branches on (C8). */
enum sf_err {
	SF_OK = 0,
	SF_EAUTH,	/* 401, invalid_grant: refresh, then log in */
	SF_ELIMIT,	/* REQUEST_LIMIT_EXCEEDED, 429: back off */
	SF_ETRANSIENT,	/* network, 5xx, UNABLE_TO_LOCK_ROW: retry */
	SF_ERECORD,	/* this record was refused: show it */
	SF_EFATAL	/* malformed response, refused URL, bad request */
};

#define SF_HTTP_MAX_BODY	(64L * 1024 * 1024)

struct sf_resp {
	long		 status;	/* HTTP status, 0 if none */
	struct buf	 body;
	int64_t		 date_ms;	/* Date header, 0 if none */
	int64_t		 local_ms;	/* local clock mid-request */
	long		 api_used;	/* Sforce-Limit-Info or -1 */
	long		 api_max;
	int		 too_large;	/* refused: over SF_HTTP_MAX_BODY */
};

struct sf_http;

/*
 * Loads libcurl (dlopen; fatal if it is missing) and initialises it.  Call
 * before any thread that uses sf_http starts; later calls do nothing.
 */
void		 sf_http_global_init(void);
struct sf_http	*sf_http_new(void);
void		 sf_http_free(struct sf_http *);
/* Connect and total timeouts in seconds (defaults 10 and 60). */
void		 sf_http_timeouts(struct sf_http *, long connect_s,
		     long total_s);
/*
 * Makes requests on this handle give up (SF_ETRANSIENT, "cancelled")
 * within about a second once *flag, written by another thread with an
 * atomic store, is non-zero.  sf_http_cancelled() reads it.
 */
void		 sf_http_cancel_on(struct sf_http *, const int *flag);
int		 sf_http_cancelled(const struct sf_http *);

void		 sf_resp_init(struct sf_resp *);
void		 sf_resp_release(struct sf_resp *);

/*
 * Sends one request.  body may be NULL; ctype names its type; bearer, if
 * not NULL, is sent as the Authorization header (and never logged).
 * Returns SF_OK when a response arrived (whatever its status: the caller
 * classifies it), or SF_ETRANSIENT / SF_EFATAL with *cause.
 */
enum sf_err	 sf_http_request(struct sf_http *, const char *method,
		     const char *url, const char *bearer, const char *ctype,
		     const char *body, struct sf_resp *, char **cause);

/* The same with one more request header line ("Name: value"), if not NULL. */
enum sf_err	 sf_http_request_hdr(struct sf_http *, const char *method,
		     const char *url, const char *bearer, const char *ctype,
		     const char *body, const char *hdr, struct sf_resp *,
		     char **cause);

/* 0 if url may be used (https, or http to loopback), else -1 + *cause. */
int		 sf_http_url_ok(const char *url, char **cause);
/* 1 if url's host is an address in 127.0.0.0/8, ::1 or localhost. */
int		 sf_http_is_loopback(const char *url);
/* 0 if url is https on a Salesforce domain or any loopback URL (A2). */
int		 sf_http_instance_ok(const char *url, char **cause);
/* URL-encodes s for a query string or form; caller frees. */
char		*sf_http_escape(const char *s);

/* Parses "api-usage=25/15000": 0, or -1 if malformed (C10). */
int		 sf_parse_limit_info(const char *, long *used, long *max);
/* Parses an RFC 7231 HTTP date to ms since the epoch; -1 if malformed. */
int64_t		 sf_parse_http_date(const char *);

#endif
