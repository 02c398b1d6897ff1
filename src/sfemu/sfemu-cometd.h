/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The Streaming API as Change Data Capture serves it for Task: CometD
 * (Bayeux) long polling under /cometd/XX.X, the /data/TaskChangeEvent
 * channel with durable replay, and the control switches the tests use
 * (/__sfemu/cometd).  doc/sfemu.md, "Streaming".
 */
#ifndef TD_SFEMU_COMETD_H
#define TD_SFEMU_COMETD_H

struct sfemu;
struct sfreq;
struct sfresp;

#define SFEMU_COMETD_PREFIX	"/cometd/"
#define SFEMU_COMETD_CTL	"/__sfemu/cometd"

/* Sets up the event log and hooks it to the store's task writes. */
void	cometd_init(struct sfemu *);
/* Releases held connects at once (before the HTTP server stops). */
void	cometd_stop(struct sfemu *);
void	cometd_free(struct sfemu *);
/*
 * Notes the client a request names in Sforce-Call-Options (client=ID),
 * or none: the changeOrigin of the change events it makes (lock held).
 */
void	cometd_origin(struct sfemu *, const char *call_options);
/* Serves one Bayeux request (lock held; a connect may wait on it). */
void	cometd_handle(struct sfemu *, struct sfreq *, struct sfresp *);
/* GET/POST /__sfemu/cometd: the switches and the state (lock held). */
void	cometd_ctl(struct sfemu *, struct sfreq *, struct sfresp *);

#endif
