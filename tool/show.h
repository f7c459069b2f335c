/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The two ways of printing a tunnel, kept apart from the requests so the
 * unit tests can format canned kernel replies.
 */
#ifndef EOIP_SHOW_H
#define EOIP_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "json.h"
#include "tunnel.h"

/*
 * The older tool's `eoip list` line, without newline:
 * "7: eoip1234@0: link/eoip 203.0.113.50 remote 198.51.100.11 tunnel-id 1234
 *  ttl 0 tos 0 keepalive none" (one line). Returns what snprintf returns.
 */
int eoip_format_list_line(const struct eoip_link *tunnel, char *buf,
			  size_t len);

/* The readable block of `eoip show` for one tunnel. */
void eoip_print_tunnel(FILE *out, const struct eoip_link *tunnel);

/* One tunnel as a JSON object (eoip -j list|show; keys in README.md). */
void eoip_print_tunnel_json(struct eoip_json *json,
			    const struct eoip_link *tunnel);

/* Up, and the carrier on (keepalive heard, or none expected)? */
bool eoip_tunnel_running(const struct eoip_link *tunnel);

/* "10.2 KiB": bytes for people, binary units. */
void eoip_format_bytes(uint64_t bytes, char *buf, size_t len);

#endif /* EOIP_SHOW_H */
