/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu's SOQL tokenizer: soql_lex splits the text of a query into the
 * tokens sfemu-soql.c parses (sfemu-soql-int.h), decoding string escapes
 * and turning date and dateTime literals into days or milliseconds since
 * the epoch, UTC.  It also owns the two error helpers both files use: perr,
 * which records the first error and the column it points at, and excerpt,
 * which quotes a piece of the query for a message.  The fidelity rules it
 * follows are listed at the top of sfemu-soql.c.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sfemu-soql-int.h"
#include "xmalloc.h"

/* Records the first error: a message and the 1-based column it points at. */
void __attribute__((format(printf, 3, 4)))
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
char *
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
long long
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
int
soql_lex(struct parser *p)
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
