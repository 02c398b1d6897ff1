#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The command center sends a reminder from before T0 to Salesforce on
# request (S3, U3): P on a local-only row asks first, then queues it and
# the row's badge turns from local to pending (U2), then synced; on a
# synced row P says it is already in Salesforce.  At 80x24 through tmux,
# against a real sfemu.
: "${TD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TD_SRCDIR:=$TD_BUILDDIR}"
. "$TD_SRCDIR/tests/sync/sync-lib.sh"
. "$TD_SRCDIR/tests/ui/lib-ui.sh"
need_tools curl jq

emu_start
ctl POST seed '{
 "settings": {"device_interval": 1},
 "users": [{"key": "rep", "Name": "Dana Rivera", "Username": "dana@x",
            "Password": "pw"}],
 "tasks": [{"Subject": "Imported from Salesforce", "Owner": "rep",
            "CreatedDaysAgo": 0, "ActivityDate": 1}]}' >/dev/null
td add "Call Ana" --due today --details "before T0"
login_device
ok $login_rc "A1 logged in by device flow (set-up)"
td sync --enable
td sync --once
ok $rc "S2 first sync (set-up)"
td config set sync.poll_interval 1
ctl POST limits '{"limit": 100000000}' >/dev/null

# row_badge NAME BADGE [SECONDS]: waits until NAME's row ends with BADGE.
row_badge() {
	_n=$(( ${3:-$UI_TIMEOUT} * 10 ))
	while [ "$_n" -gt 0 ]; do
		ui_screen | grep -F "$1" | grep -q " $2 *\$" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	ui_screen | sed 's/^/#   | /'
	return 1
}

ui_start 80 24
ui_wait 'Imported from Salesforce' 15
row_badge 'Call Ana' local 2
ok $? "S3 U2 the reminder from before T0 shows the local badge"

# Asked first; "n" sends nothing.
ui_keys P
ui_wait 'Send "Call Ana" to Salesforce? (y/n)'
ok $? "U3 P on a local-only reminder asks first"
ui_keys n
ui_wait 'not sent'
ok $? "U3 n leaves it local"
row_badge 'Call Ana' local 1
ok $? "U2 and the badge still says local"
is "$(sf_count "Call Ana")" 0 "S3 nothing reached Salesforce"

# "y" queues it: pending while Salesforce holds the create, then synced.
hold POST 3000
ui_keys P
ui_wait 'Send "Call Ana" to Salesforce? (y/n)'
ui_keys y
ui_wait 'queued reminder'
ok $? "U3 y queues the reminder for Salesforce"
row_badge 'Call Ana' pending 2
ok $? "U2 the row's badge turns from local to pending"
row_badge 'Call Ana' synced 15
ok $? "S3 C1 then synced, with no key pressed"
is "$(sf_count "Call Ana")" 1 "S3 the reminder reached Salesforce once"
is "$(sf_task "Call Ana" Description)" "before T0" "F5 with its details"

# On a synced reminder P asks nothing and says so.
ui_keys P
ui_wait 'already in Salesforce'
ok $? "U3 P on a synced reminder says it is already in Salesforce"
ui_screen | grep -q '(y/n)'
is $? 1 "U3 and asks nothing"

ui_keys '?'
ui_wait 'P          send a local-only reminder to Salesforce'
ok $? "U3 the help screen lists P"
ui_keys q
ui_keys q
ui_wait_exit
is "$ui_status" 0 "U3 q quits"
done_testing
