#!/bin/bash
# EoIPv6 on the wire, for tunnel ids 0, 1234 and 4095 (docs/PROTOCOL.md,
# section 3): next header 97, hop limit 255, traffic class 0, flow label 0,
# then the 2-byte header (id >> 8) << 4 | 3, id & 0xff = 03 00, 43 d2, f3 ff,
# then the Ethernet frame. tshark decodes them as EtherIP (and warns
# "Version must be 3": expected, RouterOS swapped the nibbles) with the ping
# inside.
# timeout: 300
# cost: 15
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

A=20010db8000100000000000000000001 # 2001:db8:1::1
B=20010db8000100000000000000000002 # 2001:db8:1::2
declare -A HEADER=([0]=0300 [1234]=43d2 [4095]=f3ff)
declare -A TSHARK_VERSION=([0]=0 [1234]=4 [4095]=15) # the high nibble
declare -A INNER=([0]=1 [1234]=5 [4095]=9)           # 192.0.2.N/30 on a, N+1 on b

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64
capture_start capture "$b" veth0 "$OUT/underlay.pcap" "ip6 proto 97"

for id in 0 1234 4095; do
	n=${INNER[$id]}
	check "add eoipv6-$id on a" ip netns exec "$a" "$EOIP" add name eoipv6-$id \
		local 2001:db8:1::1 remote 2001:db8:1::2 tunnel-id $id keepalive none
	check "add eoipv6-$id on b" ip netns exec "$b" "$EOIP" add name eoipv6-$id \
		local 2001:db8:1::2 remote 2001:db8:1::1 tunnel-id $id keepalive none
	ip -n "$a" addr add "192.0.2.$n/30" dev eoipv6-$id
	ip -n "$b" addr add 192.0.2.$((n + 1))/30 dev eoipv6-$id
	ip -n "$a" link set eoipv6-$id up
	ip -n "$b" link set eoipv6-$id up
done
for id in 0 1234 4095; do
	check "a pings b through tunnel $id" \
		ip netns exec "$a" ping -c 1 -W 3 192.0.2.$((${INNER[$id]} + 1))
done
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

frames "$OUT/underlay.pcap" "^.{16}$A$B" | awk '{ print $3 }' >"$OUT/from-a.txt"
check "captured a's EoIPv6 packets" test -s "$OUT/from-a.txt"
# version 6, traffic class 0, flow label 0; next header 0x61; hop limit 0xff
check_eq "all of them: traffic class 0, flow label 0, next header 97, hop limit 255" \
	"60000000 61ff" "$(cut -c 1-8,13-16 "$OUT/from-a.txt" | sort -u |
		sed 's/^\(.\{8\}\)/\1 /')"
for id in 0 1234 4095; do
	check "tunnel $id: header ${HEADER[$id]} on the wire" \
		grep -q "^.\{80\}${HEADER[$id]}" "$OUT/from-a.txt"
done

tshark -r "$OUT/underlay.pcap" -Y "ipv6.src == 2001:db8:1::1 && icmp" \
	-T fields -e etherip.ver -e frame.protocols -e _ws.expert.message \
	2>/dev/null | sort -u >"$OUT/tshark.txt"
cat "$OUT/tshark.txt"
for id in 0 1234 4095; do
	check "tshark: tunnel $id decodes as EtherIP 'version' ${TSHARK_VERSION[$id]} with the ping inside" \
		grep -qP "^${TSHARK_VERSION[$id]}\teth:ethertype:ipv6:etherip:eth:ethertype:ip:icmp[:\t]" \
		"$OUT/tshark.txt"
done
finish
