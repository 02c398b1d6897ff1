#!/bin/sh
# taskdeck - SPDX-License-Identifier: ISC
# The short randomized convergence run of make check (C1, C2, C4, C6, C7,
# C8, C9, F2, F3, F6, F7, S3; the moves are listed in doc/reliability.md):
# rounds until STRESS_SECONDS (default 90) of wall time, so it also fits a
# slow sanitizer build; with the crash test, about 2 minutes.  A new
# random seed each run, printed first.  `make stress` runs 1,000 rounds;
# STRESS_SEED=n re-runs a seed.
: "${TD_SRCDIR:=$(dirname "$0")/../..}"
STRESS_SECONDS=${STRESS_SECONDS:-90} STRESS_ROUNDS=${STRESS_ROUNDS:-1000} \
    exec python3 "$TD_SRCDIR/tests/stress/stress.py"
