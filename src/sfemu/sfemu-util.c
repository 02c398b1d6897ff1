/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Helpers for the emulator: time formats (Salesforce's
 * 2026-11-23T10:00:00.000+0000, ISO 8601 input, HTTP dates), UTF-8 length,
 * form decoding, random tokens and endpoint names for call counts.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "sfemu-id.h"
#include "sfemu-util.h"
#include "xmalloc.h"

static const char *util_wday[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *util_mon[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

long long
util_real_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Splits ms into a UTC broken-down time, flooring negative values. */
static void
util_gmtime(long long ms, struct tm *tm, int *msec)
{
	long long	s;
	time_t		t;

	s = ms / 1000;
	*msec = (int)(ms % 1000);
	if (*msec < 0) {
		*msec += 1000;
		s--;
	}
	t = (time_t)s;
	gmtime_r(&t, tm);
}

void
util_fmt_datetime(long long ms, char *out, size_t len)
{
	struct tm	tm;
	int		msec;

	util_gmtime(ms, &tm, &msec);
	snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, msec);
}

void
util_fmt_date(long long days, char *out, size_t len)
{
	struct tm	tm;
	int		msec;

	util_gmtime(days * SFEMU_DAY_MS, &tm, &msec);
	snprintf(out, len, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

void
util_fmt_httpdate(long long ms, char *out, size_t len)
{
	struct tm	tm;
	int		msec;

	util_gmtime(ms, &tm, &msec);
	snprintf(out, len, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	    util_wday[tm.tm_wday], tm.tm_mday, util_mon[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Reads exactly n digits from *sp into *v, advancing *sp.  0 or -1. */
static int
util_digits(const char **sp, int n, int *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*sp)[i]))
			return (-1);
		*v = *v * 10 + ((*sp)[i] - '0');
	}
	*sp += n;
	return (0);
}

/* Parses YYYY-MM-DD at *sp, advancing it. */
static int
util_ymd(const char **sp, long long *days)
{
	int	y, m, d;

	if (util_digits(sp, 4, &y) != 0 || *(*sp)++ != '-' ||
	    util_digits(sp, 2, &m) != 0 || *(*sp)++ != '-' ||
	    util_digits(sp, 2, &d) != 0)
		return (-1);
	if (y > 4000 || !date_valid_ymd(y, m, d))
		return (-1);
	*days = date_from_ymd(y, m, d);
	return (0);
}

int
util_parse_date(const char *s, long long *days)
{
	if (util_ymd(&s, days) != 0 || *s != '\0')
		return (-1);
	return (0);
}

int
util_parse_datetime(const char *s, long long *ms)
{
	long long	days, frac = 0, scale = 100;
	int		hh, mi, ss = 0, oh, om, sign;

	if (util_ymd(&s, &days) != 0 || (*s != 'T' && *s != 't' && *s != ' '))
		return (-1);
	s++;
	if (util_digits(&s, 2, &hh) != 0 || *s++ != ':' ||
	    util_digits(&s, 2, &mi) != 0)
		return (-1);
	if (*s == ':') {
		s++;
		if (util_digits(&s, 2, &ss) != 0)
			return (-1);
		if (*s == '.') {
			s++;
			if (!isdigit((unsigned char)*s))
				return (-1);
			while (isdigit((unsigned char)*s)) {
				frac += (*s - '0') * scale;
				scale /= 10;
				s++;
			}
		}
	}
	if (hh > 23 || mi > 59 || ss > 60)
		return (-1);
	*ms = ((days * 24 + hh) * 60 + mi) * 60000LL + ss * 1000LL + frac;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '+' ? 1 : -1;
		if (util_digits(&s, 2, &oh) != 0)
			return (-1);
		if (*s == ':')
			s++;
		if (util_digits(&s, 2, &om) != 0 || oh > 23 || om > 59)
			return (-1);
		*ms -= sign * (oh * 60 + om) * 60000LL;
	} else
		return (-1);
	return (*s == '\0' ? 0 : -1);
}

int
util_parse_httpdate(const char *s, long long *ms)
{
	char	wd[4], mon[4];
	int	d, y, hh, mi, ss, m, n = 0;

	if (sscanf(s, "%3s, %d %3s %d %d:%d:%d GMT%n", wd, &d, mon, &y, &hh,
	    &mi, &ss, &n) != 7 || n == 0 || s[n] != '\0')
		return (-1);
	for (m = 0; m < 12; m++) {
		if (strcmp(mon, util_mon[m]) == 0)
			break;
	}
	if (m == 12 || y > 4000 || !date_valid_ymd(y, m + 1, d) || hh > 23 || mi > 59 ||
	    ss > 60)
		return (-1);
	*ms = ((((long long)date_from_ymd(y, m + 1, d) * 24 + hh) * 60 + mi) *
	    60 + ss) * 1000LL;
	return (0);
}

size_t
util_utf8_len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

/* Value of one hex digit, or -1. */
static int
util_hex(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* URL-decodes [s, s + len) into a new string ('+' is a space). */
static char *
util_urldecode(const char *s, size_t len)
{
	struct buf	b;
	size_t		i;
	int		h, l;

	buf_init(&b);
	buf_grow(&b, len);
	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			buf_addc(&b, ' ');
		else if (s[i] == '%' && i + 2 < len &&
		    (h = util_hex((unsigned char)s[i + 1])) >= 0 &&
		    (l = util_hex((unsigned char)s[i + 2])) >= 0) {
			buf_addc(&b, (char)(h * 16 + l));
			i += 2;
		} else
			buf_addc(&b, s[i]);
	}
	return (buf_detach(&b));
}

char *
util_form_get(const char *body, size_t len, const char *name)
{
	const char	*p, *end, *amp, *eq;
	size_t		 nlen = strlen(name);

	if (body == NULL)
		return (NULL);
	p = body;
	end = body + len;
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && (size_t)(eq - p) == nlen &&
		    memcmp(p, name, nlen) == 0)
			return (util_urldecode(eq + 1, (size_t)(amp - eq - 1)));
		p = amp + 1;
	}
	return (NULL);
}

void
util_random_alnum(char *out, size_t n)
{
	static const char	 set[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz";
	unsigned char		 r[256];
	size_t			 i, got;
	ssize_t			 k;

	for (i = 0; i < n; ) {
		got = 0;
		while (got < sizeof r) {
			k = getrandom(r + got, sizeof r - got, 0);
			if (k <= 0)
				break;
			got += (size_t)k;
		}
		if (got < sizeof r) {
			/* No entropy source: fall back to rand(). */
			for (; got < sizeof r; got++)
				r[got] = (unsigned char)rand();
		}
		for (got = 0; got < sizeof r && i < n; got++) {
			if (r[got] >= 248)	/* 248 = 4 * 62: no bias */
				continue;
			out[i++] = set[r[got] % 62];
		}
	}
	out[n] = '\0';
}

/* Tells whether seg looks like a record Id (15/18 alnum with a digit). */
static int
util_is_id(const char *seg, size_t len)
{
	char	tmp[20], id[SFID_LEN + 1];

	if (len != 15 && len != 18)
		return (0);
	memcpy(tmp, seg, len);
	tmp[len] = '\0';
	return (sfid_norm(tmp, id) == 0 && strpbrk(tmp, "0123456789") != NULL);
}

char *
util_endpoint_name(const char *method, const char *path)
{
	struct buf	 b;
	const char	*p, *slash;
	size_t		 len;
	int		 prev_ext = 0, prev_query = 0;

	buf_init(&b);
	buf_addf(&b, "%s ", method);
	p = path;
	while (*p == '/') {
		p++;
		slash = strchr(p, '/');
		len = slash != NULL ? (size_t)(slash - p) : strlen(p);
		buf_addc(&b, '/');
		if (len > 1 && p[0] == 'v' && isdigit((unsigned char)p[1]) &&
		    memchr(p, '.', len) != NULL)
			buf_adds(&b, "vXX.X");
		else if (prev_ext && len > 0)
			buf_adds(&b, "{value}");
		else if (prev_query && len > 0)
			buf_adds(&b, "{locator}");
		else if (util_is_id(p, len))
			buf_adds(&b, "{id}");
		else
			buf_add(&b, p, len);
		prev_ext = len > 3 && memcmp(p + len - 3, "__c", 3) == 0;
		prev_query = (len == 5 && memcmp(p, "query", 5) == 0) ||
		    (len == 8 && memcmp(p, "queryAll", 8) == 0);
		p += len;
	}
	return (buf_detach(&b));
}
