/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small rtnetlink layer on libmnl.
 *
 * Building a request and sending it are separate steps: the eoip_msg_*()
 * builders only fill a buffer (the unit tests compare their bytes), and
 * eoip_nl_request() sends one and reads the replies up to its ack.
 */
#ifndef EOIP_NETLINK_H
#define EOIP_NETLINK_H

#include <linux/netlink.h>
#include <stdint.h>

#include "settings.h"

struct mnl_socket;

/*
 * Room for any request we build (the largest, an add with every
 * parameter, is under 200 bytes), and for the replies to a dump: the
 * kernel fills dump messages up to 32 KiB when the reader offers that much.
 */
#define EOIP_NL_MSG_SIZE	1024
#define EOIP_NL_RECV_SIZE	32768

struct eoip_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
};

/* Why a request failed, as the kernel said it. */
struct eoip_nl_error {
	int code;		/* positive errno, 0 when the request succeeded */
	char message[256];	/* extack message, "" when the kernel gave none */
};

/* Called for every reply message that is not the final ack. */
typedef int (*eoip_nl_reply_cb)(const struct nlmsghdr *nlh, void *data);

/*
 * Request builders. buf must hold EOIP_NL_MSG_SIZE bytes. The tunnel's
 * link parameter must be resolved to an index already (settings->link_index).
 */
/* RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, kind from settings->family */
struct nlmsghdr *eoip_msg_add(void *buf, const struct eoip_settings *settings,
			      uint32_t seq);
/* RTM_NEWLINK on ifindex with only the parameters given */
struct nlmsghdr *eoip_msg_change(void *buf, const struct eoip_settings *settings,
				 const char *kind, int ifindex, uint32_t seq);
/* RTM_DELLINK of ifindex */
struct nlmsghdr *eoip_msg_del(void *buf, int ifindex, uint32_t seq);
/* RTM_GETLINK of one interface by name */
struct nlmsghdr *eoip_msg_get(void *buf, const char *name, uint32_t seq);
/* RTM_GETLINK dump of every interface */
struct nlmsghdr *eoip_msg_dump(void *buf, uint32_t seq);

/*
 * Reads an NLMSG_ERROR (or the error of an NLMSG_DONE) into err, extack
 * message included. Returns 0 if nlh was such a message, -1 if it was not
 * or is malformed.
 */
int eoip_nl_parse_error(const struct nlmsghdr *nlh, struct eoip_nl_error *err);

/* Opens an rtnetlink socket with extended acks. 0, or -1 with err set. */
int eoip_nl_open(struct eoip_nl *nl, struct eoip_nl_error *err);
/* The same for another netlink family (NETLINK_XFRM). */
int eoip_nl_open_protocol(struct eoip_nl *nl, int protocol,
			  struct eoip_nl_error *err);
void eoip_nl_close(struct eoip_nl *nl);

/* The next sequence number to put in a request. */
uint32_t eoip_nl_next_seq(struct eoip_nl *nl);

/*
 * Sends req (which must ask for NLM_F_ACK or be a dump) and passes each
 * reply to cb until the ack or the end of the dump. Returns 0, or -1 with
 * err set (err->code from the kernel, or from cb returning -errno). On
 * success err->message may still carry a warning from the kernel.
 */
int eoip_nl_request(struct eoip_nl *nl, struct nlmsghdr *req,
		    eoip_nl_reply_cb cb, void *data, struct eoip_nl_error *err);

#endif /* EOIP_NETLINK_H */
