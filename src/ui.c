/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The command center's loop and its keys: the dispatcher, above the
 * screens.  Each turn re-reads the listing if asked, redraws it and waits
 * for the next key in ui_getkey() (ui-common.c), which serves the signal
 * self-pipe, the sync engine and the cache watch meanwhile (SPEC U4).  The
 * UI thread never waits on the network: the engine runs on its own thread
 * and only its events reach us.  Keys come from one table, which also
 * generates the help screen.  The screens never call back into this file:
 * what they share with the loop lives in ui-common.c, below them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TD_UI_INTERNAL
#include "config.h"
#include "i18n.h"
#include "log.h"
#include "ui.h"
#include "xmalloc.h"

struct ui_key {
	int		 key;
	const char	*label;		/* shown in help; NULL for an alias */
	const char	*help;		/* N_(): looked up where shown */
	void		(*fn)(struct ui *);
};

static void	ui_key_up(struct ui *);
static void	ui_key_down(struct ui *);
static void	ui_key_pgup(struct ui *);
static void	ui_key_pgdn(struct ui *);
static void	ui_key_home(struct ui *);
static void	ui_key_end(struct ui *);
static void	ui_key_add(struct ui *);
static void	ui_key_push(struct ui *);
static void	ui_key_details(struct ui *);
static void	ui_key_search(struct ui *);
static void	ui_key_next(struct ui *);
static void	ui_key_prev(struct ui *);
static void	ui_key_limit(struct ui *);
static void	ui_key_all(struct ui *);
static void	ui_key_center(struct ui *);
static void	ui_key_sync(struct ui *);
static void	ui_key_settings(struct ui *);
static void	ui_key_conflicts(struct ui *);
static void	ui_key_help(struct ui *);
static void	ui_key_redraw(struct ui *);
static void	ui_key_quit(struct ui *);
static void	ui_key_login(struct ui *);
static void	ui_key_mouse(struct ui *);
static void	ui_dispatch(struct ui *, int);

/* The keys of the main screen: the dispatcher and the help screen (U3). */
static const struct ui_key ui_keys[] = {
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_FN(KEY_UP), "Up k", N_("move up"), ui_key_up },
	{ 'k', NULL, NULL, ui_key_up },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_FN(KEY_DOWN), "Down j", N_("move down"), ui_key_down },
	{ 'j', NULL, NULL, ui_key_down },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_FN(KEY_PPAGE), "PgUp ^B", N_("page up"), ui_key_pgup },
	{ UI_CTRL('b'), NULL, NULL, ui_key_pgup },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_FN(KEY_NPAGE), "PgDn ^F", N_("page down"), ui_key_pgdn },
	{ UI_CTRL('f'), NULL, NULL, ui_key_pgdn },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_FN(KEY_HOME), "Home g", N_("first reminder"), ui_key_home },
	{ 'g', NULL, NULL, ui_key_home },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_FN(KEY_END), "End G", N_("last reminder"), ui_key_end },
	{ 'G', NULL, NULL, ui_key_end },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ ' ', "Space x", N_("complete or reopen, then the next row"),
	  ui_day_toggle },
	{ 'x', NULL, NULL, ui_day_toggle },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'u', "u", N_("undo the last complete, reopen, edit, delete, snooze"),
	  ui_day_undo },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 't', "t", N_("tag or untag the row (then ; x, ; d, ; z)"),
	  ui_day_tag },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ ';', ";", N_("apply the next x, d or z to the tagged rows"),
	  ui_day_prefix },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'z', "z", N_("snooze: +1 day, next business day, next week, a date"),
	  ui_day_snooze },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'a', "a", N_("add a reminder"), ui_key_add },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'e', "e", N_("edit: name, due, priority, type, details, who, what"),
	  ui_day_edit },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'd', "d", N_("delete (asks first)"), ui_day_delete },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'P', "P", N_("send a local-only reminder to Salesforce (asks first)"),
	  ui_key_push },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ '\r', "Enter", N_("show all details"), ui_key_details },
	{ '\n', NULL, NULL, ui_key_details },
	{ UI_FN(KEY_ENTER), NULL, NULL, ui_key_details },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ '/', "/", N_("search all reminders as you type"), ui_key_search },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'n', "n N", N_("next / previous match of the last search"),
	  ui_key_next },
	{ 'N', NULL, NULL, ui_key_prev },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'l', "l", N_("limit the view to rows that match (empty: all)"),
	  ui_key_limit },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'A', "A", N_("all reminders (again: Today/Tomorrow)"), ui_key_all },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'T', "T", N_("show one type: calls, emails, LinkedIn, other, all"),
	  ui_key_type },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'o', "o", N_("open the task in Salesforce (or show and copy its "
	  "link)"), ui_key_open },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_ESC, "Esc", N_("back to Today/Tomorrow"), ui_key_center },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'r', "r", N_("sync now"), ui_key_sync },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 's', "s", N_("settings"), ui_key_settings },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'L', "L", N_("log in to Salesforce (settings, device login)"),
	  ui_key_login },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'c', "c", N_("conflict log"), ui_key_conflicts },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'C', "C", N_("recent changes from Salesforce"), ui_day_changes_page },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ '?', "?", N_("this help"), ui_key_help },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ UI_CTRL('l'), "^L", N_("redraw the screen"), ui_key_redraw },
	/* TRANSLATORS: in the key column of the help screen, where the
	   other rows name keys; at most 10 columns. */
	{ UI_FN(KEY_MOUSE), N_("mouse"),
	  /* TRANSLATORS: a line of the help screen (?), after "mouse"; at
	     most 66 columns. */
	  N_("click selects, double click opens, Shift+drag copies"),
	  ui_key_mouse },
	/* TRANSLATORS: help screen line; keys stay; at most 66 columns. */
	{ 'q', "q", N_("quit"), ui_key_quit },
	{ UI_CTRL('c'), NULL, NULL, ui_key_quit },
};
#define UI_NKEYS	(sizeof ui_keys / sizeof ui_keys[0])

static volatile sig_atomic_t	 ui_curses_on;
static int			 ui_sigwrite = -1;

/*
 * Gives the terminal back; safe to call twice and from fatal().  Without
 * an alternate screen (vt100, linux) the last frame is cleared first, so
 * the shell's prompt does not land on top of it.
 */
static void
ui_endwin(void)
{
	if (ui_curses_on) {
		ui_curses_on = 0;
		if (!ui_text_altscreen()) {
			werase(stdscr);
			wnoutrefresh(stdscr);
			doupdate();
		}
		endwin();
	}
}

/* Turns a signal into a byte on the self-pipe for the loop. */
static void
ui_signal(int sig)
{
	unsigned char	c = (unsigned char)sig;
	int		saved = errno;

	if (ui_sigwrite != -1)
		(void)write(ui_sigwrite, &c, 1);
	errno = saved;
}

/* The selected reminder, or NULL if the list is empty. */
static struct task *
ui_selected(struct ui *ui)
{
	if (ui->list.n == 0)
		return (NULL);
	return (&ui->list.v[ui->sel]);
}

/* Moves the selection to index i (clamped) and remembers its id. */
static void
ui_select(struct ui *ui, long i)
{
	if (ui->list.n == 0) {
		ui->sel = 0;
		ui->sel_id = 0;
		return;
	}
	if (i < 0)
		i = 0;
	if ((size_t)i >= ui->list.n)
		i = (long)ui->list.n - 1;
	ui->sel = (size_t)i;
	ui->sel_id = ui->list.v[i].id;
	ui->dirty = 1;
}

/*
 * Re-reads the current view and puts the cursor back on the same
 * reminder, or on its neighbour if it left the view.
 */
static void
ui_load(struct ui *ui)
{
	struct task_list	 l;
	char			*cause = NULL;
	enum cmd_rc		 rc;
	size_t			 i, old = ui->sel;
	int64_t			 n;

	task_list_init(&l);
	ui->head = 0;
	if (ui->view == UI_VIEW_CENTER && !ui->loaded) {
		/*
		 * The first frame reads one screenful of each section and
		 * the counts, so start-up does not grow with the cache; the
		 * rest is read right after that frame is on screen.
		 */
		if ((rc = cmd_open_store(ui->ctx, &cause)) == CMD_OK &&
		    store_list_head(ui->ctx->store, ui->ctx->today,
		    LINES > 0 ? LINES : 24, &l, &ui->n_today, &ui->n_tomorrow,
		    &cause) != STORE_OK)
			rc = CMD_ESTORE;
		ui->head = rc == CMD_OK;
	} else
		rc = cmd_list(ui->ctx, ui->view != UI_VIEW_CENTER ?
		    STORE_VIEW_ALL : STORE_VIEW_CENTER, &l, &cause);
	if (rc != CMD_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		task_list_free(&l);
		return;
	}
	ui_search_apply(ui, &l);	/* the search, the limit (U9) */
	ui_open_filter(ui, &l);		/* T: one type (F8) */
	ui_day_keep_order(ui, &l);
	task_list_free(&ui->list);
	ui->list = l;
	ui->sel = old < l.n ? old : (l.n > 0 ? l.n - 1 : 0);
	for (i = 0; i < l.n; i++) {
		if (l.v[i].id == ui->sel_id) {
			ui->sel = i;
			break;
		}
	}
	ui->sel_id = l.n > 0 ? l.v[ui->sel].id : 0;
	if (store_pending(ui->ctx->store, &n, &cause) == STORE_OK)
		ui->pending = n;
	else
		free(cause);
	ui->reload = ui->head;	/* after the first frame: the rest */
	ui->loaded = 1;
	ui->list_gen++;
	ui->dirty = 1;
}

static void
ui_key_up(struct ui *ui)
{
	ui_select(ui, (long)ui->sel - 1);
}

static void
ui_key_down(struct ui *ui)
{
	ui_select(ui, (long)ui->sel + 1);
}

static void
ui_key_pgup(struct ui *ui)
{
	ui_select(ui, (long)ui->sel - ui_list_page(ui));
}

static void
ui_key_pgdn(struct ui *ui)
{
	ui_select(ui, (long)ui->sel + ui_list_page(ui));
}

static void
ui_key_home(struct ui *ui)
{
	ui_select(ui, 0);
}

static void
ui_key_end(struct ui *ui)
{
	ui_select(ui, (long)ui->list.n - 1);
}

static void
ui_key_add(struct ui *ui)
{
	ui_form_task(ui, NULL);
}

/*
 * Sends the selected local-only reminder (one from before T0) to
 * Salesforce after a y/n question, through cmd_push (S3).
 */
static void
ui_key_push(struct ui *ui)
{
	struct task	*t = ui_selected(ui);
	char		*q, *cause = NULL;
	int64_t		 id;
	int		 yes;

	if (t == NULL)
		return;
	if (t->sync != TASK_SYNC_LOCAL) {
		ui_message(ui, 0, t->sf_id != NULL ?
		    _("\"%s\" is already in Salesforce") :
		    _("\"%s\" is already queued for Salesforce"), t->name);
		return;
	}
	if (!cmd_after_t0(ui->ctx)) {
		/* TRANSLATORS: s is the key of the settings screen. */
		ui_message(ui, 0, "%s", _("sync was never switched on: switch "
		    "it on in settings (s) first"));
		return;
	}
	id = t->id;
	/* TRANSLATORS: y and n are the keys that answer; keep "(y/n)" and
	   the straight quotes around the name (a long name is cut there). */
	q = xasprintf(_("Send \"%s\" to Salesforce? (y/n)"), t->name);
	yes = ui_form_confirm(ui, q);
	free(q);
	if (!yes) {
		ui_message(ui, 0, "%s", _("not sent"));
		return;
	}
	if (cmd_push(ui->ctx, id, &cause) != CMD_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	ui_message(ui, 0, config_bool(ui->ctx->config, "sync.enabled") ?
	    _("queued reminder %lld for Salesforce") :
	    _("queued reminder %lld for Salesforce (sync is off: sent when it "
	    "is switched on)"), (long long)id);
	ui_after_edit(ui);
}

/* Enter: the details page; x and e pressed there act as on the list. */
static void
ui_key_details(struct ui *ui)
{
	int	key = 0;

	if (ui_selected(ui) != NULL)
		key = ui_list_details(ui);
	ui->dirty = 1;
	if (key != 0)
		ui_dispatch(ui, key);
}

/* Search as you type (ui-search.c, U9). */
static void
ui_key_search(struct ui *ui)
{
	ui_search(ui);
}

static void
ui_key_next(struct ui *ui)
{
	ui_search_next(ui, 1);
}

static void
ui_key_prev(struct ui *ui)
{
	ui_search_next(ui, -1);
}

static void
ui_key_limit(struct ui *ui)
{
	ui_search_limit(ui);
}

static void
ui_key_all(struct ui *ui)
{
	ui->day.nkeep = 0;	/* a view chosen afresh is sorted afresh */
	ui->view = ui->view == UI_VIEW_ALL ? UI_VIEW_CENTER : UI_VIEW_ALL;
	ui->top = 0;
	ui->reload = 1;
}

static void
ui_key_center(struct ui *ui)
{
	ui->day.nkeep = 0;	/* Esc re-sorts Today & Tomorrow */
	ui->view = UI_VIEW_CENTER;
	ui->top = 0;
	ui->reload = 1;
}

/* Asks the engine for a cycle now (C1); never waits for it. */
static void
ui_key_sync(struct ui *ui)
{
	if (ui->sync != NULL) {
		sync_now(ui->sync);
		ui_message(ui, 0, "%s", _("syncing now"));
	} else if (!config_bool(ui->ctx->config, "sync.enabled"))
		/* TRANSLATORS: s is the key of the settings screen. */
		ui_message(ui, 0, "%s", _("sync is off: switch it on in "
		    "settings (s)"));
	else if (ui->peer_pid != 0) {
		/* C11: the process that syncs does it (within a second). */
		if (sync_request_now(ui->ctx->cache_path) == 0)
			ui_message(ui, 0, _("asked pid %ld to sync now"),
			    ui->peer_pid);
		else
			ui_message(ui, 1, _("cannot reach pid %ld: it syncs "
			    "at its next poll"), ui->peer_pid);
	} else
		ui_message(ui, 1, "%s", _("sync is not running: see the status "
		    "line"));
}

static void
ui_key_settings(struct ui *ui)
{
	ui_settings(ui);
	ui->reload = 1;
}

/*
 * A mouse event: a click selects the row under it, a double click also
 * opens its details, the wheel moves three rows (ui_list_mouse).
 */
static void
ui_key_mouse(struct ui *ui)
{
	if (ui_list_mouse(ui) == 2)
		ui_key_details(ui);
}

/* L: the settings with the device-flow login started (U6, A1). */
static void
ui_key_login(struct ui *ui)
{
	ui_settings_login_now(ui);
	ui->reload = 1;
}

/* Opens the conflict log (C4). */
static void
ui_key_conflicts(struct ui *ui)
{
	ui_conflicts(ui);
	ui->reload = 1;
}

/* Builds the help page from the key table itself (STYLE: one table). */
static void
ui_key_help(struct ui *ui)
{
	const char	**lines;
	char		 *key;
	size_t		  i, n = 0;

	lines = xcalloc(UI_NKEYS + 8, sizeof *lines);
	for (i = 0; i < UI_NKEYS; i++) {
		if (ui_keys[i].label == NULL)
			continue;
		/* Padded by display width: "mouse" may be translated. */
		key = ui_text_pad(_(ui_keys[i].label), 10);
		lines[n++] = xasprintf("  %s %s", key, _(ui_keys[i].help));
		free(key);
	}
	lines[n++] = xstrdup("");
	/* TRANSLATORS: help screen, lines that end the list of keys;
	   the key names stay as they are; each line at most 79 columns. */
	lines[n++] = xstrdup(_("In forms: Tab/Shift-Tab move between fields, "
	    "^S or F2 saves,"));
	/* TRANSLATORS: the second of those lines; at most 79 columns. */
	lines[n++] = xstrdup(_("Esc cancels; arrows, Home/End, Backspace, "
	    "Delete, ^A ^E ^K ^U edit."));
	/* F14: the link picker. */
	/* TRANSLATORS: help screen; at most 79 columns. */
	lines[n++] = xstrdup(_("Who, What: Enter or a letter finds a person "
	    "or an account,"));
	/* TRANSLATORS: the line after "Who, What: ..."; at most 79
	   columns. */
	lines[n++] = xstrdup(_("Backspace removes the link; in the finder "
	    "Up/Down choose, Enter links."));
	/* TRANSLATORS: title of the help screen. */
	ui_help_page(ui, _("Keys"), lines, n);
	for (i = 0; i < n; i++)
		free((char *)lines[i]);
	free(lines);
}

static void
ui_key_redraw(struct ui *ui)
{
	clearok(curscr, TRUE);
	ui->dirty = 1;
}

/*
 * Quits; with changes not yet in Salesforce and no other process to send
 * them (C11), asks first.  A process waiting for our lock takes over
 * within 2 s of our quitting and sends them: no question then.
 */
static void
ui_key_quit(struct ui *ui)
{
	char	*q, *cause = NULL, *name = NULL;
	int64_t	 n = 0;
	long	 pid;

	if (config_bool(ui->ctx->config, "sync.enabled") &&
	    store_pending(ui->ctx->store, &n, &cause) == STORE_OK && n > 0 &&
	    (ui->sync != NULL ? !sync_standby_others(ui->ctx->cache_path) :
	    !sync_holder(ui->ctx->cache_path, &pid, &name))) {
		ui_list_draw(ui);
		wmove(stdscr, LINES - 2, 0);
		wclrtoeol(stdscr);
		/* TRANSLATORS: above the question "N changes not yet in
		   Salesforce - quit anyway?"; at most 79 columns. */
		ui_text_put(stdscr, _(" They are sent the next time taskdeck "
		    "syncs."), COLS, 1);
		/* TRANSLATORS: the second %s is a dash; y and n are the keys
		   that answer, keep "(y/n)"; at most 80 columns. */
		q = xasprintf(P_("%lld change not yet in Salesforce %s quit "
		    "anyway? (y/n)", "%lld changes not yet in Salesforce %s "
		    "quit anyway? (y/n)", n), (long long)n,
		    ui->utf8 ? "\u2014" : "-");
		ui->quit = ui_form_confirm(ui, q);
		free(q);
		ui->dirty = 1;
	} else
		ui->quit = 1;
	free(cause);
	free(name);
}

/* Runs the table entry for key; unknown keys are ignored with a hint. */
static void
ui_dispatch(struct ui *ui, int key)
{
	size_t	i;

	/* After ;, only x, d and z apply (to the tagged rows). */
	if (ui->day.prefix && key != ' ' && key != 'x' && key != 'd' &&
	    key != 'z') {
		ui->day.prefix = 0;
		if (key != UI_FN(KEY_RESIZE)) {
			ui_message(ui, 0, "%s",
			    _("nothing done to the tagged rows"));
			return;
		}
	}
	for (i = 0; i < UI_NKEYS; i++) {
		if (ui_keys[i].key == key) {
			ui_keys[i].fn(ui);
			return;
		}
	}
	if (key != UI_FN(KEY_RESIZE))
		ui_message(ui, 0, "%s", _("press ? for help"));
}

/* Sets up curses for this terminal: colours unless NO_COLOR (U7). */
static void
ui_curses_init(struct ui *ui)
{
	if (newterm(NULL, stdout, stdin) == NULL)
		fatal("cannot start the terminal UI: unknown terminal type");
	ui_curses_on = 1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	wtimeout(stdscr, 0);
	set_escdelay(25);
	curs_set(0);
	/*
	 * Clicks and the wheel only (no motion): the terminal still lets
	 * Shift+drag select text, as in every xterm-like terminal and tmux.
	 */
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	ui_color_apply(ui);
}

/* Installs the signal handlers that feed the self-pipe. */
static void
ui_signals(struct ui *ui, int install)
{
	struct sigaction	sa;
	static const int	sigs[] = { SIGWINCH, SIGTERM, SIGINT, SIGHUP };
	size_t			i;
	int			j;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = install ? ui_signal : SIG_DFL;
	if (install) {
		if (pipe(ui->sigfd) != 0)
			fatal("pipe: %s", strerror(errno));
		for (j = 0; j < 2; j++) {
			fcntl(ui->sigfd[j], F_SETFL, O_NONBLOCK);
			fcntl(ui->sigfd[j], F_SETFD, FD_CLOEXEC);
		}
		ui_sigwrite = ui->sigfd[1];
	}
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	if (!install) {
		ui_sigwrite = -1;
		close(ui->sigfd[0]);
		close(ui->sigfd[1]);
	}
}

int
ui_run(struct cmd_ctx *ctx, int first_frame_exit)
{
	struct ui	 ui;
	char		*cause = NULL;
	int		 key;

	if (!ui_text_term_ok(&cause)) {
		fprintf(stderr, _("taskdeck: %s: printing the list instead of "
		    "opening the command center (set TERM, e.g. "
		    "TERM=xterm-256color)\n"), cause);
		free(cause);
		return (UI_FALLBACK);
	}
	memset(&ui, 0, sizeof ui);
	ui.ctx = ctx;
	ui.first_frame_exit = first_frame_exit;
	ui.today = ctx->today;
	task_list_init(&ui.list);
	if (cmd_open_store(ctx, &cause) != CMD_OK) {
		fprintf(stderr, "taskdeck: %s\n", cause);
		free(cause);
		return (CMD_ESTORE);
	}
	ui_text_init();
	ui.utf8 = ui_text_utf8();
	ui_signals(&ui, 1);
	log_set_fatal_hook(ui_endwin);
	ui_curses_init(&ui);
	ui_cache_changed(&ui);
	ui_sync_apply(&ui);
	ui.reload = 1;
	while (!ui.quit) {
		if (ui.reload)
			ui_load(&ui);
		if (ui.dirty) {
			ui_list_draw(&ui);
			ui.dirty = 0;
		}
		if (ui.quit)
			break;
		if (ui.reload && ui.head)
			continue;	/* the rest, before any key (U1) */
		key = ui_getkey(&ui);
		if (key == UI_KEY_QUIT)
			break;
		if (key == UI_KEY_REFRESH)
			continue;
		ui_dispatch(&ui, key);
	}
	if (ui.sync != NULL)
		sync_stop(ui.sync);
	ui_endwin();
	log_set_fatal_hook(NULL);
	ui_signals(&ui, 0);
	task_list_free(&ui.list);
	ui_day_free(&ui);
	free(ui.needle);
	free(ui.limit);
	free(ui.msg);
	free(ui.status.message);
	free(ui.peer_name);
	free(ui.people_error);
	free(ui.people_answer);
	return (CMD_OK);
}
