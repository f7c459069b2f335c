#!/bin/bash
# The bash completion (completion/eoip) offers the right candidates: each
# check completes one command line as bash would (COMP_WORDS, COMP_CWORD)
# and compares the candidates, sorted, with the expected ones. Tunnel names
# come from a stand-in eoip whose `eoip list` prints two tunnels, so no
# module is needed.
set -uo pipefail
export LC_ALL=C # the candidates sort the same everywhere
REPO=$(cd "$(dirname "$0")/../.." && pwd)
failed=0 checks=0

stub=$(mktemp -d)
trap 'rm -rf "$stub"' EXIT
cat >"$stub/eoip" <<'STUB'
#!/bin/sh
[ "$1" = list ] || exit 2
echo "7: eoip-mt@0: link/eoip 0.0.0.0 remote 198.51.100.11 tunnel-id 100 ttl 0 tos 1 keepalive 10,10"
echo "9: eoip6-mt@3: link/eoipv6 :: remote 2001:db8::11 tunnel-id 200 ttl 0 tos 1 keepalive none"
STUB
chmod +x "$stub/eoip"
PATH=$stub:$PATH

# shellcheck source=completion/eoip
. "$REPO/completion/eoip"

complete_line() { # LINE: the candidates for its last word, sorted, space-separated
	# A line ending in a space completes a new, empty word.
	read -r -a COMP_WORDS <<<"$1"
	[[ $1 == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$1 COMP_POINT=${#1}
	_eoip eoip "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd ' '
}

expect() { # LINE EXPECTED: the candidates for LINE must be EXPECTED (sorted)
	local got
	got=$(complete_line "$1")
	checks=$((checks + 1))
	if [[ $got == "$2" ]]; then
		echo "ok - '$1' completes to: ${2:-nothing}"
	else
		echo "not ok - '$1' completes to: ${2:-nothing} (got: ${got:-nothing})"
		failed=$((failed + 1))
	fi
}

expect "eoip " "add change del down help list show up version"
expect "eoip ch" "change"
expect "eoip help " "add change del down help list show up version"
expect "eoip del " "eoip-mt eoip6-mt name"
expect "eoip del name " "eoip-mt eoip6-mt"
expect "eoip show eoip6" "eoip6-mt"
expect "eoip list " ""
expect "eoip add " "clamp-tcp-mss dont-fragment dscp ipsec-secret keepalive link local mac mtu name remote tos ttl tunnel-id"
expect "eoip add tid 5 remote 198.51.100.11 " "clamp-tcp-mss dont-fragment dscp ipsec-secret keepalive link local mac mtu name tos ttl"
expect "eoip add name x tunnel-id 5 d" "dont-fragment dscp"
expect "eoip add dont-fragment " "inherit no yes"
expect "eoip add clamp-tcp-mss " "no yes"
expect "eoip change name eoip-mt ipsec-secret " "none"
expect "eoip add dscp " "inherit"
expect "eoip add keepalive " "none"
expect "eoip add tunnel-id " ""
expect "eoip add link lo" "lo"
expect "eoip change name " "eoip-mt eoip6-mt"
expect "eoip set name eoip-mt local " "any"
expect "eoip add name " ""
expect "eoip -" "--json -j"
expect "eoip -j " "list show"
expect "eoip --json show " "eoip-mt eoip6-mt name"
expect "eoip -j show name " "eoip-mt eoip6-mt"
mkdir -p "$stub/etc/eoip" "$stub/files/sub"
touch "$stub/etc/eoip/branch1.conf" "$stub/etc/eoip/branch2.conf" "$stub/etc/eoip/notes.txt" \
	"$stub/files/mine.conf" "$stub/files/other.txt"
export EOIP_CONFIG_DIR=$stub/etc/eoip
expect "eoip up " "--all branch1 branch2"
expect "eoip down br" "branch1 branch2"
expect "eoip up --all " ""
expect "eoip up $stub/files/" "$stub/files/mine.conf $stub/files/sub"

# The completion knows the commands and parameters the tool's help names
# (generated from the tool's tables): a command or a keyword added there
# and not here fails this.
help=$("$REPO/tool/eoip" help) || { echo "not ok - tool/eoip help (make -C tool)"; exit 1; }
same_words() { # WHAT TOOL'S COMPLETION'S: the two lists must be equal
	checks=$((checks + 1))
	if [[ $2 == "$3" ]]; then
		echo "ok - the completion offers the $1 of eoip help: $2"
	else
		echo "not ok - eoip help names the $1 '$2', the completion '$3'"
		failed=$((failed + 1))
	fi
}
same_words commands \
	"$(sed -n 's/^  eoip \([a-z]*\).*/\1/p' <<<"$help" | sort -u | paste -sd ' ')" \
	"$(printf '%s\n' "${_EOIP_COMMANDS[@]}" | sort | paste -sd ' ')"
same_words parameters \
	"$(sed -n '/^parameters:/,$s/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$help" | sort -u | paste -sd ' ')" \
	"$(printf '%s\n' "${_EOIP_PARAMETERS[@]}" | grep -vx name | sort | paste -sd ' ')"

echo "$((checks - failed)) passed, $failed failed"
((failed == 0))
