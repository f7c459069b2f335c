/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EOIP_VERSION_H
#define EOIP_VERSION_H

/* The one line of ../VERSION, passed in by tool/Makefile. */
#ifndef EOIP_TOOL_VERSION
#error "EOIP_TOOL_VERSION is not defined: build with tool/Makefile"
#endif

#endif /* EOIP_VERSION_H */
