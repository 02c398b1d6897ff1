#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# What login learns about the org (issue "sync that holds in the real
# world", findings 11 and 17): the offset of Salesforce's clock from the
# laptop's, so that T0 and the first-import window are on Salesforce's
# clock (S2, C4); and the org's Status and Priority picklists, so that a
# value the org does not have is refused before it is ever pushed (F2,
# F3).  Each check names the rule it proves; each failed on the code
# before its fix.
. "${TD_SRCDIR:-$(dirname "$0")/../..}/tests/sync/sync-lib.sh"

# imported NAME: 0 if a reminder of that name is in the cache.
imported() {
	[ "$(local_id "$1")" != null ]
	echo $?
}

# fresh_profile: a new rep on a new laptop (config, cache, credentials).
fresh_profile() {
	rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"
}

# org_with_clock SECONDS: a reset org whose clock is SECONDS ahead of
# real time (behind if negative), seeded with two of the rep's tasks
# created HOURS_OLD and HOURS_NEW hours ago on that clock, both due next
# summer (so only the window can bring them in).
org_with_clock() {
	ctl POST reset >/dev/null
	ctl POST clock "{\"advance_seconds\": $1}" >/dev/null
	ctl POST seed "{
	 \"settings\": {\"device_interval\": 1},
	 \"users\": [{\"key\": \"rep\", \"Name\": \"Dana Rivera\",
	   \"Username\": \"dana@x\", \"Password\": \"pw1\"}],
	 \"tasks\": [
	  {\"Subject\": \"Outside\", \"Owner\": \"rep\",
	   \"CreatedDaysAgo\": $(awk "BEGIN { print $HOURS_OLD / 24 }"),
	   \"ActivityDate\": \"2027-06-01\"},
	  {\"Subject\": \"Inside\", \"Owner\": \"rep\",
	   \"CreatedDaysAgo\": $(awk "BEGIN { print $HOURS_NEW / 24 }"),
	   \"ActivityDate\": \"2027-06-01\"}
	 ]}" >/dev/null
}

need_tools jq curl
emu_start

# --- S2 C4: the first-import window on Salesforce's clock -----------------
# Salesforce 5 h ahead of the laptop: a task 26 h old on Salesforce's clock
# is 21 h old on the laptop's, and must stay out of a 24 h window.
HOURS_OLD=26 HOURS_NEW=20
org_with_clock 18000
fresh_profile
login_device
is "$login_rc" 0 "A1 login (Salesforce 5 h ahead)"
td sync --enable
td sync --once
ok $rc "S2 first sync (Salesforce 5 h ahead)"
is "$(local_id Outside)" null \
    "S2 C4 Salesforce 5 h ahead: a task 26 h old on its clock is not imported"
ok "$(imported Inside)" \
    "S2 C4 Salesforce 5 h ahead: a task 20 h old on its clock is imported"

# Salesforce 5 h behind: a task 22 h old on its clock is 27 h old on the
# laptop's, and must come in.
HOURS_OLD=30 HOURS_NEW=22
org_with_clock -18000
fresh_profile
login_device
td sync --enable
td sync --once
ok $rc "S2 first sync (Salesforce 5 h behind)"
ok "$(imported Inside)" \
    "S2 C4 Salesforce 5 h behind: a task 22 h old on its clock is imported"
is "$(local_id Outside)" null \
    "S2 C4 Salesforce 5 h behind: a task 30 h old on its clock is not"

done_testing
