/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Crash points, a test hook for durability: with TASKDECK_CRASH_AT=n in
 * the environment the process kills itself with SIGKILL just before its
 * n-th durable step (a commit of the cache, an HTTP request leaving).
 * Without the variable nothing happens.  doc/sync.md explains its use.
 */
#ifndef TD_CRASHPOINT_H
#define TD_CRASHPOINT_H

/* 1 if TASKDECK_CRASH_AT is set (read once per process). */
int	crash_point_armed(void);

/* Counts one durable step; raises SIGKILL if it is the n-th. */
void	crash_point(void);

#endif
