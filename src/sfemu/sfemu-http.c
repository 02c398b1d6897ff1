/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * HTTP for the emulator on libmicrohttpd, thread per connection so a
 * latency fault stalls only its own client and 50+ clients are served at
 * once.  Each request body is collected, then the request is counted,
 * matched against armed faults and handled under the context lock.
 * sfemu_handle() is the router, above the handlers it calls (sfemu-ctl.c,
 * sfemu-oauth.c, sfemu-rest.c); the request and reply helpers they share
 * are in sfemu-reply.c, below them, so no handler calls back into here.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "log.h"
#include "sfemu-cometd.h"
#include "sfemu-ctl.h"
#include "sfemu-http.h"
#include "sfemu-oauth.h"
#include "sfemu-reply.h"
#include "sfemu-rest.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_RESULT;
#else
typedef enum MHD_Result MHD_RESULT;
#endif

#define HTTP_MAX_BODY	(32 * 1024 * 1024)

struct sfhttp {
	struct MHD_Daemon	*d;
	struct sfemu		*app;
};

struct http_conn {
	struct buf	body;
	int		toobig;
};

/* The part of a response sent before a truncated body fails. */
struct http_trunc {
	char	*data;
	size_t	 len;		/* bytes to send */
};

/* Routes one request to the module that serves it (lock held). */
void
sfemu_handle(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	const char	*p = req->path;

	if (strcmp(p, SFEMU_COMETD_CTL) == 0)
		cometd_ctl(app, req, resp);
	else if (strncmp(p, SFEMU_CTL_PREFIX, strlen(SFEMU_CTL_PREFIX)) == 0)
		ctl_handle(app, req, resp);
	else if (strncmp(p, SFEMU_COMETD_PREFIX,
	    strlen(SFEMU_COMETD_PREFIX)) == 0)
		cometd_handle(app, req, resp);
	else if (strncmp(p, "/services/oauth2/", 17) == 0 ||
	    strncmp(p, "/id/", 4) == 0)
		oauth_handle(app, req, resp);
	else if (strcmp(p, "/services/data") == 0 ||
	    strncmp(p, "/services/data/", 15) == 0) {
		cometd_origin(app, http_header(req, "Sforce-Call-Options"));
		rest_handle(app, req, resp);
		cometd_origin(app, NULL);
	}
	else
		resp_error(resp, 404, "NOT_FOUND",
		    "The requested resource does not exist", NULL);
}

/* Serves the first half of a truncated body, then fails the connection. */
static ssize_t
http_trunc_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct http_trunc	*t = cls;
	size_t			 n;

	if (pos >= t->len)
		return (MHD_CONTENT_READER_END_WITH_ERROR);
	n = t->len - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(out, t->data + pos, n);
	return ((ssize_t)n);
}

/* Frees a truncated body. */
static void
http_trunc_free(void *cls)
{
	struct http_trunc	*t = cls;

	free(t->data);
	free(t);
}

/* Frees the per-connection request state. */
static void
http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_conn	*c = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (c == NULL)
		return;
	buf_release(&c->body);
	free(c);
	*con_cls = NULL;
}

/* Releases the response's headers and body. */
static void
http_resp_release(struct sfresp *resp)
{
	size_t	i;

	for (i = 0; i < resp->nh; i++) {
		free(resp->hname[i]);
		free(resp->hvalue[i]);
	}
	buf_release(&resp->body);
}

/* Hands resp to MHD, whole or truncated to half its body. */
static MHD_RESULT
http_send(struct MHD_Connection *conn, struct sfresp *resp, int truncate,
    const char *date)
{
	struct MHD_Response	*r;
	struct http_trunc	*t;
	MHD_RESULT		 ret;
	size_t			 i;

	if (truncate && resp->body.len > 1) {
		t = xmalloc(sizeof *t);
		t->len = resp->body.len / 2;
		t->data = buf_detach(&resp->body);
		r = MHD_create_response_from_callback(strlen(t->data), 4096,
		    http_trunc_read, t, http_trunc_free);
	} else
		r = MHD_create_response_from_buffer(resp->body.len,
		    resp->body.data, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return (MHD_NO);
	if (resp->body.len > 0 || truncate)
		MHD_add_response_header(r, "Content-Type", resp->ctype != NULL ?
		    resp->ctype : "application/json;charset=UTF-8");
	MHD_add_response_header(r, "Date", date);
	for (i = 0; i < resp->nh; i++)
		MHD_add_response_header(r, resp->hname[i], resp->hvalue[i]);
	ret = MHD_queue_response(conn, (unsigned int)resp->status, r);
	MHD_destroy_response(r);
	return (ret);
}

/* The access handler: collects the body, then runs the request. */
static MHD_RESULT
http_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct sfhttp		*h = cls;
	struct sfemu		*app = h->app;
	struct http_conn	*c = *con_cls;
	struct sfreq		 req;
	struct sfresp		 resp;
	struct fault		 f;
	struct timespec		 ts;
	char			*endpoint, date[64];
	int			 ctl;
	MHD_RESULT		 ret;

	(void)version;
	if (c == NULL) {
		c = xcalloc(1, sizeof *c);
		buf_init(&c->body);
		*con_cls = c;
		return (MHD_YES);
	}
	if (*upload_size != 0) {
		if (c->body.len + *upload_size > HTTP_MAX_BODY)
			c->toobig = 1;
		else
			buf_add(&c->body, upload, *upload_size);
		*upload_size = 0;
		return (MHD_YES);
	}

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	memset(&f, 0, sizeof f);
	buf_init(&resp.body);
	req.method = method;
	req.path = url;
	req.body = c->body.data;
	req.bodylen = c->body.len;
	req.conn = conn;
	endpoint = util_endpoint_name(method, url);
	req.endpoint = endpoint;
	ctl = strncmp(url, SFEMU_CTL_PREFIX, strlen(SFEMU_CTL_PREFIX)) == 0;

	pthread_mutex_lock(&app->lock);
	if (!ctl) {
		ctl_count(app, endpoint);
		ctl_fault_take(app, method, url, &f);
	}
	pthread_mutex_unlock(&app->lock);

	if (f.latency_ms > 0) {
		ts.tv_sec = f.latency_ms / 1000;
		ts.tv_nsec = (f.latency_ms % 1000) * 1000000L;
		nanosleep(&ts, NULL);
	}
	if (f.kind == FAULT_DROP) {
		log_info("%s %s: fault: connection dropped", method, url);
		free(endpoint);
		return (MHD_NO);
	}

	pthread_mutex_lock(&app->lock);
	if (c->toobig)
		resp_error(&resp, 413, "REQUEST_ENTITY_TOO_LARGE",
		    "request body too large", NULL);
	else if (f.kind == FAULT_STATUS) {
		resp.status = f.status;
		buf_adds(&resp.body, f.body != NULL ? f.body : "");
		resp.ctype = "application/json;charset=UTF-8";
	} else
		sfemu_handle(app, &req, &resp);
	util_fmt_httpdate(store_now(app->st), date, sizeof date);
	pthread_mutex_unlock(&app->lock);

	log_info("%s %s -> %d%s", method, url, resp.status,
	    f.kind == FAULT_APPLIED_DROP ? " (fault: applied, dropped)" :
	    f.kind == FAULT_TRUNCATE ? " (fault: truncated)" :
	    f.kind == FAULT_STATUS ? " (fault: status)" : "");
	/* resp.status -1: a stream broken mid-connect (sfemu-cometd.c). */
	if (f.kind == FAULT_APPLIED_DROP || resp.status == -1)
		ret = MHD_NO;
	else
		ret = http_send(conn, &resp, f.kind == FAULT_TRUNCATE, date);
	http_resp_release(&resp);
	free(f.body);
	free(endpoint);
	return (ret);
}

/* Logs libmicrohttpd's own errors. */
static void
http_log(void *cls, const char *fmt, va_list ap)
{
	char	msg[512];

	(void)cls;
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_warn("microhttpd: %s", msg);
}

struct sfhttp *
http_start(struct sfemu *app, int port, char **cause)
{
	struct sfhttp		*h;
	struct sockaddr_in	 sin;
	const union MHD_DaemonInfo *info;

	h = xcalloc(1, sizeof *h);
	h->app = app;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	h->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
	    (uint16_t)port, NULL, NULL, http_access, h,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)120,
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, h,
	    MHD_OPTION_EXTERNAL_LOGGER, http_log, h,
	    MHD_OPTION_END);
	if (h->d == NULL) {
		*cause = xasprintf("cannot listen on 127.0.0.1:%d", port);
		free(h);
		return (NULL);
	}
	info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	app->port = info != NULL ? info->port : port;
	return (h);
}

int
http_port(struct sfhttp *h)
{
	return (h->app->port);
}

void
http_stop(struct sfhttp *h)
{
	if (h == NULL)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
