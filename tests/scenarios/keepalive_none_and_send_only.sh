#!/bin/bash
# keepalive none: not a single keepalive leaves and the carrier stays on.
# keepalive 1,0 (retries 0, "send only"): keepalives leave every second,
# and the carrier is never turned off, though the peer sends nothing.
# timeout: 300
# cost: 16
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

DEV=eoip100
# a's keepalives for tunnel 100: 28-byte packets 198.51.100.1 -> .2.
FROM_A='^4500001c.{16}c6336401c63364022001640000006400$'

ns_new a
ns_new b # the silent peer: no tunnel at all
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
link_monitor_start "$a" "$OUT/monitor.txt"
capture_start capture "$b" veth0 "$OUT/underlay.pcap" "ip proto 47"

check "add $DEV keepalive none" ip netns exec "$a" "$EOIP" add name $DEV \
	local 198.51.100.1 remote 198.51.100.2 tunnel-id 100 keepalive none
ip -n "$a" link set $DEV up
check "eoip show: keepalive none" \
	bash -c "ip netns exec '$a' '$EOIP' show name $DEV | grep -qx '  keepalive none'"
sleep 3
check "keepalive none: the carrier is on after 3 s of silence" carrier_is "$a" $DEV 1
switched=$EPOCHREALTIME

check "change to keepalive 1,0 (send only)" \
	ip netns exec "$a" "$EOIP" change name $DEV keepalive 1,0
# Counted rather than timed (a guest that stands still, TCG on a busy host,
# sends fewer in so many seconds of wall clock): 5 keepalives, 5 ticks of
# the timer that would turn the carrier off, 4 s of silence or more.
sent_five() { (($(keepalive_stat "$a" "$DEV" sent) >= 5)); }
wait_until 15 "keepalive 1,0: eoip show counts 5 keepalives sent" sent_five
check "keepalive 1,0: the carrier is still on" carrier_is "$a" $DEV 1
ip netns exec "$a" "$EOIP" show name $DEV
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

frames "$OUT/underlay.pcap" "$FROM_A" | awk '{ print $1 }' >"$OUT/keepalives.txt"
before=$(awk -v t="$switched" '$1 < t' "$OUT/keepalives.txt" | wc -l)
after=$(awk -v t="$switched" '$1 > t' "$OUT/keepalives.txt" | wc -l)
check_eq "keepalive none: no keepalive on the wire" 0 "$before"
check "keepalive 1,0: $after keepalives on the wire, at least 5" test "$after" -ge 5
check_eq "ip monitor link: the carrier never went off" "" \
	"$(carrier_changes "$OUT/monitor.txt" $DEV | grep off)"
finish
