#!/bin/bash
# install-userland.sh DESTDIR PREFIX (make install, and the host checks)
#
# Installs what runs in userland: the tool as $PREFIX/sbin/eoip, the systemd
# unit eoip@.service into /lib/systemd/system, the ifupdown hooks into
# /etc/network/if-pre-up.d and if-post-down.d, an example tunnel file into
# /etc/eoip/ and eoip.conf(5) under $PREFIX/share/man, all below DESTDIR.
# The unit names eoip without a directory: systemd looks for it in
# /usr/local/sbin and /usr/sbin, either PREFIX's.
set -euo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)

(($# == 2)) || die "usage: install-userland.sh DESTDIR PREFIX"
destdir=$1 prefix=$2
# make -C tool runs in tool/: a relative DESTDIR would land there.
[[ -z $destdir ]] || destdir=$(realpath -m "$destdir")

make -C "$REPO/tool" install DESTDIR="$destdir" PREFIX="$prefix"
install -D -m 0644 "$REPO/systemd/eoip@.service" "$destdir/lib/systemd/system/eoip@.service"
install -D -m 0755 "$REPO/ifupdown/if-pre-up.d/eoip" "$destdir/etc/network/if-pre-up.d/eoip"
install -D -m 0755 "$REPO/ifupdown/if-post-down.d/eoip" "$destdir/etc/network/if-post-down.d/eoip"
install -D -m 0644 "$REPO/etc/eoip/office.conf.example" "$destdir/etc/eoip/office.conf.example"
install -D -m 0644 "$REPO/man/eoip.conf.5" "$destdir$prefix/share/man/man5/eoip.conf.5"
echo "installed eoip@.service, the ifupdown hooks, /etc/eoip/office.conf.example and eoip.conf(5) under ${destdir:-/}"
if [[ -z $destdir ]] && command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
	systemctl daemon-reload
fi
