#!/bin/bash
# make-initramfs.sh KVER WORK OUTPUT [KEEP...]
#
# Packs the test guest's initramfs for kernel KVER: busybox-static, testbed/init,
# the modules needed to mount 9p over virtio (decompressed: busybox insmod
# cannot read .ko.xz) and a /config naming the run's build directory WORK and
# the host paths the guest must see even under its own /tmp (KEEP: the
# directory holding the repository and shared/, the scenarios).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/scripts/common.sh"

(($# >= 3)) || die "usage: make-initramfs.sh KVER WORK OUTPUT [KEEP...]"
kver=$1 work=$2 output=$3
shift 3
load_kernel "$kver" || die "kernel $kver is not in the test bed (run make deps)"
# The stock module tree: the guest mounts it (a host path) under its own.
stock=$(realpath "$K_MODROOT/lib/modules/$kver/kernel")
# Whatever the modules depend on is pulled in by modprobe --show-depends.
BOOT_MODULES=(virtio_pci 9pnet_virtio 9p)

root=$work/initramfs.d
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,host,modules}
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$REPO/testbed/init" "$root/init"
cat >"$root/sbin/modprobe-host" <<'WRAPPER'
#!/bin/busybox sh
# /proc/sys/kernel/modprobe: the kernel runs its module loader in the initramfs
# root; hand the request to kmod's modprobe in the host's root.
exec /bin/busybox chroot /host /sbin/modprobe "$@"
WRAPPER
chmod 0755 "$root/sbin/modprobe-host"
# The kernel opens /dev/console for /init before anything is mounted.
[[ $EUID -ne 0 ]] || mknod "$root/dev/console" c 5 1

# The insmod lines of --show-depends, dependencies first; "builtin" lines skipped.
mapfile -t paths < <(for module in "${BOOT_MODULES[@]}"; do
	modprobe -d "$K_MODROOT" -S "$kver" --show-depends "$module"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }')
for path in "${paths[@]}"; do
	name=$(basename "$path")
	plain=${name%%.ko*}.ko
	case $path in
	*.xz) xz -dc "$path" >"$root/modules/$plain" ;;
	*.zst) zstd -qdc "$path" >"$root/modules/$plain" ;;
	*.gz) gzip -dc "$path" >"$root/modules/$plain" ;;
	*) cp "$path" "$root/modules/$plain" ;;
	esac
	echo "$plain"
done >"$root/modules.list"

cat >"$root/config" <<CONFIG
KVER=$kver
STOCK=$stock
WORK=$work
RUNNER=$REPO/testbed/guest-run.sh
KEEP="$*"
CONFIG

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$output"
