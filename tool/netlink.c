// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink requests for eoip tunnels: the messages, and one function that
 * sends a request and collects its replies and ack (extack included).
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "uapi/eoip.h"
#include "info_data.h"
#include "netlink.h"

static struct nlmsghdr *start_request(void *buf, uint16_t type,
				      uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh;

	memset(buf, 0, EOIP_NL_MSG_SIZE);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

static struct ifinfomsg *put_ifinfomsg(struct nlmsghdr *nlh, int ifindex)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return ifi;
}

static void put_attr(void *msg, uint16_t type, const void *payload, size_t len)
{
	mnl_attr_put(msg, type, len, payload);
}

/* IFLA_INFO_DATA: only the parameters given, in attribute id order. */
static void put_info_data(struct nlmsghdr *nlh, const struct eoip_settings *p,
			  int family)
{
	struct nlattr *data;

	if (!(p->present & EOIP_P_INFO_DATA))
		return;
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	eoip_info_data_write(p, family, put_attr, nlh);
	mnl_attr_nest_end(nlh, data);
}

static void put_link_attrs(struct nlmsghdr *nlh, const struct eoip_settings *p,
			   const char *kind, int family)
{
	struct nlattr *linkinfo;

	if (p->present & EOIP_P_MTU)
		mnl_attr_put_u32(nlh, IFLA_MTU, p->mtu);
	if (p->present & EOIP_P_MAC)
		mnl_attr_put(nlh, IFLA_ADDRESS, sizeof(p->mac), p->mac);
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, kind);
	put_info_data(nlh, p, family);
	mnl_attr_nest_end(nlh, linkinfo);
}

struct nlmsghdr *eoip_msg_add(void *buf, const struct eoip_settings *settings,
			      uint32_t seq)
{
	struct nlmsghdr *nlh = start_request(buf, RTM_NEWLINK,
					     NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
					     seq);

	put_ifinfomsg(nlh, 0);
	/* without a name the kernel picks the next free eoip%d / eoipv6%d */
	if (settings->present & EOIP_P_NAME)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, settings->name);
	put_link_attrs(nlh, settings, eoip_kind_for_family(settings->family),
		       settings->family);
	return nlh;
}

struct nlmsghdr *eoip_msg_change(void *buf, const struct eoip_settings *settings,
				 const char *kind, int ifindex, uint32_t seq)
{
	struct nlmsghdr *nlh = start_request(buf, RTM_NEWLINK, NLM_F_ACK, seq);
	int family = strcmp(kind, EOIP6_KIND) ? AF_INET : AF_INET6;

	/* by index: an IFLA_IFNAME here would rename the interface */
	put_ifinfomsg(nlh, ifindex);
	put_link_attrs(nlh, settings, kind, family);
	return nlh;
}

struct nlmsghdr *eoip_msg_del(void *buf, int ifindex, uint32_t seq)
{
	struct nlmsghdr *nlh = start_request(buf, RTM_DELLINK, NLM_F_ACK, seq);

	put_ifinfomsg(nlh, ifindex);
	return nlh;
}

struct nlmsghdr *eoip_msg_get(void *buf, const char *name, uint32_t seq)
{
	struct nlmsghdr *nlh = start_request(buf, RTM_GETLINK, NLM_F_ACK, seq);

	put_ifinfomsg(nlh, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	return nlh;
}

struct nlmsghdr *eoip_msg_dump(void *buf, uint32_t seq)
{
	struct nlmsghdr *nlh = start_request(buf, RTM_GETLINK, NLM_F_DUMP, seq);

	/*
	 * No kind filter in the request: the kernel ignores an unknown kind
	 * and we want two kinds anyway; the caller filters.
	 */
	put_ifinfomsg(nlh, 0);
	return nlh;
}

static int extack_attr_cb(const struct nlattr *attr, void *data)
{
	struct eoip_nl_error *err = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(err->message, sizeof(err->message), "%s",
			 mnl_attr_get_str(attr));
	return MNL_CB_OK;
}

/*
 * The extack attributes follow the error code; in an NLMSG_ERROR they come
 * after the echoed request, which is only its header when NLM_F_CAPPED.
 */
static void parse_extack(const struct nlmsghdr *nlh, size_t offset,
			 struct eoip_nl_error *err)
{
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, offset, extack_attr_cb, err);
}

int eoip_nl_parse_error(const struct nlmsghdr *nlh, struct eoip_nl_error *err)
{
	size_t payload_len = mnl_nlmsg_get_payload_len(nlh);

	err->code = 0;
	err->message[0] = '\0';

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
		size_t offset = sizeof(*e);

		if (payload_len < sizeof(*e))
			return -1;
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < sizeof(struct nlmsghdr))
				return -1;
			offset += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		}
		err->code = -e->error;
		parse_extack(nlh, offset, err);
		return 0;
	}
	if (nlh->nlmsg_type == NLMSG_DONE) {
		int code = 0;

		/* an old kernel may end a dump with an empty NLMSG_DONE */
		if (payload_len >= sizeof(code)) {
			memcpy(&code, mnl_nlmsg_get_payload(nlh), sizeof(code));
			parse_extack(nlh, sizeof(code), err);
		}
		err->code = -code;
		return 0;
	}
	return -1;
}

int eoip_nl_open(struct eoip_nl *nl, struct eoip_nl_error *err)
{
	return eoip_nl_open_protocol(nl, NETLINK_ROUTE, err);
}

int eoip_nl_open_protocol(struct eoip_nl *nl, int protocol,
			  struct eoip_nl_error *err)
{
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	err->code = 0;
	err->message[0] = '\0';
	nl->sock = mnl_socket_open(protocol);
	if (!nl->sock || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err->code = errno;
		eoip_nl_close(nl);
		return -1;
	}
	/* Best effort: kernels before 4.12 have no extended acks. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);
	return 0;
}

void eoip_nl_close(struct eoip_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

uint32_t eoip_nl_next_seq(struct eoip_nl *nl)
{
	return ++nl->seq;
}

/* 1: the request is answered (ack or end of dump); 0: read more; -1: failed */
static int handle_replies(struct eoip_nl *nl, const struct nlmsghdr *req,
			  const void *buf, size_t len, eoip_nl_reply_cb cb,
			  void *data, struct eoip_nl_error *err)
{
	int remaining = (int)len;

	for (const struct nlmsghdr *nlh = buf; mnl_nlmsg_ok(nlh, remaining);
	     nlh = mnl_nlmsg_next(nlh, &remaining)) {
		int ret;

		if (nlh->nlmsg_seq != req->nlmsg_seq ||
		    (nlh->nlmsg_pid && nlh->nlmsg_pid != nl->portid))
			continue;	/* not ours: a late answer to something else */
		if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
			if (eoip_nl_parse_error(nlh, err)) {
				err->code = EBADMSG;
				return -1;
			}
			return err->code ? -1 : 1;
		}
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !cb)
			continue;
		ret = cb(nlh, data);
		if (ret < 0) {
			err->code = -ret;
			return -1;
		}
	}
	return 0;
}

int eoip_nl_request(struct eoip_nl *nl, struct nlmsghdr *req,
		    eoip_nl_reply_cb cb, void *data, struct eoip_nl_error *err)
{
	/*
	 * Not static: a reply callback may make a request of its own (show
	 * asks NETLINK_XFRM about each tunnel of a dump).
	 */
	char buf[EOIP_NL_RECV_SIZE];

	err->code = 0;
	err->message[0] = '\0';
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0) {
		err->code = errno;
		return -1;
	}
	for (;;) {
		ssize_t len = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
		int ret;

		if (len < 0) {
			if (errno == EINTR)
				continue;
			err->code = errno;
			return -1;
		}
		ret = handle_replies(nl, req, buf, (size_t)len, cb, data, err);
		if (ret)
			return ret < 0 ? -1 : 0;
	}
}
