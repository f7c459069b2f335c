#!/bin/bash
# TCP through tunnels whose frames are longer than the underlay's MTU: every
# full frame leaves in outer fragments. 8 MiB of pseudo-random bytes cross
# each tunnel and arrive with the same SHA-256: EoIP at MTU 1500 (two
# fragments a full frame), EoIP at MTU 9000 (seven) and EoIPv6 at MTU 1500
# (two), over one 1500-byte veth. The fragment counters prove it: the bytes
# need at least BYTES / (MTU - 40) frames, so b reassembled at least that many
# packets; a made at least two fragments for each, and at least as many as
# the bytes fill at 1480 (IPv6: 1448) bytes a fragment. (TCP may send more,
# smaller frames, never fewer: the bounds hold for any mix.) No tunnel counts
# an error or a send drop.
# timeout: 300
# cost: 16
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

BYTES=$((8 << 20))

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad || lib_die "IPv6 on a"
ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad || lib_die "IPv6 on b"

tunnel_pair eoip1 1 198.51.100.1 198.51.100.2 192.0.2.1/28 192.0.2.2/28 \
	mtu 1500 keepalive none
tunnel_pair eoip2 2 198.51.100.1 198.51.100.2 192.0.2.17/28 192.0.2.18/28 \
	mtu 9000 keepalive none
tunnel_pair eoip6 3 2001:db8:1::1 2001:db8:1::2 192.0.2.33/28 192.0.2.34/28 \
	mtu 1500 keepalive none

# shellcheck disable=SC2016 # $1, $2: awk's fields, not the shell's
snmp() { # NS FILE KEY: a counter of /proc/net/snmp6, or of /proc/net/snmp's "Ip:" lines
	if [[ $2 == snmp6 ]]; then
		ip netns exec "$1" awk -v k="$3" '$1 == k { print $2 }' /proc/net/snmp6
	else
		ip netns exec "$1" awk -v k="$3" '$1 == "Ip:" {
			if (!(k in col)) { for (i = 2; i <= NF; i++) col[$i] = i; next }
			print $col[k] }' /proc/net/snmp
	fi
}

transfer() { # DEV MTU TO_ADDRESS SNMP_FILE FRAG_KEY REASM_KEY FRAGMENT_PAYLOAD
	local dev=$1 mtu=$2 to=$3 file=$4 frags reasm frags_before reasm_before frames least
	frags_before=$(snmp "$a" "$file" "$5")
	reasm_before=$(snmp "$b" "$file" "$6")
	blob_transfer "$a" "$b" "$to" "$BYTES" 7 "$dev"
	frags=$(($(snmp "$a" "$file" "$5") - frags_before))
	reasm=$(($(snmp "$b" "$file" "$6") - reasm_before))
	# TCP carries at most MTU - 40 bytes a frame (IPv4 and TCP headers).
	frames=$((BYTES / (mtu - 40)))
	check "$dev: b reassembled $reasm packets, at least the $frames frames the bytes need" \
		test "$reasm" -ge "$frames"
	least=$((BYTES / $7))
	((least > 2 * reasm)) || least=$((2 * reasm))
	check "$dev: a made $frags outer fragments, at least $least (2 a packet; the bytes at $7 a fragment)" \
		test "$frags" -ge "$least"
	for side in a b; do
		for field in tx_errors tx_dropped rx_errors; do
			check_eq "$dev on $side: $field" 0 "$(link_stat "${!side}" "$dev" "$field")"
		done
	done
}

transfer eoip1 1500 192.0.2.2 snmp FragCreates ReasmOKs 1480
transfer eoip2 9000 192.0.2.18 snmp FragCreates ReasmOKs 1480
transfer eoip6 1500 192.0.2.34 snmp6 Ip6FragCreates Ip6ReasmOKs 1448
finish
