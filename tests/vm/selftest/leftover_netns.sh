#!/bin/bash
# A scenario that cleans nothing up (no lib.sh): a namespace, a veth pair in
# the root namespace and a process left behind must fail it.
set -eu

ip netns add selftest-leftover
ip link add leftover0 type veth peer name leftover1
sleep 1000 &
echo "ok - left a namespace, a veth pair and a sleep behind"
