// SPDX-License-Identifier: GPL-2.0
/* eoip del: delete a tunnel, and only a tunnel. */
#include <stdio.h>

#include "commands.h"
#include "errors.h"
#include "netlink.h"
#include "tunnel.h"

int eoip_cmd_del(const struct eoip_params *params)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct eoip_tunnel tunnel;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	char what[64];
	int ret;

	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);
	/* refuse to delete an interface that is not ours, e.g. a typo'd eth0 */
	ret = eoip_tunnel_lookup(&nl, params->name, &tunnel);
	if (ret)
		goto out;
	req = eoip_msg_del(buf, tunnel.ifindex, eoip_nl_next_seq(&nl));
	if (eoip_nl_request(&nl, req, NULL, NULL, &err)) {
		snprintf(what, sizeof(what), "cannot delete '%s'", params->name);
		ret = eoip_kernel_error(what, &err);
	} else {
		eoip_print_warning(&err);
	}
out:
	eoip_nl_close(&nl);
	return ret;
}
