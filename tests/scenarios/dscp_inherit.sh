#!/bin/bash
# dscp (RouterOS's name; "tos" for the older tool): by default inherit, as on
# RouterOS, so the outer DSCP, IPv4 TOS or IPv6 traffic class, is the inner
# IP packet's (IPv4 or IPv6 inside, over an IPv4 and an IPv6 underlay);
# "eoip change ... dscp 26" makes it that value for every packet.
# timeout: 300
# cost: 18
# shellcheck disable=SC2154,SC2015,SC2119,SC2034 # ns_new and capture_start assign by name; "A && B || lib_die" is meant; bridged_hosts takes no arguments
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8::1/64 dev veth0 nodad &&
	ip -n "$b" addr add 2001:db8::2/64 dev veth0 nodad || lib_die "IPv6 underlay"

tunnel_pair eoip4 1 198.51.100.1 198.51.100.2 192.0.2.1/30 192.0.2.2/30
tunnel_pair eoip6 2 2001:db8::1 2001:db8::2 192.0.2.5/30 192.0.2.6/30
ip -n "$a" addr add 2001:db8:1::1/64 dev eoip4 nodad &&
	ip -n "$b" addr add 2001:db8:1::2/64 dev eoip4 nodad &&
	ip -n "$a" addr add 2001:db8:2::1/64 dev eoip6 nodad &&
	ip -n "$b" addr add 2001:db8:2::2/64 dev eoip6 nodad || lib_die "IPv6 inside"
for dev in eoip4 eoip6; do
	check "eoip show $dev says dscp inherit without being told" \
		bash -c "ip netns exec '$a' '$EOIP' show name $dev | grep -q '  dscp inherit  '"
done

pings() { # ADDRESS TOS SIZE: the size tells the packets apart in the capture
	ip netns exec "$a" ping -c 2 -i 0.2 -W 2 -Q "$2" -s "$3" "$1" >/dev/null
}

# One line per echo request a sent: "SIZE inner-IPvN DSFIELD outer DSFIELD"
# (hex), from the hex of the outer packets.
dsfields() { # PCAP
	local stamp type h outer inner
	frames "$1" | while read -r stamp type h; do
		if [[ ${h:0:1} == 4 ]]; then
			outer=${h:2:2} inner=${h:$(((16#${h:1:1} * 4 + 8 + 14) * 2))}
		else
			outer=${h:1:2} inner=${h:$(((40 + 2 + 14) * 2))}
		fi
		# ICMP echo request / ICMPv6 echo request; size = ping -s
		if [[ ${inner:0:1} == 4 && ${inner:18:2} == 01 && ${inner:40:2} == 08 ]]; then
			echo "$((16#${inner:4:4} - 28)) inner-IPv4 ${inner:2:2} outer $outer"
		elif [[ ${inner:0:1} == 6 && ${inner:12:2} == 3a && ${inner:80:2} == 80 ]]; then
			echo "$((16#${inner:8:4} - 8)) inner-IPv6 ${inner:1:2} outer $outer"
		fi
	done | sort -u
}

for underlay in IPv4 IPv6; do
	if [[ $underlay == IPv4 ]]; then
		dev=eoip4 peer=192.0.2.2 peer6=2001:db8:1::2
		filter="ip proto 47 and src host 198.51.100.1"
	else
		dev=eoip6 peer=192.0.2.6 peer6=2001:db8:2::2
		filter="ip6 proto 97 and src host 2001:db8::1"
	fi
	capture_start cap "$b" veth0 "$OUT/$dev.pcap" "$filter"
	check "$underlay underlay: ping with DSCP 46 inside" pings "$peer" 0xb8 46
	check "$underlay underlay: ping with DSCP 0 inside" pings "$peer" 0 100
	check "$underlay underlay: IPv6 ping with DSCP 46 inside" pings "$peer6" 0xb8 246
	check "eoip change $dev dscp 26 on a" ip netns exec "$a" "$EOIP" change name "$dev" dscp 26
	check "$underlay underlay: ping with DSCP 46 inside, dscp 26 set" pings "$peer" 0xb8 126
	capture_stop "$cap"
	dsfields "$OUT/$dev.pcap" | tee "$OUT/$dev.dsfields" | sed 's/^/# /'
	check_eq "$underlay underlay: outer DS field = inner DSCP (b8 = 46, 00), then 68 = dscp 26" \
		"100 inner-IPv4 00 outer 00
126 inner-IPv4 b8 outer 68
246 inner-IPv6 b8 outer b8
46 inner-IPv4 b8 outer b8" "$(cat "$OUT/$dev.dsfields")"
	check "eoip show $dev says dscp 26" \
		bash -c "ip netns exec '$a' '$EOIP' show name $dev | grep -q '  dscp 26  '"
done
finish
