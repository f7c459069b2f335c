#!/bin/bash
# ip(8) with link_eoip.so and the eoip tool on the same tunnels, with
# bookworm's ip and with sid's: a tunnel made by ip link is read and
# changed by eoip (show, -j show, change), one made by eoip is read and
# changed by ip (-d, -j -d, link set), and eoip -j list holds both, each
# side seeing the other's settings.
# timeout: 90
# cost: 10
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/iplink.sh"

ns_new a
in_a() { ip netns exec "$a" "$@"; }

for ipr in "${IPROUTE2S[@]}"; do
	echo "# $ipr's ip"
	check "$ipr ip: link add m-ip type eoip ... tunnel-id 300 dscp 10 keepalive 7,2" \
		ipr "$ipr" -n "$a" link add m-ip type eoip local 198.51.100.1 \
		remote 198.51.100.2 tunnel-id 300 dscp 10 keepalive 7,2
	show=$(in_a "$EOIP" show name m-ip)
	printf '#   %s\n' "${show//$'\n'/$'\n'#   }"
	check "eoip show of the ip-made tunnel: addresses and tunnel-id" grep -qF \
		"local 198.51.100.1  remote 198.51.100.2  tunnel-id 300" <<<"$show"
	check "eoip show of the ip-made tunnel: dscp 10" grep -qF "  dscp 10  " <<<"$show"
	check "eoip show of the ip-made tunnel: keepalive 7s,2" grep -qF "  keepalive 7s,2" <<<"$show"
	json_fields "eoip -j show of the ip-made tunnel: every field" \
		"$(in_a "$EOIP" -j show name m-ip)" 0 name='"m-ip"' kind='"eoip"' up=false \
		running=false local='"198.51.100.1"' remote='"198.51.100.2"' tunnel_id=300 \
		ttl=255 tos=40 dont_fragment='"no"' clamp_tcp_mss=true keepalive_interval=7 \
		keepalive_retries=2 mtu=1458
	check "eoip change of the ip-made tunnel: tunnel-id 302" \
		in_a "$EOIP" change name m-ip tunnel-id 302
	json_fields "$ipr ip -j -d sees eoip's change" \
		"$(ipr "$ipr" -n "$a" -j -d link show m-ip)" 0.linkinfo.info_data \
		tunnel_id=302 tos=40 keepalive_interval=7

	check "eoip add name m-tool tunnel-id 301 remote 2001:db8:1::2 ttl 30" \
		in_a "$EOIP" add name m-tool tunnel-id 301 remote 2001:db8:1::2 ttl 30
	check "$ipr ip -d link show of the eoip-made tunnel: in the same words" grep -qF \
		"eoipv6 local any remote 2001:db8:1::2 tunnel-id 301 ttl 30 dscp inherit clamp-tcp-mss yes keepalive 10s,10 " \
		<<<"$(ipr "$ipr" -n "$a" -d link show m-tool)"
	json_fields "$ipr ip -j -d link show of the eoip-made tunnel" \
		"$(ipr "$ipr" -n "$a" -j -d link show m-tool)" 0.linkinfo.info_data \
		local='"any"' remote='"2001:db8:1::2"' tunnel_id=301 ttl=30 tos='"inherit"' \
		dont_fragment=- link=- keepalive_interval=10 keepalive_retries=10
	check "$ipr ip: link set m-tool type eoipv6 keepalive none" \
		ipr "$ipr" -n "$a" link set m-tool type eoipv6 keepalive none
	check "eoip show sees ip's change: keepalive none" grep -q '^  keepalive none$' \
		<<<"$(in_a "$EOIP" show name m-tool)"

	list=$(in_a "$EOIP" -j list)
	printf '#   %s\n' "$list"
	json_fields "eoip -j list: the ip-made tunnel, then the eoip-made one" "$list" . \
		0.name='"m-ip"' 0.tunnel_id=302 1.name='"m-tool"' 1.kind='"eoipv6"' \
		1.keepalive_interval=0
	check "$ipr ip: link del the eoip-made tunnel" ipr "$ipr" -n "$a" link del m-tool
	check "eoip del the ip-made tunnel" in_a "$EOIP" del m-ip
	check_eq "eoip -j list: none left" "[]" "$(in_a "$EOIP" -j list)"
done
finish
