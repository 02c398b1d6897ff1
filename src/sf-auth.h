/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Salesforce accounts (SPEC A1-A4): the OAuth 2.0 device flow, refresh
 * with rotation, and the credentials file.  The file has mode 0600 from its
 * creation (written to a temporary file and renamed), holds the refresh
 * token, and is never copied into the cache or a log.  SF_ACCESS_TOKEN and
 * SF_INSTANCE_URL in the environment take precedence (A4).
 */
#ifndef TD_SF_AUTH_H
#define TD_SF_AUTH_H

#include "sf-http.h"

struct sf_cred {
	char	*access_token;
	char	*refresh_token;
	char	*instance_url;
	char	*login_url;
	char	*client_id;
	char	*user_id;
	int	 from_env;	/* A4: no refresh possible */
};

void	 sf_cred_init(struct sf_cred *);
void	 sf_cred_release(struct sf_cred *);
/*
 * Loads credentials: the environment if SF_ACCESS_TOKEN is set, otherwise
 * the file.  0, or -1 with *cause ("not logged in" if there are none).
 * A URL that fails the A2 rules is refused.
 */
int	 sf_cred_load(struct sf_cred *, const char *path, char **cause);
/* Saves atomically with mode 0600: 0 or -1 with *cause. */
int	 sf_cred_save(const struct sf_cred *, const char *path,
	    char **cause);

/*
 * Refreshes the access token, saving a rotated refresh token at once (A1).
 * SF_EAUTH if the refresh is refused (log in again).
 */
enum sf_err sf_auth_refresh(struct sf_http *, struct sf_cred *,
	    const char *path, char **cause);

/* Shows the device-flow URL and code to the user. */
typedef void (*sf_auth_show_fn)(const char *uri, const char *code, void *);
/*
 * Runs the device flow against login_url: shows the URL and code, polls at
 * the interval the server asks for (slowing down when told), and on
 * approval fills *cred (instance checked, A2) and saves it.  A handle
 * cancelled from another thread (sf_http_cancel_on) ends it within about
 * a second with SF_EAUTH, "login cancelled".
 */
enum sf_err sf_auth_device_login(struct sf_http *, const char *login_url,
	    const char *client_id, const char *path, sf_auth_show_fn,
	    void *arg, struct sf_cred *cred, char **cause);
/* Fills cred->user_id from the userinfo endpoint if it is unknown. */
enum sf_err sf_auth_whoami(struct sf_http *, struct sf_cred *, char **cause);

#endif
