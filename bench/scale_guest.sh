#!/bin/bash
# Runs inside a make bench-scale guest, started by the scenario
# bench/scale.sh generates. What a namespace full of tunnels costs, in the
# parts BENCH_SCALE_PARTS names:
#
#   memory     unreclaimable slab + per-CPU (/proc/meminfo) before and after
#              BENCH_SCALE_BATCH tunnels are made in an empty namespace,
#              and after they are all set up; per-CPU areas grow with the
#              guest's vCPUs, so every guest measures it
#   rate       one tunnel (id 1, a 198.51.100.1 <-> b 198.51.100.3) carries
#              UDP with 64-byte datagrams and TCP from b to a, so that a's
#              receive path looks its tunnel up among COUNT: 1, then a's
#              table filled up to each of BENCH_SCALE_COUNTS (ids 0..N-1,
#              remotes 198.51.100.2..5 by id, no local address), the
#              tunnels down but for the measured one
#   times      wall-clock time to make BENCH_SCALE_TOOL_TUNNELS tunnels
#              with the tool (one eoip add each) and delete them (one eoip
#              del each), BENCH_SCALE_BATCH with one process (ip -batch,
#              one request a tunnel), 1,000 runs of eoip version (what of that is the
#              tool's start), and eoip list, show and -j list with
#              BENCH_SCALE_LISTED tunnels in the namespace (wall time and
#              the tool's peak resident memory, GNU time's maximum RSS)
#
# rate runs under instruction-counted time; times cannot: that clock jumps
# ahead whenever the vCPU waits (an RCU grace period, a 9p read of a
# program), so it would measure the waits' timer deadlines. times runs in
# a guest with real time, where figures move with the host's load.
#
# Every figure is one line "NAME VALUE UNIT" in $OUT/scale.txt, for
# bench/scale_report.py; iperf3's JSON in $OUT/rate-N-{udp64,tcp}.json.
# Settings from the environment: BENCH_SCALE_PARTS, BENCH_SCALE_COUNTS,
# BENCH_SCALE_BATCH, BENCH_SCALE_TOOL_TUNNELS (default BENCH_SCALE_BATCH),
# BENCH_SCALE_LISTED, BENCH_SECONDS (each iperf3 run).
set -u
. "$REPO/tests/scenarios/lib.sh"
. "$REPO/tests/scenarios/lib/many_tunnels.sh"

read -r -a PARTS <<<"${BENCH_SCALE_PARTS:-memory rate}"
read -r -a COUNTS <<<"${BENCH_SCALE_COUNTS:-1000 10000 65536}"
BATCH=${BENCH_SCALE_BATCH:-10000}
SECONDS_EACH=${BENCH_SECONDS:-2}
TOOL_TUNNELS=${BENCH_SCALE_TOOL_TUNNELS:-$BATCH}
LISTED=${BENCH_SCALE_LISTED:-65536}
TOOL_STARTS=1000
MEASURED_ID=1
IPERF_PORT=5201
IPERF_GRACE=300 # guest seconds: see bench/guest.sh
IPLINK=(env IP_LIB_DIR="$REPO/build/iplink" ip)
RESULTS=$OUT/scale.txt
: >"$RESULTS"

record() { # NAME VALUE UNIT
	echo "$1 $2 $3" >>"$RESULTS"
	echo "# $1 = $2 $3"
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# --- memory, in a namespace of its own
part_memory() {
	local before down up
	ns_new c
	many_tunnels_batch 0 "$BATCH" -1 >"$OUT/batch-add"
	# a warm-up, so that the figure does not pay for caches the kernel fills once
	# shellcheck disable=SC2154 # c: made by ns_new
	warm_up() {
		head -n 100 "$OUT/batch-add" | "${IPLINK[@]}" -n "$c" -batch - &&
			ip -n "$c" link del group "$MANY_GROUP"
	}
	check "warm-up: 100 tunnels made and deleted" warm_up
	before=$(kernel_memory_kb)
	check "ip -batch makes $BATCH tunnels" "${IPLINK[@]}" -n "$c" -batch "$OUT/batch-add"
	check_eq "c holds $BATCH tunnels" "$BATCH" "$(tunnel_count "$c")"
	down=$(kernel_memory_kb)
	record memory_per_tunnel_down "$(((down - before) * 1024 / BATCH))" bytes
	awk '{ print "link set " $3 " up" }' "$OUT/batch-add" >"$OUT/batch-up"
	check "ip -batch sets them up" "${IPLINK[@]}" -n "$c" -batch "$OUT/batch-up"
	up=$(kernel_memory_kb)
	record memory_per_tunnel_up "$(((up - before) * 1024 / BATCH))" bytes
	check_eq "eoip list prints $BATCH lines" "$BATCH" \
		"$(ip netns exec "$c" "$EOIP" list | wc -l)"
	check "ip link del group deletes them" ip -n "$c" link del group "$MANY_GROUP"
	ip netns del "$c"
}

# --- receive rate through one tunnel among many
iperf() { # NAME IPERF_OPTION...: b -> a, JSON to $OUT/NAME.json
	local name=$1 json=$OUT/$1.json
	shift
	for _ in 1 2; do # a second try only for a run that did not happen
		if timeout "$((SECONDS_EACH + IPERF_GRACE))" ip netns exec "$b" \
			iperf3 -c 192.0.2.1 -p "$IPERF_PORT" -t "$SECONDS_EACH" -J "$@" \
			>"$json" 2>"$OUT/$name.stderr" && ! grep -q '"error"' "$json"; then
			return 0
		fi
		cat "$OUT/$name.stderr"
		sleep 2
	done
	return 1
}

measure() { # COUNT
	check_eq "a holds $1 tunnels" "$1" "$(tunnel_count "$a")"
	check "$1 tunnels: UDP 64 B, b -> a" iperf "rate-$1-udp64" -u -b 0 -l 64
	check "$1 tunnels: TCP, b -> a" iperf "rate-$1-tcp"
}

part_rate() {
	local server_log=/tmp/eoip-bench-scale-iperf3-server.log made count
	check "the measured tunnel on b" ip netns exec "$b" "$EOIP" add name t$MEASURED_ID \
		tunnel-id $MEASURED_ID local "${MANY_REMOTES[MEASURED_ID % 4]}" remote 198.51.100.1 \
		keepalive none
	check "the measured tunnel on a" ip netns exec "$a" "$EOIP" add name t$MEASURED_ID \
		tunnel-id $MEASURED_ID remote "${MANY_REMOTES[MEASURED_ID % 4]}" keepalive none
	{ ip -n "$a" addr add 192.0.2.1/30 dev t$MEASURED_ID &&
		ip -n "$b" addr add 192.0.2.2/30 dev t$MEASURED_ID &&
		ip -n "$a" link set t$MEASURED_ID up && ip -n "$b" link set t$MEASURED_ID up; } ||
		lib_die "addresses and up on the measured tunnel"
	check "b reaches a through it" ip netns exec "$b" ping -c 1 -W 5 192.0.2.1

	ip netns exec "$a" iperf3 -s -p "$IPERF_PORT" >"$server_log" 2>&1 &
	on_exit cp "$server_log" "$OUT/iperf3-server.log"
	wait_until 20 "iperf3 server listening in a" \
		bash -c "ip netns exec '$a' ss -Hltn 'sport = :$IPERF_PORT' | grep -q ."

	measure 1
	made=1
	for count in "${COUNTS[@]}"; do
		many_tunnels_batch "$made" "$count" "$MEASURED_ID" >"$OUT/grow-$count"
		# id 0 was not made with the measured one: it comes with the first step
		((made == 1)) && many_tunnels_batch 0 1 "$MEASURED_ID" >>"$OUT/grow-$count"
		check "a grows to $count tunnels" "${IPLINK[@]}" -n "$a" -batch "$OUT/grow-$count"
		made=$count
		measure "$count"
	done
}

# --- times, in real time, in a namespace of their own
# The tool's commands for tunnels 0..TOOL_TUNNELS-1, one a line, run by one shell
# in the namespace so that each costs the tool's start and its requests,
# not ip netns exec's.
tool_commands() { # add|del
	local remotes="${MANY_REMOTES[*]}"
	awk -v verb="$1" -v count="$TOOL_TUNNELS" -v remotes="$remotes" -v eoip="$EOIP" 'BEGIN {
		n = split(remotes, r, " ")
		for (id = 0; id < count; id++)
			if (verb == "add")
				printf "%s add name t%d tunnel-id %d remote %s keepalive none || exit 1\n",
					eoip, id, id, r[id % n + 1]
			else
				printf "%s del t%d || exit 1\n", eoip, id
	}'
}

timed() { # NAME COMMAND...: COMMAND must succeed; its wall time is NAME, in ms
	local name=$1 start
	shift
	start=$(now_ms)
	"$@" || return 1
	record "$name" "$(($(now_ms) - start))" ms
}

# COMMAND's wall time and peak resident memory (GNU time), its output
# counted as it streams (never stored): NAME_ms, NAME_rss and NAME_lines.
# shellcheck disable=SC2154 # d: made by part_times's ns_new
timed_listing() { # NAME COMMAND...
	local name=$1 stats=/tmp/eoip-bench-scale-$1.time lines seconds kib
	shift
	lines=$(ip netns exec "$d" /usr/bin/time -f '%e %M' -o "$stats" "$@" | wc -l) &&
		[[ -s $stats ]] || return 1
	read -r seconds kib <"$stats" || return 1
	record "${name}_ms" "$(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000 }')" ms
	record "${name}_rss" "$kib" KiB
	record "${name}_lines" "$lines" lines
}

part_times() {
	ns_new d
	tool_commands add >"$OUT/tool-add"
	tool_commands del >"$OUT/tool-del"
	many_tunnels_batch 0 "$BATCH" >"$OUT/times-add"
	awk '{ print "link del " $3 }' "$OUT/times-add" >"$OUT/times-del"
	record tunnels_tool "$TOOL_TUNNELS" tunnels
	record tunnels_timed "$BATCH" tunnels

	check "the tool makes $TOOL_TUNNELS tunnels, one eoip add each" \
		timed tool_add_ms ip netns exec "$d" bash "$OUT/tool-add"
	check_eq "d holds $TOOL_TUNNELS tunnels" "$TOOL_TUNNELS" "$(tunnel_count "$d")"
	check "the tool deletes them, one eoip del each" \
		timed tool_del_ms ip netns exec "$d" bash "$OUT/tool-del"
	check_eq "d holds no tunnel" 0 "$(tunnel_count "$d")"
	# what of that is starting a process: the tool starting and doing nothing
	record tool_starts "$TOOL_STARTS" runs
	check "eoip version runs $TOOL_STARTS times" \
		timed tool_starts_ms ip netns exec "$d" bash -c \
		"for ((i = 0; i < $TOOL_STARTS; i++)); do '$EOIP' version >/dev/null || exit 1; done"

	check "ip -batch makes $BATCH tunnels, one request each" \
		timed batch_add_ms "${IPLINK[@]}" -n "$d" -batch "$OUT/times-add"
	check_eq "d holds $BATCH tunnels" "$BATCH" "$(tunnel_count "$d")"
	check "ip -batch deletes them, one request each" \
		timed batch_del_ms "${IPLINK[@]}" -n "$d" -batch "$OUT/times-del"
	check_eq "d holds no tunnel" 0 "$(tunnel_count "$d")"

	record tunnels_listed "$LISTED" tunnels
	many_tunnels_batch 0 "$LISTED" >"$OUT/all-add"
	check "ip -batch makes $LISTED tunnels" \
		timed batch_add_all_ms "${IPLINK[@]}" -n "$d" -batch "$OUT/all-add"
	check "eoip list with $LISTED tunnels" timed_listing list "$EOIP" list
	check "eoip show with $LISTED tunnels" timed_listing show "$EOIP" show
	check "eoip -j list with $LISTED tunnels" timed_listing json_list "$EOIP" -j list
	check_eq "eoip list printed a line a tunnel" "$LISTED" \
		"$(awk '$1 == "list_lines" { print $2 }' "$RESULTS")"
	check "ip link del group deletes them" \
		timed delete_all_ms ip -n "$d" link del group "$MANY_GROUP"
	check_eq "d holds no tunnel" 0 "$(tunnel_count "$d")"
	ip netns del "$d"
}

modprobe eoip || lib_die "modprobe eoip"
record vcpus "$(nproc)" vCPUs
for part in "${PARTS[@]}"; do
	case $part in
	memory) part_memory ;;
	rate)
		many_tunnels_hosts
		part_rate
		;;
	times)
		part_times
		;;
	*) lib_die "BENCH_SCALE_PARTS: no part '$part' (memory, rate, times)" ;;
	esac
done
finish
