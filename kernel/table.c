// SPDX-License-Identifier: GPL-2.0
/*
 * The per-namespace tunnel table.
 *
 * A received packet names its tunnel by (tunnel id, outer source, outer
 * destination). Tunnels hash on the two fields every tunnel has, the id and
 * the remote address, so one bucket holds every candidate; within it a
 * tunnel bound to the packet's destination wins over one with no local
 * address (RouterOS's default configuration). Readers run under RCU on the
 * receive path; writers hold RTNL.
 */
#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <net/ipv6.h>

#include "eoip.h"

static u32 eoip_hash(u8 family, u16 tunnel_id, const union eoip_addr *remote)
{
	u32 addr = family == AF_INET6 ? ipv6_addr_hash(&remote->ip6) :
					(__force u32)remote->ip;

	return hash_32(jhash_2words(addr, tunnel_id, family), EOIP_HASH_BITS);
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

void eoip_table_init(struct eoip_net *en)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(en->tunnels); i++)
		INIT_HLIST_HEAD(&en->tunnels[i]);
	atomic_long_set(&en->rx_no_tunnel, 0);
	atomic_long_set(&en->rx_policy_drop, 0);
}

/**
 * eoip_table_lookup - find the tunnel a received packet belongs to
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
	struct hlist_head *head = &en->tunnels[eoip_hash(family, tunnel_id,
							   saddr)];
	struct eoip_tunnel *t, *any_local = NULL;

	hlist_for_each_entry_rcu(t, head, hash_node) {
		if (t->p.family != family || t->p.tunnel_id != tunnel_id ||
		    !eoip_addr_equal(family, &t->p.remote, saddr))
			continue;
		if (eoip_addr_equal(family, &t->p.local, daddr))
			return t;
		if (eoip_addr_any(family, &t->p.local))
			any_local = t;
	}
	return any_local;
}

/* The tunnel with exactly these id and addresses, if any. Context: RTNL. */
struct eoip_tunnel *eoip_table_find_exact(struct eoip_net *en,
					  const struct eoip_params *p)
{
	struct hlist_head *head = &en->tunnels[eoip_hash(p->family,
							   p->tunnel_id,
							   &p->remote)];
	struct eoip_tunnel *t;

	hlist_for_each_entry(t, head, hash_node) {
		if (t->p.family == p->family && t->p.tunnel_id == p->tunnel_id &&
		    eoip_addr_equal(p->family, &t->p.remote, &p->remote) &&
		    eoip_addr_equal(p->family, &t->p.local, &p->local))
			return t;
	}
	return NULL;
}

void eoip_table_insert(struct eoip_net *en, struct eoip_tunnel *t)
{
	ASSERT_RTNL();
	hlist_add_head_rcu(&t->hash_node,
			   &en->tunnels[eoip_hash(t->p.family, t->p.tunnel_id,
						  &t->p.remote)]);
}

void eoip_table_remove(struct eoip_tunnel *t)
{
	ASSERT_RTNL();
	if (!hlist_unhashed(&t->hash_node))
		hlist_del_init_rcu(&t->hash_node);
}

/*
 * Queue for deletion every tunnel bound to the underlay device @ifindex that
 * is not on its way out already. Context: RTNL.
 */
void eoip_table_queue_bound_to(struct eoip_net *en, int ifindex,
			       struct list_head *dev_kill_list)
{
	struct eoip_tunnel *t;
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < ARRAY_SIZE(en->tunnels); i++)
		hlist_for_each_entry(t, &en->tunnels[i], hash_node)
			if (t->p.link == ifindex &&
			    t->dev->reg_state == NETREG_REGISTERED)
				unregister_netdevice_queue(t->dev,
							   dev_kill_list);
}
