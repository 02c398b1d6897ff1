/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * What the command center's loop (ui.c) and its screens share, below them
 * all: the wait for the next key, the message line, colours and the
 * footer, and what to do after an edit or a settings change.  The wait is
 * one poll() on the terminal, a self-pipe fed by the signal handlers
 * (SIGWINCH, SIGTERM, SIGINT, SIGHUP) and the sync engine's wake-up fd,
 * with a one-second timeout that notices writes by other processes (the
 * CLI) to the cache (SPEC U4); the main loop and each screen's own loop
 * call it alike.  Nothing here calls a screen or ui.c.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TD_UI_INTERNAL
#include "config.h"
#include "date.h"
#include "i18n.h"
#include "log.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* How often a UI that does not sync looks at the lock (C11: 2 s). */
#define UI_PEER_LOOK_MS	500

/* Sets the message line (replacing the last message). */
void
ui_message(struct ui *ui, int err, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	free(ui->msg);
	ui->msg = s;
	ui->msg_err = err;
	ui->dirty = 1;
}

/* The attribute for a pair: its colour, or mono in monochrome. */
int
ui_attr(const struct ui *ui, enum ui_pair pair, int mono)
{
	if (ui->color)
		return (COLOR_PAIR(pair) | (mono & A_BOLD));
	return (mono);
}

/* Draws the error line and the key hint at the foot of a screen. */
void
ui_footer(const struct ui *ui, int err_y, const char *error, const char *hint)
{
	wmove(stdscr, err_y, 1);
	if (error != NULL) {
		wattrset(stdscr, ui_attr(ui, UI_PAIR_ERR, A_BOLD));
		ui_text_put(stdscr, error, COLS - 2, 1);
		wattrset(stdscr, A_NORMAL);
	}
	wmove(stdscr, LINES - 1, 0);
	wattrset(stdscr, A_DIM);
	ui_text_put(stdscr, hint, COLS, 1);
	wattrset(stdscr, A_NORMAL);
}

/* With --first-frame-exit, stops after the first complete frame. */
void
ui_frame_done(struct ui *ui)
{
	if (ui->first_frame_exit)
		ui->quit = 1;
}

/* Reads the fingerprint of path (zeroes if it does not exist). */
static void
ui_stamp_read(const char *path, struct ui_stamp *s)
{
	struct stat	sb;

	memset(s, 0, sizeof *s);
	if (stat(path, &sb) != 0)
		return;
	s->dev = sb.st_dev;
	s->ino = sb.st_ino;
	s->size = sb.st_size;
	s->mtime_ns = (long long)sb.st_mtim.tv_sec * 1000000000LL +
	    sb.st_mtim.tv_nsec;
}

/*
 * Notices a write to the cache by another process: the cache is in WAL
 * mode, so every commit changes the -wal file (and a checkpoint the cache
 * file).  Also notices midnight, when Today and Tomorrow move on.
 */
int
ui_cache_changed(struct ui *ui)
{
	struct ui_stamp	 now[2];
	char		*wal;
	int		 changed;
	int32_t		 today;

	wal = xasprintf("%s-wal", ui->ctx->cache_path);
	ui_stamp_read(ui->ctx->cache_path, &now[0]);
	ui_stamp_read(wal, &now[1]);
	free(wal);
	changed = memcmp(now, ui->stamp, sizeof now) != 0;
	memcpy(ui->stamp, now, sizeof now);
	today = date_today();
	if (today != ui->today) {
		ui->today = ui->ctx->today = today;
		changed = 1;
	}
	return (changed);
}

/* Copies a status event into the UI's own copy; redraws only on change. */
static void
ui_status_set(struct ui *ui, const struct sync_status *st)
{
	const struct sync_status	*o = &ui->status;

	if (ui->have_status && o->state == st->state &&
	    o->last_success_ms == st->last_success_ms &&
	    o->retry_at_ms == st->retry_at_ms && o->pending == st->pending &&
	    o->done == st->done && o->total == st->total &&
	    o->api_used == st->api_used && o->api_max == st->api_max &&
	    strcmp(o->stream, st->stream) == 0 &&
	    (o->message == NULL) == (st->message == NULL) &&
	    (o->message == NULL || strcmp(o->message, st->message) == 0))
		return;
	free(ui->status.message);
	ui->status = *st;
	ui->status.message = st->message != NULL ? xstrdup(st->message) :
	    NULL;
	ui->have_status = 1;
	ui->dirty = 1;
}

/* Drains the engine's events: changed reminders and status changes. */
static void
ui_sync_events(struct ui *ui)
{
	struct sync_event	*ev;

	if (ui->sync == NULL)
		return;
	while ((ev = sync_next_event(ui->sync)) != NULL) {
		switch (ev->kind) {
		case SYNC_EV_CHANGED:
			ui->reload = 1;
			if (ev->nremote > 0)
				ui_day_note(ui, ev->remote, ev->nremote);
			break;
		case SYNC_EV_STATUS:
			ui_status_set(ui, &ev->status);
			break;
		case SYNC_EV_PEOPLE:	/* the picker reads it (F14) */
			ui->people_gen++;
			ui->people_found = ev->people_found;
			free(ui->people_error);
			ui->people_error = ev->people_error;
			ev->people_error = NULL;
			free(ui->people_answer);
			ui->people_answer = ev->people_needle;
			ev->people_needle = NULL;
			ui->dirty = 1;
			break;
		}
		sync_event_free(ev);
	}
}

/*
 * Follows a terminal resize signalled by SIGWINCH: resizeterm() queues a
 * KEY_RESIZE, which ui_getkey then reports (once) for the redraw.
 */
static void
ui_resize(void)
{
	struct winsize	ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
}

/*
 * Under a non-UTF-8 locale, reads the bytes of one character as they
 * come (wgetch, not wget_wch, which gives up on the first byte the
 * locale cannot decode and loses the rest of a pasted burst): a UTF-8
 * sequence is one code point, any other byte above 0x7f is taken as
 * Latin-1, so a pasted "Müller anrufen" keeps every character (U7).
 */
static int
ui_readkey_bytes(void)
{
	unsigned char	b[4];
	unsigned int	cp;
	size_t		n, want, i;
	int		c;

	if ((c = wgetch(stdscr)) == ERR)
		return (ERR);
	if (c < 0x80 || c > 0xff)
		return (c >= KEY_MIN ? UI_FN(c) : c);
	want = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
	    (c & 0xf8) == 0xf0 ? 4 : 1;
	b[0] = (unsigned char)c;
	for (n = 1; n < want; n++) {
		if ((c = wgetch(stdscr)) == ERR)
			break;
		if ((c & 0xc0) != 0x80 || c > 0xff) {
			ungetch(c);
			break;
		}
		b[n] = (unsigned char)c;
	}
	if (n == want && want > 1) {
		char	s[5];

		memcpy(s, b, n);
		s[n] = '\0';
		if (utf8_decode(s, 0, &cp) == n && cp != 0xfffd)
			return ((int)cp);
	}
	for (i = n; i > 1; i--)
		ungetch(b[i - 1]);	/* not UTF-8: byte by byte */
	return (b[0]);
}

/* Reads one key that curses already has, or returns ERR. */
static int
ui_readkey(void)
{
	wint_t	wc;
	int	r;

	if (!ui_text_utf8())
		return (ui_readkey_bytes());
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return (ERR);
	if (r == KEY_CODE_YES)
		return (UI_FN((int)wc));
	if (!ui_text_utf8() && wc >= 0x80)
		return ('?');
	return ((int)wc);
}

/*
 * Waits for the next key while serving the signal pipe, the engine and
 * the cache watch.  Returns a key, UI_FN(KEY_RESIZE), UI_KEY_REFRESH when
 * something on screen may have changed, or UI_KEY_QUIT on a signal.
 */
int
ui_getkey(struct ui *ui)
{
	struct pollfd	pfd[4];
	unsigned char	sig[16];
	ssize_t		n, i;
	int		key, nfd, si, li, timeout;

	for (;;) {
		if (ui->quit)
			return (UI_KEY_QUIT);
		if ((key = ui_readkey()) != ERR) {
			if (key == UI_FN(KEY_RESIZE)) {
				clearok(curscr, TRUE);	/* full repaint */
				ui->dirty = 1;
			}
			return (key);
		}
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = ui->sigfd[0];
		pfd[1].events = POLLIN;
		nfd = 2;
		si = li = -1;
		if (ui->sync != NULL) {
			si = nfd++;
			pfd[si].fd = sync_fd(ui->sync);
			pfd[si].events = POLLIN;
		}
		if (ui->login != NULL) {
			li = nfd++;
			pfd[li].fd = ui_login_fd(ui->login);
			pfd[li].events = POLLIN;
		}
		timeout = 1000;
		/* C11: while another process syncs, look twice a second. */
		if (ui->sync == NULL && ui->peer_pid != 0) {
			int64_t	left = ui->peer_looked + UI_PEER_LOOK_MS -
			    now_ms();

			timeout = left < 0 ? 0 : left > UI_PEER_LOOK_MS ?
			    UI_PEER_LOOK_MS : (int)left;
		}
		if (ui->pane_due_ms > 0) {
			/* The detail pane waits for the cursor to rest. */
			if (ui->pane_due_ms - now_ms() <= 0) {
				ui->pane_due_ms = -1;	/* due: draw it */
				ui->dirty = 1;
				return (UI_KEY_REFRESH);
			}
			if (ui->pane_due_ms - now_ms() < timeout)
				timeout = (int)(ui->pane_due_ms - now_ms());
		}
		if (ui->people_due_ms > 0) {
			/* The picker's search waits for typing to pause. */
			if (ui->people_due_ms - now_ms() <= 0) {
				ui->people_due_ms = -1;
				return (UI_KEY_REFRESH);
			}
			if (ui->people_due_ms - now_ms() < timeout)
				timeout = (int)(ui->people_due_ms - now_ms());
		}
		if (poll(pfd, nfd, timeout) == -1) {
			if (errno == EINTR)
				continue;
			fatal("poll: %s", strerror(errno));
		}
		if (pfd[1].revents & POLLIN) {
			n = read(ui->sigfd[0], sig, sizeof sig);
			for (i = 0; i < n; i++) {
				if (sig[i] == SIGWINCH)
					ui_resize();
				else
					ui->quit = 1;
			}
			if (ui->quit)
				return (UI_KEY_QUIT);
		}
		if (si >= 0 && (pfd[si].revents & POLLIN)) {
			ui_sync_events(ui);
			if (ui->reload || ui->dirty)
				return (UI_KEY_REFRESH);
		}
		/* The settings screen reads the login's events. */
		if (li >= 0 && (pfd[li].revents & POLLIN))
			return (UI_KEY_REFRESH);
		if (pfd[0].revents & (POLLHUP | POLLERR)) {
			ui->quit = 1;
			return (UI_KEY_QUIT);
		}
		if (pfd[0].revents & POLLIN)
			continue;
		if (ui_cache_changed(ui)) {
			ui->reload = 1;
			return (UI_KEY_REFRESH);
		}
		if (ui_sync_peer(ui, 0))
			return (UI_KEY_REFRESH);
		if (ui->day.hl_until_ms != 0 &&
		    now_ms() >= ui->day.hl_until_ms) {
			ui->day.hl_until_ms = 0;	/* highlights end */
			ui->dirty = 1;
			return (UI_KEY_REFRESH);
		}
		if (ui->have_status && ui->status.state == SYNC_BACKOFF) {
			ui->dirty = 1;	/* the retry countdown */
			return (UI_KEY_REFRESH);
		}
	}
}

/* Tells the engine about a local edit so it pushes at once (C1). */
void
ui_after_edit(struct ui *ui)
{
	if (ui->sync != NULL)
		sync_local_change(ui->sync);
	ui_cache_changed(ui);	/* our own write: no second reload */
	ui->reload = 1;
}

/* Forgets the other syncer. */
static void
ui_peer_clear(struct ui *ui)
{
	if (ui->peer_pid != 0)
		ui->have_status = 0;
	ui->peer_pid = 0;
	sync_standby(ui->ctx->cache_path, 0);	/* C11: no longer waiting */
	free(ui->peer_name);
	ui->peer_name = NULL;
}

/*
 * One syncer per cache (C11).  While sync is on and this process does not
 * sync, looks at the lock once a second (at once if force): if another
 * process holds it, shows who and the state that engine recorded in the
 * cache; if none does, takes over.  1 if the screen changed.
 */
int
ui_sync_peer(struct ui *ui, int force)
{
	struct sync_status	 st;
	char			*name = NULL, *cursor = NULL, *cause = NULL;
	long			 pid;
	int64_t			 now = now_ms();

	if (ui->sync != NULL || !config_bool(ui->ctx->config, "sync.enabled"))
		return (0);
	if (!force && now - ui->peer_looked < UI_PEER_LOOK_MS &&
	    now >= ui->peer_looked)
		return (0);
	ui->peer_looked = now;
	if (!sync_holder(ui->ctx->cache_path, &pid, &name)) {
		free(name);
		ui->sync = sync_start(ui->ctx->cache_path,
		    ui->ctx->config_path, &cause);
		if (ui->sync == NULL) {
			/* Taken in between: shown at the next look. */
			if (force && !sync_holder(ui->ctx->cache_path, &pid,
			    &name))
				ui_message(ui, 1, _("cannot start sync: %s"),
				    cause);
			free(name);
			free(cause);
			return (0);
		}
		if (ui->peer_pid != 0)
			ui_message(ui, 0, _("syncing here now (pid %ld "
			    "stopped)"), ui->peer_pid);
		ui_peer_clear(ui);
		ui->have_status = 0;
		ui->dirty = 1;
		return (1);
	}
	sync_standby(ui->ctx->cache_path, 1);	/* C11: waiting to take over */
	if (ui->peer_pid != pid || name == NULL || ui->peer_name == NULL ||
	    strcmp(name, ui->peer_name) != 0) {
		free(ui->peer_name);
		ui->peer_name = name;
		ui->peer_pid = pid;
		ui->dirty = 1;
	} else
		free(name);
	if (sync_read_status(ui->ctx->cache_path, &st, &cursor, &cause) == 0) {
		ui_status_set(ui, &st);
		sync_status_release(&st);
	}
	free(cause);
	free(cursor);
	return (ui->dirty);
}

/* Starts the engine if sync is on and it is linked (S1). */
void
ui_sync_apply(struct ui *ui)
{
	int	 on = config_bool(ui->ctx->config, "sync.enabled");

	sync_set_holder_name("a taskdeck window");
	if (on && ui->sync == NULL)
		(void)ui_sync_peer(ui, 1);
	else if (on)
		sync_settings_changed(ui->sync);
	else {
		if (ui->sync != NULL) {
			sync_stop(ui->sync);
			ui->sync = NULL;
		}
		ui_peer_clear(ui);
		ui->have_status = 0;
	}
	ui->dirty = 1;
}

/* A reminder's status as the detail pane and page show it. */
const char *
ui_word_status(enum task_status s)
{
	/* TRANSLATORS: a reminder's status, after "Status"; at most 12
	   columns. */
	return (s == TASK_COMPLETE ? C_("status", "complete") :
	    /* TRANSLATORS: a reminder's status (not yet done); at most 12
	       columns. */
	    C_("status", "open"));
}

/* A reminder's priority as the pane, the page and the form show it. */
const char *
ui_word_priority(enum task_priority p)
{
	/* TRANSLATORS: a reminder's priority; at most 12 columns (also a
	   choice in the add/edit form). */
	return (p == TASK_HIGH ? C_("priority", "high") :
	    /* TRANSLATORS: a reminder's priority (not high); at most 12
	       columns. */
	    C_("priority", "normal"));
}

/* The sync badge at the end of a row (U2) and in the pane. */
const char *
ui_word_sync(enum task_sync s)
{
	switch (s) {
	case TASK_SYNC_PENDING:
		/* TRANSLATORS: sync badge at the right end of a row: the
		   change waits to be sent to Salesforce.  All four badges
		   should be at most 8 columns (longer ones narrow the
		   reminder's name). */
		return (C_("sync badge", "pending"));
	case TASK_SYNC_SYNCED:
		/* TRANSLATORS: sync badge: the reminder is the same in
		   Salesforce; at most 8 columns. */
		return (C_("sync badge", "synced"));
	case TASK_SYNC_ERROR:
		/* TRANSLATORS: sync badge: Salesforce refused the last
		   change; at most 8 columns. */
		return (C_("sync badge", "error"));
	case TASK_SYNC_LOCAL:
		break;
	}
	/* TRANSLATORS: sync badge: the reminder is only in taskdeck, never
	   sent to Salesforce; at most 8 columns. */
	return (C_("sync badge", "local"));
}

/*
 * Columns the badge column needs: the widest badge as translated, at
 * least 8, at most 16 (measured once: the language does not change).
 */
int
ui_word_sync_width(void)
{
	static const enum task_sync	s[] = { TASK_SYNC_LOCAL,
	    TASK_SYNC_PENDING, TASK_SYNC_SYNCED, TASK_SYNC_ERROR };
	static int			max;
	size_t				i;
	int				w;

	if (max != 0)
		return (max);
	max = 8;
	for (i = 0; i < sizeof s / sizeof s[0]; i++)
		if ((w = ui_text_width(ui_word_sync(s[i]))) > max)
			max = w;
	if (max > 16)
		max = 16;
	return (max);
}

/*
 * Uses colours if the terminal has them, ui.color allows them and, for
 * "auto", NO_COLOR is unset or empty (U7); otherwise only attributes.
 */
void
ui_color_apply(struct ui *ui)
{
	const char	*mode = config_get(ui->ctx->config, "ui.color");
	const char	*nc = getenv("NO_COLOR");
	static int	 started;

	if (mode == NULL)
		mode = "auto";
	ui->color = 0;
	if (strcmp(mode, "never") != 0 && has_colors() &&
	    (strcmp(mode, "always") == 0 || nc == NULL || *nc == '\0')) {
		if (!started) {
			start_color();
			use_default_colors();
			init_pair(UI_PAIR_HEAD, COLOR_CYAN, -1);
			init_pair(UI_PAIR_OVERDUE, COLOR_RED, -1);
			init_pair(UI_PAIR_HIGH, COLOR_YELLOW, -1);
			init_pair(UI_PAIR_OK, COLOR_GREEN, -1);
			init_pair(UI_PAIR_ERR, COLOR_RED, -1);
			init_pair(UI_PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
			started = 1;
		}
		ui->color = 1;
	}
	ui->dirty = 1;
}
