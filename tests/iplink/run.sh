#!/bin/bash
# run.sh PLUGIN BUILD_DIR: link_eoip.so loads into an ip whose struct
# link_util is laid out as it was built for, and refuses two that are not
# (with its message, and without taking ip down). Host only, no root.
set -uo pipefail
plugin=$1 build=$2
CC=${CC:-cc}
failed=0 checks=0

expect() { # LAYOUT WANT_OUTPUT WANT_STATUS WHAT
	local layout=$1 want=$2 want_status=$3 what=$4 out err status
	checks=$((checks + 1))
	if ! "$CC" -std=c11 -Wall -Wextra -Werror -D"$layout" -rdynamic \
		-o "$build/fake_ip_$layout" "$(dirname "$0")/fake_ip.c" -ldl; then
		echo "not ok - $what (fake ip did not build)"
		failed=$((failed + 1))
		return
	fi
	out=$("$build/fake_ip_$layout" "$plugin" 2>"$build/fake_ip_$layout.err")
	status=$?
	err=$(<"$build/fake_ip_$layout.err")
	if [[ $out == "$want" && $status == "$want_status" ]] &&
		{ [[ $want == loaded ]] || grep -q 'link_eoip.so: not loaded: built for iproute2' <<<"$err"; }; then
		echo "ok - $what${err:+ (${err%%$'\n'*})}"
	else
		echo "not ok - $what (got '$out', status $status, stderr: $err)"
		failed=$((failed + 1))
	fi
}

expect LAYOUT_XSTATS loaded 0 "an ip laid out as built for (4.11 and later) gets eoip_link_util"
expect LAYOUT_HELP refused 3 "an ip of the older layout (before 4.11, 56 bytes) gets none, and a message"
expect LAYOUT_SHIFTED refused 3 "an ip of the same size (72 bytes) with a member added after id gets none, and a message"
echo "$((checks - failed)) passed, $failed failed"
((failed == 0))
