# shellcheck shell=bash
# many_tunnels.sh: sourced after lib.sh by what fills a namespace with
# tunnels (ten_thousand_tunnels, make bench-scale's guest).
#
#   MANY_REMOTES                  the far ends' addresses, all on b's veth0
#   MANY_GROUP                    ip link's device group of every tunnel
#   many_tunnels_hosts            namespaces a and b (into $a and $b) joined
#                                 by veth0, a at 198.51.100.1, b at every
#                                 MANY_REMOTES address
#   many_tunnels_batch FROM TO [SKIP]
#                                 ip -batch lines adding tunnels tFROM..tTO-1
#                                 (tunnel-id = the number, remotes in turn),
#                                 all but tSKIP
#   tunnel_count NS               how many t* devices NS holds
# (lib.sh's kernel_memory_kb measures what they cost)

MANY_REMOTES=(198.51.100.2 198.51.100.3 198.51.100.4 198.51.100.5)
MANY_GROUP=20

many_tunnels_hosts() {
	local remote
	ns_new a
	ns_new b
	# shellcheck disable=SC2154 # a and b: made by ns_new
	veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 "${MANY_REMOTES[0]}/24"
	for remote in "${MANY_REMOTES[@]:1}"; do
		ip -n "$b" addr add "$remote/24" dev veth0 || lib_die "address $remote on b"
	done
}

many_tunnels_batch() { # FROM TO [SKIP]
	awk -v from="$1" -v to="$2" -v skip="${3:--1}" -v group="$MANY_GROUP" \
		-v remotes="${MANY_REMOTES[*]}" 'BEGIN {
		n = split(remotes, r, " ")
		for (id = from; id < to; id++)
			if (id != skip)
				printf "link add t%d group %d type eoip remote %s tunnel-id %d keepalive none\n",
					id, group, r[id % n + 1], id
	}'
}

tunnel_count() { # NS: the t* devices in /sys (a dump of 10,000 links takes seconds)
	ip netns exec "$1" find /sys/class/net -mindepth 1 -maxdepth 1 -name 't*' | wc -l
}
