#!/bin/bash
# clamp-tcp-mss no (on both ends): the SYNs keep the hosts' MSS (1460 for
# IPv4, 1440 for IPv6) across the tunnel, and so hosts with MTU 1500 bridged
# across a 1458-byte tunnel stall: their full-size frames do not fit it,
# the bridge drops them (counted on their way in, never out at the other
# end) and nobody tells the hosts. The handshake and small segments pass.
#
# The hosts send each frame alone (TSO and GSO off), as frames come to a
# router from a wire. A GSO packet from a host in the same machine would
# be forwarded whole (the bridge lets GSO packets pass whatever their
# size) and cut into frames bigger than the tunnel's MTU, which cross as
# outer fragments: that only happens on one machine, or where GRO merged
# the frames first.
# timeout: 300
# cost: 30
# shellcheck disable=SC2154,SC2015,SC2119,SC2034 # ns_new and capture_start assign by name; "A && B || lib_die" is meant; bridged_hosts takes no arguments
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"
. "$(dirname "$0")/lib/bridged_hosts.sh"
. "$(dirname "$0")/lib/syn_mss.sh"

STALL_LIMIT=10 # seconds; 4 MB cross in 2-3 s with clamping under TCG

bridged_hosts clamp-tcp-mss no
for host in "$ha" "$hb"; do
	ip netns exec "$host" ethtool -K eth0 tso off gso off >/dev/null ||
		lib_die "TSO and GSO off on a host's eth0"
done
for end in "$ra" "$rb"; do
	ip netns exec "$end" ethtool -K port0 gro off >/dev/null ||
		lib_die "GRO off on a bridge's port0"
done
check "eoip show says clamp-tcp-mss no" \
	bash -c "ip netns exec '$ra' '$EOIP' show name eoip1 | grep -q '  clamp-tcp-mss no'"

# Frames over 1458 bytes (the tunnel's MTU) that come into ra's bridge, and
# that come out of the tunnel at rb: nft counters on the ingress of ra's
# port0 and of rb's eoip1 (netdev family: a bridge-family table would load
# nft_meta_bridge, which keeps the bridge module from unloading).
count_big() { # NS DEV: start counting
	ip netns exec "$1" nft -f - <<NFT
table netdev clamp_test {
	chain big {
		type filter hook ingress device "$2" priority 0;
		meta length > 1458 counter
	}
}
NFT
}
big() { # NS
	ip netns exec "$1" nft list chain netdev clamp_test big |
		sed -n 's/.*counter packets \([0-9]*\) .*/\1/p'
}

capture_start cap_a "$ha" eth0 "$OUT/ha.pcap" tcp
capture_start cap_b "$hb" eth0 "$OUT/hb.pcap" tcp
blob_transfer "$ha" "$hb" 2001:db8:1::2 1000 1 ipv6-small

count_big "$ra" port0 && count_big "$rb" eoip1 || lib_die "nft counters"
# The receiver waits for as long as it takes; the sender has STALL_LIMIT.
ip netns exec "$hb" "$TCP_BLOB" receive 192.0.2.2 "$TCP_BLOB_PORT" >"$OUT/stall.received" &
server=$!
sent=$(ip netns exec "$ha" timeout "$STALL_LIMIT" "$TCP_BLOB" send 192.0.2.2 \
	"$TCP_BLOB_PORT" $((4 << 20)) 2)
kill "$server" 2>/dev/null
wait "$server"
check "4 MB from ha to hb do not arrive within ${STALL_LIMIT}s (received: $(cat "$OUT/stall.received"))" \
	test -z "$sent"
into=$(big "$ra") out_of=$(big "$rb")
check "ra's bridge got frames over 1458 bytes from ha (${into:-none})" test "${into:-0}" -gt 0
check_eq "none came out of the tunnel at rb: the bridge dropped them" 0 "$out_of"
capture_stop "$cap_a"
capture_stop "$cap_b"

echo "# SYNs at ha:"
syn_mss "$OUT/ha.pcap" | tee "$OUT/ha.syns" | sed 's/^/#   /'
echo "# SYNs at hb:"
syn_mss "$OUT/hb.pcap" | tee "$OUT/hb.syns" | sed 's/^/#   /'
check_eq "at hb, ha's SYNs arrive with the MSS ha sent (1460, 1440)" \
	"syn 192.0.2.1 1460
syn 2001:db8:1::1 1440" "$(grep '^syn ' "$OUT/hb.syns")"
check_eq "at ha, hb's SYN-ACKs arrive with the MSS hb sent (1460, 1440)" \
	"syn-ack 192.0.2.2 1460
syn-ack 2001:db8:1::2 1440" "$(grep '^syn-ack ' "$OUT/ha.syns")"
finish
