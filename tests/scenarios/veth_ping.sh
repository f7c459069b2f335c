#!/bin/bash
# cost: 2
# Two namespaces joined by a veth pair ping each other both ways: the guest's
# namespaces, veth (auto-loaded) and ping work, so a tunnel scenario failing
# means the tunnel.
set -u
. "$(dirname "$0")/lib.sh"

ns_new left
ns_new right
# shellcheck disable=SC2154 # ns_new assigned left and right
veth_link "$left" veth0 192.0.2.1/24 "$right" veth0 192.0.2.2/24

check "left pings right at 192.0.2.2" ip netns exec "$left" ping -c 1 -W 2 192.0.2.2
check "right pings left at 192.0.2.1" ip netns exec "$right" ping -c 1 -W 2 192.0.2.1
sent=$(link_stat "$left" veth0 tx_packets)
check "left's veth0 counted the packets it sent ($sent)" test "$sent" -ge 2
finish
