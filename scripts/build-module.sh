#!/bin/bash
# build-module.sh [--werror] KVER SRC_DIR OUT_DIR
#
# Builds the Kbuild directory SRC_DIR against the headers of kernel KVER, in a
# copy at OUT_DIR/<basename of SRC_DIR> with the repository's include/ beside
# it (the module finds its uapi header as ../include, its version as
# ../VERSION). Building in a copy keeps
# the source tree clean and lets two kernels build at the same time.
#
# A test kernel from another Debian release (make deps: scripts/kernels.conf)
# is built in that release's chroot, with its compiler, as DKMS would build it
# there: OUT_DIR is bound into the chroot for the build.
#
# --werror: compiler warnings and modpost warnings fail the build (make check).
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)

werror=0
if [[ ${1:-} == --werror ]]; then
	werror=1
	shift
fi
(($# == 3)) || die "usage: build-module.sh [--werror] KVER SRC_DIR OUT_DIR"
kver=$1
# Kbuild needs absolute paths for M=.
src=$(realpath -m "$2")
out=$(realpath -m "$3")
chroot_dir=''
if load_kernel "$kver"; then
	headers=$K_HEADERS chroot_dir=$K_CHROOT
else
	headers=/usr/src/linux-headers-$kver
	[[ -d $headers ]] || headers=/lib/modules/$kver/build
fi
if [[ ! -d $headers ]]; then
	# Headers one can build against have a Module.symvers (not the -common halves).
	available=$(for dir in /usr/src/linux-headers-*/Module.symvers; do
		[[ -e $dir ]] && dir=${dir%/Module.symvers} && echo -n "${dir#/usr/src/linux-headers-} "
	done)
	available=${available% }
	die "no headers for kernel $kver: install linux-headers-$kver, or pass KVER=${available:+ (installed: $available)}"
fi
[[ -d $src ]] || die "no module source at $src"

copy_sources() { # SRC DST: mirror SRC into DST keeping mtimes, so make rebuilds only what changed
	local from=$1 to=$2 files
	files=$(tar -C "$from" "${BUILD_OUTPUTS[@]}" -cf - . | tar -tf - | sort)
	# A file added or removed: start afresh, so a deleted header cannot linger.
	if [[ ! -f $to/.source-files ]] || [[ $files != "$(cat "$to/.source-files")" ]]; then
		rm -rf "$to"
	fi
	mkdir -p "$to"
	tar -C "$from" "${BUILD_OUTPUTS[@]}" -cf - . | tar -C "$to" -xpf -
	echo "$files" >"$to/.source-files"
}

name=$(basename "$src")
copy_sources "$src" "$out/$name"
copy_sources "$REPO/include" "$out/include"
cp -p "$REPO/VERSION" "$out/VERSION"

flags=()
((werror)) && flags=(KCFLAGS=-Werror)
log=$out/$name.build.log
# Where the chroot sees OUT_DIR.
CHROOT_BUILD=/eoip-build
build=(make -C "$headers" M="$out/$name" -j"$(nproc)" "${flags[@]}" modules)
if [[ -n $chroot_dir ]]; then
	build=(in_chroot --bind "$out" "$CHROOT_BUILD" "$chroot_dir"
		make -C "${headers#"$chroot_dir"}" M="$CHROOT_BUILD/$name" -j"$(nproc)" "${flags[@]}" modules)
fi
if ! "${build[@]}" >"$log" 2>&1; then
	cat "$log" >&2
	die "building $src for $kver failed (log: $log)"
fi
# modpost reports problems (section mismatches, missing licence) as warnings.
if ((werror)) && grep -q '^WARNING: ' "$log"; then
	grep '^WARNING: ' "$log" >&2
	die "modpost warnings building $src for $kver (log: $log)"
fi
ls "$out/$name"/*.ko >/dev/null 2>&1 || die "no .ko built from $src"
