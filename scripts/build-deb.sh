#!/bin/bash
# build-deb.sh [--version VERSION] OUT_DIR (make deb)
#
# Builds the Debian packages eoip-dkms_VERSION_all.deb and
# eoip_VERSION_amd64.deb with dpkg-buildpackage from debian/, in a copy of
# the repository's files (those git tracks or would track) under OUT_DIR,
# and leaves them in OUT_DIR. The version is VERSION's; debian/changelog's
# first entry must say the same.
#
# --version VERSION: build that version instead, with a changelog entry for
# it in the copy (the install test's upgrade: a newer build of the same tree).
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)

version=''
if [[ ${1:-} == --version ]]; then
	(($# >= 2)) || die "usage: build-deb.sh [--version VERSION] OUT_DIR"
	version=$2
	shift 2
fi
(($# == 1)) || die "usage: build-deb.sh [--version VERSION] OUT_DIR"
out=$(realpath -m "$1")
for tool in dpkg-buildpackage dh dh_dkms; do
	command -v "$tool" >/dev/null || die "$tool is missing: make deps installs debhelper and dh-dkms"
done
git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1 || die "$REPO is not a git checkout"

upstream=$(<"$REPO/VERSION")
changelog=$(dpkg-parsechangelog -l "$REPO/debian/changelog" -S Version)
[[ $changelog == "$upstream" ]] ||
	die "debian/changelog says $changelog, VERSION says $upstream: add a changelog entry for $upstream"
version=${version:-$upstream}

src=$out/eoip-$version
rm -rf "$src"
mkdir -p "$src"
# What git tracks or would track: no build outputs, no editor files.
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' file; do [[ -e $file ]] && printf '%s\0' "$file"; done |
	tar --null -T - -cf -) | tar -C "$src" -xf -

if [[ $version != "$upstream" ]]; then
	echo "$version" >"$src/VERSION"
	{
		echo "eoip ($version) unstable; urgency=medium"
		echo
		echo "  * Rebuilt as $version (scripts/build-deb.sh --version)."
		echo
		sed -n 's/^ -- \(.*>\)  .*/ -- \1/p' "$src/debian/changelog" | head -n 1 |
			tr -d '\n'
		echo "  $(date -R)"
		echo
		cat "$src/debian/changelog"
	} >"$src/debian/changelog.new"
	mv "$src/debian/changelog.new" "$src/debian/changelog"
fi

log=$out/eoip_$version.build.log
rm -f "$out"/eoip-dkms_"$version"_all.deb "$out"/eoip_"$version"_amd64.deb
# -b: binary packages only (a native package's source is this repository);
# unsigned: nothing here holds a key.
if ! (cd "$src" && dpkg-buildpackage -b -us -uc) >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "dpkg-buildpackage failed (log: $log)"
fi
for deb in eoip-dkms_"$version"_all.deb eoip_"$version"_amd64.deb; do
	[[ -f $out/$deb ]] || die "dpkg-buildpackage made no $deb (log: $log)"
	echo "$out/$deb"
done
