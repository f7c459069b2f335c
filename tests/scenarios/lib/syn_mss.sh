# shellcheck shell=bash
# syn_mss.sh: sourced after lib.sh by the clamp-tcp-mss scenarios.
#
#   syn_mss PCAP    one line per TCP SYN in the capture (lib/syn_mss.py):
#                   "syn|syn-ack SOURCE MSS", sorted, duplicates once

SYN_MSS=$(dirname "${BASH_SOURCE[0]}")/syn_mss.py

syn_mss() { # PCAP
	python3 -S "$SYN_MSS" "$1" | sort -u
}
