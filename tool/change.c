// SPDX-License-Identifier: GPL-2.0
/*
 * eoip change: send only the parameters given to an existing tunnel, found
 * by name, and make its IPsec follow.
 */
#include <stdio.h>

#include "commands.h"
#include "errors.h"
#include "ipsec.h"
#include "netlink.h"
#include "parse.h"
#include "tunnel.h"

/* The tunnel's addresses once the change is made, for its IPsec. */
static void settings_after(const struct eoip_settings *change,
			   const struct eoip_link *tunnel,
			   struct eoip_settings *after)
{
	*after = tunnel->settings;
	if (change->present & EOIP_P_LOCAL) {
		after->local = change->local;
		after->present |= EOIP_P_LOCAL;
	}
	if (change->present & EOIP_P_REMOTE) {
		after->remote = change->remote;
		after->present |= EOIP_P_REMOTE;
	}
}

/*
 * The secret the tunnel has after the change: the one given, none, or
 * (not given) the one it had, which then follows changed addresses.
 */
static int change_ipsec(const struct eoip_settings *settings,
			const struct eoip_link *tunnel,
			struct eoip_ipsec *had, struct eoip_ipsec *want)
{
	struct eoip_settings after;
	char error[EOIP_ERROR_LEN];
	int ret = eoip_ipsec_current(settings->name, tunnel, had);

	if (ret)
		return ret;
	settings_after(settings, tunnel, &after);
	eoip_ipsec_wanted(settings->name, &after,
			  (settings->present & EOIP_P_IPSEC_SECRET) ?
			  settings->ipsec_secret : had->secret, want);
	if (want->secret[0] &&
	    eoip_ipsec_check_name(settings->name, error, sizeof(error))) {
		eoip_error("%s", error);
		return EOIP_EXIT_USAGE;
	}
	return eoip_ipsec_before(had, want);
}

int eoip_cmd_change(struct eoip_cmdline *cmdline)
{
	struct eoip_settings *settings = &cmdline->settings;
	char buf[EOIP_NL_MSG_SIZE];
	struct eoip_link tunnel;
	struct eoip_ipsec had, want;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	int ret;

	if (eoip_settings_resolve_link(settings)) {
		eoip_error("link: no such interface '%s'", settings->link_name);
		return EOIP_EXIT_FAILURE;
	}
	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);

	ret = eoip_tunnel_lookup(&nl, settings->name, &tunnel);
	if (ret)
		goto out;
	/* only the device knows its family when no address was given */
	if (eoip_settings_check_family(settings, tunnel.settings.family,
				       cmdline->error)) {
		eoip_error("%s", cmdline->error);
		ret = EOIP_EXIT_USAGE;
		goto out;
	}

	ret = change_ipsec(settings, &tunnel, &had, &want);
	if (ret)
		goto out;
	if (settings->present & ~(EOIP_P_NAME | EOIP_P_IPSEC_SECRET)) {
		req = eoip_msg_change(buf, settings, tunnel.kind, tunnel.ifindex,
				      eoip_nl_next_seq(&nl));
		ret = eoip_request_reported(&nl, req, "change", settings->name);
	}
	if (ret)
		eoip_ipsec_undo(&had, &want);
	else
		ret = eoip_ipsec_after(&had, &want);
out:
	eoip_nl_close(&nl);
	return ret;
}
