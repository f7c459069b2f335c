#!/usr/bin/python3
"""eoip_headers.py FILE [ETHER_SRC]

Sums up the outer headers of the EoIP (IPv4, protocol 47) and EoIPv6 (IPv6
next header 97) packets of a pcap file (dumpcap -P), only those of frames
from ETHER_SRC when given: one line per combination seen, with how many
packets carried it:

    FAMILY SOURCE DESTINATION TUNNEL_ID TTL KIND COUNT
    4 198.51.100.1 198.51.100.2 1 64 data 812

FAMILY is 4 or 6, TTL the IPv6 hop limit for EoIPv6, KIND keepalive (no
frame) or data. A packet of that protocol that is not a whole EoIP header
(other GRE, an outer fragment, a wrong EoIPv6 version nibble) shows as
KIND "other" with TUNNEL_ID "-". Sorted by count, largest first.
"""
import collections
import socket
import struct
import sys

sys.dont_write_bytecode = True  # the guest sees the repository read-only
import eoippkt  # noqa: E402

ETH_P_IPV6 = 0x86DD
EOIP6_NEXTHDR = 97
EOIP6_HEADER_LEN = 2
EOIP6_VERSION_NIBBLE = 0x3
IPV6_HLEN = 40
IP_OFFSET_MASK = 0x3FFF  # fragment offset and more-fragments


def eoip4(ip):
    """(source, destination, id, ttl, kind) of an IPv4 packet of protocol 47."""
    ihl = (ip[0] & 0x0F) * 4
    src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
    (frag,) = struct.unpack("!H", ip[6:8])
    header = ip[ihl:ihl + eoippkt.EOIP_HEADER_LEN]
    if (frag & IP_OFFSET_MASK or len(header) < eoippkt.EOIP_HEADER_LEN
            or header[:4] != eoippkt.EOIP_MAGIC):
        return src, dst, "-", ip[8], "other"
    (length,) = struct.unpack("!H", header[4:6])
    (tunnel_id,) = struct.unpack("<H", header[6:8])
    return src, dst, tunnel_id, ip[8], "keepalive" if length == 0 else "data"


def eoip6(ip):
    """(source, destination, id, hop limit, kind) of an IPv6 packet of next
    header 97."""
    src = socket.inet_ntop(socket.AF_INET6, ip[8:24])
    dst = socket.inet_ntop(socket.AF_INET6, ip[24:40])
    (payload_len,) = struct.unpack("!H", ip[4:6])
    header = ip[IPV6_HLEN:IPV6_HLEN + EOIP6_HEADER_LEN]
    if len(header) < EOIP6_HEADER_LEN or header[0] & 0x0F != EOIP6_VERSION_NIBBLE:
        return src, dst, "-", ip[7], "other"
    tunnel_id = (header[0] >> 4) << 8 | header[1]
    return src, dst, tunnel_id, ip[7], "keepalive" if payload_len == 2 else "data"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    ether_src = bytes.fromhex(sys.argv[2].replace(":", "")) if len(sys.argv) == 3 else None
    seen = collections.Counter()
    for frame in eoippkt.read_pcap(sys.argv[1]):
        if len(frame) < eoippkt.ETH_HLEN or (ether_src and frame[6:12] != ether_src):
            continue
        (kind,) = struct.unpack("!H", frame[12:14])
        ip = frame[eoippkt.ETH_HLEN:]
        if kind == eoippkt.ETH_P_IP and len(ip) >= 20 and ip[9] == eoippkt.IPPROTO_GRE:
            seen[(4,) + eoip4(ip)] += 1
        elif kind == ETH_P_IPV6 and len(ip) >= IPV6_HLEN and ip[6] == EOIP6_NEXTHDR:
            seen[(6,) + eoip6(ip)] += 1
    for combination, count in seen.most_common():
        print(" ".join(str(field) for field in combination + (count,)))


if __name__ == "__main__":
    main()
