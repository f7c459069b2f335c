// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration interface: link kinds "eoip" and "eoipv6" over
 * rtnetlink, with the attribute ids of the older Linux EoIP module (see
 * include/uapi/eoip.h) so that its tool drives this module too.
 */
#include <linux/etherdevice.h>
#include <net/ipv6.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>

#include "eoip.h"

static struct rtnl_link_ops eoip4_link_ops;
static struct rtnl_link_ops eoip6_link_ops;

/*
 * The policies check types, lengths and ranges (the range structs are not
 * const: 5.10 takes a plain pointer); eoip_validate() what they
 * cannot say (address kinds, what IPv6 cannot do). The counters are the
 * kernel's to report, never a user's to set.
 */
static struct netlink_range_validation eoip4_tunnel_id_range = {
	.max = EOIP_TUNNEL_ID_MAX,
};

static struct netlink_range_validation eoip6_tunnel_id_range = {
	.max = EOIP6_TUNNEL_ID_MAX,
};

static struct netlink_range_validation eoip_keepalive_interval_range = {
	.max = EOIP_KEEPALIVE_INTERVAL_MAX,
};

#define EOIP_READ_ONLY { .type = NLA_REJECT, \
			 .reject_message = "keepalive counters are read-only" }

#define EOIP_NLA_POLICY(addr_len, id_range) {				\
	[IFLA_EOIP_LINK]		= { .type = NLA_U32 },		\
	[IFLA_EOIP_TUNNEL_ID]		= NLA_POLICY_FULL_RANGE(NLA_U32, id_range), \
	[IFLA_EOIP_LOCAL]		= NLA_POLICY_EXACT_LEN(addr_len), \
	[IFLA_EOIP_REMOTE]		= NLA_POLICY_EXACT_LEN(addr_len), \
	[IFLA_EOIP_TTL]			= { .type = NLA_U8 },		\
	[IFLA_EOIP_TOS]			= { .type = NLA_U8 },		\
	[IFLA_EOIP_KEEPALIVE_INTERVAL]	= NLA_POLICY_FULL_RANGE(NLA_U32, \
					&eoip_keepalive_interval_range), \
	[IFLA_EOIP_KEEPALIVE_RETRIES]	= { .type = NLA_U8 },		\
	[IFLA_EOIP_KEEPALIVE_SENT]	= EOIP_READ_ONLY,		\
	[IFLA_EOIP_KEEPALIVE_RECEIVED]	= EOIP_READ_ONLY,		\
	[IFLA_EOIP_KEEPALIVE_AGE_MS]	= EOIP_READ_ONLY,		\
	[IFLA_EOIP_DONT_FRAGMENT]	= NLA_POLICY_MAX(NLA_U8, EOIP_DF_INHERIT), \
	[IFLA_EOIP_CLAMP_TCP_MSS]	= NLA_POLICY_MAX(NLA_U8, 1),	\
}

static const struct nla_policy eoip4_policy[IFLA_EOIP_MAX + 1] =
	EOIP_NLA_POLICY(sizeof(struct in_addr), &eoip4_tunnel_id_range);
static const struct nla_policy eoip6_policy[IFLA_EOIP_MAX + 1] =
	EOIP_NLA_POLICY(sizeof(struct in6_addr), &eoip6_tunnel_id_range);

/**
 * eoip_is_eoip_dev() - whether a device is one of our tunnels
 * @dev: any net_device
 *
 * Return: true for an "eoip" or "eoipv6" device.
 */
bool eoip_is_eoip_dev(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &eoip4_link_ops ||
	       dev->rtnl_link_ops == &eoip6_link_ops;
}

static u8 eoip_dev_family(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &eoip6_link_ops ? AF_INET6 : AF_INET;
}

static bool eoip_addr_is_unicast(u8 family, const struct nlattr *attr)
{
	if (family == AF_INET6) {
		struct in6_addr a = nla_get_in6_addr(attr);

		return !ipv6_addr_any(&a) && !ipv6_addr_is_multicast(&a);
	}
	return !ipv4_is_zeronet(nla_get_in_addr(attr)) &&
	       !ipv4_is_multicast(nla_get_in_addr(attr)) &&
	       !ipv4_is_lbcast(nla_get_in_addr(attr));
}

static int eoip_validate(u8 family, struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
		    !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address must be a unicast Ethernet address");
			return -EADDRNOTAVAIL;
		}
	}
	/*
	 * The core would refuse a bad MTU only after changelink had applied
	 * the rest of the request: refuse it before anything changes.
	 */
	if (tb[IFLA_MTU]) {
		u32 mtu = nla_get_u32(tb[IFLA_MTU]);

		if (mtu < ETH_MIN_MTU) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_MTU],
					    "MTU less than device minimum");
			return -EINVAL;
		}
		if (mtu > eoip_max_mtu(family)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_MTU],
					    "MTU greater than device maximum");
			return -EINVAL;
		}
	}
	if (!data)
		return 0;

	if (data[IFLA_EOIP_REMOTE] &&
	    !eoip_addr_is_unicast(family, data[IFLA_EOIP_REMOTE])) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EOIP_REMOTE],
				    "remote must be a unicast address");
		return -EINVAL;
	}
	if (data[IFLA_EOIP_LOCAL] &&
	    !eoip_addr_is_unicast(family, data[IFLA_EOIP_LOCAL])) {
		/* all zero is "no local address" and is fine */
		if (family == AF_INET6 ?
		    !ipv6_addr_any(nla_data(data[IFLA_EOIP_LOCAL])) :
		    nla_get_in_addr(data[IFLA_EOIP_LOCAL]) != 0) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EOIP_LOCAL],
					    "local must be a unicast address or unset");
			return -EINVAL;
		}
	}
	if (family == AF_INET6 && data[IFLA_EOIP_DONT_FRAGMENT] &&
	    nla_get_u8(data[IFLA_EOIP_DONT_FRAGMENT]) != EOIP_DF_NO) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EOIP_DONT_FRAGMENT],
				    "IPv6 has no DF bit: eoipv6 only takes dont-fragment 0");
		return -EINVAL;
	}
	return 0;
}

static int eoip4_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	return eoip_validate(AF_INET, tb, data, extack);
}

static int eoip6_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	return eoip_validate(AF_INET6, tb, data, extack);
}

/* Overlay what the message carries on @p; validation already ran. */
static void eoip_params_update(struct eoip_params *p, struct nlattr *data[])
{
	size_t addr_len = p->family == AF_INET6 ? sizeof(struct in6_addr) :
						  sizeof(struct in_addr);

	if (!data)
		return;
	if (data[IFLA_EOIP_LINK])
		p->link = nla_get_u32(data[IFLA_EOIP_LINK]);
	if (data[IFLA_EOIP_TUNNEL_ID])
		p->tunnel_id = nla_get_u32(data[IFLA_EOIP_TUNNEL_ID]);
	if (data[IFLA_EOIP_LOCAL])
		nla_memcpy(&p->local, data[IFLA_EOIP_LOCAL], addr_len);
	if (data[IFLA_EOIP_REMOTE])
		nla_memcpy(&p->remote, data[IFLA_EOIP_REMOTE], addr_len);
	if (data[IFLA_EOIP_TTL])
		p->ttl = nla_get_u8(data[IFLA_EOIP_TTL]);
	if (data[IFLA_EOIP_TOS])
		p->tos = nla_get_u8(data[IFLA_EOIP_TOS]);
	if (data[IFLA_EOIP_KEEPALIVE_INTERVAL])
		p->keepalive_interval =
			nla_get_u32(data[IFLA_EOIP_KEEPALIVE_INTERVAL]);
	if (data[IFLA_EOIP_KEEPALIVE_RETRIES])
		p->keepalive_retries =
			nla_get_u8(data[IFLA_EOIP_KEEPALIVE_RETRIES]);
	if (data[IFLA_EOIP_DONT_FRAGMENT])
		p->dont_fragment = nla_get_u8(data[IFLA_EOIP_DONT_FRAGMENT]);
	if (data[IFLA_EOIP_CLAMP_TCP_MSS])
		p->clamp_tcp_mss = nla_get_u8(data[IFLA_EOIP_CLAMP_TCP_MSS]);
}

/*
 * Checks of a configuration against the namespace. An underlay (link) is
 * checked when the request names one: a tunnel whose underlay went was
 * deleted with it (device.c), so a stored link always exists. Context: RTNL.
 */
static int eoip_params_check(struct net *net, const struct eoip_params *p,
			     const struct eoip_tunnel *self,
			     struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);
	struct eoip_tunnel *other;

	if (data && data[IFLA_EOIP_LINK] && p->link &&
	    !__dev_get_by_index(net, p->link)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_EOIP_LINK],
				    "no underlay device with that ifindex (link)");
		return -ENODEV;
	}
	other = eoip_table_find_exact(en, p);
	if (other && other != self) {
		NL_SET_ERR_MSG(extack,
			       "a tunnel with the same tunnel-id, local and remote address exists already");
		return -EEXIST;
	}
	return 0;
}

/* Context: RTNL. Readers copy them with eoip_params_read(). */
static void eoip_params_publish(struct eoip_tunnel *t,
				const struct eoip_params *p)
{
	write_seqlock_bh(&t->params_lock);
	t->p = *p;
	write_sequnlock_bh(&t->params_lock);
}

static int eoip_newlink(struct net_device *dev,
			struct rtnl_newlink_params *params,
			struct netlink_ext_ack *extack)
{
	struct nlattr **data = params->data;
	struct nlattr **tb = params->tb;
	struct eoip_tunnel *t = netdev_priv(dev);
	struct net *net = dev_net(dev);
	struct eoip_net *en = net_generic(net, eoip_net_id);
	struct eoip_params p = {
		.family = eoip_dev_family(dev),
		.keepalive_interval = EOIP_KEEPALIVE_DEFAULT_INTERVAL,
		.keepalive_retries = EOIP_KEEPALIVE_DEFAULT_RETRIES,
		.tos = EOIP_TOS_INHERIT,	/* RouterOS's defaults */
		.clamp_tcp_mss = EOIP_DEFAULT_CLAMP_TCP_MSS,
	};
	int err;

	if (!data || !data[IFLA_EOIP_REMOTE]) {
		NL_SET_ERR_MSG(extack, "a remote address is required");
		return -EINVAL;
	}
	if (!data[IFLA_EOIP_TUNNEL_ID]) {
		NL_SET_ERR_MSG(extack, "a tunnel-id is required");
		return -EINVAL;
	}
	eoip_params_update(&p, data);
	err = eoip_params_check(net, &p, NULL, data, extack);
	if (err)
		return err;
	if (p.family == AF_INET) {
		err = eoip4_hooks_get(net);
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot register the EoIP netfilter hooks");
			return err;
		}
	}

	eoip_params_publish(t, &p);
	eoip_set_keep_dst(dev, &p);
	if (!tb[IFLA_MTU])
		dev->mtu = clamp_t(int, eoip_route_mtu(net, &p), dev->min_mtu,
				   dev->max_mtu);

	err = register_netdevice(dev);
	if (err)
		return err;
	err = eoip_table_insert(en, t);
	if (err) {
		NL_SET_ERR_MSG(extack, "no memory to grow the tunnel table");
		unregister_netdevice(dev);
		return err;
	}
	eoip_table_update_bound(en, t);
	return 0;
}

/*
 * The table could not take the tunnel under its new key: back to the old
 * settings and the old key. That can fail the same way, and then the tunnel
 * receives nothing until it is changed again: say which it is.
 */
static int eoip_changelink_undo(struct eoip_net *en, struct eoip_tunnel *t,
				const struct eoip_params *old, int err,
				struct netlink_ext_ack *extack)
{
	eoip_params_publish(t, old);
	if (eoip_table_insert(en, t))
		NL_SET_ERR_MSG(extack,
			       "no memory to grow the tunnel table: the tunnel receives nothing until it is changed again");
	else
		NL_SET_ERR_MSG(extack,
			       "no memory to grow the tunnel table; nothing was changed");
	return err;
}

static int eoip_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct eoip_tunnel *t = netdev_priv(dev);
	struct net *net = dev_net(dev);
	struct eoip_net *en = net_generic(net, eoip_net_id);
	struct eoip_params p = t->p, old = t->p;
	bool rehash, keepalive_changed;
	int err;

	eoip_params_update(&p, data);
	err = eoip_params_check(net, &p, t, data, extack);
	if (err)
		return err;

	rehash = p.tunnel_id != t->p.tunnel_id ||
		 memcmp(&p.local, &t->p.local, sizeof(p.local)) ||
		 memcmp(&p.remote, &t->p.remote, sizeof(p.remote));
	keepalive_changed = p.keepalive_interval != t->p.keepalive_interval ||
			    p.keepalive_retries != t->p.keepalive_retries;

	if (rehash) {
		/* Let receivers that found us by the old key finish. */
		eoip_table_remove(en, t);
		synchronize_net();
	}
	eoip_params_publish(t, &p);
	if (rehash) {
		err = eoip_table_insert(en, t);
		if (err)
			return eoip_changelink_undo(en, t, &old, err, extack);
	}
	eoip_set_keep_dst(dev, &p);
	eoip_table_update_bound(en, t);
	/*
	 * A transmit that copied the old settings may still be looking up
	 * the old route, and would cache it after a reset made now: wait for
	 * it to finish, then forget every cached route.
	 */
	synchronize_net();
	dst_cache_reset(&t->dst_cache);
	if (keepalive_changed)
		eoip_keepalive_reconfigure(t);
	return 0;
}

static void eoip_dellink(struct net_device *dev, struct list_head *head)
{
	unregister_netdevice_queue(dev, head);
}

static size_t eoip_get_size(const struct net_device *dev)
{
	size_t addr_len = eoip_dev_family(dev) == AF_INET6 ?
			  sizeof(struct in6_addr) : sizeof(struct in_addr);

	return nla_total_size(sizeof(u32)) +	/* LINK */
	       nla_total_size(sizeof(u32)) +	/* TUNNEL_ID */
	       nla_total_size(addr_len) * 2 +	/* LOCAL, REMOTE */
	       nla_total_size(sizeof(u8)) * 2 +	/* TTL, TOS */
	       nla_total_size(sizeof(u32)) +	/* KEEPALIVE_INTERVAL */
	       nla_total_size(sizeof(u8)) +	/* KEEPALIVE_RETRIES */
	       nla_total_size(sizeof(u8)) +	/* DONT_FRAGMENT */
	       nla_total_size(sizeof(u8)) +	/* CLAMP_TCP_MSS */
	       nla_total_size_64bit(sizeof(u64)) * 2 + /* KEEPALIVE_SENT, _RECEIVED */
	       nla_total_size(sizeof(u32));	/* KEEPALIVE_AGE_MS */
}

static int eoip_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct eoip_tunnel *t = netdev_priv(dev);
	const struct eoip_params *p = &t->p;
	size_t addr_len = p->family == AF_INET6 ? sizeof(struct in6_addr) :
						  sizeof(struct in_addr);
	s64 received = atomic64_read(&t->keepalives_received);

	if (nla_put_u32(skb, IFLA_EOIP_LINK, p->link) ||
	    nla_put_u32(skb, IFLA_EOIP_TUNNEL_ID, p->tunnel_id) ||
	    nla_put(skb, IFLA_EOIP_LOCAL, addr_len, &p->local) ||
	    nla_put(skb, IFLA_EOIP_REMOTE, addr_len, &p->remote) ||
	    nla_put_u8(skb, IFLA_EOIP_TTL, p->ttl) ||
	    nla_put_u8(skb, IFLA_EOIP_TOS, p->tos) ||
	    nla_put_u32(skb, IFLA_EOIP_KEEPALIVE_INTERVAL,
			p->keepalive_interval) ||
	    nla_put_u8(skb, IFLA_EOIP_KEEPALIVE_RETRIES, p->keepalive_retries) ||
	    nla_put_u8(skb, IFLA_EOIP_DONT_FRAGMENT, p->dont_fragment) ||
	    nla_put_u8(skb, IFLA_EOIP_CLAMP_TCP_MSS, p->clamp_tcp_mss) ||
	    nla_put_u64_64bit(skb, IFLA_EOIP_KEEPALIVE_SENT,
			      atomic64_read(&t->keepalives_sent),
			      IFLA_EOIP_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_EOIP_KEEPALIVE_RECEIVED, received,
			      IFLA_EOIP_PAD))
		return -EMSGSIZE;
	if (received &&
	    nla_put_u32(skb, IFLA_EOIP_KEEPALIVE_AGE_MS,
			jiffies_to_msecs(jiffies -
					 READ_ONCE(t->last_keepalive_rx))))
		return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops eoip4_link_ops __read_mostly = {
	.kind		= EOIP_KIND,
	.maxtype	= IFLA_EOIP_MAX,
	.policy		= eoip4_policy,
	.priv_size	= sizeof(struct eoip_tunnel),
	.setup		= eoip4_setup,
	.validate	= eoip4_validate,
	.newlink	= eoip_newlink,
	.changelink	= eoip_changelink,
	.dellink	= eoip_dellink,
	.get_size	= eoip_get_size,
	.fill_info	= eoip_fill_info,
};

static struct rtnl_link_ops eoip6_link_ops __read_mostly = {
	.kind		= EOIP6_KIND,
	.maxtype	= IFLA_EOIP_MAX,
	.policy		= eoip6_policy,
	.priv_size	= sizeof(struct eoip_tunnel),
	.setup		= eoip6_setup,
	.validate	= eoip6_validate,
	.newlink	= eoip_newlink,
	.changelink	= eoip_changelink,
	.dellink	= eoip_dellink,
	.get_size	= eoip_get_size,
	.fill_info	= eoip_fill_info,
};

/**
 * eoip_netlink_init() - register the link kinds "eoip" and "eoipv6"
 * Return: 0, or the error of rtnl_link_register().
 */
int eoip_netlink_init(void)
{
	int err;

	err = rtnl_link_register(&eoip4_link_ops);
	if (err)
		return err;
	err = rtnl_link_register(&eoip6_link_ops);
	if (err)
		rtnl_link_unregister(&eoip4_link_ops);
	return err;
}

/**
 * eoip_netlink_exit() - undo eoip_netlink_init()
 */
void eoip_netlink_exit(void)
{
	rtnl_link_unregister(&eoip6_link_ops);
	rtnl_link_unregister(&eoip4_link_ops);
}
