# shellcheck shell=bash
# bridged_hosts.sh: sourced after lib.sh by the scenarios where two hosts
# share one Ethernet segment that crosses an EoIP tunnel, as RouterOS users
# bridge a LAN to a remote site:
#
#   ha eth0 --- port0 [br0] eoip1 === 198.51.100.1 ra ... rb 198.51.100.2
#   === eoip1 [br0] port0 --- eth0 hb
#
#   bridged_hosts [OPTION...]    builds it: namespaces $ha $ra $rb $hb, eoip1
#                                (tunnel-id 1, default MTU 1458, OPTIONs of
#                                eoip add on both ends) bridged with port0 in
#                                ra and rb, hosts with MTU 1500 and, on eth0,
#                                192.0.2.1/24 and 2001:db8:1::1/64 (ha),
#                                .2 and ::2 (hb); on eth0.10 (VLAN 10)
#                                203.0.113.1/24 and .2
#   host_mac NS                  the MAC address of a host's eth0
# shellcheck disable=SC2154,SC2015,SC2119,SC2034 # ns_new and capture_start assign by name; "A && B || lib_die" is meant; bridged_hosts takes no arguments

bridged_hosts() {
	local end
	ns_new ha
	ns_new ra
	ns_new rb
	ns_new hb
	veth_link "$ra" under0 198.51.100.1/24 "$rb" under0 198.51.100.2/24
	veth_link "$ha" eth0 192.0.2.1/24 "$ra" port0 ""
	veth_link "$hb" eth0 192.0.2.2/24 "$rb" port0 ""
	check "eoip1 on ra and rb${1:+ ($*)}" bridged_hosts_tunnel "$@"
	for end in "$ra" "$rb"; do
		ip -n "$end" link add br0 type bridge &&
			ip -n "$end" link set port0 master br0 &&
			ip -n "$end" link set eoip1 master br0 &&
			ip -n "$end" link set br0 up ||
			lib_die "bridge br0 with port0 and eoip1"
	done
	ip -n "$ha" addr add 2001:db8:1::1/64 dev eth0 nodad &&
		ip -n "$hb" addr add 2001:db8:1::2/64 dev eth0 nodad ||
		lib_die "IPv6 addresses on the hosts"
	for end in ha hb; do
		ip -n "${!end}" link add link eth0 name eth0.10 type vlan id 10 &&
			ip -n "${!end}" link set eth0.10 up ||
			lib_die "VLAN 10 on $end"
	done
	ip -n "$ha" addr add 203.0.113.1/24 dev eth0.10 &&
		ip -n "$hb" addr add 203.0.113.2/24 dev eth0.10 ||
		lib_die "addresses on VLAN 10"
	wait_until 20 "ha pings hb across the tunnel" \
		ip netns exec "$ha" ping -c 1 -W 2 192.0.2.2
}

bridged_hosts_tunnel() { # OPTION...
	ip netns exec "$ra" "$EOIP" add name eoip1 tunnel-id 1 \
		local 198.51.100.1 remote 198.51.100.2 "$@" &&
		ip netns exec "$rb" "$EOIP" add name eoip1 tunnel-id 1 \
			local 198.51.100.2 remote 198.51.100.1 "$@" &&
		ip -n "$ra" link set eoip1 up && ip -n "$rb" link set eoip1 up
}

host_mac() { # NS
	ip netns exec "$1" cat /sys/class/net/eth0/address
}
