// SPDX-License-Identifier: GPL-2.0
/*
 * The rules a tunnel's settings obey beyond each keyword's own: what
 * creating one needs, and what its family allows. Shared by the tool and
 * the iproute2 plugin.
 */
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "settings.h"

int eoip_set_error(char *error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error, EOIP_ERROR_LEN, fmt, ap);
	va_end(ap);
	return -1;
}

const char *eoip_kind_for_family(int family)
{
	return family == AF_INET6 ? EOIP6_KIND : EOIP_KIND;
}

int eoip_settings_check_family(const struct eoip_settings *settings,
			       int family, char *error)
{
	const char *kind = eoip_kind_for_family(family);
	uint32_t id_max = family == AF_INET6 ? EOIP6_TUNNEL_ID_MAX : EOIP_TUNNEL_ID_MAX;
	const char *want = family == AF_INET6 ? "IPv6" : "IPv4";
	unsigned int present = settings->present;

	if ((present & EOIP_P_TUNNEL_ID) && settings->tunnel_id > id_max)
		return eoip_set_error(error, "tunnel-id %u is out of range 0..%u for %s",
				      settings->tunnel_id, id_max, kind);
	if ((present & EOIP_P_LOCAL) && settings->local.family != AF_UNSPEC &&
	    settings->local.family != family)
		return eoip_set_error(error, "local must be an %s address for %s",
				      want, kind);
	if ((present & EOIP_P_REMOTE) && settings->remote.family != family)
		return eoip_set_error(error, "remote must be an %s address for %s",
				      want, kind);
	/* DF is a bit of the IPv4 header: IPv6 has nothing to set or copy */
	if (family == AF_INET6 && (present & EOIP_P_DONT_FRAGMENT) &&
	    settings->dont_fragment != EOIP_DF_NO)
		return eoip_set_error(error, "dont-fragment applies to eoip (IPv4) only: eoipv6 takes only 'no'");
	return 0;
}

int eoip_settings_complete_add(struct eoip_settings *settings, char *error)
{
	if (!(settings->present & EOIP_P_TUNNEL_ID))
		return eoip_set_error(error, "tunnel-id is required (0..%d, the same on both ends)",
				      EOIP_TUNNEL_ID_MAX);
	if (!(settings->present & EOIP_P_REMOTE))
		return eoip_set_error(error, "remote is required (the peer's address)");
	/* RouterOS's default, sent so that the older module inherits too */
	if (!(settings->present & EOIP_P_TOS)) {
		settings->tos = EOIP_TOS_INHERIT;
		settings->present |= EOIP_P_TOS;
	}
	return 0;
}

int eoip_settings_resolve_link(struct eoip_settings *settings)
{
	unsigned int index;

	if (!(settings->present & EOIP_P_LINK) || !settings->link_name[0])
		return 0;
	index = if_nametoindex(settings->link_name);
	if (!index)
		return -1;
	settings->link_index = index;
	return 0;
}
