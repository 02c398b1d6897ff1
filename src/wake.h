/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The wake-up a writer sends the syncing process after it committed a
 * change to the cache (doc/sync.md, "Wake-up"): a one-byte datagram on a
 * unix socket next to the cache, CACHE.sync-wake, bound by the process
 * that holds the sync lock.  Best effort both ways: a wake-up that is
 * lost, or a cache path too long for a socket address, only leaves the
 * engine's once-a-second look to find the change.
 */
#ifndef TD_WAKE_H
#define TD_WAKE_H

/*
 * Binds CACHE.sync-wake (mode 0600), replacing a socket a crashed syncer
 * left; call it only while holding the sync lock.  The descriptor is
 * non-blocking and readable while wake-ups wait; -1 if none could be made.
 */
int	wake_listen(const char *cache_path);
/* Closes fd and removes the socket (fd < 0: nothing). */
void	wake_close(int fd, const char *cache_path);
/*
 * Reads every waiting wake-up: how many there were.  *now (if not NULL)
 * is set to 1 if one of them was a "sync now" request (wake_send_now).
 */
int	wake_drain(int fd, int *now);
/* Sends a wake-up to the syncing process of cache_path, if there is one. */
void	wake_send(const char *cache_path);
/*
 * Asks the syncing process of cache_path for a cycle now (`r` in a UI that
 * does not sync itself, C11): the byte WAKE_NOW.  0 if it was sent, -1 if
 * no process listens.
 */
#define WAKE_NOW	'n'
int	wake_send_now(const char *cache_path);

#endif
