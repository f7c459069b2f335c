#!/bin/bash
# Keepalive timers die with their tunnel: with timers armed every second,
# delete a tunnel, take one down and delete it, delete a whole namespace of
# tunnels, then unload the module (`modprobe -r eoip`) under live tunnels.
# Nothing may fire afterwards (a timer left behind would run freed memory or
# unloaded code within a second): the kernel log stays clean (the harness
# checks the console too). Reloaded afterwards, the module works again.
# timeout: 300
# cost: 14
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"

KERNEL_TROUBLE='WARNING:|BUG:|Oops|Call Trace|refcount_t|unregister_netdevice: waiting'
dmesg_start=$(dmesg | wc -l)

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
for id in 1 2 3 4; do
	for side in a b; do
		if [[ $side == a ]]; then ns=$a local=1 remote=2; else ns=$b local=2 remote=1; fi
		{ ip netns exec "$ns" "$EOIP" add name k$id local 198.51.100.$local \
			remote 198.51.100.$remote tunnel-id $id keepalive 1,3 >/dev/null &&
			ip -n "$ns" link set k$id up; } ||
			lib_die "tunnel k$id on $side"
	done
done
sent_twice() { (($(keepalive_stat "$a" k4 sent) >= 2)); }
wait_until 10 "the timers are running (k4 on a sent 2 keepalives)" sent_twice

check "delete k1 on a with its timer armed" ip netns exec "$a" "$EOIP" del name k1
check "take k2 on a down" ip -n "$a" link set k2 down
check "delete k2 on a" ip netns exec "$a" "$EOIP" del name k2
check "delete namespace b with four armed timers" ip netns del "$b"
check "unload the module under k3 and k4 on a, armed" modprobe -r eoip
check "the module is gone" test ! -d /sys/module/eoip
check "k3 and k4 went with it" bash -c "! ip -n '$a' link show k3 && ! ip -n '$a' link show k4"
sleep 2.5 # twice the interval: a surviving timer would have fired by now

dmesg | tail -n +$((dmesg_start + 1)) >"$OUT/dmesg.txt"
check "the kernel log says nothing bad" bash -c "! grep -E '$KERNEL_TROUBLE' '$OUT/dmesg.txt'"

check "modprobe eoip loads it again" modprobe eoip
# b went with its end of the veth: a dummy underlay gives a a route to the
# remote again, so that keepalives can leave (failed sends are not counted).
check "a dummy underlay on a with 198.51.100.1/24" bash -c \
	"ip -n '$a' link add d0 type dummy && ip -n '$a' addr add 198.51.100.1/24 dev d0 &&
	 ip -n '$a' link set d0 up"
check "a new tunnel with keepalive 1,3" ip netns exec "$a" "$EOIP" add name k5 \
	local 198.51.100.1 remote 198.51.100.2 tunnel-id 5 keepalive 1,3
ip -n "$a" link set k5 up
sent_again() { (($(keepalive_stat "$a" k5 sent) >= 2)); }
wait_until 10 "it sends keepalives" sent_again
finish
