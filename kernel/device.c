// SPDX-License-Identifier: GPL-2.0
/*
 * The tunnel net_device: how it is set up, opened, closed and freed, and
 * what happens to it when its underlay goes.
 */
#include <linux/etherdevice.h>
#include <net/ip6_route.h>
#include <net/netns/generic.h>
#include <net/route.h>

#include "eoip.h"

/*
 * Offloads we accept from the stack: a GSO packet is segmented in
 * eoip_xmit() (the per-frame length field forbids segmenting after the
 * header is written) and a partial checksum travels with the inner frame
 * to wherever the outer packet is finished.
 */
#define EOIP_FEATURES	(NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HIGHDMA | \
			 NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE)

static int eoip_dev_init(struct net_device *dev)
{
	struct eoip_tunnel *t = netdev_priv(dev);
	int err;

	t->dev = dev;
	t->net = dev_net(dev);
	INIT_LIST_HEAD(&t->bound_node);

	err = dst_cache_init(&t->dst_cache, GFP_KERNEL);
	if (err)
		return err;
	t->route_dsfield = alloc_percpu(u8);
	if (!t->route_dsfield) {
		err = -ENOMEM;
		goto err_free_dst_cache;
	}
	eoip_keepalive_init(t);
	return 0;

err_free_dst_cache:
	dst_cache_destroy(&t->dst_cache);
	return err;
}

/* Unhooked from the table here; freed in eoip_dev_free() after RCU. */
static void eoip_dev_uninit(struct net_device *dev)
{
	struct eoip_tunnel *t = netdev_priv(dev);

	eoip_keepalive_stop(t);
	eoip_table_remove(net_generic(t->net, eoip_net_id), t);
	eoip_table_forget_bound(t);
	dst_cache_reset(&t->dst_cache);
}

static void eoip_dev_free(struct net_device *dev)
{
	struct eoip_tunnel *t = netdev_priv(dev);

	gro_cells_destroy(&t->gro_cells);
	free_percpu(t->route_dsfield);
	dst_cache_destroy(&t->dst_cache);
}

/*
 * The GRO cells, a NAPI context on every CPU, are made when the tunnel
 * first goes up: a tunnel that never does costs none of that memory, and
 * is deleted without the RCU grace period their teardown waits for on
 * older kernels (5.10: one per tunnel, even when deleted in a batch).
 * Receive reads the pointer without a lock (gro_cells_receive() takes the
 * NULL one to mean netif_rx()), so it is published only once the cells
 * are ready.
 */
static int eoip_gro_cells_get(struct eoip_tunnel *t)
{
	struct gro_cells cells;
	int err;

	if (t->gro_cells.cells)
		return 0;
	err = gro_cells_init(&cells, t->dev);
	if (err)
		return err;
	/* pairs with the address dependency of receive's this_cpu_ptr() */
	smp_store_release(&t->gro_cells.cells, cells.cells);
	return 0;
}

static int eoip_open(struct net_device *dev)
{
	struct eoip_tunnel *t = netdev_priv(dev);
	int err;

	err = eoip_gro_cells_get(t);
	if (err)
		return err;
	eoip_keepalive_start(t);
	return 0;
}

static int eoip_stop(struct net_device *dev)
{
	eoip_keepalive_stop(netdev_priv(dev));
	return 0;
}

static int eoip_get_iflink(const struct net_device *dev)
{
	const struct eoip_tunnel *t = netdev_priv(dev);

	return READ_ONCE(t->p.link);
}

static const struct net_device_ops eoip_netdev_ops = {
	.ndo_init		= eoip_dev_init,
	.ndo_uninit		= eoip_dev_uninit,
	.ndo_open		= eoip_open,
	.ndo_stop		= eoip_stop,
	.ndo_start_xmit		= eoip_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_get_iflink		= eoip_get_iflink,
};

static void eoip_setup(struct net_device *dev, u8 family)
{
	struct eoip_tunnel *t = netdev_priv(dev);

	seqlock_init(&t->params_lock);
	ether_setup(dev);
	dev->netdev_ops = &eoip_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = eoip_dev_free;

	/* A software device: no qdisc, no tx lock, may not change netns. */
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->lltx = true;
	dev->netns_immutable = true;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;

	dev->features |= EOIP_FEATURES;
	dev->hw_features |= EOIP_FEATURES;

	dev->needed_headroom = LL_MAX_HEADER + eoip_encap_len(family);
	/* A GSO packet and our headers must fit the outer length field. */
	netif_set_tso_max_size(dev, GSO_LEGACY_MAX_SIZE -
			       eoip_encap_len(family));
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = eoip_max_mtu(family);
	dev->mtu = family == AF_INET6 ? EOIP6_DEFAULT_MTU : EOIP_DEFAULT_MTU;

	eth_hw_addr_random(dev);
}

/**
 * eoip_set_keep_dst() - whether transmitted packets keep their route
 * @dev: the tunnel device
 * @p: its settings
 *
 * They keep it while the outer DF bit may be set: a frame too big for the
 * path then tells its sender the MTU through it (tx.c). Otherwise the core
 * drops the route before our transmit, which costs a little less per
 * packet.
 *
 * Context: RTNL, before the device is registered or with new settings.
 */
void eoip_set_keep_dst(struct net_device *dev, const struct eoip_params *p)
{
	if (p->family == AF_INET && p->dont_fragment != EOIP_DF_NO)
		netif_keep_dst(dev);
	else
		dev->priv_flags |= IFF_XMIT_DST_RELEASE | IFF_XMIT_DST_RELEASE_PERM;
}

/**
 * eoip4_setup() - rtnl_link_ops.setup of an EoIP (IPv4) tunnel device
 * @dev: the device alloc_netdev() made
 */
void eoip4_setup(struct net_device *dev)
{
	eoip_setup(dev, AF_INET);
}

/**
 * eoip6_setup() - rtnl_link_ops.setup of an EoIPv6 tunnel device
 * @dev: the device alloc_netdev() made
 */
void eoip6_setup(struct net_device *dev)
{
	eoip_setup(dev, AF_INET6);
}

/* MTU of the path towards the remote: the bound device's, or the route's. */
static int eoip_underlay_mtu(struct net *net, const struct eoip_params *p)
{
	struct net_device *lower;
	int mtu = 0;

	if (p->link) {
		lower = __dev_get_by_index(net, p->link);
		return lower ? lower->mtu : 0;
	}

	if (p->family == AF_INET) {
		struct flowi4 fl4 = {
			.daddr = p->remote.ip,
			.saddr = p->local.ip,
			.flowi4_proto = EOIP_IPPROTO,
		};
		struct rtable *rt = ip_route_output_key(net, &fl4);

		if (!IS_ERR(rt)) {
			mtu = dst_mtu(&rt->dst);
			ip_rt_put(rt);
		}
	} else {
		struct flowi6 fl6 = {
			.daddr = p->remote.ip6,
			.saddr = p->local.ip6,
			.flowi6_proto = EOIP6_NEXTHDR,
		};
		struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);

		if (!dst->error)
			mtu = dst_mtu(dst);
		dst_release(dst);
	}
	return mtu;
}

/**
 * eoip_route_mtu() - the MTU RouterOS calls "auto" (actual-mtu)
 * @net: the tunnel's namespace
 * @p: the tunnel's parameters
 *
 * The underlay MTU less the outer headers and the inner Ethernet header:
 * 1458 (EoIP) or 1444 (EoIPv6) on a 1500-byte path, which is also what a
 * tunnel gets when its path is not known yet.
 *
 * Context: RTNL.
 * Return: that MTU, at least ETH_MIN_MTU.
 */
int eoip_route_mtu(struct net *net, const struct eoip_params *p)
{
	int mtu = eoip_underlay_mtu(net, p);

	if (mtu <= 0)
		mtu = ETH_DATA_LEN;
	mtu -= eoip_encap_len(p->family) + ETH_HLEN;
	return max(mtu, ETH_MIN_MTU);
}

/*
 * A tunnel bound to an underlay (link) goes with it, as a VXLAN device bound
 * to its lower device does: a tunnel left bound to a deleted device could
 * not send, and would silently take over whatever device got the ifindex
 * next. Tunnels without a link are left alone.
 */
static int eoip_underlay_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	LIST_HEAD(dev_kill_list);

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	eoip_table_queue_bound_to(net_generic(dev_net(dev), eoip_net_id),
				  dev->ifindex, &dev_kill_list);
	unregister_netdevice_many(&dev_kill_list);
	return NOTIFY_DONE;
}

static struct notifier_block eoip_underlay_notifier = {
	.notifier_call = eoip_underlay_event,
};

/**
 * eoip_underlay_notifier_register() - delete bound tunnels with their underlay
 * Return: 0, or the error of register_netdevice_notifier().
 */
int eoip_underlay_notifier_register(void)
{
	return register_netdevice_notifier(&eoip_underlay_notifier);
}

/**
 * eoip_underlay_notifier_unregister() - undo eoip_underlay_notifier_register()
 */
void eoip_underlay_notifier_unregister(void)
{
	unregister_netdevice_notifier(&eoip_underlay_notifier);
}
