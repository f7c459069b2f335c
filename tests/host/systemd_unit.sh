#!/bin/bash
# systemd_unit.sh STAGE: make check's host check of eoip@.service.
#
# Installs the userland (scripts/install-userland.sh) into STAGE, a root of
# its own, and runs `systemd-analyze verify --root=STAGE` on the unit as an
# instance: every command it names must be in that root (our eoip from the
# install; modprobe copied from the host, the one thing the system provides)
# and its man page must exist (MANPATH: the staged one). systemd-analyze
# exits 0 on mere warnings (an unknown key is "ignoring"): any output fails.
# Then the same on a stage without eoip must fail, so that the check is
# known to look. Needs no systemd running.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/scripts/common.sh"

(($# == 1)) || die "usage: systemd_unit.sh STAGE"
stage=$(realpath -m "$1") # systemd-analyze wants it absolute
UNIT=eoip@office.service # an instance: the template alone leaves %i unresolved

verify() { # prints what systemd-analyze said; fails on any word of it
	local said status=0
	said=$(MANPATH="$stage/usr/share/man" systemd-analyze verify --root="$stage" "$UNIT" 2>&1) ||
		status=$?
	[[ -n $said ]] && echo "$said"
	[[ $status == 0 && -z $said ]]
}

command -v systemd-analyze >/dev/null || die "systemd-analyze is missing (make deps: systemd)"
rm -rf "$stage"
"$REPO/scripts/install-userland.sh" "$stage" /usr >/dev/null
mkdir -p "$stage/usr/sbin"
cp -L "$(command -v modprobe)" "$stage/usr/sbin/modprobe"
ln -s usr/sbin "$stage/sbin"

echo "systemd-analyze verify --root=$stage $UNIT"
verify || die "eoip@.service does not verify"
echo "ok - eoip@.service verifies"
rm "$stage/usr/sbin/eoip"
if verify >/dev/null; then
	die "verify passed without eoip in the root: the check would not see a missing command"
fi
echo "ok - without eoip installed it does not"
