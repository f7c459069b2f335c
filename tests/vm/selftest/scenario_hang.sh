#!/bin/bash
# timeout: 5
# A scenario that hangs past its declared time limit: the harness must stop
# it and report a timeout, then go on with the next scenario.
set -u
. "$REPO/tests/scenarios/lib.sh"

sleep 60
check "never reached" true
finish
