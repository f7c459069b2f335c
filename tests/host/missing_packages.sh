#!/bin/bash
# make deps decides what to install from missing_packages (scripts/packages.sh).
# Asked about a made-up dpkg database, it must name every package that is not
# fully installed: one dpkg never heard of, one removed with its
# configuration left, one half-installed, and nothing that is installed;
# under set -e and pipefail as deps.sh runs it.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/packages.sh"

db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
mkdir -p "$db/info" "$db/updates"
touch "$db/available"
status_entry() { # PACKAGE STATUS
	printf 'Package: %s\nStatus: %s\nPriority: optional\nSection: misc\nMaintainer: nobody <nobody@example.org>\nArchitecture: all\nVersion: 1.0\nDescription: made up for this test\n\n' "$1" "$2"
}
{
	status_entry present-one "install ok installed"
	status_entry present-two "install ok installed"
	status_entry removed-one "deinstall ok config-files"
	status_entry broken-one "install reinstreq half-installed"
} >"$db/status"

# Asked as deps.sh asks: through a process substitution, which keeps set -e
# (a command substitution would clear it, and hide the failure this guards).
ask() { # PACKAGE...: the answer, space-separated, into MISSING
	local missing
	mapfile -t missing < <(missing_packages "$@")
	MISSING=${missing[*]}
}

failed=0
expect() { # DESCRIPTION EXPECTED PACKAGE...
	local description=$1 expected=$2
	shift 2
	ask "$@"
	if [[ $MISSING == "$expected" ]]; then
		echo "ok - $description: '$MISSING'"
	else
		echo "not ok - $description: expected '$expected', got '$MISSING'"
		failed=1
	fi
}

export DPKG_ADMINDIR=$db
expect "all installed: nothing missing" "" \
	present-one present-two
expect "a package dpkg never saw is missing" "no-such-package-eoip" \
	present-one no-such-package-eoip
expect "a package dpkg never saw, alone, is missing" "no-such-package-eoip" \
	no-such-package-eoip
expect "removed (config files left) and half-installed are missing" \
	'removed-one broken-one' \
	removed-one present-two broken-one
expect "order kept, installed ones left out" \
	'no-such-a removed-one no-such-b' \
	no-such-a present-one removed-one no-such-b
unset DPKG_ADMINDIR
expect "the system's own database: bash is installed" "" bash
exit "$failed"
