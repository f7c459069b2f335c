#!/bin/bash
# timeout: 300
# cost: 44
# 10,000 EoIP tunnels in one namespace (ids 0..9999, towards four remotes,
# no local address: RouterOS's default) are made by one process, ip -batch
# with link_eoip.so, one netlink request each; the first, a middle and the
# last carry pings to their peers; ip link del group deletes them all in one
# batch. Then no tunnel is left, the kernel's unreclaimable slab plus
# per-CPU memory is back to where it was within a tenth of what the tunnels
# took (whole tunnels leaked, one in ten, would show; the rest is caches
# the kernel keeps), and the module unloads.
#
# MANY_TUNNELS (default 10000) changes the count.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/many_tunnels.sh"

COUNT=${MANY_TUNNELS:-10000}
IPLINK=(env IP_LIB_DIR="$REPO/build/iplink" ip)

remote_of() { # ID
	echo "${MANY_REMOTES[$(($1 % ${#MANY_REMOTES[@]}))]}"
}

# b is the far end of three of a's tunnels, from the remote address a's
# tunnel names: pings ID's tunnel, INNER_A <-> INNER_B.
peer_and_ping() { # ID INNER_A INNER_B
	local id=$1 remote
	remote=$(remote_of "$id")
	ip netns exec "$b" "$EOIP" add name "t$id" tunnel-id "$id" local "$remote" \
		remote 198.51.100.1 keepalive none &&
		ip -n "$b" addr add "$3/30" dev "t$id" && ip -n "$b" link set "t$id" up &&
		ip -n "$a" addr add "$2/30" dev "t$id" && ip -n "$a" link set "t$id" up &&
		ip netns exec "$a" ping -c 2 -i 0.2 -W 3 "$3" >/dev/null &&
		(($(link_stat "$a" "t$id" rx_packets) >= 2))
}

modprobe eoip || lib_die "modprobe eoip"
many_tunnels_hosts
before=$(kernel_memory_kb)

many_tunnels_batch 0 "$COUNT" >"$OUT/add.batch"

start=$(date +%s%N)
check "ip -batch makes $COUNT tunnels in a" "${IPLINK[@]}" -n "$a" -batch "$OUT/add.batch"
echo "# made in $((($(date +%s%N) - start) / 1000000)) ms"
check_eq "a holds $COUNT tunnels" "$COUNT" "$(tunnel_count "$a")"
with=$(kernel_memory_kb)
echo "# kernel memory: $before KiB, $with KiB with the tunnels, $(((with - before) * 1024 / COUNT)) bytes a tunnel"

middle=$((COUNT / 2)) last=$((COUNT - 1))
check "the first tunnel (t0) carries pings" peer_and_ping 0 192.0.2.1 192.0.2.2
check "a middle tunnel (t$middle) carries pings" peer_and_ping "$middle" 192.0.2.5 192.0.2.6
check "the last tunnel (t$last) carries pings" peer_and_ping "$last" 192.0.2.9 192.0.2.10

start=$(date +%s%N)
check "ip link del group $MANY_GROUP deletes them" ip -n "$a" link del group "$MANY_GROUP"
echo "# deleted in $((($(date +%s%N) - start) / 1000000)) ms"
check_eq "a holds no tunnel" 0 "$(tunnel_count "$a")"

after=$(kernel_memory_kb)
margin=$(((with - before) / 10))
check "kernel memory (slab unreclaimable + per-CPU) back within $margin KiB ($before -> $with -> $after KiB)" \
	test $((after - before)) -lt "$margin"
{ ip netns del "$a" && ip netns del "$b"; } || lib_die "deleting the namespaces"
check "the module unloads" modprobe -r eoip
check "modprobe eoip loads it again" modprobe eoip
finish
