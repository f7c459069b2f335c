#!/bin/bash
# systemd-networkd with the README's files: br0.netdev, eoip.network
# (Kind=eoip eoipv6, Bridge=br0) and br0.network (the address), taken from
# README.md, as is the tunnel's file /etc/eoip/eoip-mt.conf. eoip up makes
# eoip-mt from that file before networkd runs: no bridge yet. networkd then
# creates br0, makes eoip-mt its port (networkctl: configured by
# eoip.network) and gives br0 the address; a pings b across the bridge and
# the tunnel. An EoIPv6 tunnel made by eoip up while networkd runs is
# matched by Kind=eoipv6 the same way and carries the ping in its turn; the
# underlay, a veth, is matched by no file and left unmanaged.
# networkd stops cleanly on SIGTERM.
#
# The guest runs no systemd: networkd runs alone in a's network namespace and
# a mount namespace of its own, which has the README's files in
# /etc/systemd/network, nothing in /usr/lib/systemd/network (the host's
# defaults), an empty /run with a private system bus (dbus-daemon, for
# networkctl) and /sys read-only, which tells networkd that there is no udev
# to wait for.
# timeout: 150
# cost: 17
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/readme.sh"

NETWORKD=/lib/systemd/systemd-networkd
for program in "$NETWORKD" /usr/bin/networkctl /usr/bin/dbus-daemon; do
	[[ -x $program ]] || lib_die "no $program (make deps installs systemd and dbus-daemon)"
done
NETWORKD_SECONDS=30 # for networkd to configure a link, on a slow TCG guest

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.11/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad
ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad

conf=$OUT/etc-eoip
network=$OUT/etc-systemd-network
mkdir -p "$conf" "$network"
readme_file /etc/eoip/eoip-mt.conf >"$conf/eoip-mt.conf"
for file in br0.netdev eoip.network br0.network; do
	readme_file "/etc/systemd/network/$file" >"$network/$file"
done
printf 'remote 2001:db8:1::2\ntunnel-id 101\n' >"$conf/eoip6.conf"
echo "# the README's files:"
sed 's/^/#   /' "$conf/eoip-mt.conf" "$network"/*
check_eq "README's br0.network gives br0 192.0.2.1/30 (b is 192.0.2.2)" "192.0.2.1/30" \
	"$(sed -n 's/^Address=//p' "$network/br0.network")"

check "b: eoip-mt by eoip add (remote 198.51.100.1, tunnel-id 100)" \
	ip netns exec "$b" "$EOIP" add name eoip-mt local 198.51.100.11 remote 198.51.100.1 \
	tunnel-id 100
ip -n "$b" addr add 192.0.2.2/30 dev eoip-mt
ip -n "$b" link set eoip-mt up

eoip_a() { ip netns exec "$a" env EOIP_CONFIG_DIR="$conf" "$EOIP" "$@"; }
master_of() { # DEV: its master's name in a, or nothing
	ip -n "$a" -o link show dev "$1" | sed -n 's/.* master \([^ ]*\) .*/\1/p'
}
port_of_br0() { [[ $(master_of "$1") == br0 ]]; }
check_eq "eoip up eoip-mt (the README's file) on a" "eoip-mt: created" "$(eoip_a up eoip-mt)"
check_eq "before networkd: eoip-mt is in no bridge" "" "$(master_of eoip-mt)"
check_fail "and there is no br0" ip -n "$a" link show dev br0

# The mount namespace networkd runs in, held by a process of its own so that
# dbus-daemon, networkd and networkctl can all enter it (with the holder's
# root directory: the guest's root is a chroot, not its mount namespace's).
# shellcheck disable=SC2016 # expanded by the inner bash
ip netns exec "$a" unshare -m --propagation private bash -c 'set -e
	mount -t tmpfs tmpfs /etc/systemd/network && cp "$1"/* /etc/systemd/network/
	mount -t tmpfs tmpfs /usr/lib/systemd/network
	mount -t tmpfs tmpfs /run
	mkdir -p /run/dbus /run/systemd/netif
	chown systemd-network:systemd-network /run/systemd/netif
	mount -o remount,bind,ro /sys
	touch /run/ready
	exec sleep infinity' networkd_namespace "$network" &
holder=$!
# A command, not a function, for the daemons: $! is then the daemon's pid.
in_networkd=(nsenter -t "$holder" -m -n -r -w)
in_networkd() { "${in_networkd[@]}" "$@"; }
namespace_ready() { kill -0 "$holder" && in_networkd test -e /run/ready; }
wait_until 60 "networkd's mount namespace is set up" namespace_ready || exit 1

# The system bus with only what networkd and networkctl need: Debian's
# system.conf reads every service's policy, which takes seconds under TCG.
cat >"$OUT/system-bus.conf" <<'BUS'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="org.freedesktop.network1"/>
    <allow send_type="method_call"/>
    <allow send_type="method_return"/>
    <allow send_type="signal"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="signal"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
BUS
"${in_networkd[@]}" dbus-daemon --config-file="$OUT/system-bus.conf" --nofork --nopidfile \
	>"$OUT/dbus.log" 2>&1 &
dbus=$!
wait_until 60 "a private system bus for networkctl" \
	in_networkd test -S /run/dbus/system_bus_socket || exit 1
"${in_networkd[@]}" "$NETWORKD" >"$OUT/networkd.log" 2>&1 &
networkd=$!
show_networkd_log() { ((LIB_FAILED == 0)) || sed 's/^/# networkd: /' "$OUT/networkd.log"; }
on_exit show_networkd_log

link_status() { in_networkd networkctl status --no-pager "$1"; }
configured_by_eoip_network() { # DEV KIND
	link_status "$1" >"$OUT/status" || return 1
	grep -qx ' *Network File: /etc/systemd/network/eoip.network' "$OUT/status" &&
		grep -qx " *Kind: $2" "$OUT/status" &&
		grep -qx ' *State: enslaved (configured)' "$OUT/status"
}
unmanaged() { link_status "$1" | grep -qx ' *State: .* (unmanaged)'; }
wait_until "$NETWORKD_SECONDS" "networkd makes eoip-mt a port of br0" port_of_br0 eoip-mt || exit 1
wait_until "$NETWORKD_SECONDS" "networkctl: eoip-mt (kind eoip) configured by eoip.network" \
	configured_by_eoip_network eoip-mt eoip
check "networkctl: veth0 (kind veth), matched by no file, is unmanaged" unmanaged veth0
wait_until "$NETWORKD_SECONDS" "networkd gives br0 the address 192.0.2.1/30" \
	bash -c "ip -n '$a' -o -4 addr show dev br0 | grep -q ' 192.0.2.1/30 '"
check "a pings b (192.0.2.2) through br0 and eoip-mt" \
	ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2

# b's end of the ping moves to an EoIPv6 tunnel, made on a while networkd runs.
ip netns exec "$b" "$EOIP" del eoip-mt
check "b: eoip6 by eoip add (remote 2001:db8:1::1, tunnel-id 101), 192.0.2.2" \
	ip netns exec "$b" "$EOIP" add name eoip6 local 2001:db8:1::2 remote 2001:db8:1::1 \
	tunnel-id 101
ip -n "$b" addr add 192.0.2.2/30 dev eoip6
ip -n "$b" link set eoip6 up
check_eq "eoip down eoip-mt on a" "eoip-mt: deleted" "$(eoip_a down eoip-mt)"
check_eq "eoip up eoip6 on a, networkd running" "eoip6: created" "$(eoip_a up eoip6)"
wait_until "$NETWORKD_SECONDS" "networkd makes eoip6 a port of br0" port_of_br0 eoip6 || exit 1
wait_until "$NETWORKD_SECONDS" "networkctl: eoip6 (kind eoipv6) configured by eoip.network" \
	configured_by_eoip_network eoip6 eoipv6
# 192.0.2.2 has a new MAC address, b's eoip6's.
ip -n "$a" neigh flush dev br0
check "a pings b through br0 and eoip6" ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2

kill -TERM "$networkd"
status=0
wait "$networkd" || status=$?
check_eq "networkd stops on SIGTERM, exit status 0" 0 "$status"
kill -TERM "$dbus" "$holder"
wait "$dbus" "$holder"
check_eq "eoip down eoip6 on a" "eoip6: deleted" "$(eoip_a down eoip6)"
ip netns exec "$b" "$EOIP" del eoip6
finish
