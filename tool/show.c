// SPDX-License-Identifier: GPL-2.0
/*
 * eoip list: one line per tunnel in the older tool's format, for scripts.
 * eoip show: state, configuration, keepalive and counters, for people.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "commands.h"
#include "errors.h"
#include "fields.h"
#include "ipsec.h"
#include "json.h"
#include "parse.h"
#include "show.h"
#include "tunnel.h"

#define MS_PER_SEC	1000

/* An address, or the family's unspecified address when unset. */
static const char *address_text(const struct eoip_addr *addr, bool present,
				int family, char *buf, size_t len)
{
	static const struct in6_addr any;

	if (present && addr->family == AF_INET6)
		return inet_ntop(AF_INET6, &addr->v6, buf, len);
	if (present && addr->family == AF_INET)
		return inet_ntop(AF_INET, &addr->v4, buf, len);
	return inet_ntop(family == AF_INET6 ? AF_INET6 : AF_INET, &any, buf, len);
}

int eoip_format_list_line(const struct eoip_link *tunnel, char *buf,
			  size_t len)
{
	const struct eoip_settings *c = &tunnel->settings;
	char local[INET6_ADDRSTRLEN], remote[INET6_ADDRSTRLEN];
	char keepalive[32] = "none";

	address_text(&c->local, c->present & EOIP_P_LOCAL, c->family, local,
		     sizeof(local));
	address_text(&c->remote, c->present & EOIP_P_REMOTE, c->family, remote,
		     sizeof(remote));
	if ((c->present & EOIP_P_KEEPALIVE) && c->keepalive_interval)
		snprintf(keepalive, sizeof(keepalive), "%" PRIu32 ",%u",
			 c->keepalive_interval, c->keepalive_retries);

	return snprintf(buf, len,
			"%d: %s@%" PRIu32 ": link/%s %s remote %s tunnel-id %" PRIu32
			" ttl %u tos %u keepalive %s",
			tunnel->ifindex, c->name, c->link_index, tunnel->kind,
			local, remote, c->tunnel_id, c->ttl, c->tos, keepalive);
}

void eoip_format_bytes(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
	double value = (double)bytes;
	size_t unit = 0;

	if (bytes < 1024) {
		snprintf(buf, len, "%" PRIu64 " B", bytes);
		return;
	}
	value /= 1024;
	while (value >= 1024 && unit + 1 < sizeof(units) / sizeof(units[0])) {
		value /= 1024;
		unit++;
	}
	snprintf(buf, len, "%.1f %s", value, units[unit]);
}

static const char *state_text(const struct eoip_link *tunnel)
{
	if (!(tunnel->flags & IFF_UP))
		return "down";
	return eoip_tunnel_running(tunnel) ? "up, running" : "up, no carrier";
}

bool eoip_tunnel_running(const struct eoip_link *tunnel)
{
	bool carrier = (tunnel->present & EOIP_T_CARRIER) ?
		       tunnel->carrier : !!(tunnel->flags & IFF_RUNNING);

	return (tunnel->flags & IFF_UP) && carrier;
}

/* "  word value" for each field that has words */
static void print_field(const struct eoip_field *field, void *data)
{
	if (field->word)
		fprintf(data, "  %s %s", field->word, field->text);
}

static void print_addresses(FILE *out, const struct eoip_link *tunnel)
{
	eoip_address_fields(tunnel, print_field, out);
	fputc('\n', out);
}

static void print_settings(FILE *out, const struct eoip_link *tunnel)
{
	const struct eoip_settings *c = &tunnel->settings;

	if (c->present & EOIP_P_MTU)
		fprintf(out, "  mtu %" PRIu32, c->mtu);
	if (c->present & EOIP_P_MAC)
		fprintf(out, "  mac %02x:%02x:%02x:%02x:%02x:%02x", c->mac[0],
			c->mac[1], c->mac[2], c->mac[3], c->mac[4], c->mac[5]);
	eoip_option_fields(tunnel, print_field, out);
	fputc('\n', out);
}

/* "keepalive 10s,10: last received 3s ago, sent 12, received 11" */
static void print_keepalive(FILE *out, const struct eoip_link *tunnel)
{
	const struct eoip_settings *c = &tunnel->settings;
	bool counters = tunnel->present & (EOIP_T_KA_SENT | EOIP_T_KA_RECEIVED);

	if (!(c->present & EOIP_P_KEEPALIVE))
		return;		/* a module that does not report keepalive */
	eoip_keepalive_fields(tunnel, print_field, out);
	if (!c->keepalive_interval) {
		fputc('\n', out);
		return;
	}
	if (tunnel->present & EOIP_T_KA_AGE)
		fprintf(out, ": last received %" PRIu32 "s ago",
			tunnel->keepalive_age_ms / MS_PER_SEC);
	else if (counters)
		fprintf(out, ": last received never");
	if (tunnel->present & EOIP_T_KA_SENT)
		fprintf(out, ", sent %" PRIu64, tunnel->keepalive_sent);
	if (tunnel->present & EOIP_T_KA_RECEIVED)
		fprintf(out, ", received %" PRIu64, tunnel->keepalive_received);
	fputc('\n', out);
}

static void print_counters(FILE *out, const struct eoip_link *tunnel)
{
	const struct rtnl_link_stats64 *s = &tunnel->stats;
	char rx[32], tx[32];

	if (!(tunnel->present & EOIP_T_STATS))
		return;
	eoip_format_bytes(s->rx_bytes, rx, sizeof(rx));
	eoip_format_bytes(s->tx_bytes, tx, sizeof(tx));
	fprintf(out, "  rx %llu packets %s, %llu errors, %llu dropped"
		"   tx %llu packets %s, %llu errors, %llu dropped\n",
		(unsigned long long)s->rx_packets, rx,
		(unsigned long long)s->rx_errors,
		(unsigned long long)s->rx_dropped,
		(unsigned long long)s->tx_packets, tx,
		(unsigned long long)s->tx_errors,
		(unsigned long long)s->tx_dropped);
}

void eoip_print_tunnel(FILE *out, const struct eoip_link *tunnel)
{
	fprintf(out, "%s: %s, %s\n", tunnel->settings.name, tunnel->kind,
		state_text(tunnel));
	print_addresses(out, tunnel);
	print_settings(out, tunnel);
	print_keepalive(out, tunnel);
	if (tunnel->ipsec)
		fprintf(out, "  ipsec %s\n", tunnel->ipsec);
	print_counters(out, tunnel);
}

static void print_list_line(const struct eoip_link *tunnel, void *data)
{
	char line[256];

	(void)data;
	eoip_format_list_line(tunnel, line, sizeof(line));
	puts(line);
}

void eoip_print_tunnel_json(struct eoip_json *json,
			    const struct eoip_link *tunnel)
{
	const struct eoip_settings *c = &tunnel->settings;
	const struct rtnl_link_stats64 *s = &tunnel->stats;
	char mac[sizeof("xx:xx:xx:xx:xx:xx")];

	eoip_json_open_object(json, NULL);
	eoip_json_uint(json, "ifindex", (uint64_t)tunnel->ifindex);
	eoip_json_string(json, "name", c->name);
	eoip_json_string(json, "kind", tunnel->kind);
	eoip_json_bool(json, "up", tunnel->flags & IFF_UP);
	eoip_json_bool(json, "running", eoip_tunnel_running(tunnel));
	if (c->present & EOIP_P_MTU)
		eoip_json_uint(json, "mtu", c->mtu);
	if (c->present & EOIP_P_MAC) {
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
			 c->mac[0], c->mac[1], c->mac[2], c->mac[3], c->mac[4],
			 c->mac[5]);
		eoip_json_string(json, "mac", mac);
	}
	eoip_address_fields(tunnel, eoip_json_field, json);
	eoip_option_fields(tunnel, eoip_json_field, json);
	eoip_keepalive_fields(tunnel, eoip_json_field, json);
	eoip_keepalive_state_fields(tunnel, eoip_json_field, json);
	if (tunnel->ipsec)
		eoip_json_string(json, "ipsec", tunnel->ipsec);
	if (tunnel->present & EOIP_T_STATS) {
		eoip_json_open_object(json, "counters");
		eoip_json_uint(json, "rx_packets", s->rx_packets);
		eoip_json_uint(json, "rx_bytes", s->rx_bytes);
		eoip_json_uint(json, "rx_errors", s->rx_errors);
		eoip_json_uint(json, "rx_dropped", s->rx_dropped);
		eoip_json_uint(json, "tx_packets", s->tx_packets);
		eoip_json_uint(json, "tx_bytes", s->tx_bytes);
		eoip_json_uint(json, "tx_errors", s->tx_errors);
		eoip_json_uint(json, "tx_dropped", s->tx_dropped);
		eoip_json_close_object(json);
	}
	eoip_json_close_object(json);
}

/* The underlay's name for people; the index stays when it has none here. */
static void name_link(struct eoip_link *tunnel)
{
	if (tunnel->settings.link_index &&
	    !if_indextoname(tunnel->settings.link_index, tunnel->link_name))
		tunnel->link_name[0] = '\0';
}

struct show_state {
	bool first;
	struct eoip_json *json;	/* NULL: text */
};

static void show_one(const struct eoip_link *tunnel, void *data)
{
	struct eoip_link named = *tunnel;
	struct show_state *state = data;

	name_link(&named);
	named.ipsec = eoip_ipsec_status(&named);
	if (state->json) {
		eoip_print_tunnel_json(state->json, &named);
		return;
	}
	if (!state->first)
		putchar('\n');
	state->first = false;
	eoip_print_tunnel(stdout, &named);
}

/*
 * eoip list and eoip show: all tunnels, or the one named (show). With -j
 * both print one JSON array of tunnel objects.
 */
static int list_or_show(const struct eoip_cmdline *cmdline,
		eoip_tunnel_cb text_cb)
{
	struct eoip_json json;
	struct show_state state = { .first = true };
	struct eoip_nl nl;
	struct eoip_nl_error err;
	struct eoip_link tunnel;
	int ret = EOIP_EXIT_OK;

	if (eoip_nl_open(&nl, &err))
		return eoip_socket_error(&err);
	if (cmdline->json) {
		eoip_json_init(&json, stdout);
		state.json = &json;
		text_cb = show_one;
	}
	if (cmdline->settings.present & EOIP_P_NAME) {
		/* a failed lookup prints no JSON at all, only its error */
		ret = eoip_tunnel_lookup(&nl, cmdline->settings.name, &tunnel);
		if (ret == EOIP_EXIT_OK && state.json)
			eoip_json_open_array(&json, NULL);
		if (ret == EOIP_EXIT_OK)
			text_cb(&tunnel, &state);
	} else {
		if (state.json)
			eoip_json_open_array(&json, NULL);
		if (eoip_tunnel_dump(&nl, text_cb, &state, &err))
			ret = eoip_kernel_error("cannot list the interfaces", &err);
	}
	if (state.json && ret == EOIP_EXIT_OK)
		eoip_json_close_array(&json);
	eoip_nl_close(&nl);
	return ret;
}

int eoip_cmd_list(struct eoip_cmdline *cmdline)
{
	return list_or_show(cmdline, print_list_line);
}

int eoip_cmd_show(struct eoip_cmdline *cmdline)
{
	return list_or_show(cmdline, show_one);
}
