/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The table of commands: each entry owns its name and synonyms, how its
 * arguments are read, what its usage line and `eoip help` say of it, and
 * the function that runs it. The parser (parse.c) and the help (help.c)
 * are generated from it, so the grammar is written once.
 */
#ifndef EOIP_COMMANDS_H
#define EOIP_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

enum eoip_command {
	EOIP_CMD_NONE,
	EOIP_CMD_ADD,
	EOIP_CMD_CHANGE,
	EOIP_CMD_DEL,
	EOIP_CMD_LIST,
	EOIP_CMD_SHOW,
	EOIP_CMD_UP,
	EOIP_CMD_DOWN,
	EOIP_CMD_VERSION,
	EOIP_CMD_HELP,
};

/* How a command's arguments are read (parse.c). */
enum eoip_grammar {
	EOIP_ARGS_NONE,			/* nothing */
	EOIP_ARGS_CREATE,		/* keywords of a new tunnel */
	EOIP_ARGS_CHANGE,		/* name NAME and keywords to change */
	EOIP_ARGS_NAME,			/* [name] NAME */
	EOIP_ARGS_OPTIONAL_NAME,	/* [[name] NAME] */
	EOIP_ARGS_FILE,			/* NAME, FILE.conf or --all */
	EOIP_ARGS_TOPIC,		/* [COMMAND] */
};

#define EOIP_SYNONYMS_MAX	2

struct eoip_cmdline;

struct eoip_command_entry {
	enum eoip_command id;
	const char *name;
	const char *synonyms[EOIP_SYNONYMS_MAX];	/* NULL when fewer */
	enum eoip_grammar grammar;
	/*
	 * EOIP_ARGS_CREATE and _CHANGE: the keywords taken (EOIP_P_*), those
	 * required, and those `eoip help` names (the rest: [PARAMETERS]).
	 */
	unsigned int keywords;
	unsigned int required;
	unsigned int synopsis;
	/* the other grammars: the arguments as a usage line writes them */
	const char *arguments;
	/* what it does, for `eoip help`; '\n' between lines */
	const char *description;
	bool json;			/* prints JSON with -j */
	int (*run)(struct eoip_cmdline *cmdline);
};

/* In the order `eoip help` lists them. */
extern const struct eoip_command_entry eoip_commands[];
extern const size_t eoip_command_count;

/* The command a word (name or synonym) names, or NULL. */
const struct eoip_command_entry *eoip_command_lookup(const char *word);

/* The entry of a command; NULL for EOIP_CMD_NONE. */
const struct eoip_command_entry *eoip_command_get(enum eoip_command id);

/* The commands; each returns the process exit status (enum eoip_exit). */
int eoip_cmd_add(struct eoip_cmdline *cmdline);		/* add.c */
int eoip_cmd_change(struct eoip_cmdline *cmdline);	/* change.c */
int eoip_cmd_del(struct eoip_cmdline *cmdline);		/* del.c */
int eoip_cmd_list(struct eoip_cmdline *cmdline);	/* show.c */
int eoip_cmd_show(struct eoip_cmdline *cmdline);	/* show.c */
int eoip_cmd_up(struct eoip_cmdline *cmdline);		/* up.c */
int eoip_cmd_down(struct eoip_cmdline *cmdline);	/* up.c */
int eoip_cmd_version(struct eoip_cmdline *cmdline);	/* help.c */
int eoip_cmd_help(struct eoip_cmdline *cmdline);	/* help.c */

#endif /* EOIP_COMMANDS_H */
