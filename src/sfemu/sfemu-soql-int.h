/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Private to sfemu-soql.c and sfemu-soql-eval.c: the tree soql_parse builds
 * and the evaluator walks (literals, condition nodes, ORDER BY keys and the
 * query itself).  Nothing else includes this file; to the rest of sfemu a
 * query is the opaque struct soql_query of sfemu-soql.h.
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

enum range_kind {
	RANGE_TODAY,
	RANGE_YESTERDAY,
	RANGE_TOMORROW,
	RANGE_LAST_N_DAYS,
	RANGE_NEXT_N_DAYS
};

struct lit {
	enum lit_type	 type;
	char		*s;
	unsigned char	*wild;
	size_t		 slen;
	double		 n;
	int		 b;
	long long	 i;
	enum range_kind	 range;
	long long	 rn;
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
	int	desc;
	int	nulls_first;
};

struct soql_query {
	char			*object;
	int			 count;
	char			**fields;
	size_t			 nfields;
	char			**refs;
	size_t			 nrefs;
	struct node		*where;
	struct order_key	*order;
	size_t			 norder;
	long long		 limit;
	long long		 offset;
};

#endif
