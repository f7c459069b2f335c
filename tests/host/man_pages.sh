#!/bin/bash
# The manual pages in man/ are clean: mandoc -T lint (warnings and worse) and
# man --warnings report nothing for any of them. And eoip(8) names every command and
# parameter the tool's own help lists, so neither can be added to the tool
# without the page, and the version of VERSION in its header.
set -uo pipefail
export LC_ALL=C.UTF-8
REPO=$(cd "$(dirname "$0")/../.." && pwd)
failed=0 checks=0

check() { # WHAT COMMAND...: COMMAND must succeed and print nothing
	local output line
	checks=$((checks + 1))
	if output=$("${@:2}" 2>&1) && [[ -z $output ]]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		while IFS= read -r line; do echo "    $line"; done <<<"${output:-(failed, said nothing)}"
		failed=$((failed + 1))
	fi
}

man_warnings() { # PAGE: groff's warnings (stderr) only, the page to /dev/null
	# shellcheck disable=SC2069 # meant: stderr to the pipe, stdout dropped
	MANWIDTH=80 man --warnings -E UTF-8 -l "$1" 2>&1 >/dev/null
}

th_names_version() { # VERSION: does eoip(8)'s .TH line say "eoip VERSION"?
	sed -n '/^\.TH /p' "$REPO/man/eoip.8" | grep -qF "\"eoip $1\"" ||
		echo "its .TH line does not say \"eoip $1\""
}

names_word() { # WORD: is WORD a word of the rendered eoip(8)? "missing" if not
	grep -qw -- "$1" <<<"$rendered" || echo "missing"
}

pages=("$REPO"/man/*.[1-8])
[[ -f ${pages[0]} ]] || { echo "not ok - no manual page in $REPO/man"; exit 1; }
for page in "${pages[@]}"; do
	name=${page#"$REPO"/}
	# Warnings and worse: mandoc's style notes include "referenced manual
	# not found", which depends on the machine's man database, not the page.
	check "mandoc -T lint $name: no warning" mandoc -T lint -W warning "$page"
	check "man --warnings $name: no warning" man_warnings "$page"
done

# Every command and parameter of `eoip help`, and each appears in eoip(8)
# as a word of its own (man's rendering, hyphens as the page has them).
make -s -C "$REPO/tool" eoip >/dev/null || { echo "not ok - building the tool failed"; exit 1; }
rendered=$(MANWIDTH=200 man -E UTF-8 -l "$REPO/man/eoip.8" 2>/dev/null | col -b)
help=$("$REPO/tool/eoip" help)
mapfile -t commands < <(sed -n 's/^  eoip \([a-z]*\).*/\1/p' <<<"$help" | sort -u)
mapfile -t parameters < <(sed -n 's/^  \([a-z][a-z-]*\) [A-Za-z0-9].*/\1/p' <<<"$help" |
	grep -vx eoip | sort -u)
mapfile -t synonyms < <(sed -n 's/^  synonyms: //p' <<<"$help" | tr -d ',=' | tr ' ' '\n' | grep .)
mapfile -t words < <(printf '%s\n' "${commands[@]}" "${parameters[@]}" "${synonyms[@]}" | sort -u)
for word in "${words[@]}"; do
	check "eoip(8) names '$word'" names_word "$word"
done
# The version is set in VERSION alone; the page's header must follow it.
check "eoip(8)'s header names version $(<"$REPO/VERSION"), as VERSION" \
	th_names_version "$(<"$REPO/VERSION")"
# What eoip help lists today: 7 commands, 12 parameters (name aside).
((${#commands[@]} >= 7 && ${#parameters[@]} >= 12)) ||
	{ echo "not ok - read ${#commands[@]} commands and ${#parameters[@]} parameters from eoip help"; failed=$((failed + 1)); }

echo "$((checks - failed)) passed, $failed failed"
((failed == 0))
