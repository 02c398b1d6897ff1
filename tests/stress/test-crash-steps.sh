#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# Crash at every durable step (C6, C7, C9): each scripted scenario is run
# with TASKDECK_CRASH_AT=1, 2, ... until it completes, restarted without
# the hook each time, and must end exactly as an uncrashed run does.
: "${TD_SRCDIR:=$(dirname "$0")/../..}"
exec python3 "$TD_SRCDIR/tests/stress/crash-steps.py"
