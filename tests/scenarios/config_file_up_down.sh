#!/bin/bash
# eoip up from /etc/eoip-style files: a tunnel created from its file and put
# in a bridge carries pings; after an edit of the keepalive, up changes it in
# place (same ifindex, still the bridge's port); up again changes nothing;
# an IPv6 remote recreates it as eoipv6, saying so; down deletes it, and
# again is quiet. up --all and down --all take every file of the directory;
# a file without local is as configured when up runs again.
# timeout: 120
# cost: 10
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
ip -n "$a" addr add 2001:db8::1/64 dev veth0 nodad
ip -n "$b" addr add 2001:db8::2/64 dev veth0 nodad

conf_a=$OUT/a
conf_b=$OUT/b
mkdir -p "$conf_a" "$conf_b"

eoip_in() { # NS DIR eoip-ARGS...
	local ns=$1 dir=$2
	shift 2
	ip netns exec "$ns" env EOIP_CONFIG_DIR="$dir" "$EOIP" "$@"
}
ifindex() { ip netns exec "$1" cat "/sys/class/net/$2/ifindex"; }
keepalive() { eoip_in "$1" "$conf_a" list | sed -n "s/^[0-9]*: $2@.* keepalive //p"; }
kind() { eoip_in "$1" "$conf_a" list | sed -n "s|^[0-9]*: $2@[0-9]*: link/\([a-z0-9]*\) .*|\1|p"; }

cat >"$conf_a/eoip1.conf" <<'CONF'
# the far end of the test
remote 198.51.100.2
local 198.51.100.1
tunnel-id 300   # the same on both ends
keepalive 10,10
CONF
printf 'remote 198.51.100.1\nlocal 198.51.100.2\ntunnel-id 300\n' >"$conf_b/eoip1.conf"

check_eq "eoip up eoip1 on a creates it" "eoip1: created" "$(eoip_in "$a" "$conf_a" up eoip1)"
check_eq "eoip up FILE on b creates it" "eoip1: created" "$(eoip_in "$b" "" up "$conf_b/eoip1.conf")"
check "eoip1 on a is up" bash -c "ip -n '$a' -o link show dev eoip1 | grep -q '[<,]UP[,>]'"
ip -n "$a" link add br0 type bridge
ip -n "$a" link set eoip1 master br0
ip -n "$a" link set br0 up
ip -n "$a" addr add 192.0.2.1/24 dev br0
ip -n "$b" addr add 192.0.2.2/24 dev eoip1
check "a pings b across eoip1 in br0" ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2
index=$(ifindex "$a" eoip1)
check_eq "keepalive as the file says" "10,10" "$(keepalive "$a" eoip1)"

sed -i 's/^keepalive 10,10$/keepalive 3,4/' "$conf_a/eoip1.conf"
check_eq "after the edit, up changes the keepalive only" "eoip1: changed keepalive" \
	"$(eoip_in "$a" "$conf_a" up eoip1)"
check_eq "the new keepalive" "3,4" "$(keepalive "$a" eoip1)"
check_eq "the same ifindex" "$index" "$(ifindex "$a" eoip1)"
check "still a port of br0" bash -c "ip -n '$a' -o link show dev eoip1 | grep -q 'master br0'"
check "a still pings b" ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2
check_eq "up again: nothing to change" "eoip1: as configured" "$(eoip_in "$a" "$conf_a" up eoip1)"
ip -n "$a" link set eoip1 down
check_eq "up on a tunnel set down sets it up" "eoip1: as configured, set up" \
	"$(eoip_in "$a" "$conf_a" up eoip1)"

sed -i -e '/^local/d' -e 's/^remote .*/remote 2001:db8::2/' "$conf_a/eoip1.conf"
check "an IPv6 remote: up says the tunnel is recreated" bash -c \
	"ip netns exec '$a' env EOIP_CONFIG_DIR='$conf_a' '$EOIP' up eoip1 | grep -qx 'eoip1: the kind changes from eoip to eoipv6: deleting the tunnel and creating it again'"
check_eq "eoip1 is now eoipv6" eoipv6 "$(kind "$a" eoip1)"

check_eq "eoip down deletes it" "eoip1: deleted" "$(eoip_in "$a" "$conf_a" down eoip1)"
check_fail "eoip1 is gone" ip -n "$a" link show dev eoip1
check_eq "down again: nothing to do, success" "eoip1: not present" \
	"$(eoip_in "$a" "$conf_a" down eoip1)"

printf 'remote 198.51.100.2\ntunnel-id 301\n' >"$conf_a/eoip2.conf"
printf 'remote 2001:db8::2\ntunnel-id 302\n' >"$conf_a/office.conf"
check_eq "up --all creates the tunnel of every file, in name order" \
	"eoip1: created eoip2: created office: created" \
	"$(eoip_in "$a" "$conf_a" up --all | tr '\n' ' ' | sed 's/ $//')"
check_eq "kinds: office is eoipv6, eoip2 eoip" "eoipv6 eoip" "$(kind "$a" office) $(kind "$a" eoip2)"
check_eq "up again of files without local: nothing to change (any is any)" \
	"eoip2: as configured office: as configured" \
	"$(eoip_in "$a" "$conf_a" up eoip2) $(eoip_in "$a" "$conf_a" up office)"
check_eq "down --all deletes them in reverse order" \
	"office: deleted eoip2: deleted eoip1: deleted" \
	"$(eoip_in "$a" "$conf_a" down --all | tr '\n' ' ' | sed 's/ $//')"
check_eq "no tunnel left on a" "" "$(eoip_in "$a" "$conf_a" list)"
eoip_in "$b" "" del eoip1
ip -n "$a" link del br0
finish
