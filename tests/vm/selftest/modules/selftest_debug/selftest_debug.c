// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of make check-debug: loaded with defect=out_of_bounds (for KASAN),
 * lock_inversion (lockdep) or leak (kmemleak), this module commits that one
 * defect, so that the test bed can prove that the debug kernel's facility
 * reports it and that the harness fails the run on the report. Loaded
 * without a defect, it is a well-behaved module. KASAN's report taints the
 * kernel, which switches lockdep off: a boot proves lockdep before KASAN.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#define SELFTEST_BUFFER_SIZE 16

static char *defect = "";
module_param(defect, charp, 0444);
MODULE_PARM_DESC(defect, "out_of_bounds, lock_inversion or leak: the defect to commit while loading");

static DEFINE_MUTEX(selftest_first);
static DEFINE_MUTEX(selftest_second);

/* KASAN: a read one byte past the end of a kmalloc'd buffer. */
static noinline int selftest_out_of_bounds(void)
{
	size_t past_end = SELFTEST_BUFFER_SIZE;
	char *buffer;
	char byte;

	buffer = kzalloc(SELFTEST_BUFFER_SIZE, GFP_KERNEL);
	if (!buffer)
		return -ENOMEM;
	/* Hidden from the compiler, which would refuse a visible overflow. */
	OPTIMIZER_HIDE_VAR(past_end);
	byte = READ_ONCE(buffer[past_end]);
	pr_info("selftest_debug: read %d past the end of a %d-byte buffer\n",
		byte, SELFTEST_BUFFER_SIZE);
	kfree(buffer);
	return 0;
}

/* lockdep: two mutexes taken in one order, then in the other. */
static noinline void selftest_lock_inversion(void)
{
	mutex_lock(&selftest_first);
	mutex_lock(&selftest_second);
	mutex_unlock(&selftest_second);
	mutex_unlock(&selftest_first);

	mutex_lock(&selftest_second);
	mutex_lock(&selftest_first);
	mutex_unlock(&selftest_first);
	mutex_unlock(&selftest_second);
}

/*
 * kmemleak: allocations whose only pointer is dropped. Several of them: the
 * last pointer may live on in a register or a stack slot that kmemleak
 * scans (a run once found none of a single one), the earlier ones are
 * overwritten.
 */
#define SELFTEST_LEAKS 8

static noinline int selftest_leak(void)
{
	void *lost;
	int i;

	for (i = 0; i < SELFTEST_LEAKS; i++) {
		lost = kmalloc(64, GFP_KERNEL);
		if (!lost)
			return -ENOMEM;
		/* the compiler must not see that nothing reads it */
		OPTIMIZER_HIDE_VAR(lost);
	}
	pr_info("selftest_debug: leaking %d allocations of 64 bytes\n", SELFTEST_LEAKS);
	return 0;
}

static int __init selftest_debug_init(void)
{
	if (!strcmp(defect, "out_of_bounds"))
		return selftest_out_of_bounds();
	if (!strcmp(defect, "lock_inversion")) {
		selftest_lock_inversion();
		return 0;
	}
	if (!strcmp(defect, "leak"))
		return selftest_leak();
	if (defect[0]) {
		pr_err("selftest_debug: unknown defect '%s' (out_of_bounds, lock_inversion or leak)\n", defect);
		return -EINVAL;
	}
	return 0;
}

static void __exit selftest_debug_exit(void)
{
}

module_init(selftest_debug_init);
module_exit(selftest_debug_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("eoip test bed self-test: a KASAN, lockdep or kmemleak defect on request");
