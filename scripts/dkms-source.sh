#!/bin/bash
# dkms-source.sh [--with-conf] DEST_DIR
#
# Lays out the module's DKMS source tree in DEST_DIR (in a package:
# /usr/src/eoip-VERSION): the Kbuild directory kernel/, include/ and
# VERSION, as they sit in the repository, without anything a build left.
# debian/rules installs the Debian package's tree with it (dh_dkms adds
# dkms.conf); the test bed (scripts/dkms-build.sh) makes its trees with it
# too, and --with-conf then writes dkms.conf with the version filled in, as
# dh_dkms does.
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)

with_conf=0
if [[ ${1:-} == --with-conf ]]; then
	with_conf=1
	shift
fi
(($# == 1)) || die "usage: dkms-source.sh [--with-conf] DEST_DIR"
dest=$1
version=$(<"$REPO/VERSION")
[[ $version =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || die "VERSION holds '$version', not a version"

mkdir -p "$dest"
for dir in kernel include; do
	rm -rf "${dest:?}/$dir"
	mkdir "$dest/$dir"
	tar -C "$REPO/$dir" "${BUILD_OUTPUTS[@]}" -cf - . | tar -C "$dest/$dir" -xf -
done
install -m 0644 "$REPO/VERSION" "$dest/VERSION"
if ((with_conf)); then
	sed "s/#MODULE_VERSION#/$version/" "$REPO/dkms.conf" >"$dest/dkms.conf"
fi
