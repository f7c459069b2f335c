#!/bin/bash
# make check-selftest: runs the harness (testbed/run-guests.sh) on the broken
# scenarios and modules in tests/vm/selftest/ and asserts that every kind of
# failure is reported: a failed check, a kernel WARNING, a panic, a scenario
# hang, a hung boot, leftovers, a module that will not unload, a compiler
# warning. A healthy control must pass in each run. Prints one ok/not ok line
# per assertion and ends with "N passed, M failed".
#
#   KERNELS=6.12    run on a subset of the test kernels (default: all)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/common.sh"

SELFTEST=$REPO/tests/vm/selftest
OUT=$REPO/build/selftest
# Low enough to keep the self-test quick, high enough for a slow boot.
HUNG_BOOT_LIMIT=40

passed=0
failed=0
run_log=
run_status=0

harness() { # RUN [VAR=VALUE...]: one harness run on the self-test scenarios
	local run=$1
	shift
	run_log=$OUT/$run.log
	run_status=0
	echo "== $run: $*"
	env HOST_TESTS=0 CHECK_SHARDS=1 SCENARIO_DIR="$SELFTEST" CHECK_DIR="$OUT/$run" "$@" \
		"$REPO/testbed/run-guests.sh" >"$run_log" 2>&1 || run_status=$?
}

verdict() { # WHAT OK?
	if (($2)); then
		passed=$((passed + 1))
		echo "ok - $1"
	else
		failed=$((failed + 1))
		echo "not ok - $1 (see $run_log)"
	fi
}

expect_line() { # WHAT ERE: a line of the last run's output matches
	verdict "$1" "$(grep -Eq -- "$2" "$run_log" && echo 1 || echo 0)"
}

expect_failed_run() { # the last run must exit non-zero and say so on its last line
	verdict "the run exits non-zero" "$((run_status != 0))"
	verdict "the run's last line is 'N passed, M failed' with M > 0" \
		"$(tail -n 1 "$run_log" | grep -Eq '^[0-9]+ passed, [1-9][0-9]* failed$' && echo 1 || echo 0)"
}

# shellcheck disable=SC2001 # a character class: no ${var//} equivalent
ere() { sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1"; } # a literal for grep -E

main() {
	local kernels kver k start modules
	mapfile -t kernels < <("$REPO/scripts/test-kernels.sh")
	((${#kernels[@]})) || die "no test kernel matches KERNELS='${KERNELS:-}'"
	start=$SECONDS
	rm -rf "$OUT"
	mkdir -p "$OUT"
	modules=$SELFTEST/modules

	harness healthy SCENARIOS=pass_control MODULE_DIRS="$modules/selftest_warn"
	verdict "healthy: the run exits zero" "$((run_status == 0))"
	expect_line "healthy: its last line is 'N passed, 0 failed'" '^[1-9][0-9]* passed, 0 failed$'
	for kver in "${kernels[@]}"; do
		k=$(ere "$kver")
		expect_line "healthy, $kver: the control scenario passes" "^PASS $k pass_control "
		expect_line "healthy, $kver: the module unloads" "^PASS $k module_unload "
		expect_line "healthy, $kver: the console is clean" "^PASS $k console "
	done

	harness broken SCENARIOS="pass_control failing_check kernel_warning scenario_hang leftover_netns" \
		MODULE_DIRS="$modules/selftest_warn $modules/selftest_stuck"
	expect_failed_run
	for kver in "${kernels[@]}"; do
		k=$(ere "$kver")
		expect_line "broken, $kver: the control still passes" "^PASS $k pass_control "
		expect_line "broken, $kver: a failed check fails its scenario" "^FAIL $k failing_check "
		expect_line "broken, $kver: a kernel WARNING fails the console, naming the scenario" \
			"^FAIL $k console \(kernel trouble during kernel_warning"
		expect_line "broken, $kver: a scenario past its limit is stopped and fails" \
			"^FAIL $k scenario_hang \(.*timed out after 5s"
		# The process may still be the forked shell about to become `sleep`.
		expect_line "broken, $kver: leftover process, namespace and links fail the scenario" \
			"^FAIL $k leftover_netns \(.*left behind: processes: [^;]+;netns: selftest-leftover;links: leftover0 leftover1"
		expect_line "broken, $kver: a module that stays loaded fails module_unload" \
			"^FAIL $k module_unload \(.*rmmod selftest_stuck failed"
		expect_line "broken, $kver: the boot itself completed" "^PASS $k boot "
	done

	harness panic SCENARIOS=guest_panic MODULE_DIRS="$modules/selftest_warn"
	expect_failed_run
	for kver in "${kernels[@]}"; do
		k=$(ere "$kver")
		expect_line "panic, $kver: the boot fails" "^FAIL $k boot \(the guest stopped without a result"
		expect_line "panic, $kver: the console shows the panic" \
			"^FAIL $k console \(kernel trouble during guest_panic"
		expect_line "panic, $kver: the scenario has no result" "^FAIL $k guest_panic \(no result"
	done

	harness hung_boot SCENARIOS=boot_hang MODULE_DIRS="$modules/selftest_warn" BOOT_TIMEOUT=$HUNG_BOOT_LIMIT
	expect_failed_run
	for kver in "${kernels[@]}"; do
		k=$(ere "$kver")
		expect_line "hung boot, $kver: the boot times out" "^FAIL $k boot \(timed out after ${HUNG_BOOT_LIMIT}s"
		expect_line "hung boot, $kver: the scenario has no result" "^FAIL $k boot_hang \(no result"
	done

	harness build_warning SCENARIOS=pass_control MODULE_DIRS="$modules/selftest_build_warning"
	expect_failed_run
	for kver in "${kernels[@]}"; do
		k=$(ere "$kver")
		expect_line "build warning, $kver: a compiler warning fails the module build" "^FAIL $k module_build "
	done

	echo "wall time $((SECONDS - start))s; harness outputs in $OUT/*.log"
	echo "$passed passed, $failed failed"
	((failed == 0))
}

# On one line: bash reads a script as it runs it, and this file may be edited
# meanwhile.
main "$@"; exit
