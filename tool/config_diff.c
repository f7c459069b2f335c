// SPDX-License-Identifier: GPL-2.0
/*
 * What eoip up must change: a tunnel's file against the tunnel the kernel
 * reports. Pure, unit-tested on the host (tests/unit/test_config.c).
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "config_diff.h"

/*
 * The family of an address, AF_UNSPEC for "any": unset or all zeros (the
 * kernel reports an unset local as the family's unspecified address).
 */
static int address_family(const struct eoip_addr *addr, bool set)
{
	static const struct in6_addr any6;

	if (!set)
		return AF_UNSPEC;
	if (addr->family == AF_INET && addr->v4.s_addr == htonl(INADDR_ANY))
		return AF_UNSPEC;
	if (addr->family == AF_INET6 && !memcmp(&addr->v6, &any6, sizeof(any6)))
		return AF_UNSPEC;
	return addr->family;
}

static bool same_address(const struct eoip_addr *a, bool a_set,
			 const struct eoip_addr *b, bool b_set)
{
	int fa = address_family(a, a_set), fb = address_family(b, b_set);

	if (fa != fb)
		return false;
	if (fa == AF_INET)
		return a->v4.s_addr == b->v4.s_addr;
	if (fa == AF_INET6)
		return !memcmp(&a->v6, &b->v6, sizeof(a->v6));
	return true;
}

static void mark(struct eoip_config_diff *diff, unsigned int bits,
		 const char *name)
{
	size_t len = strlen(diff->changed);

	diff->delta.present |= bits;
	snprintf(diff->changed + len, sizeof(diff->changed) - len, "%s%s",
		 len ? ", " : "", name);
}

/*
 * A parameter the kernel did not report (an older module) is sent when
 * the file gives it; one it reported is compared with the file's value, or
 * with the default when the file says nothing.
 */
static bool differs(const struct eoip_settings *want,
		    const struct eoip_settings *cur, unsigned int bit, bool equal)
{
	if (!(cur->present & bit))
		return want->present & bit;
	return !equal;
}

void eoip_config_diff(const struct eoip_settings *want,
		      const struct eoip_settings *cur, struct eoip_config_diff *diff)
{
	const struct eoip_addr any = { .family = AF_UNSPEC };
	unsigned int ka = want->present & EOIP_P_KEEPALIVE ?
			  want->keepalive_interval : EOIP_KEEPALIVE_DEFAULT_INTERVAL;
	unsigned int retries = want->present & EOIP_P_KA_RETRIES ?
			       want->keepalive_retries : EOIP_KEEPALIVE_DEFAULT_RETRIES;
	unsigned int ttl = want->present & EOIP_P_TTL ? want->ttl : 0;
	unsigned int link = want->present & EOIP_P_LINK ? want->link_index : 0;
	unsigned int df = want->present & EOIP_P_DONT_FRAGMENT ?
			  want->dont_fragment : EOIP_DF_NO;
	unsigned int clamp = want->present & EOIP_P_CLAMP_TCP_MSS ?
			     want->clamp_tcp_mss : EOIP_DEFAULT_CLAMP_TCP_MSS;
	bool want_local = want->present & EOIP_P_LOCAL;

	memset(diff, 0, sizeof(*diff));
	diff->delta = *want;
	diff->delta.present = 0;
	/* what the file leaves out goes back to the default */
	diff->delta.keepalive_interval = ka;
	diff->delta.keepalive_retries = (uint8_t)retries;
	diff->delta.ttl = (uint8_t)ttl;
	diff->delta.link_index = link;
	diff->delta.dont_fragment = (uint8_t)df;
	diff->delta.clamp_tcp_mss = (uint8_t)clamp;
	if (!want_local)
		diff->delta.local = any;

	if (differs(want, cur, EOIP_P_TUNNEL_ID, cur->tunnel_id == want->tunnel_id))
		mark(diff, EOIP_P_TUNNEL_ID, "tunnel-id");
	if (differs(want, cur, EOIP_P_REMOTE,
		    same_address(&want->remote, true, &cur->remote, true)))
		mark(diff, EOIP_P_REMOTE, "remote");
	/* a kernel that reports no local has none (any) */
	if (!same_address(&want->local, want_local, &cur->local,
			  cur->present & EOIP_P_LOCAL))
		mark(diff, EOIP_P_LOCAL, "local");
	if (differs(want, cur, EOIP_P_TTL, cur->ttl == ttl))
		mark(diff, EOIP_P_TTL, "ttl");
	if (differs(want, cur, EOIP_P_TOS, cur->tos == want->tos))
		mark(diff, EOIP_P_TOS, "tos");
	if (differs(want, cur, EOIP_P_LINK, cur->link_index == link))
		mark(diff, EOIP_P_LINK, "link");
	if (differs(want, cur, EOIP_P_KEEPALIVE,
		    cur->keepalive_interval == ka &&
		    (!(cur->present & EOIP_P_KA_RETRIES) ||
		     cur->keepalive_retries == retries)))
		mark(diff, EOIP_P_KEEPALIVE | EOIP_P_KA_RETRIES, "keepalive");
	if (differs(want, cur, EOIP_P_DONT_FRAGMENT, cur->dont_fragment == df))
		mark(diff, EOIP_P_DONT_FRAGMENT, "dont-fragment");
	if (differs(want, cur, EOIP_P_CLAMP_TCP_MSS, cur->clamp_tcp_mss == clamp))
		mark(diff, EOIP_P_CLAMP_TCP_MSS, "clamp-tcp-mss");
	/* mtu and mac: without a line, chosen at creation and left alone */
	if ((want->present & EOIP_P_MTU) &&
	    differs(want, cur, EOIP_P_MTU, cur->mtu == want->mtu))
		mark(diff, EOIP_P_MTU, "mtu");
	if ((want->present & EOIP_P_MAC) &&
	    differs(want, cur, EOIP_P_MAC, !memcmp(cur->mac, want->mac, 6)))
		mark(diff, EOIP_P_MAC, "mac");
}
