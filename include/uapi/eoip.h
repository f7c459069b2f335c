/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * eoip: MikroTik EoIP / EoIPv6 tunnels.
 *
 * The contract between the kernel module and the `eoip` tool: link kinds,
 * rtnetlink attribute ids inside IFLA_INFO_DATA and the wire constants.
 *
 * Attribute ids 1..33 are those of the older Linux EoIP module (they reuse
 * the IFLA_GRE_* numbers), so either tool drives either module. Ids of our
 * own start at 34.
 */
#ifndef _UAPI_EOIP_H
#define _UAPI_EOIP_H

#define EOIP_KIND		"eoip"
#define EOIP6_KIND		"eoipv6"

enum {
	IFLA_EOIP_UNSPEC,
	IFLA_EOIP_LINK = 1,		/* u32: ifindex of the underlay device */
	IFLA_EOIP_TUNNEL_ID = 4,	/* u32, host byte order */
	IFLA_EOIP_LOCAL = 6,		/* in_addr or in6_addr, network order */
	IFLA_EOIP_REMOTE = 7,		/* in_addr or in6_addr, network order */
	IFLA_EOIP_TTL = 8,		/* u8: 0 = EOIP_DEFAULT_TTL */
	/*
	 * u8: EOIP_TOS_INHERIT = copy the inner DSCP (the default), else the
	 * outer TOS; DSCP d is tos d << 2
	 */
	IFLA_EOIP_TOS = 9,
	IFLA_EOIP_KEEPALIVE_INTERVAL = 32,	/* u32 seconds, 0 = off */
	IFLA_EOIP_KEEPALIVE_RETRIES = 33,	/* u8, 0 = send only */
	/* ids of our own */
	IFLA_EOIP_PAD = 34,
	IFLA_EOIP_KEEPALIVE_SENT = 35,		/* u64, read only */
	IFLA_EOIP_KEEPALIVE_RECEIVED = 36,	/* u64, read only */
	/*
	 * u32 ms since the last keepalive received, read only; absent if
	 * none arrived yet
	 */
	IFLA_EOIP_KEEPALIVE_AGE_MS = 37,
	IFLA_EOIP_DONT_FRAGMENT = 38,		/* u8: enum eoip_dont_fragment */
	/*
	 * u8: 1 = lower the MSS of TCP SYNs leaving the tunnel to fit its
	 * MTU; default 1
	 */
	IFLA_EOIP_CLAMP_TCP_MSS = 39,
	__IFLA_EOIP_MAX,
};

#define IFLA_EOIP_MAX (__IFLA_EOIP_MAX - 1)

/* ip(8) convention: TOS with bit 0 set means "copy from the inner packet". */
#define EOIP_TOS_INHERIT		1

enum eoip_dont_fragment {
	EOIP_DF_NO = 0,		/* outer packets may be fragmented (RouterOS default) */
	EOIP_DF_YES = 1,	/* always set DF on outer packets */
	EOIP_DF_INHERIT = 2,	/* copy DF from the inner IPv4 packet */
};

#define EOIP_TUNNEL_ID_MAX		0xffff	/* IPv4: 16-bit id */
#define EOIP6_TUNNEL_ID_MAX		0x0fff	/* IPv6: 12-bit id */
#define EOIP_KEEPALIVE_INTERVAL_MAX	3600	/* seconds */
#define EOIP_KEEPALIVE_DEFAULT_INTERVAL	10	/* RouterOS 7 default: 10s,10 */
#define EOIP_KEEPALIVE_DEFAULT_RETRIES	10
/* The outer TTL (hop limit) that ttl 0 stands for: RouterOS sends 255. */
#define EOIP_DEFAULT_TTL		255
/* clamp-tcp-mss of a tunnel created without it: on, as RouterOS */
#define EOIP_DEFAULT_CLAMP_TCP_MSS	1

/*
 * IPv4 wire header (IP protocol 47, "GRE" flags 0x2001 + type 0x6400):
 *   20 01 64 00 | frame length (be16) | tunnel id (le16) | Ethernet frame
 */
#define EOIP_IPPROTO			47
#define EOIP_MAGIC_0			0x20
#define EOIP_MAGIC_1			0x01
#define EOIP_MAGIC_2			0x64
#define EOIP_MAGIC_3			0x00
#define EOIP_HEADER_LEN			8

/*
 * IPv6 wire header (next header 97): byte 0 = (id >> 8) << 4 | 3,
 * byte 1 = id & 0xff, then the Ethernet frame (no length field).
 */
#define EOIP6_NEXTHDR			97
#define EOIP6_VERSION_NIBBLE		0x3
#define EOIP6_HEADER_LEN		2

#define EOIP_DEFAULT_MTU		1458	/* 1500 - 20 - 8 - 14 */
#define EOIP6_DEFAULT_MTU		1444	/* 1500 - 40 - 2 - 14 */

#endif /* _UAPI_EOIP_H */
