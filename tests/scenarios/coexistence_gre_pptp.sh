#!/bin/bash
# eoip shares IP protocol 47 with gre/ip_gre/pptp without replacing them:
# whether those are loaded before eoip or after it (even after a tunnel
# exists), a gretap tunnel and an EoIP tunnel between the same two hosts
# both pass traffic, and the GRE modules still unload cleanly, leaving the
# EoIP tunnel working. The gretap key and the EoIP tunnel-id are both 5 on
# purpose: only the EoIP magic may tell the two apart.
# timeout: 180
# cost: 11
set -u
. "$(dirname "$0")/lib.sh"

GRE_MODULES=(pptp ip_gre) # pptp pulls gre (the protocol 47 demultiplexer)

loaded() { [[ -d /sys/module/$1 ]]; }

gre_modules_loaded() {
	loaded gre && loaded pptp && loaded ip_gre
}

gre_modules_unload() {
	modprobe -r "${GRE_MODULES[@]}" && ! loaded gre && ! loaded pptp && ! loaded ip_gre
}

underlay() { # NS_A NS_B
	veth_link "$1" veth0 198.51.100.1/24 "$2" veth0 198.51.100.2/24
}

eoip_tunnel() { # NS_A NS_B
	ip netns exec "$1" "$EOIP" add name eoip5 tunnel-id 5 \
		local 198.51.100.1 remote 198.51.100.2 &&
		ip netns exec "$2" "$EOIP" add name eoip5 tunnel-id 5 \
			local 198.51.100.2 remote 198.51.100.1 &&
		ip -n "$1" addr add 192.0.2.1/24 dev eoip5 &&
		ip -n "$2" addr add 192.0.2.2/24 dev eoip5 &&
		ip -n "$1" link set eoip5 up && ip -n "$2" link set eoip5 up
}

gretap_tunnel() { # NS_A NS_B
	ip -n "$1" link add gt type gretap local 198.51.100.1 remote 198.51.100.2 key 5 &&
		ip -n "$2" link add gt type gretap local 198.51.100.2 remote 198.51.100.1 key 5 &&
		ip -n "$1" addr add 203.0.113.1/24 dev gt &&
		ip -n "$2" addr add 203.0.113.2/24 dev gt &&
		ip -n "$1" link set gt up && ip -n "$2" link set gt up
}

pings() { # NS ADDRESS
	ip netns exec "$1" ping -c 2 -i 0.2 -W 2 "$2" >/dev/null
}

both_pass() { # LABEL NS_A
	check "$1: ping through eoip5" pings "$2" 192.0.2.2
	check "$1: ping through gretap gt" pings "$2" 203.0.113.2
}

# eoip may be loaded by earlier scenarios; with no tunnel left it must go.
check "modprobe -r eoip (no tunnels exist)" modprobe -r eoip
check_fail "eoip is not loaded" loaded eoip

# Part 1: the GRE family first, eoip after.
check "modprobe ${GRE_MODULES[*]} (before eoip)" modprobe -a "${GRE_MODULES[@]}"
check "modprobe eoip (after them)" modprobe eoip
ns_new a1
ns_new b1
# shellcheck disable=SC2154 # ns_new assigned a1 and b1
underlay "$a1" "$b1"
check "before: gretap tunnel up" gretap_tunnel "$a1" "$b1"
check "before: eoip tunnel up" eoip_tunnel "$a1" "$b1"
both_pass "GRE modules loaded before eoip" "$a1"
check "gre, pptp and ip_gre are still loaded" gre_modules_loaded
ip -n "$a1" link del gt
ip -n "$b1" link del gt
check "pptp, ip_gre and gre unload under a live EoIP tunnel" gre_modules_unload
check "ping through eoip5 without any GRE module" pings "$a1" 192.0.2.2
ip netns exec "$a1" "$EOIP" del eoip5
ip netns exec "$b1" "$EOIP" del eoip5

# Part 2: eoip first (with a tunnel already up), the GRE family after.
check "modprobe -r eoip (its tunnels deleted)" modprobe -r eoip
check "modprobe eoip (first)" modprobe eoip
ns_new a2
ns_new b2
# shellcheck disable=SC2154 # ns_new assigned a2 and b2
underlay "$a2" "$b2"
check "after: eoip tunnel up" eoip_tunnel "$a2" "$b2"
check "modprobe ${GRE_MODULES[*]} (after eoip)" modprobe -a "${GRE_MODULES[@]}"
check "after: gretap tunnel up" gretap_tunnel "$a2" "$b2"
both_pass "GRE modules loaded after eoip" "$a2"
check "gre, pptp and ip_gre are still loaded" gre_modules_loaded
ip -n "$a2" link del gt
ip -n "$b2" link del gt
check "pptp, ip_gre and gre unload under a live EoIP tunnel" gre_modules_unload
check "ping through eoip5 without any GRE module" pings "$a2" 192.0.2.2
finish
