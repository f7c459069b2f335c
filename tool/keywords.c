// SPDX-License-Identifier: GPL-2.0
/*
 * The parameter keywords (keywords.h): keyword-value pairs in, struct
 * eoip_settings out. Nothing here touches the system, so every rule of the
 * syntax is unit-tested on the host (tests/unit/test_parse.c).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "keywords.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const struct eoip_keyword eoip_keywords[] = {
	{
		.word = "name", .bit = EOIP_P_NAME, .value = "NAME",
		.hint = "an interface name",
	}, {
		.word = "tunnel-id", .synonym = "tid", .bit = EOIP_P_TUNNEL_ID,
		.value = "ID", .hint = "a number",
		.help = "0..65535 for eoip, 0..4095 for eoipv6; the same on both ends",
	}, {
		.word = "local", .bit = EOIP_P_LOCAL, .value = "ADDR|any",
		.hint = "an address",
		.help = "source address; unset or any: chosen by routing",
	}, {
		.word = "remote", .bit = EOIP_P_REMOTE, .value = "ADDR",
		.hint = "an address",
		.help = "the peer's address (IPv4 or IPv6, as local)",
	}, {
		.word = "ttl", .bit = EOIP_P_TTL, .value = "TTL", .hint = "0..255",
		.help = "0..255, 0 = the default, 255 (as RouterOS)",
	}, {
		.word = "dscp", .bit = EOIP_P_DSCP, .value = "inherit|DSCP",
		.hint = "inherit or 0..63",
		.help = "outer DSCP: inherit (the default, as RouterOS) copies the\n"
			"inner IP packet's, or 0..63",
	}, {
		.word = "tos", .bit = EOIP_P_TOS, .value = "TOS|inherit",
		.hint = "0..255 or inherit",
		.help = "the same as the older eoip tool says it: the whole TOS\n"
			"byte, 0..255 (decimal or 0xNN); dscp D is tos D*4",
		.alternative = true,
	}, {
		.word = "link", .bit = EOIP_P_LINK, .value = "DEV|IFINDEX|none",
		.hint = "a device name or index",
		.help = "send through this underlay device only",
	}, {
		.word = "mtu", .bit = EOIP_P_MTU, .value = "MTU",
		.hint = "68..65535",
		.help = "68..65535; default 1458 (eoip) or 1444 (eoipv6)",
	}, {
		.word = "keepalive", .bit = EOIP_P_KEEPALIVE,
		.value = "none|SECS[,RETRIES]", .hint = "none or SECS[,RETRIES]",
		.help = "send a keepalive every SECS (1..3600); carrier off after\n"
			"RETRIES (0..255, 0 = never) silent intervals; default 10,10",
	}, {
		.word = "mac", .bit = EOIP_P_MAC, .value = "XX:XX:XX:XX:XX:XX",
		.hint = "XX:XX:XX:XX:XX:XX",
		.help = "the tunnel's Ethernet address (default: random)",
	}, {
		.word = "dont-fragment", .bit = EOIP_P_DONT_FRAGMENT,
		.value = "no|yes|inherit", .hint = "no, yes or inherit",
		.help = "DF on outer IPv4 packets; default no (as RouterOS)",
	}, {
		.word = "clamp-tcp-mss", .bit = EOIP_P_CLAMP_TCP_MSS,
		.value = "yes|no", .hint = "yes or no",
		.help = "lower the MSS of TCP SYNs leaving the tunnel to its\n"
			"MTU - 40 (IPv4) or - 60 (IPv6); default yes (as RouterOS)",
	}, {
		.word = "ipsec-secret", .bit = EOIP_P_IPSEC_SECRET,
		.value = "SECRET|none", .hint = "a pre-shared key or none",
		.help = "encrypt the tunnel's packets with IPsec (strongSwan's\n"
			"charon, RouterOS's defaults: IKEv1, this pre-shared\n"
			"key, ESP transport mode); none: no IPsec (the default)",
	},
};

const size_t eoip_keyword_count = ARRAY_SIZE(eoip_keywords);

const struct eoip_keyword *eoip_keyword_lookup(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(eoip_keywords); i++) {
		const struct eoip_keyword *kw = &eoip_keywords[i];

		if (!strcmp(word, kw->word) ||
		    (kw->synonym && !strcmp(word, kw->synonym)))
			return kw;
	}
	return NULL;
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

static int number_param(char *error, const char *keyword,
			const char *text, bool allow_hex, uint32_t min,
			uint32_t max, uint32_t *value)
{
	int err = parse_number(text, allow_hex, min, max, value);

	if (err == -EINVAL)
		return eoip_set_error(error, "%s '%s' is not a number", keyword, text);
	if (err == -ERANGE)
		return eoip_set_error(error, "%s %s is out of range %u..%u", keyword,
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

static int name_param(char *error, const char *keyword,
		      const char *text, char out[IF_NAMESIZE])
{
	if (!valid_ifname(text))
		return eoip_set_error(error,
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

static int addr_param(char *error, const char *keyword,
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
		return eoip_set_error(error, "%s '%s' is not an IPv4 or IPv6 address",
				      keyword, text);
	}
	if (!allow_any && addr_is_unspecified(addr))
		return eoip_set_error(error, "%s %s is the unspecified address: give the peer's address",
				      keyword, text);
	return 0;
}

/* none | SECS[s][,RETRIES] */
static int keepalive_param(struct eoip_settings *s, char *error,
			   const char *text)
{
	char interval[16];
	const char *comma = strchr(text, ',');
	size_t len = comma ? (size_t)(comma - text) : strlen(text);
	uint32_t value;

	if (!strcmp(text, "none")) {
		s->keepalive_interval = 0;
		return 0;
	}
	if (len == 0 || len >= sizeof(interval))
		return eoip_set_error(error, "keepalive '%s' is not 'none' or SECS[,RETRIES]",
				      text);
	memcpy(interval, text, len);
	interval[len] = '\0';
	/* RouterOS writes the interval with a unit: accept "10s" too */
	if (len > 1 && interval[len - 1] == 's')
		interval[len - 1] = '\0';

	if (parse_number(interval, false, 0, UINT32_MAX, &value))
		return eoip_set_error(error, "keepalive '%s' is not 'none' or SECS[,RETRIES]",
				      text);
	if (value < 1 || value > EOIP_KEEPALIVE_INTERVAL_MAX)
		return eoip_set_error(error,
				      "keepalive interval %s is out of range 1..%d (use 'keepalive none' to turn keepalive off)",
				      interval, EOIP_KEEPALIVE_INTERVAL_MAX);
	s->keepalive_interval = value;

	if (comma) {
		if (number_param(error, "keepalive retries", comma + 1, false,
				 0, EOIP_KA_RETRIES_MAX, &value))
			return -1;
		s->keepalive_retries = (uint8_t)value;
		s->present |= EOIP_P_KA_RETRIES;
	}
	return 0;
}

static int link_param(struct eoip_settings *s, char *error, const char *text)
{
	uint32_t index;

	s->link_index = 0;
	s->link_name[0] = '\0';
	if (!strcmp(text, "none"))
		return 0;
	if (isdigit((unsigned char)text[0])) {
		if (number_param(error, "link", text, false, 1, INT_MAX, &index))
			return -1;
		s->link_index = index;
		return 0;
	}
	return name_param(error, "link", text, s->link_name);
}

/*
 * none, or 1..EOIP_IPSEC_SECRET_MAX printable characters without blanks:
 * a configuration file's line is KEY VALUE. The secret itself is never
 * quoted back in an error.
 */
static int ipsec_secret_param(struct eoip_settings *s, char *error,
			      const char *text)
{
	size_t len = strlen(text);

	s->ipsec_secret[0] = '\0';
	if (!strcmp(text, "none"))
		return 0;
	if (len == 0 || len > EOIP_IPSEC_SECRET_MAX)
		return eoip_set_error(error, "ipsec-secret must be 1..%d characters long (or none)",
				      EOIP_IPSEC_SECRET_MAX);
	for (const char *c = text; *c; c++)
		if (*c <= ' ' || *c > '~')
			return eoip_set_error(error,
					      "ipsec-secret may hold only printable ASCII characters, no blanks (character %zu is not one)",
					      (size_t)(c - text) + 1);
	memcpy(s->ipsec_secret, text, len + 1);
	return 0;
}

static int enum_param(char *error, const char *keyword,
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
	return eoip_set_error(error, "%s '%s' is not %s", keyword, text, choices);
}

static int keyword_value(struct eoip_settings *s, char *error,
			 const struct eoip_keyword *kw, const char *value)
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
		return name_param(error, "name", value, s->name);
	case EOIP_P_TUNNEL_ID:
		/* the family's own limit is checked once the family is known */
		if (number_param(error, "tunnel-id", value, false, 0,
				 EOIP_TUNNEL_ID_MAX, &n))
			return -1;
		s->tunnel_id = n;
		return 0;
	case EOIP_P_LOCAL:
		return addr_param(error, "local", value, true, &s->local);
	case EOIP_P_REMOTE:
		return addr_param(error, "remote", value, false, &s->remote);
	case EOIP_P_TTL:
		if (number_param(error, "ttl", value, false, 0, EOIP_TTL_MAX, &n))
			return -1;
		s->ttl = (uint8_t)n;
		return 0;
	case EOIP_P_TOS:
		if (!strcmp(value, "inherit")) {
			s->tos = EOIP_TOS_INHERIT;
			return 0;
		}
		if (number_param(error, "tos", value, true, 0, EOIP_TOS_MAX, &n))
			return -1;
		s->tos = (uint8_t)n;
		return 0;
	case EOIP_P_DSCP:
		if (!strcmp(value, "inherit")) {
			s->tos = EOIP_TOS_INHERIT;
			return 0;
		}
		if (number_param(error, "dscp", value, false, 0, EOIP_DSCP_MAX, &n))
			return -1;
		s->tos = (uint8_t)(n << EOIP_DSCP_SHIFT);
		return 0;
	case EOIP_P_LINK:
		return link_param(s, error, value);
	case EOIP_P_MTU:
		if (number_param(error, "mtu", value, false, EOIP_MTU_MIN,
				 EOIP_MTU_MAX, &n))
			return -1;
		s->mtu = n;
		return 0;
	case EOIP_P_KEEPALIVE:
		return keepalive_param(s, error, value);
	case EOIP_P_MAC:
		if (eoip_parse_mac(value, s->mac))
			return eoip_set_error(error, "mac '%s' is not of the form XX:XX:XX:XX:XX:XX",
					      value);
		if (s->mac[0] & 0x01)
			return eoip_set_error(error, "mac %s is a multicast address: a tunnel needs a unicast one",
					      value);
		if (!memcmp(s->mac, "\0\0\0\0\0\0", 6))
			return eoip_set_error(error, "mac %s is all zeros", value);
		return 0;
	case EOIP_P_DONT_FRAGMENT:
		return enum_param(error, "dont-fragment", value, df_words,
				  ARRAY_SIZE(df_words), &s->dont_fragment);
	case EOIP_P_CLAMP_TCP_MSS:
		return enum_param(error, "clamp-tcp-mss", value, no_yes,
				  ARRAY_SIZE(no_yes), &s->clamp_tcp_mss);
	case EOIP_P_IPSEC_SECRET:
		return ipsec_secret_param(s, error, value);
	}
	return eoip_set_error(error, "internal error: keyword '%s' not handled", kw->word);
}

static int parse_settings(int argc, char **argv, unsigned int allowed,
			  struct eoip_settings *s, char *error)
{
	/* keyword value pairs */
	for (int i = 0; i < argc; i += 2) {
		const struct eoip_keyword *kw = eoip_keyword_lookup(argv[i]);

		if (!kw || !(kw->bit & allowed))
			return eoip_set_error(error, "unknown keyword '%s'", argv[i]);
		if (s->present & kw->bit)
			return eoip_set_error(error, "'%s' is given twice", argv[i]);
		if (i + 1 >= argc)
			return eoip_set_error(error, "'%s' needs a value (%s)", argv[i],
					      kw->hint);
		if (keyword_value(s, error, kw, argv[i + 1]))
			return -1;
		s->present |= kw->bit;
	}
	/* RouterOS's dscp, and tos for the older tool: the same attribute */
	if (s->present & EOIP_P_DSCP) {
		if (s->present & EOIP_P_TOS)
			return eoip_set_error(error, "give dscp or tos, not both (dscp D is tos D*4)");
		s->present = (s->present & ~EOIP_P_DSCP) | EOIP_P_TOS;
	}
	return 0;
}

/* The family the given addresses decide, refusing a mix. */
static int decide_family(struct eoip_settings *s, char *error)
{
	int local = (s->present & EOIP_P_LOCAL) ? s->local.family : AF_UNSPEC;
	int remote = (s->present & EOIP_P_REMOTE) ? s->remote.family : AF_UNSPEC;

	if (local != AF_UNSPEC && remote != AF_UNSPEC && local != remote)
		return eoip_set_error(error, "local and remote must be the same address family");
	s->family = remote != AF_UNSPEC ? remote : local;
	return 0;
}


int eoip_settings_parse(int argc, char **argv, unsigned int allowed,
			struct eoip_settings *settings, char *error)
{
	return parse_settings(argc, argv, allowed, settings, error) ||
	       decide_family(settings, error) ? -1 : 0;
}
