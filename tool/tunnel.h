/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tunnel as the kernel reports it: an RTM_NEWLINK message decoded into
 * struct eoip_link, and the requests that fetch them.
 */
#ifndef EOIP_TUNNEL_H
#define EOIP_TUNNEL_H

#include <linux/if_link.h>
#include <stdbool.h>
#include <stdint.h>

#include "netlink.h"
#include "settings.h"

/* Which of the link-level and read-only attributes came. */
enum eoip_tunnel_bit {
	EOIP_T_CARRIER		= 1u << 0,
	EOIP_T_STATS		= 1u << 1,
	EOIP_T_KA_SENT		= 1u << 2,
	EOIP_T_KA_RECEIVED	= 1u << 3,
	EOIP_T_KA_AGE		= 1u << 4,
};

struct eoip_link {
	int ifindex;
	char kind[16];			/* IFLA_INFO_KIND, "" when none */
	unsigned int flags;		/* ifi_flags: IFF_UP, IFF_RUNNING... */
	/*
	 * Its settings: settings.present says which attributes the kernel
	 * sent (the older module sends none of ours). name, mtu and mac are
	 * in there too.
	 */
	struct eoip_settings settings;
	unsigned int present;		/* enum eoip_tunnel_bit */
	bool carrier;
	struct rtnl_link_stats64 stats;
	uint64_t keepalive_sent;
	uint64_t keepalive_received;
	uint32_t keepalive_age_ms;
	/* the underlay's name, filled in by show for people; "" if unknown */
	char link_name[16];
	/* what protects it (eoip_ipsec_status()), filled in by show; or NULL */
	const char *ipsec;
};

/* Is kind one of ours ("eoip" or "eoipv6")? */
bool eoip_is_tunnel_kind(const char *kind);

/*
 * Decodes an RTM_NEWLINK message. Returns 0 (whatever the kind: check
 * eoip_is_tunnel_kind(tunnel->kind)), or -1 if the message is malformed.
 */
int eoip_tunnel_parse(const struct nlmsghdr *nlh, struct eoip_link *tunnel);

/* Fetches one interface by name. 0, or -1 with err set (ENODEV...). */
int eoip_tunnel_get(struct eoip_nl *nl, const char *name,
		    struct eoip_link *tunnel, struct eoip_nl_error *err);

/* Calls cb for every eoip/eoipv6 interface. 0, or -1 with err set. */
typedef void (*eoip_tunnel_cb)(const struct eoip_link *tunnel, void *data);
int eoip_tunnel_dump(struct eoip_nl *nl, eoip_tunnel_cb cb, void *data,
		     struct eoip_nl_error *err);

/*
 * For change, del and show NAME: fetches NAME and checks that it is an
 * eoip tunnel, printing the reason when not. Returns an exit status.
 */
int eoip_tunnel_lookup(struct eoip_nl *nl, const char *name,
		       struct eoip_link *tunnel);

/*
 * Sends a request that changes one tunnel (change, del, up) and reports the
 * outcome: "cannot VERB 'NAME'" and the kernel's reason on failure (returns
 * EOIP_EXIT_FAILURE), the kernel's warning if any on success (returns 0).
 */
int eoip_request_reported(struct eoip_nl *nl, struct nlmsghdr *req,
			  const char *verb, const char *name);

#endif /* EOIP_TUNNEL_H */
