#!/bin/bash
# EoIP sends a TCP GSO packet of equal frames whole, as GRE GSO, and leaves
# its segmentation to the underlay. Most NICs (virtio-net among them) cannot
# segment GRE themselves, so the kernel does it in software on the way out:
# here a veth with tx-gre-segmentation off stands for them. 8 MiB cross the
# tunnel with the same SHA-256; the underlay sent more packets than the
# tunnel handed it, of 1514 bytes or less on average (they were cut there),
# and nothing was dropped.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
check "a's underlay stops segmenting GRE itself" ip netns exec "$a" \
	ethtool -K veth0 tx-gre-segmentation off tx-gre-csum-segmentation off
check_eq "a's underlay: tx-gre-segmentation" "tx-gre-segmentation: off" \
	"$(ip netns exec "$a" ethtool -k veth0 | grep '^tx-gre-segmentation:')"
tunnel_pair eoip1 1 198.51.100.1 198.51.100.2 192.0.2.1/28 192.0.2.2/28 keepalive none

tunnel_before=$(link_stat "$a" eoip1 tx_packets)
underlay_before=$(link_stat "$a" veth0 tx_packets)
underlay_bytes_before=$(link_stat "$a" veth0 tx_bytes)
blob_transfer "$a" "$b" 192.0.2.2 $((8 << 20)) 11 eoip1

tunnel=$(($(link_stat "$a" eoip1 tx_packets) - tunnel_before))
underlay=$(($(link_stat "$a" veth0 tx_packets) - underlay_before))
underlay_bytes=$(($(link_stat "$a" veth0 tx_bytes) - underlay_bytes_before))
check "the underlay cut the tunnel's GSO packets ($tunnel in, $underlay out)" \
	test "$underlay" -gt "$tunnel"
check "the underlay's frames average 1514 bytes or less ($underlay_bytes in $underlay)" \
	test $((underlay * 1514)) -ge "$underlay_bytes"
check_eq "eoip1 on a: tx_dropped" 0 "$(link_stat "$a" eoip1 tx_dropped)"
check_eq "veth0 on a: tx_dropped" 0 "$(link_stat "$a" veth0 tx_dropped)"
check_eq "eoip1 on b: rx_errors" 0 "$(link_stat "$b" eoip1 rx_errors)"
finish
