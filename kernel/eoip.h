/* SPDX-License-Identifier: GPL-2.0 */
/*
 * eoip: MikroTik EoIP (IPv4, protocol 47) and EoIPv6 (IPv6, next header 97)
 * tunnels. Declarations shared by the files of the module.
 */
#ifndef _EOIP_H
#define _EOIP_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/seqlock.h>
#include <linux/timer.h>
#include <net/dst_cache.h>
#include <net/gro_cells.h>

#include <uapi/eoip.h>

union eoip_addr {
	__be32 ip;
	struct in6_addr ip6;
};

/*
 * The headers on the wire (include/uapi/eoip.h has the constants).
 * EoIP: GRE version 1 with the key bit, protocol 0x6400, and in place of
 * the key the frame length and the tunnel id (little-endian, as RouterOS
 * writes it). EoIPv6: the id's high nibble and a version nibble of 3, then
 * its low byte.
 */
struct eoip_hdr {
	u8 magic[4];			/* EOIP_MAGIC_0..3 */
	__be16 frame_len;		/* 0: a keepalive */
	__le16 tunnel_id;
} __packed;

struct eoip6_hdr {
	u8 id_hi_version;		/* (id >> 8) << 4 | EOIP6_VERSION_NIBBLE */
	u8 id_lo;
} __packed;

/*
 * What netlink configures. Written under RTNL and t->params_lock, so that
 * transmit and the keepalive timer, which take a copy with
 * eoip_params_read(), see the old or the new settings, never a mix. The
 * fields the tunnel table hashes on (family, tunnel_id, local, remote) only
 * change while the tunnel is out of the table, so its readers need no copy.
 */
struct eoip_params {
	u8 family;			/* AF_INET or AF_INET6 */
	u16 tunnel_id;
	union eoip_addr local;		/* all zero: any local address */
	union eoip_addr remote;
	int link;			/* underlay ifindex, 0 = any */
	u8 ttl;				/* 0 = EOIP_DEFAULT_TTL */
	u8 tos;				/* EOIP_TOS_INHERIT: copy inner DSCP */
	u8 dont_fragment;		/* enum eoip_dont_fragment */
	u8 clamp_tcp_mss;		/* bool: mss.c; read alone by receive */
	u32 keepalive_interval;		/* seconds, 0 = off */
	u8 keepalive_retries;		/* 0 = send only, never go down */
};

/* What the tunnel table hashes on (table.c); unused bytes zero. */
struct eoip_table_key {
	union eoip_addr remote;
	u16 tunnel_id;
	u8 family;
	u8 zero;
};

struct eoip_tunnel {
	struct rhlist_head table_node;	/* in eoip_net.tunnels, RCU */
	struct eoip_table_key table_key;
	bool in_table;			/* RTNL */
	struct list_head bound_node;	/* in eoip_net.bound_tunnels if link */
	struct net_device *dev;
	struct net *net;
	seqlock_t params_lock;
	struct eoip_params p;

	struct dst_cache dst_cache;
	/* per CPU: the DS field dst_cache's route was looked up with (tx.c) */
	u8 __percpu *route_dsfield;
	struct gro_cells gro_cells;

	struct timer_list keepalive_timer;
	unsigned long alive_since;	/* jiffies: last keepalive or start */
	unsigned long last_keepalive_rx;	/* jiffies, if any received */
	atomic64_t keepalives_sent;
	atomic64_t keepalives_received;
};

/* EOIP_VERSION: the VERSION file at the top, passed in by Kbuild. */

/* Bytes in front of the inner Ethernet frame, per family. */
#define EOIP4_ENCAP_LEN		(sizeof(struct iphdr) + EOIP_HEADER_LEN)
#define EOIP6_ENCAP_LEN		(sizeof(struct ipv6hdr) + EOIP6_HEADER_LEN)

/**
 * eoip_params_read() - a consistent copy of a tunnel's settings
 * @t: the tunnel
 * @p: where to copy them
 *
 * For readers without RTNL (transmit, the keepalive timer): they see the
 * old or the new settings of a changelink, never a mix.
 */
static inline void eoip_params_read(const struct eoip_tunnel *t,
				    struct eoip_params *p)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&t->params_lock);
		*p = t->p;
	} while (read_seqretry(&t->params_lock, seq));
}

/* Largest frame whose outer packet still fits the IP length field. */
static inline unsigned int eoip_max_mtu(u8 family)
{
	return family == AF_INET6 ? IPV6_MAXPLEN - EOIP6_HEADER_LEN - ETH_HLEN :
				    IP_MAX_MTU - EOIP4_ENCAP_LEN - ETH_HLEN;
}

static inline bool eoip_is_v6(const struct eoip_tunnel *t)
{
	return t->p.family == AF_INET6;
}

static inline unsigned int eoip_encap_len(u8 family)
{
	return family == AF_INET6 ? EOIP6_ENCAP_LEN : EOIP4_ENCAP_LEN;
}

/* main.c */
extern unsigned int eoip_net_id;

/* Per-namespace state (main.c): the tunnel table and the IPv4 hooks. */
struct eoip_net {
	struct rhltable tunnels;	/* table.c */
	bool table_live;		/* false: being destroyed, not looked up */
	struct list_head bound_tunnels;	/* with a link; RTNL */
	atomic_long_t rx_no_tunnel;	/* EoIP packets no tunnel accepted */
	atomic_long_t rx_bad_header;	/* EoIPv6 version nibble not 3 */
	atomic_long_t rx_policy_drop;	/* refused by IPsec input policy */
	bool ipv4_hooks_registered;	/* netfilter.c, from the 1st tunnel */
};

/* table.c */

int eoip_table_init(struct eoip_net *en);
void eoip_table_destroy_many(struct list_head *net_list);
struct eoip_tunnel *eoip_table_lookup(struct eoip_net *en, u8 family,
				      u16 tunnel_id,
				      const union eoip_addr *saddr,
				      const union eoip_addr *daddr);
struct eoip_tunnel *eoip_table_find_exact(struct eoip_net *en,
					  const struct eoip_params *p);
int eoip_table_insert(struct eoip_net *en, struct eoip_tunnel *t);
void eoip_table_remove(struct eoip_net *en, struct eoip_tunnel *t);
void eoip_table_update_bound(struct eoip_net *en, struct eoip_tunnel *t);
void eoip_table_forget_bound(struct eoip_tunnel *t);
void eoip_table_queue_bound_to(struct eoip_net *en, int ifindex,
			       struct list_head *dev_kill_list);

/* device.c */
void eoip4_setup(struct net_device *dev);
void eoip6_setup(struct net_device *dev);
int eoip_route_mtu(struct net *net, const struct eoip_params *p);
void eoip_set_keep_dst(struct net_device *dev, const struct eoip_params *p);

int eoip_underlay_notifier_register(void);
void eoip_underlay_notifier_unregister(void);

/* tx.c */
netdev_tx_t eoip_xmit(struct sk_buff *skb, struct net_device *dev);
void eoip_send_keepalive(struct eoip_tunnel *t, const struct eoip_params *p);

/* rx.c */
void eoip4_rcv(struct net *net, struct sk_buff *skb);
void eoip4_icmp_rcv(struct net *net, struct sk_buff *skb);
int eoip6_rx_init(void);
void eoip6_rx_exit(void);

/* mss.c */
void eoip_clamp_tcp_mss(struct sk_buff *skb, __be16 proto, unsigned int nhoff,
			unsigned int thoff, unsigned int mtu);

/* netfilter.c */
bool eoip4_is_eoip(struct sk_buff *skb, unsigned int offset);
int eoip4_hooks_get(struct net *net);
void eoip4_hooks_release(struct net *net);

/* keepalive.c */
void eoip_keepalive_init(struct eoip_tunnel *t);
void eoip_keepalive_start(struct eoip_tunnel *t);
void eoip_keepalive_stop(struct eoip_tunnel *t);
void eoip_keepalive_reconfigure(struct eoip_tunnel *t);
void eoip_keepalive_received(struct eoip_tunnel *t);

/* netlink.c */
int eoip_netlink_init(void);
void eoip_netlink_exit(void);
bool eoip_is_eoip_dev(const struct net_device *dev);

#endif /* _EOIP_H */
