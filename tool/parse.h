/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command line: which command, and what it was given.
 *
 * Pure: no I/O, no netlink, no name resolution. On a bad command line the
 * reason is left in cmdline->error for the caller to print.
 */
#ifndef EOIP_PARSE_H
#define EOIP_PARSE_H

#include <stdbool.h>

#include "commands.h"
#include "settings.h"

struct eoip_cmdline {
	enum eoip_command command;
	/* add, change; del and show: the name (settings.present says if) */
	struct eoip_settings settings;
	/* up and down: NAME, FILE.conf or --all */
	const char *file;
	/* for EOIP_CMD_HELP: the command asked about, or EOIP_CMD_NONE */
	enum eoip_command help_topic;
	/* list and show: JSON output (eoip -j), set by main() */
	bool json;
	char error[EOIP_ERROR_LEN];
};

/*
 * Parse argv (argv[0] is the command word, e.g. "add"). Returns 0, or -1
 * with cmdline->error set (cmdline->command then tells whose usage line to
 * print, EOIP_CMD_NONE for an unknown command). "eoip help add" and
 * "eoip add help" yield EOIP_CMD_HELP with help_topic EOIP_CMD_ADD.
 */
int eoip_parse(int argc, char **argv, struct eoip_cmdline *cmdline);

#endif /* EOIP_PARSE_H */
