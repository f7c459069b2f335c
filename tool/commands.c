// SPDX-License-Identifier: GPL-2.0
/* The table of commands (commands.h). */
#include <string.h>

#include "commands.h"
#include "settings.h"

/* The keywords `eoip help` names for add and change; the rest are listed. */
#define TUNNEL_SYNOPSIS	(EOIP_P_NAME | EOIP_P_TUNNEL_ID | EOIP_P_LOCAL | \
			 EOIP_P_REMOTE)

/* Synonyms as in the older tool, plus iproute2's del/delete pair. */
const struct eoip_command_entry eoip_commands[] = {
	{
		.id = EOIP_CMD_ADD, .name = "add", .synonyms = { "new" },
		.grammar = EOIP_ARGS_CREATE, .keywords = EOIP_P_SETTINGS,
		.required = EOIP_P_TUNNEL_ID | EOIP_P_REMOTE,
		.synopsis = TUNNEL_SYNOPSIS,
		.description = "create a tunnel; an IPv6 remote makes an EoIPv6 (kind eoipv6) one.\n"
			       "Without a name the kernel picks eoipN or eoipv6N and eoip prints it.",
		.run = eoip_cmd_add,
	}, {
		.id = EOIP_CMD_CHANGE, .name = "change", .synonyms = { "set" },
		.grammar = EOIP_ARGS_CHANGE, .keywords = EOIP_P_SETTINGS,
		.required = EOIP_P_NAME, .synopsis = TUNNEL_SYNOPSIS,
		.description = "change a tunnel: only the parameters given are sent.",
		.run = eoip_cmd_change,
	}, {
		.id = EOIP_CMD_DEL, .name = "del", .synonyms = { "delete" },
		.grammar = EOIP_ARGS_NAME, .arguments = "[name] NAME",
		.description = "delete a tunnel",
		.run = eoip_cmd_del,
	}, {
		.id = EOIP_CMD_LIST, .name = "list", .grammar = EOIP_ARGS_NONE,
		.description = "one line per tunnel, in the older eoip tool's format",
		.json = true, .run = eoip_cmd_list,
	}, {
		.id = EOIP_CMD_SHOW, .name = "show",
		.grammar = EOIP_ARGS_OPTIONAL_NAME, .arguments = "[[name] NAME]",
		.description = "state, settings, keepalive and counters",
		.json = true, .run = eoip_cmd_show,
	}, {
		.id = EOIP_CMD_UP, .name = "up", .grammar = EOIP_ARGS_FILE,
		.arguments = "NAME|FILE.conf|--all",
		.description = "create or update the tunnel of /etc/eoip/NAME.conf (see eoip.conf(5)),\n"
			       "changing only what differs, and set it up; --all: every file there",
		.run = eoip_cmd_up,
	}, {
		.id = EOIP_CMD_DOWN, .name = "down", .grammar = EOIP_ARGS_FILE,
		.arguments = "NAME|FILE.conf|--all",
		.description = "delete the tunnel of /etc/eoip/NAME.conf; --all: of every file there",
		.run = eoip_cmd_down,
	}, {
		.id = EOIP_CMD_VERSION, .name = "version",
		.synonyms = { "--version" }, .grammar = EOIP_ARGS_NONE,
		.description = "print the version",
		.run = eoip_cmd_version,
	}, {
		.id = EOIP_CMD_HELP, .name = "help",
		.synonyms = { "-h", "--help" }, .grammar = EOIP_ARGS_TOPIC,
		.arguments = "[COMMAND]",
		.description = "this text, or the usage of one command",
		.run = eoip_cmd_help,
	},
};

const size_t eoip_command_count = sizeof(eoip_commands) / sizeof(eoip_commands[0]);

const struct eoip_command_entry *eoip_command_lookup(const char *word)
{
	for (size_t i = 0; i < eoip_command_count; i++) {
		const struct eoip_command_entry *entry = &eoip_commands[i];

		if (!strcmp(word, entry->name))
			return entry;
		for (size_t s = 0; s < EOIP_SYNONYMS_MAX; s++)
			if (entry->synonyms[s] && !strcmp(word, entry->synonyms[s]))
				return entry;
	}
	return NULL;
}

const struct eoip_command_entry *eoip_command_get(enum eoip_command id)
{
	for (size_t i = 0; i < eoip_command_count; i++)
		if (eoip_commands[i].id == id)
			return &eoip_commands[i];
	return NULL;
}
