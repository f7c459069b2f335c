#!/bin/bash
# The packages install, upgrade and purge cleanly on a clean Debian 12: in a
# throwaway overlay of the install test's bookworm chroot (make deps; the
# cache itself is never written), with the first host kernel's headers
# present and the second kernel installed but for its headers package, as a
# user would:
#   apt-get install ./eoip-dkms_*.deb ./eoip_*.deb
# DKMS builds and installs the module; eoip version works; an upgrade to a
# newer version rebuilds it; installing a second kernel's headers builds the
# module for that kernel too (dkms autoinstall); apt-get purge leaves
# nothing of either package behind (what is left is listed, and must be
# nothing). The packages are make deb's, in build/deb/ (tests/host/packages.sh
# builds them); the newer version is built here (build-deb.sh --version).
set -uo pipefail
export LC_ALL=C
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/common.sh"
WORK=$REPO/build/install-test
failed=0 checks=0

# The overlay lives in a mount namespace of its own: it goes when the test
# ends, however it ends.
if [[ -z ${EOIP_INSTALL_TEST_NS:-} ]]; then
	[[ $EUID -eq 0 ]] || die "the install test needs root (chroot, mounts)"
	EOIP_INSTALL_TEST_NS=1 exec unshare --mount --propagation private -- "$0" "$@"
fi

STEP_START=$SECONDS
ok() { # WHAT: with the seconds since the last result
	checks=$((checks + 1))
	echo "ok - $1 ($((SECONDS - STEP_START))s)"
	STEP_START=$SECONDS
}
not_ok() { # WHAT [DETAILS]
	checks=$((checks + 1)) failed=$((failed + 1))
	echo "not ok - $1 ($((SECONDS - STEP_START))s)"
	STEP_START=$SECONDS
	[[ -z ${2:-} ]] || while IFS= read -r line; do echo "    $line"; done <<<"$2"
}
check() { # WHAT COMMAND...
	local output
	if output=$("${@:2}" 2>&1); then ok "$1"; else not_ok "$1" "$output"; fi
}
check_eq() { # WHAT EXPECTED ACTUAL
	if [[ $2 == "$3" ]]; then ok "$1"; else not_ok "$1" "expected '$2', got '$3'"; fi
}
finish() { echo "$((checks - failed)) passed, $failed failed"; exit $((failed > 0)); }
give_up() { not_ok "$1" "${2:-}"; finish; }

[[ -f $INSTALL_ROOT/.eoip-ready ]] || give_up "no install test chroot at $INSTALL_ROOT (run make deps)"
[[ $(cat "$TESTBED/install-test/prepared" 2>/dev/null) == "$(cat "$TESTBED/install-test/kernels")" ]] ||
	give_up "the install test chroot is not prepared (run make deps)"
mapfile -t kernels <"$TESTBED/install-test/kernels"
((${#kernels[@]} >= 2)) || give_up "the install test chroot has fewer than two host kernels"
first=${kernels[0]} second=${kernels[1]}
version=$(<"$REPO/VERSION")
newer=$version+upgrade1
debs=("$REPO/build/deb/eoip-dkms_${version}_all.deb" "$REPO/build/deb/eoip_${version}_amd64.deb")
for deb in "${debs[@]}"; do
	[[ -f $deb ]] || give_up "no $deb (make deb, or tests/host/packages.sh)"
done
# nocheck: the tool's unit tests ran on this very tree already.
if log=$(DEB_BUILD_OPTIONS=nocheck "$REPO/scripts/build-deb.sh" --version "$newer" "$WORK/newer" 2>&1); then
	ok "built the packages again as version $newer, for the upgrade"
else
	give_up "building version $newer failed" "$log"
fi

rm -rf "$WORK/upper" "$WORK/overlay-work" "$WORK/root"
mkdir -p "$WORK/upper" "$WORK/overlay-work" "$WORK/root"
mount -t overlay overlay -o "lowerdir=$INSTALL_ROOT,upperdir=$WORK/upper,workdir=$WORK/overlay-work" \
	"$WORK/root" || give_up "cannot mount an overlay of $INSTALL_ROOT"
root=$WORK/root
mkdir -p "$root/tmp/eoip-debs/$version" "$root/tmp/eoip-debs/$newer"
cp "${debs[@]}" "$root/tmp/eoip-debs/$version/"
cp "$WORK/newer"/*.deb "$root/tmp/eoip-debs/$newer/"

in_root() { in_chroot "$root" env DEBIAN_FRONTEND=noninteractive "$@"; }
apt_in() { # DIR APT-GET-ARGUMENTS...: apt-get in the chroot, run from DIR there
	# shellcheck disable=SC2016 # expanded by that sh
	in_root sh -c 'cd "$1" && shift && exec apt-get -q -y -o DPkg::Lock::Timeout=60 "$@"' \
		apt_in "$@"
}
module_version() { # KVER: modinfo's version of the eoip DKMS installed for it
	# shellcheck disable=SC2016 # expanded by that sh
	in_root sh -c 'modinfo -F version /lib/modules/$1/updates/dkms/eoip.ko*' sh "$1" 2>&1
}
# dkms 3.0's status also complains on stderr about readelf: the lines only.
dkms_status() { in_root dkms status eoip 2>/dev/null | sed 's/, x86_64//'; }

# --- install -----------------------------------------------------------------
dir=/tmp/eoip-debs/$version
if log=$(apt_in "$dir" install "./eoip-dkms_${version}_all.deb" "./eoip_${version}_amd64.deb" 2>&1); then
	ok "apt-get install ./eoip-dkms_${version}_all.deb ./eoip_${version}_amd64.deb"
else
	give_up "apt-get install of the packages failed" "$(tail -n 30 <<<"$log")"
fi
check_eq "dkms status: eoip $version installed for $first" \
	"eoip/$version, $first: installed" "$(dkms_status)"
check_eq "the module DKMS installed for $first is version $version" "$version" \
	"$(module_version "$first")"
check_eq "modprobe finds it for $first (depmod ran)" \
	"/lib/modules/$first/updates/dkms/eoip.ko" \
	"$(in_root modinfo -k "$first" -n eoip 2>&1 | sed 's/\.ko\..*/.ko/')"
check_eq "eoip version" "eoip $version" "$(in_root eoip version 2>&1)"
check "the manual page and the completion are installed" in_root test -f /usr/share/man/man8/eoip.8.gz -a \
	-f /usr/share/bash-completion/completions/eoip

# --- upgrade -------------------------------------------------------------------
dir=/tmp/eoip-debs/$newer
if log=$(apt_in "$dir" install "./eoip-dkms_${newer}_all.deb" "./eoip_${newer}_amd64.deb" 2>&1); then
	ok "apt-get install of version $newer (upgrade)"
else
	not_ok "the upgrade to $newer failed" "$(tail -n 30 <<<"$log")"
fi
check_eq "dkms status: only eoip $newer, installed for $first" \
	"eoip/$newer, $first: installed" "$(dkms_status)"
check_eq "the upgrade rebuilt the module for $first: version $newer" "$newer" \
	"$(module_version "$first")"
check "the old source tree /usr/src/eoip-$version is gone" in_root test ! -e "/usr/src/eoip-$version"
check_eq "eoip version after the upgrade" "eoip $newer" "$(in_root eoip version 2>&1)"

# --- a second kernel's headers -------------------------------------------------
if log=$(apt_in / install "linux-headers-$second" 2>&1); then
	ok "apt-get install linux-headers-$second"
else
	not_ok "apt-get install linux-headers-$second failed" "$(tail -n 30 <<<"$log")"
fi
check_eq "dkms autoinstall built and installed eoip $newer for $second" "$newer" \
	"$(module_version "$second")"
check_eq "dkms status: eoip $newer installed for both kernels" \
	"$(printf 'eoip/%s, %s: installed\n' "$newer" "$first" "$newer" "$second" | sort)" \
	"$(dkms_status | sort)"

# --- purge ---------------------------------------------------------------------
owned=$(in_root dpkg -L eoip-dkms eoip 2>&1)
if log=$(apt_in / purge eoip-dkms eoip 2>&1); then
	ok "apt-get purge eoip-dkms eoip"
else
	not_ok "apt-get purge failed" "$(tail -n 30 <<<"$log")"
fi
rm -rf "$root/tmp/eoip-debs"
# What is left: any path of the packages' that still exists (directories
# shared with other packages aside), any path among the chroot's changes
# whose name says eoip (the DKMS tree, /usr/src/eoip-*, modules), and any
# module index line.
left=$(
	while IFS= read -r path; do
		[[ -e $root$path && ! -d $root$path ]] && echo "$path (packaged file)"
	done <<<"$owned"
	(cd "$WORK/upper" && find . -iname '*eoip*' | sed 's|^\.||')
	for kver in "$first" "$second"; do
		grep -l eoip "$root/lib/modules/$kver"/modules.{dep,alias} 2>/dev/null |
			sed "s|^$root||; s|\$| (mentions eoip)|"
	done
)
if [[ -z $left ]]; then
	ok "after the purge nothing of eoip is left (packaged files, DKMS tree, modules, /usr/src)"
else
	not_ok "after the purge, left behind:" "$left"
fi
check_eq "dkms status after the purge" "" "$(dkms_status)"
finish
