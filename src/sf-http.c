/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * libcurl behind a small interface.  The easy handle is reused so the
 * connection stays alive between calls; responses are decompressed (gzip)
 * and capped; redirects are not followed (a token must never travel to a
 * host we did not check).
 *
 * libcurl is loaded with dlopen() when sync first needs it, not linked:
 * it pulls in some thirty libraries (TLS, Kerberos, LDAP, ...) whose
 * loading cost about 10 ms at every start, which `list`, `done` and the
 * UI's first frame never need (doc/performance.md).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <netinet/in.h>

/* The type-checking macros would bypass the pointers below. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "crashpoint.h"
#include "date.h"
#include "i18n.h"
#include "log.h"
#include "sf-http.h"
#include "xmalloc.h"

#define SF_HTTP_LIBCURL	"libcurl.so.4"	/* libcurl's soname since 7.16 */

/* The libcurl functions we use, resolved by sf_http_global_init. */
static struct {
	CURLcode	 (*global_init)(long);
	CURL		*(*easy_init)(void);
	void		 (*easy_cleanup)(CURL *);
	void		 (*easy_reset)(CURL *);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_perform)(CURL *);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
} sf_curl;
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init	sf_curl.global_init
#define curl_easy_init		sf_curl.easy_init
#define curl_easy_cleanup	sf_curl.easy_cleanup
#define curl_easy_reset		sf_curl.easy_reset
#define curl_easy_setopt	sf_curl.easy_setopt
#define curl_easy_perform	sf_curl.easy_perform
#define curl_easy_getinfo	sf_curl.easy_getinfo
#define curl_easy_strerror	sf_curl.easy_strerror
#define curl_slist_append	sf_curl.slist_append
#define curl_slist_free_all	sf_curl.slist_free_all

struct sf_http {
	CURL		*curl;
	long		 connect_s;
	long		 total_s;
	const int	*cancel;	/* set by another thread: give up */
};

/* What the callbacks fill while a request runs. */
struct sf_http_ctx {
	struct sf_resp	*resp;
	int		 too_big;
};

/* Resolves one libcurl function or dies: sync cannot run without it. */
static void *
sf_http_sym(void *lib, const char *name)
{
	void	*f;

	if ((f = dlsym(lib, name)) == NULL)
		/* TRANSLATORS: %s: libcurl's file; then the reason. */
		fatal(_("cannot load %s: %s"), SF_HTTP_LIBCURL, dlerror());
	return (f);
}

void
sf_http_global_init(void)
{
	void	*lib;

	if (sf_curl.global_init != NULL)
		return;
	if ((lib = dlopen(SF_HTTP_LIBCURL, RTLD_NOW | RTLD_LOCAL)) == NULL)
		fatal(_("cannot load %s: %s"), SF_HTTP_LIBCURL, dlerror());
	*(void **)&sf_curl.easy_init = sf_http_sym(lib, "curl_easy_init");
	*(void **)&sf_curl.easy_cleanup = sf_http_sym(lib, "curl_easy_cleanup");
	*(void **)&sf_curl.easy_reset = sf_http_sym(lib, "curl_easy_reset");
	*(void **)&sf_curl.easy_setopt = sf_http_sym(lib, "curl_easy_setopt");
	*(void **)&sf_curl.easy_perform = sf_http_sym(lib, "curl_easy_perform");
	*(void **)&sf_curl.easy_getinfo = sf_http_sym(lib, "curl_easy_getinfo");
	*(void **)&sf_curl.easy_strerror = sf_http_sym(lib,
	    "curl_easy_strerror");
	*(void **)&sf_curl.slist_append = sf_http_sym(lib, "curl_slist_append");
	*(void **)&sf_curl.slist_free_all = sf_http_sym(lib,
	    "curl_slist_free_all");
	*(void **)&sf_curl.global_init = sf_http_sym(lib, "curl_global_init");
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct sf_http *
sf_http_new(void)
{
	struct sf_http	*h;

	h = xcalloc(1, sizeof *h);
	h->curl = curl_easy_init();
	h->connect_s = 10;
	h->total_s = 60;
	return (h);
}

void
sf_http_free(struct sf_http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->curl);
	free(h);
}

void
sf_http_timeouts(struct sf_http *h, long connect_s, long total_s)
{
	h->connect_s = connect_s;
	h->total_s = total_s;
}

void
sf_http_cancel_on(struct sf_http *h, const int *flag)
{
	h->cancel = flag;
}

int
sf_http_cancelled(const struct sf_http *h)
{
	return (h->cancel != NULL &&
	    __atomic_load_n(h->cancel, __ATOMIC_ACQUIRE) != 0);
}

/* libcurl's progress callback: a non-zero return aborts the transfer. */
static int
sf_http_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return (sf_http_cancelled(arg));
}

void
sf_resp_init(struct sf_resp *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->body);
	r->api_used = r->api_max = -1;
}

void
sf_resp_release(struct sf_resp *r)
{
	buf_release(&r->body);
}

/* Collects the body, refusing more than SF_HTTP_MAX_BODY. */
static size_t
sf_http_write(char *p, size_t size, size_t n, void *arg)
{
	struct sf_http_ctx	*c = arg;

	if (c->resp->body.len + size * n > (size_t)SF_HTTP_MAX_BODY) {
		c->too_big = 1;
		return (0);
	}
	buf_add(&c->resp->body, p, size * n);
	return (size * n);
}

/* Picks out the headers we use: Date and Sforce-Limit-Info. */
static size_t
sf_http_header(char *p, size_t size, size_t n, void *arg)
{
	struct sf_http_ctx	*c = arg;
	size_t			 len = size * n;
	char			*line, *v, *e;

	line = xstrndup(p, len);
	if ((e = strpbrk(line, "\r\n")) != NULL)
		*e = '\0';
	if ((v = strchr(line, ':')) != NULL) {
		*v++ = '\0';
		while (*v == ' ' || *v == '\t')
			v++;
		if (strcasecmp(line, "Date") == 0)
			c->resp->date_ms = sf_parse_http_date(v);
		else if (strcasecmp(line, "Sforce-Limit-Info") == 0)
			(void)sf_parse_limit_info(v, &c->resp->api_used,
			    &c->resp->api_max);
	}
	free(line);
	return (len);
}

/*
 * Splits a URL's scheme and host; 0 or -1.  Anything libcurl could read
 * differently is refused: userinfo ("user:pass@") anywhere in the
 * authority, and a host of other characters than letters, digits, '.'
 * and '-' (or an IPv6 address in brackets), then a port or the path.
 */
static int
sf_http_split(const char *url, char *scheme, size_t slen, char *host,
    size_t hlen)
{
	const char	*p, *h, *e, *end;
	const char	*chars = "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
	size_t		 n;

	if ((p = strstr(url, "://")) == NULL || (size_t)(p - url) >= slen)
		return (-1);
	memcpy(scheme, url, (size_t)(p - url));
	scheme[p - url] = '\0';
	h = p + 3;
	end = h + strcspn(h, "/?#");	/* the authority */
	if (*h == '[') {
		h++;
		n = strspn(h, "0123456789abcdefABCDEF:.");
		if (h[n] != ']')
			return (-1);
		e = h + n + 1;
	} else {
		n = strspn(h, chars);
		e = h + n;
	}
	if (*e == ':') {
		e++;
		e += strspn(e, "0123456789");
	}
	if (e != end || n == 0 || n >= hlen)
		return (-1);
	memcpy(host, h, n);
	host[n] = '\0';
	for (p = host; *p != '\0'; p++)
		host[p - host] = (char)tolower((unsigned char)*p);
	return (0);
}

/*
 * A loopback host is an IPv4 address in 127.0.0.0/8, ::1 or localhost: a
 * name merely starting with "127." (127.0.0.1.evil.example) is not.
 */
int
sf_http_is_loopback(const char *url)
{
	char		scheme[16], host[256];
	struct in_addr	a4;
	struct in6_addr	a6;

	if (sf_http_split(url, scheme, sizeof scheme, host, sizeof host) != 0)
		return (0);
	if (strcmp(host, "localhost") == 0)
		return (1);
	if (inet_pton(AF_INET, host, &a4) == 1)
		return ((ntohl(a4.s_addr) >> 24) == 127);
	return (inet_pton(AF_INET6, host, &a6) == 1 &&
	    IN6_IS_ADDR_LOOPBACK(&a6));
}

int
sf_http_url_ok(const char *url, char **cause)
{
	char	scheme[16], host[256];

	if (url == NULL || sf_http_split(url, scheme, sizeof scheme, host,
	    sizeof host) != 0) {
		*cause = xasprintf(_("not a valid URL: %s"), url != NULL ? url :
		    /* TRANSLATORS: in place of a missing URL. */
		    _("(none)"));
		return (-1);
	}
	if (strcasecmp(scheme, "https") == 0)
		return (0);
	if (strcasecmp(scheme, "http") == 0 && sf_http_is_loopback(url))
		return (0);
	*cause = xasprintf(_("refusing %s: only https (or http to a loopback "
	    "address) is allowed"), url);
	return (-1);
}

int
sf_http_instance_ok(const char *url, char **cause)
{
	static const char *const domains[] = {
		".salesforce.com", ".force.com", ".salesforce.mil",
		".cloudforce.com", ".database.com", ".sfcrmproducts.cn",
		".salesforce-setup.com", ".my.salesforce-sites.com"
	};
	char		 scheme[16], host[256];
	const char	*rest;
	size_t		 i, hl, dl;

	if (sf_http_url_ok(url, cause) != 0)
		return (-1);
	/* An instance is an origin: nothing may follow the host but "/". */
	rest = strstr(url, "://") + 3;
	rest += strcspn(rest, "/?#");
	if (*rest != '\0' && strcmp(rest, "/") != 0) {
		*cause = xasprintf(_("refusing instance %s: not a bare origin "
		    "(scheme and host only)"), url);
		return (-1);
	}
	if (sf_http_is_loopback(url))
		return (0);
	(void)sf_http_split(url, scheme, sizeof scheme, host, sizeof host);
	hl = strlen(host);
	for (i = 0; i < sizeof domains / sizeof domains[0]; i++) {
		dl = strlen(domains[i]);
		if (hl > dl && strcmp(host + hl - dl, domains[i]) == 0)
			return (0);
	}
	*cause = xasprintf(_("refusing instance %s: not a salesforce "
	    "domain"), url);
	return (-1);
}

char *
sf_http_escape(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b;
	unsigned char		 c;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
			buf_addc(&b, (char)c);
		else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[c >> 4]);
			buf_addc(&b, hex[c & 15]);
		}
	}
	return (buf_detach(&b));
}

int
sf_parse_limit_info(const char *s, long *used, long *max)
{
	const char	*p;
	long		 u, m;
	int		 n = 0;

	if (s == NULL || (p = strstr(s, "api-usage=")) == NULL)
		return (-1);
	if (sscanf(p + 10, "%ld/%ld%n", &u, &m, &n) != 2 || n == 0 || u < 0 ||
	    m <= 0)
		return (-1);
	*used = u;
	*max = m;
	return (0);
}

int64_t
sf_parse_http_date(const char *s)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char	wd[8], mon[8];
	int	d, y, h, mi, sec, m;

	/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT". */
	if (s == NULL || sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d GMT", wd, &d,
	    mon, &y, &h, &mi, &sec) != 7)
		return (-1);
	for (m = 0; m < 12; m++)
		if (strcmp(mon, months[m]) == 0)
			break;
	if (m == 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return (-1);
	return (((int64_t)date_from_ymd(y, m + 1, d) * 86400 + h * 3600 +
	    mi * 60 + sec) * 1000);
}

enum sf_err
sf_http_request(struct sf_http *h, const char *method, const char *url,
    const char *bearer, const char *ctype, const char *body,
    struct sf_resp *resp, char **cause)
{
	return (sf_http_request_hdr(h, method, url, bearer, ctype, body, NULL,
	    resp, cause));
}

enum sf_err
sf_http_request_hdr(struct sf_http *h, const char *method, const char *url,
    const char *bearer, const char *ctype, const char *body, const char *hdr,
    struct sf_resp *resp, char **cause)
{
	struct curl_slist	*hdrs = NULL;
	struct sf_http_ctx	 c;
	char			*line, errbuf[CURL_ERROR_SIZE];
	int64_t			 t0;
	CURLcode		 rc;

	if (sf_http_url_ok(url, cause) != 0)
		return (SF_EFATAL);
	if (sf_http_cancelled(h)) {
		/* TRANSLATORS: a request cut short (sync stopped). */
		*cause = xstrdup(_("cancelled"));
		return (SF_ETRANSIENT);
	}
	memset(&c, 0, sizeof c);
	c.resp = resp;
	buf_reset(&resp->body);
	resp->status = 0;
	resp->date_ms = 0;
	resp->too_large = 0;
	errbuf[0] = '\0';

	curl_easy_reset(h->curl);
	curl_easy_setopt(h->curl, CURLOPT_URL, url);
	curl_easy_setopt(h->curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT, h->connect_s);
	curl_easy_setopt(h->curl, CURLOPT_TIMEOUT, h->total_s);
	curl_easy_setopt(h->curl, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h->curl, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)SF_HTTP_MAX_BODY);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, sf_http_write);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &c);
	curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, sf_http_header);
	curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, &c);
	curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, errbuf);
	if (h->cancel != NULL) {
		curl_easy_setopt(h->curl, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(h->curl, CURLOPT_XFERINFOFUNCTION,
		    sf_http_progress);
		curl_easy_setopt(h->curl, CURLOPT_XFERINFODATA, h);
	}
	/*
	 * libcurl silently resends a request whose reused connection died
	 * before the answer; a create must never be sent twice that way (C6),
	 * so a POST always goes out on a fresh connection.
	 */
	if (strcmp(method, "POST") == 0)
		curl_easy_setopt(h->curl, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(h->curl, CURLOPT_USERAGENT, "taskdeck/" VERSION);
	hdrs = curl_slist_append(hdrs, "Accept: application/json");
	if (hdr != NULL)
		hdrs = curl_slist_append(hdrs, hdr);
	if (bearer != NULL) {
		line = xasprintf("Authorization: Bearer %s", bearer);
		hdrs = curl_slist_append(hdrs, line);
		explicit_bzero(line, strlen(line));
		free(line);
	}
	if (body != NULL) {
		line = xasprintf("Content-Type: %s", ctype != NULL ? ctype :
		    "application/json");
		hdrs = curl_slist_append(hdrs, line);
		free(line);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(body));
	}
	hdrs = curl_slist_append(hdrs, "Expect:");
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdrs);

	crash_point();	/* a request leaving is a durable step */
	t0 = now_ms();
	rc = curl_easy_perform(h->curl);
	resp->local_ms = t0 + (now_ms() - t0) / 2;
	curl_slist_free_all(hdrs);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
	if (c.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		/* TRANSLATORS: %s: the HTTP method (GET, POST...). */
		*cause = xasprintf(_("response from %s is too large"), method);
		resp->too_large = 1;
		return (SF_EFATAL);
	}
	if (rc == CURLE_ABORTED_BY_CALLBACK) {
		*cause = xstrdup(_("cancelled"));
		return (SF_ETRANSIENT);
	}
	if (rc != CURLE_OK) {
		/*
		 * TRANSLATORS: offline; %s: libcurl's reason, in English.
		 * Shown on the UI's status line after the counts, where at
		 * 80x24 about 30 columns remain: keep the start short.
		 */
		*cause = xasprintf(_("cannot reach salesforce: %s"),
		    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
		switch (rc) {
		case CURLE_UNSUPPORTED_PROTOCOL:
		case CURLE_URL_MALFORMAT:
		case CURLE_PEER_FAILED_VERIFICATION:
		case CURLE_SSL_CACERT_BADFILE:
			return (SF_EFATAL);
		default:
			return (SF_ETRANSIENT);
		}
	}
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	return (SF_OK);
}
