/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A growable byte buffer, always NUL-terminated (git's strbuf in small).
 * Embedded: buf_init / buf_release.
 */
#ifndef TD_BUF_H
#define TD_BUF_H

#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated; never NULL after buf_init */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t extra);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (who frees it) and resets the buffer. */
char	*buf_detach(struct buf *);

#endif
