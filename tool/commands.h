/* SPDX-License-Identifier: GPL-2.0 */
/* The commands; each returns the process exit status (enum eoip_exit). */
#ifndef EOIP_COMMANDS_H
#define EOIP_COMMANDS_H

#include "parse.h"

int eoip_cmd_add(struct eoip_cmdline *cmdline);		/* add.c */
int eoip_cmd_change(struct eoip_cmdline *cmdline);	/* change.c */
int eoip_cmd_del(struct eoip_cmdline *cmdline);		/* del.c */
int eoip_cmd_list(struct eoip_cmdline *cmdline);	/* show.c */
int eoip_cmd_show(struct eoip_cmdline *cmdline);	/* show.c */
/* up.c: argv holds the words after "up" / "down" */
int eoip_cmd_up(int argc, char **argv);
int eoip_cmd_down(int argc, char **argv);
const char *eoip_up_usage(void);
const char *eoip_down_usage(void);

#endif /* EOIP_COMMANDS_H */
