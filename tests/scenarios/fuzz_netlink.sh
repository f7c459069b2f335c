#!/bin/bash
# timeout: 600
# cost: 23
# Random RTM_NEWLINK and RTM_SETLINK requests for kinds eoip and eoipv6
# (lib/fuzz_netlink.py): random attribute sets, sizes and values, unknown
# ids, nested garbage, IFLA_MTU and IFLA_ADDRESS beside them; creating
# tunnels, and changing them, the live EoIP and EoIPv6 tunnels under
# traffic among them. Every request is either applied as sent (it reads
# back so) or refused with an extack message, leaving what it was about as
# it was. Then the same as root of a user namespace (CAP_NET_ADMIN there
# only). Nothing else changes: b's ends read back as before, and once the
# live tunnels are set back, pings cross them again.
#
# FUZZ_REQUESTS (default 2000 in make check, 100000 for a full run; two
# fifths at each live tunnel, one fifth in
# the user namespace) and FUZZ_SEED (default random, printed) reproduce a
# run.
set -u
. "$(dirname "$0")/lib.sh"

REQUESTS=${FUZZ_REQUESTS:-2000}
SEED=${FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
FUZZER=$(dirname "$0")/lib/fuzz_netlink.py
echo "# seed $SEED: FUZZ_SEED=$SEED FUZZ_REQUESTS=$REQUESTS reproduces this run"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
{ ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad &&
	ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad; } || lib_die "IPv6 underlay"
tunnel_pair live 7 198.51.100.1 198.51.100.2 192.0.2.1/28 192.0.2.2/28 keepalive 1,3
tunnel_pair live6 8 2001:db8:1::1 2001:db8:1::2 192.0.2.17/28 192.0.2.18/28 keepalive 1,3

# Settings only: whether the carrier is on follows a's keepalives.
settings_of_b() {
	ip netns exec "$b" "$EOIP" show | grep -v -e '^  rx ' -e '^  keepalive ' |
		sed 's/, \(running\|no carrier\)$//'
}
b_before=$(settings_of_b)

# Traffic both ways over both live tunnels while they are changed.
for pair in "$a 192.0.2.2" "$b 192.0.2.1" "$a 192.0.2.18" "$b 192.0.2.17"; do
	read -r ns address <<<"$pair"
	ip netns exec "$ns" ping -q -i 0.01 -W 1 "$address" >/dev/null 2>&1 &
done

per_target=$((REQUESTS * 2 / 5))
in_userns=$((REQUESTS - 2 * per_target))
fuzz() { # LABEL NS COUNT SEED TARGET [UNSHARE...]
	local label=$1 ns=$2 count=$3 seed=$4 target=$5 status=0
	shift 5
	ip netns exec "$ns" "$@" python3 -S "$FUZZER" "$count" "$seed" "$target" \
		"$OUT/$label.result" || status=$?
	cat "$OUT/$label.result"
	check "$label: $count requests (seed $seed), each applied as sent or refused with a reason" \
		test "$status" -eq 0
}
fuzz eoip "$a" "$per_target" "$SEED" live:eoip
fuzz eoipv6 "$a" "$per_target" $((SEED + 1)) live6:eoipv6
fuzz userns "$a" "$in_userns" $((SEED + 2)) - python3 -S "$(dirname "$0")/lib/in_userns.py"

check_eq "b's tunnels read back as before" "$b_before" "$(settings_of_b)"
check "a: live set back (tunnel-id 7, local and remote, keepalive 1,3)" \
	ip netns exec "$a" "$EOIP" change name live tunnel-id 7 local 198.51.100.1 \
	remote 198.51.100.2 keepalive 1,3 ttl 255 tos 0 link none dont-fragment no mtu 1458
check "a: live6 set back" ip netns exec "$a" "$EOIP" change name live6 tunnel-id 8 \
	local 2001:db8:1::1 remote 2001:db8:1::2 keepalive 1,3 ttl 255 tos 0 link none mtu 1444
wait_until 20 "a ping crosses live again" ip netns exec "$a" ping -c 1 -W 1 192.0.2.2
wait_until 20 "a ping crosses live6 again" ip netns exec "$a" ping -c 1 -W 1 192.0.2.18
finish
