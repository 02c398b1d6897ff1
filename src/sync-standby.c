/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * One syncer per cache (C11): the processes waiting to take over.  A
 * `sync --watch` waiting for the lock, or a window showing another
 * process as the syncer, holds a shared flock on CACHE.sync-standby while
 * it waits; the holder asks whether anyone does before it asks the rep
 * about unsent changes on quitting (a waiting process takes over within
 * 2 s and sends them).  doc/sync.md, "Service and hand-over".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include "sync.h"
#include "xmalloc.h"

static int	standby_fd = -1;	/* this process's shared lock */

void
sync_standby(const char *cache_path, int on)
{
	char	*p;

	if (!on || standby_fd >= 0) {
		if (!on && standby_fd >= 0) {
			close(standby_fd);
			standby_fd = -1;
		}
		return;
	}
	p = xasprintf("%s.sync-standby", cache_path);
	standby_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(p);
	/* Refused only while a holder looks (an instant): the next call. */
	if (standby_fd >= 0 && flock(standby_fd, LOCK_SH | LOCK_NB) != 0) {
		close(standby_fd);
		standby_fd = -1;
	}
}

int
sync_standby_others(const char *cache_path)
{
	char	*p;
	int	 fd, busy;

	p = xasprintf("%s.sync-standby", cache_path);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	free(p);
	if (fd < 0)
		return (0);
	busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);		/* lets go of the lock if it was taken */
	return (busy);
}
