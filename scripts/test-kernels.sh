#!/bin/bash
# Prints the kernels we can test, one release per line, oldest first: those
# make deps resolved from scripts/kernels.conf and recorded in the test bed
# ($TESTBED/kernels.list), each with its image, module tree and headers
# still in place. Nothing is pinned: whatever ABI each suite offered when
# make deps last ran is used.
#
# KERNELS="6.12 6.1.0-*" keeps the releases matching any of the words (a word
# with glob characters is a glob, otherwise a substring).
set -euo pipefail
. "$(dirname "$0")/common.sh"

read -r -a filter <<<"${KERNELS:-}"
[[ -f $TESTBED/kernels.list ]] || exit 0
while read -r kver; do
	load_kernel "$kver" || continue
	[[ -f $K_IMAGE && -d $K_MODROOT/lib/modules/$kver/kernel && -f $K_HEADERS/Makefile ]] ||
		continue
	if ((${#filter[@]})) && ! matches_any "$kver" "${filter[@]}"; then
		continue
	fi
	echo "$kver"
done <"$TESTBED/kernels.list" | sort -V
