/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tunnel's settings as fields: the word the command line takes, the
 * value as people read it, and a stable JSON key with a typed value.
 *
 * One generator for every printer: `eoip show` (text), `eoip -j` (JSON)
 * and the iproute2 plugin (`ip -d link show`, `ip -j`), so all of them say
 * the same things in the same words. The documented JSON keys are listed
 * in README.md ("JSON").
 */
#ifndef EOIP_FIELDS_H
#define EOIP_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include "tunnel.h"

enum eoip_field_type {
	EOIP_FIELD_STRING,
	EOIP_FIELD_UINT,
	EOIP_FIELD_BOOL,
};

struct eoip_field {
	/* JSON key; NULL: for people only */
	const char *key;
	/* the word before the value in text; NULL: JSON only */
	const char *word;
	/* the value as text ("any", "inherit", "10s,10"...) */
	const char *text;
	enum eoip_field_type type;	/* of the JSON value */
	const char *string;
	uint64_t number;
	bool boolean;
	/*
	 * A default that only `eoip show` spells out ("link -"): a printer
	 * that leaves unset things out skips it.
	 */
	bool unset;
};

typedef void (*eoip_field_cb)(const struct eoip_field *field, void *data);

/* local, remote, tunnel-id */
void eoip_address_fields(const struct eoip_link *tunnel, eoip_field_cb cb,
			 void *data);

/* ttl, dscp or tos, link, dont-fragment (eoip only), clamp-tcp-mss */
void eoip_option_fields(const struct eoip_link *tunnel, eoip_field_cb cb,
			void *data);

/*
 * keepalive: text "10s,10" or "none"; JSON keepalive_interval (seconds,
 * 0 = none) and keepalive_retries.
 */
void eoip_keepalive_fields(const struct eoip_link *tunnel, eoip_field_cb cb,
			   void *data);

/*
 * What the kernel counts of keepalive, when it reports it: keepalive_sent,
 * keepalive_received, keepalive_age_ms (absent until one arrived).
 */
void eoip_keepalive_state_fields(const struct eoip_link *tunnel,
				 eoip_field_cb cb, void *data);

/* "no", "yes", "inherit" */
const char *eoip_dont_fragment_word(uint8_t value);

#endif /* EOIP_FIELDS_H */
