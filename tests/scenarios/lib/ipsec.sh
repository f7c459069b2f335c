# shellcheck shell=bash
# ipsec.sh: sourced after lib.sh by the ipsec-secret scenarios. Each end
# (namespace) is a host of its own for strongSwan: its own /etc/swanctl
# (a copy of the host's, where eoip writes its conf.d/eoip-NAME.conf) and
# its own /run (charon's pid file and VICI socket), bound over the real
# ones in a private mount namespace for every command run there.
#
#   ipsec_side NS                  makes NS's directories under $IPSEC_DIR
#   on_side NS COMMAND...          COMMAND in NS, seen as a host of its own;
#                                  PATH starts with $IPSEC_WRAPPERS
#   charon_start NS                charon for NS (its log: $OUT/charon-NS.log),
#                                  stopped at exit
#   ipsec_left NS                  IPsec policies and SAs left in NS
#   load_all NS                    the `swanctl --load-all` that
#                                  strongswan.service runs after charon
#   swanctl_conf NS NAME           prints the path of NAME's file of NS
#   plain_protocols FILE           the IP protocol numbers (IPv6: next
#                                  headers) in a pcap, sorted, one a line
#   phase WHAT                     prints WHAT and the seconds so far
#
# Everything lives in the guest's /tmp (a tmpfs: charon's unix socket
# cannot live on the 9p share $OUT is on).

IPSEC_DIR=$(mktemp -d /tmp/ipsec.XXXXXX)
IPSEC_WRAPPERS=$IPSEC_DIR/bin
mkdir -p "$IPSEC_WRAPPERS"

ipsec_cleanup() { # every charon stopped (it removes its policies), then the files
	local run
	for run in "$IPSEC_DIR"/*/run; do
		charon_stop "$run"
	done
	rm -rf "$IPSEC_DIR"
}
on_exit ipsec_cleanup

ipsec_side() { # NS
	local dir=$IPSEC_DIR/$1
	mkdir -p "$dir/run" "$dir/swanctl"
	cp -a /etc/swanctl/. "$dir/swanctl/"
	rm -f "$dir/swanctl/conf.d/"*.conf
	# Debian's strongswan.conf, and a log file for people reading the run
	cat >"$dir/strongswan.conf" <<CONF
charon {
	load_modular = yes
	plugins {
		include /etc/strongswan.d/charon/*.conf
	}
	filelog {
		scenario {
			path = $OUT/charon-${1##*-}.log
			default = 1
			ike = 2
			knl = 2
			flush_line = yes
		}
	}
}
include /etc/strongswan.d/*.conf
CONF
}

on_side() { # NS COMMAND...
	local dir=$IPSEC_DIR/$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner sh
	ip netns exec "${dir##*/}" unshare -m sh -c 'mount --bind "$1/swanctl" /etc/swanctl &&
		mount --bind "$1/run" /run && export PATH="$2:$PATH" && shift 2 &&
		exec "$@"' on_side "$dir" "$IPSEC_WRAPPERS" "$@"
}

charon_start() { # NS
	local dir=$IPSEC_DIR/$1
	on_side "$1" env STRONGSWAN_CONF="$dir/strongswan.conf" /usr/lib/ipsec/charon \
		>/dev/null 2>&1 &
	wait_until 60 "charon runs in ${1##*-} (its VICI socket is there)" test -S "$dir/run/charon.vici"
}

charon_stop() { # RUN_DIR
	local pidfile=$1/charon.pid pid deadline=$((SECONDS + 15))
	[[ -s $pidfile ]] || return 0
	pid=$(<"$pidfile")
	kill "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
		sleep 0.2
	done
	kill -9 "$pid" 2>/dev/null
	return 0
}

load_all() { # NS
	check "swanctl --load-all in ${1##*-}, as strongswan.service does after charon" \
		on_side "$1" swanctl --load-all --noprompt
}


# The kernel's placeholder of an acquire (SPI 0, no key: a trap's IKE that
# failed) is no SA; it goes by itself (xfrm_acq_expires).
ipsec_left() { # NS: IPsec policies (not charon's socket ones) and SAs of NS
	ip -n "$1" xfrm policy | grep ' dir '
	ip -n "$1" xfrm state | grep '^[[:space:]]*proto ' | grep -v 'spi 0x00000000'
}

ipsec_debug() { # NS: what there is, for the log
	echo "# IPsec of ${1##*-}:"
	ip -n "$1" xfrm policy | grep -v socket
	ip -n "$1" xfrm state
	on_side "$1" swanctl --list-sas
}

phase() { # WHAT
	echo "# ${SECONDS}s: $1"
}

swanctl_conf() { # NS NAME
	echo "$IPSEC_DIR/$1/swanctl/conf.d/eoip-$2.conf"
}

# An IPv6 fragment header (44) is looked through: a first fragment's
# protocol is the one after it.
plain_protocols() { # FILE
	local hex
	frames "$1" | awk '
		$2 == "0800" { print substr($3, 19, 2) }
		$2 == "86dd" && substr($3, 13, 2) == "2c" { print substr($3, 81, 2) }
		$2 == "86dd" && substr($3, 13, 2) != "2c" { print substr($3, 13, 2) }' |
		sort -u | while read -r hex; do echo $((16#$hex)); done | sort -n
}
