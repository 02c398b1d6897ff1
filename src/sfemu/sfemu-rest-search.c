/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The Search and Parameterized Search resources (REST API Developer
 * Guide, "Search for a String", dome_search; "Search",
 * resources_search; "Parameterized Search",
 * resources_search_parameterized), over Account, Contact and Lead:
 *
 *   GET /vXX.X/search/?q=FIND {Ana*} IN NAME FIELDS
 *       RETURNING Contact(Id, Name), Lead(Id, Name, Company LIMIT 5),
 *       Account(Id, Name) LIMIT 20
 *   GET /vXX.X/parameterizedSearch/?q=Ana&sobject=Contact
 *       &Contact.fields=Id,Name&Contact.limit=10&in=NAME&overallLimit=20
 *
 * both answer {"searchRecords":[{"attributes":{"type","url"},"Id",…}]}.
 * The SOSL subset (SOQL and SOSL Reference, "SOSL Syntax", "FIND
 * {SearchQuery}", "IN SearchGroup", "RETURNING FieldSpec", "LIMIT n"):
 * - the search query: words and "quoted phrases", * (any run) and ?
 *   (one character) wildcards, AND, OR, AND NOT evaluated left to right,
 *   adjacent terms joined by AND, \ escaping; case-insensitive.  Record
 *   text is split into tokens at spaces and punctuation and a term must
 *   match whole tokens (Ana* finds "Ana Souza", not "Bob Anders"); a
 *   term with punctuation is the phrase of its tokens.  A term shorter
 *   than two characters (wildcards aside) is left out, and when no term
 *   is left the search is 400 INVALID_SEARCH "search term must be longer
 *   than one character"; no braces, 400 MALFORMED_SEARCH;
 * - IN NAME FIELDS searches Name, and "Contact: … AccountName" and
 *   "Lead: Company" as the IN page lists; EMAIL FIELDS Email; PHONE
 *   FIELDS nothing (no phone fields); ALL and SIDEBAR both;
 * - RETURNING Obj(fields [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]):
 *   the part in parentheses is checked and evaluated as the SOQL
 *   "SELECT fields FROM Obj …" is; without it the Id only; without
 *   RETURNING every searchable object (Account, Contact, Lead);
 * - LIMIT n (at most and by default 2,000) is shared evenly among the
 *   objects ("results are evenly distributed among the objects
 *   returned"), after each object's own LIMIT.
 * Records come in RETURNING order, each object's in its ORDER BY or the
 * order of creation (Salesforce orders by relevance).  What the caller
 * may not see is not returned (store_viewer; "SOSL Limits").
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "sfemu-obj.h"
#include "sfemu-reply.h"
#include "sfemu-rest-int.h"
#include "sfemu-soql.h"
#include "sfemu-store.h"
#include "sfemu.h"
#include "xmalloc.h"

#define SRCH_MAX_TERMS	32
#define SRCH_MAX_TOKS	16
#define SRCH_MAX_OBJS	8
#define SRCH_LIMIT	2000

enum srch_op { OP_AND, OP_OR, OP_AND_NOT };

/* One term: a phrase of token patterns (one for a plain word). */
struct srch_term {
	enum srch_op	 op;		/* joins it to what comes before */
	char		*tok[SRCH_MAX_TOKS];
	size_t		 ntok;
};

struct srch_obj {
	const struct objdef	*obj;
	struct soql_query	*q;
	int			*idx;
	size_t			 nidx;
	struct rec		**recs;
	size_t			 n;
	size_t			 take;
};

struct srch {
	struct srch_term	 terms[SRCH_MAX_TERMS];
	size_t			 nterms;
	int			 name, email;	/* the SearchGroup */
	struct srch_obj		 objs[SRCH_MAX_OBJS];
	size_t			 nobjs;
	long long		 limit;
	const char		*code;		/* error */
	char			*msg;
};

/* Sets the search's error (the first one wins). */
static int
srch_fail(struct srch *s, const char *code, char *msg)
{
	if (s->code == NULL) {
		free(s->msg);
		s->code = code;
		s->msg = msg;
	} else
		free(msg);
	return (-1);
}

/* A token character: letters, digits, any non-ASCII byte; wildcards. */
static int
srch_tokc(int c, int wild)
{
	return (isalnum(c) || c >= 0x80 || (wild && (c == '*' || c == '?')));
}

/* Adds the tokens of word (lower-cased ASCII) as one term. */
static int
srch_add_word(struct srch *s, const char *w, size_t len, enum srch_op op,
    int quoted)
{
	struct srch_term	*t;
	size_t			 i = 0, st, k, real;

	if (s->nterms == SRCH_MAX_TERMS)
		return (srch_fail(s, "INVALID_SEARCH",
		    xstrdup("too many search terms")));
	t = &s->terms[s->nterms];
	memset(t, 0, sizeof *t);
	t->op = op;
	while (i < len) {
		while (i < len && !srch_tokc((unsigned char)w[i], !quoted))
			i++;
		st = i;
		while (i < len && srch_tokc((unsigned char)w[i], !quoted))
			i++;
		if (i == st || t->ntok == SRCH_MAX_TOKS)
			continue;
		t->tok[t->ntok] = xstrndup(w + st, i - st);
		for (k = 0; t->tok[t->ntok][k] != '\0'; k++)
			t->tok[t->ntok][k] = (char)tolower(
			    (unsigned char)t->tok[t->ntok][k]);
		t->ntok++;
	}
	for (k = 0, real = 0; k < t->ntok; k++)
		real += strspn(t->tok[k], "*?") == strlen(t->tok[k]) ? 0 :
		    strlen(t->tok[k]) - strspn(t->tok[k], "*?") -
		    (strpbrk(t->tok[k], "*?") != NULL);
	if (t->ntok == 0 || real < 2) {
		/* Left out; an error only if no term is left (srch_terms). */
		for (k = 0; k < t->ntok; k++)
			free(t->tok[k]);
		if (s->msg == NULL)
			s->msg = xasprintf("search term must be longer than "
			    "one character: %.*s", (int)len, w);
		return (0);
	}
	s->nterms++;
	return (0);
}

/* Parses the text between the braces into terms. */
static int
srch_terms(struct srch *s, const char *q, size_t len)
{
	struct buf	 w;
	enum srch_op	 op = OP_AND;
	size_t		 i = 0;
	int		 quoted, rc = 0;

	buf_init(&w);
	while (i < len && rc == 0) {
		while (i < len && isspace((unsigned char)q[i]))
			i++;
		if (i == len)
			break;
		buf_reset(&w);
		quoted = q[i] == '"';
		if (quoted)
			i++;
		while (i < len && (quoted ? q[i] != '"' :
		    !isspace((unsigned char)q[i]))) {
			if (q[i] == '\\' && i + 1 < len)
				i++;
			else if (!quoted && (q[i] == '(' || q[i] == ')')) {
				rc = srch_fail(s, "MALFORMED_SEARCH",
				    xstrdup("sfemu: parentheses in a search "
				    "query are not supported"));
				break;
			}
			buf_addc(&w, q[i++]);
		}
		if (quoted && i < len)
			i++;
		if (rc != 0)
			break;
		if (!quoted && (strcasecmp(w.data, "AND") == 0 ||
		    strcasecmp(w.data, "OR") == 0 ||
		    strcasecmp(w.data, "NOT") == 0)) {
			if (strcasecmp(w.data, "OR") == 0)
				op = OP_OR;
			else if (strcasecmp(w.data, "NOT") == 0)
				op = OP_AND_NOT;
			continue;
		}
		rc = srch_add_word(s, w.data, w.len, op, quoted);
		op = OP_AND;
	}
	buf_release(&w);
	if (rc == 0 && s->nterms == 0 && s->msg != NULL) {
		s->code = "INVALID_SEARCH";
		rc = -1;
	} else if (rc == 0 && s->nterms == 0)
		rc = srch_fail(s, "MALFORMED_SEARCH", xstrdup("No search term "
		    "found. The search term must be enclosed in braces."));
	else if (rc == 0) {
		free(s->msg);
		s->msg = NULL;
	}
	return (rc);
}

/* Glob match of token t against pattern p (* any run, ? one byte). */
static int
srch_glob(const char *p, const char *t)
{
	const char	*sp = NULL, *st = NULL;

	while (*t != '\0') {
		if (*p == '*') {
			sp = p++;
			st = t;
		} else if (*p == '?' || *p == *t) {
			p++;
			t++;
		} else if (sp != NULL) {
			p = sp + 1;
			t = ++st;
		} else
			return (0);
	}
	while (*p == '*')
		p++;
	return (*p == '\0');
}

/* Whether term t matches somewhere in the text s (a field value). */
static int
srch_field(const struct srch_term *t, const char *s)
{
	char	*toks[64], *copy, *p;
	size_t	 n = 0, i, k;
	int	 hit = 0;

	copy = xstrdup(s);
	for (p = copy; *p != '\0' && n < 64; ) {
		while (*p != '\0' && !srch_tokc((unsigned char)*p, 0))
			p++;
		if (*p == '\0')
			break;
		toks[n++] = p;
		while (*p != '\0' && srch_tokc((unsigned char)*p, 0)) {
			*p = (char)tolower((unsigned char)*p);
			p++;
		}
		if (*p != '\0')
			*p++ = '\0';
	}
	for (i = 0; i + t->ntok <= n && !hit; i++) {
		for (k = 0; k < t->ntok; k++) {
			if (!srch_glob(t->tok[k], toks[i + k]))
				break;
		}
		hit = k == t->ntok;
	}
	free(copy);
	return (hit);
}

/* Whether record r matches the search query in the search group. */
static int
srch_record(const struct srch *s, const struct rec *r)
{
	static const char	*names[] = { "Name", "FirstName", "LastName",
		"Company", "Account.Name" };
	struct soql_value	 v;
	size_t			 i, k;
	int			 res = 0, hit;

	for (i = 0; i < s->nterms; i++) {
		hit = 0;
		for (k = 0; s->name && !hit && k < sizeof names /
		    sizeof names[0]; k++) {
			if (rec_get((void *)r, names[k], &v) == 0 &&
			    v.type == SOQL_STRING)
				hit = srch_field(&s->terms[i], v.s);
		}
		if (s->email && !hit && rec_get((void *)r, "Email", &v) == 0 &&
		    v.type == SOQL_STRING)
			hit = srch_field(&s->terms[i], v.s);
		if (i == 0)
			res = hit;
		else if (s->terms[i].op == OP_OR)
			res = res || hit;
		else if (s->terms[i].op == OP_AND_NOT)
			res = res && !hit;
		else
			res = res && hit;
	}
	return (res);
}

/* Adds RETURNING object name with the SOQL text of its parentheses. */
static int
srch_add_obj(struct sfemu *app, struct srch *s, const char *name,
    const char *inner)
{
	struct srch_obj	*o;
	const char	*kw;
	char		*text, *cause = NULL;
	size_t		 pos, i, cut;
	int		 fi;

	if (s->nobjs == SRCH_MAX_OBJS)
		return (srch_fail(s, "MALFORMED_SEARCH",
		    xstrdup("too many objects in RETURNING")));
	o = &s->objs[s->nobjs];
	memset(o, 0, sizeof *o);
	o->obj = obj_find(name);
	if (o->obj == NULL || o->obj->kind == NULL)
		return (srch_fail(s, "INVALID_TYPE", xasprintf("sObject type "
		    "'%s' is not supported.", name)));
	s->nobjs++;
	/* Split "Id, Name WHERE …" after the field list. */
	cut = strlen(inner);
	for (i = 0; inner[i] != '\0'; i++) {
		if (i > 0 && !isspace((unsigned char)inner[i - 1]))
			continue;
		kw = inner + i;
		if ((strncasecmp(kw, "WHERE", 5) == 0 ||
		    strncasecmp(kw, "ORDER", 5) == 0 ||
		    strncasecmp(kw, "LIMIT", 5) == 0 ||
		    strncasecmp(kw, "OFFSET", 6) == 0) &&
		    (kw[5] == '\0' || isspace((unsigned char)kw[5]) ||
		    isspace((unsigned char)kw[6]))) {
			cut = i;
			break;
		}
	}
	text = xasprintf("SELECT %.*s FROM %s %s", (int)cut, cut > 0 ? inner :
	    "Id", o->obj->name, inner + cut);
	if (cut == 0) {
		free(text);
		text = xasprintf("SELECT Id FROM %s %s", o->obj->name, inner);
	}
	o->q = soql_parse(text, &cause, &pos);
	free(text);
	if (o->q == NULL)
		return (srch_fail(s, "MALFORMED_SEARCH", cause != NULL ? cause :
		    xstrdup("unexpected token in RETURNING")));
	for (i = 0; i < soql_nrefs(o->q); i++) {
		if (obj_field(o->obj, soql_ref(o->q, i), 0) < 0)
			return (srch_fail(s, "INVALID_FIELD", xasprintf("No "
			    "such column '%s' on entity '%s'.",
			    soql_ref(o->q, i), o->obj->name)));
	}
	if (soql_is_count(o->q))
		return (srch_fail(s, "MALFORMED_SEARCH",
		    xstrdup("COUNT() is not allowed in RETURNING")));
	o->nidx = soql_nfields(o->q);
	o->idx = xreallocarray(NULL, o->nidx + 1, sizeof *o->idx);
	for (i = 0; i < o->nidx; i++) {
		fi = obj_field(o->obj, soql_field(o->q, i), 0);
		o->idx[i] = fi < 0 ? 0 : fi;
	}
	(void)app;
	return (0);
}

/* Skips spaces; returns the next word (static-free, into w). */
static const char *
srch_word(const char *p, char *w, size_t wlen)
{
	size_t	n = 0;

	while (isspace((unsigned char)*p))
		p++;
	while (isalnum((unsigned char)*p) || *p == '_') {
		if (n + 1 < wlen)
			w[n++] = *p;
		p++;
	}
	w[n] = '\0';
	return (p);
}

/* Parses a SOSL statement into s.  0 or -1 with s->code set. */
static int
srch_parse(struct sfemu *app, struct srch *s, const char *q)
{
	const char	*p, *open, *close;
	char		 w[64], obj[64], *inner;
	int		 depth;

	s->limit = SRCH_LIMIT;
	s->name = s->email = 1;
	p = srch_word(q, w, sizeof w);
	while (isspace((unsigned char)*p))
		p++;
	if (strcasecmp(w, "FIND") != 0 || *p != '{')
		return (srch_fail(s, "MALFORMED_SEARCH", xstrdup("No search "
		    "term found. The search term must be enclosed in "
		    "braces.")));
	open = p + 1;
	for (close = open; *close != '\0' && *close != '}'; close++) {
		if (*close == '\\' && close[1] != '\0')
			close++;
	}
	if (*close != '}')
		return (srch_fail(s, "MALFORMED_SEARCH", xstrdup("No search "
		    "term found. The search term must be enclosed in "
		    "braces.")));
	if (srch_terms(s, open, (size_t)(close - open)) != 0)
		return (-1);
	p = srch_word(close + 1, w, sizeof w);
	if (strcasecmp(w, "IN") == 0) {
		p = srch_word(p, w, sizeof w);
		s->name = strcasecmp(w, "NAME") == 0 ||
		    strcasecmp(w, "ALL") == 0 || strcasecmp(w, "SIDEBAR") == 0;
		s->email = strcasecmp(w, "EMAIL") == 0 ||
		    strcasecmp(w, "ALL") == 0 || strcasecmp(w, "SIDEBAR") == 0;
		if (!s->name && !s->email && strcasecmp(w, "PHONE") != 0)
			return (srch_fail(s, "MALFORMED_SEARCH", xasprintf(
			    "unexpected token: %s", w)));
		p = srch_word(p, w, sizeof w);
		if (strcasecmp(w, "FIELDS") != 0)
			return (srch_fail(s, "MALFORMED_SEARCH", xasprintf(
			    "unexpected token: %s", w)));
		p = srch_word(p, w, sizeof w);
	}
	if (strcasecmp(w, "RETURNING") == 0) {
		do {
			p = srch_word(p, obj, sizeof obj);
			while (isspace((unsigned char)*p))
				p++;
			inner = NULL;
			if (*p == '(') {
				open = ++p;
				for (depth = 1; *p != '\0'; p++) {
					if (*p == '\'')
						for (p++; *p != '\0' &&
						    *p != '\''; p++)
							if (*p == '\\' &&
							    p[1] != '\0')
								p++;
					if (*p == '\0')
						break;
					depth += *p == '(' ? 1 :
					    *p == ')' ? -1 : 0;
					if (depth == 0)
						break;
				}
				if (*p != ')')
					return (srch_fail(s,
					    "MALFORMED_SEARCH", xstrdup(
					    "unbalanced parentheses")));
				inner = xstrndup(open, (size_t)(p - open));
				p++;
			}
			if (srch_add_obj(app, s, obj, inner != NULL ? inner :
			    "") != 0) {
				free(inner);
				return (-1);
			}
			free(inner);
			while (isspace((unsigned char)*p))
				p++;
		} while (*p == ',' && p++ != NULL);
		p = srch_word(p, w, sizeof w);
	} else {
		if (srch_add_obj(app, s, "Account", "") != 0 ||
		    srch_add_obj(app, s, "Contact", "") != 0 ||
		    srch_add_obj(app, s, "Lead", "") != 0)
			return (-1);
	}
	if (strcasecmp(w, "LIMIT") == 0) {
		s->limit = strtoll(p, (char **)&p, 10);
		if (s->limit < 0 || s->limit > SRCH_LIMIT)
			s->limit = SRCH_LIMIT;
		p = srch_word(p, w, sizeof w);
	}
	if (w[0] != '\0' || *p != '\0')
		return (srch_fail(s, "MALFORMED_SEARCH", xasprintf(
		    "unexpected token: %s", w[0] != '\0' ? w : p)));
	return (0);
}

/* Runs each object's search; shares the overall limit evenly. */
static void
srch_run(struct sfemu *app, struct srch *s)
{
	struct srch_obj	*o;
	struct rec	*tmp;
	size_t		 i, k, j, left;
	long long	 now = store_now(app->st), lim, off;
	int		 more;

	for (i = 0; i < s->nobjs; i++) {
		o = &s->objs[i];
		if (store_load(app->st, o->obj, NULL, NULL, NULL, &o->recs,
		    &o->n) != 0)
			continue;
		for (j = 0, k = 0; j < o->n; j++) {
			if (srch_record(s, o->recs[j]) &&
			    soql_match(o->q, rec_get, o->recs[j], now) == 1)
				o->recs[k++] = o->recs[j];
			else
				rec_free(o->recs[j]);
		}
		o->n = k;
		/* Insertion sort: stable, and the lists are short. */
		for (j = 1; j < o->n; j++) {
			tmp = o->recs[j];
			for (k = j; k > 0 && soql_compare(o->q, rec_get,
			    o->recs[k - 1], tmp) > 0; k--)
				o->recs[k] = o->recs[k - 1];
			o->recs[k] = tmp;
		}
		off = soql_offset(o->q);
		lim = soql_limit(o->q);
		for (j = 0, k = 0; j < o->n; j++) {
			if ((long long)j < off || (lim >= 0 &&
			    (long long)j >= off + lim))
				rec_free(o->recs[j]);
			else
				o->recs[k++] = o->recs[j];
		}
		o->n = k;
	}
	left = (size_t)s->limit;
	do {
		more = 0;
		for (i = 0; i < s->nobjs && left > 0; i++) {
			if (s->objs[i].take < s->objs[i].n) {
				s->objs[i].take++;
				left--;
				more = 1;
			}
		}
	} while (more && left > 0);
}

static void
srch_free(struct srch *s)
{
	size_t	i, k;

	for (i = 0; i < s->nterms; i++) {
		for (k = 0; k < s->terms[i].ntok; k++)
			free(s->terms[i].tok[k]);
	}
	for (i = 0; i < s->nobjs; i++) {
		soql_free(s->objs[i].q);
		free(s->objs[i].idx);
		if (s->objs[i].recs != NULL)
			rec_free_array(s->objs[i].recs, s->objs[i].n);
	}
	free(s->msg);
}

/* The SOSL text of a parameterized search's arguments. */
static char *
srch_from_params(struct sfreq *req, const char *q)
{
	struct buf	 b;
	const char	*sobj, *in, *v;
	char		*list, *p, *one, key[96];
	const char	*def_fields = http_arg(req, "fields");

	buf_init(&b);
	buf_adds(&b, "FIND {");
	for (; *q != '\0'; q++) {
		if (strchr("{}\\", *q) != NULL)
			buf_addc(&b, '\\');
		buf_addc(&b, *q);
	}
	buf_adds(&b, "}");
	in = http_arg(req, "in");
	if (in != NULL && *in != '\0')
		buf_addf(&b, " IN %s FIELDS", in);
	sobj = http_arg(req, "sobject");
	if (sobj != NULL && *sobj != '\0') {
		buf_adds(&b, " RETURNING ");
		list = xstrdup(sobj);
		for (p = list; (one = strsep(&p, ",")) != NULL; ) {
			buf_addf(&b, "%s%s", one == list ? "" : ", ", one);
			snprintf(key, sizeof key, "%s.fields", one);
			v = http_arg(req, key);
			if (v == NULL)
				v = def_fields;
			buf_addf(&b, "(%s", v != NULL && *v != '\0' ? v : "Id");
			snprintf(key, sizeof key, "%s.limit", one);
			if ((v = http_arg(req, key)) != NULL)
				buf_addf(&b, " LIMIT %lld", strtoll(v, NULL,
				    10));
			buf_adds(&b, ")");
		}
		free(list);
	}
	if ((v = http_arg(req, "overallLimit")) != NULL)
		buf_addf(&b, " LIMIT %lld", strtoll(v, NULL, 10));
	return (buf_detach(&b));
}

void
rest_search(struct sfemu *app, struct sfreq *req, struct sfresp *resp,
    const char *version, int parameterized)
{
	struct srch	 s;
	const char	*q = http_arg(req, "q");
	char		*text;
	cJSON		*o, *arr;
	size_t		 i, k;

	if (q == NULL || *q == '\0') {
		resp_error(resp, 400, parameterized ? "MISSING_ARGUMENT" :
		    "MALFORMED_SEARCH", parameterized ? "q: a search string "
		    "is required" : "No search term found. The search term "
		    "must be enclosed in braces.", NULL);
		return;
	}
	memset(&s, 0, sizeof s);
	text = parameterized ? srch_from_params(req, q) : xstrdup(q);
	if (srch_parse(app, &s, text) != 0) {
		resp_error(resp, 400, s.code, s.msg, NULL);
		goto out;
	}
	srch_run(app, &s);
	o = cJSON_CreateObject();
	arr = cJSON_AddArrayToObject(o, "searchRecords");
	for (i = 0; i < s.nobjs; i++) {
		for (k = 0; k < s.objs[i].take; k++)
			cJSON_AddItemToArray(arr, rec_json(s.objs[i].recs[k],
			    version, s.objs[i].idx, s.objs[i].nidx, 0, 0));
	}
	resp_json(resp, 200, o);
out:
	free(text);
	srch_free(&s);
}
