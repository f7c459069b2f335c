#!/usr/bin/python3
"""rtnl_flip.py SECONDS MIN_CHANGES DEV KIND CONFIG [CONFIG...]

Changes the link DEV (of kind KIND) over and over for SECONDS, and on
until MIN_CHANGES are made (a slow kernel, such as a debug build, answers
fewer a second) but no longer than ten times SECONDS: one
RTM_NEWLINK per change, with the attributes of the next CONFIG, in turn,
inside IFLA_INFO_DATA, waiting for the kernel's answer before the next.
A CONFIG is a comma-separated list of ID=TYPE:VALUE (as rtnl_newlink.py
takes them). As fast as the kernel answers: far tighter than a loop of
eoip commands, whose every run costs a process. Prints "CHANGES FAILED
LAST" (LAST: the index of the last CONFIG sent, from 0) and the kernel's
first refusal, if any, on stderr. Exit status 0.
"""
import os
import socket
import struct
import sys
import time

sys.dont_write_bytecode = True  # the guest sees the repository read-only
from rtnl_newlink import (IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO,  # noqa: E402
                          NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_ROUTE, NLA_F_NESTED,
                          NLM_F_ACK, NLM_F_REQUEST, NLMSG_ERROR, RTM_NEWLINK, SOL_NETLINK,
                          attr, extack_message, value)


def request(ifindex, kind, config, seq):
    """An RTM_NEWLINK changing link IFINDEX to CONFIG."""
    data = b""
    for spec in config.split(","):
        number, _, text = spec.partition("=")
        data += attr(int(number), value(text))
    linkinfo = attr(IFLA_INFO_KIND, kind.encode() + b"\0")
    linkinfo += attr(IFLA_INFO_DATA | NLA_F_NESTED, data)
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, ifindex, 0, 0)  # ifinfomsg
    body += attr(IFLA_LINKINFO | NLA_F_NESTED, linkinfo)
    return struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK,
                       seq, 0) + body


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    seconds, least = float(sys.argv[1]), int(sys.argv[2])
    dev, kind, configs = sys.argv[3], sys.argv[4], sys.argv[5:]
    ifindex = socket.if_nametoindex(dev)
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    sock.bind((0, 0))
    messages = [None] * len(configs)
    changes = failed = 0
    last = -1
    start = time.monotonic()
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= 10 * seconds or (elapsed >= seconds and changes >= least):
            break
        last = changes % len(configs)
        changes += 1
        messages[last] = messages[last] or request(ifindex, kind, configs[last], 0)
        # The sequence number is only ours to match the answer with.
        message = messages[last][:8] + struct.pack("=I", changes) + messages[last][12:]
        sock.send(message)
        while True:
            answer = sock.recv(65536)
            _, msg_type, msg_flags, seq, _ = struct.unpack_from("=IHHII", answer)
            if msg_type == NLMSG_ERROR and seq == changes:
                break
        error = -struct.unpack_from("=i", answer, 16)[0]
        if error:
            failed += 1
            if failed == 1:
                message = extack_message(answer, msg_flags, 20)
                print("rtnl_flip.py: %s %s refused: %s%s" % (dev, configs[last], os.strerror(error),
                      ": " + message if message else ""), file=sys.stderr)
    print(changes, failed, last)


if __name__ == "__main__":
    main()
