#!/bin/bash
# dont-fragment yes on a tunnel whose MTU (1500) exceeds what the path
# carries whole (1458): the outer packets may not be fragmented, so a frame
# that does not fit is dropped and its sender told, as gretap does. A local
# sender learns path MTU 1458 (IPv4: ICMP "fragmentation needed" for a DF
# ping; IPv6: "packet too big"), its next over-sized ping fails at once, a
# 1458-byte ping passes, and TCP, which would otherwise stall on a black
# hole, moves 4 MiB intact. No outer packet was fragmented. Changed to
# dont-fragment no, the same 1500-byte ping crosses in outer fragments.
# timeout: 300
# cost: 11
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
tunnel_pair eoip1 1 198.51.100.1 198.51.100.2 192.0.2.1/24 192.0.2.2/24 \
	mtu 1500 dont-fragment yes keepalive none
{ ip -n "$a" addr add 2001:db8:2::1/64 dev eoip1 nodad &&
	ip -n "$b" addr add 2001:db8:2::2/64 dev eoip1 nodad; } || lib_die "IPv6 inside"

# shellcheck disable=SC2016 # $1, $2, $n: awk's fields, not the shell's
frag_creates() { ip netns exec "$a" awk '$1 == "Ip:" {
	if (!n) { for (i = 2; i <= NF; i++) if ($i == "FragCreates") n = i; next }
	print $n }' /proc/net/snmp; }
frags_before=$(frag_creates)

check_fail "a 1500-byte IPv4 ping with DF does not cross whole" \
	ip netns exec "$a" ping -M "do" -s 1472 -c 1 -W 2 192.0.2.2
wait_until 10 "a's route to 192.0.2.2 learnt path MTU 1458" \
	bash -c "ip -n '$a' route get 192.0.2.2 | grep -q 'mtu 1458'"
check "the next one is refused at a at once (message too long, mtu=1458)" \
	bash -c "ip netns exec '$a' ping -M do -s 1472 -c 1 -W 2 192.0.2.2 2>&1 |
		grep -q 'mtu=1458'"
check "a 1458-byte IPv4 ping with DF crosses" \
	ip netns exec "$a" ping -M "do" -s 1430 -c 2 -i 0.3 -W 2 192.0.2.2

check_fail "a 1500-byte IPv6 ping does not cross whole" \
	ip netns exec "$a" ping -6 -M "do" -s 1452 -c 1 -W 2 2001:db8:2::2
wait_until 10 "a's route to 2001:db8:2::2 learnt path MTU 1458" \
	bash -c "ip -n '$a' -6 route get 2001:db8:2::2 | grep -q 'mtu 1458'"
check "a 1458-byte IPv6 ping crosses" \
	ip netns exec "$a" ping -6 -M "do" -s 1410 -c 2 -i 0.3 -W 2 2001:db8:2::2

blob_transfer "$a" "$b" 192.0.2.2 $((4 << 20)) 5 tcp
check_eq "no outer packet was fragmented (a's FragCreates)" "$frags_before" "$(frag_creates)"
check "a counted the frames it could not send (tx_errors)" \
	test "$(link_stat "$a" eoip1 tx_errors)" -ge 2

check "eoip change name eoip1 dont-fragment no, on both ends" bash -c \
	"ip netns exec '$a' '$EOIP' change name eoip1 dont-fragment no &&
	 ip netns exec '$b' '$EOIP' change name eoip1 dont-fragment no"
ip -n "$a" route flush cache
check "then a 1500-byte IPv4 ping with DF crosses whole" \
	ip netns exec "$a" ping -M "do" -s 1472 -c 2 -i 0.3 -W 2 192.0.2.2
check "in outer fragments (a's FragCreates $frags_before -> $(frag_creates))" \
	test "$(frag_creates)" -ge $((frags_before + 4))
finish
