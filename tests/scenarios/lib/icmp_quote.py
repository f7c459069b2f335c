#!/usr/bin/python3
"""icmp_quote.py SRC DST PROTO MTU HEX

Prints, as hex, an ICMP "fragmentation needed" message (type 3, code 4)
with next-hop MTU MTU that quotes an IPv4 packet of protocol PROTO from SRC
to DST with DF set, whose first payload bytes are HEX (8 bytes: what a
router quotes of a GRE or EoIP header). Both checksums are right. Feed it to
ip_send.py 1 to play a router's answer to a packet SRC sent.
"""
import socket
import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    src, dst = (socket.inet_aton(a) for a in sys.argv[1:3])
    proto, mtu = int(sys.argv[3]), int(sys.argv[4])
    payload = bytes.fromhex(sys.argv[5])
    # The quoted packet was as big as the path could not carry.
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, mtu + 100, 0, 0x4000, 255,
                         proto, 0, src, dst)
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    icmp = struct.pack("!BBHHH", 3, 4, 0, 0, mtu) + header + payload
    icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
    print(icmp.hex())


if __name__ == "__main__":
    main()
