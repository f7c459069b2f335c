#!/bin/bash
# An eoip and an eoipv6 tunnel made, read, changed and deleted with ip(8)
# alone (link_eoip.so), with bookworm's ip and with sid's: ip -s -d link
# show says the settings in the command line's words and the keepalive
# counters, ip -s -j -d gives them typed in info_data, a ping crosses, ip
# link set changes the tunnel (ip -j -d shows the new values, a ping
# crosses the new tunnel-id), ip link del removes it.
# timeout: 120
# cost: 15
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/iplink.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad
ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad

# IPR KIND LOCAL_A LOCAL_B INNER_A INNER_B DONT_FRAGMENT_JSON
exercise() {
	local ipr=$1 kind=$2 under_a=$3 under_b=$4 inner_a=$5 inner_b=$6 df_json=$7
	local dev=t-$kind text df_text=
	[[ $kind == eoip ]] && df_text=" dont-fragment no"
	echo "# $ipr's ip, $kind"

	check "$ipr ip: link add $dev type $kind on a, bound to veth0" ipr "$ipr" -n "$a" \
		link add "$dev" type "$kind" local "$under_a" remote "$under_b" tunnel-id 100 link veth0
	check "$ipr ip: link add $dev type $kind on b" ipr "$ipr" -n "$b" link add "$dev" \
		type "$kind" local "$under_b" remote "$under_a" tunnel-id 100
	check "$dev up with $inner_a and $inner_b" lib_addresses_up "$dev" "$inner_a" "$inner_b"
	check "$ipr ip, $kind: a pings b through the tunnel" \
		ip netns exec "$a" ping -c 2 -i 0.2 -W 3 "${inner_b%/*}"

	# -s: the keepalive counters after the settings
	text=$(ipr "$ipr" -n "$a" -s -d link show "$dev")
	printf '#   %s\n' "${text//$'\n'/$'\n'#   }"
	check "$ipr ip -s -d link show: the settings in the command line's words" grep -qF -- \
		"$kind local $under_a remote $under_b tunnel-id 100 ttl 255 dscp inherit link veth0$df_text clamp-tcp-mss yes keepalive 10s,10 " \
		<<<"$text"
	check "$ipr ip -s -d link show: then the keepalive counters" grep -qE -- \
		'keepalive 10s,10 keepalives-sent [0-9]+ keepalives-received [0-9]+ ' <<<"$text"
	json_fields "$ipr ip -s -j -d link show: the kind, every setting typed, the keepalive counters" \
		"$(ipr "$ipr" -n "$a" -s -j -d link show "$dev")" 0.linkinfo info_kind="\"$kind\"" \
		info_data.local="\"$under_a\"" info_data.remote="\"$under_b\"" \
		info_data.tunnel_id=100 info_data.ttl=255 info_data.tos='"inherit"' \
		info_data.dont_fragment="$df_json" info_data.clamp_tcp_mss=true \
		info_data.keepalive_interval=10 info_data.keepalive_retries=10 info_data.link='"veth0"' \
		info_data.keepalive_sent=#int info_data.keepalive_received=#int

	check "$ipr ip: link set $dev type $kind tunnel-id 200 ttl 64 dscp 46 keepalive 5,3 on a" \
		ipr "$ipr" -n "$a" link set "$dev" type "$kind" tunnel-id 200 ttl 64 dscp 46 keepalive 5,3
	check "$ipr ip: link set $dev type $kind tunnel-id 200 on b" \
		ipr "$ipr" -n "$b" link set "$dev" type "$kind" tunnel-id 200
	json_fields "$ipr ip -j -d link show after the change: the new values, the rest kept" \
		"$(ipr "$ipr" -n "$a" -j -d link show "$dev")" 0.linkinfo.info_data tunnel_id=200 ttl=64 tos=184 keepalive_interval=5 \
		keepalive_retries=3 remote="\"$under_b\"" link='"veth0"' clamp_tcp_mss=true
	check "$ipr ip, $kind: a pings b over tunnel-id 200" \
		ip netns exec "$a" ping -c 1 -W 3 "${inner_b%/*}"

	check "$ipr ip: link del $dev on a" ipr "$ipr" -n "$a" link del "$dev"
	check "$ipr ip: link del $dev on b" ipr "$ipr" -n "$b" link del "$dev"
	check_fail "$dev is gone from a" ip -n "$a" link show "$dev"
}

for ipr in "${IPROUTE2S[@]}"; do
	exercise "$ipr" eoip 198.51.100.1 198.51.100.2 192.0.2.1/30 192.0.2.2/30 '"no"'
	exercise "$ipr" eoipv6 2001:db8:1::1 2001:db8:1::2 192.0.2.5/30 192.0.2.6/30 -
done
finish
