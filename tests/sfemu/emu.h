/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Helpers for tests that drive a real sfemu: start it on an ephemeral
 * loopback port (--port 0 --print-port), make HTTP requests with libcurl,
 * parse JSON answers, stop it with SIGTERM.  $SFEMU_WRAPPER (for example
 * "valgrind --error-exitcode=9 --leak-check=full") runs the emulator under
 * a tool; the exit status then shows what the tool found.
 */
#ifndef TD_TESTS_EMU_H
#define TD_TESTS_EMU_H

#include <cjson/cJSON.h>
#include <curl/curl.h>

struct emu {
	int	 pid;
	int	 port;
	char	 base[64];
};

struct res {
	long	 status;
	int	 curlcode;	/* CURLE_OK or the transport error */
	char	*body;
	char	*headers;
	cJSON	*json;		/* NULL unless the body parsed */
	double	 seconds;
};

/* Starts sfemu with extra arguments (NULL-terminated); dies on failure. */
void		 emu_start(struct emu *, const char *const *args);
/* Sends SIGTERM and returns the exit status (-1 if killed by a signal). */
int		 emu_stop(struct emu *);

/*
 * One request: method, path (appended to base), bearer token or NULL,
 * body or NULL (JSON unless it starts with a form field), extra header
 * line or NULL.
 */
struct res	*emu_req(struct emu *, const char *method, const char *path,
		     const char *token, const char *body, const char *header);
/* A control API call with a JSON body (or NULL). */
struct res	*emu_ctl(struct emu *, const char *method, const char *what,
		     const char *body);
void		 res_free(struct res *);
/* The value of response header name, or NULL (static buffer). */
const char	*res_header(struct res *, const char *name);
/* The "errorCode" of the first error of a Salesforce error body. */
const char	*res_code(struct res *);
/* Member name of the JSON object (string), or NULL. */
const char	*js(const cJSON *, const char *name);
/* A password-grant access token for username/password; caller frees. */
char		*emu_login(struct emu *, const char *user, const char *pass);
/* URL-encodes s; caller frees. */
char		*emu_escape(const char *s);

#endif
