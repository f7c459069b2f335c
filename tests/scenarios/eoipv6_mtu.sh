#!/bin/bash
# EoIPv6 with MTU 1500 over a 1500-byte underlay (RouterOS allows it): a
# 1452-byte ping with DF set, and a full 1500-byte one, cross the tunnel
# whole; the outer IPv6 packets (up to 1556 bytes) are fragmented by the
# sender and reassembled by the receiver. Tunnel ids above 4095 do not fit
# the 12-bit EoIPv6 id: 4095 is accepted, 4096 and 5000 refused.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

DEV=eoipv6-1

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64
tunnel_pair $DEV 1 2001:db8:1::1 2001:db8:1::2 192.0.2.1/24 192.0.2.2/24 \
	mtu 1500 keepalive none
check_eq "$DEV has MTU 1500" 1500 "$(ip netns exec "$a" cat /sys/class/net/$DEV/mtu)"
check_eq "the underlay has MTU 1500" 1500 "$(ip netns exec "$a" cat /sys/class/net/veth0/mtu)"

# shellcheck disable=SC2016 # $1, $2: awk's fields, not the shell's
snmp6() { ip netns exec "$1" awk -v k="$2" '$1 == k { print $2 }' /proc/net/snmp6; }
frags_before=$(snmp6 "$a" Ip6FragCreates)
reasm_before=$(snmp6 "$b" Ip6ReasmOKs)
check "ping -M do -s 1452 through the tunnel" \
	ip netns exec "$a" ping -M "do" -s 1452 -c 2 -i 0.3 -W 3 192.0.2.2
check "ping -M do -s 1472 (1500-byte packets) through the tunnel" \
	ip netns exec "$a" ping -M "do" -s 1472 -c 2 -i 0.3 -W 3 192.0.2.2
frags=$(($(snmp6 "$a" Ip6FragCreates) - frags_before))
reasm=$(($(snmp6 "$b" Ip6ReasmOKs) - reasm_before))
check "a fragmented the outer packets ($frags fragments, at least 8)" test "$frags" -ge 8
check "b reassembled them ($reasm packets, at least 4)" test "$reasm" -ge 4

for id in 4096 5000; do
	ip netns exec "$a" "$EOIP" add name big$id remote 2001:db8:1::2 tunnel-id $id
	status=$?
	check "the tool refuses eoipv6 tunnel-id $id (status $status)" test "$status" -ne 0
	check "no link big$id" bash -c "! ip -n '$a' link show big$id 2>/dev/null"
done
# The kernel checks too, for tools that do not (IFLA_EOIP_TUNNEL_ID = 4,
# IFLA_EOIP_REMOTE = 7).
answer=$(ip netns exec "$a" python3 "$(dirname "$0")/lib/rtnl_newlink.py" big5000 \
	eoipv6 4=u32:5000 7=addr:2001:db8:1::2)
echo "kernel: $answer"
check "the kernel refuses tunnel-id 5000 for eoipv6, saying why" \
	grep -q "^refused: .*: integer out of range$" <<<"$answer"
check "eoipv6 tunnel-id 4095 accepted" ip netns exec "$a" "$EOIP" add \
	name top remote 2001:db8:1::2 tunnel-id 4095
finish
