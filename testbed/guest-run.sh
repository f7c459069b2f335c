#!/bin/bash
# guest-run.sh GUEST_ENV: runs inside a test guest, chrooted into the host's
# root by testbed/init.
#
# Runs every scenario in turn under its own time limit, its output in
# $WORK/logs/NAME.log and what the kernel logged meanwhile in NAME.dmesg.
# After each one it removes whatever the scenario left behind (network
# namespaces, links in the root namespace, processes) and counts that as a
# failure of the scenario. Last it unloads the modules under test and, with
# KMEMLEAK=1 (make check-debug), has kmemleak scan for what the run leaked.
# One line per result goes to $WORK/results for testbed/run-guests.sh:
#   PASS|FAIL <tab> name <tab> seconds <tab> reason
# Exit status: 0 when everything passed, 1 otherwise.
set -uo pipefail # no -e: one failing scenario must not stop the others

# From run-guests.sh: KVER WORK REPO EOIP CAPTURES SCENARIO_PATHS SCENARIO_NAMES
# SCENARIO_FAMILIES SCENARIO_TIMEOUTS MODULES SCENARIO_SETTINGS KMEMLEAK
# shellcheck disable=SC1090
. "$1"

SCENARIO_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SCENARIO_PATH # we come from busybox's PATH=/bin
SCENARIO_HOME=/tmp/home # on the guest's tmpfs, emptied for each scenario
# After the time limit a scenario gets SIGTERM (its EXIT trap cleans up), then
# this long before SIGKILL.
KILL_GRACE=5
# Devices can hold the module a little longer while a deleted namespace is
# torn down in the background: retry rmmod for this many seconds.
UNLOAD_PATIENCE=5
PF_KTHREAD=0x00200000 # /proc/PID/stat flags bit of a kernel thread
KMEMLEAK_FILE=/sys/kernel/debug/kmemleak
# kmemleak reports an object only once it is this old (jiffies_min_age, 5 s)
# and a scan found no reference to it.
KMEMLEAK_MIN_AGE=6
# How many lines of kmemleak's findings are copied to the console.
KMEMLEAK_CONSOLE_LINES=60

RESULTS=$WORK/results
failures=0

kmsg() { # MESSAGE: into the kernel log, so the console shows what ran when
	echo "<5>eoip-check: $*" >/dev/kmsg
}

now_tenths() { # wall clock in tenths of a second, without forking
	local usec=${EPOCHREALTIME/./}
	echo $((usec / 100000))
}

record() { # PASS|FAIL NAME TENTHS [REASON]
	local status=$1 name=$2 tenths=$3 reason=${4:-}
	local seconds=$((tenths / 10)).$((tenths % 10))
	printf '%s\t%s\t%s\t%s\n' "$status" "$name" "$seconds" "$reason" >>"$RESULTS"
	kmsg "$status $name ${seconds}s $reason"
	[[ $status == PASS ]] || failures=$((failures + 1))
}

root_links() { # names of the links in the root namespace
	local dev
	for dev in /sys/class/net/*; do
		echo "${dev##*/}"
	done
}

# The sweeps run in this shell, not in $(...): a subshell would find and kill
# itself. Each appends a description of what it removed to LEFT.
sweep_processes() { # kill processes a scenario left running
	local dir pid stat comm rest state flags names=
	for dir in /proc/[0-9]*; do
		pid=${dir#/proc/}
		((pid == 1 || pid == $$)) && continue
		read -r stat <"$dir/stat" 2>/dev/null || continue
		comm=${stat#*(}
		comm=${comm%)*}
		# Fields after "(comm) ": state ppid pgrp session tty_nr tpgid flags
		rest=${stat##*) }
		read -r state _ _ _ _ _ flags _ <<<"$rest"
		[[ $state == Z ]] && continue
		((flags & PF_KTHREAD)) && continue
		kill -9 "$pid" 2>/dev/null && names+="$comm "
	done
	[[ -z $names ]] || LEFT+=("processes: ${names% }")
}

sweep_namespaces() { # delete every named network namespace
	local ns names=
	for ns in /run/netns/*; do
		[[ -e $ns ]] || continue
		ip netns del "${ns##*/}" && names+="${ns##*/} "
	done
	[[ -z $names ]] || LEFT+=("netns: ${names% }")
}

sweep_links() { # BASELINE...: delete links that appeared in the root namespace
	local link names=
	for link in $(root_links); do
		[[ " $* " == *" $link "* ]] && continue
		ip link del dev "$link" 2>/dev/null
		# What survives a delete (quietly: ip_gre answers success) is a
		# fallback device that a stock module (ip_gre, sit...) creates in
		# every namespace: not a leftover.
		[[ -e /sys/class/net/$link ]] || names+="$link "
	done
	# An eoip link that survived its delete is a leftover all the same.
	names+=$({ ip -o link show type eoip; ip -o link show type eoipv6; } 2>/dev/null |
		awk -F': ' '{ printf "%s(undeletable) ", $2 }')
	[[ -z $names ]] || LEFT+=("links: ${names% }")
}

run_scenario() { # PATH NAME FAMILY LIMIT
	local path=$1 name=$2 family=$3 limit=$4 out log baseline kernel_lines start rc reason leftovers
	out=$WORK/out/$name
	log=$WORK/logs/$name.log
	mkdir -p "$out"
	baseline=$(root_links)
	kernel_lines=$(dmesg | wc -l)
	kmsg "begin $name"
	start=$(now_tenths)
	# HOME: tools (tshark, python) want to write there; the root is read-only.
	rm -rf "$SCENARIO_HOME"
	mkdir -p "$SCENARIO_HOME"
	(cd "$out" && exec env -i PATH="$SCENARIO_PATH" HOME="$SCENARIO_HOME" LANG=C.UTF-8 TERM=dumb \
		KVER="$KVER" REPO="$REPO" EOIP="$EOIP" CAPTURES="$CAPTURES" OUT="$out" \
		SCENARIO="$name" FAMILY="$family" "${SCENARIO_SETTINGS[@]}" \
		timeout --kill-after="$KILL_GRACE" "$limit" /bin/bash "$path") \
		</dev/null >"$log" 2>&1
	rc=$?
	case $rc in
	0) reason= ;;
	124 | 137) reason="timed out after ${limit}s" ;;
	*) reason="exit status $rc" ;;
	esac
	LEFT=()
	sweep_processes
	sweep_namespaces
	# shellcheck disable=SC2086 # the baseline is a list of link names
	sweep_links $baseline
	if ((${#LEFT[@]})); then
		leftovers=$(IFS=';'; echo "${LEFT[*]}")
		echo "harness: left behind: $leftovers" >>"$log"
		reason="${reason:+$reason; }left behind: $leftovers"
	fi
	# What the kernel said meanwhile, beside the scenario's own log.
	dmesg | tail -n +"$((kernel_lines + 1))" >"$WORK/logs/$name.dmesg"
	record "$([[ -z $reason ]] && echo PASS || echo FAIL)" "$name" $(($(now_tenths) - start)) "$reason"
}

unload_modules() { # every boot ends with the modules under test unloaded
	local log=$WORK/logs/module_unload.log start module deadline problems=
	start=$(now_tenths)
	for module in "${MODULES[@]}"; do
		# Load it first if no scenario did, so that every boot proves both.
		if [[ ! -d /sys/module/$module ]] && ! modprobe "$module" >>"$log" 2>&1; then
			problems+="modprobe $module failed; "
			continue
		fi
		deadline=$((SECONDS + UNLOAD_PATIENCE))
		until rmmod "$module" 2>/dev/null || ((SECONDS >= deadline)); do
			sleep 0.1
		done
		# One more try, with its error message in the log.
		if [[ -d /sys/module/$module ]] && ! rmmod "$module" >>"$log" 2>&1; then
			problems+="rmmod $module failed; "
		else
			echo "rmmod $module: done" >>"$log"
		fi
	done
	record "$([[ -z $problems ]] && echo PASS || echo FAIL)" module_unload \
		$(($(now_tenths) - start)) "${problems%; }"
}

kmemleak_forget_boot() { # leaks from before the first scenario are not ours
	((KMEMLEAK)) || return 0
	mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
	# "clear" stops kmemleak from ever reporting what it suspects now.
	{ echo scan >"$KMEMLEAK_FILE" && echo clear >"$KMEMLEAK_FILE"; } 2>/dev/null
}

kmemleak_check() { # after the unload: whatever is unreferenced now was leaked by the run
	local log=$WORK/logs/kmemleak.log start objects line
	((KMEMLEAK)) || return 0
	start=$(now_tenths)
	if [[ ! -w $KMEMLEAK_FILE ]]; then
		record FAIL kmemleak 0 "no $KMEMLEAK_FILE: is kmemleak built in and on?"
		return
	fi
	sleep "$KMEMLEAK_MIN_AGE"
	# Two scans: an object whose only reference was in flight during the
	# first one (a register, a list being spliced) is found by the second.
	echo scan >"$KMEMLEAK_FILE" && echo scan >"$KMEMLEAK_FILE"
	cat "$KMEMLEAK_FILE" >"$log"
	objects=$(grep -c '^unreferenced object' "$log")
	# Onto the console too (without the eoip-check prefix, so that
	# run-guests.sh's console check sees them), with the scenario markers.
	head -n "$KMEMLEAK_CONSOLE_LINES" "$log" | while IFS= read -r line; do
		echo "<3>kmemleak report: $line" >/dev/kmsg
	done
	if ((objects)); then
		record FAIL kmemleak $(($(now_tenths) - start)) \
			"$objects unreferenced objects: logs/kmemleak.log"
	else
		echo "kmemleak: no unreferenced object after two scans" >>"$log"
		record PASS kmemleak $(($(now_tenths) - start))
	fi
}

main() {
	local i
	mkdir -p "$WORK/logs" "$WORK/out"
	: >"$RESULTS"
	kmemleak_forget_boot
	# shellcheck disable=SC2153 # SCENARIO_PATHS comes from guest.env
	for i in "${!SCENARIO_PATHS[@]}"; do
		run_scenario "${SCENARIO_PATHS[$i]}" "${SCENARIO_NAMES[$i]}" \
			"${SCENARIO_FAMILIES[$i]}" "${SCENARIO_TIMEOUTS[$i]}"
	done
	unload_modules
	kmemleak_check
	dmesg >"$WORK/dmesg.txt"
	echo DONE >>"$RESULTS"
	((failures == 0))
}

# On one line: bash reads a script as it runs it, and this file may be edited
# on the host meanwhile.
main "$@"; exit
