# shellcheck shell=bash
# lib.sh: sourced by every scenario (. "$(dirname "$0")/lib.sh").
#
# A scenario builds a small world of network namespaces, asserts behaviour
# with the check functions (each prints "ok - WHAT" or "not ok - WHAT") and
# ends with `finish`. Its exit status is non-zero when any check failed, when
# it stopped before `finish`, or when it checked nothing. On exit, whatever
# way, its background jobs are killed and its namespaces deleted.
#
#   ns_new VAR                       new namespace (lo up); its name into $VAR
#   veth_link NS1 IF1 ADDR1 NS2 IF2 ADDR2
#                                    veth pair NS1:IF1 <-> NS2:IF2, up, with
#                                    addresses (CIDR, IPv4 or IPv6; "" = none)
#   on_exit COMMAND...               run COMMAND at exit, before the cleanup
#   check WHAT COMMAND...            COMMAND must succeed
#   check_fail WHAT COMMAND...       COMMAND must fail
#   check_eq WHAT EXPECTED ACTUAL    the two strings must be equal
#   wait_until SECONDS WHAT COMMAND...
#                                    COMMAND must succeed within SECONDS
#   link_stat NS DEV FIELD           prints /sys/class/net/DEV/statistics/FIELD
#                                    inside NS ("" = the root namespace)
#   tunnel_pair DEV ID UNDERLAY_A UNDERLAY_B INNER_A INNER_B [OPTION...]
#                                    tunnel DEV (eoip or eoipv6, as the
#                                    underlay addresses are) between the
#                                    namespaces $a and $b, with the same eoip
#                                    add OPTIONs on both ends, INNER_A and
#                                    INNER_B (CIDR) on it, up; checks each end
#   finish                           prints the summary and exits
#
# Check functions return 1 on failure: under `set -e` the first failed check
# ends the scenario (still cleaned up and reported). Works under `set -u`.
# Start servers and captures with `&`, not as daemons (iperf3 -D): the cleanup
# kills the scenario's jobs, and the harness fails a scenario that leaves a
# process, a namespace or a root-namespace link behind.
# Run Python as `python3 -S` (the scripts use the standard library only):
# without -S the interpreter imports site's packages first, over a second per
# start under TCG. Moving bytes over TCP: lib/tcp_blob.sh (compiled).
# The environment from the harness: EOIP (the tool), CAPTURES, OUT (a
# writable directory for this scenario), KVER, REPO, SCENARIO (its name),
# FAMILY (below).

LIB_NAME=${SCENARIO:-$(basename "$0" .sh)}
LIB_CHECKS=0
LIB_FAILED=0
LIB_FINISHED=0
LIB_EXIT_COMMANDS=()
# Every namespace of this scenario carries this prefix, so the cleanup finds
# them all, even those made in a subshell.
LIB_NS_PREFIX="$LIB_NAME-$$-"
LIB_POLL_INTERVAL=0.2 # wait_until: often enough to be quick, rare enough to be cheap under TCG

lib_pass() { # WHAT
	LIB_CHECKS=$((LIB_CHECKS + 1))
	echo "ok - $1"
}

lib_fail() { # WHAT WHY
	LIB_CHECKS=$((LIB_CHECKS + 1))
	LIB_FAILED=$((LIB_FAILED + 1))
	echo "not ok - $1${2:+ ($2)}"
	return 1
}

lib_die() { # MESSAGE: a set-up step failed, nothing after it would mean anything
	lib_fail "set-up: $*"
	exit 1
}

# A scenario whose header says "# families: ipv4 ipv6" runs once per underlay
# family, FAMILY telling which. For it: KIND (eoip or eoipv6), the underlay
# addresses UNDER_A and UNDER_B of the hosts a and b, their prefix length
# UNDER_PLEN, and the tunnel's DEFAULT_MTU (1500 less the outer headers).
# shellcheck disable=SC2034 # for the scenarios that source this file
case ${FAMILY:-} in
ipv4) KIND=eoip UNDER_A=198.51.100.1 UNDER_B=198.51.100.2 UNDER_PLEN=24 DEFAULT_MTU=1458 ;;
ipv6) KIND=eoipv6 UNDER_A=2001:db8:1::1 UNDER_B=2001:db8:1::2 UNDER_PLEN=64 DEFAULT_MTU=1444 ;;
'') ;;
*) echo "lib.sh: unknown FAMILY '$FAMILY'" >&2 && exit 1 ;;
esac

ns_new() { # VAR
	local name="$LIB_NS_PREFIX$1"
	ip netns add "$name" || lib_die "ip netns add $name"
	ip -n "$name" link set lo up || lib_die "lo up in $name"
	printf -v "$1" '%s' "$name"
}

lib_addr_add() { # NS DEV CIDR
	[[ -n $3 ]] || return 0
	case $3 in
	# nodad: duplicate address detection would keep the address unusable
	# ("tentative") for a second or more.
	*:*) ip -n "$1" addr add "$3" dev "$2" nodad ;;
	*) ip -n "$1" addr add "$3" dev "$2" ;;
	esac
}

veth_link() { # NS1 IF1 ADDR1 NS2 IF2 ADDR2
	ip -n "$1" link add "$2" type veth peer name "$5" netns "$4" ||
		lib_die "veth $1:$2 <-> $4:$5"
	if ! { lib_addr_add "$1" "$2" "$3" && lib_addr_add "$4" "$5" "$6" &&
		ip -n "$1" link set "$2" up && ip -n "$4" link set "$5" up; }; then
		lib_die "addresses and up on veth $1:$2 <-> $4:$5"
	fi
}

on_exit() { # COMMAND...
	LIB_EXIT_COMMANDS+=("$(printf '%q ' "$@")")
}

check() { # WHAT COMMAND...
	local what=$1
	shift
	if "$@"; then lib_pass "$what"; else lib_fail "$what" "failed: $*"; fi
}

check_fail() { # WHAT COMMAND...
	local what=$1
	shift
	if "$@"; then lib_fail "$what" "succeeded, should have failed: $*"; else lib_pass "$what"; fi
}

check_eq() { # WHAT EXPECTED ACTUAL
	if [[ $2 == "$3" ]]; then lib_pass "$1"; else lib_fail "$1" "expected '$2', got '$3'"; fi
}

wait_until() { # SECONDS WHAT COMMAND...
	local seconds=$1 what=$2 deadline=$((SECONDS + $1))
	shift 2
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then
			"$@" # once more with its output, to show why
			lib_fail "$what" "not within ${seconds}s: $*"
			return 1
		fi
		sleep "$LIB_POLL_INTERVAL"
	done
	lib_pass "$what"
}

link_stat() { # NS DEV FIELD
	local file="/sys/class/net/$2/statistics/$3"
	if [[ -z $1 ]]; then
		cat "$file"
	else
		# ip netns exec mounts the namespace's own /sys.
		ip netns exec "$1" cat "$file"
	fi
}

kernel_memory_kb() { # unreclaimable slab + per-CPU (/proc/meminfo), settled
	# Every slab cache shrunk first: that empties the caches' per-CPU
	# partial slabs and, on a KASAN kernel, its quarantine of freed
	# objects, which would otherwise count as megabytes still in use.
	local cache
	sync
	echo 3 >/proc/sys/vm/drop_caches
	for cache in /sys/kernel/slab/*/shrink; do
		echo 1 >"$cache" 2>/dev/null
	done
	sleep 2
	awk '/^SUnreclaim:/ { s = $2 } /^Percpu:/ { p = $2 } END { print s + p }' /proc/meminfo
}

# shellcheck disable=SC2154 # a and b: the scenario made them with ns_new
tunnel_pair() { # DEV ID UNDERLAY_A UNDERLAY_B INNER_A INNER_B [OPTION...]
	local dev=$1 id=$2 under_a=$3 under_b=$4 inner_a=$5 inner_b=$6
	shift 6
	check "add $dev on a (tunnel-id $id${*:+ $*})" ip netns exec "$a" "$EOIP" add \
		name "$dev" local "$under_a" remote "$under_b" tunnel-id "$id" "$@" &&
		check "add $dev on b (tunnel-id $id${*:+ $*})" ip netns exec "$b" "$EOIP" add \
			name "$dev" local "$under_b" remote "$under_a" tunnel-id "$id" "$@" &&
		check "$dev up, $inner_a on a and $inner_b on b" \
			lib_addresses_up "$dev" "$inner_a" "$inner_b"
}

lib_addresses_up() { # DEV INNER_A INNER_B
	ip -n "$a" addr add "$2" dev "$1" && ip -n "$b" addr add "$3" dev "$1" &&
		ip -n "$a" link set "$1" up && ip -n "$b" link set "$1" up
}

finish() {
	((LIB_CHECKS > 0)) || lib_fail "the scenario checked something" "no check ran" || true
	LIB_FINISHED=1
	echo "# $LIB_NAME: $LIB_CHECKS checks, $LIB_FAILED failed"
	exit $((LIB_FAILED > 0))
}

lib_cleanup() { # the EXIT trap; keeps a failing status, turns a silent one into failure
	local status=$? command ns
	trap - EXIT
	set +e
	if ((!LIB_FINISHED)); then
		lib_fail "the scenario ran to finish" "it stopped early, status $status"
		((status)) || status=1
	fi
	for command in "${LIB_EXIT_COMMANDS[@]}"; do
		eval "$command"
	done
	# Background jobs (servers, captures) would outlive us and keep their
	# namespace alive.
	# shellcheck disable=SC2046 # one pid per word
	kill $(jobs -p) 2>/dev/null
	wait 2>/dev/null
	for ns in $(ip netns list | awk '{ print $1 }'); do
		[[ $ns == "$LIB_NS_PREFIX"* ]] && ip netns del "$ns"
	done
	exit "$status"
}
trap lib_cleanup EXIT
# Killed by the harness's time limit: exit through the cleanup with the
# status a signal death would have had.
trap 'exit 143' TERM
trap 'exit 130' INT
