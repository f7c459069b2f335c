#!/bin/bash
# Keepalive 1,3 on both ends (RouterOS keepalive=1s,3): the carrier is on
# while keepalives arrive; when the peer stops sending them the carrier goes
# off 3 to 4 s after the last one (interval x retries, checked on our own
# 1 s tick); the first keepalive after the peer resumes turns it on again.
# Prints both delays, measured from the peer's keepalives as captured on our
# underlay to the carrier changes as `ip monitor link` reported them.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

DEV=eoip100
# b's keepalives as they reach a: 28-byte IPv4 packet 198.51.100.2 ->
# 198.51.100.1, TTL 255, protocol 47, header 20 01 64 00, length 0, id 100.
FROM_B='^4500001c.{8}ff2f.{4}c6336402c63364012001640000006400$'
FROM_A='^4500001c.{8}ff2f.{4}c6336401c63364022001640000006400$' # a's own

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
link_monitor_start "$a" "$OUT/monitor.txt"
capture_start capture "$a" veth0 "$OUT/underlay.pcap" "ip proto 47"

check "add $DEV keepalive 1,3 on a" ip netns exec "$a" "$EOIP" add name $DEV \
	local 198.51.100.1 remote 198.51.100.2 tunnel-id 100 keepalive 1,3
check "add $DEV keepalive 1,3 on b" ip netns exec "$b" "$EOIP" add name $DEV \
	local 198.51.100.2 remote 198.51.100.1 tunnel-id 100 keepalive 1,3
ip -n "$a" link set $DEV up
ip -n "$b" link set $DEV up

show_a() { ip netns exec "$a" "$EOIP" show name $DEV; }
shows_state() { show_a | grep -qx "$DEV: eoip, $1"; }
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

keepalive_timing "$OUT/monitor.txt" $DEV "$OUT/underlay.pcap" "$FROM_B" "$FROM_A" "$silenced"
finish
