// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module that puts a kernel WARNING into the log when
 * loaded with warn_on_load=1, to prove that make check notices one. Loaded
 * without it, it is a well-behaved module.
 */
#include <linux/module.h>

static bool warn_on_load;
module_param(warn_on_load, bool, 0444);
MODULE_PARM_DESC(warn_on_load, "WARN() while loading");

static int __init selftest_warn_init(void)
{
	WARN(warn_on_load, "eoip harness self-test: deliberate warning\n");
	return 0;
}

static void __exit selftest_warn_exit(void)
{
}

module_init(selftest_warn_init);
module_exit(selftest_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("eoip test bed self-test: WARN on request");
