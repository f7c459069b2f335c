#!/bin/bash
# One end configured as RouterOS does by default: only remote and tunnel-id,
# no local address; over IPv4 and over IPv6. It still receives (any local
# address matches) and sends from the address routing picks, so ping works
# both ways; the other end, which checks the source, accepts its packets;
# `eoip list` shows its local address as 0.0.0.0 (::), `eoip show` as any.
# families: ipv4 ipv6
# timeout: 120
# cost: 5
set -u
. "$(dirname "$0")/lib.sh"

DEV=tun77
case $FAMILY in
ipv4) ANY=0.0.0.0 ;;
ipv6) ANY=:: ;;
esac

ns_new a
ns_new b
veth_link "$a" veth0 "$UNDER_A/$UNDER_PLEN" "$b" veth0 "$UNDER_B/$UNDER_PLEN"

check "add $DEV on a with the remote only" ip netns exec "$a" "$EOIP" add name $DEV \
	tunnel-id 77 remote "$UNDER_B"
check "add $DEV on b with local and remote" ip netns exec "$b" "$EOIP" add name $DEV \
	tunnel-id 77 local "$UNDER_B" remote "$UNDER_A"
check "$DEV up, addresses on both" lib_addresses_up $DEV 192.0.2.1/24 192.0.2.2/24

# b first: a has sent nothing yet, so its receive side must match on
# (id, source) alone, not on anything it learnt from its own traffic.
check "b pings a (the remote-only end)" ip netns exec "$b" ping -c 3 -i 0.2 -W 3 192.0.2.1
check "a (the remote-only end) pings b" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.2
check_eq "b, which checks the source, dropped nothing for want of a tunnel" \
	"rx_no_tunnel 0" "$(ip netns exec "$b" grep rx_no_tunnel /proc/net/eoip)"

list=$(ip netns exec "$a" "$EOIP" list)
echo "eoip list on a: $list"
check "eoip list on a shows local $ANY" \
	grep -qF "link/$KIND $ANY remote $UNDER_B tunnel-id 77 " <<<"$list"
show=$(ip netns exec "$a" "$EOIP" show name $DEV)
echo "$show"
check "eoip show on a: $KIND, local any" grep -qxF "  local any  remote $UNDER_B  tunnel-id 77" <<<"$show"
finish
