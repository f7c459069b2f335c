#!/bin/bash
# A scenario whose check fails: the harness must report it as FAIL.
set -u
. "$REPO/tests/scenarios/lib.sh"

check_eq "one equals two (deliberately false)" 1 2
finish
