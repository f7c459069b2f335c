#!/bin/bash
# make check-debug's self-check (tests/vm/check-debug.sh): the scenario itself
# passes, but selftest_debug drops the only pointer to an allocation while it
# loads: kmemleak's scan after the run must find it, and the harness must
# fail the run on it.
set -u
. "$REPO/tests/scenarios/lib.sh"

check "selftest_debug loads with defect=leak" modprobe selftest_debug defect=leak
check "selftest_debug unloads" modprobe -r selftest_debug
finish
