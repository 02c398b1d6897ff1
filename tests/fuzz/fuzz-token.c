/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: OAuth answers from the login server (B1, A2): token
 * responses of the password, refresh_token and device grants
 * (sfjson_token), the device-flow start (sfjson_device) and userinfo
 * (sfjson_userinfo).  An instance_url that sf_http_instance_ok accepts is
 * parsed again by libcurl, which sends the requests: curl's idea of the
 * scheme and host must pass the A2 rule too, so a forged token response
 * cannot point the token anywhere else.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>
#include <curl/curl.h>

#include "sf-http.h"
#include "sf-json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether host (as curl gives it) is loopback: 127/8, ::1, localhost. */
static int
loopback(const char *host)
{
	unsigned char	a[16];
	char		v6[64];
	size_t		n = strlen(host);

	if (strcasecmp(host, "localhost") == 0)
		return (1);
	if (inet_pton(AF_INET, host, a) == 1)
		return (a[0] == 127);
	if (n > 2 && n < sizeof v6 && host[0] == '[' && host[n - 1] == ']') {
		memcpy(v6, host + 1, n - 2);
		v6[n - 2] = '\0';
		return (strcmp(v6, "::1") == 0 || (inet_pton(AF_INET6, v6,
		    a) == 1 && memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1",
		    16) == 0));
	}
	return (0);
}

/* Whether host ends in one of Salesforce's domains. */
static int
salesforce(const char *host)
{
	static const char *const domains[] = {
		".salesforce.com", ".force.com", ".salesforce.mil",
		".cloudforce.com", ".database.com", ".sfcrmproducts.cn",
		".salesforce-setup.com", ".my.salesforce-sites.com"
	};
	size_t	i, hl = strlen(host), dl;

	for (i = 0; i < sizeof domains / sizeof domains[0]; i++) {
		dl = strlen(domains[i]);
		if (hl > dl && strcasecmp(host + hl - dl, domains[i]) == 0)
			return (1);
	}
	return (0);
}

/* An accepted instance URL must mean the same to curl. */
static void
instance(const char *url)
{
	CURLU	*u;
	char	*cause = NULL, *scheme = NULL, *host = NULL;

	if (sf_http_instance_ok(url, &cause) != 0) {
		if (cause == NULL)
			abort();
		free(cause);
		return;
	}
	u = curl_url();
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		if (!loopback(host) && (strcasecmp(scheme, "https") != 0 ||
		    !salesforce(host))) {
			fprintf(stderr, "A2: accepted %s: curl goes to "
			    "%s://%s\n", url, scheme, host);
			abort();
		}
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sf_token	 t;
	const char	*body = (const char *)data;
	char		*cause = NULL, *dc, *uc, *uri, *uid;
	long		 interval = 0;

	if (sfjson_token(body, size, &t, &cause) == 0) {
		if (t.access_token == NULL || cause != NULL)
			abort();
		if (t.instance_url != NULL)
			instance(t.instance_url);
		sf_token_release(&t);
	} else {
		if (cause == NULL || t.access_token != NULL ||
		    t.refresh_token != NULL || t.instance_url != NULL)
			abort();
		free(cause);
	}
	cause = NULL;
	if (sfjson_device(body, size, &dc, &uc, &uri, &interval,
	    &cause) == 0) {
		if (dc == NULL || uc == NULL || uri == NULL || interval < 1)
			abort();
		free(dc);
		free(uc);
		free(uri);
	} else {
		if (cause == NULL || dc != NULL || uc != NULL || uri != NULL)
			abort();
		free(cause);
	}
	cause = NULL;
	if (sfjson_userinfo(body, size, &uid, &cause) == 0) {
		if (uid == NULL)
			abort();
		free(uid);
	} else {
		if (cause == NULL || uid != NULL)
			abort();
		free(cause);
	}
	return (0);
}
