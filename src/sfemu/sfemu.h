/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The emulator's shared context, handed to every module: the store, the
 * lock that serialises all state, the address it serves and the settings
 * from the command line.  Each module keeps its own state behind an
 * opaque pointer here.
 */
#ifndef TD_SFEMU_H
#define TD_SFEMU_H

#include <pthread.h>

struct sfstore;
struct sfctl;
struct sfrest;
struct sfcometd;

#define SFEMU_API_VERSION	"59.0"	/* the oldest version served */

struct sfemu {
	struct sfstore	*st;
	pthread_mutex_t	 lock;		/* held while a request runs */
	int		 port;
	char		 base[64];	/* http://127.0.0.1:PORT */
	long long	 token_ttl;	/* seconds */
	long long	 api_limit;	/* the --api-limit default */
	struct sfctl	*ctl;
	struct sfrest	*rest;
	struct sfcometd	*cometd;	/* sfemu-cometd.c */
};

#endif
