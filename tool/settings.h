/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tunnel's settings, the tool's model of them: what a command line or
 * a configuration file asks for (keywords.c, config.c), what a request
 * sends (netlink.c, info_data.c) and what the kernel reports back
 * (tunnel.c). A present bit says which fields hold something.
 *
 * The kernel's struct eoip_params is its own: this one also carries what
 * only the tool knows (an underlay still named, the IPsec secret).
 */
#ifndef EOIP_SETTINGS_H
#define EOIP_SETTINGS_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>

/* One bit per setting that was given (or that the kernel reported). */
enum eoip_param_bit {
	EOIP_P_NAME		= 1u << 0,
	EOIP_P_TUNNEL_ID	= 1u << 1,
	EOIP_P_LOCAL		= 1u << 2,
	EOIP_P_REMOTE		= 1u << 3,
	EOIP_P_TTL		= 1u << 4,
	EOIP_P_TOS		= 1u << 5,
	EOIP_P_LINK		= 1u << 6,
	EOIP_P_MTU		= 1u << 7,
	EOIP_P_KEEPALIVE	= 1u << 8,	/* interval given (0 = none) */
	EOIP_P_KA_RETRIES	= 1u << 9,	/* retries given as well */
	EOIP_P_MAC		= 1u << 10,
	EOIP_P_DONT_FRAGMENT	= 1u << 11,
	EOIP_P_CLAMP_TCP_MSS	= 1u << 12,
	EOIP_P_DSCP		= 1u << 13,	/* parsing only: becomes EOIP_P_TOS */
	EOIP_P_IPSEC_SECRET	= 1u << 14,	/* "" = none; not the kernel's */
};

/* Settings that go into IFLA_INFO_DATA. */
#define EOIP_P_INFO_DATA (EOIP_P_TUNNEL_ID | EOIP_P_LOCAL | EOIP_P_REMOTE | \
			  EOIP_P_TTL | EOIP_P_TOS | EOIP_P_LINK | \
			  EOIP_P_KEEPALIVE | EOIP_P_KA_RETRIES | \
			  EOIP_P_DONT_FRAGMENT | EOIP_P_CLAMP_TCP_MSS)

/* Every keyword of add and change. */
#define EOIP_P_SETTINGS (EOIP_P_NAME | EOIP_P_INFO_DATA | EOIP_P_MTU | \
			 EOIP_P_MAC | EOIP_P_DSCP | EOIP_P_IPSEC_SECRET)

#define EOIP_TTL_MAX		255
#define EOIP_TOS_MAX		255
#define EOIP_DSCP_MAX		63
#define EOIP_DSCP_SHIFT		2	/* the DSCP is the TOS byte's top 6 bits */
#define EOIP_MTU_MIN		68	/* IPv4 minimum link MTU (RFC 791) */
#define EOIP_MTU_MAX		65535
#define EOIP_KA_RETRIES_MAX	255
/* RouterOS takes long secrets; 255 leaves room for any sane one */
#define EOIP_IPSEC_SECRET_MAX	255

/* Room for the reason a setting is refused, as the functions below give it. */
#define EOIP_ERROR_LEN		256

/* An address as given; family AF_UNSPEC means "any" (unset, zeros). */
struct eoip_addr {
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

struct eoip_settings {
	unsigned int present;		/* enum eoip_param_bit */
	char name[IF_NAMESIZE];
	uint32_t tunnel_id;
	struct eoip_addr local;
	struct eoip_addr remote;
	uint8_t ttl;			/* 0 = EOIP_DEFAULT_TTL */
	uint8_t tos;			/* EOIP_TOS_INHERIT, or DSCP << 2 */
	/* link: an index, or a name still to be resolved (link_index 0) */
	uint32_t link_index;
	char link_name[IF_NAMESIZE];
	uint32_t mtu;
	uint32_t keepalive_interval;	/* seconds, 0 = none */
	uint8_t keepalive_retries;
	uint8_t mac[6];
	uint8_t dont_fragment;		/* enum eoip_dont_fragment */
	uint8_t clamp_tcp_mss;		/* 0 or 1 */
	/* IPsec pre-shared key (ipsec.c), "" for none; never printed */
	char ipsec_secret[EOIP_IPSEC_SECRET_MAX + 1];
	/* AF_INET or AF_INET6 when the addresses decide it, else AF_UNSPEC */
	int family;
};

/* Formats the reason into error (EOIP_ERROR_LEN bytes). Returns -1. */
int eoip_set_error(char *error, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Link kind for a family: "eoip" or "eoipv6". */
const char *eoip_kind_for_family(int family);

/*
 * What creating a tunnel needs on top: tunnel-id and remote given, and the
 * default dscp inherit sent. Returns 0, or -1 with the reason in error.
 */
int eoip_settings_complete_add(struct eoip_settings *settings, char *error);

/*
 * Checks that depend on the tunnel's family once it is known (from the
 * addresses, or for change from the existing device's kind): the tunnel id
 * range and that the addresses belong to that family. Returns 0, or -1
 * with the reason in error.
 */
int eoip_settings_check_family(const struct eoip_settings *settings,
			       int family, char *error);

/*
 * "link eth0" becomes an ifindex; an index given as a number is kept.
 * Returns 0, or -1 when no interface has that name.
 */
int eoip_settings_resolve_link(struct eoip_settings *settings);

#endif /* EOIP_SETTINGS_H */
