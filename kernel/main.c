// SPDX-License-Identifier: GPL-2.0
/*
 * eoip: MikroTik RouterOS EoIP and EoIPv6 tunnels.
 *
 * Module init and exit, and the per-namespace state: the tunnel table, the
 * IPv4 netfilter hooks (registered with the first tunnel, see netfilter.c)
 * and /proc/net/eoip (drops that belong to no tunnel).
 */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>

#include "eoip.h"

unsigned int eoip_net_id __read_mostly;

static int eoip_proc_show(struct seq_file *seq, void *v)
{
	struct eoip_net *en = net_generic(seq_file_single_net(seq),
					  eoip_net_id);

	seq_printf(seq, "rx_no_tunnel %ld\nrx_bad_header %ld\nrx_policy_drop %ld\n",
		   atomic_long_read(&en->rx_no_tunnel),
		   atomic_long_read(&en->rx_bad_header),
		   atomic_long_read(&en->rx_policy_drop));
	return 0;
}

static int __net_init eoip_net_init(struct net *net)
{
	struct eoip_net *en = net_generic(net, eoip_net_id);

	int err;

	err = eoip_table_init(en);
	if (err)
		return err;
	en->ipv4_hooks_registered = false;
	if (!proc_create_net_single("eoip", 0444, net->proc_net,
				    eoip_proc_show, NULL)) {
		rhltable_destroy(&en->tunnels);
		return -ENOMEM;
	}
	return 0;
}

/*
 * The hooks go here rather than in .exit: the core waits for an RCU grace
 * period between the two, so no CPU is still in a hook (a peer's keepalive
 * is enough to be there) when struct eoip_net is freed after .exit.
 */
static void __net_exit eoip_net_pre_exit(struct net *net)
{
	eoip4_hooks_release(net);
}

static void __net_exit eoip_net_exit(struct net *net)
{
	remove_proc_entry("eoip", net->proc_net);
}

static void eoip_queue_tunnels(struct net *net, struct list_head *dev_kill_list)
{
	struct net_device *dev, *aux;

	for_each_netdev_safe(net, dev, aux)
		if (eoip_is_eoip_dev(dev))
			unregister_netdevice_queue(dev, dev_kill_list);
}

/*
 * One RTNL section for the tunnels of every namespace in the batch. The
 * core can hold RTNL for us (exit_batch_rtnl, replaced since by a per-net
 * exit_rtnl), but which of the two a kernel has, if any, changes the
 * callback's contract, and no macro makes one out of the other: taking
 * RTNL here is right on every kernel.
 */
static void __net_exit eoip_exit_batch(struct list_head *net_list)
{
	LIST_HEAD(dev_kill_list);
	struct net *net;

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list)
		eoip_queue_tunnels(net, &dev_kill_list);
	unregister_netdevice_many(&dev_kill_list);
	rtnl_unlock();
	eoip_table_destroy_many(net_list);
}

static struct pernet_operations eoip_net_ops = {
	.init		= eoip_net_init,
	.pre_exit	= eoip_net_pre_exit,
	.exit		= eoip_net_exit,
	.exit_batch	= eoip_exit_batch,
	.id		= &eoip_net_id,
	.size		= sizeof(struct eoip_net),
};

static int __init eoip_init(void)
{
	int err;

	err = register_pernet_device(&eoip_net_ops);
	if (err)
		return err;
	err = eoip_netlink_init();
	if (err)
		goto err_pernet;
	err = eoip_underlay_notifier_register();
	if (err)
		goto err_netlink;
	err = eoip6_rx_init();
	if (err)
		goto err_notifier;
	pr_info("MikroTik EoIP/EoIPv6 tunnels, version " EOIP_VERSION "\n");
	return 0;

err_notifier:
	eoip_underlay_notifier_unregister();
err_netlink:
	eoip_netlink_exit();
err_pernet:
	unregister_pernet_device(&eoip_net_ops);
	return err;
}

static void __exit eoip_exit(void)
{
	eoip6_rx_exit();
	eoip_underlay_notifier_unregister();
	eoip_netlink_exit();
	unregister_pernet_device(&eoip_net_ops);
}

module_init(eoip_init);
module_exit(eoip_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MikroTik RouterOS EoIP and EoIPv6 tunnels");
MODULE_VERSION(EOIP_VERSION);
MODULE_ALIAS_RTNL_LINK(EOIP_KIND);
MODULE_ALIAS_RTNL_LINK(EOIP6_KIND);
