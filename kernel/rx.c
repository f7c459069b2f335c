// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: EoIP packet in, Ethernet frame out of the tunnel device.
 *
 * Why a netfilter hook for IPv4: protocol 47 belongs to gre.ko, whose
 * demultiplexer hands version-1 GRE to pptp.ko and drops every packet
 * shorter than 12 bytes, our 8-byte keepalives included. Replacing gre.ko
 * is not an option on a stock kernel, so EoIP packets are taken at
 * NF_INET_LOCAL_IN: after reassembly (ip_local_deliver defragments first)
 * and after the filter tables, so the firewall still applies, and before
 * gre.ko sees them. Anything that is not EoIP is left alone and goes on to
 * gre.ko, ip_gre and pptp as if we were not there. Taking the packet here
 * skips the IPsec input policy check ip_local_deliver_finish() would make,
 * so it is made here. IPv6 next header 97 has no owner in Linux: EoIPv6
 * registers as that protocol.
 */
#include <linux/etherdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/netns/generic.h>
#include <net/protocol.h>
#include <net/xfrm.h>

#include "eoip.h"

#define EOIP_MAGIC	(EOIP_MAGIC_0 << 24 | EOIP_MAGIC_1 << 16 | \
			 EOIP_MAGIC_2 << 8 | EOIP_MAGIC_3)

static void eoip_rx_length_error(struct net_device *dev, struct sk_buff *skb)
{
	DEV_STATS_INC(dev, rx_length_errors);
	DEV_STATS_INC(dev, rx_errors);
	kfree_skb(skb);
}

/*
 * GRO pays off for TCP, whose segments it merges; for everything else
 * (small UDP above all) it is a cost, a socket lookup per datagram among
 * it, so those frames take the plain backlog. A GSO packet (a whole TCP
 * burst from a local sender) needs no merging but goes the same way as its
 * kind, and so does everything we cannot see into.
 */
static bool eoip_rx_wants_gro(struct sk_buff *skb)
{
	if (skb_is_gso(skb))
		return true;
	if (skb->protocol == htons(ETH_P_IP))
		return pskb_may_pull(skb, sizeof(struct iphdr)) &&
		       ((struct iphdr *)skb->data)->protocol == IPPROTO_TCP;
	if (skb->protocol == htons(ETH_P_IPV6))
		return pskb_may_pull(skb, sizeof(struct ipv6hdr)) &&
		       ((struct ipv6hdr *)skb->data)->nexthdr == IPPROTO_TCP;
	return false;
}

/*
 * The family-independent part: @hdr_len bytes from skb->data to the inner
 * frame, which should be @frame_len bytes long (0: a keepalive).
 */
static void eoip_rcv(struct eoip_tunnel *t, struct sk_buff *skb,
		     unsigned int hdr_len, unsigned int frame_len)
{
	struct net_device *dev = t->dev;
	unsigned int payload_len = skb->len - hdr_len;

	if (unlikely(!netif_running(dev))) {
		DEV_STATS_INC(dev, rx_dropped);
		kfree_skb(skb);
		return;
	}
	if (frame_len == 0) {
		eoip_keepalive_received(t);
		consume_skb(skb);
		return;
	}
	if (unlikely(frame_len < ETH_HLEN || payload_len < frame_len)) {
		eoip_rx_length_error(dev, skb);
		return;
	}
	/*
	 * Bytes past the frame length are link padding: trim them. A GSO
	 * packet (from a local sender through veth) holds many frames of
	 * that length and is left whole.
	 */
	if (payload_len > frame_len && !skb_is_gso(skb) &&
	    pskb_trim_rcsum(skb, hdr_len + frame_len))
		goto drop;

	if (__iptunnel_pull_header(skb, hdr_len, htons(ETH_P_TEB), false,
				   false))
		goto drop;
	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);

	dev_sw_netstats_rx_add(dev, skb->len);
	if (eoip_rx_wants_gro(skb))
		gro_cells_receive(&t->gro_cells, skb);
	else
		netif_rx(skb);
	return;

drop:
	DEV_STATS_INC(dev, rx_dropped);
	kfree_skb(skb);
}

/* An EoIP packet (magic checked) at @hoff past the IPv4 header. */
static void eoip4_rcv(struct net *net, struct sk_buff *skb, unsigned int hoff)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);
	const struct iphdr *iph = ip_hdr(skb);
	const u8 *hdr = skb->data + hoff;
	union eoip_addr saddr = { .ip = iph->saddr };
	union eoip_addr daddr = { .ip = iph->daddr };
	struct eoip_tunnel *t;

	t = eoip_table_lookup(en, AF_INET, get_unaligned_le16(hdr + 6),
			      &saddr, &daddr);
	if (unlikely(!t)) {
		atomic_long_inc(&en->rx_no_tunnel);
		kfree_skb(skb);
		return;
	}
	if (unlikely(!xfrm4_policy_check(NULL, XFRM_POLICY_IN, skb))) {
		atomic_long_inc(&en->rx_policy_drop);
		DEV_STATS_INC(t->dev, rx_dropped);
		kfree_skb(skb);
		return;
	}
	eoip_rcv(t, skb, hoff + EOIP_HEADER_LEN, get_unaligned_be16(hdr + 4));
}

static unsigned int eoip4_nf_local_in(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	unsigned int hoff;

	if (ip_hdr(skb)->protocol != EOIP_IPPROTO)
		return NF_ACCEPT;

	hoff = skb_network_offset(skb) + ip_hdrlen(skb);
	if (!pskb_may_pull(skb, hoff + EOIP_HEADER_LEN) ||
	    get_unaligned_be32(skb->data + hoff) != EOIP_MAGIC)
		return NF_ACCEPT;	/* plain GRE or PPTP: not ours */

	eoip4_rcv(state->net, skb, hoff);
	return NF_STOLEN;
}

static const struct nf_hook_ops eoip4_nf_ops = {
	.hook		= eoip4_nf_local_in,
	.pf		= NFPROTO_IPV4,
	.hooknum	= NF_INET_LOCAL_IN,
	/* After the filter tables; NF_IP_PRI_LAST is conntrack confirm's. */
	.priority	= NF_IP_PRI_LAST - 1,
};

/*
 * The hook is registered in a namespace when its first IPv4 tunnel is made
 * and stays until the namespace goes: namespaces without EoIP pay nothing.
 * Context: RTNL.
 */
int eoip4_rx_hook_get(struct net *net)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);
	int err;

	if (en->rx_hook_registered)
		return 0;
	err = nf_register_net_hook(net, &eoip4_nf_ops);
	if (!err)
		en->rx_hook_registered = true;
	return err;
}

/* Context: namespace exit. */
void eoip4_rx_hook_release(struct net *net)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);

	if (en->rx_hook_registered)
		nf_unregister_net_hook(net, &eoip4_nf_ops);
	en->rx_hook_registered = false;
}

/* IPv6 next header 97; the core already checked the IPsec policy. */
static int eoip6_rcv(struct sk_buff *skb)
{
	struct eoip_net *en = net_generic(dev_net(skb->dev), eoip_net_id);
	const struct ipv6hdr *ip6h;
	union eoip_addr saddr, daddr;
	struct eoip_tunnel *t;
	const u8 *hdr;
	u16 id;

	if (!pskb_may_pull(skb, EOIP6_HEADER_LEN))
		goto bad_header;
	hdr = skb->data;
	if ((hdr[0] & 0x0f) != EOIP6_VERSION_NIBBLE)
		goto bad_header;
	id = (hdr[0] >> 4) << 8 | hdr[1];

	ip6h = ipv6_hdr(skb);
	saddr.ip6 = ip6h->saddr;
	daddr.ip6 = ip6h->daddr;
	t = eoip_table_lookup(en, AF_INET6, id, &saddr, &daddr);
	if (unlikely(!t)) {
		atomic_long_inc(&en->rx_no_tunnel);
		kfree_skb(skb);
		return 0;
	}
	/* No length field: the frame is the rest of the IPv6 payload. */
	eoip_rcv(t, skb, EOIP6_HEADER_LEN, skb->len - EOIP6_HEADER_LEN);
	return 0;

bad_header:
	atomic_long_inc(&en->rx_bad_header);
	kfree_skb(skb);
	return 0;
}

/* ICMPv6 about a packet we sent: learn the path MTU, follow redirects. */
static int eoip6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
		     u8 type, u8 code, int offset, __be32 info)
{
	struct net *net = dev_net(skb->dev);

	if (type == ICMPV6_PKT_TOOBIG)
		ip6_update_pmtu(skb, net, info, 0, 0, sock_net_uid(net, NULL));
	else if (type == NDISC_REDIRECT)
		ip6_redirect(skb, net, skb->dev->ifindex, 0,
			     sock_net_uid(net, NULL));
	return 0;
}

static const struct inet6_protocol eoip6_protocol = {
	.handler	= eoip6_rcv,
	.err_handler	= eoip6_err,
	.flags		= INET6_PROTO_FINAL,
};

int eoip6_rx_init(void)
{
	return inet6_add_protocol(&eoip6_protocol, EOIP6_NEXTHDR);
}

void eoip6_rx_exit(void)
{
	inet6_del_protocol(&eoip6_protocol, EOIP6_NEXTHDR);
}
