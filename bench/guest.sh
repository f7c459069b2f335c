#!/bin/bash
# Runs inside a bench guest (one vCPU, instruction-counted time), started by
# the scenario that bench/run.sh generates. Two namespaces a and b joined by a
# veth pair carry, side by side, every link under test:
#
#   veth       the bare underlay          198.51.100.1 -> .2
#   gretap     gretap, key 1, MTU 1458    192.0.2.1    -> .2    over IPv4
#   eoip       EoIP id 1, MTU 1458        192.0.2.17   -> .18   over IPv4
#              (defaults: dscp inherit, clamp-tcp-mss yes)
#   eoip1500   EoIP id 2, MTU 1500        192.0.2.33   -> .34   over IPv4
#   gretap1500 gretap, key 5, MTU 1500,   192.0.2.49   -> .50   over IPv4
#              nopmtudisc ignore-df
#   gretap_inherit gretap, key 7, MTU 1458, 192.0.2.65  -> .66   over IPv4
#              tos inherit
#   gretap_nogso gretap, key 8, MTU 1458, 192.0.2.81   -> .82   over IPv4
#              TSO and GSO off on a
#   ip6gretap  key 3, MTU 1438            203.0.113.1  -> .2    over IPv6
#   eoipv6     EoIPv6 id 4, MTU 1438      203.0.113.17 -> .18   over IPv6
#   ip6gretap_nogso key 6, MTU 1438,      203.0.113.33 -> .34   over IPv6
#              TSO and GSO off on a
#
# gretap1500 is Linux's gretap fragmenting as EoIP does at MTU 1500: by
# default gretap copies the inner DF bit and lowers the path MTU of local
# flows to 1458 instead, so that "gretap MTU 1500" would never fragment.
#
# gretap_inherit is gretap copying the inner DSCP as EoIP does by default
# (RouterOS's dscp=inherit): gretap then looks its route up for every
# packet, EoIP keeps it cached per DSCP (kernel/tx.c).
#
# gretap_nogso is gretap made to take each frame alone, as EoIP does: over
# veth, gretap hands a TCP GSO packet of up to 64 KB to the underlay whole,
# and veth carries it whole to the other end. EoIP cannot (its length field
# differs from frame to frame, and a NIC that segments GRE in hardware must
# never be handed its version-1 header), so it pays per frame what gretap
# pays only on an underlay that does not segment GRE (virtio-net, r8169).
#
# ip6gretap_nogso is ip6gretap made to take each frame alone, as EoIPv6 does:
# ip6gretap hands TCP GSO packets to the underlay whole, as IPv6 GRE GSO.
# EoIPv6 (next header 97) cannot: a NIC that segments GRE in hardware would
# be handed a packet it does not know (Intel's i40e drops it).
#
# 1438 on IPv6: ip6gretap with a key and no encapsulation limit option adds
# 62 bytes to a frame, so 1438 is the largest MTU both IPv6 tunnels carry over
# a 1500-byte underlay without fragmenting (EoIPv6's default 1444 would not
# fit ip6gretap).
#
# Every test is iperf3 from a to b; its JSON goes to $OUT/LINK-TEST.json and
# bench/report.py turns those into the tables (its TESTS and LINKS name the
# same files); what the kernel counted meanwhile to LINK-TEST.counters.
# Settings from the environment: BENCH_TCP1_SECONDS (TCP one stream),
# BENCH_SECONDS (every other test).
set -u
. "$REPO/tests/scenarios/lib.sh"

TCP1_SECONDS=${BENCH_TCP1_SECONDS:-10}
SECONDS_EACH=${BENCH_SECONDS:-2}
IPERF_PORT=5201
# iperf3 has its own time limit on the connection; ours covers a client that
# hangs after it. Guest seconds: while the vCPU waits for the host (a 9p read
# on a loaded machine) the instruction-counted clock races ahead, so be
# generous.
IPERF_GRACE=300

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8::1/64 dev veth0 nodad || lib_die "IPv6 on a's veth0"
ip -n "$b" addr add 2001:db8::2/64 dev veth0 nodad || lib_die "IPv6 on b's veth0"

tunnel_up() { # DEV ADDR_A ADDR_B: addresses (/28) on both ends, up
	{ ip -n "$a" addr add "$2/28" dev "$1" && ip -n "$b" addr add "$3/28" dev "$1" &&
		ip -n "$a" link set "$1" up && ip -n "$b" link set "$1" up; } ||
		lib_die "addresses and up on $1"
}

both() { # COMMAND... with {L} and {R} for this end's and the other end's address
	local args_a=("${@//\{L\}/$LOCAL_A}") args_b=("${@//\{L\}/$LOCAL_B}")
	args_a=("${args_a[@]//\{R\}/$LOCAL_B}")
	args_b=("${args_b[@]//\{R\}/$LOCAL_A}")
	ip netns exec "$a" "${args_a[@]}" && ip netns exec "$b" "${args_b[@]}"
}

LOCAL_A=198.51.100.1 LOCAL_B=198.51.100.2
check "gretap on both ends" both ip link add gretap1 mtu 1458 type gretap \
	local '{L}' remote '{R}' key 1
tunnel_up gretap1 192.0.2.1 192.0.2.2
check "eoip (default MTU) on both ends" both "$EOIP" add name eoip1 tunnel-id 1 \
	local '{L}' remote '{R}'
tunnel_up eoip1 192.0.2.17 192.0.2.18
check "eoip MTU 1500 on both ends" both "$EOIP" add name eoip2 tunnel-id 2 \
	local '{L}' remote '{R}' mtu 1500
tunnel_up eoip2 192.0.2.33 192.0.2.34
check "gretap MTU 1500, fragmenting, on both ends" both ip link add gretap2 mtu 1500 \
	type gretap local '{L}' remote '{R}' key 5 nopmtudisc ignore-df
tunnel_up gretap2 192.0.2.49 192.0.2.50
check "gretap tos inherit on both ends" both ip link add gretap3 mtu 1458 type gretap \
	local '{L}' remote '{R}' key 7 tos inherit
tunnel_up gretap3 192.0.2.65 192.0.2.66
check "gretap MTU 1458, key 8, on both ends" both ip link add gretap4 mtu 1458 type gretap \
	local '{L}' remote '{R}' key 8
check "gretap key 8: TSO and GSO off in a" ip netns exec "$a" ethtool -K gretap4 tso off gso off
tunnel_up gretap4 192.0.2.81 192.0.2.82

LOCAL_A=2001:db8::1 LOCAL_B=2001:db8::2
check "ip6gretap on both ends" both ip link add gretap6 mtu 1438 type ip6gretap \
	local '{L}' remote '{R}' key 3 encaplimit none
tunnel_up gretap6 203.0.113.1 203.0.113.2
check "eoipv6 MTU 1438 on both ends" both "$EOIP" add name eoip6 tunnel-id 4 \
	local '{L}' remote '{R}' mtu 1438
tunnel_up eoip6 203.0.113.17 203.0.113.18
check "ip6gretap MTU 1438, key 6, on both ends" both ip link add gretap6n mtu 1438 \
	type ip6gretap local '{L}' remote '{R}' key 6 encaplimit none
check "ip6gretap key 6: TSO and GSO off in a" \
	ip netns exec "$a" ethtool -K gretap6n tso off gso off
tunnel_up gretap6n 203.0.113.33 203.0.113.34

# LINK -> iperf3 server address in b
declare -A TARGET=(
	[veth]=198.51.100.2 [gretap]=192.0.2.2 [eoip]=192.0.2.18 [eoip1500]=192.0.2.34
	[gretap1500]=192.0.2.50 [gretap_inherit]=192.0.2.66 [gretap_nogso]=192.0.2.82
	[ip6gretap]=203.0.113.2 [eoipv6]=203.0.113.18 [ip6gretap_nogso]=203.0.113.34
)
mtu_of() { ip netns exec "$a" cat "/sys/class/net/$1/mtu"; }
check_eq "eoip1 has the default MTU 1458" 1458 "$(mtu_of eoip1)"
check_eq "gretap1 has MTU 1458" 1458 "$(mtu_of gretap1)"
check_eq "eoip6 has MTU 1438" 1438 "$(mtu_of eoip6)"
check_eq "gretap6 has MTU 1438" 1438 "$(mtu_of gretap6)"
for link in veth gretap eoip eoip1500 gretap1500 gretap_inherit gretap_nogso ip6gretap \
	eoipv6 ip6gretap_nogso; do
	check "a reaches b over $link" ip netns exec "$a" ping -c 1 -W 5 "${TARGET[$link]}"
done

# The server's log stays on the guest's tmpfs until the end: a write to the
# 9p share blocks on the host, and an idle vCPU lets the instruction-counted
# clock jump ahead.
SERVER_LOG=/tmp/eoip-bench-iperf3-server.log
ip netns exec "$b" iperf3 -s -p "$IPERF_PORT" >"$SERVER_LOG" 2>&1 &
on_exit cp "$SERVER_LOG" "$OUT/iperf3-server.log"
wait_until 20 "iperf3 server listening in b" \
	bash -c "ip netns exec '$b' ss -Hltn 'sport = :$IPERF_PORT' | grep -q ."

# What the kernel counted during a test, to tell where packets went: nstat
# deltas (IP, fragments, TCP, UDP), every link's counters, EoIP's drops.
counters_reset() {
	local side
	for side in a b; do
		NSTAT_HISTORY=/tmp/nstat-$side ip netns exec "${!side}" nstat -n
	done
}

counters_save() { # FILE
	local side
	for side in a b; do
		echo "== $side: nstat, changes during the test"
		NSTAT_HISTORY=/tmp/nstat-$side ip netns exec "${!side}" nstat
		echo "== $side: links"
		ip -n "${!side}" -s link
		echo "== $side: /proc/net/eoip"
		ip netns exec "${!side}" cat /proc/net/eoip
	done >"$1" 2>&1
}

iperf() { # LINK TEST SECONDS IPERF_OPTION...: one run, JSON to $OUT/LINK-TEST.json
	local link=$1 test=$2 seconds=$3 json=$OUT/$1-$2.json attempt
	shift 3
	# A second attempt only for a run that did not happen (server still busy
	# with the previous client, connection refused): never to pick a figure.
	for attempt in 1 2; do
		echo "# $link $test: iperf3 -c ${TARGET[$link]} -t $seconds $* (attempt $attempt)"
		counters_reset
		# stderr apart: iperf3 warns there (UDP block larger than the MSS)
		# and the JSON must stay JSON.
		if timeout "$((seconds + IPERF_GRACE))" ip netns exec "$a" \
			iperf3 -c "${TARGET[$link]}" -p "$IPERF_PORT" -t "$seconds" -J "$@" \
			>"$json" 2>"$OUT/$link-$test.stderr" &&
			! grep -q '"error"' "$json"; then
			counters_save "$OUT/$link-$test.counters"
			return 0
		fi
		cat "$OUT/$link-$test.stderr"
		grep '"error"' "$json"
		sleep 2
	done
	return 1
}

for link in veth gretap eoip ip6gretap eoipv6; do
	check "$link: TCP, 1 stream, ${TCP1_SECONDS}s" iperf "$link" tcp1 "$TCP1_SECONDS"
	check "$link: TCP, 4 streams, ${SECONDS_EACH}s" iperf "$link" tcp4 "$SECONDS_EACH" -P 4
	check "$link: UDP, 64-byte datagrams, full rate, ${SECONDS_EACH}s" \
		iperf "$link" udp64 "$SECONDS_EACH" -u -b 0 -l 64
	check "$link: UDP, 1400-byte datagrams, full rate, ${SECONDS_EACH}s" \
		iperf "$link" udp1400 "$SECONDS_EACH" -u -b 0 -l 1400
done
# The inner 1500-byte packets leave as two outer fragments, on both links;
# then gretap copies the inner DSCP; then gretap and ip6gretap take each
# frame alone.
for link in eoip1500 gretap1500 gretap_inherit gretap_nogso ip6gretap_nogso; do
	check "$link: TCP, 1 stream, ${TCP1_SECONDS}s" iperf "$link" tcp1 "$TCP1_SECONDS"
done
finish
