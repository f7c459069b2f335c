#!/bin/bash
# make demo: see eoip work on a machine that cannot (or should not) load a
# module. Boots one test kernel under QEMU through the test bed
# (testbed/run-guests.sh with the one scenario in tests/vm/demo/), then prints
# what happened inside: two hosts joined by an EoIP tunnel, eoip show, a
# ping and a short iperf3 through it.
#
#   KERNELS=6.1    another test kernel (default: the newest)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/common.sh"

DEMO_DIR=$REPO/tests/vm/demo
CHECK_DIR=$REPO/build/demo
SCENARIO=two_hosts

kver=$("$REPO/scripts/test-kernels.sh" | tail -n 1)
[[ -n $kver ]] || die "no test kernel matches KERNELS='${KERNELS:-}' (run make deps)"
# run-guests.sh builds the tool only with the host tests, which the demo skips.
make -s -C "$REPO/tool"
mkdir -p "$CHECK_DIR"
echo "== building the module for $kver, booting it under QEMU (software emulation: two or three minutes)"
status=0
HOST_TESTS=0 SCENARIO_DIR=$DEMO_DIR CHECK_DIR=$CHECK_DIR KERNELS=$kver \
	"$REPO/testbed/run-guests.sh" >"$CHECK_DIR/check.log" 2>&1 || status=$?
log=$CHECK_DIR/$kver/logs/$SCENARIO.log
if [[ -f $log ]]; then
	echo "== inside the guest ($kver):"
	# lib.sh's check lines are for the test bed, not for the reader
	grep -v -e '^ok - ' -e '^# ' "$log"
fi
echo "== the test bed's verdict:"
grep -E '^(PASS|FAIL) |passed, .* failed$' "$CHECK_DIR/check.log" || cat "$CHECK_DIR/check.log"
((status == 0)) || echo "demo failed: see $CHECK_DIR/check.log and $CHECK_DIR/$kver/"
exit "$status"
