"""Sends malformed EoIP packets at one tunnel and records, per case, the
counters before and after and what the tunnel device delivered.

usage: malformed_send.py OUTDIR EOIP_TOOL DEV TUNNEL_ID LOCAL REMOTE STRANGER PEER_NS
  Run in the namespace of DEV (an eoip tunnel LOCAL <- REMOTE, TUNNEL_ID).
  Packets leave from PEER_NS through a raw IPv4 socket with our own header
  (source REMOTE, or STRANGER where the case says so). After each case a
  valid marker frame follows: what DEV delivers before it belongs to the
  case, and the counters are final once it arrived (everything is sent from
  one CPU, so received in order).

Writes OUTDIR/malformed.tsv: case, counter, before, after (counter
"delivered": frames DEV delivered, before is 0), OUTDIR/CASE.sent and
OUTDIR/CASE.delivered (hex frames) for the cases that deliver, and
OUTDIR/burst.predicted: counter and expected increase for the burst.
"""

import os
import random
import re
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the guest sees the repository read-only
import eoippkt  # noqa: E402

MARKER_SECONDS = 10  # generous under TCG on a loaded host
BURST_PACKETS = 300
BURST_SEED = 47
MAX_PAYLOAD = 1400  # whole packets stay under the veth MTU: no fragments
ETH_MIN_FRAME = 60  # what a real wire pads to
DEVICE_COUNTERS = ("rx_length_errors", "rx_errors", "rx_dropped")
PROC_COUNTERS = ("rx_no_tunnel", "rx_bad_header", "rx_policy_drop")

BROADCAST = b"\xff" * 6
PEER_MAC = bytes.fromhex("020000000002")


def arp_request():
    """A 42-byte ARP request, as RouterOS puts it in a tunnel (no padding)."""
    return (BROADCAST + PEER_MAC + b"\x08\x06" + bytes.fromhex("0001080006040001") + PEER_MAC
            + socket.inet_aton("192.0.2.2") + bytes(6) + socket.inet_aton("192.0.2.1"))


def filler_frame(size, tag):
    """A SIZE-byte frame nobody answers: local experimental ethertype."""
    head = bytes.fromhex("020000000001") + PEER_MAC + b"\x88\xb5"
    body = tag.encode()
    return (head + body + bytes(max(0, size - len(head) - len(body))))[:size]


class Bench:
    def __init__(self, argv):
        (self.outdir, self.tool, self.dev, tid, self.local, self.remote, self.stranger,
         peer_ns) = argv
        self.tid = int(tid)
        eoippkt.pin_to_one_cpu()
        home = os.open("/proc/self/ns/net", os.O_RDONLY)
        eoippkt.enter_netns(peer_ns)
        self.raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        eoippkt.enter_netns(home)  # back: /proc/net/eoip is read through our namespace
        os.close(home)
        self.capture = eoippkt.packet_socket(self.dev)
        self.markers = 0
        self.table = open(self.outdir + "/malformed.tsv", "w")

    def send(self, gre_payload, src=None):
        header = eoippkt.ipv4_header(src or self.remote, self.local, len(gre_payload))
        self.raw.sendto(header + gre_payload, (self.local, 0))

    def eoip(self, frame, length=None, tid=None, magic=eoippkt.EOIP_MAGIC, padding=b""):
        """An EoIP payload carrying FRAME; the length field, id and magic may lie."""
        length = len(frame) if length is None else length
        return eoippkt.eoip_header(length, self.tid if tid is None else tid, magic) + frame + padding

    def counters(self):
        values = {}
        for name in DEVICE_COUNTERS:
            with open("/sys/class/net/%s/statistics/%s" % (self.dev, name)) as f:
                values[name] = int(f.read())
        with open("/proc/net/eoip") as f:
            for line in f:
                name, value = line.split()
                if name in PROC_COUNTERS:
                    values[name] = int(value)
        show = subprocess.run([self.tool, "show", "name", self.dev], check=True,
                              capture_output=True, text=True).stdout
        match = re.search(r", received (\d+)", show)  # not "last received 3s ago"
        values["keepalives_received"] = int(match.group(1)) if match else -1
        return values

    def until_marker(self):
        """Frames DEV delivers up to the next marker, which is sent now."""
        self.markers += 1
        marker = filler_frame(ETH_MIN_FRAME, "marker %d" % self.markers)
        self.send(self.eoip(marker))
        frames = eoippkt.collect({"dev": self.capture}, lambda got: marker in got["dev"],
                                 MARKER_SECONDS)["dev"]
        if marker not in frames:
            raise RuntimeError("marker %d never came out of %s" % (self.markers, self.dev))
        return frames[:frames.index(marker)]

    def case(self, name, what, payloads, src=None, sent_frame=None):
        start = time.monotonic()
        before = self.counters()
        for payload in payloads:
            self.send(payload, src)
        delivered = self.until_marker()
        after = self.counters()
        after["delivered"], before["delivered"] = len(delivered), 0
        for counter in after:
            self.table.write("%s\t%s\t%d\t%d\n" % (name, counter, before[counter], after[counter]))
        changed = ", ".join("%s %d -> %d" % (c, before[c], after[c])
                            for c in after if before[c] != after[c]) or "no counter changed"
        print("%s (%s): %s [%.1fs]" % (name, what, changed, time.monotonic() - start))
        if sent_frame is not None:
            eoippkt.write_hex_lines("%s/%s.sent" % (self.outdir, name), [sent_frame])
            eoippkt.write_hex_lines("%s/%s.delivered" % (self.outdir, name), delivered)


def burst(bench):
    """BURST_PACKETS random EoIP packets (magic right, the rest random) and
    what the receive rules make of them."""
    rnd = random.Random(BURST_SEED)
    predicted = {"rx_no_tunnel": 0, "keepalives_received": 0, "rx_length_errors": 0,
                 "delivered": 0}
    payloads = []
    for _ in range(BURST_PACKETS):
        tid = rnd.choice([bench.tid, bench.tid, bench.tid + 1, rnd.randrange(1 << 16)])
        src = rnd.choice([bench.remote] * 5 + [bench.stranger])
        length = rnd.choice([0, rnd.randrange(1, 14), rnd.randrange(14, 200),
                             rnd.randrange(200, 1600)])
        if length == 0:
            size = 0  # a keepalive: with bytes after it is anybody's guess
        else:
            size = rnd.choice([length, length + rnd.randrange(1, 100), rnd.randrange(0, length),
                               rnd.randrange(0, 300)])
        size = min(size, MAX_PAYLOAD)
        frame = bytes(rnd.getrandbits(8) for _ in range(size))
        payloads.append((bench.eoip(frame, length=length, tid=tid), src))
        if tid != bench.tid or src != bench.remote:
            predicted["rx_no_tunnel"] += 1
        elif length == 0:
            predicted["keepalives_received"] += 1
        elif length < eoippkt.ETH_HLEN or size < length:
            predicted["rx_length_errors"] += 1
        else:
            predicted["delivered"] += 1
    with open(bench.outdir + "/burst.predicted", "w") as f:
        for counter, value in predicted.items():
            f.write("%s\t%d\n" % (counter, value))
    start = time.monotonic()
    before = bench.counters()
    for payload, src in payloads:
        bench.send(payload, src)
    delivered = bench.until_marker()
    after = bench.counters()
    after["delivered"], before["delivered"] = len(delivered), 0
    for counter in after:
        bench.table.write("burst\t%s\t%d\t%d\n" % (counter, before[counter], after[counter]))
    print("burst of %d random packets (seed %d): %s [%.1fs]" % (BURST_PACKETS, BURST_SEED, ", ".join(
        "%s %d -> %d" % (c, before[c], after[c]) for c in after if before[c] != after[c]),
        time.monotonic() - start))


def main():
    bench = Bench(sys.argv[1:])
    arp = arp_request()
    frame60 = filler_frame(ETH_MIN_FRAME, "frame")
    bench.case("valid", "a correct 42-byte frame", [bench.eoip(arp)], sent_frame=arp)
    bench.case("truncated", "length field 100, 60 bytes follow",
               [bench.eoip(frame60, length=100)])
    bench.case("padded", "length field 42, the frame and 60 bytes of padding",
               [bench.eoip(arp, padding=b"\xee" * 60)], sent_frame=arp)
    bench.case("length_10", "length field 10, 60 bytes follow", [bench.eoip(frame60, length=10)])
    bench.case("length_13", "length field 13, 60 bytes follow", [bench.eoip(frame60, length=13)])
    bench.case("length_14", "length field 14: a bare Ethernet header, 60 bytes follow",
               [bench.eoip(frame60, length=14)], sent_frame=frame60[:14])
    bench.case("magic_pptp", "magic 20 01 88 0b (PPTP's GRE)",
               [bench.eoip(arp, magic=bytes.fromhex("2001880b"))])
    bench.case("magic_version", "magic 30 01 64 00",
               [bench.eoip(arp, magic=bytes.fromhex("30016400"))])
    bench.case("unknown_id", "tunnel id %d" % (bench.tid + 1), [bench.eoip(arp, tid=bench.tid + 1)])
    bench.case("wrong_source", "right id, from %s" % bench.stranger, [bench.eoip(arp)],
               src=bench.stranger)
    bench.case("keepalive", "length field 0, nothing after", [bench.eoip(b"")])
    bench.case("gre_4", "GRE of 4 bytes: the magic alone", [eoippkt.EOIP_MAGIC])
    bench.case("gre_7", "GRE of 7 bytes: a header cut short", [bench.eoip(b"")[:7]])
    bench.case("gre_0", "protocol 47 with no GRE bytes at all", [b""])
    burst(bench)
    bench.table.close()


if __name__ == "__main__":
    main()
