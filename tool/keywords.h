/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parameter keywords of add, change, configuration files and ip's
 * plugin: one table that says each keyword's value, how a usage line
 * writes it and its lines in `eoip help`, and the parser that turns
 * keyword-value pairs into struct eoip_settings.
 *
 * Pure: no I/O, no netlink, no name resolution.
 */
#ifndef EOIP_KEYWORDS_H
#define EOIP_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "settings.h"

struct eoip_keyword {
	const char *word;
	const char *synonym;	/* the older tool's spelling, or NULL */
	unsigned int bit;	/* enum eoip_param_bit */
	/* the value as usage lines and help write it: "TTL", "no|yes" */
	const char *value;
	/* what the value should be, when it is missing: "0..255" */
	const char *hint;
	/* its text in help's "parameters:" ('\n' between lines); NULL: none */
	const char *help;
	/* another spelling of a setting (tos of dscp): help only, no usage */
	bool alternative;
};

/* In the order usage lines and help list them. */
extern const struct eoip_keyword eoip_keywords[];
extern const size_t eoip_keyword_count;

/* The keyword word or synonym names, or NULL. */
const struct eoip_keyword *eoip_keyword_lookup(const char *word);

/*
 * Keyword-value pairs (argv[0] is the first keyword): only the keywords
 * whose EOIP_P_* bit is in allowed are taken. Fills settings (which the
 * caller zeroed) and settings->family from the addresses. Returns 0, or
 * -1 with the reason in error (EOIP_ERROR_LEN bytes).
 */
int eoip_settings_parse(int argc, char **argv, unsigned int allowed,
			struct eoip_settings *settings, char *error);

/* Strict number parsing helpers, exposed for the tests. */
int eoip_parse_u32(const char *text, uint32_t min, uint32_t max,
		   uint32_t *value);
int eoip_parse_mac(const char *text, uint8_t mac[6]);

#endif /* EOIP_KEYWORDS_H */
