#!/bin/bash
# The test bed's engine: boots test kernels under QEMU and runs guest
# scripts in them. make check runs the scenarios of tests/scenarios/ with
# it; make demo (tests/vm/demo.sh), make bench and make bench-scale (bench/),
# make check-debug and the harness self-test run their own scripts the same
# way. The guest side is testbed/init (the initramfs's /init, made by
# testbed/make-initramfs.sh) and testbed/guest-run.sh (the runner).
#
# For make check it builds and unit-tests the tool on the host, starts the host
# tests beside the guests (tests/host/: the package check of make deps,
# packages and lintian, the install in a clean Debian 12, man page,
# completion, the systemd unit), builds the module for every test kernel
# with that kernel's release's DKMS and warnings as errors, boots each
# kernel under QEMU (CHECK_JOBS guests at a time, each kernel's scenarios
# split over CHECK_SHARDS of them) with the DKMS-built module in
# /lib/modules/KVER/updates/dkms and runs the scenarios inside. Prints one
# PASS/FAIL line per result and ends with "N passed, M failed".
#
#   KERNELS="6.12"           only the test kernels matching a word
#   SCENARIOS="veth_ping"    only the scenarios matching a word (substring or glob)
#   BOOT_TIMEOUT=SECONDS     override the per-boot limit
#   QEMU_CPU="OPTIONS"       QEMU's accelerator, machine and CPU options (make
#                            bench: instruction-counted time on one vCPU)
#   CHECK_JOBS=N             how many guests run at once (default: one per
#                            host core; each guest is one busy host thread)
#   CHECK_SHARDS=N           split each kernel's scenarios over N guests
#                            (default CHECK_JOBS; at most one per scenario):
#                            every lane then gets a share of the slowest
#                            kernel instead of one lane all of it
# Used by make check-debug (tests/vm/check-debug.sh):
#   KERNEL_RELEASES="KVER"   test exactly these kernels of the test bed, listed
#                            in kernels.list or not (the debug kernel is not)
#   TIMEOUT_SCALE=N          multiply every time limit by N (a slower kernel)
#   SCENARIO_LIMITS="NAME=SECONDS..."  these scenarios' limits instead (for
#                            sizes far above make check's, not scaled)
#   QEMU_MEMORY=MIB          the guest's memory (default 1024)
#   KERNEL_ARGS="ARGS"       more of the guest kernel's command line
#   KMEMLEAK=1               scan with kmemleak after the run: its findings
#                            are a failure (result "kmemleak")
# Used by the harness self-test (tests/vm/selftest.sh):
#   SCENARIO_DIR, CHECK_DIR, MODULE_DIRS (Kbuild dirs under test, built with
#   scripts/build-module.sh into updates/ instead of eoip by DKMS), HOST_TESTS=0
#
# Everything a run leaves is in $CHECK_DIR/$KVER/: console.log, logs/NAME.log
# (and NAME.dmesg), out/NAME/, results, dmesg.txt; a kernel's Nth guest
# (CHECK_SHARDS) leaves the same in $CHECK_DIR/$KVER.guestN/.
set -euo pipefail
export LC_ALL=C # scenarios run in the same order everywhere
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/scripts/common.sh"

SCENARIO_DIR=${SCENARIO_DIR:-$REPO/tests/scenarios}
CHECK_DIR=${CHECK_DIR:-$REPO/build/check}
# The module under test is eoip as DKMS builds it, unless MODULE_DIRS names
# other Kbuild directories (the self-test's broken modules).
if [[ -n ${MODULE_DIRS:-} ]]; then
	read -r -a MODULE_DIRS <<<"$MODULE_DIRS"
	MODULE_BUILDER=kbuild
else
	MODULE_DIRS=()
	MODULE_BUILDER=dkms
fi
HOST_TESTS=${HOST_TESTS:-1}
# Without ERMS: TCG runs "rep movsb/stosb" a byte at a time, and 5.10 clears
# and copies pages with them when the CPU claims ERMS. With it, 5.10's
# guests ran every process 1.6 times slower than 6.1's (fork, exec, ip).
read -r -a QEMU_CPU <<<"${QEMU_CPU:--accel tcg,thread=single -machine pc -cpu max,-erms -smp 2}"
KBUILD_DIR=$REPO/build/kbuild
DKMS_DIR=$REPO/build/dkms # scripts/dkms-build.sh's, one directory per kernel
DEPMOD_CACHE=$REPO/build/depmod-cache
DEPMOD_CACHE_ENTRIES=6 # per kernel, about 5 MB each
# More guests than cores only slows each down towards its time limits.
CHECK_JOBS=${CHECK_JOBS:-$(nproc)}
CHECK_SHARDS=${CHECK_SHARDS:-$CHECK_JOBS}
TIMEOUT_SCALE=${TIMEOUT_SCALE:-1}
QEMU_MEMORY=${QEMU_MEMORY:-1024}
KERNEL_ARGS=${KERNEL_ARGS:-}
KMEMLEAK=${KMEMLEAK:-0}

# The test bed chroots whose ip the iplink_* scenarios run besides the host's.
IPLINK_SUITES=(sid)
DEFAULT_SCENARIO_TIMEOUT=180
# Per boot: start-up and the final unload, plus an allowance per scenario, plus
# the longest scenario limit so that one hung scenario is reported as such
# rather than as a hung boot.
BOOT_BASE_SECONDS=120
BOOT_SECONDS_PER_SCENARIO=45
# What in a guest console means the kernel is unwell, whatever the scenarios
# said. Beside warnings, oopses and panics, the debug kernel's facilities:
# KASAN and lockdep ("BUG: KASAN: ...", "WARNING: possible circular locking
# dependency", "WARNING: suspicious RCU usage" are caught by the first two
# words), UBSAN, debug objects (ODEBUG), the netdev and netns reference
# trackers (ref_tracker), kmemleak ("unreferenced object", as the runner
# copies its findings to the console) and list corruption.
CONSOLE_PATTERN='WARNING:|BUG:|Oops|Call Trace|refcount_t|unregister_netdevice: waiting|Kernel panic'
CONSOLE_PATTERN+='|UBSAN:|ODEBUG:|ref_tracker:|unreferenced object|list_(add|del) corruption'
LOG_TAIL_LINES=20
# QEMU exits with 2v+1 for the byte v that testbed/init writes to the exit port.
QEMU_EXIT_PASSED=33
QEMU_EXIT_FAILED=35
QEMU_EXIT_INIT_FAILED=37
QEMU_EXIT_RUNNER_DIED=39

passed=0
failed=0
failures=() # the FAIL lines again, for a recap at the end
declare -A kernel_passed kernel_failed # per kernel, for the closing table

say() { echo "== $*"; }

result() { # PASS|FAIL KVER NAME [DETAIL]
	local line="$1 $2 $3${4:+ ($4)}"
	echo "$line"
	if [[ $1 == PASS ]]; then
		passed=$((passed + 1))
		kernel_passed[$2]=$((${kernel_passed[$2]:-0} + 1))
	else
		failed=$((failed + 1))
		kernel_failed[$2]=$((${kernel_failed[$2]:-0} + 1))
		failures+=("$line")
	fi
}

indent() { sed 's/^/    | /'; }

# Paths go into the initramfs config, QEMU's -virtfs option list and the
# guest's mount table: keep them to characters none of those treat specially.
safe_path() {
	[[ $1 =~ ^[A-Za-z0-9/._+-]+$ ]] || die "unsupported character in path '$1' (move the repository)"
}

select_scenarios() { # fills SCENARIO_PATHS, SCENARIO_NAMES, SCENARIO_FAMILIES, SCENARIO_TIMEOUTS, SCENARIO_COSTS
	local filter path base name limit cost families family given scenario_limit
	read -r -a filter <<<"${SCENARIOS:-}"
	SCENARIO_PATHS=()
	SCENARIO_NAMES=()
	SCENARIO_FAMILIES=()
	SCENARIO_TIMEOUTS=()
	SCENARIO_COSTS=()
	GIVEN_LIMITS_TOTAL=0 # the boot allows for each of those in full
	for path in "$SCENARIO_DIR"/*.sh; do
		base=$(basename "$path" .sh)
		[[ $base != lib ]] || continue
		# A scenario may declare its own limit in its header: "# timeout: 60"
		limit=$(sed -n '1,20s/^# timeout: *\([0-9][0-9]*\) *$/\1/p' "$path" | head -n 1)
		limit=$((${limit:-$DEFAULT_SCENARIO_TIMEOUT} * TIMEOUT_SCALE))
		# ... and what one run of it usually takes: "# cost: 40" (seconds
		# on 6.1 in a CI run), by which the guests of a kernel share the
		# scenarios. Without it, a tenth of the limit.
		cost=$(sed -n '1,20s/^# cost: *\([0-9][0-9]*\) *$/\1/p' "$path" | head -n 1)
		cost=${cost:-$((limit / TIMEOUT_SCALE / 10))}
		# ... and that it runs once per underlay family: "# families: ipv4 ipv6"
		# (as NAME-ipv4 and NAME-ipv6, with FAMILY set to the family).
		read -r -a families <<<"$(sed -n '1,20s/^# families: *//p' "$path" | head -n 1)"
		((${#families[@]})) || families=("")
		for family in "${families[@]}"; do
			[[ -z $family || $family == ipv4 || $family == ipv6 ]] ||
				die "$path: unknown family '$family' (ipv4, ipv6)"
			name=$base${family:+-$family}
			if ((${#filter[@]})) && ! matches_any "$name" "${filter[@]}" &&
				! matches_any "$base" "${filter[@]}"; then
				continue
			fi
			# SCENARIO_LIMITS="NAME=SECONDS ...": NAME is the scenario's or
			# one family's run of it.
			scenario_limit=$limit
			for given in ${SCENARIO_LIMITS:-}; do
				[[ $given =~ ^[a-z0-9_-]+=[1-9][0-9]*$ ]] ||
					die "SCENARIO_LIMITS: '$given' is not NAME=SECONDS"
				if [[ ${given%%=*} == "$name" || ${given%%=*} == "$base" ]]; then
					scenario_limit=${given#*=}
					GIVEN_LIMITS_TOTAL=$((GIVEN_LIMITS_TOTAL + scenario_limit))
				fi
			done
			SCENARIO_PATHS+=("$path")
			SCENARIO_NAMES+=("$name")
			SCENARIO_FAMILIES+=("$family")
			SCENARIO_TIMEOUTS+=("$scenario_limit")
			SCENARIO_COSTS+=("$cost")
		done
	done
	((${#SCENARIO_PATHS[@]})) || die "no scenario in $SCENARIO_DIR matches SCENARIOS='${SCENARIOS:-}'"
}

boot_timeout() {
	local longest=0 limit
	for limit in "${SCENARIO_TIMEOUTS[@]}"; do
		((limit > longest)) && longest=$limit
	done
	echo "${BOOT_TIMEOUT:-$(((BOOT_BASE_SECONDS + BOOT_SECONDS_PER_SCENARIO * ${#SCENARIO_PATHS[@]}) * TIMEOUT_SCALE + GIVEN_LIMITS_TOTAL + longest))}"
}

host_tests() {
	local log=$CHECK_DIR/host/tool.log start=$SECONDS test name
	mkdir -p "$CHECK_DIR/host"
	say "building the tool and running its unit tests"
	if make -C "$REPO/tool" >"$log" 2>&1 && make -C "$REPO/tool" check >>"$log" 2>&1; then
		result PASS host tool_unit_tests "$((SECONDS - start))s"
	else
		result FAIL host tool_unit_tests "log: $log"
		tail -n "$LOG_TAIL_LINES" "$log" | indent
	fi
	# ip's plugin for the host's iproute2 and for sid's (the scenarios
	# iplink_* run both), and its refusal of other struct link_util layouts
	log=$CHECK_DIR/host/iplink.log start=$SECONDS
	say "building link_eoip.so for the host's and sid's ip, checking its layout guard"
	if "$REPO/scripts/build-iplink.sh" "${IPLINK_SUITES[@]}" >"$log" 2>&1 &&
		make -C "$REPO/iplink" check >>"$log" 2>&1; then
		result PASS host iplink_plugin "$((SECONDS - start))s"
	else
		result FAIL host iplink_plugin "log: $log"
		tail -n "$LOG_TAIL_LINES" "$log" | indent
	fi
}

# tests/host/NAME.sh WORK_DIR, in name order (packages.sh builds what
# packages_install.sh installs), each given an empty directory of its own:
# each prints ok/not ok lines and exits non-zero on a failure. They take a
# minute or more (packages, lintian, the install test) and need none of
# the guests, nor the guests them: they run beside the guests, at a lower
# priority, mostly while a lane waits for the other at the end. Each one's
# result goes to host/results (STATUS, NAME, DETAIL), the lines to show
# of a failure to host/NAME.excerpt; report_host_scripts shows them.
host_scripts() {
	local test name log start
	: >"$CHECK_DIR/host/results"
	for test in "$REPO"/tests/host/*.sh; do
		name=$(basename "$test" .sh) log=$CHECK_DIR/host/$name.log start=$SECONDS
		say "host: $name"
		rm -rf "$CHECK_DIR/host/$name.work"
		if "$test" "$CHECK_DIR/host/$name.work" </dev/null >"$log" 2>&1; then
			printf 'PASS\t%s\t%s\n' "$name" "$((SECONDS - start))s, $(tail -n 1 "$log")"
		else
			printf 'FAIL\t%s\t%s\n' "$name" "log: $log"
			{
				grep -B 5 '^not ok' "$log" | head -n "$LOG_TAIL_LINES" || true
				tail -n 3 "$log"
			} >"$CHECK_DIR/host/$name.excerpt"
		fi >>"$CHECK_DIR/host/results"
	done
	echo DONE >>"$CHECK_DIR/host/results"
}

report_host_scripts() {
	local status name detail
	while IFS=$'\t' read -r status name detail; do
		[[ $status != DONE ]] || return 0
		result "$status" host "$name" "$detail"
		[[ ! -f $CHECK_DIR/host/$name.excerpt ]] || indent <"$CHECK_DIR/host/$name.excerpt"
	done <"$CHECK_DIR/host/results"
	result FAIL host host_scripts "they stopped before the end: $CHECK_DIR/host/"
}

build_test_tools() { # the compiled helpers the scenarios run (tests/tools)
	# Its log beside what it builds: the callers without host tests (make
	# bench, bench-scale) read every directory of CHECK_DIR as a kernel's.
	local log=$REPO/build/test-tools/build.log start=$SECONDS
	mkdir -p "$REPO/build/test-tools"
	if make -C "$REPO/tests/tools" check >"$log" 2>&1; then
		result PASS host test_tools "$((SECONDS - start))s, $(grep -c '^ok' "$log") SHA-256 known answers"
	else
		result FAIL host test_tools "log: $log"
		tail -n "$LOG_TAIL_LINES" "$log" | indent
		die "the scenarios need tests/tools (log: $log)"
	fi
}

built_modules() { # KVER: the module files built for it, one path a line
	local src
	if [[ $MODULE_BUILDER == dkms ]]; then
		ls "$DKMS_DIR/$1/install/$1/updates/dkms"/*.ko*
		return
	fi
	for src in "${MODULE_DIRS[@]}"; do
		ls "$KBUILD_DIR/$1/$(basename "$src")"/*.ko
	done
}

modules_under_test() { # KVER: the names of the modules built for it
	local path name
	while read -r path; do
		name=$(basename "$path")
		echo "${name%%.ko*}"
	done < <(built_modules "$1")
}

# Where the guest finds them, under /lib/modules/KVER: where DKMS installs
# (dkms.conf's DEST_MODULE_LOCATION), or updates/ as make install does.
modules_subdir() { [[ $MODULE_BUILDER == dkms ]] && echo updates/dkms || echo updates; }

stage_module_tree() { # KVER DIR: DIR/root/lib/modules/KVER as the guest will see it
	local kver=$1 tree=$2/root/lib/modules/$1 src key cache stock
	load_kernel "$kver" || die "kernel $kver is not in the test bed (run make deps)"
	stock=$K_MODROOT/lib/modules/$kver
	mkdir -p "$tree/$(modules_subdir)"
	local modules
	mapfile -t modules < <(built_modules "$kver")
	cp "${modules[@]}" "$tree/$(modules_subdir)/"
	# depmod of the whole stock tree takes seconds (6.12 decompresses every
	# .ko.xz): reuse its output while our modules are byte for byte the same
	# and the stock tree is the one installed then.
	key=$({ cat "${modules[@]}"; modules_subdir; stat -c %Y "$stock/modules.dep"; } |
		sha256sum | cut -c1-16)
	cache=$DEPMOD_CACHE/$kver/$key
	if [[ ! -d $cache ]]; then
		# What depmod reads besides the modules themselves.
		cp "$stock"/modules.{order,builtin,builtin.modinfo} "$tree/"
		ln -s "$(realpath "$stock/kernel")" "$tree/kernel"
		depmod -b "$2/root" "$kver"
		rm "$tree/kernel"
		mkdir -p "$cache"
		cp "$tree"/modules.* "$cache/"
		# A few module sets (make check's, the self-test's) stay cached.
		# shellcheck disable=SC2012 # our own cache: names are hex keys; ls sorts by age
		ls -1dt "$DEPMOD_CACHE/$kver"/* | tail -n +"$((DEPMOD_CACHE_ENTRIES + 1))" |
			xargs -r rm -rf
	fi
	touch "$cache" # most recently used
	cp "$cache"/modules.* "$tree/"
	# The guest mounts its stock module tree here.
	mkdir -p "$tree/kernel"
}

write_guest_env() { # KVER DIR: the runner's settings (testbed/guest-run.sh)
	local KVER=$1 WORK=$2 EOIP=$REPO/tool/eoip CAPTURES MODULES SCENARIO_SETTINGS
	CAPTURES=$REPO/tests/data/routeros-7.18.2
	mapfile -t MODULES < <(modules_under_test "$KVER")
	# The scenarios' own knobs (FUZZ_PACKETS, CHURN_CYCLES...) reach them.
	mapfile -t SCENARIO_SETTINGS < <(env | grep -E '^(FUZZ|CHURN)_[A-Z_]*=' || true)
	# Sourced at the top level of the runner, these declarations make globals.
	declare -p KVER WORK REPO EOIP CAPTURES SCENARIO_PATHS SCENARIO_NAMES \
		SCENARIO_FAMILIES SCENARIO_TIMEOUTS MODULES SCENARIO_SETTINGS KMEMLEAK >"$WORK/guest.env"
	printf '%s\n' "${SCENARIO_NAMES[@]}" >"$WORK/scenario_names" # for the report
}

guest_dir() { # KVER GUEST: where that guest's files go
	if (($2 == 1)); then echo "$CHECK_DIR/$1"; else echo "$CHECK_DIR/$1.guest$2"; fi
}

guest_label() { # DIR: "guest N of M, " when a kernel has several guests
	local n=1
	((GUESTS > 1)) || return 0
	[[ $1 != *.guest* ]] || n=${1##*.guest}
	echo "guest $n of $GUESTS, "
}

take_share() { # GUEST GUESTS: keeps that guest's share of the scenarios
	# Dealt costliest first, each to the guest with the least so far, so
	# that a kernel's guests take about as long as each other (a limit is
	# far from a scenario's length: 300 s for 7 s and 44 s alike).
	local i guest least order=() load=() mine=() paths=() names=() families=() timeouts=() costs=()
	mapfile -t order < <(for i in "${!SCENARIO_COSTS[@]}"; do
		echo "${SCENARIO_COSTS[i]} $i"
	done | sort -k1,1nr -k2,2n | cut -d' ' -f2)
	for ((guest = 1; guest <= $2; guest++)); do load[guest]=0; done
	for i in "${order[@]}"; do
		least=1
		for ((guest = 2; guest <= $2; guest++)); do
			((load[guest] < load[least])) && least=$guest
		done
		load[least]=$((load[least] + SCENARIO_COSTS[i]))
		((least == $1)) && mine[i]=1
	done
	for i in "${!mine[@]}"; do # in name order, as without guests
		paths+=("${SCENARIO_PATHS[i]}")
		names+=("${SCENARIO_NAMES[i]}")
		families+=("${SCENARIO_FAMILIES[i]}")
		timeouts+=("${SCENARIO_TIMEOUTS[i]}")
		costs+=("${SCENARIO_COSTS[i]}")
	done
	SCENARIO_PATHS=("${paths[@]}")
	SCENARIO_NAMES=("${names[@]}")
	SCENARIO_FAMILIES=("${families[@]}")
	SCENARIO_TIMEOUTS=("${timeouts[@]}")
	SCENARIO_COSTS=("${costs[@]}")
}

build_module() { # KVER: once per kernel and run, whichever of its guests comes first
	local kver=$1 dir=$CHECK_DIR/$1 src start=$SECONDS objects
	[[ ! -f $dir/module_build.time ]] || return 0
	if [[ $MODULE_BUILDER == dkms ]]; then
		"$REPO/scripts/dkms-build.sh" --werror "$kver" "$DKMS_DIR/$kver" \
			>>"$dir/module_build.log" 2>&1
		objects=("$DKMS_DIR/$kver/eoip.ko")
	else
		for src in "${MODULE_DIRS[@]}"; do
			"$REPO/scripts/build-module.sh" --werror "$kver" "$src" "$KBUILD_DIR/$kver" \
				>>"$dir/module_build.log" 2>&1
		done
		objects=("$KBUILD_DIR/$kver/$(basename "${MODULE_DIRS[0]}")"/*.ko)
	fi
	# The compiler that built it, as it signed the object (GCC: (Debian ...) ...).
	readelf -p .comment "${objects[@]}" 2>/dev/null |
		sed -n 's/^ *\[ *[0-9a-f]*\] *GCC: *//p' | head -n 1 >"$dir/module_compiler"
	echo "$((SECONDS - start))s" >"$dir/module_build.time"
}

prepare_kernel() { # KVER DIR: module, module tree, initramfs; "ok" in DIR/prepared
	# Runs under set -e in run_kernel's background shell: a failed step ends
	# that guest's pipeline, and the report finds no DIR/prepared.
	local kver=$1 dir=$2
	(
		# The kernel's guests share its module build and the depmod cache.
		flock 8
		build_module "$kver"
		stage_module_tree "$kver" "$dir" >"$dir/guest_setup.log" 2>&1
	) 8>"$CHECK_DIR/$kver/module.lock"
	write_guest_env "$kver" "$dir"
	"$REPO/testbed/make-initramfs.sh" "$kver" "$dir" "$dir/initramfs.cpio.gz" \
		"$(dirname "$REPO")" "$SCENARIO_DIR" >>"$dir/guest_setup.log" 2>&1
	echo ok >"$dir/prepared"
}

boot_kernel() { # KVER DIR: runs the guest; QEMU's exit status into DIR/qemu.status
	local kver=$1 dir=$2 limit start=$SECONDS status=0
	limit=$(boot_timeout)
	load_kernel "$kver"
	say "$kver: booting $(basename "$dir"); scenarios: ${#SCENARIO_PATHS[@]}, time limit ${limit}s"
	# No network device at all (-nodefaults, no -netdev): the guest's only
	# networks are the namespaces the scenarios build. thread=single: with
	# multi-threaded TCG a vCPU can run code the other is patching (static
	# keys, module loading), which oopses now and then. oops=panic: an oops
	# ends the boot at once rather than leave locks held for every later
	# scenario to hang on; panic=-1 with -no-reboot then stops QEMU.
	# printk.devkmsg=on: the runner's markers in the kernel log (which
	# scenario ran when) must not be rate-limited away.
	timeout --kill-after=10 "$limit" qemu-system-x86_64 \
		"${QEMU_CPU[@]}" -m "$QEMU_MEMORY" \
		-nodefaults -no-reboot -display none -monitor none \
		-serial "file:$dir/console.log" \
		-kernel "$K_IMAGE" -initrd "$dir/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic printk.devkmsg=on${KERNEL_ARGS:+ $KERNEL_ARGS}" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		-virtfs "local,path=$dir,mount_tag=work,security_model=none,multidevs=remap" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		</dev/null >"$dir/qemu.log" 2>&1 &
	echo $! >"$dir/qemu.pid"
	wait $! || status=$?
	rm -f "$dir/qemu.pid"
	echo "$status $((SECONDS - start)) $limit" >"$dir/qemu.status"
}

run_guest() { # KVER GUEST: the whole pipeline of one guest of a kernel
	local kver=$1 dir
	dir=$(guest_dir "$kver" "$2")
	say "$kver: guest $2 of $GUESTS: the module, the guest's initramfs"
	# In a shell of its own, under set -e: a failed step ends this guest's
	# pipeline only (the report then finds no DIR/prepared). Not "( ) ||":
	# that would switch set -e off inside.
	(
		take_share "$2" "$GUESTS"
		prepare_kernel "$kver" "$dir"
		boot_kernel "$kver" "$dir"
	) &
	wait $! || true
}

next_guest() { # "KVER GUEST": the next guest no lane has taken yet, or nothing
	local n
	exec 7>"$CHECK_DIR/.queue.lock"
	flock 7
	n=$(cat "$CHECK_DIR/.queue")
	echo $((n + 1)) >"$CHECK_DIR/.queue"
	exec 7>&-
	((n < ${#guests[@]})) && echo "${guests[n]}"
	return 0
}

lane() { # runs guests one after another while any is left
	local next
	while next=$(next_guest) && [[ -n $next ]]; do
		run_guest "${next% *}" "${next#* }"
	done
}

report_scenarios() { # KVER DIR
	local kver=$1 dir=$2 name names line status seconds reason extra=()
	((KMEMLEAK)) && extra=(kmemleak)
	mapfile -t names <"$dir/scenario_names"
	for name in "${names[@]}" module_unload "${extra[@]}"; do
		line=$(awk -F'\t' -v name="$name" '$2 == name' "$dir/results" 2>/dev/null | head -n 1)
		if [[ -z $line ]]; then
			result FAIL "$kver" "$name" "no result: the guest stopped before it"
			continue
		fi
		IFS=$'\t' read -r status _ seconds reason <<<"$line"
		result "$status" "$kver" "$name" "${seconds}s${reason:+, $reason}"
		if [[ $status != PASS && -f $dir/logs/$name.log ]]; then
			# The failed checks first, with the output before each: they may
			# lie far above the tail.
			if grep -q '^not ok' "$dir/logs/$name.log"; then
				echo "    failed checks in $dir/logs/$name.log:"
				grep -B 5 '^not ok' "$dir/logs/$name.log" | head -n "$LOG_TAIL_LINES" | indent
			fi
			echo "    last lines of $dir/logs/$name.log (kernel log: $name.dmesg):"
			tail -n "$LOG_TAIL_LINES" "$dir/logs/$name.log" | indent
		fi
	done
}

report_boot() { # KVER DIR
	local kver=$1 dir=$2 status seconds limit why=
	read -r status seconds limit <"$dir/qemu.status"
	case $status in
	"$QEMU_EXIT_PASSED" | "$QEMU_EXIT_FAILED")
		grep -qx DONE "$dir/results" 2>/dev/null || why="the guest reported without finishing"
		;;
	"$QEMU_EXIT_INIT_FAILED") why="the guest's /init failed" ;;
	"$QEMU_EXIT_RUNNER_DIED") why="the guest's runner died" ;;
	124 | 137) why="timed out after ${limit}s" ;;
	0) why="the guest stopped without a result (panic?)" ;;
	*) why="QEMU exited with status $status" ;;
	esac
	if [[ -z $why ]]; then
		result PASS "$kver" boot "$(guest_label "$dir")${seconds}s"
	else
		result FAIL "$kver" boot "$(guest_label "$dir")$why, ${seconds}s; console: $dir/console.log"
		[[ $status != 1 ]] || indent <"$dir/qemu.log"
		tail -n "$LOG_TAIL_LINES" "$dir/console.log" 2>/dev/null | indent
	fi
}

report_console() { # KVER DIR: the kernel log must be clean, whatever the scenarios said
	local kver=$1 dir=$2 offending
	# Each offending line with the scenario during which it appeared (the
	# runner logs "eoip-check: begin NAME" to the kernel log).
	offending=$(tr -d '\r' <"$dir/console.log" | awk -v pattern="$CONSOLE_PATTERN" '
		/eoip-check: begin / { during = $NF; next }
		/eoip-check: / { next }
		$0 ~ pattern { printf "[%s] %s\n", during ? "during " during : "at boot", $0 }
	')
	if [[ -z $offending ]]; then
		result PASS "$kver" console "$(guest_label "$dir")no kernel warning, oops or panic"
		return
	fi
	local first
	first=$(head -n 1 <<<"$offending" | sed 's/^\[\([^]]*\)\].*/\1/')
	result FAIL "$kver" console "$(guest_label "$dir")kernel trouble $first; $dir/console.log"
	head -n "$LOG_TAIL_LINES" <<<"$offending" | indent
}

report_kernel() { # KVER: its module build, then each of its guests
	local kver=$1 dir=$CHECK_DIR/$1 guest
	if [[ ! -f $dir/module_build.time ]]; then
		result FAIL "$kver" module_build "log: $dir/module_build.log"
		tail -n "$LOG_TAIL_LINES" "$dir/module_build.log" | indent
		return
	fi
	result PASS "$kver" module_build "$(cat "$dir/module_build.time"), $([[ $MODULE_BUILDER == dkms ]] && echo "by DKMS, ")warnings as errors"
	for ((guest = 1; guest <= GUESTS; guest++)); do
		dir=$(guest_dir "$kver" "$guest")
		if [[ ! -f $dir/prepared ]]; then
			result FAIL "$kver" guest_setup "$(guest_label "$dir")module tree or initramfs, log: $dir/guest_setup.log"
			tail -n "$LOG_TAIL_LINES" "$dir/guest_setup.log" | indent
			continue
		fi
		report_scenarios "$kver" "$dir"
		report_boot "$kver" "$dir"
		report_console "$kver" "$dir"
	done
}

compiler_name() { # "gcc-16 (Debian 16.2.0-4) 16.2.0": gcc 16.2.0-4
	sed -n -e 's/.*(Debian \([^)]*\)).*/gcc \1/p;t' -e 's/^\(.\{1,24\}\).*/\1/p'
}

table_row() { printf '%-22s %-13s %-22s %-22s %6s %6s\n' "$@"; }

kernel_table() { # per kernel: where from, compilers, results
	local kver kernel_cc module_cc
	echo
	# The kernel's own compiler (its headers' .config) and the one that
	# built our module (the .ko's .comment): they should be the same.
	table_row kernel suite "kernel's gcc" "module's gcc" passed failed
	for kver in "${kernels[@]}"; do
		load_kernel "$kver" || true
		kernel_cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$K_HEADERS/.config" 2>/dev/null |
			compiler_name)
		# No module_compiler when the module did not build: "not built".
		module_cc=''
		[[ ! -f $CHECK_DIR/$kver/module_compiler ]] ||
			module_cc=$(compiler_name <"$CHECK_DIR/$kver/module_compiler")
		table_row "$kver" "${K_SUITE:-?}" "${kernel_cc:-?}" "${module_cc:-not built}" \
			"${kernel_passed[$kver]:-0}" "${kernel_failed[$kver]:-0}"
	done
	echo
}

stop_guests() { # on an interrupt: timeout(1) runs QEMU in its own process group
	local pidfile
	for pidfile in "$CHECK_DIR"/*/qemu.pid; do
		[[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null
	done
	return 0
}

main() {
	local start=$SECONDS kver
	if [[ -n ${KERNEL_RELEASES:-} ]]; then
		read -r -a kernels <<<"$KERNEL_RELEASES"
		for kver in "${kernels[@]}"; do
			load_kernel "$kver" || die "kernel $kver is not in the test bed"
		done
	else
		mapfile -t kernels < <("$REPO/scripts/test-kernels.sh")
	fi
	((${#kernels[@]})) || die "no test kernel matches KERNELS='${KERNELS:-}' (run make deps)"
	[[ $TIMEOUT_SCALE =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT_SCALE must be a whole number, 1 or more"
	[[ $QEMU_MEMORY =~ ^[1-9][0-9]*$ ]] || die "QEMU_MEMORY must be a size in MiB"
	[[ $KMEMLEAK == [01] ]] || die "KMEMLEAK must be 0 or 1"
	select_scenarios
	[[ $CHECK_JOBS =~ ^[1-9][0-9]*$ ]] || die "CHECK_JOBS must be a number of guests, 1 or more"
	[[ $CHECK_SHARDS =~ ^[1-9][0-9]*$ ]] || die "CHECK_SHARDS must be a number of guests, 1 or more"
	GUESTS=$((CHECK_SHARDS < ${#SCENARIO_PATHS[@]} ? CHECK_SHARDS : ${#SCENARIO_PATHS[@]}))
	safe_path "$REPO"
	safe_path "$CHECK_DIR"
	safe_path "$SCENARIO_DIR"
	mkdir -p "$CHECK_DIR" "$REPO/build"
	# Two runs in one tree would build into and wipe each other's directories.
	exec 9>"$REPO/build/.check.lock"
	if ! flock -n 9; then
		say "waiting for another make check in this tree to finish"
		flock 9
	fi
	say "kernels: ${kernels[*]}; scenarios: ${SCENARIO_NAMES[*]}; $GUESTS guest(s) a kernel"

	((HOST_TESTS)) && host_tests
	build_test_tools
	# A narrowed run leaves the host scripts out.
	local host_scripts_pid=
	if ((HOST_TESTS)) && [[ -z ${SCENARIOS:-} ]]; then
		(
			renice -n 10 -p "$BASHPID" >/dev/null
			host_scripts
		) &
		host_scripts_pid=$!
	fi
	trap stop_guests EXIT
	trap 'exit 130' INT # through the EXIT trap
	trap 'exit 143' TERM
	# CHECK_JOBS lanes, each taking the next guest when it is done with one:
	# each QEMU is one host thread. A kernel's guests are next to each
	# other in the queue, so that each lane gets a share of each kernel.
	local guest
	guests=()
	for kver in "${kernels[@]}"; do
		rm -rf "${CHECK_DIR:?}/$kver" "${CHECK_DIR:?}/$kver".guest*
		for ((guest = 1; guest <= GUESTS; guest++)); do
			mkdir -p "$(guest_dir "$kver" "$guest")"
			guests+=("$kver $guest")
		done
	done
	echo 0 >"$CHECK_DIR/.queue"
	local lanes
	for ((lanes = 0; lanes < CHECK_JOBS && lanes < ${#guests[@]}; lanes++)); do
		lane &
	done
	say "$lanes guest(s) at a time"
	wait # the lanes and the host scripts
	trap - EXIT INT TERM

	echo
	[[ -z $host_scripts_pid ]] || report_host_scripts
	for kver in "${kernels[@]}"; do
		report_kernel "$kver"
	done
	if ((failed)); then
		echo
		echo "failed:"
		printf '  %s\n' "${failures[@]}"
	fi
	kernel_table
	echo "wall time $((SECONDS - start))s; logs in $CHECK_DIR/<kernel>/"
	echo "$passed passed, $failed failed"
	((failed == 0))
}

# On one line: bash reads a script as it runs it, and this file may be edited
# meanwhile.
main "$@"; exit
