#!/bin/bash
# ip link add ... type eoip|eoipv6 with bad settings, with bookworm's ip
# and with sid's: each is refused before anything is sent, with an
# iproute2-style "Error: ..." that names the problem, exit status 1, and no
# link is created; a bad ip link set leaves the tunnel as it was; ip link
# help eoip prints the syntax.
# timeout: 90
# cost: 10
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"
. "$(dirname "$0")/lib/iplink.sh"

ns_new a

for ipr in "${IPROUTE2S[@]}"; do
	add() { ipr "$ipr" -n "$a" link add bad0 "$@"; }
	check_refused "$ipr ip: eoip without remote" 1 \
		"Error: remote is required" add type eoip tunnel-id 5
	check_refused "$ipr ip: eoip without tunnel-id" 1 \
		"Error: tunnel-id is required" add type eoip remote 198.51.100.2
	check_refused "$ipr ip: eoip tunnel-id 65536" 1 \
		"Error: tunnel-id 65536 is out of range 0..65535" \
		add type eoip remote 198.51.100.2 tunnel-id 65536
	check_refused "$ipr ip: eoipv6 tunnel-id 4096" 1 \
		"Error: tunnel-id 4096 is out of range 0..4095 for eoipv6" \
		add type eoipv6 remote 2001:db8::2 tunnel-id 4096
	check_refused "$ipr ip: an unknown word" 1 \
		"Error: unknown keyword 'frobnicate'" \
		add type eoip remote 198.51.100.2 tunnel-id 5 frobnicate 1
	check_refused "$ipr ip: a word without its value" 1 \
		"Error: 'ttl' needs a value" add type eoip remote 198.51.100.2 tunnel-id 5 ttl
	check_refused "$ipr ip: keepalive 0" 1 \
		"Error: keepalive interval 0 is out of range 1..3600" \
		add type eoip remote 198.51.100.2 tunnel-id 5 keepalive 0
	check_refused "$ipr ip: an IPv4 remote for eoipv6" 1 \
		"Error: remote must be an IPv6 address for eoipv6" \
		add type eoipv6 remote 198.51.100.2 tunnel-id 5
	check_refused "$ipr ip: mtu after 'type eoip'" 1 \
		"Error: 'mtu' is an ip link option: give it before 'type eoip'" \
		add type eoip remote 198.51.100.2 tunnel-id 5 mtu 1500
	check_refused "$ipr ip: a link that does not exist" 1 \
		"Error: link: no such interface 'nosuch0'" \
		add type eoip remote 198.51.100.2 tunnel-id 5 link nosuch0
	check_eq "$ipr ip: none of them made a link" "" \
		"$(ip -n "$a" -o link show type eoip; ip -n "$a" -o link show type eoipv6)"

	check "$ipr ip: a good eoip tunnel to change" \
		add type eoip remote 198.51.100.2 tunnel-id 5
	check_refused "$ipr ip: link set tunnel-id 70000" 1 \
		"Error: tunnel-id 70000 is out of range 0..65535" \
		ipr "$ipr" -n "$a" link set bad0 type eoip tunnel-id 70000
	json_fields "$ipr ip: the refused change changed nothing" \
		"$(ipr "$ipr" -n "$a" -j -d link show bad0)" 0.linkinfo.info_data tunnel_id=5
	check "$ipr ip: delete it" ipr "$ipr" -n "$a" link del bad0

	check "$ipr ip link help eoip: the syntax" grep -qF \
		"Usage: ip link add NAME type eoip remote ADDR tunnel-id ID" \
		<<<"$(ipr "$ipr" link help eoip 2>&1)"
done
finish
