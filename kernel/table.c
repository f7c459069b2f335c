// SPDX-License-Identifier: GPL-2.0
/*
 * The per-namespace tunnel table.
 *
 * A received packet names its tunnel by (tunnel id, outer source, outer
 * destination). Tunnels are keyed on the fields every tunnel has, family,
 * id and remote address, in a resizable hash table (rhltable): its buckets
 * grow with the number of tunnels, so finding one costs the same with one
 * tunnel or 65,536. Tunnels that share a key (the same id and remote, bound
 * to different local addresses) hang off one entry; among them a tunnel
 * bound to the packet's destination wins over one with no local address
 * (RouterOS's default configuration). Readers run under RCU on the receive
 * path; writers hold RTNL.
 *
 * Tunnels bound to an underlay (link) are also on a list of their own, so
 * that a device going away finds them without a walk over every tunnel:
 * that event comes for each tunnel deleted, too.
 */
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <net/ipv6.h>
#include <net/netns/generic.h>

#include "eoip.h"

static const struct rhashtable_params eoip_table_params = {
	.key_len = sizeof(struct eoip_table_key),
	.key_offset = offsetof(struct eoip_tunnel, table_key),
	.head_offset = offsetof(struct eoip_tunnel, table_node),
	.automatic_shrinking = true,
};

/* Unused bytes (an IPv4 address's last 12, the padding) are zero: memcmp. */
static void eoip_table_key_fill(struct eoip_table_key *key, u8 family,
				u16 tunnel_id, const union eoip_addr *remote)
{
	memset(key, 0, sizeof(*key));
	key->family = family;
	key->tunnel_id = tunnel_id;
	if (family == AF_INET6)
		key->remote.ip6 = remote->ip6;
	else
		key->remote.ip = remote->ip;
}

static bool eoip_addr_equal(u8 family, const union eoip_addr *a,
			    const union eoip_addr *b)
{
	if (family == AF_INET6)
		return ipv6_addr_equal(&a->ip6, &b->ip6);
	return a->ip == b->ip;
}

static bool eoip_addr_any(u8 family, const union eoip_addr *a)
{
	if (family == AF_INET6)
		return ipv6_addr_any(&a->ip6);
	return !a->ip;
}

/**
 * eoip_table_init() - set up a namespace's tunnel table
 * @en: the namespace's state
 *
 * Also zeroes the drop counters that /proc/net/eoip shows.
 *
 * Context: pernet init.
 * Return: 0, or the error of rhltable_init().
 */
int eoip_table_init(struct eoip_net *en)
{
	int err;

	err = rhltable_init(&en->tunnels, &eoip_table_params);
	if (err)
		return err;
	INIT_LIST_HEAD(&en->bound_tunnels);
	WRITE_ONCE(en->table_live, true);
	atomic_long_set(&en->rx_no_tunnel, 0);
	atomic_long_set(&en->rx_bad_header, 0);
	atomic_long_set(&en->rx_policy_drop, 0);
	return 0;
}

/**
 * eoip_table_destroy_many() - free the tunnel tables of departing namespaces
 * @net_list: the namespaces, linked by exit_list
 *
 * Receivers stop using the table first: an EoIPv6 packet can still arrive
 * in a namespace on its way out (its other devices go after our exit).
 *
 * Context: pernet exit_batch, every tunnel of the namespaces gone, no RTNL
 * held (waits for an RCU grace period).
 */
void eoip_table_destroy_many(struct list_head *net_list)
{
	struct eoip_net *en;
	struct net *net;

	list_for_each_entry(net, net_list, exit_list) {
		en = net_generic(net, eoip_net_id);
		WRITE_ONCE(en->table_live, false);
	}
	synchronize_net();
	list_for_each_entry(net, net_list, exit_list) {
		en = net_generic(net, eoip_net_id);
		rhltable_destroy(&en->tunnels);
	}
}

/**
 * eoip_table_lookup() - find the tunnel a received packet belongs to
 * @en: the namespace's table
 * @family: AF_INET or AF_INET6
 * @tunnel_id: id from the EoIP header
 * @saddr: outer source address, must be the tunnel's remote
 * @daddr: outer destination address, must be the tunnel's local unless the
 *	tunnel has none
 *
 * Context: rcu_read_lock().
 * Return: the tunnel, or NULL when none accepts the packet.
 */
struct eoip_tunnel *eoip_table_lookup(struct eoip_net *en, u8 family,
				      u16 tunnel_id,
				      const union eoip_addr *saddr,
				      const union eoip_addr *daddr)
{
	struct eoip_tunnel *t, *any_local = NULL;
	struct eoip_table_key key;
	struct rhlist_head *list, *pos;

	if (unlikely(!READ_ONCE(en->table_live)))
		return NULL;
	eoip_table_key_fill(&key, family, tunnel_id, saddr);
	list = rhltable_lookup(&en->tunnels, &key, eoip_table_params);
	rhl_for_each_entry_rcu(t, pos, list, table_node) {
		if (eoip_addr_equal(family, &t->p.local, daddr))
			return t;
		if (eoip_addr_any(family, &t->p.local))
			any_local = t;
	}
	return any_local;
}

/**
 * eoip_table_find_exact() - the tunnel with exactly these id and addresses
 * @en: the namespace's table
 * @p: the id, family, local and remote address to match (a local address
 *	of all zeros matches only a tunnel without one)
 *
 * Context: RTNL.
 * Return: the tunnel, or NULL when there is none.
 */
struct eoip_tunnel *eoip_table_find_exact(struct eoip_net *en,
					  const struct eoip_params *p)
{
	struct eoip_tunnel *t, *found = NULL;
	struct eoip_table_key key;
	struct rhlist_head *list, *pos;

	ASSERT_RTNL();
	eoip_table_key_fill(&key, p->family, p->tunnel_id, &p->remote);
	rcu_read_lock();
	list = rhltable_lookup(&en->tunnels, &key, eoip_table_params);
	rhl_for_each_entry_rcu(t, pos, list, table_node) {
		if (eoip_addr_equal(p->family, &t->p.local, &p->local)) {
			found = t;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/**
 * eoip_table_insert() - make a tunnel receive under its current settings
 * @en: the namespace's table
 * @t: the tunnel, keyed by t->p's id, family and remote address
 *
 * Context: RTNL.
 * Return: 0, or -ENOMEM (or -EBUSY while a resize that could not get
 * memory is pending) when the table cannot grow; the tunnel is then not in
 * it.
 */
int eoip_table_insert(struct eoip_net *en, struct eoip_tunnel *t)
{
	int err;

	ASSERT_RTNL();
	eoip_table_key_fill(&t->table_key, t->p.family, t->p.tunnel_id,
			    &t->p.remote);
	err = rhltable_insert(&en->tunnels, &t->table_node, eoip_table_params);
	if (err)
		return err;
	t->in_table = true;
	return 0;
}

/**
 * eoip_table_remove() - stop a tunnel receiving
 * @en: the namespace's table
 * @t: the tunnel; one that is not in the table (never inserted, or its
 *	last eoip_table_insert() failed) is left alone
 *
 * Readers may still hold @t until an RCU grace period has passed.
 *
 * Context: RTNL.
 */
void eoip_table_remove(struct eoip_net *en, struct eoip_tunnel *t)
{
	ASSERT_RTNL();
	if (!t->in_table)
		return;
	WARN_ON(rhltable_remove(&en->tunnels, &t->table_node,
				eoip_table_params));
	t->in_table = false;
}

/**
 * eoip_table_update_bound() - keep the list of bound tunnels in step
 * @en: the namespace's state
 * @t: a tunnel whose t->p.link was just set or changed
 *
 * Context: RTNL.
 */
void eoip_table_update_bound(struct eoip_net *en, struct eoip_tunnel *t)
{
	ASSERT_RTNL();
	if (t->p.link && list_empty(&t->bound_node))
		list_add(&t->bound_node, &en->bound_tunnels);
	else if (!t->p.link)
		list_del_init(&t->bound_node);
}

/**
 * eoip_table_forget_bound() - take a departing tunnel off the bound list
 * @t: the tunnel, bound to an underlay or not
 *
 * Context: RTNL.
 */
void eoip_table_forget_bound(struct eoip_tunnel *t)
{
	ASSERT_RTNL();
	list_del_init(&t->bound_node);
}

/**
 * eoip_table_queue_bound_to() - queue the tunnels bound to a departing device
 * @en: the namespace's state
 * @ifindex: the underlay device that goes
 * @dev_kill_list: where to queue them, for unregister_netdevice_many()
 *
 * Tunnels on their way out already are left out.
 *
 * Context: RTNL.
 */
void eoip_table_queue_bound_to(struct eoip_net *en, int ifindex,
			       struct list_head *dev_kill_list)
{
	struct eoip_tunnel *t;

	ASSERT_RTNL();
	list_for_each_entry(t, &en->bound_tunnels, bound_node)
		if (t->p.link == ifindex &&
		    t->dev->reg_state == NETREG_REGISTERED)
			unregister_netdevice_queue(t->dev, dev_kill_list);
}
