/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Allocation that never returns NULL: out of memory is fatal here and
 * nowhere else (as in tmux and htop), so no other module checks malloc.
 */
#ifndef TD_XMALLOC_H
#define TD_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Formats into a new string; caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
