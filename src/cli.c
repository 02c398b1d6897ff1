/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Command-line commands.  Messages go to stderr as "taskdeck: what failed",
 * results to stdout; exit codes: 0 ok, 1 usage or invalid input, 2 no such
 * reminder, 3 cache error, 4 sync failed, 5 login needed (cli-sync.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-open.h"
#include "cli-service.h"
#include "cli-sync.h"
#include "config.h"
#include "date.h"
#include "i18n.h"
#include "task-json.h"
#include "utf8.h"
#include "xmalloc.h"

struct cli_cmd {
	const char	*name;
	const char	*args;
	const char	*help;
	int		(*exec)(struct cmd_ctx *, int, char **);
};

static int	cli_list(struct cmd_ctx *, int, char **);
static int	cli_add(struct cmd_ctx *, int, char **);
static int	cli_done(struct cmd_ctx *, int, char **);
static int	cli_reopen(struct cmd_ctx *, int, char **);
static int	cli_rm(struct cmd_ctx *, int, char **);
static int	cli_edit(struct cmd_ctx *, int, char **);
static int	cli_show(struct cmd_ctx *, int, char **);
static int	cli_push(struct cmd_ctx *, int, char **);
static int	cli_config(struct cmd_ctx *, int, char **);
static int	cli_import(struct cmd_ctx *, int, char **);
static int	cli_helpcmd(struct cmd_ctx *, int, char **);

/*
 * The args (command syntax: option names, NAME, DATE, ID...) stay as
 * typed; the help is translated where it is shown (N_ here, _ there).
 */
static const struct cli_cmd cli_cmds[] = {
	{ "list", "[--today|--tomorrow|--overdue|--all] [--type T] [--json]",
	  /* TRANSLATORS: `taskdeck help`: one command's description. */
	  N_("list reminders (default: overdue and today, then tomorrow)"),
	  cli_list },
	{ "add", "NAME [--due DATE] [--priority normal|high] [--details TEXT]"
	  " [--type call|email|linkedin|other] [--who NAME] [--what NAME]"
	  " [--json]", N_("add a reminder"), cli_add },
	{ "done", "ID|FROM-TO... [--json]", N_("mark reminders complete"),
	  cli_done },
	{ "reopen", "ID|FROM-TO... [--json]", N_("mark reminders open again"),
	  cli_reopen },
	{ "edit", "ID [--name NAME] [--due DATE] [--priority P]"
	  " [--details TEXT] [--type T] [--who NAME|''] [--what NAME|'']"
	  " [--json]", N_("change a reminder"), cli_edit },
	{ "rm", "ID|FROM-TO...", N_("delete reminders (and their Salesforce "
	  "tasks)"), cli_rm },
	{ "show", "ID [--json]", N_("show one reminder in full"), cli_show },
	{ "push", "ID [ID...]", N_("send local-only reminders (from before sync "
	  "was first on) to Salesforce"), cli_push },
	{ "config", "get KEY | set KEY VALUE | list",
	  N_("read or change settings"), cli_config },
	{ "import", "--seed FILE", N_("add the tasks of a seed file (the demo "
	  "data) as local reminders"), cli_import },
	{ "sync", "--once | --enable | --disable | --watch",
	  N_("sync with Salesforce once, switch sync on or off, or keep "
	  "syncing"), cli_sync },
	{ "status", "[--json]", N_("show the sync state, last success, pending "
	  "pushes, last error and API use"), cli_syncstatus },
	{ "login", "[--instance URL] [--client-id ID]",
	  N_("log in to Salesforce (OAuth device flow)"), cli_login },
	{ "logout", "", N_("forget the Salesforce login"), cli_logout },
	{ "conflicts", "[--json] | restore ID",
	  N_("show values a sync conflict discarded, or restore one"),
	  cli_conflicts },
	{ "service", "install [--systemd | --detached] | remove | status",
	  N_("keep sync running with no window open (a user service)"),
	  cli_service },
	/* TRANSLATORS: `taskdeck help`: one command's description. */
	{ "open", "ID [--print]", N_("show the reminder's task in Salesforce "
	  "(its Lightning link: opened, or printed and copied)"), cli_open },
	{ "help", "[COMMAND]", N_("show help"), cli_helpcmd },
};
#define CLI_NCMDS	(sizeof cli_cmds / sizeof cli_cmds[0])

/* Reports an error with the program's prefix; frees cause. */
static int
cli_fail(int code, char *cause)
{
	char	*c = utf8_clean(cause, UTF8_LINE);

	/* A cause may quote Salesforce or the cache (B5). */
	fprintf(stderr, "taskdeck: %s\n", c);
	free(c);
	free(cause);
	return (code);
}

/* Reports a usage error for command c. */
static int
cli_usage(const struct cli_cmd *c, const char *why)
{
	if (why != NULL)
		fprintf(stderr, "taskdeck %s: %s\n", c->name, why);
	/*
	 * TRANSLATORS: "taskdeck", the command and its arguments stay as
	 * typed.
	 */
	fprintf(stderr, _("usage: taskdeck %s %s\n"), c->name, c->args);
	return (CMD_EINVAL);
}

/* The table entry for name, or NULL. */
static const struct cli_cmd *
cli_find(const char *name)
{
	size_t	i;

	for (i = 0; i < CLI_NCMDS; i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return (&cli_cmds[i]);
	return (NULL);
}

int
cli_help(const char *name, int to_stderr)
{
	const struct cli_cmd	*c;
	FILE			*f = to_stderr ? stderr : stdout;
	size_t			 i;

	if (name != NULL) {
		if ((c = cli_find(name)) == NULL) {
			fprintf(stderr, _("taskdeck: unknown command '%s'\n"),
			    name);
			return (CMD_EINVAL);
		}
		/*
		 * TRANSLATORS: "taskdeck", the command and its arguments
		 * stay as typed; the second line is its description.
		 */
		fprintf(f, _("usage: taskdeck %s %s\n  %s\n"), c->name,
		    c->args, _(c->help));
		if (strcmp(c->name, "config") == 0)
			for (i = 0; i < config_nkeys; i++)
				fprintf(f, "  %-26s %s\n", config_keys[i].name,
				    _(config_keys[i].help));
		return (CMD_OK);
	}
	/*
	 * TRANSLATORS: `taskdeck help`: the option names, PATH, COMMAND
	 * and ARGS stay as typed.
	 */
	fprintf(f, _("usage: taskdeck [--db PATH] [--config PATH] COMMAND "
	    "[ARGS]\n\n"));
	for (i = 0; i < CLI_NCMDS; i++)
		fprintf(f, "  %-8s %s\n", cli_cmds[i].name,
		    _(cli_cmds[i].help));
	/*
	 * TRANSLATORS: `taskdeck help`, after the commands.  DATE, the date
	 * words (today, tomorrow, mon, friday, eow, eom, none: they always
	 * work in English), YYYY-MM-DD, +Nd, +Nw and taskdeck(1) stay as
	 * they are; lines of at most 79 columns.
	 */
	fprintf(f, _("\nDATE is YYYY-MM-DD, today, tomorrow, +Nd, +Nw, a weekday "
	    "(mon, friday), eow,\neom or none.\n"
	    "Exit codes: 0 ok, 1 usage or invalid input, 2 no such reminder,"
	    " 3 cache error,\n4 sync failed, 5 login needed.  See taskdeck(1).\n"));
	return (CMD_OK);
}

/*
 * Prints one reminder as a list row, sanitised for the terminal (B5);
 * dated: a list without Today/Tomorrow headings, where every row says
 * when it is due ("due today 2026-12-02", "no due date").
 */
static void
cli_print_row(const struct task *t, int32_t today, int dated)
{
	char	 due[DATE_SHOWSZ], *name, *who = NULL, *what = NULL;
	char	 when[128 + DATE_SHOWSZ] = "";	/* room for a translation */

	name = utf8_clean(t->name, UTF8_LINE);
	if (t->who != NULL)
		who = utf8_clean(t->who, UTF8_LINE);
	if (t->what != NULL)
		what = utf8_clean(t->what, UTF8_LINE);
	/* TRANSLATORS: `taskdeck list` rows: keep the two leading spaces. */
	if (task_overdue(t, today))
		snprintf(when, sizeof when, _("  overdue %s"),
		    date_show(t->due, due));
	else if (t->due != DATE_NONE && t->due != today && t->due != today + 1)
		snprintf(when, sizeof when, _("  due %s"),
		    date_show(t->due, due));
	else if (dated && t->due == DATE_NONE)
		snprintf(when, sizeof when, "%s", _("  no due date"));
	else if (dated && t->due == today)
		snprintf(when, sizeof when, _("  due today %s"),
		    date_show(t->due, due));
	else if (dated)
		snprintf(when, sizeof when, _("  due tomorrow %s"),
		    date_show(t->due, due));
	/* One printf a row: `list` runs within 1.5x of a bare query. */
	printf("%5lld [%c] %c %s%s%s%s%s%s%s%s%s  [%s]\n", (long long)t->id,
	    t->status == TASK_COMPLETE ? 'x' : ' ',
	    t->priority == TASK_HIGH ? '!' : ' ', name,
	    who != NULL || what != NULL ? "  (" : "", who != NULL ? who : "",
	    who != NULL && what != NULL ? ", " : "", what != NULL ? what : "",
	    who != NULL || what != NULL ? ")" : "", when,
	    t->type != TASK_TYPE_OTHER ? "  " : "", t->type != TASK_TYPE_OTHER ?
	    task_type_name(t->type) : "", task_sync_label(t->sync));
	free(name);
	free(who);
	free(what);
}

/* Prints a list as text sections or as JSON. */
static void
cli_print_list(const struct task_list *l, enum store_view view, int32_t today,
    int json)
{
	const char	*section = NULL, *want;
	char		*s;
	size_t		 i;

	if (json) {
		s = task_json_array(l, today);
		printf("%s\n", s);
		free(s);
		return;
	}
	for (i = 0; i < l->n; i++) {
		want = NULL;
		if (view == STORE_VIEW_CENTER || view == STORE_VIEW_TODAY)
			/* TRANSLATORS: `taskdeck list` section titles. */
			want = l->v[i].due == today + 1 ? _("Tomorrow") :
			    _("Today");
		if (want != NULL && (section == NULL ||
		    strcmp(section, want) != 0)) {
			printf("%s%s\n", section != NULL ? "\n" : "", want);
			section = want;
		}
		cli_print_row(&l->v[i], today, want == NULL);
	}
	if (l->n == 0 && !json)
		printf("%s\n", _("no reminders"));
}

/*
 * Prints one reminder after a change, as JSON or a confirmation; fmt
 * ("added reminder %lld\n") takes the id.
 */
static int
cli_print_one(struct cmd_ctx *ctx, int64_t id, int json, const char *fmt)
{
	struct task	 t;
	char		*cause = NULL, *s;
	int		 rc;

	if (!json) {
		printf(fmt, (long long)id);
		return (CMD_OK);
	}
	task_init(&t);
	if ((rc = cmd_get(ctx, id, &t, &cause)) != CMD_OK)
		return (cli_fail(rc, cause));
	s = task_json_object(&t, ctx->today);
	printf("%s\n", s);
	free(s);
	task_release(&t);
	return (CMD_OK);
}

static int
cli_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "today", no_argument, NULL, 't' },
		{ "tomorrow", no_argument, NULL, 'm' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "type", required_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct task_list		 l;
	enum store_view			 view = STORE_VIEW_CENTER;
	enum task_type			 type = TASK_TYPE_OTHER;
	char				*cause = NULL;
	int				 ch, json = 0, nview = 0, rc;
	int				 by_type = 0;
	size_t				 i, k;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			view = STORE_VIEW_TODAY;
			nview++;
			break;
		case 'm':
			view = STORE_VIEW_TOMORROW;
			nview++;
			break;
		case 'o':
			view = STORE_VIEW_OVERDUE;
			nview++;
			break;
		case 'a':
			view = STORE_VIEW_ALL;
			nview++;
			break;
		case 'y':
			if (task_parse_type(optarg, &type, &cause) != 0)
				return (cli_fail(CMD_EINVAL, cause));
			by_type = 1;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return (cli_usage(cli_find("list"), NULL));
		}
	}
	if (optind != argc || nview > 1)
		return (cli_usage(cli_find("list"), nview > 1 ?
		    /* TRANSLATORS: the option names stay as typed. */
		    _("choose one of --today, --tomorrow, --overdue, --all") :
		    _("unexpected argument")));
	task_list_init(&l);
	if ((rc = cmd_open_store_read(ctx, &cause)) != CMD_OK ||
	    (rc = cmd_list(ctx, view, &l, &cause)) != CMD_OK) {
		task_list_free(&l);
		return (cli_fail(rc, cause));
	}
	/* --type keeps the reminders of one type (F8), in the same order. */
	for (i = k = 0; by_type && i < l.n; i++) {
		if (l.v[i].type != type) {
			task_release(&l.v[i]);
			continue;
		}
		l.v[k++] = l.v[i];
	}
	if (by_type)
		l.n = k;
	cli_print_list(&l, view, ctx->today, json);
	task_list_free(&l);
	return (CMD_OK);
}

/* Options shared by add and edit: the fields a rep may set. */
static const struct option cli_field_opts[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "due", required_argument, NULL, 'D' },
	{ "priority", required_argument, NULL, 'p' },
	{ "details", required_argument, NULL, 'd' },
	{ "type", required_argument, NULL, 'y' },
	{ "json", no_argument, NULL, 'j' },
	{ "who", required_argument, NULL, 'W' },
	{ "what", required_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Parses field options into v and *mask.  Returns CMD_OK or a usage /
 * input error already reported.
 */
static int
cli_parse_fields(struct cmd_ctx *ctx, const struct cli_cmd *c, int argc,
    char **argv, struct task *v, unsigned *mask, int *json)
{
	char	*cause = NULL;
	int	 ch;

	while ((ch = getopt_long(argc, argv, "", cli_field_opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			if (strcmp(c->name, "add") == 0)
				return (cli_usage(c, _("give the name as the "
				    "first argument")));
			free(v->name);
			v->name = xstrdup(optarg);
			*mask |= TASK_F_NAME;
			break;
		case 'D':
			if (date_parse_user(optarg, ctx->today, &v->due,
			    &cause) != 0)
				return (cli_fail(CMD_EINVAL, cause));
			*mask |= TASK_F_DUE;
			break;
		case 'p':
			if (task_parse_priority(optarg, &v->priority,
			    &cause) != 0)
				return (cli_fail(CMD_EINVAL, cause));
			*mask |= TASK_F_PRIORITY;
			break;
		case 'd':
			free(v->details);
			v->details = xstrdup(optarg);
			*mask |= TASK_F_DETAILS;
			break;
		case 'y':
			if (task_parse_type(optarg, &v->type, &cause) != 0)
				return (cli_fail(CMD_EINVAL, cause));
			*mask |= TASK_F_TYPE;
			break;
		case 'j':
			*json = 1;
			break;
		case 'W':	/* F15: a name, resolved later; '' clears */
		case 'A':
			free(ch == 'W' ? v->who : v->what);
			*(ch == 'W' ? &v->who : &v->what) = xstrdup(optarg);
			*mask |= ch == 'W' ? TASK_F_WHO : TASK_F_WHAT;
			break;
		default:
			return (cli_usage(c, NULL));
		}
	}
	return (CMD_OK);
}

static int
cli_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd	*c = cli_find("add");
	struct task		 t;
	unsigned		 mask = 0;
	char			*cause = NULL;
	int			 rc, json = 0;

	task_init(&t);
	if ((rc = cli_parse_fields(ctx, c, argc, argv, &t, &mask,
	    &json)) != CMD_OK)
		goto out;
	if (optind != argc - 1) {
		/* TRANSLATORS: NAME as in the usage line. */
		rc = cli_usage(c, optind == argc ? _("missing NAME") :
		    _("too many arguments (quote a name with spaces)"));
		goto out;
	}
	t.name = xstrdup(argv[optind]);
	if (t.details == NULL)
		t.details = xstrdup("");
	if ((rc = cli_people_resolve(ctx, &t, mask)) != CMD_OK)
		goto out;
	if ((rc = cmd_add(ctx, &t, &cause)) != CMD_OK) {
		rc = cli_fail(rc, cause);
		goto out;
	}
	rc = cli_print_one(ctx, t.id, json, _("added reminder %lld\n"));
out:
	task_release(&t);
	return (rc);
}

/* Parses "ID [--json]" for show. */
static int
cli_parse_id(const struct cli_cmd *c, int argc, char **argv, int64_t *id,
    int *json)
{
	char	*cause = NULL;
	int	 ch, dummy;

	while ((ch = getopt_long(argc, argv, "", cli_field_opts + 4,
	    NULL)) != -1) {
		if (ch != 'j')
			return (cli_usage(c, NULL));
		*(json != NULL ? json : &dummy) = 1;
	}
	if (optind != argc - 1)
		/* TRANSLATORS: ID as in the usage line. */
		return (cli_usage(c, optind == argc ? _("missing ID") :
		    _("too many arguments")));
	if (task_parse_id(argv[optind], id, &cause) != 0)
		return (cli_fail(CMD_EINVAL, cause));
	return (CMD_OK);
}

/*
 * Parses "ID|FROM-TO... [--json]" for done, reopen and rm into *ids
 * (caller frees).  A malformed id or range refuses the whole list, so
 * nothing is applied (U9).
 */
static int
cli_parse_ids(const struct cli_cmd *c, int argc, char **argv, int64_t **ids,
    size_t *n, int *json)
{
	char	*cause = NULL, *a, *dash;
	int64_t	 from, to;
	size_t	 cap = 0;
	int	 ch, dummy, i;

	*ids = NULL;
	*n = 0;
	while ((ch = getopt_long(argc, argv, "", cli_field_opts + 4,
	    NULL)) != -1) {
		if (ch != 'j')
			return (cli_usage(c, NULL));
		*(json != NULL ? json : &dummy) = 1;
	}
	if (optind == argc)
		return (cli_usage(c, _("missing ID")));
	for (i = optind; i < argc; i++) {
		a = xstrdup(argv[i]);
		if ((dash = strchr(a, '-')) != NULL && dash != a)
			*dash++ = '\0';
		else
			dash = NULL;
		if (task_parse_id(a, &from, &cause) != 0 || (dash != NULL &&
		    task_parse_id(dash, &to, &cause) != 0)) {
			free(a);
			free(*ids);
			*ids = NULL;
			/* TRANSLATORS: %s says which id is wrong. */
			a = xasprintf(_("%s; nothing was changed"), cause);
			free(cause);
			return (cli_fail(CMD_EINVAL, a));
		}
		free(a);
		if (dash == NULL)
			to = from;
		if (to < from || to - from >= 10000) {
			free(*ids);
			*ids = NULL;
			/* TRANSLATORS: FROM-TO as in the usage line. */
			return (cli_fail(CMD_EINVAL, xasprintf(_("invalid range "
			    "'%s': FROM-TO with FROM <= TO, at most 10000 ids; "
			    "nothing was changed"), argv[i])));
		}
		for (; from <= to; from++) {
			if (*n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				*ids = xreallocarray(*ids, cap, sizeof **ids);
			}
			(*ids)[(*n)++] = from;
		}
	}
	return (CMD_OK);
}

/*
 * done, reopen and rm on a list of ids: each is applied on its own; one
 * that fails (no such reminder) is reported and the others are still
 * applied, and a last line says how many were (U9).  The exit code is the
 * first failure's.
 */
static int
cli_each(struct cmd_ctx *ctx, int argc, char **argv, const char *name)
{
	const struct cli_cmd	*c = cli_find(name);
	int64_t			*ids;
	size_t			 n, i, done = 0;
	char			*cause = NULL;
	const char		*fmt;
	int			 rc, r, json = 0, first = 1;

	if ((rc = cli_parse_ids(c, argc, argv, &ids, &n, strcmp(name,
	    "rm") == 0 ? NULL : &json)) != CMD_OK)
		return (rc);
	fmt = strcmp(name, "done") == 0 ? _("completed reminder %lld\n") :
	    strcmp(name, "reopen") == 0 ? _("reopened reminder %lld\n") :
	    _("deleted reminder %lld\n");
	if (json && n > 1)
		printf("[");
	for (i = 0; i < n; i++) {
		if (strcmp(name, "rm") == 0)
			r = cmd_remove(ctx, ids[i], &cause);
		else
			r = cmd_set_status(ctx, ids[i], strcmp(name,
			    "done") == 0 ? TASK_COMPLETE : TASK_OPEN, &cause);
		if (r != CMD_OK) {
			(void)cli_fail(r, cause);
			cause = NULL;
			if (rc == CMD_OK)
				rc = r;
			continue;
		}
		done++;
		if (json && n > 1)
			printf("%s", first ? "" : ",");
		first = 0;
		if ((r = cli_print_one(ctx, ids[i], json, fmt)) != CMD_OK &&
		    rc == CMD_OK)
			rc = r;
	}
	if (json && n > 1)
		printf("]\n");
	if (rc != CMD_OK && n > 1 && strcmp(name, "done") == 0)
		fprintf(stderr, P_("taskdeck: completed %zu of %zu reminder "
		    "(the others failed, as said above)\n", "taskdeck: "
		    "completed %zu of %zu reminders (the others failed, as "
		    "said above)\n", n), done, n);
	else if (rc != CMD_OK && n > 1 && strcmp(name, "reopen") == 0)
		fprintf(stderr, P_("taskdeck: reopened %zu of %zu reminder "
		    "(the others failed, as said above)\n", "taskdeck: "
		    "reopened %zu of %zu reminders (the others failed, as "
		    "said above)\n", n), done, n);
	else if (rc != CMD_OK && n > 1)
		fprintf(stderr, P_("taskdeck: deleted %zu of %zu reminder "
		    "(the others failed, as said above)\n", "taskdeck: "
		    "deleted %zu of %zu reminders (the others failed, as "
		    "said above)\n", n), done, n);
	free(ids);
	return (rc);
}

static int
cli_done(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cli_each(ctx, argc, argv, "done"));
}

static int
cli_reopen(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cli_each(ctx, argc, argv, "reopen"));
}

static int
cli_rm(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cli_each(ctx, argc, argv, "rm"));
}

static int
cli_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct task	 t;
	int64_t		 id;
	char		*cause = NULL, *s, due[DATE_SHOWSZ];
	int		 rc, json = 0;

	if ((rc = cli_parse_id(cli_find("show"), argc, argv, &id,
	    &json)) != CMD_OK)
		return (rc);
	task_init(&t);
	if ((rc = cmd_open_store_read(ctx, &cause)) != CMD_OK ||
	    (rc = cmd_get(ctx, id, &t, &cause)) != CMD_OK)
		return (cli_fail(rc, cause));
	if (json) {
		s = task_json_object(&t, ctx->today);
		printf("%s\n", s);
		free(s);
	} else {
		cli_print_row(&t, ctx->today, 0);
		/* TRANSLATORS: `taskdeck show`: keep the two leading spaces. */
		printf(_("  due: %s\n"), t.due == DATE_NONE ?
		    /* TRANSLATORS: `taskdeck show`: no due date. */
		    C_("due date", "none") : date_show(t.due, due));
		/* TRANSLATORS: %s is a type: Call, Email, LinkedIn, Other. */
		printf(_("  type: %s\n"), _(task_type_label(t.type)));
		s = utf8_clean(t.sf_id != NULL ? t.sf_id : "-", UTF8_LINE);
		printf(_("  salesforce id: %s\n"), s);
		free(s);
		if (t.sync_error != NULL) {
			s = utf8_clean(t.sync_error, UTF8_LINE);
			printf(_("  sync error: %s\n"), s);
			free(s);
		}
		if (*t.details != '\0') {
			s = utf8_clean(t.details, UTF8_LINES);
			printf("\n%s\n", s);
			free(s);
		}
	}
	task_release(&t);
	return (CMD_OK);
}

/*
 * Queues each local-only reminder for Salesforce (S3).  The ids are all
 * checked first; then each is queued or refused on its own, and the exit
 * code is the first refusal's.
 */
static int
cli_push(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd	*c = cli_find("push");
	int64_t			*ids;
	char			*cause = NULL;
	int			 i, n, rc = CMD_OK, r;

	if (argc < 2)
		return (cli_usage(c, _("missing ID")));
	ids = xcalloc((size_t)argc, sizeof *ids);
	for (i = 1; i < argc; i++) {
		if (task_parse_id(argv[i], &ids[i - 1], &cause) != 0) {
			free(ids);
			return (cli_fail(CMD_EINVAL, cause));
		}
	}
	n = argc - 1;
	for (i = 0; i < n; i++) {
		if ((r = cmd_push(ctx, ids[i], &cause)) != CMD_OK) {
			(void)cli_fail(r, cause);
			cause = NULL;
			if (rc == CMD_OK)
				rc = r;
			continue;
		}
		if (config_bool(ctx->config, "sync.enabled"))
			printf(_("queued reminder %lld for Salesforce\n"),
			    (long long)ids[i]);
		else
			printf(_("queued reminder %lld for Salesforce (sync is "
			    "off: it is sent when sync is switched on)\n"),
			    (long long)ids[i]);
	}
	free(ids);
	return (rc);
}

static int
cli_edit(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd	*c = cli_find("edit");
	struct task		 v;
	unsigned		 mask = 0;
	int64_t			 id;
	char			*cause = NULL;
	int			 rc, json = 0;

	task_init(&v);
	if ((rc = cli_parse_fields(ctx, c, argc, argv, &v, &mask,
	    &json)) != CMD_OK)
		goto out;
	if (optind != argc - 1) {
		rc = cli_usage(c, optind == argc ? _("missing ID") :
		    _("too many arguments"));
		goto out;
	}
	if (task_parse_id(argv[optind], &id, &cause) != 0) {
		rc = cli_fail(CMD_EINVAL, cause);
		goto out;
	}
	if (mask == 0) {
		rc = cli_usage(c, _("nothing to change"));
		goto out;
	}
	if ((rc = cli_people_resolve(ctx, &v, mask)) != CMD_OK)
		goto out;
	if ((rc = cmd_edit(ctx, id, &v, mask, &cause)) != CMD_OK) {
		rc = cli_fail(rc, cause);
		goto out;
	}
	if ((mask & TASK_F_TYPE) &&
	    (cause = cmd_type_note(ctx, id, v.type)) != NULL) {
		fprintf(stderr, "taskdeck: %s\n", cause);
		free(cause);
	}
		rc = cli_print_one(ctx, id, json, _("updated reminder %lld\n"));
out:
	task_release(&v);
	return (rc);
}

static int
cli_config(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd	*c = cli_find("config");
	const char		*v;
	char			*cause = NULL, *s;
	size_t			 i;
	int			 rc;

	/* Values may come from Salesforce (sf.instance_url) (B5). */
	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2) {
		for (i = 0; i < config_nkeys; i++) {
			s = utf8_clean(config_get(ctx->config,
			    config_keys[i].name), UTF8_LINE);
			printf("%s = %s\n", config_keys[i].name, s);
			free(s);
		}
		return (CMD_OK);
	}
	if (argc == 3 && strcmp(argv[1], "get") == 0) {
		if ((v = config_get(ctx->config, argv[2])) == NULL) {
			fprintf(stderr, _("taskdeck: unknown config key '%s' "
			    "(see 'taskdeck config list')\n"), argv[2]);
			return (CMD_EINVAL);
		}
		s = utf8_clean(v, UTF8_LINE);
		printf("%s\n", s);
		free(s);
		return (CMD_OK);
	}
	if (argc == 4 && strcmp(argv[1], "set") == 0) {
		if ((rc = cmd_config_set(ctx, argv[2], argv[3],
		    &cause)) != CMD_OK)
			return (cli_fail(rc, cause));
		return (CMD_OK);
	}
	return (cli_usage(c, NULL));
}

static int
cli_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	char	*cause = NULL;
	int	 rc, n;

	if (argc != 3 || strcmp(argv[1], "--seed") != 0)
		return (cli_usage(cli_find("import"), NULL));
	if ((rc = cmd_import_seed(ctx, argv[2], &n, &cause)) != CMD_OK)
		return (cli_fail(rc, cause));
	printf(P_("imported %d reminder\n", "imported %d reminders\n", n), n);
	return (CMD_OK);
}

static int
cli_helpcmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc > 2)
		return (cli_usage(cli_find("help"), _("too many arguments")));
	return (cli_help(argc == 2 ? argv[1] : NULL, 0));
}

int
cli_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd	*c;
	int			 i;

	if ((c = cli_find(argv[0])) == NULL) {
		fprintf(stderr, _("taskdeck: unknown command '%s'; try "
		    "'taskdeck help'\n"), argv[0]);
		return (CMD_EINVAL);
	}
	/* Every command's --help is its usage, and success. */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return (cli_help(c->name, 0));
	optind = 0;	/* GNU getopt: start afresh on the command's argv */
	opterr = 1;
	return (c->exec(ctx, argc, argv));
}
