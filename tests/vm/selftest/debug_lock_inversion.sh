#!/bin/bash
# make check-debug's self-check (tests/vm/check-debug.sh): the scenario itself
# passes, but selftest_debug takes two mutexes in one order and then in the
# other while it loads: lockdep must report a possible deadlock, and the
# harness must fail the run on the report.
set -u
. "$REPO/tests/scenarios/lib.sh"

check "selftest_debug loads with defect=lock_inversion" modprobe selftest_debug defect=lock_inversion
check "selftest_debug unloads" modprobe -r selftest_debug
finish
