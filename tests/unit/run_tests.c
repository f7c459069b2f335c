// SPDX-License-Identifier: GPL-2.0
/* The unit test runner: runs every group, prints the tally, fails on any. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static int passed, failed;

void test_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		fputs("ok - ", stdout);
	} else {
		failed++;
		fputs("not ok - ", stdout);
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf("  (%s:%d)", file, line);
	putchar('\n');
}

void test_group(const char *name)
{
	printf("# %s\n", name);
}

#define MAX_ARGS 64

int test_parse_line(const char *line, struct eoip_cmdline *cmdline)
{
	char copy[1024];
	char *argv[MAX_ARGS];
	int argc = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (char *word = strtok(copy, " "); word && argc < MAX_ARGS;
	     word = strtok(NULL, " "))
		argv[argc++] = word;
	return eoip_parse(argc, argv, cmdline);
}

int main(void)
{
	test_parse();
	test_netlink();
	test_show();
	test_config();
	test_ipsec();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
