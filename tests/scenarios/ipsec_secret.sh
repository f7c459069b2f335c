#!/bin/bash
# ipsec-secret between two ends, each with its own strongSwan charon, for
# an EoIP tunnel (s4) and an EoIPv6 one (s6) side by side: a with local and
# remote (eoip add), b with the remote only (its local address from
# routing; eoip up and a configuration file). Before
# charon runs, the secret already blocks EoIP; with the same secret on
# both, pings and 4 MiB cross each tunnel, and the underlay carries ESP and
# IKE only; plaintext EoIP from b's address is dropped by a and counted;
# `eoip del` leaves no connection, policy or SA; with different secrets
# nothing crosses and nothing goes in the clear; `ipsec-secret none` gives
# clear EoIP again and leaves nothing behind either (these two with the
# eoip tunnel only). The secret is in no process's command line while eoip
# runs swanctl, not in eoip show, not in any file others may read. One run
# for both families: every charon start and IKE exchange costs seconds
# under TCG.
# timeout: 600
# cost: 90
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/observe.sh"
. "$(dirname "$0")/lib/tcp_blob.sh"
. "$(dirname "$0")/lib/ipsec.sh"

SECRET=Eo1p-test-s3cret
OTHER_SECRET=another-s3cret
BYTES=$((4 << 20))
ESP=50
UDP=17 # IKE: ports 500 and 4500
A4=198.51.100.1 B4=198.51.100.2 A6=2001:db8:1::1 B6=2001:db8:1::2
# per tunnel: the underlay's protocol, the ends' addresses, the inner ones
declare -A PROTO=([s4]=47 [s6]=97)
declare -A UNDER_OF_A=([s4]=$A4 [s6]=$A6) UNDER_OF_B=([s4]=$B4 [s6]=$B6)
declare -A PREFIX=([s4]=24 [s6]=64) ID=([s4]=321 [s6]=322)
declare -A INNER_A=([s4]=192.0.2.1 [s6]=192.0.2.5) INNER_B=([s4]=192.0.2.2 [s6]=192.0.2.6)
TUNNELS=(s4 s6)

ns_new a
ns_new b
veth_link "$a" veth0 $A4/24 "$b" veth0 $B4/24
if ! { lib_addr_add "$a" veth0 $A6/64 && lib_addr_add "$b" veth0 $B6/64; }; then
	lib_die "IPv6 addresses on the veth pair"
fi
ipsec_side "$a"
ipsec_side "$b"

# swanctl as eoip runs it, with a snapshot of every command line meanwhile
cat >"$IPSEC_WRAPPERS/swanctl" <<WRAPPER
#!/bin/sh
ps -eo args >>"$OUT/ps-during-swanctl.txt"
exec /usr/sbin/swanctl "\$@"
WRAPPER
chmod 0755 "$IPSEC_WRAPPERS/swanctl"

# a by eoip add, b by eoip up and a configuration file (0600, as it must)
add_tunnels() { # SECRET_OF_A SECRET_OF_B
	local t file
	for t in "${TUNNELS[@]}"; do
		check "a: add $t with local and ipsec-secret" on_side "$a" "$EOIP" add name "$t" \
			local "${UNDER_OF_A[$t]}" remote "${UNDER_OF_B[$t]}" tunnel-id "${ID[$t]}" \
			ipsec-secret "$1"
		file=$IPSEC_DIR/$t.conf
		(umask 077 && printf 'remote %s\ntunnel-id %s\nipsec-secret %s\n' \
			"${UNDER_OF_A[$t]}" "${ID[$t]}" "$2" >"$file")
		check "b: eoip up $t from a file without local, with ipsec-secret" \
			on_side "$b" "$EOIP" up "$file"
		check "$t up with its inner addresses" lib_addresses_up "$t" \
			"${INNER_A[$t]}/30" "${INNER_B[$t]}/30"
	done
}

ipsec_word() { # NS TUNNEL: what eoip show says of its IPsec
	on_side "$1" "$EOIP" show "$2" | sed -n 's/^  ipsec //p'
}

capture_start capture "$b" veth0 "$OUT/underlay.pcap"

phase "before charon: the secret alone keeps EoIP off the wire"
add_tunnels "$SECRET" "$SECRET"
for t in "${TUNNELS[@]}"; do
	check_eq "a: eoip show says $t's ipsec is blocked" blocked "$(ipsec_word "$a" "$t")"
	check_fail "no ping crosses $t while no charon runs" \
		ip netns exec "$a" ping -c 1 -W 1 "${INNER_B[$t]}"
done
check_eq "a: eoip's swanctl file is root's alone (0600)" "600 root" \
	"$(stat -c '%a %U' "$(swanctl_conf "$a" s4)")"

phase "the same secret: pings, 4 MiB each way"
charon_start "$a"
charon_start "$b"
load_all "$a"
load_all "$b"
for t in "${TUNNELS[@]}"; do
	wait_until 60 "a pings b over $t once IKE made the SAs" \
		ip netns exec "$a" ping -c 1 -W 1 "${INNER_B[$t]}"
	check "b pings a over $t" ip netns exec "$b" ping -c 2 -i 0.2 -W 2 "${INNER_A[$t]}"
done
blob_transfer_within 120 "$a" "$b" "${INNER_B[s4]}" "$BYTES" 1 s4-a-to-b
blob_transfer_within 120 "$b" "$a" "${INNER_A[s6]}" "$BYTES" 2 s6-b-to-a
for t in "${TUNNELS[@]}"; do
	check_eq "a: eoip show says $t's ipsec is established" established "$(ipsec_word "$a" "$t")"
done
check_eq "b: eoip -j show says ipsec established for both" "established established" \
	"$(on_side "$b" "$EOIP" -j show | jq -r '[.[].ipsec] | join(" ")')"
check "a: the kernel has ESP SAs in transport mode for both families" bash -c \
	"ip -n '$a' xfrm state | grep -A1 '^src $A4' | grep -q 'proto esp .* mode transport' &&
	 ip -n '$a' xfrm state | grep -A1 '^src $A6' | grep -q 'proto esp .* mode transport'"
# shellcheck disable=SC2154 # capture_start assigned it
capture_stop "$capture"
protocols=$(plain_protocols "$OUT/underlay.pcap" | tr '\n' ' ')
echo "# IP protocols on the underlay so far: $protocols"
check "the underlay carried ESP" grep -qw $ESP <<<"$protocols"
check "the underlay carried IKE (UDP)" grep -qw $UDP <<<"$protocols"
check_fail "the underlay carried no clear EoIP (protocol 47 or 97)" grep -qw -e 47 -e 97 \
	<<<"$protocols"

phase "plaintext from b's address: dropped and counted"
# b's own policies send EoIP unencrypted past charon's (priority 1 wins; a
# selector of its own: another prefix length than charon's and eoip's)
# shellcheck disable=SC2016 # awk's own $1
policy_drops() { ip netns exec "$a" awk '$1 == "rx_policy_drop" { print $2 }' /proc/net/eoip; }
before=$(policy_drops)
for t in "${TUNNELS[@]}"; do
	declare "dropped_$t=$(link_stat "$a" "$t" rx_dropped)"
	check "b: a policy that lets $t's EoIP out in the clear" ip -n "$b" xfrm policy add \
		src "${UNDER_OF_B[$t]}/$((PREFIX[$t] + 7))" dst "${UNDER_OF_A[$t]}" \
		proto "${PROTO[$t]}" dir out priority 1 action allow
done
capture_start capture "$b" veth0 "$OUT/plaintext.pcap"
for t in "${TUNNELS[@]}"; do
	check_fail "b's clear EoIP over $t does not reach a's tunnel" \
		ip netns exec "$b" ping -c 3 -i 0.3 -W 1 "${INNER_A[$t]}"
done
capture_stop "$capture"
protocols=$(plain_protocols "$OUT/plaintext.pcap" | tr '\n' ' ')
check "b did send clear EoIP and EoIPv6 (protocols 47, 97: $protocols)" \
	bash -c "grep -qw 47 <<<'$protocols' && grep -qw 97 <<<'$protocols'"
after=$(policy_drops)
echo "# /proc/net/eoip rx_policy_drop: $before -> $after"
check "a counted them in /proc/net/eoip rx_policy_drop" test "$after" -ge $((before + 6))
for t in "${TUNNELS[@]}"; do
	was=dropped_$t
	check "and as rx_dropped of $t (${!was} -> $(link_stat "$a" "$t" rx_dropped))" \
		test "$(link_stat "$a" "$t" rx_dropped)" -ge $((${!was} + 3))
	ip -n "$b" xfrm policy del src "${UNDER_OF_B[$t]}/$((PREFIX[$t] + 7))" \
		dst "${UNDER_OF_A[$t]}" proto "${PROTO[$t]}" dir out
done

phase "where the secret is not"
check "eoip ran swanctl (the command lines were recorded)" grep -q 'swanctl --load-all' \
	"$OUT/ps-during-swanctl.txt"
check_fail "no command line held the secret while eoip ran swanctl" grep -qF "$SECRET" \
	"$OUT/ps-during-swanctl.txt"
check_fail "eoip show, show -j and list do not print it" grep -qF "$SECRET" \
	<<<"$(on_side "$a" "$EOIP" show; on_side "$a" "$EOIP" -j show; on_side "$a" "$EOIP" list)"
hex=$(printf %s "$SECRET" | od -An -tx1 | tr -d ' \n')
readable=$(find "$IPSEC_DIR" "$OUT" -type f -perm -o=r -print0 |
	xargs -0 grep -lF -e "$SECRET" -e "$hex" 2>/dev/null)
check_eq "no file others may read holds it, plain or in hex" "" "$readable"

nothing_left() { # AFTER: no policy, SA, connection or file of ours in a or b
	local side name t
	for side in "$a" "$b"; do
		name=${side##*-}
		wait_until 10 "$name: no IPsec policy or SA left $1" test -z "$(ipsec_left "$side")"
		check_eq "$name: charon has no connection left $1" "" \
			"$(on_side "$side" swanctl --list-conns)"
		# (a half-open IKE_SA of the peer's, unnamed, times out alone)
		check_eq "$name: charon has no SA of eoip's left $1" "" \
			"$(on_side "$side" swanctl --list-sas | grep '^eoip-')"
		for t in "${TUNNELS[@]}"; do
			check_fail "$name: $t's swanctl file is gone $1" \
				test -e "$(swanctl_conf "$side" "$t")"
		done
	done
}

phase "eoip del with the SAs up"
for t in "${TUNNELS[@]}"; do
	check "a: eoip del $t" on_side "$a" "$EOIP" del "$t"
	check "b: eoip del $t" on_side "$b" "$EOIP" del "$t"
done
nothing_left "after eoip del"

# What follows does not depend on the family: the eoip tunnel alone, to
# spare the time of two more IKE attempts.
phase "different secrets: nothing crosses, nothing in the clear"
capture_start capture "$b" veth0 "$OUT/different.pcap"
TUNNELS=(s4)
add_tunnels "$SECRET" "$OTHER_SECRET"
check_fail "with different secrets no ping crosses s4" \
	ip netns exec "$a" ping -c 3 -i 0.5 -W 2 "${INNER_B[s4]}"
check_eq "a: eoip show says s4's ipsec is negotiating" negotiating "$(ipsec_word "$a" s4)"
capture_stop "$capture"
protocols=$(plain_protocols "$OUT/different.pcap" | tr '\n' ' ')
echo "# IP protocols on the underlay meanwhile: $protocols"
check "IKE was tried (UDP)" grep -qw $UDP <<<"$protocols"
check_fail "no clear EoIP (protocol 47) on the underlay" grep -qw 47 <<<"$protocols"

phase "ipsec-secret none on both: clear EoIP"
check "a: ipsec-secret none on s4" on_side "$a" "$EOIP" change name s4 ipsec-secret none
check "b: ipsec-secret none on s4" on_side "$b" "$EOIP" change name s4 ipsec-secret none
check "a pings b over s4 in the clear" ip netns exec "$a" ping -c 2 -i 0.3 -W 2 "${INNER_B[s4]}"
check_eq "a: eoip show says s4's ipsec is none" none "$(ipsec_word "$a" s4)"
nothing_left "after ipsec-secret none"
ip netns exec "$a" "$EOIP" del s4
ip netns exec "$b" "$EOIP" del s4

# The kernel logs "N bytes leftover after parsing attributes" for a request
# it could not read whole: eoip's xfrm dumps once sent a header too many.
leftover=$(dmesg | sed -n '/eoip-check: begin ipsec_secret$/,$p' |
	grep -c "bytes leftover after parsing attributes in process .eoip" || true)
check_eq "the kernel read every netlink request of eoip whole (no 'bytes leftover' logged)" 0 "$leftover"
phase "done"
finish
