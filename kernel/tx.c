// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: Ethernet frame in, EoIP packet out.
 *
 * Every EoIP frame carries its own length, so a GSO packet is cut into
 * frames first (eoip_xmit). Each frame then takes the same steps in both
 * families, top to bottom in eoip4_xmit_frame() and eoip6_xmit_frame():
 * the route (cached per CPU in the tunnel's dst_cache, with the source
 * address it chose: see eoip_route_cached()), the offloads the outer packet
 * may carry, the header, and the send. Settings are read once per packet,
 * as one consistent copy.
 *
 * Offloads: no device is ever asked to parse our header. A NIC that knows
 * GRE would take it for GRE version 1 (PPTP) and find no inner headers it
 * understands, so nothing leaves marked as encapsulated (skb->encapsulation,
 * inner headers, SKB_GSO_GRE): GSO packets are segmented here, before the
 * header goes on, and a partial checksum of the inner frame stays partial
 * only for a device that fills it in from csum_start and csum_offset alone
 * (NETIF_F_HW_CSUM, generic checksum: veth, virtio-net, ixgbe, igb, e1000e
 * among others), as it would for any plain packet. Every other device gets
 * the checksum done here. Drivers read for this (6.12): i40e and ice hand a
 * non-encapsulated packet whose L4 protocol they do not know to
 * skb_checksum_help(); mlx5 and bnxt advertise NETIF_F_IP_CSUM and
 * NETIF_F_IPV6_CSUM only, so they never see a partial checksum from us.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/route.h>

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

/* The outer TOS (IPv4) or traffic class (IPv6). */
static u8 eoip_outer_dsfield(const struct eoip_params *p, struct sk_buff *skb)
{
	return p->tos & EOIP_TOS_INHERIT ? eoip_inner_dscp(skb) : p->tos;
}

static __be16 eoip4_outer_df(const struct eoip_params *p, struct sk_buff *skb)
{
	switch (p->dont_fragment) {
	case EOIP_DF_YES:
		return htons(IP_DF);
	case EOIP_DF_INHERIT:
		if (skb->protocol == htons(ETH_P_IP) &&
		    pskb_network_may_pull(skb, sizeof(struct iphdr)) &&
		    (ip_hdr(skb)->frag_off & htons(IP_DF)))
			return htons(IP_DF);
		break;
	}
	return 0;
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

/*
 * The route cache. Everything a lookup takes is fixed between two resets of
 * the cache (changelink) but the outer DSCP, which "tos inherit" (the
 * default, RouterOS's dscp=inherit) copies from each inner packet. Each
 * CPU's cached route is therefore kept with the DS field it was looked up
 * with (t->route_dsfield), and serves packets with that DS field only: a
 * tunnel that carries one DSCP, unmarked traffic above all, looks its
 * route up once per CPU, as with a fixed TOS; one whose packets alternate
 * between DSCP values pays a lookup per change, as with no cache.
 *
 * One route for every DSCP when nothing in the namespace selects on it
 * would spare even that, but for IPv4 nothing tells: a route may have a
 * TOS key of its own (ip route add ... tos 0x10) and no flag counts those,
 * and net->ipv4.fib_has_custom_rules says that some rule exists, not that
 * one looks at the DSCP. IPv6 routes have no such key, only fib6 rules
 * select on the traffic class: without custom rules (fib6_has_custom_rules)
 * one IPv6 route serves every DSCP, kept under DS field 0.
 * Context: BH disabled (transmit, keepalive timer), so that the route and
 * its tag are this CPU's, as dst_cache's own per-CPU slot is.
 */
static bool eoip_route_cached(const struct eoip_tunnel *t, u8 dsfield)
{
	return this_cpu_read(*t->route_dsfield) == dsfield;
}

static void eoip_route_cache_tag(struct eoip_tunnel *t, u8 dsfield)
{
	this_cpu_write(*t->route_dsfield, dsfield);
}

/* Route step, IPv4. Return: the route, or NULL (counted) when there is none. */
static struct rtable *eoip4_route(struct eoip_tunnel *t,
				  const struct eoip_params *p, u8 tos,
				  __be32 *saddr)
{
	struct rtable *rt = NULL;

	if (eoip_route_cached(t, tos))
		rt = dst_cache_get_ip4(&t->dst_cache, saddr);
	if (!rt) {
		struct flowi4 fl4 = {
			.daddr = p->remote.ip,
			.saddr = p->local.ip,
			.flowi4_oif = p->link,
			.flowi4_proto = EOIP_IPPROTO,
			.flowi4_dscp = inet_dsfield_to_dscp(tos),
		};

		rt = ip_route_output_key(t->net, &fl4);
		if (IS_ERR(rt)) {
			DEV_STATS_INC(t->dev, tx_carrier_errors);
			return NULL;
		}
		dst_cache_set_ip4(&t->dst_cache, &rt->dst, fl4.saddr);
		eoip_route_cache_tag(t, tos);
		*saddr = fl4.saddr;
	}
	if (unlikely(rt->dst.dev == t->dev)) {	/* routed into itself */
		ip_rt_put(rt);
		DEV_STATS_INC(t->dev, collisions);
		return NULL;
	}
	return rt;
}

/* Route step, IPv6. */
static struct dst_entry *eoip6_route(struct eoip_tunnel *t,
				     const struct eoip_params *p, u8 tclass,
				     struct in6_addr *saddr)
{
	u8 key = fib6_has_custom_rules(t->net) ? tclass : 0;
	struct dst_entry *dst = NULL;

	if (eoip_route_cached(t, key))
		dst = dst_cache_get_ip6(&t->dst_cache, saddr);
	if (!dst) {
		struct flowi6 fl6 = {
			.daddr = p->remote.ip6,
			.saddr = p->local.ip6,
			.flowi6_oif = p->link,
			.flowi6_proto = EOIP6_NEXTHDR,
			.flowlabel = ip6_make_flowinfo(tclass, 0),
		};

		dst = ip6_dst_lookup_flow(t->net, NULL, &fl6, NULL);
		if (IS_ERR(dst)) {
			DEV_STATS_INC(t->dev, tx_carrier_errors);
			return NULL;
		}
		dst_cache_set_ip6(&t->dst_cache, dst, &fl6.saddr);
		eoip_route_cache_tag(t, key);
		*saddr = fl6.saddr;
	}
	if (unlikely(dst->dev == t->dev)) {
		dst_release(dst);
		DEV_STATS_INC(t->dev, collisions);
		return NULL;
	}
	return dst;
}

/*
 * Offload step: room for the outer headers, and a frame the device
 * @lower can send without parsing our header (see the top of this file).
 */
static int eoip_tx_prepare(struct sk_buff *skb, const struct net_device *lower,
			   unsigned int encap_len)
{
	if (skb_cow_head(skb, LL_RESERVED_SPACE(lower) + encap_len))
		return -ENOMEM;
	skb->encapsulation = 0;
	if (skb->ip_summed != CHECKSUM_PARTIAL) {
		skb->ip_summed = CHECKSUM_NONE;
		return 0;
	}
	if (lower->features & NETIF_F_HW_CSUM)
		return 0;
	return skb_checksum_help(skb);
}

/* Header step: the frame's length is what skb holds now (0: keepalive). */
static void eoip4_push_header(struct sk_buff *skb, u16 tunnel_id)
{
	struct eoip_hdr *eh;
	unsigned int frame_len = skb->len;

	eh = skb_push(skb, sizeof(*eh));
	eh->magic[0] = EOIP_MAGIC_0;
	eh->magic[1] = EOIP_MAGIC_1;
	eh->magic[2] = EOIP_MAGIC_2;
	eh->magic[3] = EOIP_MAGIC_3;
	eh->frame_len = cpu_to_be16(frame_len);
	eh->tunnel_id = cpu_to_le16(tunnel_id);
	skb_reset_transport_header(skb);
}

static void eoip6_push_header(struct sk_buff *skb, u16 tunnel_id)
{
	struct eoip6_hdr *eh;

	eh = skb_push(skb, sizeof(*eh));
	eh->id_hi_version = (tunnel_id >> 8) << 4 | EOIP6_VERSION_NIBBLE;
	eh->id_lo = tunnel_id & 0xff;
	skb_reset_transport_header(skb);
}

/*
 * The outer IPv6 header goes on here: ip6tunnel_xmit() sends the packet as
 * it is, where iptunnel_xmit() writes the IPv4 one itself.
 */
static void eoip6_push_ip_header(struct sk_buff *skb,
				 const struct eoip_params *p, u8 tclass,
				 const struct in6_addr *saddr)
{
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, tclass, 0);
	ip6h->nexthdr = EOIP6_NEXTHDR;
	ip6h->hop_limit = p->ttl ?: EOIP_DEFAULT_TTL;
	ip6h->saddr = *saddr;
	ip6h->daddr = p->remote.ip6;
	skb->protocol = htons(ETH_P_IPV6);
}

/* One frame over IPv4. Return: whether it was handed to the IP layer. */
static bool eoip4_xmit_frame(struct eoip_tunnel *t, const struct eoip_params *p,
			     struct sk_buff *skb)
{
	u8 tos = eoip_outer_dsfield(p, skb);
	__be16 df = eoip4_outer_df(p, skb);
	unsigned int mtu;
	struct rtable *rt;
	__be32 saddr;

	rt = eoip4_route(t, p, tos, &saddr);
	if (!rt)
		goto drop;
	mtu = dst_mtu(&rt->dst);
	if (df && skb->len + EOIP4_ENCAP_LEN > mtu) {
		eoip_frame_too_big(skb, mtu - EOIP4_ENCAP_LEN - ETH_HLEN);
		goto drop_route;
	}
	if (eoip_tx_prepare(skb, rt->dst.dev, EOIP4_ENCAP_LEN))
		goto drop_route;

	eoip4_push_header(skb, p->tunnel_id);
	/* Without DF, the IP layer cuts what does not fit into fragments. */
	iptunnel_xmit(NULL, rt, skb, saddr, p->remote.ip, EOIP_IPPROTO, tos,
		      p->ttl ?: EOIP_DEFAULT_TTL, df, false, 0);
	return true;

drop_route:
	ip_rt_put(rt);
drop:
	eoip_tx_drop(t->dev, skb);
	return false;
}

/* One frame over IPv6. Return: whether it was handed to the IP layer. */
static bool eoip6_xmit_frame(struct eoip_tunnel *t, const struct eoip_params *p,
			     struct sk_buff *skb)
{
	u8 tclass = eoip_outer_dsfield(p, skb);
	struct dst_entry *dst;
	struct in6_addr saddr;

	dst = eoip6_route(t, p, tclass, &saddr);
	if (!dst)
		goto drop;
	if (eoip_tx_prepare(skb, dst->dev, EOIP6_ENCAP_LEN))
		goto drop_route;
	skb_scrub_packet(skb, false);

	eoip6_push_header(skb, p->tunnel_id);
	eoip6_push_ip_header(skb, p, tclass, &saddr);

	/* RouterOS semantics: a big tunnel MTU means outer fragments. */
	skb->ignore_df = 1;
	skb_dst_set(skb, dst);
	ip6tunnel_xmit(NULL, skb, skb->dev, 0);
	return true;

drop_route:
	dst_release(dst);
drop:
	eoip_tx_drop(t->dev, skb);
	return false;
}

static bool eoip_xmit_frame(struct eoip_tunnel *t, const struct eoip_params *p,
			    struct sk_buff *skb)
{
	if (p->family == AF_INET6)
		return eoip6_xmit_frame(t, p, skb);
	return eoip4_xmit_frame(t, p, skb);
}

/**
 * eoip_xmit() - ndo_start_xmit: send an Ethernet frame through the tunnel
 * @skb: the frame, or a GSO packet of frames, which is cut into frames here
 * @dev: the tunnel device
 *
 * Consumes @skb. A frame that cannot be sent (no route, too big for the
 * path with DF set, no memory) is dropped and counted in @dev's statistics.
 *
 * Context: BH disabled, possibly on several CPUs at once (LLTX).
 * Return: NETDEV_TX_OK.
 */
netdev_tx_t eoip_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct eoip_tunnel *t = netdev_priv(dev);
	struct sk_buff *segs, *next;
	struct eoip_params p;

	eoip_params_read(t, &p);
	if (!skb_is_gso(skb)) {
		eoip_xmit_frame(t, &p, skb);
		return NETDEV_TX_OK;
	}

	segs = skb_gso_segment(skb, dev->features & ~NETIF_F_GSO_MASK);
	if (IS_ERR_OR_NULL(segs)) {
		eoip_tx_drop(dev, skb);
		return NETDEV_TX_OK;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		eoip_xmit_frame(t, &p, skb);
	}
	return NETDEV_TX_OK;
}

/**
 * eoip_send_keepalive() - send the tunnel's keepalive
 * @t: the tunnel
 * @p: a copy of its settings (eoip_params_read())
 *
 * The keepalive is the bare header: an empty frame, length 0. It leaves with
 * no skb->dev, so that it is not counted as a frame the tunnel sent; one that
 * leaves counts in t->keepalives_sent.
 *
 * Context: the keepalive timer, under rcu_read_lock().
 */
void eoip_send_keepalive(struct eoip_tunnel *t, const struct eoip_params *p)
{
	unsigned int room = LL_MAX_HEADER + eoip_encap_len(p->family);
	struct sk_buff *skb;

	skb = alloc_skb(room, GFP_ATOMIC);
	if (!skb) {
		DEV_STATS_INC(t->dev, tx_dropped);
		return;
	}
	skb_reserve(skb, room);
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	if (eoip_xmit_frame(t, p, skb))
		atomic64_inc(&t->keepalives_sent);
}
