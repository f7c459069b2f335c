// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing: argv in, struct eoip_cmdline out, by the grammar
 * the table of commands gives each command. Nothing here touches the
 * system, so every rule of the syntax is unit-tested on the host
 * (tests/unit/test_parse.c).
 */
#include <string.h>
#include <sys/socket.h>

#include "keywords.h"
#include "parse.h"

static bool is_help_word(const char *word)
{
	const struct eoip_command_entry *entry = eoip_command_lookup(word);

	return entry && entry->id == EOIP_CMD_HELP;
}

static int parse_create(int argc, char **argv, unsigned int keywords,
			struct eoip_cmdline *cmdline)
{
	struct eoip_settings *settings = &cmdline->settings;

	if (eoip_settings_parse(argc, argv, keywords, settings, cmdline->error) ||
	    eoip_settings_complete_add(settings, cmdline->error))
		return -1;
	return eoip_settings_check_family(settings, settings->family,
					  cmdline->error);
}

static int parse_change(int argc, char **argv, unsigned int keywords,
			struct eoip_cmdline *cmdline)
{
	struct eoip_settings *settings = &cmdline->settings;

	if (eoip_settings_parse(argc, argv, keywords, settings, cmdline->error))
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

/* [name] NAME: optional for show, required for del */
static int parse_name(int argc, char **argv, bool required,
		      struct eoip_cmdline *cmdline)
{
	char *pair[] = { "name", NULL };
	int i = 0;

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

static int parse_file(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	if (argc == 0)
		return eoip_set_error(cmdline->error, "give a tunnel's NAME, FILE.conf or --all");
	if (argc > 1)
		return eoip_set_error(cmdline->error, "unexpected argument '%s'", argv[1]);
	cmdline->file = argv[0];
	return 0;
}

static int parse_topic(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	const struct eoip_command_entry *topic;

	if (argc > 1)
		return eoip_set_error(cmdline->error, "unexpected argument '%s'", argv[1]);
	if (argc == 1) {
		topic = eoip_command_lookup(argv[0]);
		if (!topic)
			return eoip_set_error(cmdline->error, "no such command '%s'", argv[0]);
		cmdline->help_topic = topic->id;
	}
	return 0;
}

int eoip_parse(int argc, char **argv, struct eoip_cmdline *cmdline)
{
	const struct eoip_command_entry *entry;

	memset(cmdline, 0, sizeof(*cmdline));
	if (argc < 1)
		return eoip_set_error(cmdline->error, "no command given");
	entry = eoip_command_lookup(argv[0]);
	if (!entry)
		return eoip_set_error(cmdline->error, "unknown command '%s'", argv[0]);
	cmdline->command = entry->id;
	/* the words after the command's */
	argc--;
	argv++;

	if (entry->id != EOIP_CMD_HELP && argc == 1 && is_help_word(argv[0])) {
		cmdline->help_topic = entry->id;
		cmdline->command = EOIP_CMD_HELP;
		return 0;
	}

	switch (entry->grammar) {
	case EOIP_ARGS_NONE:
		if (argc > 0)
			return eoip_set_error(cmdline->error, "unexpected argument '%s'", argv[0]);
		return 0;
	case EOIP_ARGS_CREATE:
		return parse_create(argc, argv, entry->keywords, cmdline);
	case EOIP_ARGS_CHANGE:
		return parse_change(argc, argv, entry->keywords, cmdline);
	case EOIP_ARGS_NAME:
		return parse_name(argc, argv, true, cmdline);
	case EOIP_ARGS_OPTIONAL_NAME:
		return parse_name(argc, argv, false, cmdline);
	case EOIP_ARGS_FILE:
		return parse_file(argc, argv, cmdline);
	case EOIP_ARGS_TOPIC:
		return parse_topic(argc, argv, cmdline);
	}
	return eoip_set_error(cmdline->error, "internal error: command '%s' has no grammar",
			      entry->name);
}
