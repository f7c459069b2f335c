#!/bin/bash
# clamp-tcp-mss (on by default, as on RouterOS): two hosts with MTU 1500
# bridged across a 1458-byte tunnel agree on segments that fit it, because
# each end lowers the MSS of the SYNs it decapsulates to MTU - 40 (IPv4)
# or MTU - 60 (IPv6), behind a VLAN tag too. Captured where they arrive,
# the SYN and SYN-ACK carry MSS 1418 (IPv4) and 1398 (IPv6), and 4 MB cross
# in both directions.
# timeout: 300
# cost: 22
# shellcheck disable=SC2154,SC2015,SC2119,SC2034 # ns_new and capture_start assign by name; "A && B || lib_die" is meant; bridged_hosts takes no arguments
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"
. "$(dirname "$0")/lib/bridged_hosts.sh"
. "$(dirname "$0")/lib/syn_mss.sh"

BLOB=$((4 << 20))

bridged_hosts
check "eoip show says clamp-tcp-mss yes without being told" \
	bash -c "ip netns exec '$ra' '$EOIP' show name eoip1 | grep -q '  clamp-tcp-mss yes'"
check_eq "eoip1's MTU is the default 1458" 1458 \
	"$(ip netns exec "$ra" cat /sys/class/net/eoip1/mtu)"

capture_start cap_a "$ha" eth0 "$OUT/ha.pcap" "tcp or (vlan and tcp)"
capture_start cap_b "$hb" eth0 "$OUT/hb.pcap" "tcp or (vlan and tcp)"
blob_transfer "$ha" "$hb" 192.0.2.2 "$BLOB" 1 ipv4-a-to-b
blob_transfer "$hb" "$ha" 192.0.2.1 "$BLOB" 2 ipv4-b-to-a
blob_transfer "$ha" "$hb" 2001:db8:1::2 "$BLOB" 3 ipv6-a-to-b
blob_transfer "$ha" "$hb" 203.0.113.2 $((256 << 10)) 4 vlan10-a-to-b
capture_stop "$cap_a"
capture_stop "$cap_b"

echo "# SYNs that reached ha (from hb, through the tunnel):"
syn_mss "$OUT/ha.pcap" | tee "$OUT/ha.syns" | sed 's/^/#   /'
echo "# SYNs that reached hb (from ha, through the tunnel):"
syn_mss "$OUT/hb.pcap" | tee "$OUT/hb.syns" | sed 's/^/#   /'
# The hosts' own SYNs, captured as they leave, say 1460 and 1440.
check_eq "at ha, hb's SYN (IPv4) and SYN-ACKs (IPv4, IPv6, VLAN) say 1418 and 1398" \
	"syn 192.0.2.2 1418
syn-ack 192.0.2.2 1418
syn-ack 2001:db8:1::2 1398
syn-ack 203.0.113.2 1418" "$(grep -v -e ' 192.0.2.1 ' -e ' 2001:db8:1::1 ' -e ' 203.0.113.1 ' "$OUT/ha.syns")"
check_eq "at hb, ha's SYNs (IPv4, IPv6, VLAN) and SYN-ACK (IPv4) say 1418 and 1398" \
	"syn 192.0.2.1 1418
syn 2001:db8:1::1 1398
syn 203.0.113.1 1418
syn-ack 192.0.2.1 1418" "$(grep -v -e ' 192.0.2.2 ' -e ' 2001:db8:1::2 ' -e ' 203.0.113.2 ' "$OUT/hb.syns")"
check_eq "the hosts sent MSS 1460 (IPv4) and 1440 (IPv6): the tunnel changed them" \
	"syn 192.0.2.1 1460
syn 2001:db8:1::1 1440
syn 203.0.113.1 1460
syn-ack 192.0.2.1 1460" "$(grep -e ' 192.0.2.1 ' -e ' 2001:db8:1::1 ' -e ' 203.0.113.1 ' "$OUT/ha.syns")"
finish
