// SPDX-License-Identifier: GPL-2.0
/*
 * The settings of a tunnel as fields (fields.h): what every printer of
 * the tool and of the iproute2 plugin says, decided in one place.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "fields.h"

#define MS_PER_SEC	1000

static void emit_string(eoip_field_cb cb, void *data, const char *key,
			const char *word, const char *value)
{
	struct eoip_field f = {
		.key = key, .word = word, .text = value,
		.type = EOIP_FIELD_STRING, .string = value,
	};

	cb(&f, data);
}

static void emit_uint(eoip_field_cb cb, void *data, const char *key,
		      const char *word, uint64_t value)
{
	char text[24];
	struct eoip_field f = {
		.key = key, .word = word, .text = text,
		.type = EOIP_FIELD_UINT, .number = value,
	};

	snprintf(text, sizeof(text), "%" PRIu64, value);
	cb(&f, data);
}

static void emit_yes_no(eoip_field_cb cb, void *data, const char *key,
			const char *word, bool value)
{
	struct eoip_field f = {
		.key = key, .word = word, .text = value ? "yes" : "no",
		.type = EOIP_FIELD_BOOL, .boolean = value,
	};

	cb(&f, data);
}

static bool address_is_set(const struct eoip_addr *addr)
{
	if (addr->family == AF_INET)
		return addr->v4.s_addr != htonl(INADDR_ANY);
	if (addr->family == AF_INET6)
		return !IN6_IS_ADDR_UNSPECIFIED(&addr->v6);
	return false;
}

static const char *address_text(const struct eoip_addr *addr, char *buf,
				size_t len)
{
	if (addr->family == AF_INET6)
		return inet_ntop(AF_INET6, &addr->v6, buf, len);
	return inet_ntop(AF_INET, &addr->v4, buf, len);
}

void eoip_address_fields(const struct eoip_link *tunnel, eoip_field_cb cb,
			 void *data)
{
	const struct eoip_settings *c = &tunnel->settings;
	char text[INET6_ADDRSTRLEN];

	/* unset, or the unspecified address: chosen by routing */
	if ((c->present & EOIP_P_LOCAL) && address_is_set(&c->local))
		emit_string(cb, data, "local", "local",
			    address_text(&c->local, text, sizeof(text)));
	else
		emit_string(cb, data, "local", "local", "any");
	if (c->present & EOIP_P_REMOTE) {
		emit_string(cb, data, "remote", "remote",
			    address_text(&c->remote, text, sizeof(text)));
	} else {
		/* the older module before a remote was set */
		struct eoip_addr none = { .family = c->family };

		emit_string(cb, data, "remote", "remote",
			    address_text(&none, text, sizeof(text)));
	}
	if (c->present & EOIP_P_TUNNEL_ID)
		emit_uint(cb, data, "tunnel_id", "tunnel-id", c->tunnel_id);
}

const char *eoip_dont_fragment_word(uint8_t value)
{
	switch (value) {
	case EOIP_DF_NO:	return "no";
	case EOIP_DF_YES:	return "yes";
	case EOIP_DF_INHERIT:	return "inherit";
	}
	return "?";
}

/* RouterOS's words; a TOS with ECN bits (the older tool's) as it is. */
static void tos_field(const struct eoip_settings *c, eoip_field_cb cb, void *data)
{
	char text[8];
	struct eoip_field f = { .key = "tos", .text = text };

	if (c->tos & EOIP_TOS_INHERIT) {
		f.word = "dscp";
		f.type = EOIP_FIELD_STRING;
		f.string = f.text = "inherit";
	} else {
		bool ecn = c->tos & ((1u << EOIP_DSCP_SHIFT) - 1);

		f.word = ecn ? "tos" : "dscp";
		f.type = EOIP_FIELD_UINT;
		f.number = c->tos;
		snprintf(text, sizeof(text), "%u",
			 ecn ? c->tos : (unsigned int)c->tos >> EOIP_DSCP_SHIFT);
	}
	cb(&f, data);
}

static void link_field(const struct eoip_link *tunnel, eoip_field_cb cb,
		       void *data)
{
	const struct eoip_settings *c = &tunnel->settings;
	char index[16];
	struct eoip_field f = {
		.key = "link", .word = "link", .type = EOIP_FIELD_STRING,
	};

	if (tunnel->link_name[0]) {
		f.text = f.string = tunnel->link_name;
	} else if (c->link_index) {
		/* in another namespace, or gone: its index is all we know */
		snprintf(index, sizeof(index), "%" PRIu32, c->link_index);
		f.text = f.string = index;
	} else {
		f.key = NULL;
		f.text = "-";
		f.unset = true;
	}
	cb(&f, data);
}

void eoip_option_fields(const struct eoip_link *tunnel, eoip_field_cb cb,
			void *data)
{
	const struct eoip_settings *c = &tunnel->settings;

	if (c->present & EOIP_P_TTL)
		emit_uint(cb, data, "ttl", "ttl",
			  c->ttl ? c->ttl : EOIP_DEFAULT_TTL);
	if (c->present & EOIP_P_TOS)
		tos_field(c, cb, data);
	link_field(tunnel, cb, data);
	/* meaningless for eoipv6: IPv6 has no DF bit */
	if ((c->present & EOIP_P_DONT_FRAGMENT) && c->family != AF_INET6)
		emit_string(cb, data, "dont_fragment", "dont-fragment",
			    eoip_dont_fragment_word(c->dont_fragment));
	if (c->present & EOIP_P_CLAMP_TCP_MSS)
		emit_yes_no(cb, data, "clamp_tcp_mss", "clamp-tcp-mss",
			    c->clamp_tcp_mss);
}

void eoip_keepalive_fields(const struct eoip_link *tunnel, eoip_field_cb cb,
			   void *data)
{
	const struct eoip_settings *c = &tunnel->settings;
	char text[32] = "none";

	if (!(c->present & EOIP_P_KEEPALIVE))
		return;		/* a module that does not report keepalive */
	if (c->keepalive_interval && (c->present & EOIP_P_KA_RETRIES))
		snprintf(text, sizeof(text), "%" PRIu32 "s,%u",
			 c->keepalive_interval, c->keepalive_retries);
	else if (c->keepalive_interval)
		snprintf(text, sizeof(text), "%" PRIu32 "s",
			 c->keepalive_interval);
	emit_string(cb, data, NULL, "keepalive", text);
	emit_uint(cb, data, "keepalive_interval", NULL, c->keepalive_interval);
	if (c->present & EOIP_P_KA_RETRIES)
		emit_uint(cb, data, "keepalive_retries", NULL,
			  c->keepalive_retries);
}

void eoip_keepalive_state_fields(const struct eoip_link *tunnel,
				 eoip_field_cb cb, void *data)
{
	char age[32];

	if (tunnel->present & EOIP_T_KA_SENT)
		emit_uint(cb, data, "keepalive_sent", "keepalives-sent",
			  tunnel->keepalive_sent);
	if (tunnel->present & EOIP_T_KA_RECEIVED)
		emit_uint(cb, data, "keepalive_received", "keepalives-received",
			  tunnel->keepalive_received);
	if (tunnel->present & EOIP_T_KA_AGE) {
		struct eoip_field f = {
			.key = "keepalive_age_ms", .word = "last-keepalive",
			.text = age, .type = EOIP_FIELD_UINT,
			.number = tunnel->keepalive_age_ms,
		};

		snprintf(age, sizeof(age), "%" PRIu32 "s ago",
			 tunnel->keepalive_age_ms / MS_PER_SEC);
		cb(&f, data);
	} else if (tunnel->present & (EOIP_T_KA_SENT | EOIP_T_KA_RECEIVED)) {
		emit_string(cb, data, NULL, "last-keepalive", "never");
	}
}
