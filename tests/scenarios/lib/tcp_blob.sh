# shellcheck shell=bash
# tcp_blob.sh: sourced by scenarios that check bytes cross a tunnel intact.
#
#   blob_transfer FROM_NS TO_NS ADDRESS BYTES SEED LABEL
#       BYTES pseudo-random bytes (SEED) over TCP from FROM_NS to ADDRESS in
#       TO_NS (lib/tcp_blob.py); checks that as many arrive, with the same
#       SHA-256. The receiver's output goes to $OUT/LABEL.received.
#   blob_transfer_within SECONDS FROM_NS TO_NS ADDRESS BYTES SEED LABEL
#       the same, but the sender and the receiver are stopped after SECONDS:
#       a transfer that stalls (a black hole) fails in time instead of
#       running into the scenario's time limit.

TCP_BLOB=$(dirname "${BASH_SOURCE[0]}")/tcp_blob.py
TCP_BLOB_PORT=5001

blob_transfer() {
	local from=$1 to=$2 address=$3 bytes=$4 seed=$5 label=$6 server sent
	ip netns exec "$to" python3 "$TCP_BLOB" receive "$address" "$TCP_BLOB_PORT" \
		>"$OUT/$label.received" &
	server=$!
	wait_until 30 "$label: receiver listening" \
		bash -c "ip netns exec '$to' ss -Hltn 'sport = :$TCP_BLOB_PORT' | grep -q ."
	sent=$(ip netns exec "$from" python3 "$TCP_BLOB" send "$address" "$TCP_BLOB_PORT" \
		"$bytes" "$seed")
	wait "$server"
	check_eq "$label: $bytes bytes arrive whole (count, SHA-256)" \
		"$sent" "$(cat "$OUT/$label.received")"
}

blob_transfer_within() {
	local seconds=$1 from=$2 to=$3 address=$4 bytes=$5 seed=$6 label=$7 server sent
	local what="$label: $bytes bytes arrive whole within ${seconds}s (count, SHA-256)"
	ip netns exec "$to" timeout "$seconds" python3 "$TCP_BLOB" receive "$address" \
		"$TCP_BLOB_PORT" >"$OUT/$label.received" &
	server=$!
	wait_until 30 "$label: receiver listening" \
		bash -c "ip netns exec '$to' ss -Hltn 'sport = :$TCP_BLOB_PORT' | grep -q ."
	sent=$(ip netns exec "$from" timeout "$seconds" python3 "$TCP_BLOB" send "$address" \
		"$TCP_BLOB_PORT" "$bytes" "$seed")
	# A sender that gave up leaves the receiver waiting: timeout passes the
	# signal on.
	[[ -n $sent ]] || kill "$server" 2>/dev/null
	wait "$server"
	if [[ -z $sent ]]; then
		lib_fail "$what" "the sender did not finish"
	else
		check_eq "$what" "$sent" "$(cat "$OUT/$label.received")"
	fi
}
