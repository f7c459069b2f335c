#!/bin/bash
# clamp-tcp-mss only touches what it can read safely: hand-made SYNs from
# ha to hb across the bridged tunnel (lib/odd_syns.py) arrive with their
# TCP header as sent when the option list is truncated or malformed (an MSS
# kind without its length, an MSS option 3 bytes long, a zero length, a
# length past the header, a data offset past the packet) or the MSS is
# below the limit; a well-formed MSS of 1460, also at an odd offset, becomes
# 1418 (IPv4) or 1398 (IPv6) with a valid checksum.
# timeout: 300
# cost: 20
# shellcheck disable=SC2154,SC2015,SC2119,SC2034 # ns_new and capture_start assign by name; "A && B || lib_die" is meant; bridged_hosts takes no arguments
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"
. "$(dirname "$0")/lib/bridged_hosts.sh"

ODD_SYNS=$(dirname "$0")/lib/odd_syns.py

bridged_hosts
capture_start cap "$hb" eth0 "$OUT/hb.pcap" tcp
check "ha sends the hand-made SYNs over IPv4" \
	ip netns exec "$ha" python3 -S "$ODD_SYNS" send 192.0.2.1 192.0.2.2
check "ha sends them over IPv6" \
	ip netns exec "$ha" python3 -S "$ODD_SYNS" send 2001:db8:1::1 2001:db8:1::2
capture_stop "$cap"

for family in 4 6; do
	if [[ $family == 4 ]]; then
		src=192.0.2.1 dst=192.0.2.2 clamped=1418
	else
		src=2001:db8:1::1 dst=2001:db8:1::2 clamped=1398
	fi
	python3 -S "$ODD_SYNS" check "$OUT/hb.pcap" "$src" "$dst" >"$OUT/ipv$family.cases"
	sed "s/^/# IPv$family at hb: /" "$OUT/ipv$family.cases"
	result() { sed -n "s/^$1 //p" "$OUT/ipv$family.cases"; }
	for case in truncated mss-length-3 length-0-after-mss length-past-end \
		doff-past-packet mss-below-limit; do
		check_eq "IPv$family: SYN with $case passes unchanged" \
			"unchanged checksum ok" "$(result "$case")"
	done
	check_eq "IPv$family: SYN with MSS 1460 gets $clamped, checksum fixed" \
		"mss $clamped checksum ok" "$(result mss-even)"
	check_eq "IPv$family: the same with the MSS option at an odd offset" \
		"mss $clamped checksum ok" "$(result mss-odd-offset)"
done
finish
