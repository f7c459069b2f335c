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
#include "ipsec.h"
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
	const struct eoip_params *params;
	char name[IF_NAMESIZE];
	int ifindex;
};

static void find_created_cb(const struct eoip_tunnel *tunnel, void *data)
{
	struct find_created *find = data;
	const struct eoip_params *want = find->params, *got = &tunnel->config;
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
			      const struct eoip_params *params,
			      char name[IF_NAMESIZE])
{
	struct find_created find = { .params = params };
	struct eoip_nl_error err;

	if (!eoip_tunnel_dump(nl, find_created_cb, &find, &err) && find.ifindex)
		snprintf(name, IF_NAMESIZE, "%s", find.name);
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

/*
 * A name for strongSwan's sake, and one not taken (an existing tunnel's
 * IPsec would otherwise be taken for another's), before anything is made.
 */
static int check_ipsec_name(const struct eoip_params *params)
{
	char error[EOIP_ERROR_LEN];

	if (!params->ipsec_secret[0] || !(params->present & EOIP_P_NAME))
		return EOIP_EXIT_OK;
	if (if_nametoindex(params->name)) {
		eoip_error("cannot add the tunnel: an interface named '%s' already exists (choose another name, or 'eoip del %s')",
			   params->name, params->name);
		return EOIP_EXIT_FAILURE;
	}
	if (eoip_ipsec_check_name(params->name, error, sizeof(error))) {
		eoip_error("%s", error);
		return EOIP_EXIT_USAGE;
	}
	return EOIP_EXIT_OK;
}

/*
 * With an ipsec-secret, EoIP to the remote is blocked before the tunnel
 * exists, and the IPsec connection follows once its name is known.
 */
int eoip_cmd_add(struct eoip_params *params)
{
	char buf[EOIP_NL_MSG_SIZE];
	char created[IF_NAMESIZE] = "";
	struct eoip_ipsec had, want;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
	int ret;

	ret = resolve_link(params);
	if (!ret)
		ret = check_ipsec_name(params);
	if (ret)
		return ret;
	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);

	/* a file left by a tunnel of that name is the past: it goes */
	ret = eoip_ipsec_current(params->name, NULL, &had);
	eoip_ipsec_wanted(params->name, params, params->ipsec_secret, &want);
	if (!ret)
		ret = eoip_ipsec_before(&had, &want);
	if (ret)
		goto out;
	req = eoip_msg_add(buf, params, eoip_nl_next_seq(&nl));
	if (!(params->present & EOIP_P_NAME))
		req->nlmsg_flags |= NLM_F_ECHO;
	if (eoip_nl_request(&nl, req, created_cb, created, &err)) {
		ret = add_error(params, &err);
		eoip_ipsec_undo(&had, &want);
		goto out;
	}
	eoip_print_warning(&err);
	/* scripts can catch the name: name=$(eoip add tid 5 remote ...) */
	if (!(params->present & EOIP_P_NAME) && !created[0])
		find_created_name(&nl, params, created);
	if (!(params->present & EOIP_P_NAME) && created[0])
		printf("%s\n", created);
	if (!(params->present & EOIP_P_NAME))
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

/* The tunnel's addresses once the change is made, for its IPsec. */
static void settings_after(const struct eoip_params *change,
			   const struct eoip_tunnel *tunnel,
			   struct eoip_params *after)
{
	*after = tunnel->config;
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
static int change_ipsec(const struct eoip_params *params,
			const struct eoip_tunnel *tunnel,
			struct eoip_ipsec *had, struct eoip_ipsec *want)
{
	struct eoip_params after;
	char error[EOIP_ERROR_LEN];
	int ret = eoip_ipsec_current(params->name, tunnel, had);

	if (ret)
		return ret;
	settings_after(params, tunnel, &after);
	eoip_ipsec_wanted(params->name, &after,
			  (params->present & EOIP_P_IPSEC_SECRET) ?
			  params->ipsec_secret : had->secret, want);
	if (want->secret[0] &&
	    eoip_ipsec_check_name(params->name, error, sizeof(error))) {
		eoip_error("%s", error);
		return EOIP_EXIT_USAGE;
	}
	return eoip_ipsec_before(had, want);
}

int eoip_cmd_change(struct eoip_params *params)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct eoip_tunnel tunnel;
	struct eoip_ipsec had, want;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	struct nlmsghdr *req;
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

	ret = change_ipsec(params, &tunnel, &had, &want);
	if (ret)
		goto out;
	if (params->present & ~(EOIP_P_NAME | EOIP_P_IPSEC_SECRET)) {
		req = eoip_msg_change(buf, params, tunnel.kind, tunnel.ifindex,
				      eoip_nl_next_seq(&nl));
		ret = eoip_request_reported(&nl, req, "change", params->name);
	}
	if (ret)
		eoip_ipsec_undo(&had, &want);
	else
		ret = eoip_ipsec_after(&had, &want);
out:
	eoip_nl_close(&nl);
	return ret;
}
