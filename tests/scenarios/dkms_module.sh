#!/bin/bash
# The module under test is the one DKMS built and installed, as the
# eoip-dkms package has it built (make check builds it with scripts/dkms-build.sh):
# modprobe finds eoip in /lib/modules/KVER/updates/dkms, the module it loads
# is that file and carries VERSION's version, and a tunnel over it carries a
# ping both ways.
# timeout: 60
# cost: 5
set -u
. "$(dirname "$0")/lib.sh"

in_dkms_tree() { # PATH: is it DKMS's place for eoip under this kernel?
	[[ $1 == "/lib/modules/$KVER/updates/dkms/eoip.ko"* ]]
}

path=$(modinfo -n eoip 2>&1)
check "modprobe's eoip is /lib/modules/$KVER/updates/dkms/eoip.ko* ($path)" in_dkms_tree "$path"
check "modprobe eoip loads it" modprobe eoip
check_eq "the loaded module is that file (srcversion)" \
	"$(modinfo -F srcversion "$path")" "$(cat /sys/module/eoip/srcversion)"
check_eq "the loaded module's version is VERSION's" \
	"$(cat "$REPO/VERSION")" "$(cat /sys/module/eoip/version)"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
tunnel_pair eoip7 7 198.51.100.1 198.51.100.2 192.0.2.1/24 192.0.2.2/24
check "a pings b through the DKMS-built module's tunnel" \
	ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2
check "b pings a through it" ip netns exec "$b" ping -c 2 -i 0.2 -W 2 192.0.2.1
finish
