/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver is written for the newest kernel's API; this header, which
 * Kbuild puts in front of every file (-include), makes each older kernel
 * from 5.10 on look like that one, by giving it today's names: a macro or
 * a static inline per function, constant or struct member that differs.
 * No driver file mentions a shim. Which shim applies is decided by
 * compat/probe.sh, which looks for each API in the headers we build
 * against (features.h), never at a version number: distributions backport.
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
#ifdef EOIP_HAVE_INET_DSCP
#include <net/inet_dscp.h>
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

/*
 * Members an older kernel does not have. The driver assigns them as today's
 * kernel spells it ("dev->lltx = true;"); the macro turns the member into
 * what the older kernel has ("dev->features |= NETIF_F_LLTX") and hands the
 * rest of the assignment ("= true") to a throw-away compound literal.
 */
#define EOIP_NO_MEMBER(type) (type) { 0 }

#ifndef EOIP_HAVE_DEV_LLTX
#define lltx features |= NETIF_F_LLTX, EOIP_NO_MEMBER(bool)
#endif

#if !defined(EOIP_HAVE_NETNS_IMMUTABLE) && defined(EOIP_HAVE_DEV_NETNS_LOCAL)
#define netns_immutable netns_local
#elif !defined(EOIP_HAVE_NETNS_IMMUTABLE)
#define netns_immutable features |= NETIF_F_NETNS_LOCAL, EOIP_NO_MEMBER(bool)
#endif

#ifndef EOIP_HAVE_TSO_MAX_SIZE
#define netif_set_tso_max_size(dev, size) netif_set_gso_max_size(dev, size)
#endif

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

/*
 * The outer DSCP of a route lookup was a TOS byte (flowi4_tos) before it
 * became a dscp_t. The routing code of those kernels masks flowi4_tos
 * itself (to the DSCP bits, or on older ones to the TOS bits of RFC 1349),
 * so the DS field goes in as inet_dsfield_to_dscp() leaves it: without its
 * ECN bits.
 */
#ifndef EOIP_HAVE_FLOWI4_DSCP
#define flowi4_dscp flowi4_tos
#endif

#ifndef EOIP_HAVE_INET_DSCP
static inline u8 inet_dsfield_to_dscp(u8 dsfield)
{
	return dsfield & 0xfc;	/* the DS field less its two ECN bits */
}
#endif

/*
 * iptunnel_xmit() and ip6tunnel_xmit() gained a trailing IPCB/IP6CB flags
 * argument; before, the control block started out empty, as flags 0 say.
 */
#ifndef EOIP_HAVE_IPTUNNEL_XMIT_IPCB_FLAGS
#define iptunnel_xmit(sk, rt, skb, src, dst, proto, tos, ttl, df, xnet, \
		      ipcb_flags) \
	iptunnel_xmit(sk, rt, skb, src, dst, proto, tos, ttl, df, xnet)
#endif

#ifndef EOIP_HAVE_IP6TUNNEL_XMIT_IP6CB_FLAGS
#define ip6tunnel_xmit(sk, skb, dev, ip6cb_flags) ip6tunnel_xmit(sk, skb, dev)
#endif

/*
 * Two of the driver's own callbacks whose contract changed, rather than a
 * kernel function's name or arguments. No macro on a kernel name can adapt
 * them, so these adapt the driver's function: a function-like macro of the
 * same name applies to its definition only (a name followed by "("), which
 * it turns into a declaration of the function under another name, an entry
 * point with the older contract under the driver's name (the one its ops
 * table refers to), and the definition under the other name.
 */

/*
 * Per-CPU tx/rx counters: since the core learnt to allocate them
 * (pcpu_stat_type, which iptunnel_xmit() reads) the driver only says which
 * kind it wants. Before, the driver allocated dev->tstats in ndo_init and
 * freed them in its destructor: eoip_dev_init() and eoip_dev_free() do so
 * around the driver's own. There is no pcpu_stat_type to set then: the
 * driver's "dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS" changes nothing
 * ("dev->features |= 0", and the value goes to a throw-away literal).
 */
#ifndef EOIP_HAVE_PCPU_STAT_TYPE
#define NETDEV_PCPU_STAT_TSTATS 0
#define pcpu_stat_type features |= 0, EOIP_NO_MEMBER(int)

#define eoip_dev_init(...)						\
	eoip_dev_init_tstats_ready(__VA_ARGS__);			\
	static int eoip_dev_init(struct net_device *dev)		\
	{								\
		int err;						\
									\
		dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats); \
		if (!dev->tstats)					\
			return -ENOMEM;					\
		err = eoip_dev_init_tstats_ready(dev);			\
		if (err)						\
			free_percpu(dev->tstats);			\
		return err;						\
	}								\
	static int eoip_dev_init_tstats_ready(__VA_ARGS__)

#define eoip_dev_free(...)						\
	eoip_dev_free_but_tstats(__VA_ARGS__);				\
	static void eoip_dev_free(struct net_device *dev)		\
	{								\
		eoip_dev_free_but_tstats(dev);				\
		free_percpu(dev->tstats);				\
	}								\
	static void eoip_dev_free_but_tstats(__VA_ARGS__)
#endif

/*
 * rtnl_link_ops.newlink took (src_net, dev, tb, data, extack) until the
 * parameters were bundled into struct rtnl_newlink_params (6.15). The
 * driver's eoip_newlink() takes the bundle; this entry point makes it.
 */
#ifndef EOIP_HAVE_NEWLINK_PARAMS
struct rtnl_newlink_params {
	struct net *src_net;
	struct nlattr **tb;
	struct nlattr **data;
};

#define eoip_newlink(...)						\
	eoip_newlink_params(__VA_ARGS__);				\
	static int eoip_newlink(struct net *src_net, struct net_device *dev, \
				struct nlattr *tb[], struct nlattr *data[], \
				struct netlink_ext_ack *extack)		\
	{								\
		struct rtnl_newlink_params params = {			\
			.src_net = src_net,				\
			.tb = tb,					\
			.data = data,					\
		};							\
									\
		return eoip_newlink_params(dev, &params, extack);	\
	}								\
	static int eoip_newlink_params(__VA_ARGS__)
#endif

#endif /* _EOIP_COMPAT_H */
