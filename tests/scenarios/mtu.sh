#!/bin/bash
# Tunnel MTU: 1458 by default on a 1500-byte underlay (RouterOS actual-mtu);
# 1500 on both ends carries a full 1472-byte DF ping, the outer packets being
# fragmented; 9000 is accepted (eoip add and ip link set) and carries an
# 8972-byte DF ping; 67 and 70000 are refused; a 9000-byte underlay gives
# an automatic MTU of 8958.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24

mtu() { ip netns exec "$1" cat "/sys/class/net/$2/mtu"; }

# shellcheck disable=SC2016 # $1, $col[...]: awk's fields, not the shell's
ip_stat() { # NS FIELD: a counter of the namespace's "Ip:" lines in /proc/net/snmp
	ip netns exec "$1" awk -v field="$2" '$1 == "Ip:" {
		if (!(field in col)) { for (i = 2; i <= NF; i++) col[$i] = i; next }
		print $col[field]
	}' /proc/net/snmp
}

tunnel() { # ID INNER_PREFIX [MTU_ON_A]: eoipID between a (.1) and b (.2)
	ip netns exec "$a" "$EOIP" add name "eoip$1" tunnel-id "$1" \
		local 198.51.100.1 remote 198.51.100.2 ${3:+mtu "$3"} &&
		ip netns exec "$b" "$EOIP" add name "eoip$1" tunnel-id "$1" \
			local 198.51.100.2 remote 198.51.100.1 &&
		ip -n "$a" addr add "$2.1/24" dev "eoip$1" &&
		ip -n "$b" addr add "$2.2/24" dev "eoip$1" &&
		ip -n "$a" link set "eoip$1" up && ip -n "$b" link set "eoip$1" up
}

check "eoip1 on both ends, default MTU" tunnel 1 192.0.2
check_eq "default MTU on a 1500-byte underlay is 1458" 1458 "$(mtu "$a" eoip1)"

check "eoip change mtu 1500 on a" ip netns exec "$a" "$EOIP" change name eoip1 mtu 1500
check "ip link set mtu 1500 on b" ip -n "$b" link set eoip1 mtu 1500
check_eq "a's eoip1 MTU" 1500 "$(mtu "$a" eoip1)"
check_eq "b's eoip1 MTU" 1500 "$(mtu "$b" eoip1)"
frags=$(ip_stat "$a" FragCreates)
reasm=$(ip_stat "$b" ReasmOKs)
check "a 1472-byte DF ping passes the 1500-byte tunnel over a 1500-byte underlay" \
	ip netns exec "$a" ping -M "do" -s 1472 -c 3 -i 0.2 -W 2 192.0.2.2
# Each 1542-byte outer packet leaves a in two fragments, b reassembles it.
check "a fragmented the outer packets ($frags -> $(ip_stat "$a" FragCreates))" \
	test "$(ip_stat "$a" FragCreates)" -ge $((frags + 6))
check "b reassembled them ($reasm -> $(ip_stat "$b" ReasmOKs))" \
	test "$(ip_stat "$b" ReasmOKs)" -ge $((reasm + 3))

check "eoip add ... mtu 9000 on a" tunnel 2 203.0.113 9000
check "ip link set mtu 9000 on b" ip -n "$b" link set eoip2 mtu 9000
check_eq "a's eoip2 MTU" 9000 "$(mtu "$a" eoip2)"
check_eq "b's eoip2 MTU" 9000 "$(mtu "$b" eoip2)"
check "an 8972-byte DF ping passes the 9000-byte tunnel" \
	ip netns exec "$a" ping -M "do" -s 8972 -c 2 -i 0.3 -W 3 203.0.113.2

check_refused "eoip add mtu 67" 2 "mtu 67 is out of range 68..65535" \
	ip netns exec "$a" "$EOIP" add name eoip9 tunnel-id 9 remote 198.51.100.2 mtu 67
check_refused "eoip change mtu 70000" 2 "mtu 70000 is out of range 68..65535" \
	ip netns exec "$a" "$EOIP" change name eoip2 mtu 70000
# Within the tool's range, beyond the device's: the kernel says why.
check_refused "eoip change mtu 65535 (over 65535 - 20 - 8 - 14)" 1 "maximum" \
	ip netns exec "$a" "$EOIP" change name eoip2 mtu 65535
check_fail "ip link set mtu 67 is refused" ip -n "$a" link set eoip2 mtu 67
check_fail "ip link set mtu 70000 is refused" ip -n "$a" link set eoip2 mtu 70000
check_eq "eoip2's MTU is still 9000" 9000 "$(mtu "$a" eoip2)"

ip -n "$a" link set veth0 mtu 9000
ip -n "$b" link set veth0 mtu 9000
check "eoip3 over the 9000-byte underlay, default MTU" ip netns exec "$a" "$EOIP" add \
	name eoip3 tunnel-id 3 local 198.51.100.1 remote 198.51.100.2
check_eq "automatic MTU on a 9000-byte underlay is 8958" 8958 "$(mtu "$a" eoip3)"
finish
