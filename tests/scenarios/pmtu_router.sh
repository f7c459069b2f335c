#!/bin/bash
# timeout: 480
# cost: 33
# Path MTU learnt through a router: a and b are joined by r, and the link
# r <-> b carries 1400-byte packets only. A tunnel a <-> b with DF on its
# outer packets must learn the path MTU from the router's ICMP, as gretap
# does: r drops a full 1500-byte outer packet and answers "fragmentation
# needed, mtu 1400" (IPv4) or "packet too big, mtu 1400" (IPv6), and a's
# route to b's underlay address then shows mtu 1400. For EoIP with
# dont-fragment yes, for EoIP with dont-fragment inherit and for gretap (the
# control): the first 1458-byte DF ping over the tunnel vanishes, a learns
# mtu 1400, the next one is refused at a with mtu 1358 (1400 - 20 IP - 8
# GRE - 14 Ethernet) and a's route to the inner address learns 1358, a
# 1358-byte DF ping crosses, and 4 MiB of TCP cross intact (TCP would stall
# on a black hole otherwise). For EoIPv6 (IPv6 routers never fragment): a
# learns mtu 1400, a full-size DF ping crosses in outer fragments, and so
# do 4 MiB of TCP, every outer packet small enough for r to pass on.
# The route cache is flushed before each tunnel, so each learns on its own.
# Every tunnel has the MTU of a 1500-byte path on both ends: by default b's
# would follow its 1400-byte link, and b's TCP would then announce an MSS
# that never needs more.
# shellcheck disable=SC2154,SC2317 # ns_new assigns $r; check runs the functions
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

BYTES=$((4 << 20))
TCP_SECONDS=60 # a black hole must fail in time (4 MiB take about 10 s under TCG)

ns_new a
ns_new r
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$r" veth0 198.51.100.2/24
veth_link "$r" veth1 203.0.113.1/24 "$b" veth0 203.0.113.2/24
{
	ip -n "$r" link set veth1 mtu 1400 && ip -n "$b" link set veth0 mtu 1400 &&
		ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad &&
		ip -n "$r" addr add 2001:db8:1::2/64 dev veth0 nodad &&
		ip -n "$r" addr add 2001:db8:3::1/64 dev veth1 nodad &&
		ip -n "$b" addr add 2001:db8:3::2/64 dev veth0 nodad &&
		ip netns exec "$r" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 &&
		ip -n "$a" route add 203.0.113.0/24 via 198.51.100.2 &&
		ip -n "$b" route add 198.51.100.0/24 via 203.0.113.1 &&
		ip -n "$a" -6 route add 2001:db8:3::/64 via 2001:db8:1::2 &&
		ip -n "$b" -6 route add 2001:db8:1::/64 via 2001:db8:3::1
} || lib_die "the routed underlay a - r - b"
check "underlay: a reaches b through r (IPv4)" \
	ip netns exec "$a" ping -c 1 -W 3 203.0.113.2
check "underlay: a reaches b through r (IPv6)" \
	ip netns exec "$a" ping -c 1 -W 3 2001:db8:3::2
check "underlay: a 1400-byte packet crosses r with DF" \
	ip netns exec "$a" ping -M "do" -s 1372 -c 1 -W 3 203.0.113.2

route_mtu() { # FAMILY ADDRESS MTU: a's route to ADDRESS has learnt MTU (shows it)
	local route
	route=$(ip -n "$a" "$1" route get "$2")
	echo "$route"
	grep -q " mtu $3\\b" <<<"$route"
}

fresh_start() { # FAMILY ADDRESS: forget what a learnt, check it forgot
	ip -n "$a" route flush cache
	ip -n "$a" -6 route flush cache
	check "route cache flushed: a's route to $2 has no learnt MTU" \
		bash -c "! ip -n '$a' $1 route get $2 | grep -q ' mtu '"
}

ping_df() { # ADDRESS SIZE [PING OPTION...]: one IPv4 ping of SIZE-byte packets with DF
	local address=$1 size=$2
	shift 2
	ip netns exec "$a" ping -M "do" -s $((size - 28)) -W 2 "$@" "$address"
}

refused_1358() { # ADDRESS: a 1458-byte DF ping to it is answered "mtu 1358" at a
	# "Frag needed and DF set (mtu = 1358)" from a's own tunnel, or "local
	# error: message too long, mtu=1358" once the route knows.
	local answer
	answer=$(ping_df "$1" 1458 -c 1 2>&1)
	echo "$answer"
	grep -Eq 'mtu ?= ?1358' <<<"$answer"
}

snmp6() { # NS KEY
	# shellcheck disable=SC2016 # awk's fields
	ip netns exec "$1" awk -v k="$2" '$1 == k { print $2 }' /proc/net/snmp6
}

ipv4_pmtu() { # DEV INNER_B SEED: the IPv4 checks over a tunnel of MTU 1458 from a to b
	local dev=$1 inner=$2 seed=$3
	check_eq "$dev has MTU 1458 on a and on b" "1458 1458" \
		"$(link_mtu "$a" "$dev") $(link_mtu "$b" "$dev")"
	check "$dev: a small ping crosses" ip netns exec "$a" ping -c 1 -W 3 "$inner"
	check_fail "$dev: a 1458-byte ping with DF does not cross whole" \
		ping_df "$inner" 1458 -c 1
	wait_until 10 "$dev: a's route to 203.0.113.2 learnt path MTU 1400 from r" \
		route_mtu -4 203.0.113.2 1400
	check "$dev: the next one is refused at a (mtu 1358)" refused_1358 "$inner"
	wait_until 5 "$dev: a's route to $inner learnt MTU 1358" \
		route_mtu -4 "$inner" 1358
	check "$dev: a 1358-byte ping with DF crosses" ping_df "$inner" 1358 -c 2 -i 0.3
	blob_transfer_within "$TCP_SECONDS" "$a" "$b" "$inner" "$BYTES" "$seed" "$dev-tcp"
}

link_mtu() { # NS DEV
	ip netns exec "$1" cat "/sys/class/net/$2/mtu"
}

# 1. The control: gretap (key 7: an 8-byte GRE header, as EoIP's) copies the
# inner DF bit and learns the path MTU.
fresh_start -4 203.0.113.2
{
	ip -n "$a" link add gt type gretap local 198.51.100.1 remote 203.0.113.2 key 7 &&
		ip -n "$b" link add gt type gretap local 203.0.113.2 remote 198.51.100.1 key 7 &&
		ip -n "$a" link set gt mtu 1458 && ip -n "$b" link set gt mtu 1458 &&
		ip -n "$a" addr add 192.0.2.49/28 dev gt && ip -n "$b" addr add 192.0.2.50/28 dev gt &&
		ip -n "$a" link set gt up && ip -n "$b" link set gt up
} || lib_die "gretap gt between a and b"
ipv4_pmtu gt 192.0.2.50 4

# 2. EoIP, DF set on every outer packet.
fresh_start -4 203.0.113.2
tunnel_pair eoip1 1 198.51.100.1 203.0.113.2 192.0.2.1/28 192.0.2.2/28 \
	mtu 1458 dont-fragment yes keepalive none
ipv4_pmtu eoip1 192.0.2.2 1

# 3. EoIP, DF copied from the inner IPv4 packet (ping -M do and TCP set it).
fresh_start -4 203.0.113.2
tunnel_pair eoip2 2 198.51.100.1 203.0.113.2 192.0.2.17/28 192.0.2.18/28 \
	mtu 1458 dont-fragment inherit keepalive none
ipv4_pmtu eoip2 192.0.2.18 2

# 4. EoIPv6: the outer packets are fragmented by a, to the path MTU.
fresh_start -6 2001:db8:3::2
tunnel_pair eoip6 3 2001:db8:1::1 2001:db8:3::2 192.0.2.33/28 192.0.2.34/28 \
	mtu 1444 keepalive none
check_eq "eoip6 has MTU 1444 on a and on b (1500-byte outer packets)" "1444 1444" \
	"$(link_mtu "$a" eoip6) $(link_mtu "$b" eoip6)"
check "eoip6: a small ping crosses" ip netns exec "$a" ping -c 1 -W 3 192.0.2.34
# The first full-size one may vanish at r (it answers "packet too big").
ping_df 192.0.2.34 1444 -c 1 >/dev/null
wait_until 10 "eoip6: a's route to 2001:db8:3::2 learnt path MTU 1400 from r" \
	route_mtu -6 2001:db8:3::2 1400
frags_before=$(snmp6 "$a" Ip6FragCreates)
reasm_before=$(snmp6 "$b" Ip6ReasmOKs)
too_big_before=$(snmp6 "$r" Icmp6OutPktTooBigs)
check "eoip6: a 1444-byte ping with DF crosses" ping_df 192.0.2.34 1444 -c 2 -i 0.3
blob_transfer_within "$TCP_SECONDS" "$a" "$b" 192.0.2.34 "$BYTES" 3 eoip6-tcp
frags=$(($(snmp6 "$a" Ip6FragCreates) - frags_before))
reasm=$(($(snmp6 "$b" Ip6ReasmOKs) - reasm_before))
too_big=$(($(snmp6 "$r" Icmp6OutPktTooBigs) - too_big_before))
check "eoip6: a sent the frames in outer fragments ($frags, at least 1000)" \
	test "$frags" -ge 1000
check "eoip6: b reassembled them ($reasm packets, at least 500)" test "$reasm" -ge 500
check_eq "eoip6: none too big for r meanwhile (r's Icmp6OutPktTooBigs grew by)" 0 "$too_big"
finish
