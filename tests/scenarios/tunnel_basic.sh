#!/bin/bash
# Two namespaces over veth, tunnel id 1234 configured on both ends, over an
# IPv4 underlay (kind eoip, default MTU 1458 as RouterOS's actual-mtu) and an
# IPv6 one (kind eoipv6, 1444): pings both ways, then 1 MiB of TCP each way
# through the tunnel, arriving whole.
# families: ipv4 ipv6
# timeout: 180
# cost: 7
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

DEV=tun1234
BYTES=$((1 << 20))

ns_new a
ns_new b
veth_link "$a" veth0 "$UNDER_A/$UNDER_PLEN" "$b" veth0 "$UNDER_B/$UNDER_PLEN"

tunnel_pair "$DEV" 1234 "$UNDER_A" "$UNDER_B" 192.0.2.1/24 192.0.2.2/24

check_eq "it is a link of kind $KIND" "$KIND" "$(ip -n "$a" -j -d link show "$DEV" |
	python3 -S -c 'import json, sys; print(json.load(sys.stdin)[0]["linkinfo"]["info_kind"])')"
check_eq "default MTU is $DEFAULT_MTU" "$DEFAULT_MTU" \
	"$(ip netns exec "$a" cat "/sys/class/net/$DEV/mtu")"
check "a pings b through the tunnel" ip netns exec "$a" ping -c 3 -i 0.2 -W 3 192.0.2.2
check "b pings a through the tunnel" ip netns exec "$b" ping -c 3 -i 0.2 -W 3 192.0.2.1

blob_transfer_within 60 "$a" "$b" 192.0.2.2 "$BYTES" 1 a-to-b
blob_transfer_within 60 "$b" "$a" 192.0.2.1 "$BYTES" 2 b-to-a
ip netns exec "$a" "$EOIP" show name "$DEV"
finish
