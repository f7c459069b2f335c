#!/usr/bin/python3
"""rtnl_newlink.py NAME KIND [ID=TYPE:VALUE ...]

Asks the kernel for a new link NAME of kind KIND with the given attributes
inside IFLA_INFO_DATA, by rtnetlink directly: what a tool that does not
check anything itself (or another project's tool) would send. TYPE is u8,
u32 or addr (an IPv4 or IPv6 address). Prints the kernel's answer, with
its extack message if any; exit status 0 when the link was made, 1 when
the kernel refused it.

    rtnl_newlink.py t1 eoipv6 4=u32:5000 7=addr:2001:db8::2
"""
import os
import socket
import struct
import sys

NETLINK_ROUTE = 0
RTM_NEWLINK = 16
NLMSG_ERROR = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
NLM_F_ACK_TLVS = 0x200  # in the flags of the answer
NLMSGERR_ATTR_MSG = 1
IFLA_IFNAME = 3
IFLA_LINKINFO = 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
NLA_F_NESTED = 0x8000
NETLINK_CAP_ACK = 10  # echo only the request's header in the error
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270


def attr(kind, payload):
    header = struct.pack("=HH", 4 + len(payload), kind)
    return header + payload + b"\0" * (-len(payload) % 4)


def value(text):
    kind, _, raw = text.partition(":")
    if kind == "u8":
        return struct.pack("=B", int(raw, 0))
    if kind == "u32":
        return struct.pack("=I", int(raw, 0))
    if kind == "addr":
        family = socket.AF_INET6 if ":" in raw else socket.AF_INET
        return socket.inet_pton(family, raw)
    sys.exit("unknown attribute type " + kind)


def extack_message(answer, flags, offset):
    """The NLMSGERR_ATTR_MSG string after the error and the echoed header."""
    if not flags & NLM_F_ACK_TLVS:
        return ""
    tlv = offset + 16
    while tlv + 4 <= len(answer):
        tlv_len, tlv_type = struct.unpack_from("=HH", answer, tlv)
        if tlv_len < 4:
            break
        if tlv_type == NLMSGERR_ATTR_MSG:
            return answer[tlv + 4:tlv + tlv_len].split(b"\0")[0].decode()
        tlv += (tlv_len + 3) & ~3
    return ""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    name, kind = sys.argv[1], sys.argv[2]
    data = b""
    for spec in sys.argv[3:]:
        number, _, text = spec.partition("=")
        data += attr(int(number), value(text))
    linkinfo = attr(IFLA_INFO_KIND, kind.encode() + b"\0")
    linkinfo += attr(IFLA_INFO_DATA | NLA_F_NESTED, data)
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0)  # ifinfomsg
    body += attr(IFLA_IFNAME, name.encode() + b"\0")
    body += attr(IFLA_LINKINFO | NLA_F_NESTED, linkinfo)
    flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
    request = struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, flags, 1, 0) + body

    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    sock.bind((0, 0))
    sock.send(request)
    answer = sock.recv(65536)
    _, msg_type, msg_flags, _, _ = struct.unpack_from("=IHHII", answer)
    if msg_type != NLMSG_ERROR:
        sys.exit("unexpected answer type %d" % msg_type)
    error = -struct.unpack_from("=i", answer, 16)[0]
    if error == 0:
        print("created %s (%s)" % (name, kind))
        return 0
    message = extack_message(answer, msg_flags, 20)
    print("refused: %s%s" % (os.strerror(error), ": " + message if message else ""))
    return 1


if __name__ == "__main__":
    sys.exit(main())
