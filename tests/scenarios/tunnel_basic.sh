#!/bin/bash
# Two namespaces over veth, tunnel id 1234 configured on both ends: ping and a
# short iperf3 run through the tunnel, in both directions.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24

tunnel_pair eoip1234 1234 198.51.100.1 198.51.100.2 192.0.2.1/24 192.0.2.2/24

check_eq "default MTU is 1458 (RouterOS actual-mtu)" 1458 \
	"$(ip netns exec "$a" cat /sys/class/net/eoip1234/mtu)"
check "a pings b through the tunnel" ip netns exec "$a" ping -c 3 -i 0.2 -W 2 192.0.2.2
check "b pings a through the tunnel" ip netns exec "$b" ping -c 3 -i 0.2 -W 2 192.0.2.1

ip netns exec "$b" iperf3 -s -1 -B 192.0.2.2 >/dev/null &
wait_until 10 "iperf3 server listening in b" \
	bash -c "ip netns exec '$b' ss -Hltn 'sport = :5201' | grep -q ."
check "iperf3 TCP a -> b through the tunnel" \
	ip netns exec "$a" iperf3 -c 192.0.2.2 -t 2 -f m
ip netns exec "$a" "$EOIP" show name eoip1234
finish
