#!/usr/bin/python3
"""pcap_frames.py FILE [--match REGEX] [--write OUT]

Prints one line per Ethernet frame of a pcap file (libpcap format, as
`dumpcap -P` writes): its capture time (seconds since the epoch), its
ethertype and the packet after the Ethernet header, in lower-case hex:

    1700000000.123456 0800 4500001c...

With --match, only the frames whose packet hex matches REGEX (Python re,
searched from the start); with --write, those frames also go to OUT as a
pcap file with the same header, e.g. to replay them with tcpreplay.
Plain Python, no scapy: it starts in a fraction of the time under TCG.
"""
import argparse
import re
import struct
import sys

ETH_HLEN = 14
MAGIC_USEC = 0xA1B2C3D4
MAGIC_NSEC = 0xA1B23C4D


def frames(data):
    """Yields (seconds as text, raw frame bytes) and the global header."""
    magic_le = struct.unpack_from("<I", data)[0]
    if magic_le in (MAGIC_USEC, MAGIC_NSEC):
        endian = "<"
    else:
        endian = ">"
    magic = struct.unpack_from(endian + "I", data)[0]
    if magic not in (MAGIC_USEC, MAGIC_NSEC):
        sys.exit("pcap_frames.py: not a libpcap file (pcapng? use dumpcap -P)")
    digits = 9 if magic == MAGIC_NSEC else 6
    offset = 24
    while offset + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack_from(endian + "IIII", data, offset)
        record = data[offset:offset + 16 + caplen]
        offset += 16 + caplen
        yield "%d.%0*d" % (sec, digits, frac), record


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--match")
    parser.add_argument("--write")
    args = parser.parse_args()

    with open(args.file, "rb") as f:
        data = f.read()
    pattern = re.compile(args.match) if args.match else None
    kept = [data[:24]]
    for stamp, record in frames(data):
        frame = record[16:]
        if len(frame) < ETH_HLEN:
            continue
        packet = frame[ETH_HLEN:].hex()
        if pattern and not pattern.match(packet):
            continue
        kept.append(record)
        print(stamp, frame[12:14].hex(), packet)
    if args.write:
        with open(args.write, "wb") as f:
            f.write(b"".join(kept))


if __name__ == "__main__":
    main()
