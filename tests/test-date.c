/* taskdeck - SPDX-License-Identifier: ISC */
/* Tests of date.c: calendar arithmetic, parsing, and local "today" (F4). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "tap.h"

/* Seconds since the epoch of a local wall-clock time in the current TZ. */
static time_t
local_time(int y, int mo, int d, int h, int mi)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return (mktime(&tm));
}

int
main(void)
{
	char	 buf[DATE_BUFSZ], *cause = NULL;
	int32_t	 d, today;
	int	 y, m, dd, i, ok_all;

	is_int(date_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	is_int(date_from_ymd(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	is_str(date_format(date_from_ymd(2026, 11, 23), buf), "2026-11-23",
	    "format round-trips");
	ok_all = 1;
	for (i = -800000; i < 800000; i += 97) {
		date_to_ymd(i, &y, &m, &dd);
		if (date_from_ymd(y, m, dd) != i)
			ok_all = 0;
	}
	ok(ok_all, "day number <-> y/m/d round-trips over 4000 years");

	ok(date_parse_iso("2024-02-29", &d) == 0, "F4 leap day 2024 exists");
	ok(date_parse_iso("2026-02-29", &d) != 0, "B2 2026-02-29 is refused");
	ok(date_parse_iso("2026-02-30", &d) != 0, "B2 2026-02-30 is refused");
	ok(date_parse_iso("1900-02-29", &d) != 0, "B2 1900 is not a leap year");
	ok(date_parse_iso("2000-02-29", &d) == 0, "2000 is a leap year");
	ok(date_parse_iso("2026-13-01", &d) != 0, "B2 month 13 is refused");
	ok(date_parse_iso("2026-1-01", &d) != 0, "B2 short month is refused");
	ok(date_parse_iso("2026-01-01x", &d) != 0, "B2 trailing junk refused");
	ok(date_parse_iso("2026-00-10", &d) != 0, "B2 month 0 is refused");

	today = date_from_ymd(2026, 11, 23);
	ok(date_parse_user("today", today, &d, &cause) == 0 && d == today,
	    "'today' parses");
	ok(date_parse_user("tomorrow", today, &d, &cause) == 0 &&
	    d == today + 1, "'tomorrow' parses");
	ok(date_parse_user("+7d", today, &d, &cause) == 0 && d == today + 7,
	    "'+7d' is a week ahead");
	ok(date_parse_user("-2d", today, &d, &cause) == 0 && d == today - 2,
	    "'-2d' is two days back");
	ok(date_parse_user("none", today, &d, &cause) == 0 && d == DATE_NONE,
	    "F4 'none' clears the due date");
	ok(date_parse_user("2026-12-31", today, &d, &cause) == 0 &&
	    d == date_from_ymd(2026, 12, 31), "ISO date parses");
	ok(date_parse_user("next week", today, &d, &cause) == -1 &&
	    cause != NULL && strstr(cause, "invalid date") != NULL,
	    "B2 unknown words get a clear message");
	free(cause);
	cause = NULL;
	ok(date_parse_user("+99999999999d", today, &d, &cause) == -1,
	    "B2 absurd offsets are refused");
	free(cause);

	/* U9 date words (2026-11-23 is a Monday). */
	is_int(date_weekday(today), 0, "U9 2026-11-23 is a Monday");
	is_int(date_weekday(0), 3, "U9 1970-01-01 was a Thursday");
	ok(date_parse_user("mon", today, &d, &cause) == 0 && d == today + 7,
	    "U9 'mon' on a Monday is next Monday, never today");
	ok(date_parse_user("friday", today, &d, &cause) == 0 && d == today + 4,
	    "U9 'friday' is the coming Friday");
	ok(date_parse_user("Tue", today, &d, &cause) == 0 && d == today + 1,
	    "U9 'Tue' is tomorrow on a Monday, any case");
	ok(date_parse_user("sun", today + 6, &d, &cause) == 0 &&
	    d == today + 13, "U9 'sun' on a Sunday is a week later");
	ok(date_parse_user("+1w", today, &d, &cause) == 0 && d == today + 7,
	    "U9 '+1w' is a week ahead");
	ok(date_parse_user("+3d", today, &d, &cause) == 0 && d == today + 3,
	    "U9 '+3d' is three days ahead");
	ok(date_parse_user("-2w", today, &d, &cause) == 0 && d == today - 14,
	    "U9 '-2w' is two weeks back");
	ok(date_parse_user("eow", today, &d, &cause) == 0 && d == today + 4,
	    "U9 'eow' on a Monday is Friday");
	ok(date_parse_user("eow", today + 4, &d, &cause) == 0 &&
	    d == today + 4, "U9 'eow' on a Friday is today");
	ok(date_parse_user("eow", today + 5, &d, &cause) == 0 &&
	    d == today + 11, "U9 'eow' on a Saturday is next Friday");
	ok(date_parse_user("eom", today, &d, &cause) == 0 &&
	    d == date_from_ymd(2026, 11, 30), "U9 'eom' is November 30");
	ok(date_parse_user("eom", date_from_ymd(2028, 2, 3), &d, &cause) == 0 &&
	    d == date_from_ymd(2028, 2, 29), "U9 'eom' in a leap February");
	ok(date_parse_user("mo", today, &d, &cause) == -1, "U9 'mo' is too "
	    "short to name a day");
	free(cause);
	cause = NULL;
	ok(date_parse_user("+1x", today, &d, &cause) == -1 && cause != NULL &&
	    strstr(cause, "eow") != NULL, "U9 the message lists the words");
	free(cause);
	cause = NULL;
	is_int(date_next_business_day(today + 4), today + 7,
	    "U9 the next business day after a Friday is Monday");
	is_int(date_next_business_day(today), today + 1,
	    "U9 the next business day after a Monday is Tuesday");
	is_int(date_next_week(today), today + 7,
	    "U9 next week from a Monday is the next Monday");
	is_int(date_next_week(today + 6), today + 7,
	    "U9 next week from a Sunday is the next day");

	/* Local "today" follows the zone, across DST changes (F4, U1). */
	setenv("TZ", "America/New_York", 1);
	tzset();
	is_int(date_local(local_time(2026, 3, 8, 1, 30)),
	    date_from_ymd(2026, 3, 8), "F4 before spring-forward: Mar 8");
	is_int(date_local(local_time(2026, 3, 8, 3, 30)),
	    date_from_ymd(2026, 3, 8), "F4 after spring-forward: still Mar 8");
	is_int(date_local(local_time(2026, 3, 8, 23, 59)),
	    date_from_ymd(2026, 3, 8), "F4 23:59 on the 23-hour day: Mar 8");
	is_int(date_local(local_time(2026, 11, 1, 23, 30)),
	    date_from_ymd(2026, 11, 1), "F4 25-hour day ends on Nov 1");
	is_int(date_local(local_time(2026, 11, 2, 0, 30)),
	    date_from_ymd(2026, 11, 2), "F4 just after midnight: Nov 2");
	/* The same instant is a different day in Tokyo. */
	{
		time_t	t = local_time(2026, 11, 23, 20, 0);

		setenv("TZ", "Asia/Tokyo", 1);
		tzset();
		is_int(date_local(t), date_from_ymd(2026, 11, 24),
		    "F4 20:00 in New York is tomorrow in Tokyo");
	}
	setenv("TASKDECK_TODAY", "2026-02-28", 1);
	is_int(date_today(), date_from_ymd(2026, 2, 28),
	    "TASKDECK_TODAY pins today for tests");
	return (tap_done());
}
