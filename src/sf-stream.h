/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The Streaming API client (SPEC C12): a thread of its own, owned by the
 * sync engine, that subscribes to Change Data Capture for Task
 * (/data/TaskChangeEvent) by CometD long polling and tells the engine
 * what it saw through a queue with a wake-up fd.  It never touches the
 * cache: the engine pulls on a change, so the merge rules stay in one
 * place, and keeps the replay id once that pull is done.
 */
#ifndef TD_SF_STREAM_H
#define TD_SF_STREAM_H

#include <stdint.h>

struct sf_stream;

enum sf_stream_kind {
	SF_STREAM_CHANGE,	/* events up to replay arrived: pull */
	SF_STREAM_ON,		/* subscribed */
	SF_STREAM_OFF,		/* not subscribed: reason; poll meanwhile */
	SF_STREAM_CATCHUP,	/* the replay id was refused: pull, forget it */
	SF_STREAM_AUTH		/* the token was refused: refresh it */
};

struct sf_stream_msg {
	enum sf_stream_kind	 kind;
	int64_t			 replay;	/* SF_STREAM_CHANGE */
	int			 echo;		/* all of them our own writes */
	char			*reason;	/* SF_STREAM_OFF */
};

/*
 * Starts the client on instance_url with a copy of token, subscribing
 * from replay (-1: new events only).  After a refusal (the org's
 * allocation, CDC not enabled) it tries again in retry_s seconds.
 */
struct sf_stream *sf_stream_start(const char *instance_url,
		    const char *token, int64_t replay, long retry_s);
/*
 * Events whose changeOrigin ends in ";client=ID" (our own writes, sent
 * with Sforce-Call-Options: client=ID) are reported as echoes.
 */
void		 sf_stream_client(struct sf_stream *, const char *id);
/*
 * Stops the client without waiting (its thread ends within about a second
 * and frees it); s is gone on return.  NULL is a no-op.
 */
void		 sf_stream_stop(struct sf_stream *);
/* Readable while messages wait. */
int		 sf_stream_fd(const struct sf_stream *);
/* The next message, or NULL; free it with sf_stream_msg_free. */
struct sf_stream_msg *sf_stream_next(struct sf_stream *);
void		 sf_stream_msg_free(struct sf_stream_msg *);
/* Hands the client a refreshed access token (copied). */
void		 sf_stream_token(struct sf_stream *, const char *token);

#endif
