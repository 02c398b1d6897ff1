/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The login action of the settings screen (SPEC A1, U6).  The device flow
 * waits minutes for the rep to approve it in a browser, so it runs on its
 * own thread; the UI thread never waits on the network.  The thread talks
 * to the screen through a message queue whose pipe sits in the UI's poll
 * set: first the URL and code to show, then the outcome.  Cancelling sets
 * a flag that the device flow's naps and libcurl's progress callback read,
 * so the thread ends within about a second and is joined, never
 * cancelled (STYLE).  The tokens stay on the thread: sf_auth_device_login
 * saves them to the credentials file, and the UI hears only the instance.
 * After the approval the thread also reads the org's clock offset and
 * picklist values into the cache (sync_org_learn: network, so here).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define TD_UI_INTERNAL
#include "i18n.h"
#include "msgq.h"
#include "paths.h"
#include "sf-auth.h"
#include "sync-org.h"
#include "ui.h"
#include "xmalloc.h"

struct ui_login {
	pthread_t	 thread;
	struct msgq	*events;	/* struct ui_login_ev, to the UI */
	int		 cancel;	/* atomic: the UI asks to stop */
	char		*login_url;
	char		*client_id;
	char		*path;		/* the credentials file */
	char		*cache_path;
};

static void	 ui_login_show(const char *, const char *, void *);

/* The thread: runs the device flow and reports its outcome. */
static void *
ui_login_main(void *arg)
{
	struct ui_login		*l = arg;
	struct ui_login_ev	*ev;
	struct sf_http		*h;
	struct sf_cred		 cred;
	enum sf_err		 err;
	char			*cause = NULL;

	h = sf_http_new();
	sf_http_cancel_on(h, &l->cancel);
	sf_cred_init(&cred);
	err = sf_auth_device_login(h, l->login_url, l->client_id, l->path,
	    ui_login_show, l, &cred, &cause);
	sf_http_free(h);
	ev = xcalloc(1, sizeof *ev);
	ev->done = 1;
	/* The org's clock offset and picklists, as `taskdeck login` learns. */
	if (err == SF_OK && sync_org_learn(l->cache_path, l->path,
	    &l->cancel, &cause) != 0) {
		ev->warning = xasprintf(_("cannot read the org's status and "
		    "priority values: %s"), cause);
		free(cause);
		cause = NULL;
	}
	if (err == SF_OK)
		ev->instance_url = xstrdup(cred.instance_url);
	else
		ev->cause = cause != NULL ? cause : xstrdup(_("login failed"));
	sf_cred_release(&cred);
	msgq_push(l->events, ev);
	return (NULL);
}

/* sf_auth_device_login's show callback, on the login thread. */
static void
ui_login_show(const char *uri, const char *code, void *arg)
{
	struct ui_login		*l = arg;
	struct ui_login_ev	*ev;

	ev = xcalloc(1, sizeof *ev);
	ev->uri = xstrdup(uri);
	ev->code = xstrdup(code);
	msgq_push(l->events, ev);
}

struct ui_login *
ui_login_start(const char *login_url, const char *client_id,
    const char *cache_path, char **cause)
{
	struct ui_login	*l;

	if (client_id == NULL || *client_id == '\0') {
		/* TRANSLATORS: "Company app key" is the settings label of
		   sf.client_id: use the same words as there. */
		*cause = xstrdup(_("no company app key yet: ask your "
		    "Salesforce admin for the consumer key of the connected "
		    "app for taskdeck and enter it as Company app key "
		    "(sf.client_id)"));
		return (NULL);
	}
	if (sf_http_url_ok(login_url, cause) != 0)
		return (NULL);
	sf_http_global_init();	/* here, before the thread: not thread-safe */
	l = xcalloc(1, sizeof *l);
	l->events = msgq_new();
	l->login_url = xstrdup(login_url);
	l->client_id = xstrdup(client_id);
	l->path = paths_credentials();
	l->cache_path = xstrdup(cache_path);
	if (pthread_create(&l->thread, NULL, ui_login_main, l) != 0) {
		*cause = xstrdup(_("cannot start the login thread"));
		msgq_free(l->events, NULL);
		free(l->login_url);
		free(l->client_id);
		free(l->path);
		free(l->cache_path);
		free(l);
		return (NULL);
	}
	return (l);
}

int
ui_login_fd(const struct ui_login *l)
{
	return (msgq_fd(l->events));
}

struct ui_login_ev *
ui_login_next(struct ui_login *l)
{
	return (msgq_pop(l->events));
}

void
ui_login_ev_free(struct ui_login_ev *ev)
{
	if (ev == NULL)
		return;
	free(ev->uri);
	free(ev->code);
	free(ev->cause);
	free(ev->instance_url);
	free(ev->warning);
	free(ev);
}

void
ui_login_end(struct ui_login *l)
{
	if (l == NULL)
		return;
	__atomic_store_n(&l->cancel, 1, __ATOMIC_RELEASE);
	pthread_join(l->thread, NULL);
	msgq_free(l->events, (void (*)(void *))ui_login_ev_free);
	free(l->login_url);
	free(l->client_id);
	free(l->path);
	free(l->cache_path);
	free(l);
}
