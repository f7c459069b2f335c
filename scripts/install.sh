#!/bin/bash
# install.sh KVER MODULE_DIR DESTDIR PREFIX (make install)
#
# Installs the module built in MODULE_DIR for kernel KVER into
# $DESTDIR/lib/modules/KVER/updates/ (where it takes precedence over any stock
# module of the same name), refreshes the module index so that `modprobe eoip`
# and `ip link add ... type eoip` find it, and installs the tool as
# $DESTDIR$PREFIX/sbin/eoip. With a DESTDIR (packaging, dry runs) depmod is
# left to the package's own scripts unless the staged tree has a module index.
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)

(($# == 4)) || die "usage: install.sh KVER MODULE_DIR DESTDIR PREFIX"
kver=$1 module_dir=$2 destdir=$3 prefix=$4

modules=("$module_dir"/*.ko)
[[ -e ${modules[0]} ]] || die "no module built in $module_dir (run make KVER=$kver)"
target=$destdir/lib/modules/$kver/updates
for module in "${modules[@]}"; do
	install -D -m 0644 "$module" "$target/$(basename "$module")"
	echo "installed $target/$(basename "$module")"
done

if [[ -z $destdir ]]; then
	depmod -a "$kver"
elif [[ -f $destdir/lib/modules/$kver/modules.order ]]; then
	depmod -b "$destdir" "$kver"
else
	echo "depmod skipped: $destdir holds no module tree for $kver"
fi

"$REPO/scripts/install-userland.sh" "$destdir" "$prefix"
