#!/bin/bash
# Prints the kernels we can test, one release per line, oldest first: every
# /boot/vmlinuz-$KVER that also has its headers (/usr/src/linux-headers-$KVER, to
# build the module) and its module tree (/lib/modules/$KVER, for the guest).
# Nothing is pinned: whatever ABI the archive installed is used.
#
# KERNELS="6.12 6.1.0-*" keeps the releases matching any of the words (a word
# with glob characters is a glob, otherwise a substring).
set -euo pipefail
. "$(dirname "$0")/common.sh"

read -r -a filter <<<"${KERNELS:-}"
for image in /boot/vmlinuz-*; do
	[[ -e $image ]] || continue
	kver=${image#/boot/vmlinuz-}
	[[ -d /usr/src/linux-headers-$kver && -d /lib/modules/$kver/kernel ]] || continue
	if ((${#filter[@]})) && ! matches_any "$kver" "${filter[@]}"; then
		continue
	fi
	echo "$kver"
done | sort -V
