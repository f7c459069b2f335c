#!/bin/bash
# Tunnel MTU over IPv4 (eoip) and IPv6 (eoipv6): by default 1500 less the
# outer headers on a 1500-byte underlay (1458, RouterOS's actual-mtu; 1444);
# 1500 on both ends carries full 1472-byte DF pings, the outer packets being
# fragmented by the sender and reassembled by the receiver; 9000 is accepted
# (eoip add and ip link set) and carries an 8972-byte DF ping; 67 and 70000
# are refused by the tool, and beyond the device's maximum by the kernel; a
# 9000-byte underlay gives an automatic MTU of 8958 (8944). EoIPv6 only:
# tunnel ids above 4095 do not fit its 12-bit id, and the kernel says so too.
# families: ipv4 ipv6
# timeout: 300
# cost: 11
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"

case $FAMILY in
ipv4) SNMP=snmp FRAG_KEY=FragCreates REASM_KEY=ReasmOKs JUMBO_MTU=8958 ;;
ipv6) SNMP=snmp6 FRAG_KEY=Ip6FragCreates REASM_KEY=Ip6ReasmOKs JUMBO_MTU=8944 ;;
esac

ns_new a
ns_new b
veth_link "$a" veth0 "$UNDER_A/$UNDER_PLEN" "$b" veth0 "$UNDER_B/$UNDER_PLEN"

mtu() { ip netns exec "$1" cat "/sys/class/net/$2/mtu"; }

# shellcheck disable=SC2016 # $1, $col[...]: awk's fields, not the shell's
snmp() { # NS KEY: a counter of /proc/net/snmp6, or of /proc/net/snmp's "Ip:" lines
	if [[ $SNMP == snmp6 ]]; then
		ip netns exec "$1" awk -v k="$2" '$1 == k { print $2 }' /proc/net/snmp6
	else
		ip netns exec "$1" awk -v k="$2" '$1 == "Ip:" {
			if (!(k in col)) { for (i = 2; i <= NF; i++) col[$i] = i; next }
			print $col[k] }' /proc/net/snmp
	fi
}

tunnel() { # ID INNER_PREFIX [MTU_ON_A]: tunID between a (.1) and b (.2)
	ip netns exec "$a" "$EOIP" add name "tun$1" tunnel-id "$1" \
		local "$UNDER_A" remote "$UNDER_B" keepalive none ${3:+mtu "$3"} &&
		ip netns exec "$b" "$EOIP" add name "tun$1" tunnel-id "$1" \
			local "$UNDER_B" remote "$UNDER_A" keepalive none &&
		ip -n "$a" addr add "$2.1/24" dev "tun$1" &&
		ip -n "$b" addr add "$2.2/24" dev "tun$1" &&
		ip -n "$a" link set "tun$1" up && ip -n "$b" link set "tun$1" up
}

check "tun1 on both ends, default MTU" tunnel 1 192.0.2
check_eq "default MTU on a 1500-byte underlay is $DEFAULT_MTU" "$DEFAULT_MTU" "$(mtu "$a" tun1)"

check "eoip change mtu 1500 on a" ip netns exec "$a" "$EOIP" change name tun1 mtu 1500
check "ip link set mtu 1500 on b" ip -n "$b" link set tun1 mtu 1500
check_eq "a's tun1 MTU" 1500 "$(mtu "$a" tun1)"
check_eq "b's tun1 MTU" 1500 "$(mtu "$b" tun1)"
frags=$(snmp "$a" "$FRAG_KEY")
reasm=$(snmp "$b" "$REASM_KEY")
check "1472-byte DF pings pass the 1500-byte tunnel over a 1500-byte underlay" \
	ip netns exec "$a" ping -M "do" -s 1472 -c 3 -i 0.2 -W 3 192.0.2.2
# Each outer packet (1542 bytes over IPv4, 1556 over IPv6) leaves a in two
# fragments, and b reassembles it; both ways, three pings.
check "a fragmented the outer packets ($frags -> $(snmp "$a" "$FRAG_KEY"), 6 or more)" \
	test "$(snmp "$a" "$FRAG_KEY")" -ge $((frags + 6))
check "b reassembled them ($reasm -> $(snmp "$b" "$REASM_KEY"), 3 or more)" \
	test "$(snmp "$b" "$REASM_KEY")" -ge $((reasm + 3))

check "eoip add ... mtu 9000 on a" tunnel 2 203.0.113 9000
check "ip link set mtu 9000 on b" ip -n "$b" link set tun2 mtu 9000
check_eq "a's tun2 MTU" 9000 "$(mtu "$a" tun2)"
check_eq "b's tun2 MTU" 9000 "$(mtu "$b" tun2)"
check "an 8972-byte DF ping passes the 9000-byte tunnel" \
	ip netns exec "$a" ping -M "do" -s 8972 -c 2 -i 0.3 -W 3 203.0.113.2

check_refused "eoip add mtu 67" 2 "mtu 67 is out of range 68..65535" \
	ip netns exec "$a" "$EOIP" add name tun9 tunnel-id 9 remote "$UNDER_B" mtu 67
check_refused "eoip change mtu 70000" 2 "mtu 70000 is out of range 68..65535" \
	ip netns exec "$a" "$EOIP" change name tun2 mtu 70000
# Within the tool's range, beyond the device's (65535 less the outer
# headers): the kernel says why.
check_refused "eoip change mtu 65535 (over the device's maximum)" 1 "maximum" \
	ip netns exec "$a" "$EOIP" change name tun2 mtu 65535
check_fail "ip link set mtu 67 is refused" ip -n "$a" link set tun2 mtu 67
check_fail "ip link set mtu 70000 is refused" ip -n "$a" link set tun2 mtu 70000
check_eq "tun2's MTU is still 9000" 9000 "$(mtu "$a" tun2)"

if [[ $FAMILY == ipv6 ]]; then
	for id in 4096 5000; do
		check_refused "eoipv6 tunnel-id $id (12 bits)" 2 "out of range" \
			ip netns exec "$a" "$EOIP" add name big$id remote "$UNDER_B" tunnel-id $id
		check_fail "no link big$id" ip -n "$a" link show big$id
	done
	# The kernel checks too, for tools that do not (IFLA_EOIP_TUNNEL_ID = 4,
	# IFLA_EOIP_REMOTE = 7).
	answer=$(ip netns exec "$a" python3 -S "$(dirname "$0")/lib/rtnl_newlink.py" big5000 \
		eoipv6 4=u32:5000 7=addr:"$UNDER_B")
	echo "kernel: $answer"
	check "the kernel refuses tunnel-id 5000 for eoipv6, saying why" \
		grep -q "^refused: .*: integer out of range$" <<<"$answer"
	check "eoipv6 tunnel-id 4095 accepted" ip netns exec "$a" "$EOIP" add \
		name top remote "$UNDER_B" tunnel-id 4095
fi

ip -n "$a" link set veth0 mtu 9000
ip -n "$b" link set veth0 mtu 9000
check "tun3 over the 9000-byte underlay, default MTU" ip netns exec "$a" "$EOIP" add \
	name tun3 tunnel-id 3 local "$UNDER_A" remote "$UNDER_B"
check_eq "automatic MTU on a 9000-byte underlay is $JUMBO_MTU" "$JUMBO_MTU" "$(mtu "$a" tun3)"
finish
