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

# --- F2 F3: the status and priority settings against the org's picklists --
HOURS_OLD=26 HOURS_NEW=20
org_with_clock 0
fresh_profile
login_device
is "$(cat "$TMP/login.err")" "" \
    "F2 F3 login: the default settings are all values of this org"
CONF="$XDG_CONFIG_HOME/taskdeck/config"
td config set sf.priority_high Urgent
is "$rc" 1 "F3 config set of a priority the org does not have is refused"
case $err in
*"sf.priority_high: 'Urgent' is not a TaskPriority value of this org (valid: High, Normal, Low)"*)
	r=0 ;;
*)	r=1 ;;
esac
ok $r "F3 the refusal names the key and lists the org's values"
is "$("$TASKDECK" config get sf.priority_high)" High \
    "F3 the refused value is not saved"
td config set sf.status_complete Done
is "$rc" 1 "F2 config set of a status the org does not have is refused"
td config set sf.priority_high Low
ok $rc "F3 config set of another value of the org's picklist is accepted"
td config set sf.priority_high High

# A config file edited by hand: sync refuses to run (no call at all, so no
# push can fail on the value), naming the file, line and key (B4).
td sync --enable
td add "Added after T0" --due today
printf 'sf.priority_high = Urgent\n' >>"$CONF"
line=$(wc -l <"$CONF")
ctl DELETE calls >/dev/null
td sync --once
is "$rc" 1 "F3 B4 sync --once refuses a hand-edited priority the org lacks"
case $err in
*"$CONF:$line: sf.priority_high: 'Urgent' is not a TaskPriority value"*)
	r=0 ;;
*)	r=1 ;;
esac
ok $r "F3 B4 the message names the file, line and key"
"$TASKDECK" sync --watch >"$TMP/watch.out" 2>&1 &
wpid=$!
sleep 2
kill $wpid
wait $wpid 2>/dev/null
is "$(calls_total)" 0 "F3 the engine sends nothing while the value is bad"
grep -q "sf.priority_high: 'Urgent'" "$TMP/watch.out"
ok $? "F3 sync --watch says why it waits"
td config set sf.priority_high High
td sync --once
ok $rc "F3 with the value fixed sync runs again"
is "$(sf_count "Added after T0")" 1 "F3 and the waiting reminder is pushed"

# An org whose Status picklist differs: login says which setting is not
# one of its values, and which are.
ctl POST settings '{"task_status": [{"label": "Open", "default": true},
    {"label": "Done", "closed": true}]}' >/dev/null
login_device
is "$login_rc" 0 "A1 login to an org with its own statuses"
grep -q "sf.status_open: 'Not Started' is not a TaskStatus value of this org (valid: Open, Done)" \
    "$TMP/login.err"
ok $? "F2 login names the status setting the org lacks and its values"
td sync --once
is "$rc" 1 "F2 sync waits until the statuses are the org's"
td config set sf.status_open Open
ok $rc "F2 the org's own open status is accepted"
td config set sf.status_complete Done
td sync --once
ok $rc "F2 with both statuses set sync runs"

# --- F2 F3 in the command center: the settings screen -----------------
# Its login (on the login thread) learns the org too and names the setting
# the org lacks; Save refuses a value the org does not have.
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
org_with_clock 0
ctl POST settings '{"task_status": [{"label": "Open", "default": true},
    {"label": "Done", "closed": true}]}' >/dev/null
fresh_profile
td config set sf.client_id taskdeck-test
td config set sf.login_url "$EMU"
ui_start 80 24
ui_keys s
ui_wait 'Salesforce login: not logged in'
ui_keys L
ui_wait 'and enter the code:'
code=$(ui_screen | sed -n 's/.*enter the code: \([A-Z0-9]*\).*/\1/p')
ctl POST device/approve "{\"user_code\":\"$code\"}" >/dev/null
ui_wait "sf.status_open: 'Not Started' is not a TaskStatus value" 10
ok $? "F2 the settings screen's login names the status setting the org lacks"
ui_keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Enter
ui_wait 'sf.priority_high: '
ui_keys C-u
ui_type Urgent
ui_keys Enter
ui_wait 'Urgent *'
ui_keys S
ui_wait "'Urgent' is not a TaskPriority value" 5
ok $? "F3 Save in the settings screen refuses a priority the org lacks"
is "$("$TASKDECK" config get sf.priority_high)" High \
    "F3 the settings screen saved nothing"

done_testing
