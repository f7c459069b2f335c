#!/bin/bash
# TCP through tunnels whose frames are longer than the underlay's MTU: every
# frame leaves in outer fragments, which the sender cuts from the packet's
# own pages (kernel/fragment.c) rather than copying. 8 MiB of pseudo-random
# bytes cross each tunnel and arrive with the same SHA-256: EoIP at MTU 1500
# (two fragments a frame), EoIP at MTU 9000 (six or seven: TCP sends 8 KB
# and larger frames there) and EoIPv6 at MTU 1500,
# over one 1500-byte veth. The fragment counters prove the frames were
# fragmented and reassembled, and no tunnel counts an error or a send drop.
# timeout: 300
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

transfer() { # DEV TO_ADDRESS SNMP_FILE FRAG_KEY REASM_KEY MIN_FRAGMENTS_PER_FRAME
	local dev=$1 to=$2 file=$3 frags reasm frags_before reasm_before
	frags_before=$(snmp "$a" "$file" "$4")
	reasm_before=$(snmp "$b" "$file" "$5")
	blob_transfer "$a" "$b" "$to" "$BYTES" 7 "$dev"
	frags=$(($(snmp "$a" "$file" "$4") - frags_before))
	reasm=$(($(snmp "$b" "$file" "$5") - reasm_before))
	check "$dev: a made outer fragments ($frags), $6 or more a reassembled packet ($reasm)" \
		test "$reasm" -gt 1000 -a "$frags" -ge $((reasm * $6))
	for side in a b; do
		for field in tx_errors tx_dropped rx_errors; do
			check_eq "$dev on $side: $field" 0 "$(link_stat "${!side}" "$dev" "$field")"
		done
	done
}

transfer eoip1 192.0.2.2 snmp FragCreates ReasmOKs 2
transfer eoip2 192.0.2.18 snmp FragCreates ReasmOKs 6
transfer eoip6 192.0.2.34 snmp6 Ip6FragCreates Ip6ReasmOKs 2
finish
