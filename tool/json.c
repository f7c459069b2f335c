// SPDX-License-Identifier: GPL-2.0
/* The JSON writer behind `eoip -j` (json.h). */
#include <inttypes.h>

#include "json.h"

void eoip_json_init(struct eoip_json *json, FILE *out)
{
	json->out = out;
	json->depth = 0;
	json->need_comma[0] = false;
}

static void put_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(out, "\\%c", *c);
		else if (*c < 0x20)
			fprintf(out, "\\u%04x", *c);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}

/* The comma before a member, and its key. */
static void begin_value(struct eoip_json *json, const char *key)
{
	if (json->need_comma[json->depth])
		fputc(',', json->out);
	json->need_comma[json->depth] = true;
	if (key) {
		put_string(json->out, key);
		fputc(':', json->out);
	}
}

static void open_container(struct eoip_json *json, const char *key, char c)
{
	begin_value(json, key);
	fputc(c, json->out);
	/* deeper than we ever nest: keep writing, at the last level */
	if (json->depth + 1 < EOIP_JSON_MAX_DEPTH)
		json->depth++;
	json->need_comma[json->depth] = false;
}

static void close_container(struct eoip_json *json, char c)
{
	fputc(c, json->out);
	if (json->depth > 0)
		json->depth--;
	if (json->depth == 0)
		fputc('\n', json->out);
}

void eoip_json_open_object(struct eoip_json *json, const char *key)
{
	open_container(json, key, '{');
}

void eoip_json_close_object(struct eoip_json *json)
{
	close_container(json, '}');
}

void eoip_json_open_array(struct eoip_json *json, const char *key)
{
	open_container(json, key, '[');
}

void eoip_json_close_array(struct eoip_json *json)
{
	close_container(json, ']');
}

void eoip_json_string(struct eoip_json *json, const char *key,
		      const char *value)
{
	begin_value(json, key);
	put_string(json->out, value);
}

void eoip_json_uint(struct eoip_json *json, const char *key, uint64_t value)
{
	begin_value(json, key);
	fprintf(json->out, "%" PRIu64, value);
}

void eoip_json_bool(struct eoip_json *json, const char *key, bool value)
{
	begin_value(json, key);
	fputs(value ? "true" : "false", json->out);
}

void eoip_json_field(const struct eoip_field *field, void *data)
{
	struct eoip_json *json = data;

	if (!field->key)
		return;
	switch (field->type) {
	case EOIP_FIELD_STRING:
		eoip_json_string(json, field->key, field->string);
		break;
	case EOIP_FIELD_UINT:
		eoip_json_uint(json, field->key, field->number);
		break;
	case EOIP_FIELD_BOOL:
		eoip_json_bool(json, field->key, field->boolean);
		break;
	}
}
