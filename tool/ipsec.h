/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipsec-secret: a tunnel's EoIP encrypted by strongSwan, the way RouterOS
 * does it for its own ipsec-secret (IKEv1 main mode, pre-shared key, ESP in
 * transport mode for the tunnel's IP protocol between the two ends).
 *
 * The tool writes the connection and its key to a root-only file,
 * /etc/swanctl/conf.d/eoip-NAME.conf, and has charon load it with
 * `swanctl --load-all` (the secret never goes on a command line); the
 * connection's trap policies hold EoIP back until IKE has made the SAs.
 * Before charon has loaded it, two block policies of the tool's own
 * (xfrm.c) do. The file is the only record: "has this tunnel IPsec, with
 * which secret" is read back from it.
 */
#ifndef EOIP_IPSEC_H
#define EOIP_IPSEC_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "settings.h"
#include "tunnel.h"

#define EOIP_SWANCTL_DIR	"/etc/swanctl/conf.d"
/* charon's VICI socket as Debian builds it: swanctl's default */
#define EOIP_CHARON_SOCKET	"/var/run/charon.vici"
#define EOIP_IPSEC_CONF_MAX	4096

/* What a tunnel's IPsec is made of. */
struct eoip_ipsec {
	char name[IF_NAMESIZE];
	int family;			/* AF_INET (eoip) or AF_INET6 (eoipv6) */
	struct eoip_addr local;		/* AF_UNSPEC or unspecified: routing's */
	struct eoip_addr remote;	/* AF_UNSPEC: not known */
	char secret[EOIP_IPSEC_SECRET_MAX + 1];	/* "" = no IPsec */
};

/*
 * Can a tunnel of this name have IPsec? Its name becomes part of strongSwan
 * section names, where '.' separates keys. 0, or -1 with the reason.
 */
int eoip_ipsec_check_name(const char *name, char *error, size_t len);

/*
 * The swanctl.conf text of want (secret set). Pure, for the unit tests.
 * Returns 0, or -1 if it does not fit len.
 */
int eoip_ipsec_conf_text(const struct eoip_ipsec *want, char *buf, size_t len);

/*
 * The IPsec tunnel name has now: the secret from its file ("" without one)
 * and, when cur is not NULL, the tunnel's addresses. Returns an exit status
 * after printing why when not 0.
 */
int eoip_ipsec_current(const char *name, const struct eoip_link *cur,
		       struct eoip_ipsec *had);

/* want for a tunnel of these settings, with secret ("" for none). */
void eoip_ipsec_wanted(const char *name, const struct eoip_settings *settings,
		       const char *secret, struct eoip_ipsec *want);

/*
 * Before the tunnel is created or changed: the block policies for want's
 * remote, unless had's cover it already. Returns an exit status.
 */
int eoip_ipsec_before(const struct eoip_ipsec *had,
		      const struct eoip_ipsec *want);

/* The tunnel could not be changed after all: takes before()'s back. */
void eoip_ipsec_undo(const struct eoip_ipsec *had,
		     const struct eoip_ipsec *want);

/*
 * After: writes or removes the connection's file, has charon load the
 * change and end SAs of an old configuration, and removes block policies
 * no longer needed. Returns an exit status.
 */
int eoip_ipsec_after(const struct eoip_ipsec *had,
		     const struct eoip_ipsec *want);

/* For eoip show: "none", "established", "negotiating", "blocked", ... */
const char *eoip_ipsec_status(const struct eoip_link *tunnel);

#endif /* EOIP_IPSEC_H */
