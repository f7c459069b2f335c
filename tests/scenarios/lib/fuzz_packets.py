"""Sends pseudo-random EoIP, EoIPv6, GRE and PPTP packets at a namespace.

usage: fuzz_packets.py PHASE COUNT SEED IFACE DST_MAC SRC4 DST4 SRC6 DST6 CAPTURES OUT

Run in the sending namespace. Frames leave through an AF_PACKET socket on
IFACE to DST_MAC, so every byte, the IP headers included, is ours.

PHASE "accountable": every packet has a well-formed outer header (IPv4,
sometimes with NOP options or cut into correct fragments; or IPv6) and an
EoIP or EoIPv6 header with the right magic or a random version nibble,
whatever follows: a random tunnel id (often one of the receiver's), a
length field that matches, is short, long or zero (a keepalive), random
frames, padding. Each such packet must end in exactly one of the
receiver's counters (delivered, keepalive, or one of the drop counters).

PHASE "hostile": anything goes: random bytes after valid outer headers,
bit flips anywhere in valid packets and in the RouterOS captures,
truncation, bad IP options, stray and overlapping fragments, GRE version 0
packets (keyed for the receiver's gretap tunnel, to be delivered there)
and PPTP packets (GRE version 1, protocol 0x880b), for gre.ko's own.

Writes OUT: one line "CLASS COUNT" per class of packet sent.
"""

import random
import socket
import struct
import sys

sys.dont_write_bytecode = True  # the guest sees the repository read-only
import eoippkt  # noqa: E402

ETH_P_IPV6 = 0x86DD
IPPROTO_EOIP6 = 97
EOIP_IDS = (1, 2, 3)  # the receiver's EoIP tunnels
EOIP6_IDS = (4, 5)  # and EoIPv6 ones
GRE_KEY = 9  # the receiver's gretap tunnel
MAX_FRAME = 1400  # outer packets stay within the link's MTU unless cut
MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def random_frame(rng, size=None):
    """An Ethernet frame of random content; its type is often a real one."""
    if size is None:
        size = rng.choice((14, 42, 60, rng.randint(0, MAX_FRAME)))
    body = bytearray(rng.randbytes(size))
    if size >= 14 and rng.random() < 0.7:
        body[0:12] = rng.choice((MAC_B, b"\xff" * 6)) + MAC_A
        body[12:14] = struct.pack("!H", rng.choice((0x0800, 0x86DD, 0x0806, 0x8100, 0x88B5)))
    return bytes(body)


class Sender:
    def __init__(self, argv):
        (self.phase, count, seed, iface, dst_mac, self.src4, self.dst4, self.src6,
         self.dst6, self.captures, self.out) = argv
        self.count = int(count)
        self.rng = random.Random(int(seed))
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        self.sock.bind((iface, 0))
        self.eth4 = bytes.fromhex(dst_mac.replace(":", "")) + MAC_A + b"\x08\x00"
        self.eth6 = bytes.fromhex(dst_mac.replace(":", "")) + MAC_A + b"\x86\xdd"
        self.ip_id = self.rng.randint(0, 0xFFFF)
        self.sent = {}
        self.routeros = []
        for name in ("mk-mk-ping.pcap", "mk-mk-multi.pcap", "mk-mk-idle.pcap"):
            for packet in eoippkt.routeros_packets("%s/%s" % (self.captures, name)):
                self.routeros.append(packet.ip)

    def send(self, klass, frame):
        self.sock.send(frame)
        self.sent[klass] = self.sent.get(klass, 0) + 1

    # IPv4 ---------------------------------------------------------------

    def ipv4(self, payload, proto=eoippkt.IPPROTO_GRE, options=b"", frag=0, ident=None):
        ihl = 5 + len(options) // 4
        if ident is None:
            self.ip_id = (self.ip_id + 1) & 0xFFFF
            ident = self.ip_id
        header = bytearray(struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(payload),
                                       ident, frag, 64, proto, 0,
                                       socket.inet_aton(self.src4), socket.inet_aton(self.dst4)))
        header += options
        header[10:12] = struct.pack("!H", eoippkt.checksum(bytes(header)))
        return bytes(header) + payload

    def eoip4_payload(self):
        """An EoIP header and what follows, the length field often right."""
        rng = self.rng
        frame = random_frame(rng) if rng.random() < 0.9 else b""
        tunnel_id = rng.choice(EOIP_IDS) if rng.random() < 0.8 else rng.randint(0, 0xFFFF)
        length = rng.choice((len(frame), len(frame), len(frame),
                             max(0, len(frame) - rng.randint(1, 20)),
                             len(frame) + rng.randint(1, 20), 0, rng.randint(0, 0xFFFF)))
        padding = bytes(rng.randint(1, 30)) if rng.random() < 0.1 else b""
        return eoippkt.eoip_header(length, tunnel_id) + frame + padding

    def accountable4(self):
        rng = self.rng
        payload = self.eoip4_payload()
        shape = rng.random()
        if shape < 0.1:  # NOP options: valid, and our hook must skip them
            options = b"\x01" * (4 * rng.randint(1, 10))
            self.send("v4-options-nop", self.eth4 + self.ipv4(payload, options=options))
        elif shape < 0.2 and len(payload) > 64:  # cut into correct fragments
            self.ip_id = (self.ip_id + 1) & 0xFFFF
            cut = rng.randrange(8, len(payload) - 8, 8)
            pieces = [(0, payload[:cut], 0x2000), (cut, payload[cut:], 0)]
            if rng.random() < 0.5:
                pieces.reverse()
            for offset, piece, more in pieces:
                self.sock.send(self.eth4 + self.ipv4(piece, frag=more | offset // 8,
                                                     ident=self.ip_id))
            self.sent["v4-fragmented"] = self.sent.get("v4-fragmented", 0) + 1
        else:
            self.send("v4-eoip", self.eth4 + self.ipv4(payload))

    # IPv6 ---------------------------------------------------------------

    def ipv6(self, payload, nexthdr=IPPROTO_EOIP6):
        return (struct.pack("!IHBB", 6 << 28, len(payload), nexthdr, 64)
                + socket.inet_pton(socket.AF_INET6, self.src6)
                + socket.inet_pton(socket.AF_INET6, self.dst6) + payload)

    def accountable6(self):
        rng = self.rng
        tunnel_id = rng.choice(EOIP6_IDS) if rng.random() < 0.8 else rng.randint(0, 0xFFF)
        nibble = 3 if rng.random() < 0.9 else rng.randint(0, 15)
        frame = random_frame(rng) if rng.random() < 0.9 else b""
        header = bytes(((tunnel_id >> 8) << 4 | nibble, tunnel_id & 0xFF))
        self.send("v6-eoip", self.eth6 + self.ipv6(header + frame))

    # hostile ------------------------------------------------------------

    def flip(self, data, flips):
        data = bytearray(data)
        for _ in range(flips):
            data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
        return bytes(data)

    def hostile(self):
        rng = self.rng
        kind = rng.randrange(10)
        if kind == 0:  # random bytes after a valid IPv4 header, protocol 47
            payload = rng.randbytes(rng.randint(0, 64))
            if rng.random() < 0.5:
                payload = eoippkt.EOIP_MAGIC + payload
            self.send("v4-random", self.eth4 + self.ipv4(payload))
        elif kind == 1:  # a valid packet with bits flipped anywhere
            packet = self.ipv4(self.eoip4_payload())
            self.send("v4-bitflip", self.eth4 + self.flip(packet, rng.randint(1, 8)))
        elif kind == 2:  # a RouterOS packet, readdressed, then mutated
            packet = eoippkt.readdressed(rng.choice(self.routeros), self.src4, self.dst4)
            if rng.random() < 0.5:
                packet = self.flip(packet, rng.randint(1, 4))
            if rng.random() < 0.3:
                packet = packet[:rng.randint(20, len(packet))]
            self.send("v4-routeros", self.eth4 + packet)
        elif kind == 3:  # truncated, the IP length still claiming it all
            packet = self.ipv4(self.eoip4_payload())
            self.send("v4-truncated", self.eth4 + packet[:rng.randint(20, len(packet))])
        elif kind == 4:  # random IP options
            options = rng.randbytes(4 * rng.randint(1, 10))
            self.send("v4-options-random",
                      self.eth4 + self.ipv4(self.eoip4_payload(), options=options))
        elif kind == 5:  # a stray or overlapping fragment
            payload = self.eoip4_payload()
            frag = rng.choice((0x2000, rng.randint(0, 0x3FFF)))
            self.send("v4-fragment-stray",
                      self.eth4 + self.ipv4(payload, frag=frag, ident=rng.randint(0, 7)))
        elif kind == 6:  # GRE version 0 with a key: gretap's, not ours
            frame = random_frame(rng, rng.randint(14, MAX_FRAME))
            gre = struct.pack("!HHI", 0x2000, 0x6558, GRE_KEY) + frame
            self.send("gre-v0-gretap", self.eth4 + self.ipv4(gre))
        elif kind == 7:  # PPTP's enhanced GRE: for pptp.ko
            ppp = rng.randbytes(rng.randint(0, 40))
            gre = struct.pack("!HHHH", 0x3001, 0x880B, len(ppp), rng.randint(0, 0xFFFF))
            self.send("pptp", self.eth4 + self.ipv4(gre + struct.pack("!I", 1) + ppp))
        elif kind == 8:  # IPv6: random bytes, flips, truncation
            tunnel_id = rng.choice(EOIP6_IDS)
            packet = self.ipv6(bytes(((tunnel_id >> 8) << 4 | 3, tunnel_id & 0xFF))
                               + random_frame(rng))
            if rng.random() < 0.5:
                packet = self.flip(packet, rng.randint(1, 8))
            if rng.random() < 0.3:
                packet = packet[:rng.randint(40, len(packet))]
            self.send("v6-mutated", self.eth6 + packet)
        else:  # IPv6 next header 97 with random bytes
            payload = rng.randbytes(rng.randint(0, 64))
            self.send("v6-random", self.eth6 + self.ipv6(payload))

    def run(self):
        for _ in range(self.count):
            if self.phase == "accountable":
                if self.rng.random() < 0.6:
                    self.accountable4()
                else:
                    self.accountable6()
            else:
                self.hostile()
        with open(self.out, "w") as f:
            for klass in sorted(self.sent):
                f.write("%s %d\n" % (klass, self.sent[klass]))


if __name__ == "__main__":
    if len(sys.argv) != 12:
        sys.exit(__doc__)
    Sender(sys.argv[1:]).run()
