/* SPDX-License-Identifier: GPL-2.0 */
/* What eoip up must change to make a tunnel what its file says. */
#ifndef EOIP_CONFIG_DIFF_H
#define EOIP_CONFIG_DIFF_H

#include "settings.h"

struct eoip_config_diff {
	struct eoip_settings delta;	/* what to send: present = what differs */
	char changed[160];		/* the differing keys, for the user */
};

/*
 * Compares want (a parsed file) with cur (the tunnel's config as the
 * kernel reports it, of the same kind). A key the file leaves out counts
 * as its default, except mtu and mac (left alone); a parameter the kernel
 * does not report (an older module) counts as differing when the file
 * gives it. diff->delta.present is 0 when nothing differs.
 */
void eoip_config_diff(const struct eoip_settings *want,
		      const struct eoip_settings *cur,
		      struct eoip_config_diff *diff);

#endif /* EOIP_CONFIG_DIFF_H */
