#!/bin/bash
# RouterOS's own packets (mk-mk-ping.pcap and mk-mk-multi.pcap: ARP, ping,
# MNDP/CDP/LLDP background frames, keepalives), injected on the underlay of a
# namespace configured as the router they were sent to, come out of its eoip
# device of the same tunnel id as the very same inner frames, byte for byte;
# keepalives are consumed, not delivered. Done for both routers: mka receives
# what mk-b sent, mkb what mk-a sent. The outer addresses are moved into
# 198.51.100.0/24 (mk-a .1, mk-b .2), the inner frames are left untouched.
# timeout: 300
# cost: 13
set -u
. "$(dirname "$0")/lib.sh"

PCAPS=("$CAPTURES/mk-mk-ping.pcap" "$CAPTURES/mk-mk-multi.pcap")

# ROLE NS REMOTE: the captured routers' configuration (eoip-detail.txt):
# remote-address and tunnel-id only, everything else at its defaults.
configure_router() {
	local role=$1 ns=$2 remote=$3 id
	# No IPv6 chatter (router solicitations, MLD) from the eoip devices.
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	for id in 100 200; do
		check "$role: add eoip$id, tunnel-id $id, remote $remote only" \
			ip netns exec "$ns" "$EOIP" add name "eoip$id" tunnel-id "$id" remote "$remote"
		ip -n "$ns" link set "eoip$id" up
	done
}

# Each router namespace has its own injector on the other end of its veth,
# holding the other router's address: nothing reaches a router but what we
# inject (the routers' own keepalives go to the injectors and die there).
ns_new mka
ns_new mkb
ns_new to_mka
ns_new to_mkb
# shellcheck disable=SC2154 # ns_new assigned mka and to_mka
veth_link "$mka" veth0 198.51.100.1/24 "$to_mka" veth0 198.51.100.2/24
# shellcheck disable=SC2154 # ns_new assigned mkb and to_mkb
veth_link "$mkb" veth0 198.51.100.2/24 "$to_mkb" veth0 198.51.100.1/24
configure_router mk-a "$mka" 198.51.100.2
configure_router mk-b "$mkb" 198.51.100.1

check "the captured packets are injected and the devices' frames captured" \
	python3 -S "$REPO/tests/scenarios/lib/replay_routeros.py" "$OUT" "${PCAPS[@]}" -- \
	"mk-a:$mka:veth0:$to_mka:veth0" "mk-b:$mkb:veth0:$to_mkb:veth0" ||
	finish # nothing below would mean anything

keepalives_received() { # NS DEV
	ip netns exec "$1" "$EOIP" show name "$2" | sed -n 's/.*, received \([0-9]*\).*/\1/p'
}

for role in mk-a mk-b; do
	if [[ $role == mk-a ]]; then ns=$mka; else ns=$mkb; fi
	for id in 100 200; do
		base=$OUT/$role-eoip$id
		frames=$(wc -l <"$base.expected")
		check "$role: the captures hold frames for tunnel $id ($frames)" test "$frames" -gt 0
		check_eq "$role eoip$id: delivered as many frames as tunnel $id's non-keepalive packets" \
			"$frames" "$(wc -l <"$base.delivered")"
		# Delivered in the order sent: the same lines, in the same order.
		check "$role eoip$id: delivered tunnel $id's inner frames, in order, byte for byte, and nothing else" \
			cmp "$base.expected" "$base.delivered"
		check_eq "$role eoip$id: its keepalives were consumed and counted" \
			"$(cat "$base.keepalives")" "$(keepalives_received "$ns" "eoip$id")"
		check_eq "$role eoip$id: rx_errors" 0 "$(link_stat "$ns" "eoip$id" rx_errors)"
		check_eq "$role eoip$id: rx_dropped" 0 "$(link_stat "$ns" "eoip$id" rx_dropped)"
	done
	check_eq "$role: no packet without a tunnel (/proc/net/eoip)" "rx_no_tunnel 0" \
		"$(ip netns exec "$ns" grep rx_no_tunnel /proc/net/eoip)"
done
finish
