#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The randomized convergence run with streaming on (C12, issue 15): each
# round's phase C is a `sync --watch` subscribed to Change Data Capture
# while more one-sided moves are made, so Salesforce changes reach the
# cache through change events only; the same checks (0 lost, 0
# duplicates, 0 divergences, 0 resurrected deletes).  Rounds until
# STRESS_SECONDS (default 15) of wall time; a new random seed each run,
# printed first.  `make stress-stream` runs 200 rounds.
: "${TD_SRCDIR:=$(dirname "$0")/../..}"
STRESS_STREAM=1 STRESS_SECONDS=${STRESS_SECONDS:-15} \
    STRESS_ROUNDS=${STRESS_ROUNDS:-1000} \
    exec python3 "$TD_SRCDIR/tests/stress/stress.py"
