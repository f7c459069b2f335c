#!/bin/bash
# The demo shown by `make demo` (tests/vm/demo.sh): two hosts, "left" and
# "right", joined by a veth cable, an EoIP tunnel between them, then what
# a user would look at: eoip show, a ping and a short iperf3 through it.
# timeout: 120
set -u
. "$REPO/tests/scenarios/lib.sh"

on() { # HOST COMMAND...: show the command as typed on HOST, then run it there
	local host=$1 ns
	shift
	ns=${LIB_NS_PREFIX}$host
	echo
	echo "$host# ${*/#"$EOIP"/eoip}"
	ip netns exec "$ns" "$@"
}

ns_new left
ns_new right
# shellcheck disable=SC2154 # ns_new assigns $left and $right by name
veth_link "$left" eth0 198.51.100.1/24 "$right" eth0 198.51.100.2/24
echo "Two hosts: left (eth0 198.51.100.1) and right (eth0 198.51.100.2), one cable."

check "left: eoip add" on left "$EOIP" add name eoip1 tunnel-id 100 \
	local 198.51.100.1 remote 198.51.100.2
check "right: eoip add" on right "$EOIP" add name eoip1 tunnel-id 100 \
	local 198.51.100.2 remote 198.51.100.1
on left ip addr add 192.0.2.1/24 dev eoip1
on right ip addr add 192.0.2.2/24 dev eoip1
on left ip link set eoip1 up
on right ip link set eoip1 up

check "left: eoip show" on left "$EOIP" show
check "ping through the tunnel" on left ping -c 3 -i 0.3 192.0.2.2
ip netns exec "$right" iperf3 -s -1 -B 192.0.2.2 >/dev/null &
wait_until 10 "iperf3 server listening in right" \
	bash -c "ip netns exec '$right' ss -Hltn 'sport = :5201' | grep -q ."
check "iperf3 through the tunnel" on left iperf3 -c 192.0.2.2 -t 3 -f m
check "left: eoip show, with the counters" on left "$EOIP" show
check "right: eoip list (the older tool's format)" on right "$EOIP" list
echo
finish
