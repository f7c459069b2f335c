// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: EoIP packet in, Ethernet frame out of the tunnel device; and
 * ICMP errors about the packets we sent.
 *
 * IPv4 packets arrive through the netfilter hook (netfilter.c says why).
 * Taking them there skips the IPsec input policy check that
 * ip_local_deliver_finish() would make, so it is made here. IPv6 next
 * header 97 has no owner in Linux: EoIPv6 registers as that protocol.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/netfilter_ipv4.h>
#include <linux/tcp.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/netns/generic.h>
#include <net/protocol.h>
#include <net/xfrm.h>

#include "eoip.h"

static void eoip_rx_length_error(struct net_device *dev, struct sk_buff *skb)
{
	DEV_STATS_INC(dev, rx_length_errors);
	DEV_STATS_INC(dev, rx_errors);
	kfree_skb(skb);
}

/*
 * The TCP header of an IPv4 or IPv6 packet @nhoff bytes into skb->data,
 * ethertype @proto. Return: its offset from skb->data, or 0 when the packet
 * is no TCP, or a fragment, or has IPv6 extension headers.
 */
static unsigned int eoip_rx_tcp_offset(struct sk_buff *skb, __be16 proto,
				       unsigned int nhoff)
{
	if (proto == htons(ETH_P_IP)) {
		const struct iphdr *iph;

		if (!pskb_may_pull(skb, nhoff + sizeof(*iph)))
			return 0;
		iph = (const struct iphdr *)(skb->data + nhoff);
		if (iph->protocol != IPPROTO_TCP || iph->ihl < 5 ||
		    ip_is_fragment(iph))
			return 0;
		return nhoff + iph->ihl * 4;
	}
	if (proto == htons(ETH_P_IPV6)) {
		if (!pskb_may_pull(skb, nhoff + sizeof(struct ipv6hdr)) ||
		    ((const struct ipv6hdr *)(skb->data + nhoff))->nexthdr !=
		    IPPROTO_TCP)
			return 0;
		return nhoff + sizeof(struct ipv6hdr);
	}
	return 0;
}

static bool eoip_rx_is_syn(struct sk_buff *skb, unsigned int thoff)
{
	return pskb_may_pull(skb, thoff + sizeof(struct tcphdr)) &&
	       ((const struct tcphdr *)(skb->data + thoff))->syn;
}

/*
 * clamp-tcp-mss (mss.c) for a SYN, untagged or behind one 802.1Q tag;
 * @thoff: the TCP header of an untagged frame, 0 if it has none.
 */
static void eoip_rx_clamp(struct eoip_tunnel *t, struct sk_buff *skb,
			  unsigned int thoff)
{
	__be16 proto = skb->protocol;
	unsigned int nhoff = 0;

	if (!thoff && proto == htons(ETH_P_8021Q) &&
	    pskb_may_pull(skb, VLAN_HLEN)) {
		proto = ((const struct vlan_hdr *)skb->data)->h_vlan_encapsulated_proto;
		nhoff = VLAN_HLEN;
		thoff = eoip_rx_tcp_offset(skb, proto, nhoff);
	}
	if (thoff && eoip_rx_is_syn(skb, thoff))
		eoip_clamp_tcp_mss(skb, proto, nhoff, thoff,
				   READ_ONCE(t->dev->mtu));
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
	unsigned int thoff;
	bool tcp;

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

	/*
	 * GRO pays off for TCP, whose segments it merges; for everything else
	 * (small UDP above all) it is a cost, a socket lookup per datagram
	 * among it, so those frames take the plain backlog. A GSO packet (a
	 * whole TCP burst from a local sender) needs no merging but goes the
	 * way of its kind, and holds no SYN. Other TCP frames cost the
	 * clamp one test of a flag, and its SYN bit when that is set.
	 */
	if (skb_is_gso(skb)) {
		tcp = true;
	} else {
		thoff = eoip_rx_tcp_offset(skb, skb->protocol, 0);
		tcp = thoff;
		if (READ_ONCE(t->p.clamp_tcp_mss))
			eoip_rx_clamp(t, skb, thoff);
	}

	dev_sw_netstats_rx_add(dev, skb->len);
	if (tcp)
		gro_cells_receive(&t->gro_cells, skb);
	else
		netif_rx(skb);
	return;

drop:
	DEV_STATS_INC(dev, rx_dropped);
	kfree_skb(skb);
}

/**
 * eoip4_rcv() - an EoIP packet for this host, from the netfilter hook
 * @net: the namespace it arrived in
 * @skb: the packet, skb->data at its IP header, EoIP magic checked and
 *	the header pulled
 *
 * Consumes @skb.
 *
 * Context: softirq, rcu_read_lock().
 */
void eoip4_rcv(struct net *net, struct sk_buff *skb)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int hoff = skb_network_offset(skb) + ip_hdrlen(skb);
	const struct eoip_hdr *eh = (const struct eoip_hdr *)(skb->data + hoff);
	union eoip_addr saddr = { .ip = iph->saddr };
	union eoip_addr daddr = { .ip = iph->daddr };
	struct eoip_tunnel *t;

	t = eoip_table_lookup(en, AF_INET, le16_to_cpu(eh->tunnel_id),
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
	eoip_rcv(t, skb, hoff + sizeof(*eh), be16_to_cpu(eh->frame_len));
}

/**
 * eoip4_icmp_rcv() - an ICMP error about an EoIP packet we sent
 * @net: the namespace it arrived in
 * @skb: the ICMP packet, skb->data at its IP header, the quoted IP and
 *	EoIP headers pulled (netfilter.c checked them)
 *
 * gre.ko's error handler gives GRE version 1 to the PPTP slot, which has
 * nothing for EoIP: so the tunnel's route learns the path MTU (or follows a
 * redirect) here, as ip_gre does for its own packets. The ICMP then goes on
 * to the ICMP layer: @skb is left as it came.
 *
 * Context: softirq, rcu_read_lock().
 */
void eoip4_icmp_rcv(struct net *net, struct sk_buff *skb)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);
	unsigned int quoted = ip_hdrlen(skb) + sizeof(struct icmphdr);
	const struct icmphdr *icmph;
	const struct eoip_hdr *eh;
	const struct iphdr *inner;
	union eoip_addr local, remote;
	struct eoip_tunnel *t;
	int link;

	if (nf_ip_checksum(skb, NF_INET_LOCAL_IN, ip_hdrlen(skb), IPPROTO_ICMP))
		return;		/* the ICMP layer counts it */
	icmph = (const struct icmphdr *)(skb->data + ip_hdrlen(skb));
	if (!(icmph->type == ICMP_DEST_UNREACH &&
	      icmph->code == ICMP_FRAG_NEEDED) && icmph->type != ICMP_REDIRECT)
		return;
	inner = (const struct iphdr *)(skb->data + quoted);
	eh = (const struct eoip_hdr *)((const u8 *)inner + inner->ihl * 4);
	local.ip = inner->saddr;
	remote.ip = inner->daddr;
	t = eoip_table_lookup(en, AF_INET, le16_to_cpu(eh->tunnel_id),
			      &remote, &local);
	if (!t)
		return;
	link = READ_ONCE(t->p.link);

	/* Both take the quoted packet at skb->data, as in an err_handler. */
	__skb_pull(skb, quoted);
	if (icmph->type == ICMP_DEST_UNREACH)
		ipv4_update_pmtu(skb, net, ntohs(icmph->un.frag.mtu), link,
				 EOIP_IPPROTO);
	else
		ipv4_redirect(skb, net, link, EOIP_IPPROTO);
	__skb_push(skb, quoted);
}

static u16 eoip6_tunnel_id(const struct eoip6_hdr *eh)
{
	return (eh->id_hi_version >> 4) << 8 | eh->id_lo;
}

/*
 * IPv6 next header 97. The IPsec input policy is checked here, not by the
 * core (INET6_PROTO_NOPOLICY), so that a refusal is counted as IPv4's is.
 */
static int eoip6_rcv(struct sk_buff *skb)
{
	struct eoip_net *en = net_generic(dev_net(skb->dev), eoip_net_id);
	const struct eoip6_hdr *eh;
	const struct ipv6hdr *ip6h;
	union eoip_addr saddr, daddr;
	struct eoip_tunnel *t;

	if (!pskb_may_pull(skb, sizeof(*eh)))
		goto bad_header;
	eh = (const struct eoip6_hdr *)skb->data;
	if ((eh->id_hi_version & 0x0f) != EOIP6_VERSION_NIBBLE)
		goto bad_header;

	ip6h = ipv6_hdr(skb);
	saddr.ip6 = ip6h->saddr;
	daddr.ip6 = ip6h->daddr;
	t = eoip_table_lookup(en, AF_INET6, eoip6_tunnel_id(eh), &saddr,
			      &daddr);
	if (unlikely(!t)) {
		atomic_long_inc(&en->rx_no_tunnel);
		kfree_skb(skb);
		return 0;
	}
	if (unlikely(!xfrm6_policy_check(NULL, XFRM_POLICY_IN, skb))) {
		atomic_long_inc(&en->rx_policy_drop);
		DEV_STATS_INC(t->dev, rx_dropped);
		kfree_skb(skb);
		return 0;
	}
	/* No length field: the frame is the rest of the IPv6 payload. */
	eoip_rcv(t, skb, sizeof(*eh), skb->len - sizeof(*eh));
	return 0;

bad_header:
	atomic_long_inc(&en->rx_bad_header);
	kfree_skb(skb);
	return 0;
}

/*
 * ICMPv6 about a packet we sent (skb->data at the quoted IPv6 header, ours
 * @offset bytes in): if it belongs to one of our tunnels, its route learns
 * the path MTU or follows the redirect, as ip6gre does. Anything else about
 * next header 97 is none of our business.
 */
static int eoip6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
		     u8 type, u8 code, int offset, __be32 info)
{
	struct net *net = dev_net(skb->dev);
	struct eoip_net *en = net_generic(net, eoip_net_id);
	const struct ipv6hdr *ip6h;
	const struct eoip6_hdr *eh;
	union eoip_addr local, remote;
	struct eoip_tunnel *t;
	int link;

	if (type != ICMPV6_PKT_TOOBIG && type != NDISC_REDIRECT)
		return 0;
	if (!pskb_may_pull(skb, offset + sizeof(*eh)))
		return 0;
	eh = (const struct eoip6_hdr *)(skb->data + offset);
	if ((eh->id_hi_version & 0x0f) != EOIP6_VERSION_NIBBLE)
		return 0;
	ip6h = (const struct ipv6hdr *)skb->data;
	local.ip6 = ip6h->saddr;
	remote.ip6 = ip6h->daddr;
	t = eoip_table_lookup(en, AF_INET6, eoip6_tunnel_id(eh), &remote,
			      &local);
	if (!t)
		return 0;
	link = READ_ONCE(t->p.link);

	if (type == ICMPV6_PKT_TOOBIG)
		ip6_update_pmtu(skb, net, info, link, 0,
				sock_net_uid(net, NULL));
	else
		ip6_redirect(skb, net, skb->dev->ifindex, 0,
			     sock_net_uid(net, NULL));
	return 0;
}

static const struct inet6_protocol eoip6_protocol = {
	.handler	= eoip6_rcv,
	.err_handler	= eoip6_err,
	.flags		= INET6_PROTO_FINAL | INET6_PROTO_NOPOLICY,
};

/**
 * eoip6_rx_init() - receive EoIPv6: register as IPv6 next header 97
 * Return: 0, or -EBUSY when another module owns next header 97.
 */
int eoip6_rx_init(void)
{
	/* It says -1 when another module owns next header 97. */
	if (inet6_add_protocol(&eoip6_protocol, EOIP6_NEXTHDR)) {
		pr_err("IPv6 next header 97 is taken by another module\n");
		return -EBUSY;
	}
	return 0;
}

/**
 * eoip6_rx_exit() - undo eoip6_rx_init()
 */
void eoip6_rx_exit(void)
{
	inet6_del_protocol(&eoip6_protocol, EOIP6_NEXTHDR);
}
