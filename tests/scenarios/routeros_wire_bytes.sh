#!/bin/bash
# The frames mk-a sent in the RouterOS captures (ARP, ping, MNDP/CDP/LLDP;
# mk-mk-ping.pcap and mk-mk-multi.pcap), sent through our eoip100/eoip200
# configured as mk-a is (remote only, defaults), leave as the outer packets
# RouterOS sent, apart from addresses, IP id and IP checksum: TTL 255, DF
# clear, TOS 0, protocol 47, the same EoIP header bytes and total length;
# our first keepalives equal RouterOS's. tshark decodes every one as
# MIKROTIK EoIP with the gre.key RouterOS's packet had. One difference is
# expected and listed: RouterOS sends its own MNDP IPv4 broadcasts with TOS
# 0xfe although their inner header says 0; we send TOS 0 (the default).
# timeout: 300
# cost: 12
set -u
. "$(dirname "$0")/lib.sh"

PCAPS=("$CAPTURES/mk-mk-ping.pcap" "$CAPTURES/mk-mk-multi.pcap")

ns_new mka
ns_new mkb
# shellcheck disable=SC2154 # ns_new assigned mka and mkb
veth_link "$mka" veth0 198.51.100.1/24 "$mkb" veth0 198.51.100.2/24
# Nothing on the wire but what we send: no IPv6 chatter from the eoip devices.
ip netns exec "$mka" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
for id in 100 200; do
	check "add eoip$id as mk-a has it: tunnel-id $id, remote 198.51.100.2 only" \
		ip netns exec "$mka" "$EOIP" add name "eoip$id" tunnel-id "$id" remote 198.51.100.2
done

# Captured where RouterOS's were, on the sender's side, from before the
# devices come up so that their first keepalives are in it: the helper
# brings eoip100/eoip200 up itself once it listens on veth0.
check "mk-a's inner frames sent through eoip100/eoip200 and their outer packets captured" \
	ip netns exec "$mka" python3 -S "$REPO/tests/scenarios/lib/routeros_wire.py" "$OUT" veth0 \
	"${PCAPS[@]}" || finish # nothing below would mean anything

# COLUMN: the distinct values of that column of wire.fields, each after its
# count ("26 255").
column() {
	awk -F'\t' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		{ n[$c]++ } END { for (v in n) print n[v], v }' "$OUT/wire.fields"
}
# KIND: keepalive or data rows of wire.fields
rows() {
	if [[ $1 == keepalive ]]; then awk -F'\t' 'NR > 1 && $2 == 0' "$OUT/wire.fields"
	else awk -F'\t' 'NR > 1 && $2 != 0' "$OUT/wire.fields"; fi
}

total=$(($(wc -l <"$OUT/wire.fields") - 1))
data=$(cat "$OUT/wire.data-count")
check_eq "every frame sent left as one outer packet ($data)" "$data" "$(rows data | wc -l)"
for id in 100 200; do
	check "a keepalive of tunnel $id left when eoip$id came up" \
		test "$(rows keepalive | awk -F'\t' -v id="$id" '$1 == id' | wc -l)" -ge 1
done
check_eq "TTL 255 on every outer packet" "$total 255" "$(column ttl)"
check_eq "DF clear on every outer packet" "$total 0" "$(column df)"
check_eq "TOS 0 on every outer packet" "$total 0" "$(column tos)"
check_eq "protocol 47 on every outer packet" "$total 47" "$(column proto)"
check_eq "source address from routing (local unset)" "$total 198.51.100.1" "$(column src)"
check_eq "destination the remote" "$total 198.51.100.2" "$(column dst)"
check_eq "a correct IP header checksum on every outer packet" "$total yes" "$(column checksum_ok)"
check_eq "IP total length = 20 + 8 + frame length on every outer packet" 0 \
	"$(awk -F'\t' 'NR > 1 && $7 != 28 + $2' "$OUT/wire.fields" | wc -l)"
check_eq "tunnel 100's ARP request: EoIP header 20 01 64 00 00 2a 64 00" 20016400002a6400 \
	"$(awk -F'\t' 'NR > 1 && $1 == 100 && $2 == 42 { print $8; exit }' "$OUT/wire.fields")"
check_eq "tunnel 200's keepalive: EoIP header 20 01 64 00 00 00 c8 00" 200164000000c800 \
	"$(rows keepalive | awk -F'\t' '$1 == 200 { print $8; exit }')"
check_eq "RouterOS's outer TOS is 0 but on its MNDP IPv4 broadcasts (0xfe)" \
	$'100 0xfe udp/5678\n200 0xfe udp/5678' "$(cat "$OUT/wire.routeros-tos")"
check "each outer packet equals RouterOS's but for addresses, IP id, checksum (TOS 0 for 0xfe)" \
	cmp "$OUT/wire.routeros" "$OUT/wire.ours"

tshark -n -r "$OUT/wire.pcap" -T fields -e gre -e gre.key -e frame.protocols >"$OUT/wire.tshark" 2>"$OUT/tshark.log"
check_eq "all $total protocol 47 packets are EoIP, and tshark decodes them" "$total" "$(wc -l <"$OUT/wire.tshark")"
cut -f 1,2 "$OUT/wire.tshark" >"$OUT/wire.tshark-keys"
check "tshark: MIKROTIK EoIP with RouterOS's gre.key on each" \
	cmp "$OUT/wire.gre-keys" "$OUT/wire.tshark-keys"
check_eq "tshark: the first ARP (tunnel 100, 42 bytes) has gre.key 0x002a6400" \
	"0x002a6400" "$(awk -F'\t' '$3 ~ /:arp$/ { print $2; exit }' "$OUT/wire.tshark")"
check_eq "tshark: the inner Ethernet frame of every data packet is dissected" "$data" \
	"$(grep -c $'\teth:ethertype:ip:gre:eth:' "$OUT/wire.tshark")"
finish
