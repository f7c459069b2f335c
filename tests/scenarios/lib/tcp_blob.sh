# shellcheck shell=bash
# tcp_blob.sh: sourced by scenarios that check bytes cross a tunnel intact.
#
#   blob_transfer FROM_NS TO_NS ADDRESS BYTES SEED LABEL
#       BYTES pseudo-random bytes (SEED) over TCP from FROM_NS to ADDRESS in
#       TO_NS (build/test-tools/tcp_blob, from tests/tools); checks that as
#       many arrive, with the same SHA-256. The receiver's output goes to
#       $OUT/LABEL.received.
#   blob_transfer_within SECONDS FROM_NS TO_NS ADDRESS BYTES SEED LABEL
#       the same, but the sender and the receiver are stopped after SECONDS:
#       a transfer that stalls (a black hole) fails in time instead of
#       running into the scenario's time limit.
# The sender connects as soon as the receiver listens (it retries while the
# connection is refused, for 30 s).

TCP_BLOB=$REPO/build/test-tools/tcp_blob
TCP_BLOB_PORT=5001
[[ -x $TCP_BLOB ]] || lib_die "no $TCP_BLOB: make check builds it (make -C tests/tools)"

blob_transfer() {
	blob_move 0 "$@" "$6: $4 bytes arrive whole (count, SHA-256)"
}

blob_transfer_within() {
	blob_move "$@" "$7: $5 bytes arrive whole within ${1}s (count, SHA-256)"
}

blob_move() { # SECONDS (0: no limit) FROM_NS TO_NS ADDRESS BYTES SEED LABEL WHAT
	local seconds=$1 from=$2 to=$3 address=$4 bytes=$5 seed=$6 label=$7 what=$8
	local server sent
	ip netns exec "$to" timeout "$seconds" "$TCP_BLOB" receive "$address" \
		"$TCP_BLOB_PORT" >"$OUT/$label.received" &
	server=$!
	sent=$(ip netns exec "$from" timeout "$seconds" "$TCP_BLOB" send "$address" \
		"$TCP_BLOB_PORT" "$bytes" "$seed")
	# A sender that gave up leaves the receiver waiting.
	[[ -n $sent ]] || kill "$server" 2>/dev/null
	wait "$server"
	if [[ -z $sent ]]; then
		lib_fail "$what" "the sender did not finish"
	else
		check_eq "$what" "$sent" "$(cat "$OUT/$label.received")"
	fi
}
