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
The file is read by eoippkt.pcap_records.
"""
import argparse
import re
import sys

from eoippkt import ETH_HLEN, PCAP_HEADER_LEN, PCAP_RECORD_HEADER_LEN, pcap_records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--match")
    parser.add_argument("--write")
    args = parser.parse_args()

    with open(args.file, "rb") as f:
        data = f.read()
    pattern = re.compile(args.match) if args.match else None
    kept = [data[:PCAP_HEADER_LEN]]
    try:
        records = list(pcap_records(data))
    except ValueError as error:
        sys.exit("pcap_frames.py: %s: %s" % (args.file, error))
    for stamp, record in records:
        frame = record[PCAP_RECORD_HEADER_LEN:]
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
