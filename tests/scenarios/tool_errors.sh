#!/bin/bash
# Every error of the eoip tool says what is wrong and exits non-zero: 2 for
# a bad command line (nothing sent), 1 when the kernel or the system refused,
# with the kernel's own extack message where it gave one.
# timeout: 300
# cost: 9
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
in_a() { ip netns exec "$a" "$@"; }
as_nobody() { in_a setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
loaded() { [[ -d /sys/module/eoip ]]; }

# The command line, refused before anything is sent.
check_refused "tunnel-id 70000 for eoip" 2 "tunnel-id 70000 is out of range 0..65535" \
	in_a "$EOIP" add tunnel-id 70000 remote 198.51.100.2
check_refused "tunnel-id 5000 for eoipv6" 2 "tunnel-id 5000 is out of range 0..4095 for eoipv6" \
	in_a "$EOIP" add tunnel-id 5000 remote 2001:db8::2
check_refused "no remote" 2 "remote is required" \
	in_a "$EOIP" add tunnel-id 1
check_refused "IPv4 local with IPv6 remote" 2 "local and remote must be the same address family" \
	in_a "$EOIP" add tunnel-id 1 local 198.51.100.1 remote 2001:db8::2
check_refused "unknown keyword" 2 "unknown keyword 'colour'" \
	in_a "$EOIP" add tunnel-id 1 remote 198.51.100.2 colour blue
check_refused "not a number" 2 "tunnel-id '12x' is not a number" \
	in_a "$EOIP" add tunnel-id 12x remote 198.51.100.2
# The tool's own limit comes first; the kernel's (below) backs it up.
check_refused "keepalive interval 4000" 2 "keepalive interval 4000 is out of range 1..3600" \
	in_a "$EOIP" add tunnel-id 1 remote 198.51.100.2 keepalive 4000

# Refused by the kernel: its extack message comes through.
check_refused "underlay ifindex 999 (kernel extack)" 1 \
	"no underlay device with that ifindex (link)" \
	in_a "$EOIP" add tunnel-id 1 remote 198.51.100.2 link 999
check_refused "multicast remote (kernel extack)" 1 "remote must be a unicast address" \
	in_a "$EOIP" add tunnel-id 1 remote 224.0.0.5

check "add eoip1" in_a "$EOIP" add name eoip1 tunnel-id 1 local 198.51.100.1 remote 198.51.100.2
check_refused "duplicate tunnel" 1 \
	"a tunnel with the same tunnel-id, local and remote address exists already" \
	in_a "$EOIP" add name eoip2 tunnel-id 1 local 198.51.100.1 remote 198.51.100.2
check_refused "name taken" 1 "an interface named 'eoip1' already exists" \
	in_a "$EOIP" add name eoip1 tunnel-id 2 remote 198.51.100.2

for command in "change name nosuch mtu 1400" "del nosuch" "show nosuch"; do
	# shellcheck disable=SC2086 # the command's words
	check_refused "eoip $command" 1 "no such interface 'nosuch'" in_a "$EOIP" $command
done
check_refused "eoip del of a veth" 1 "'veth0' is not an EoIP tunnel (its kind is 'veth')" \
	in_a "$EOIP" del veth0
check "veth0 is still there" ip -n "$a" link show veth0

check_refused "add as nobody" 1 "needs root (or CAP_NET_ADMIN" \
	as_nobody "$EOIP" add tunnel-id 2 remote 198.51.100.2
check_refused "del as nobody" 1 "needs root (or CAP_NET_ADMIN" \
	as_nobody "$EOIP" del eoip1
check "eoip1 is still there" ip -n "$a" link show eoip1

# Module not loaded. As on a normal machine, the kernel loads it on demand
# (the rtnl-link-eoip alias), so eoip add simply works:
check "eoip del eoip1" in_a "$EOIP" del eoip1
check "modprobe -r eoip" modprobe -r eoip
check "eoip add with the module unloaded" in_a "$EOIP" add name eoip1 tunnel-id 1 remote 198.51.100.2
check "... auto-loaded the module" loaded
# Where it cannot load (blacklisted here: blacklist stops loading by alias,
# not an explicit modprobe), the tool says what to do.
check "eoip del eoip1" in_a "$EOIP" del eoip1
check "modprobe -r eoip" modprobe -r eoip
mkdir -p /run/modprobe.d
on_exit rm -f /run/modprobe.d/eoip-tool-errors.conf
echo "blacklist eoip" >/run/modprobe.d/eoip-tool-errors.conf
check_refused "eoip add, module not loadable" 1 "load the module with 'modprobe eoip'" \
	in_a "$EOIP" add tunnel-id 1 remote 198.51.100.2
check_refused "eoip add (eoipv6), module not loadable" 1 "load the module with 'modprobe eoip'" \
	in_a "$EOIP" add tunnel-id 1 remote 2001:db8::2
check_fail "the module is still not loaded" loaded
rm -f /run/modprobe.d/eoip-tool-errors.conf
finish
