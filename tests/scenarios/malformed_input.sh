#!/bin/bash
# Malformed EoIP from a raw socket, at a tunnel 198.51.100.1 <- .2, id 100:
# each case is dropped and counted where it should be (rx_length_errors on
# the device, rx_no_tunnel in /proc/net/eoip), or trimmed and delivered, or
# consumed (keepalive), or left to the rest of the stack (wrong magic, GRE
# too short to be EoIP); then a burst of random packets with the EoIP magic.
# Nothing crashes and the kernel logs no warning. The per-case counters,
# before and after, are in the log (lib/malformed_send.py prints them).
# timeout: 300
# cost: 8
set -u
. "$(dirname "$0")/lib.sh"

LOCAL=198.51.100.1
REMOTE=198.51.100.2
STRANGER=198.51.100.3 # on the same link, not a configured remote
TABLE=$OUT/malformed.tsv
KERNEL_TROUBLE='WARNING:|BUG:|Oops|Call Trace|refcount_t|general protection'

kernel_trouble() { dmesg | grep -cE "$KERNEL_TROUBLE"; }
trouble_before=$(kernel_trouble)

ns_new a
ns_new b
veth_link "$a" veth0 "$LOCAL/24" "$b" veth0 "$REMOTE/24"
check "add eoip100: local $LOCAL, remote $REMOTE, tunnel-id 100" \
	ip netns exec "$a" "$EOIP" add name eoip100 tunnel-id 100 local "$LOCAL" remote "$REMOTE"
ip -n "$a" link set eoip100 up

check "the malformed packets were sent and every case's marker came through" \
	ip netns exec "$a" python3 -S "$REPO/tests/scenarios/lib/malformed_send.py" "$OUT" "$EOIP" \
	eoip100 100 "$LOCAL" "$REMOTE" "$STRANGER" "$b" || finish # nothing below would mean anything

# The table, read once: DELTA[CASE/COUNTER] = after - before, COUNTERS in
# the order the helper reports them.
declare -A DELTA
COUNTERS=()
while IFS=$'\t' read -r name counter before after; do
	[[ $name == valid ]] && COUNTERS+=("$counter")
	DELTA[$name/$counter]=$((after - before))
done <"$TABLE"
delta() { echo "${DELTA[$1/$2]-missing}"; } # CASE COUNTER

# CASE WHAT COUNTER=DELTA...: each counter changed by exactly that much; the
# counters not named did not change at all.
expect() {
	local case=$1 what=$2 counter pair change expected=() got=()
	shift 2
	for counter in "${COUNTERS[@]}"; do
		change=0
		for pair in "$@"; do [[ ${pair%=*} == "$counter" ]] && change=${pair#*=}; done
		expected+=("$counter=$change")
		got+=("$counter=${DELTA[$case/$counter]-missing}")
	done
	check_eq "$case: $what" "${expected[*]}" "${got[*]}"
}

expect valid "a correct frame is delivered" delivered=1
check "valid: delivered as sent" cmp "$OUT/valid.sent" "$OUT/valid.delivered"
expect truncated "length field > payload: dropped, rx_length_errors +1" \
	rx_length_errors=1 rx_errors=1
expect padded "payload longer than the length field: trimmed and delivered" delivered=1
check "padded: the delivered frame is exactly the 42 bytes of the length field" \
	cmp "$OUT/padded.sent" "$OUT/padded.delivered"
expect length_10 "length field 10 (< 14): dropped, rx_length_errors +1" \
	rx_length_errors=1 rx_errors=1
expect length_13 "length field 13 (< 14): dropped, rx_length_errors +1" \
	rx_length_errors=1 rx_errors=1
expect length_14 "length field 14 (a bare Ethernet header): trimmed and delivered" delivered=1
check "length_14: the delivered frame is the 14 bytes" \
	cmp "$OUT/length_14.sent" "$OUT/length_14.delivered"
expect magic_pptp "magic 20 01 88 0b: not ours, not delivered, no eoip counter moves"
expect magic_version "magic 30 01 64 00: not ours, not delivered, no eoip counter moves"
expect unknown_id "unknown tunnel id: dropped, rx_no_tunnel +1" rx_no_tunnel=1
expect wrong_source "right id from $STRANGER: dropped, rx_no_tunnel +1, not delivered" \
	rx_no_tunnel=1
expect keepalive "keepalive: consumed and counted, not delivered" keepalives_received=1
expect gre_4 "GRE of 4 bytes: ignored, nothing moves"
expect gre_7 "GRE of 7 bytes: ignored, nothing moves"
expect gre_0 "protocol 47 without GRE bytes: ignored, nothing moves"

# The burst: the receive rules applied to each random packet predict the
# counters (lib/malformed_send.py, seed fixed).
while IFS=$'\t' read -r counter predicted; do
	check_eq "burst: $counter as predicted" "$predicted" "$(delta burst "$counter")"
done <"$OUT/burst.predicted"
check_eq "burst: rx_errors = rx_length_errors" "$(delta burst rx_length_errors)" \
	"$(delta burst rx_errors)"
check_eq "burst: rx_dropped unchanged" 0 "$(delta burst rx_dropped)"
check_eq "no kernel warning, BUG or oops meanwhile" "$trouble_before" "$(kernel_trouble)"
finish
