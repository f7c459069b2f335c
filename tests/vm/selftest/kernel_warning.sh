#!/bin/bash
# The scenario itself passes, but a kernel WARNING appears while it runs: the
# harness must fail the run on the console.
set -u
. "$REPO/tests/scenarios/lib.sh"

check "selftest_warn loads, WARNing as it does" modprobe selftest_warn warn_on_load=1
check "selftest_warn unloads" modprobe -r selftest_warn
finish
