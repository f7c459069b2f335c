// SPDX-License-Identifier: GPL-2.0
/*
 * `eoip help`, `eoip help COMMAND`, `eoip version` and the usage printed
 * on errors: all written from the table of commands and the table of
 * parameter keywords, so that they say what the parser accepts.
 */
#include <stdio.h>
#include <string.h>

#include "errors.h"
#include "help.h"
#include "keywords.h"
#include "parse.h"
#include "version.h"

/* Where a command's description starts when it fits beside the command. */
#define COMMAND_COLUMN		29
#define DESCRIPTION_INDENT	8
/* Where a parameter's help starts. */
#define PARAMETER_COLUMN	26

/* The most words a command's arguments make: every keyword, [PARAMETERS]. */
#define WORDS_MAX		32
#define WORD_LEN		64

struct words {
	char word[WORDS_MAX][WORD_LEN];
	size_t count;
};

/*
 * A word of a usage line: text alone (value NULL), or a keyword and its
 * value, in brackets when optional.
 */
static void add_word(struct words *words, const char *text, const char *value,
		     bool optional)
{
	char *word;

	if (words->count == WORDS_MAX)
		return;
	word = words->word[words->count++];
	if (!value)
		snprintf(word, WORD_LEN, "%s", text);
	else if (optional)
		snprintf(word, WORD_LEN, "[%s %s]", text, value);
	else
		snprintf(word, WORD_LEN, "%s %s", text, value);
}

/*
 * The arguments of a command as a usage line writes them, a word each
 * ("[ttl TTL]", "remote ADDR" when required). synopsis: only the keywords
 * `eoip help` names, the rest as "[PARAMETERS]".
 */
static void command_words(const struct eoip_command_entry *entry,
			  bool synopsis, struct words *words)
{
	bool others = false;

	words->count = 0;
	if (entry->grammar != EOIP_ARGS_CREATE &&
	    entry->grammar != EOIP_ARGS_CHANGE) {
		if (entry->arguments)
			add_word(words, entry->arguments, NULL, false);
		return;
	}
	for (size_t i = 0; i < eoip_keyword_count; i++) {
		const struct eoip_keyword *kw = &eoip_keywords[i];

		if (!(kw->bit & entry->keywords) || kw->alternative)
			continue;
		if (synopsis && !(kw->bit & entry->synopsis))
			others = true;
		else
			add_word(words, kw->word, kw->value,
				 !(kw->bit & entry->required));
	}
	if (others)
		add_word(words, "[PARAMETERS]", NULL, false);
}

static void print_all_usage(FILE *out)
{
	fputs("usage: eoip [-j] ", out);
	for (size_t i = 0; i < eoip_command_count; i++)
		fprintf(out, "%s%s", i ? "|" : "", eoip_commands[i].name);
	fputs(" ...\n", out);
}

void eoip_print_usage(FILE *out, enum eoip_command command)
{
	const struct eoip_command_entry *entry = eoip_command_get(command);
	struct words words;
	int indent, column;

	if (!entry) {
		print_all_usage(out);
		return;
	}
	command_words(entry, false, &words);
	/* the words after "usage: eoip add", wrapped under the first */
	indent = fprintf(out, "usage: eoip %s", entry->name) + 1;
	column = indent - 1;
	for (size_t i = 0; i < words.count; i++) {
		int len = (int)strlen(words.word[i]);

		if (column >= indent && column + 1 + len >= EOIP_HELP_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			column = indent;
		} else {
			fputc(' ', out);
			column++;
		}
		fputs(words.word[i], out);
		column += len;
	}
	fputc('\n', out);
}

/* Each line of text, after indent spaces. */
static void print_lines(FILE *out, const char *text, int indent)
{
	while (*text) {
		size_t len = strcspn(text, "\n");

		fprintf(out, "%*s%.*s\n", indent, "", (int)len, text);
		text += len;
		if (*text)
			text++;
	}
}

/* "  eoip del [name] NAME       delete a tunnel", or two lines and more. */
static void print_command(FILE *out, const struct eoip_command_entry *entry)
{
	char synopsis[WORDS_MAX * WORD_LEN];
	struct words words;
	size_t len;

	command_words(entry, true, &words);
	len = (size_t)snprintf(synopsis, sizeof(synopsis), "eoip %s", entry->name);
	for (size_t i = 0; i < words.count && len < sizeof(synopsis); i++)
		len += (size_t)snprintf(synopsis + len, sizeof(synopsis) - len,
					" %s", words.word[i]);
	/* beside it: two spaces before, one at least after */
	if (2 + strlen(synopsis) + 1 <= COMMAND_COLUMN &&
	    !strchr(entry->description, '\n')) {
		fprintf(out, "  %-*s%s\n", COMMAND_COLUMN - 2, synopsis,
			entry->description);
		return;
	}
	fprintf(out, "  %s\n", synopsis);
	print_lines(out, entry->description, DESCRIPTION_INDENT);
}

/* "  tunnel-id ID            0..65535 ...", the help beside or below it. */
static void print_keyword(FILE *out, const struct eoip_keyword *kw)
{
	char syntax[WORD_LEN];
	const char *rest;
	size_t len;

	snprintf(syntax, sizeof(syntax), "%s %s", kw->word, kw->value);
	/* beside it: two spaces before, two at least after */
	if (2 + strlen(syntax) + 2 > PARAMETER_COLUMN) {
		fprintf(out, "  %s\n", syntax);
		print_lines(out, kw->help, PARAMETER_COLUMN);
		return;
	}
	len = strcspn(kw->help, "\n");
	fprintf(out, "  %-*s%.*s\n", PARAMETER_COLUMN - 2, syntax, (int)len,
		kw->help);
	rest = kw->help + len;
	if (*rest)
		print_lines(out, rest + 1, PARAMETER_COLUMN);
}

const char *eoip_json_commands(void)
{
	static char names[128];
	size_t count = 0, done = 0, len = 0;

	for (size_t i = 0; i < eoip_command_count; i++)
		count += eoip_commands[i].json;
	names[0] = '\0';
	for (size_t i = 0; i < eoip_command_count && len < sizeof(names); i++) {
		if (!eoip_commands[i].json)
			continue;
		done++;
		len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
					done == 1 ? "" : done == count ? " and " : ", ",
					eoip_commands[i].name);
	}
	return names;
}

/* "add = new, change = set, ..., tunnel-id = tid": the word synonyms. */
static void print_synonyms(FILE *out)
{
	const char *sep = "  synonyms: ";

	for (size_t i = 0; i < eoip_command_count; i++) {
		for (size_t s = 0; s < EOIP_SYNONYMS_MAX; s++) {
			const char *synonym = eoip_commands[i].synonyms[s];

			/* -h, --help and --version are options, not words */
			if (!synonym || synonym[0] == '-')
				continue;
			fprintf(out, "%s%s = %s", sep, eoip_commands[i].name,
				synonym);
			sep = ", ";
		}
	}
	for (size_t i = 0; i < eoip_keyword_count; i++) {
		if (!eoip_keywords[i].synonym)
			continue;
		fprintf(out, "%s%s = %s", sep, eoip_keywords[i].word,
			eoip_keywords[i].synonym);
		sep = ", ";
	}
	fputc('\n', out);
}

void eoip_print_help(FILE *out)
{
	fputs("eoip " EOIP_TOOL_VERSION ": MikroTik-compatible EoIP and EoIPv6 tunnels\n"
	      "\n"
	      "usage: eoip [-j] COMMAND [ARGUMENTS]\n"
	      "\n", out);
	for (size_t i = 0; i < eoip_command_count; i++)
		print_command(out, &eoip_commands[i]);
	fprintf(out, "\n"
		"  %-*s%s print a JSON array, one object per\n"
		"  %*stunnel (the keys are listed in the README)\n"
		"\n", COMMAND_COLUMN - 2, "-j, --json", eoip_json_commands(),
		COMMAND_COLUMN - 2, "");
	print_synonyms(out);
	fputs("\nparameters:\n", out);
	for (size_t i = 0; i < eoip_keyword_count; i++)
		if (eoip_keywords[i].help)
			print_keyword(out, &eoip_keywords[i]);
	fputs("\n"
	      "exit status: 0 done; 1 the kernel or the system refused (the message says why);\n"
	      "2 the command line or a configuration file is wrong (nothing was changed).\n",
	      out);
}

int eoip_cmd_help(struct eoip_cmdline *cmdline)
{
	if (cmdline->help_topic == EOIP_CMD_NONE ||
	    cmdline->help_topic == EOIP_CMD_HELP)
		eoip_print_help(stdout);
	else
		eoip_print_usage(stdout, cmdline->help_topic);
	return EOIP_EXIT_OK;
}

int eoip_cmd_version(struct eoip_cmdline *cmdline)
{
	(void)cmdline;
	printf("eoip %s\n", EOIP_TOOL_VERSION);
	return EOIP_EXIT_OK;
}
