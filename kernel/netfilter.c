// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 netfilter hooks: how EoIP shares IP protocol 47 with gre.ko and
 * lives with a stateful firewall.
 *
 * Receive: protocol 47 belongs to gre.ko, whose demultiplexer hands GRE
 * version 1 to pptp.ko and drops every packet shorter than 12 bytes, our
 * 8-byte keepalives included; its ICMP error handler likewise gives version
 * 1 to the PPTP slot. Replacing gre.ko is not an option on a stock kernel,
 * so EoIP packets, and ICMP errors about EoIP packets we sent, are taken at
 * NF_INET_LOCAL_IN: after reassembly (ip_local_deliver defragments first)
 * and after the filter tables, so the firewall still applies, and before
 * gre.ko and the ICMP layer see them. Anything that is not EoIP goes on to
 * gre.ko, ip_gre and pptp as if we were not there.
 *
 * Connection tracking: conntrack cannot make a tuple of GRE version 1 that
 * is not PPTP, so it would call every EoIP packet invalid, and the usual
 * "ct state invalid drop" rule would drop the tunnel. EoIP packets (and
 * ICMP errors quoting one) are therefore marked untracked just before
 * conntrack sees them, on the way in and on the way out, as a "notrack"
 * rule would: rules see "ct state untracked", and "ip protocol gre accept"
 * (or a drop) decides.
 *
 * The hooks are registered in a namespace with its first IPv4 tunnel and
 * stay until the namespace goes: namespaces without EoIP pay nothing.
 */
#include <linux/icmp.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter_ipv4.h>
#include <net/ip.h>
#include <net/netns/generic.h>

#include "eoip.h"

/**
 * eoip4_is_eoip() - whether an EoIP header starts @offset bytes into @skb
 * @skb: an IPv4 packet, skb->data at its IP header
 * @offset: where GRE would start
 *
 * Pulls the header into the linear area when it is there.
 *
 * Return: true for an EoIP header (its four magic bytes), else false.
 */
bool eoip4_is_eoip(struct sk_buff *skb, unsigned int offset)
{
	const struct eoip_hdr *eh;

	if (!pskb_may_pull(skb, offset + sizeof(*eh)))
		return false;
	eh = (const struct eoip_hdr *)(skb->data + offset);
	return eh->magic[0] == EOIP_MAGIC_0 && eh->magic[1] == EOIP_MAGIC_1 &&
	       eh->magic[2] == EOIP_MAGIC_2 && eh->magic[3] == EOIP_MAGIC_3;
}

/* Not a later fragment, whose bytes after the IP header are no header. */
static bool eoip4_is_first_fragment(const struct iphdr *iph)
{
	return !(iph->frag_off & htons(IP_OFFSET));
}

/* An ICMP error whose quoted packet is EoIP. */
static bool eoip4_is_icmp_about_eoip(struct sk_buff *skb)
{
	unsigned int quoted = ip_hdrlen(skb) + sizeof(struct icmphdr);
	const struct icmphdr *icmph;
	const struct iphdr *inner;

	if (!pskb_may_pull(skb, quoted + sizeof(*inner)))
		return false;
	icmph = (const struct icmphdr *)(skb->data + ip_hdrlen(skb));
	if (icmph->type != ICMP_DEST_UNREACH &&
	    icmph->type != ICMP_TIME_EXCEEDED &&
	    icmph->type != ICMP_PARAMETERPROB &&
	    icmph->type != ICMP_REDIRECT)
		return false;
	inner = (const struct iphdr *)(skb->data + quoted);
	return inner->protocol == EOIP_IPPROTO && inner->ihl >= 5 &&
	       eoip4_is_first_fragment(inner) &&
	       eoip4_is_eoip(skb, quoted + inner->ihl * 4);
}

static unsigned int eoip4_untrack(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	bool ours;

	if (skb_get_nfct(skb))	/* a raw-table rule decided already */
		return NF_ACCEPT;
	switch (iph->protocol) {
	case EOIP_IPPROTO:
		ours = eoip4_is_first_fragment(iph) &&
		       eoip4_is_eoip(skb, ip_hdrlen(skb));
		break;
	case IPPROTO_ICMP:
		ours = eoip4_is_first_fragment(iph) &&
		       eoip4_is_icmp_about_eoip(skb);
		break;
	default:
		ours = false;
	}
	if (ours)
		skb_set_nfct(skb, IP_CT_UNTRACKED);	/* no-op without conntrack */
	return NF_ACCEPT;
}

static unsigned int eoip4_local_in(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	switch (ip_hdr(skb)->protocol) {
	case EOIP_IPPROTO:
		if (!eoip4_is_eoip(skb, ip_hdrlen(skb)))
			return NF_ACCEPT;	/* plain GRE or PPTP: not ours */
		eoip4_rcv(state->net, skb);
		return NF_STOLEN;
	case IPPROTO_ICMP:
		/* Learn from it, and let the ICMP layer have it too. */
		if (eoip4_is_icmp_about_eoip(skb))
			eoip4_icmp_rcv(state->net, skb);
		return NF_ACCEPT;
	}
	return NF_ACCEPT;
}

static const struct nf_hook_ops eoip4_nf_ops[] = {
	{
		.hook		= eoip4_untrack,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		/* After the raw table (a user's own notrack), before conntrack. */
		.priority	= NF_IP_PRI_CONNTRACK - 1,
	},
	{
		.hook		= eoip4_untrack,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP_PRI_CONNTRACK - 1,
	},
	{
		.hook		= eoip4_local_in,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_IN,
		/* After the filter tables; NF_IP_PRI_LAST is conntrack confirm's. */
		.priority	= NF_IP_PRI_LAST - 1,
	},
};

/**
 * eoip4_hooks_get() - register the namespace's IPv4 hooks, once
 * @net: the namespace of a new EoIP (IPv4) tunnel
 *
 * The hooks stay until the namespace goes (eoip4_hooks_release()).
 *
 * Context: RTNL.
 * Return: 0, or the error of nf_register_net_hooks().
 */
int eoip4_hooks_get(struct net *net)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);
	int err;

	if (en->ipv4_hooks_registered)
		return 0;
	err = nf_register_net_hooks(net, eoip4_nf_ops,
				    ARRAY_SIZE(eoip4_nf_ops));
	if (!err)
		en->ipv4_hooks_registered = true;
	return err;
}

/**
 * eoip4_hooks_release() - unregister the namespace's IPv4 hooks, if any
 * @net: the departing namespace
 *
 * The core waits for an RCU grace period before the exit step frees
 * struct eoip_net, so no CPU is still inside a hook by then.
 *
 * Context: the namespace's (or the module's) pernet pre_exit.
 */
void eoip4_hooks_release(struct net *net)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);

	if (en->ipv4_hooks_registered)
		nf_unregister_net_hooks(net, eoip4_nf_ops,
					ARRAY_SIZE(eoip4_nf_ops));
	en->ipv4_hooks_registered = false;
}
