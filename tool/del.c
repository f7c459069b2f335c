// SPDX-License-Identifier: GPL-2.0
/* eoip del: delete a tunnel, and only a tunnel. */
#include <stdio.h>

#include "commands.h"
#include "errors.h"
#include "ipsec.h"
#include "netlink.h"
#include "parse.h"
#include "tunnel.h"

/* The tunnel first, then its IPsec: no EoIP is left to leave in the clear. */
int eoip_cmd_del(struct eoip_cmdline *cmdline)
{
	const char *name = cmdline->settings.name;
	char buf[EOIP_NL_MSG_SIZE];
	struct eoip_ipsec had, none;
	struct eoip_link tunnel;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	int ret;

	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);
	/* refuse to delete an interface that is not ours, e.g. a typo'd eth0 */
	ret = eoip_tunnel_lookup(&nl, name, &tunnel);
	if (ret)
		goto out;
	ret = eoip_ipsec_current(name, &tunnel, &had);
	if (ret)
		goto out;
	req = eoip_msg_del(buf, tunnel.ifindex, eoip_nl_next_seq(&nl));
	ret = eoip_request_reported(&nl, req, "delete", name);
	eoip_ipsec_wanted(name, &tunnel.settings, "", &none);
	if (!ret)
		ret = eoip_ipsec_after(&had, &none);
out:
	eoip_nl_close(&nl);
	return ret;
}
