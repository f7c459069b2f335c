/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What link_eoip.so uses of ip(8): iproute2 installs no headers, so the
 * plugin declares here the little it relies on, as the ip binary exports
 * it (ip is linked with --export-dynamic).
 *
 * struct link_util is ip's description of a link kind; ip finds ours as
 * the symbol <kind>_link_util. Its layout is iproute2's own business and
 * has changed before; the one below is chosen by the build
 * (probe-iproute2.sh writes iproute2.h from the installed ip) and
 * checked again against the running ip when the plugin is loaded
 * (link_eoip.c: layout_matches()).
 */
#ifndef EOIP_IPROUTE2_ABI_H
#define EOIP_IPROUTE2_ABI_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "iproute2.h"	/* generated: EOIP_IPROUTE2_* of the probed ip */

#if defined(EOIP_IPROUTE2_LAYOUT_XSTATS)
/*
 * iproute2 4.11 to at least 7.3: the two ifla_xstats members were added
 * in 4.11 (ip link xstats); nothing since. We leave them NULL, as most of
 * ip's own kinds do.
 */
struct link_util {
	struct link_util *next;		/* ip's list of kinds it has met */
	const char *id;			/* the kind */
	int maxattr;			/* highest IFLA_INFO_DATA attribute */
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f,
			     struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv,
			   FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};
#else
#error "no struct link_util layout chosen: iproute2.h comes from probe-iproute2.sh"
#endif

_Static_assert(sizeof(struct link_util) == EOIP_IPROUTE2_LINK_UTIL_SIZE,
	       "struct link_util differs in size from the probed ip's gre_link_util");

/* ip's output modes (json_print.h), unchanged since JSON output came */
enum eoip_ip_output {
	EOIP_IP_PRINT_FP = 1,		/* text only */
	EOIP_IP_PRINT_JSON = 2,		/* JSON only */
};

/* the last value of ip's enum color_attr: no colour */
#define EOIP_IP_COLOR_NONE 6

/* ip's helpers, by the names it exports; each returns what it printed */
int print_color_string(int type, int color, const char *key, const char *fmt,
		       const char *value);
int print_color_u64(int type, int color, const char *key, const char *fmt,
		    uint64_t value);
int print_color_bool(int type, int color, const char *key, const char *fmt,
		     bool value);
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);
extern int show_stats;		/* ip -s */

/* The helpers above, for the load-time check that the running ip has them. */
#define EOIP_IP_SYMBOLS "print_color_string", "print_color_u64", \
			"print_color_bool", "addattr_l", "show_stats"

/* The room ip's iplink_modify() gives a request (its own kinds pass 1024). */
#define EOIP_IP_REQUEST_ROOM 1024

#endif /* EOIP_IPROUTE2_ABI_H */
