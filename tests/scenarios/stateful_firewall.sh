#!/bin/bash
# cost: 41
# EoIP through the stateful firewall a Linux end usually has: policy drop on
# input, established and related accepted, ct state invalid dropped, and one
# rule for the peer's GRE (IP protocol 47, which EoIP is). Conntrack cannot
# make a tuple of GRE version 1 that is not PPTP, so it would call every
# EoIP packet invalid and drop it; the module marks EoIP packets (and ICMP
# errors quoting them) untracked first, and the GRE rule takes them.
# On b, with that ruleset: EoIP (tunnel-id 5) and gretap (key 5, the
# control) both carry pings started at a and at b, no EoIP packet counts
# as invalid, and a router's "fragmentation needed" quoting b's EoIP packet
# (or its gretap packet) passes the firewall too, so path MTU can be learnt.
# A rule dropping IP protocol 47, put first, then stops both: pings fail,
# and b's tunnels receive nothing. Once with nftables, once with iptables
# (its nf_tables backend, as Debian's `iptables`), each on fresh namespaces
# (so no earlier conntrack entry helps the gretap flow). The tunnels' own
# interfaces are trusted in both rulesets: what is tested is the outer
# packets.
# shellcheck disable=SC2154,SC2317 # ns_new assigns $a1 (...); check runs the functions
set -u
. "$(dirname "$0")/lib.sh"

LIB=$(dirname "$0")/lib
PEER=198.51.100.1 # a, as b sees it
NFT_RULES=$OUT/input.nft
IPT_RULES=$OUT/input.iptables

cat >"$NFT_RULES" <<EOF
table inet filter {
	chain input {
		type filter hook input priority 0; policy drop;
		ct state established,related counter accept
		ct state invalid counter drop
		iif lo accept
		iifname { "eoip5", "gt" } accept
		ip saddr $PEER ip protocol gre counter accept
		ip saddr $PEER icmp type { echo-request, destination-unreachable } counter accept
	}
}
EOF

cat >"$IPT_RULES" <<EOF
*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -m conntrack --ctstate INVALID -j DROP
-A INPUT -i lo -j ACCEPT
-A INPUT -i eoip5 -j ACCEPT
-A INPUT -i gt -j ACCEPT
-A INPUT -s $PEER -p gre -j ACCEPT
-A INPUT -s $PEER -p icmp --icmp-type echo-request -j ACCEPT
-A INPUT -s $PEER -p icmp --icmp-type destination-unreachable -j ACCEPT
COMMIT
EOF

# The ruleset on b, for each tool: load it, count the packets dropped as
# invalid, put a protocol 47 drop rule first, count what that dropped, show.
nft_load() { ip netns exec "$b" nft -f "$NFT_RULES"; }
nft_invalid() {
	ip netns exec "$b" nft list chain inet filter input |
		sed -n 's/.*ct state invalid counter packets \([0-9]*\) .*/\1/p'
}
nft_block() { ip netns exec "$b" nft insert rule inet filter input ip protocol gre counter drop; }
nft_blocked() {
	ip netns exec "$b" nft list chain inet filter input |
		sed -n 's/.*ip protocol gre counter packets \([0-9]*\) .* drop.*/\1/p'
}
nft_show() { ip netns exec "$b" nft list ruleset; }

ipt_load() { ip netns exec "$b" iptables-restore "$IPT_RULES"; }
ipt_invalid() {
	ip netns exec "$b" iptables -w -nvxL INPUT | awk '/ctstate INVALID/ { print $1 }'
}
ipt_block() { ip netns exec "$b" iptables -w -I INPUT 1 -p gre -j DROP; }
ipt_blocked() {
	ip netns exec "$b" iptables -w -nvxL INPUT 1 | awk '{ print $1 }'
}
ipt_show() { ip netns exec "$b" iptables -w -nvxL INPUT; }

pings() { # NS ADDRESS
	ip netns exec "$1" ping -c 2 -i 0.3 -W 2 "$2" >/dev/null
}

ping_once() { # NS ADDRESS
	ip netns exec "$1" ping -c 1 -W 2 "$2" >/dev/null
}

icmp_in_dest_unreachs() { # NS
	# shellcheck disable=SC2016 # awk's fields
	ip netns exec "$1" awk '$1 == "Icmp:" {
		if (!col) { for (i = 2; i <= NF; i++) if ($i == "InDestUnreachs") col = i; next }
		print $col }' /proc/net/snmp
}

# A router's "fragmentation needed, mtu 1400" about a packet b sent to a
# (8 bytes of its GRE header quoted), sent from a.
frag_needed_to_b() { # GRE_HEADER_HEX
	ip netns exec "$a" python3 -S "$LIB/ip_send.py" 1 "$PEER" 198.51.100.2 \
		"$(python3 -S "$LIB/icmp_quote.py" 198.51.100.2 "$PEER" 47 1400 "$1")"
}

quoted_error_passes() { # LABEL GRE_HEADER_HEX: it reaches b's ICMP (InDestUnreachs)
	local before after
	before=$(icmp_in_dest_unreachs "$b")
	frag_needed_to_b "$2" || return 1
	sleep 0.5
	after=$(icmp_in_dest_unreachs "$b")
	echo "# $1: b's Icmp InDestUnreachs $before -> $after"
	((after == before + 1))
}

world() { # a and b (fresh), with eoip5 and gt between them
	veth_link "$a" veth0 $PEER/24 "$b" veth0 198.51.100.2/24
	tunnel_pair eoip5 5 $PEER 198.51.100.2 192.0.2.1/28 192.0.2.2/28 keepalive none
	check "gretap gt (key 5) up, 192.0.2.17/28 on a and 192.0.2.18/28 on b" bash -c "
		ip -n '$a' link add gt type gretap local $PEER remote 198.51.100.2 key 5 &&
		ip -n '$b' link add gt type gretap local 198.51.100.2 remote $PEER key 5 &&
		ip -n '$a' addr add 192.0.2.17/28 dev gt && ip -n '$b' addr add 192.0.2.18/28 dev gt &&
		ip -n '$a' link set gt up && ip -n '$b' link set gt up"
}

firewall_round() { # TOOL (nft or ipt)
	local fw=$1 invalid rx_eoip rx_gt dropped
	check "$fw: b loads the stateful ruleset (policy drop, invalid dropped, GRE from $PEER accepted)" \
		"${fw}_load"
	check "$fw: gretap: ping from a to b" pings "$a" 192.0.2.18
	check "$fw: gretap: ping from b to a" pings "$b" 192.0.2.17
	check "$fw: gretap: a quoted \"fragmentation needed\" passes b's firewall" \
		quoted_error_passes "$fw gretap" 2000655800000005
	# (a's eoip5 and gt send IGMP and IPv6 neighbour discovery of their own:
	# more EoIP packets, whatever the pings do.)
	invalid=$("${fw}_invalid")
	check "$fw: EoIP: a quoted \"fragmentation needed\" passes b's firewall" \
		quoted_error_passes "$fw EoIP" 2001640005b20500
	check "$fw: EoIP: ping from a to b" pings "$a" 192.0.2.2
	check "$fw: EoIP: ping from b to a" pings "$b" 192.0.2.1
	check_eq "$fw: no EoIP packet (nor ICMP error quoting one) was dropped as ct state invalid at b" \
		0 "$(($("${fw}_invalid") - invalid))"
	echo "# b's ruleset after the pings (counters):"
	"${fw}_show" | sed 's/^/#   /'

	check "$fw: b puts a rule dropping IP protocol 47 first" "${fw}_block"
	rx_eoip=$(link_stat "$b" eoip5 rx_packets)
	rx_gt=$(link_stat "$b" gt rx_packets)
	check_fail "$fw: then no ping crosses gretap from a" ping_once "$a" 192.0.2.18
	check_fail "$fw: nor from b" ping_once "$b" 192.0.2.17
	check_fail "$fw: no ping crosses EoIP from a" ping_once "$a" 192.0.2.2
	check_fail "$fw: nor from b" ping_once "$b" 192.0.2.1
	check_eq "$fw: b's eoip5 received nothing (rx_packets)" "$rx_eoip" \
		"$(link_stat "$b" eoip5 rx_packets)"
	check_eq "$fw: b's gt received nothing (rx_packets)" "$rx_gt" \
		"$(link_stat "$b" gt rx_packets)"
	dropped=$("${fw}_blocked")
	check "$fw: the protocol 47 rule dropped them (${dropped:-?} packets, at least 4)" \
		test "${dropped:-0}" -ge 4
}

check "the netfilter modules load (nf_tables nft_ct nf_conntrack)" \
	modprobe -a nf_tables nft_ct nf_conntrack

ns_new a1
ns_new b1
a=$a1 b=$b1
world
firewall_round nft

if command -v iptables >/dev/null; then
	ip netns del "$a1"
	ip netns del "$b1"
	ns_new a2
	ns_new b2
	a=$a2 b=$b2
	world
	echo "# $(iptables -V)"
	firewall_round ipt
else
	echo "# iptables is not installed (make deps installs it): only nftables tested"
fi
finish
