/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * OAuth 2.0 and identity: /services/oauth2/token (password, refresh_token,
 * device), /services/oauth2/revoke, /services/oauth2/userinfo and the
 * identity URL /id/<org>/<user>; and the bearer-token check that every
 * data API call goes through.
 */
#ifndef TD_SFEMU_OAUTH_H
#define TD_SFEMU_OAUTH_H

#include "sfemu-id.h"

struct sfemu;
struct sfreq;
struct sfresp;

void	oauth_handle(struct sfemu *, struct sfreq *, struct sfresp *);
/*
 * Checks the request's bearer token: 0 with userid filled, or -1 with the
 * 401 answer already in resp.
 */
int	oauth_check(struct sfemu *, struct sfreq *, struct sfresp *,
	    char userid[SFID_LEN + 1]);
/* Issues an access token for userid directly (control API); caller frees. */
char	*oauth_issue(struct sfemu *, const char *userid);

#endif
