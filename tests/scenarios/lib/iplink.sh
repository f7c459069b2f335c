# shellcheck shell=bash
# iplink.sh: sourced after lib.sh by the iplink_* scenarios, which drive
# tunnels with ip(8) and link_eoip.so, once with each iproute2:
#
#   IPROUTE2S                 bookworm (the host's ip, 6.1) and sid (7.3)
#   ipr WHICH ARG...          ip of that iproute2, with the plugin built for
#                             it (make check's host step builds both): sid's
#                             ip runs from the test bed's sid chroot through
#                             that chroot's own dynamic loader
#   json_fields WHAT JSON PATH KEY=VALUE...
#                             JSON parsed (jq), and at PATH
#                             (dots: 0.linkinfo) each KEY (a path below it:
#                             info_data.ttl) has the VALUE (a JSON literal:
#                             100, "any", true), is absent (-) or an
#                             integer (#int); one check
# shellcheck disable=SC2034 # for the scenarios that source this
IPROUTE2S=(bookworm sid)
IPLINK_SID_ROOT=${EOIP_TESTBED:-/var/cache/eoip-testbed}/chroots/sid

ipr() { # WHICH ARG...
	local which=$1
	shift
	case $which in
	bookworm) IP_LIB_DIR=$REPO/build/iplink ip "$@" ;;
	sid)
		IP_LIB_DIR=$REPO/build/iplink-sid \
			"$IPLINK_SID_ROOT/lib64/ld-linux-x86-64.so.2" \
			--library-path "$IPLINK_SID_ROOT/usr/lib/x86_64-linux-gnu" \
			"$IPLINK_SID_ROOT/usr/bin/ip" "$@"
		;;
	*) lib_die "ipr: no iproute2 '$which'" ;;
	esac
}

# jq: for each KEY=VALUE, "ok" or "bad", a tab, and what was found.
# shellcheck disable=SC2016 # jq's variables, not the shell's
LIB_JSON_FIELDS='
def steps: if . == "." or . == "" then [] else split(".") | map(tonumber? // .) end;
getpath($path | steps) as $node
| $ARGS.positional[]
| capture("^(?<key>[^=]*)=(?<want>.*)$") as $a
| ($a.key | steps) as $k
| ($node | getpath($k[:-1])) as $holder
| ((($holder | type) == "object" or ($holder | type) == "array")
   and ($holder | has($k[-1]))) as $present
| ($holder | getpath([$k[-1]])) as $got
| if $a.want == "-" then
	[$present | not, "\($a.key) absent: \(if $present then "no, \($got | tojson)" else "yes" end)"]
  elif $a.want == "#int" then
	[$present and ($got | type) == "number" and ($got | floor) == $got,
	 "\($a.key) = \($got | tojson) (want an integer)"]
  else
	[$present and $got == ($a.want | fromjson), "\($a.key) = \($got | tojson) (want \($a.want))"]
  end
| "\(if .[0] then "ok" else "bad" end)\t\(.[1])"'

json_fields() { # WHAT JSON PATH KEY=VALUE...
	local what=$1 json=$2 path=$3 lines line bad=0
	shift 3
	if ! lines=$(jq -r --arg path "$path" "$LIB_JSON_FIELDS" --args "$@" <<<"$json"); then
		lib_fail "$what" "not JSON, or no $path in it: $json"
		return 1
	fi
	while IFS=$'\t' read -r status line; do
		echo "#   $line"
		[[ $status == ok ]] || bad=$((bad + 1))
	done <<<"$lines"
	if ((bad)); then lib_fail "$what" "$bad field(s) differ"; else lib_pass "$what"; fi
}
