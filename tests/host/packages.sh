#!/bin/bash
# make deb's packages: both are built, lintian finds nothing in them (no
# error, no warning, no tag at all: a tag to keep would be overridden in
# debian/ with its reason), and each holds what it should. The packages
# stay in build/deb/ for tests/host/packages_install.sh.
set -uo pipefail
export LC_ALL=C
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$REPO/build/deb
failed=0 checks=0

ok() { checks=$((checks + 1)); echo "ok - $1"; }
not_ok() { # WHAT [DETAILS]
	checks=$((checks + 1)) failed=$((failed + 1))
	echo "not ok - $1"
	[[ -z ${2:-} ]] || while IFS= read -r line; do echo "    $line"; done <<<"$2"
}
finish() { echo "$((checks - failed)) passed, $failed failed"; exit $((failed > 0)); }

version=$(<"$REPO/VERSION")
dkms_deb=$OUT/eoip-dkms_${version}_all.deb tool_deb=$OUT/eoip_${version}_amd64.deb
if log=$("$REPO/scripts/build-deb.sh" "$OUT" 2>&1); then
	ok "make deb built $(basename "$dkms_deb") and $(basename "$tool_deb")"
else
	not_ok "make deb failed" "$log"
	finish
fi

# lintian refuses to be trusted as root and says so: run it as nobody.
as_user=()
[[ $EUID -ne 0 ]] || as_user=(runuser -u nobody --)
tags=$("${as_user[@]}" env HOME=/tmp lintian --display-info "$dkms_deb" "$tool_deb" 2>&1)
status=$?
if ((status == 0)) && [[ -z $tags ]]; then
	ok "lintian $(lintian --version | awk '{ print $2 }'): no tag on either package"
else
	not_ok "lintian reports (exit status $status)" "$tags"
fi

contents() { dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\./|/|'; }
has() { # DEB PATH...: the package holds each PATH
	local deb=$1 list path missing=
	list=$(contents "$deb")
	shift
	for path in "$@"; do
		grep -qx -- "$path" <<<"$list" || missing+="$path "
	done
	if [[ -z $missing ]]; then
		ok "$(basename "$deb") holds $*"
	else
		not_ok "$(basename "$deb") lacks ${missing% }"
	fi
}
src=/usr/src/eoip-$version
has "$dkms_deb" "$src/dkms.conf" "$src/VERSION" "$src/kernel/Kbuild" "$src/kernel/main.c" \
	"$src/kernel/compat/probe.sh" "$src/include/uapi/eoip.h"
has "$tool_deb" /usr/sbin/eoip /usr/share/man/man8/eoip.8.gz \
	/usr/share/man/man5/eoip.conf.5.gz /usr/share/bash-completion/completions/eoip \
	/usr/lib/x86_64-linux-gnu/ip/link_eoip.so /usr/lib/x86_64-linux-gnu/ip/link_eoipv6.so \
	/lib/systemd/system/eoip@.service /etc/network/if-pre-up.d/eoip \
	/etc/network/if-post-down.d/eoip /etc/eoip/office.conf.example

# The same source files as the repository's kernel/ and include/.
repo_files=$(cd "$REPO" && git ls-files kernel include | sed "s|^|$src/|" | sort)
deb_files=$(contents "$dkms_deb" | grep "^$src/\(kernel\|include\)/" | grep -v '/$' | sort)
if [[ $repo_files == "$deb_files" ]]; then
	ok "eoip-dkms holds exactly the repository's kernel/ and include/ ($(wc -l <<<"$deb_files") files)"
else
	not_ok "eoip-dkms's module source differs from the repository's" \
		"$(diff <(echo "$repo_files") <(echo "$deb_files"))"
fi

# dh_dkms filled in the version and added the maintainer scripts.
conf=$(dpkg-deb --fsys-tarfile "$dkms_deb" | tar -xOf - ".$src/dkms.conf")
if grep -qx "PACKAGE_VERSION=\"$version\"" <<<"$conf" && grep -qx 'AUTOINSTALL="yes"' <<<"$conf"; then
	ok "dkms.conf says PACKAGE_VERSION=\"$version\" and AUTOINSTALL=\"yes\""
else
	not_ok "dkms.conf's version or AUTOINSTALL is wrong" "$(grep -E 'VERSION|AUTOINSTALL' <<<"$conf")"
fi
scripts=$(dpkg-deb --ctrl-tarfile "$dkms_deb" | tar -tf - | sed 's|^\./||' |
	grep -Ex 'postinst|prerm' | sort | paste -sd ' ')
if [[ $scripts == "postinst prerm" ]]; then
	ok "eoip-dkms has postinst and prerm (dkms add/build/install, remove)"
else
	not_ok "eoip-dkms's maintainer scripts: '${scripts}', not 'postinst prerm'"
fi
packaged_version=$(dpkg-deb --fsys-tarfile "$tool_deb" | tar -xOf - ./usr/sbin/eoip >"$OUT/eoip.packaged" &&
	chmod +x "$OUT/eoip.packaged" && "$OUT/eoip.packaged" version)
if [[ $packaged_version == "eoip $version" ]]; then
	ok "the packaged eoip says 'eoip $version'"
else
	not_ok "the packaged eoip says '$packaged_version', not 'eoip $version'"
fi
finish
