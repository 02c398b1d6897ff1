/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A thread-safe FIFO of owned messages with a non-blocking wake-up pipe:
 * msgq_fd() is readable while messages wait, so a loop can poll() it beside
 * other descriptors (Redis bio.c).  Messages are opaque pointers; the
 * receiver owns what it pops.
 */
#ifndef TD_MSGQ_H
#define TD_MSGQ_H

#include <stdint.h>

struct msgq;

/* A new empty queue; dies if no pipe can be made. */
struct msgq	*msgq_new(void);
/* Frees the queue and, with freefn, every message left in it. */
void		 msgq_free(struct msgq *, void (*freefn)(void *));
/* Appends msg (ownership passes to the queue). */
void		 msgq_push(struct msgq *, void *msg);
/* The oldest message (caller owns it), or NULL; never blocks. */
void		*msgq_pop(struct msgq *);
/* Readable while messages wait. */
int		 msgq_fd(const struct msgq *);
/* Waits up to timeout_ms (< 0: forever) for a message: 1 if one waits. */
int		 msgq_wait(struct msgq *, int64_t timeout_ms);

#endif
