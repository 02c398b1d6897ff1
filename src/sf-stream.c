/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The Streaming API client (SPEC C12): CometD (Bayeux 1.0) long polling
 * against /cometd/XX.X on the rep's instance, on a thread the sync engine
 * owns, with its own curl handle.
 *
 * The thread handshakes, subscribes to /data/TaskChangeEvent with the
 * replay extension ({"/data/TaskChangeEvent": id}; -1 for new events
 * only), then connects again and again: Salesforce holds a connect up to
 * 110 s and answers at once when events wait.  The advice decides what
 * follows a reply: "retry" connects again after interval ms, "handshake"
 * (403::Unknown client: the server forgot us, say after 40 s away)
 * starts over from the handshake with the last replay id seen, so
 * nothing is missed; "none" or a refusal (CDC not enabled for Task, the
 * org's concurrent-client or daily delivery allocation) reports OFF and
 * tries again in retry_s seconds.  A refused replay id (past the 72 h
 * retention) reports CATCHUP and resubscribes with -1.  Network faults
 * back off 1, 2, 4 ... 60 s.  doc/sync.md, "Streaming".
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "i18n.h"
#include "log.h"
#include "msgq.h"
#include "sf-http.h"
#include "sf-json.h"
#include "sf-stream.h"
#include "xmalloc.h"

#define STREAM_VERSION		"59.0"
#define STREAM_CHANNEL		"/data/TaskChangeEvent"
#define STREAM_BACKOFF_MAX_S	60

struct sf_stream {
	pthread_t	 thread;
	pthread_mutex_t	 mtx;		/* token, token_gen, live_id */
	char		*token;
	unsigned	 token_gen;
	char		*url;		/* instance + /cometd/59.0 */
	struct msgq	*out;
	struct sf_http	*http;
	int		 stop;		/* atomic */
	long		 retry_s;
	char		*origin;	/* ";client=ID", or NULL */
	char		*live_id;	/* the client id the server gave */
	/* The thread's own. */
	char		*client_id;
	int64_t		 replay;
	long		 msgid;
	int		 on;
};

/* Internal: a change whose events were all our own writes. */
#define SF_STREAM_ECHO	((enum sf_stream_kind)100)

static void
stream_post(struct sf_stream *s, enum sf_stream_kind k, int64_t replay,
    const char *reason)
{
	struct sf_stream_msg	*m;

	if (k == SF_STREAM_ON) {
		if (s->on)
			return;
		s->on = 1;
	} else if (k == SF_STREAM_OFF || k == SF_STREAM_AUTH)
		s->on = 0;
	m = xcalloc(1, sizeof *m);
	m->echo = k == SF_STREAM_ECHO;
	if (k == SF_STREAM_ECHO)
		k = SF_STREAM_CHANGE;
	m->kind = k;
	m->replay = replay;
	m->reason = reason != NULL ? xstrdup(reason) : NULL;
	msgq_push(s->out, m);
}

static void	stream_free(struct sf_stream *);

static int
stream_stopped(struct sf_stream *s)
{
	return (__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE) != 0);
}

/* Sleeps ms, in steps, unless stopped (or the token changes, if asked). */
static void
stream_sleep(struct sf_stream *s, long ms, unsigned *token_gen)
{
	struct timespec	ts = { 0, 50 * 1000000L };
	unsigned	g;

	for (; ms > 0 && !stream_stopped(s); ms -= 50) {
		if (token_gen != NULL) {
			pthread_mutex_lock(&s->mtx);
			g = s->token_gen;
			pthread_mutex_unlock(&s->mtx);
			if (g != *token_gen)
				return;
		}
		nanosleep(&ts, NULL);
	}
}

enum stream_rc { STREAM_OK, STREAM_NET, STREAM_AUTHFAIL, STREAM_BAD };

/*
 * Posts one Bayeux message to url/leaf; *msgs gets the reply's messages.
 * STREAM_NET on a network fault or 5xx, STREAM_AUTHFAIL on 401.
 */
static enum stream_rc
stream_post_msg(struct sf_stream *s, const char *leaf, const char *json,
    struct sf_bayeux **msgs, size_t *n, char **cause)
{
	struct sf_resp	 r;
	char		*url, *tok;
	enum stream_rc	 rc;

	*msgs = NULL;
	*n = 0;
	url = xasprintf("%s/%s", s->url, leaf);
	pthread_mutex_lock(&s->mtx);
	tok = xstrdup(s->token);
	pthread_mutex_unlock(&s->mtx);
	sf_resp_init(&r);
	if (sf_http_request(s->http, "POST", url, tok, "application/json",
	    json, &r, cause) != SF_OK)
		rc = STREAM_NET;
	else if (r.status == 401 || r.status == 403) {
		rc = STREAM_AUTHFAIL;
		/* TRANSLATORS: why streaming is off; %ld: HTTP status. */
		*cause = xasprintf(_("the Streaming API refused the session "
		    "(HTTP %ld)"), r.status);
	} else if (r.status >= 500 || r.status == 0) {
		rc = STREAM_NET;
		*cause = xasprintf("HTTP %ld", r.status);
	} else if (r.status != 200) {
		rc = STREAM_BAD;
		/* TRANSLATORS: why streaming is off; %ld: HTTP status. */
		*cause = xasprintf(_("the Streaming API answered HTTP %ld"),
		    r.status);
	} else if (sfjson_bayeux(r.body.data, r.body.len, msgs, n, cause) !=
	    0)
		rc = STREAM_BAD;
	else
		rc = STREAM_OK;
	explicit_bzero(tok, strlen(tok));
	free(tok);
	free(url);
	sf_resp_release(&r);
	return (rc);
}

/* The reply on channel among msgs, or NULL. */
static const struct sf_bayeux *
stream_find(const struct sf_bayeux *m, size_t n, const char *channel)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(m[i].channel, channel) == 0)
			return (&m[i]);
	return (NULL);
}

/* A client id we send back: letters and digits only. */
static int
stream_id_ok(const char *id)
{
	size_t	i;

	for (i = 0; id[i] != '\0'; i++)
		if (!((id[i] >= '0' && id[i] <= '9') ||
		    (id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= 'A' && id[i] <= 'Z')))
			return (0);
	return (i > 0 && i < 128);
}

enum stream_next { NEXT_CONNECT, NEXT_HANDSHAKE, NEXT_SUBSCRIBE,
    NEXT_BACKOFF, NEXT_REFUSED, NEXT_AUTH };

static enum stream_next
stream_handshake(struct sf_stream *s, char **cause)
{
	struct sf_bayeux	*m;
	const struct sf_bayeux	*r;
	size_t			 n;
	char			*json;
	enum stream_rc		 rc;
	enum stream_next	 next;

	json = xasprintf("[{\"channel\":\"/meta/handshake\",\"id\":\"%ld\","
	    "\"version\":\"1.0\",\"minimumVersion\":\"1.0\","
	    "\"supportedConnectionTypes\":[\"long-polling\"]}]", ++s->msgid);
	rc = stream_post_msg(s, "handshake", json, &m, &n, cause);
	free(json);
	if (rc != STREAM_OK)
		return (rc == STREAM_AUTHFAIL ? NEXT_AUTH : rc == STREAM_NET ?
		    NEXT_BACKOFF : NEXT_REFUSED);
	r = stream_find(m, n, "/meta/handshake");
	free(s->client_id);
	s->client_id = NULL;
	if (r == NULL || r->successful != 1 || r->client_id == NULL ||
	    !stream_id_ok(r->client_id)) {
		*cause = xstrdup(r != NULL && r->error != NULL ? r->error :
		    /* TRANSLATORS: why streaming is off (Bayeux handshake). */
		    _("handshake refused"));
		next = r != NULL && r->error != NULL &&
		    strncmp(r->error, "401::", 5) == 0 ? NEXT_AUTH :
		    NEXT_REFUSED;
	} else {
		s->client_id = xstrdup(r->client_id);
		next = NEXT_SUBSCRIBE;
	}
	pthread_mutex_lock(&s->mtx);
	free(s->live_id);
	s->live_id = s->client_id != NULL ? xstrdup(s->client_id) : NULL;
	pthread_mutex_unlock(&s->mtx);
	sfjson_bayeux_free(m, n);
	return (next);
}

static enum stream_next
stream_subscribe(struct sf_stream *s, char **cause)
{
	struct sf_bayeux	*m;
	const struct sf_bayeux	*r;
	size_t			 n;
	char			*json;
	enum stream_rc		 rc;
	enum stream_next	 next;

	json = xasprintf("[{\"channel\":\"/meta/subscribe\",\"id\":\"%ld\","
	    "\"clientId\":\"%s\",\"subscription\":\"" STREAM_CHANNEL "\","
	    "\"ext\":{\"replay\":{\"" STREAM_CHANNEL "\":%lld}}}]",
	    ++s->msgid, s->client_id, (long long)s->replay);
	rc = stream_post_msg(s, "subscribe", json, &m, &n, cause);
	free(json);
	if (rc != STREAM_OK)
		return (rc == STREAM_AUTHFAIL ? NEXT_AUTH : rc == STREAM_NET ?
		    NEXT_BACKOFF : NEXT_REFUSED);
	r = stream_find(m, n, "/meta/subscribe");
	if (r != NULL && r->successful == 1) {
		log_debug("stream: subscribed from replay id %lld",
		    (long long)s->replay);
		stream_post(s, SF_STREAM_ON, 0, NULL);
		next = NEXT_CONNECT;
	} else if (r != NULL && r->error != NULL &&
	    strstr(r->error, "replayId") != NULL && s->replay >= 0) {
		/* Past retention: the engine catches up by query. */
		log_info("stream: %s: catching up", r->error);
		stream_post(s, SF_STREAM_CATCHUP, 0, NULL);
		s->replay = -1;
		next = NEXT_SUBSCRIBE;
	} else if (r != NULL && (r->error == NULL || strncmp(r->error,
	    "403::Unknown client", 19) == 0)) {
		next = NEXT_HANDSHAKE;
	} else {
		*cause = xstrdup(r != NULL && r->error != NULL ? r->error :
		    /* TRANSLATORS: why streaming is off. */
		    _("subscription refused"));
		next = NEXT_REFUSED;
	}
	sfjson_bayeux_free(m, n);
	return (next);
}

static enum stream_next
stream_connect(struct sf_stream *s, long *interval, char **cause)
{
	struct sf_bayeux	*m;
	const struct sf_bayeux	*r;
	size_t			 n, i;
	char			*json;
	int64_t			 top = -1;
	int			 echo = 1;
	const char		*o;
	char			*mine;
	size_t			 ol;
	enum stream_rc		 rc;
	enum stream_next	 next;

	*interval = 0;
	json = xasprintf("[{\"channel\":\"/meta/connect\",\"id\":\"%ld\","
	    "\"clientId\":\"%s\",\"connectionType\":\"long-polling\"}]",
	    ++s->msgid, s->client_id);
	rc = stream_post_msg(s, "connect", json, &m, &n, cause);
	free(json);
	if (rc != STREAM_OK)
		return (rc == STREAM_AUTHFAIL ? NEXT_AUTH : rc == STREAM_NET ?
		    NEXT_BACKOFF : NEXT_REFUSED);
	pthread_mutex_lock(&s->mtx);
	mine = s->origin != NULL ? xstrdup(s->origin) : NULL;
	pthread_mutex_unlock(&s->mtx);
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].channel, STREAM_CHANNEL) != 0)
			continue;
		if (m[i].replay > top)
			top = m[i].replay;
		/* Ours: changeOrigin "com/salesforce/api/rest/59.0;client=ID" */
		o = m[i].origin;
		ol = mine != NULL ? strlen(mine) : 0;
		if (o == NULL || ol == 0 || strlen(o) < ol ||
		    strcmp(o + strlen(o) - ol, mine) != 0)
			echo = 0;
	}
	free(mine);
	if (top >= 0) {
		log_debug("stream: events up to replay id %lld%s",
		    (long long)top, echo ? " (our own writes)" : "");
		s->replay = top;
		stream_post(s, echo ? SF_STREAM_ECHO : SF_STREAM_CHANGE, top,
		    NULL);
	}
	r = stream_find(m, n, "/meta/connect");
	if (r == NULL || r->successful == 1) {
		next = NEXT_CONNECT;
		if (r != NULL && r->reconnect != NULL &&
		    strcmp(r->reconnect, "handshake") == 0)
			next = NEXT_HANDSHAKE;
		*interval = r != NULL && r->interval > 0 ? r->interval : 0;
	} else if ((r->error != NULL && strncmp(r->error,
	    "403::Unknown client", 19) == 0) || (r->reconnect != NULL &&
	    strcmp(r->reconnect, "handshake") == 0))
		next = NEXT_HANDSHAKE;
	else if (r->error != NULL && strncmp(r->error, "401::", 5) == 0)
		next = NEXT_AUTH;
	else {
		*cause = xstrdup(r->error != NULL ? r->error :
		    /* TRANSLATORS: why streaming is off (Bayeux connect). */
		    _("connect refused"));
		next = NEXT_REFUSED;
	}
	sfjson_bayeux_free(m, n);
	return (next);
}

/* The thread: handshake, subscribe, connect ... until stopped. */
static void *
stream_main(void *arg)
{
	struct sf_stream	*s = arg;
	enum stream_next	 next = NEXT_HANDSHAKE;
	char			*cause;
	long			 interval, backoff = 0;
	unsigned		 gen;

	while (!stream_stopped(s)) {
		cause = NULL;
		switch (next) {
		case NEXT_HANDSHAKE:
			next = stream_handshake(s, &cause);
			break;
		case NEXT_SUBSCRIBE:
			next = stream_subscribe(s, &cause);
			break;
		case NEXT_CONNECT:
			next = stream_connect(s, &interval, &cause);
			if (next == NEXT_CONNECT) {
				backoff = 0;
				stream_sleep(s, interval, NULL);
			}
			break;
		default:
			break;
		}
		if (stream_stopped(s)) {
			free(cause);
			break;
		}
		switch (next) {
		case NEXT_BACKOFF:
			/* A network fault: poll meanwhile, come back soon. */
			backoff = backoff == 0 ? 1 : backoff * 2;
			if (backoff > STREAM_BACKOFF_MAX_S)
				backoff = STREAM_BACKOFF_MAX_S;
			log_info("stream: %s (again in %ld s)", cause, backoff);
			if (backoff > 1)
				stream_post(s, SF_STREAM_OFF, 0, cause);
			stream_sleep(s, backoff * 1000, NULL);
			/* Try the same client first: the server may know it. */
			next = s->client_id != NULL ? NEXT_CONNECT :
			    NEXT_HANDSHAKE;
			break;
		case NEXT_REFUSED:
			log_warn("stream: %s (again in %ld s)", cause,
			    s->retry_s);
			stream_post(s, SF_STREAM_OFF, 0, cause);
			stream_sleep(s, s->retry_s * 1000, NULL);
			next = NEXT_HANDSHAKE;
			break;
		case NEXT_AUTH:
			pthread_mutex_lock(&s->mtx);
			gen = s->token_gen;
			pthread_mutex_unlock(&s->mtx);
			stream_post(s, SF_STREAM_AUTH, 0, cause != NULL ?
			    /* TRANSLATORS: why streaming is off. */
			    cause : _("session refused"));
			/* Until the engine hands over a new token (or 5 min). */
			stream_sleep(s, 300 * 1000, &gen);
			next = NEXT_HANDSHAKE;
			break;
		default:
			break;
		}
		free(cause);
	}
	stream_free(s);
	return (NULL);
}

struct sf_stream *
sf_stream_start(const char *instance_url, const char *token, int64_t replay,
    long retry_s)
{
	struct sf_stream	*s;
	size_t			 len;

	s = xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->mtx, NULL);
	len = strlen(instance_url);
	while (len > 0 && instance_url[len - 1] == '/')
		len--;
	s->url = xasprintf("%.*s/cometd/" STREAM_VERSION, (int)len,
	    instance_url);
	s->token = xstrdup(token);
	s->replay = replay;
	s->retry_s = retry_s > 0 ? retry_s : 1800;
	s->out = msgq_new();
	s->http = sf_http_new();
	/* A connect is held up to 110 s; allow for a slow network. */
	sf_http_timeouts(s->http, 10, 130);
	sf_http_cancel_on(s->http, &s->stop);
	if (pthread_create(&s->thread, NULL, stream_main, s) != 0) {
		sf_http_free(s->http);
		msgq_free(s->out, NULL);
		free(s->url);
		free(s->token);
		pthread_mutex_destroy(&s->mtx);
		free(s);
		return (NULL);
	}
	return (s);
}

void
sf_stream_msg_free(struct sf_stream_msg *m)
{
	if (m == NULL)
		return;
	free(m->reason);
	free(m);
}

/* Frees the client: its thread's last act once stopped. */
static void
stream_free(struct sf_stream *s)
{
	sf_http_free(s->http);
	msgq_free(s->out, (void (*)(void *))sf_stream_msg_free);
	free(s->url);
	explicit_bzero(s->token, strlen(s->token));
	free(s->token);
	free(s->client_id);
	free(s->origin);
	free(s->live_id);
	pthread_mutex_destroy(&s->mtx);
	free(s);
}

/*
 * Says goodbye (/meta/disconnect) on a handle of its own, at most 1 s:
 * the server forgets the client at once, so its slot in the org's
 * concurrent-client allocation frees now rather than after the 110 s
 * hold and the 40 s keep-alive.  The answer does not matter.
 */
static void
stream_disconnect(const char *url, const char *token, const char *id)
{
	struct sf_http	*h;
	struct sf_resp	 r;
	char		*u, *json, *cause = NULL;

	h = sf_http_new();
	sf_http_timeouts(h, 1, 1);
	u = xasprintf("%s/disconnect", url);
	json = xasprintf("[{\"channel\":\"/meta/disconnect\","
	    "\"clientId\":\"%s\"}]", id);
	sf_resp_init(&r);
	if (sf_http_request(h, "POST", u, token, "application/json", json,
	    &r, &cause) == SF_OK)
		log_debug("stream: disconnected (HTTP %ld)", r.status);
	else
		log_debug("stream: disconnect: %s", cause);
	free(cause);
	sf_resp_release(&r);
	free(json);
	free(u);
	sf_http_free(h);
}

/*
 * Stopping does not wait for the thread: a held connect notices the flag
 * only at libcurl's next progress call, up to a second away, and quitting
 * must not wait for it.  The thread, detached, frees the client itself;
 * the caller never touches it again.  The caller says goodbye to the
 * server instead, on a handle of its own (at most 1 s, a few ms on a
 * working network).
 */
void
sf_stream_stop(struct sf_stream *s)
{
	pthread_t	 t;
	char		*id = NULL, *url = NULL, *tok = NULL;

	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mtx);
	if (s->live_id != NULL) {
		id = xstrdup(s->live_id);
		url = xstrdup(s->url);
		tok = xstrdup(s->token);
	}
	pthread_mutex_unlock(&s->mtx);
	t = s->thread;		/* s may be freed once the flag is set */
	__atomic_store_n(&s->stop, 1, __ATOMIC_RELEASE);
	pthread_detach(t);
	if (id != NULL) {
		stream_disconnect(url, tok, id);
		explicit_bzero(tok, strlen(tok));
	}
	free(id);
	free(url);
	free(tok);
}

int
sf_stream_fd(const struct sf_stream *s)
{
	return (msgq_fd(s->out));
}

struct sf_stream_msg *
sf_stream_next(struct sf_stream *s)
{
	return (msgq_pop(s->out));
}

void
sf_stream_client(struct sf_stream *s, const char *id)
{
	pthread_mutex_lock(&s->mtx);
	free(s->origin);
	s->origin = id != NULL ? xasprintf(";client=%s", id) : NULL;
	pthread_mutex_unlock(&s->mtx);
}

void
sf_stream_token(struct sf_stream *s, const char *token)
{
	pthread_mutex_lock(&s->mtx);
	if (strcmp(s->token, token) != 0) {
		explicit_bzero(s->token, strlen(s->token));
		free(s->token);
		s->token = xstrdup(token);
		s->token_gen++;
	}
	pthread_mutex_unlock(&s->mtx);
}
