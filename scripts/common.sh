# shellcheck shell=bash
# Shell helpers shared by the project's scripts (sourced, not run).

die() { # MESSAGE...: print to stderr and stop
	echo "${0##*/}: $*" >&2
	exit 2
}

matches_any() { # NAME WORD...: does NAME match one of the words?
	# The words come from a user's KERNELS= or SCENARIOS=: a word with glob
	# characters is a glob, any other word a substring that does not cut a
	# number in two (KERNELS=6.1 means 6.1.0-56-amd64, not 6.12.117).
	local name=$1 word before after
	shift
	for word in "$@"; do
		# shellcheck disable=SC2053 # the word is meant as a glob there
		case $word in
		*[*?[]*) [[ $name == $word ]] && return 0 ;;
		*)
			before='' after=''
			[[ $word == [0-9]* ]] && before='(^|[^0-9])'
			[[ $word == *[0-9] ]] && after='([^0-9]|$)'
			[[ $name =~ $before"$word"$after ]] && return 0
			;;
		esac
	done
	return 1
}

# Kbuild's own outputs, never copied from a source tree someone built in place
# (tar options; build-module.sh, dkms-source.sh).
# shellcheck disable=SC2034 # for the scripts that source this
BUILD_OUTPUTS=(--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c'
	--exclude='.*.cmd' --exclude='*.a' --exclude='Module.symvers' --exclude='modules.order'
	--exclude='.tmp*' --exclude='compat/features.h')

# The test bed's kernels and build chroots live outside the repository (make
# clean and fresh clones keep them): EOIP_TESTBED, /var/cache/eoip-testbed by
# default. make deps (scripts/deps.sh) fills it:
#   chroots/SUITE/         a debootstrap of SUITE with that release's compiler
#                          and the headers of each of its test kernels
#   kernels/KVER/root/     a chroot kernel's image and module tree, unpacked
#   kernels/KVER/kernel.env  where everything of kernel KVER is (below)
#   kernels.list           the test kernels, one release a line
TESTBED=${EOIP_TESTBED:-/var/cache/eoip-testbed}
# The install test's clean Debian 12 (make deps; tests/host/packages_install.sh).
# shellcheck disable=SC2034 # for those scripts
INSTALL_ROOT=$TESTBED/install-test/root
# shellcheck disable=SC2034 # for scripts/deps.sh
KERNELS_CONF=$(dirname "${BASH_SOURCE[0]}")/kernels.conf

# kernel.env, sourced by load_kernel KVER, sets:
#   K_SUITE    the Debian suite it comes from
#   K_IMAGE    the bootable image (vmlinuz)
#   K_MODROOT  the directory whose lib/modules/KVER is its stock module tree
#   K_HEADERS  its headers (a host path, inside K_CHROOT when there is one)
#   K_CHROOT   the chroot its module is built in; empty: built on the host
load_kernel() { # KVER: K_* of a test kernel; fails when make deps did not record it
	# shellcheck disable=SC2034 # for the caller
	K_SUITE='' K_IMAGE='' K_MODROOT='' K_HEADERS='' K_CHROOT=''
	[[ -f $TESTBED/kernels/$1/kernel.env ]] || return 1
	# shellcheck disable=SC1090
	. "$TESTBED/kernels/$1/kernel.env"
}

in_chroot() { # [--bind HOST_DIR DIR] ROOT COMMAND...: run COMMAND in ROOT
	# A private mount namespace for its own /proc (objtool and dpkg need it)
	# and HOST_DIR at DIR (a path inside ROOT): the mounts disappear with the
	# command, and builds running side by side in the same chroot cannot see
	# each other's.
	local bind_from='' bind_to='' root
	if [[ $1 == --bind ]]; then
		bind_from=$2 bind_to=$3
		shift 3
	fi
	root=$1
	shift
	# shellcheck disable=SC2016 # expanded by that sh
	unshare --mount --propagation private -- /bin/sh -c '
		root=$1 from=$2 to=$3
		shift 3
		mount -t proc proc "$root/proc" || exit
		if [ -n "$from" ]; then
			mkdir -p "$root$to" && mount --bind "$from" "$root$to" || exit
		fi
		exec chroot "$root" "$@"' in_chroot "$root" "$bind_from" "$bind_to" "$@"
}
