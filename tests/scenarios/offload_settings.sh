#!/bin/bash
# TCP crosses EoIP intact whatever offloads are switched off or on, on the
# tunnel or on the underlay, at either end: with each setting below, 1 MiB of
# pseudo-random bytes arrive with the same SHA-256 over EoIP at its default
# MTU (GSO packets pass whole), EoIP at MTU 1500 (outer fragments) and
# EoIPv6, and no tunnel counts an error or a send drop. Each setting is
# undone before the next. What they exercise:
#   tunnel, tx checksum off       the stack checksums inner TCP itself
#   tunnel, scatter-gather off    linear frames, no GSO from the stack
#   tunnel, TSO and GSO off       the stack segments before the tunnel
#   underlay, tx checksum off     outer packets finished in software
#   underlay, scatter-gather off  GRE GSO segmented and linearized there
#   receiving underlay, GRO on    veth's NAPI receive merges what it can
#   receiving tunnel, GRO off     frames skip the tunnel's GRO cells
# timeout: 600
# cost: 40
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"

BYTES=$((1 << 20))
TUNNELS=(eoip1 eoip2 eoip6)
declare -A TARGET=([eoip1]=192.0.2.2 [eoip2]=192.0.2.18 [eoip6]=192.0.2.34)

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad || lib_die "IPv6 on a"
ip -n "$b" addr add 2001:db8:1::2/64 dev veth0 nodad || lib_die "IPv6 on b"

tunnel_pair eoip1 1 198.51.100.1 198.51.100.2 192.0.2.1/28 192.0.2.2/28 keepalive none
tunnel_pair eoip2 2 198.51.100.1 198.51.100.2 192.0.2.17/28 192.0.2.18/28 \
	mtu 1500 keepalive none
tunnel_pair eoip6 3 2001:db8:1::1 2001:db8:1::2 192.0.2.33/28 192.0.2.34/28 \
	keepalive none

feature() { # NS DEV NAME: "on" or "off", as ethtool -k shows it
	ip netns exec "$1" ethtool -k "$2" | awk -v name="$3:" '$1 == name { print $2 }'
}

set_features() { # NS DEVICES EXPECTED_NAME ON_OR_OFF ETHTOOL_SETTING...
	local ns=$1 devices=$2 name=$3 value=$4 dev
	shift 4
	for dev in $devices; do
		ip netns exec "$ns" ethtool -K "$dev" "$@" >/dev/null || return 1
		[[ $(feature "$ns" "$dev" "$name") == "$value" ]] || return 1
	done
}

SEED=0

with_setting() { # LABEL SIDE DEVICES NAME ETHTOOL_SETTING: transfers under it
	local label=$1 ns=${!2} devices=$3 name=$4 setting=$5 value undo dev side
	value=${setting##* }
	if [[ $value == on ]]; then undo=${setting% on}" off"; else undo=${setting% off}" on"; fi
	# shellcheck disable=SC2086 # a setting is several ethtool words
	check "$label: ethtool -K $setting on $2's $devices ($name $value)" \
		set_features "$ns" "$devices" "$name" "$value" $setting || return
	for dev in "${TUNNELS[@]}"; do
		SEED=$((SEED + 1))
		blob_transfer "$a" "$b" "${TARGET[$dev]}" "$BYTES" "$SEED" "$label-$dev"
	done
	for dev in "${TUNNELS[@]}"; do
		for side in a b; do
			# the three counters in one process: each costs a quarter
			# second under TCG
			check_eq "$label: $dev on $side: tx_errors tx_dropped rx_errors" "0 0 0" \
				"$(ip netns exec "${!side}" cat "/sys/class/net/$dev/statistics/"{tx_errors,tx_dropped,rx_errors} |
					paste -sd ' ')"
		done
	done
	# shellcheck disable=SC2086
	check "$label: undone ($name ${undo##* })" \
		set_features "$ns" "$devices" "$name" "${undo##* }" $undo
}

with_setting tunnel-tx-csum a "${TUNNELS[*]}" tx-checksumming "tx off"
with_setting tunnel-sg a "${TUNNELS[*]}" scatter-gather "sg off"
with_setting tunnel-gso a "${TUNNELS[*]}" generic-segmentation-offload "tso off gso off"
with_setting underlay-tx-csum a veth0 tx-checksumming "tx off"
with_setting underlay-sg a veth0 scatter-gather "sg off"
with_setting underlay-gro b veth0 generic-receive-offload "gro on"
with_setting tunnel-gro b "${TUNNELS[*]}" generic-receive-offload "gro off"
finish
