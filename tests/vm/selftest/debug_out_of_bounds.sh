#!/bin/bash
# make check-debug's self-check (tests/vm/check-debug.sh): the scenario itself
# passes, but selftest_debug reads past the end of a kmalloc'd buffer while
# it loads: KASAN must report it, and the harness must fail the run on the
# report.
set -u
. "$REPO/tests/scenarios/lib.sh"

check "selftest_debug loads with defect=out_of_bounds" modprobe selftest_debug defect=out_of_bounds
check "selftest_debug unloads" modprobe -r selftest_debug
finish
