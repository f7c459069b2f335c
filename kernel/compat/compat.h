/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shims that let the driver read like current kernel code on every kernel
 * from 5.10 on. Which shim applies is decided by compat/probe.sh, which
 * looks for each API in the headers we build against (features.h).
 */
#ifndef _EOIP_COMPAT_H
#define _EOIP_COMPAT_H

#include <linux/netdevice.h>
#include <linux/timer.h>
#include <net/flow.h>
#include <net/ip_tunnels.h>
#include <net/ip6_tunnel.h>
#include <net/rtnetlink.h>

#include "features.h"

#ifdef EOIP_HAVE_NET_GSO_H
#include <net/gso.h>
#endif

#ifndef GSO_LEGACY_MAX_SIZE
#define GSO_LEGACY_MAX_SIZE GSO_MAX_SIZE
#endif

/*
 * Before DEV_STATS_INC the counters were plain unsigned longs. The tunnel
 * transmits without a lock (LLTX) on several CPUs at once, so increment them
 * atomically, as DEV_STATS_INC does: an unsigned long and an atomic_long_t
 * are the same size.
 */
#ifndef EOIP_HAVE_DEV_STATS_INC
#define DEV_STATS_INC(dev, field) \
	atomic_long_inc((atomic_long_t *)&(dev)->stats.field)
#endif

#ifndef EOIP_HAVE_TIMER_DELETE_SYNC
#define timer_delete_sync(t) del_timer_sync(t)
#endif

#ifndef EOIP_HAVE_TIMER_SHUTDOWN
#define timer_shutdown_sync(t) del_timer_sync(t)
#endif

#ifndef EOIP_HAVE_TIMER_CONTAINER_OF
#define timer_container_of(var, timer, field) from_timer(var, timer, field)
#endif

/* Lockless transmit and "cannot change namespace" moved out of features. */
static inline void eoip_compat_set_lltx(struct net_device *dev)
{
#ifdef EOIP_HAVE_DEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline void eoip_compat_set_netns_local(struct net_device *dev)
{
#if defined(EOIP_HAVE_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(EOIP_HAVE_DEV_NETNS_LOCAL)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * Per-CPU tx/rx counters: since the core learnt to allocate them
 * (pcpu_stat_type) iptunnel_xmit() insists on it; before, the driver
 * allocated dev->tstats itself.
 */
static inline void eoip_compat_setup_tstats(struct net_device *dev)
{
#ifdef EOIP_HAVE_PCPU_STAT_TYPE
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
#endif
}

static inline int eoip_compat_alloc_tstats(struct net_device *dev)
{
#ifndef EOIP_HAVE_PCPU_STAT_TYPE
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
#endif
	return 0;
}

static inline void eoip_compat_free_tstats(struct net_device *dev)
{
#ifndef EOIP_HAVE_PCPU_STAT_TYPE
	free_percpu(dev->tstats);
#endif
}

static inline void eoip_compat_set_tso_max_size(struct net_device *dev,
						unsigned int size)
{
#ifdef EOIP_HAVE_TSO_MAX_SIZE
	netif_set_tso_max_size(dev, size);
#else
	netif_set_gso_max_size(dev, size);
#endif
}

#ifndef EOIP_HAVE_DEV_SW_NETSTATS
static inline void dev_sw_netstats_rx_add(struct net_device *dev,
					  unsigned int len)
{
	struct pcpu_sw_netstats *tstats = this_cpu_ptr(dev->tstats);

	u64_stats_update_begin(&tstats->syncp);
	tstats->rx_bytes += len;
	tstats->rx_packets++;
	u64_stats_update_end(&tstats->syncp);
}
#endif

#ifndef EOIP_HAVE_DEV_GET_TSTATS64
#define dev_get_tstats64 ip_tunnel_get_stats64
#endif

static inline void eoip_compat_flowi4_set_tos(struct flowi4 *fl4, u8 tos)
{
#ifdef EOIP_HAVE_FLOWI4_DSCP
	fl4->flowi4_dscp = inet_dsfield_to_dscp(tos);
#else
	fl4->flowi4_tos = RT_TOS(tos);
#endif
}

static inline void eoip_compat_iptunnel_xmit(struct rtable *rt,
					     struct sk_buff *skb,
					     __be32 src, __be32 dst, u8 proto,
					     u8 tos, u8 ttl, __be16 df)
{
#ifdef EOIP_HAVE_IPTUNNEL_XMIT_IPCB_FLAGS
	iptunnel_xmit(NULL, rt, skb, src, dst, proto, tos, ttl, df, false, 0);
#else
	iptunnel_xmit(NULL, rt, skb, src, dst, proto, tos, ttl, df, false);
#endif
}

static inline void eoip_compat_ip6tunnel_xmit(struct sk_buff *skb,
					      struct net_device *dev)
{
#ifdef EOIP_HAVE_IP6TUNNEL_XMIT_IP6CB_FLAGS
	ip6tunnel_xmit(NULL, skb, dev, 0);
#else
	ip6tunnel_xmit(NULL, skb, dev);
#endif
}

/*
 * rtnl_link_ops.newlink took (src_net, dev, tb, data, extack) until the
 * parameters were bundled into struct rtnl_newlink_params (6.15). The driver
 * implements fn(dev, tb, data, extack); this defines the entry point.
 */
#ifdef EOIP_HAVE_NEWLINK_PARAMS
#define EOIP_NEWLINK_ENTRY(entry, fn)					\
static int entry(struct net_device *dev,				\
		 struct rtnl_newlink_params *params,			\
		 struct netlink_ext_ack *extack)			\
{									\
	return fn(dev, params->tb, params->data, extack);		\
}
#else
#define EOIP_NEWLINK_ENTRY(entry, fn)					\
static int entry(struct net *src_net, struct net_device *dev,		\
		 struct nlattr *tb[], struct nlattr *data[],		\
		 struct netlink_ext_ack *extack)			\
{									\
	return fn(dev, tb, data, extack);				\
}
#endif

#endif /* _EOIP_COMPAT_H */
