/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu's SOQL subset, the parse side: a tokenizer and a recursive-descent
 * parser that build a small tree (sfemu-soql-int.h), and the accessors of
 * the parsed query.  The evaluator that walks the tree over rows the caller
 * describes through a getter, and checks each value's type against its
 * field's, is sfemu-soql-eval.c; the rules below hold for both files.  The
 * aim is fidelity in both directions: what Salesforce accepts inside the
 * subset is accepted with the same meaning, and what it rejects is rejected
 * here too, so a client that works against sfemu works against Salesforce.
 * Hence some deliberate strictness, each from the Salesforce SOQL and SOSL
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
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "sfemu-soql.h"
#include "sfemu-soql-int.h"
#include "xmalloc.h"

#define SOQL_MAX_LEN	100000
#define SOQL_MAX_DEPTH	100
#define SOQL_MAX_INT	2147483647LL

enum tok_kind {
	TK_EOF,
	TK_IDENT,
	TK_STRING,
	TK_NUMBER,
	TK_DATE,
	TK_DATETIME,
	TK_LPAREN,
	TK_RPAREN,
	TK_COMMA,
	TK_COLON,
	TK_EQ,
	TK_NE,
	TK_LT,
	TK_LE,
	TK_GT,
	TK_GE
};

struct token {
	enum tok_kind	 kind;
	size_t		 off;		/* byte offset in the text */
	size_t		 len;
	char		*s;		/* TK_STRING: decoded */
	unsigned char	*wild;		/* TK_STRING: 1 for a wildcard % or _ */
	size_t		 slen;
	double		 n;		/* TK_NUMBER */
	int		 integral;	/* TK_NUMBER: no sign, no fraction */
	long long	 i;		/* TK_DATE: days; TK_DATETIME: ms */
};

struct parser {
	const char		*text;
	size_t			 textlen;
	struct token		*toks;
	size_t			 ntoks;
	size_t			 at;
	char			*cause;
	size_t			 pos;
	struct soql_query	*q;
};

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

/* Records the first error: a message and the 1-based column it points at. */
static void __attribute__((format(printf, 3, 4)))
perr(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	if (p->cause != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->cause = xstrdup(msg);
	p->pos = off + 1;
}

/* Copies at most 40 bytes of text for a message, printable ASCII only. */
static char *
excerpt(const char *s, size_t len)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < len && i < 40; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f)
			buf_addc(&b, s[i]);
		else
			buf_addc(&b, '?');
	}
	if (len > 40)
		buf_adds(&b, "...");
	return (buf_detach(&b));
}

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

/* Returns whether c can continue an identifier. */
static int
ident_char(int c)
{
	return (isalnum((unsigned char)c) || c == '_');
}

/* Reads n decimal digits at s into *out; 0 or -1 if one is not a digit. */
static int
read_digits(const char *s, int n, int *out)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (-1);
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return (0);
}

/* Returns whether year is a leap year in the proleptic Gregorian calendar. */
static int
leap_year(int year)
{
	return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0);
}

/* Returns the number of days from 1970-01-01 to y-m-d (Hinnant's method). */
static long long
days_from_civil(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/*
 * Lexes a date (YYYY-MM-DD) or dateTime (YYYY-MM-DDThh:mm:ss[.sss] and Z or
 * +hh:mm or -hh:mm) at off into tok; its length is set, or an error is.
 */
static int
lex_date(struct parser *p, size_t off, struct token *tok)
{
	static const int	 mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31,
				     30, 31, 30, 31 };
	const char		*s = p->text + off;
	int			 y, mo, d, h, mi, sec, ms = 0, oh, om, n, max;
	size_t			 k;
	long long		 sign;

	if (read_digits(s, 4, &y) != 0 || s[4] != '-' ||
	    read_digits(s + 5, 2, &mo) != 0 || s[7] != '-' ||
	    read_digits(s + 8, 2, &d) != 0)
		goto bad;
	max = (mo >= 1 && mo <= 12) ? mdays[mo - 1] : 0;
	if (mo == 2 && leap_year(y))
		max = 29;
	if (y < 1 || d < 1 || d > max)
		goto bad;
	tok->i = days_from_civil(y, mo, d);
	k = 10;
	if (s[k] != 'T') {
		if (ident_char(s[k]) || s[k] == '.' || s[k] == ':')
			goto bad;
		tok->kind = TK_DATE;
		tok->len = k;
		return (0);
	}
	k++;
	if (read_digits(s + k, 2, &h) != 0 || s[k + 2] != ':' ||
	    read_digits(s + k + 3, 2, &mi) != 0 || s[k + 5] != ':' ||
	    read_digits(s + k + 6, 2, &sec) != 0)
		goto bad;
	if (h > 23 || mi > 59 || sec > 59)
		goto bad;
	k += 8;
	if (s[k] == '.') {
		k++;
		for (n = 0; n < 3 && isdigit((unsigned char)s[k]); n++, k++)
			ms = ms * 10 + (s[k] - '0');
		if (n == 0 || isdigit((unsigned char)s[k]))
			goto bad;
		for (; n < 3; n++)
			ms *= 10;
	}
	tok->i = tok->i * DAY_MS + h * 3600000LL + mi * 60000LL +
	    sec * 1000LL + ms;
	if (s[k] == 'Z')
		k++;
	else if (s[k] == '+' || s[k] == '-') {
		sign = s[k] == '+' ? 1 : -1;
		if (read_digits(s + k + 1, 2, &oh) != 0 || s[k + 3] != ':' ||
		    read_digits(s + k + 4, 2, &om) != 0 || oh > 23 || om > 59)
			goto bad;
		tok->i -= sign * (oh * 3600000LL + om * 60000LL);
		k += 6;
	} else {
		perr(p, off + k, "dateTime literal needs a time zone: "
		    "Z, +hh:mm or -hh:mm");
		return (-1);
	}
	if (ident_char(s[k]) || s[k] == '.' || s[k] == ':')
		goto bad;
	tok->kind = TK_DATETIME;
	tok->len = k;
	return (0);

bad:
	for (k = 0; ident_char(s[k]) || s[k] == '-' || s[k] == ':' ||
	    s[k] == '.' || s[k] == '+'; k++)
		;
	tok->len = k;
	tok->s = excerpt(s, k);
	perr(p, off, "invalid date or dateTime literal: '%s'", tok->s);
	return (-1);
}

/* Lexes a number (optional sign, digits, optional fraction) at off. */
static int
lex_number(struct parser *p, size_t off, struct token *tok)
{
	const char	*s = p->text + off;
	size_t		 k = 0;
	char		*copy;

	tok->integral = 1;
	if (s[k] == '-' || s[k] == '+') {
		tok->integral = 0;
		k++;
	}
	while (isdigit((unsigned char)s[k]))
		k++;
	if (s[k] == '.') {
		tok->integral = 0;
		k++;
		if (!isdigit((unsigned char)s[k]))
			goto bad;
		while (isdigit((unsigned char)s[k]))
			k++;
	}
	if (ident_char(s[k]) || s[k] == '.')
		goto bad;
	copy = xstrndup(s, k);
	tok->n = strtod(copy, NULL);
	free(copy);
	tok->kind = TK_NUMBER;
	tok->len = k;
	return (0);

bad:
	while (ident_char(s[k]) || s[k] == '.')
		k++;
	tok->len = k;
	copy = excerpt(s, k);
	perr(p, off, "invalid number: '%s'", copy);
	free(copy);
	return (-1);
}

/*
 * Lexes a single-quoted string at off, decoding Salesforce's escapes; \% and
 * \_ stay literal characters, while bare % and _ are marked as wildcards for
 * LIKE.
 */
static int
lex_string(struct parser *p, size_t off, struct token *tok)
{
	const char	*s = p->text + off;
	struct buf	 b, w;
	size_t		 k = 1;
	char		 c, *bad;

	buf_init(&b);
	buf_init(&w);
	for (;;) {
		c = s[k];
		if (c == '\0') {
			perr(p, off, "unterminated string literal");
			goto fail;
		}
		if (c == '\'') {
			k++;
			break;
		}
		if (c != '\\') {
			buf_addc(&b, c);
			buf_addc(&w, c == '%' || c == '_');
			k++;
			continue;
		}
		switch (s[k + 1]) {
		case 'n': case 'N': c = '\n'; break;
		case 'r': case 'R': c = '\r'; break;
		case 't': case 'T': c = '\t'; break;
		case 'b': case 'B': c = '\b'; break;
		case 'f': case 'F': c = '\f'; break;
		case '"': case '\'': case '\\': case '%': case '_':
			c = s[k + 1];
			break;
		default:
			bad = excerpt(s + k, s[k + 1] == '\0' ? 1 : 2);
			perr(p, off + k, "invalid escape sequence '%s' in "
			    "string literal", bad);
			free(bad);
			goto fail;
		}
		buf_addc(&b, c);
		buf_addc(&w, 0);
		k += 2;
	}
	tok->kind = TK_STRING;
	tok->len = k;
	tok->slen = b.len;
	tok->s = buf_detach(&b);
	tok->wild = (unsigned char *)buf_detach(&w);
	return (0);

fail:
	buf_release(&b);
	buf_release(&w);
	return (-1);
}

/* Lexes one token at off into tok; 0 or -1 with the error recorded. */
static int
lex_one(struct parser *p, size_t off, struct token *tok)
{
	const char	*s = p->text + off;
	size_t		 k;
	char		*text;

	memset(tok, 0, sizeof *tok);
	tok->off = off;
	tok->len = 1;
	switch (*s) {
	case '\0':
		tok->kind = TK_EOF;
		tok->len = 0;
		return (0);
	case '(':
		tok->kind = TK_LPAREN;
		return (0);
	case ')':
		tok->kind = TK_RPAREN;
		return (0);
	case ',':
		tok->kind = TK_COMMA;
		return (0);
	case ':':
		tok->kind = TK_COLON;
		return (0);
	case '=':
		tok->kind = TK_EQ;
		return (0);
	case '\'':
		return (lex_string(p, off, tok));
	case '!':
		if (s[1] == '=') {
			tok->kind = TK_NE;
			tok->len = 2;
			return (0);
		}
		break;
	case '<':
		tok->kind = TK_LT;
		if (s[1] == '=' || s[1] == '>') {
			tok->kind = s[1] == '=' ? TK_LE : TK_NE;
			tok->len = 2;
		}
		return (0);
	case '>':
		tok->kind = TK_GT;
		if (s[1] == '=') {
			tok->kind = TK_GE;
			tok->len = 2;
		}
		return (0);
	case '-':
	case '+':
		if (isdigit((unsigned char)s[1]))
			return (lex_number(p, off, tok));
		break;
	}
	if (isdigit((unsigned char)*s)) {
		for (k = 0; isdigit((unsigned char)s[k]); k++)
			;
		if (k == 4 && s[4] == '-')
			return (lex_date(p, off, tok));
		return (lex_number(p, off, tok));
	}
	if (isalpha((unsigned char)*s)) {
		k = 0;
		for (;;) {
			while (ident_char(s[k]))
				k++;
			if (s[k] != '.')
				break;
			if (!isalpha((unsigned char)s[k + 1])) {
				perr(p, off + k + 1, "invalid field name: "
				    "expecting a name after '.'");
				return (-1);
			}
			k++;
		}
		tok->kind = TK_IDENT;
		tok->len = k;
		return (0);
	}
	text = excerpt(s, 1);
	perr(p, off, "unexpected token: '%s'", text);
	free(text);
	return (-1);
}

/* Splits the whole text into tokens, ending with TK_EOF. */
static int
lex(struct parser *p)
{
	size_t	off = 0, cap = 0;
	int	c;

	for (;;) {
		while ((c = (unsigned char)p->text[off]) == ' ' || c == '\t' ||
		    c == '\n' || c == '\r' || c == '\f' || c == '\v')
			off++;
		if (p->ntoks == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			p->toks = xreallocarray(p->toks, cap, sizeof *p->toks);
		}
		if (lex_one(p, off, &p->toks[p->ntoks]) != 0) {
			free(p->toks[p->ntoks].s);
			free(p->toks[p->ntoks].wild);
			return (-1);
		}
		off += p->toks[p->ntoks].len;
		if (p->toks[p->ntoks++].kind == TK_EOF)
			return (0);
	}
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
add_ref(struct soql_query *q, const char *field, size_t len)
{
	size_t	i;

	for (i = 0; i < q->nrefs; i++) {
		if (strlen(q->refs[i]) == len &&
		    strncasecmp(q->refs[i], field, len) == 0)
			return (i);
	}
	q->refs = xreallocarray(q->refs, q->nrefs + 1, sizeof *q->refs);
	q->refs[q->nrefs] = xstrndup(field, len);
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
	*ref = add_ref(p->q, p->text + tok->off, tok->len);
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

/*
 * Parses the n of LAST_N_DAYS:n or NEXT_N_DAYS:n after the word at tok,
 * as in Salesforce: a colon straight after the word, then an integer.
 */
static int
parse_range_n(struct parser *p, const struct token *word, struct lit *l)
{
	struct token	*colon = peek(p), *num;

	if (colon->kind != TK_COLON || colon->off != word->off + word->len) {
		unexpected(p, colon, "':n' after the date literal");
		return (-1);
	}
	advance(p);
	num = peek(p);
	if (num->kind != TK_NUMBER || !num->integral ||
	    num->off != colon->off + 1 || num->n > 100000) {
		unexpected(p, num, "a whole number of days (at most 100000)");
		return (-1);
	}
	advance(p);
	l->rn = (long long)num->n;
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
	} else if (is_word(p, tok, "TODAY") || is_word(p, tok, "YESTERDAY") ||
	    is_word(p, tok, "TOMORROW")) {
		l->type = LIT_RANGE;
		if (is_word(p, tok, "TODAY"))
			l->range = RANGE_TODAY;
		else if (is_word(p, tok, "YESTERDAY"))
			l->range = RANGE_YESTERDAY;
		else
			l->range = RANGE_TOMORROW;
	} else if (is_word(p, tok, "LAST_N_DAYS") ||
	    is_word(p, tok, "NEXT_N_DAYS")) {
		l->type = LIT_RANGE;
		l->range = is_word(p, tok, "LAST_N_DAYS") ?
		    RANGE_LAST_N_DAYS : RANGE_NEXT_N_DAYS;
		return (parse_range_n(p, tok, l));
	} else {
		p->at--;
		unexpected(p, tok, "a value");
		return (-1);
	}
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
	else if (lex(&p) == 0)
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
