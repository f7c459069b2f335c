"""Packet helpers shared by the packet-level scenarios.

Reading the RouterOS captures, taking EoIP packets apart and building them,
capturing and injecting frames with AF_PACKET sockets, and entering network
namespaces. Plain socket/struct on purpose: importing scapy costs 15-30 s of
guest time under TCG, more than a whole scenario may take.
"""

import ctypes
import os
import select
import socket
import struct
import time

# What the RouterOS captures were taken between (PROVENANCE.md beside them in
# tests/data/routeros-7.18.2/), and where the scenarios put those two routers
# instead: documentation addresses only.
MK_A = "78.47.55.197"
MK_B = "128.140.114.175"
READDRESS = {MK_A: "198.51.100.1", MK_B: "198.51.100.2"}

EOIP_MAGIC = bytes([0x20, 0x01, 0x64, 0x00])
EOIP_HEADER_LEN = 8
IPPROTO_GRE = 47

ETH_HLEN = 14
ETH_P_ALL = 0x0003
ETH_P_802_2 = 0x0004
ETH_P_IP = 0x0800
ETH_MIN_TYPE = 0x0600  # below this the type field is an 802.3 length
PACKET_OUTGOING = 4
SO_RCVBUFFORCE = 33  # not in Python's socket module
CLONE_NEWNET = 0x40000000
LINKTYPE_ETHERNET = 1
PCAP_HEADER_LEN = 24
PCAP_RECORD_HEADER_LEN = 16
CAPTURE_BUFFER = 4 << 20  # a few hundred frames queue up while we send


def enter_netns(name):
    """Moves this process into the network namespace NAME (ip netns name)
    or, given an open file descriptor, into that one. Sockets made before
    stay in their own namespace: one process can capture in one namespace
    and inject from another."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = name if isinstance(name, int) else os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns %s: %s" % (name, os.strerror(err)))
    finally:
        if not isinstance(name, int):
            os.close(fd)


def pin_to_one_cpu():
    """Every packet we send is then received on the same CPU's backlog, in
    the order sent, and counters are final once a later packet arrived."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def pcap_records(data):
    """Yields (capture time as text, record) for each whole record of the
    bytes of a classic pcap file of Ethernet frames; a record is its 16-byte
    header and the frame. A record cut short (a capture still being
    written) ends the list. Raises ValueError for anything else than such
    a file."""
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError("not a libpcap file (pcapng? use dumpcap -P)")
    if len(data) < PCAP_HEADER_LEN:
        return
    digits = 9 if magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 6
    (linktype,) = struct.unpack(endian + "I", data[20:24])
    if linktype != LINKTYPE_ETHERNET:
        raise ValueError("link type %d, not Ethernet" % linktype)
    offset = PCAP_HEADER_LEN
    while offset + PCAP_RECORD_HEADER_LEN <= len(data):
        sec, frac, caplen, _ = struct.unpack(
            endian + "IIII", data[offset:offset + PCAP_RECORD_HEADER_LEN])
        end = offset + PCAP_RECORD_HEADER_LEN + caplen
        if end > len(data):
            break
        yield "%d.%0*d" % (sec, digits, frac), data[offset:end]
        offset = end


def read_pcap(path):
    """The frames of a classic pcap file of Ethernet frames (pcap_records)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return [record[PCAP_RECORD_HEADER_LEN:] for _, record in pcap_records(data)]
    except ValueError as error:
        raise ValueError("%s: %s" % (path, error)) from None


class EoipPacket:
    """An IPv4 EoIP packet: outer IPv4 header, 8-byte EoIP header, frame."""

    def __init__(self, ip):
        ihl = (ip[0] & 0x0F) * 4
        self.ip = ip  # the whole outer IPv4 packet, cut at its total length
        self.ihl = ihl
        self.src = socket.inet_ntoa(ip[12:16])
        self.dst = socket.inet_ntoa(ip[16:20])
        self.header = ip[ihl:ihl + EOIP_HEADER_LEN]
        (self.length,) = struct.unpack("!H", self.header[4:6])
        (self.tunnel_id,) = struct.unpack("<H", self.header[6:8])
        self.frame = ip[ihl + EOIP_HEADER_LEN:]

    @property
    def keepalive(self):
        return self.length == 0


def is_gre_over_ipv4(frame):
    """Whether an Ethernet frame carries an IPv4 packet of protocol 47."""
    return (len(frame) >= ETH_HLEN + 20 and struct.unpack("!H", frame[12:14])[0] == ETH_P_IP
            and frame[ETH_HLEN + 9] == IPPROTO_GRE)


def eoip_of_ether(frame):
    """The EoIP packet an Ethernet frame carries, or None."""
    if len(frame) < ETH_HLEN + 20 or struct.unpack("!H", frame[12:14])[0] != ETH_P_IP:
        return None
    ip = frame[ETH_HLEN:]
    ihl = (ip[0] & 0x0F) * 4
    (total,) = struct.unpack("!H", ip[2:4])
    ip = ip[:total]
    if ip[9] != IPPROTO_GRE or ip[ihl:ihl + 4] != EOIP_MAGIC or len(ip) < ihl + EOIP_HEADER_LEN:
        return None
    return EoipPacket(ip)


def routeros_packets(path):
    """The EoIP packets of a RouterOS capture, each checked to carry exactly
    the frame its length field announces (RouterOS adds no padding)."""
    packets = []
    for number, frame in enumerate(read_pcap(path), 1):
        packet = eoip_of_ether(frame)
        if packet is None:
            continue
        if len(packet.frame) != packet.length:
            raise ValueError("%s #%d: length field %d, frame %d bytes"
                             % (path, number, packet.length, len(packet.frame)))
        packets.append(packet)
    return packets


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def readdressed(ip, src, dst):
    """The IPv4 packet IP with new addresses and its header checksum redone."""
    ihl = (ip[0] & 0x0F) * 4
    header = bytearray(ip[:ihl])
    header[12:16] = socket.inet_aton(src)
    header[16:20] = socket.inet_aton(dst)
    header[10:12] = b"\0\0"
    header[10:12] = struct.pack("!H", checksum(bytes(header)))
    return bytes(header) + ip[ihl:]


def eoip_header(length, tunnel_id, magic=EOIP_MAGIC):
    return magic + struct.pack("!H", length) + struct.pack("<H", tunnel_id)


def ipv4_header(src, dst, payload_len, ttl=64, proto=IPPROTO_GRE):
    """A header for a raw IPPROTO_RAW socket: the kernel fills in the id
    and the checksum."""
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, 0, 0, ttl, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst))


def ethertype_of(frame):
    """The protocol to hand AF_PACKET with FRAME: its type, or 802.2 when
    the type field is an 802.3 length (CDP and other LLC frames)."""
    (kind,) = struct.unpack("!H", frame[12:14])
    return kind if kind >= ETH_MIN_TYPE else ETH_P_802_2


def packet_socket(ifname):
    """An AF_PACKET socket that sees every frame of IFNAME (in this process's
    current namespace) and can send on it. Bound before it gets a protocol,
    so it never holds frames of other interfaces."""
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, CAPTURE_BUFFER)
    sock.bind((ifname, ETH_P_ALL))
    return sock


def hw_address(sock):
    """The MAC address of the interface a packet socket is bound to."""
    return sock.getsockname()[4]


def received_frames(sock, outgoing=False):
    """Frames waiting on SOCK, without blocking: those that arrived on its
    interface, or with OUTGOING those that left it."""
    frames = []
    while select.select([sock], [], [], 0)[0]:
        data, address = sock.recvfrom(65535)
        if (address[2] == PACKET_OUTGOING) == outgoing:
            frames.append(data)
    return frames


def collect(sockets, done, timeout, outgoing=False):
    """Gathers frames from SOCKETS (a dict name -> socket) into a dict
    name -> list until done(that dict) is true or TIMEOUT seconds passed.
    OUTGOING as for received_frames()."""
    got = {name: [] for name in sockets}
    deadline = time.monotonic() + timeout
    while True:
        for name, sock in sockets.items():
            got[name] += received_frames(sock, outgoing)
        remaining = deadline - time.monotonic()
        if done(got) or remaining <= 0:
            return got
        select.select(list(sockets.values()), [], [], min(remaining, 0.2))


def write_pcap(path, frames):
    """A classic pcap file of Ethernet frames, for tshark."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
        for frame in frames:
            f.write(struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame)


def write_hex_lines(path, frames):
    with open(path, "w") as f:
        for frame in frames:
            f.write(frame.hex() + "\n")
