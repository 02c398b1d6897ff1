/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Crash points (crashpoint.h): the tests of "crash at every durable step"
 * (tests/stress/crash-steps.py) run `taskdeck sync --once` with
 * TASKDECK_CRASH_AT=1, 2, ... and restart it each time without the
 * variable.  The steps are counted in two places only: a commit hook on
 * every cache connection (store.c, store-sync.c) and the request path of
 * sf-http.c.  Compiled in always, so the binaries tested are the ones
 * shipped; unset, the cost is one getenv per process.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "crashpoint.h"

static pthread_once_t	crash_once = PTHREAD_ONCE_INIT;
static long		crash_at;	/* 0: off */
static long		crash_steps;

static void
crash_init(void)
{
	const char	*s = getenv("TASKDECK_CRASH_AT");

	if (s != NULL)
		crash_at = strtol(s, NULL, 10);
	if (crash_at < 0)
		crash_at = 0;
}

int
crash_point_armed(void)
{
	pthread_once(&crash_once, crash_init);
	return (crash_at > 0);
}

void
crash_point(void)
{
	if (!crash_point_armed())
		return;
	if (__atomic_add_fetch(&crash_steps, 1, __ATOMIC_SEQ_CST) == crash_at)
		kill(getpid(), SIGKILL);
}
