// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration files. A line is "KEY VALUE" with the words of
 * "eoip add": each line is checked alone through the command-line parser
 * (so its errors carry the line number), then the whole file as one "eoip
 * add name NAME KEY VALUE..." (required keys, the family's rules).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "errors.h"
#include "parse.h"

/* A tunnel's file is a dozen lines; anything far larger is not one. */
#define CONFIG_SIZE_MAX		(64 * 1024)
/* Every parameter at most once: as many KEY VALUE pairs as keywords. */
#define CONFIG_PAIRS_MAX	32
/* "add" "name" NAME, then the pairs */
#define CONFIG_ARGV_MAX		(3 + 2 * CONFIG_PAIRS_MAX)
#define PARAM_BITS		32

const char *eoip_config_dir(void)
{
	const char *dir = getenv(EOIP_CONFIG_DIR_ENV);

	return dir && *dir ? dir : EOIP_CONFIG_DIR;
}

static bool ends_with(const char *text, const char *suffix)
{
	size_t len = strlen(text), slen = strlen(suffix);

	return len >= slen && !strcmp(text + len - slen, suffix);
}

/* The command-line parser's rules for an interface name, and its words. */
static int check_name(const char *name, char *error, size_t error_len)
{
	struct eoip_cmdline probe;
	char *argv[] = { "del", (char *)name, NULL };

	if (eoip_parse(2, argv, &probe)) {
		snprintf(error, error_len, "%s", probe.error);
		return -1;
	}
	return 0;
}

int eoip_config_locate(const char *word, char path[EOIP_CONFIG_PATH_MAX],
		       char name[IF_NAMESIZE], char *error, size_t error_len)
{
	const char *base = strrchr(word, '/');
	size_t name_len;
	int len;

	if (!base && !ends_with(word, EOIP_CONFIG_SUFFIX)) {
		if (check_name(word, error, error_len))
			return -1;
		len = snprintf(path, EOIP_CONFIG_PATH_MAX, "%s/%s%s",
			       eoip_config_dir(), word, EOIP_CONFIG_SUFFIX);
		if (len < 0 || len >= EOIP_CONFIG_PATH_MAX) {
			snprintf(error, error_len, "the configuration directory's path is too long");
			return -1;
		}
		strcpy(name, word);
		return 0;
	}
	base = base ? base + 1 : word;
	if (!ends_with(base, EOIP_CONFIG_SUFFIX) ||
	    strlen(base) == strlen(EOIP_CONFIG_SUFFIX)) {
		snprintf(error, error_len,
			 "'%s' is not a tunnel's file: its name must be NAME%s, NAME the interface's",
			 word, EOIP_CONFIG_SUFFIX);
		return -1;
	}
	if (strlen(word) >= EOIP_CONFIG_PATH_MAX) {
		snprintf(error, error_len, "the path '%.64s...' is too long", word);
		return -1;
	}
	name_len = strlen(base) - strlen(EOIP_CONFIG_SUFFIX);
	if (name_len >= IF_NAMESIZE) {
		snprintf(error, error_len,
			 "'%s': the name before %s is the interface's, at most %d characters",
			 word, EOIP_CONFIG_SUFFIX, IF_NAMESIZE - 1);
		return -1;
	}
	memcpy(name, base, name_len);
	name[name_len] = '\0';
	if (check_name(name, error, error_len))
		return -1;
	strcpy(path, word);
	return 0;
}

/* The settings are left empty, the reason in error. */
static void config_fail(struct eoip_settings *settings, char *error,
			const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void config_fail(struct eoip_settings *settings, char *error,
			const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error, EOIP_ERROR_LEN, fmt, ap);
	va_end(ap);
	memset(settings, 0, sizeof(*settings));
}

/* A comment starts with '#' at the start of a line or after a blank. */
static void strip_comment(char *line)
{
	for (char *c = line; *c; c++) {
		if (*c == '#' && (c == line || c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			return;
		}
	}
}

static int split_words(char *line, char *words[], int max)
{
	int count = 0;

	for (char *word = strtok(line, " \t\r"); word;
	     word = strtok(NULL, " \t\r")) {
		if (count < max)
			words[count] = word;
		count++;
	}
	return count;
}

struct config_state {
	const char *name;
	char *argv[CONFIG_ARGV_MAX];
	int argc;
	unsigned int given;			/* enum eoip_param_bit */
	unsigned int given_on[PARAM_BITS];	/* the line of each bit */
};

/* One KEY VALUE line: alone through the parser, then no repeats. */
static int config_line(struct config_state *state, char *words[], int count,
		       unsigned int line, struct eoip_settings *settings,
		       char *error)
{
	char *argv[] = { "change", "name", (char *)state->name, words[0],
			 count > 1 ? words[1] : NULL, NULL };
	struct eoip_cmdline probe;
	unsigned int bits;

	if (count > 2) {
		config_fail(settings, error, "expected KEY VALUE, found %d words ('%s %s %s%s')",
			    count, words[0], words[1], words[2],
			    count > 3 ? " ..." : "");
		return -1;
	}
	if (!strcmp(words[0], "name")) {
		config_fail(settings, error, "no 'name' here: the tunnel is named after its file (%s)",
			    state->name);
		return -1;
	}
	if (eoip_parse(3 + count, argv, &probe)) {
		config_fail(settings, error, "%s", probe.error);
		return -1;
	}
	bits = probe.settings.present & ~EOIP_P_NAME;
	for (unsigned int bit = 0; bit < PARAM_BITS; bit++) {
		if ((bits & state->given & (1u << bit))) {
			config_fail(settings, error, "'%s' is given again (first on line %u)",
				    words[0], state->given_on[bit]);
			return -1;
		}
	}
	for (unsigned int bit = 0; bit < PARAM_BITS; bit++)
		if (bits & (1u << bit))
			state->given_on[bit] = line;
	state->given |= bits;
	/* at most one line per bit, so this cannot overflow; still check */
	if (state->argc + 2 > CONFIG_ARGV_MAX) {
		config_fail(settings, error, "too many parameters");
		return -1;
	}
	state->argv[state->argc++] = words[0];
	state->argv[state->argc++] = words[1];
	return 0;
}

int eoip_config_parse(const char *text, const char *name,
		      struct eoip_settings *settings, char *error,
		      unsigned int *line)
{
	struct config_state state = { .name = name };
	struct eoip_cmdline add;
	char *copy = strdup(text), *next;
	int ret = -1;

	*line = 0;
	if (!copy) {
		config_fail(settings, error, "out of memory");
		return -1;
	}
	state.argv[state.argc++] = "add";
	state.argv[state.argc++] = "name";
	state.argv[state.argc++] = (char *)name;

	for (char *cur = copy; cur; cur = next) {
		char *words[3];
		int count;

		next = strchr(cur, '\n');
		if (next)
			*next++ = '\0';
		(*line)++;
		strip_comment(cur);
		count = split_words(cur, words, 3);
		if (count && config_line(&state, words, count, *line, settings,
					  error))
			goto out;
	}
	*line = 0;
	state.argv[state.argc] = NULL;
	if (eoip_parse(state.argc, state.argv, &add)) {
		config_fail(settings, error, "%s", add.error);
		goto out;
	}
	*settings = add.settings;
	ret = 0;
out:
	free(copy);
	return ret;
}

/* The whole file into a string, its mode; NULL after printing why not. */
static char *read_text(const char *path, mode_t *mode)
{
	struct stat st;
	char *text = NULL;
	ssize_t got;
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		eoip_error("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		eoip_error("cannot read %s: not a regular file", path);
		goto fail;
	}
	*mode = st.st_mode;
	if (st.st_size > CONFIG_SIZE_MAX) {
		eoip_error("%s: larger than %d bytes, not a tunnel's configuration",
			   path, CONFIG_SIZE_MAX);
		goto fail;
	}
	text = malloc((size_t)st.st_size + 1);
	if (!text) {
		eoip_error("cannot read %s: out of memory", path);
		goto fail;
	}
	while ((got = read(fd, text + len, (size_t)st.st_size - len)) > 0)
		len += (size_t)got;
	if (got < 0) {
		eoip_error("cannot read %s: %s", path, strerror(errno));
		goto fail;
	}
	text[len] = '\0';
	if (strlen(text) != len) {
		eoip_error("%s: holds a NUL byte, not a text file", path);
		goto fail;
	}
	close(fd);
	return text;
fail:
	free(text);
	close(fd);
	return NULL;
}

int eoip_config_read(const char *path, const char *name,
		     struct eoip_settings *settings)
{
	char error[EOIP_ERROR_LEN];
	unsigned int line;
	mode_t mode = 0;
	char *text = read_text(path, &mode);
	int ret;

	if (!text)
		return EOIP_EXIT_FAILURE;
	ret = eoip_config_parse(text, name, settings, error, &line) ?
	      EOIP_EXIT_USAGE : EOIP_EXIT_OK;
	if (ret && line)
		eoip_error("%s:%u: %s", path, line, error);
	else if (ret)
		eoip_error("%s: %s", path, error);
	/* a key others can read is no secret: refuse it, as ssh does */
	if (!ret && settings->ipsec_secret[0] && (mode & (S_IRWXG | S_IRWXO))) {
		eoip_error("%s: holds an ipsec-secret but others may read it (mode %04o): 'chmod 600 %s'",
			   path, (unsigned int)(mode & 07777), path);
		ret = EOIP_EXIT_USAGE;
	}
	free(text);
	return ret;
}
