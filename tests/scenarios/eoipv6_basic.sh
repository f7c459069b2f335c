#!/bin/bash
# An EoIPv6 tunnel (IPv6 next header 97) between two namespaces over veth,
# tunnel id 1234 on both ends: kind eoipv6, default MTU 1444 (1500 - 40 -
# 2 - 14), ping both ways and a short iperf3 run through it.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

DEV=eoipv6-1234

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64

tunnel_pair $DEV 1234 2001:db8:1::1 2001:db8:1::2 192.0.2.1/24 192.0.2.2/24

check_eq "it is a link of kind eoipv6" eoipv6 \
	"$(ip -n "$a" -d -o link show $DEV | grep -o 'eoipv6' | head -n 1)"
check_eq "default MTU is 1444" 1444 "$(ip netns exec "$a" cat /sys/class/net/$DEV/mtu)"
check "a pings b through the tunnel" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.2
check "b pings a through the tunnel" ip netns exec "$b" ping -c 3 -i 0.2 -W 3 192.0.2.1

ip netns exec "$b" iperf3 -s -1 -B 192.0.2.2 >/dev/null &
wait_until 10 "iperf3 server listening in b" \
	bash -c "ip netns exec '$b' ss -Hltn 'sport = :5201' | grep -q ."
check "iperf3 TCP a -> b through the tunnel" \
	ip netns exec "$a" iperf3 -c 192.0.2.2 -t 2 -f m
ip netns exec "$a" "$EOIP" show name $DEV
finish
