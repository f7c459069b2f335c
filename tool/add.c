// SPDX-License-Identifier: GPL-2.0
/*
 * eoip add: create a tunnel. eoip change: send only the parameters given
 * to an existing one, found by name.
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "commands.h"
#include "errors.h"
#include "netlink.h"
#include "tunnel.h"

/* "link eth0" becomes an ifindex here; an index given as a number is kept. */
static int resolve_link(struct eoip_params *params)
{
	unsigned int index;

	if (!(params->present & EOIP_P_LINK) || !params->link_name[0])
		return EOIP_EXIT_OK;
	index = if_nametoindex(params->link_name);
	if (!index) {
		eoip_error("link: no such interface '%s'", params->link_name);
		return EOIP_EXIT_FAILURE;
	}
	params->link_index = index;
	return EOIP_EXIT_OK;
}

/* The kernel echoes the new link (NLM_F_ECHO): learn the name it chose. */
static int created_cb(const struct nlmsghdr *nlh, void *data)
{
	struct eoip_tunnel tunnel;
	char *name = data;

	if (nlh->nlmsg_type == RTM_NEWLINK && !eoip_tunnel_parse(nlh, &tunnel) &&
	    (tunnel.config.present & EOIP_P_NAME))
		snprintf(name, IF_NAMESIZE, "%s", tunnel.config.name);
	return 0;
}

static int add_error(const struct eoip_params *params,
		     const struct eoip_nl_error *err)
{
	const char *kind = eoip_kind_for_family(params->family);

	if (eoip_is_unknown_kind(err))
		return eoip_unknown_kind_error(kind);
	if (err->code == EEXIST && !err->message[0]) {
		if ((params->present & EOIP_P_NAME) && if_nametoindex(params->name))
			eoip_error("cannot add the tunnel: an interface named '%s' already exists (choose another name, or 'eoip del %s')",
				   params->name, params->name);
		else
			eoip_error("cannot add the tunnel: a tunnel with tunnel-id %u and the same addresses already exists (see 'eoip list')",
				   params->tunnel_id);
		return EOIP_EXIT_FAILURE;
	}
	return eoip_kernel_error("cannot add the tunnel", err);
}

int eoip_cmd_add(struct eoip_params *params)
{
	char buf[EOIP_NL_MSG_SIZE];
	char created[IF_NAMESIZE] = "";
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	int ret;

	ret = resolve_link(params);
	if (ret)
		return ret;
	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);

	req = eoip_msg_add(buf, params, eoip_nl_next_seq(&nl));
	if (!(params->present & EOIP_P_NAME))
		req->nlmsg_flags |= NLM_F_ECHO;
	if (eoip_nl_request(&nl, req, created_cb, created, &err)) {
		ret = add_error(params, &err);
	} else {
		eoip_print_warning(&err);
		/* scripts can catch the name: name=$(eoip add tid 5 remote ...) */
		if (!(params->present & EOIP_P_NAME) && created[0])
			printf("%s\n", created);
	}
	eoip_nl_close(&nl);
	return ret;
}

int eoip_cmd_change(struct eoip_params *params)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct eoip_tunnel tunnel;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	char what[64];
	int ret;

	ret = resolve_link(params);
	if (ret)
		return ret;
	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);

	ret = eoip_tunnel_lookup(&nl, params->name, &tunnel);
	if (ret)
		goto out;
	/* only the device knows its family when no address was given */
	if (eoip_params_check_family(params, tunnel.config.family)) {
		eoip_error("%s", params->error);
		ret = EOIP_EXIT_USAGE;
		goto out;
	}

	req = eoip_msg_change(buf, params, tunnel.kind, tunnel.ifindex,
			      eoip_nl_next_seq(&nl));
	if (eoip_nl_request(&nl, req, NULL, NULL, &err)) {
		snprintf(what, sizeof(what), "cannot change '%s'", params->name);
		ret = eoip_kernel_error(what, &err);
	} else {
		eoip_print_warning(&err);
	}
out:
	eoip_nl_close(&nl);
	return ret;
}
