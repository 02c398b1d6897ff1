/* taskdeck - SPDX-License-Identifier: ISC */
/*
 * Unit tests of the sync engine's pure parts: the merge rules, the field
 * mapping, the subject template, backoff, the API budget, and parsing of
 * Salesforce responses and headers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "msgq.h"
#include "sf-http.h"
#include "sf-json.h"
#include "store-sync.h"
#include "sync-merge.h"
#include "task.h"
#include "../tap.h"
#include "xmalloc.h"

static const struct merge_map map = { "Not Started", "Completed", "Normal",
    "High" };

static void
test_merge(void)
{
	struct merge_field	f;

	memset(&f, 0, sizeof f);
	is_int(merge_field(&f), MERGE_KEEP, "C3 unchanged field is kept");
	f.local_dirty = 1;
	is_int(merge_field(&f), MERGE_KEEP, "C3 local-only change is kept "
	    "for the push");
	f.local_dirty = 0;
	f.remote_changed = 1;
	is_int(merge_field(&f), MERGE_TAKE_REMOTE, "C3 remote-only change is "
	    "applied");
	f.local_dirty = 1;
	f.local_ms = 2000;
	f.remote_ms = 1000;
	is_int(merge_field(&f), MERGE_LOCAL_WINS, "C4 later local change wins");
	f.local_ms = 1000;
	f.remote_ms = 2000;
	is_int(merge_field(&f), MERGE_REMOTE_WINS, "C4 later SF change wins");
	f.local_ms = f.remote_ms = 1500;
	is_int(merge_field(&f), MERGE_REMOTE_WINS, "C4 tie goes to Salesforce");
	/* A value that can never come in (F2, F3, F6) never wins. */
	f.remote_unmapped = 1;
	is_int(merge_field(&f), MERGE_LOCAL_STAYS, "F6 C4 an unmapped SF value "
	    "changed at the same time leaves the local change to be sent");
	f.remote_ms = 2000;
	is_int(merge_field(&f), MERGE_LOCAL_STAYS, "F6 C4 a later SF Subject "
	    "edit does not beat a local rename: it goes out");
	f.local_ms = 3000;
	is_int(merge_field(&f), MERGE_LOCAL_WINS, "F2 C4 a later local change "
	    "wins over an unmapped SF status");
	f.local_dirty = 0;
	is_int(merge_field(&f), MERGE_KEEP, "F2 F6 an unmapped SF change alone "
	    "changes nothing here");
	f.remote_changed = 0;
	f.local_dirty = 1;
	is_int(merge_field(&f), MERGE_KEEP, "F6 a local rename alone is kept for "
	    "the push");
	is_int(merge_record(1, 0), MERGE_REC_DROP_LOCAL, "C4 SF delete beats "
	    "local edit");
	is_int(merge_record(0, 1), MERGE_REC_PUSH_DELETE, "C4 local delete "
	    "beats SF edit");
	is_int(merge_record(0, 0), MERGE_REC_APPLY, "C2 no delete: apply");
}

static void
test_mapping(void)
{
	enum task_status	s = TASK_COMPLETE;
	enum task_priority	p = TASK_HIGH;

	ok(merge_status_from_sf(&map, "Not Started", &s) == 0 &&
	    s == TASK_OPEN, "F2 Not Started maps to open");
	ok(merge_status_from_sf(&map, "Completed", &s) == 0 &&
	    s == TASK_COMPLETE, "F2 Completed maps to complete");
	ok(merge_status_from_sf(&map, "In Progress", &s) != 0,
	    "F2 In Progress does not map");
	ok(merge_status_from_sf(&map, "Waiting on someone else", &s) != 0,
	    "F2 Waiting on someone else does not map");
	ok(merge_priority_from_sf(&map, "High", &p) == 0 && p == TASK_HIGH,
	    "F3 High maps");
	ok(merge_priority_from_sf(&map, "Low", &p) != 0, "F3 Low does not map");
	is_str(merge_status_to_sf(&map, TASK_COMPLETE), "Completed",
	    "F2 complete pushes Completed");
	is_str(merge_priority_to_sf(&map, TASK_NORMAL), "Normal",
	    "F3 normal pushes Normal");
}

static void
test_subject(void)
{
	char	*s, big[400];

	s = merge_subject("{{activity_subject}}", "Call Bob", TASK_TYPE_OTHER);
	is_str(s, "Call Bob", "F6 default template is the name");
	free(s);
	s = merge_subject("[{{activity_type}}] {{activity_subject}} {{x}}!",
	    "Bob", TASK_TYPE_CALL);
	is_str(s, "[Call] Bob !", "F6 F10 activity_type of a call is Call, "
	    "unknown empty");
	free(s);
	s = merge_subject("{{activity_type}}", "x", TASK_TYPE_EMAIL);
	is_str(s, "Email", "F10 activity_type of an email is Email");
	free(s);
	s = merge_subject("{{activity_type}}", "x", TASK_TYPE_LINKEDIN);
	is_str(s, "InMail", "F10 activity_type of a LinkedIn message is InMail");
	free(s);
	s = merge_subject("{{activity_type}}", "x", TASK_TYPE_OTHER);
	is_str(s, "Custom", "F10 activity_type of other is Custom");
	free(s);
	ok(merge_pushes_type("{{activity_type}}: x") &&
	    !merge_pushes_type("{{activity_subject}}"), "F10 a type change "
	    "re-renders the Subject only with activity_type");
	is_int(merge_type_from_sf("Call", NULL), TASK_TYPE_CALL,
	    "F8 TaskSubtype Call imports as call");
	is_int(merge_type_from_sf("LinkedIn", NULL), TASK_TYPE_LINKEDIN,
	    "F8 TaskSubtype LinkedIn imports as linkedin");
	is_int(merge_type_from_sf("Task", "Email"), TASK_TYPE_EMAIL,
	    "F8 Type Email imports as email");
	is_int(merge_type_from_sf("Call", "Email"), TASK_TYPE_EMAIL,
	    "F9 Type, when set, is the later word over TaskSubtype");
	is_int(merge_type_from_sf("Call", "Meeting"), TASK_TYPE_OTHER,
	    "F8 Type Meeting is other");
	is_int(merge_type_from_sf("Cadence", NULL), TASK_TYPE_OTHER,
	    "F8 TaskSubtype Task/Cadence/none is other");
	is_str(merge_subtype_to_sf(TASK_TYPE_CALL), "Call",
	    "F8 a call is created with TaskSubtype Call");
	is_str(merge_subtype_to_sf(TASK_TYPE_EMAIL), "Task",
	    "F8 an email is created as Task (Email would leave scope, F7)");
	is_str(merge_typefield_to_sf(TASK_TYPE_EMAIL, "Call\nEmail\nOther"),
	    "Email", "F9 Type written where the org has the value");
	ok(merge_typefield_to_sf(TASK_TYPE_LINKEDIN, "Call\nEmail\nOther") ==
	    NULL && merge_typefield_to_sf(TASK_TYPE_CALL, NULL) == NULL,
	    "F9 no Type written where the org lacks the value or the field");
	s = merge_subject("a\nb\r\n{{activity_subject}}", "c", TASK_TYPE_OTHER);
	is_str(s, "abc", "F6 line breaks are stripped");
	free(s);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = merge_subject("{{activity_subject}}", big, TASK_TYPE_OTHER);
	is_int(strlen(s), 255, "F6 F1 subject cut to 255 characters");
	free(s);
	s = merge_subject("{{activity_subject}}", "\xc3\xa9\xc3\xa9",
	    TASK_TYPE_OTHER);
	is_str(s, "\xc3\xa9\xc3\xa9", "F5 F6 Unicode kept");
	free(s);
	ok(merge_pushes_name("x {{activity_subject}}"), "F6 rename pushed "
	    "with activity_subject");
	ok(!merge_pushes_name("Fixed {{activity_type}}"), "F6 rename not "
	    "pushed without activity_subject");
}

static void
test_backoff_budget(void)
{
	int64_t	a, b;
	int	i, grows = 1;

	a = merge_backoff_ms(1, 2000, 900000, 0);
	ok(a >= 1000 && a <= 2000, "C8 first backoff within base");
	for (i = 2; i < 12; i++) {
		b = merge_backoff_ms(i, 2000, 900000, 0);
		if (b < a)
			grows = 0;
		a = b;
	}
	ok(grows, "C8 backoff grows exponentially");
	ok(merge_backoff_ms(30, 2000, 900000, 0xffffffffU) <= 900000,
	    "C8 backoff capped");
	ok(merge_backoff_ms(3, 2000, 900000, 1) !=
	    merge_backoff_ms(3, 2000, 900000, 5000), "C8 backoff has jitter");
	is_int(merge_poll_interval(60, 10, 0, 15000, 0), 60,
	    "C10 roomy allocation keeps the configured interval");
	is_int(merge_poll_interval(60, 10, 0, 1000, 0), 864,
	    "C10 small allocation stretches the interval");
	ok(merge_poll_interval(60, 10, 14000, 15000, 0) > 60,
	    "C10 near the org limit stretches further");
	is_int(merge_poll_interval(60, 10, 0, -1, 0), 60,
	    "C10 unknown allocation keeps the interval");
	is_int(merge_poll_interval(60, 10, 0, 15000, 1400), 864,
	    "C10 own pushes leave fewer polls: the interval stretches");
	is_int(merge_poll_interval(60, 10, 0, 15000, 1500), 3600,
	    "C10 own budget spent: poll hourly");
}

static void
test_parse(void)
{
	struct sf_page		 pg;
	struct sf_result	*res;
	struct sf_write		 w;
	long			 u = 0, m = 0;
	char			*cause = NULL, *s;
	const char		*page = "{\"totalSize\":2,\"done\":true,"
	    "\"records\":[{\"attributes\":{\"type\":\"Task\"},"
	    "\"Id\":\"00T000000000001AAA\",\"Subject\":\"Call\","
	    "\"Status\":\"In Progress\",\"Priority\":\"Low\","
	    "\"ActivityDate\":\"2026-11-24\",\"Description\":null,"
	    "\"Who\":{\"Name\":\"Ann\"},\"What\":null,\"IsDeleted\":false,"
	    "\"SystemModstamp\":\"2026-11-23T10:00:00.000+0000\"},"
	    "{\"Id\":\"00T000000000002AAA\",\"Subject\":\"X\","
	    "\"IsDeleted\":true,"
	    "\"SystemModstamp\":\"2026-11-23T11:00:00.000+0000\"}]}";

	ok(sfjson_page(page, strlen(page), NULL, &pg, &cause) == 0,
	    "page parses");
	is_int(pg.n, 2, "page has 2 records");
	is_str(pg.v[0].who, "Ann", "F7 Who.Name read");
	is_str(pg.v[0].description, "", "F5 null description is empty");
	ok(pg.v[1].is_deleted, "C2 IsDeleted read");
	is_int(pg.v[0].modstamp_ms, sfjson_datetime("2026-11-23T10:00:00Z"),
	    "SystemModstamp parsed");
	sfjson_page_release(&pg);
	ok(sfjson_page(page, strlen(page) / 2, NULL, &pg, &cause) != 0,
	    "B1 truncated page rejected");
	free(cause);
	cause = NULL;
	ok(sfjson_page("{\"done\":false,\"totalSize\":1,\"records\":[]}", 40,
	    NULL, &pg, &cause) != 0, "B1 page without nextRecordsUrl rejected");
	free(cause);
	cause = NULL;
	s = "[{\"id\":\"00T000000000003AAA\",\"success\":true,\"errors\":[]},"
	    "{\"success\":"
	    "false,\"errors\":[{\"statusCode\":\"FIELD_CUSTOM_VALIDATION_"
	    "EXCEPTION\",\"message\":\"no\",\"fields\":[]}]}]";
	ok(sfjson_results(s, strlen(s), 2, &res, &cause) == 0,
	    "composite results parse");
	ok(res[0].success && !res[1].success && res[1].err == SF_ERECORD,
	    "C8 validation error is a record error");
	sfjson_results_free(res, 2);
	/* Found by fuzz-page: a number too big for a long was cast (UB). */
	s = "{\"done\":true,\"totalSize\":1e300,\"records\":[]}";
	ok(sfjson_page(s, strlen(s), NULL, &pg, &cause) != 0,
	    "B1 a page whose totalSize is out of range is rejected");
	free(cause);
	cause = NULL;
	{
		char	*dc, *uc, *uri;
		long	 iv = 0;

		s = "{\"device_code\":\"d\",\"user_code\":\"u\","
		    "\"verification_uri\":\"https://x\",\"interval\":1e300}";
		ok(sfjson_device(s, strlen(s), &dc, &uc, &uri, &iv,
		    &cause) == 0 && iv == 5,
		    "B1 an out-of-range device-flow interval is taken as 5 s");
		free(dc);
		free(uc);
		free(uri);
	}
	/* Found by fuzz-results and fuzz-page: Ids are checked. */
	s = "[{\"success\":true,\"errors\":[]}]";
	ok(sfjson_results(s, strlen(s), 1, &res, &cause) != 0 && res == NULL,
	    "B1 C6 a composite success without a record id is rejected");
	free(cause);
	cause = NULL;
	s = "[{\"id\":\"00T0000000000,x&a=b\",\"success\":true}]";
	ok(sfjson_results(s, strlen(s), 1, &res, &cause) != 0,
	    "B1 a composite success with a malformed id is rejected");
	free(cause);
	cause = NULL;
	s = "{\"done\":true,\"totalSize\":1,\"records\":[{\"Id\":"
	    "\"00T00000000000\\u0000AAA\",\"SystemModstamp\":"
	    "\"2026-11-23T10:00:00.000+0000\"}]}";
	ok(sfjson_page(s, strlen(s), NULL, &pg, &cause) != 0 && pg.n == 0,
	    "B1 a record with a malformed Id rejects the page");
	free(cause);
	cause = NULL;
	is_int(sfjson_error_class("UNABLE_TO_LOCK_ROW"), SF_ETRANSIENT,
	    "C8 UNABLE_TO_LOCK_ROW is transient");
	is_int(sfjson_error_class("REQUEST_LIMIT_EXCEEDED"), SF_ELIMIT,
	    "C8 REQUEST_LIMIT_EXCEEDED is a rate limit");
	s = "[{\"message\":\"Session expired\",\"errorCode\":"
	    "\"INVALID_SESSION_ID\"}]";
	is_int(sfjson_error(401, s, strlen(s), &cause), SF_EAUTH,
	    "C8 401 INVALID_SESSION_ID is auth");
	free(cause);
	is_int(sfjson_error(503, "", 0, &cause), SF_ETRANSIENT,
	    "C8 503 is transient");
	free(cause);

	memset(&w, 0, sizeof w);
	w.id = "00T1";
	w.mask = TASK_F_STATUS;
	w.status = "Completed";
	s = sfjson_collection(&w, 1, 0);
	ok(strstr(s, "Completed") != NULL && strstr(s, "Subject") == NULL &&
	    strstr(s, "Priority") == NULL, "C3 F2 update sends only changed "
	    "fields");
	free(s);

	ok(sf_parse_limit_info("api-usage=25/15000", &u, &m) == 0 && u == 25 &&
	    m == 15000, "C10 Sforce-Limit-Info parsed");
	ok(sf_parse_limit_info("garbage", &u, &m) != 0,
	    "C10 bad Sforce-Limit-Info rejected");
	is_int(sf_parse_http_date("Mon, 23 Nov 2026 10:00:00 GMT"),
	    sfjson_datetime("2026-11-23T10:00:00.000+0000"),
	    "C4 Date header parsed for the clock offset");
	is_int(sfjson_datetime("2026-11-23T12:00:00.000+0200"),
	    sfjson_datetime("2026-11-23T10:00:00Z"), "datetime offset applied");
}

static void
test_urls(void)
{
	char	*cause = NULL;

	ok(sf_http_url_ok("http://127.0.0.1:8080/x", &cause) == 0,
	    "A2 http to loopback allowed");
	ok(sf_http_url_ok("http://example.com/", &cause) != 0,
	    "A2 http to a remote host refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("https://acme.my.salesforce.com", &cause) == 0,
	    "A2 salesforce instance accepted");
	ok(sf_http_instance_ok("https://evil.example.com", &cause) != 0,
	    "A2 non-salesforce instance refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("https://salesforce.com.evil.io", &cause) != 0,
	    "A2 look-alike instance refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("https://user@x.salesforce.com@evil.io",
	    &cause) != 0, "A2 userinfo trick refused");
	free(cause);
	/* Found by fuzz-token: a name that only starts like 127.x. */
	cause = NULL;
	ok(sf_http_url_ok("http://127.0.0.1.evil.example/", &cause) != 0,
	    "A2 http to a host named 127.0.0.1.evil.example refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("http://127.attacker.example:80", &cause) != 0,
	    "A2 instance on a host named 127.attacker.example refused");
	free(cause);
	cause = NULL;
	ok(sf_http_url_ok("http://127.0.0.1:x@evil.example/", &cause) != 0,
	    "A2 userinfo after a loopback host and colon refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("https://evil.example\\.my.salesforce.com",
	    &cause) != 0, "A2 a host with a backslash refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("https://evil.example%2f.my.salesforce.com",
	    &cause) != 0, "A2 a percent-encoded host refused");
	free(cause);
	cause = NULL;
	ok(sf_http_instance_ok("https://acme.my.salesforce.com:443/",
	    &cause) == 0, "A2 a port and a trailing slash still allowed");
	ok(sf_http_instance_ok("https://acme.my.salesforce.com:443/x?y#z",
	    &cause) != 0, "A2 an instance with a path, query or fragment "
	    "refused: an instance is an origin");
	free(cause);
	cause = NULL;
	ok(sf_http_is_loopback("http://127.255.0.9:1/") &&
	    sf_http_is_loopback("http://[::1]:8080/") &&
	    sf_http_is_loopback("http://LOCALHOST/"),
	    "A2 127.0.0.0/8, [::1] and localhost are loopback");
}

/* Net changes (F2, C3): a field edited back to its synced value is none. */
static void
test_changed(void)
{
	struct ss_row	r;

	memset(&r, 0, sizeof r);
	is_int((int)ss_changed(&r), TASK_F_ALL,
	    "C3 without a known synced value every field counts as changed");
	r.lbase_mask = TASK_F_ALL;
	r.name = r.lbase_name = "Call Ana";
	r.details = "x";
	r.lbase_details = "x";
	r.due = r.lbase_due = DATE_NONE;
	is_int((int)ss_changed(&r), 0, "F2 C3 done then reopen: no change");
	r.status = TASK_COMPLETE;
	r.due = 20000;
	is_int((int)ss_changed(&r), TASK_F_STATUS | TASK_F_DUE,
	    "C3 the fields whose value differs from the synced one");
	r.status = TASK_OPEN;
	r.due = DATE_NONE;
	r.sent_mask = TASK_F_STATUS;
	is_int((int)ss_changed(&r), TASK_F_STATUS, "C5 C7 a field whose update "
	    "is unanswered still counts as changed");
	r.sent_mask = 0;
	r.lbase_mask = TASK_F_ALL & ~TASK_F_NAME;
	is_int((int)ss_changed(&r), TASK_F_NAME,
	    "C3 a field whose synced value is unknown counts as changed");
}

static void
test_msgq(void)
{
	struct msgq	*q = msgq_new();
	int		 a = 1, b = 2;

	ok(!msgq_wait(q, 0), "queue empty: fd not readable");
	msgq_push(q, &a);
	msgq_push(q, &b);
	ok(msgq_wait(q, 0), "queue has messages: fd readable");
	ok(msgq_pop(q) == &a && msgq_pop(q) == &b, "messages in order");
	ok(msgq_pop(q) == NULL && !msgq_wait(q, 0), "drained: fd quiet");
	msgq_free(q, NULL);
}

int
main(void)
{
	test_merge();
	test_mapping();
	test_subject();
	test_backoff_budget();
	test_parse();
	test_urls();
	test_changed();
	test_msgq();
	return (tap_done());
}
