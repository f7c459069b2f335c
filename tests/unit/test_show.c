// SPDX-License-Identifier: GPL-2.0
/* Canned kernel replies decoded and printed as `eoip list` and `eoip show`. */
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uapi/eoip.h"
#include "netlink.h"
#include "json.h"
#include "show.h"
#include "test.h"
#include "tunnel.h"

static char msg[4096];

/* What a reply carries beyond the basics; 0 / NULL leaves an attribute out. */
struct canned {
	int ifindex;
	const char *name;
	const char *kind;
	unsigned int flags;
	const char *local, *remote;	/* NULL: attribute absent */
	uint32_t tunnel_id;
	bool ours;			/* send the attributes of ids 34+ */
	uint32_t keepalive;
	uint8_t retries;
	bool age;			/* send IFLA_EOIP_KEEPALIVE_AGE_MS */
	bool no_clamp;			/* ours: IFLA_EOIP_CLAMP_TCP_MSS 0 */
	uint8_t tos;
};

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const char *text)
{
	unsigned char bytes[16];

	if (!text)
		return;
	if (inet_pton(AF_INET, text, bytes) == 1)
		mnl_attr_put(nlh, type, 4, bytes);
	else if (inet_pton(AF_INET6, text, bytes) == 1)
		mnl_attr_put(nlh, type, 16, bytes);
}

/* An RTM_NEWLINK shaped like the kernel's rtnl_fill_ifinfo() output. */
static struct nlmsghdr *canned_reply(const struct canned *c)
{
	static const uint8_t mac[6] = { 0xfe, 0x12, 0x34, 0x56, 0x78, 0x9a };
	struct rtnl_link_stats64 stats = {
		.rx_packets = 120, .rx_bytes = 10445,
		.tx_packets = 118, .tx_bytes = 10138,
	};
	struct nlattr *linkinfo, *data;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	memset(msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg);
	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_type = 1;	/* ARPHRD_ETHER */
	ifi->ifi_index = c->ifindex;
	ifi->ifi_flags = c->flags;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, c->name);
	mnl_attr_put_u32(nlh, IFLA_TXQLEN, 1000);
	mnl_attr_put_u8(nlh, IFLA_OPERSTATE, 6);
	mnl_attr_put_u32(nlh, IFLA_MTU, 1458);
	mnl_attr_put_u8(nlh, IFLA_CARRIER, !!(c->flags & IFF_RUNNING));
	mnl_attr_put(nlh, IFLA_ADDRESS, sizeof(mac), mac);
	mnl_attr_put(nlh, IFLA_BROADCAST, 6, "\xff\xff\xff\xff\xff\xff");
	mnl_attr_put(nlh, IFLA_STATS64, sizeof(stats), &stats);
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, c->kind);
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put_u32(nlh, IFLA_EOIP_LINK, 0);
	mnl_attr_put_u32(nlh, IFLA_EOIP_TUNNEL_ID, c->tunnel_id);
	put_addr(nlh, IFLA_EOIP_LOCAL, c->local);
	put_addr(nlh, IFLA_EOIP_REMOTE, c->remote);
	mnl_attr_put_u8(nlh, IFLA_EOIP_TTL, 0);
	mnl_attr_put_u8(nlh, IFLA_EOIP_TOS, c->tos);
	mnl_attr_put_u32(nlh, IFLA_EOIP_KEEPALIVE_INTERVAL, c->keepalive);
	mnl_attr_put_u8(nlh, IFLA_EOIP_KEEPALIVE_RETRIES, c->retries);
	if (c->ours) {
		mnl_attr_put_u64(nlh, IFLA_EOIP_KEEPALIVE_SENT, 12);
		mnl_attr_put_u64(nlh, IFLA_EOIP_KEEPALIVE_RECEIVED, 11);
		if (c->age)
			mnl_attr_put_u32(nlh, IFLA_EOIP_KEEPALIVE_AGE_MS, 3400);
		mnl_attr_put_u8(nlh, IFLA_EOIP_DONT_FRAGMENT, EOIP_DF_NO);
		mnl_attr_put_u8(nlh, IFLA_EOIP_CLAMP_TCP_MSS, !c->no_clamp);
	}
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, linkinfo);
	return nlh;
}

static void check_list_line(const struct canned *c, const char *want)
{
	struct eoip_link tunnel;
	char line[256] = "";

	if (eoip_tunnel_parse(canned_reply(c), &tunnel) == 0)
		eoip_format_list_line(&tunnel, line, sizeof(line));
	CHECK(!strcmp(line, want), "list line \"%s\" (got \"%s\")", want, line);
}

static void test_list_lines(void)
{
	struct canned c = {
		.ifindex = 7, .name = "eoip1234", .kind = "eoip",
		.flags = IFF_UP | IFF_RUNNING, .local = "203.0.113.50",
		.remote = "198.51.100.11", .tunnel_id = 1234,
	};

	test_group("eoip list: the older tool's line from a canned RTM_NEWLINK");
	check_list_line(&c, "7: eoip1234@0: link/eoip 203.0.113.50 remote 198.51.100.11 "
			    "tunnel-id 1234 ttl 0 tos 0 keepalive none");
	c.keepalive = 10;
	c.retries = 10;
	c.ours = true;
	check_list_line(&c, "7: eoip1234@0: link/eoip 203.0.113.50 remote 198.51.100.11 "
			    "tunnel-id 1234 ttl 0 tos 0 keepalive 10,10");
	c.local = NULL;
	check_list_line(&c, "7: eoip1234@0: link/eoip 0.0.0.0 remote 198.51.100.11 "
			    "tunnel-id 1234 ttl 0 tos 0 keepalive 10,10");
	c = (struct canned){
		.ifindex = 9, .name = "eoipv60", .kind = "eoipv6",
		.remote = "2001:db8::1", .tunnel_id = 4095, .keepalive = 1,
		.retries = 3,
	};
	check_list_line(&c, "9: eoipv60@0: link/eoipv6 :: remote 2001:db8::1 "
			    "tunnel-id 4095 ttl 0 tos 0 keepalive 1,3");
}

static void test_decode(void)
{
	struct canned c = {
		.ifindex = 3, .name = "veth0", .kind = "veth", .flags = IFF_UP,
	};
	struct eoip_link tunnel;
	struct nlmsghdr *nlh;

	test_group("decoding replies");
	CHECK(eoip_tunnel_parse(canned_reply(&c), &tunnel) == 0 &&
	      !eoip_is_tunnel_kind(tunnel.kind) && !strcmp(tunnel.kind, "veth"),
	      "a veth is decoded and recognised as not ours");
	CHECK(!(tunnel.settings.present & EOIP_P_TUNNEL_ID),
	      "a foreign kind's IFLA_INFO_DATA is not read as ours");

	c = (struct canned){
		.ifindex = 5, .name = "e6", .kind = "eoipv6",
		.local = "2001:db8::2", .remote = "2001:db8::1", .tunnel_id = 17,
		.ours = true, .keepalive = 10, .retries = 10,
	};
	CHECK(eoip_tunnel_parse(canned_reply(&c), &tunnel) == 0 &&
	      eoip_is_tunnel_kind(tunnel.kind) && tunnel.settings.family == AF_INET6 &&
	      tunnel.settings.local.family == AF_INET6 &&
	      tunnel.settings.remote.family == AF_INET6 && tunnel.settings.tunnel_id == 17,
	      "an eoipv6 reply: IPv6 family, 16-byte addresses, tunnel id 17");
	CHECK((tunnel.present & (EOIP_T_KA_SENT | EOIP_T_KA_RECEIVED)) ==
	      (EOIP_T_KA_SENT | EOIP_T_KA_RECEIVED) &&
	      !(tunnel.present & EOIP_T_KA_AGE) &&
	      tunnel.keepalive_sent == 12 && tunnel.keepalive_received == 11,
	      "keepalive counters read, age absent");

	nlh = canned_reply(&c);
	nlh->nlmsg_type = RTM_DELLINK;
	CHECK(eoip_tunnel_parse(nlh, &tunnel) < 0, "an RTM_DELLINK is not decoded");
	nlh = canned_reply(&c);
	nlh->nlmsg_len = NLMSG_HDRLEN + 4;
	CHECK(eoip_tunnel_parse(nlh, &tunnel) < 0, "a truncated ifinfomsg is refused");
}

static char *show_text(const struct canned *c)
{
	static char text[2048];
	struct eoip_link tunnel;
	FILE *out = fmemopen(text, sizeof(text), "w");

	text[0] = '\0';
	if (!out)
		return text;
	if (eoip_tunnel_parse(canned_reply(c), &tunnel) == 0)
		eoip_print_tunnel(out, &tunnel);
	fclose(out);
	return text;
}

static void check_show(const struct canned *c, const char *want, const char *what)
{
	const char *got = show_text(c);

	CHECK(!strcmp(got, want), "%s", what);
	if (strcmp(got, want))
		printf("# got:\n%s# want:\n%s", got, want);
}

static void test_show_text(void)
{
	struct canned c = {
		.ifindex = 7, .name = "eoip1234", .kind = "eoip",
		.flags = IFF_UP | IFF_RUNNING, .local = "203.0.113.50",
		.remote = "198.51.100.11", .tunnel_id = 1234, .ours = true,
		.keepalive = 10, .retries = 10, .age = true,
		.tos = EOIP_TOS_INHERIT,
	};

	test_group("eoip show: the readable form");
	check_show(&c,
		   "eoip1234: eoip, up, running\n"
		   "  local 203.0.113.50  remote 198.51.100.11  tunnel-id 1234\n"
		   "  mtu 1458  mac fe:12:34:56:78:9a  ttl 255  dscp inherit  link -  dont-fragment no"
		   "  clamp-tcp-mss yes\n"
		   "  keepalive 10s,10: last received 3s ago, sent 12, received 11\n"
		   "  rx 120 packets 10.2 KiB, 0 errors, 0 dropped   tx 118 packets 9.9 KiB, 0 errors, 0 dropped\n",
		   "a running tunnel with keepalive: state, addresses, settings, keepalive, counters");

	c.age = false;
	c.flags = IFF_UP;
	c.local = NULL;
	c.no_clamp = true;
	c.tos = 46 << 2;
	check_show(&c,
		   "eoip1234: eoip, up, no carrier\n"
		   "  local any  remote 198.51.100.11  tunnel-id 1234\n"
		   "  mtu 1458  mac fe:12:34:56:78:9a  ttl 255  dscp 46  link -  dont-fragment no"
		   "  clamp-tcp-mss no\n"
		   "  keepalive 10s,10: last received never, sent 12, received 11\n"
		   "  rx 120 packets 10.2 KiB, 0 errors, 0 dropped   tx 118 packets 9.9 KiB, 0 errors, 0 dropped\n",
		   "no keepalive yet, dscp 46, clamp-tcp-mss no: 'no carrier', 'local any', 'last received never'");

	c = (struct canned){
		.ifindex = 8, .name = "old0", .kind = "eoip", .flags = 0,
		.local = "192.0.2.1", .remote = "192.0.2.2", .tunnel_id = 5,
	};
	check_show(&c,
		   "old0: eoip, down\n"
		   "  local 192.0.2.1  remote 192.0.2.2  tunnel-id 5\n"
		   "  mtu 1458  mac fe:12:34:56:78:9a  ttl 255  dscp 0  link -\n"
		   "  keepalive none\n"
		   "  rx 120 packets 10.2 KiB, 0 errors, 0 dropped   tx 118 packets 9.9 KiB, 0 errors, 0 dropped\n",
		   "the older module's reply (no ids 34+): down, no dont-fragment or clamp-tcp-mss, keepalive none");

	c = (struct canned){
		.ifindex = 9, .name = "eoipv60", .kind = "eoipv6",
		.flags = IFF_UP | IFF_RUNNING, .remote = "2001:db8::1",
		.tunnel_id = 4095, .ours = true, .tos = 0x12,
	};
	check_show(&c,
		   "eoipv60: eoipv6, up, running\n"
		   "  local any  remote 2001:db8::1  tunnel-id 4095\n"
		   "  mtu 1458  mac fe:12:34:56:78:9a  ttl 255  tos 18  link -  clamp-tcp-mss yes\n"
		   "  keepalive none\n"
		   "  rx 120 packets 10.2 KiB, 0 errors, 0 dropped   tx 118 packets 9.9 KiB, 0 errors, 0 dropped\n",
		   "an eoipv6 tunnel: IPv6 remote, no dont-fragment (IPv6 has no DF bit), "
		   "a TOS with ECN bits (the older tool's) as it is");
}

static char *json_text(const struct canned *c)
{
	static char text[2048];
	struct eoip_link tunnel;
	struct eoip_json json;
	FILE *out = fmemopen(text, sizeof(text), "w");

	text[0] = '\0';
	if (!out)
		return text;
	if (eoip_tunnel_parse(canned_reply(c), &tunnel) == 0) {
		eoip_json_init(&json, out);
		eoip_print_tunnel_json(&json, &tunnel);
	}
	fclose(out);
	return text;
}

static void check_json(const struct canned *c, const char *want, const char *what)
{
	const char *got = json_text(c);

	CHECK(!strcmp(got, want), "%s", what);
	if (strcmp(got, want))
		printf("# got:\n%s# want:\n%s", got, want);
}

static void test_show_json(void)
{
	struct canned c = {
		.ifindex = 7, .name = "eoip1234", .kind = "eoip",
		.flags = IFF_UP | IFF_RUNNING, .local = "203.0.113.50",
		.remote = "198.51.100.11", .tunnel_id = 1234, .ours = true,
		.keepalive = 10, .retries = 10, .age = true,
		.tos = EOIP_TOS_INHERIT,
	};

	test_group("eoip -j show: one JSON object per tunnel");
	check_json(&c,
		   "{\"ifindex\":7,\"name\":\"eoip1234\",\"kind\":\"eoip\",\"up\":true,"
		   "\"running\":true,\"mtu\":1458,\"mac\":\"fe:12:34:56:78:9a\","
		   "\"local\":\"203.0.113.50\",\"remote\":\"198.51.100.11\",\"tunnel_id\":1234,"
		   "\"ttl\":255,\"tos\":\"inherit\",\"dont_fragment\":\"no\",\"clamp_tcp_mss\":true,"
		   "\"keepalive_interval\":10,\"keepalive_retries\":10,"
		   "\"keepalive_sent\":12,\"keepalive_received\":11,\"keepalive_age_ms\":3400,"
		   "\"counters\":{\"rx_packets\":120,\"rx_bytes\":10445,\"rx_errors\":0,"
		   "\"rx_dropped\":0,\"tx_packets\":118,\"tx_bytes\":10138,\"tx_errors\":0,"
		   "\"tx_dropped\":0}}\n",
		   "a running tunnel: typed values, tos \"inherit\", keepalive state, counters");

	c = (struct canned){
		.ifindex = 9, .name = "eoipv60", .kind = "eoipv6", .flags = 0,
		.remote = "2001:db8::1", .tunnel_id = 4095, .ours = true,
		.tos = 46 << 2, .no_clamp = true,
	};
	check_json(&c,
		   "{\"ifindex\":9,\"name\":\"eoipv60\",\"kind\":\"eoipv6\",\"up\":false,"
		   "\"running\":false,\"mtu\":1458,\"mac\":\"fe:12:34:56:78:9a\","
		   "\"local\":\"any\",\"remote\":\"2001:db8::1\",\"tunnel_id\":4095,"
		   "\"ttl\":255,\"tos\":184,\"clamp_tcp_mss\":false,"
		   "\"keepalive_interval\":0,\"keepalive_retries\":0,\"keepalive_sent\":12,\"keepalive_received\":11,"
		   "\"counters\":{\"rx_packets\":120,\"rx_bytes\":10445,\"rx_errors\":0,"
		   "\"rx_dropped\":0,\"tx_packets\":118,\"tx_bytes\":10138,\"tx_errors\":0,"
		   "\"tx_dropped\":0}}\n",
		   "a down eoipv6 tunnel: local any, the TOS byte as a number, no dont_fragment, no link");
}

static void test_bytes(void)
{
	static const struct {
		uint64_t bytes;
		const char *text;
	} cases[] = {
		{ 0, "0 B" }, { 1023, "1023 B" }, { 1024, "1.0 KiB" },
		{ 10445, "10.2 KiB" }, { 5u << 20, "5.0 MiB" },
		{ 3ull << 40, "3.0 TiB" },
	};
	char text[32];

	test_group("byte counts for people");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		eoip_format_bytes(cases[i].bytes, text, sizeof(text));
		CHECK(!strcmp(text, cases[i].text), "%llu bytes is \"%s\" (got \"%s\")",
		      (unsigned long long)cases[i].bytes, cases[i].text, text);
	}
}

void test_show(void)
{
	test_list_lines();
	test_decode();
	test_show_text();
	test_show_json();
	test_bytes();
}
