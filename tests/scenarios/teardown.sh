#!/bin/bash
# Tunnels go away cleanly under traffic, over IPv4 and over IPv6: deleting a
# namespace whose tunnel is being flooded, then unloading the module while
# tunnels in other namespaces still carry a flood and have their keepalive
# timers armed, leaves no device behind, no timer firing and nothing waiting
# (the harness also fails the run on "unregister_netdevice: waiting" or a
# warning on the console); the module then loads again and works.
# families: ipv4 ipv6
# timeout: 300
# cost: 14
set -u
. "$(dirname "$0")/lib.sh"

tunnel() { # NS_A NS_B: tun10 192.0.2.1 <-> 192.0.2.2 over their veth, keepalive on
	ip netns exec "$1" "$EOIP" add name tun10 tunnel-id 10 \
		local "$UNDER_A" remote "$UNDER_B" keepalive 1,3 &&
		ip netns exec "$2" "$EOIP" add name tun10 tunnel-id 10 \
			local "$UNDER_B" remote "$UNDER_A" keepalive 1,3 &&
		addresses_up "$1" "$2" tun10 192.0.2.1/24 192.0.2.2/24
}

addresses_up() { # NS_A NS_B DEV INNER_A INNER_B
	ip -n "$1" addr add "$4" dev "$3" && ip -n "$2" addr add "$5" dev "$3" &&
		ip -n "$1" link set "$3" up && ip -n "$2" link set "$3" up
}

floods=()
flood() { # NS: ping -f through its tunnel, in the background, a minute at most
	ip netns exec "$1" ping -f -w 60 192.0.2.2 >/dev/null 2>&1 &
	floods+=($!)
}

received_some() { # NS: its tun10 has received a good many frames
	(($(link_stat "$1" tun10 rx_packets) >= 200))
}

no_tunnel_link() { # NS
	! ip -n "$1" -o link show | grep -q 'tun10'
}

dmesg_start=$(dmesg | wc -l)
ns_new a
ns_new b
ns_new c
ns_new d
veth_link "$a" veth0 "$UNDER_A/$UNDER_PLEN" "$b" veth0 "$UNDER_B/$UNDER_PLEN"
# shellcheck disable=SC2154 # ns_new assigned c and d
veth_link "$c" veth0 "$UNDER_A/$UNDER_PLEN" "$d" veth0 "$UNDER_B/$UNDER_PLEN"
check "tunnel a <-> b" tunnel "$a" "$b"
check "tunnel c <-> d" tunnel "$c" "$d"
flood "$a"
flood "$c"
wait_until 30 "the flood a -> b runs through the tunnel" received_some "$b"
wait_until 30 "the flood c -> d runs through the tunnel" received_some "$d"

check "ip netns del b (its tunnel under the flood)" ip netns del "$b"
check "a's tunnel survives its peer's namespace" ip -n "$a" link show tun10

# rmmod waits for every namespace being dismantled (b) and deletes the
# tunnels of the live ones (a, c, d), still flooded from a and c: a device
# still referenced would hang it here and show on the console.
check "modprobe -r eoip with live tunnels under traffic" timeout 60 modprobe -r eoip
check_fail "eoip is no longer loaded" test -d /sys/module/eoip
for ns in "$a" "$c" "$d"; do
	check "no tunnel link left in namespace ${ns##*-}" no_tunnel_link "$ns"
done
kill "${floods[@]}" 2>/dev/null
wait "${floods[@]}" 2>/dev/null
sleep 2 # twice the keepalive interval: a timer that survived would fire now
check_eq "no warning, oops or waiting device in the kernel log" "" \
	"$(dmesg | tail -n +$((dmesg_start + 1)) |
		grep -E 'WARNING:|BUG:|Oops|Call Trace|refcount_t|unregister_netdevice: waiting')"

check "modprobe eoip loads it again" modprobe eoip
check "a new tunnel c <-> d after the reload" tunnel "$c" "$d"
check "c pings d through it" ip netns exec "$c" ping -c 3 -i 0.2 -W 3 192.0.2.2
finish
