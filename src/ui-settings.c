/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The settings screen (SPEC U6): the checkbox "Sync reminder tasks with
 * Salesforce", the login state, and every other setting of config_keys
 * (instance, subject template, poll interval, status and priority values,
 * first-import window, ...).  Changes are kept on the screen until Save,
 * which applies each through cmd_config_set (the CLI's own operation, so
 * ticking the box records T0, S2) and then starts or stops the engine.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#define TD_UI_INTERNAL
#include "config.h"
#include "i18n.h"
#include "paths.h"
#include "sync-merge.h"
#include "ui.h"
#include "xmalloc.h"

static void	ui_settings_run(struct ui *, int);

/* The screen's state: the edited values and the selected row. */
struct ui_settings {
	char	**vals;		/* one per config_keys entry */
	int	 *changed;
	size_t	  sel;
	size_t	  top;		/* first key row shown: they scroll */
	char	 *error;
	int	  logged_in;
	char	 *login_url;	/* of the login under way (ui->login) */
	char	 *login_uri;	/* its URL and code, once known */
	char	 *login_code;
	char	 *tmpl_live;	/* the template as typed, while edited */
};

/*
 * What each setting means to a rep, shown with its key beside it
 * ("Priority for High reminders (sf.priority_high)"); a key not listed
 * here shows its name alone.
 */
static const struct {
	const char	*key;
	const char	*label;		/* N_(): looked up where shown */
} ui_settings_labels[] = {
	/* TRANSLATORS: settings label; its key follows; at most 33 columns. */
	{ "sync.poll_interval", N_("Check Salesforce every (seconds)") },
	/* TRANSLATORS: settings label; its key follows; at most 27 columns. */
	{ "sync.first_import_window", N_("First sync brings in the last") },
	/* TRANSLATORS: settings label; its key follows; at most 30 columns. */
	{ "sync.subject_template", N_("Subject written to Salesforce") },
	/* TRANSLATORS: settings label; its key follows; at most 30 columns. */
	{ "sync.api_budget_share", N_("Share of the API allowance (%)") },
	/* TRANSLATORS: settings label; its key follows; at most 33 columns. */
	{ "sync.create_settle", N_("Wait before resending (seconds)") },
	/* TRANSLATORS: settings label; its key follows; at most 37 columns. */
	{ "sync.streaming", N_("Live updates from Salesforce") },
	/* TRANSLATORS: settings label; its key follows; at most 35 columns. */
	{ "sync.safety_poll", N_("Check while live every (seconds)") },
	/* TRANSLATORS: settings label; its key follows; at most 32 columns. */
	{ "sync.notify_command", N_("Command run on each change") },
	/* TRANSLATORS: settings label; its key follows; at most 39 columns. */
	{ "sf.login_url", N_("Salesforce login page") },
	/* TRANSLATORS: settings label; its key follows; at most 36 columns. */
	{ "sf.instance_url", N_("Your Salesforce address") },
	/* TRANSLATORS: settings label; its key follows; at most 39 columns. */
	{ "sf.client_id", N_("Company app key (ask your admin)") },
	/* TRANSLATORS: settings label; its key follows; at most 37 columns. */
	{ "sf.status_open", N_("Status for open reminders") },
	/* TRANSLATORS: settings label; its key follows; at most 33 columns. */
	{ "sf.status_complete", N_("Status for completed reminders") },
	/* TRANSLATORS: settings label; its key follows; at most 33 columns. */
	{ "sf.priority_normal", N_("Priority for normal reminders") },
	/* TRANSLATORS: settings label; its key follows; at most 35 columns. */
	{ "sf.priority_high", N_("Priority for High reminders") },
	/* TRANSLATORS: settings label; its key follows; at most 31 columns. */
	{ "sf.external_id_field", N_("Duplicate guard field (admin)") },
	/* TRANSLATORS: settings label; its key follows; at most 43 columns. */
	{ "ui.color", N_("Colours") },
};

/* "Label (key)" for a row (new string). */
static char *
ui_settings_label(const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof ui_settings_labels /
	    sizeof ui_settings_labels[0]; i++)
		if (strcmp(ui_settings_labels[i].key, key) == 0)
			return (xasprintf("%s (%s)",
			    _(ui_settings_labels[i].label), key));
	return (xstrdup(key));
}

/* The config_keys index of name. */
static size_t
ui_settings_find(const char *name)
{
	size_t	i;

	for (i = 0; i < config_nkeys; i++)
		if (strcmp(config_keys[i].name, name) == 0)
			return (i);
	return (0);
}

/*
 * Whether creates are exactly-once (the org's external-Id field, C6), as
 * the settings on screen say: a line of its own under the login, where
 * it fits at 80 columns.
 */
static const char *
ui_settings_note(const struct ui_settings *st)
{
	size_t	i;

	for (i = 0; i < config_nkeys; i++)
		if (strcmp(config_keys[i].name, "sf.external_id_field") == 0)
			break;
	if (i == config_nkeys)
		return ("");
	/* TRANSLATORS: settings, a line under the login state; keep the
	   five leading spaces; at most 80 columns. */
	return (*st->vals[i] != '\0' ? _("     Creates in Salesforce: "
	    "exactly-once (duplicate guard field set)") :
	    /* TRANSLATORS: the same line when no field is set; keep the
	       five leading spaces; at most 80 columns. */
	    _("     Creates in Salesforce: not exactly-once (no duplicate "
	    "guard field: ask your admin)"));
}

/*
 * Draws the login state from row y: the device flow's URL and code while
 * a login runs (A1).  Returns the last row used.
 */
static int
ui_settings_draw_login(struct ui *ui, struct ui_settings *st, int y)
{
	const char	*inst = config_get(ui->ctx->config, "sf.instance_url");
	char		*s;

	if (ui->login != NULL && st->login_code == NULL)
		/* TRANSLATORS: settings, the login state while it starts; %s
		   is the login host; keep the five leading spaces. */
		s = xasprintf(_("     Salesforce login: contacting %s..."),
		    st->login_url);
	else if (ui->login != NULL) {
		/* TRANSLATORS: device login, first of two lines: %s is the
		   web address to open; keep the five leading spaces. */
		s = xasprintf(_("     To log in, open %s"), st->login_uri);
		wmove(stdscr, y++, 0);
		ui_text_put(stdscr, s, COLS, 1);
		free(s);
		/* TRANSLATORS: device login, second line: %s is the code to
		   type on that page; Esc is the key; keep the five leading
		   spaces; at most 80 columns with an 8-letter code. */
		s = xasprintf(_("     and enter the code: %s   (waiting; "
		    "Esc cancels)"), st->login_code);
		wattron(stdscr, A_BOLD);
	} else if (st->logged_in && *inst != '\0')
		/* TRANSLATORS: settings, the login state; %s is the org's
		   address; keep the five leading spaces. */
		s = xasprintf(_("     Salesforce login: credentials saved, "
		    "%s"), inst);
	else if (st->logged_in)
		/* TRANSLATORS: keep the five leading spaces. */
		s = xstrdup(_("     Salesforce login: credentials saved"));
	else
		/* TRANSLATORS: keep the five leading spaces; L is the key;
		   at most 80 columns. */
		s = xstrdup(_("     Salesforce login: not logged in (L: log "
		    "in)"));
	wmove(stdscr, y, 0);
	ui_text_put(stdscr, s, COLS, 1);
	wattrset(stdscr, A_NORMAL);
	free(s);
	if (ui->login == NULL && st->logged_in) {
		wmove(stdscr, ++y, 0);
		ui_text_put(stdscr, ui_settings_note(st), COLS, 1);
	}
	return (y);
}

/*
 * The admin's template (issue 17): the dynamic fields the subject
 * template accepts, on row y, and the Subject it renders for the reminder
 * selected on the main screen, on row y + 1, live while it is typed (F6,
 * F10).
 */
static void
ui_settings_preview(struct ui *ui, struct ui_settings *st, int y,
    const char *tmpl)
{
	const struct task	*t = NULL;
	char			*subj, *s;

	if (ui->list.n > 0 && ui->sel < ui->list.n)
		t = &ui->list.v[ui->sel];
	wmove(stdscr, y, 1);
	wattrset(stdscr, A_DIM);
	/* TRANSLATORS: the {{...}} names and the four words stay as they
	 * are (they are Salesforce's); at most 78 columns. */
	ui_text_put(stdscr, _("Fields: {{activity_subject}} name,"
	    " {{activity_type}} Call/Email/InMail/Custom"), COLS - 2, 1);
	wattrset(stdscr, A_NORMAL);
	subj = merge_subject(tmpl, t != NULL ? t->name : _("Follow up"),
	    t != NULL ? t->type : TASK_TYPE_CALL);
	/* TRANSLATORS: %s is the Subject a template renders. */
	s = xasprintf(t != NULL ? _("Preview: %s") :
	    _("Preview (no reminder selected): %s"), subj);
	wmove(stdscr, y + 1, 1);
	ui_text_put(stdscr, s, COLS - 2, 1);
	free(s);
	free(subj);
	(void)st;
}

/* Draws the settings screen. */
static void
ui_settings_draw(struct ui *ui, struct ui_settings *st)
{
	const struct config_key	*k;
	char			*s;
	size_t			 i, rows;
	int			 y = 2, on, attr, lw = 26, w;

	/* The label column: as wide as the widest, leaving 20 for values. */
	for (i = 0; i < config_nkeys; i++) {
		s = ui_settings_label(config_keys[i].name);
		if ((w = ui_text_width(s) + 1) > lw)
			lw = w;
		free(s);
	}
	if (lw > COLS - 25)
		lw = COLS - 25 > 10 ? COLS - 25 : 10;
	werase(stdscr);
	wattrset(stdscr, ui_attr(ui, UI_PAIR_BAR, A_REVERSE) | A_BOLD);
	wmove(stdscr, 0, 0);
	/* TRANSLATORS: title of the settings screen; keep the leading
	   space. */
	ui_text_put(stdscr, _(" Settings"), COLS, 1);
	wattrset(stdscr, A_NORMAL);
	for (i = 0; i < config_nkeys && y < LINES - 5; i++, y++) {
		k = &config_keys[i];
		if (i == 1) {
			/* The key rows scroll to keep the selected one in
			 * sight (more keys than an 80x24 screen has rows). */
			rows = LINES - 5 - y > 1 ? (size_t)(LINES - 5 - y) : 1;
			if (st->top < 1)
				st->top = 1;
			if (st->sel >= 1 && st->sel < st->top)
				st->top = st->sel;
			if (st->sel >= st->top + rows)
				st->top = st->sel - rows + 1;
			if (st->top + rows > config_nkeys)
				st->top = config_nkeys > rows + 1 ?
				    config_nkeys - rows : 1;
			i = st->top;
			k = &config_keys[i];
		}
		attr = i == st->sel ? A_REVERSE : A_NORMAL;
		wattrset(stdscr, attr);
		wmove(stdscr, y, 0);
		if (strcmp(k->name, "sync.enabled") == 0) {
			on = config_parse_bool(st->vals[i]) == 1;
			/* The checkbox's label: config.c's help, marked
			   there with N_(). */
			s = xasprintf(" [%c] %s%s", on ? 'x' : ' ',
			    _(k->help), st->changed[i] ? " *" : "");
			wattron(stdscr, A_BOLD);
			ui_text_put(stdscr, s, COLS, 1);
			free(s);
			wattrset(stdscr, A_NORMAL);
			y = ui_settings_draw_login(ui, st, y + 1);
			continue;
		}
		waddstr(stdscr, "     ");
		s = ui_settings_label(k->name);
		ui_text_put(stdscr, s, lw, 1);
		free(s);
		s = xasprintf("%s%s", *st->vals[i] != '\0' ? st->vals[i] :
		    /* TRANSLATORS: a setting's value when it has none; at
		       most 18 columns. */
		    C_("setting value", "(empty)"), st->changed[i] ? " *" :
		    "");
		ui_text_put(stdscr, s, COLS - 5 - lw, 1);
		free(s);
		wattrset(stdscr, A_NORMAL);
	}
	if (strcmp(config_keys[st->sel].name, "sync.subject_template") == 0)
		ui_settings_preview(ui, st, LINES - 5, st->tmpl_live != NULL ?
		    st->tmpl_live : st->vals[st->sel]);
	else {
		wmove(stdscr, LINES - 4, 1);
		wattrset(stdscr, A_DIM);
		ui_text_put(stdscr, _(config_keys[st->sel].help), COLS - 2, 1);
		wattrset(stdscr, A_NORMAL);
	}
	/* TRANSLATORS: the settings' key line: Space, Enter, L, S and Esc
	   are keys and stay, * is the mark of an unsaved value; at most 79
	   columns. */
	ui_footer(ui, LINES - 3, st->error, _(" Space: tick  Enter: change"
	    "  L: log in  S: save  Esc: cancel  *: unsaved"));
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(ui);
}

/* ui_form_prompt_over's callbacks: the template as typed, the screen. */
static void
ui_settings_typed(struct ui *ui, const char *text, void *arg)
{
	struct ui_settings	*st = arg;

	free(st->tmpl_live);
	st->tmpl_live = xstrdup(text);
	(void)ui;
}

static void
ui_settings_redraw(struct ui *ui, void *arg)
{
	ui_settings_draw(ui, arg);
}

/* Replaces the edited value of row i. */
static void
ui_settings_set(struct ui *ui, struct ui_settings *st, size_t i,
    const char *v)
{
	free(st->vals[i]);
	st->vals[i] = xstrdup(v);
	st->changed[i] = strcmp(v, config_get(ui->ctx->config,
	    config_keys[i].name)) != 0;
}

/* Space: ticks the checkbox or cycles ui.color. */
static void
ui_settings_toggle(struct ui *ui, struct ui_settings *st)
{
	static const char	*colors[] = { "auto", "always", "never" };
	const char		*name = config_keys[st->sel].name;
	size_t			 j;

	if (strcmp(name, "sync.enabled") == 0) {
		ui_settings_set(ui, st, st->sel,
		    config_parse_bool(st->vals[st->sel]) == 1 ? "false" :
		    "true");
	} else if (strcmp(name, "ui.color") == 0) {
		for (j = 0; j < 3; j++)
			if (strcmp(st->vals[st->sel], colors[j]) == 0)
				break;
		ui_settings_set(ui, st, st->sel, colors[(j + 1) % 3]);
	}
}

/* Enter: edits the value of the selected row in a prompt, checked. */
static void
ui_settings_edit(struct ui *ui, struct ui_settings *st)
{
	const struct config_key	*k = &config_keys[st->sel];
	char			*v, *label, *cause = NULL;

	if (strcmp(k->name, "sync.enabled") == 0 ||
	    strcmp(k->name, "ui.color") == 0) {
		ui_settings_toggle(ui, st);
		return;
	}
	ui_settings_draw(ui, st);
	label = xasprintf("%s: ", k->name);
	if (strcmp(k->name, "sync.subject_template") == 0) {
		/* The preview follows each key typed (issue 17). */
		st->tmpl_live = xstrdup(st->vals[st->sel]);
		v = ui_form_prompt_over(ui, label, st->vals[st->sel],
		    ui_settings_typed, st, ui_settings_redraw);
		free(st->tmpl_live);
		st->tmpl_live = NULL;
	} else
		v = ui_form_prompt(ui, label, st->vals[st->sel]);
	free(label);
	if (v == NULL)
		return;
	if (k->check != NULL && k->check(v, &cause) != 0) {
		free(st->error);
		st->error = xasprintf("%s: %s", k->name, cause);
		free(cause);
	} else
		ui_settings_set(ui, st, st->sel, v);
	free(v);
}

/*
 * Saves every changed value through cmd_config_set, the sync checkbox
 * last so the engine starts with the other settings in place (S1, S2).
 * Returns 0, or -1 with st->error.
 */
static int
ui_settings_save(struct ui *ui, struct ui_settings *st)
{
	size_t	 i, en = ui_settings_find("sync.enabled"), n = 0;
	char	*cause = NULL;
	int	 was_on = config_bool(ui->ctx->config, "sync.enabled");

	for (i = 0; i <= config_nkeys; i++) {
		size_t	k = i < config_nkeys ? i : en;

		if ((i < config_nkeys && k == en) || !st->changed[k])
			continue;
		if (cmd_config_set(ui->ctx, config_keys[k].name, st->vals[k],
		    &cause) != CMD_OK) {
			free(st->error);
			st->error = cause;
			st->sel = k;
			return (-1);
		}
		st->changed[k] = 0;
		n++;
	}
	if (n == 0) {
		ui_message(ui, 0, "%s", _("no changes"));
		return (0);
	}
	ui_color_apply(ui);
	ui_sync_apply(ui);
	if (!was_on && config_bool(ui->ctx->config, "sync.enabled") &&
	    !st->logged_in && ui->sync != NULL)
		/* TRANSLATORS: L is the key that logs in. */
		ui_message(ui, 0, "%s", _("settings saved: sync switched on; "
		    "not logged in yet: press L to log in"));
	else if (!was_on && config_bool(ui->ctx->config, "sync.enabled"))
		ui_message(ui, 0, "%s", ui->sync != NULL ? _("settings saved: "
		    "sync switched on, first sync starting") : _("settings "
		    "saved: sync switched on, but the engine did not start"));
	else if (was_on && !config_bool(ui->ctx->config, "sync.enabled"))
		ui_message(ui, 0, "%s", _("settings saved: sync switched off"));
	else
		ui_message(ui, 0, "%s", _("settings saved"));
	return (0);
}

/* L: starts the device-flow login with the values on the screen (A1). */
static void
ui_settings_login(struct ui *ui, struct ui_settings *st)
{
	const char	*url = st->vals[ui_settings_find("sf.login_url")];
	char		*cause = NULL;

	if (ui->login != NULL)
		return;
	ui->login = ui_login_start(url,
	    st->vals[ui_settings_find("sf.client_id")], ui->ctx->cache_path,
	    &cause);
	if (ui->login == NULL) {
		free(st->error);
		st->error = xasprintf(_("cannot log in: %s"), cause);
		free(cause);
		return;
	}
	free(st->login_url);
	st->login_url = xstrdup(url);
}

/* Ends the login under way and forgets its URL and code. */
static void
ui_settings_login_end(struct ui *ui, struct ui_settings *st)
{
	ui_login_end(ui->login);
	ui->login = NULL;
	free(st->login_uri);
	free(st->login_code);
	st->login_uri = st->login_code = NULL;
}

/*
 * Takes the login thread's news: the URL and code to show, or the outcome.
 * A new login records its host and instance (A3), as `taskdeck login`
 * does, and wakes the engine so that sync resumes at once.
 */
static void
ui_settings_login_events(struct ui *ui, struct ui_settings *st)
{
	struct ui_login_ev	*ev;
	char			*cause = NULL;
	size_t			 i;
	int			 rc = CMD_OK;

	while (ui->login != NULL && (ev = ui_login_next(ui->login)) != NULL) {
		if (ev->uri != NULL) {
			free(st->login_uri);
			free(st->login_code);
			st->login_uri = xstrdup(ev->uri);
			st->login_code = xstrdup(ev->code);
		}
		if (!ev->done) {
			ui_login_ev_free(ev);
			continue;
		}
		ui_settings_login_end(ui, st);
		free(st->error);
		st->error = NULL;
		if (ev->instance_url == NULL)
			/* TRANSLATORS: why the login failed follows. */
			st->error = xasprintf(_("login: %s"), ev->cause);
		else {
			st->logged_in = 1;
			rc = cmd_config_set(ui->ctx, "sf.login_url",
			    st->login_url, &cause);
			if (rc == CMD_OK)
				rc = cmd_config_set(ui->ctx, "sf.instance_url",
				    ev->instance_url, &cause);
			if (rc != CMD_OK) {
				st->error = cause;
				cause = NULL;
			} else if (ev->warning != NULL)
				st->error = xstrdup(ev->warning);
			else if (cmd_check_org(ui->ctx, &cause) != CMD_OK) {
				/* F2 F3: a value this org does not have. */
				st->error = cause;
				cause = NULL;
			}
			i = ui_settings_find("sf.login_url");
			ui_settings_set(ui, st, i, st->login_url);
			i = ui_settings_find("sf.instance_url");
			ui_settings_set(ui, st, i, ev->instance_url);
			ui_message(ui, 0, _("logged in to %s"),
			    ev->instance_url);
			if (ui->sync != NULL)
				sync_now(ui->sync);
		}
		ui_login_ev_free(ev);
	}
}

/* Runs the settings screen until saved or cancelled. */
void
ui_settings(struct ui *ui)
{
	ui_settings_run(ui, 0);
}

void
ui_settings_login_now(struct ui *ui)
{
	ui_settings_run(ui, 1);
}

/* The settings screen; with login, the device flow starts at once. */
static void
ui_settings_run(struct ui *ui, int login)
{
	struct ui_settings	 st;
	struct stat		 sb;
	char			*cred;
	size_t			 i;
	int			 key, done = 0, dirty;

	memset(&st, 0, sizeof st);
	st.vals = xcalloc(config_nkeys, sizeof *st.vals);
	st.changed = xcalloc(config_nkeys, sizeof *st.changed);
	for (i = 0; i < config_nkeys; i++)
		st.vals[i] = xstrdup(config_get(ui->ctx->config,
		    config_keys[i].name));
	cred = paths_credentials();
	st.logged_in = stat(cred, &sb) == 0;
	free(cred);
	if (login)
		ui_settings_login(ui, &st);
	while (!done) {
		ui_settings_draw(ui, &st);
		key = ui_getkey(ui);
		if (key != UI_KEY_REFRESH && key != UI_FN(KEY_RESIZE)) {
			free(st.error);
			st.error = NULL;
		}
		switch (key) {
		case UI_KEY_REFRESH:
			ui_settings_login_events(ui, &st);
			break;
		case 'L':
		case 'l':
			ui_settings_login(ui, &st);
			break;
		case UI_FN(KEY_UP):
		case 'k':
			if (st.sel > 0)
				st.sel--;
			break;
		case UI_FN(KEY_DOWN):
		case 'j':
		case '\t':
			if (st.sel + 1 < config_nkeys)
				st.sel++;
			break;
		case ' ':
		case 'x':
			ui_settings_toggle(ui, &st);
			break;
		case '\r':
		case '\n':
		case UI_FN(KEY_ENTER):
			ui_settings_edit(ui, &st);
			break;
		case 'S':
		case UI_CTRL('s'):
		case UI_FN(KEY_F(2)):
			if (ui_settings_save(ui, &st) == 0)
				done = 1;
			break;
		case UI_KEY_QUIT:
			done = 1;
			break;
		case UI_ESC:
		case 'q':
		case UI_CTRL('c'):
			if (ui->login != NULL) {
				ui_settings_login_end(ui, &st);
				st.error = xstrdup(_("login cancelled"));
				break;
			}
			for (i = 0, dirty = 0; i < config_nkeys; i++)
				dirty |= st.changed[i];
			/* TRANSLATORS: y and n are the keys that answer;
			   keep "(y/n)". */
			if (!dirty || ui_form_confirm(ui,
			    _("Discard the unsaved settings? (y/n)"))) {
				if (dirty)
					ui_message(ui, 0, "%s",
					    _("settings not saved"));
				done = 1;
			}
			break;
		}
	}
	ui_settings_login_end(ui, &st);
	free(st.login_url);
	for (i = 0; i < config_nkeys; i++)
		free(st.vals[i]);
	free(st.vals);
	free(st.changed);
	free(st.error);
	ui->dirty = 1;
}
