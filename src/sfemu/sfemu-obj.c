/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * The sObject schema the emulator serves, and the rendering of records.
 * Field names, types and limits follow the Task object reference
 * (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/
 * object_reference/sforce_api_objects_task.htm): Subject is a 255-character
 * string, Description a 32,000-character text area, Status and Priority
 * restricted picklists backed by TaskStatus and TaskPriority, IsClosed and
 * IsHighPriority derived from them, WhoId polymorphic over Contact and Lead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "sfemu-id.h"
#include "sfemu-obj.h"
#include "sfemu-util.h"
#include "xmalloc.h"

#define S	SOQL_STRING
#define B	SOQL_BOOL
#define D	SOQL_DATE
#define DT	SOQL_DATETIME
#define N	SOQL_NUMBER
#define CU	(OBJ_CREATE | OBJ_UPDATE)
#define CUN	(OBJ_CREATE | OBJ_UPDATE | OBJ_NILLABLE)

/*
 * Task, field by field as the object reference lists it: labels, the
 * describe type where it is not derived from the SOQL type (Subject is a
 * combobox), relationship names, "Defaulted on create" and "Refers To".
 */
static const struct fielddef obj_task_fields[] = {
	{ .name = "Id", .type = S, .expr = "t.id", .flags = OBJ_DEFAULTED,
	  .label = "Activity ID" },
	{ .name = "IsDeleted", .type = B, .expr = "t.isdeleted",
	  .flags = OBJ_DEFAULTED, .label = "Deleted" },
	{ .name = "WhoId", .type = S, .expr = "t.whoid", .col = "whoid",
	  .flags = CUN | OBJ_POLY, .refs = "Contact Lead", .label = "Name ID",
	  .relname = "Who" },
	{ .name = "WhatId", .type = S, .expr = "t.whatid", .col = "whatid",
	  .flags = CUN | OBJ_POLY, .refs = "Account", .label = "Related To ID",
	  .relname = "What" },
	{ .name = "Subject", .type = S, .expr = "t.subject", .col = "subject",
	  .flags = CUN, .maxlen = 255, .label = "Subject",
	  .dtype = "combobox" },
	{ .name = "ActivityDate", .type = D, .expr = "t.activitydate",
	  .col = "activitydate", .flags = CUN, .label = "Due Date" },
	{ .name = "Status", .type = S, .expr = "t.status", .col = "status",
	  .flags = CU | OBJ_DEFAULTED, .maxlen = 255, .picklist = "TaskStatus",
	  .label = "Status" },
	{ .name = "Priority", .type = S, .expr = "t.priority",
	  .col = "priority", .flags = CU | OBJ_DEFAULTED, .maxlen = 255,
	  .picklist = "TaskPriority", .label = "Priority" },
	{ .name = "IsHighPriority", .type = B,
	  .expr = "COALESCE(pp.ishigh, 0)", .flags = OBJ_DEFAULTED,
	  .label = "High Priority" },
	{ .name = "OwnerId", .type = S, .expr = "t.ownerid", .col = "ownerid",
	  .flags = CU | OBJ_DEFAULTED | OBJ_POLY, .refs = "Group User",
	  .label = "Assigned To ID", .relname = "Owner" },
	{ .name = "Description", .type = S, .expr = "t.description",
	  .col = "description", .flags = CUN, .maxlen = 32000,
	  .label = "Comments" },
	{ .name = "IsClosed", .type = B, .expr = "COALESCE(ps.isclosed, 0)",
	  .flags = OBJ_DEFAULTED, .label = "Closed" },
	{ .name = "CreatedDate", .type = DT, .expr = "t.createddate",
	  .flags = OBJ_DEFAULTED, .label = "Created Date" },
	{ .name = "CreatedById", .type = S, .expr = "t.createdbyid",
	  .flags = OBJ_DEFAULTED, .refs = "User", .label = "Created By ID",
	  .relname = "CreatedBy" },
	{ .name = "LastModifiedDate", .type = DT,
	  .expr = "t.lastmodifieddate", .flags = OBJ_DEFAULTED,
	  .label = "Last Modified Date" },
	{ .name = "LastModifiedById", .type = S,
	  .expr = "t.lastmodifiedbyid", .flags = OBJ_DEFAULTED,
	  .refs = "User", .label = "Last Modified By ID",
	  .relname = "LastModifiedBy" },
	{ .name = "SystemModstamp", .type = DT, .expr = "t.systemmodstamp",
	  .flags = OBJ_DEFAULTED, .label = "System Modstamp" },
	{ .name = "TaskSubtype", .type = S, .expr = "t.tasksubtype",
	  .col = "tasksubtype", .flags = OBJ_CREATE | OBJ_NILLABLE,
	  .maxlen = 40, .picklist = "TaskSubtype", .label = "Task Subtype" },
	/*
	 * Type: "picklist; Create, Filter, Group, Nillable, Sort, Update"
	 * (sforce_api_objects_task); the org's values, not restricted.
	 */
	{ .name = "Type", .type = S, .expr = "t.type", .col = "type",
	  .flags = CUN | OBJ_OPENPICK, .maxlen = 40, .picklist = "TaskType",
	  .label = "Type" },
	{ .name = "IsRecurrence", .type = B, .expr = "t.isrecurrence",
	  .col = "isrecurrence", .flags = OBJ_CREATE | OBJ_DEFAULTED,
	  .label = "Create Recurring Series of Tasks" },
	{ .name = "TaskdeckKey__c", .type = S, .expr = "t.extkey",
	  .col = "extkey", .flags = CUN | OBJ_EXTID, .maxlen = 255,
	  .label = "Taskdeck Key" },
	{ .name = "Who.Name", .type = S,
	  .expr = "sf_name(w.firstname, w.lastname, w.name)", .flags = OBJ_REL,
	  .relid = "WhoId", .reltype = "Name" },
	{ .name = "Who.Type", .type = S, .expr = "w.kind", .flags = OBJ_REL,
	  .relid = "WhoId", .reltype = "Name" },
	{ .name = "What.Name", .type = S, .expr = "h.name", .flags = OBJ_REL,
	  .relid = "WhatId", .reltype = "Name" },
	{ .name = "What.Type", .type = S, .expr = "h.kind", .flags = OBJ_REL,
	  .relid = "WhatId", .reltype = "Name" },
	{ .name = "Owner.Name", .type = S,
	  .expr = "sf_name(o.firstname, o.lastname, o.name)", .flags = OBJ_REL,
	  .relid = "OwnerId", .reltype = "Name" },
	{ .name = "CreatedBy.Name", .type = S,
	  .expr = "sf_name(cb.firstname, cb.lastname, cb.name)",
	  .flags = OBJ_REL, .relid = "CreatedById", .reltype = "User" },
	{ .name = "LastModifiedBy.Name", .type = S,
	  .expr = "sf_name(mb.firstname, mb.lastname, mb.name)",
	  .flags = OBJ_REL, .relid = "LastModifiedById", .reltype = "User" },
	{ .name = "DeletedDate", .type = DT, .expr = "t.deleteddate",
	  .flags = OBJ_HIDDEN },
};

static const struct fielddef obj_status_fields[] = {
	{ .name = "Id", .type = S, .expr = "p.id" },
	{ .name = "MasterLabel", .type = S, .expr = "p.label" },
	{ .name = "ApiName", .type = S, .expr = "p.label" },
	{ .name = "IsClosed", .type = B, .expr = "p.isclosed" },
	{ .name = "IsDefault", .type = B, .expr = "p.isdefault" },
	{ .name = "SortOrder", .type = N, .expr = "p.sortorder" },
};

static const struct fielddef obj_priority_fields[] = {
	{ .name = "Id", .type = S, .expr = "p.id" },
	{ .name = "MasterLabel", .type = S, .expr = "p.label" },
	{ .name = "ApiName", .type = S, .expr = "p.label" },
	{ .name = "IsHighPriority", .type = B, .expr = "p.ishigh" },
	{ .name = "IsDefault", .type = B, .expr = "p.isdefault" },
	{ .name = "SortOrder", .type = N, .expr = "p.sortorder" },
};

static const struct fielddef obj_user_fields[] = {
	{ .name = "Id", .type = S, .expr = "p.id" },
	{ .name = "Name", .type = S,
	  .expr = "sf_name(p.firstname, p.lastname, p.name)" },
	{ .name = "FirstName", .type = S, .expr = "p.firstname" },
	{ .name = "LastName", .type = S, .expr = "p.lastname" },
	{ .name = "Username", .type = S, .expr = "p.username" },
	{ .name = "Email", .type = S, .expr = "p.email" },
	{ .name = "IsActive", .type = B, .expr = "1" },
	{ .name = "LocaleSidKey", .type = S,
	  .expr = "COALESCE((SELECT v FROM meta WHERE k = 'locale:' || p.id),"
	  " (SELECT v FROM meta WHERE k = 'locale'), 'en_US')",
	  .label = "Locale" },
};

/*
 * Account, Contact and Lead: the fields a client of tasks reads and writes
 * (object reference, sforce_api_objects_account / _contact / _lead):
 * Account.Name, Contact.LastName, Lead.LastName and Lead.Company are
 * required on create; OwnerId defaults to the caller.
 */
#define PARTY_COMMON							\
	{ .name = "Id", .type = S, .expr = "p.id", .flags = OBJ_DEFAULTED }, \
	{ .name = "IsDeleted", .type = B, .expr = "p.isdeleted",	\
	  .flags = OBJ_DEFAULTED, .label = "Deleted" },			\
	{ .name = "OwnerId", .type = S, .expr = "p.ownerid", .col = "ownerid", \
	  .flags = CU | OBJ_DEFAULTED, .refs = "User", .label = "Owner ID", \
	  .relname = "Owner" }
#define PARTY_PERSON							\
	{ .name = "Name", .type = S,					\
	  .expr = "sf_name(p.firstname, p.lastname, p.name)",		\
	  .label = "Full Name" },					\
	{ .name = "FirstName", .type = S, .expr = "p.firstname",	\
	  .col = "firstname", .flags = CUN, .maxlen = 40,		\
	  .label = "First Name" },					\
	{ .name = "LastName", .type = S, .expr = "p.lastname",		\
	  .col = "lastname", .flags = CU | OBJ_REQUIRED, .maxlen = 80,	\
	  .label = "Last Name" },					\
	{ .name = "Email", .type = S, .expr = "p.email", .col = "email", \
	  .flags = CUN, .maxlen = 80, .label = "Email", .dtype = "email" }

static const struct fielddef obj_account_fields[] = {
	PARTY_COMMON,
	{ .name = "Name", .type = S, .expr = "p.name", .col = "name",
	  .flags = CU | OBJ_REQUIRED, .maxlen = 255, .label = "Account Name" },
};

static const struct fielddef obj_contact_fields[] = {
	PARTY_COMMON,
	PARTY_PERSON,
	{ .name = "AccountId", .type = S, .expr = "p.accountid",
	  .col = "accountid", .flags = CUN, .refs = "Account",
	  .label = "Account ID", .relname = "Account" },
	{ .name = "Account.Name", .type = S, .expr = "a.name",
	  .flags = OBJ_REL, .relid = "AccountId", .reltype = "Account" },
	{ .name = "Owner.Name", .type = S,
	  .expr = "sf_name(o.firstname, o.lastname, o.name)", .flags = OBJ_REL,
	  .relid = "OwnerId", .reltype = "User" },
};

static const struct fielddef obj_lead_fields[] = {
	PARTY_COMMON,
	PARTY_PERSON,
	{ .name = "Company", .type = S, .expr = "p.company", .col = "company",
	  .flags = CU | OBJ_REQUIRED, .maxlen = 255, .label = "Company" },
	{ .name = "Owner.Name", .type = S,
	  .expr = "sf_name(o.firstname, o.lastname, o.name)", .flags = OBJ_REL,
	  .relid = "OwnerId", .reltype = "User" },
};

#define NF(a)	(sizeof (a) / sizeof (a)[0])
#define PARTY(k) "parties p", "p.kind = '" k "'", "p.seq"
#define LIVE(k)	"parties p LEFT JOIN parties a ON a.id = p.accountid"	\
	" LEFT JOIN parties o ON o.id = p.ownerid",			\
	"p.kind = '" k "' AND p.isdeleted = 0", "p.seq"

static const struct objdef obj_all[] = {
	{ "Task", "00T", "tasks",
	  "tasks t"
	  " LEFT JOIN parties w ON w.id = t.whoid"
	  " LEFT JOIN parties h ON h.id = t.whatid"
	  " LEFT JOIN parties o ON o.id = t.ownerid"
	  " LEFT JOIN parties cb ON cb.id = t.createdbyid"
	  " LEFT JOIN parties mb ON mb.id = t.lastmodifiedbyid"
	  " LEFT JOIN picklist ps ON ps.obj = 'TaskStatus'"
	  " AND ps.label = t.status"
	  " LEFT JOIN picklist pp ON pp.obj = 'TaskPriority'"
	  " AND pp.label = t.priority",
	  "t.isdeleted = 0", "t.seq", NULL, obj_task_fields,
	  NF(obj_task_fields) },
	{ "TaskStatus", "01J", "picklist", "picklist p",
	  "p.obj = 'TaskStatus'", "p.sortorder", NULL, obj_status_fields,
	  NF(obj_status_fields) },
	{ "TaskPriority", "01K", "picklist", "picklist p",
	  "p.obj = 'TaskPriority'", "p.sortorder", NULL, obj_priority_fields,
	  NF(obj_priority_fields) },
	{ "User", "005", "parties", PARTY("User"), NULL, obj_user_fields,
	  NF(obj_user_fields) },
	{ "Account", "001", "parties", LIVE("Account"), "Account",
	  obj_account_fields, NF(obj_account_fields) },
	{ "Contact", "003", "parties", LIVE("Contact"), "Contact",
	  obj_contact_fields, NF(obj_contact_fields) },
	{ "Lead", "00Q", "parties", LIVE("Lead"), "Lead", obj_lead_fields,
	  NF(obj_lead_fields) },
};

/* TaskSubtype is a restricted picklist with fixed values. */
static const char *obj_subtypes[] = {
	"Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"
};

const struct objdef *
obj_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NF(obj_all); i++) {
		if (strcasecmp(obj_all[i].name, name) == 0)
			return (&obj_all[i]);
	}
	return (NULL);
}

const struct objdef *
obj_of_id(const char *id)
{
	size_t	i;

	if (id == NULL || strlen(id) < 3)
		return (NULL);
	for (i = 0; i < NF(obj_all); i++) {
		if (strncmp(obj_all[i].prefix, id, 3) == 0)
			return (&obj_all[i]);
	}
	return (NULL);
}

int
obj_field(const struct objdef *obj, const char *name, int extid)
{
	size_t	i;

	for (i = 0; i < obj->nfields; i++) {
		if (obj->fields[i].flags & OBJ_HIDDEN)
			continue;
		if ((obj->fields[i].flags & OBJ_EXTID) && !extid)
			continue;
		if (strcasecmp(obj->fields[i].name, name) == 0)
			return ((int)i);
	}
	return (-1);
}

const char *const *
obj_picklist_fixed(const char *picklist, size_t *n)
{
	*n = 0;
	if (strcmp(picklist, "TaskSubtype") != 0)
		return (NULL);
	*n = NF(obj_subtypes);
	return (obj_subtypes);
}

int
obj_picklist_ok(const char *picklist, const char *value,
    const char *const *values, size_t nvalues)
{
	size_t	i;

	if (strcmp(picklist, "TaskSubtype") == 0) {
		values = obj_subtypes;
		nvalues = NF(obj_subtypes);
	}
	for (i = 0; i < nvalues; i++) {
		/* Restricted picklists match the API name exactly. */
		if (strcmp(values[i], value) == 0)
			return (1);
	}
	return (0);
}

void
obj_value_str(struct soql_value *v, const char *s)
{
	memset(v, 0, sizeof *v);
	if (s == NULL)
		v->type = SOQL_NULL;
	else {
		v->type = SOQL_STRING;
		v->s = s;
	}
}

void
rec_free(struct rec *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->obj->nfields; i++) {
		if (r->v[i].type == SOQL_STRING)
			free((char *)r->v[i].s);
	}
	free(r->v);
	free(r);
}

void
rec_free_array(struct rec **recs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		rec_free(recs[i]);
	free(recs);
}

int
rec_get(void *row, const char *field, struct soql_value *out)
{
	static __thread const struct objdef	*c_obj;
	static __thread int			 c_idx[8];
	static __thread unsigned int		 c_next;
	struct rec				*r = row;
	unsigned int				 k;
	int					 i;

	/*
	 * Sorting and filtering ask for the same few fields thousands of
	 * times: remember the last indices (checked by name, so a stale
	 * entry costs one comparison).
	 */
	if (c_obj != r->obj) {
		c_obj = r->obj;
		for (k = 0; k < 8; k++)
			c_idx[k] = 0;
	}
	for (k = 0; k < 8; k++) {
		i = c_idx[k];
		if (strcasecmp(r->obj->fields[i].name, field) == 0 &&
		    !(r->obj->fields[i].flags & OBJ_HIDDEN)) {
			*out = r->v[i];
			return (0);
		}
	}
	i = obj_field(r->obj, field, 1);
	if (i >= 0)
		c_idx[c_next++ % 8] = i;
	if (i < 0)
		return (-1);
	*out = r->v[i];
	return (0);
}

/* Adds value v under name to obj, in Salesforce's JSON types. */
static void
rec_add_value(cJSON *obj, const char *name, const struct soql_value *v)
{
	char	tmp[40];

	switch (v->type) {
	case SOQL_NULL:
		cJSON_AddNullToObject(obj, name);
		break;
	case SOQL_STRING:
		cJSON_AddStringToObject(obj, name, v->s);
		break;
	case SOQL_NUMBER:
		cJSON_AddNumberToObject(obj, name, v->n);
		break;
	case SOQL_BOOL:
		cJSON_AddBoolToObject(obj, name, v->b);
		break;
	case SOQL_DATE:
		util_fmt_date(v->i, tmp, sizeof tmp);
		cJSON_AddStringToObject(obj, name, tmp);
		break;
	case SOQL_DATETIME:
		util_fmt_datetime(v->i, tmp, sizeof tmp);
		cJSON_AddStringToObject(obj, name, tmp);
		break;
	}
}

/* Adds the "attributes" block for a record of type at id. */
static void
rec_add_attributes(cJSON *obj, const char *type, const char *urltype,
    const char *version, const char *id)
{
	cJSON	*a;
	char	*url;

	a = cJSON_AddObjectToObject(obj, "attributes");
	cJSON_AddStringToObject(a, "type", type);
	url = xasprintf("/services/data/v%s/sobjects/%s/%s", version, urltype,
	    id);
	cJSON_AddStringToObject(a, "url", url);
	free(url);
}

/* Adds relationship field f of r to out, creating the nested object. */
static void
rec_add_rel(cJSON *out, const struct rec *r, const struct fielddef *f,
    const struct soql_value *v, const char *version)
{
	const struct objdef	*target;
	const char		*dot;
	char			 rel[64];
	cJSON			*child;
	int			 idi;

	dot = strchr(f->name, '.');
	snprintf(rel, sizeof rel, "%.*s", (int)(dot - f->name), f->name);
	child = cJSON_GetObjectItemCaseSensitive(out, rel);
	if (child != NULL) {
		if (cJSON_IsObject(child))
			rec_add_value(child, dot + 1, v);
		return;
	}
	idi = obj_field(r->obj, f->relid, 1);
	if (idi < 0 || r->v[idi].type != SOQL_STRING) {
		cJSON_AddNullToObject(out, rel);
		return;
	}
	target = obj_of_id(r->v[idi].s);
	child = cJSON_AddObjectToObject(out, rel);
	rec_add_attributes(child, f->reltype,
	    target != NULL ? target->name : "Name", version, r->v[idi].s);
	rec_add_value(child, dot + 1, v);
}

cJSON *
rec_json(const struct rec *r, const char *version, const int *idx, size_t n,
    int extid, int raw)
{
	const struct fielddef	*f;
	cJSON			*out;
	size_t			 i, k, count;

	out = cJSON_CreateObject();
	rec_add_attributes(out, r->obj->name, r->obj->name, version,
	    r->v[0].type == SOQL_STRING ? r->v[0].s : "");
	count = idx != NULL ? n : r->obj->nfields;
	for (k = 0; k < count; k++) {
		i = idx != NULL ? (size_t)idx[k] : k;
		f = &r->obj->fields[i];
		if (idx == NULL) {
			if ((f->flags & OBJ_REL) ||
			    ((f->flags & OBJ_HIDDEN) && !raw) ||
			    ((f->flags & OBJ_EXTID) && !extid && !raw))
				continue;
		}
		if (f->flags & OBJ_REL)
			rec_add_rel(out, r, f, &r->v[i], version);
		else if (cJSON_GetObjectItemCaseSensitive(out, f->name) == NULL)
			rec_add_value(out, f->name, &r->v[i]);
	}
	return (out);
}

size_t
obj_stamp_write(const char **cols, struct soql_value *v, size_t n,
    long long now, const char *userid)
{
	cols[n] = "lastmodifieddate";
	v[n].type = SOQL_DATETIME;
	v[n++].i = now;
	cols[n] = "systemmodstamp";
	v[n].type = SOQL_DATETIME;
	v[n++].i = now;
	cols[n] = "lastmodifiedbyid";
	obj_value_str(&v[n++], userid);
	return (n);
}
