/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line parsing for the eoip tool.
 *
 * Pure: no I/O, no netlink, no name resolution. The result is a struct
 * eoip_params saying which parameters were given and their values; on a
 * bad command line the reason is left in params->error for the caller to
 * print.
 */
#ifndef EOIP_PARSE_H
#define EOIP_PARSE_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

enum eoip_command {
	EOIP_CMD_NONE,
	EOIP_CMD_ADD,
	EOIP_CMD_CHANGE,
	EOIP_CMD_DEL,
	EOIP_CMD_LIST,
	EOIP_CMD_SHOW,
	EOIP_CMD_VERSION,
	EOIP_CMD_HELP,
};

/* One bit per parameter that was given on the command line. */
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

/* Parameters that go into IFLA_INFO_DATA. */
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
#define EOIP_ERROR_LEN		256
/* RouterOS takes long secrets; 255 leaves room for any sane one */
#define EOIP_IPSEC_SECRET_MAX	255

/* An address as given; family AF_UNSPEC means "any" (unset, zeros). */
struct eoip_addr {
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

struct eoip_params {
	enum eoip_command command;
	unsigned int present;		/* enum eoip_param_bit */
	char name[IF_NAMESIZE];
	uint32_t tunnel_id;
	struct eoip_addr local;
	struct eoip_addr remote;
	uint8_t ttl;
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
	/* list and show: JSON output (eoip -j), set by main() */
	bool json;
	/* for EOIP_CMD_HELP: the command asked about, or EOIP_CMD_NONE */
	enum eoip_command help_topic;
	char error[EOIP_ERROR_LEN];
};

/*
 * Parse argv (argv[0] is the command word, e.g. "add"). Returns 0, or -1
 * with params->error set (params->command then tells whose usage line to
 * print, EOIP_CMD_NONE for an unknown command). "eoip help add" and
 * "eoip add help" yield EOIP_CMD_HELP with help_topic EOIP_CMD_ADD.
 */
int eoip_parse(int argc, char **argv, struct eoip_params *params);

/*
 * The keyword-value pairs of add and change (argv[0] is the first keyword),
 * for the tool and for the iproute2 plugin: only the keywords whose
 * EOIP_P_* bit is in allowed are taken. Fills params (which the caller
 * zeroed) and params->family from the addresses. Returns 0, or -1 with
 * params->error set.
 */
int eoip_parse_settings(int argc, char **argv, unsigned int allowed,
			struct eoip_params *params);

/*
 * What creating a tunnel needs on top: tunnel-id and remote given, and the
 * default dscp inherit sent. Returns 0, or -1 with params->error set.
 */
int eoip_params_complete_add(struct eoip_params *params);

/*
 * Checks that depend on the tunnel's family once it is known (from the
 * addresses, or for change from the existing device's kind): the tunnel id
 * range and that the addresses belong to that family. Returns 0, or -1
 * with params->error set.
 */
int eoip_params_check_family(struct eoip_params *params, int family);

/* Link kind for a family: "eoip" or "eoipv6". */
const char *eoip_kind_for_family(int family);

/* The usage line of one command, for error messages and help. */
const char *eoip_usage(enum eoip_command command);

/* The command's canonical name ("add", "change", ...). */
const char *eoip_command_name(enum eoip_command command);

/* Strict number parsing helpers, exposed for the tests. */
int eoip_parse_u32(const char *text, uint32_t min, uint32_t max,
		   uint32_t *value);
int eoip_parse_mac(const char *text, uint8_t mac[6]);

#endif /* EOIP_PARSE_H */
