/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A very small test harness: every check prints what it asserts as
 * "ok - ..." or "not ok - ...", and the runner ends with "N passed, M failed".
 */
#ifndef EOIP_TEST_H
#define EOIP_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

void test_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define CHECK(cond, ...) test_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* Splits a command line at spaces and parses it ("add tid 1 remote ..."). */
int test_parse_line(const char *line, struct eoip_cmdline *cmdline);

/* A test group prints a heading, then its checks. */
void test_group(const char *name);

void test_parse(void);		/* test_parse.c */
void test_netlink(void);	/* test_netlink.c */
void test_show(void);		/* test_show.c */
void test_config(void);		/* test_config.c */
void test_ipsec(void);		/* test_ipsec.c */

#endif /* EOIP_TEST_H */
