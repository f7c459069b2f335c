#!/bin/bash
# cost: 4
# The module loads and unloads as on a real machine: by `modprobe eoip`, and
# automatically by its rtnetlink aliases when ip(8) asks for a link of kind
# eoip or eoipv6. Leaves the module loaded (the boot ends with rmmod).
set -u
. "$(dirname "$0")/lib.sh"

loaded() { [[ -d /sys/module/eoip ]]; }
in_lsmod() { lsmod | grep -q '^eoip '; }
declares_alias() { modinfo -F alias eoip | grep -qx "$1"; }
unload() { modprobe -r eoip && ! loaded; }

check "modprobe eoip loads it" modprobe eoip
check "/sys/module/eoip exists" loaded
check "lsmod lists eoip" in_lsmod
check "modprobe -r eoip unloads it" unload
check "modprobe eoip loads it again" modprobe eoip
check "it declares the alias rtnl-link-eoip" declares_alias rtnl-link-eoip
check "it declares the alias rtnl-link-eoipv6" declares_alias rtnl-link-eoipv6

# ip(8) knows no eoip attributes: the link may be refused for lack of them,
# but asking for the kind must have loaded the module.
for kind in eoip eoipv6; do
	check "modprobe -r eoip before asking for kind $kind" unload
	ip link add eoiptest type "$kind" 2>&1 | sed 's/^/ip: /'
	ip link del eoiptest 2>/dev/null
	check "ip link add ... type $kind auto-loaded the module" loaded
done
finish
