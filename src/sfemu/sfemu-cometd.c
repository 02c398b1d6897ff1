/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Change Data Capture for Task over the Streaming API: CometD (Bayeux
 * 1.0) long polling under /cometd/XX.X with the channels /meta/handshake,
 * /meta/subscribe (the replay extension: -1 new events only, -2 every
 * retained event, or a replay id), /meta/connect, /meta/unsubscribe and
 * /meta/disconnect, and the one data channel /data/TaskChangeEvent.
 *
 * Every committed task write (sfemu-store.c calls cometd_chg) appends one
 * change event with an increasing replay id; events live 72 hours on the
 * emulator's clock (so `ctl POST clock` ages them).  A connect with
 * nothing to deliver is held up to 110 s of real time (hold_ms, shorter
 * for tests) on a condition variable over the context lock, which it
 * releases while it waits: thread-per-connection MHD serves every other
 * request meanwhile.  A client that does not come back within 40 s of a
 * response is forgotten (403::Unknown client).  The allocations: the
 * org's concurrent clients (1,000, Enterprise Edition) and its event
 * deliveries per 24 hours (25,000), both settable.  doc/sfemu.md,
 * "Streaming", cites the pages this follows.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "date.h"
#include "sfemu-cometd.h"
#include "sfemu-oauth.h"
#include "sfemu-obj.h"
#include "sfemu-reply.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#define CD_CHANNEL	"/data/TaskChangeEvent"
#define CD_RETENTION_MS	(72LL * 3600 * 1000)
#define CD_KEEPALIVE_MS	(40LL * 1000)
#define CD_TIMEOUT_MS	110000L
#define CD_DAY_MS	(24LL * 3600 * 1000)

struct cd_event {
	long long	 replay;
	long long	 when;		/* emulator clock */
	char		*data;		/* the "data" object, JSON */
};

struct cd_client {
	char		 id[32];
	int		 subscribed;
	long long	 pos;		/* delivered up to this replay id */
	long long	 seen;		/* real ms of the last response */
	long long	 sub_replay;	/* the replay id it subscribed with */
	int		 held;
};

struct cd_pending {
	int		 kind;
	char		 id[SFID_LEN + 1];
	char		*fields;	/* changedFields, JSON array */
	char		 origin[96];	/* changeOrigin */
};

struct sfcometd {
	pthread_cond_t	 cond;
	struct cd_event	*ev;
	size_t		 nev;
	long long	 next_replay;
	long long	 purged;	/* the newest replay id dropped */
	struct cd_client *cl;
	size_t		 ncl;
	struct cd_pending *pend;	/* written in a transaction */
	size_t		 npend;
	long long	*deliv;		/* emulator times of deliveries */
	size_t		 ndeliv;
	unsigned long	 seq;
	/* Switches (POST /__sfemu/cometd). */
	char		*refuse;	/* subscribe error, or NULL */
	long		 hold_ms;
	int		 brk;		/* connects to break */
	long long	 max_clients;
	long long	 max_daily;
	int		 stopping;
	char		 client[48];	/* this request's client=ID, or "" */
	/* Counters (GET /__sfemu/cometd). */
	long		 handshakes, subscribes, connects, breaks;
};

/* Indexed by enum store_chg; UNDELETE only from the control API. */
static const char *const cd_types[] = { "CREATE", "UPDATE", "DELETE",
    "UNDELETE" };
#define CD_NTYPES	(sizeof cd_types / sizeof cd_types[0])

static long long
cd_real_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Appends a committed change to the log and wakes the held connects. */
static void
cd_publish(struct sfemu *app, const struct cd_pending *p)
{
	struct sfcometd	*c = app->cometd;
	struct cd_event	*e;
	char		 txn[40];
	long long	 now = store_now(app->st);
	cJSON		*d, *pl, *h, *ids;

	c->ev = xreallocarray(c->ev, c->nev + 1, sizeof *c->ev);
	e = &c->ev[c->nev++];
	e->replay = ++c->next_replay;
	e->when = now;
	snprintf(txn, sizeof txn, "00%lx-%llx", ++c->seq, e->replay);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "schema", "sfemu-TaskChangeEvent-1");
	pl = cJSON_AddObjectToObject(d, "payload");
	h = cJSON_AddObjectToObject(pl, "ChangeEventHeader");
	cJSON_AddStringToObject(h, "entityName", "Task");
	ids = cJSON_AddArrayToObject(h, "recordIds");
	cJSON_AddItemToArray(ids, cJSON_CreateString(p->id));
	cJSON_AddStringToObject(h, "changeType", cd_types[p->kind]);
	cJSON_AddStringToObject(h, "changeOrigin", p->origin);
	cJSON_AddStringToObject(h, "transactionKey", txn);
	cJSON_AddNumberToObject(h, "sequenceNumber", 1);
	cJSON_AddNumberToObject(h, "commitTimestamp", (double)now);
	cJSON_AddNumberToObject(h, "commitNumber", (double)e->replay);
	cJSON_AddItemToObject(h, "changedFields", p->fields != NULL ?
	    cJSON_Parse(p->fields) : cJSON_CreateArray());
	cJSON_AddItemToObject(d, "event", cJSON_CreateObject());
	cJSON_AddNumberToObject(cJSON_GetObjectItem(d, "event"), "replayId",
	    (double)e->replay);
	e->data = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	pthread_cond_broadcast(&c->cond);
}

/* The store's hook: a task write, or the end of its transaction. */
static void
cometd_chg(void *arg, enum store_chg kind, const char *id,
    const char *const *cols, size_t n, int in_txn)
{
	struct sfemu		*app = arg;
	struct sfcometd		*c = app->cometd;
	const struct objdef	*task = obj_find("Task");
	struct cd_pending	 p;
	cJSON			*f;
	size_t			 i, j;

	if (kind == STORE_CHG_COMMIT || kind == STORE_CHG_ROLLBACK) {
		for (i = 0; i < c->npend; i++) {
			if (kind == STORE_CHG_COMMIT)
				cd_publish(app, &c->pend[i]);
			free(c->pend[i].fields);
		}
		c->npend = 0;
		return;
	}
	memset(&p, 0, sizeof p);
	p.kind = kind;
	snprintf(p.origin, sizeof p.origin, "com/salesforce/api/rest/%s%s%s",
	    SFEMU_API_VERSION, c->client[0] != '\0' ? ";client=" : "",
	    c->client);
	snprintf(p.id, sizeof p.id, "%s", id);
	if (kind == STORE_CHG_UPDATE) {
		f = cJSON_CreateArray();
		for (i = 0; i < n; i++)
			for (j = 0; j < task->nfields; j++)
				if (task->fields[j].col != NULL &&
				    strcmp(task->fields[j].col, cols[i]) == 0) {
					cJSON_AddItemToArray(f,
					    cJSON_CreateString(
					    task->fields[j].name));
					break;
				}
		p.fields = cJSON_PrintUnformatted(f);
		cJSON_Delete(f);
	}
	if (!in_txn) {
		cd_publish(app, &p);
		free(p.fields);
		return;
	}
	c->pend = xreallocarray(c->pend, c->npend + 1, sizeof *c->pend);
	c->pend[c->npend++] = p;
}

void
cometd_origin(struct sfemu *app, const char *opts)
{
	struct sfcometd	*c = app->cometd;
	const char	*p;
	size_t		 n;

	if (c == NULL)
		return;
	c->client[0] = '\0';
	/* "client=ID[,defaultNamespace=...]" */
	if (opts == NULL || (p = strstr(opts, "client=")) == NULL)
		return;
	p += 7;
	n = strcspn(p, ", ");
	if (n >= sizeof c->client)
		n = sizeof c->client - 1;
	memcpy(c->client, p, n);
	c->client[n] = '\0';
}

void
cometd_init(struct sfemu *app)
{
	struct sfcometd	*c;

	c = xcalloc(1, sizeof *c);
	pthread_cond_init(&c->cond, NULL);
	c->hold_ms = CD_TIMEOUT_MS;
	c->max_clients = 1000;
	c->max_daily = 25000;
	app->cometd = c;
	store_on_change(app->st, cometd_chg, app);
}

void
cometd_stop(struct sfemu *app)
{
	pthread_mutex_lock(&app->lock);
	app->cometd->stopping = 1;
	pthread_cond_broadcast(&app->cometd->cond);
	pthread_mutex_unlock(&app->lock);
}

void
cometd_free(struct sfemu *app)
{
	struct sfcometd	*c = app->cometd;
	size_t		 i;

	if (c == NULL)
		return;
	store_on_change(app->st, NULL, NULL);
	for (i = 0; i < c->nev; i++)
		free(c->ev[i].data);
	for (i = 0; i < c->npend; i++)
		free(c->pend[i].fields);
	free(c->ev);
	free(c->pend);
	free(c->cl);
	free(c->deliv);
	free(c->refuse);
	pthread_cond_destroy(&c->cond);
	free(c);
	app->cometd = NULL;
}

/* Drops events past retention and clients past the keep-alive. */
static void
cd_expire(struct sfemu *app)
{
	struct sfcometd	*c = app->cometd;
	long long	 now = store_now(app->st), real = cd_real_ms();
	size_t		 i, k;

	for (k = 0; k < c->nev && c->ev[k].when < now - CD_RETENTION_MS; k++) {
		c->purged = c->ev[k].replay;
		free(c->ev[k].data);
	}
	if (k > 0) {
		memmove(c->ev, c->ev + k, (c->nev - k) * sizeof *c->ev);
		c->nev -= k;
	}
	for (i = k = 0; i < c->ncl; i++)
		if (c->cl[i].held || real - c->cl[i].seen <= CD_KEEPALIVE_MS +
		    c->hold_ms)
			c->cl[k++] = c->cl[i];
	c->ncl = k;
	for (k = 0; k < c->ndeliv && c->deliv[k] < now - CD_DAY_MS; k++)
		;
	if (k > 0) {
		memmove(c->deliv, c->deliv + k, (c->ndeliv - k) *
		    sizeof *c->deliv);
		c->ndeliv -= k;
	}
}

static struct cd_client *
cd_client(struct sfcometd *c, const char *id)
{
	size_t	i;

	if (id == NULL)
		return (NULL);
	for (i = 0; i < c->ncl; i++)
		if (strcmp(c->cl[i].id, id) == 0)
			return (&c->cl[i]);
	return (NULL);
}

/* A reply message on channel for request m. */
static cJSON *
cd_reply(const cJSON *m, const char *channel, const char *clientid, int ok,
    const char *error)
{
	cJSON		*r;
	const cJSON	*id = cJSON_GetObjectItem(m, "id");

	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "channel", channel);
	if (clientid != NULL)
		cJSON_AddStringToObject(r, "clientId", clientid);
	if (cJSON_IsString(id) || cJSON_IsNumber(id))
		cJSON_AddItemToObject(r, "id", cJSON_Duplicate(id, 0));
	cJSON_AddBoolToObject(r, "successful", ok);
	if (error != NULL)
		cJSON_AddStringToObject(r, "error", error);
	return (r);
}

static void
cd_advice(cJSON *r, const char *reconnect, long timeout)
{
	cJSON	*a;

	a = cJSON_AddObjectToObject(r, "advice");
	cJSON_AddStringToObject(a, "reconnect", reconnect);
	cJSON_AddNumberToObject(a, "interval", 0);
	if (timeout > 0)
		cJSON_AddNumberToObject(a, "timeout", (double)timeout);
}

static void
cd_handshake(struct sfemu *app, const cJSON *m, cJSON *out)
{
	struct sfcometd		*c = app->cometd;
	struct cd_client	*cl;
	cJSON			*r, *t;

	c->handshakes++;
	if ((long long)c->ncl >= c->max_clients) {
		r = cd_reply(m, "/meta/handshake", NULL, 0,
		    "403::Organization concurrent user limit exceeded");
		cd_advice(r, "none", 0);
		cJSON_AddItemToArray(out, r);
		return;
	}
	c->cl = xreallocarray(c->cl, c->ncl + 1, sizeof *c->cl);
	cl = &c->cl[c->ncl++];
	memset(cl, 0, sizeof *cl);
	cl->seen = cd_real_ms();
	snprintf(cl->id, sizeof cl->id, "%lx%llx%lx", ++c->seq,
	    (unsigned long long)cd_real_ms(), (unsigned long)random());
	r = cd_reply(m, "/meta/handshake", cl->id, 1, NULL);
	cJSON_AddStringToObject(r, "version", "1.0");
	cJSON_AddStringToObject(r, "minimumVersion", "1.0");
	t = cJSON_AddArrayToObject(r, "supportedConnectionTypes");
	cJSON_AddItemToArray(t, cJSON_CreateString("long-polling"));
	cd_advice(r, "retry", CD_TIMEOUT_MS);
	cJSON_AddItemToArray(out, r);
}

static void
cd_subscribe(struct sfemu *app, const cJSON *m, struct cd_client *cl,
    cJSON *out)
{
	struct sfcometd	*c = app->cometd;
	const cJSON	*sub, *rp, *v;
	const char	*ch;
	char		 err[256];
	long long	 want = -1;
	cJSON		*r;

	c->subscribes++;
	sub = cJSON_GetObjectItem(m, "subscription");
	ch = cJSON_IsString(sub) ? sub->valuestring : NULL;
	if (cl == NULL) {
		r = cd_reply(m, "/meta/subscribe", NULL, 0, "403::Unknown client");
		cd_advice(r, "handshake", 0);
		cJSON_AddItemToArray(out, r);
		return;
	}
	if (ch == NULL) {
		r = cd_reply(m, "/meta/subscribe", cl->id, 0,
		    "400::Channel name not specified");
		cJSON_AddItemToArray(out, r);
		return;
	}
	if (strcmp(ch, CD_CHANNEL) != 0 || c->refuse != NULL) {
		if (strcmp(ch, CD_CHANNEL) != 0 || *c->refuse == '\0')
			snprintf(err, sizeof err, "400::The channel you "
			    "requested to subscribe to does not exist {%s}",
			    ch);
		else
			snprintf(err, sizeof err, "%s", c->refuse);
		r = cd_reply(m, "/meta/subscribe", cl->id, 0, err);
		cJSON_AddStringToObject(r, "subscription", ch);
		cJSON_AddItemToArray(out, r);
		return;
	}
	rp = cJSON_GetObjectItem(cJSON_GetObjectItem(m, "ext"), "replay");
	v = cJSON_GetObjectItem(rp, CD_CHANNEL);
	if (cJSON_IsNumber(v))
		want = (long long)v->valuedouble;
	if (want < -2 || (want >= 0 && (want < c->purged ||
	    want > c->next_replay))) {
		snprintf(err, sizeof err, "400::The replayId {%lld} you "
		    "provided was invalid.  Please provide a valid ID, -2 to "
		    "replay all events, or -1 to replay only new events.",
		    want);
		r = cd_reply(m, "/meta/subscribe", cl->id, 0, err);
		cJSON_AddStringToObject(r, "subscription", ch);
		cJSON_AddItemToArray(out, r);
		return;
	}
	cl->subscribed = 1;
	cl->seen = cd_real_ms();
	cl->sub_replay = want;
	cl->pos = want == -1 ? c->next_replay : want == -2 ? c->purged : want;
	r = cd_reply(m, "/meta/subscribe", cl->id, 1, NULL);
	cJSON_AddStringToObject(r, "subscription", ch);
	cJSON_AddItemToArray(out, r);
}

/* Events past the client's position, or 0 if none. */
static size_t
cd_waiting(struct sfcometd *c, const struct cd_client *cl, size_t *first)
{
	size_t	i;

	if (!cl->subscribed)
		return (0);
	for (i = 0; i < c->nev && c->ev[i].replay <= cl->pos; i++)
		;
	*first = i;
	return (c->nev - i);
}

/*
 * A connect: delivers waiting events at once, else holds until one
 * comes, the hold ends, or a switch breaks it.  Returns -1 if the
 * connection is to be dropped without a reply.
 */
static int
cd_connect(struct sfemu *app, const cJSON *m, const char *cid, cJSON *out)
{
	struct sfcometd		*c = app->cometd;
	struct cd_client	*cl;
	struct timespec		 ts;
	long long		 deadline;
	size_t			 first = 0, n, i;
	cJSON			*r, *ev;

	c->connects++;
	if ((cl = cd_client(c, cid)) == NULL) {
		r = cd_reply(m, "/meta/connect", cid, 0, "403::Unknown client");
		cd_advice(r, "handshake", 0);
		cJSON_AddItemToArray(out, r);
		return (0);
	}
	if ((long long)c->ndeliv >= c->max_daily) {
		r = cd_reply(m, "/meta/connect", cid, 0,
		    "403::Organization total events daily limit exceeded");
		cd_advice(r, "none", 0);
		cJSON_AddItemToArray(out, r);
		cl->seen = cd_real_ms();
		return (0);
	}
	cl->held = 1;
	clock_gettime(CLOCK_REALTIME, &ts);
	deadline = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 +
	    c->hold_ms;
	while (!c->stopping && c->brk == 0 &&
	    cd_waiting(c, cl, &first) == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		if ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 >=
		    deadline)
			break;
		ts.tv_sec = deadline / 1000;
		ts.tv_nsec = (deadline % 1000) * 1000000;
		pthread_cond_timedwait(&c->cond, &app->lock, &ts);
		/* The client list may have moved or dropped it meanwhile. */
		if ((cl = cd_client(c, cid)) == NULL)
			break;
	}
	if (cl == NULL) {
		r = cd_reply(m, "/meta/connect", cid, 0, "403::Unknown client");
		cd_advice(r, "handshake", 0);
		cJSON_AddItemToArray(out, r);
		return (0);
	}
	cl->held = 0;
	cl->seen = cd_real_ms();
	if (c->brk > 0) {
		c->brk--;
		c->breaks++;
		return (-1);
	}
	n = cd_waiting(c, cl, &first);
	if (n > 0 && (long long)(c->ndeliv + n) > c->max_daily) {
		r = cd_reply(m, "/meta/connect", cid, 0,
		    "403::Organization total events daily limit exceeded");
		cd_advice(r, "none", 0);
		cJSON_AddItemToArray(out, r);
		return (0);
	}
	for (i = first; i < first + n; i++) {
		ev = cJSON_CreateObject();
		cJSON_AddStringToObject(ev, "channel", CD_CHANNEL);
		cJSON_AddItemToObject(ev, "data", cJSON_Parse(c->ev[i].data));
		cJSON_AddItemToArray(out, ev);
		c->deliv = xreallocarray(c->deliv, c->ndeliv + 1,
		    sizeof *c->deliv);
		c->deliv[c->ndeliv++] = store_now(app->st);
		cl->pos = c->ev[i].replay;
	}
	r = cd_reply(m, "/meta/connect", cid, 1, NULL);
	cd_advice(r, "retry", CD_TIMEOUT_MS);
	cJSON_AddItemToArray(out, r);
	return (0);
}

void
cometd_handle(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	struct sfcometd	*c = app->cometd;
	const char	*v = req->path + strlen(SFEMU_COMETD_PREFIX);
	const cJSON	*m, *ch, *cid;
	char		 userid[SFID_LEN + 1];
	cJSON		*in, *out;
	double		 ver;

	if (c == NULL) {	/* no event log (the fuzz target) */
		resp_error(resp, 404, "NOT_FOUND", "no Streaming API", NULL);
		return;
	}
	ver = strtod(v, NULL);
	if (*v == '\0' || ver <= 0) {
		resp_error(resp, 400, "", "API version in the URI is "
		    "mandatory. URI format: '/cometd/" SFEMU_API_VERSION "'",
		    NULL);
		return;
	}
	if (ver < 37.0) {
		resp_error(resp, 400, "", "Unsupported API version. Only API "
		    "versions '37.0' and later are supported. URI format: "
		    "'/cometd/" SFEMU_API_VERSION "'", NULL);
		return;
	}
	if (strcmp(req->method, "POST") != 0) {
		resp_error(resp, 405, "METHOD_NOT_ALLOWED",
		    "HTTP Method not allowed", NULL);
		return;
	}
	if (oauth_check(app, req, resp, userid) != 0)
		return;
	if (req->bodylen > 32768) {
		resp->status = 413;
		buf_adds(&resp->body, "Maximum Request Size Exceeded");
		return;
	}
	cd_expire(app);
	in = cJSON_ParseWithLength(req->body, req->bodylen);
	if (in != NULL && cJSON_IsObject(in)) {
		out = cJSON_CreateArray();
		cJSON_AddItemToArray(out, in);
		in = out;
	}
	if (!cJSON_IsArray(in)) {
		cJSON_Delete(in);
		resp_error(resp, 400, "", "Bayeux message array expected",
		    NULL);
		return;
	}
	out = cJSON_CreateArray();
	cJSON_ArrayForEach(m, in) {
		ch = cJSON_GetObjectItem(m, "channel");
		cid = cJSON_GetObjectItem(m, "clientId");
		if (!cJSON_IsString(ch))
			continue;
		if (strcmp(ch->valuestring, "/meta/handshake") == 0)
			cd_handshake(app, m, out);
		else if (strcmp(ch->valuestring, "/meta/subscribe") == 0)
			cd_subscribe(app, m, cd_client(c, cJSON_IsString(cid) ?
			    cid->valuestring : NULL), out);
		else if (strcmp(ch->valuestring, "/meta/connect") == 0) {
			if (cd_connect(app, m, cJSON_IsString(cid) ?
			    cid->valuestring : NULL, out) != 0) {
				resp->status = -1;	/* drop */
				break;
			}
		} else if (strcmp(ch->valuestring, "/meta/unsubscribe") == 0 ||
		    strcmp(ch->valuestring, "/meta/disconnect") == 0) {
			struct cd_client *cl = cd_client(c,
			    cJSON_IsString(cid) ? cid->valuestring : NULL);

			if (cl != NULL && ch->valuestring[6] == 'u')
				cl->subscribed = 0;
			else if (cl != NULL) {
				*cl = c->cl[--c->ncl];
				pthread_cond_broadcast(&c->cond);
			}
			cJSON_AddItemToArray(out, cd_reply(m, ch->valuestring,
			    cJSON_IsString(cid) ? cid->valuestring : NULL,
			    cl != NULL, cl != NULL ? NULL :
			    "403::Unknown client"));
		} else
			cJSON_AddItemToArray(out, cd_reply(m, ch->valuestring,
			    NULL, 0, "400::Unknown channel"));
	}
	cJSON_Delete(in);
	if (resp->status == -1) {
		cJSON_Delete(out);
		return;
	}
	resp_json(resp, 200, out);
}

/*
 * The control API's "event": one change event for a Task, as a write by
 * the org's own UI makes (the test drivers write the store directly for
 * what the API cannot change, e.g. TaskSubtype).  0, or -1 if malformed.
 */
static int
cd_ctl_event(struct sfemu *app, const cJSON *ev)
{
	struct cd_pending	 p;
	const cJSON		*id, *ty, *f;
	size_t			 k;

	if (ev == NULL)
		return (0);
	id = cJSON_GetObjectItem(ev, "id");
	ty = cJSON_GetObjectItem(ev, "changeType");
	f = cJSON_GetObjectItem(ev, "changedFields");
	if (!cJSON_IsString(id) || strlen(id->valuestring) > SFID_LEN)
		return (-1);
	for (k = 0; k < CD_NTYPES; k++)
		if (cJSON_IsString(ty) && strcmp(ty->valuestring,
		    cd_types[k]) == 0)
			break;
	if (k == CD_NTYPES || (f != NULL && !cJSON_IsArray(f)))
		return (-1);
	memset(&p, 0, sizeof p);
	p.kind = (int)k;
	snprintf(p.id, sizeof p.id, "%s", id->valuestring);
	p.origin[0] = '\0';	/* a UI change: empty (CDC guide) */
	p.fields = f != NULL ? cJSON_PrintUnformatted(f) : NULL;
	cd_publish(app, &p);
	free(p.fields);
	return (0);
}

void
cometd_ctl(struct sfemu *app, struct sfreq *req, struct sfresp *resp)
{
	struct sfcometd	*c = app->cometd;
	cJSON		*b, *o, *a, *x;
	const cJSON	*j;
	size_t		 i;

	if (c == NULL) {
		resp_error(resp, 404, "NOT_FOUND", "no Streaming API", NULL);
		return;
	}
	if (strcmp(req->method, "POST") == 0 && req->bodylen > 0) {
		if ((b = cJSON_ParseWithLength(req->body, req->bodylen)) ==
		    NULL) {
			resp_error(resp, 400, "", "body is not valid JSON",
			    NULL);
			return;
		}
		j = cJSON_GetObjectItem(b, "refuse");
		if (cJSON_IsString(j) || cJSON_IsBool(j) || cJSON_IsNull(j)) {
			free(c->refuse);
			c->refuse = cJSON_IsString(j) ?
			    xstrdup(j->valuestring) : cJSON_IsTrue(j) ?
			    xstrdup("") : NULL;
		}
		if (cJSON_IsNumber(j = cJSON_GetObjectItem(b, "hold_ms")))
			c->hold_ms = (long)j->valuedouble;
		if (cJSON_IsNumber(j = cJSON_GetObjectItem(b, "break")))
			c->brk = (int)j->valuedouble;
		if (cJSON_IsNumber(j = cJSON_GetObjectItem(b, "max_clients")))
			c->max_clients = (long long)j->valuedouble;
		if (cJSON_IsNumber(j = cJSON_GetObjectItem(b, "max_daily")))
			c->max_daily = (long long)j->valuedouble;
		if (cJSON_IsTrue(cJSON_GetObjectItem(b, "drop")))
			c->ncl = 0;
		if (cd_ctl_event(app, cJSON_GetObjectItem(b, "event")) != 0) {
			cJSON_Delete(b);
			resp_error(resp, 400, "", "event: {\"id\": a Task Id, "
			    "\"changeType\": CREATE, UPDATE, DELETE or "
			    "UNDELETE, \"changedFields\": [names]}", NULL);
			return;
		}
		cJSON_Delete(b);
		pthread_cond_broadcast(&c->cond);
	}
	cd_expire(app);
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "events", (double)c->nev);
	cJSON_AddNumberToObject(o, "last_replay", (double)c->next_replay);
	cJSON_AddNumberToObject(o, "purged", (double)c->purged);
	cJSON_AddNumberToObject(o, "deliveries_24h", (double)c->ndeliv);
	cJSON_AddNumberToObject(o, "handshakes", (double)c->handshakes);
	cJSON_AddNumberToObject(o, "subscribes", (double)c->subscribes);
	cJSON_AddNumberToObject(o, "connects", (double)c->connects);
	cJSON_AddNumberToObject(o, "breaks", (double)c->breaks);
	cJSON_AddNumberToObject(o, "hold_ms", (double)c->hold_ms);
	a = cJSON_AddArrayToObject(o, "clients");
	for (i = 0; i < c->ncl; i++) {
		x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "clientId", c->cl[i].id);
		cJSON_AddBoolToObject(x, "subscribed", c->cl[i].subscribed);
		cJSON_AddNumberToObject(x, "replay", (double)c->cl[i].sub_replay);
		cJSON_AddNumberToObject(x, "pos", (double)c->cl[i].pos);
		cJSON_AddBoolToObject(x, "held", c->cl[i].held);
		cJSON_AddItemToArray(a, x);
	}
	resp_json(resp, 200, o);
}
