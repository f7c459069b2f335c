// SPDX-License-Identifier: GPL-2.0
/*
 * Outer fragments without copying the packet.
 *
 * A frame longer than the path MTU leaves in IP fragments. Handed a flat
 * packet, ip_do_fragment() and ip6_fragment() allocate a buffer for every
 * fragment and copy the whole packet into them: two allocations and a
 * 1.5 KB copy for a 1500-byte frame over a 1500-byte path. Handed a packet
 * whose frag_list is already cut at fragment boundaries, they send the head
 * as the first fragment and each list member as one more, writing only
 * their IP headers. So, before the outer header goes on, the packet is cut
 * with skb_split(): the pages beyond the first fragment move, by reference,
 * to small buffers on the frag_list. The receiver's reassembly can then
 * join those pages to the first fragment's, which leaves a frame that GRO
 * accepts (it takes no frag_list).
 *
 * If a buffer cannot be had, the list stops short: its last member is then
 * too long for the fast path, and the IP layer fragments the ordinary way.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "eoip.h"

/*
 * The IP layer gives every list member to the packet's socket (sock_wfree)
 * and takes its truesize off the head's. That balances only if the head's
 * own destructor gives back the head's truesize, as sock_wfree and TCP's
 * tcp_wfree do; for anything else the packet is left flat.
 */
static bool eoip_owner_allows_list(const struct sk_buff *skb)
{
	const struct sock *sk = skb->sk;

	if (!sk)
		return true;
	if (!sk_fullsock(sk))
		return false;
	return skb->destructor == sock_wfree ||
	       (sk->sk_type == SOCK_STREAM && sk->sk_protocol == IPPROTO_TCP);
}

/**
 * eoip_cut_for_fragments - cut a packet at its fragment boundaries
 * @skb: the packet from the EoIP header on, without its IP header yet
 * @chunk: payload bytes per fragment, a multiple of 8
 * @headroom: room each list member needs: IP header(s) and link layer
 */
void eoip_cut_for_fragments(struct sk_buff *skb, unsigned int chunk,
			    unsigned int headroom)
{
	struct sk_buff *piece = skb, **tail = &skb_shinfo(skb)->frag_list;
	unsigned int whole = skb->len, moved, truesize = 0;

	if (chunk < 8 || (chunk & 7) || skb->len <= chunk ||
	    skb_has_frag_list(skb) || skb_cloned(skb) ||
	    eoip_compat_skb_pp_recycle(skb) || !eoip_owner_allows_list(skb))
		return;
	/* The checksum must be complete before the bytes are split. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return;

	while (piece->len > chunk) {
		unsigned int linear = skb_headlen(piece) > chunk ?
				      skb_headlen(piece) - chunk : 0;
		struct sk_buff *next;

		next = alloc_skb(headroom + linear, GFP_ATOMIC);
		if (!next)
			break;
		skb_reserve(next, headroom);
		skb_split(piece, next, chunk);
		/* The pages that moved count in the member that holds them. */
		truesize += next->truesize;
		next->truesize += next->data_len;
		if (piece != skb)
			piece->truesize -= next->data_len;
		*tail = next;
		tail = &next->next;
		piece = next;
	}
	moved = whole - skb->len;
	if (!moved)
		return;
	/*
	 * As for any frag_list, the head's truesize covers its members: the
	 * pages it had plus the new buffers, which the socket is charged for.
	 */
	skb->len += moved;
	skb->data_len += moved;
	skb->truesize += truesize;
	if (skb->sk)
		refcount_add(truesize, &skb->sk->sk_wmem_alloc);
}
