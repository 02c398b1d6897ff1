/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Throughput of sfemu: requests per second for a 200-record query page and
 * for a single-record PATCH, each with 8 concurrent clients on keep-alive
 * connections, against 2,000 seeded tasks.  Run by make bench-sfemu;
 * BENCH_SECONDS sets the length of each phase (default 3).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../sfemu/emu.h"

#define CLIENTS	8

static struct emu	 E;
static char		*tok;
static double		 secs = 3;
static char		*ids[CLIENTS];
static char		*query_url;

struct worker {
	int	 n;		/* client number */
	int	 patch;		/* phase: 0 query, 1 PATCH */
	long	 done;
	long	 errors;
};

/* Discards a response body. */
static size_t
bench_sink(char *p, size_t sz, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return (sz * n);
}

/* Seconds on the monotonic clock. */
static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + ts.tv_nsec / 1e9);
}

/* One client: the same request over one connection until time is up. */
static void *
bench_worker(void *arg)
{
	struct worker		*w = arg;
	struct curl_slist	*h = NULL;
	CURL			*c;
	char			*auth, *url;
	double			 end;
	long			 status;

	if (asprintf(&auth, "Authorization: Bearer %s", tok) < 0)
		abort();
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	c = curl_easy_init();
	if (w->patch) {
		if (asprintf(&url, "%s/services/data/v59.0/sobjects/Task/%s",
		    E.base, ids[w->n]) < 0)
			abort();
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PATCH");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS,
		    "{\"Subject\":\"bench edit\",\"Priority\":\"High\"}");
	} else
		url = strdup(query_url);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bench_sink);
	end = bench_now() + secs;
	while (bench_now() < end) {
		if (curl_easy_perform(c) != CURLE_OK) {
			w->errors++;
			continue;
		}
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		if (status == 200 || status == 204)
			w->done++;
		else
			w->errors++;
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	free(auth);
	free(url);
	return (NULL);
}

/* Runs one phase and prints its rate. */
static double
bench_phase(int patch, const char *what)
{
	pthread_t	th[CLIENTS];
	struct worker	w[CLIENTS];
	long		done = 0, errors = 0;
	double		t0, el;
	int		i;

	t0 = bench_now();
	for (i = 0; i < CLIENTS; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].n = i;
		w[i].patch = patch;
		pthread_create(&th[i], NULL, bench_worker, &w[i]);
	}
	for (i = 0; i < CLIENTS; i++) {
		pthread_join(th[i], NULL);
		done += w[i].done;
		errors += w[i].errors;
	}
	el = bench_now() - t0;
	printf("%-40s %8.0f requests/s  (%ld in %.1f s, %ld errors)\n", what,
	    done / el, done, el, errors);
	return (done / el);
}

int
main(void)
{
	const char	*s;
	struct res	*r;
	char		*seed, *p, *q;
	int		 i;

	if ((s = getenv("BENCH_SECONDS")) != NULL)
		secs = atof(s);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	emu_start(&E, NULL);
	seed = malloc(2000 * 160 + 512);
	p = seed;
	p += sprintf(p, "{\"users\":[{\"key\":\"rep\",\"Name\":\"Bench Rep\","
	    "\"Username\":\"bench@t.example\",\"Password\":\"pw\"}],"
	    "\"accounts\":[{\"key\":\"acme\",\"Name\":\"Acme GmbH\"}],"
	    "\"contacts\":[{\"key\":\"ana\",\"FirstName\":\"Ana\","
	    "\"LastName\":\"Souza\"}],\"tasks\":[");
	for (i = 0; i < 2000; i++)
		p += sprintf(p, "%s{\"Subject\":\"Bench task %d\","
		    "\"Who\":\"ana\","
		    "\"What\":\"acme\",\"ActivityDate\":%d,\"Description\":"
		    "\"A short description of the reminder\"}", i ? "," : "", i,
		    i % 30);
	sprintf(p, "]}");
	r = emu_ctl(&E, "POST", "seed", seed);
	res_free(r);
	free(seed);
	res_free(emu_ctl(&E, "POST", "limits", "{\"limit\":100000000}"));
	tok = emu_login(&E, "bench@t.example", "pw");
	q = emu_escape("SELECT Id, Subject, Status, Priority, ActivityDate, "
	    "Description, Who.Name, What.Name, LastModifiedDate FROM Task "
	    "WHERE IsDeleted = false ORDER BY ActivityDate LIMIT 200");
	if (asprintf(&query_url, "%s/services/data/v59.0/query?q=%s", E.base,
	    q) < 0)
		abort();
	free(q);
	r = emu_req(&E, "GET", "/services/data/v59.0/query?q=SELECT+Id+FROM+"
	    "Task+LIMIT+8", tok, NULL, NULL);
	for (i = 0; i < CLIENTS; i++)
		ids[i] = strdup(js(cJSON_GetArrayItem(cJSON_GetObjectItem(
		    r->json, "records"), i), "Id"));
	res_free(r);

	printf("sfemu throughput, %d concurrent clients, 2,000 tasks\n",
	    CLIENTS);
	bench_phase(0, "query, 200-record page:");
	bench_phase(1, "PATCH, single record:");
	for (i = 0; i < CLIENTS; i++)
		free(ids[i]);
	free(query_url);
	free(tok);
	i = emu_stop(&E);
	curl_global_cleanup();
	return (i != 0);
}
