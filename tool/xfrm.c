// SPDX-License-Identifier: GPL-2.0
/*
 * ipsec-secret's side of the kernel's IPsec tables, over NETLINK_XFRM.
 *
 * strongSwan's trap policies keep a tunnel's EoIP from leaving in the clear
 * while charon runs. Before it has loaded the tunnel's connection (at boot,
 * across a restart), the kernel would send EoIP as it is: so the tool adds
 * two policies of its own, EoIP to and from the remote with action block,
 * at a priority every policy of charon's beats. The inbound one also makes
 * the module's receive path (xfrm4_policy_check, and IPv6's core) drop
 * plaintext EoIP from the remote while charon is away.
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "xfrm.h"

#define PREFIX_V4	32
#define PREFIX_V6	128

int eoip_xfrm_open(struct eoip_nl *nl, struct eoip_nl_error *err)
{
	return eoip_nl_open_protocol(nl, NETLINK_XFRM, err);
}

static void put_address(xfrm_address_t *to, const struct eoip_addr *addr)
{
	memset(to, 0, sizeof(*to));
	if (addr->family == AF_INET6)
		memcpy(to->a6, &addr->v6, sizeof(addr->v6));
	else
		to->a4 = addr->v4.s_addr;
}

static bool same_address(const xfrm_address_t *a, const struct eoip_addr *addr)
{
	if (addr->family == AF_INET6)
		return !memcmp(a->a6, &addr->v6, sizeof(addr->v6));
	return a->a4 == addr->v4.s_addr;
}

/* EoIP from any local address to remote (out), or from remote (in). */
static void block_selector(struct xfrm_selector *sel,
			   const struct eoip_addr *remote, uint8_t proto,
			   uint8_t dir)
{
	uint8_t prefix = remote->family == AF_INET6 ? PREFIX_V6 : PREFIX_V4;

	memset(sel, 0, sizeof(*sel));
	sel->family = (uint16_t)remote->family;
	sel->proto = proto;
	if (dir == XFRM_POLICY_OUT) {
		put_address(&sel->daddr, remote);
		sel->prefixlen_d = prefix;
	} else {
		put_address(&sel->saddr, remote);
		sel->prefixlen_s = prefix;
	}
}

static struct nlmsghdr *start(char *buf, uint16_t type, uint16_t flags,
			      struct eoip_nl *nl)
{
	struct nlmsghdr *nlh;

	memset(buf, 0, EOIP_NL_MSG_SIZE);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = eoip_nl_next_seq(nl);
	return nlh;
}

static int block_add_one(struct eoip_nl *nl, const struct eoip_addr *remote,
			 uint8_t proto, uint8_t dir, struct eoip_nl_error *err)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *nlh = start(buf, XFRM_MSG_NEWPOLICY, NLM_F_ACK, nl);
	struct xfrm_userpolicy_info *pol;

	pol = mnl_nlmsg_put_extra_header(nlh, sizeof(*pol));
	block_selector(&pol->sel, remote, proto, dir);
	pol->lft.soft_byte_limit = XFRM_INF;
	pol->lft.hard_byte_limit = XFRM_INF;
	pol->lft.soft_packet_limit = XFRM_INF;
	pol->lft.hard_packet_limit = XFRM_INF;
	pol->priority = EOIP_XFRM_BLOCK_PRIORITY;
	pol->dir = dir;
	pol->action = XFRM_POLICY_BLOCK;
	return eoip_nl_request(nl, nlh, NULL, NULL, err);
}

static int block_del_one(struct eoip_nl *nl, const struct eoip_addr *remote,
			 uint8_t proto, uint8_t dir, struct eoip_nl_error *err)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *nlh = start(buf, XFRM_MSG_DELPOLICY, NLM_F_ACK, nl);
	struct xfrm_userpolicy_id *id;

	id = mnl_nlmsg_put_extra_header(nlh, sizeof(*id));
	block_selector(&id->sel, remote, proto, dir);
	id->dir = dir;
	if (eoip_nl_request(nl, nlh, NULL, NULL, err) && err->code != ENOENT)
		return -1;
	err->code = 0;
	return 0;
}

int eoip_xfrm_block_add(struct eoip_nl *nl, const struct eoip_addr *remote,
			uint8_t proto, struct eoip_nl_error *err)
{
	struct eoip_nl_error undo;

	if (block_add_one(nl, remote, proto, XFRM_POLICY_OUT, err))
		return -1;
	if (block_add_one(nl, remote, proto, XFRM_POLICY_IN, err)) {
		block_del_one(nl, remote, proto, XFRM_POLICY_OUT, &undo);
		return -1;
	}
	return 0;
}

int eoip_xfrm_block_del(struct eoip_nl *nl, const struct eoip_addr *remote,
			uint8_t proto, struct eoip_nl_error *err)
{
	int ret = block_del_one(nl, remote, proto, XFRM_POLICY_OUT, err);

	return block_del_one(nl, remote, proto, XFRM_POLICY_IN, err) || ret;
}

struct state_query {
	const struct eoip_addr *remote;
	uint8_t proto;
	struct eoip_xfrm_state *state;
};

static int policy_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct state_query *q = data;
	const struct xfrm_userpolicy_info *pol;
	bool out, in, ours;

	if (nlh->nlmsg_type != XFRM_MSG_NEWPOLICY ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*pol))
		return 0;
	pol = mnl_nlmsg_get_payload(nlh);
	if (pol->sel.family != q->remote->family || pol->sel.proto != q->proto)
		return 0;
	out = pol->dir == XFRM_POLICY_OUT && same_address(&pol->sel.daddr, q->remote);
	in = pol->dir == XFRM_POLICY_IN && same_address(&pol->sel.saddr, q->remote);
	ours = pol->action == XFRM_POLICY_BLOCK &&
	       pol->priority == EOIP_XFRM_BLOCK_PRIORITY;
	if (out && ours)
		q->state->block_out = true;
	else if (out && pol->priority < EOIP_XFRM_BLOCK_PRIORITY)
		q->state->charon_out = true;
	if (in && ours)
		q->state->block_in = true;
	else if (in && pol->priority < EOIP_XFRM_BLOCK_PRIORITY)
		q->state->charon_in = true;
	return 0;
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct state_query *q = data;
	const struct xfrm_usersa_info *sa;

	if (nlh->nlmsg_type != XFRM_MSG_NEWSA ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*sa))
		return 0;
	sa = mnl_nlmsg_get_payload(nlh);
	if (sa->family != q->remote->family || sa->id.proto != IPPROTO_ESP ||
	    sa->mode != XFRM_MODE_TRANSPORT)
		return 0;
	if (same_address(&sa->id.daddr, q->remote))
		q->state->sa_out = true;
	if (same_address(&sa->saddr, q->remote))
		q->state->sa_in = true;
	return 0;
}

int eoip_xfrm_state_get(struct eoip_nl *nl, const struct eoip_addr *remote,
			uint8_t proto, struct eoip_xfrm_state *state,
			struct eoip_nl_error *err)
{
	struct state_query q = { .remote = remote, .proto = proto, .state = state };
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *nlh;

	/*
	 * The dumps take no header of their own: the kernel reads attributes
	 * (filters) right after the netlink header, and would log the bytes
	 * of a struct xfrm_usersa_id there as "bytes leftover".
	 */
	memset(state, 0, sizeof(*state));
	nlh = start(buf, XFRM_MSG_GETPOLICY, NLM_F_DUMP, nl);
	if (eoip_nl_request(nl, nlh, policy_cb, &q, err))
		return -1;
	nlh = start(buf, XFRM_MSG_GETSA, NLM_F_DUMP, nl);
	return eoip_nl_request(nl, nlh, sa_cb, &q, err);
}
