// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: Ethernet frame in, EoIP packet out.
 *
 * Both families share the frame handling (segmentation, offloads, header
 * room); only the outer header and the route differ. The route and the
 * source address it chose are cached per CPU in the tunnel's dst_cache.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/route.h>
#include <net/tcp.h>

#include "eoip.h"

/* DSCP of the inner IP packet, for "tos inherit" (RouterOS dscp=inherit). */
static u8 eoip_inner_dscp(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr)))
		return ip_hdr(skb)->tos & ~INET_ECN_MASK;
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
		return ipv6_get_dsfield(ipv6_hdr(skb)) & ~INET_ECN_MASK;
	return 0;
}

static bool eoip_inner_df(struct sk_buff *skb)
{
	return skb->protocol == htons(ETH_P_IP) &&
	       pskb_network_may_pull(skb, sizeof(struct iphdr)) &&
	       (ip_hdr(skb)->frag_off & htons(IP_DF));
}

/*
 * A frame that does not fit the path while the outer DF bit forbids
 * fragments: tell its sender the size that fits, as gretap does. The route
 * of a locally sent packet learns it as its path MTU; the sender of an IPv4
 * packet with DF, or of an IPv6 packet, gets ICMP "fragmentation needed" or
 * "packet too big". (A bridged frame has no route, so no ICMP either.)
 */
static void eoip_frame_too_big(struct sk_buff *skb, unsigned int mtu)
{
	if (skb->protocol == htons(ETH_P_IP)) {
		if (mtu < IPV4_MIN_MTU ||
		    !pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return;
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		if (ip_hdr(skb)->frag_off & htons(IP_DF))
			icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
				      htonl(mtu));
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		if (mtu < IPV6_MIN_MTU ||
		    !pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return;
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	}
}

static void eoip_tx_drop(struct net_device *dev, struct sk_buff *skb)
{
	DEV_STATS_INC(dev, tx_errors);
	kfree_skb(skb);
}

static void eoip_xmit_segments(struct eoip_tunnel *t, struct sk_buff *skb);
static void eoip_xmit_one(struct eoip_tunnel *t, struct sk_buff *skb);

/*
 * @frame_len is the length field: skb->len, or for a GSO packet of equal
 * frames (@gso_type SKB_GSO_GRE) the length of each frame it will become.
 */
static void eoip4_xmit_one(struct eoip_tunnel *t, struct sk_buff *skb,
			   unsigned int frame_len, int gso_type)
{
	struct net_device *dev = t->dev;
	u8 tos = READ_ONCE(t->p.tos);
	u8 ttl = READ_ONCE(t->p.ttl) ?: EOIP_DEFAULT_TTL;
	bool use_cache = true;
	struct rtable *rt;
	unsigned int mtu;
	__be16 df = 0;
	__be32 saddr;
	u8 *hdr;

	/* The DSCP takes part in the route lookup: no cache when it varies. */
	if (tos & EOIP_TOS_INHERIT) {
		tos = eoip_inner_dscp(skb);
		use_cache = false;
	}
	switch (READ_ONCE(t->p.dont_fragment)) {
	case EOIP_DF_YES:
		df = htons(IP_DF);
		break;
	case EOIP_DF_INHERIT:
		if (eoip_inner_df(skb))
			df = htons(IP_DF);
		break;
	}

	rt = use_cache ? dst_cache_get_ip4(&t->dst_cache, &saddr) : NULL;
	if (!rt) {
		struct flowi4 fl4 = {
			.daddr = t->p.remote.ip,
			.saddr = t->p.local.ip,
			.flowi4_oif = READ_ONCE(t->p.link),
			.flowi4_proto = EOIP_IPPROTO,
		};

		eoip_compat_flowi4_set_tos(&fl4, tos);
		rt = ip_route_output_key(t->net, &fl4);
		if (IS_ERR(rt)) {
			DEV_STATS_INC(dev, tx_carrier_errors);
			goto drop;
		}
		if (use_cache)
			dst_cache_set_ip4(&t->dst_cache, &rt->dst, fl4.saddr);
		saddr = fl4.saddr;
	}
	if (unlikely(rt->dst.dev == dev)) {	/* routed into itself */
		ip_rt_put(rt);
		DEV_STATS_INC(dev, collisions);
		goto drop;
	}
	mtu = dst_mtu(&rt->dst);
	if (df && !gso_type && skb->len + EOIP4_ENCAP_LEN > mtu) {
		ip_rt_put(rt);
		eoip_frame_too_big(skb, mtu - EOIP4_ENCAP_LEN - ETH_HLEN);
		goto drop;
	}
	/*
	 * Frames too big for the path leave in outer fragments, which GRE
	 * GSO does not make well (the segment-then-fragment slow path of
	 * ip_finish_output_gso lost a fifth of them): cut them here.
	 */
	if (gso_type && frame_len + EOIP4_ENCAP_LEN > mtu) {
		ip_rt_put(rt);
		eoip_xmit_segments(t, skb);
		return;
	}

	if (skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
			      EOIP4_ENCAP_LEN) ||
	    iptunnel_handle_offloads(skb, gso_type)) {
		ip_rt_put(rt);
		goto drop;
	}

	hdr = skb_push(skb, EOIP_HEADER_LEN);
	hdr[0] = EOIP_MAGIC_0;
	hdr[1] = EOIP_MAGIC_1;
	hdr[2] = EOIP_MAGIC_2;
	hdr[3] = EOIP_MAGIC_3;
	put_unaligned_be16(frame_len, hdr + 4);
	put_unaligned_le16(t->p.tunnel_id, hdr + 6);
	/*
	 * Where GRE GSO finds the tunnel header (transport header to inner
	 * MAC header) and what follows it, for an underlay that segments in
	 * software: without them, it would drop the packet.
	 */
	skb_reset_transport_header(skb);
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));

	/* Outer fragments: see fragment.c. IPsec output takes its own way. */
	if (!gso_type && !df && skb->len + sizeof(struct iphdr) > mtu &&
	    !dst_xfrm(&rt->dst))
		eoip_cut_for_fragments(skb, (mtu - sizeof(struct iphdr)) & ~7,
				       LL_RESERVED_SPACE(rt->dst.dev) +
				       sizeof(struct iphdr));

	eoip_compat_iptunnel_xmit(rt, skb, saddr, t->p.remote.ip, EOIP_IPPROTO,
				  tos, ttl, df);
	return;

drop:
	eoip_tx_drop(dev, skb);
}

static void eoip6_xmit_one(struct eoip_tunnel *t, struct sk_buff *skb)
{
	struct net_device *dev = t->dev;
	u8 tclass = READ_ONCE(t->p.tos);
	u8 hop_limit = READ_ONCE(t->p.ttl) ?: EOIP_DEFAULT_TTL;
	u16 id = t->p.tunnel_id;
	bool use_cache = true;
	struct dst_entry *dst;
	struct in6_addr saddr;
	struct ipv6hdr *ip6h;
	unsigned int mtu;
	u8 *hdr;

	if (tclass & EOIP_TOS_INHERIT) {
		tclass = eoip_inner_dscp(skb);
		use_cache = false;
	}

	dst = use_cache ? dst_cache_get_ip6(&t->dst_cache, &saddr) : NULL;
	if (!dst) {
		struct flowi6 fl6 = {
			.daddr = t->p.remote.ip6,
			.saddr = t->p.local.ip6,
			.flowi6_oif = READ_ONCE(t->p.link),
			.flowi6_proto = EOIP6_NEXTHDR,
			.flowlabel = ip6_make_flowinfo(tclass, 0),
		};

		dst = ip6_dst_lookup_flow(t->net, NULL, &fl6, NULL);
		if (IS_ERR(dst)) {
			DEV_STATS_INC(dev, tx_carrier_errors);
			goto drop;
		}
		if (use_cache)
			dst_cache_set_ip6(&t->dst_cache, dst, &fl6.saddr);
		saddr = fl6.saddr;
	}
	if (unlikely(dst->dev == dev)) {
		dst_release(dst);
		DEV_STATS_INC(dev, collisions);
		goto drop;
	}

	/* Room for a fragment header too: ip6_fragment() inserts it there. */
	if (skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + EOIP6_ENCAP_LEN +
			      sizeof(struct frag_hdr)) ||
	    iptunnel_handle_offloads(skb, 0)) {
		dst_release(dst);
		goto drop;
	}
	skb_scrub_packet(skb, false);

	hdr = skb_push(skb, EOIP6_HEADER_LEN);
	hdr[0] = (id >> 8) << 4 | EOIP6_VERSION_NIBBLE;
	hdr[1] = id & 0xff;

	mtu = dst_mtu(dst);
	if (skb->len + sizeof(*ip6h) > mtu && !dst_xfrm(dst))
		eoip_cut_for_fragments(skb, (mtu - sizeof(*ip6h) -
					     sizeof(struct frag_hdr)) & ~7,
				       LL_RESERVED_SPACE(dst->dev) +
				       sizeof(*ip6h) + sizeof(struct frag_hdr));

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, tclass, 0);
	ip6h->nexthdr = EOIP6_NEXTHDR;
	ip6h->hop_limit = hop_limit;
	ip6h->saddr = saddr;
	ip6h->daddr = t->p.remote.ip6;

	skb->protocol = htons(ETH_P_IPV6);
	/* RouterOS semantics: a big tunnel MTU means outer fragments. */
	skb->ignore_df = 1;
	skb_dst_set(skb, dst);
	ip6tunnel_xmit(NULL, skb, skb->dev);
	return;

drop:
	eoip_tx_drop(dev, skb);
}

/*
 * Every EoIP frame carries its own length, so a GSO packet whose frames
 * differ is cut into frames here, before any header is written.
 */
static void eoip_xmit_segments(struct eoip_tunnel *t, struct sk_buff *skb)
{
	struct net_device *dev = t->dev;
	struct sk_buff *segs, *next;

	segs = skb_gso_segment(skb, dev->features & ~NETIF_F_GSO_MASK);
	if (IS_ERR(segs)) {
		eoip_tx_drop(dev, skb);
		return;
	}
	if (!segs) {
		eoip_xmit_one(t, skb);
		return;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		eoip_xmit_one(t, skb);
	}
}

static void eoip_xmit_one(struct eoip_tunnel *t, struct sk_buff *skb)
{
	if (eoip_is_v6(t))
		eoip6_xmit_one(t, skb);
	else
		eoip4_xmit_one(t, skb, skb->len, 0);
}

/*
 * The length of each frame a TCP GSO packet becomes, if they are all equally
 * long, else 0. Such a packet can travel whole as GRE GSO: wherever it is
 * segmented (a NIC, the software GSO of the underlay, or never, through
 * veth) the GRE engine copies our header, length included, into every
 * segment, and that length is right for each of them.
 */
static unsigned int eoip_gso_equal_frame_len(struct sk_buff *skb)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int headers, payload;

	if (skb->encapsulation ||
	    (shinfo->gso_type & ~(SKB_GSO_TCPV4 | SKB_GSO_TCPV6 |
				  SKB_GSO_TCP_ECN | SKB_GSO_DODGY)) ||
	    !(shinfo->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)) ||
	    !skb_transport_header_was_set(skb) ||
	    skb->len + EOIP4_ENCAP_LEN > IP_MAX_MTU)
		return 0;

	headers = skb_transport_offset(skb) + tcp_hdrlen(skb);
	if (skb->len <= headers)
		return 0;
	payload = skb->len - headers;
	if (payload % shinfo->gso_size)
		return 0;
	return headers + shinfo->gso_size;
}

netdev_tx_t eoip_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct eoip_tunnel *t = netdev_priv(dev);

	if (!skb_is_gso(skb)) {
		eoip_xmit_one(t, skb);
		return NETDEV_TX_OK;
	}
	if (!eoip_is_v6(t)) {
		unsigned int frame_len = eoip_gso_equal_frame_len(skb);

		if (frame_len) {
			eoip4_xmit_one(t, skb, frame_len, SKB_GSO_GRE);
			return NETDEV_TX_OK;
		}
	}
	eoip_xmit_segments(t, skb);
	return NETDEV_TX_OK;
}

/*
 * The keepalive is the bare header: an empty frame, length 0. It leaves with
 * no skb->dev, so that it is not counted as a frame the tunnel sent.
 */
void eoip_send_keepalive(struct eoip_tunnel *t)
{
	struct net_device *dev = t->dev;
	struct sk_buff *skb;

	skb = alloc_skb(LL_MAX_HEADER + eoip_encap_len(t->p.family),
			GFP_ATOMIC);
	if (!skb) {
		DEV_STATS_INC(dev, tx_dropped);
		return;
	}
	skb_reserve(skb, LL_MAX_HEADER + eoip_encap_len(t->p.family));
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	eoip_xmit_one(t, skb);
	atomic64_inc(&t->keepalives_sent);
}
