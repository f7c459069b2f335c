// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module that compiles with a warning (an unused
 * variable), to prove that make check builds with warnings as errors.
 */
#include <linux/module.h>

static int __init selftest_build_warning_init(void)
{
	int unused;

	return 0;
}

module_init(selftest_build_warning_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("eoip test bed self-test: does not build with -Werror");
