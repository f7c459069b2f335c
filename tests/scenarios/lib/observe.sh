# shellcheck shell=bash
# observe.sh: sourced after lib.sh by the scenarios that watch the wire or
# the carrier over time (keepalive, wire bytes).
#
#   capture_start VAR NS IFACE FILE [FILTER]
#                                 dumpcap on NS:IFACE into FILE (pcap, for
#                                 lib/pcap_frames.py), capture filter FILTER;
#                                 returns once it captures; its pid into VAR
#   capture_stop PID              stops it; the file is complete afterwards
#   frames FILE [REGEX]           lib/pcap_frames.py: "EPOCH ETHERTYPE HEX"
#   link_monitor_start NS FILE    `ip -ts monitor link` in NS into FILE
#   carrier_changes FILE DEV      from that FILE: "EPOCH on|off", one line
#                                 per change of DEV's carrier
#   carrier NS DEV                prints 1 or 0
#   carrier_is NS DEV 1|0         succeeds when the carrier is that
#   keepalive_stat NS DEV sent|received|age
#                                 from `eoip show`: keepalives sent,
#                                 received, seconds since the last one ("" if
#                                 none yet)
#   keepalive_delays MONITOR DEV FRAMES REGEX SINCE
#                                 from the `ip -ts monitor link` file and a
#                                 capture: the delay from the last keepalive
#                                 (frames matching REGEX) before DEV's first
#                                 carrier-off after SINCE (epoch) to it, and from the first
#                                 keepalive after it to the carrier-on that
#                                 follows, into OFF_DELAY and ON_DELAY
#                                 (and printed); checks that all were seen
#   carrier_stayed_on MONITOR DEV UNTIL FRAMES OWN_REGEX
#                                 checks that DEV's carrier did not go off
#                                 before UNTIL (epoch); a flap is tolerated
#                                 only when the guest demonstrably stood
#                                 still: our own keepalives (OWN_REGEX in
#                                 the capture FRAMES), 1 s apart, show a gap
#                                 of 2 s or more (a host overloaded under
#                                 TCG; the timer then fires before the
#                                 packets that arrived meanwhile are seen)
#   keepalive_timing MONITOR DEV FRAMES PEER_REGEX OWN_REGEX SILENCED
#                                 for a tunnel with keepalive 1,3 whose peer
#                                 went silent at SILENCED (epoch), then
#                                 resumed: carrier_stayed_on until then,
#                                 keepalive_delays, and checks that the
#                                 carrier went off 2.5 to 5.5 s after the
#                                 peer's last keepalive and on within 1.5 s
#                                 of its first one after the silence
#   elapsed FROM TO               TO - FROM in seconds, 2 decimals
#   between LOW HIGH VALUE        LOW <= VALUE <= HIGH (decimals allowed)

OBSERVE_DIR=$(dirname "${BASH_SOURCE[0]}")
OBSERVE_CAPTURE_READY=90 # seconds; dumpcap starts in about one under TCG, 30+ on a loaded host

capture_start() { # VAR NS IFACE FILE [FILTER]
	local log="$4.log" pid deadline=$((SECONDS + OBSERVE_CAPTURE_READY))
	ip netns exec "$2" dumpcap -P -i "$3" ${5:+-f "$5"} -w "$4" 2>"$log" &
	pid=$!
	# dumpcap says so on stderr once the interface is open.
	until grep -q "^Capturing on" "$log"; do
		if ((SECONDS >= deadline)) || ! kill -0 "$pid" 2>/dev/null; then
			cat "$log"
			lib_die "dumpcap on $2:$3 did not start"
		fi
		sleep 0.1
	done
	printf -v "$1" '%s' "$pid"
}

capture_stop() { # PID
	# dumpcap takes packets from the kernel in blocks, 250 ms apart at
	# most, and drops the unfinished one when stopped: give it time.
	sleep 1
	kill -INT "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

frames() { # FILE [REGEX]
	python3 -S "$OBSERVE_DIR/pcap_frames.py" "$1" ${2:+--match "$2"}
}

link_monitor_start() { # NS FILE
	ip -n "$1" -ts monitor link >"$2" &
	sleep 0.3 # subscribed before anything worth seeing happens
}

carrier_changes() { # FILE DEV
	local stamp rest state last=
	while read -r stamp rest; do
		[[ $rest == *" $2@"* || $rest == *" $2:"* ]] || continue
		case $rest in
		*NO-CARRIER*) state=off ;;
		*LOWER_UP*) state=on ;;
		*) continue ;; # administratively down or deleted
		esac
		[[ $state == "$last" ]] && continue
		last=$state
		stamp=${stamp#[}
		echo "$(date -d "${stamp%]}" +%s.%N) $state"
	done <"$1"
}

carrier() { # NS DEV
	ip netns exec "$1" cat "/sys/class/net/$2/carrier"
}

carrier_is() { # NS DEV 1|0
	[[ $(carrier "$1" "$2" 2>/dev/null) == "$3" ]]
}

keepalive_stat() { # NS DEV sent|received|age
	local line
	line=$(ip netns exec "$1" "$EOIP" show name "$2" | grep '^  keepalive ')
	case $3 in
	sent) sed -n 's/.*, sent \([0-9]*\).*/\1/p' <<<"$line" ;;
	received) sed -n 's/.*, received \([0-9]*\).*/\1/p' <<<"$line" ;;
	age) sed -n 's/.*last received \([0-9]*\)s ago.*/\1/p' <<<"$line" ;;
	esac
}

keepalive_delays() { # MONITOR DEV FRAMES REGEX SINCE
	local changes off on last first
	echo "# carrier changes of $2 (ip monitor link):"
	changes=$(carrier_changes "$1" "$2")
	# shellcheck disable=SC2001 # a prefix for every line, not one substitution
	sed 's/^/#   /' <<<"$changes"
	off=$(awk -v since="$5" '$2 == "off" && $1 > since { print $1; exit }' <<<"$changes")
	on=$(awk -v off="${off:-0}" '$2 == "on" && $1 > off { print $1; exit }' <<<"$changes")
	check "ip monitor link saw $2's carrier go off" test -n "$off"
	check "ip monitor link saw it come back on" test -n "$on"
	frames "$3" "$4" | awk '{ print $1 }' >"$3.keepalives"
	last=$(awk -v off="${off:-0}" '$1 < off { t = $1 } END { print t }' "$3.keepalives")
	first=$(awk -v off="${off:-0}" '$1 > off { print $1; exit }' "$3.keepalives")
	check "captured the peer's keepalives before the silence and after it" \
		test -n "$last" -a -n "$first"
	OFF_DELAY=$(elapsed "${last:-0}" "${off:-0}")
	ON_DELAY=$(elapsed "${first:-0}" "${on:-0}")
	echo "# measured: last keepalive -> carrier off: ${OFF_DELAY}s"
	echo "# measured: first keepalive -> carrier on: ${ON_DELAY}s"
}

guest_stalled() { # FRAMES REGEX
	local gap
	gap=$(frames "$1" "$2" | awk 'NR > 1 && $1 - t > gap { gap = $1 - t } { t = $1 }
		END { printf "%.2f\n", gap }')
	between 2 999 "$gap" || return 1
	echo "# our own 1 s keepalive timer stood still for ${gap}s: the guest did not run"
	echo "# (host overloaded under TCG); a carrier flap then proves nothing"
}

carrier_stayed_on() { # MONITOR DEV UNTIL FRAMES OWN_REGEX
	local flaps
	flaps=$(carrier_changes "$1" "$2" | awk -v until="$3" '$2 == "off" && $1 < until' | wc -l)
	if ((flaps == 0)); then
		lib_pass "ip monitor link: $2's carrier stayed on while keepalives came"
	elif guest_stalled "$4" "$5"; then
		lib_pass "ip monitor link: $2's carrier flapped $flaps time(s) during a stall of the guest: tolerated"
	else
		lib_fail "ip monitor link: $2's carrier stayed on while keepalives came" \
			"it went off $flaps time(s)"
	fi
}

keepalive_timing() { # MONITOR DEV FRAMES PEER_REGEX OWN_REGEX SILENCED
	carrier_stayed_on "$1" "$2" "$6" "$3" "$5"
	keepalive_delays "$1" "$2" "$3" "$4" "$6"
	check "carrier off 3 to 4 s after the last keepalive (2.5..5.5 allowed): ${OFF_DELAY}s" \
		between 2.5 5.5 "$OFF_DELAY"
	check "carrier on within 1.5 s of the first keepalive: ${ON_DELAY}s" \
		between 0 1.5 "$ON_DELAY"
}

elapsed() { # FROM TO
	awk -v from="$1" -v to="$2" 'BEGIN { printf "%.2f\n", to - from }'
}

between() { # LOW HIGH VALUE
	awk -v low="$1" -v high="$2" -v value="$3" \
		'BEGIN { exit !(value != "" && value >= low && value <= high) }'
}
