#!/bin/bash
# The self-test's control: a healthy scenario using every lib.sh helper. It
# must pass, or the harness fails everything and proves nothing.
set -u
. "$REPO/tests/scenarios/lib.sh"

ns_new a
ns_new b
veth_link "$a" v4 192.0.2.1/24 "$b" v4 192.0.2.2/24
veth_link "$a" v6 2001:db8::1/64 "$b" v6 2001:db8::2/64
check "a pings b over IPv4" ip netns exec "$a" ping -c 1 -W 2 192.0.2.2
wait_until 10 "a pings b over IPv6" ip netns exec "$a" ping -c 1 -W 1 2001:db8::2
check_fail "nothing answers at 192.0.2.3" ip netns exec "$a" ping -c 1 -W 1 192.0.2.3
check_eq "b's v4 has no receive errors" 0 "$(link_stat "$b" v4 rx_errors)"
sleep 1000 &
on_exit echo "on_exit ran"
finish
