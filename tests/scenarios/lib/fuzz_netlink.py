"""Random RTM_NEWLINK and RTM_SETLINK requests for kinds eoip and eoipv6.

usage: fuzz_netlink.py COUNT SEED TARGET OUT

Run in a namespace (as root, or as root of a user namespace). Each request
creates a tunnel (fzS_0, fzS_1, ... for seed S; some deleted again) or changes one, either
one it made or TARGET (NAME:KIND, a live tunnel under traffic; "-" for
none), with a random set of
attributes inside IFLA_INFO_DATA: known ones with random, edge or wrong-size
values, unknown ids, nested garbage, and sometimes IFLA_MTU or
IFLA_ADDRESS beside them. Every answer is checked:

  - refused: the kernel says why (an extack message), and the tunnel it was
    about reads back as before (RTM_GETLINK);
  - applied: every setting the request carried reads back as sent.

Writes OUT: "applied N", "refused N", how often each reason was given,
then one line per violation; the
exit status is 1 when there was any.
"""

import random
import socket
import struct
import sys

NETLINK_ROUTE = 0
RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK = 16, 17, 18, 19
NLMSG_ERROR = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG = 1
IFLA_ADDRESS, IFLA_IFNAME, IFLA_MTU, IFLA_LINKINFO = 1, 3, 4, 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
NLA_F_NESTED = 0x8000
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11

# include/uapi/eoip.h: id -> (kind, what it reads back as)
U8, U32, U64, ADDR = "u8", "u32", "u64", "addr"
SETTINGS = {1: U32, 4: U32, 6: ADDR, 7: ADDR, 8: U8, 9: U8, 32: U32, 33: U8, 38: U8}
READ_ONLY = {35: U64, 36: U64, 37: U32}
MAX_ID = 48  # beyond what the module knows: unknown ids too


def attr(kind, payload):
    return struct.pack("=HH", 4 + len(payload), kind) + payload + b"\0" * (-len(payload) % 4)


def attrs(data):
    """{id: payload} of a run of attributes (nested flag dropped)."""
    found, offset = {}, 0
    while offset + 4 <= len(data):
        length, kind = struct.unpack_from("=HH", data, offset)
        if length < 4:
            break
        found[kind & 0x3FFF] = data[offset + 4:offset + length]
        offset += (length + 3) & ~3
    return found


class Fuzzer:
    def __init__(self, count, seed, target, out):
        self.count = count
        self.rng = random.Random(seed)
        self.prefix = "fz%d_" % (seed % 1000)  # runs in one namespace differ
        self.target = target
        self.out = out
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0
        self.made = []  # (name, kind) of the tunnels we made and kept
        self.serial = 0
        self.applied = self.refused = 0
        self.reasons = {}  # extack message -> how often
        self.violations = []

    # netlink ------------------------------------------------------------

    def request(self, msg_type, flags, body):
        self.seq += 1
        self.sock.send(struct.pack("=IHHII", 16 + len(body), msg_type,
                                   flags | NLM_F_REQUEST, self.seq, 0) + body)
        while True:
            answer = self.sock.recv(65536)
            _, kind, answer_flags, seq, _ = struct.unpack_from("=IHHII", answer)
            if seq == self.seq:
                return kind, answer_flags, answer

    def ack(self, msg_type, flags, body):
        """(errno, extack message) of a request that wants an ACK."""
        kind, answer_flags, answer = self.request(msg_type, flags | NLM_F_ACK, body)
        if kind != NLMSG_ERROR:
            raise RuntimeError("answer of type %d" % kind)
        error = -struct.unpack_from("=i", answer, 16)[0]
        message = ""
        if answer_flags & NLM_F_ACK_TLVS:
            tlvs = attrs(answer[36:])
            if NLMSGERR_ATTR_MSG in tlvs:
                message = tlvs[NLMSGERR_ATTR_MSG].split(b"\0")[0].decode(errors="replace")
        return error, message

    @staticmethod
    def ifinfo(name, extra=b""):
        return struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + \
            attr(IFLA_IFNAME, name.encode() + b"\0") + extra

    def settings(self, name):
        """The IFLA_INFO_DATA attributes NAME reads back with, or None."""
        kind, _, answer = self.request(RTM_GETLINK, 0, self.ifinfo(name))
        if kind == NLMSG_ERROR:
            return None
        top = attrs(answer[32:])
        info = attrs(top.get(IFLA_LINKINFO, b""))
        data = attrs(info.get(IFLA_INFO_DATA, b""))
        return {k: v for k, v in data.items() if k in SETTINGS}

    # requests -----------------------------------------------------------

    def value(self, kind):
        rng = self.rng
        size = {U8: 1, U32: 4, U64: 8, ADDR: rng.choice((4, 16))}[kind]
        if rng.random() < 0.1:  # the wrong size
            size = rng.choice((0, 1, 2, 3, 5, 8, 15, 17, 20))
        if rng.random() < 0.5 and size in (1, 4):
            edges = (0, 1, 2, 3, 255, 4095, 4096, 3600, 3601, 65535, 65536, 0xFFFFFFFF)
            number = rng.choice(edges) & ((1 << (8 * size)) - 1)
            return struct.pack("=B" if size == 1 else "=I", number)
        if kind == ADDR and rng.random() < 0.6:
            return rng.choice((socket.inet_pton(socket.AF_INET, "198.51.100.%d" % rng.randint(0, 255)),
                               socket.inet_pton(socket.AF_INET6, "2001:db8:1::%x" % rng.randint(0, 0xFFFF)),
                               b"\0" * 4, b"\0" * 16, b"\xe0\0\0\x05", b"\xff" * 16))
        return rng.randbytes(size)

    def data(self):
        rng = self.rng
        chosen = {}
        for number in range(1, MAX_ID + 1):
            if rng.random() >= 0.15:
                continue
            if number in SETTINGS:
                chosen[number] = self.value(SETTINGS[number])
            elif number in READ_ONLY and rng.random() < 0.3:
                chosen[number] = self.value(READ_ONLY[number])
            elif rng.random() < 0.2:
                chosen[number] = rng.randbytes(rng.randint(0, 12))
        body = b"".join(attr(k, v) for k, v in chosen.items())
        if rng.random() < 0.05:  # nested garbage, under an id not sent already
            # (of two attributes of one id the kernel takes the last)
            free = [n for n in range(1, MAX_ID + 1) if n not in chosen]
            body += attr(rng.choice(free) | NLA_F_NESTED, rng.randbytes(rng.randint(0, 24)))
        if rng.random() < 0.03:  # a cut attribute at the end
            body += struct.pack("=HH", rng.randint(5, 40), rng.randint(1, MAX_ID))
        return chosen, body

    def linkinfo(self, kind, data_body):
        return attr(IFLA_LINKINFO | NLA_F_NESTED,
                    attr(IFLA_INFO_KIND, kind.encode() + b"\0")
                    + attr(IFLA_INFO_DATA | NLA_F_NESTED, data_body))

    def extras(self, creating):
        rng = self.rng
        extra = b""
        if rng.random() < 0.05:
            extra += attr(IFLA_MTU, struct.pack("=I", rng.choice((0, 67, 68, 1458, 9000, 70000))))
        if rng.random() < 0.05:
            # A short address for a link that exists is refused by the core
            # before the module sees the request (before 6.12 without a
            # message): only creates carry one.
            extra += attr(IFLA_ADDRESS, rng.randbytes(rng.choice((6, 6, 5) if creating else (6,))))
        return extra

    def violation(self, text):
        self.violations.append(text)

    def check_applied(self, name, chosen, what):
        now = self.settings(name)
        if now is None:
            self.violation("%s: %s applied, but the link is gone" % (what, name))
            return
        for number, payload in chosen.items():
            if number not in SETTINGS or number not in now:
                continue
            sent, back = payload, now[number]
            if number in (6, 7):  # addresses read back in the tunnel's family
                sent = payload
            elif len(sent) < len(back):
                sent = sent + b"\0" * (len(back) - len(sent))
            elif len(sent) > len(back):
                sent = sent[:len(back)]
            if sent != back:
                self.violation("%s: %s attribute %d sent %s, reads back %s"
                               % (what, name, number, payload.hex(), back.hex()))

    def create(self):
        kind = self.rng.choice(("eoip", "eoipv6"))
        name = "%s%d" % (self.prefix, self.serial)
        self.serial += 1
        chosen, body = self.data()
        if self.rng.random() < 0.7:  # often what a create needs, for more to apply
            family = socket.AF_INET6 if kind == "eoipv6" else socket.AF_INET
            base = "2001:db8:1::%x" if kind == "eoipv6" else "198.51.100.%d"
            needed = {4: struct.pack("=I", self.rng.randint(0, 4095)),
                      7: socket.inet_pton(family, base % self.rng.randint(1, 250))}
            for number, payload in needed.items():
                if number not in chosen:
                    chosen[number] = payload
                    body += attr(number, payload)
        error, message = self.ack(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
                                  self.ifinfo(name, self.extras(True) + self.linkinfo(kind, body)))
        what = "create %s %s" % (kind, sorted(chosen))
        if error:
            self.refused += 1
            self.reasons[message] = self.reasons.get(message, 0) + 1
            if not message:
                self.violation("%s: refused (%s) without a message" % (what, error))
            if self.settings(name) is not None:
                self.violation("%s: refused, but %s exists" % (what, name))
            return
        self.applied += 1
        self.check_applied(name, chosen, what)
        if self.rng.random() < 0.5 or len(self.made) > 40:
            self.ack(RTM_DELLINK, 0, self.ifinfo(name))
        else:
            self.made.append((name, kind))

    def change(self):
        rng = self.rng
        if self.made and (rng.random() < 0.7 or self.target[0] == "-"):
            name, kind = rng.choice(self.made)
        elif self.target[0] != "-":
            name, kind = self.target
        else:
            self.create()
            return
        before = self.settings(name)
        chosen, body = self.data()
        msg_type = RTM_NEWLINK if rng.random() < 0.9 else RTM_SETLINK
        # The core, not the module, handles RTM_SETLINK's IFLA_MTU and
        # IFLA_ADDRESS (eth_mac_addr says no without a message): those go
        # with RTM_NEWLINK only, where the module validates them first.
        extra = self.extras(False) if msg_type == RTM_NEWLINK else b""
        error, message = self.ack(msg_type, 0,
                                  self.ifinfo(name, extra + self.linkinfo(kind, body)))
        what = "change (%d) %s %s" % (msg_type, name, sorted(chosen))
        if error:
            self.refused += 1
            self.reasons[message] = self.reasons.get(message, 0) + 1
            if not message:
                self.violation("%s: refused (%s) without a message" % (what, error))
            if self.settings(name) != before:
                self.violation("%s: refused, but its settings changed" % what)
            return
        self.applied += 1
        if msg_type == RTM_NEWLINK:
            self.check_applied(name, chosen, what)
        elif self.settings(name) != before:
            self.violation("%s: RTM_SETLINK changed tunnel settings" % what)

    def run(self):
        for _ in range(self.count):
            if self.rng.random() < 0.5:
                self.create()
            else:
                self.change()
        with open(self.out, "w") as f:
            f.write("applied %d\nrefused %d\n" % (self.applied, self.refused))
            for message, times in sorted(self.reasons.items(), key=lambda r: -r[1]):
                f.write("  %6d refused: %s\n" % (times, message or "(no message)"))
            for line in self.violations[:50]:
                f.write(line + "\n")
        return 1 if self.violations else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    target_name, _, target_kind = sys.argv[3].partition(":")
    sys.exit(Fuzzer(int(sys.argv[1]), int(sys.argv[2]), (target_name, target_kind or "eoip"),
                    sys.argv[4]).run())
