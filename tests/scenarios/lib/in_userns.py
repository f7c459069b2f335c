"""in_userns.py COMMAND...: runs COMMAND as root of a new user namespace
that owns a new network namespace, as a container's unprivileged user
would: CAP_NET_ADMIN there, and nowhere else.

The test guest runs everything chrooted into the host's tree (mounted at
/host of the guest's own root), and the kernel refuses a new user namespace
to a chrooted process. So, in a private mount namespace: leave the chroot
for the namespace's real root, move the host's tree onto it and enter it,
as switch_root does. The root is then a real root again, holding the same
files.
"""

import ctypes
import os
import sys

CLONE_NEWNS = 0x00020000
MS_MOVE, MS_REC, MS_PRIVATE = 8192, 16384, 1 << 18
HOST_TREE = "/host"  # where testbed/init mounted it


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    libc = ctypes.CDLL(None, use_errno=True)

    def check(result, what):
        if result != 0:
            error = ctypes.get_errno()
            sys.exit("in_userns: %s: %s" % (what, os.strerror(error)))

    check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
    # Out of the chroot: chroot into a directory below the current
    # directory, then climb from the directory kept open above it.
    os.makedirs("/tmp/in_userns", exist_ok=True)
    outside = os.open("/", os.O_RDONLY)
    os.chroot("/tmp/in_userns")
    os.fchdir(outside)
    os.close(outside)
    for _ in range(64):
        os.chdir("..")
    os.chroot(".")
    os.chdir(HOST_TREE)
    check(libc.mount(b".", b"/", None, MS_MOVE, None), "move the host's tree onto /")
    os.chroot(".")
    os.chdir("/")
    os.execvp("unshare", ["unshare", "--user", "--map-root-user", "--net", "--"] + sys.argv[1:])


if __name__ == "__main__":
    main()
