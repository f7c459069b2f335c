#!/bin/bash
# Runs inside a make bench-scale guest (instruction-counted time), started by
# the scenario bench/scale.sh generates. What a namespace full of tunnels
# costs:
#
#   rate       one tunnel (id 1, a 198.51.100.1 <-> b 198.51.100.3) carries
#              UDP with 64-byte datagrams and TCP from b to a, so that a's
#              receive path looks its tunnel up among COUNT: 1, then a's
#              table filled up to each of BENCH_SCALE_COUNTS (ids 0..N-1,
#              remotes 198.51.100.2..5 by id, no local address), the
#              tunnels down but for the measured one
#   memory     unreclaimable slab + per-CPU (/proc/meminfo) before and after
#              BENCH_SCALE_BATCH tunnels are made in an empty namespace,
#              and after they are all set up
#
# No times of making or deleting tunnels: the instruction-counted clock
# jumps ahead whenever the vCPU waits (an RCU grace period, a 9p read of a
# program), so those would measure the waits' timer deadlines. make check's
# ten_thousand_tunnels prints them in real time.
#
# Every figure is one line "NAME VALUE UNIT" in $OUT/scale.txt, for
# bench/scale_report.py; iperf3's JSON in $OUT/rate-N-{udp64,tcp}.json.
# Settings from the environment: BENCH_SCALE_COUNTS, BENCH_SCALE_BATCH,
# BENCH_SECONDS (each iperf3 run).
set -u
. "$REPO/tests/scenarios/lib.sh"
. "$REPO/tests/scenarios/lib/many_tunnels.sh"

read -r -a COUNTS <<<"${BENCH_SCALE_COUNTS:-1000 10000 65536}"
BATCH=${BENCH_SCALE_BATCH:-10000}
SECONDS_EACH=${BENCH_SECONDS:-2}
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

modprobe eoip || lib_die "modprobe eoip"
many_tunnels_hosts

# --- memory, in a namespace of its own
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

# --- receive rate through one tunnel among many
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

SERVER_LOG=/tmp/eoip-bench-scale-iperf3-server.log
ip netns exec "$a" iperf3 -s -p "$IPERF_PORT" >"$SERVER_LOG" 2>&1 &
on_exit cp "$SERVER_LOG" "$OUT/iperf3-server.log"
wait_until 20 "iperf3 server listening in a" \
	bash -c "ip netns exec '$a' ss -Hltn 'sport = :$IPERF_PORT' | grep -q ."

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
finish
