#!/bin/bash
# make deps: installs everything that building and testing eoip needs on a
# Debian 12 machine. Non-interactive and idempotent: when every package is
# already installed it only says so (no apt-get update, no network).
set -euo pipefail
. "$(dirname "$0")/common.sh"

PACKAGES=(
	# build: the tool links libmnl; the module builds against kernel headers
	# (bc: kernel build scripts); sparse for `make C=1` checks of the module
	build-essential libmnl-dev pkg-config bc sparse
	# the QEMU test bed (tests/vm): guest kernels boot with a busybox initramfs
	# and use the host's own tools over a 9p root share
	qemu-system-x86 busybox-static kmod cpio xz-utils
	iproute2 iputils-ping iperf3 ethtool tshark tcpreplay python3-scapy
	# stateful_firewall: the guests run the host's nft and iptables (nft
	# backend) to load the rulesets a firewalled EoIP end would have
	nftables iptables
	# make lint: shellcheck; checkpatch.pl comes out of the kernel source
	shellcheck linux-source-6.12
	# the test kernels: Debian's 6.1 and 6.12, image and headers. Meta packages
	# only: the archive drops old ABIs, so a pinned version would break later.
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64
)
# Wait for another apt/dpkg (e.g. unattended-upgrades) instead of failing.
APT=(apt-get -q -y -o DPkg::Lock::Timeout=600)
# apt-get update is retried only while another apt holds the lists lock.
UPDATE_ATTEMPTS=30
UPDATE_RETRY_SECONDS=20

missing_packages() {
	# dpkg-query prints nothing (and complains) for a package it never saw.
	local installed
	# It also exits 1 then, which must not end this function under set -e and
	# pipefail (that would print nothing, read as "nothing missing").
	installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${PACKAGES[@]}" 2>/dev/null |
		awk '$1 == "ii" { print $2 }' || true)
	local pkg
	for pkg in "${PACKAGES[@]}"; do
		grep -qx -- "$pkg" <<<"$installed" || echo "$pkg"
	done
}

apt_update() {
	# apt-get update takes the lists lock, which DPkg::Lock::Timeout may not
	# cover: retry while another apt holds it.
	local attempt log
	for ((attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++)); do
		if log=$("${SUDO[@]}" "${APT[@]}" update 2>&1); then
			return 0
		fi
		grep -q 'Could not get lock' <<<"$log" || { echo "$log" >&2; return 1; }
		echo "deps: apt lists are locked by another process, waiting" >&2
		sleep "$UPDATE_RETRY_SECONDS"
	done
	echo "$log" >&2
	return 1
}

SUDO=()
[[ $EUID -eq 0 ]] || SUDO=(sudo)

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
	echo "deps: all ${#PACKAGES[@]} packages are installed"
else
	echo "deps: installing ${missing[*]}"
	# DEBIAN_FRONTEND: tshark asks a debconf question otherwise.
	# INITRD=No: skip the kernels' initramfs build (~60 s); the test bed boots
	# its own tiny initramfs.
	# (through env: sudo would drop them from the environment)
	apt_update
	"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive INITRD=No "${APT[@]}" \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		--no-install-recommends install "${missing[@]}"
fi

kernels=$("$(dirname "$0")/test-kernels.sh")
[[ -n $kernels ]] || die "no test kernel found (a /boot/vmlinuz-* with its /usr/src/linux-headers-*)"
echo "deps: test kernels: ${kernels//$'\n'/ }"
