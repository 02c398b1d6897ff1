/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The REST calls the engine makes: SOQL query / queryAll with paging, and
 * composite sObject collections of up to 200 records.  A 401 is answered
 * by one refresh and one retry (C8).  Every response updates the API
 * figure (C10) and the server clock offset (C4).
 */
#ifndef TD_SF_REST_H
#define TD_SF_REST_H

#include <stddef.h>
#include <stdint.h>

#include "sf-auth.h"
#include "sf-http.h"
#include "sf-json.h"

#define SF_API_VERSION		"v59.0"
#define SF_COLLECTION_MAX	200
/* Query batch sizes Salesforce takes (headers_queryoptions). */
#define SF_QUERY_BATCH_MIN	200
#define SF_QUERY_BATCH_MAX	2000

struct sf_rest {
	struct sf_http	*http;
	struct sf_cred	 cred;
	char		*cred_path;
	int64_t		 offset_ms;	/* server - local clock */
	int		 have_offset;
	long		 api_used, api_max;
	long		 calls;		/* API calls made */
	/* HTTP status of the last collection call, 0 if none came. */
	long		 last_status;
	/* Sforce-Query-Options batchSize a query asks for; 0: the default. */
	int		 batch;
	/* The last query page was refused: larger than SF_HTTP_MAX_BODY. */
	int		 too_large;
	const char	*hdr;		/* one more header, for sf_rest_call */
	/*
	 * "Sforce-Call-Options: client=..." sent with every write, or NULL:
	 * Salesforce puts the client in the change events' changeOrigin,
	 * so the stream knows its own writes (C12).  Borrowed.
	 */
	const char	*call_options;
};

/* A client on the credentials at cred_path (loaded by sf_rest_connect). */
struct sf_rest	*sf_rest_new(const char *cred_path);
void		 sf_rest_free(struct sf_rest *);
/* Loads the credentials and learns the user: SF_EAUTH if logged out. */
enum sf_err	 sf_rest_connect(struct sf_rest *, char **cause);
/*
 * One call to path (under the instance, or a full /services/... path);
 * 2xx is SF_OK with the body in *resp, anything else is classified.
 */
enum sf_err	 sf_rest_call(struct sf_rest *, const char *method,
		     const char *path, const char *body, struct sf_resp *,
		     char **cause);
/*
 * The first page of a query (all: queryAll) or the page at next_url.  A
 * query asks for pages of r->batch records if it is set (the server may
 * answer fewer; a next page keeps the query's size).  A page over the size
 * cap is SF_EFATAL with r->too_large set.
 */
enum sf_err	 sf_rest_query(struct sf_rest *, const char *soql, int all,
		     const char *extfield, struct sf_page *, char **cause);
enum sf_err	 sf_rest_next(struct sf_rest *, const char *next_url,
		     const char *extfield, struct sf_page *, char **cause);
/*
 * A composite collection: "POST" creates (with the external-Id value in
 * each record when the writes name one), "PATCH" updates, "DELETE"
 * deletes ids.  *out gets n results (sfjson_results_free).
 */
enum sf_err	 sf_rest_collection(struct sf_rest *, const char *method,
		     const struct sf_write *, size_t n, int create,
		     const char *extfield, struct sf_result **out,
		     char **cause);
/* The ApiName values of a picklist object (TaskStatus, TaskPriority). */
enum sf_err	 sf_rest_picklist(struct sf_rest *, const char *object,
		     char ***vals, size_t *n, char **cause);
/* Local time corrected onto Salesforce's clock. */
int64_t		 sf_rest_server_ms(const struct sf_rest *,
		     int64_t local_ms);

#endif
