/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Small helpers shared by the emulator's modules: Salesforce timestamps and
 * HTTP dates, UTF-8 lengths, form decoding, random tokens and the
 * normalised endpoint names used for call counts.  Pure apart from the
 * random source.
 */
#ifndef TD_SFEMU_UTIL_H
#define TD_SFEMU_UTIL_H

#include <stddef.h>

#define SFEMU_DAY_MS	86400000LL

/* Wall-clock milliseconds since the epoch (the emulator adds its offset). */
long long	 util_real_ms(void);

/* Formats ms as 2026-11-23T10:00:00.000+0000 into out (at least 32 bytes). */
void		 util_fmt_datetime(long long ms, char *out, size_t len);
/* Formats a day number (days since 1970-01-01) as YYYY-MM-DD. */
void		 util_fmt_date(long long days, char *out, size_t len);
/* Formats ms as an RFC 7231 HTTP date (Date, Last-Modified headers). */
void		 util_fmt_httpdate(long long ms, char *out, size_t len);

/*
 * Parses an ISO 8601 date-time (2026-11-23T10:00:00Z, with optional
 * fraction and +hh:mm / +hhmm offset) into ms.  0 or -1.
 */
int		 util_parse_datetime(const char *, long long *ms);
/* Parses YYYY-MM-DD (a real calendar date) into a day number.  0 or -1. */
int		 util_parse_date(const char *, long long *days);
/* Parses an RFC 7231 HTTP date (IMF-fixdate).  0 or -1. */
int		 util_parse_httpdate(const char *, long long *ms);

/* Number of Unicode code points in a UTF-8 string. */
size_t		 util_utf8_len(const char *);

/*
 * Returns the URL-decoded value of name in an application/x-www-form-
 * urlencoded body, or NULL.  Caller frees.
 */
char		*util_form_get(const char *body, size_t len, const char *name);

/* Fills out with n random characters from [A-Za-z0-9] and a NUL. */
void		 util_random_alnum(char *out, size_t n);

/*
 * Writes the endpoint name used for call counts: the method and the path
 * with the API version, record Ids, external-Id values and query
 * locators replaced by placeholders, e.g. "PATCH /services/data/vXX.X/
 * sobjects/Task/{id}".  Caller frees.
 */
char		*util_endpoint_name(const char *method, const char *path);

#endif
