/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The curses command center (SPEC U1-U7).  ui_run() is the one entry point
 * for main(); the rest of this header is shared by the ui*.c files only:
 * the state of the screen, the key codes, the helpers the loop and the
 * screens share (ui-common.c), the text drawing helpers and the screens
 * (list, form, settings, help).  Calls go one way: ui.c calls the screens,
 * the screens call each other downwards (conflicts and settings use the
 * form, the form redraws the list, the list opens the help page) and
 * everything calls ui-common.c and ui-text.c, which call no screen (the
 * wait only reads a login's fd from ui-login.c, which calls nothing back).
 * Only ui*.c include curses, and only the thread that calls ui_run()
 * touches it.
 */
#ifndef TD_UI_H
#define TD_UI_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cmd.h"
#include "sync.h"

/*
 * Runs the command center until q or a signal; returns a CLI exit code,
 * or UI_FALLBACK (having said why on stderr) when the terminal cannot
 * run it (TERM=dumb): the caller prints the list instead.
 */
#define UI_FALLBACK	(-1)
int	ui_run(struct cmd_ctx *, int first_frame_exit);

#ifdef TD_UI_INTERNAL
#include <curses.h>

/* Keys: a character is its code point; a curses key is UI_FN(KEY_x). */
#define UI_FN(k)	(0x1000000 | (k))
#define UI_KEY_QUIT	UI_FN(0xffff0)	/* a signal asked us to stop */
#define UI_KEY_REFRESH	UI_FN(0xffff1)	/* the cache or sync status changed */
#define UI_CTRL(c)	((c) & 0x1f)
#define UI_ESC		0x1b

enum ui_view {
	UI_VIEW_CENTER,		/* Today and Tomorrow (U1) */
	UI_VIEW_ALL,		/* every live reminder */
	UI_VIEW_SEARCH		/* store_search(needle) */
};

/* A stat(2) fingerprint of a file, to notice another process's writes. */
struct ui_stamp {
	dev_t		dev;
	ino_t		ino;
	off_t		size;
	long long	mtime_ns;
};

/* ui-day.c: a rep's workflow (U9): what x, u, t, ;, z and C keep. */
struct ui_undo;
struct ui_change {
	int64_t		 at_ms;		/* when it arrived */
	int64_t		 id;
	int		 kind;		/* enum sync_change_kind */
	char		*name;
};
struct ui_day {
	int64_t		*keep;		/* rows x touched: stay in place */
	size_t		 nkeep, capkeep;
	enum ui_view	 keep_view;	/* ... in this view, */
	int32_t		 keep_today;	/* ... on this day */
	int64_t		*tags;		/* t */
	size_t		 ntags, captags;
	int		 prefix;	/* ; pressed: next action on tags */
	struct ui_undo	*undo;		/* u: steps, last on top */
	size_t		 nundo, capundo;
	struct ui_change *changes;	/* C: recent, from Salesforce */
	size_t		 nchanges;
	int64_t		 hl_until_ms;	/* changed rows highlighted till */
};

struct ui {
	struct cmd_ctx		*ctx;
	struct sync		*sync;		/* NULL while sync is off */
	struct ui_login		*login;		/* a device flow under way */
	int			 utf8;		/* locale can show UTF-8 */
	int			 color;		/* colours in use */
	int			 first_frame_exit;

	enum ui_view		 view;
	char			*needle;	/* UI_VIEW_SEARCH; n and N */
	char			*limit;		/* l: only rows holding it */
	int			 type_filter;	/* T: 0 all, else 1..4 */
	struct task_list	 list;
	size_t			 sel;		/* index into list */
	int64_t			 sel_id;	/* kept across reloads (U4) */
	int			 top;		/* first list line shown */
	int			 head;		/* list is store_list_head's */
	int			 loaded;	/* a listing was read once */
	int64_t			 n_today;	/* its section counts */
	int64_t			 n_tomorrow;
	unsigned		 list_gen;	/* bumped by each load */
	unsigned		 cols_gen;	/* list_gen the widths are of */
	int			 need_name;	/* widest name (+ overdue) */
	int			 need_rel;	/* widest Who, What */
	int64_t			 pane_id;	/* reminder the pane shows */
	int64_t			 pane_due_ms;	/* pane due then; -1 now; 0 */
	int64_t			 pane_move_ms;	/* the cursor's last move */
	int64_t			 pane_sel;	/* the reminder it moved to */

	char			*msg;		/* message line, or NULL */
	int			 msg_err;

	struct sync_status	 status;	/* last SYNC_EV_STATUS */
	int			 have_status;
	/* Another process syncs this cache (C11): its pid and name. */
	long			 peer_pid;
	char			*peer_name;
	int64_t			 peer_looked;	/* ms: last look at the lock */
	int64_t			 pending;	/* outbox entries, read here */

	int			 reload;	/* re-read the listing */
	int			 dirty;		/* redraw */
	int			 quit;
	int			 sigfd[2];	/* signal self-pipe */
	struct ui_stamp		 stamp[2];	/* cache and its -wal */
	int32_t			 today;
	struct ui_day		 day;		/* ui-day.c (U9) */
	/* The link picker (ui-people.c, F14): its search's answers. */
	unsigned		 people_gen;	/* bumped by each answer */
	int			 people_found;
	char			*people_error;	/* the last answer's, or NULL */
	char			*people_answer;	/* the text it answered */
	int64_t			 people_due_ms;	/* search then; -1 due; 0 */
};

/* Colour pairs (used only if ui->color). */
enum ui_pair {
	UI_PAIR_HEAD = 1, UI_PAIR_OVERDUE, UI_PAIR_HIGH, UI_PAIR_OK,
	UI_PAIR_ERR, UI_PAIR_BAR
};

/*
 * ui-common.c: what the loop (ui.c) and the screens share, below them
 * all; it calls no screen and nothing in ui.c.
 */
int	 ui_getkey(struct ui *);
void	 ui_message(struct ui *, int err, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 ui_after_edit(struct ui *);
int	 ui_attr(const struct ui *, enum ui_pair, int mono);
/*
 * Draws a screen's footer: error (if any) in the error colour on row
 * err_y, and the dimmed key hint on the bottom row.
 */
void	 ui_footer(const struct ui *, int err_y, const char *error,
	    const char *hint);
void	 ui_frame_done(struct ui *);
void	 ui_color_apply(struct ui *);
void	 ui_sync_apply(struct ui *);
int	 ui_sync_peer(struct ui *, int force);
int	 ui_cache_changed(struct ui *);
/* A reminder's status, priority and sync badge in the user's language. */
const char *ui_word_status(enum task_status);
const char *ui_word_priority(enum task_priority);
const char *ui_word_sync(enum task_sync);
int	 ui_word_sync_width(void);

/* ui-text.c: display width and drawing, wcwidth-aware, B5-safe. */
void	 ui_text_init(void);
int	 ui_text_term_ok(char **why);
int	 ui_text_altscreen(void);
int	 ui_text_utf8(void);
int	 ui_text_cpwidth(unsigned int cp);
int	 ui_text_width(const char *);
int	 ui_text_put(WINDOW *, const char *, int cols, int pad);
char	*ui_text_pad(const char *, int cols);
void	 ui_text_hline(WINDOW *, int y, int x, int cols);

/* ui-list.c: the command center, the detail screen and the status line. */
void	 ui_list_draw(struct ui *);
/* Returns 'x' or 'e' when the rep pressed it on the page, else 0. */
int	 ui_list_details(struct ui *);
int	 ui_list_page(const struct ui *);
/*
 * Serves the mouse event curses holds: a click on a row selects it (1),
 * a double click selects it and asks for its details (2), the wheel
 * moves three rows (1); 0 if the event hit no row.
 */
int	 ui_list_mouse(struct ui *);

/* ui-form.c: the line editor, prompts and the add / edit form. */
char	*ui_form_prompt(struct ui *, const char *label, const char *init);
/* The same, calling changed(ui, text, arg) and redrawing the list at
 * each change of the text (search as you type). */
char	*ui_form_prompt_live(struct ui *, const char *label, const char *init,
	    void (*changed)(struct ui *, const char *, void *), void *arg);
/* The same over another screen: redraw(ui, arg) draws it (not the list). */
char	*ui_form_prompt_over(struct ui *, const char *label, const char *init,
	    void (*changed)(struct ui *, const char *, void *), void *arg,
	    void (*redraw)(struct ui *, void *));
int	 ui_form_confirm(struct ui *, const char *question);
void	 ui_form_task(struct ui *, const struct task *orig);

/* ui-people.c: the link picker (F14) and the form's Who/What row. */
int	 ui_people_pick(struct ui *, int who, const char *init, char **id,
	    char **name);
void	 ui_people_row(struct ui *, int y, char *const names[2], int which,
	    int *cy, int *cx);
int	 ui_people_key(struct ui *, int which, int key, char **id,
	    char **name);

/* ui-search.c: search as you type, n / N, limit (U9). */
void	 ui_search(struct ui *);
void	 ui_search_limit(struct ui *);
void	 ui_search_next(struct ui *, int dir);
/* Filters a listing just read by the search view's text and the limit. */
void	 ui_search_apply(struct ui *, struct task_list *);

/* ui-open.c: the type mark and filter, o (issue 17, F8, F11). */
const char *ui_open_type_mark(const struct ui *, enum task_type);
void	 ui_open_filter(const struct ui *, struct task_list *);
/* The list heading s with the type filter said after it; frees s. */
char	*ui_open_heading(const struct ui *, char *s);
void	 ui_key_type(struct ui *);
void	 ui_key_open(struct ui *);

/* ui-settings.c: the settings screen (U6). */
void	 ui_settings(struct ui *);
/* The settings screen with the device-flow login started at once (L). */
void	 ui_settings_login_now(struct ui *);

/* ui-login.c: the device-flow login, on its own thread (A1, U6). */
struct ui_login;
struct ui_login_ev {
	char	*uri;		/* show the rep this URL */
	char	*code;		/* and this code; or */
	int	 done;		/* the outcome: */
	char	*instance_url;	/* logged in, or */
	char	*cause;		/* why not */
	char	*warning;	/* logged in, but the org was not read */
};
/* Starts a login: NULL with *cause if it cannot start. */
struct ui_login	*ui_login_start(const char *login_url, const char *client_id,
		    const char *cache_path, char **cause);
/* Readable while events wait. */
int		 ui_login_fd(const struct ui_login *);
/* The next event (caller frees it), or NULL. */
struct ui_login_ev *ui_login_next(struct ui_login *);
void		 ui_login_ev_free(struct ui_login_ev *);
/* Cancels the login if it still runs, joins its thread and frees it. */
void		 ui_login_end(struct ui_login *);

/*
 * ui-day.c: a rep's workflow (U9).  The keys' actions (ui.c calls them)
 * and, below every screen, what the list and the wait read: tags, the
 * rows sync just changed, and noting those changes.
 */
void	 ui_day_toggle(struct ui *);
void	 ui_day_delete(struct ui *);
void	 ui_day_edit(struct ui *);
void	 ui_day_undo(struct ui *);
void	 ui_day_tag(struct ui *);
void	 ui_day_prefix(struct ui *);
void	 ui_day_snooze(struct ui *);
void	 ui_day_changes_page(struct ui *);
/* Keeps touched rows where they were in a fresh listing l (finding 1). */
void	 ui_day_keep_order(struct ui *, struct task_list *l);
int	 ui_day_tagged(const struct ui *, int64_t id);
int	 ui_day_fresh(const struct ui *, int64_t id);
void	 ui_day_note(struct ui *, const struct sync_change *, size_t n);
void	 ui_day_free(struct ui *);

/* ui-conflicts.c: the conflict log with restore (C4). */
void	 ui_conflicts(struct ui *);

/* ui-help.c: a scrolling page of lines (help, conflict log). */
void	 ui_help_page(struct ui *, const char *title, const char **lines,
	    size_t n);
int	 ui_help_page_keys(struct ui *, const char *title, const char **lines,
	    size_t n, const char *keys, const char *hint);
#endif

#endif
