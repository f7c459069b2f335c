/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tunnel configuration files: /etc/eoip/NAME.conf, one "KEY VALUE" a line
 * with the command line's parameter names (eoip.conf(5)). Reading one
 * yields the settings that "eoip add name NAME ..." would have.
 */
#ifndef EOIP_CONFIG_H
#define EOIP_CONFIG_H

#include <stddef.h>

#include "settings.h"

#define EOIP_CONFIG_DIR		"/etc/eoip"
/* overrides EOIP_CONFIG_DIR, for tests and staged systems */
#define EOIP_CONFIG_DIR_ENV	"EOIP_CONFIG_DIR"
#define EOIP_CONFIG_SUFFIX	".conf"
#define EOIP_CONFIG_PATH_MAX	4096

/* The directory the tunnels' files are in. */
const char *eoip_config_dir(void);

/*
 * What "eoip up|down WORD" names: a NAME (its file in eoip_config_dir()) or,
 * when WORD holds a '/', the path of a file NAME.conf. Fills path and name;
 * returns 0, or -1 with the reason in error.
 */
int eoip_config_locate(const char *word, char path[EOIP_CONFIG_PATH_MAX],
		       char name[IF_NAMESIZE], char *error, size_t error_len);

/*
 * Parses the text of a configuration file for the tunnel name. Returns 0,
 * or -1 with what is wrong in error (EOIP_ERROR_LEN bytes) and its line in
 * *line (0 when it is about the file as a whole, e.g. a missing remote).
 * Pure: no I/O, unit-tested on the host.
 */
int eoip_config_parse(const char *text, const char *name,
		      struct eoip_settings *settings, char *error,
		      unsigned int *line);

/*
 * Reads and parses the file at path for the tunnel name. Returns an exit
 * status: 0; EOIP_EXIT_USAGE after printing "eoip: PATH[:LINE]: what is
 * wrong"; EOIP_EXIT_FAILURE when the file cannot be read.
 */
int eoip_config_read(const char *path, const char *name,
		     struct eoip_settings *settings);

#endif /* EOIP_CONFIG_H */
