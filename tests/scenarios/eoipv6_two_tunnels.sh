#!/bin/bash
# Two EoIPv6 tunnels between the same two hosts (ids 100 and 200) are two
# separate links: each carries its own traffic and nothing of the other's;
# once b deletes tunnel 100, a's packets for it are counted as belonging to
# no tunnel while tunnel 200 carries on.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64

for id in 100 200; do
	n=$((id == 100 ? 1 : 5)) # 192.0.2.1/30 <-> .2 and 192.0.2.5/30 <-> .6
	for side in a b; do
		if [[ $side == a ]]; then
			ns=$a local=1 remote=2 addr=$n
		else
			ns=$b local=2 remote=1 addr=$((n + 1))
		fi
		check "add eoipv6-$id on $side" ip netns exec "$ns" "$EOIP" add \
			name eoipv6-$id local 2001:db8:1::$local \
			remote 2001:db8:1::$remote tunnel-id $id keepalive none
		# No IPv6 inside: nothing but our pings crosses the tunnels.
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.eoipv6-$id.disable_ipv6=1
		ip -n "$ns" addr add 192.0.2.$addr/30 dev eoipv6-$id
		ip -n "$ns" link set eoipv6-$id up
	done
	# Nor ARP: its probes would refresh a tunnel's neighbour unasked.
	mac() { ip netns exec "$1" cat /sys/class/net/eoipv6-$id/address; }
	ip -n "$a" neigh add 192.0.2.$((n + 1)) lladdr "$(mac "$b")" dev eoipv6-$id nud permanent
	ip -n "$b" neigh add 192.0.2.$n lladdr "$(mac "$a")" dev eoipv6-$id nud permanent
done

rx() { link_stat "$b" "eoipv6-$1" rx_packets; }
before100=$(rx 100) before200=$(rx 200)
check "a pings b through tunnel 100" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.2
check "tunnel 100 on b received them" test $(($(rx 100) - before100)) -ge 3
check_eq "tunnel 200 on b received nothing" "$before200" "$(rx 200)"

before100=$(rx 100) before200=$(rx 200)
check "a pings b through tunnel 200" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.6
check "tunnel 200 on b received them" test $(($(rx 200) - before200)) -ge 3
check_eq "tunnel 100 on b received nothing" "$before100" "$(rx 100)"

check "b deletes tunnel 100" ip netns exec "$b" "$EOIP" del name eoipv6-100
check_fail "a's ping through tunnel 100 goes unanswered" \
	ip netns exec "$a" ping -c 1 -W 1 192.0.2.2
check "b counted it in rx_no_tunnel" \
	bash -c "! ip netns exec '$b' grep -qx 'rx_no_tunnel 0' /proc/net/eoip"
check "tunnel 200 still works" ip netns exec "$a" ping -c 1 -W 3 192.0.2.6
finish
