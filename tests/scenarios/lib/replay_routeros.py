"""Replays RouterOS's EoIP packets into namespaces configured as the routers
and records what comes out of their eoip devices.

usage: replay_routeros.py OUTDIR PCAP... -- SIDE...
  SIDE = ROLE:NS:IF:FROM_NS:FROM_IF
  ROLE is mk-a or mk-b: NS receives the packets the other router sent to it,
  readdressed (eoippkt.READDRESS), injected from FROM_NS:FROM_IF (the peer
  of NS:IF). NS holds eoip100 and eoip200 for the captured tunnel ids.

Writes to OUTDIR, for each ROLE and tunnel ID:
  ROLE-eoipID.expected   the inner frames of the non-keepalive packets, in hex
  ROLE-eoipID.delivered  what the device received, in hex, in order
  ROLE-eoipID.keepalives how many keepalives were injected for it
"""

import sys

sys.dont_write_bytecode = True  # the guest sees the repository read-only
import eoippkt  # noqa: E402

TUNNEL_IDS = (100, 200)
ADDRESS_OF_ROLE = {"mk-a": eoippkt.MK_A, "mk-b": eoippkt.MK_B}
DELIVERY_SECONDS = 15  # generous under TCG on a loaded host
LINGER_SECONDS = 1  # for frames that should not be there at all


def main():
    split = sys.argv.index("--")
    outdir, pcaps, sides = sys.argv[1], sys.argv[2:split], sys.argv[split + 1:]
    eoippkt.pin_to_one_cpu()
    captured = [p for path in pcaps for p in eoippkt.routeros_packets(path)]

    capture = {}  # (role, id) -> socket on the eoip device
    plans = []  # (send socket, [ethernet frames])
    for side in sides:
        role, ns, ifname, from_ns, from_if = side.split(":")
        me = ADDRESS_OF_ROLE[role]
        towards_me = [p for p in captured if p.dst == me]
        for tid in TUNNEL_IDS:
            mine = [p for p in towards_me if p.tunnel_id == tid]
            eoippkt.write_hex_lines("%s/%s-eoip%d.expected" % (outdir, role, tid),
                                    [p.frame for p in mine if not p.keepalive])
            with open("%s/%s-eoip%d.keepalives" % (outdir, role, tid), "w") as f:
                f.write("%d\n" % sum(p.keepalive for p in mine))

        eoippkt.enter_netns(ns)
        for tid in TUNNEL_IDS:
            capture[(role, tid)] = eoippkt.packet_socket("eoip%d" % tid)
        underlay = eoippkt.packet_socket(ifname)
        dst_mac = eoippkt.hw_address(underlay)
        underlay.close()
        eoippkt.enter_netns(from_ns)
        sender = eoippkt.packet_socket(from_if)
        src_mac = eoippkt.hw_address(sender)
        ether = dst_mac + src_mac + b"\x08\x00"
        plans.append((sender, [ether + eoippkt.readdressed(p.ip, eoippkt.READDRESS[p.src],
                                                           eoippkt.READDRESS[p.dst])
                               for p in towards_me]))
        print("%s: %d EoIP packets to inject from %s" % (role, len(towards_me), from_ns))

    expected = {key: sum(1 for _ in open("%s/%s-eoip%d.expected" % (outdir, *key)))
                for key in capture}
    for sender, frames in plans:
        for frame in frames:
            sender.send(frame)

    def all_there(got):
        return all(len(got[key]) >= expected[key] for key in capture)

    got = eoippkt.collect(capture, all_there, DELIVERY_SECONDS)
    late = eoippkt.collect(capture, lambda _: False, LINGER_SECONDS)
    for key in capture:
        frames = got[key] + late[key]
        eoippkt.write_hex_lines("%s/%s-eoip%d.delivered" % (outdir, *key), frames)
        print("%s eoip%d: %d frames expected, %d delivered" % (*key, expected[key], len(frames)))


if __name__ == "__main__":
    main()
