// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for ip(8) that loads link_eoip.so as ip does (dlopen, then
 * dlsym of eoip_link_util), with a gre_link_util of the layout chosen at
 * compile time:
 *
 *   LAYOUT_XSTATS   ip 4.11 and later: the plugin must load
 *   LAYOUT_HELP     ip before 4.11 (no ifla_xstats members): refused
 *   LAYOUT_SHIFTED  a made-up future ip of the same size (72 bytes): a
 *                   member added after id, the last one gone: refused
 *
 * Prints "loaded" (exit 0) or "refused" (exit 3); exit 1 on a set-up error.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct nlmsghdr;
struct rtattr;

struct link_util {
	struct link_util *next;
	const char *id;
#if defined(LAYOUT_SHIFTED)
	const char *alias;
#endif
	int maxattr;
	int (*parse_opt)(struct link_util *, int, char **, struct nlmsghdr *);
	void (*print_opt)(struct link_util *, FILE *, struct rtattr *[]);
	void (*print_xstats)(struct link_util *, FILE *, struct rtattr *);
	void (*print_help)(struct link_util *, int, char **, FILE *);
#if defined(LAYOUT_XSTATS) || defined(LAYOUT_SHIFTED)
	int (*parse_ifla_xstats)(struct link_util *, int, char **);
#endif
#if defined(LAYOUT_XSTATS)
	int (*print_ifla_xstats)(struct nlmsghdr *, void *);
#endif
};

/* What the plugin takes from ip; never called here. */
int show_stats;
int print_color_string(int type, int color, const char *key, const char *fmt,
		       const char *value);
int print_color_u64(int type, int color, const char *key, const char *fmt,
		    uint64_t value);
int print_color_bool(int type, int color, const char *key, const char *fmt,
		     bool value);
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);

int print_color_string(int type, int color, const char *key, const char *fmt,
		       const char *value)
{
	(void)type, (void)color, (void)key, (void)fmt, (void)value;
	return 0;
}

int print_color_u64(int type, int color, const char *key, const char *fmt,
		    uint64_t value)
{
	(void)type, (void)color, (void)key, (void)fmt, (void)value;
	return 0;
}

int print_color_bool(int type, int color, const char *key, const char *fmt,
		     bool value)
{
	(void)type, (void)color, (void)key, (void)fmt, (void)value;
	return 0;
}

int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen)
{
	(void)n, (void)maxlen, (void)type, (void)data, (void)alen;
	return 0;
}

static int gre_parse_opt(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n)
{
	(void)lu, (void)argc, (void)argv, (void)n;
	return 0;
}

static void gre_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	(void)lu, (void)f, (void)tb;
}

static void gre_print_help(struct link_util *lu, int argc, char **argv,
			   FILE *f)
{
	(void)lu, (void)argc, (void)argv, (void)f;
}

struct link_util gre_link_util = {
	.id = "gre",
#if defined(LAYOUT_SHIFTED)
	.alias = "gre",
#endif
	.maxattr = 20,
	.parse_opt = gre_parse_opt,
	.print_opt = gre_print_opt,
	.print_help = gre_print_help,
};

int main(int argc, char **argv)
{
	const struct link_util *lu;
	void *plugin;

	if (argc != 2) {
		fprintf(stderr, "usage: fake_ip PLUGIN\n");
		return 1;
	}
	plugin = dlopen(argv[1], RTLD_LAZY);
	if (!plugin) {
		fprintf(stderr, "fake_ip: %s\n", dlerror());
		return 1;
	}
	lu = dlsym(plugin, "eoip_link_util");
	if (!lu) {
		puts("refused");
		return 3;
	}
	/* our layout: the plugin's struct must read back as itself */
	if (strcmp(lu->id, "eoip") || !lu->parse_opt || !lu->print_opt) {
		fprintf(stderr, "fake_ip: eoip_link_util does not read as a struct link_util\n");
		return 1;
	}
	puts("loaded");
	return 0;
}
