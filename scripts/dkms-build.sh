#!/bin/bash
# dkms-build.sh [--werror] KVER OUT_DIR
#
# Builds and installs the module for kernel KVER the way the eoip-dkms
# package has it built: `dkms add`, `dkms build` and `dkms install` of the
# DKMS source tree (scripts/dkms-source.sh, dkms.conf with the version filled
# in), by the dkms of that kernel's own release: in its chroot of the test
# bed for a kernel of another release, on the host for a bookworm one.
# Everything goes under OUT_DIR, nothing into the system's DKMS tree or
# module tree (dkms's --dkmstree, --sourcetree and --installtree):
#   OUT_DIR/install/KVER/updates/dkms/eoip.ko[.xz|.zst]  what dkms installed
#   OUT_DIR/eoip.ko                  the same, uncompressed (for readelf)
#   OUT_DIR/dkms.log                 dkms's output; the compiler's is in
#   OUT_DIR/tree/eoip/VERSION/KVER/ARCH/log/make.log (or build/make.log)
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
(($# == 2)) || die "usage: dkms-build.sh [--werror] KVER OUT_DIR"
kver=$1
out=$(realpath -m "$2")
version=$(<"$REPO/VERSION")
chroot_dir='' headers=/lib/modules/$kver/build
if load_kernel "$kver"; then
	chroot_dir=$K_CHROOT headers=$K_HEADERS
fi
# dkms finds them as /lib/modules/KVER/build in the system that builds.
[[ -f $headers/Makefile ]] ||
	die "no headers for kernel $kver${chroot_dir:+ in $chroot_dir}: install linux-headers-$kver (make deps)"
[[ -x $chroot_dir/usr/sbin/dkms ]] || die "no dkms${chroot_dir:+ in $chroot_dir}: run make deps"

rm -rf "$out"
mkdir -p "$out/tree" "$out/install/$kver"
"$REPO/scripts/dkms-source.sh" --with-conf "$out/source/eoip-$version"

with_modules_dir() { # KVER HEADERS DIR COMMAND...: COMMAND with DIR as /lib/modules
	# DIR holds KVER/build -> HEADERS and nothing else; the mount is
	# private to COMMAND and goes with it.
	local kver=$1 headers=$2 dir=$3
	shift 3
	mkdir -p "$dir/$kver"
	ln -sfn "$headers" "$dir/$kver/build"
	# shellcheck disable=SC2016 # expanded by that sh
	unshare --mount --propagation private -- /bin/sh -c '
		mount --bind "$1" /lib/modules || exit
		shift
		exec "$@"' with_modules_dir "$dir" "$@"
}

# Where the building system sees OUT_DIR.
base=$out run=()
if [[ -n $chroot_dir ]]; then
	base=/eoip-dkms
	run=(in_chroot --bind "$out" "$base" "$chroot_dir")
elif [[ $headers != "/lib/modules/$kver/build" && ! -e /lib/modules/$kver/build ]]; then
	# A kernel built here (make check-debug's), whose headers are its
	# object tree and not installed: dkms sees them as its
	# /lib/modules/KVER/build in a mount namespace of its own.
	run=(with_modules_dir "$kver" "$headers" "$out/lib-modules")
fi
trees=(--dkmstree "$base/tree" --sourcetree "$base/source" --installtree "$base/install")
# dkms 3.2 looks for the headers in the install tree: show it the system's.
# Not --kernelsourcedir: with it dkms 2.8 "prepares" the headers (make
# mrproper and oldconfig in /usr/src), which breaks them for every build.
ln -s "/lib/modules/$kver/build" "$out/install/$kver/build"
flags=()
((werror)) && flags=(KCFLAGS=-Werror)
log=$out/dkms.log

compiler_log() { # the build's make.log: dkms 2.8 and 3.x keep it in different places
	local path
	for path in "$out/tree/eoip/$version/$kver"/*/log/make.log "$out/tree/eoip/$version/build/make.log"; do
		[[ -f $path ]] && { echo "$path"; return; }
	done
	return 0
}
# The kernel's make takes KCFLAGS from the environment dkms runs it in. No
# depmod: the install tree is ours, not the system's.
# shellcheck disable=SC2016 # expanded by that sh
if ! "${run[@]}" env "${flags[@]}" sh -c '
	set -e
	module=$1 version=$2 kver=$3
	shift 3
	dkms add -m "$module" -v "$version" "$@"
	dkms build -m "$module" -v "$version" -k "$kver" "$@"
	dkms install -m "$module" -v "$version" -k "$kver" --no-depmod "$@"' dkms-build \
	eoip "$version" "$kver" "${trees[@]}" >"$log" 2>&1; then
	cat "$log" >&2
	make_log=$(compiler_log)
	[[ -z $make_log ]] || tail -n 40 "$make_log" >&2
	die "dkms could not build or install eoip $version for $kver (log: $log)"
fi
make_log=$(compiler_log)
[[ -n $make_log ]] || die "dkms left no make.log under $out/tree"
# modpost reports problems (section mismatches, missing licence) as warnings.
if ((werror)) && grep -q '^WARNING: ' "$make_log"; then
	grep '^WARNING: ' "$make_log" >&2
	die "modpost warnings building eoip for $kver (log: $make_log)"
fi

installed=("$out/install/$kver/updates/dkms"/eoip.ko*)
[[ -f ${installed[0]} ]] || die "dkms installed no eoip.ko for $kver (log: $log)"
case ${installed[0]} in
*.xz) xz -dc "${installed[0]}" >"$out/eoip.ko" ;;
*.zst) zstd -qdc "${installed[0]}" >"$out/eoip.ko" ;;
*.gz) gzip -dc "${installed[0]}" >"$out/eoip.ko" ;;
*) cp "${installed[0]}" "$out/eoip.ko" ;;
esac
echo "${installed[0]}"
