#!/bin/bash
# cost: 44
# A tunnel changed over and over under traffic never sends a packet with
# half of one configuration and half of the other. For an EoIP and an
# EoIPv6 tunnel on a, each flipped for 12 s (and until 100 changes, on a
# slow debug kernel) as fast as the kernel answers
# (lib/rtnl_flip.py, one RTM_NEWLINK a change) between configuration A
# (remote b's first address, tunnel-id 1, ttl 64) and B (b's second
# address, tunnel-id 2, ttl 100), keepalive (1,3 / 2,4) and local (a's
# address / any) changing alongside, while pings cross both tunnels both
# ways: b bridges a tunnel for A and one for B, so traffic flows in either
# state. Every EoIP and EoIPv6 packet a sent (captured on its underlay)
# carries A's or B's destination, id and ttl together, from a's own address;
# the IPv6 remotes differ in most bytes, so a torn address would show as
# neither. Afterwards the kernel log is clean, and after an eoip change to
# B traffic flows through b's tunnel for B.
# shellcheck disable=SC2317 # the functions run through check
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

SECONDS_OF_CHANGES=12
LEAST_CHANGES=100 # rtnl_flip.py goes on to these, for at most ten times as long
PING_INTERVAL=0.01 # four of them: as much as TCG carries with room for the changes
KERNEL_TROUBLE='WARNING:|BUG:|Oops|Call Trace|refcount_t|unregister_netdevice: waiting'
A4="198.51.100.1" B4_A="198.51.100.2" B4_B="198.51.100.3"
A6="2001:db8:1::1" B6_A="2001:db8:1::2" B6_B="2001:db8:ffff:ffff::3"
# Attribute ids of include/uapi/eoip.h, for lib/rtnl_flip.py.
IFLA_EOIP_TUNNEL_ID=4 IFLA_EOIP_LOCAL=6 IFLA_EOIP_REMOTE=7 IFLA_EOIP_TTL=8
IFLA_EOIP_KEEPALIVE_INTERVAL=32 IFLA_EOIP_KEEPALIVE_RETRIES=33
dmesg_start=$(dmesg | wc -l)

in_a() { ip netns exec "$a" "$@"; }
in_b() { ip netns exec "$b" "$@"; }
remote() { # DEV A|B
	case $1$2 in
	e4A) echo $B4_A ;;
	e4B) echo $B4_B ;;
	e6A) echo $B6_A ;;
	e6B) echo $B6_B ;;
	esac
}
tid() { if [[ $1 == A ]]; then echo 1; else echo 2; fi; }
ttl() { if [[ $1 == A ]]; then echo 64; else echo 100; fi; }
own() { if [[ $1 == e4 ]]; then echo $A4; else echo $A6; fi; }
netlink_config() { # DEV A|B LOCAL INTERVAL,RETRIES: rtnl_flip.py's CONFIG
	local any=0.0.0.0
	[[ $1 == e6 ]] && any=::
	local attrs=(
		"$IFLA_EOIP_REMOTE=addr:$(remote "$1" "$2")" "$IFLA_EOIP_TUNNEL_ID=u32:$(tid "$2")"
		"$IFLA_EOIP_TTL=u8:$(ttl "$2")" "$IFLA_EOIP_LOCAL=addr:${3/any/$any}"
		"$IFLA_EOIP_KEEPALIVE_INTERVAL=u32:${4%,*}" "$IFLA_EOIP_KEEPALIVE_RETRIES=u8:${4#*,}"
	)
	(IFS=,; echo "${attrs[*]}")
}
flip() { # DEV KIND: in the background, its pid into $flips
	local own
	own=$(own "$1")
	ip netns exec "$a" python3 -S "$(dirname "$0")/lib/rtnl_flip.py" $SECONDS_OF_CHANGES $LEAST_CHANGES "$1" "$2" \
		"$(netlink_config "$1" A "$own" 1,3)" "$(netlink_config "$1" B "$own" 2,4)" \
		"$(netlink_config "$1" A any 2,4)" "$(netlink_config "$1" B any 1,3)" \
		>"$OUT/flip-$1.txt" &
	flips+=($!)
}
shows() { # DEV TEXT: eoip show DEV on a prints TEXT
	in_a "$EOIP" show name "$1" | grep -qF -- "$2"
}

ns_new a
ns_new b
veth_link "$a" veth0 $A4/24 "$b" veth0 $B4_A/24
ip -n "$b" addr add $B4_B/24 dev veth0 || lib_die "$B4_B on b"
ip -n "$a" addr add $A6/64 dev veth0 nodad || lib_die "$A6 on a"
ip -n "$b" addr add $B6_A/64 dev veth0 nodad || lib_die "$B6_A on b"
ip -n "$b" addr add $B6_B/64 dev veth0 nodad || lib_die "$B6_B on b"
ip -n "$a" -6 route add 2001:db8:ffff:ffff::/64 dev veth0 || lib_die "route to $B6_B on a"

# a: e4 (EoIP) and e6 (EoIPv6) in configuration A.
for dev in e4 e6; do
	check "add $dev on a: remote $(remote $dev A) tunnel-id 1 ttl 64" in_a "$EOIP" add name $dev \
		local "$(own $dev)" remote "$(remote $dev A)" tunnel-id 1 ttl 64 keepalive 1,3
done
if ! { ip -n "$a" addr add 192.0.2.1/24 dev e4 && ip -n "$a" addr add 203.0.113.1/24 dev e6 &&
	ip -n "$a" link set e4 up && ip -n "$a" link set e6 up; }; then
	lib_die "addresses on a"
fi
# b: a tunnel for each configuration, bridged: br4 192.0.2.2 and br6 203.0.113.2.
tunnels_b() {
	in_b "$EOIP" add name e4A local "$B4_A" remote "$A4" tunnel-id 1 keepalive 1,0 &&
		in_b "$EOIP" add name e4B local "$B4_B" remote "$A4" tunnel-id 2 keepalive 1,0 &&
		in_b "$EOIP" add name e6A local "$B6_A" remote "$A6" tunnel-id 1 keepalive 1,0 &&
		in_b "$EOIP" add name e6B local "$B6_B" remote "$A6" tunnel-id 2 keepalive 1,0 &&
		ip -n "$b" link add br4 type bridge && ip -n "$b" link add br6 type bridge &&
		ip -n "$b" link set e4A master br4 && ip -n "$b" link set e4B master br4 &&
		ip -n "$b" link set e6A master br6 && ip -n "$b" link set e6B master br6 &&
		ip -n "$b" addr add 192.0.2.2/24 dev br4 && ip -n "$b" addr add 203.0.113.2/24 dev br6 &&
		for dev in e4A e4B e6A e6B br4 br6; do ip -n "$b" link set "$dev" up || return 1; done
}
check "b: e4A, e4B in br4 (192.0.2.2), e6A, e6B in br6 (203.0.113.2)" tunnels_b >/dev/null
check "a pings b over e4 (A)" in_a ping -q -c 3 -i 0.2 -W 3 192.0.2.2
check "a pings b over e6 (A)" in_a ping -q -c 3 -i 0.2 -W 3 203.0.113.2

mac=$(in_a cat /sys/class/net/veth0/address)
capture=
capture_start capture "$a" veth0 "$OUT/a.pcap" "ether src $mac and (ip proto 47 or ip6 proto 97)"
pings=()
for address in 192.0.2.2 203.0.113.2; do
	ip netns exec "$a" ping -q -i "$PING_INTERVAL" -w 240 $address >/dev/null 2>&1 &
	pings+=($!)
done
for address in 192.0.2.1 203.0.113.1; do
	ip netns exec "$b" ping -q -i "$PING_INTERVAL" -w 240 $address >/dev/null 2>&1 &
	pings+=($!)
done

echo "# capture and pings running at ${SECONDS}s; flipping"
flips=()
flip e4 eoip
flip e6 eoipv6
wait "${flips[@]}"
for dev in e4 e6; do
	read -r changes failed _ <"$OUT/flip-$dev.txt"
	echo "# $dev: ${changes:=0} changes, ${failed:=0} refused (at ${SECONDS}s)"
	check_eq "$dev: the kernel took every change" 0 "$failed"
	check "$dev: changed $LEAST_CHANGES times at least" test "$changes" -ge $LEAST_CHANGES
done
# The final state, B, by the tool.
for dev in e4 e6; do
	check "eoip change name $dev to B: remote $(remote $dev B) tunnel-id 2 ttl 100" \
		in_a "$EOIP" change name $dev remote "$(remote $dev B)" tunnel-id 2 ttl 100 \
		local "$(own $dev)" keepalive 1,3
	check "eoip show $dev says so" shows $dev "remote $(remote $dev B)  tunnel-id 2"
done
kill "${pings[@]}" 2>/dev/null
wait "${pings[@]}" 2>/dev/null
capture_stop "$capture"

python3 -S "$(dirname "$0")/lib/eoip_headers.py" "$OUT/a.pcap" "$mac" >"$OUT/headers.txt"
echo "# at ${SECONDS}s, what a sent: family source destination tunnel-id ttl kind packets"
sed 's/^/#   /' "$OUT/headers.txt"
count() { # FAMILY SOURCE DESTINATION ID TTL: packets of that combination
	awk -v key="$*" '$1 " " $2 " " $3 " " $4 " " $5 == key { n += $7 } END { print n + 0 }' \
		"$OUT/headers.txt"
}
for combination in "4 $A4 $B4_A 1 64" "4 $A4 $B4_B 2 100" "6 $A6 $B6_A 1 64" "6 $A6 $B6_B 2 100"; do
	check "a sent many packets as $combination (family source destination id ttl)" \
		test "$(count "$combination")" -ge 100
done
mixed=$(grep -v -e "^4 $A4 $B4_A 1 64 " -e "^4 $A4 $B4_B 2 100 " \
	-e "^6 $A6 $B6_A 1 64 " -e "^6 $A6 $B6_B 2 100 " "$OUT/headers.txt")
check_eq "no packet of a mixes the two configurations (or is anything else)" "" "$mixed"

dmesg | tail -n +$((dmesg_start + 1)) >"$OUT/dmesg.txt"
check "the kernel log says nothing bad" bash -c "! grep -E '$KERNEL_TROUBLE' '$OUT/dmesg.txt'"

# The final state: b's tunnel for B receives.
for dev in e4 e6; do
	if [[ $dev == e4 ]]; then there=192.0.2.2 back=192.0.2.1; else there=203.0.113.2 back=203.0.113.1; fi
	rx=$(link_stat "$b" "${dev}B" rx_packets)
	check "a pings b over $dev in configuration B" in_a ping -q -c 3 -i 0.2 -W 3 $there
	check "b's ${dev}B received that" test "$(link_stat "$b" "${dev}B" rx_packets)" -gt "$rx"
	check "b pings a over $dev" in_b ping -q -c 3 -i 0.2 -W 3 $back
done
finish
