#!/bin/bash
# The guest kernel panics (sysrq crash): the harness must report the boot, the
# console and the missing result as failures.
set -u
echo "crashing the kernel"
echo c >/proc/sysrq-trigger
