// SPDX-License-Identifier: GPL-2.0
/*
 * eoip up: make a tunnel what its configuration file says, changing only
 * what differs (a tunnel in a bridge stays the same device, and keeps its
 * port), and set it up. eoip down: delete it. Both are idempotent; --all
 * takes every file of the configuration directory.
 */
#include <dirent.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "uapi/eoip.h"
#include "commands.h"
#include "config.h"
#include "config_diff.h"
#include "errors.h"
#include "help.h"
#include "ipsec.h"
#include "netlink.h"
#include "parse.h"
#include "tunnel.h"

struct tunnel_file {
	char path[EOIP_CONFIG_PATH_MAX];
	char name[IF_NAMESIZE];
	struct eoip_settings settings;
};

/* --- which files ------------------------------------------------------- */

static int only_tunnel_files(const struct dirent *entry)
{
	size_t len = strlen(entry->d_name), suffix = strlen(EOIP_CONFIG_SUFFIX);

	/* hidden files are editors' and package managers' leftovers */
	return entry->d_name[0] != '.' && len > suffix &&
	       !strcmp(entry->d_name + len - suffix, EOIP_CONFIG_SUFFIX);
}

/*
 * The files "WORD" or "--all" names, into *files and *count. Returns an
 * exit status, after printing why when not 0. An empty directory is not
 * an error.
 */
static int select_files(const char *word, enum eoip_command command,
			struct tunnel_file **files, int *count)
{
	char error[EOIP_ERROR_LEN];
	struct dirent **entries;
	const char *dir;
	int ret = EOIP_EXIT_OK, found;

	*count = 0;
	if (strcmp(word, "--all")) {
		*files = calloc(1, sizeof(**files));
		if (!*files) {
			eoip_error("out of memory");
			return EOIP_EXIT_FAILURE;
		}
		if (eoip_config_locate(word, (*files)->path, (*files)->name,
				       error, sizeof(error))) {
			eoip_error("%s", error);
			eoip_print_usage(stderr, command);
			free(*files);
			return EOIP_EXIT_USAGE;
		}
		*count = 1;
		return EOIP_EXIT_OK;
	}

	dir = eoip_config_dir();
	found = scandir(dir, &entries, only_tunnel_files, alphasort);
	if (found < 0) {
		eoip_error("cannot list %s: %s", dir, strerror(errno));
		return EOIP_EXIT_FAILURE;
	}
	*files = calloc(found ? (size_t)found : 1, sizeof(**files));
	if (!*files) {
		eoip_error("out of memory");
		ret = EOIP_EXIT_FAILURE;
	}
	for (int i = 0; i < found && !ret; i++) {
		char path[EOIP_CONFIG_PATH_MAX];
		int len = snprintf(path, sizeof(path), "%s/%s", dir,
				   entries[i]->d_name);

		if (len < 0 || len >= (int)sizeof(path) ||
		    eoip_config_locate(path, (*files)[i].path,
				       (*files)[i].name, error, sizeof(error))) {
			eoip_error("%s/%s: %s", dir, entries[i]->d_name,
				   len >= (int)sizeof(path) ? "path too long" : error);
			ret = EOIP_EXIT_USAGE;
		}
	}
	for (int i = 0; i < found; i++)
		free(entries[i]);
	free(entries);
	if (ret) {
		free(*files);
		return ret;
	}
	if (!found)
		printf("no *%s file in %s: nothing to do\n", EOIP_CONFIG_SUFFIX, dir);
	*count = found;
	return EOIP_EXIT_OK;
}

/* --- requests ---------------------------------------------------------- */

static void ask_up(struct nlmsghdr *req)
{
	struct ifinfomsg *ifi = mnl_nlmsg_get_payload(req);

	ifi->ifi_flags |= IFF_UP;
	ifi->ifi_change |= IFF_UP;
}

static int create(struct eoip_nl *nl, const struct tunnel_file *file)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct eoip_nl_error err;
	struct nlmsghdr *req;
	char what[64];

	req = eoip_msg_add(buf, &file->settings, eoip_nl_next_seq(nl));
	ask_up(req);
	if (eoip_nl_request(nl, req, NULL, NULL, &err)) {
		if (eoip_is_unknown_kind(&err))
			return eoip_unknown_kind_error(eoip_kind_for_family(file->settings.family));
		snprintf(what, sizeof(what), "cannot create '%s'", file->name);
		return eoip_kernel_error(what, &err);
	}
	eoip_print_warning(&err);
	printf("%s: created\n", file->name);
	return EOIP_EXIT_OK;
}

static int delete(struct eoip_nl *nl, const char *name, int ifindex)
{
	char buf[EOIP_NL_MSG_SIZE];

	return eoip_request_reported(nl, eoip_msg_del(buf, ifindex,
						      eoip_nl_next_seq(nl)),
				     "delete", name);
}

/* A plain RTM_NEWLINK that only sets the device up. */
static int set_up(struct eoip_nl *nl, const char *name, int ifindex)
{
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *req;
	struct ifinfomsg *ifi;

	memset(buf, 0, sizeof(buf));
	req = mnl_nlmsg_put_header(buf);
	req->nlmsg_type = RTM_NEWLINK;
	req->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = eoip_nl_next_seq(nl);
	ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ask_up(req);
	return eoip_request_reported(nl, req, "set up", name);
}

/* An existing tunnel made what its file says. */
static int update(struct eoip_nl *nl, struct tunnel_file *file,
		  const struct eoip_link *cur)
{
	const char *kind = eoip_kind_for_family(file->settings.family);
	char buf[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *req;
	struct eoip_config_diff diff;
	int ret;

	if (strcmp(cur->kind, kind)) {
		printf("%s: the kind changes from %s to %s: deleting the tunnel and creating it again\n",
		       file->name, cur->kind, kind);
		ret = delete(nl, file->name, cur->ifindex);
		return ret ? ret : create(nl, file);
	}

	eoip_config_diff(&file->settings, &cur->settings, &diff);
	if (diff.delta.present) {
		req = eoip_msg_change(buf, &diff.delta, cur->kind, cur->ifindex,
				      eoip_nl_next_seq(nl));
		ask_up(req);
		ret = eoip_request_reported(nl, req, "change", file->name);
		if (ret)
			return ret;
		printf("%s: changed %s\n", file->name, diff.changed);
		return EOIP_EXIT_OK;
	}
	if (!(cur->flags & IFF_UP)) {
		ret = set_up(nl, file->name, cur->ifindex);
		if (ret)
			return ret;
		printf("%s: as configured, set up\n", file->name);
		return EOIP_EXIT_OK;
	}
	printf("%s: as configured\n", file->name);
	return EOIP_EXIT_OK;
}

/*
 * The tunnel's IPsec wraps the change: EoIP to a remote with a secret is
 * blocked before the tunnel can send, and the connection follows.
 */
static int up_one(struct eoip_nl *nl, struct tunnel_file *file)
{
	struct eoip_ipsec had, want;
	struct eoip_link cur;
	struct eoip_nl_error err;
	char error[EOIP_ERROR_LEN];
	bool exists = true;
	int ret;

	/* "link eth0" in a file becomes an ifindex */
	if (eoip_settings_resolve_link(&file->settings)) {
		eoip_error("%s: link: no such interface '%s'", file->path,
			   file->settings.link_name);
		return EOIP_EXIT_FAILURE;
	}
	if (eoip_tunnel_get(nl, file->name, &cur, &err)) {
		if (err.code != ENODEV)
			return eoip_kernel_error("cannot read the interface", &err);
		exists = false;
	}
	if (exists && !eoip_is_tunnel_kind(cur.kind)) {
		eoip_error("'%s' exists and is not an EoIP tunnel (kind '%s'): leaving it alone",
			   file->name, cur.kind[0] ? cur.kind : "none");
		return EOIP_EXIT_FAILURE;
	}
	if (file->settings.ipsec_secret[0] &&
	    eoip_ipsec_check_name(file->name, error, sizeof(error))) {
		eoip_error("%s: %s", file->path, error);
		return EOIP_EXIT_USAGE;
	}
	ret = eoip_ipsec_current(file->name, exists ? &cur : NULL, &had);
	if (ret)
		return ret;
	eoip_ipsec_wanted(file->name, &file->settings, file->settings.ipsec_secret,
			  &want);
	ret = eoip_ipsec_before(&had, &want);
	if (ret)
		return ret;
	ret = exists ? update(nl, file, &cur) : create(nl, file);
	if (ret) {
		eoip_ipsec_undo(&had, &want);
		return ret;
	}
	return eoip_ipsec_after(&had, &want);
}

static int down_one(struct eoip_nl *nl, const struct tunnel_file *file)
{
	struct eoip_ipsec had, none;
	struct eoip_link cur;
	struct eoip_nl_error err;
	struct stat st;
	int ret;

	/* a file proves that eoip up made it; a typo'd NAME is refused */
	if (stat(file->path, &st)) {
		eoip_error("cannot read %s: %s ('eoip del %s' deletes a tunnel without a file)",
			   file->path, strerror(errno), file->name);
		return EOIP_EXIT_FAILURE;
	}
	if (eoip_tunnel_get(nl, file->name, &cur, &err)) {
		if (err.code != ENODEV)
			return eoip_kernel_error("cannot read the interface", &err);
		printf("%s: not present\n", file->name);
		/* its IPsec may have outlived it (eoip del of another tool) */
		ret = eoip_ipsec_current(file->name, NULL, &had);
		if (ret || !had.secret[0])
			return ret;
		memset(&none, 0, sizeof(none));
		snprintf(none.name, sizeof(none.name), "%s", file->name);
		return eoip_ipsec_after(&had, &none);
	}
	if (!eoip_is_tunnel_kind(cur.kind)) {
		eoip_error("'%s' is not an EoIP tunnel (kind '%s'): leaving it alone",
			   file->name, cur.kind[0] ? cur.kind : "none");
		return EOIP_EXIT_FAILURE;
	}
	ret = eoip_ipsec_current(file->name, &cur, &had);
	if (!ret)
		ret = delete(nl, file->name, cur.ifindex);
	if (ret)
		return ret;
	printf("%s: deleted\n", file->name);
	eoip_ipsec_wanted(file->name, &cur.settings, "", &none);
	return eoip_ipsec_after(&had, &none);
}

/* --- the commands ------------------------------------------------------ */

int eoip_cmd_up(struct eoip_cmdline *cmdline)
{
	struct tunnel_file *files;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	int count, ret = EOIP_EXIT_OK;

	ret = select_files(cmdline->file, EOIP_CMD_UP, &files, &count);
	if (ret)
		return ret;
	/* every file is read before anything changes: one bad file, no change */
	for (int i = 0; i < count; i++) {
		int status = eoip_config_read(files[i].path, files[i].name,
					      &files[i].settings);

		/* a file that cannot be read outweighs one that is wrong */
		if (status && ret != EOIP_EXIT_FAILURE)
			ret = status;
	}
	if (ret) {
		eoip_error("nothing was changed");
		goto out;
	}
	if (count && eoip_nl_open(&nl, &err)) {
		ret = eoip_socket_error(&err);
		goto out;
	}
	for (int i = 0; i < count; i++)
		if (up_one(&nl, &files[i]))
			ret = EOIP_EXIT_FAILURE;
	if (count)
		eoip_nl_close(&nl);
out:
	free(files);
	return ret;
}

int eoip_cmd_down(struct eoip_cmdline *cmdline)
{
	struct tunnel_file *files;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	int count, ret = EOIP_EXIT_OK;

	ret = select_files(cmdline->file, EOIP_CMD_DOWN, &files, &count);
	if (ret)
		return ret;
	if (count && eoip_nl_open(&nl, &err)) {
		ret = eoip_socket_error(&err);
		goto out;
	}
	/* the reverse of up's order */
	for (int i = count - 1; i >= 0; i--)
		if (down_one(&nl, &files[i]))
			ret = EOIP_EXIT_FAILURE;
	if (count)
		eoip_nl_close(&nl);
out:
	free(files);
	return ret;
}
