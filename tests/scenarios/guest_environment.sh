#!/bin/bash
# cost: 5
# The guest gives every scenario what lib.sh promises: the kernel under test,
# the tool, the RouterOS captures, writable OUT and /tmp, our fresh module
# ahead of anything else, and stock modules that load on demand as on a real
# machine (and unload again, so that no other scenario inherits them).
set -u
. "$(dirname "$0")/lib.sh"

STOCK_MODULES=(veth bridge 8021q gre ip_gre ip6_gre pptp overlay)

module_path_in_updates() { [[ $(modinfo -n eoip) == /lib/modules/$KVER/updates/* ]]; }

check_eq "the guest runs the kernel under test" "$KVER" "$(uname -r)"
check "EOIP ($EOIP) is executable" test -x "$EOIP"
check "CAPTURES ($CAPTURES) holds pcap files" compgen -G "$CAPTURES/*.pcap"
check "OUT is writable" touch "$OUT/probe"
check "/tmp is writable" touch /tmp/probe
rm -f /tmp/probe
check "modprobe finds eoip in updates/ (the fresh build)" module_path_in_updates
for module in "${STOCK_MODULES[@]}"; do
	check "stock module $module loads" modprobe "$module"
done
for ((i = ${#STOCK_MODULES[@]} - 1; i >= 0; i--)); do
	check "stock module ${STOCK_MODULES[i]} unloads" modprobe -r "${STOCK_MODULES[i]}"
done
finish
