/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The attributes of IFLA_INFO_DATA decoded into a struct eoip_link, one
 * at a time. No libmnl: the iproute2 plugin hands over attributes that
 * ip(8) has already split (struct rtattr), the tool those that libmnl has
 * (struct nlattr); both are a type, a payload and its length.
 */
#ifndef EOIP_INFO_DATA_H
#define EOIP_INFO_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "tunnel.h"

/*
 * Reads one attribute of IFLA_INFO_DATA into tunnel (config and the read-only
 * keepalive state). An unknown type, or a payload too short for its type,
 * is left out: the older module sends fewer attributes, a newer one may
 * send more.
 */
void eoip_info_data_read(struct eoip_link *tunnel, uint16_t type,
			 const void *payload, size_t len);

/* Puts one attribute into the message being built. */
typedef void (*eoip_attr_put_cb)(void *msg, uint16_t type, const void *payload,
				 size_t len);

/*
 * Writes the parameters given (settings->present) that belong in
 * IFLA_INFO_DATA, in attribute id order, with addresses sized for family
 * ("any" is that family's zeros). The caller opens and closes the nest.
 */
void eoip_info_data_write(const struct eoip_settings *settings, int family,
			  eoip_attr_put_cb put, void *msg);

#endif /* EOIP_INFO_DATA_H */
