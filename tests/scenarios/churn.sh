#!/bin/bash
# timeout: 900
# cost: 51
# Tunnels made and deleted by the thousand, under traffic, with namespaces
# holding live tunnels deleted whole and the module unloaded and loaded
# between rounds: nothing is left behind. Each round loads the module, sets
# up a and b with a live EoIP tunnel carrying pings both ways, and runs
# lib/churn.py at both ends at once (EoIP and EoIPv6 tunnels made, set up
# and deleted, up to eight alive; b's keepalives and frames hit a's
# tunnels as they come and go); a third namespace with three live tunnels
# is made and deleted whole; then a, b and the module go. After a warm-up
# round, the kernel's unreclaimable slab plus per-CPU memory may grow by
# less than 1 MiB over all rounds (2 KiB a cycle at 500 cycles a side, at
# most: one leaked net_device, with its queues and per-CPU counters, is
# several KiB), the module unloads every round, and the console shows no
# "unregister_netdevice: waiting" (the harness fails the boot on it).
#
# CHURN_CYCLES (default 500 in make check, 10000 for a full run, over
# CHURN_ROUNDS rounds, default 2).
set -u
. "$(dirname "$0")/lib.sh"

CYCLES=${CHURN_CYCLES:-500}
ROUNDS=${CHURN_ROUNDS:-2}
PER_ROUND=$(((CYCLES + ROUNDS - 1) / ROUNDS))
CHURN=$(dirname "$0")/lib/churn.py
MARGIN_KB=1024

round() { # NUMBER CYCLES
	local n=$1 cycles=$2 a b c pings=() status=0
	modprobe eoip || return 1
	ns_new "a$n" && ns_new "b$n" && ns_new "c$n"
	a=$(eval echo "\$a$n") b=$(eval echo "\$b$n") c=$(eval echo "\$c$n")
	veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
	ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad &&
		ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad || return 1
	a=$a b=$b tunnel_pair live 4001 198.51.100.1 198.51.100.2 192.0.2.1/28 192.0.2.2/28 \
		keepalive 1,3 >/dev/null || return 1
	ip netns exec "$a" ping -q -i 0.02 192.0.2.2 >/dev/null 2>&1 &
	pings+=($!)
	ip netns exec "$b" ping -q -i 0.02 192.0.2.1 >/dev/null 2>&1 &
	pings+=($!)

	ip netns exec "$b" python3 -S "$CHURN" "$cycles" 198.51.100.2 198.51.100.1 \
		2001:db8:1::2 2001:db8:1::1 >"$OUT/churn-b$n.log" 2>&1 &
	local churn_b=$!
	ip netns exec "$a" python3 -S "$CHURN" "$cycles" 198.51.100.1 198.51.100.2 \
		2001:db8:1::1 2001:db8:1::2 || status=1
	wait "$churn_b" || { cat "$OUT/churn-b$n.log"; status=1; }

	# A namespace deleted with live tunnels in it.
	veth_link "$c" veth1 203.0.113.1/24 "$a" veth1 203.0.113.2/24
	for id in 1 2 3; do
		{ ip netns exec "$c" "$EOIP" add name "t$id" local 203.0.113.1 remote 203.0.113.2 \
			tunnel-id "$id" keepalive 1,3 >/dev/null && ip -n "$c" link set "t$id" up; } ||
			status=1
	done
	ip netns del "$c" || status=1

	kill "${pings[@]}" 2>/dev/null
	wait "${pings[@]}" 2>/dev/null
	{ ip netns del "$a" && ip netns del "$b"; } || status=1
	modprobe -r eoip || status=1
	return "$status"
}

check "warm-up round (50 cycles)" round 0 50
before=$(kernel_memory_kb)
for n in $(seq "$ROUNDS"); do
	check "round $n: $PER_ROUND cycles at each end under traffic, a namespace deleted live, unload" \
		round "$n" "$PER_ROUND"
done
check "the module is gone after the last round" test ! -d /sys/module/eoip
after=$(kernel_memory_kb)
check "kernel memory (slab unreclaimable + per-CPU) grew by less than $MARGIN_KB KiB ($before -> $after KiB)" \
	test $((after - before)) -lt "$MARGIN_KB"
check "modprobe eoip loads it again" modprobe eoip
finish
