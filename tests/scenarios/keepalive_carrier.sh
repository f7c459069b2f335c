#!/bin/bash
# Keepalive 1,3 on both ends (RouterOS keepalive=1s,3), over IPv4 (eoip,
# tunnel 100) and IPv6 (eoipv6, tunnel 1234): the carrier is on while
# keepalives arrive; when the peer stops sending them the carrier goes off
# 3 to 4 s after the last one (interval x retries, checked on our own 1 s
# tick); the first keepalive after the peer resumes turns it on again. The
# peer's keepalives on the wire are headers alone: 20 01 64 00, length 0
# and the id in a 28-byte IPv4 packet with TTL 255; 43 d2 as an IPv6
# payload of 2 bytes with hop limit 255. Prints both delays, measured from
# the peer's keepalives as captured on our underlay to the carrier changes
# as `ip monitor link` reported them.
# families: ipv4 ipv6
# timeout: 300
# cost: 19
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

# b's keepalives as they reach a (FROM_B), and a's own (FROM_A).
case $FAMILY in
ipv4)
	DEV=eoip100 ID=100 FILTER="ip proto 47"
	# 28-byte IPv4 packet 198.51.100.2 -> 198.51.100.1, TTL 255, protocol
	# 47, header 20 01 64 00, length 0, id 100.
	FROM_B='^4500001c.{8}ff2f.{4}c6336402c63364012001640000006400$'
	FROM_A='^4500001c.{8}ff2f.{4}c6336401c63364022001640000006400$'
	WIRE="28-byte IPv4 packets, TTL 255, 20 01 64 00 00 00 64 00"
	;;
ipv6)
	DEV=eoipv6-1234 ID=1234 FILTER="ip6 proto 97"
	A=20010db8000100000000000000000001 # 2001:db8:1::1
	B=20010db8000100000000000000000002 # 2001:db8:1::2
	# Payload length 2, next header 97, hop limit 255, traffic class and
	# flow label 0, and nothing but 43 d2.
	FROM_B="^60000000000261ff$B${A}43d2\$"
	FROM_A="^60000000000261ff$A${B}43d2\$"
	WIRE="IPv6 payload of 2 bytes, 43 d2, hop limit 255"
	;;
*) lib_die "no family given (# families: ipv4 ipv6)" ;;
esac

ns_new a
ns_new b
veth_link "$a" veth0 "$UNDER_A/$UNDER_PLEN" "$b" veth0 "$UNDER_B/$UNDER_PLEN"
link_monitor_start "$a" "$OUT/monitor.txt"
capture_start capture "$a" veth0 "$OUT/underlay.pcap" "$FILTER"

check "add $DEV keepalive 1,3 on a" ip netns exec "$a" "$EOIP" add name $DEV \
	local "$UNDER_A" remote "$UNDER_B" tunnel-id $ID keepalive 1,3
check "add $DEV keepalive 1,3 on b" ip netns exec "$b" "$EOIP" add name $DEV \
	local "$UNDER_B" remote "$UNDER_A" tunnel-id $ID keepalive 1,3
ip -n "$a" link set $DEV up
ip -n "$b" link set $DEV up

show_a() { ip netns exec "$a" "$EOIP" show name $DEV; }
shows_state() { show_a | grep -qx "$DEV: $KIND, $1"; }
received_some() { (($(keepalive_stat "$a" "$DEV" received) >= 2)); }

wait_until 10 "a receives b's keepalives" received_some
check "a's carrier is on" carrier_is "$a" $DEV 1
check "eoip show on a: up, running" shows_state "up, running"

# The peer falls silent.
silenced=$EPOCHREALTIME
check "b stops its keepalives (keepalive none)" \
	ip netns exec "$b" "$EOIP" change name $DEV keepalive none
check "b's carrier stays on (it expects nothing)" carrier_is "$b" $DEV 1
wait_until 10 "a's carrier goes off" carrier_is "$a" $DEV 0
show_a
check "eoip show on a: up, no carrier" shows_state "up, no carrier"
age=$(keepalive_stat "$a" $DEV age)
check "eoip show on a: last keepalive ${age}s ago, at least 3" test "${age:-0}" -ge 3
received_while_off=$(keepalive_stat "$a" $DEV received)
sent_while_off=$(keepalive_stat "$a" $DEV sent)

# The peer comes back; a went on sending all along.
check "b resumes (keepalive 1,3)" \
	ip netns exec "$b" "$EOIP" change name $DEV keepalive 1,3
wait_until 5 "a's carrier comes back on" carrier_is "$a" $DEV 1
show_a
check "eoip show on a: up, running again" shows_state "up, running"
check "a counted the new keepalive" \
	test "$(keepalive_stat "$a" $DEV received)" -gt "$received_while_off"
check "a went on sending while its carrier was off" \
	test "$(keepalive_stat "$a" $DEV sent)" -gt "$sent_while_off"
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

check "b's keepalives on the wire: $WIRE" \
	test "$(frames "$OUT/underlay.pcap" "$FROM_B" | wc -l)" -ge 3
keepalive_timing "$OUT/monitor.txt" $DEV "$OUT/underlay.pcap" "$FROM_B" "$FROM_A" "$silenced"
finish
