#!/bin/bash
# Tunnels go away cleanly under traffic: deleting a namespace whose tunnel is
# being flooded, then unloading the module while tunnels in other namespaces
# still carry a flood, leaves no device behind and nothing waiting (the
# harness also fails the run on "unregister_netdevice: waiting" on the
# console); the module then loads again and works.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

tunnel() { # NS_A NS_B: eoip1 192.0.2.1 <-> 192.0.2.2 over their veth
	ip netns exec "$1" "$EOIP" add name eoip1 tunnel-id 10 \
		local 198.51.100.1 remote 198.51.100.2 &&
		ip netns exec "$2" "$EOIP" add name eoip1 tunnel-id 10 \
			local 198.51.100.2 remote 198.51.100.1 &&
		ip -n "$1" addr add 192.0.2.1/24 dev eoip1 &&
		ip -n "$2" addr add 192.0.2.2/24 dev eoip1 &&
		ip -n "$1" link set eoip1 up && ip -n "$2" link set eoip1 up
}

floods=()
flood() { # NS: ping -f through its tunnel, in the background, a minute at most
	ip netns exec "$1" ping -f -w 60 192.0.2.2 >/dev/null 2>&1 &
	floods+=($!)
}

received_some() { # NS: its eoip1 has received a good many frames
	(($(link_stat "$1" eoip1 rx_packets) >= 200))
}

no_eoip_link() { # NS
	! ip -n "$1" -o link show | grep -q 'eoip1'
}

ns_new a
ns_new b
ns_new c
ns_new d
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
# shellcheck disable=SC2154 # ns_new assigned c and d
veth_link "$c" veth0 198.51.100.1/24 "$d" veth0 198.51.100.2/24
check "tunnel a <-> b" tunnel "$a" "$b"
check "tunnel c <-> d" tunnel "$c" "$d"
flood "$a"
flood "$c"
wait_until 30 "the flood a -> b runs through the tunnel" received_some "$b"
wait_until 30 "the flood c -> d runs through the tunnel" received_some "$d"

check "ip netns del b (its tunnel under the flood)" ip netns del "$b"
check "a's tunnel survives its peer's namespace" ip -n "$a" link show eoip1

# rmmod waits for every namespace being dismantled (b) and deletes the
# tunnels of the live ones (a, c, d), still flooded from a and c: a device
# still referenced would hang it here and show on the console.
check "modprobe -r eoip with live tunnels under traffic" timeout 60 modprobe -r eoip
check_fail "eoip is no longer loaded" test -d /sys/module/eoip
for ns in "$a" "$c" "$d"; do
	check "no eoip link left in namespace ${ns##*-}" no_eoip_link "$ns"
done
check_eq "no 'unregister_netdevice: waiting' in the kernel log" 0 \
	"$(dmesg | grep -c 'unregister_netdevice: waiting')"
kill "${floods[@]}" 2>/dev/null
wait "${floods[@]}" 2>/dev/null

check "modprobe eoip loads it again" modprobe eoip
check "a new tunnel c <-> d after the reload" tunnel "$c" "$d"
check "c pings d through it" ip netns exec "$c" ping -c 3 -i 0.2 -W 2 192.0.2.2
finish
