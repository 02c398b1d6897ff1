/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu: a Salesforce REST API emulator on loopback for taskdeck's tests,
 * benchmarks and demo.  main() parses the options, opens the store, seeds
 * it, starts the HTTP server (and in demo mode a colleague who changes
 * tasks every 20-40 s), then waits for SIGTERM or SIGINT and shuts down
 * cleanly.  Behaviour and differences from Salesforce: doc/sfemu.md.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "sfemu-cometd.h"
#include "sfemu-ctl.h"
#include "sfemu-http.h"
#include "sfemu-oauth.h"
#include "sfemu-rest.h"
#include "sfemu-store.h"
#include "sfemu-util.h"
#include "sfemu.h"
#include "xmalloc.h"

#ifndef TD_DATADIR
#define TD_DATADIR	"/usr/local/share/taskdeck"
#endif
#ifndef TD_SRCDIR
#define TD_SRCDIR	"."
#endif

struct demo {
	struct sfemu	*app;
	pthread_mutex_t	 mtx;
	pthread_cond_t	 cond;
	int		 quit;
};

/* The demo colleague: one change every 20 to 40 seconds. */
static void *
sfemu_demo(void *arg)
{
	struct demo	*d = arg;
	struct timespec	 ts;
	unsigned int	 seed = (unsigned int)util_real_ms();

	pthread_mutex_lock(&d->mtx);
	while (!d->quit) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 20 + (time_t)(rand_r(&seed) % 21);
		while (!d->quit && pthread_cond_timedwait(&d->cond, &d->mtx,
		    &ts) != ETIMEDOUT)
			;
		if (d->quit)
			break;
		pthread_mutex_lock(&d->app->lock);
		ctl_demo_step(d->app);
		pthread_mutex_unlock(&d->app->lock);
		log_info("demo: a colleague changed a task");
	}
	pthread_mutex_unlock(&d->mtx);
	return (NULL);
}

/* Prints usage and exits. */
static void __attribute__((noreturn))
sfemu_usage(int code)
{
	fprintf(code ? stderr : stdout,
	    "usage: sfemu [--port N] [--print-port] [--db FILE] "
	    "[--seed FILE.json]\n"
	    "             [--demo] [--token-ttl SECONDS] [--api-limit N] "
	    "[--log FILE]\n");
	exit(code);
}

/* The demo seed: installed data dir first, then the source tree. */
static char *
sfemu_demo_seed(void)
{
	char	*p;

	p = xasprintf("%s/demo-seed.json", TD_DATADIR);
	if (access(p, R_OK) == 0)
		return (p);
	free(p);
	return (xasprintf("%s/data/demo-seed.json", TD_SRCDIR));
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "print-port", no_argument, NULL, 'P' },
		{ "db", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "demo", no_argument, NULL, 'D' },
		{ "token-ttl", required_argument, NULL, 't' },
		{ "api-limit", required_argument, NULL, 'l' },
		{ "log", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sfemu	 app;
	struct sfhttp	*http;
	struct demo	 demo;
	pthread_t	 demo_thread;
	sigset_t	 set;
	const char	*db = NULL, *seed = NULL, *logpath = NULL;
	char		*cause = NULL, *demo_path = NULL, *end;
	int		 c, port = 8383, print_port = 0, demo_on = 0, sig;

	memset(&app, 0, sizeof app);
	app.token_ttl = 7200;
	app.api_limit = 15000;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			port = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || port < 0 || port > 65535)
				sfemu_usage(2);
			break;
		case 'P':
			print_port = 1;
			break;
		case 'd':
			db = optarg;
			break;
		case 's':
			seed = optarg;
			break;
		case 'D':
			demo_on = 1;
			break;
		case 't':
			app.token_ttl = strtoll(optarg, &end, 10);
			if (*end != '\0' || app.token_ttl <= 0)
				sfemu_usage(2);
			break;
		case 'l':
			app.api_limit = strtoll(optarg, &end, 10);
			if (*end != '\0' || app.api_limit < 0)
				sfemu_usage(2);
			break;
		case 'L':
			logpath = optarg;
			break;
		case 'h':
			sfemu_usage(0);
		default:
			sfemu_usage(2);
		}
	}
	if (optind != argc)
		sfemu_usage(2);
	if (logpath != NULL && log_open(logpath) != 0) {
		fprintf(stderr, "sfemu: cannot open log %s\n", logpath);
		return (1);
	}

	/* Signals are taken by sigwait() below, never by another thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	pthread_mutex_init(&app.lock, NULL);
	if ((app.st = store_open(db, &cause)) == NULL) {
		fprintf(stderr, "sfemu: %s\n", cause);
		free(cause);
		return (1);
	}
	app.ctl = ctl_new();
	app.rest = rest_new();
	cometd_init(&app);
	if (seed != NULL && ctl_seed_file(&app, seed, &cause) != 0)
		goto fail;
	if (demo_on && store_user_nth(app.st, 0, (char [SFID_LEN + 1]){ 0 })
	    != 0) {
		demo_path = sfemu_demo_seed();
		if (ctl_seed_file(&app, demo_path, &cause) != 0)
			goto fail;
	}
	if ((http = http_start(&app, port, &cause)) == NULL)
		goto fail;
	snprintf(app.base, sizeof app.base, "http://127.0.0.1:%d", app.port);
	log_info("sfemu listening on %s", app.base);
	if (print_port) {
		printf("%d\n", app.port);
		fflush(stdout);
	} else
		fprintf(stderr, "sfemu: listening on %s\n", app.base);

	memset(&demo, 0, sizeof demo);
	demo.app = &app;
	pthread_mutex_init(&demo.mtx, NULL);
	pthread_cond_init(&demo.cond, NULL);
	if (demo_on)
		pthread_create(&demo_thread, NULL, sfemu_demo, &demo);

	while (sigwait(&set, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
		;
	log_info("sfemu: signal %d, shutting down", sig);

	if (demo_on) {
		pthread_mutex_lock(&demo.mtx);
		demo.quit = 1;
		pthread_cond_signal(&demo.cond);
		pthread_mutex_unlock(&demo.mtx);
		pthread_join(demo_thread, NULL);
	}
	pthread_mutex_destroy(&demo.mtx);
	pthread_cond_destroy(&demo.cond);
	cometd_stop(&app);
	http_stop(http);
	cometd_free(&app);
	rest_free(app.rest);
	ctl_free(app.ctl);
	store_free(app.st);
	pthread_mutex_destroy(&app.lock);
	free(demo_path);
	log_close();
	return (0);

fail:
	fprintf(stderr, "sfemu: %s\n", cause);
	free(cause);
	free(demo_path);
	cometd_free(&app);
	rest_free(app.rest);
	ctl_free(app.ctl);
	store_free(app.st);
	return (1);
}
