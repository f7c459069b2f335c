#!/bin/bash
# cost: 10
# A tunnel bound to an underlay with `link DEV` goes away with that device,
# as a vxlan device goes with its lower device, for EoIP and EoIPv6 alike;
# tunnels without a link, or bound to another device, stay and can still be
# changed. `link` is checked only when a request carries it: an ifindex that
# does not exist is refused with a message saying so, and nothing is made or
# changed.
# A device made later with the deleted underlay's ifindex is adopted by no
# tunnel.
# shellcheck disable=SC2317 # the functions run through check and wait_until
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/check_refused.sh"

NO_UNDERLAY="no underlay device with that ifindex (link)"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
veth_link "$a" veth1 203.0.113.1/24 "$b" veth1 203.0.113.2/24
ip -n "$a" addr add 2001:db8:1::1/64 dev veth0 nodad || lib_die "IPv6 on a:veth0"
ip -n "$a" addr add 2001:db8:2::1/64 dev veth1 nodad || lib_die "IPv6 on a:veth1"

in_a() { ip netns exec "$a" "$@"; }
show() { in_a "$EOIP" show name "$1"; }
shows() { # DEV TEXT: eoip show DEV prints TEXT
	show "$1" | grep -qF -- "$2"
}
changed() { shows "$1" "ttl 64" && shows "$1" "keepalive 5s,3"; }
exists() { ip -n "$a" link show "$1" >/dev/null 2>&1; }
eoip_links() { # every tunnel of a, one name a line
	{ ip -n "$a" -o link show type eoip; ip -n "$a" -o link show type eoipv6; } |
		awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort
}

# Per family: t1/s1 bound to veth0, t2/s2 without link, t3/s3 bound to veth1.
for family in 4 6; do
	if [[ $family == 4 ]]; then
		p=t l0=198.51.100.1 r0=198.51.100.2 l1=203.0.113.1 r1=203.0.113.2
	else
		p=s l0=2001:db8:1::1 r0=2001:db8:1::2 l1=2001:db8:2::1 r1=2001:db8:2::2
	fi
	check "add ${p}1 (IPv$family) with link veth0" in_a "$EOIP" add name ${p}1 \
		local $l0 remote $r0 tunnel-id 1 link veth0
	check "eoip show ${p}1 says 'link veth0'" shows ${p}1 "link veth0"
	check "change ${p}1 keepalive 5,3 while veth0 exists" \
		in_a "$EOIP" change name ${p}1 keepalive 5,3
	check "change ${p}1 ttl 64 while veth0 exists" in_a "$EOIP" change name ${p}1 ttl 64
	check "${p}1 says ttl 64 and keepalive 5s,3" changed ${p}1
	check "add ${p}2 (IPv$family) without link" in_a "$EOIP" add name ${p}2 \
		local $l0 remote $r0 tunnel-id 2
	check "add ${p}3 (IPv$family) with link veth1" in_a "$EOIP" add name ${p}3 \
		local $l1 remote $r1 tunnel-id 3 link veth1
	for n in 1 2 3; do
		ip -n "$a" link set ${p}$n up || lib_die "${p}$n up"
	done
done

index=$(in_a cat /sys/class/net/veth0/ifindex)
echo "# veth0 in a has ifindex $index"
check "ip link del veth0 (t1 and s1 bound to it, up)" ip -n "$a" link del veth0
for dev in t1 s1; do
	check_fail "$dev, bound to veth0, went with it (ip link show $dev fails)" exists $dev
done
for dev in t2 s2 t3 s3; do
	check "$dev survives the deletion of veth0" exists $dev
done
for dev in t3 s3; do
	check "$dev still says 'link veth1'" shows $dev "link veth1"
	check "change $dev ttl 100 (its own underlay is there)" in_a "$EOIP" change name $dev ttl 100
done
for dev in t2 s2; do
	check "$dev still says 'link -'" shows $dev "link -"
	check "change $dev keepalive 5,3 (it has no link)" in_a "$EOIP" change name $dev keepalive 5,3
done
echo "# the tunnels of a after the deletion:"
in_a "$EOIP" show | sed 's/^/#   /'

before=$(eoip_links | tr '\n' ' ')
check_refused "add with link 99999 (IPv4)" 1 "$NO_UNDERLAY" \
	in_a "$EOIP" add name t9 local 203.0.113.1 remote 203.0.113.2 tunnel-id 9 link 99999
check_refused "add with link 99999 (IPv6)" 1 "$NO_UNDERLAY" \
	in_a "$EOIP" add name s9 local 2001:db8:2::1 remote 2001:db8:2::2 tunnel-id 9 link 99999
check_refused "change t2 link 99999" 1 "$NO_UNDERLAY" in_a "$EOIP" change name t2 link 99999
check "t2 is unchanged: still 'link -'" shows t2 "link -"
check_fail "no t9 was made" exists t9
check_fail "no s9 was made" exists s9
check_eq "the tunnels of a are the same as before" "$before" "$(eoip_links | tr '\n' ' ')"

check "a new veth9 takes veth0's old ifindex $index" \
	ip -n "$a" link add veth9 index "$index" type veth peer name veth9 netns "$b"
check_eq "veth9's ifindex" "$index" "$(in_a cat /sys/class/net/veth9/ifindex)"
ip -n "$a" link set veth9 up
adopted=$(in_a "$EOIP" show | grep -E "  link (veth9|$index)( |\$)")
check_eq "no tunnel shows link veth9 (ifindex $index)" "" "$adopted"
finish
