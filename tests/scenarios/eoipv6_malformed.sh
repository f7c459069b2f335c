#!/bin/bash
# Malformed EoIPv6 packets, hand-made with a raw IPv6 socket (next header 97)
# from b to a's tunnel 1234, are dropped and counted where they belong: a
# wrong version nibble in /proc/net/eoip rx_bad_header (also a genuine RFC
# 3378 EtherIP header, 30 00), a frame under 14 bytes in the tunnel's
# rx_length_errors, an unknown id and a wrong source address in
# rx_no_tunnel. A well-formed frame sent the same way is received.
# timeout: 300
# cost: 7
set -u
. "$(dirname "$0")/lib.sh"

DEV=eoipv6-1234
# A broadcast frame of the local experimental ethertype 88b5.
FRAME=ffffffffffff02000000000188b5$(printf '00%.0s' {1..46})

ns_new a
ns_new b
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64
ip -n "$b" addr add 2001:db8:1::3/64 dev veth0 nodad # a spoofer's address
check "add $DEV on a" ip netns exec "$a" "$EOIP" add name $DEV \
	local 2001:db8:1::1 remote 2001:db8:1::2 tunnel-id 1234 keepalive none
ip -n "$a" link set $DEV up

# shellcheck disable=SC2016 # $1, $2: awk's fields, not the shell's
proc_stat() { ip netns exec "$a" awk -v k="$1" '$1 == k { print $2 }' /proc/net/eoip; }
dev_stat() { link_stat "$a" $DEV "$1"; }
send() { # SOURCE PAYLOAD...
	local source=$1
	shift
	ip netns exec "$b" python3 -S "$(dirname "$0")/lib/ip_send.py" 97 "$source" \
		2001:db8:1::1 "$@" || lib_die "sending from $source with lib/ip_send.py"
}
declare -A before
for counter in rx_bad_header rx_no_tunnel; do before[$counter]=$(proc_stat $counter); done
for counter in rx_packets rx_length_errors rx_errors; do before[$counter]=$(dev_stat $counter); done

# One of each; every kind lands in a counter of its own, but for the two
# that belong to no tunnel: if the spoofed one were taken, rx_packets would
# show it.
send 2001:db8:1::2 \
	"43d2$FRAME" \
	"44d2$FRAME" "3000$FRAME" \
	"43d2${FRAME:0:26}" \
	"43d3$FRAME"
send 2001:db8:1::3 "43d2$FRAME"
sleep 0.5 # received in softirq, normally before the sender even returns

ip netns exec "$a" cat /proc/net/eoip
ip netns exec "$a" "$EOIP" show name $DEV
delta() { echo $(($($1 "$2") - ${before[$2]})); }
check_eq "well-formed (43 d2 + 60 bytes): rx_packets +1, and nothing else got in" 1 \
	"$(delta dev_stat rx_packets)"
check_eq "wrong version nibble (44 d2, and EtherIP's 30 00): rx_bad_header +2" 2 \
	"$(delta proc_stat rx_bad_header)"
check_eq "frame of 13 bytes: the tunnel's rx_length_errors +1" 1 \
	"$(delta dev_stat rx_length_errors)"
check_eq "frame of 13 bytes: the tunnel's rx_errors +1" 1 "$(delta dev_stat rx_errors)"
check_eq "unknown id 1235 (43 d3) and the right id from 2001:db8:1::3: rx_no_tunnel +2" 2 \
	"$(delta proc_stat rx_no_tunnel)"
finish
