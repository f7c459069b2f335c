/* SPDX-License-Identifier: GPL-2.0 */
/* Exit statuses and the messages that tell the user what to do. */
#ifndef EOIP_ERRORS_H
#define EOIP_ERRORS_H

#include <stdbool.h>

#include "netlink.h"

/* Documented in `eoip help`. */
enum eoip_exit {
	EOIP_EXIT_OK = 0,
	EOIP_EXIT_FAILURE = 1,	/* the system or the kernel refused */
	EOIP_EXIT_USAGE = 2,	/* the command line is wrong; nothing was sent */
};

/* "eoip: " + the message + newline, on stderr. */
void eoip_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a kernel warning that came with a successful ack, if any. */
void eoip_print_warning(const struct eoip_nl_error *err);

/*
 * Prints why a request failed: "eoip: WHAT: reason", with the kernel's
 * extack message when it gave one and advice for the errors a user can
 * fix (permissions, missing module). Returns EOIP_EXIT_FAILURE.
 */
int eoip_kernel_error(const char *what, const struct eoip_nl_error *err);

/* Did rtnetlink refuse because no module provides the link kind? */
bool eoip_is_unknown_kind(const struct eoip_nl_error *err);

/* Prints the "modprobe eoip" advice. Returns EOIP_EXIT_FAILURE. */
int eoip_unknown_kind_error(const char *kind);

/* The socket could not be opened. Returns EOIP_EXIT_FAILURE. */
int eoip_socket_error(const struct eoip_nl_error *err);

#endif /* EOIP_ERRORS_H */
