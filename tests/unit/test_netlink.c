// SPDX-License-Identifier: GPL-2.0
/* The bytes of our requests, and reading the kernel's acks. */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>

#include "uapi/eoip.h"
#include "netlink.h"
#include "test.h"

/* Host-order integers as bytes, so the expected messages are portable. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define H16(x) ((x) & 0xff), (((x) >> 8) & 0xff)
#define H32(x) ((x) & 0xff), (((x) >> 8) & 0xff), (((x) >> 16) & 0xff), (((x) >> 24) & 0xff)
#else
#define H16(x) (((x) >> 8) & 0xff), ((x) & 0xff)
#define H32(x) (((x) >> 24) & 0xff), (((x) >> 16) & 0xff), (((x) >> 8) & 0xff), ((x) & 0xff)
#endif
#define NESTED(type) ((type) | NLA_F_NESTED)

static struct eoip_cmdline cmd;
static char buf[EOIP_NL_MSG_SIZE];

static void dump_diff(const unsigned char *got, const unsigned char *want,
		      size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (got[i] != want[i]) {
			printf("#   first difference at byte %zu: got 0x%02x, want 0x%02x\n",
			       i, got[i], want[i]);
			return;
		}
}

static void test_add_v4_bytes(void)
{
	/*
	 * add name eoip1234 local 203.0.113.50 remote 198.51.100.11 tunnel-id 1234,
	 * and RouterOS's default dscp inherit, which the tool sends itself
	 */
	static const unsigned char want[] = {
		/* nlmsghdr: length, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE, seq 1, pid 0 */
		H32(100), H16(RTM_NEWLINK),
		H16(NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE),
		H32(1), H32(0),
		/* ifinfomsg: AF_UNSPEC, no index, no flags */
		0, 0, H16(0), H32(0), H32(0), H32(0),
		/* IFLA_IFNAME "eoip1234" */
		H16(13), H16(IFLA_IFNAME), 'e', 'o', 'i', 'p', '1', '2', '3', '4', 0, 0, 0, 0,
		/* IFLA_LINKINFO */
		H16(52), H16(NESTED(IFLA_LINKINFO)),
		/* IFLA_INFO_KIND "eoip" */
		H16(9), H16(IFLA_INFO_KIND), 'e', 'o', 'i', 'p', 0, 0, 0, 0,
		/* IFLA_INFO_DATA */
		H16(36), H16(NESTED(IFLA_INFO_DATA)),
		/* tunnel id 1234, host order */
		H16(8), H16(IFLA_EOIP_TUNNEL_ID), H32(1234),
		/* local 203.0.113.50, network order */
		H16(8), H16(IFLA_EOIP_LOCAL), 203, 0, 113, 50,
		/* remote 198.51.100.11, network order */
		H16(8), H16(IFLA_EOIP_REMOTE), 198, 51, 100, 11,
		/* tos EOIP_TOS_INHERIT, u8 and 3 bytes of padding */
		H16(5), H16(IFLA_EOIP_TOS), EOIP_TOS_INHERIT, 0, 0, 0,
	};
	struct nlmsghdr *nlh;

	test_group("add: the exact request for the README's example tunnel");
	if (test_parse_line("add name eoip1234 local 203.0.113.50 "
			    "remote 198.51.100.11 tunnel-id 1234", &cmd)) {
		CHECK(0, "the example parses: %s", cmd.error);
		return;
	}
	nlh = eoip_msg_add(buf, &cmd.settings, 1);
	CHECK(nlh->nlmsg_len == sizeof(want), "message is %zu bytes (got %u)",
	      sizeof(want), nlh->nlmsg_len);
	if (nlh->nlmsg_len == sizeof(want) && memcmp(nlh, want, sizeof(want)))
		dump_diff((const unsigned char *)nlh, want, sizeof(want));
	CHECK(nlh->nlmsg_len == sizeof(want) && !memcmp(nlh, want, sizeof(want)),
	      "bytes: RTM_NEWLINK create+excl+ack, IFLA_IFNAME, kind \"eoip\", "
	      "tunnel id 1234 as a host-order u32, addresses in network order, "
	      "tos inherit");
}

/* Finds attribute type in the payload of a nest (or of the message). */
static const struct nlattr *find_attr(const struct nlattr *nest, uint16_t type)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest)
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

static const struct nlattr *find_top(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct ifinfomsg))
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

static int count_nested(const struct nlattr *nest)
{
	const struct nlattr *attr;
	int n = 0;

	mnl_attr_for_each_nested(attr, nest)
		n++;
	return n;
}

static bool attr_bytes(const struct nlattr *attr, const void *want, size_t len)
{
	return attr && mnl_attr_get_payload_len(attr) == len &&
	       !memcmp(mnl_attr_get_payload(attr), want, len);
}

static const struct nlattr *info_data(const struct nlmsghdr *nlh)
{
	const struct nlattr *linkinfo = find_top(nlh, IFLA_LINKINFO);

	return linkinfo ? find_attr(linkinfo, IFLA_INFO_DATA) : NULL;
}

static const char *kind_of(const struct nlmsghdr *nlh)
{
	const struct nlattr *linkinfo = find_top(nlh, IFLA_LINKINFO);
	const struct nlattr *kind = linkinfo ? find_attr(linkinfo, IFLA_INFO_KIND) : NULL;

	return kind ? mnl_attr_get_str(kind) : "";
}

static void test_add_v6(void)
{
	struct in6_addr local, remote;
	const struct nlattr *data;
	struct nlmsghdr *nlh;

	test_group("add: the EoIPv6 variant");
	if (test_parse_line("add name e6 local 2001:db8::2 remote 2001:db8::1 tid 4095",
			    &cmd)) {
		CHECK(0, "the IPv6 example parses: %s", cmd.error);
		return;
	}
	inet_pton(AF_INET6, "2001:db8::2", &local);
	inet_pton(AF_INET6, "2001:db8::1", &remote);
	nlh = eoip_msg_add(buf, &cmd.settings, 2);
	data = info_data(nlh);
	CHECK(!strcmp(kind_of(nlh), "eoipv6"), "kind is \"eoipv6\"");
	CHECK(data && count_nested(data) == 4, "IFLA_INFO_DATA holds 4 attributes");
	CHECK(data && mnl_attr_get_u32(find_attr(data, IFLA_EOIP_TUNNEL_ID)) == 4095,
	      "tunnel id 4095");
	CHECK(data && attr_bytes(find_attr(data, IFLA_EOIP_LOCAL), &local, 16),
	      "local is the 16 bytes of 2001:db8::2");
	CHECK(data && attr_bytes(find_attr(data, IFLA_EOIP_REMOTE), &remote, 16),
	      "remote is the 16 bytes of 2001:db8::1");

	test_parse_line("add remote 2001:db8::1 local any tid 1", &cmd);
	nlh = eoip_msg_add(buf, &cmd.settings, 3);
	data = info_data(nlh);
	CHECK(data && attr_bytes(find_attr(data, IFLA_EOIP_LOCAL),
				 &in6addr_any, 16),
	      "local any on eoipv6 is 16 zero bytes");
	CHECK(!find_top(nlh, IFLA_IFNAME), "no name: no IFLA_IFNAME, the kernel picks one");
}

static void test_add_everything(void)
{
	static const uint8_t mac[6] = { 0xfe, 0x12, 0x34, 0x56, 0x78, 0x9a };
	const struct nlattr *data;
	struct nlmsghdr *nlh;

	test_group("add: every parameter has its attribute");
	if (test_parse_line("add name t1 tid 100 remote 192.0.2.1 ttl 64 tos inherit "
			    "link 3 mtu 9000 keepalive 1,3 mac fe:12:34:56:78:9a "
			    "dont-fragment yes clamp-tcp-mss no", &cmd)) {
		CHECK(0, "parses: %s", cmd.error);
		return;
	}
	nlh = eoip_msg_add(buf, &cmd.settings, 4);
	data = info_data(nlh);
	CHECK(find_top(nlh, IFLA_MTU) && mnl_attr_get_u32(find_top(nlh, IFLA_MTU)) == 9000,
	      "IFLA_MTU 9000");
	CHECK(attr_bytes(find_top(nlh, IFLA_ADDRESS), mac, 6), "IFLA_ADDRESS is the MAC");
	CHECK(data && count_nested(data) == 9, "IFLA_INFO_DATA holds 9 attributes");
	if (!data)
		return;
	CHECK(mnl_attr_get_u32(find_attr(data, IFLA_EOIP_LINK)) == 3, "IFLA_EOIP_LINK u32 3");
	CHECK(mnl_attr_get_payload_len(find_attr(data, IFLA_EOIP_TTL)) == 1 &&
	      mnl_attr_get_u8(find_attr(data, IFLA_EOIP_TTL)) == 64, "IFLA_EOIP_TTL u8 64");
	CHECK(mnl_attr_get_u8(find_attr(data, IFLA_EOIP_TOS)) == EOIP_TOS_INHERIT,
	      "IFLA_EOIP_TOS u8 1 (inherit)");
	CHECK(mnl_attr_get_payload_len(find_attr(data, IFLA_EOIP_KEEPALIVE_INTERVAL)) == 4 &&
	      mnl_attr_get_u32(find_attr(data, IFLA_EOIP_KEEPALIVE_INTERVAL)) == 1,
	      "IFLA_EOIP_KEEPALIVE_INTERVAL u32 1");
	CHECK(mnl_attr_get_payload_len(find_attr(data, IFLA_EOIP_KEEPALIVE_RETRIES)) == 1 &&
	      mnl_attr_get_u8(find_attr(data, IFLA_EOIP_KEEPALIVE_RETRIES)) == 3,
	      "IFLA_EOIP_KEEPALIVE_RETRIES u8 3");
	CHECK(mnl_attr_get_u8(find_attr(data, IFLA_EOIP_DONT_FRAGMENT)) == EOIP_DF_YES,
	      "IFLA_EOIP_DONT_FRAGMENT u8 1 (yes)");
	CHECK(mnl_attr_get_payload_len(find_attr(data, IFLA_EOIP_CLAMP_TCP_MSS)) == 1 &&
	      mnl_attr_get_u8(find_attr(data, IFLA_EOIP_CLAMP_TCP_MSS)) == 0,
	      "IFLA_EOIP_CLAMP_TCP_MSS u8 0 (no)");
	CHECK(!find_attr(data, IFLA_EOIP_LOCAL), "no local given: no IFLA_EOIP_LOCAL");

	test_parse_line("add tid 1 remote 192.0.2.1 keepalive none", &cmd);
	nlh = eoip_msg_add(buf, &cmd.settings, 5);
	data = info_data(nlh);
	CHECK(data && mnl_attr_get_u32(find_attr(data, IFLA_EOIP_KEEPALIVE_INTERVAL)) == 0 &&
	      !find_attr(data, IFLA_EOIP_KEEPALIVE_RETRIES),
	      "keepalive none is interval 0 and no retries");
}

static void test_change(void)
{
	const struct ifinfomsg *ifi;
	const struct nlattr *data;
	struct nlmsghdr *nlh;

	test_group("change: only what is given, by ifindex");
	test_parse_line("change name eoip1 ttl 64 keepalive none", &cmd);
	nlh = eoip_msg_change(buf, &cmd.settings, "eoip", 7, 6);
	ifi = mnl_nlmsg_get_payload(nlh);
	data = info_data(nlh);
	CHECK(nlh->nlmsg_type == RTM_NEWLINK, "RTM_NEWLINK");
	CHECK(nlh->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK),
	      "flags REQUEST|ACK: no CREATE, no EXCL");
	CHECK(ifi->ifi_index == 7, "addressed to ifindex 7");
	CHECK(!find_top(nlh, IFLA_IFNAME), "no IFLA_IFNAME (it would rename)");
	CHECK(!strcmp(kind_of(nlh), "eoip"), "kind \"eoip\" is sent");
	CHECK(data && count_nested(data) == 2, "IFLA_INFO_DATA holds 2 attributes");
	CHECK(data && mnl_attr_get_u8(find_attr(data, IFLA_EOIP_TTL)) == 64 &&
	      mnl_attr_get_u32(find_attr(data, IFLA_EOIP_KEEPALIVE_INTERVAL)) == 0,
	      "they are ttl 64 and keepalive interval 0");

	test_parse_line("set name eoip1 mtu 1400", &cmd);
	nlh = eoip_msg_change(buf, &cmd.settings, "eoipv6", 8, 7);
	CHECK(find_top(nlh, IFLA_MTU) && mnl_attr_get_u32(find_top(nlh, IFLA_MTU)) == 1400,
	      "mtu alone: IFLA_MTU 1400");
	CHECK(!strcmp(kind_of(nlh), "eoipv6") && !info_data(nlh),
	      "mtu alone: kind \"eoipv6\" and no IFLA_INFO_DATA");

	test_parse_line("change name e6 local any", &cmd);
	nlh = eoip_msg_change(buf, &cmd.settings, "eoipv6", 8, 8);
	data = info_data(nlh);
	CHECK(data && attr_bytes(find_attr(data, IFLA_EOIP_LOCAL), &in6addr_any, 16),
	      "local any on an eoipv6 device: 16 zero bytes");
	nlh = eoip_msg_change(buf, &cmd.settings, "eoip", 9, 9);
	data = info_data(nlh);
	CHECK(data && attr_bytes(find_attr(data, IFLA_EOIP_LOCAL), "\0\0\0\0", 4),
	      "local any on an eoip device: 4 zero bytes");
}

static void test_other_requests(void)
{
	const struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	test_group("del, get and dump requests");
	nlh = eoip_msg_del(buf, 12, 10);
	ifi = mnl_nlmsg_get_payload(nlh);
	CHECK(nlh->nlmsg_type == RTM_DELLINK && ifi->ifi_index == 12 &&
	      nlh->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK),
	      "del: RTM_DELLINK of ifindex 12 with ack");
	nlh = eoip_msg_get(buf, "eoip9", 11);
	CHECK(nlh->nlmsg_type == RTM_GETLINK && find_top(nlh, IFLA_IFNAME) &&
	      !strcmp(mnl_attr_get_str(find_top(nlh, IFLA_IFNAME)), "eoip9"),
	      "get: RTM_GETLINK by IFLA_IFNAME \"eoip9\"");
	nlh = eoip_msg_dump(buf, 12);
	CHECK(nlh->nlmsg_type == RTM_GETLINK &&
	      (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
	      nlh->nlmsg_len == NLMSG_HDRLEN + sizeof(struct ifinfomsg),
	      "dump: RTM_GETLINK with NLM_F_DUMP and a bare ifinfomsg");
}

/* An NLMSG_ERROR as the kernel sends it, optionally capped, with extack. */
static struct nlmsghdr *make_error(void *out, int error, bool capped,
				   const char *extack)
{
	char request[EOIP_NL_MSG_SIZE];
	struct nlmsghdr *req, *nlh;
	struct nlmsgerr *e;
	size_t echoed;

	test_parse_line("add tid 1 remote 192.0.2.1", &cmd);
	req = eoip_msg_add(request, &cmd.settings, 42);
	echoed = capped ? sizeof(*req) : req->nlmsg_len;

	memset(out, 0, EOIP_NL_MSG_SIZE);
	nlh = mnl_nlmsg_put_header(out);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = 42;
	if (capped)
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e) - sizeof(e->msg) + echoed);
	e->error = error;
	memcpy(&e->msg, req, echoed);
	if (extack) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, extack);
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	}
	return nlh;
}

static void test_acks(void)
{
	char msg[EOIP_NL_MSG_SIZE];
	struct eoip_nl_error err;
	struct nlmsghdr *nlh;
	int code;

	test_group("reading acks and extack messages");
	nlh = make_error(msg, -EEXIST, true, "eoip: a tunnel with this id, local and remote exists");
	CHECK(eoip_nl_parse_error(nlh, &err) == 0 && err.code == EEXIST &&
	      !strcmp(err.message, "eoip: a tunnel with this id, local and remote exists"),
	      "capped error: EEXIST and its extack message");

	nlh = make_error(msg, -EOPNOTSUPP, false, "Unknown device type");
	CHECK(eoip_nl_parse_error(nlh, &err) == 0 && err.code == EOPNOTSUPP &&
	      !strcmp(err.message, "Unknown device type"),
	      "uncapped error (whole request echoed): EOPNOTSUPP and \"Unknown device type\"");

	nlh = make_error(msg, -EPERM, true, NULL);
	CHECK(eoip_nl_parse_error(nlh, &err) == 0 && err.code == EPERM &&
	      err.message[0] == '\0', "error without extack: EPERM, empty message");

	nlh = make_error(msg, 0, true, NULL);
	CHECK(eoip_nl_parse_error(nlh, &err) == 0 && err.code == 0, "ack: code 0");

	nlh = make_error(msg, 0, true, "MTU clamped");
	CHECK(eoip_nl_parse_error(nlh, &err) == 0 && err.code == 0 &&
	      !strcmp(err.message, "MTU clamped"), "ack with a warning keeps the message");

	memset(msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	code = -EINVAL;
	mnl_nlmsg_put_extra_header(nlh, sizeof(code));
	memcpy(mnl_nlmsg_get_payload(nlh), &code, sizeof(code));
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "bad filter");
	CHECK(eoip_nl_parse_error(nlh, &err) == 0 && err.code == EINVAL &&
	      !strcmp(err.message, "bad filter"), "NLMSG_DONE carrying an error and extack");

	nlh->nlmsg_type = RTM_NEWLINK;
	CHECK(eoip_nl_parse_error(nlh, &err) < 0, "an RTM_NEWLINK is not an ack");

	memset(msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg);
	nlh->nlmsg_type = NLMSG_ERROR;
	CHECK(eoip_nl_parse_error(nlh, &err) < 0, "a truncated NLMSG_ERROR is refused");
}

void test_netlink(void)
{
	test_add_v4_bytes();
	test_add_v6();
	test_add_everything();
	test_change();
	test_other_requests();
	test_acks();
}
