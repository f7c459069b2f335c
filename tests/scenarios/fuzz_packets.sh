#!/bin/bash
# timeout: 600
# cost: 41
# Pseudo-random packets at a namespace holding EoIP and EoIPv6 tunnels
# (several ids, remote-only and fixed-local ends, keepalive on, a bridge over
# one, a gretap tunnel beside them), from a sender outside the module
# (lib/fuzz_packets.py, AF_PACKET: every byte of the IP headers is its own).
#
# Phase 1, accountable: packets with well-formed outer headers (IPv4, some
# with NOP options, some in correct fragments; IPv6) and an EoIP or EoIPv6
# header, whatever follows. "Accounted for" means: each of them ends in
# exactly one counter of the receiver: a tunnel's rx_packets (delivered),
# rx_length_errors, a keepalive received, or the namespace's rx_no_tunnel
# or rx_bad_header (/proc/net/eoip); the sum of their increases equals the
# number of packets sent, and the underlay dropped none. (rx_dropped is left
# out: the core adds to it the delivered frames no protocol wanted, random
# EtherTypes here; the module drops none of these packets, or the sum would
# fall short.) Phase 2, hostile: random bytes after valid outer headers, bit flips
# in valid packets and in the RouterOS captures, truncation, bad options,
# stray fragments, GRE version 0 for gretap and PPTP's GRE for pptp.ko:
# gretap counts all of its own (received, or a length error: it finds some
# of the random frames too short), nothing crashes (the harness reads the
# console), and afterwards every tunnel still carries a ping.
#
# FUZZ_PACKETS (default 20000 in make check, split 2:5 and 3:5 between the
# phases; 1000000 for a full run) and FUZZ_SEED
# (default: random, printed) reproduce a run.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

PACKETS=${FUZZ_PACKETS:-20000}
SEED=${FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
ACCOUNTABLE=$((PACKETS * 2 / 5))
HOSTILE=$((PACKETS - ACCOUNTABLE))
FUZZER=$(dirname "$0")/lib/fuzz_packets.py
EOIP4=(e1 e2 e3)
EOIP6=(e4 e5)
echo "# seed $SEED: FUZZ_SEED=$SEED FUZZ_PACKETS=$PACKETS reproduces this run"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
{ ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad &&
	ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad; } || lib_die "IPv6 underlay"

# b's tunnels, all from a: e1 and e3 bound to b's address, e2 and e5
# remote-only, e3 in a bridge; keepalive on everywhere.
in_b() { ip netns exec "$b" "$@"; }
check "b: e1, e2, e3 (EoIP 1-3), e4, e5 (EoIPv6 4-5), gretap key 9, bridge over e3" bash -c "
	$(declare -f in_b); b='$b' EOIP='$EOIP'
	in_b \"\$EOIP\" add name e1 local 198.51.100.2 remote 198.51.100.1 tunnel-id 1 keepalive 1,3 &&
	in_b \"\$EOIP\" add name e2 remote 198.51.100.1 tunnel-id 2 keepalive 1,3 &&
	in_b \"\$EOIP\" add name e3 local 198.51.100.2 remote 198.51.100.1 tunnel-id 3 keepalive 1,3 &&
	in_b \"\$EOIP\" add name e4 local 2001:db8:1::2 remote 2001:db8:1::1 tunnel-id 4 keepalive 1,3 &&
	in_b \"\$EOIP\" add name e5 remote 2001:db8:1::1 tunnel-id 5 keepalive 1,3 &&
	ip -n '$b' link add gt type gretap local 198.51.100.2 remote 198.51.100.1 key 9 &&
	ip -n '$b' link add br0 type bridge && ip -n '$b' link set e3 master br0 &&
	for dev in e1 e2 e3 e4 e5 gt br0; do ip -n '$b' link set \$dev up || exit 1; done"
b_mac=$(ip netns exec "$b" cat /sys/class/net/veth0/address)

proc_counter() { # NAME: from b's /proc/net/eoip
	# shellcheck disable=SC2016 # awk's own $1 and $2
	ip netns exec "$b" awk -v name="$1" '$1 == name { print $2 }' /proc/net/eoip
}

# Every place a packet of phase 1 can end, summed.
accounted() {
	local total=0 dev field
	for dev in "${EOIP4[@]}" "${EOIP6[@]}"; do
		for field in rx_packets rx_length_errors; do
			total=$((total + $(link_stat "$b" "$dev" "$field")))
		done
		total=$((total + $(keepalive_stat "$b" "$dev" received)))
	done
	echo $((total + $(proc_counter rx_no_tunnel) + $(proc_counter rx_bad_header)))
}

# The counters are final once two reads a second apart agree.
settled() { # prints the settled value of COMMAND
	local last now
	last=$("$@")
	for _ in $(seq 30); do
		sleep 1
		now=$("$@")
		[[ $now == "$last" ]] && break
		last=$now
	done
	echo "$now"
}

fuzz() { # PHASE COUNT SEED OUT
	ip netns exec "$a" python3 -S "$FUZZER" "$1" "$2" "$3" veth0 "$b_mac" \
		198.51.100.1 198.51.100.2 2001:db8:1::1 2001:db8:1::2 "$CAPTURES" "$4"
}

sum_sent() { awk '{ n += $2 } END { print n + 0 }' "$1"; }

# Keepalives from b's own tunnels go to a, where nothing answers: b counts
# nothing from them. Let b's tunnels settle (IPv6 router solicitations and
# the like go out, nothing comes in).
before=$(settled accounted)
veth_dropped_before=$(link_stat "$b" veth0 rx_dropped)
check "phase 1: $ACCOUNTABLE accountable packets sent (seed $SEED)" \
	fuzz accountable "$ACCOUNTABLE" "$SEED" "$OUT/accountable.sent"
cat "$OUT/accountable.sent"
sent=$(sum_sent "$OUT/accountable.sent")
after=$(settled accounted)
check_eq "phase 1: every packet ended in one counter (delivered, keepalive or a drop)" \
	"$sent" "$((after - before))"
check_eq "phase 1: the underlay dropped none" "$veth_dropped_before" \
	"$(link_stat "$b" veth0 rx_dropped)"
for dev in "${EOIP4[@]}" "${EOIP6[@]}"; do
	echo "# b $dev: rx_packets $(link_stat "$b" "$dev" rx_packets)" \
		"rx_length_errors $(link_stat "$b" "$dev" rx_length_errors)" \
		"rx_dropped $(link_stat "$b" "$dev" rx_dropped)" \
		"keepalives $(keepalive_stat "$b" "$dev" received)"
done
ip netns exec "$b" cat /proc/net/eoip

gretap_counted() { echo $(($(link_stat "$b" gt rx_packets) + $(link_stat "$b" gt rx_length_errors))); }
gretap_before=$(gretap_counted)
check "phase 2: $HOSTILE hostile packets sent (seed $((SEED + 1)))" \
	fuzz hostile "$HOSTILE" $((SEED + 1)) "$OUT/hostile.sent"
cat "$OUT/hostile.sent"
gretap_sent=$(awk '$1 == "gre-v0-gretap" { print $2 }' "$OUT/hostile.sent")
gretap_rx=$(($(settled gretap_counted) - gretap_before))
ip -s -s -n "$b" link show gt
check "phase 2: gretap counted every GRE packet meant for it, received or too short ($gretap_rx of ${gretap_sent:-0})" \
	test "$gretap_rx" -ge "${gretap_sent:-0}"

# Afterwards: a makes its ends of every tunnel, and each carries a ping.
n=0
for dev in "${EOIP4[@]}" "${EOIP6[@]}"; do
	n=$((n + 1))
	case $dev in
	e[123]) under_a=198.51.100.1 under_b=198.51.100.2 ;;
	*) under_a=2001:db8:1::1 under_b=2001:db8:1::2 ;;
	esac
	check "a: $dev (tunnel-id $n)" ip netns exec "$a" "$EOIP" add name "$dev" \
		local "$under_a" remote "$under_b" tunnel-id "$n" keepalive 1,3
	ip -n "$a" addr add "192.0.2.$((16 * n + 1))/28" dev "$dev"
	if [[ $dev == e3 ]]; then
		ip -n "$b" addr add "192.0.2.$((16 * n + 2))/28" dev br0
	else
		ip -n "$b" addr add "192.0.2.$((16 * n + 2))/28" dev "$dev"
	fi
	ip -n "$a" link set "$dev" up
done
for n in 1 2 3 4 5; do
	wait_until 20 "after the fuzzing, tunnel-id $n carries a ping" \
		ip netns exec "$a" ping -c 1 -W 1 "192.0.2.$((16 * n + 2))"
done
finish
