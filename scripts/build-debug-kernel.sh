#!/bin/bash
# build-debug-kernel.sh: builds make check-debug's kernel and records it in the
# test bed; prints its release (KVER) on the last line of stdout.
#
# The source is Debian's linux-source-6.12 (/usr/src/linux-source-6.12.tar.xz),
# the config tinyconfig with tests/vm/debug-kernel.config merged over it
# (KASAN, lockdep, kmemleak, DEBUG_NET...). Everything is cached in the test
# bed, keyed by the source package's version and the fragment's contents:
#   debug-kernel/source-VERSION/   the unpacked source
#   debug-kernel/build-KEY/        the object tree (O=), also the module's headers
#   kernels/KVER/root/             bzImage and modules_install's tree
#   kernels/KVER/kernel.env        as make deps writes it, for load_kernel
#   kernels/KVER/debug.key         the KEY the installed kernel was built with
# A second run with the same key does nothing. The kernel is not added to
# kernels.list: only make check-debug names it.
#
# The build runs niced (DEBUG_KERNEL_NICE, 15) with DEBUG_KERNEL_JOBS (2)
# jobs, its output in build-KEY/build.log.
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)

SOURCE_PACKAGE=linux-source-6.12
TARBALL=/usr/src/$SOURCE_PACKAGE.tar.xz
FRAGMENT=$REPO/tests/vm/debug-kernel.config
JOBS=${DEBUG_KERNEL_JOBS:-2}
NICE=${DEBUG_KERNEL_NICE:-15}

[[ -f $TARBALL ]] || die "no $TARBALL: apt-get install $SOURCE_PACKAGE"
version=$(dpkg-query -W -f '${Version}' "$SOURCE_PACKAGE" 2>/dev/null) ||
	die "$SOURCE_PACKAGE is not installed (apt-get install $SOURCE_PACKAGE)"
key=$({
	echo "$version"
	cat "$FRAGMENT"
} | sha256sum | cut -c1-16)
base=$TESTBED/debug-kernel
source=$base/source-$version
build=$base/build-$key

# Already built and installed with this key: nothing to do.
if [[ -f $build/.installed ]]; then
	kver=$(cat "$build/.installed")
	if load_kernel "$kver" && [[ -f $K_IMAGE && $(cat "$TESTBED/kernels/$kver/debug.key" 2>/dev/null) == "$key" ]]; then
		echo "debug kernel $kver is up to date (key $key)" >&2
		echo "$kver"
		exit 0
	fi
fi

if [[ ! -f $source/.unpacked ]]; then
	echo "unpacking $TARBALL ($version) into $source" >&2
	rm -rf "$source" "$source.tmp"
	mkdir -p "$source.tmp"
	tar -C "$source.tmp" --strip-components=1 -xf "$TARBALL"
	touch "$source.tmp/.unpacked"
	mv "$source.tmp" "$source"
fi

mkdir -p "$build"
log=$build/build.log
if [[ ! -f $build/.configured ]]; then
	echo "configuring in $build (tinyconfig + ${FRAGMENT#"$REPO"/})" >&2
	make -s -C "$source" O="$build" tinyconfig >"$log" 2>&1
	(cd "$build" && "$source/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "$FRAGMENT") >>"$log" 2>&1 ||
		die "merge_config.sh failed: see $log"
	make -s -C "$source" O="$build" olddefconfig >>"$log" 2>&1

	# Every line of the fragment must have survived olddefconfig: a symbol
	# whose dependencies are missing is silently dropped.
	missing=()
	while read -r line; do
		case $line in
		CONFIG_*=*) grep -qxF -- "$line" "$build/.config" || missing+=("$line") ;;
		"# CONFIG_"*" is not set")
			symbol=${line#"# "}
			symbol=${symbol%% *}
			! grep -q "^$symbol=" "$build/.config" || missing+=("$line")
			;;
		esac
	done <"$FRAGMENT"
	((${#missing[@]} == 0)) ||
		die "not in the final config (a dependency is missing): ${missing[*]}"
	touch "$build/.configured"
fi

echo "building in $build: nice -n $NICE make -j$JOBS (log: $log)" >&2
start=$SECONDS
nice -n "$NICE" make -C "$source" O="$build" -j"$JOBS" bzImage modules >>"$log" 2>&1 ||
	die "the kernel build failed: see the end of $log"
echo "built in $((SECONDS - start)) s" | tee -a "$log" >&2
# The release (with CONFIG_LOCALVERSION) is known once the build has run.
kver=$(cat "$build/include/config/kernel.release")

dir=$TESTBED/kernels/$kver
rm -rf "$dir"
mkdir -p "$dir/root/boot"
make -s -C "$source" O="$build" INSTALL_MOD_PATH="$dir/root" modules_install >>"$log" 2>&1
cp "$build/arch/x86/boot/bzImage" "$dir/root/boot/vmlinuz-$kver"
{
	echo "# Written by scripts/build-debug-kernel.sh for scripts/common.sh's load_kernel."
	printf 'K_SUITE=%q\nK_IMAGE=%q\nK_MODROOT=%q\nK_HEADERS=%q\nK_CHROOT=%q\n' \
		bookworm "$dir/root/boot/vmlinuz-$kver" "$dir/root" "$build" ''
} >"$dir/kernel.env"
echo "$key" >"$dir/debug.key"
echo "$kver" >"$build/.installed"
echo "$kver"
