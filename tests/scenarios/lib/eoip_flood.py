#!/usr/bin/python3
"""eoip_flood.py SECONDS RATE SRC DST TUNNEL_ID [SRC DST TUNNEL_ID ...]

Floods EoIP (IPv4, protocol 47) or EoIPv6 (IPv6 next header 97) tunnels,
as an address says, with keepalives and 60-byte data frames, one of each
in turn for every tunnel, RATE packets a second in all (in bursts, 100 a
second), for SECONDS or until killed. Unbounded, a flood would take the
whole of a guest under TCG: everything else would crawl.
Raw sockets: the kernel writes the outer IP header, nothing of the eoip
module is needed on this side, so the flood goes on while the receiver's
module is unloaded and loaded again. SRC must be an address of this
namespace. A send the kernel refuses (a full queue, an unreachable
destination) is skipped. Prints how many packets left on exit.
"""
import signal
import socket
import sys
import time

sys.dont_write_bytecode = True  # the guest sees the repository read-only
import eoippkt  # noqa: E402

BURSTS_PER_SECOND = 100
EOIP6_NEXTHDR = 97
EOIP6_VERSION_NIBBLE = 0x3
# A broadcast frame of the local experimental ethertype 88b5: the receiving
# stack counts it on the tunnel and drops it, nobody answers.
FRAME = (b"\xff" * 6 + bytes.fromhex("020000000001") + b"\x88\xb5"
         + b"eoip_flood".ljust(46, b"\0"))


def eoip6_header(tunnel_id):
    """The 2-byte EoIPv6 header: the id's high nibble, version 3, low byte."""
    return bytes([(tunnel_id >> 8) << 4 | EOIP6_VERSION_NIBBLE, tunnel_id & 0xFF])


def target(src, dst, tunnel_id):
    """(socket, destination, [keepalive, data]) for one tunnel."""
    tunnel_id = int(tunnel_id)
    if ":" in dst:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, EOIP6_NEXTHDR)
        payloads = [eoip6_header(tunnel_id), eoip6_header(tunnel_id) + FRAME]
    else:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, eoippkt.IPPROTO_GRE)
        payloads = [eoippkt.eoip_header(0, tunnel_id),
                    eoippkt.eoip_header(len(FRAME), tunnel_id) + FRAME]
    sock.bind((src, 0))
    return sock, (dst, 0), payloads


def main():
    args = sys.argv[1:]
    if len(args) < 5 or (len(args) - 2) % 3:
        sys.exit(__doc__)
    deadline = time.monotonic() + float(args[0])
    targets = [target(*args[i:i + 3]) for i in range(2, len(args), 3)]
    packets = [(sock, address, payload) for sock, address, payloads in targets
               for payload in payloads]
    burst = max(1, int(args[1]) // BURSTS_PER_SECOND)
    sent = 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        due = time.monotonic()
        while due < deadline:
            for i in range(burst):
                sock, address, payload = packets[(sent + i) % len(packets)]
                try:
                    sock.sendto(payload, address)
                except OSError:
                    pass
            sent += burst
            # A burst that is late is not made up for: a guest that stood
            # still gets no catch-up storm when it runs again.
            due = max(due + 1 / BURSTS_PER_SECOND, time.monotonic())
            time.sleep(max(0, due - time.monotonic()))
    finally:
        print("eoip_flood.py: %d packets sent" % sent)


if __name__ == "__main__":
    main()
