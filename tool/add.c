// SPDX-License-Identifier: GPL-2.0
/*
 * eoip add: create a tunnel, and its IPsec if it has a secret.
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
#include "ipsec.h"
#include "netlink.h"
#include "parse.h"
#include "tunnel.h"

/* The kernel echoes the new link (NLM_F_ECHO): learn the name it chose. */
static int created_cb(const struct nlmsghdr *nlh, void *data)
{
	struct eoip_link tunnel;
	char *name = data;

	if (nlh->nlmsg_type == RTM_NEWLINK && !eoip_tunnel_parse(nlh, &tunnel) &&
	    (tunnel.settings.present & EOIP_P_NAME))
		snprintf(name, IF_NAMESIZE, "%s", tunnel.settings.name);
	return 0;
}

/* An address as 16 bytes, zeros when unset or "any", for comparisons. */
static void addr_key(const struct eoip_addr *addr, bool present,
		     unsigned char key[16])
{
	memset(key, 0, 16);
	if (present && addr->family == AF_INET)
		memcpy(key, &addr->v4, sizeof(addr->v4));
	else if (present && addr->family == AF_INET6)
		memcpy(key, &addr->v6, sizeof(addr->v6));
}

struct find_created {
	const struct eoip_settings *settings;
	char name[IF_NAMESIZE];
	int ifindex;
};

static void find_created_cb(const struct eoip_link *tunnel, void *data)
{
	struct find_created *find = data;
	const struct eoip_settings *want = find->settings, *got = &tunnel->settings;
	unsigned char want_key[16], got_key[16];

	if (strcmp(tunnel->kind, eoip_kind_for_family(want->family)) ||
	    got->tunnel_id != want->tunnel_id)
		return;
	addr_key(&want->remote, true, want_key);
	addr_key(&got->remote, got->present & EOIP_P_REMOTE, got_key);
	if (memcmp(want_key, got_key, sizeof(got_key)))
		return;
	addr_key(&want->local, want->present & EOIP_P_LOCAL, want_key);
	addr_key(&got->local, got->present & EOIP_P_LOCAL, got_key);
	if (memcmp(want_key, got_key, sizeof(got_key)))
		return;
	/* the module refuses duplicates; with one that does not, the newest */
	if (tunnel->ifindex > find->ifindex) {
		find->ifindex = tunnel->ifindex;
		snprintf(find->name, sizeof(find->name), "%s", got->name);
	}
}

/*
 * Kernels before 6.3 do not echo a created link: find it by what makes a
 * tunnel unique, its kind, tunnel id, remote and local.
 */
static void find_created_name(struct eoip_nl *nl,
			      const struct eoip_settings *settings,
			      char name[IF_NAMESIZE])
{
	struct find_created find = { .settings = settings };
	struct eoip_nl_error err;

	if (!eoip_tunnel_dump(nl, find_created_cb, &find, &err) && find.ifindex)
		snprintf(name, IF_NAMESIZE, "%s", find.name);
}

static int add_error(const struct eoip_settings *settings,
		     const struct eoip_nl_error *err)
{
	const char *kind = eoip_kind_for_family(settings->family);

	if (eoip_is_unknown_kind(err))
		return eoip_unknown_kind_error(kind);
	if (err->code == EEXIST && !err->message[0]) {
		if ((settings->present & EOIP_P_NAME) && if_nametoindex(settings->name))
			eoip_error("cannot add the tunnel: an interface named '%s' already exists (choose another name, or 'eoip del %s')",
				   settings->name, settings->name);
		else
			eoip_error("cannot add the tunnel: a tunnel with tunnel-id %u and the same addresses already exists (see 'eoip list')",
				   settings->tunnel_id);
		return EOIP_EXIT_FAILURE;
	}
	return eoip_kernel_error("cannot add the tunnel", err);
}

/*
 * A name for strongSwan's sake, and one not taken (an existing tunnel's
 * IPsec would otherwise be taken for another's), before anything is made.
 */
static int check_ipsec_name(const struct eoip_settings *settings)
{
	char error[EOIP_ERROR_LEN];

	if (!settings->ipsec_secret[0] || !(settings->present & EOIP_P_NAME))
		return EOIP_EXIT_OK;
	if (if_nametoindex(settings->name)) {
		eoip_error("cannot add the tunnel: an interface named '%s' already exists (choose another name, or 'eoip del %s')",
			   settings->name, settings->name);
		return EOIP_EXIT_FAILURE;
	}
	if (eoip_ipsec_check_name(settings->name, error, sizeof(error))) {
		eoip_error("%s", error);
		return EOIP_EXIT_USAGE;
	}
	return EOIP_EXIT_OK;
}

/*
 * With an ipsec-secret, EoIP to the remote is blocked before the tunnel
 * exists, and the IPsec connection follows once its name is known.
 */
int eoip_cmd_add(struct eoip_cmdline *cmdline)
{
	struct eoip_settings *settings = &cmdline->settings;
	char buf[EOIP_NL_MSG_SIZE];
	char created[IF_NAMESIZE] = "";
	struct eoip_ipsec had, want;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	int ret;

	if (eoip_settings_resolve_link(settings)) {
		eoip_error("link: no such interface '%s'", settings->link_name);
		return EOIP_EXIT_FAILURE;
	}
	ret = check_ipsec_name(settings);
	if (ret)
		return ret;
	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);

	/* a file left by a tunnel of that name is the past: it goes */
	ret = eoip_ipsec_current(settings->name, NULL, &had);
	eoip_ipsec_wanted(settings->name, settings, settings->ipsec_secret, &want);
	if (!ret)
		ret = eoip_ipsec_before(&had, &want);
	if (ret)
		goto out;
	req = eoip_msg_add(buf, settings, eoip_nl_next_seq(&nl));
	if (!(settings->present & EOIP_P_NAME))
		req->nlmsg_flags |= NLM_F_ECHO;
	if (eoip_nl_request(&nl, req, created_cb, created, &err)) {
		ret = add_error(settings, &err);
		eoip_ipsec_undo(&had, &want);
		goto out;
	}
	eoip_print_warning(&err);
	/* scripts can catch the name: name=$(eoip add tid 5 remote ...) */
	if (!(settings->present & EOIP_P_NAME) && !created[0])
		find_created_name(&nl, settings, created);
	if (!(settings->present & EOIP_P_NAME) && created[0])
		printf("%s\n", created);
	if (!(settings->present & EOIP_P_NAME))
		snprintf(want.name, sizeof(want.name), "%s", created);
	if (!want.name[0] && want.secret[0]) {
		eoip_error("the kernel did not say the new tunnel's name: give one with 'name', for IPsec");
		eoip_ipsec_undo(&had, &want);
		ret = EOIP_EXIT_FAILURE;
	} else if (want.name[0]) {
		ret = eoip_ipsec_after(&had, &want);
	}
out:
	eoip_nl_close(&nl);
	return ret;
}
