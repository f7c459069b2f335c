// SPDX-License-Identifier: GPL-2.0
/*
 * IFLA_INFO_DATA, attribute by attribute, both ways. Shared by the tool
 * (tunnel.c, netlink.c) and the iproute2 plugin (iplink/), so both send
 * the same request and read the kernel's answer alike.
 */
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "info_data.h"

static void read_address(const void *payload, size_t len,
			 struct eoip_addr *addr, unsigned int bit,
			 unsigned int *present)
{
	memset(addr, 0, sizeof(*addr));
	if (len == sizeof(struct in_addr)) {
		addr->family = AF_INET;
		memcpy(&addr->v4, payload, len);
	} else if (len == sizeof(struct in6_addr)) {
		addr->family = AF_INET6;
		memcpy(&addr->v6, payload, len);
	} else {
		return;
	}
	*present |= bit;
}

/* Unaligned-safe reads of the sizes the kernel puts in. */
static uint8_t get_u8(const void *payload)
{
	return *(const uint8_t *)payload;
}

static uint32_t get_u32(const void *payload)
{
	uint32_t value;

	memcpy(&value, payload, sizeof(value));
	return value;
}

static uint64_t get_u64(const void *payload)
{
	uint64_t value;

	memcpy(&value, payload, sizeof(value));
	return value;
}

void eoip_info_data_read(struct eoip_link *t, uint16_t type,
			 const void *payload, size_t len)
{
	struct eoip_settings *c = &t->settings;

	switch (type) {
	case IFLA_EOIP_LINK:
		if (len >= sizeof(uint32_t)) {
			c->link_index = get_u32(payload);
			c->present |= EOIP_P_LINK;
		}
		break;
	case IFLA_EOIP_TUNNEL_ID:
		if (len >= sizeof(uint32_t)) {
			c->tunnel_id = get_u32(payload);
			c->present |= EOIP_P_TUNNEL_ID;
		}
		break;
	case IFLA_EOIP_LOCAL:
		read_address(payload, len, &c->local, EOIP_P_LOCAL, &c->present);
		break;
	case IFLA_EOIP_REMOTE:
		read_address(payload, len, &c->remote, EOIP_P_REMOTE, &c->present);
		break;
	case IFLA_EOIP_TTL:
		if (len >= sizeof(uint8_t)) {
			c->ttl = get_u8(payload);
			c->present |= EOIP_P_TTL;
		}
		break;
	case IFLA_EOIP_TOS:
		if (len >= sizeof(uint8_t)) {
			c->tos = get_u8(payload);
			c->present |= EOIP_P_TOS;
		}
		break;
	case IFLA_EOIP_KEEPALIVE_INTERVAL:
		if (len >= sizeof(uint32_t)) {
			c->keepalive_interval = get_u32(payload);
			c->present |= EOIP_P_KEEPALIVE;
		}
		break;
	case IFLA_EOIP_KEEPALIVE_RETRIES:
		if (len >= sizeof(uint8_t)) {
			c->keepalive_retries = get_u8(payload);
			c->present |= EOIP_P_KA_RETRIES;
		}
		break;
	case IFLA_EOIP_DONT_FRAGMENT:
		if (len >= sizeof(uint8_t)) {
			c->dont_fragment = get_u8(payload);
			c->present |= EOIP_P_DONT_FRAGMENT;
		}
		break;
	case IFLA_EOIP_CLAMP_TCP_MSS:
		if (len >= sizeof(uint8_t)) {
			c->clamp_tcp_mss = get_u8(payload);
			c->present |= EOIP_P_CLAMP_TCP_MSS;
		}
		break;
	case IFLA_EOIP_KEEPALIVE_SENT:
		if (len >= sizeof(uint64_t)) {
			t->keepalive_sent = get_u64(payload);
			t->present |= EOIP_T_KA_SENT;
		}
		break;
	case IFLA_EOIP_KEEPALIVE_RECEIVED:
		if (len >= sizeof(uint64_t)) {
			t->keepalive_received = get_u64(payload);
			t->present |= EOIP_T_KA_RECEIVED;
		}
		break;
	case IFLA_EOIP_KEEPALIVE_AGE_MS:
		if (len >= sizeof(uint32_t)) {
			t->keepalive_age_ms = get_u32(payload);
			t->present |= EOIP_T_KA_AGE;
		}
		break;
	default:
		break;
	}
}

static void put_u8(eoip_attr_put_cb put, void *msg, uint16_t type,
		   uint8_t value)
{
	put(msg, type, &value, sizeof(value));
}

static void put_u32(eoip_attr_put_cb put, void *msg, uint16_t type,
		    uint32_t value)
{
	put(msg, type, &value, sizeof(value));
}

static void put_address(eoip_attr_put_cb put, void *msg, uint16_t type,
			const struct eoip_addr *addr, int family)
{
	static const struct in6_addr any6;	/* "any" is all zeros */

	if (family == AF_INET6)
		put(msg, type, addr->family == AF_INET6 ? &addr->v6 : &any6,
		    sizeof(struct in6_addr));
	else
		put(msg, type, addr->family == AF_INET ?
			       (const void *)&addr->v4 : (const void *)&any6,
		    sizeof(struct in_addr));
}

void eoip_info_data_write(const struct eoip_settings *p, int family,
			  eoip_attr_put_cb put, void *msg)
{
	if (p->present & EOIP_P_LINK)
		put_u32(put, msg, IFLA_EOIP_LINK, p->link_index);
	if (p->present & EOIP_P_TUNNEL_ID)
		put_u32(put, msg, IFLA_EOIP_TUNNEL_ID, p->tunnel_id);
	if (p->present & EOIP_P_LOCAL)
		put_address(put, msg, IFLA_EOIP_LOCAL, &p->local, family);
	if (p->present & EOIP_P_REMOTE)
		put_address(put, msg, IFLA_EOIP_REMOTE, &p->remote, family);
	if (p->present & EOIP_P_TTL)
		put_u8(put, msg, IFLA_EOIP_TTL, p->ttl);
	if (p->present & EOIP_P_TOS)
		put_u8(put, msg, IFLA_EOIP_TOS, p->tos);
	if (p->present & EOIP_P_KEEPALIVE)
		put_u32(put, msg, IFLA_EOIP_KEEPALIVE_INTERVAL,
			p->keepalive_interval);
	if (p->present & EOIP_P_KA_RETRIES)
		put_u8(put, msg, IFLA_EOIP_KEEPALIVE_RETRIES,
		       p->keepalive_retries);
	if (p->present & EOIP_P_DONT_FRAGMENT)
		put_u8(put, msg, IFLA_EOIP_DONT_FRAGMENT, p->dont_fragment);
	if (p->present & EOIP_P_CLAMP_TCP_MSS)
		put_u8(put, msg, IFLA_EOIP_CLAMP_TCP_MSS, p->clamp_tcp_mss);
}
