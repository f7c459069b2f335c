#!/bin/bash
# Live EoIPv6 tunnels go away cleanly: delete a namespace holding some (with
# keepalive timers armed and traffic flowing), then unload the module
# (`modprobe -r eoip`) under the survivors while a ping runs through one of
# them. The kernel log stays clean (the harness checks the console too);
# reloaded, the module makes a working EoIPv6 tunnel again.
# timeout: 300
set -u
. "$(dirname "$0")/lib.sh"

KERNEL_TROUBLE='WARNING:|BUG:|Oops|Call Trace|refcount_t|unregister_netdevice: waiting'
dmesg_start=$(dmesg | wc -l)

ns_new a
ns_new b
ns_new c
veth_link "$a" veth0 2001:db8:1::1/64 "$b" veth0 2001:db8:1::2/64
# shellcheck disable=SC2154 # ns_new assigned c
veth_link "$a" veth1 2001:db8:2::1/64 "$c" veth0 2001:db8:2::2/64

tunnel() { # NS NAME LOCAL REMOTE ID INNER
	{ ip netns exec "$1" "$EOIP" add name "$2" local "$3" remote "$4" \
		tunnel-id "$5" keepalive 1,3 >/dev/null &&
		ip -n "$1" addr add "$6" dev "$2" && ip -n "$1" link set "$2" up; } ||
		lib_die "tunnel $2 in $1"
}
tunnel "$a" to-b 2001:db8:1::1 2001:db8:1::2 1 192.0.2.1/30
tunnel "$b" to-a 2001:db8:1::2 2001:db8:1::1 1 192.0.2.2/30
tunnel "$a" to-c 2001:db8:2::1 2001:db8:2::2 2 192.0.2.5/30
tunnel "$c" to-a 2001:db8:2::2 2001:db8:2::1 2 192.0.2.6/30
check "a pings b through EoIPv6" ip netns exec "$a" ping -c 1 -W 3 192.0.2.2
check "a pings c through EoIPv6" ip netns exec "$a" ping -c 1 -W 3 192.0.2.6

ip netns exec "$a" ping -q -i 0.2 192.0.2.2 >/dev/null 2>&1 &
ip netns exec "$a" ping -q -i 0.2 192.0.2.6 >/dev/null 2>&1 &
sleep 1
check "delete namespace b under a live tunnel" ip netns del "$b"
sleep 1
check "unload the module under live tunnels and pings" modprobe -r eoip
check "the module is gone" test ! -d /sys/module/eoip
check "a's tunnels went with it" bash -c "! ip -n '$a' link show to-b && ! ip -n '$a' link show to-c"
sleep 2 # twice the keepalive interval: a surviving timer would have fired
kill %1 %2 2>/dev/null

dmesg | tail -n +$((dmesg_start + 1)) >"$OUT/dmesg.txt"
check "the kernel log says nothing bad" bash -c "! grep -E '$KERNEL_TROUBLE' '$OUT/dmesg.txt'"

check "modprobe eoip loads it again" modprobe eoip
tunnel "$a" again 2001:db8:2::1 2001:db8:2::2 2 192.0.2.5/30
ip netns exec "$c" "$EOIP" del name to-a 2>/dev/null # went with the module
tunnel "$c" again 2001:db8:2::2 2001:db8:2::1 2 192.0.2.6/30
check "a new EoIPv6 tunnel a <-> c works" ip netns exec "$a" ping -c 2 -i 0.3 -W 3 192.0.2.6
finish
