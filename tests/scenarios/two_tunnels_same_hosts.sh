#!/bin/bash
# Tunnels 100 and 200 between the same two hosts, over IPv4 and over IPv6:
# each carries its own traffic and only its own (the other's receive counters
# stay still); a second tunnel with the same id, local and remote is refused
# with the kernel's message, and the same id towards another remote is
# accepted; once b deletes tunnel 100, a's packets for it are counted as
# belonging to no tunnel while tunnel 200 carries on.
# families: ipv4 ipv6
# timeout: 300
# cost: 11
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"

case $FAMILY in
ipv4) OTHER_REMOTE=198.51.100.3 ;;
ipv6) OTHER_REMOTE=2001:db8:1::3 ;;
esac

ns_new a
ns_new b
veth_link "$a" veth0 "$UNDER_A/$UNDER_PLEN" "$b" veth0 "$UNDER_B/$UNDER_PLEN"

mac() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }

tunnel() { # ID INNER_A INNER_B
	local ns
	check "add tun$1 on a" ip netns exec "$a" "$EOIP" add name "tun$1" tunnel-id "$1" \
		local "$UNDER_A" remote "$UNDER_B" keepalive none
	check "add tun$1 on b" ip netns exec "$b" "$EOIP" add name "tun$1" tunnel-id "$1" \
		local "$UNDER_B" remote "$UNDER_A" keepalive none
	# Nothing but the pings inside the tunnels, so that the counters expected
	# to stay still do: no IPv6 inside (router solicitations, MLD reports), no
	# keepalives, no ARP (its probes come seconds later, while the other
	# tunnel is tested).
	for ns in "$a" "$b"; do
		ip netns exec "$ns" sysctl -qw "net.ipv6.conf.tun$1.disable_ipv6=1"
	done
	ip -n "$a" addr add "$2" dev "tun$1"
	ip -n "$b" addr add "$3" dev "tun$1"
	ip -n "$a" link set "tun$1" up
	ip -n "$b" link set "tun$1" up
	ip -n "$a" neigh replace "${3%/*}" dev "tun$1" nud permanent lladdr "$(mac "$b" "tun$1")"
	ip -n "$b" neigh replace "${2%/*}" dev "tun$1" nud permanent lladdr "$(mac "$a" "tun$1")"
}
tunnel 100 192.0.2.1/24 192.0.2.2/24
tunnel 200 203.0.113.1/24 203.0.113.2/24

rx() { # ID: rx_packets of tunID on a and on b
	echo "$(link_stat "$a" "tun$1" rx_packets) $(link_stat "$b" "tun$1" rx_packets)"
}

ping_through() { # ID TARGET OTHER_ID
	local before_other before after
	before_other=$(rx "$3")
	before=$(rx "$1")
	check "a pings $2 through tun$1" ip netns exec "$a" ping -c 5 -i 0.2 -W 3 "$2"
	after=$(rx "$1")
	echo "tun$1 rx (a b): $before -> $after"
	check "tun$1 received on both ends" \
		test "${after% *}" -ge $((${before% *} + 5)) -a "${after#* }" -ge $((${before#* } + 5))
	check_eq "tun$3's rx counters (a b) did not move" "$before_other" "$(rx "$3")"
}
ping_through 100 192.0.2.2 200
ping_through 200 203.0.113.2 100

check_refused "a duplicate (id 100, same local and remote)" 1 \
	"a tunnel with the same tunnel-id, local and remote address exists already" \
	ip netns exec "$a" "$EOIP" add name dup tunnel-id 100 local "$UNDER_A" remote "$UNDER_B"
check_fail "no device dup was left" ip -n "$a" link show dup

check "id 100 towards another remote is accepted" ip netns exec "$a" "$EOIP" add \
	name tun100b tunnel-id 100 local "$UNDER_A" remote "$OTHER_REMOTE"
ip netns exec "$a" "$EOIP" list

# shellcheck disable=SC2016 # $1, $2: awk's fields, not the shell's
no_tunnel() { ip netns exec "$b" awk '$1 == "rx_no_tunnel" { print $2 }' /proc/net/eoip; }
check "b deletes tun100" ip netns exec "$b" "$EOIP" del name tun100
no_tunnel_before=$(no_tunnel)
check_fail "a's ping through tun100 goes unanswered" \
	ip netns exec "$a" ping -c 1 -W 1 192.0.2.2
check "b counted it in rx_no_tunnel" test "$(no_tunnel)" -gt "$no_tunnel_before"
check "tun200 still works" ip netns exec "$a" ping -c 1 -W 3 203.0.113.2
finish
