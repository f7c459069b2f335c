#!/bin/bash
# probe-iproute2.sh IP OUTPUT: writes OUTPUT (iproute2.h) for the ip binary
# IP: which struct link_util layout link_eoip.so must have for it.
#
# The layout is decided by the version the ip says it is (ip -V), among
# the versions whose layout is known, and confirmed by the size of the
# gre_link_util object ip exports (nm -D -S), which iproute2_abi.h's
# struct must then match at compile time. Any other version is refused:
# a plugin of the wrong layout would crash ip. To admit a new iproute2,
# read struct link_util in its ip/ip_common.h and extend LAYOUTS.
set -euo pipefail

# first version, last version (inclusive, major.minor), layout macro.
# xstats: parse_ifla_xstats and print_ifla_xstats last; read in
# iproute2's sources from 4.11 to 7.1, and seen in Debian's 7.3 binary
# (gre_link_util of 72 bytes, every pointer into ip: link_eoip.c checks
# the same when it is loaded).
LAYOUTS=(
	"4.11 7.3 EOIP_IPROUTE2_LAYOUT_XSTATS"
)

die() {
	echo "probe-iproute2.sh: $*" >&2
	exit 1
}

(($# == 2)) || die "usage: probe-iproute2.sh IP OUTPUT"
ip=$1 output=$2
[[ -x $ip ]] || die "no ip binary at '$ip' (install iproute2, or give IP=/path/to/ip)"

# "ip utility, iproute2-6.1.0, libbpf 1.1.2"; a git build: "iproute2-v7.1.0-12-g..."
banner=$("$ip" -V 2>&1) || die "'$ip -V' failed: $banner"
if [[ ! $banner =~ iproute2-v?([0-9]+)\.([0-9]+)(\.[0-9]+)? ]]; then
	die "cannot read a version in '$banner' (iproute2 before 5.9 prints a snapshot date: too old or unknown to this plugin)"
fi
major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]}
version=$major.$minor${BASH_REMATCH[3]}

# major.minor as one comparable number
number() { echo $(($1 * 1000 + $2)); }
have=$(number "$major" "$minor")
layout=
for entry in "${LAYOUTS[@]}"; do
	read -r first last macro <<<"$entry"
	if ((have >= $(number "${first%.*}" "${first#*.}") &&
		have <= $(number "${last%.*}" "${last#*.}"))); then
		layout=$macro
	fi
done
[[ -n $layout ]] || die "iproute2 $version is not one whose struct link_util this plugin knows (${LAYOUTS[*]}): check ip/ip_common.h of that release and extend LAYOUTS in $0"

# "00000000000a3560 0000000000000048 D gre_link_util"
size_hex=$(nm -D -S "$ip" 2>/dev/null | awk '$4 == "gre_link_util" { print $2 }')
[[ -n $size_hex ]] || die "'$ip' exports no gre_link_util (nm -D -S): cannot confirm its struct link_util"
size=$((16#$size_hex))

mkdir -p "$(dirname "$output")"
cat >"$output.tmp" <<HEADER
/* Written by iplink/probe-iproute2.sh for $ip: do not edit. */
#define EOIP_IPROUTE2_VERSION "$version"
#define $layout 1
#define EOIP_IPROUTE2_LINK_UTIL_SIZE $size
HEADER
mv "$output.tmp" "$output"
echo "iproute2 $version at $ip: ${layout#EOIP_IPROUTE2_LAYOUT_} layout, struct link_util of $size bytes"
