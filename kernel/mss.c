// SPDX-License-Identifier: GPL-2.0
/*
 * clamp-tcp-mss, as RouterOS does it (and by default): a TCP SYN or SYN-ACK
 * that comes out of the tunnel has its MSS option lowered to what fits the
 * tunnel's MTU, MTU - 40 for IPv4 and MTU - 60 for IPv6. The encapsulated
 * packet keeps the sender's MSS; each end clamps what it decapsulates. So
 * two hosts whose own MTU is 1500 agree on segments that cross a 1458-byte
 * tunnel whole, where a bridge would otherwise drop the bigger frames
 * without a word to either.
 *
 * Only SYNs get here (rx.c looks at the TCP flags): well-formed ones change,
 * a malformed option list is left as it came, and nothing is read outside
 * the IP packet.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/swab.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/tcp.h>

#include "eoip.h"

/* What the MSS leaves out of the MTU: the IP and TCP headers, no options. */
#define EOIP_TCP4_OVERHEAD	(sizeof(struct iphdr) + sizeof(struct tcphdr))
#define EOIP_TCP6_OVERHEAD	(sizeof(struct ipv6hdr) + sizeof(struct tcphdr))

/* An MSS option takes 4 of the 40 bytes of TCP options. */
#define EOIP_MSS_OPTIONS_MAX	(MAX_TCP_OPTION_SPACE / TCPOLEN_MSS)

/* The end of the IP packet at @nhoff (pulled), from skb->data: padding may follow. */
static unsigned int eoip_ip_end(const struct sk_buff *skb, __be16 proto,
				unsigned int nhoff)
{
	const void *nh = skb->data + nhoff;

	if (proto == htons(ETH_P_IP))
		return nhoff + ntohs(((const struct iphdr *)nh)->tot_len);
	/* a jumbogram's 0 ends it before its TCP header: left alone */
	return nhoff + sizeof(struct ipv6hdr) +
	       ntohs(((const struct ipv6hdr *)nh)->payload_len);
}

/*
 * Walks the @hdrlen bytes of TCP header at @th and records in @at where the
 * value of each MSS option above @max_mss is (offset from @th). Return: how
 * many, or -1 when the option list is malformed (a length that is missing,
 * below 2, past the header, or an MSS option not 4 bytes long).
 */
static int eoip_mss_options_above(const u8 *th, unsigned int hdrlen,
				  unsigned int max_mss,
				  u8 at[EOIP_MSS_OPTIONS_MAX])
{
	unsigned int i = sizeof(struct tcphdr), len;
	int count = 0;

	while (i < hdrlen) {
		if (th[i] == TCPOPT_EOL)
			break;
		if (th[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= hdrlen)
			return -1;
		len = th[i + 1];
		if (len < 2 || len > hdrlen - i)
			return -1;
		if (th[i] == TCPOPT_MSS) {
			if (len != TCPOLEN_MSS)
				return -1;
			if ((th[i + 2] << 8 | th[i + 3]) > max_mss)
				at[count++] = i + 2;
		}
		i += len;
	}
	return count;
}

/* Writes @mss at @at bytes into the TCP header and fixes its checksum. */
static void eoip_set_mss(struct sk_buff *skb, struct tcphdr *th,
			 unsigned int at, u16 mss)
{
	u8 *value = (u8 *)th + at;
	u16 old = value[0] << 8 | value[1];

	value[0] = mss >> 8;
	value[1] = mss & 0xff;
	/*
	 * The checksum adds 16-bit words counted from the TCP header: a value
	 * at an odd offset straddles two words and counts byte-swapped.
	 * CHECKSUM_COMPLETE: the sum of the packet does not change, since the
	 * checksum field takes back what the value added. CHECKSUM_PARTIAL:
	 * the field holds the pseudo-header's sum only, which stays.
	 */
	if (at & 1) {
		old = swab16(old);
		mss = swab16(mss);
	}
	inet_proto_csum_replace2(&th->check, skb, htons(old), htons(mss),
				 false);
}

/**
 * eoip_clamp_tcp_mss() - lower a received SYN's MSS to fit the tunnel
 * @skb: the decapsulated frame, skb->data at its Ethernet payload
 * @proto: ETH_P_IP or ETH_P_IPV6 (network order), the packet's ethertype
 * @nhoff: offset of the IP header from skb->data (0, or past a VLAN tag)
 * @thoff: offset of the TCP header, which is pulled and has SYN set
 * @mtu: the tunnel's MTU
 *
 * Leaves @skb as it came when nothing is above the limit, when the options
 * are malformed or when the header cannot be made writable.
 */
void eoip_clamp_tcp_mss(struct sk_buff *skb, __be16 proto, unsigned int nhoff,
			unsigned int thoff, unsigned int mtu)
{
	unsigned int overhead = proto == htons(ETH_P_IP) ? EOIP_TCP4_OVERHEAD :
							   EOIP_TCP6_OVERHEAD;
	u8 at[EOIP_MSS_OPTIONS_MAX];
	unsigned int hdrlen, max_mss;
	struct tcphdr *th;
	int count, i;

	if (mtu <= overhead)
		return;
	max_mss = min_t(unsigned int, mtu - overhead, U16_MAX);
	hdrlen = ((struct tcphdr *)(skb->data + thoff))->doff * 4;
	if (hdrlen <= sizeof(*th))
		return;		/* no options, or a data offset below 5 */
	if (thoff + hdrlen > eoip_ip_end(skb, proto, nhoff) ||
	    !pskb_may_pull(skb, thoff + hdrlen))
		return;		/* the header runs past the packet */

	count = eoip_mss_options_above(skb->data + thoff, hdrlen, max_mss, at);
	if (count <= 0 || skb_ensure_writable(skb, thoff + hdrlen))
		return;
	th = (struct tcphdr *)(skb->data + thoff);
	for (i = 0; i < count; i++)
		eoip_set_mss(skb, th, at[i], max_mss);
}
