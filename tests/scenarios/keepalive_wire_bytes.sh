#!/bin/bash
# Our keepalives on the wire are RouterOS's: the outer IPv4 packet equals the
# one mk-a sends in mk-mk-idle.pcap (tunnel 100) byte for byte, apart from
# addresses, IP id and checksum: 28 bytes, TOS 0, DF clear, TTL 255,
# protocol 47, 20 01 64 00, frame length 0, tunnel id little endian. tshark
# shows MikroTik EoIP with an empty payload and gre.key 0x0000<id le16>.
# timeout: 300
# cost: 17
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

# mk-a's own keepalive for tunnel 100 (78.47.55.197 -> 128.140.114.175).
ROUTEROS='^4500001c.{8}ff2f.{4}4e2f37c5808c72af2001640000006400$'
A=c6336401 # 198.51.100.1
B=c6336402 # 198.51.100.2

# Everything but IP id (bytes 4-5), checksum (10-11) and addresses (12-19).
masked() { echo "${1:0:8}${1:12:8}${1:40}"; }

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
capture_start capture "$b" veth0 "$OUT/underlay.pcap" "ip proto 47"

for id in 100 1234; do
	check "add eoip$id keepalive 1,3 on a" ip netns exec "$a" "$EOIP" add \
		name eoip$id local 198.51.100.1 remote 198.51.100.2 tunnel-id $id \
		keepalive 1,3
	ip -n "$a" link set eoip$id up
done
sent_two() { (($(keepalive_stat "$a" eoip1234 sent) >= 2)); }
wait_until 10 "a sent two keepalives on each tunnel" sent_two
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

routeros=$(frames "$CAPTURES/mk-mk-idle.pcap" "$ROUTEROS" | awk '{ print $3; exit }')
check "mk-mk-idle.pcap holds mk-a's keepalive for tunnel 100" test -n "$routeros"
frames "$OUT/underlay.pcap" "^.{24}$A${B}20016400" | awk '{ print $3 }' >"$OUT/from-a.txt"
ours=$(grep -m 1 -x '.\{40\}2001640000006400' "$OUT/from-a.txt")
ours1234=$(grep -m 1 -x '.\{40\}200164000000d204' "$OUT/from-a.txt")
echo "# RouterOS:  $routeros"
echo "# ours, 100: $ours"
echo "# ours 1234: $ours1234"
check "captured our keepalives for tunnels 100 and 1234" test -n "$ours" -a -n "$ours1234"
check_eq "equal to RouterOS's apart from addresses, IP id and checksum" \
	"$(masked "$routeros")" "$(masked "$ours")"
check_eq "IPv4 total length 28" 001c "${ours:4:4}"
check_eq "TOS 0" 00 "${ours:2:2}"
check_eq "DF clear, not a fragment" 0000 "${ours:12:4}"
check_eq "TTL 255" ff "${ours:16:2}"
check_eq "tunnel 1234: 20 01 64 00 00 00 d2 04" 200164000000d204 "${ours1234:40}"

# tshark: MikroTik EoIP, gre.key = length 0 and the id as written (le16),
# nothing dissected after the GRE header.
tshark -r "$OUT/underlay.pcap" -Y "ip.src == 198.51.100.1 && ip.len == 28" \
	-T fields -e gre.key -e frame.protocols -e _ws.col.Info 2>/dev/null |
	sort -u >"$OUT/tshark.txt"
cat "$OUT/tshark.txt"
check "tshark: tunnel 100 is gre.key 0x00006400, empty payload" \
	grep -qP '^0x00006400\teth:ethertype:ip:gre\t.*MIKROTIK EoIP' "$OUT/tshark.txt"
check "tshark: tunnel 1234 is gre.key 0x0000d204, empty payload" \
	grep -qP '^0x0000d204\teth:ethertype:ip:gre\t.*MIKROTIK EoIP' "$OUT/tshark.txt"
finish
