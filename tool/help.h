/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `eoip help` and the usage lines, generated from the table of commands
 * (commands.c) and the table of parameter keywords (keywords.c).
 */
#ifndef EOIP_HELP_H
#define EOIP_HELP_H

#include <stdio.h>

#include "commands.h"

/* Usage lines are wrapped before this column. */
#define EOIP_HELP_WIDTH		80

/*
 * "usage: eoip add ...", wrapped, and a newline; for EOIP_CMD_NONE the
 * line of every command.
 */
void eoip_print_usage(FILE *out, enum eoip_command command);

/* The whole text of `eoip help`. */
void eoip_print_help(FILE *out);

/* The commands that take -j, as a sentence says them: "list and show". */
const char *eoip_json_commands(void);

#endif /* EOIP_HELP_H */
