#!/bin/bash
# make deps: installs everything that building and testing eoip needs on a
# Debian 12 machine, and every test kernel of scripts/kernels.conf with the
# environment to build its module. Non-interactive and idempotent: when
# everything is in place it only says so (no apt-get update, no network).
#
# Host packages go through the host's apt. A kernel from another suite gets a
# chroot of that suite ($TESTBED/chroots/SUITE, by debootstrap) holding that
# release's compiler and the kernel's headers, as DKMS would build it there;
# its image and module tree are unpacked (dpkg-deb -x) into
# $TESTBED/kernels/KVER/root for QEMU. The test bed ($TESTBED, see
# scripts/common.sh) lies outside the repository: make clean and fresh clones
# on the same machine reuse it.
#
#   EOIP_TESTBED=DIR   the test bed's place (default /var/cache/eoip-testbed)
#   EOIP_MIRROR=URL    the Debian archive the chroots use (default: the
#                      host's first deb.debian.org-style URI)
#   EOIP_REFRESH=1     apt-get update every chroot and resolve the kernels
#                      anew even when everything is present
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/packages.sh"

PACKAGES=(
	# build: the tool links libmnl; the module builds against kernel headers
	# (bc: kernel build scripts); sparse for `make C=1` checks of the module
	build-essential libmnl-dev pkg-config bc sparse
	# the QEMU test bed (tests/vm): guest kernels boot with a busybox initramfs
	# and use the host's own tools over a 9p root share
	qemu-system-x86 busybox-static kmod cpio xz-utils zstd
	iproute2 iputils-ping iperf3 ethtool tshark tcpreplay python3-scapy
	# iplink_*: jq parses ip -j's and eoip -j's JSON
	jq
	# make bench-scale: GNU time gives eoip list's peak resident memory
	time
	# stateful_firewall: the guests run the host's nft and iptables (nft
	# backend) to load the rulesets a firewalled EoIP end would have
	nftables iptables
	# make lint: shellcheck; checkpatch.pl comes out of the kernel source;
	# mandoc lints the man page
	shellcheck linux-source-6.12 mandoc
	# bringing tunnels up at boot: systemd-analyze verifies eoip@.service on
	# the host; the guests run ifup/ifdown with the hooks, and bridge_ports;
	# networkd_bridge runs systemd-networkd with a private system bus
	systemd ifupdown bridge-utils dbus-daemon
	# make check-debug builds a kernel from linux-source-6.12 (objtool needs libelf)
	flex bison libelf-dev libssl-dev
	# chroots of other Debian releases, to build their kernels' modules
	debootstrap
	# ipsec_secret: each end of the guest runs strongSwan's charon, driven
	# by eoip through swanctl
	strongswan-charon strongswan-swanctl
	# make deb and its checks (tests/host/): the Debian packages, the DKMS
	# build of every test kernel, man page lint and bash completion
	debhelper dh-dkms dkms lintian bash-completion
	# plus the "host" kernels of kernels.conf, image and headers (below)
)
# Wait for another apt/dpkg (e.g. unattended-upgrades) instead of failing.
APT=(apt-get -q -y -o DPkg::Lock::Timeout=600)
# apt-get update is retried only while another apt holds the lists lock.
UPDATE_ATTEMPTS=30
UPDATE_RETRY_SECONDS=20
# What a chroot holds besides debootstrap's minimal base: the kernel headers
# bring their compiler and kbuild; make runs Kbuild; make check builds the
# module with that release's dkms (scripts/dkms-build.sh).
CHROOT_PACKAGES=(make dkms)
# The suites whose ip (iproute2) the iplink_* scenarios run besides the
# host's, and what building link_eoip.so in their chroot needs.
IPLINK_SUITES=(sid)
IPLINK_CHROOT_PACKAGES=(iproute2 gcc libc6-dev)
# The packages that make up a bootable kernel and its module tree; 7.x
# splits them over linux-binary-*, linux-modules-* and linux-base-*.
IMAGE_PARTS='image|binary|modules|base'

say() { echo "deps: $*"; }

SUDO=()
[[ $EUID -eq 0 ]] || SUDO=(sudo)

apt_update() { # [CHROOT]
	# apt-get update takes the lists lock, which DPkg::Lock::Timeout may not
	# cover: retry while another apt holds it.
	local attempt log run=("${SUDO[@]}")
	[[ -z ${1:-} ]] || run=(in_chroot "$1")
	for ((attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++)); do
		if log=$("${run[@]}" "${APT[@]}" update 2>&1); then
			return 0
		fi
		grep -q 'Could not get lock' <<<"$log" || { echo "$log" >&2; return 1; }
		say "apt lists are locked by another process, waiting" >&2
		sleep "$UPDATE_RETRY_SECONDS"
	done
	echo "$log" >&2
	return 1
}

apt_install() { # [--chroot ROOT] PACKAGE...
	local run=("${SUDO[@]}")
	if [[ $1 == --chroot ]]; then
		run=(in_chroot "$2")
		shift 2
	fi
	# DEBIAN_FRONTEND: tshark asks a debconf question otherwise.
	# INITRD=No: skip the kernels' initramfs build (~60 s); the test bed boots
	# its own tiny initramfs.
	# (through env: sudo would drop them from the environment)
	"${run[@]}" env DEBIAN_FRONTEND=noninteractive INITRD=No "${APT[@]}" \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		--no-install-recommends install "$@"
}

# --- kernels.conf ---------------------------------------------------------

read_conf() { # fills CONF_SUITE, CONF_WHERE, CONF_PACKAGE
	local suite where package extra
	CONF_SUITE=() CONF_WHERE=() CONF_PACKAGE=()
	while read -r suite where package extra; do
		[[ -n $suite && $suite != \#* ]] || continue
		[[ -n $package && -z $extra ]] || die "kernels.conf: bad line '$suite $where $package $extra'"
		[[ $where == host || $where == chroot ]] ||
			die "kernels.conf: '$where' is neither host nor chroot"
		CONF_SUITE+=("$suite") CONF_WHERE+=("$where") CONF_PACKAGE+=("$package")
	done <"$KERNELS_CONF"
	((${#CONF_SUITE[@]})) || die "no kernel in $KERNELS_CONF"
}

release_of() { # DEPENDS-LIST: the release in its first linux-image-<release>
	sed 's/[,|]/\n/g' | sed -n 's/^ *linux-image-\([0-9][^ ]*\).*/\1/p' | head -n 1
}

host_packages() { # the host kernels' meta packages, image and headers
	local i
	for i in "${!CONF_SUITE[@]}"; do
		[[ ${CONF_WHERE[i]} == host ]] || continue
		[[ ${CONF_PACKAGE[i]} == linux-image-* ]] ||
			die "kernels.conf: a host kernel needs a linux-image-* meta package"
		echo "${CONF_PACKAGE[i]}" "linux-headers-${CONF_PACKAGE[i]#linux-image-}"
	done
}

record_kernel() { # KVER SUITE IMAGE MODROOT HEADERS CHROOT: kernels/KVER/kernel.env
	local dir=$TESTBED/kernels/$1
	mkdir -p "$dir"
	{
		echo "# Written by make deps (scripts/deps.sh) for scripts/common.sh's load_kernel."
		printf 'K_SUITE=%q\nK_IMAGE=%q\nK_MODROOT=%q\nK_HEADERS=%q\nK_CHROOT=%q\n' "${@:2}"
	} >"$dir/kernel.env.tmp"
	mv "$dir/kernel.env.tmp" "$dir/kernel.env"
}

host_kernel() { # META: the installed release it names, recorded; into FOUND
	local meta=$1 kver
	kver=$(dpkg-query -W -f='${Depends}' "$meta" | release_of)
	[[ -n $kver ]] || die "$meta names no linux-image-<release>"
	[[ -f /boot/vmlinuz-$kver && -d /lib/modules/$kver/kernel ]] ||
		die "kernel $kver ($meta) has no /boot/vmlinuz-$kver or /lib/modules/$kver"
	[[ -f /usr/src/linux-headers-$kver/Makefile ]] ||
		die "kernel $kver ($meta) has no headers in /usr/src/linux-headers-$kver"
	record_kernel "$kver" bookworm "/boot/vmlinuz-$kver" / "/usr/src/linux-headers-$kver" ''
	FOUND=$kver
}

# --- chroots --------------------------------------------------------------

mirror() {
	local uri
	if [[ -n ${EOIP_MIRROR:-} ]]; then
		echo "$EOIP_MIRROR"
		return
	fi
	# The host's own archive (deb822 or one-line sources), else Debian's.
	uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n -e 's|^URIs: *\(http[^ ]*/debian\)/* *$|\1|p' \
			-e 's|^deb \(\[[^]]*\] \)\?\(http[^ ]*/debian\)/* .*|\2|p' | head -n 1)
	echo "${uri:-http://deb.debian.org/debian}"
}

security_mirror() { # the host's debian-security URI, or one beside mirror()'s
	local uri
	uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n -e 's|^URIs: *\(http[^ ]*/debian-security\)/* *$|\1|p' \
			-e 's|^deb \(\[[^]]*\] \)\?\(http[^ ]*/debian-security\)/* .*|\2|p' | head -n 1)
	echo "${uri:-$(mirror)-security}"
}

# experimental is an add-on to sid: its chroot is a sid one with
# experimental's sources beside sid's.
bootstrap_suite() { [[ $1 == experimental ]] && echo sid || echo "$1"; }

chroot_missing_packages() { # ROOT PACKAGE...: those not installed in ROOT
	local root=$1 installed pkg
	shift
	# shellcheck disable=SC2016 # a dpkg-query format
	installed=$(in_chroot "$root" dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "$@" \
		2>/dev/null | awk '$1 == "ii" { print $2 }' || true)
	for pkg in "$@"; do
		grep -qx -- "$pkg" <<<"$installed" || echo "$pkg"
	done
}

complete_chroot() { # SUITE: a ready chroot made before CHROOT_PACKAGES grew
	local suite=$1 root=$TESTBED/chroots/$1 missing log=$TESTBED/chroots/$1.debootstrap.log.install
	mapfile -t missing < <(chroot_missing_packages "$root" "${CHROOT_PACKAGES[@]}")
	((${#missing[@]})) || return 0
	say "$suite: installing ${missing[*]} in the chroot"
	apt_update "$root"
	apt_install --chroot "$root" "${missing[@]}" >"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; die "installing ${missing[*]} in the $suite chroot failed (log: $log)"; }
}

make_chroot() { # SUITE: $TESTBED/chroots/SUITE, ready to install packages into
	local suite=$1 root=$TESTBED/chroots/$1 base url start=$SECONDS
	if [[ -f $root/.eoip-ready ]]; then
		complete_chroot "$suite"
		return 0
	fi
	base=$(bootstrap_suite "$suite")
	url=$(mirror)
	say "creating the $suite chroot in $root (debootstrap $base from $url)"
	# A half-made chroot (interrupted run) is started afresh.
	rm -rf "$root"
	mkdir -p "$TESTBED/chroots"
	local log=$TESTBED/chroots/$suite.debootstrap.log
	if ! debootstrap --variant=minbase "$base" "$root" "$url" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		die "debootstrap of $base failed (log: $log)"
	fi
	if [[ $suite == experimental ]]; then
		echo "deb $url experimental main" >"$root/etc/apt/sources.list.d/experimental.list"
	fi
	# The archive here may be a snapshot: sid's and experimental's Release
	# files (valid a week) are then expired. Their signatures still count.
	# apt-get download writes where _apt may not: download as root.
	printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Sandbox::User "root";' \
		>"$root/etc/apt/apt.conf.d/90eoip-testbed"
	cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	apt_update "$root"
	apt_install --chroot "$root" "${CHROOT_PACKAGES[@]}" >"$log.install" 2>&1 ||
		{ tail -n 20 "$log.install" >&2; die "installing ${CHROOT_PACKAGES[*]} in the $suite chroot failed"; }
	touch "$root/.eoip-ready"
	say "$suite chroot ready in $((SECONDS - start))s"
}

chroot_resolve() { # SUITE PACKAGE: the release it names there now (from the chroot's lists)
	local suite=$1 package=$2 root=$TESTBED/chroots/$1
	if [[ $package == newest ]]; then
		# The highest linux-image-<release>-amd64 (no other flavour) in the
		# suite's own lists, not sid's, which an experimental chroot holds too.
		# shellcheck disable=SC2016 # expanded by the chroot's sh and apt
		in_chroot "$root" sh -c 'apt-get indextargets --format "\$(FILENAME)" \
			"Created-By: Packages" "Suite: $1" "Architecture: amd64" |
			xargs -r /usr/lib/apt/apt-helper cat-file' resolve "$suite" |
			sed -n 's/^Package: linux-image-\([0-9][^ ]*-amd64\)$/\1/p' |
			grep -Ev -- '-(cloud|rt)-amd64$' | sort -uV | tail -n 1
	else
		in_chroot "$root" apt-cache depends "$package" 2>/dev/null | sed -n 's/^ *Depends: //p' |
			release_of
	fi
}

chroot_kernel_present() { # SUITE KVER: headers installed and image unpacked?
	local root=$TESTBED/chroots/$1 kver=$2
	[[ -f $root/usr/src/linux-headers-$kver/Makefile &&
		-f $TESTBED/kernels/$kver/root/.eoip-unpacked ]] || return 1
	# shellcheck disable=SC2016 # a dpkg-query format
	in_chroot "$root" dpkg-query -W -f='${db:Status-Abbrev}' "linux-headers-$kver" 2>/dev/null |
		grep -q '^ii'
}

chroot_install_kernel() { # SUITE KVER: its headers into the chroot, its image unpacked
	local suite=$1 kver=$2 root=$TESTBED/chroots/$1 dir=$TESTBED/kernels/$2 parts pkg pattern
	local log=$TESTBED/chroots/$suite.install.log target=()
	[[ $suite == experimental ]] && target=(-t experimental)
	say "$suite: installing linux-headers-$kver in the chroot"
	apt_install --chroot "$root" "${target[@]}" "linux-headers-$kver" >"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; die "installing linux-headers-$kver in the $suite chroot failed (log: $log)"; }
	# The image and what it needs of linux-(binary|modules|base)-KVER.
	pattern=${kver//./\\.}
	pattern=${pattern//+/\\+}
	mapfile -t parts < <(in_chroot "$root" apt-cache depends --recurse --no-recommends \
		--no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
		"linux-image-$kver" | grep -Ex "linux-($IMAGE_PARTS)-$pattern")
	((${#parts[@]})) || die "no linux-image-$kver in the $suite chroot"
	say "$suite: unpacking ${parts[*]} into $dir/root"
	rm -rf "$root/tmp/eoip-debs" "$dir/root"
	mkdir -p "$root/tmp/eoip-debs" "$dir/root"
	in_chroot "$root" sh -c 'cd /tmp/eoip-debs && apt-get -q download "$@"' download \
		"${parts[@]}" >>"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; die "downloading ${parts[*]} failed (log: $log)"; }
	for pkg in "$root"/tmp/eoip-debs/*.deb; do
		dpkg-deb -x "$pkg" "$dir/root"
	done
	rm -rf "$root/tmp/eoip-debs"
	# 7.x ships its tree under usr/lib only: give it the lib/modules path
	# that depmod -b and modprobe -d look under.
	[[ -e $dir/root/lib ]] || ln -s usr/lib "$dir/root/lib"
	[[ -d $dir/root/lib/modules/$kver/kernel ]] || die "no module tree in the $kver packages"
	depmod -b "$dir/root" "$kver"
	touch "$dir/root/.eoip-unpacked"
}

image_of() { # KVER: its vmlinuz in the unpacked root
	local root=$TESTBED/kernels/$1/root path
	for path in "$root/boot/vmlinuz-$1" "$root/usr/lib/modules/$1/vmlinuz"; do
		[[ -f $path ]] && { echo "$path"; return; }
	done
	die "no vmlinuz in the $1 packages (looked in $root)"
}

chroot_kernel() { # SUITE PACKAGE: its release, headers and image in place; into FOUND
	local suite=$1 package=$2 root=$TESTBED/chroots/$1 kver
	make_chroot "$suite"
	kver=$(chroot_resolve "$suite" "$package")
	if [[ -z $kver || ${EOIP_REFRESH:-0} == 1 ]] || ! chroot_kernel_present "$suite" "$kver"; then
		# Not there yet, or the lists are old: the archive drops old ABIs.
		say "$suite: refreshing the package lists"
		apt_update "$root"
		kver=$(chroot_resolve "$suite" "$package")
		[[ -n $kver ]] || die "$suite: $package names no linux-image-<release>"
		chroot_kernel_present "$suite" "$kver" || chroot_install_kernel "$suite" "$kver"
	fi
	record_kernel "$kver" "$suite" "$(image_of "$kver")" "$TESTBED/kernels/$kver/root" \
		"$root/usr/src/linux-headers-$kver" "$root"
	FOUND=$kver
}

chroot_iplink_packages() { # SUITE: its iproute2 and a compiler for the plugin
	local suite=$1 root=$TESTBED/chroots/$1 missing log=$TESTBED/chroots/$1.iplink.log
	# shellcheck disable=SC2016 # a dpkg-query format
	missing=$(for pkg in "${IPLINK_CHROOT_PACKAGES[@]}"; do
		in_chroot "$root" dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null |
			grep -q '^ii' || echo "$pkg"
	done)
	[[ -n $missing ]] || return 0
	say "$suite: installing $(echo "$missing" | tr '\n' ' ')in the chroot (link_eoip.so against its ip)"
	# shellcheck disable=SC2086 # package names, one per word
	apt_install --chroot "$root" $missing >"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; die "installing $missing in the $suite chroot failed (log: $log)"; }
}

# --- the install test's clean Debian 12 ---------------------------------

# tests/host/packages_install.sh installs the packages into a throwaway
# overlay of $INSTALL_ROOT (scripts/common.sh): a plain bookworm with the
# headers of the first host kernel installed, the other host kernels
# installed but for their headers package itself, and the packages the test
# installs (dkms and what it pulls in, those headers) in apt's cache, so a
# run needs no network.

install_test_depends() { # PACKAGE [--recommends]: what it depends on, in the install test chroot
	# Of alternatives ("|Depends: A" ... "Depends: Z"), the first; no
	# virtual package (<name>).
	local types='Depends|PreDepends'
	[[ ${2:-} == --recommends ]] && types+='|Recommends'
	in_chroot "$INSTALL_ROOT" apt-cache depends --no-suggests --no-conflicts --no-breaks \
		--no-replaces --no-enhances "$1" |
		awk -v types="^[|]?($types):\$" '
			$1 !~ types { next }
			$1 ~ /^[|]/ { if (!in_group) print $2; in_group = 1; next }
			{ if (!in_group) print $2; in_group = 0 }' | grep -v '^<'
}

install_test_chroot() { # HOST_KVER...: $INSTALL_ROOT, and install-test/kernels
	local first=$1 root=$INSTALL_ROOT log=$TESTBED/install-test/make.log start=$SECONDS
	local want
	want=$(printf '%s\n' "$@")
	if [[ ! -f $root/.eoip-ready || $(cat "$TESTBED/install-test/kernels" 2>/dev/null) != "$want" ]]; then
		say "creating the install test's bookworm chroot in $root"
		rm -rf "$root" "$TESTBED/install-test/kernels" "$TESTBED/install-test/prepared"
		mkdir -p "$root"
		if ! debootstrap --variant=minbase bookworm "$root" "$(mirror)" >"$log" 2>&1; then
			tail -n 20 "$log" >&2
			die "debootstrap of bookworm for the install test failed (log: $log)"
		fi
		cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
		# The host kernels' headers come from the security archive (point
		# releases) as often as from the release itself.
		printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
			"$(mirror)" "$(mirror)" "$(security_mirror)" >"$root/etc/apt/sources.list"
		# Keep what apt downloads: the test installs from this cache. And
		# apt-get download writes where _apt may not: download as root.
		printf '%s\n' 'Binary::apt::APT::Keep-Downloaded-Packages "true";' \
			'APT::Sandbox::User "root";' >"$root/etc/apt/apt.conf.d/90eoip-install-test"
		apt_update "$root" >>"$log" 2>&1
		apt_install --chroot "$root" "linux-headers-$first" >>"$log" 2>&1 ||
			{ tail -n 20 "$log" >&2; die "installing linux-headers-$first in the install test chroot failed"; }
		echo "$want" >"$TESTBED/install-test/kernels"
		touch "$root/.eoip-ready"
	fi
	# What the test installs comes with what it depends on installed
	# already: the other kernels but for their headers package proper, whose
	# postinst has DKMS build for them in the test (their images, initramfs
	# and thousands of header files took minutes in every run), and dkms's
	# dependencies and recommends (the compilers), but not dkms itself,
	# which apt-get install ./eoip-dkms_*.deb must bring.
	if [[ $(cat "$TESTBED/install-test/prepared" 2>/dev/null) != "$want" ]]; then
		local kver parts=()
		for kver in "${@:2}"; do
			mapfile -t -O "${#parts[@]}" parts < <(install_test_depends "linux-headers-$kver")
		done
		mapfile -t -O "${#parts[@]}" parts < <(install_test_depends dkms --recommends)
		((${#parts[@]} == 0)) || apt_install --chroot "$root" "${parts[@]}" >>"$log" 2>&1 ||
			{ tail -n 20 "$log" >&2; die "installing ${parts[*]} in the install test chroot failed"; }
		# What apt-get install ./eoip-dkms_*.deb ./eoip_*.deb pulls in
		# (dkms with its recommends), and the other kernels' headers.
		local later=()
		for kver in "${@:2}"; do later+=("linux-headers-$kver"); done
		in_chroot "$root" env DEBIAN_FRONTEND=noninteractive "${APT[@]}" install --download-only \
			dkms fakeroot sudo libmnl0 "${later[@]}" >>"$log" 2>&1 ||
			{ tail -n 20 "$log" >&2; die "downloading the install test's packages failed (log: $log)"; }
		echo "$want" >"$TESTBED/install-test/prepared"
		say "install test chroot ready in $((SECONDS - start))s"
	fi
}

# --- main -----------------------------------------------------------------

main() {
	local start=$SECONDS i kernels=() host_kernels=() missing found
	read_conf
	# shellcheck disable=SC2207 # words: package names
	PACKAGES+=($(host_packages))
	mapfile -t missing < <(missing_packages "${PACKAGES[@]}")
	if ((${#missing[@]} == 0)); then
		say "all ${#PACKAGES[@]} host packages are installed"
	else
		say "installing ${missing[*]}"
		apt_update
		apt_install "${missing[@]}"
	fi

	[[ $EUID -eq 0 ]] || die "the test kernels' chroots need root: run make deps as root"
	mkdir -p "$TESTBED"
	# Two make deps at once would debootstrap into the same directory.
	exec 8>"$TESTBED/.deps.lock"
	flock 8
	for i in "${!CONF_SUITE[@]}"; do
		FOUND=
		if [[ ${CONF_WHERE[i]} == host ]]; then
			host_kernel "${CONF_PACKAGE[i]}"
			host_kernels+=("$FOUND")
		else
			chroot_kernel "${CONF_SUITE[i]}" "${CONF_PACKAGE[i]}"
		fi
		kernels+=("$FOUND")
	done
	for i in "${IPLINK_SUITES[@]}"; do
		make_chroot "$i"
		chroot_iplink_packages "$i"
	done
	install_test_chroot "${host_kernels[@]}"
	printf '%s\n' "${kernels[@]}" >"$TESTBED/kernels.list.tmp"
	mv "$TESTBED/kernels.list.tmp" "$TESTBED/kernels.list"
	# A release the archive has moved on from goes (its headers stay in
	# its chroot: apt owns them).
	local dir
	for dir in "$TESTBED"/kernels/*/; do
		dir=${dir%/}
		grep -qxF -- "${dir##*/}" "$TESTBED/kernels.list" && continue
		# make check-debug's kernel (scripts/build-debug-kernel.sh) is
		# never a test kernel of this list, and stays.
		[[ ! -f $dir/debug.key ]] || continue
		say "removing ${dir##*/}: no longer a test kernel"
		rm -rf "$dir"
	done
	# Every kernel resolved must be testable: test-kernels.sh checks the files.
	mapfile -t found < <(KERNELS='' "$(dirname "$0")/test-kernels.sh")
	((${#found[@]} == ${#kernels[@]})) ||
		die "test kernels incomplete: resolved ${kernels[*]}, usable ${found[*]:-none}"
	say "test kernels: ${kernels[*]} (test bed: $TESTBED; $((SECONDS - start))s)"
}

main "$@"
