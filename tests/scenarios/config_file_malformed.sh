#!/bin/bash
# A malformed configuration file is refused with its name, line number and
# what is wrong, exit status 2, and nothing is created or changed: not the
# tunnel it names, not a running tunnel whose file was broken by an edit,
# not the good files of an up --all that meets one bad file.
# timeout: 60
# cost: 9
set -u
. "$(dirname "$0")/lib.sh"

ns_new a
ip -n "$a" link add dummy0 type dummy
ip -n "$a" addr add 198.51.100.1/24 dev dummy0
ip -n "$a" link set dummy0 up
conf=$OUT/conf
mkdir -p "$conf"

eoip_up() { # WORD: eoip up in a with the files of $conf; stderr into $OUT/err
	ip netns exec "$a" env EOIP_CONFIG_DIR="$conf" "$EOIP" up "$1" 2>"$OUT/err"
}
status_and_error() { # WORD: "STATUS: first line of stderr"
	local status=0
	eoip_up "$1" >/dev/null || status=$?
	echo "$status: $(head -n 1 "$OUT/err")"
}
links() { ip -n "$a" -o link show | awk -F': ' '{ print $2 }' | sort | tr '\n' ' '; }

before=$(links)
printf 'remote 198.51.100.2\ntunnel-id 7\nkeepalive ten\n' >"$conf/eoip7.conf"
check_eq "a bad value: its file, line and reason, exit status 2" \
	"2: eoip: $conf/eoip7.conf:3: keepalive 'ten' is not 'none' or SECS[,RETRIES]" \
	"$(status_and_error eoip7)"
check "and 'nothing was changed'" grep -qx 'eoip: nothing was changed' "$OUT/err"
check_eq "no interface was created" "$before" "$(links)"

printf 'remote 198.51.100.2\ntunnel-id 7\nremote 198.51.100.3\n' >"$conf/eoip7.conf"
check_eq "a repeated key" \
	"2: eoip: $conf/eoip7.conf:3: 'remote' is given again (first on line 1)" \
	"$(status_and_error eoip7)"
printf 'remote 198.51.100.2\n# no id\n' >"$conf/eoip7.conf"
check_eq "a missing tunnel-id: the file, no line" \
	"2: eoip: $conf/eoip7.conf: tunnel-id is required (0..65535, the same on both ends)" \
	"$(status_and_error eoip7)"
check_eq "still no interface" "$before" "$(links)"

printf 'remote 198.51.100.2\ntunnel-id 7\nkeepalive 5,2\nmtu 1400\n' >"$conf/eoip7.conf"
check "a good file: eoip up creates eoip7" eoip_up eoip7
index=$(ip netns exec "$a" cat /sys/class/net/eoip7/ifindex)
line_before=$(ip netns exec "$a" "$EOIP" list)
printf 'remote 198.51.100.2\ntunnel-id 7\nkeepalive 6,2\nmtu 1400 1500\n' >"$conf/eoip7.conf"
check_eq "an edit that breaks the file: line 4 refused" \
	"2: eoip: $conf/eoip7.conf:4: expected KEY VALUE, found 3 words ('mtu 1400 1500')" \
	"$(status_and_error eoip7)"
check_eq "the tunnel is as before (the good keepalive edit on line 3 not applied)" \
	"$line_before" "$(ip netns exec "$a" "$EOIP" list)"
check_eq "the same ifindex" "$index" "$(ip netns exec "$a" cat /sys/class/net/eoip7/ifindex)"
check_eq "the same mtu" 1400 "$(ip netns exec "$a" cat /sys/class/net/eoip7/mtu)"

printf 'remote 198.51.100.2\ntunnel-id 8\n' >"$conf/eoip8.conf"
printf 'remote 198.51.100.2\ntunnel-id 9\nttl 300\n' >"$conf/eoip9.conf"
rm "$conf/eoip7.conf"
check_eq "up --all meeting one bad file" \
	"2: eoip: $conf/eoip9.conf:3: ttl 300 is out of range 0..255" \
	"$(status_and_error --all)"
check_fail "creates not even the good file's eoip8" ip -n "$a" link show dev eoip8

ip -n "$a" link add eoip9 type dummy
printf 'remote 198.51.100.2\ntunnel-id 9\n' >"$conf/eoip9.conf"
rm "$conf/eoip8.conf"
check_eq "a file naming a device that is not a tunnel: refused, exit status 1" \
	"1: eoip: 'eoip9' exists and is not an EoIP tunnel (kind 'dummy'): leaving it alone" \
	"$(status_and_error eoip9)"
check_eq "the dummy is still a dummy" dummy \
	"$(ip -n "$a" -d -o link show dev eoip9 | grep -o 'dummy' | head -n 1)"
ip -n "$a" link del eoip9
ip netns exec "$a" "$EOIP" del eoip7
finish
