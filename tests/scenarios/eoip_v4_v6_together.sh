#!/bin/bash
# An EoIP (IPv4) and an EoIPv6 tunnel between the same two namespaces at
# once, both with tunnel id 100 (ids are per family): each carries its own
# pings, `eoip list` lists both, one line per kind.
# timeout: 300
# cost: 7
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad
ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad

for side in a b; do
	if [[ $side == a ]]; then ns=$a me=1 peer=2; else ns=$b me=2 peer=1; fi
	check "add eoip-v4 on $side" ip netns exec "$ns" "$EOIP" add name eoip-v4 \
		local 198.51.100.$me remote 198.51.100.$peer tunnel-id 100
	check "add eoip-v6 on $side" ip netns exec "$ns" "$EOIP" add name eoip-v6 \
		local 2001:db8:1::$me remote 2001:db8:1::$peer tunnel-id 100
	ip -n "$ns" addr add 192.0.2.$me/30 dev eoip-v4     # 192.0.2.1 <-> .2
	ip -n "$ns" addr add 192.0.2.$((me + 4))/30 dev eoip-v6 # 192.0.2.5 <-> .6
	ip -n "$ns" link set eoip-v4 up
	ip -n "$ns" link set eoip-v6 up
done

rx() { link_stat "$b" "$1" rx_packets; }
v4_before=$(rx eoip-v4) v6_before=$(rx eoip-v6)
check "a pings b through the IPv4 tunnel" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.2
check "a pings b through the IPv6 tunnel" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.6
check "b's IPv4 tunnel received" test $(($(rx eoip-v4) - v4_before)) -ge 3
check "b's IPv6 tunnel received" test $(($(rx eoip-v6) - v6_before)) -ge 3

ip netns exec "$a" "$EOIP" list | tee "$OUT/list.txt"
check "eoip list: eoip-v4 as link/eoip" \
	grep -q ": eoip-v4@0: link/eoip 198.51.100.1 remote 198.51.100.2 tunnel-id 100 " "$OUT/list.txt"
check "eoip list: eoip-v6 as link/eoipv6" \
	grep -q ": eoip-v6@0: link/eoipv6 2001:db8:1::1 remote 2001:db8:1::2 tunnel-id 100 " "$OUT/list.txt"
check_eq "eoip list: nothing else" 2 "$(wc -l <"$OUT/list.txt")"
finish
