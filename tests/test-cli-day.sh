#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# U9, a rep's workflow on the command line (issue 16 findings 2 and 3):
# done / reopen / rm take several ids and FROM-TO ranges; a malformed id
# changes nothing, a missing one is reported and the others are applied;
# --due takes weekday names, +Nw, eow and eom.
. "${TD_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

export TASKDECK_TODAY=2026-11-23	# a Monday

i=1
while [ $i -le 10 ]; do
	td add "Reminder $i" --due today
	i=$((i + 1))
done

# The status of every reminder, one line: "1:o 2:c ..." (o open, c complete).
statuses() {
	"$TASKDECK" list --all --json | python3 -c '
import json, sys
print(" ".join("%d:%s" % (t["id"], t["status"][0]) for t in
      sorted(json.load(sys.stdin), key=lambda t: t["id"])))'
}

td done 1 2 3
ok $rc "U9 done 1 2 3 exits 0"
is "$out" "completed reminder 1
completed reminder 2
completed reminder 3" "U9 done 1 2 3 says what it did, one line each"
td done 4-6
ok $rc "U9 done 4-6 exits 0"
is "$(statuses)" "1:c 2:c 3:c 4:c 5:c 6:c 7:o 8:o 9:o 10:o" \
    "U9 done 1 2 3 and done 4-6 completed exactly those six"
td reopen 2-3 5
ok $rc "U9 reopen takes ranges and ids mixed"
is "$(statuses)" "1:c 2:o 3:o 4:c 5:o 6:c 7:o 8:o 9:o 10:o" \
    "U9 reopen 2-3 5 reopened exactly those three"
td done 7 8 --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print([(t["id"], t["status"]) for t in json.load(sys.stdin)])')" \
    "[(7, 'complete'), (8, 'complete')]" "U9 done with several ids and --json prints an array"

# A malformed id or range anywhere: nothing is applied.
before=$(statuses)
td done 9 abc 10
is "$rc" 1 "U9 a malformed id in the list exits 1"
case "$err" in *"abc"*"nothing was changed"*) r=0 ;; *) r=1 ;; esac
ok $r "U9 the message names the bad id and says nothing was changed"
is "$(statuses)" "$before" "U9 ... and nothing was changed"
td done 9-4
is "$rc" 1 "U9 a backwards range exits 1"
case "$err" in *"9-4"*"nothing was changed"*) r=0 ;; *) r=1 ;; esac
ok $r "U9 the message names the range"
td done 1-100000
is "$rc" 1 "U9 an absurd range is refused"
is "$(statuses)" "$before" "U9 ... and nothing was changed either time"

# A well-formed id that does not exist: the others are applied.
td done 9 42 10
is "$rc" 2 "U9 a missing id in the list exits 2 (no such reminder)"
is "$out" "completed reminder 9
completed reminder 10" "U9 the others were completed"
case "$err" in *"42"*"completed 2 of 3"*) r=0 ;; *) r=1 ;; esac
ok $r "U9 the message names the missing id and how many were applied"
is "$(statuses)" "1:c 2:o 3:o 4:c 5:o 6:c 7:c 8:c 9:c 10:c" \
    "U9 9 and 10 completed despite 42"

td rm 1-3
ok $rc "U9 rm takes a range"
td list --all --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
    7 "U9 rm 1-3 deleted three"
td done
is "$rc" 1 "U8 done with no id is a usage error"

# Date words (2026-11-23 is a Monday).
due() {
	td add "$1" --due "$2"
	"$TASKDECK" show "${out##* }" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["due"])'
}
is "$(due a fri)" 2026-11-27 "U9 --due fri is this Friday"
is "$(due b monday)" 2026-11-30 "U9 --due monday on a Monday is next Monday"
is "$(due c +1w)" 2026-11-30 "U9 --due +1w"
is "$(due d +3d)" 2026-11-26 "U9 --due +3d"
is "$(due e eow)" 2026-11-27 "U9 --due eow is Friday"
is "$(due f eom)" 2026-11-30 "U9 --due eom"
td edit 4 --due Wed
ok $rc "U9 edit --due Wed"
is "$("$TASKDECK" show 4 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["due"])')" \
    2026-11-25 "U9 edit --due Wed is this Wednesday"
td add g --due someday
is "$rc" 1 "B2 an unknown date word exits 1"
case "$err" in *"eow"*) r=0 ;; *) r=1 ;; esac
ok $r "B2 the message lists the words a date may be"

done_testing
