#!/usr/bin/python3
"""ip_send.py PROTO SRC DST HEX [HEX...]

Sends each HEX string, as the payload of one IPv4 or IPv6 packet of
protocol (next header) PROTO from SRC to DST, through a raw socket: the
kernel writes the outer IP header, the payload is exactly what is given.
Used to hand-craft EoIP / EoIPv6 packets a correct peer would never send
(wrong version nibble, short frames, unknown tunnel ids, spoofed sources).
SRC must be an address of this namespace.
"""
import socket
import sys


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    proto, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    family = socket.AF_INET6 if ":" in dst else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_RAW, proto)
    sock.bind((src, 0))
    for payload in sys.argv[4:]:
        sock.sendto(bytes.fromhex(payload), (dst, 0))
    sock.close()


if __name__ == "__main__":
    main()
