#!/bin/bash
# EoIPv6 with only the remote address on one end (RouterOS's default: the
# source comes from routing): b has no local address, a has both; traffic
# flows both ways, and a, which checks the source, accepts b's packets.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

DEV=eoipv6-7

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64

check "add $DEV on a with local and remote" ip netns exec "$a" "$EOIP" add \
	name $DEV local 2001:db8:1::1 remote 2001:db8:1::2 tunnel-id 7
check "add $DEV on b with the remote only" ip netns exec "$b" "$EOIP" add \
	name $DEV remote 2001:db8:1::1 tunnel-id 7
ip -n "$a" addr add 192.0.2.1/24 dev $DEV
ip -n "$b" addr add 192.0.2.2/24 dev $DEV
ip -n "$a" link set $DEV up
ip -n "$b" link set $DEV up

ip netns exec "$b" "$EOIP" show name $DEV
check "eoip show on b: eoipv6, local any" \
	bash -c "ip netns exec '$b' '$EOIP' show name $DEV | grep -q '^  local any  remote 2001:db8:1::1  tunnel-id 7$'"
check "b pings a through the tunnel" ip netns exec "$b" ping -c 3 -i 0.2 -W 3 192.0.2.1
check "a pings b through the tunnel" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.2
check_eq "a dropped nothing for want of a tunnel" "rx_no_tunnel 0" \
	"$(ip netns exec "$a" grep rx_no_tunnel /proc/net/eoip)"
finish
