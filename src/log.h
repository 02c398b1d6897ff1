/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Logging to a file (stderr belongs to curses while the UI runs) and the
 * one fatal exit, which gives the terminal back before it prints.
 */
#ifndef TD_LOG_H
#define TD_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Opens (appends to) the log file; NULL closes it.  0 or -1. */
int	log_open(const char *path);
void	log_close(void);
void	log_set_level(enum log_level);
int	log_enabled(enum log_level);
void	log_msg(enum log_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...)	log_msg(LOG_ERROR, __VA_ARGS__)

/*
 * Called by fatal() before it prints, so the UI can leave curses mode.
 * Must be async-signal-tolerant enough to run once from any thread.
 */
void	log_set_fatal_hook(void (*)(void));
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
