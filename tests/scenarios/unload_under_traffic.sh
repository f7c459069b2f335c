#!/bin/bash
# The module unloads cleanly while a peer floods its tunnels, round after
# round: namespace b holds an EoIP and an EoIPv6 tunnel (keepalive 1,3),
# namespace a floods both with keepalives and data frames from raw sockets
# (lib/eoip_flood.py, which needs nothing of the module), and in each of 10
# rounds the module is loaded, the tunnels made, the flood seen arriving on
# them, then the module unloaded (modprobe -r and rmmod in turn) with the
# flood still coming: every unload succeeds and the kernel log stays clean
# (a receive hook torn down under a CPU still inside it would touch freed
# memory; the harness fails the run on a warning on the console too).
# Leaves the module loaded, as module_load_unload does.
# timeout: 300
# cost: 23
# shellcheck disable=SC2317 # the functions run through check and wait_until
set -u
. "$(dirname "$0")/lib.sh"

ROUNDS=10
KERNEL_TROUBLE='WARNING:|BUG:|Oops|Call Trace|refcount_t|unregister_netdevice: waiting|KASAN'
dmesg_start=$(dmesg | wc -l)

loaded() { [[ -d /sys/module/eoip ]]; }
unload() { # modprobe -r|rmmod
	if [[ $1 == rmmod ]]; then timeout 60 rmmod eoip; else timeout 60 modprobe -r eoip; fi &&
		! loaded
}
tunnels() { # e4 (EoIP, id 10) and e6 (EoIPv6, id 20) in b, up
	# One ip netns exec for all: under the flood each costs a good part of a second.
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec "$b" bash -c '"$0" add name e4 local 198.51.100.2 remote 198.51.100.1 \
		tunnel-id 10 keepalive 1,3 && "$0" add name e6 local 2001:db8:1::2 \
		remote 2001:db8:1::1 tunnel-id 20 keepalive 1,3 &&
		ip link set e4 up && ip link set e6 up' "$EOIP" >/dev/null
}
flooded() { # both tunnels of b have received data frames and keepalives
	ip netns exec "$b" "$EOIP" show | awk '
		/^[^ ]/ { dev = $1 }
		/^  rx / { rx[dev] = $2 }
		match($0, /, received [0-9]+/) { ka[dev] = substr($0, RSTART + 11, RLENGTH - 11) }
		END { exit !(rx["e4:"] >= 20 && rx["e6:"] >= 20 && ka["e4:"] > 0 && ka["e6:"] > 0) }'
}
flood_goes_on() { # VETH0_RX_BEFORE: the flood process runs and b still receives it
	kill -0 "$flood" 2>/dev/null && (($(link_stat "$b" veth0 rx_packets) > $1))
}

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad || lib_die "IPv6 on a:veth0"
ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad || lib_die "IPv6 on b:veth0"

if loaded; then
	check "start with the module unloaded" unload modprobe
fi
ip netns exec "$a" python3 -S "$(dirname "$0")/lib/eoip_flood.py" 240 1000 \
	198.51.100.1 198.51.100.2 10 2001:db8:1::1 2001:db8:1::2 20 >"$OUT/flood.log" 2>&1 &
flood=$!

for ((round = 1; round <= ROUNDS; round++)); do
	how=$( ((round % 2)) && echo modprobe || echo rmmod)
	echo "# round $round at ${SECONDS}s"
	check "round $round: modprobe eoip" modprobe eoip || break
	check "round $round: tunnels e4 and e6 in b" tunnels || break
	wait_until 30 "round $round: the flood arrives on e4 and e6 (data and keepalives)" \
		flooded || break
	rx=$(link_stat "$b" veth0 rx_packets)
	check "round $round: ${how/modprobe/modprobe -r} eoip under the flood, and it is gone" \
		unload "$how" || break
	wait_until 10 "round $round: the flood went on through the unload" flood_goes_on "$rx" ||
		break
done
check "all $ROUNDS rounds ran" test "$round" -gt "$ROUNDS"

kill "$flood" 2>/dev/null
wait "$flood" 2>/dev/null
cat "$OUT/flood.log"
dmesg | tail -n +$((dmesg_start + 1)) >"$OUT/dmesg.txt"
check "the kernel log says nothing bad" bash -c "! grep -E '$KERNEL_TROUBLE' '$OUT/dmesg.txt'"
check "modprobe eoip loads it again" modprobe eoip
finish
