#!/bin/bash
# eoip@.service without systemd: its command lines, read from the unit and
# with %i replaced, run as the unit would run them: in a mount namespace
# where /etc/eoip/office.conf exists (the condition), eoip is found where
# systemd looks for a command without a directory, and with the unit's
# capability bounding set and no new privileges (setpriv). Start creates
# the tunnel (ping across), reload after an edit changes it in place, stop
# deletes it. What this cannot show (ordering, the other sandboxing
# settings) is left to systemd-analyze verify on the host (make check).
# timeout: 180
# cost: 18
set -u
. "$(dirname "$0")/lib.sh"

UNIT=$REPO/systemd/eoip@.service
INSTANCE=office
# systemd's search path for a command without a directory
SYSTEMD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin

ns_new a
ns_new b
veth_link "$a" veth0 198.51.100.1/24 "$b" veth0 198.51.100.2/24
check "b: office by eoip add" ip netns exec "$b" "$EOIP" add name office \
	local 198.51.100.2 remote 198.51.100.1 tunnel-id 500
ip -n "$b" addr add 192.0.2.2/24 dev office
ip -n "$b" link set office up

unit_value() { # KEY: the unit's value, %i replaced; one line each
	sed -n "s/^$1=//p" "$UNIT" | sed "s/%i/$INSTANCE/g"
}
for key in ExecStartPre ExecStart ExecReload ExecStop; do
	[[ -n $(unit_value "$key") ]] || lib_die "the unit has no $key"
	if unit_value "$key" | grep -q -e '^[-@:+!]' -e "[\"'\$\\]"; then
		lib_die "$key: a prefix, quote or variable this scenario does not emulate"
	fi
done

# The root the unit sees: /etc with eoip/ added, our eoip in /usr/local/sbin.
real_etc=$OUT/real-etc
etc_eoip=$OUT/etc-eoip
sbin=$OUT/sbin
mkdir -p "$real_etc" "$etc_eoip" "$sbin"
install -m 0755 "$EOIP" "$sbin/eoip"
cat >"$etc_eoip/$INSTANCE.conf" <<'CONF'
remote 198.51.100.2
local 198.51.100.1
tunnel-id 500
keepalive 10,10
CONF

bounding=$(unit_value CapabilityBoundingSet | tr 'A-Z ' 'a-z\n' | sed -n 's/^cap_\(.*\)/+\1/p' |
	paste -sd,)
[[ -n $bounding ]] || lib_die "no CapabilityBoundingSet in the unit"
nnp=()
[[ $(unit_value NoNewPrivileges) == yes ]] && nnp=(--no-new-privs)

as_the_unit() { # BOUNDING COMMAND-LINE: run one command line as the unit does
	local bounding=$1 words exe dir
	read -r -a words <<<"$2"
	exe=${words[0]}
	if [[ $exe != /* ]]; then
		for dir in ${SYSTEMD_PATH//:/ }; do
			[[ -x $dir/$exe ]] && { exe=$dir/$exe; break; }
		done
	fi
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec "$a" unshare -m bash -c 'shopt -s nullglob && mount --bind /etc "$1" &&
		mount -t tmpfs tmpfs /etc && ln -s "$1"/* "$1"/.[!.]* /etc/ &&
		mkdir /etc/eoip && mount --bind "$2" /etc/eoip &&
		mount --bind "$3" /usr/local/sbin && shift 3 &&
		for condition in $CONDITIONS; do
			[[ -e $condition ]] || { echo "condition $condition failed"; exit 99; }
		done && exec "$@"' as_the_unit "$real_etc" "$etc_eoip" "$sbin" \
		setpriv "${nnp[@]}" --bounding-set "-all,$bounding" "$exe" "${words[@]:1}"
}
run_unit() { # KEY [BOUNDING]: every command line of KEY, in order; output
	# also into $OUT/unit.out
	local line lines status=0
	lines=$(unit_value "$1")
	while IFS= read -r line; do
		echo "# $1=$line"
		as_the_unit "${2:-$bounding}" "$line" >"$OUT/unit.out" 2>&1 || status=$?
		cat "$OUT/unit.out"
		((status == 0)) || return "$status"
	done <<<"$lines"
}
keepalive() { ip netns exec "$a" "$EOIP" list | sed -n "s/^[0-9]*: $INSTANCE@.* keepalive //p"; }
export CONDITIONS
CONDITIONS=$(unit_value ConditionPathExists)
check_eq "the unit's condition is the tunnel's file" "/etc/eoip/$INSTANCE.conf" "$CONDITIONS"
check_eq "the unit's bounding set, for setpriv" "+net_admin,+sys_module" "$bounding"

check "ExecStartPre: modprobe eoip" run_unit ExecStartPre
check_fail "ExecStart without CAP_NET_ADMIN fails (setpriv does bound the unit)" \
	run_unit ExecStart +sys_module
check "for want of the capability" grep -q 'this needs root (or CAP_NET_ADMIN' "$OUT/unit.out"
check "ExecStart: eoip up $INSTANCE" run_unit ExecStart
ip -n "$a" addr add 192.0.2.1/24 dev "$INSTANCE"
check "a pings b across $INSTANCE" ip netns exec "$a" ping -c 2 -i 0.2 -W 2 192.0.2.2
index=$(ip netns exec "$a" cat "/sys/class/net/$INSTANCE/ifindex")

sed -i 's/^keepalive .*/keepalive 4,2/' "$etc_eoip/$INSTANCE.conf"
check "ExecReload after an edit: eoip up $INSTANCE" run_unit ExecReload
check_eq "the new keepalive" "4,2" "$(keepalive)"
check_eq "the same ifindex, address kept" "$index 192.0.2.1/24" \
	"$(ip netns exec "$a" cat "/sys/class/net/$INSTANCE/ifindex") $(ip -n "$a" -o -4 addr show dev "$INSTANCE" | awk '{ print $4 }')"

check "ExecStop: eoip down $INSTANCE" run_unit ExecStop
check_fail "$INSTANCE is gone" ip -n "$a" link show dev "$INSTANCE"
rm "$etc_eoip/$INSTANCE.conf"
check_fail "without the file the condition stops the unit" run_unit ExecStart
check "the condition, not the command" grep -qx "condition /etc/eoip/$INSTANCE.conf failed" \
	"$OUT/unit.out"
ip netns exec "$b" "$EOIP" del "$INSTANCE"
finish
