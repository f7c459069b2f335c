#!/usr/bin/python3
"""odd_syns.py send SRC DST | odd_syns.py check PCAP SRC DST

TCP SYNs whose option lists a clamp must leave alone, and two it must not.

send   sends one SYN per case below from SRC to DST (IPv4 or IPv6), each
       from its own source port, with a correct checksum, through a raw
       socket (the kernel writes the IP header). SRC must be an address of
       this namespace.
check  finds each case's SYN from SRC to DST in the pcap file PCAP (as
       dumpcap -P writes it) and prints one line per case:
           CASE unchanged|mss N|changed|missing checksum ok|bad
       "unchanged": the TCP header arrived as it was sent; "mss N": only
       the MSS value differs, it is N now; the checksum is computed over
       the segment as captured.

Plain Python, no scapy: it starts in a fraction of the time under TCG.
"""
import socket
import struct
import sys

from eoippkt import ETH_HLEN, checksum, read_pcap

FIRST_PORT = 40000
DST_PORT = 5009
TCP_SYN = 0x02
# (name, TCP options); the data offset covers them, padded to 4 bytes, but
# for "doff-past-packet", whose header says 60 bytes and is 24.
CASES = [
    ("mss-even", bytes([2, 4, 0x05, 0xB4])),                # MSS 1460
    ("mss-odd-offset", bytes([1, 2, 4, 0x05, 0xB4, 1, 1, 0])),
    ("mss-below-limit", bytes([2, 4, 0x03, 0x00])),         # MSS 768
    ("truncated", bytes([1, 1, 1, 2])),                     # MSS kind, no length
    ("mss-length-3", bytes([2, 3, 0x05, 0xB4])),
    ("length-0-after-mss", bytes([2, 4, 0x05, 0xB4, 0x1E, 0, 1, 1])),
    ("length-past-end", bytes([2, 4, 0x05, 0xB4, 8, 10, 0, 0])),
    ("doff-past-packet", bytes([2, 4, 0x05, 0xB4])),
]
MSS_AT = 2  # the value's offset in an MSS option


def family_of(address):
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def pseudo_header(src, dst, length):
    family = family_of(src)
    if family == socket.AF_INET6:
        return (socket.inet_pton(family, src) + socket.inet_pton(family, dst) +
                struct.pack("!I3xB", length, socket.IPPROTO_TCP))
    return (socket.inet_pton(family, src) + socket.inet_pton(family, dst) +
            struct.pack("!xBH", socket.IPPROTO_TCP, length))


def segment(index, src, dst):
    """The TCP header (no payload) of case INDEX, checksum filled in."""
    name, options = CASES[index]
    options += bytes(-len(options) % 4)
    doff = 15 if name == "doff-past-packet" else 5 + len(options) // 4
    header = struct.pack("!HHIIBBHHH", FIRST_PORT + index, DST_PORT, 1000 + index, 0,
                         doff << 4, TCP_SYN, 64240, 0, 0) + options
    csum = checksum(pseudo_header(src, dst, len(header)) + header)
    return header[:16] + struct.pack("!H", csum) + header[18:]


def send(src, dst):
    with socket.socket(family_of(dst), socket.SOCK_RAW, socket.IPPROTO_TCP) as sock:
        sock.bind((src, 0))
        for index in range(len(CASES)):
            sock.sendto(segment(index, src, dst), (dst, 0))


def segments_in(path, src, dst):
    """{source port: TCP segment} of the packets from SRC to DST in PATH."""
    family = family_of(src)
    found = {}
    for frame in read_pcap(path):
        ethertype = struct.unpack("!H", frame[12:14])[0]
        ip = frame[ETH_HLEN:]
        if family == socket.AF_INET and ethertype == 0x0800:
            addresses, ihl = ip[12:20], (ip[0] & 0x0F) * 4
            total, proto = struct.unpack("!H", ip[2:4])[0], ip[9]
            tcp = ip[ihl:total]
        elif family == socket.AF_INET6 and ethertype == 0x86DD:
            addresses, proto = ip[8:40], ip[6]
            tcp = ip[40:40 + struct.unpack("!H", ip[4:6])[0]]
        else:
            continue
        want = socket.inet_pton(family, src) + socket.inet_pton(family, dst)
        if proto == socket.IPPROTO_TCP and addresses == want and len(tcp) >= 20:
            found.setdefault(struct.unpack("!H", tcp[:2])[0], tcp)
    return found


def verdict(sent, got):
    if got == sent:
        return "unchanged"
    if len(got) != len(sent):
        return "changed"
    differ = [i for i in range(len(sent)) if i not in (16, 17) and sent[i] != got[i]]
    start = sent.find(bytes([2, 4]), 20)
    if sent[20] == 1:  # the case with a NOP first
        start = 21
    value = start + MSS_AT
    if differ and set(differ) <= {value, value + 1}:
        return "mss %d" % struct.unpack("!H", got[value:value + 2])[0]
    return "changed"


def check(path, src, dst):
    found = segments_in(path, src, dst)
    for index, (name, _) in enumerate(CASES):
        got = found.get(FIRST_PORT + index)
        if got is None:
            print(name, "missing")
            continue
        ok = checksum(pseudo_header(src, dst, len(got)) + got) == 0
        print(name, verdict(segment(index, src, dst), got),
              "checksum", "ok" if ok else "bad")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "send":
        send(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
