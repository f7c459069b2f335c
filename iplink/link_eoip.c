// SPDX-License-Identifier: GPL-2.0
/*
 * link_eoip.so: the eoip and eoipv6 link kinds for iproute2's ip(8).
 *
 *   ip link add NAME type eoip remote ADDR tunnel-id ID [SETTINGS]
 *   ip link set NAME type eoip SETTINGS
 *   ip [-s] [-j] -d link show
 *   ip link help type eoip
 *
 * ip loads $IP_LIB_DIR/link_<kind>.so for a kind it does not know and
 * takes the symbol <kind>_link_util; link_eoipv6.so is this same object.
 * The words are the eoip tool's (tool/keywords.c parses them, tool/fields.c
 * says them back), the attributes its too (tool/info_data.c).
 */
#include <dlfcn.h>
#include <link.h>
#include <net/if.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "fields.h"
#include "info_data.h"
#include "iproute2_abi.h"
#include "keywords.h"
#include "tunnel.h"

#define EXPORT __attribute__((visibility("default")))

/*
 * The words that may follow 'type eoip': name, mtu and address (mac) are
 * ip link's own and come before 'type'.
 */
#define PLUGIN_SETTINGS (EOIP_P_INFO_DATA | EOIP_P_DSCP)

/* ip link words that people may put after 'type eoip' by habit */
static const char *const ip_link_words[] = {
	"name", "mtu", "address", "mac", "dev",
};

static void print_usage(FILE *f, const char *kind)
{
	fprintf(f,
		"Usage: ip link add NAME type %s remote ADDR tunnel-id ID [local ADDR]\n"
		"                 [ttl TTL] [dscp inherit|0..63 | tos TOS|inherit]\n"
		"                 [keepalive none|SECS[,RETRIES]]%s\n"
		"                 [clamp-tcp-mss yes|no] [link DEV|IFINDEX]\n"
		"       ip link set NAME type %s [the same settings, any of them]\n"
		"\n"
		"Where: ADDR := an %s address (local: or any)\n"
		"       ID := 0..%u, the same on both ends\n"
		"       TTL := 0..255 (0: 255, as RouterOS)\n"
		"       the defaults: dscp inherit, keepalive 10,10, clamp-tcp-mss yes%s\n"
		"mtu and address (the MAC) are ip link's own: give them before 'type'.\n",
		kind, strcmp(kind, EOIP6_KIND) ? " [dont-fragment no|yes|inherit]" : "",
		kind, strcmp(kind, EOIP6_KIND) ? "IPv4" : "IPv6",
		strcmp(kind, EOIP6_KIND) ? EOIP_TUNNEL_ID_MAX : EOIP6_TUNNEL_ID_MAX,
		strcmp(kind, EOIP6_KIND) ? ", dont-fragment no" : "");
}

static int kind_family(const struct link_util *lu)
{
	return strcmp(lu->id, EOIP6_KIND) ? AF_INET : AF_INET6;
}

/* ip's error form: "Error: ...", then where to look; nothing is sent. */
static int parse_error(const struct link_util *lu, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int parse_error(const struct link_util *lu, const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ".\nTry \"ip link help %s\".\n", lu->id);
	return -1;
}

struct request {
	struct nlmsghdr *n;
	bool overflow;
};

static void put_attr(void *msg, uint16_t type, const void *payload, size_t len)
{
	struct request *req = msg;

	if (addattr_l(req->n, EOIP_IP_REQUEST_ROOM, type, payload, (int)len))
		req->overflow = true;
}

static int eoip_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	struct eoip_settings settings = { 0 };
	char error[EOIP_ERROR_LEN];
	struct request req = { .n = n };
	bool create = n->nlmsg_flags & NLM_F_CREATE;

	for (int i = 0; i < argc; i += 2) {
		if (!strcmp(argv[i], "help")) {
			print_usage(stderr, lu->id);
			return -1;
		}
		for (size_t w = 0; w < sizeof(ip_link_words) / sizeof(ip_link_words[0]); w++)
			if (!strcmp(argv[i], ip_link_words[w]))
				return parse_error(lu, "'%s' is an ip link option: give it before 'type %s'",
						   argv[i], lu->id);
	}
	if (eoip_settings_parse(argc, argv, PLUGIN_SETTINGS, &settings, error) ||
	    (create && eoip_settings_complete_add(&settings, error)) ||
	    eoip_settings_check_family(&settings, kind_family(lu), error))
		return parse_error(lu, "%s", error);
	if (eoip_settings_resolve_link(&settings))
		return parse_error(lu, "link: no such interface '%s'",
				   settings.link_name);
	eoip_info_data_write(&settings, kind_family(lu), put_attr, &req);
	if (req.overflow)
		return parse_error(lu, "the request does not fit ip's buffer");
	return 0;
}

/* Text "word value " as ip prints its settings; JSON by key and type. */
static void print_ip_field(const struct eoip_field *field, void *data)
{
	char fmt[64];

	(void)data;
	if (field->unset)
		return;		/* ip says nothing of what is not set */
	if (field->word) {
		snprintf(fmt, sizeof(fmt), "%s %%s ", field->word);
		print_color_string(EOIP_IP_PRINT_FP, EOIP_IP_COLOR_NONE, NULL,
				   fmt, field->text);
	}
	if (!field->key)
		return;
	switch (field->type) {
	case EOIP_FIELD_STRING:
		print_color_string(EOIP_IP_PRINT_JSON, EOIP_IP_COLOR_NONE,
				   field->key, NULL, field->string);
		break;
	case EOIP_FIELD_UINT:
		print_color_u64(EOIP_IP_PRINT_JSON, EOIP_IP_COLOR_NONE,
				field->key, NULL, field->number);
		break;
	case EOIP_FIELD_BOOL:
		print_color_bool(EOIP_IP_PRINT_JSON, EOIP_IP_COLOR_NONE,
				 field->key, NULL, field->boolean);
		break;
	}
}

static void eoip_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	struct eoip_link tunnel = { 0 };

	(void)f;	/* ip's print helpers know where its output goes */
	if (!tb)
		return;
	tunnel.settings.family = kind_family(lu);
	snprintf(tunnel.kind, sizeof(tunnel.kind), "%s", lu->id);
	for (int type = 1; type <= lu->maxattr; type++)
		if (tb[type])
			eoip_info_data_read(&tunnel, (uint16_t)type,
					    RTA_DATA(tb[type]),
					    RTA_PAYLOAD(tb[type]));
	if (tunnel.settings.link_index &&
	    !if_indextoname(tunnel.settings.link_index, tunnel.link_name))
		tunnel.link_name[0] = '\0';
	eoip_address_fields(&tunnel, print_ip_field, NULL);
	eoip_option_fields(&tunnel, print_ip_field, NULL);
	eoip_keepalive_fields(&tunnel, print_ip_field, NULL);
	if (show_stats)
		eoip_keepalive_state_fields(&tunnel, print_ip_field, NULL);
}

static void eoip_print_help(struct link_util *lu, int argc, char **argv,
			    FILE *f)
{
	(void)argc;
	(void)argv;
	print_usage(f, lu->id);
}

static struct link_util eoip_util = {
	.id = EOIP_KIND,
	.maxattr = IFLA_EOIP_MAX,
	.parse_opt = eoip_parse_opt,
	.print_opt = eoip_print_opt,
	.print_help = eoip_print_help,
};

static struct link_util eoipv6_util = {
	.id = EOIP6_KIND,
	.maxattr = IFLA_EOIP_MAX,
	.parse_opt = eoip_parse_opt,
	.print_opt = eoip_print_opt,
	.print_help = eoip_print_help,
};

/* Does addr lie in the object (ip itself) that base was loaded from? */
static bool in_object(const void *addr, const void *base)
{
	Dl_info info;

	return addr && dladdr(addr, &info) && info.dli_fbase == base;
}

/*
 * The running ip's own gre_link_util, read as our struct link_util: of
 * our size, named "gre", its parser, printer and help in ip's code, and
 * no member holding something that is not a pointer into ip. A
 * different layout fails one of these. Fills why on failure.
 */
static bool layout_matches(char *why, size_t len)
{
	static const char *const symbols[] = { EOIP_IP_SYMBOLS };
	const struct link_util *gre;
	const ElfW(Sym) *sym = NULL;
	Dl_info info;

	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		if (!dlsym(RTLD_DEFAULT, symbols[i])) {
			snprintf(why, len, "it exports no %s", symbols[i]);
			return false;
		}
	}
	gre = dlsym(RTLD_DEFAULT, "gre_link_util");
	if (!gre || !dladdr1(gre, &info, (void **)&sym, RTLD_DL_SYMENT) || !sym) {
		snprintf(why, len, "it exports no gre_link_util to compare with");
		return false;
	}
	if (sym->st_size != sizeof(struct link_util)) {
		snprintf(why, len, "its struct link_util has %zu bytes, not %zu",
			 (size_t)sym->st_size, sizeof(struct link_util));
		return false;
	}
	if (!in_object(gre->id, info.dli_fbase) || strcmp(gre->id, "gre") ||
	    gre->maxattr <= 0 || gre->maxattr > 1024 ||
	    !in_object((const void *)gre->parse_opt, info.dli_fbase) ||
	    !in_object((const void *)gre->print_opt, info.dli_fbase) ||
	    !in_object((const void *)gre->print_help, info.dli_fbase) ||
	    (gre->print_xstats &&
	     !in_object((const void *)gre->print_xstats, info.dli_fbase)) ||
	    (gre->parse_ifla_xstats &&
	     !in_object((const void *)gre->parse_ifla_xstats, info.dli_fbase)) ||
	    (gre->print_ifla_xstats &&
	     !in_object((const void *)gre->print_ifla_xstats, info.dli_fbase))) {
		snprintf(why, len, "its gre_link_util is not laid out as this plugin's struct link_util");
		return false;
	}
	return true;
}

/* Checked once, on ip's first look-up; the refusal is said once. */
static bool layout_checked_ok(void)
{
	static int verdict = -1;
	char why[128];

	if (verdict < 0) {
		verdict = layout_matches(why, sizeof(why));
		if (!verdict)
			fprintf(stderr,
				"link_eoip.so: not loaded: built for iproute2 %s, but this ip differs (%s).\n"
				"link_eoip.so: rebuild it against this ip ('make' and 'make install' in eoip's source).\n",
				EOIP_IPROUTE2_VERSION, why);
	}
	return verdict;
}

/*
 * ip looks <kind>_link_util up with dlsym(). Each is an indirect symbol
 * (GNU ifunc): dlsym() returns what its resolver returns, our struct when
 * the running ip lays struct link_util out as we do, NULL otherwise. ip
 * then goes on as if there were no plugin: other kinds are untouched, and
 * 'type eoip' with settings is refused ("Garbage instead of arguments")
 * rather than half understood by an ip that would misread our struct.
 */
typedef void (*ifunc_value)(void);

static ifunc_value resolve_eoip(void)
{
	return layout_checked_ok() ? (ifunc_value)(void *)&eoip_util : NULL;
}

static ifunc_value resolve_eoipv6(void)
{
	return layout_checked_ok() ? (ifunc_value)(void *)&eoipv6_util : NULL;
}

EXPORT void eoip_link_util(void) __attribute__((ifunc("resolve_eoip")));
EXPORT void eoipv6_link_util(void) __attribute__((ifunc("resolve_eoipv6")));
