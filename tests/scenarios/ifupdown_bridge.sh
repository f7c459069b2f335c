#!/bin/bash
# ifupdown: the README's interfaces file (read from README.md), whose
# eoip-mt stanza (eoip-remote, eoip-tunnel-id, eoip-keepalive) makes the
# tunnel through the repository's hooks, with the br0 stanza after it
# (bridge_ports eoip-mt); ifup eoip-mt br0, then a ping across the bridge
# and the tunnel; ifdown takes both away. A stanza with a bad option fails
# ifup and makes nothing.
#
# ifup runs /etc/network/if-*.d, a path it has built in: each ifup runs in
# a mount namespace of its own where /etc/network is a copy of the host's
# with our hooks added, /usr/local/sbin (where make install puts eoip) holds
# the eoip under test and /run is a scratch directory.
# timeout: 120
# cost: 17
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/readme.sh"

ns_new a
ns_new b
# The README's MikroTik is at 198.51.100.11; its tunnel has no local.
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.11/24
check "b: eoip-mt by eoip add" ip netns exec "$b" "$EOIP" add name eoip-mt \
	remote 198.51.100.1 tunnel-id 100 keepalive 10,10
ip -n "$b" addr add 192.0.2.2/30 dev eoip-mt
ip -n "$b" link set eoip-mt up

etc=$OUT/etc-network
sbin=$OUT/sbin
run=$OUT/run
mkdir -p "$etc" "$sbin" "$run" "$OUT/state"
cp -a /etc/network/. "$etc/"
install -m 0755 "$REPO/ifupdown/if-pre-up.d/eoip" "$etc/if-pre-up.d/eoip"
install -m 0755 "$REPO/ifupdown/if-post-down.d/eoip" "$etc/if-post-down.d/eoip"
install -m 0755 "$EOIP" "$sbin/eoip"

readme_file /etc/network/interfaces >"$OUT/interfaces"
cat >>"$OUT/interfaces" <<'IFACES'

iface eoip2 inet manual
	eoip-remote 198.51.100.11
	eoip-tunnel-id 401
	eoip-keepalive ten
IFACES

in_a() { # COMMAND...: in a, seen as a system with our hooks installed
	# shellcheck disable=SC2016 # expanded by the inner sh
	ip netns exec "$a" unshare -m sh -c 'mount --bind "$1" /etc/network &&
		mount --bind "$2" /usr/local/sbin && mount --bind "$3" /run &&
		shift 3 && exec "$@"' in_a "$etc" "$sbin" "$run" "$@"
}
if_cmd() { # ifup|ifdown IFACE...
	in_a "$1" -i "$OUT/interfaces" --state-dir "$OUT/state" "${@:2}"
}

if_cmd_stderr() { # as if_cmd, stderr (then shown) into $OUT/stderr
	local status=0
	if_cmd "$@" 2>"$OUT/stderr" || status=$?
	cat "$OUT/stderr" >&2
	return "$status"
}

check "ifup eoip-mt br0" if_cmd ifup eoip-mt br0
check "eoip-mt is an EoIP tunnel, a port of br0" bash -c \
	"ip -n '$a' -d -o link show dev eoip-mt | grep 'master br0' | grep -q 'eoip '"
check_eq "the stanza's keepalive" "10,10" \
	"$(ip netns exec "$a" "$EOIP" list | sed -n 's/^[0-9]*: eoip-mt@.* keepalive //p')"
check "the hook's file holds the stanza's options" grep -qx 'tunnel-id 100' \
	"$run/eoip/ifupdown/eoip-mt.conf"
check "a pings b over br0 and eoip-mt" ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2

check "ifdown br0 eoip-mt" if_cmd ifdown br0 eoip-mt
check_fail "br0 is gone" ip -n "$a" link show dev br0
check_fail "eoip-mt is gone" ip -n "$a" link show dev eoip-mt
check_fail "and the hook's file" test -e "$run/eoip/ifupdown/eoip-mt.conf"

check_fail "ifup of a stanza with eoip-keepalive ten fails" if_cmd_stderr ifup eoip2
check "eoip names the hook's file, its line and the bad value" grep -q \
	"^eoip: /run/eoip/ifupdown/eoip2.conf:2: keepalive 'ten' is not" "$OUT/stderr"
check_fail "and makes no eoip2" ip -n "$a" link show dev eoip2
ip netns exec "$b" "$EOIP" del eoip-mt
finish
