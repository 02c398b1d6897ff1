/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The data API under /services/data/: versions, resources, /limits, the
 * Task sObject rows, upsert by external Id, get updated / get deleted,
 * query and queryAll with cursors, and composite sObject collections;
 * plus the daily API allocation that every call counts against.
 */
#ifndef TD_SFEMU_REST_H
#define TD_SFEMU_REST_H

struct sfemu;
struct sfreq;
struct sfresp;

struct sfrest	*rest_new(void);
void		 rest_free(struct sfrest *);
void		 rest_handle(struct sfemu *, struct sfreq *, struct sfresp *);
/* Sets the daily limit and/or usage (< 0 leaves one unchanged). */
void		 rest_limits_set(struct sfemu *, long long limit,
		     long long usage);
/* Reads the daily limit and the usage of the last 24 hours. */
void		 rest_limits_get(struct sfemu *, long long *limit,
		     long long *usage);
/* Drops every query cursor (reset). */
void		 rest_reset(struct sfemu *);

#endif
