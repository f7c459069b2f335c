// SPDX-License-Identifier: GPL-2.0
/*
 * Reading tunnels back from the kernel, and sending the requests on one
 * tunnel that tell the user how they went. Every attribute is optional here:
 * the older module sends only ids 1..33, and a future one may send more.
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "errors.h"
#include "info_data.h"
#include "tunnel.h"

bool eoip_is_tunnel_kind(const char *kind)
{
	return !strcmp(kind, EOIP_KIND) || !strcmp(kind, EOIP6_KIND);
}

static bool attr_fits(const struct nlattr *attr, size_t len)
{
	return mnl_attr_get_payload_len(attr) >= len;
}

static int info_data_cb(const struct nlattr *attr, void *data)
{
	eoip_info_data_read(data, mnl_attr_get_type(attr),
			    mnl_attr_get_payload(attr),
			    mnl_attr_get_payload_len(attr));
	return MNL_CB_OK;
}

/* IFLA_LINKINFO: the kind first, the data only makes sense for ours. */
static int linkinfo_cb(const struct nlattr *attr, void *data)
{
	struct eoip_link *t = data;

	if (mnl_attr_get_type(attr) == IFLA_INFO_KIND &&
	    mnl_attr_validate(attr, MNL_TYPE_STRING) >= 0) {
		size_t len = mnl_attr_get_payload_len(attr);

		if (len >= sizeof(t->kind))
			len = sizeof(t->kind) - 1;
		memcpy(t->kind, mnl_attr_get_payload(attr), len);
		t->kind[len] = '\0';
	}
	return MNL_CB_OK;
}

static int linkinfo_data_cb(const struct nlattr *attr, void *data)
{
	if (mnl_attr_get_type(attr) == IFLA_INFO_DATA)
		mnl_attr_parse_nested(attr, info_data_cb, data);
	return MNL_CB_OK;
}

static int link_attr_cb(const struct nlattr *attr, void *data)
{
	struct eoip_link *t = data;
	struct eoip_settings *c = &t->settings;
	size_t len = mnl_attr_get_payload_len(attr);

	switch (mnl_attr_get_type(attr)) {
	case IFLA_IFNAME:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0 &&
		    len <= sizeof(c->name)) {
			strcpy(c->name, mnl_attr_get_str(attr));
			c->present |= EOIP_P_NAME;
		}
		break;
	case IFLA_MTU:
		if (attr_fits(attr, sizeof(uint32_t))) {
			c->mtu = mnl_attr_get_u32(attr);
			c->present |= EOIP_P_MTU;
		}
		break;
	case IFLA_ADDRESS:
		if (len == sizeof(c->mac)) {
			memcpy(c->mac, mnl_attr_get_payload(attr), len);
			c->present |= EOIP_P_MAC;
		}
		break;
	case IFLA_CARRIER:
		if (attr_fits(attr, sizeof(uint8_t))) {
			t->carrier = mnl_attr_get_u8(attr);
			t->present |= EOIP_T_CARRIER;
		}
		break;
	case IFLA_STATS64:
		/* older kernels send a shorter struct; newer ones a longer one */
		memcpy(&t->stats, mnl_attr_get_payload(attr),
		       len < sizeof(t->stats) ? len : sizeof(t->stats));
		t->present |= EOIP_T_STATS;
		break;
	case IFLA_LINKINFO:
		mnl_attr_parse_nested(attr, linkinfo_cb, t);
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

int eoip_tunnel_parse(const struct nlmsghdr *nlh, struct eoip_link *tunnel)
{
	const struct ifinfomsg *ifi;
	const struct nlattr *attr;

	memset(tunnel, 0, sizeof(*tunnel));
	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return -1;
	ifi = mnl_nlmsg_get_payload(nlh);
	tunnel->ifindex = ifi->ifi_index;
	tunnel->flags = ifi->ifi_flags;
	if (mnl_attr_parse(nlh, sizeof(*ifi), link_attr_cb, tunnel) < 0)
		return -1;
	/* IFLA_INFO_DATA is read only once the kind says it is ours */
	if (!eoip_is_tunnel_kind(tunnel->kind))
		return 0;
	tunnel->settings.family = strcmp(tunnel->kind, EOIP6_KIND) ? AF_INET : AF_INET6;
	mnl_attr_for_each(attr, nlh, sizeof(*ifi))
		if (mnl_attr_get_type(attr) == IFLA_LINKINFO)
			mnl_attr_parse_nested(attr, linkinfo_data_cb, tunnel);
	return 0;
}

static int get_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	return eoip_tunnel_parse(nlh, data) ? -EBADMSG : 0;
}

int eoip_tunnel_get(struct eoip_nl *nl, const char *name,
		    struct eoip_link *tunnel, struct eoip_nl_error *err)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *req = eoip_msg_get(buf, name, eoip_nl_next_seq(nl));

	memset(tunnel, 0, sizeof(*tunnel));
	if (eoip_nl_request(nl, req, get_reply_cb, tunnel, err))
		return -1;
	if (!tunnel->ifindex) {
		err->code = ENODEV;	/* acked without a reply: not expected */
		return -1;
	}
	return 0;
}

struct dump_state {
	eoip_tunnel_cb cb;
	void *data;
};

static int dump_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *state = data;
	struct eoip_link tunnel;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	/* a malformed message about someone else's device is not our error */
	if (eoip_tunnel_parse(nlh, &tunnel) || !eoip_is_tunnel_kind(tunnel.kind))
		return 0;
	state->cb(&tunnel, state->data);
	return 0;
}

int eoip_tunnel_dump(struct eoip_nl *nl, eoip_tunnel_cb cb, void *data,
		     struct eoip_nl_error *err)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *req = eoip_msg_dump(buf, eoip_nl_next_seq(nl));
	struct dump_state state = { .cb = cb, .data = data };

	return eoip_nl_request(nl, req, dump_reply_cb, &state, err);
}

int eoip_tunnel_lookup(struct eoip_nl *nl, const char *name,
		       struct eoip_link *tunnel)
{
	struct eoip_nl_error err;

	if (eoip_tunnel_get(nl, name, tunnel, &err)) {
		if (err.code == ENODEV) {
			eoip_error("no such interface '%s' (see 'eoip list')", name);
			return EOIP_EXIT_FAILURE;
		}
		return eoip_kernel_error("cannot read the interface", &err);
	}
	if (!eoip_is_tunnel_kind(tunnel->kind)) {
		if (tunnel->kind[0])
			eoip_error("'%s' is not an EoIP tunnel (its kind is '%s')",
				   name, tunnel->kind);
		else
			eoip_error("'%s' is not an EoIP tunnel", name);
		return EOIP_EXIT_FAILURE;
	}
	return EOIP_EXIT_OK;
}

int eoip_request_reported(struct eoip_nl *nl, struct nlmsghdr *req,
			  const char *verb, const char *name)
{
	struct eoip_nl_error err;
	char what[64];

	if (eoip_nl_request(nl, req, NULL, NULL, &err)) {
		snprintf(what, sizeof(what), "cannot %s '%s'", verb, name);
		return eoip_kernel_error(what, &err);
	}
	eoip_print_warning(&err);
	return EOIP_EXIT_OK;
}
