#!/bin/bash
# RouterOS's own keepalives keep our tunnel running: mk-b's keepalives for
# tunnel 100, taken from mk-mk-idle.pcap and replayed unchanged (the two
# namespaces get the captured MAC and IP addresses) at 2 per second against
# our end configured like mk-a (remote-only, tunnel 100) with keepalive 1,3.
# The carrier stays on through the replay, every packet counts as a
# keepalive, and once the replay stops the carrier goes off after 3 to 4 s.
# timeout: 300
# cost: 19
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

MK_A=78.47.55.197
MK_A_MAC=92:00:07:95:9b:7a
MK_B=128.140.114.175
MK_B_MAC=d2:74:7f:6e:37:e3
# mk-b -> mk-a, 28 bytes, protocol 47, tunnel 100 keepalive (TTL 247 as
# captured on mk-a's side).
MK_B_KEEPALIVE='^4500001c.{10}2f.{4}808c72af4e2f37c52001640000006400$'
# Ours, mk-a -> mk-b.
MK_A_KEEPALIVE='^4500001c.{16}4e2f37c5808c72af2001640000006400$'
LOOPS=6 # 12 packets at 2 per second: longer than the 3 s a silence takes
DEV=eoip-tunnel1

ns_new a
ns_new b
ip -n "$a" link add veth0 address $MK_A_MAC type veth peer name veth0 \
	address $MK_B_MAC netns "$b" || lib_die "veth pair with the captured MACs"
ip -n "$a" addr add $MK_A/32 dev veth0
ip -n "$b" addr add $MK_B/32 dev veth0
ip -n "$a" link set veth0 up
ip -n "$b" link set veth0 up
ip -n "$a" route add $MK_B/32 dev veth0
ip -n "$b" route add $MK_A/32 dev veth0

python3 -S "$(dirname "$0")/lib/pcap_frames.py" "$CAPTURES/mk-mk-idle.pcap" \
	--match "$MK_B_KEEPALIVE" --write "$OUT/mk-b-keepalives.pcap" >/dev/null
check_eq "mk-mk-idle.pcap holds two keepalives from mk-b for tunnel 100" 2 \
	"$(frames "$OUT/mk-b-keepalives.pcap" | wc -l)"

link_monitor_start "$a" "$OUT/monitor.txt"
capture_start capture "$a" veth0 "$OUT/underlay.pcap" "ip proto 47"
check "add $DEV like mk-a's (remote only), keepalive 1,3" \
	ip netns exec "$a" "$EOIP" add name $DEV remote $MK_B tunnel-id 100 keepalive 1,3
ip -n "$a" link set $DEV up
check "tcpreplay replays them $LOOPS times at 2 per second" \
	ip netns exec "$b" tcpreplay -q -i veth0 --pps 2 --loop $LOOPS \
	"$OUT/mk-b-keepalives.pcap" >"$OUT/tcpreplay.txt"
check_eq "every replayed packet counted as a keepalive" $((2 * LOOPS)) \
	"$(keepalive_stat "$a" $DEV received)"
wait_until 10 "the carrier goes off once the replay stopped" carrier_is "$a" $DEV 0
ip netns exec "$a" "$EOIP" show name $DEV
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"

# Times from the capture on a's underlay: our first keepalive left when the
# tunnel came up (its grace period began), the last replayed one arrived.
up=$(frames "$OUT/underlay.pcap" "$MK_A_KEEPALIVE" | awk '{ print $1; exit }')
last=$(frames "$OUT/underlay.pcap" "$MK_B_KEEPALIVE" | awk 'END { print $1 }')
replay_span=$(elapsed "${up:-0}" "${last:-0}")
echo "# measured: tunnel up -> last replayed keepalive: ${replay_span}s"
check "the replay went on past interval x retries after up (${replay_span}s >= 4)" \
	between 4 60 "$replay_span"
carrier_changes "$OUT/monitor.txt" $DEV | tee "$OUT/changes.txt"
carrier_stayed_on "$OUT/monitor.txt" $DEV "${last:-0}" "$OUT/underlay.pcap" "$MK_A_KEEPALIVE"
check_eq "ip monitor link: the carrier ended off" off "$(awk 'END { print $2 }' "$OUT/changes.txt")"
off=$(awk 'END { print $1 }' "$OUT/changes.txt")
off_delay=$(elapsed "${last:-0}" "${off:-0}")
echo "# measured: last replayed keepalive -> carrier off: ${off_delay}s"
check "carrier off 3 to 4 s after the last replayed keepalive (2.5..5.5 allowed): ${off_delay}s" \
	between 2.5 5.5 "$off_delay"
finish
