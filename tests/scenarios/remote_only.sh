#!/bin/bash
# One end configured as RouterOS does by default: only remote and tunnel-id,
# no local address. It still receives (any local address matches) and sends
# from the address routing picks, so ping works both ways, and `eoip list`
# shows its local address as 0.0.0.0.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24

check "add eoip1 on a with remote only" ip netns exec "$a" "$EOIP" add name eoip1 \
	tunnel-id 77 remote 198.51.100.2
check "add eoip1 on b with local and remote" ip netns exec "$b" "$EOIP" add name eoip1 \
	tunnel-id 77 local 198.51.100.2 remote 198.51.100.1
ip -n "$a" addr add 192.0.2.1/24 dev eoip1
ip -n "$b" addr add 192.0.2.2/24 dev eoip1
ip -n "$a" link set eoip1 up
ip -n "$b" link set eoip1 up

# b first: a has sent nothing yet, so its receive side must match on
# (id, source) alone, not on anything it learnt from its own traffic.
check "b pings a (the remote-only end)" ip netns exec "$b" ping -c 3 -i 0.2 -W 2 192.0.2.1
check "a (the remote-only end) pings b" ip netns exec "$a" ping -c 3 -i 0.2 -W 2 192.0.2.2

list=$(ip netns exec "$a" "$EOIP" list)
echo "eoip list on a: $list"
check "eoip list on a shows local 0.0.0.0" \
	grep -q 'link/eoip 0\.0\.0\.0 remote 198\.51\.100\.2 tunnel-id 77 ' <<<"$list"
show=$(ip netns exec "$a" "$EOIP" show name eoip1)
echo "$show"
check "eoip show on a says local any" grep -q 'local any  remote 198\.51\.100\.2' <<<"$show"
finish
