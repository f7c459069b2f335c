// SPDX-License-Identifier: GPL-2.0
/*
 * eoip: manage MikroTik-compatible EoIP and EoIPv6 tunnels.
 *
 * main() only parses and dispatches, through the table of commands
 * (commands.c); each command lives in its own file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "help.h"
#include "parse.h"

/*
 * Other users see a process's command line: a secret given there is moved
 * to the heap and its bytes in argv overwritten before anything else runs.
 */
static int hide_secrets(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++) {
		char *copy;

		if (strcmp(argv[i], "ipsec-secret") || !strcmp(argv[i + 1], "none"))
			continue;
		copy = strdup(argv[i + 1]);
		if (!copy)
			return -1;
		memset(argv[i + 1], 'x', strlen(argv[i + 1]));
		argv[i + 1] = copy;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct eoip_command_entry *entry;
	struct eoip_cmdline cmdline;
	bool json = false;

	if (hide_secrets(argc, argv)) {
		eoip_error("out of memory");
		return EOIP_EXIT_FAILURE;
	}
	/* the one option, before the command as with ip -j */
	if (argc >= 2 && (!strcmp(argv[1], "-j") || !strcmp(argv[1], "--json"))) {
		json = true;
		argc--;
		argv++;
	}
	if (argc < 2) {
		eoip_print_usage(stderr, EOIP_CMD_NONE);
		fputs("see 'eoip help'\n", stderr);
		return EOIP_EXIT_USAGE;
	}
	if (eoip_parse(argc - 1, argv + 1, &cmdline)) {
		eoip_error("%s", cmdline.error);
		eoip_print_usage(stderr, cmdline.command);
		if (cmdline.command == EOIP_CMD_NONE)
			fputs("see 'eoip help'\n", stderr);
		return EOIP_EXIT_USAGE;
	}

	entry = eoip_command_get(cmdline.command);
	if (json && !entry->json) {
		eoip_error("-j applies to %s only, not to '%s'",
			   eoip_json_commands(), entry->name);
		return EOIP_EXIT_USAGE;
	}
	cmdline.json = json;
	return entry->run(&cmdline);
}
