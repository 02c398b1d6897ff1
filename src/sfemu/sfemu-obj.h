/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The emulator's sObject schema: for each object (Task, the TaskStatus and
 * TaskPriority picklists, User, Account, Contact, Lead) a table of fields
 * with their SOQL type, the SQL expression that loads them, the column
 * that stores them and their create/update rules.  Records loaded from the
 * store are arrays of soql_value in field order, so one getter serves the
 * SOQL evaluator and one renderer produces the JSON Salesforce returns.
 */
#ifndef TD_SFEMU_OBJ_H
#define TD_SFEMU_OBJ_H

#include <stddef.h>

#include "sfemu-soql.h"

struct cJSON;

#define OBJ_CREATE	0x01	/* createable */
#define OBJ_UPDATE	0x02	/* updateable */
#define OBJ_NILLABLE	0x04	/* may be set to null */
#define OBJ_EXTID	0x08	/* the optional external-Id field */
#define OBJ_REL		0x10	/* Rel.Field: rendered as a nested object */
#define OBJ_HIDDEN	0x20	/* internal, shown only by the control API */
#define OBJ_DEFAULTED	0x40	/* describe: defaultedOnCreate */
#define OBJ_POLY	0x80	/* describe: polymorphicForeignKey */
#define OBJ_OPENPICK	0x100	/* picklist not restricted (Task.Type) */
#define OBJ_REQUIRED	0x200	/* required on create (LastName, Name) */

struct fielddef {
	const char	*name;		/* API name: "Subject", "Who.Name" */
	enum soql_type	 type;
	const char	*expr;		/* SQL expression in the load query */
	const char	*col;		/* column written on create/update */
	int		 flags;
	int		 maxlen;	/* in characters; 0 for none */
	const char	*picklist;	/* restricted picklist object */
	const char	*refs;		/* Id fields: allowed target objects */
	const char	*relid;		/* OBJ_REL: the Id field it follows */
	const char	*reltype;	/* OBJ_REL: attributes type ("Name") */
	const char	*label;		/* describe: label (else the name) */
	const char	*relname;	/* describe: relationshipName */
	const char	*dtype;		/* describe: type, if not derived */
};

struct objdef {
	const char		*name;
	const char		*prefix;	/* Id key prefix */
	const char		*table;		/* table written */
	const char		*from;		/* FROM clause of the load */
	const char		*live;		/* rows of this object */
	const char		*order;		/* default order */
	const char		*kind;		/* parties: kind, else NULL */
	const struct fielddef	*fields;
	size_t			 nfields;
};

struct rec {
	const struct objdef	*obj;
	struct soql_value	*v;	/* nfields values; strings owned */
};

/* The object named name (case-insensitive), or NULL. */
const struct objdef	*obj_find(const char *name);
/* The object whose Ids carry the key prefix of id, or NULL. */
const struct objdef	*obj_of_id(const char *id);
/*
 * Index of field name (case-insensitive) in obj, or -1.  Hidden fields are
 * never found; the external-Id field only when extid is set.
 */
int		 obj_field(const struct objdef *, const char *name, int extid);
/*
 * The fixed values of a picklist the org cannot change (TaskSubtype), or
 * NULL; *n gets their count.
 */
const char *const	*obj_picklist_fixed(const char *picklist, size_t *n);
/* Tells whether value is an allowed value of the restricted picklist. */
int		 obj_picklist_ok(const char *picklist, const char *value,
		     const char *const *values, size_t nvalues);

void		 rec_free(struct rec *);
void		 rec_free_array(struct rec **, size_t);
/* The soql_getter over struct rec; the external-Id field is always known. */
int		 rec_get(void *row, const char *field, struct soql_value *);

/*
 * Renders rec as Salesforce does in query results and sObject rows: an
 * "attributes" block, then the fields (indices into obj->fields, or every
 * visible field when idx is NULL), relationship fields as nested objects.
 * raw adds hidden fields (control API).  Returns a new cJSON object.
 */
struct cJSON	*rec_json(const struct rec *, const char *version,
		     const int *idx, size_t n, int extid, int raw);

/* Sets v to a copy-free string view / null / etc. (helpers for callers). */
void		 obj_value_str(struct soql_value *, const char *);
/*
 * Appends the audit columns every Task write sets (E2): LastModifiedDate
 * and SystemModstamp = now, LastModifiedById = userid.  cols and v need
 * three free slots from n; returns the new count.
 */
size_t		 obj_stamp_write(const char **cols, struct soql_value *v,
		     size_t n, long long now, const char *userid);

#endif
