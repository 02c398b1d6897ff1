/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Cross-process wake-up of the sync engine (wake.h).  A datagram socket
 * rather than a FIFO: sending never blocks and never waits for a reader,
 * a writer with no syncer running gets ENOENT or ECONNREFUSED at once,
 * and many writers cannot interleave partial messages.  The byte carries
 * no meaning: the engine checks SQLite's data_version before it reads the
 * outbox, so a stray or forged datagram costs it one look at shared
 * memory, nothing more.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "wake.h"

/* Fills *sa with CACHE.sync-wake: 0, or -1 if the path is too long. */
static int
wake_addr(const char *cache_path, struct sockaddr_un *sa)
{
	int	n;

	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	n = snprintf(sa->sun_path, sizeof sa->sun_path, "%s.sync-wake",
	    cache_path);
	return (n < 0 || (size_t)n >= sizeof sa->sun_path ? -1 : 0);
}

int
wake_listen(const char *cache_path)
{
	struct sockaddr_un	sa;
	int			fd;

	if (wake_addr(cache_path, &sa) != 0)
		return (-1);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return (-1);
	/*
	 * Ours to replace: the caller holds the sync lock.  Only the owner
	 * may send (sending needs write permission on the socket); umask is
	 * left alone, it is the whole process's.
	 */
	(void)unlink(sa.sun_path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return (-1);
	}
	(void)chmod(sa.sun_path, 0600);
	return (fd);
}

void
wake_close(int fd, const char *cache_path)
{
	struct sockaddr_un	sa;

	if (fd < 0)
		return;
	close(fd);
	if (wake_addr(cache_path, &sa) == 0)
		(void)unlink(sa.sun_path);
}

int
wake_drain(int fd, int *now)
{
	char	buf[64];
	ssize_t	r;
	int	n = 0;

	if (now != NULL)
		*now = 0;
	if (fd < 0)
		return (0);
	while ((r = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) >= 0) {
		if (r > 0 && buf[0] == WAKE_NOW && now != NULL)
			*now = 1;
		n++;
	}
	return (n);
}

/* Sends the byte c to the syncer: 0, or -1 if nobody listens. */
static int
wake_byte(const char *cache_path, char c)
{
	struct sockaddr_un	sa;
	int			fd, saved = errno, rc;

	if (wake_addr(cache_path, &sa) != 0)
		return (-1);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return (-1);
	/* No syncer (ENOENT, ECONNREFUSED) or a full queue: nothing to do. */
	rc = sendto(fd, &c, 1, MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&sa, sizeof sa) == 1 ? 0 : -1;
	close(fd);
	errno = saved;
	return (rc);
}

void
wake_send(const char *cache_path)
{
	(void)wake_byte(cache_path, 'w');
}

int
wake_send_now(const char *cache_path)
{
	return (wake_byte(cache_path, WAKE_NOW));
}
