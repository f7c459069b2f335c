// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module that cannot be unloaded (it has no exit
 * function), to prove that make check fails a boot whose module stays.
 */
#include <linux/module.h>

static int __init selftest_stuck_init(void)
{
	return 0;
}

module_init(selftest_stuck_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("eoip test bed self-test: cannot be unloaded");
