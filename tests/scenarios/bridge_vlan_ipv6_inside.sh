#!/bin/bash
# An EoIP tunnel is an Ethernet link like any other: it works as a bridge
# port, carries 802.1Q-tagged frames for a VLAN subinterface on top of it,
# and carries IPv6 (neighbour discovery, link-local ping).
# timeout: 300
# cost: 9
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24

tunnel() { # ID
	ip netns exec "$a" "$EOIP" add name "eoip$1" tunnel-id "$1" \
		local 198.51.100.1 remote 198.51.100.2 &&
		ip netns exec "$b" "$EOIP" add name "eoip$1" tunnel-id "$1" \
			local 198.51.100.2 remote 198.51.100.1 &&
		ip -n "$a" link set "eoip$1" up && ip -n "$b" link set "eoip$1" up
}

mac() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }

fdb_has() { # MAC: a's br0 learnt MAC on port eoip1
	ip netns exec "$a" bridge fdb show br br0 dev eoip1 | grep -q "^$1 "
}

neighbour_is() { # ADDRESS MAC: a's IPv6 neighbour on eoip2
	ip -n "$a" -6 neigh show dev eoip2 | grep -q "^$1 lladdr $2 "
}

pings() { # NS ADDRESS
	ip netns exec "$1" ping -c 3 -i 0.2 -W 2 "$2"
}

# Bridge: a's eoip1 is a port of br0, which holds the address.
check "eoip1 on both ends" tunnel 1
ip -n "$a" link add br0 type bridge
check "eoip1 joins bridge br0 on a" ip -n "$a" link set eoip1 master br0
ip -n "$a" link set br0 up
ip -n "$a" addr add 192.0.2.1/24 dev br0
ip -n "$b" addr add 192.0.2.2/24 dev eoip1
check "bridge br0 (eoip1 as port) pings through the tunnel" pings "$a" 192.0.2.2
check "b pings br0 through the tunnel" pings "$b" 192.0.2.1
mac_b=$(mac "$b" eoip1)
check "br0 learnt b's MAC ($mac_b) on port eoip1" fdb_has "$mac_b"

# VLAN: eoip2.10 on both ends; eoip2 itself has no address.
check "eoip2 on both ends" tunnel 2
for ns in "$a" "$b"; do
	ip -n "$ns" link add link eoip2 name eoip2.10 type vlan id 10
	ip -n "$ns" link set eoip2.10 up
done
ip -n "$a" addr add 203.0.113.1/24 dev eoip2.10
ip -n "$b" addr add 203.0.113.2/24 dev eoip2.10
vlan_rx=$(link_stat "$b" eoip2.10 rx_packets)
check "VLAN 10 over eoip2 pings through the tunnel" pings "$a" 203.0.113.2
check "b's eoip2.10 received the tagged frames" \
	test "$(link_stat "$b" eoip2.10 rx_packets)" -ge $((vlan_rx + 3))

# IPv6 link-local over eoip2 (nodad: usable at once, no 1-2 s wait).
ip -n "$a" addr add fe80::1/64 dev eoip2 nodad
ip -n "$b" addr add fe80::2/64 dev eoip2 nodad
check "IPv6 link-local ping through the tunnel" \
	ip netns exec "$a" ping -6 -c 3 -i 0.2 -W 2 fe80::2%eoip2
mac_b=$(mac "$b" eoip2)
check "neighbour discovery found fe80::2 at b's eoip2 MAC ($mac_b)" neighbour_is fe80::2 "$mac_b"
finish
