/* taskdeck - SPDX-License-Identifier: ISC */
/* Tests of the model's validation (F1, F5, B2); B5 cleaning: test-utf8.c. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"
#include "task.h"
#include "xmalloc.h"

/* n copies of the UTF-8 character c. */
static char *
repeat(const char *c, size_t n)
{
	size_t	len = strlen(c), i;
	char	*s = xmalloc(len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * len, c, len);
	s[len * n] = '\0';
	return (s);
}

/* 1 if check refuses s with a message containing want. */
static int
refused(int (*check)(const char *, char **), const char *s, const char *want)
{
	char	*cause = NULL;
	int	 r;

	r = check(s, &cause) == -1 && cause != NULL && strstr(cause, want) != NULL;
	free(cause);
	return (r);
}

int
main(void)
{
	char			*s, *cause = NULL;
	enum task_priority	 p;
	int64_t			 id;
	struct task		 t;

	s = repeat("x", 255);
	ok(task_check_name(s, &cause) == 0, "F1 255 ASCII characters fit");
	free(s);
	s = repeat("\xc3\xa9", 255);	/* é: 510 bytes, 255 characters */
	ok(task_check_name(s, &cause) == 0,
	    "F1 255 two-byte characters fit (characters, not bytes)");
	free(s);
	s = repeat("\xe6\x8a\xa5", 256);	/* a CJK character */
	ok(refused(task_check_name, s, "256 characters"),
	    "F1 B2 256 characters are refused with the count");
	free(s);
	ok(refused(task_check_name, "", "empty"), "B2 empty name refused");
	ok(refused(task_check_name, "  \t ", "empty"),
	    "B2 white-space name refused");
	ok(refused(task_check_name, "a\nb", "single line"),
	    "B2 a name with a line break is refused");
	ok(refused(task_check_name, "bad \xff byte", "UTF-8"),
	    "B2 invalid UTF-8 refused");
	ok(refused(task_check_name, "\xc0\xaf", "UTF-8"),
	    "B2 overlong encoding refused");
	ok(refused(task_check_name, "\xed\xa0\x80", "UTF-8"),
	    "B2 UTF-16 surrogate refused");
	ok(refused(task_check_name, "\xe6\x8a", "UTF-8"),
	    "B2 truncated sequence refused");

	s = repeat("\xf0\x9f\x93\x9e", 32000);	/* an emoji, 4 bytes */
	ok(task_check_details(s, &cause) == 0,
	    "F5 32,000 four-byte characters of details fit");
	free(s);
	s = repeat("d", 32001);
	ok(refused(task_check_details, s, "32001"),
	    "F5 B2 32,001 characters of details refused");
	free(s);

	ok(task_parse_priority("HIGH", &p, &cause) == 0 && p == TASK_HIGH,
	    "priority is case-insensitive");
	ok(task_parse_priority("urgent", &p, &cause) == -1 &&
	    strstr(cause, "normal or high") != NULL, "B2 unknown priority");
	free(cause);
	cause = NULL;
	ok(task_parse_id("42", &id, &cause) == 0 && id == 42, "id parses");
	ok(task_parse_id("4x", &id, &cause) == -1, "B2 non-numeric id");
	free(cause);
	cause = NULL;
	ok(task_parse_id("-3", &id, &cause) == -1, "B2 negative id");
	free(cause);
	cause = NULL;
	ok(task_parse_id("99999999999999999999", &id, &cause) == -1,
	    "B2 overflowing id");
	free(cause);

	task_init(&t);
	t.due = date_from_ymd(2026, 11, 22);
	ok(task_overdue(&t, date_from_ymd(2026, 11, 23)),
	    "U1 open and due yesterday is overdue");
	t.status = TASK_COMPLETE;
	ok(!task_overdue(&t, date_from_ymd(2026, 11, 23)),
	    "U1 a completed reminder is never overdue");
	t.status = TASK_OPEN;
	t.due = DATE_NONE;
	ok(!task_overdue(&t, date_from_ymd(2026, 11, 23)),
	    "F4 no due date is never overdue");

	return (tap_done());
}
