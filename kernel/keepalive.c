// SPDX-License-Identifier: GPL-2.0
/*
 * Keepalive, as RouterOS does it (keepalive=interval,retries): each end
 * sends a bare header every interval while the interface is up, whatever
 * the carrier; when no keepalive has arrived for interval x retries the
 * carrier goes off, and the next keepalive turns it on again. Data frames
 * are not proof of life. One timer per tunnel, re-armed from its own
 * expiry so that it does not drift.
 */
#include "eoip.h"

static void eoip_keepalive_timer(struct timer_list *timer)
{
	struct eoip_tunnel *t = timer_container_of(t, timer, keepalive_timer);
	unsigned long period, next;
	struct eoip_params p;
	unsigned int retries;

	eoip_params_read(t, &p);
	period = p.keepalive_interval * HZ;
	retries = p.keepalive_retries;
	if (!period || !netif_running(t->dev))
		return;

	rcu_read_lock();	/* the route cache and the IP layer want it */
	eoip_send_keepalive(t, &p);
	rcu_read_unlock();

	if (retries && netif_carrier_ok(t->dev) &&
	    time_after(jiffies, READ_ONCE(t->alive_since) + period * retries))
		netif_carrier_off(t->dev);

	next = timer->expires + period;
	if (time_before_eq(next, jiffies))	/* we were held up: resync */
		next = jiffies + period;
	mod_timer(timer, next);
}

/**
 * eoip_keepalive_init() - set up a new tunnel's keepalive timer
 * @t: the tunnel
 */
void eoip_keepalive_init(struct eoip_tunnel *t)
{
	timer_setup(&t->keepalive_timer, eoip_keepalive_timer, 0);
}

/**
 * eoip_keepalive_start() - the tunnel went up, or its keepalive changed
 * @t: the tunnel
 *
 * The carrier goes on, the peer gets a full grace period and the first
 * keepalive leaves at once.
 *
 * Context: RTNL.
 */
void eoip_keepalive_start(struct eoip_tunnel *t)
{
	WRITE_ONCE(t->alive_since, jiffies);
	netif_carrier_on(t->dev);
	if (t->p.keepalive_interval)
		mod_timer(&t->keepalive_timer, jiffies);
}

/**
 * eoip_keepalive_stop() - stop sending keepalives
 * @t: the tunnel
 *
 * Waits for a running timer to finish.
 *
 * Context: process, RTNL.
 */
void eoip_keepalive_stop(struct eoip_tunnel *t)
{
	timer_delete_sync(&t->keepalive_timer);
}

/**
 * eoip_keepalive_reconfigure() - apply changed keepalive settings
 * @t: a tunnel whose t->p just changed; nothing happens while it is down
 *
 * Context: RTNL.
 */
void eoip_keepalive_reconfigure(struct eoip_tunnel *t)
{
	if (!netif_running(t->dev))
		return;
	eoip_keepalive_stop(t);
	eoip_keepalive_start(t);
}

/**
 * eoip_keepalive_received() - the peer's keepalive arrived
 * @t: the tunnel it arrived on
 *
 * Turns the carrier on if it was off.
 *
 * Context: receive path (softirq).
 */
void eoip_keepalive_received(struct eoip_tunnel *t)
{
	unsigned long now = jiffies;

	WRITE_ONCE(t->last_keepalive_rx, now);
	WRITE_ONCE(t->alive_since, now);
	atomic64_inc(&t->keepalives_received);
	if (!netif_carrier_ok(t->dev))
		netif_carrier_on(t->dev);
}
