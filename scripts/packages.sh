# shellcheck shell=bash
# What dpkg has installed (sourced by scripts/deps.sh; tested by
# tests/host/missing_packages.sh against a made-up dpkg database).
#
#   DPKG_ADMINDIR=DIR   the dpkg database to ask (default: the system's)

missing_packages() { # PACKAGE...: those dpkg does not have installed, one a line
	local installed pkg admindir=()
	[[ -z ${DPKG_ADMINDIR:-} ]] || admindir=(--admindir="$DPKG_ADMINDIR")
	# dpkg-query prints nothing (and complains) for a package it never saw,
	# and exits 1 then. Under set -e and pipefail that must not end this
	# function early: an empty answer would read as "nothing missing".
	installed=$(dpkg-query "${admindir[@]}" -W -f='${db:Status-Abbrev} ${Package}\n' \
		"$@" 2>/dev/null | awk '$1 == "ii" { print $2 }' || true)
	for pkg in "$@"; do
		grep -qx -- "$pkg" <<<"$installed" || echo "$pkg"
	done
}
