/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Private to sfemu-soql.c, sfemu-soql-lex.c and sfemu-soql-eval.c: the tree
 * soql_parse builds and the evaluator walks (literals, condition nodes,
 * ORDER BY keys and the query itself), and the tokens and parser state the
 * lexer and the parser share, with the lexer's entry point and the error
 * helpers both use.  Nothing else includes this file; to the rest of sfemu
 * a query is the opaque struct soql_query of sfemu-soql.h.
 */
#ifndef TD_SFEMU_SOQL_INT_H
#define TD_SFEMU_SOQL_INT_H

#include <stddef.h>

#define DAY_MS		86400000LL

enum lit_type {
	LIT_NULL,
	LIT_STRING,
	LIT_NUMBER,
	LIT_BOOL,
	LIT_DATE,
	LIT_DATETIME,
	LIT_RANGE		/* TODAY, LAST_N_DAYS:n ...: a span of days */
};

/* The periods a date literal counts in (weeks start on Sunday). */
enum range_unit {
	RANGE_DAY,
	RANGE_WEEK,
	RANGE_MONTH,
	RANGE_QUARTER,
	RANGE_YEAR
};

struct lit {
	enum lit_type	 type;
	char		*s;
	unsigned char	*wild;
	size_t		 slen;
	double		 n;
	int		 b;
	long long	 i;
	enum range_unit	 unit;		/* LIT_RANGE: whole periods from */
	long long	 first;		/* first to last (inclusive), */
	long long	 last;		/* counted from the current one (0) */
};

enum node_type {
	N_AND,
	N_OR,
	N_NOT,
	N_CMP,
	N_IN,
	N_LIKE
};

enum cmp_op {
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE
};

struct node {
	enum node_type	  type;
	struct node	**kids;		/* N_AND, N_OR, N_NOT */
	size_t		  nkids;
	size_t		  ref;		/* field, as an index into refs */
	size_t		  off;		/* where the field expression starts */
	enum cmp_op	  op;		/* N_CMP */
	int		  negate;	/* N_IN: NOT IN */
	struct lit	 *vals;		/* N_CMP, N_LIKE: one; N_IN: several */
	size_t		  nvals;
};

struct order_key {
	size_t	ref;
	size_t	off;		/* where the field starts */
	int	desc;
	int	nulls_first;
};

struct soql_query {
	char			*object;
	int			 count;
	char			**fields;
	size_t			 nfields;
	char			**refs;
	size_t			*refoff;	/* where each ref first is */
	size_t			 nrefs;
	struct node		*where;
	struct order_key	*order;
	size_t			 norder;
	long long		 limit;
	long long		 offset;
	size_t			 offset_at;	/* where its number is */
};

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

/*
 * sfemu-soql-lex.c.  perr keeps only the first error; excerpt's result is
 * the caller's to free; days_from_civil counts the days from 1970-01-01 to
 * a proleptic Gregorian date; soql_lex fills p->toks, ending with TK_EOF, and
 * returns 0, or -1 with the error in p (the caller frees each token's s and
 * wild, then toks, either way).
 */
void	 perr(struct parser *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
char	*excerpt(const char *, size_t);
long long days_from_civil(int, int, int);
int	 soql_lex(struct parser *);

#endif
