/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Date arithmetic on day numbers (Howard Hinnant's civil-date algorithms),
 * and parsing of the dates users type.  Pure apart from reading the clock.
 */
#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <strings.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "date.h"
#include "i18n.h"
#include "utf8.h"
#include "xmalloc.h"

int32_t
date_from_ymd(int y, int m, int d)
{
	int		 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((int32_t)(era * 146097 + doe - 719468));
}

void
date_to_ymd(int32_t z, int *yp, int *mp, int *dp)
{
	int	era, doe, yoe, y, doy, mp_, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp_ = (5 * doy + 2) / 153;
	d = doy - (153 * mp_ + 2) / 5 + 1;
	m = mp_ + (mp_ < 10 ? 3 : -9);
	*yp = y + (m <= 2);
	*mp = m;
	*dp = d;
}

int32_t
date_local(time_t t)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	return (date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
}

int32_t
date_today(void)
{
	const char	*s;
	int32_t		 d;

	if ((s = getenv("TASKDECK_TODAY")) != NULL && date_parse_iso(s, &d) == 0)
		return (d);
	return (date_local(time(NULL)));
}

char *
date_format(int32_t day, char *buf)
{
	int	y, m, d;

	if (day == DATE_NONE) {
		buf[0] = '\0';
		return (buf);
	}
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		buf[0] = '\0';
		return (buf);
	}
	snprintf(buf, DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
	return (buf);
}

/* 1 if LC_TIME is the C (POSIX) locale: English names, ISO dates. */
static int
date_c_time(void)
{
	const char	*l = setlocale(LC_TIME, NULL);

	return (l == NULL || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0 ||
	    strncmp(l, "C.", 2) == 0);
}

/* The struct tm of a day (noon, no time zone involved). */
static void
date_tm(int32_t day, struct tm *tm)
{
	int	y, m, d;

	date_to_ymd(day, &y, &m, &d);
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	tm->tm_wday = (date_weekday(day) + 1) % 7;
	tm->tm_yday = day - date_from_ymd(y, 1, 1);
	tm->tm_isdst = -1;
}

/* Columns a string of the locale's charset takes; -1 if unprintable. */
static int
date_width(const char *s)
{
	wchar_t	w[DATE_SHOWSZ];
	size_t	n = mbstowcs(w, s, DATE_SHOWSZ);

	if (n == (size_t)-1 || n >= DATE_SHOWSZ)
		return (-1);
	return (wcswidth(w, n));
}

char *
date_show(int32_t day, char *buf)
{
	struct tm	tm;
	int		w;

	if (day == DATE_NONE || date_c_time())
		return (date_format(day, buf));
	date_tm(day, &tm);
	if (strftime(buf, DATE_SHOWSZ, nl_langinfo(D_FMT), &tm) == 0 ||
	    (w = date_width(buf)) < 1 || w > 10)
		return (date_format(day, buf));
	return (buf);
}

char *
date_long(int32_t day, char *buf)
{
	struct tm	 tm;
	/* TRANSLATORS: the date at the right of the header line, a
	   strftime(3) format: %a the weekday, %-d the day, %b the month,
	   %Y the year, in your language's order (e.g. "%a, %-d. %b %Y",
	   "%Y年%-m月%-d日 %a"); at most 20 columns.  The names come from
	   the locale. */
	const char	*fmt = _("%a %-d %b %Y");

	if (day == DATE_NONE) {
		buf[0] = '\0';
		return (buf);
	}
	date_tm(day, &tm);
	if (strftime(buf, DATE_SHOWSZ, fmt, &tm) == 0 &&
	    strftime(buf, DATE_SHOWSZ, "%a %-d %b %Y", &tm) == 0)
		return (date_format(day, buf));
	return (buf);
}

/* Days in month m of year y. */
static int
date_month_days(int y, int m)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return (29);
	return (days[m - 1]);
}

int
date_valid_ymd(int y, int m, int d)
{
	return (y >= 1700 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_month_days(y, m));
}

int
date_parse_iso(const char *s, int32_t *out)
{
	int	i, y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (!isdigit((unsigned char)s[i]))
			return (-1);
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (!date_valid_ymd(y, m, d))
		return (-1);
	*out = date_from_ymd(y, m, d);
	return (0);
}

int
date_weekday(int32_t day)
{
	int	w = (int)((day + 3) % 7);	/* 1970-01-01 was a Thursday */

	return (w < 0 ? w + 7 : w);
}

int32_t
date_next_business_day(int32_t from)
{
	int32_t	d = from + 1;

	while (date_weekday(d) >= 5)
		d++;
	return (d);
}

int32_t
date_next_week(int32_t from)
{
	return (from + 7 - date_weekday(from));
}

/* The weekday (0 = Monday) a word names: 3 letters or more of its name. */
static int
date_weekday_word(const char *s)
{
	static const char	*names[] = { "monday", "tuesday",
				    "wednesday", "thursday", "friday", "saturday",
				    "sunday" };
	size_t			 len = strlen(s);
	int			 i;

	if (len < 3)
		return (-1);
	for (i = 0; i < 7; i++) {
		if (len <= strlen(names[i]) && strncasecmp(s, names[i],
		    len) == 0)
			return (i);
	}
	return (-1);
}

/*
 * 1 if s (folded) is one of the words in list, a translation that may
 * give several separated by '|' ("morgen|morgig"); with prefix, also the
 * first 3 characters or more of a word.
 */
static int
date_word_in(const char *s, const char *list, int prefix)
{
	char	*f, *l, *w, *next;
	size_t	 len;
	int	 hit = 0;

	f = utf8_fold(s);
	l = utf8_fold(list);
	len = strlen(f);
	for (w = l; w != NULL && !hit; w = next) {
		if ((next = strchr(w, '|')) != NULL)
			*next++ = '\0';
		/* An abbreviation may end in a dot ("Mo.", "lun."). */
		if (strcmp(f, w) == 0 || (w[0] != '\0' &&
		    strncmp(f, w, len) == 0 && w[len] == '.' &&
		    w[len + 1] == '\0'))
			hit = 1;
		else if (prefix && utf8_count(f) >= 3 && len <= strlen(w) &&
		    strncmp(f, w, len) == 0)
			hit = 1;
	}
	free(f);
	free(l);
	return (hit);
}

/*
 * The user's language (U10): the catalogue's today and tomorrow, and the
 * locale's weekday names.  Names are compared folded (utf8_fold: case and
 * accents) in a UTF-8 locale, byte for byte (any case) in another.
 * Returns 0 with *out set, or -1.
 */
static int
date_parse_locale(const char *s, int32_t today, int32_t *out)
{
	/* TRANSLATORS: a word a user may type as a due date for today, on
	   the command line or in a form (lower case; English "today" is
	   always accepted too).  Several words may be given with '|':
	   "heute|heut". */
	const char	*w_today = C_("typed date", "today");
	/* TRANSLATORS: a word a user may type as a due date for tomorrow
	   (see "today"). */
	const char	*w_tomorrow = C_("typed date", "tomorrow");
	const char	*cs = nl_langinfo(CODESET);
	int		 i, utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;

	if (utf8 && date_word_in(s, w_today, 0)) {
		*out = today;
		return (0);
	}
	if (utf8 && date_word_in(s, w_tomorrow, 0)) {
		*out = today + 1;
		return (0);
	}
	if (date_c_time())
		return (-1);
	/* DAY_1 and ABDAY_1 are Sunday; our weekdays start on Monday. */
	for (i = 0; i < 7; i++) {
		if (utf8 ? date_word_in(s, nl_langinfo(ABDAY_1 + i), 0) ||
		    date_word_in(s, nl_langinfo(DAY_1 + i), 1) :
		    strcasecmp(s, nl_langinfo(ABDAY_1 + i)) == 0 ||
		    strcasecmp(s, nl_langinfo(DAY_1 + i)) == 0) {
			*out = today + 1 + ((i + 6) % 7 -
			    date_weekday(today) + 6) % 7;
			return (0);
		}
	}
	return (-1);
}

int
date_parse_user(const char *s, int32_t today, int32_t *out, char **cause)
{
	char	*end;
	long	 n;
	int	 w, y, m, d;

	if (strcasecmp(s, "none") == 0 || *s == '\0') {
		*out = DATE_NONE;
		return (0);
	}
	if (strcasecmp(s, "today") == 0) {
		*out = today;
		return (0);
	}
	if (strcasecmp(s, "tomorrow") == 0) {
		*out = today + 1;
		return (0);
	}
	if (strcasecmp(s, "yesterday") == 0) {
		*out = today - 1;
		return (0);
	}
	/* End of the work week: this Friday (next Friday at a weekend). */
	if (strcasecmp(s, "eow") == 0) {
		w = date_weekday(today);
		*out = today + (w <= 4 ? 4 - w : 11 - w);
		return (0);
	}
	if (strcasecmp(s, "eom") == 0) {
		date_to_ymd(today, &y, &m, &d);
		*out = date_from_ymd(y, m, date_month_days(y, m));
		return (0);
	}
	/* A weekday name: the next such day, never today. */
	if ((w = date_weekday_word(s)) >= 0) {
		*out = today + 1 + (w - date_weekday(today) + 6) % 7;
		return (0);
	}
	if ((s[0] == '+' || s[0] == '-') && isdigit((unsigned char)s[1])) {
		errno = 0;
		n = strtol(s + 1, &end, 10);
		if (errno == 0 && (strcasecmp(end, "w") == 0) && n <= 5200)
			n *= 7;
		else if (errno != 0 || (strcasecmp(end, "d") != 0 &&
		    strcmp(end, "") != 0))
			n = -1;
		if (n >= 0 && n <= 36500) {
			*out = today + (s[0] == '-' ? -(int32_t)n : (int32_t)n);
			return (0);
		}
	}
	if (date_parse_iso(s, out) == 0)
		return (0);
	if (date_parse_locale(s, today, out) == 0)
		return (0);
	/* TRANSLATORS: %s is what the user typed.  Name your language's
	   words for today and tomorrow and a weekday besides the English
	   ones, which always work. */
	*cause = xasprintf(_("invalid date '%s': use YYYY-MM-DD, today, "
	    "tomorrow, a weekday (mon, friday), +Nd, +Nw, eow, eom or none"),
	    s);
	return (-1);
}

int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}
