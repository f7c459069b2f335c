#!/bin/bash
# Data is not proof of life (RouterOS, OpenBSD): our end with keepalive 1,3
# faces a peer that sends pings through the tunnel but no keepalives; the
# carrier goes off 3 to 4 s after keepalive was turned on, while the frames
# keep arriving.
# timeout: 300
# cost: 12
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

DEV=eoip100

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
check "add $DEV keepalive none on a" ip netns exec "$a" "$EOIP" add name $DEV \
	local 198.51.100.1 remote 198.51.100.2 tunnel-id 100 keepalive none
check "add $DEV keepalive none on b" ip netns exec "$b" "$EOIP" add name $DEV \
	local 198.51.100.2 remote 198.51.100.1 tunnel-id 100 keepalive none
ip -n "$a" link set $DEV up
ip -n "$b" link set $DEV up
ip -n "$a" addr add 192.0.2.1/24 dev $DEV
ip -n "$b" addr add 192.0.2.2/24 dev $DEV
check "b pings a through the tunnel" ip netns exec "$b" ping -c 1 -W 5 192.0.2.1

# b goes on pinging, 5 frames a second, without ever sending a keepalive.
ip netns exec "$b" ping -q -i 0.2 192.0.2.1 >/dev/null 2>&1 &
link_monitor_start "$a" "$OUT/monitor.txt"
capture_start capture "$a" veth0 "$OUT/underlay.pcap" "ip proto 47"
rx_before=$(link_stat "$a" $DEV rx_packets)
check "a turns keepalive 1,3 on" \
	ip netns exec "$a" "$EOIP" change name $DEV keepalive 1,3
wait_until 10 "a's carrier goes off, pings or not" carrier_is "$a" $DEV 0
rx=$(($(link_stat "$a" $DEV rx_packets) - rx_before))
check "meanwhile $rx frames arrived from b, at least 5" test "$rx" -ge 5
check_eq "none of them counted as a keepalive" 0 "$(keepalive_stat "$a" $DEV received)"
ip netns exec "$a" "$EOIP" show name $DEV
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

# Turning keepalive on sends the first one at once: its time on the wire is
# when the grace period began.
on=$(frames "$OUT/underlay.pcap" "^4500001c.{16}c6336401c63364022001640000006400$" |
	awk '{ print $1; exit }')
off=$(carrier_changes "$OUT/monitor.txt" $DEV | awk '$2 == "off" { print $1; exit }')
off_delay=$(elapsed "${on:-0}" "${off:-0}")
echo "# measured: keepalive turned on (first one sent) -> carrier off: ${off_delay}s"
check "carrier off 3 to 4 s later (2.5..5.5 allowed): ${off_delay}s" \
	between 2.5 5.5 "$off_delay"
finish
