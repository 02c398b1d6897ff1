/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The engine's side of near-real-time pull (SPEC C12): it starts the
 * Streaming API client (sf-stream.c) while sync and sync.streaming are on
 * and the rep is logged in, turns what the client reports into cycles and
 * status, and keeps the replay id in the cache.
 *
 * A change event only asks for the normal cycle (one query when idle), so
 * the merge rules stay in sync-pull.c.  The replay id of the newest event
 * seen before a cycle began is stored when that cycle succeeded: after a
 * crash the client resubscribes from it and at worst pulls once more.  A
 * refused replay id (past retention) forgets the stored one; the cycle it
 * triggers is the catch-up, from the pull cursor.  While subscribed the
 * poll becomes the safety poll (sync.safety_poll, 15 min); while not, the
 * adaptive poll of C10 runs as before and the status says why streaming
 * is off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "i18n.h"
#include "log.h"
#include "sf-auth.h"
#include "sf-rest.h"
#include "sf-stream.h"
#include "store-sync.h"
#include "sync-engine.h"
#include "xmalloc.h"

/* A refusal in the rep's words; the server's own is in the log. */
static const char *
engine_stream_why(const char *error)
{
	if (error == NULL)
		return (NULL);
	/*
	 * TRANSLATORS: why streaming is off, in "off (...)" after
	 * "streaming" on the UI's status line and in `taskdeck status`;
	 * Change Data Capture is Salesforce's name.
	 */
	if (strstr(error, "does not exist") != NULL)
		return (_("Change Data Capture is not enabled for Task"));
	if (strstr(error, "concurrent user limit") != NULL)
		/* TRANSLATORS: why streaming is off. */
		return (_("the org's streaming client allocation is reached"));
	if (strstr(error, "events daily limit") != NULL)
		/* TRANSLATORS: why streaming is off. */
		return (_("the org's daily event allocation is reached"));
	return (error);
}

/* Sets the streaming part of the status ("on", "off (why)", ""). */
static void
engine_stream_show(struct engine *e, const char *state, const char *why)
{
	char	buf[sizeof e->st.stream];

	if (why != NULL)
		snprintf(buf, sizeof buf, "%s (%s)", state, why);
	else
		snprintf(buf, sizeof buf, "%s", state);
	if (strcmp(buf, e->st.stream) == 0)
		return;
	memcpy(e->st.stream, buf, sizeof buf);
	engine_status(e);
}

void
engine_stream_stop(struct engine *e)
{
	sf_stream_stop(e->stream);
	e->stream = NULL;
	e->stream_on = 0;
}

void
engine_stream_update(struct engine *e)
{
	const char	*tok = e->rest->cred.access_token;
	const char	*inst = e->rest->cred.instance_url;
	const char	*env;
	long		 retry = 1800;

	if (e->events == NULL)		/* sync --once: no stream */
		return;
	if (!config_bool(e->cfg, "sync.enabled") || tok == NULL ||
	    inst == NULL || e->st.state == SYNC_LOGIN_NEEDED) {
		engine_stream_stop(e);
		if (e->st.stream[0] != '\0')
			engine_stream_show(e, "", NULL);
		return;
	}
	/* TASKDECK_STREAMING=0/1 overrides sync.streaming (stress rounds). */
	env = getenv("TASKDECK_STREAMING");
	if (env != NULL && *env != '\0' ? strcmp(env, "0") == 0 :
	    !config_bool(e->cfg, "sync.streaming")) {
		engine_stream_stop(e);
		/* TRANSLATORS: why streaming is off; sync.streaming is a
		 * setting, false its value. */
		engine_stream_show(e, "off", _("sync.streaming is false"));
		return;
	}
	if (e->stream != NULL) {
		sf_stream_token(e->stream, tok);
		return;
	}
	if ((env = getenv("TASKDECK_STREAM_RETRY")) != NULL && atol(env) > 0)
		retry = atol(env);
	e->stream_seen = -1;
	e->stream = sf_stream_start(inst, tok,
	    ss_state_int(e->ss, "sync.replay", -1), retry);
	if (e->stream != NULL && e->stream_client[0] != '\0')
		sf_stream_client(e->stream, e->stream_client);
	if (e->stream == NULL)
		/* TRANSLATORS: why streaming is off. */
		engine_stream_show(e, "off", _("cannot start the stream "
		    "thread"));
	else if (e->st.stream[0] == '\0')
		/* TRANSLATORS: streaming is off (connecting): it starts. */
		engine_stream_show(e, "off", _("connecting"));
}

int
engine_stream_fd(struct engine *e)
{
	return (e->stream != NULL ? sf_stream_fd(e->stream) : -1);
}

/* Brings the next poll forward to at most the interval key says. */
static void
engine_stream_next(struct engine *e, const char *key)
{
	int64_t	at = now_ms() + config_long(e->cfg, key) * 1000;

	if (e->next_poll_ms > at)
		e->next_poll_ms = at;
}

int
engine_stream_take(struct engine *e)
{
	struct sf_stream_msg	*m;
	char			*cause = NULL;
	int			 due = 0;

	if (e->stream == NULL)
		return (0);
	while ((m = sf_stream_next(e->stream)) != NULL) {
		log_debug("stream: message %d replay %lld%s (state %s)",
		    (int)m->kind, (long long)m->replay, m->echo ? " echo" : "",
		    sync_state_name(e->st.state));
		switch (m->kind) {
		case SF_STREAM_CHANGE:
			if (m->replay > e->stream_seen)
				e->stream_seen = m->replay;
			/* Our own pushes coming back cost no pull. */
			if (!m->echo)
				due = 1;
			break;
		case SF_STREAM_ON:
			e->stream_on = 1;
			engine_stream_show(e, "on", NULL);
			engine_stream_next(e, "sync.safety_poll");
			break;
		case SF_STREAM_OFF:
			e->stream_on = 0;
			engine_stream_show(e, "off",
			    engine_stream_why(m->reason));
			/* Back to the poll (C10) until the stream returns. */
			engine_stream_next(e, "sync.poll_interval");
			break;
		case SF_STREAM_CATCHUP:
			e->stream_seen = -1;
			if (ss_begin(e->ss, &cause) == 0) {
				ss_state_set(e->ss, "sync.replay", NULL,
				    &cause);
				ss_commit(e->ss, &cause);
			}
			free(cause);
			cause = NULL;
			due = 1;
			break;
		case SF_STREAM_AUTH:
			e->stream_on = 0;
			engine_stream_show(e, "off", m->reason);
			/*
			 * The access token expired: one refresh (an OAuth
			 * call, not an API call) and the new token goes to
			 * the stream.  Refused, the cycle says login needed.
			 */
			if (e->rest->cred.refresh_token == NULL ||
			    sf_auth_refresh(e->rest->http, &e->rest->cred,
			    e->rest->cred_path, &cause) != SF_OK)
				due = 1;
			else if (e->stream != NULL &&
			    e->rest->cred.access_token != NULL)
				sf_stream_token(e->stream,
				    e->rest->cred.access_token);
			free(cause);
			cause = NULL;
			break;
		}
		sf_stream_msg_free(m);
	}
	return (due);
}

void
engine_stream_done(struct engine *e, int64_t covered)
{
	char	*cause = NULL;

	if (covered < 0 || covered <= ss_state_int(e->ss, "sync.replay", -1))
		return;
	if (ss_begin(e->ss, &cause) == 0) {
		ss_state_set_int(e->ss, "sync.replay", covered, &cause);
		ss_commit(e->ss, &cause);
	}
	if (cause != NULL)
		log_warn("stream: %s", cause);
	free(cause);
}

long
engine_stream_poll(struct engine *e, long poll, long base)
{
	long	safety;

	if (!e->stream_on)
		return (poll);
	safety = config_long(e->cfg, "sync.safety_poll");
	/* An API budget that stretched the poll past the safety poll wins. */
	return (poll > base && poll > safety ? poll : safety);
}
