/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu's SOQL subset, the parse side: a recursive-descent parser that
 * builds a small tree (sfemu-soql-int.h) from the tokens sfemu-soql-lex.c
 * splits the text into, and the accessors of the parsed query.  The check
 * of each value's type against its field's describe, before any row is
 * read (soql_check), and the evaluator that walks the tree over rows the
 * caller describes through a getter, are sfemu-soql-eval.c; the rules
 * below hold for all three files.  The aim is
 * fidelity in both directions: what Salesforce accepts inside the subset is
 * accepted with the same meaning, and what it rejects is rejected here too,
 * so a client that works against sfemu works against Salesforce.  Hence
 * some deliberate strictness, each from the Salesforce SOQL and SOSL
 * Reference:
 *
 * - AND, OR and NOT may not be mixed at one level without parentheses
 *   ("Parentheses are required whenever you mix the operators", Logical
 *   Operators).  The parser still gives NOT > AND > OR, but a query that
 *   would depend on it is MALFORMED_QUERY, as on Salesforce.
 * - a date value (YYYY-MM-DD) filters only date fields and a dateTime value
 *   only dateTime fields (Date Formats and Date Literals in WHERE); date
 *   literals such as TODAY fit both and stand for whole UTC days.
 * - string comparisons, LIKE and ORDER BY ignore case (Comparison
 *   Operators, ORDER BY); != and NOT IN match nulls, as SOQL's do.
 * - ORDER BY puts nulls first ascending and last descending unless NULLS
 *   FIRST or NULLS LAST says otherwise (null sorts as the lowest value).
 *
 * Inputs are capped (100,000 characters, Salesforce's own statement limit,
 * and 100 levels of nesting) because the parser is fuzzed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sfemu-soql.h"
#include "sfemu-soql-int.h"
#include "xmalloc.h"

#define SOQL_MAX_LEN	100000
#define SOQL_MAX_DEPTH	100
#define SOQL_MAX_INT	2147483647LL

/* Words that cannot name a field or an object in the subset. */
static const char *reserved[] = {
	"AND", "ASC", "DESC", "EXCLUDES", "FALSE", "FIRST", "FOR", "FROM",
	"GROUP", "HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT",
	"NULL", "NULLS", "OFFSET", "OR", "SELECT", "TRUE", "TYPEOF", "USING",
	"WHERE", "WITH", NULL
};

/* Clauses of full SOQL that sfemu refuses rather than ignores. */
static const char *unsupported[] = {
	"GROUP", "HAVING", "FOR", "WITH", "USING", "TYPEOF", "ALL", NULL
};

/* Reports tok as unexpected, with a hint when it starts a refused clause. */
static void
unexpected(struct parser *p, const struct token *tok, const char *hint)
{
	char	*text;
	size_t	 i;

	if (tok->kind == TK_EOF) {
		perr(p, tok->off, "unexpected end of query%s%s",
		    hint != NULL ? ", expecting " : "",
		    hint != NULL ? hint : "");
		return;
	}
	text = excerpt(p->text + tok->off, tok->len);
	if (tok->kind == TK_IDENT) {
		for (i = 0; unsupported[i] != NULL; i++) {
			if (strcasecmp(text, unsupported[i]) == 0) {
				perr(p, tok->off, "unexpected token: '%s' "
				    "(%s is not supported by sfemu)", text,
				    unsupported[i]);
				free(text);
				return;
			}
		}
	}
	if (hint != NULL)
		perr(p, tok->off, "unexpected token: '%s', expecting %s",
		    text, hint);
	else
		perr(p, tok->off, "unexpected token: '%s'", text);
	free(text);
}

/* Returns the current token. */
static struct token *
peek(struct parser *p)
{
	return (&p->toks[p->at]);
}

/* Returns the token after the current one (EOF stays EOF). */
static struct token *
peek2(struct parser *p)
{
	if (p->toks[p->at].kind == TK_EOF)
		return (&p->toks[p->at]);
	return (&p->toks[p->at + 1]);
}

/* Returns the current token and moves past it (never past EOF). */
static struct token *
advance(struct parser *p)
{
	struct token	*tok = &p->toks[p->at];

	if (tok->kind != TK_EOF)
		p->at++;
	return (tok);
}

/* Returns whether tok is the identifier word, ignoring case. */
static int
is_word(struct parser *p, const struct token *tok, const char *word)
{
	size_t	len = strlen(word);

	return (tok->kind == TK_IDENT && tok->len == len &&
	    strncasecmp(p->text + tok->off, word, len) == 0);
}

/* Consumes the keyword word, or records what was found instead. */
static int
expect_word(struct parser *p, const char *word)
{
	if (!is_word(p, peek(p), word)) {
		unexpected(p, peek(p), word);
		return (-1);
	}
	advance(p);
	return (0);
}

/* Consumes a token of kind, or records what was found instead. */
static int
expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (peek(p)->kind != kind) {
		unexpected(p, peek(p), what);
		return (-1);
	}
	advance(p);
	return (0);
}

/* Returns whether tok is a word reserved by SOQL. */
static int
is_reserved(struct parser *p, const struct token *tok)
{
	size_t	i;

	for (i = 0; reserved[i] != NULL; i++) {
		if (is_word(p, tok, reserved[i]))
			return (1);
	}
	return (0);
}

/* Returns the index of field in the query's refs, adding it if new. */
static size_t
add_ref(struct soql_query *q, const char *field, size_t len, size_t off)
{
	size_t	i;

	for (i = 0; i < q->nrefs; i++) {
		if (strlen(q->refs[i]) == len &&
		    strncasecmp(q->refs[i], field, len) == 0)
			return (i);
	}
	q->refs = xreallocarray(q->refs, q->nrefs + 1, sizeof *q->refs);
	q->refs[q->nrefs] = xstrndup(field, len);
	q->refoff = xreallocarray(q->refoff, q->nrefs + 1,
	    sizeof *q->refoff);
	q->refoff[q->nrefs] = off;
	return (q->nrefs++);
}

/*
 * Consumes a field name (Subject, Who.Name) and returns its ref index in
 * *ref; functions such as MAX(x) or CALENDAR_YEAR(d) are refused.
 */
static int
parse_field(struct parser *p, size_t *ref)
{
	struct token	*tok = peek(p);
	char		*text;

	if (tok->kind != TK_IDENT || is_reserved(p, tok)) {
		unexpected(p, tok, "a field name");
		return (-1);
	}
	if (peek2(p)->kind == TK_LPAREN) {
		text = excerpt(p->text + tok->off, tok->len);
		perr(p, tok->off, "unsupported function: '%s' (sfemu supports "
		    "only SELECT COUNT())", text);
		free(text);
		return (-1);
	}
	advance(p);
	*ref = add_ref(p->q, p->text + tok->off, tok->len, tok->off);
	return (0);
}

/* Frees what a literal owns. */
static void
lit_release(struct lit *l)
{
	free(l->s);
	free(l->wild);
}

/* Frees a condition tree. */
static void
node_free(struct node *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	for (i = 0; i < n->nvals; i++)
		lit_release(&n->vals[i]);
	free(n->vals);
	free(n);
}

/* How a date literal with :n counts its periods. */
enum range_n {
	N_NONE,		/* no n: first and last as given */
	N_LAST,		/* the n periods before the current one */
	N_LAST_DAYS,	/* LAST_N_DAYS:n: n days before today, and today */
	N_NEXT,		/* the n periods after the current one */
	N_AGO		/* the one period n before the current one */
};

/*
 * The date literals (SOQL and SOSL Reference, "Date Formats and Date
 * Literals in WHERE"), each a span of whole periods counted from the
 * current one.  Weeks start on Sunday (the en_US locale); the fiscal year
 * is the default one, the calendar year, so fiscal literals are calendar
 * ones.
 */
static const struct {
	const char	*name;
	enum range_unit	 unit;
	enum range_n	 n;
	int		 first, last;
} date_literals[] = {
	{ "YESTERDAY", RANGE_DAY, N_NONE, -1, -1 },
	{ "TODAY", RANGE_DAY, N_NONE, 0, 0 },
	{ "TOMORROW", RANGE_DAY, N_NONE, 1, 1 },
	{ "LAST_WEEK", RANGE_WEEK, N_NONE, -1, -1 },
	{ "THIS_WEEK", RANGE_WEEK, N_NONE, 0, 0 },
	{ "NEXT_WEEK", RANGE_WEEK, N_NONE, 1, 1 },
	{ "LAST_MONTH", RANGE_MONTH, N_NONE, -1, -1 },
	{ "THIS_MONTH", RANGE_MONTH, N_NONE, 0, 0 },
	{ "NEXT_MONTH", RANGE_MONTH, N_NONE, 1, 1 },
	{ "LAST_90_DAYS", RANGE_DAY, N_NONE, -90, 0 },
	{ "NEXT_90_DAYS", RANGE_DAY, N_NONE, 1, 90 },
	{ "LAST_N_DAYS", RANGE_DAY, N_LAST_DAYS, 0, 0 },
	{ "NEXT_N_DAYS", RANGE_DAY, N_NEXT, 0, 0 },
	{ "N_DAYS_AGO", RANGE_DAY, N_AGO, 0, 0 },
	{ "NEXT_N_WEEKS", RANGE_WEEK, N_NEXT, 0, 0 },
	{ "LAST_N_WEEKS", RANGE_WEEK, N_LAST, 0, 0 },
	{ "N_WEEKS_AGO", RANGE_WEEK, N_AGO, 0, 0 },
	{ "NEXT_N_MONTHS", RANGE_MONTH, N_NEXT, 0, 0 },
	{ "LAST_N_MONTHS", RANGE_MONTH, N_LAST, 0, 0 },
	{ "N_MONTHS_AGO", RANGE_MONTH, N_AGO, 0, 0 },
	{ "THIS_QUARTER", RANGE_QUARTER, N_NONE, 0, 0 },
	{ "LAST_QUARTER", RANGE_QUARTER, N_NONE, -1, -1 },
	{ "NEXT_QUARTER", RANGE_QUARTER, N_NONE, 1, 1 },
	{ "NEXT_N_QUARTERS", RANGE_QUARTER, N_NEXT, 0, 0 },
	{ "LAST_N_QUARTERS", RANGE_QUARTER, N_LAST, 0, 0 },
	{ "N_QUARTERS_AGO", RANGE_QUARTER, N_AGO, 0, 0 },
	{ "THIS_YEAR", RANGE_YEAR, N_NONE, 0, 0 },
	{ "LAST_YEAR", RANGE_YEAR, N_NONE, -1, -1 },
	{ "NEXT_YEAR", RANGE_YEAR, N_NONE, 1, 1 },
	{ "NEXT_N_YEARS", RANGE_YEAR, N_NEXT, 0, 0 },
	{ "LAST_N_YEARS", RANGE_YEAR, N_LAST, 0, 0 },
	{ "N_YEARS_AGO", RANGE_YEAR, N_AGO, 0, 0 },
	{ "THIS_FISCAL_QUARTER", RANGE_QUARTER, N_NONE, 0, 0 },
	{ "LAST_FISCAL_QUARTER", RANGE_QUARTER, N_NONE, -1, -1 },
	{ "NEXT_FISCAL_QUARTER", RANGE_QUARTER, N_NONE, 1, 1 },
	{ "NEXT_N_FISCAL_QUARTERS", RANGE_QUARTER, N_NEXT, 0, 0 },
	{ "LAST_N_FISCAL_QUARTERS", RANGE_QUARTER, N_LAST, 0, 0 },
	{ "N_FISCAL_QUARTERS_AGO", RANGE_QUARTER, N_AGO, 0, 0 },
	{ "THIS_FISCAL_YEAR", RANGE_YEAR, N_NONE, 0, 0 },
	{ "LAST_FISCAL_YEAR", RANGE_YEAR, N_NONE, -1, -1 },
	{ "NEXT_FISCAL_YEAR", RANGE_YEAR, N_NONE, 1, 1 },
	{ "NEXT_N_FISCAL_YEARS", RANGE_YEAR, N_NEXT, 0, 0 },
	{ "LAST_N_FISCAL_YEARS", RANGE_YEAR, N_LAST, 0, 0 },
	{ "N_FISCAL_YEARS_AGO", RANGE_YEAR, N_AGO, 0, 0 },
};

/*
 * Parses the n of LAST_N_DAYS:n and the like after the word at tok, as in
 * Salesforce: a colon straight after the word, then an integer.
 */
static int
parse_range_n(struct parser *p, const struct token *word,
    enum range_unit unit, long long *n)
{
	static const char	*units[] = { "days", "weeks", "months",
				    "quarters", "years" };
	struct token		*colon = peek(p), *num;
	char			 hint[64];

	if (colon->kind != TK_COLON || colon->off != word->off + word->len) {
		unexpected(p, colon, "':n' after the date literal");
		return (-1);
	}
	advance(p);
	num = peek(p);
	if (num->kind != TK_NUMBER || !num->integral ||
	    num->off != colon->off + 1 || num->n > 100000) {
		snprintf(hint, sizeof hint, "a whole number of %s (at most "
		    "100000)", units[unit]);
		unexpected(p, num, hint);
		return (-1);
	}
	advance(p);
	*n = (long long)num->n;
	return (0);
}

/* Parses the date literal at word (already consumed) into l, or fails. */
static int
parse_date_literal(struct parser *p, const struct token *word,
    struct lit *l)
{
	size_t		i;
	long long	n;

	for (i = 0; i < sizeof date_literals / sizeof date_literals[0]; i++) {
		if (is_word(p, word, date_literals[i].name))
			break;
	}
	if (i == sizeof date_literals / sizeof date_literals[0]) {
		p->at--;
		unexpected(p, word, "a value");
		return (-1);
	}
	l->type = LIT_RANGE;
	l->unit = date_literals[i].unit;
	l->first = date_literals[i].first;
	l->last = date_literals[i].last;
	if (date_literals[i].n == N_NONE)
		return (0);
	if (parse_range_n(p, word, l->unit, &n) != 0)
		return (-1);
	switch (date_literals[i].n) {
	case N_LAST_DAYS:
		l->first = -n;
		l->last = 0;
		break;
	case N_LAST:
		l->first = -n;
		l->last = -1;
		break;
	case N_NEXT:
		l->first = 1;
		l->last = n;
		break;
	default:
		l->first = l->last = -n;
		break;
	}
	return (0);
}

/* Parses one value (string, number, boolean, null, date, date literal). */
static int
parse_value(struct parser *p, struct lit *l)
{
	struct token	*tok = peek(p);

	memset(l, 0, sizeof *l);
	switch (tok->kind) {
	case TK_STRING:
		l->type = LIT_STRING;
		l->s = xstrdup(tok->s);
		l->slen = tok->slen;
		l->wild = xmalloc(tok->slen + 1);
		memcpy(l->wild, tok->wild, tok->slen + 1);
		advance(p);
		return (0);
	case TK_NUMBER:
		l->type = LIT_NUMBER;
		l->n = tok->n;
		advance(p);
		return (0);
	case TK_DATE:
	case TK_DATETIME:
		l->type = tok->kind == TK_DATE ? LIT_DATE : LIT_DATETIME;
		l->i = tok->i;
		advance(p);
		return (0);
	case TK_IDENT:
		break;
	default:
		unexpected(p, tok, "a value");
		return (-1);
	}
	advance(p);
	if (is_word(p, tok, "null"))
		l->type = LIT_NULL;
	else if (is_word(p, tok, "true") || is_word(p, tok, "false")) {
		l->type = LIT_BOOL;
		l->b = is_word(p, tok, "true");
	} else
		return (parse_date_literal(p, tok, l));
	return (0);
}

/* Appends a parsed value to n's list. */
static int
node_add_value(struct parser *p, struct node *n)
{
	n->vals = xreallocarray(n->vals, n->nvals + 1, sizeof *n->vals);
	if (parse_value(p, &n->vals[n->nvals]) != 0)
		return (-1);
	n->nvals++;
	return (0);
}

/* Parses field op value, field [NOT] IN (values) or field LIKE 'pattern'. */
static struct node *
parse_field_expr(struct parser *p)
{
	struct node	*n;
	struct token	*tok;

	n = xcalloc(1, sizeof *n);
	n->off = peek(p)->off;
	if (parse_field(p, &n->ref) != 0)
		goto fail;
	tok = peek(p);
	switch (tok->kind) {
	case TK_EQ: n->op = OP_EQ; break;
	case TK_NE: n->op = OP_NE; break;
	case TK_LT: n->op = OP_LT; break;
	case TK_LE: n->op = OP_LE; break;
	case TK_GT: n->op = OP_GT; break;
	case TK_GE: n->op = OP_GE; break;
	default:
		goto words;
	}
	advance(p);
	n->type = N_CMP;
	if (node_add_value(p, n) != 0)
		goto fail;
	if (n->vals[0].type == LIT_NULL && n->op != OP_EQ && n->op != OP_NE) {
		perr(p, tok->off, "null can only be compared with = or !=");
		goto fail;
	}
	return (n);

words:
	if (is_word(p, tok, "LIKE")) {
		advance(p);
		n->type = N_LIKE;
		if (peek(p)->kind != TK_STRING) {
			unexpected(p, peek(p), "a quoted pattern after LIKE");
			goto fail;
		}
		if (node_add_value(p, n) != 0)
			goto fail;
		return (n);
	}
	if (is_word(p, tok, "NOT") && is_word(p, peek2(p), "IN")) {
		advance(p);
		n->negate = 1;
	} else if (!is_word(p, tok, "IN")) {
		unexpected(p, tok, "an operator");
		goto fail;
	}
	advance(p);
	n->type = N_IN;
	if (expect(p, TK_LPAREN, "'(' after IN") != 0)
		goto fail;
	for (;;) {
		if (node_add_value(p, n) != 0)
			goto fail;
		if (peek(p)->kind == TK_RPAREN)
			break;
		if (expect(p, TK_COMMA, "',' or ')'") != 0)
			goto fail;
	}
	advance(p);
	return (n);

fail:
	node_free(n);
	return (NULL);
}

static struct node *parse_cond(struct parser *, int);

/* Reports a logical operator that Salesforce wants parenthesised. */
static void
mixed(struct parser *p, const struct token *tok, const char *what)
{
	char	*text;

	text = excerpt(p->text + tok->off, tok->len);
	perr(p, tok->off, "unexpected token: '%s' (use parentheses to %s)",
	    text, what);
	free(text);
}

/*
 * Parses a parenthesised condition, NOT with its operand, or a field
 * expression.  *bare is set for an unparenthesised NOT, which may not sit
 * beside AND or OR.
 */
static struct node *
parse_unary(struct parser *p, int depth, int *bare)
{
	struct node	*n, *kid;
	struct token	*tok = peek(p);
	int		 dummy;

	*bare = 0;
	if (depth > SOQL_MAX_DEPTH) {
		perr(p, tok->off, "query too deeply nested (more than %d "
		    "levels)", SOQL_MAX_DEPTH);
		return (NULL);
	}
	if (tok->kind == TK_LPAREN) {
		advance(p);
		if ((n = parse_cond(p, depth + 1)) == NULL)
			return (NULL);
		if (expect(p, TK_RPAREN, "')'") != 0) {
			node_free(n);
			return (NULL);
		}
		return (n);
	}
	if (is_word(p, tok, "NOT")) {
		advance(p);
		if (is_word(p, peek(p), "NOT")) {
			unexpected(p, peek(p), "'(' or a field name");
			return (NULL);
		}
		if ((kid = parse_unary(p, depth + 1, &dummy)) == NULL)
			return (NULL);
		n = xcalloc(1, sizeof *n);
		n->type = N_NOT;
		n->off = tok->off;
		n->kids = xmalloc(sizeof *n->kids);
		n->kids[0] = kid;
		n->nkids = 1;
		*bare = 1;
		return (n);
	}
	return (parse_field_expr(p));
}

/*
 * Parses a chain of operands joined by one logical operator.  Salesforce
 * requires parentheses whenever AND, OR and NOT are mixed, so a second kind
 * of operator, or a bare NOT inside a chain, is an unexpected token.
 */
static struct node *
parse_cond(struct parser *p, int depth)
{
	struct node	*n = NULL, *kid;
	struct token	*tok;
	int		 bare, type = -1;

	if ((kid = parse_unary(p, depth, &bare)) == NULL)
		return (NULL);
	for (;;) {
		tok = peek(p);
		if (!is_word(p, tok, "AND") && !is_word(p, tok, "OR"))
			break;
		if (bare) {
			mixed(p, tok, "combine NOT with AND or OR");
			goto fail;
		}
		if (type == -1) {
			type = is_word(p, tok, "AND") ? N_AND : N_OR;
			n = xcalloc(1, sizeof *n);
			n->type = type;
			n->off = kid->off;
			n->kids = xmalloc(sizeof *n->kids);
			n->kids[0] = kid;
			n->nkids = 1;
			kid = NULL;
		} else if ((type == N_AND) != is_word(p, tok, "AND")) {
			mixed(p, tok, "mix AND and OR");
			goto fail;
		}
		advance(p);
		if (is_word(p, peek(p), "NOT")) {
			mixed(p, peek(p), "combine NOT with AND or OR");
			goto fail;
		}
		if ((kid = parse_unary(p, depth, &bare)) == NULL)
			goto fail;
		n->kids = xreallocarray(n->kids, n->nkids + 1,
		    sizeof *n->kids);
		n->kids[n->nkids++] = kid;
		kid = NULL;
	}
	return (n != NULL ? n : kid);

fail:
	node_free(kid);
	node_free(n);
	return (NULL);
}

/* Parses SELECT COUNT() or a list of distinct fields. */
static int
parse_select(struct parser *p)
{
	struct soql_query	*q = p->q;
	struct token		*tok;
	size_t			 ref, i;
	char			*text;

	if (expect_word(p, "SELECT") != 0)
		return (-1);
	tok = peek(p);
	if (is_word(p, tok, "COUNT") && peek2(p)->kind == TK_LPAREN) {
		advance(p);
		advance(p);
		if (peek(p)->kind != TK_RPAREN) {
			unexpected(p, peek(p), "')': sfemu supports only "
			    "COUNT() without a field");
			return (-1);
		}
		advance(p);
		q->count = 1;
		return (0);
	}
	for (;;) {
		tok = peek(p);
		if (parse_field(p, &ref) != 0)
			return (-1);
		for (i = 0; i < q->nfields; i++) {
			if (strlen(q->fields[i]) == tok->len &&
			    strncasecmp(q->fields[i], p->text + tok->off,
			    tok->len) == 0) {
				text = excerpt(p->text + tok->off, tok->len);
				perr(p, tok->off, "duplicate field selected: "
				    "%s", text);
				free(text);
				return (-1);
			}
		}
		q->fields = xreallocarray(q->fields, q->nfields + 1,
		    sizeof *q->fields);
		q->fields[q->nfields++] = xstrndup(p->text + tok->off,
		    tok->len);
		if (peek(p)->kind != TK_COMMA)
			return (0);
		advance(p);
	}
}

/* Parses the ORDER BY keys, each with its direction and null placement. */
static int
parse_order(struct parser *p)
{
	struct soql_query	*q = p->q;
	struct order_key	*k;

	for (;;) {
		q->order = xreallocarray(q->order, q->norder + 1,
		    sizeof *q->order);
		k = &q->order[q->norder];
		k->off = peek(p)->off;
		if (parse_field(p, &k->ref) != 0)
			return (-1);
		q->norder++;
		k->desc = 0;
		if (is_word(p, peek(p), "ASC"))
			advance(p);
		else if (is_word(p, peek(p), "DESC")) {
			advance(p);
			k->desc = 1;
		}
		k->nulls_first = !k->desc;
		if (is_word(p, peek(p), "NULLS")) {
			advance(p);
			if (is_word(p, peek(p), "FIRST"))
				k->nulls_first = 1;
			else if (is_word(p, peek(p), "LAST"))
				k->nulls_first = 0;
			else {
				unexpected(p, peek(p), "FIRST or LAST");
				return (-1);
			}
			advance(p);
		}
		if (peek(p)->kind != TK_COMMA)
			return (0);
		advance(p);
	}
}

/* Parses the whole number after LIMIT or OFFSET into *out. */
static int
parse_count(struct parser *p, const char *clause, long long *out)
{
	struct token	*tok = peek(p);
	char		*text;

	if (tok->kind != TK_NUMBER || !tok->integral || tok->n > SOQL_MAX_INT) {
		if (tok->kind == TK_NUMBER) {
			text = excerpt(p->text + tok->off, tok->len);
			perr(p, tok->off, "%s must be a whole number from 0 "
			    "to %lld, not '%s'", clause, SOQL_MAX_INT, text);
			free(text);
		} else
			unexpected(p, tok, "a number");
		return (-1);
	}
	*out = (long long)tok->n;
	advance(p);
	return (0);
}

/* Parses a whole statement into p->q. */
static int
parse_query(struct parser *p)
{
	struct soql_query	*q = p->q;
	struct token		*tok;

	if (parse_select(p) != 0)
		return (-1);
	if (expect_word(p, "FROM") != 0)
		return (-1);
	tok = peek(p);
	if (tok->kind != TK_IDENT || is_reserved(p, tok) ||
	    memchr(p->text + tok->off, '.', tok->len) != NULL) {
		unexpected(p, tok, "an object name");
		return (-1);
	}
	q->object = xstrndup(p->text + tok->off, tok->len);
	advance(p);
	if (is_word(p, peek(p), "WHERE")) {
		advance(p);
		if ((q->where = parse_cond(p, 1)) == NULL)
			return (-1);
	}
	if (is_word(p, peek(p), "ORDER")) {
		advance(p);
		if (expect_word(p, "BY") != 0 || parse_order(p) != 0)
			return (-1);
	}
	if (is_word(p, peek(p), "LIMIT")) {
		advance(p);
		if (parse_count(p, "LIMIT", &q->limit) != 0)
			return (-1);
	}
	if (is_word(p, peek(p), "OFFSET")) {
		advance(p);
		q->offset_at = peek(p)->off;
		if (parse_count(p, "OFFSET", &q->offset) != 0)
			return (-1);
	}
	if (peek(p)->kind != TK_EOF) {
		unexpected(p, peek(p), NULL);
		return (-1);
	}
	return (0);
}

struct soql_query *
soql_parse(const char *text, char **cause, size_t *pos)
{
	struct parser		 p;
	struct soql_query	*q;
	size_t			 i;

	memset(&p, 0, sizeof p);
	p.text = text;
	p.textlen = strnlen(text, SOQL_MAX_LEN + 1);
	q = p.q = xcalloc(1, sizeof *q);
	q->limit = -1;
	if (p.textlen > SOQL_MAX_LEN)
		perr(&p, SOQL_MAX_LEN, "query too long: more than %d "
		    "characters", SOQL_MAX_LEN);
	else if (soql_lex(&p) == 0)
		parse_query(&p);
	for (i = 0; i < p.ntoks; i++) {
		free(p.toks[i].s);
		free(p.toks[i].wild);
	}
	free(p.toks);
	if (p.cause != NULL) {
		soql_free(q);
		if (cause != NULL)
			*cause = p.cause;
		else
			free(p.cause);
		if (pos != NULL)
			*pos = p.pos;
		return (NULL);
	}
	return (q);
}

void
soql_free(struct soql_query *q)
{
	size_t	i;

	if (q == NULL)
		return;
	free(q->object);
	for (i = 0; i < q->nfields; i++)
		free(q->fields[i]);
	free(q->fields);
	for (i = 0; i < q->nrefs; i++)
		free(q->refs[i]);
	free(q->refs);
	free(q->refoff);
	node_free(q->where);
	free(q->order);
	free(q);
}

const char *
soql_object(const struct soql_query *q)
{
	return (q->object);
}

int
soql_is_count(const struct soql_query *q)
{
	return (q->count);
}

size_t
soql_nfields(const struct soql_query *q)
{
	return (q->nfields);
}

const char *
soql_field(const struct soql_query *q, size_t i)
{
	return (i < q->nfields ? q->fields[i] : NULL);
}

long long
soql_limit(const struct soql_query *q)
{
	return (q->limit);
}

long long
soql_offset(const struct soql_query *q)
{
	return (q->offset);
}

size_t
soql_nrefs(const struct soql_query *q)
{
	return (q->nrefs);
}

const char *
soql_ref(const struct soql_query *q, size_t i)
{
	return (i < q->nrefs ? q->refs[i] : NULL);
}
