#!/bin/bash
# Tunnels 100 and 200 between the same two hosts: each carries its own
# traffic and only its own (the other's receive counters stay still), a
# second tunnel with the same id, local and remote is refused with the
# kernel's message, and the same id towards another remote is accepted.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"

ns_new a
ns_new b
# Nothing but the pings inside the tunnels, so that the counters expected to
# stay still do: no IPv6 (router solicitations, MLD reports), no keepalives,
# no ARP (its probes come seconds later, while the other tunnel is tested).
for ns in "$a" "$b"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24

mac() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }

tunnel() { # ID INNER_A INNER_B
	check "add eoip$1 on a" ip netns exec "$a" "$EOIP" add name "eoip$1" tunnel-id "$1" \
		local 198.51.100.1 remote 198.51.100.2 keepalive none
	check "add eoip$1 on b" ip netns exec "$b" "$EOIP" add name "eoip$1" tunnel-id "$1" \
		local 198.51.100.2 remote 198.51.100.1 keepalive none
	ip -n "$a" addr add "$2" dev "eoip$1"
	ip -n "$b" addr add "$3" dev "eoip$1"
	ip -n "$a" link set "eoip$1" up
	ip -n "$b" link set "eoip$1" up
	ip -n "$a" neigh replace "${3%/*}" dev "eoip$1" nud permanent lladdr "$(mac "$b" "eoip$1")"
	ip -n "$b" neigh replace "${2%/*}" dev "eoip$1" nud permanent lladdr "$(mac "$a" "eoip$1")"
}
tunnel 100 192.0.2.1/24 192.0.2.2/24
tunnel 200 203.0.113.1/24 203.0.113.2/24

rx() { # ID: rx_packets of eoipID on a and on b
	echo "$(link_stat "$a" "eoip$1" rx_packets) $(link_stat "$b" "eoip$1" rx_packets)"
}

ping_through() { # ID TARGET OTHER_ID
	local before_other before after
	before_other=$(rx "$3")
	before=$(rx "$1")
	check "a pings $2 through eoip$1" ip netns exec "$a" ping -c 5 -i 0.2 -W 2 "$2"
	after=$(rx "$1")
	echo "eoip$1 rx (a b): $before -> $after"
	check "eoip$1 received on both ends" \
		test "${after% *}" -ge $((${before% *} + 5)) -a "${after#* }" -ge $((${before#* } + 5))
	check_eq "eoip$3's rx counters (a b) did not move" "$before_other" "$(rx "$3")"
}
ping_through 100 192.0.2.2 200
ping_through 200 203.0.113.2 100

check_refused "a duplicate (id 100, same local and remote)" 1 \
	"a tunnel with the same tunnel-id, local and remote address exists already" \
	ip netns exec "$a" "$EOIP" add name dup tunnel-id 100 local 198.51.100.1 remote 198.51.100.2
check_fail "no device dup was left" ip -n "$a" link show dup

check "id 100 towards another remote is accepted" ip netns exec "$a" "$EOIP" add \
	name eoip100b tunnel-id 100 local 198.51.100.1 remote 198.51.100.3
ip netns exec "$a" "$EOIP" list
finish
