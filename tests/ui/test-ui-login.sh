#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Logging in from the settings screen (U6, A1): the device flow runs on its
# own thread and shows its URL and code on the screen; approving it in
# Salesforce updates the screen with no key pressed, saves the credentials
# (0600) and the instance (A3); the screen stays live meanwhile (U4); Esc
# cancels a pending login and a signal during one quits at once.
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
 "tasks": [
  {"Subject": "Call Ana from Salesforce", "Owner": "rep",
   "CreatedDaysAgo": 0, "ActivityDate": 0}
 ]}' >/dev/null
cred="${XDG_CONFIG_HOME}/taskdeck/credentials"
td config set sf.client_id taskdeck-test
td config set sf.login_url "$EMU"
td config set sync.poll_interval 1
ctl POST limits '{"limit": 100000000}' >/dev/null

ui_start 80 24
ui_keys s
ui_wait 'Salesforce login: not logged in (L: log in)'
ok $? "U6 the settings say not logged in and offer L"
ui_screen | grep -q 'L: log in  S: save'
ok $? "U6 the footer names the login key"

# Esc cancels a login under way; the screen stays.
ui_keys L
ui_wait 'and enter the code:'
ok $? "A1 L starts the device flow and shows the code"
ui_keys Escape
ui_wait 'login cancelled' 3
ok $? "A1 Esc cancels a pending login"
ui_wait_gone 'and enter the code:' 1
ok $? "A1 the cancelled login's code is gone"
[ ! -e "$cred" ]
ok $? "A1 a cancelled login saves no credentials"

# The real login: URL and code on screen, approved in Salesforce.
ui_keys L
ui_wait 'and enter the code:'
ok $? "A1 L again starts a new device flow"
ui_screen | grep -q "To log in, open $EMU/setup/connect"
ok $? "A1 the verification URL is on the screen"
code=$(ui_screen | sed -n 's/.*enter the code: \([A-Z0-9]*\).*/\1/p')
[ -n "$code" ]
ok $? "A1 the user code can be read off the screen ($code)"
# The UI is not blocked by the pending login: keys still move the cursor.
ui_keys Down
ui_screen | grep -q 'and enter the code:'
ok $? "U4 the screen answers keys while the login waits"
ctl POST device/approve "{\"user_code\":\"$code\"}" >/dev/null
ui_wait "Salesforce login: credentials saved, $EMU" 10
ok $? "A1 the approval shows on screen with no key pressed"
[ "$(stat -c %a "$cred" 2>/dev/null)" = 600 ]
ok $? "A1 the credentials file has mode 0600"
td config get sf.instance_url
[ "$out" = "$EMU" ]
ok $? "A3 the instance is recorded in the settings"

# With the login done, ticking the box starts the first sync.
ui_keys Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
ui_keys Space
ui_wait '[x] Sync reminder tasks with Salesforce'
ui_keys S
ui_wait 'Call Ana from Salesforce' 15
ok $? "S2 after the in-UI login the first sync imports the reminders"

# A signal while a login is pending: the UI quits at once (never waits
# on the network) and restores the terminal.
ui_keys s
ui_wait 'Settings'
ui_keys L
ui_wait 'and enter the code:'
t0=$(date +%s%N)
kill -TERM "$(ui_pid)"
ui_wait_exit 5
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -lt 2500 ]
ok $? "A1 SIGTERM during a pending login exits in ${ms} ms"
[ "$ui_status" = 0 ] || [ "$ui_status" = 143 ]
ok $? "U7 the UI exited cleanly on SIGTERM (status $ui_status)"
done_testing
