#!/bin/bash
# EoIPv6 keepalive 1,3 on both ends: the keepalive is the bare 2-byte header
# (IPv6 payload length 2, 43 d2 for tunnel 1234, hop limit 255); the carrier
# goes off 3 to 4 s after the peer's last one and comes back with the first
# one after it resumes. Prints both delays.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

DEV=eoipv6-1234
A=20010db8000100000000000000000001 # 2001:db8:1::1
B=20010db8000100000000000000000002 # 2001:db8:1::2
# b's keepalives as they reach a: payload length 2, next header 97, hop
# limit 255, traffic class and flow label 0, and nothing but 43 d2.
FROM_B="^60000000000261ff$B${A}43d2\$"
FROM_A="^60000000000261ff$A${B}43d2\$" # a's own

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64
link_monitor_start "$a" "$OUT/monitor.txt"
capture_start capture "$a" veth0 "$OUT/underlay.pcap" "ip6 proto 97"

check "add $DEV keepalive 1,3 on a" ip netns exec "$a" "$EOIP" add name $DEV \
	local 2001:db8:1::1 remote 2001:db8:1::2 tunnel-id 1234 keepalive 1,3
check "add $DEV keepalive 1,3 on b" ip netns exec "$b" "$EOIP" add name $DEV \
	local 2001:db8:1::2 remote 2001:db8:1::1 tunnel-id 1234 keepalive 1,3
ip -n "$a" link set $DEV up
ip -n "$b" link set $DEV up

received_some() { (($(keepalive_stat "$a" "$DEV" received) >= 2)); }
wait_until 10 "a receives b's keepalives" received_some
check "a's carrier is on" carrier_is "$a" $DEV 1
silenced=$EPOCHREALTIME
check "b stops its keepalives (keepalive none)" \
	ip netns exec "$b" "$EOIP" change name $DEV keepalive none
wait_until 10 "a's carrier goes off" carrier_is "$a" $DEV 0
ip netns exec "$a" "$EOIP" show name $DEV
check "b resumes (keepalive 1,3)" \
	ip netns exec "$b" "$EOIP" change name $DEV keepalive 1,3
wait_until 5 "a's carrier comes back on" carrier_is "$a" $DEV 1
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

check "b's keepalives on the wire: IPv6 payload of 2 bytes, 43 d2, hop limit 255" \
	test "$(frames "$OUT/underlay.pcap" "$FROM_B" | wc -l)" -ge 3
keepalive_timing "$OUT/monitor.txt" $DEV "$OUT/underlay.pcap" "$FROM_B" "$FROM_A" "$silenced"
finish
