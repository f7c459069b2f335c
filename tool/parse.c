// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing: argv in, struct eoip_cmdline out; the parameter
 * keywords are keywords.c's. Nothing here touches the system, so every
 * rule of the syntax is unit-tested on the host (tests/unit/test_parse.c).
 */
#include <string.h>
#include <sys/socket.h>

#include "keywords.h"
#include "parse.h"

struct command_word {
	const char *word;
	enum eoip_command command;
};

/* Synonyms as in the older tool, plus iproute2's del/delete pair. */
static const struct command_word command_words[] = {
	{ "add", EOIP_CMD_ADD },
	{ "new", EOIP_CMD_ADD },
	{ "change", EOIP_CMD_CHANGE },
	{ "set", EOIP_CMD_CHANGE },
	{ "del", EOIP_CMD_DEL },
	{ "delete", EOIP_CMD_DEL },
	{ "list", EOIP_CMD_LIST },
	{ "show", EOIP_CMD_SHOW },
	{ "version", EOIP_CMD_VERSION },
	{ "--version", EOIP_CMD_VERSION },
	{ "help", EOIP_CMD_HELP },
	{ "-h", EOIP_CMD_HELP },
	{ "--help", EOIP_CMD_HELP },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const char *eoip_command_name(enum eoip_command command)
{
	switch (command) {
	case EOIP_CMD_ADD:	return "add";
	case EOIP_CMD_CHANGE:	return "change";
	case EOIP_CMD_DEL:	return "del";
	case EOIP_CMD_LIST:	return "list";
	case EOIP_CMD_SHOW:	return "show";
	case EOIP_CMD_VERSION:	return "version";
	case EOIP_CMD_HELP:	return "help";
	case EOIP_CMD_NONE:	break;
	}
	return "";
}

const char *eoip_usage(enum eoip_command command)
{
	switch (command) {
	case EOIP_CMD_ADD:
		return "usage: eoip add [name NAME] tunnel-id ID [local ADDR] remote ADDR\n"
		       "                [ttl TTL] [dscp inherit|0..63] [link DEV|IFINDEX] [mtu MTU]\n"
		       "                [keepalive none|SECS[,RETRIES]] [mac XX:XX:XX:XX:XX:XX]\n"
		       "                [dont-fragment no|yes|inherit] [clamp-tcp-mss yes|no]\n"
		       "                [ipsec-secret SECRET|none]";
	case EOIP_CMD_CHANGE:
		return "usage: eoip change name NAME [tunnel-id ID] [local ADDR|any] [remote ADDR]\n"
		       "                   [ttl TTL] [dscp inherit|0..63] [link DEV|IFINDEX|none] [mtu MTU]\n"
		       "                   [keepalive none|SECS[,RETRIES]] [mac XX:XX:XX:XX:XX:XX]\n"
		       "                   [dont-fragment no|yes|inherit] [clamp-tcp-mss yes|no]\n"
		       "                   [ipsec-secret SECRET|none]";
	case EOIP_CMD_DEL:
		return "usage: eoip del [name] NAME";
	case EOIP_CMD_LIST:
		return "usage: eoip list";
	case EOIP_CMD_SHOW:
		return "usage: eoip show [[name] NAME]";
	case EOIP_CMD_VERSION:
		return "usage: eoip version";
	case EOIP_CMD_HELP:
		return "usage: eoip help [COMMAND]";
	case EOIP_CMD_NONE:
		break;
	}
	return "usage: eoip [-j] add|change|del|list|show|version|help ...";
}

static enum eoip_command lookup_command(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(command_words); i++)
		if (!strcmp(word, command_words[i].word))
			return command_words[i].command;
	return EOIP_CMD_NONE;
}

static bool is_help_word(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

static int parse_add(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	struct eoip_settings *settings = &cmdline->settings;

	if (eoip_settings_parse(argc, argv, EOIP_P_SETTINGS, settings,
				cmdline->error) ||
	    eoip_settings_complete_add(settings, cmdline->error))
		return -1;
	return eoip_settings_check_family(settings, settings->family,
					  cmdline->error);
}

static int parse_change(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	struct eoip_settings *settings = &cmdline->settings;

	if (eoip_settings_parse(argc, argv, EOIP_P_SETTINGS, settings,
				cmdline->error))
		return -1;
	if (!(settings->present & EOIP_P_NAME))
		return eoip_set_error(cmdline->error, "name is required (the tunnel to change)");
	if (!(settings->present & ~EOIP_P_NAME))
		return eoip_set_error(cmdline->error, "nothing to change: give at least one parameter");
	/* else the existing device's family decides, once it is read */
	if (settings->family != AF_UNSPEC)
		return eoip_settings_check_family(settings, settings->family,
						  cmdline->error);
	return 0;
}

/* [name] NAME, optional for show, required for del */
static int parse_name_only(int argc, char **argv, struct eoip_cmdline *cmdline,
			   bool required)
{
	char *pair[] = { "name", NULL };
	int i = 1;

	if (i < argc && !strcmp(argv[i], "name")) {
		if (i + 1 >= argc)
			return eoip_set_error(cmdline->error, "'name' needs a value (an interface name)");
		i++;
	}
	if (i < argc) {
		pair[1] = argv[i];
		if (eoip_settings_parse(2, pair, EOIP_P_NAME,
					&cmdline->settings, cmdline->error))
			return -1;
		i++;
	}
	if (i < argc)
		return eoip_set_error(cmdline->error, "unexpected argument '%s'", argv[i]);
	if (required && !(cmdline->settings.present & EOIP_P_NAME))
		return eoip_set_error(cmdline->error, "name is required (the tunnel to delete)");
	return 0;
}

static int parse_no_args(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	if (argc > 1)
		return eoip_set_error(cmdline->error, "unexpected argument '%s'", argv[1]);
	return 0;
}

static int parse_help(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	if (argc > 2)
		return eoip_set_error(cmdline->error, "unexpected argument '%s'", argv[2]);
	if (argc == 2) {
		cmdline->help_topic = lookup_command(argv[1]);
		if (cmdline->help_topic == EOIP_CMD_NONE)
			return eoip_set_error(cmdline->error, "no such command '%s'", argv[1]);
	}
	return 0;
}

int eoip_parse(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	memset(cmdline, 0, sizeof(*cmdline));
	if (argc < 1)
		return eoip_set_error(cmdline->error, "no command given");

	cmdline->command = lookup_command(argv[0]);
	switch (cmdline->command) {
	case EOIP_CMD_NONE:
		return eoip_set_error(cmdline->error, "unknown command '%s'", argv[0]);
	case EOIP_CMD_HELP:
		return parse_help(argc, argv, cmdline);
	default:
		break;
	}

	if (argc == 2 && is_help_word(argv[1])) {
		cmdline->help_topic = cmdline->command;
		cmdline->command = EOIP_CMD_HELP;
		return 0;
	}

	switch (cmdline->command) {
	case EOIP_CMD_ADD:
		return parse_add(argc - 1, argv + 1, cmdline);
	case EOIP_CMD_CHANGE:
		return parse_change(argc - 1, argv + 1, cmdline);
	case EOIP_CMD_DEL:
		return parse_name_only(argc, argv, cmdline, true);
	case EOIP_CMD_SHOW:
		return parse_name_only(argc, argv, cmdline, false);
	case EOIP_CMD_LIST:
	case EOIP_CMD_VERSION:
		return parse_no_args(argc, argv, cmdline);
	case EOIP_CMD_HELP:
	case EOIP_CMD_NONE:
		break;
	}
	return 0;
}
