/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The emulator's HTTP server on libmicrohttpd: one thread per connection
 * on 127.0.0.1, requests collected whole, handled under the context lock,
 * answered with the emulator's Date header.  Faults injected through the
 * control API (latency, dropped connection, truncated body, status,
 * applied-then-dropped) are carried out here.  sfemu_handle() is the
 * router above the handlers; the request and reply they share are in
 * sfemu-reply.h.
 */
#ifndef TD_SFEMU_HTTP_H
#define TD_SFEMU_HTTP_H

struct sfemu;
struct sfhttp;
struct sfreq;
struct sfresp;

/* Routes one request to the module that serves it (lock held). */
void		 sfemu_handle(struct sfemu *, struct sfreq *, struct sfresp *);

/* Starts serving on 127.0.0.1:port (0 = ephemeral).  NULL on error. */
struct sfhttp	*http_start(struct sfemu *, int port, char **cause);
int		 http_port(struct sfhttp *);
void		 http_stop(struct sfhttp *);

#endif
