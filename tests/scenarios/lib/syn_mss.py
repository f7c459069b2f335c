#!/usr/bin/python3
"""syn_mss.py PCAP: the MSS of every TCP SYN in a capture.

Prints one line per SYN in the pcap file PCAP (as dumpcap -P writes it),
IPv4 or IPv6, untagged or behind one 802.1Q tag: "syn|syn-ack SOURCE MSS",
MSS "-" when the option list has none. Plain Python: tshark takes half a
minute to start under TCG.
"""
import socket
import struct
import sys

from eoippkt import ETH_HLEN, read_pcap

ETH_P_8021Q = 0x8100
VLAN_HLEN = 4
TCP_SYN, TCP_ACK = 0x02, 0x10
TCPOPT_EOL, TCPOPT_NOP, TCPOPT_MSS = 0, 1, 2


def tcp_of(frame):
    """(source address, TCP segment) of a frame, or None."""
    offset = ETH_HLEN
    (ethertype,) = struct.unpack("!H", frame[12:14])
    if ethertype == ETH_P_8021Q:
        (ethertype,) = struct.unpack("!H", frame[16:18])
        offset += VLAN_HLEN
    ip = frame[offset:]
    if ethertype == 0x0800 and len(ip) >= 20 and ip[9] == socket.IPPROTO_TCP:
        return socket.inet_ntop(socket.AF_INET, ip[12:16]), ip[(ip[0] & 0x0F) * 4:]
    if ethertype == 0x86DD and len(ip) >= 40 and ip[6] == socket.IPPROTO_TCP:
        return socket.inet_ntop(socket.AF_INET6, ip[8:24]), ip[40:]
    return None


def mss_of(tcp):
    options, i = tcp[20:(tcp[12] >> 4) * 4], 0
    while i < len(options) and options[i] != TCPOPT_EOL:
        if options[i] == TCPOPT_NOP:
            i += 1
            continue
        if i + 1 >= len(options) or options[i + 1] < 2:
            break
        if options[i] == TCPOPT_MSS and options[i + 1] == 4 and i + 4 <= len(options):
            return str(struct.unpack("!H", options[i + 2:i + 4])[0])
        i += options[i + 1]
    return "-"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for frame in read_pcap(sys.argv[1]):
        found = tcp_of(frame)
        if not found or len(found[1]) < 20 or not found[1][13] & TCP_SYN:
            continue
        source, tcp = found
        print("syn-ack" if tcp[13] & TCP_ACK else "syn", source, mss_of(tcp))


if __name__ == "__main__":
    main()
