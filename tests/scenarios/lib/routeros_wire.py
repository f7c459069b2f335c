"""Sends the inner frames mk-a sent in the RouterOS captures through our
eoip100/eoip200 and puts the outer packets our module made beside
RouterOS's own.

usage: routeros_wire.py OUTDIR UNDERLAY PCAP...
  Run in the namespace holding eoip100 and eoip200 (down), whose packets
  leave through UNDERLAY. Starts capturing what leaves UNDERLAY, brings the
  devices up (each sends its first keepalive at once), sends every
  non-keepalive frame mk-a sent (in capture order) into the eoip device of
  its tunnel id, waits until all are out, then writes:
  OUTDIR/wire.pcap          the protocol 47 packets as they left, for tshark
  OUTDIR/wire.fields        one row per outer packet of ours (header line first)
  OUTDIR/wire.ours          each outer packet of ours, addresses, IP id and
                            IP checksum zeroed, in hex
  OUTDIR/wire.routeros      for each of ours, RouterOS's packet of the same
                            frame (or keepalive of the same id), zeroed alike
                            and with TOS 0 (see wire.routeros-tos)
  OUTDIR/wire.routeros-tos  RouterOS's packets with another TOS than 0: tunnel
                            id, TOS, inner protocol/port ("100 0xfe udp/5678")
  OUTDIR/wire.gre-keys      per packet: the gre.key tshark should show
  OUTDIR/wire.data-count    how many data packets were injected
"""

import struct
import subprocess
import sys

sys.dont_write_bytecode = True  # the guest sees the repository read-only
import eoippkt  # noqa: E402

TUNNEL_IDS = (100, 200)
WAIT_SECONDS = 15  # generous under TCG on a loaded host
IP_DF = 0x4000
IP_TOS = 1  # offset in the IPv4 header
IPPROTO_UDP = 17


def normalized(ip, tos=None):
    """IP with what may legitimately differ from RouterOS's zeroed: the
    IP id, the header checksum and the addresses; and TOS set to TOS."""
    ip = bytearray(ip)
    ip[4:6] = ip[10:12] = b"\0\0"
    ip[12:20] = bytes(8)
    if tos is not None:
        ip[IP_TOS] = tos
    return bytes(ip)


def inner_protocol(frame):
    """What an inner frame carries, shortly: "udp/PORT" for IPv4 UDP."""
    if eoippkt.ethertype_of(frame) == eoippkt.ETH_P_IP and frame[eoippkt.ETH_HLEN + 9] == IPPROTO_UDP:
        udp = eoippkt.ETH_HLEN + (frame[eoippkt.ETH_HLEN] & 0x0F) * 4
        return "udp/%d" % struct.unpack("!H", frame[udp + 2:udp + 4])[0]
    return "ethertype/0x%04x" % eoippkt.ethertype_of(frame)


def main():
    outdir, underlay, pcaps = sys.argv[1], sys.argv[2], sys.argv[3:]
    routeros = [p for path in pcaps for p in eoippkt.routeros_packets(path)
                if p.src == eoippkt.MK_A]
    data = [p for p in routeros if not p.keepalive]
    keepalive_of = {}
    for p in routeros:
        if p.keepalive:
            keepalive_of.setdefault(p.tunnel_id, p)

    wire = {"wire": eoippkt.packet_socket(underlay)}
    for tid in TUNNEL_IDS:
        subprocess.run(["ip", "link", "set", "eoip%d" % tid, "up"], check=True)
    # Only now: a packet socket bound to a device that is down keeps an
    # ENETDOWN error for its first send.
    devices = {tid: eoippkt.packet_socket("eoip%d" % tid) for tid in TUNNEL_IDS}
    for p in data:
        devices[p.tunnel_id].sendto(p.frame, ("eoip%d" % p.tunnel_id,
                                              eoippkt.ethertype_of(p.frame)))
    print("%d frames sent into eoip100/eoip200" % len(data))

    def eoip_packets(got):
        return [p for p in map(eoippkt.eoip_of_ether, got["wire"]) if p is not None]

    def complete(got):
        ours = eoip_packets(got)
        kept = {p.tunnel_id for p in ours if p.keepalive}
        return (sum(not p.keepalive for p in ours) >= len(data)
                and all(tid in kept for tid in TUNNEL_IDS))

    left = eoippkt.collect(wire, complete, WAIT_SECONDS, outgoing=True)
    eoippkt.write_pcap(outdir + "/wire.pcap", filter(eoippkt.is_gre_over_ipv4, left["wire"]))
    ours = eoip_packets(left)

    # RouterOS marks its own MNDP broadcasts TOS 0xfe whatever their inner
    # header says (0): not something a frame tells a tunnel. Ours go out with
    # the configured TOS, 0 by default; the scenario lists these exceptions.
    with open(outdir + "/wire.routeros-tos", "w") as f:
        for p in data:
            if p.ip[IP_TOS]:
                f.write("%d 0x%02x %s\n" % (p.tunnel_id, p.ip[IP_TOS], inner_protocol(p.frame)))

    references = iter(data)
    with open(outdir + "/wire.fields", "w") as fields, \
            open(outdir + "/wire.ours", "w") as ours_out, \
            open(outdir + "/wire.routeros", "w") as routeros_out, \
            open(outdir + "/wire.gre-keys", "w") as keys:
        fields.write("tunnel\tlength\tttl\tdf\ttos\tproto\ttotal_length\teoip_header"
                     "\tsrc\tdst\tchecksum_ok\n")
        for p in ours:
            ip = p.ip
            (frag,) = struct.unpack("!H", ip[6:8])
            fields.write("%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n" % (
                p.tunnel_id, p.length, ip[8], bool(frag & IP_DF), ip[1], ip[9],
                struct.unpack("!H", ip[2:4])[0], p.header.hex(), p.src, p.dst,
                "yes" if eoippkt.checksum(ip[:p.ihl]) == 0 else "no"))
            reference = keepalive_of.get(p.tunnel_id) if p.keepalive else next(references, None)
            ours_out.write(normalized(ip).hex() + "\n")
            routeros_out.write((normalized(reference.ip, tos=0).hex() if reference else "none")
                               + "\n")
            keys.write("Generic Routing Encapsulation (MIKROTIK EoIP)\t0x%s\n"
                       % (reference.header[4:8].hex() if reference else "none"))
    with open(outdir + "/wire.data-count", "w") as f:
        f.write("%d\n" % len(data))
    print("%d outer packets of ours on the wire" % len(ours))


if __name__ == "__main__":
    main()
