/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EOIP_VERSION_H
#define EOIP_VERSION_H

#ifndef EOIP_TOOL_VERSION
#define EOIP_TOOL_VERSION "0.1.0"
#endif

#endif /* EOIP_VERSION_H */
