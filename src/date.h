/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Calendar dates as whole days since 1970-01-01 (a due date has no time,
 * like Salesforce's ActivityDate).  "Today" is the local calendar date, so
 * overdue / today / tomorrow follow the rep's time zone, DST included.
 */
#ifndef TD_DATE_H
#define TD_DATE_H

#include <stdint.h>
#include <time.h>

#define DATE_NONE	INT32_MIN	/* no due date */
#define DATE_BUFSZ	11		/* "YYYY-MM-DD" + NUL */
#define DATE_SHOWSZ	64		/* a date in the reader's locale */

/* Days since the epoch of a proleptic Gregorian date; no range checks. */
int32_t	date_from_ymd(int y, int m, int d);
void	date_to_ymd(int32_t, int *y, int *m, int *d);
/* 1 if y-m-d is a real calendar date (years 1700 to 9999). */
int	date_valid_ymd(int y, int m, int d);
/* The local calendar date at time t. */
int32_t	date_local(time_t t);
/* Today's local date (TASKDECK_TODAY=YYYY-MM-DD overrides it, for tests). */
int32_t	date_today(void);
/* Writes "YYYY-MM-DD" (or "" for DATE_NONE) into buf[DATE_BUFSZ]. */
char	*date_format(int32_t, char *buf);
/*
 * A date for people to read (U10), by the locale (LC_TIME): date_show
 * writes the locale's numeric date (nl_langinfo D_FMT: 02.12.2026,
 * 02/12/26), or YYYY-MM-DD in the C locale or when the locale's is wider
 * than 10 columns (a list column); date_long the header's date with the
 * weekday and month names ("Wed 2 Dec 2026"; the order from the
 * catalogue's strftime format).  "" for DATE_NONE.  buf[DATE_SHOWSZ].
 * The CLI's --json and the cache use date_format (ISO, locale-free).
 */
char	*date_show(int32_t, char *buf);
char	*date_long(int32_t, char *buf);
/*
 * Parses a strict ISO date "YYYY-MM-DD" that exists in the calendar.
 * Returns 0, or -1 if malformed or impossible (2026-02-30).
 */
int	date_parse_iso(const char *, int32_t *);
/*
 * Parses what a user may type: YYYY-MM-DD, today, tomorrow, yesterday, +Nd,
 * -Nd, +Nw, -Nw, a weekday name or its first three letters or more (mon,
 * friday: the next such day, never today), eow (this week's Friday; the
 * next one on a weekend), eom (the last day of this month), or none
 * (DATE_NONE); and in the user's language (U10), the locale's weekday
 * names (nl_langinfo DAY_n, 3 letters or more, or ABDAY_n) and the
 * catalogue's words for today and tomorrow, case and accents folded.
 * 0, or -1 with *cause set (caller frees).
 */
int	date_parse_user(const char *, int32_t today, int32_t *, char **cause);
/* The weekday of a day: 0 = Monday ... 6 = Sunday. */
int	date_weekday(int32_t);
/* The first Monday to Friday after from. */
int32_t	date_next_business_day(int32_t from);
/* The Monday of the week after from's. */
int32_t	date_next_week(int32_t from);
/* Current wall-clock time in milliseconds since the epoch. */
int64_t	now_ms(void);

#endif
