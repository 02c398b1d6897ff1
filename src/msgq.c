/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The queue between the sync thread and its users.  The pipe holds at most
 * one byte per pending burst: a push writes a byte (EAGAIN means the pipe
 * is already full, which is as good), and the pop that empties the queue
 * drains it, both under the mutex, so the fd is readable exactly while
 * messages wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "msgq.h"
#include "xmalloc.h"

struct msgq_item {
	void			*msg;
	struct msgq_item	*next;
};

struct msgq {
	pthread_mutex_t		 lock;
	struct msgq_item	*head, *tail;
	int			 fds[2];
};

struct msgq *
msgq_new(void)
{
	struct msgq	*q;
	int		 i;

	q = xcalloc(1, sizeof *q);
	if (pipe(q->fds) != 0)
		fatal("cannot make a pipe: %s", strerror(errno));
	for (i = 0; i < 2; i++) {
		fcntl(q->fds[i], F_SETFL, fcntl(q->fds[i], F_GETFL) |
		    O_NONBLOCK);
		fcntl(q->fds[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&q->lock, NULL);
	return (q);
}

void
msgq_free(struct msgq *q, void (*freefn)(void *))
{
	void	*m;

	if (q == NULL)
		return;
	while ((m = msgq_pop(q)) != NULL)
		if (freefn != NULL)
			freefn(m);
	close(q->fds[0]);
	close(q->fds[1]);
	pthread_mutex_destroy(&q->lock);
	free(q);
}

void
msgq_push(struct msgq *q, void *msg)
{
	struct msgq_item	*it;
	char			 c = 'm';
	ssize_t			 n;

	it = xcalloc(1, sizeof *it);
	it->msg = msg;
	pthread_mutex_lock(&q->lock);
	if (q->tail != NULL)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	do
		n = write(q->fds[1], &c, 1);
	while (n < 0 && errno == EINTR);
	pthread_mutex_unlock(&q->lock);
}

void *
msgq_pop(struct msgq *q)
{
	struct msgq_item	*it;
	void			*m = NULL;
	char			 drain[64];

	pthread_mutex_lock(&q->lock);
	if ((it = q->head) != NULL) {
		q->head = it->next;
		if (q->head == NULL)
			q->tail = NULL;
		m = it->msg;
		free(it);
	}
	if (q->head == NULL)
		while (read(q->fds[0], drain, sizeof drain) > 0)
			;
	pthread_mutex_unlock(&q->lock);
	return (m);
}

int
msgq_fd(const struct msgq *q)
{
	return (q->fds[0]);
}

int
msgq_wait(struct msgq *q, int64_t timeout_ms)
{
	struct pollfd	pfd;
	int		r;

	pfd.fd = q->fds[0];
	pfd.events = POLLIN;
	do
		r = poll(&pfd, 1, timeout_ms < 0 ? -1 : timeout_ms > 86400000 ?
		    86400000 : (int)timeout_ms);
	while (r < 0 && errno == EINTR);
	return (r > 0);
}
