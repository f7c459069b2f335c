/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's IPsec tables (NETLINK_XFRM) as far as ipsec-secret needs
 * them: the tool's own fallback policies that block a tunnel's EoIP while
 * no IPsec SA carries it, and whether ESP SAs for it exist.
 */
#ifndef EOIP_XFRM_H
#define EOIP_XFRM_H

#include <stdbool.h>
#include <stdint.h>

#include "netlink.h"
#include "settings.h"

/*
 * The block policies' priority: a larger number loses, and strongSwan gives
 * its own policies (traps, SAs, fallbacks) at most 3 x 200000, so its win
 * whenever charon has installed any; ours decide only when it has none.
 */
#define EOIP_XFRM_BLOCK_PRIORITY	1000000u

/* What "ESP for this tunnel" looks like in the kernel, one direction each. */
struct eoip_xfrm_state {
	bool block_out, block_in;	/* our fallback policies */
	bool charon_out, charon_in;	/* any policy that wins over ours */
	bool sa_out, sa_in;		/* ESP transport-mode SAs */
};

int eoip_xfrm_open(struct eoip_nl *nl, struct eoip_nl_error *err);

/*
 * Installs the two block policies for EoIP (IP protocol proto) to and from
 * remote, any local address. 0, or -1 with err set (EEXIST: they are
 * there already, e.g. another tunnel's to the same remote).
 */
int eoip_xfrm_block_add(struct eoip_nl *nl, const struct eoip_addr *remote,
			uint8_t proto, struct eoip_nl_error *err);

/* Removes them; policies already gone are not an error. 0, or -1. */
int eoip_xfrm_block_del(struct eoip_nl *nl, const struct eoip_addr *remote,
			uint8_t proto, struct eoip_nl_error *err);

/* Reads what protects EoIP with remote. 0, or -1 with err set. */
int eoip_xfrm_state_get(struct eoip_nl *nl, const struct eoip_addr *remote,
			uint8_t proto, struct eoip_xfrm_state *state,
			struct eoip_nl_error *err);

#endif /* EOIP_XFRM_H */
