/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A minimal TAP producer for the test programs, read by Automake's
 * tap-driver.sh.  Each check names the SPEC rule it proves, if any.
 */
#ifndef TD_TAP_H
#define TD_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static void tap_ok(int, const char *, ...) __attribute__((format(printf, 2, 3), unused));
static void
tap_ok(int cond, const char *fmt, ...)
{
	va_list	ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

#define ok(cond, ...)	tap_ok(!!(cond), __VA_ARGS__)
#define is_int(a, b, ...) do {						\
	long long tap_a_ = (long long)(a), tap_b_ = (long long)(b);	\
	tap_ok(tap_a_ == tap_b_, __VA_ARGS__);				\
	if (tap_a_ != tap_b_)						\
		printf("#   got %lld, expected %lld\n", tap_a_, tap_b_);	\
} while (0)
#define is_str(a, b, ...) do {						\
	const char *tap_a_ = (a), *tap_b_ = (b);			\
	int tap_eq_ = (tap_a_ == NULL && tap_b_ == NULL) ||		\
	    (tap_a_ != NULL && tap_b_ != NULL && strcmp(tap_a_, tap_b_) == 0); \
	tap_ok(tap_eq_, __VA_ARGS__);					\
	if (!tap_eq_)							\
		printf("#   got \"%s\", expected \"%s\"\n",		\
		    tap_a_ ? tap_a_ : "(null)", tap_b_ ? tap_b_ : "(null)"); \
} while (0)

static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return (tap_failed != 0);
}

#endif
