#!/bin/bash
# timeout: 900
# A hang the scenario limit does not catch in time: the per-boot limit
# (BOOT_TIMEOUT, set low by the self-test) must stop the guest.
set -u
sleep 900
