/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON writer for `eoip -j`: compact output on one line, as
 * `ip -j` prints it, with the commas and string escapes handled here.
 */
#ifndef EOIP_JSON_H
#define EOIP_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "fields.h"

#define EOIP_JSON_MAX_DEPTH 8

struct eoip_json {
	FILE *out;
	int depth;
	bool need_comma[EOIP_JSON_MAX_DEPTH];
};

void eoip_json_init(struct eoip_json *json, FILE *out);

/* key is NULL inside an array and at the top level. */
void eoip_json_open_object(struct eoip_json *json, const char *key);
void eoip_json_close_object(struct eoip_json *json);
void eoip_json_open_array(struct eoip_json *json, const char *key);
void eoip_json_close_array(struct eoip_json *json);

void eoip_json_string(struct eoip_json *json, const char *key,
		      const char *value);
void eoip_json_uint(struct eoip_json *json, const char *key, uint64_t value);
void eoip_json_bool(struct eoip_json *json, const char *key, bool value);

/* A settings field by its key and type; one without a key is skipped. */
void eoip_json_field(const struct eoip_field *field, void *json);

#endif /* EOIP_JSON_H */
