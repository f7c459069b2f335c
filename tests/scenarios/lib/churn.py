"""Creates, brings up and deletes tunnels over rtnetlink, CYCLES times.

usage: churn.py CYCLES LOCAL4 REMOTE4 LOCAL6 REMOTE6

Run in a namespace. Cycle i makes an eoip (even i) or eoipv6 (odd i)
tunnel "ch<i % 8>" with tunnel-id 1 + i % 4000 and keepalive 1,3, sets it
up, and deletes the one made eight cycles before, so that up to eight live
at a time; at the end it deletes the rest. Exits 1 at the first request the
kernel refuses, saying which.
"""

import socket
import struct
import sys

RTM_NEWLINK, RTM_DELLINK = 16, 17
NLMSG_ERROR = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
NLA_F_NESTED = 0x8000
IFF_UP = 0x1
# include/uapi/eoip.h
IFLA_EOIP_TUNNEL_ID, IFLA_EOIP_LOCAL, IFLA_EOIP_REMOTE = 4, 6, 7
IFLA_EOIP_KEEPALIVE_INTERVAL, IFLA_EOIP_KEEPALIVE_RETRIES = 32, 33
LIVE = 8


def attr(kind, payload):
    return struct.pack("=HH", 4 + len(payload), kind) + payload + b"\0" * (-len(payload) % 4)


class Churn:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, msg_type, flags, body, what):
        self.seq += 1
        self.sock.send(struct.pack("=IHHII", 16 + len(body), msg_type,
                                   flags | NLM_F_REQUEST | NLM_F_ACK, self.seq, 0) + body)
        answer = self.sock.recv(65536)
        error = -struct.unpack_from("=i", answer, 16)[0]
        if error:
            sys.exit("%s: refused: %s" % (what, socket.errno.errorcode.get(error, error)))

    def create(self, name, kind, tunnel_id, local, remote):
        family = socket.AF_INET6 if kind == "eoipv6" else socket.AF_INET
        data = (attr(IFLA_EOIP_TUNNEL_ID, struct.pack("=I", tunnel_id))
                + attr(IFLA_EOIP_LOCAL, socket.inet_pton(family, local))
                + attr(IFLA_EOIP_REMOTE, socket.inet_pton(family, remote))
                + attr(IFLA_EOIP_KEEPALIVE_INTERVAL, struct.pack("=I", 1))
                + attr(IFLA_EOIP_KEEPALIVE_RETRIES, struct.pack("=B", 3)))
        linkinfo = attr(IFLA_INFO_KIND, kind.encode() + b"\0") + \
            attr(IFLA_INFO_DATA | NLA_F_NESTED, data)
        body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, IFF_UP, IFF_UP) + \
            attr(IFLA_IFNAME, name.encode() + b"\0") + attr(IFLA_LINKINFO | NLA_F_NESTED, linkinfo)
        self.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, body, "create " + name)

    def delete(self, name):
        body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + \
            attr(IFLA_IFNAME, name.encode() + b"\0")
        self.request(RTM_DELLINK, 0, body, "delete " + name)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    cycles = int(sys.argv[1])
    local4, remote4, local6, remote6 = sys.argv[2:]
    churn = Churn()
    for i in range(cycles):
        name = "ch%d" % (i % LIVE)
        if i >= LIVE:
            churn.delete(name)
        if i % 2:
            churn.create(name, "eoipv6", 1 + i % 4000, local6, remote6)
        else:
            churn.create(name, "eoip", 1 + i % 4000, local4, remote4)
    for i in range(max(0, cycles - LIVE), cycles):
        churn.delete("ch%d" % (i % LIVE))
    print("%d tunnels made and deleted" % cycles)


if __name__ == "__main__":
    main()
