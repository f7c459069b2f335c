#!/usr/bin/env python3
"""tcp_blob.py: move a reproducible stream of bytes over TCP and fingerprint it.

  tcp_blob.py receive ADDRESS PORT    accept one connection, read to its end,
                                      print "BYTES SHA256"
  tcp_blob.py send ADDRESS PORT BYTES SEED
                                      send BYTES pseudo-random bytes (from SEED)
                                      in 64 KiB writes, print "BYTES SHA256"

The writes are large so that the sender's TCP builds GSO packets: the bytes
then cross the tunnel in every shape its transmit path gives them.
"""
import hashlib
import random
import socket
import sys

CHUNK = 65536


def receive(address, port):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((address, port))
        server.listen(1)
        connection, _ = server.accept()
        digest, total = hashlib.sha256(), 0
        with connection:
            while True:
                data = connection.recv(CHUNK)
                if not data:
                    break
                digest.update(data)
                total += len(data)
    print(total, digest.hexdigest())


def send(address, port, size, seed):
    source = random.Random(seed)
    digest, total = hashlib.sha256(), 0
    with socket.create_connection((address, port), timeout=120) as connection:
        while total < size:
            data = source.randbytes(min(CHUNK, size - total))
            connection.sendall(data)
            digest.update(data)
            total += len(data)
    print(total, digest.hexdigest())


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "receive":
        receive(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 6 and sys.argv[1] == "send":
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
