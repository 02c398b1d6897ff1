/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * A tiny thread-safe file logger.  Tokens never reach it: callers log
 * what happened, not what was sent.  Every record passes through
 * utf8_clean, as everything printed does: a message quoting Salesforce
 * writes no raw ESC, C1 or bidi control into the file (B5).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "utf8.h"

static pthread_mutex_t	 log_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE		*log_file;
static enum log_level	 log_min = LOG_INFO;
static void		(*log_fatal_hook)(void);

int
log_open(const char *path)
{
	FILE	*f = NULL;
	int	 fd;

	/* 0600: the log names reminders and Salesforce Ids. */
	if (path != NULL) {
		if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		    0600)) == -1)
			return (-1);
		if ((f = fdopen(fd, "a")) == NULL) {
			close(fd);
			return (-1);
		}
	}
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = f;
	if (f != NULL)
		setvbuf(f, NULL, _IOLBF, 0);
	pthread_mutex_unlock(&log_lock);
	return (0);
}

void
log_close(void)
{
	log_open(NULL);
}

void
log_set_level(enum log_level level)
{
	log_min = level;
}

int
log_enabled(enum log_level level)
{
	return (level >= log_min);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char	*names[] = { "debug", "info", "warn", "error" };
	va_list			 ap;
	struct timespec		 ts;
	struct tm		 tm;
	char			 stamp[32], *raw, *msg;
	int			 n;

	if (level < log_min)
		return;
	va_start(ap, fmt);
	n = vasprintf(&raw, fmt, ap);
	va_end(ap);
	if (n == -1)
		return;
	/* One record a line, and `tail -f` on the log is a terminal (B5). */
	msg = utf8_clean(raw, UTF8_LINE);
	free(raw);
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL) {
		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(log_file, "%s.%03ld %s: %s\n", stamp,
		    ts.tv_nsec / 1000000, names[level], msg);
	}
	pthread_mutex_unlock(&log_lock);
	free(msg);
}

void
log_set_fatal_hook(void (*hook)(void))
{
	log_fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	if (log_fatal_hook != NULL) {
		void (*hook)(void) = log_fatal_hook;

		log_fatal_hook = NULL;
		hook();
	}
	fputs("taskdeck: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (log_file != NULL) {
		va_start(ap, fmt);
		fputs("fatal: ", log_file);
		vfprintf(log_file, fmt, ap);
		fputc('\n', log_file);
		va_end(ap);
	}
	exit(70);
}
