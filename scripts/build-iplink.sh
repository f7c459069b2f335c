#!/bin/bash
# build-iplink.sh [SUITE...]: link_eoip.so for the host's ip into
# build/iplink/, and for each SUITE's ip, built in that test bed chroot
# with its compiler against its iproute2, into build/iplink-SUITE/
# (make check's scenarios run both ips: tests/scenarios/iplink_*).
# make deps installs iproute2 and gcc in those chroots.
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)
# where a chroot sees the repository
CHROOT_SRC=/eoip-src

make -C "$REPO/iplink" BUILD="$REPO/build/iplink"
for suite in "$@"; do
	root=$TESTBED/chroots/$suite
	[[ -x $root/usr/bin/ip && -x $root/usr/bin/gcc ]] ||
		die "the $suite chroot has no ip or gcc (run make deps)"
	in_chroot --bind "$REPO" "$CHROOT_SRC" "$root" \
		make -C "$CHROOT_SRC/iplink" CC=gcc IP=/usr/bin/ip \
		BUILD="$CHROOT_SRC/build/iplink-$suite"
done
