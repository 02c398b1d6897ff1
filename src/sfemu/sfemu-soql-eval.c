/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * sfemu's SOQL evaluator: walks the tree soql_parse built (sfemu-soql-int.h)
 * over one row at a time through the caller's getter, for the WHERE clause
 * (soql_match, soql_match_err) and ORDER BY (soql_compare); and the check
 * of a whole query against its object's describe before any row is read
 * (soql_check), where a value that does not fit its field is Salesforce's
 * INVALID_FIELD.  Evaluation checks each value again against the type the
 * row gives, for callers that skip soql_check.  The fidelity
 * rules it follows (case, nulls, date literals as whole UTC days) are listed
 * at the top of sfemu-soql.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sfemu-soql.h"
#include "sfemu-soql-int.h"
#include "xmalloc.h"

#define SOQL_MAX_OFFSET	2000	/* OFFSET: "The maximum offset is 2,000" */

/* Returns floor(a / b) for b > 0, also for negative a. */
static long long
floor_div(long long a, long long b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* What evaluation needs besides the row: the clock and where errors go. */
struct eval {
	const struct soql_query	*q;
	soql_getter		 get;
	void			*row;
	long long		 now_ms;
	char			*cause;
	size_t			 pos;
};

/* Compares two strings ignoring ASCII case, as Salesforce does. */
static int
ci_compare(const char *a, const char *b)
{
	int	ca, cb;

	for (;; a++, b++) {
		ca = tolower((unsigned char)*a);
		cb = tolower((unsigned char)*b);
		if (ca != cb || ca == '\0')
			return ((ca > cb) - (ca < cb));
	}
}

/* Returns the length of the UTF-8 character at s, at most left bytes. */
static size_t
utf8_len(const char *s, size_t left)
{
	unsigned char	c = (unsigned char)*s;
	size_t		n = 1, i;

	if (c >= 0xf0)
		n = 4;
	else if (c >= 0xe0)
		n = 3;
	else if (c >= 0xc0)
		n = 2;
	for (i = 1; i < n && i < left; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return (i);
	}
	return (n < left ? n : left);
}

/*
 * Matches s against a LIKE pattern ignoring case: % is any run of
 * characters, _ exactly one (a UTF-8 character, not a byte).  Greedy with
 * one backtrack point, so O(len(s) * len(pattern)) at worst.
 */
static int
like_match(const char *s, const struct lit *pat)
{
	size_t	slen = strlen(s), si = 0, pi = 0, star_s = 0;
	size_t	star_p = (size_t)-1;

	while (si < slen) {
		if (pi < pat->slen && pat->wild[pi] && pat->s[pi] == '%') {
			star_p = pi++;
			star_s = si;
		} else if (pi < pat->slen && pat->wild[pi]) {
			si += utf8_len(s + si, slen - si);
			pi++;
		} else if (pi < pat->slen && tolower((unsigned char)s[si]) ==
		    tolower((unsigned char)pat->s[pi])) {
			si++;
			pi++;
		} else if (star_p != (size_t)-1) {
			pi = star_p + 1;
			star_s += utf8_len(s + star_s, slen - star_s);
			si = star_s;
		} else
			return (0);
	}
	while (pi < pat->slen && pat->wild[pi] && pat->s[pi] == '%')
		pi++;
	return (pi == pat->slen);
}

/* Returns the type name Salesforce uses in its filter messages. */
static const char *
type_name(enum soql_type t)
{
	switch (t) {
	case SOQL_STRING:
		return ("string");
	case SOQL_NUMBER:
		return ("double");
	case SOQL_BOOL:
		return ("boolean");
	case SOQL_DATE:
		return ("date");
	case SOQL_DATETIME:
		return ("dateTime");
	default:
		return ("null");
	}
}

/* Returns whether a value of literal type l may filter a field of type t. */
static int
lit_fits(enum soql_type t, enum lit_type l)
{
	switch (l) {
	case LIT_NULL:
		return (1);
	case LIT_STRING:
		return (t == SOQL_STRING);
	case LIT_NUMBER:
		return (t == SOQL_NUMBER);
	case LIT_BOOL:
		return (t == SOQL_BOOL);
	case LIT_DATE:
		return (t == SOQL_DATE);
	case LIT_DATETIME:
		return (t == SOQL_DATETIME);
	case LIT_RANGE:
		return (t == SOQL_DATE || t == SOQL_DATETIME);
	}
	return (0);
}

/* Says, in Salesforce's words, that a value does not fit field's type t. */
static char *
type_message(const char *field, enum soql_type t)
{
	return (xasprintf("value of filter criterion for field '%s' must be "
	    "of type %s and should %sbe enclosed in quotes", field,
	    type_name(t), t == SOQL_STRING ? "" : "not "));
}

/* Says that LIKE was used on a field of type t. */
static char *
like_message(const char *field, enum soql_type t)
{
	return (xasprintf("invalid operator on %s field '%s': LIKE works on "
	    "string fields only", type_name(t), field));
}

/* Says that a boolean field was compared with <, <=, > or >=. */
static char *
bool_message(const char *field)
{
	return (xasprintf("invalid operator on boolean field '%s': use = or "
	    "!=", field));
}

/* Says that the object has no such field. */
static char *
column_message(const char *field, const char *object)
{
	return (xasprintf("No such column '%s' on entity '%s'. If you are "
	    "attempting to use a custom field, be sure to append the '__c' "
	    "after the custom field name. Please reference your WSDL or the "
	    "describe call for the appropriate names.", field, object));
}

/* Records a value that does not fit its field, in Salesforce's words. */
static void
type_error(struct eval *e, const struct node *n, enum soql_type t)
{
	if (e->cause != NULL)
		return;
	e->cause = type_message(e->q->refs[n->ref], t);
	e->pos = n->off + 1;
}

/* Splits a day count since 1970-01-01 into *y and *m (Hinnant's method). */
static void
civil_from_days(long long z, long long *y, int *m)
{
	long long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Returns the first day of period k of unit (periods since year 0). */
static long long
period_start(enum range_unit unit, long long k)
{
	switch (unit) {
	case RANGE_DAY:
		return (k);
	case RANGE_WEEK:
		return (k * 7 - 4);	/* 1970-01-04 was a Sunday */
	case RANGE_MONTH:
		return (days_from_civil((int)floor_div(k, 12),
		    (int)(k - floor_div(k, 12) * 12) + 1, 1));
	case RANGE_QUARTER:
		return (days_from_civil((int)floor_div(k, 4),
		    (int)(k - floor_div(k, 4) * 4) * 3 + 1, 1));
	case RANGE_YEAR:
	default:
		return (days_from_civil((int)k, 1, 1));
	}
}

/*
 * Turns a date literal into [*lo, *hi) in milliseconds: whole periods of
 * UTC days, counted from the one that holds now_ms.
 */
static void
range_bounds(const struct lit *l, long long now_ms, long long *lo,
    long long *hi)
{
	long long	today = floor_div(now_ms, DAY_MS), y, cur;
	int		m;

	civil_from_days(today, &y, &m);
	switch (l->unit) {
	case RANGE_DAY:
		cur = today;
		break;
	case RANGE_WEEK:
		cur = floor_div(today + 4, 7);
		break;
	case RANGE_MONTH:
		cur = y * 12 + m - 1;
		break;
	case RANGE_QUARTER:
		cur = y * 4 + (m - 1) / 3;
		break;
	case RANGE_YEAR:
	default:
		cur = y;
		break;
	}
	*lo = period_start(l->unit, cur + l->first) * DAY_MS;
	*hi = period_start(l->unit, cur + l->last + 1) * DAY_MS;
}

/* Returns the sign of comparing two non-null values of the same type. */
static int
value_compare(const struct soql_value *a, const struct soql_value *b)
{
	if (a->type != b->type)
		return ((a->type > b->type) - (a->type < b->type));
	switch (a->type) {
	case SOQL_STRING:
		return (ci_compare(a->s != NULL ? a->s : "",
		    b->s != NULL ? b->s : ""));
	case SOQL_NUMBER:
		return ((a->n > b->n) - (a->n < b->n));
	case SOQL_BOOL:
		return ((!!a->b > !!b->b) - (!!a->b < !!b->b));
	case SOQL_DATE:
	case SOQL_DATETIME:
		return ((a->i > b->i) - (a->i < b->i));
	default:
		return (0);
	}
}

/*
 * Tests one field value against one literal with op: 1, 0, or -1 when the
 * literal does not fit the field's type.  A null field equals only null and
 * differs from everything else; it is neither less nor greater than a value.
 */
static int
test_value(struct eval *e, const struct node *n, const struct soql_value *v,
    enum cmp_op op, const struct lit *l)
{
	struct soql_value	lv;
	long long		lo, hi, x;
	int			c;

	if (l->type == LIT_NULL || v->type == SOQL_NULL) {
		c = l->type == LIT_NULL && v->type == SOQL_NULL;
		if (op == OP_EQ)
			return (c);
		if (op == OP_NE)
			return (!c);
		return (0);
	}
	if (!lit_fits(v->type, l->type)) {
		type_error(e, n, v->type);
		return (-1);
	}
	if (v->type == SOQL_BOOL && op != OP_EQ && op != OP_NE) {
		if (e->cause == NULL) {
			e->cause = bool_message(e->q->refs[n->ref]);
			e->pos = n->off + 1;
		}
		return (-1);
	}
	if (l->type == LIT_RANGE) {
		range_bounds(l, e->now_ms, &lo, &hi);
		x = v->type == SOQL_DATE ? v->i * DAY_MS : v->i;
		switch (op) {
		case OP_EQ: return (x >= lo && x < hi);
		case OP_NE: return (!(x >= lo && x < hi));
		case OP_LT: return (x < lo);
		case OP_LE: return (x < hi);
		case OP_GT: return (x >= hi);
		case OP_GE: return (x >= lo);
		}
		return (0);
	}
	memset(&lv, 0, sizeof lv);
	lv.type = v->type;
	lv.s = l->s;
	lv.n = l->n;
	lv.b = l->b;
	lv.i = l->i;
	c = value_compare(v, &lv);
	switch (op) {
	case OP_EQ: return (c == 0);
	case OP_NE: return (c != 0);
	case OP_LT: return (c < 0);
	case OP_LE: return (c <= 0);
	case OP_GT: return (c > 0);
	case OP_GE: return (c >= 0);
	}
	return (0);
}

/* Fetches the value of n's field; an unknown field is Salesforce's error. */
static int
fetch(struct eval *e, const struct node *n, struct soql_value *v)
{
	memset(v, 0, sizeof *v);
	if (e->get(e->row, e->q->refs[n->ref], v) != 0) {
		if (e->cause == NULL) {
			e->cause = column_message(e->q->refs[n->ref],
			    e->q->object);
			e->pos = n->off + 1;
		}
		return (-1);
	}
	if (v->type == SOQL_STRING && v->s == NULL)
		v->type = SOQL_NULL;
	return (0);
}

/* Evaluates a condition tree for the row: 1, 0 or -1. */
static int
eval_node(struct eval *e, const struct node *n)
{
	struct soql_value	v;
	size_t			i;
	int			r;

	switch (n->type) {
	case N_AND:
	case N_OR:
		/* Evaluate every operand so errors do not depend on data. */
		r = n->type == N_AND;
		for (i = 0; i < n->nkids; i++) {
			switch (eval_node(e, n->kids[i])) {
			case -1:
				return (-1);
			case 0:
				if (n->type == N_AND)
					r = 0;
				break;
			default:
				if (n->type == N_OR)
					r = 1;
				break;
			}
		}
		return (r);
	case N_NOT:
		r = eval_node(e, n->kids[0]);
		return (r == -1 ? -1 : !r);
	case N_CMP:
		if (fetch(e, n, &v) != 0)
			return (-1);
		return (test_value(e, n, &v, n->op, &n->vals[0]));
	case N_IN:
		if (fetch(e, n, &v) != 0)
			return (-1);
		r = 0;
		for (i = 0; i < n->nvals; i++) {
			switch (test_value(e, n, &v, OP_EQ, &n->vals[i])) {
			case -1:
				return (-1);
			case 1:
				r = 1;
				break;
			}
		}
		return (n->negate ? !r : r);
	case N_LIKE:
		if (fetch(e, n, &v) != 0)
			return (-1);
		if (v.type == SOQL_NULL)
			return (0);
		if (v.type != SOQL_STRING) {
			if (e->cause == NULL) {
				e->cause = like_message(e->q->refs[n->ref],
				    v.type);
				e->pos = n->off + 1;
			}
			return (-1);
		}
		return (like_match(v.s, &n->vals[0]));
	}
	return (-1);
}

/* What soql_check carries down the tree: the describe and the error. */
struct check {
	const struct soql_query	*q;
	soql_describer		 describe;
	void			*ctx;
	const char		*code;
	char			*cause;
	size_t			 pos;
};

/* Records the check's error (msg is taken) at offset off; returns -1. */
static int
check_fail(struct check *c, const char *code, size_t off, char *msg)
{
	c->code = code;
	c->cause = msg;
	c->pos = off + 1;
	return (-1);
}

/* Checks one field expression, or each operand of AND, OR and NOT. */
static int
check_node(struct check *c, const struct node *n)
{
	struct soql_fieldinfo	 fi;
	const char		*f;
	size_t			 i;

	if (n->type == N_AND || n->type == N_OR || n->type == N_NOT) {
		for (i = 0; i < n->nkids; i++) {
			if (check_node(c, n->kids[i]) != 0)
				return (-1);
		}
		return (0);
	}
	f = c->q->refs[n->ref];
	memset(&fi, 0, sizeof fi);
	if (c->describe(c->ctx, f, &fi) != 0)
		return (check_fail(c, "INVALID_FIELD", n->off,
		    column_message(f, c->q->object)));
	if (!fi.filterable)
		return (check_fail(c, "INVALID_FIELD", n->off, xasprintf(
		    "field '%s' can not be filtered in a query call", f)));
	if (n->type == N_LIKE) {
		if (fi.type != SOQL_STRING)
			return (check_fail(c, "INVALID_QUERY_FILTER_OPERATOR",
			    n->off, like_message(f, fi.type)));
		return (0);
	}
	for (i = 0; i < n->nvals; i++) {
		if (!lit_fits(fi.type, n->vals[i].type))
			return (check_fail(c, "INVALID_FIELD", n->off,
			    type_message(f, fi.type)));
	}
	if (fi.type == SOQL_BOOL && n->type == N_CMP && n->op != OP_EQ &&
	    n->op != OP_NE)
		return (check_fail(c, "INVALID_QUERY_FILTER_OPERATOR", n->off,
		    bool_message(f)));
	return (0);
}

int
soql_check(const struct soql_query *q, soql_describer describe, void *ctx,
    const char **code, char **cause, size_t *pos)
{
	struct check		 c;
	struct soql_fieldinfo	 fi;
	size_t			 i;
	int			 r = 0;

	memset(&c, 0, sizeof c);
	c.q = q;
	c.describe = describe;
	c.ctx = ctx;
	for (i = 0; i < q->nrefs && r == 0; i++) {
		if (describe(ctx, q->refs[i], &fi) != 0)
			r = check_fail(&c, "INVALID_FIELD", q->refoff[i],
			    column_message(q->refs[i], q->object));
	}
	if (r == 0 && q->where != NULL)
		r = check_node(&c, q->where);
	for (i = 0; i < q->norder && r == 0; i++) {
		memset(&fi, 0, sizeof fi);
		describe(ctx, q->refs[q->order[i].ref], &fi);
		if (!fi.sortable)
			r = check_fail(&c, "INVALID_FIELD", q->order[i].off,
			    xasprintf("field '%s' can not be sorted in a "
			    "query call", q->refs[q->order[i].ref]));
	}
	if (r == 0 && q->offset > SOQL_MAX_OFFSET)
		r = check_fail(&c, "NUMBER_OUTSIDE_VALID_RANGE", q->offset_at,
		    xasprintf("Maximum SOQL offset allowed for apiName %s is "
		    "%d", q->object, SOQL_MAX_OFFSET));
	if (r == 0)
		return (0);
	if (code != NULL)
		*code = c.code;
	if (cause != NULL)
		*cause = c.cause;
	else
		free(c.cause);
	if (pos != NULL)
		*pos = c.pos;
	return (-1);
}

int
soql_match_err(const struct soql_query *q, soql_getter get, void *row,
    long long now_ms, char **cause, size_t *pos)
{
	struct eval	e;
	int		r;

	if (q->where == NULL)
		return (1);
	memset(&e, 0, sizeof e);
	e.q = q;
	e.get = get;
	e.row = row;
	e.now_ms = now_ms;
	r = eval_node(&e, q->where);
	if (r == -1) {
		if (cause != NULL)
			*cause = e.cause != NULL ? e.cause :
			    xstrdup("invalid query");
		else
			free(e.cause);
		if (pos != NULL)
			*pos = e.pos;
		return (-1);
	}
	free(e.cause);
	return (r);
}

int
soql_match(const struct soql_query *q, soql_getter get, void *row,
    long long now_ms)
{
	return (soql_match_err(q, get, row, now_ms, NULL, NULL));
}

int
soql_compare(const struct soql_query *q, soql_getter get, void *a, void *b)
{
	const struct order_key	*k;
	struct soql_value	 va, vb;
	size_t			 i;
	int			 c;

	for (i = 0; i < q->norder; i++) {
		k = &q->order[i];
		memset(&va, 0, sizeof va);
		memset(&vb, 0, sizeof vb);
		if (get(a, q->refs[k->ref], &va) != 0)
			va.type = SOQL_NULL;
		if (get(b, q->refs[k->ref], &vb) != 0)
			vb.type = SOQL_NULL;
		if (va.type == SOQL_STRING && va.s == NULL)
			va.type = SOQL_NULL;
		if (vb.type == SOQL_STRING && vb.s == NULL)
			vb.type = SOQL_NULL;
		if (va.type == SOQL_NULL || vb.type == SOQL_NULL) {
			if (va.type == vb.type)
				continue;
			c = va.type == SOQL_NULL ? -1 : 1;
			return (k->nulls_first ? c : -c);
		}
		c = value_compare(&va, &vb);
		if (c != 0)
			return (k->desc ? -c : c);
	}
	return (0);
}
