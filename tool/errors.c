// SPDX-License-Identifier: GPL-2.0
/* Turning errno values and extack messages into advice a user can act on. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "uapi/eoip.h"
#include "errors.h"

void eoip_error(const char *fmt, ...)
{
	va_list ap;

	fputs("eoip: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void eoip_print_warning(const struct eoip_nl_error *err)
{
	if (err->message[0])
		fprintf(stderr, "eoip: warning from the kernel: %s\n", err->message);
}

bool eoip_is_unknown_kind(const struct eoip_nl_error *err)
{
	/*
	 * rtnl_newlink() answers EOPNOTSUPP when no module registered the
	 * kind (after trying to load one). A module of ours answering
	 * EOPNOTSUPP for something else says so in its own extack message.
	 */
	return err->code == EOPNOTSUPP &&
	       (!err->message[0] || strstr(err->message, "Unknown device type"));
}

int eoip_unknown_kind_error(const char *kind)
{
	eoip_error("the kernel does not know link kind '%s': load the module with 'modprobe eoip'",
		   kind);
	return EOIP_EXIT_FAILURE;
}

int eoip_kernel_error(const char *what, const struct eoip_nl_error *err)
{
	const char *reason = strerror(err->code);

	if (err->code == EPERM || err->code == EACCES) {
		eoip_error("%s: %s: this needs root (or CAP_NET_ADMIN in the network namespace)",
			   what, reason);
		return EOIP_EXIT_FAILURE;
	}
	if (err->message[0])
		eoip_error("%s: %s (%s)", what, err->message, reason);
	else
		eoip_error("%s: %s", what, reason);
	return EOIP_EXIT_FAILURE;
}

int eoip_socket_error(const struct eoip_nl_error *err)
{
	eoip_error("cannot open an rtnetlink socket: %s", strerror(err->code));
	return EOIP_EXIT_FAILURE;
}
