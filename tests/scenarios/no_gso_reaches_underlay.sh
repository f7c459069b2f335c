#!/bin/bash
# No device is ever handed a GRE GSO packet by EoIP: a NIC that segments GRE
# in hardware would parse our header (GRE version 1) as its own. veth
# advertises GRE segmentation as such NICs do and passes a GSO packet on
# whole, counting it as one packet: so when the underlay's sent bytes per
# packet stay within a 1514-byte frame while 8 MiB of TCP cross the tunnel,
# every GSO packet was cut into frames before it reached the underlay. Both
# with the underlay's GRE segmentation on (the default) and off; the bytes
# arrive with the same SHA-256 and nothing is dropped.
# timeout: 300
# cost: 12
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
tunnel_pair eoip1 1 198.51.100.1 198.51.100.2 192.0.2.1/28 192.0.2.2/28 keepalive none

transfer_in_frames() { # LABEL SEED
	local packets_before bytes_before packets bytes
	packets_before=$(link_stat "$a" veth0 tx_packets)
	bytes_before=$(link_stat "$a" veth0 tx_bytes)
	blob_transfer "$a" "$b" 192.0.2.2 $((8 << 20)) "$2" "$1"
	packets=$(($(link_stat "$a" veth0 tx_packets) - packets_before))
	bytes=$(($(link_stat "$a" veth0 tx_bytes) - bytes_before))
	check "$1: the underlay sent frames, not GSO packets ($bytes bytes in $packets packets, 1514 at most each on average)" \
		test $((packets * 1514)) -ge "$bytes"
}

check_eq "a's underlay segments GRE (veth's default)" "tx-gre-segmentation: on" \
	"$(ip netns exec "$a" ethtool -k veth0 | grep '^tx-gre-segmentation:')"
transfer_in_frames gre-segmentation-on 11

check "a's underlay stops segmenting GRE" ip netns exec "$a" \
	ethtool -K veth0 tx-gre-segmentation off tx-gre-csum-segmentation off
check_eq "a's underlay: tx-gre-segmentation" "tx-gre-segmentation: off" \
	"$(ip netns exec "$a" ethtool -k veth0 | grep '^tx-gre-segmentation:')"
transfer_in_frames gre-segmentation-off 12

check_eq "eoip1 on a: tx_dropped" 0 "$(link_stat "$a" eoip1 tx_dropped)"
check_eq "eoip1 on a: tx_errors" 0 "$(link_stat "$a" eoip1 tx_errors)"
check_eq "veth0 on a: tx_dropped" 0 "$(link_stat "$a" veth0 tx_dropped)"
check_eq "eoip1 on b: rx_errors" 0 "$(link_stat "$b" eoip1 rx_errors)"
finish
