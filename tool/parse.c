// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing: argv in, struct eoip_params out. Nothing here
 * touches the system, so every rule of the syntax is unit-tested on the
 * host (tests/unit/test_parse.c).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "parse.h"

struct command_word {
	const char *word;
	enum eoip_command command;
};

/* Synonyms as in the older tool, plus iproute2's del/delete pair. */
static const struct command_word command_words[] = {
	{ "add", EOIP_CMD_ADD },
	{ "new", EOIP_CMD_ADD },
	{ "change", EOIP_CMD_CHANGE },
	{ "set", EOIP_CMD_CHANGE },
	{ "del", EOIP_CMD_DEL },
	{ "delete", EOIP_CMD_DEL },
	{ "list", EOIP_CMD_LIST },
	{ "show", EOIP_CMD_SHOW },
	{ "version", EOIP_CMD_VERSION },
	{ "--version", EOIP_CMD_VERSION },
	{ "help", EOIP_CMD_HELP },
	{ "-h", EOIP_CMD_HELP },
	{ "--help", EOIP_CMD_HELP },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const char *eoip_command_name(enum eoip_command command)
{
	switch (command) {
	case EOIP_CMD_ADD:	return "add";
	case EOIP_CMD_CHANGE:	return "change";
	case EOIP_CMD_DEL:	return "del";
	case EOIP_CMD_LIST:	return "list";
	case EOIP_CMD_SHOW:	return "show";
	case EOIP_CMD_VERSION:	return "version";
	case EOIP_CMD_HELP:	return "help";
	case EOIP_CMD_NONE:	break;
	}
	return "";
}

const char *eoip_usage(enum eoip_command command)
{
	switch (command) {
	case EOIP_CMD_ADD:
		return "usage: eoip add [name NAME] tunnel-id ID [local ADDR] remote ADDR\n"
		       "                [ttl TTL] [dscp inherit|0..63] [link DEV|IFINDEX] [mtu MTU]\n"
		       "                [keepalive none|SECS[,RETRIES]] [mac XX:XX:XX:XX:XX:XX]\n"
		       "                [dont-fragment no|yes|inherit] [clamp-tcp-mss yes|no]\n"
		       "                [ipsec-secret SECRET|none]";
	case EOIP_CMD_CHANGE:
		return "usage: eoip change name NAME [tunnel-id ID] [local ADDR|any] [remote ADDR]\n"
		       "                   [ttl TTL] [dscp inherit|0..63] [link DEV|IFINDEX|none] [mtu MTU]\n"
		       "                   [keepalive none|SECS[,RETRIES]] [mac XX:XX:XX:XX:XX:XX]\n"
		       "                   [dont-fragment no|yes|inherit] [clamp-tcp-mss yes|no]\n"
		       "                   [ipsec-secret SECRET|none]";
	case EOIP_CMD_DEL:
		return "usage: eoip del [name] NAME";
	case EOIP_CMD_LIST:
		return "usage: eoip list";
	case EOIP_CMD_SHOW:
		return "usage: eoip show [[name] NAME]";
	case EOIP_CMD_VERSION:
		return "usage: eoip version";
	case EOIP_CMD_HELP:
		return "usage: eoip help [COMMAND]";
	case EOIP_CMD_NONE:
		break;
	}
	return "usage: eoip [-j] add|change|del|list|show|version|help ...";
}

static int fail(struct eoip_params *params, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct eoip_params *params, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(params->error, sizeof(params->error), fmt, ap);
	va_end(ap);
	return -1;
}

static enum eoip_command lookup_command(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(command_words); i++)
		if (!strcmp(word, command_words[i].word))
			return command_words[i].command;
	return EOIP_CMD_NONE;
}

static bool is_help_word(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

/*
 * Decimal (or 0x-prefixed hexadecimal when allow_hex) without sign, spaces
 * or trailing characters. -EINVAL: not a number; -ERANGE: outside min..max.
 */
static int parse_number(const char *text, bool allow_hex, uint32_t min,
			uint32_t max, uint32_t *value)
{
	int base = 10;
	const char *digits = text;
	unsigned long long n = 0;

	if (allow_hex && (!strncmp(text, "0x", 2) || !strncmp(text, "0X", 2))) {
		base = 16;
		digits = text + 2;
	}
	if (!*digits)
		return -EINVAL;
	for (const char *c = digits; *c; c++) {
		int d;

		if (isdigit((unsigned char)*c))
			d = *c - '0';
		else if (base == 16 && isxdigit((unsigned char)*c))
			d = tolower((unsigned char)*c) - 'a' + 10;
		else
			return -EINVAL;
		n = n * base + d;
		if (n > UINT32_MAX)
			return -ERANGE;
	}
	if (n < min || n > max)
		return -ERANGE;
	*value = (uint32_t)n;
	return 0;
}

int eoip_parse_u32(const char *text, uint32_t min, uint32_t max,
		   uint32_t *value)
{
	return parse_number(text, false, min, max, value);
}

static int number_param(struct eoip_params *params, const char *keyword,
			const char *text, bool allow_hex, uint32_t min,
			uint32_t max, uint32_t *value)
{
	int err = parse_number(text, allow_hex, min, max, value);

	if (err == -EINVAL)
		return fail(params, "%s '%s' is not a number", keyword, text);
	if (err == -ERANGE)
		return fail(params, "%s %s is out of range %u..%u", keyword,
			    text, min, max);
	return 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Exactly six colon-separated pairs of hex digits. */
int eoip_parse_mac(const char *text, uint8_t mac[6])
{
	static const size_t mac_text_len = sizeof("xx:xx:xx:xx:xx:xx") - 1;

	if (strlen(text) != mac_text_len)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		const char *pair = text + 3 * i;
		int hi = hex_digit(pair[0]), lo = hex_digit(pair[1]);

		if (hi < 0 || lo < 0 || (i < 5 && pair[2] != ':'))
			return -EINVAL;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* The rules of the kernel's dev_valid_name(), so errors come early. */
static bool valid_ifname(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= IF_NAMESIZE)
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (const char *c = name; *c; c++)
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c))
			return false;
	return true;
}

static int name_param(struct eoip_params *params, const char *keyword,
		      const char *text, char out[IF_NAMESIZE])
{
	if (!valid_ifname(text))
		return fail(params,
			    "%s '%s' is not a valid interface name (1 to %d characters, no '/', ':' or spaces)",
			    keyword, text, IF_NAMESIZE - 1);
	strcpy(out, text);
	return 0;
}

static bool addr_is_unspecified(const struct eoip_addr *addr)
{
	if (addr->family == AF_INET)
		return addr->v4.s_addr == htonl(INADDR_ANY);
	if (addr->family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&addr->v6);
	return true;
}

static int addr_param(struct eoip_params *params, const char *keyword,
		      const char *text, bool allow_any, struct eoip_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	if (allow_any && !strcmp(text, "any")) {
		addr->family = AF_UNSPEC;
		return 0;
	}
	if (inet_pton(AF_INET, text, &addr->v4) == 1) {
		addr->family = AF_INET;
	} else if (inet_pton(AF_INET6, text, &addr->v6) == 1) {
		addr->family = AF_INET6;
	} else {
		return fail(params, "%s '%s' is not an IPv4 or IPv6 address",
			    keyword, text);
	}
	if (!allow_any && addr_is_unspecified(addr))
		return fail(params, "%s %s is the unspecified address: give the peer's address",
			    keyword, text);
	return 0;
}

/* none | SECS[s][,RETRIES] */
static int keepalive_param(struct eoip_params *params, const char *text)
{
	char interval[16];
	const char *comma = strchr(text, ',');
	size_t len = comma ? (size_t)(comma - text) : strlen(text);
	uint32_t value;

	if (!strcmp(text, "none")) {
		params->keepalive_interval = 0;
		return 0;
	}
	if (len == 0 || len >= sizeof(interval))
		return fail(params, "keepalive '%s' is not 'none' or SECS[,RETRIES]",
			    text);
	memcpy(interval, text, len);
	interval[len] = '\0';
	/* RouterOS writes the interval with a unit: accept "10s" too */
	if (len > 1 && interval[len - 1] == 's')
		interval[len - 1] = '\0';

	if (parse_number(interval, false, 0, UINT32_MAX, &value))
		return fail(params, "keepalive '%s' is not 'none' or SECS[,RETRIES]",
			    text);
	if (value < 1 || value > EOIP_KEEPALIVE_INTERVAL_MAX)
		return fail(params,
			    "keepalive interval %s is out of range 1..%d (use 'keepalive none' to turn keepalive off)",
			    interval, EOIP_KEEPALIVE_INTERVAL_MAX);
	params->keepalive_interval = value;

	if (comma) {
		if (number_param(params, "keepalive retries", comma + 1, false,
				 0, EOIP_KA_RETRIES_MAX, &value))
			return -1;
		params->keepalive_retries = (uint8_t)value;
		params->present |= EOIP_P_KA_RETRIES;
	}
	return 0;
}

static int link_param(struct eoip_params *params, const char *text)
{
	uint32_t index;

	params->link_index = 0;
	params->link_name[0] = '\0';
	if (!strcmp(text, "none"))
		return 0;
	if (isdigit((unsigned char)text[0])) {
		if (number_param(params, "link", text, false, 1, INT_MAX, &index))
			return -1;
		params->link_index = index;
		return 0;
	}
	return name_param(params, "link", text, params->link_name);
}

/*
 * none, or 1..EOIP_IPSEC_SECRET_MAX printable characters without blanks:
 * a configuration file's line is KEY VALUE. The secret itself is never
 * quoted back in an error.
 */
static int ipsec_secret_param(struct eoip_params *params, const char *text)
{
	size_t len = strlen(text);

	params->ipsec_secret[0] = '\0';
	if (!strcmp(text, "none"))
		return 0;
	if (len == 0 || len > EOIP_IPSEC_SECRET_MAX)
		return fail(params, "ipsec-secret must be 1..%d characters long (or none)",
			    EOIP_IPSEC_SECRET_MAX);
	for (const char *c = text; *c; c++)
		if (*c <= ' ' || *c > '~')
			return fail(params,
				    "ipsec-secret may hold only printable ASCII characters, no blanks (character %zu is not one)",
				    (size_t)(c - text) + 1);
	memcpy(params->ipsec_secret, text, len + 1);
	return 0;
}

static int enum_param(struct eoip_params *params, const char *keyword,
		      const char *text, const char *const words[],
		      size_t count, uint8_t *value)
{
	char choices[64] = "";

	for (size_t i = 0; i < count; i++) {
		if (!strcmp(text, words[i])) {
			*value = (uint8_t)i;
			return 0;
		}
		snprintf(choices + strlen(choices),
			 sizeof(choices) - strlen(choices), "%s%s",
			 i ? (i + 1 == count ? " or " : ", ") : "", words[i]);
	}
	return fail(params, "%s '%s' is not %s", keyword, text, choices);
}

struct keyword {
	const char *word;
	unsigned int bit;
	const char *value_hint;
};

static const struct keyword keywords[] = {
	{ "name",		EOIP_P_NAME,		"an interface name" },
	{ "tunnel-id",		EOIP_P_TUNNEL_ID,	"a number" },
	{ "tid",		EOIP_P_TUNNEL_ID,	"a number" },
	{ "local",		EOIP_P_LOCAL,		"an address" },
	{ "remote",		EOIP_P_REMOTE,		"an address" },
	{ "ttl",		EOIP_P_TTL,		"0..255" },
	{ "tos",		EOIP_P_TOS,		"0..255 or inherit" },
	{ "dscp",		EOIP_P_DSCP,		"inherit or 0..63" },
	{ "link",		EOIP_P_LINK,		"a device name or index" },
	{ "mtu",		EOIP_P_MTU,		"68..65535" },
	{ "keepalive",		EOIP_P_KEEPALIVE,	"none or SECS[,RETRIES]" },
	{ "mac",		EOIP_P_MAC,		"XX:XX:XX:XX:XX:XX" },
	{ "dont-fragment",	EOIP_P_DONT_FRAGMENT,	"no, yes or inherit" },
	{ "clamp-tcp-mss",	EOIP_P_CLAMP_TCP_MSS,	"yes or no" },
	{ "ipsec-secret",	EOIP_P_IPSEC_SECRET,	"a pre-shared key or none" },
};

static const struct keyword *lookup_keyword(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(keywords); i++)
		if (!strcmp(word, keywords[i].word))
			return &keywords[i];
	return NULL;
}

static int tunnel_param(struct eoip_params *params, const struct keyword *kw,
			const char *value)
{
	static const char *const df_words[] = {
		[EOIP_DF_NO] = "no",
		[EOIP_DF_YES] = "yes",
		[EOIP_DF_INHERIT] = "inherit",
	};
	static const char *const no_yes[] = { "no", "yes" };
	uint32_t n;

	switch (kw->bit) {
	case EOIP_P_NAME:
		return name_param(params, "name", value, params->name);
	case EOIP_P_TUNNEL_ID:
		/* the family's own limit is checked once the family is known */
		if (number_param(params, "tunnel-id", value, false, 0,
				 EOIP_TUNNEL_ID_MAX, &n))
			return -1;
		params->tunnel_id = n;
		return 0;
	case EOIP_P_LOCAL:
		return addr_param(params, "local", value, true, &params->local);
	case EOIP_P_REMOTE:
		return addr_param(params, "remote", value, false, &params->remote);
	case EOIP_P_TTL:
		if (number_param(params, "ttl", value, false, 0, EOIP_TTL_MAX, &n))
			return -1;
		params->ttl = (uint8_t)n;
		return 0;
	case EOIP_P_TOS:
		if (!strcmp(value, "inherit")) {
			params->tos = EOIP_TOS_INHERIT;
			return 0;
		}
		if (number_param(params, "tos", value, true, 0, EOIP_TOS_MAX, &n))
			return -1;
		params->tos = (uint8_t)n;
		return 0;
	case EOIP_P_DSCP:
		if (!strcmp(value, "inherit")) {
			params->tos = EOIP_TOS_INHERIT;
			return 0;
		}
		if (number_param(params, "dscp", value, false, 0, EOIP_DSCP_MAX, &n))
			return -1;
		params->tos = (uint8_t)(n << EOIP_DSCP_SHIFT);
		return 0;
	case EOIP_P_LINK:
		return link_param(params, value);
	case EOIP_P_MTU:
		if (number_param(params, "mtu", value, false, EOIP_MTU_MIN,
				 EOIP_MTU_MAX, &n))
			return -1;
		params->mtu = n;
		return 0;
	case EOIP_P_KEEPALIVE:
		return keepalive_param(params, value);
	case EOIP_P_MAC:
		if (eoip_parse_mac(value, params->mac))
			return fail(params, "mac '%s' is not of the form XX:XX:XX:XX:XX:XX",
				    value);
		if (params->mac[0] & 0x01)
			return fail(params, "mac %s is a multicast address: a tunnel needs a unicast one",
				    value);
		if (!memcmp(params->mac, "\0\0\0\0\0\0", 6))
			return fail(params, "mac %s is all zeros", value);
		return 0;
	case EOIP_P_DONT_FRAGMENT:
		return enum_param(params, "dont-fragment", value, df_words,
				  ARRAY_SIZE(df_words), &params->dont_fragment);
	case EOIP_P_CLAMP_TCP_MSS:
		return enum_param(params, "clamp-tcp-mss", value, no_yes,
				  ARRAY_SIZE(no_yes), &params->clamp_tcp_mss);
	case EOIP_P_IPSEC_SECRET:
		return ipsec_secret_param(params, value);
	}
	return fail(params, "internal error: keyword '%s' not handled", kw->word);
}

static int parse_settings(int argc, char **argv, unsigned int allowed,
			  struct eoip_params *params)
{
	/* keyword value pairs */
	for (int i = 0; i < argc; i += 2) {
		const struct keyword *kw = lookup_keyword(argv[i]);

		if (!kw || !(kw->bit & allowed))
			return fail(params, "unknown keyword '%s'", argv[i]);
		if (params->present & kw->bit)
			return fail(params, "'%s' is given twice", argv[i]);
		if (i + 1 >= argc)
			return fail(params, "'%s' needs a value (%s)", argv[i],
				    kw->value_hint);
		if (tunnel_param(params, kw, argv[i + 1]))
			return -1;
		params->present |= kw->bit;
	}
	/* RouterOS's dscp, and tos for the older tool: the same attribute */
	if (params->present & EOIP_P_DSCP) {
		if (params->present & EOIP_P_TOS)
			return fail(params, "give dscp or tos, not both (dscp D is tos D*4)");
		params->present = (params->present & ~EOIP_P_DSCP) | EOIP_P_TOS;
	}
	return 0;
}

/* The family the given addresses decide, refusing a mix. */
static int decide_family(struct eoip_params *params)
{
	int local = (params->present & EOIP_P_LOCAL) ? params->local.family : AF_UNSPEC;
	int remote = (params->present & EOIP_P_REMOTE) ? params->remote.family : AF_UNSPEC;

	if (local != AF_UNSPEC && remote != AF_UNSPEC && local != remote)
		return fail(params, "local and remote must be the same address family");
	params->family = remote != AF_UNSPEC ? remote : local;
	return 0;
}

const char *eoip_kind_for_family(int family)
{
	return family == AF_INET6 ? EOIP6_KIND : EOIP_KIND;
}

int eoip_params_check_family(struct eoip_params *params, int family)
{
	const char *kind = eoip_kind_for_family(family);
	uint32_t id_max = family == AF_INET6 ? EOIP6_TUNNEL_ID_MAX : EOIP_TUNNEL_ID_MAX;
	const char *want = family == AF_INET6 ? "IPv6" : "IPv4";

	if ((params->present & EOIP_P_TUNNEL_ID) && params->tunnel_id > id_max)
		return fail(params, "tunnel-id %u is out of range 0..%u for %s",
			    params->tunnel_id, id_max, kind);
	if ((params->present & EOIP_P_LOCAL) &&
	    params->local.family != AF_UNSPEC && params->local.family != family)
		return fail(params, "local must be an %s address for %s", want, kind);
	if ((params->present & EOIP_P_REMOTE) && params->remote.family != family)
		return fail(params, "remote must be an %s address for %s", want, kind);
	/* DF is a bit of the IPv4 header: IPv6 has nothing to set or copy */
	if (family == AF_INET6 && (params->present & EOIP_P_DONT_FRAGMENT) &&
	    params->dont_fragment != EOIP_DF_NO)
		return fail(params, "dont-fragment applies to eoip (IPv4) only: eoipv6 takes only 'no'");
	return 0;
}

int eoip_params_complete_add(struct eoip_params *params)
{
	if (!(params->present & EOIP_P_TUNNEL_ID))
		return fail(params, "tunnel-id is required (0..%d, the same on both ends)",
			    EOIP_TUNNEL_ID_MAX);
	if (!(params->present & EOIP_P_REMOTE))
		return fail(params, "remote is required (the peer's address)");
	/* RouterOS's default, sent so that the older module inherits too */
	if (!(params->present & EOIP_P_TOS)) {
		params->tos = EOIP_TOS_INHERIT;
		params->present |= EOIP_P_TOS;
	}
	return 0;
}

int eoip_parse_settings(int argc, char **argv, unsigned int allowed,
			struct eoip_params *params)
{
	return parse_settings(argc, argv, allowed, params) ||
	       decide_family(params) ? -1 : 0;
}

static int parse_add(struct eoip_params *params)
{
	if (eoip_params_complete_add(params))
		return -1;
	return eoip_params_check_family(params, params->family);
}

static int parse_change(struct eoip_params *params)
{
	if (!(params->present & EOIP_P_NAME))
		return fail(params, "name is required (the tunnel to change)");
	if (!(params->present & ~EOIP_P_NAME))
		return fail(params, "nothing to change: give at least one parameter");
	if (params->family != AF_UNSPEC)
		return eoip_params_check_family(params, params->family);
	return 0;
}

/* [name] NAME, optional for show, required for del */
static int parse_name_only(int argc, char **argv, struct eoip_params *params,
			   bool required)
{
	int i = 1;

	if (i < argc && !strcmp(argv[i], "name")) {
		if (i + 1 >= argc)
			return fail(params, "'name' needs a value (an interface name)");
		i++;
	}
	if (i < argc) {
		if (name_param(params, "name", argv[i], params->name))
			return -1;
		params->present |= EOIP_P_NAME;
		i++;
	}
	if (i < argc)
		return fail(params, "unexpected argument '%s'", argv[i]);
	if (required && !(params->present & EOIP_P_NAME))
		return fail(params, "name is required (the tunnel to delete)");
	return 0;
}

static int parse_no_args(int argc, char **argv, struct eoip_params *params)
{
	if (argc > 1)
		return fail(params, "unexpected argument '%s'", argv[1]);
	return 0;
}

static int parse_help(int argc, char **argv, struct eoip_params *params)
{
	if (argc > 2)
		return fail(params, "unexpected argument '%s'", argv[2]);
	if (argc == 2) {
		params->help_topic = lookup_command(argv[1]);
		if (params->help_topic == EOIP_CMD_NONE)
			return fail(params, "no such command '%s'", argv[1]);
	}
	return 0;
}

int eoip_parse(int argc, char **argv, struct eoip_params *params)
{
	memset(params, 0, sizeof(*params));
	if (argc < 1)
		return fail(params, "no command given");

	params->command = lookup_command(argv[0]);
	switch (params->command) {
	case EOIP_CMD_NONE:
		return fail(params, "unknown command '%s'", argv[0]);
	case EOIP_CMD_HELP:
		return parse_help(argc, argv, params);
	default:
		break;
	}

	if (argc == 2 && is_help_word(argv[1])) {
		params->help_topic = params->command;
		params->command = EOIP_CMD_HELP;
		return 0;
	}

	switch (params->command) {
	case EOIP_CMD_ADD:
	case EOIP_CMD_CHANGE:
		if (eoip_parse_settings(argc - 1, argv + 1, EOIP_P_SETTINGS,
					params))
			return -1;
		if (params->command == EOIP_CMD_ADD)
			return parse_add(params);
		return parse_change(params);
	case EOIP_CMD_DEL:
		return parse_name_only(argc, argv, params, true);
	case EOIP_CMD_SHOW:
		return parse_name_only(argc, argv, params, false);
	case EOIP_CMD_LIST:
	case EOIP_CMD_VERSION:
		return parse_no_args(argc, argv, params);
	case EOIP_CMD_HELP:
	case EOIP_CMD_NONE:
		break;
	}
	return 0;
}
