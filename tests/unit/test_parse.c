// SPDX-License-Identifier: GPL-2.0
/* The command-line syntax: keywords, synonyms, ranges, refusals. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "help.h"
#include "keywords.h"
#include "parse.h"
#include "test.h"

static struct eoip_cmdline cmd;
/* what the last command line set */
static const struct eoip_settings *const got = &cmd.settings;

static bool parses(const char *line)
{
	int ret = test_parse_line(line, &cmd);

	CHECK(ret == 0, "accepts '%s'%s%s", line, ret ? ": " : "",
	      ret ? cmd.error : "");
	return ret == 0;
}

static void refuses(const char *line, const char *reason)
{
	int ret = test_parse_line(line, &cmd);

	CHECK(ret < 0 && strstr(cmd.error, reason),
	      "refuses '%s' saying \"%s\" (said \"%s\")", line, reason,
	      cmd.error);
}

static bool addr_is(const struct eoip_addr *addr, int family, const char *text)
{
	unsigned char want[sizeof(struct in6_addr)];

	if (addr->family != family || inet_pton(family, text, want) != 1)
		return false;
	return !memcmp(family == AF_INET ? (const void *)&addr->v4 :
					   (const void *)&addr->v6,
		       want, family == AF_INET ? 4 : 16);
}

static void test_commands(void)
{
	static const struct {
		const char *line;
		enum eoip_command command;
	} words[] = {
		{ "add tid 1 remote 192.0.2.1", EOIP_CMD_ADD },
		{ "new tid 1 remote 192.0.2.1", EOIP_CMD_ADD },
		{ "change name eoip1 ttl 3", EOIP_CMD_CHANGE },
		{ "set name eoip1 ttl 3", EOIP_CMD_CHANGE },
		{ "del name eoip1", EOIP_CMD_DEL },
		{ "delete name eoip1", EOIP_CMD_DEL },
		{ "list", EOIP_CMD_LIST },
		{ "show", EOIP_CMD_SHOW },
		{ "up eoip1", EOIP_CMD_UP },
		{ "down --all", EOIP_CMD_DOWN },
		{ "version", EOIP_CMD_VERSION },
		{ "--version", EOIP_CMD_VERSION },
		{ "help", EOIP_CMD_HELP },
		{ "-h", EOIP_CMD_HELP },
		{ "--help", EOIP_CMD_HELP },
	};

	test_group("commands and their synonyms");
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (parses(words[i].line))
			CHECK(cmd.command == words[i].command,
			      "'%s' is the %s command", words[i].line,
			      eoip_command_get(words[i].command)->name);

	if (parses("help add"))
		CHECK(cmd.command == EOIP_CMD_HELP &&
		      cmd.help_topic == EOIP_CMD_ADD,
		      "'help add' asks for the usage of add");
	if (parses("set help"))
		CHECK(cmd.command == EOIP_CMD_HELP &&
		      cmd.help_topic == EOIP_CMD_CHANGE,
		      "'set help' asks for the usage of change");
	if (parses("up /etc/eoip/eoip1.conf"))
		CHECK(cmd.file && !strcmp(cmd.file, "/etc/eoip/eoip1.conf"),
		      "up takes its one word as the file");
	if (parses("down -h"))
		CHECK(cmd.command == EOIP_CMD_HELP &&
		      cmd.help_topic == EOIP_CMD_DOWN,
		      "'down -h' asks for the usage of down");
	refuses("up", "give a tunnel's NAME, FILE.conf or --all");
	refuses("down eoip1 eoip2", "unexpected argument 'eoip2'");
	refuses("frobnicate", "unknown command 'frobnicate'");
	refuses("help frobnicate", "no such command 'frobnicate'");
	refuses("list all", "unexpected argument 'all'");
	refuses("version 2", "unexpected argument '2'");
	CHECK(eoip_parse(0, NULL, &cmd) < 0, "refuses an empty command line");
}

static void test_add_every_keyword(void)
{
	test_group("add with every keyword");
	if (!parses("add name eoip1234 tunnel-id 1234 local 203.0.113.50 "
		    "remote 198.51.100.11 ttl 64 tos 16 link eth0 mtu 1500 "
		    "keepalive 10,5 mac fe:12:34:56:78:9a dont-fragment inherit"))
		return;
	CHECK(cmd.command == EOIP_CMD_ADD, "command is add");
	CHECK(!strcmp(got->name, "eoip1234"), "name is eoip1234");
	CHECK(got->tunnel_id == 1234, "tunnel-id is 1234");
	CHECK(addr_is(&got->local, AF_INET, "203.0.113.50"), "local is 203.0.113.50");
	CHECK(addr_is(&got->remote, AF_INET, "198.51.100.11"), "remote is 198.51.100.11");
	CHECK(got->family == AF_INET, "IPv4 addresses make an IPv4 tunnel");
	CHECK(!strcmp(eoip_kind_for_family(got->family), "eoip"), "kind is eoip");
	CHECK(got->ttl == 64, "ttl is 64");
	CHECK(got->tos == 16, "tos is 16");
	CHECK(!strcmp(got->link_name, "eth0") && got->link_index == 0,
	      "link eth0 is kept as a name to resolve");
	CHECK(got->mtu == 1500, "mtu is 1500");
	CHECK(got->keepalive_interval == 10 && got->keepalive_retries == 5,
	      "keepalive is 10,5");
	CHECK(!memcmp(got->mac, "\xfe\x12\x34\x56\x78\x9a", 6),
	      "mac is fe:12:34:56:78:9a");
	CHECK(got->dont_fragment == EOIP_DF_INHERIT, "dont-fragment is inherit");
	CHECK(got->present == (EOIP_P_NAME | EOIP_P_TUNNEL_ID | EOIP_P_LOCAL |
				 EOIP_P_REMOTE | EOIP_P_TTL | EOIP_P_TOS |
				 EOIP_P_LINK | EOIP_P_MTU | EOIP_P_KEEPALIVE |
				 EOIP_P_KA_RETRIES | EOIP_P_MAC |
				 EOIP_P_DONT_FRAGMENT),
	      "every parameter is marked as given");

	if (parses("add tid 7 remote 192.0.2.1"))
		CHECK(got->present == (EOIP_P_TUNNEL_ID | EOIP_P_REMOTE | EOIP_P_TOS) &&
		      got->tunnel_id == 7,
		      "tid is tunnel-id; nothing else is marked as given but the default dscp");
	refuses("add tid 7 tunnel-id 8 remote 192.0.2.1", "'tunnel-id' is given twice");
	refuses("add tid 7 remote 192.0.2.1 remote 192.0.2.2", "'remote' is given twice");
}

static void test_required_and_families(void)
{
	test_group("required parameters and address families");
	refuses("add tid 5", "remote is required");
	refuses("add name e0 local 192.0.2.1 tid 5", "remote is required");
	refuses("add remote 192.0.2.1", "tunnel-id is required");
	refuses("add tid 5 local 192.0.2.1 remote 2001:db8::1",
		"local and remote must be the same address family");
	refuses("add tid 5 local 2001:db8::2 remote 192.0.2.1",
		"local and remote must be the same address family");
	refuses("add tid 5 remote 0.0.0.0", "unspecified address");
	refuses("add tid 5 remote ::", "unspecified address");
	refuses("add tid 5 remote any", "is not an IPv4 or IPv6 address");
	refuses("add tid 5 remote 192.0.2", "'192.0.2' is not an IPv4 or IPv6 address");
	refuses("add tid 5 remote host.example", "is not an IPv4 or IPv6 address");

	if (parses("add tid 5 remote 2001:db8::1 local 2001:db8::2")) {
		CHECK(got->family == AF_INET6, "IPv6 addresses make an IPv6 tunnel");
		CHECK(!strcmp(eoip_kind_for_family(got->family), "eoipv6"),
		      "kind is eoipv6");
		CHECK(addr_is(&got->remote, AF_INET6, "2001:db8::1") &&
		      addr_is(&got->local, AF_INET6, "2001:db8::2"),
		      "both IPv6 addresses are kept");
	}
	if (parses("add tid 5 remote 2001:db8::1 local any"))
		CHECK(got->family == AF_INET6 && got->local.family == AF_UNSPEC,
		      "local any is unset, the remote decides the family");
	if (parses("add tid 5 remote 192.0.2.1 local 0.0.0.0"))
		CHECK(got->local.family == AF_INET, "local 0.0.0.0 is accepted");
}

static void test_ranges(void)
{
	test_group("ranges at their boundaries");
	parses("add tid 0 remote 192.0.2.1");
	parses("add tid 65535 remote 192.0.2.1");
	refuses("add tid 65536 remote 192.0.2.1", "tunnel-id 65536 is out of range 0..65535");
	parses("add tid 0 remote 2001:db8::1");
	if (parses("add tid 4095 remote 2001:db8::1"))
		CHECK(got->tunnel_id == 4095, "eoipv6 tunnel-id 4095 is kept");
	refuses("add tid 4096 remote 2001:db8::1",
		"tunnel-id 4096 is out of range 0..4095 for eoipv6");
	refuses("add tid 65535 local 2001:db8::2 remote 2001:db8::1",
		"out of range 0..4095 for eoipv6");
	refuses("add tid 99999999999 remote 192.0.2.1", "out of range 0..65535");

	if (parses("add tid 1 remote 192.0.2.1 ttl 0"))
		CHECK(got->ttl == 0 && (got->present & EOIP_P_TTL),
		      "ttl 0 (the default) is sent as given");
	if (parses("add tid 1 remote 192.0.2.1 ttl 255"))
		CHECK(got->ttl == 255, "ttl 255 is kept");
	refuses("add tid 1 remote 192.0.2.1 ttl 256", "ttl 256 is out of range 0..255");

	if (parses("add tid 1 remote 192.0.2.1 tos 255"))
		CHECK(got->tos == 255, "tos 255 is kept");
	if (parses("add tid 1 remote 192.0.2.1 tos inherit"))
		CHECK(got->tos == EOIP_TOS_INHERIT, "tos inherit is %d", EOIP_TOS_INHERIT);
	if (parses("add tid 1 remote 192.0.2.1 tos 0x10"))
		CHECK(got->tos == 0x10, "tos 0x10 is hexadecimal 16");
	refuses("add tid 1 remote 192.0.2.1 tos 256", "tos 256 is out of range 0..255");
	refuses("add tid 1 remote 192.0.2.1 tos 0x100", "out of range 0..255");
	refuses("add tid 1 remote 192.0.2.1 tos copy", "tos 'copy' is not a number");

	refuses("add tid 1 remote 192.0.2.1 mtu 67", "mtu 67 is out of range 68..65535");
	if (parses("add tid 1 remote 192.0.2.1 mtu 68"))
		CHECK(got->mtu == 68, "mtu 68 is kept");
	if (parses("add tid 1 remote 192.0.2.1 mtu 9000"))
		CHECK(got->mtu == 9000, "mtu 9000 (jumbo) is kept");
	if (parses("add tid 1 remote 192.0.2.1 mtu 65535"))
		CHECK(got->mtu == 65535, "mtu 65535 is kept");
	refuses("add tid 1 remote 192.0.2.1 mtu 65536", "mtu 65536 is out of range 68..65535");
}

static void test_bad_numbers(void)
{
	char *empty_value[] = { "add", "tid", "", "remote", "192.0.2.1" };

	test_group("bad numbers, unknown keywords, missing values");
	refuses("add tid abc remote 192.0.2.1", "tunnel-id 'abc' is not a number");
	refuses("add tid -1 remote 192.0.2.1", "tunnel-id '-1' is not a number");
	refuses("add tid +1 remote 192.0.2.1", "tunnel-id '+1' is not a number");
	refuses("add tid 12x remote 192.0.2.1", "tunnel-id '12x' is not a number");
	refuses("add tid 0x10 remote 192.0.2.1", "tunnel-id '0x10' is not a number");
	refuses("add tid 1 remote 192.0.2.1 ttl 1.5", "ttl '1.5' is not a number");
	refuses("add tid 1 remote 192.0.2.1 mtu big", "mtu 'big' is not a number");
	CHECK(eoip_parse(5, empty_value, &cmd) < 0 &&
	      strstr(cmd.error, "tunnel-id '' is not a number"),
	      "refuses an empty tunnel-id (said \"%s\")", cmd.error);

	refuses("add tid 1 remote 192.0.2.1 color blue", "unknown keyword 'color'");
	refuses("add tid 1 remote 192.0.2.1 TTL 3", "unknown keyword 'TTL'");
	refuses("add tid 1 remote", "'remote' needs a value (an address)");
	refuses("add tid 1 remote 192.0.2.1 ttl", "'ttl' needs a value (0..255)");
	refuses("add remote 192.0.2.1 tid", "'tid' needs a value");
	refuses("add tid 1 remote 192.0.2.1 keepalive",
		"'keepalive' needs a value (none or SECS[,RETRIES])");
	refuses("add tid 1 remote 192.0.2.1 dont-fragment maybe",
		"dont-fragment 'maybe' is not no, yes or inherit");
	if (parses("add tid 1 remote 192.0.2.1 dont-fragment yes"))
		CHECK(got->dont_fragment == EOIP_DF_YES, "dont-fragment yes is %d",
		      EOIP_DF_YES);
	if (parses("add tid 1 remote 192.0.2.1 dont-fragment no"))
		CHECK(got->dont_fragment == EOIP_DF_NO &&
		      (got->present & EOIP_P_DONT_FRAGMENT),
		      "dont-fragment no is %d and is sent", EOIP_DF_NO);
}

static void test_clamp_tcp_mss(void)
{
	test_group("clamp-tcp-mss yes|no, the kernel's default when not given");
	if (parses("add tid 1 remote 192.0.2.1 clamp-tcp-mss no"))
		CHECK(got->clamp_tcp_mss == 0 &&
		      (got->present & EOIP_P_CLAMP_TCP_MSS),
		      "clamp-tcp-mss no is 0 and is sent");
	if (parses("add tid 1 remote 2001:db8::1 clamp-tcp-mss yes"))
		CHECK(got->clamp_tcp_mss == 1, "clamp-tcp-mss yes is 1, eoipv6 too");
	if (parses("change name eoip1 clamp-tcp-mss yes"))
		CHECK(got->present == (EOIP_P_NAME | EOIP_P_CLAMP_TCP_MSS),
		      "change sends clamp-tcp-mss alone");
	if (parses("add tid 1 remote 192.0.2.1"))
		CHECK(!(got->present & EOIP_P_CLAMP_TCP_MSS),
		      "not given: not sent (the kernel's default is yes)");
	refuses("add tid 1 remote 192.0.2.1 clamp-tcp-mss 1",
		"clamp-tcp-mss '1' is not no or yes");
	refuses("add tid 1 remote 192.0.2.1 clamp-tcp-mss",
		"'clamp-tcp-mss' needs a value (yes or no)");
	refuses("add tid 1 remote 192.0.2.1 clamp-tcp-mss no clamp-tcp-mss yes",
		"'clamp-tcp-mss' is given twice");
}

static void test_dscp(void)
{
	test_group("dscp inherit|0..63 (RouterOS), tos (the older tool), default inherit");
	if (parses("add tid 1 remote 192.0.2.1 dscp 46"))
		CHECK(got->tos == 46 << 2 && (got->present & EOIP_P_TOS) &&
		      !(got->present & EOIP_P_DSCP), "dscp 46 is tos 184");
	if (parses("add tid 1 remote 192.0.2.1 dscp 63"))
		CHECK(got->tos == 252, "dscp 63 is tos 252");
	if (parses("add tid 1 remote 192.0.2.1 dscp 0"))
		CHECK(got->tos == 0, "dscp 0 is tos 0");
	if (parses("add tid 1 remote 2001:db8::1 dscp inherit"))
		CHECK(got->tos == EOIP_TOS_INHERIT, "dscp inherit is tos inherit");
	if (parses("add tid 1 remote 192.0.2.1"))
		CHECK(got->tos == EOIP_TOS_INHERIT && (got->present & EOIP_P_TOS),
		      "add without dscp or tos sends inherit, RouterOS's default");
	if (parses("change name eoip1 ttl 3"))
		CHECK(!(got->present & EOIP_P_TOS), "change without dscp leaves it");
	if (parses("change name eoip1 dscp 10"))
		CHECK(got->present == (EOIP_P_NAME | EOIP_P_TOS) && got->tos == 40,
		      "change dscp 10 sends tos 40 alone");
	refuses("add tid 1 remote 192.0.2.1 dscp 64", "dscp 64 is out of range 0..63");
	refuses("add tid 1 remote 192.0.2.1 dscp 0x10", "dscp '0x10' is not a number");
	refuses("add tid 1 remote 192.0.2.1 dscp 46 tos 4", "give dscp or tos, not both");
	refuses("add tid 1 remote 192.0.2.1 dscp", "'dscp' needs a value (inherit or 0..63)");
}

static void test_keepalive(void)
{
	test_group("keepalive forms");
	if (parses("add tid 1 remote 192.0.2.1 keepalive none"))
		CHECK(got->keepalive_interval == 0 &&
		      (got->present & EOIP_P_KEEPALIVE) &&
		      !(got->present & EOIP_P_KA_RETRIES),
		      "keepalive none is interval 0, no retries sent");
	if (parses("add tid 1 remote 192.0.2.1 keepalive 10"))
		CHECK(got->keepalive_interval == 10 &&
		      !(got->present & EOIP_P_KA_RETRIES),
		      "keepalive 10 sets the interval only");
	if (parses("add tid 1 remote 192.0.2.1 keepalive 10s,10"))
		CHECK(got->keepalive_interval == 10 && got->keepalive_retries == 10 &&
		      (got->present & EOIP_P_KA_RETRIES),
		      "keepalive 10s,10 (RouterOS spelling) is 10,10");
	if (parses("add tid 1 remote 192.0.2.1 keepalive 1,0"))
		CHECK(got->keepalive_interval == 1 && got->keepalive_retries == 0 &&
		      (got->present & EOIP_P_KA_RETRIES),
		      "keepalive 1,0: interval 1, retries 0 (send only)");
	if (parses("add tid 1 remote 192.0.2.1 keepalive 3600,255"))
		CHECK(got->keepalive_interval == 3600 && got->keepalive_retries == 255,
		      "keepalive 3600,255 is the maximum");
	refuses("add tid 1 remote 192.0.2.1 keepalive 0",
		"use 'keepalive none' to turn keepalive off");
	refuses("add tid 1 remote 192.0.2.1 keepalive 3601",
		"keepalive interval 3601 is out of range 1..3600");
	refuses("add tid 1 remote 192.0.2.1 keepalive 10,256",
		"keepalive retries 256 is out of range 0..255");
	refuses("add tid 1 remote 192.0.2.1 keepalive 10,", "keepalive retries '' is not a number");
	refuses("add tid 1 remote 192.0.2.1 keepalive ,10", "is not 'none' or SECS[,RETRIES]");
	refuses("add tid 1 remote 192.0.2.1 keepalive off", "is not 'none' or SECS[,RETRIES]");
	refuses("add tid 1 remote 192.0.2.1 keepalive 10,3,1", "keepalive retries '3,1' is not a number");
	refuses("add tid 1 remote 192.0.2.1 keepalive s", "is not 'none' or SECS[,RETRIES]");
}

static void test_names_links_macs(void)
{
	test_group("names, links and MAC addresses");
	if (parses("add name abcdefghijklmno tid 1 remote 192.0.2.1"))
		CHECK(!strcmp(got->name, "abcdefghijklmno"), "a 15-character name is kept");
	refuses("add name abcdefghijklmnop tid 1 remote 192.0.2.1",
		"not a valid interface name (1 to 15 characters");
	refuses("add name a/b tid 1 remote 192.0.2.1", "not a valid interface name");
	refuses("add name a:b tid 1 remote 192.0.2.1", "not a valid interface name");
	refuses("add name .. tid 1 remote 192.0.2.1", "not a valid interface name");

	if (parses("add tid 1 remote 192.0.2.1 link 3"))
		CHECK(got->link_index == 3 && !got->link_name[0],
		      "link 3 is an interface index");
	if (parses("change name e1 link none"))
		CHECK((got->present & EOIP_P_LINK) && got->link_index == 0 &&
		      !got->link_name[0], "link none unbinds (index 0)");
	refuses("add tid 1 remote 192.0.2.1 link 0", "link 0 is out of range");
	refuses("add tid 1 remote 192.0.2.1 link 3x", "link '3x' is not a number");

	if (parses("add tid 1 remote 192.0.2.1 mac 02:00:5E:10:00:01"))
		CHECK(!memcmp(got->mac, "\x02\x00\x5e\x10\x00\x01", 6),
		      "mac in upper case is accepted");
	refuses("add tid 1 remote 192.0.2.1 mac 01:00:5e:00:00:01", "is a multicast address");
	refuses("add tid 1 remote 192.0.2.1 mac 00:00:00:00:00:00", "is all zeros");
	refuses("add tid 1 remote 192.0.2.1 mac fe:12:34:56:78", "is not of the form XX:XX:XX:XX:XX:XX");
	refuses("add tid 1 remote 192.0.2.1 mac fe-12-34-56-78-9a", "is not of the form");
	refuses("add tid 1 remote 192.0.2.1 mac fe:12:34:56:78:9g", "is not of the form");
}

static void test_change(void)
{
	test_group("change: any subset, the device decides the family");
	refuses("change ttl 3", "name is required");
	refuses("set name eoip1", "nothing to change");
	if (parses("change name eoip1 ttl 64 keepalive none"))
		CHECK(got->present == (EOIP_P_NAME | EOIP_P_TTL | EOIP_P_KEEPALIVE),
		      "only name, ttl and keepalive are marked as given");
	if (parses("set name eoip1 mtu 1400"))
		CHECK(got->present == (EOIP_P_NAME | EOIP_P_MTU) &&
		      got->family == AF_UNSPEC,
		      "mtu alone: no family decided yet");
	if (parses("change name eoip1 local any"))
		CHECK((got->present & EOIP_P_LOCAL) && got->local.family == AF_UNSPEC,
		      "local any goes back to remote-only");

	if (parses("change name e6 tid 4096")) {
		CHECK(eoip_settings_check_family(&cmd.settings, AF_INET, cmd.error) == 0,
		      "tid 4096 is fine for an eoip device");
		CHECK(eoip_settings_check_family(&cmd.settings, AF_INET6, cmd.error) < 0 &&
		      strstr(cmd.error, "tunnel-id 4096 is out of range 0..4095 for eoipv6"),
		      "tid 4096 is refused for an eoipv6 device");
	}
	if (parses("change name e6 remote 192.0.2.9"))
		CHECK(eoip_settings_check_family(&cmd.settings, AF_INET6, cmd.error) < 0 &&
		      strstr(cmd.error, "remote must be an IPv6 address for eoipv6"),
		      "an IPv4 remote is refused for an eoipv6 device");
	if (parses("change name e4 local 2001:db8::1"))
		CHECK(eoip_settings_check_family(&cmd.settings, AF_INET, cmd.error) < 0 &&
		      strstr(cmd.error, "local must be an IPv4 address for eoip"),
		      "an IPv6 local is refused for an eoip device");
	if (parses("change name e4 local any"))
		CHECK(eoip_settings_check_family(&cmd.settings, AF_INET6, cmd.error) == 0,
		      "local any fits either family");
	refuses("change name e1 tid 4096 remote 2001:db8::1", "out of range 0..4095 for eoipv6");

	refuses("add tid 1 remote 2001:db8::1 dont-fragment yes",
		"dont-fragment applies to eoip (IPv4) only");
	refuses("add tid 1 remote 2001:db8::1 dont-fragment inherit",
		"dont-fragment applies to eoip (IPv4) only");
	parses("add tid 1 remote 2001:db8::1 dont-fragment no");
	if (parses("change name e6 dont-fragment yes"))
		CHECK(eoip_settings_check_family(&cmd.settings, AF_INET6, cmd.error) < 0 &&
		      strstr(cmd.error, "eoipv6 takes only 'no'"),
		      "dont-fragment yes is refused for an eoipv6 device");
}

static void test_del_show(void)
{
	test_group("del and show take a name, with or without 'name'");
	if (parses("del eoip1"))
		CHECK(!strcmp(got->name, "eoip1") && (got->present & EOIP_P_NAME),
		      "del eoip1: a bare name");
	if (parses("delete name eoip1"))
		CHECK(!strcmp(got->name, "eoip1"), "delete name eoip1");
	refuses("del", "name is required");
	refuses("del name", "'name' needs a value");
	refuses("del eoip1 eoip2", "unexpected argument 'eoip2'");
	if (parses("show"))
		CHECK(!(got->present & EOIP_P_NAME), "show without a name shows all");
	if (parses("show name eoip1"))
		CHECK(!strcmp(got->name, "eoip1"), "show name eoip1");
	if (parses("show eoip1"))
		CHECK(!strcmp(got->name, "eoip1"), "show eoip1: a bare name");
	refuses("show eoip1 extra", "unexpected argument 'extra'");
}

static void test_numbers(void)
{
	uint32_t value = 0;

	test_group("the number parser");
	CHECK(eoip_parse_u32("4294967295", 0, UINT32_MAX, &value) == 0 &&
	      value == UINT32_MAX, "4294967295 fits a u32");
	CHECK(eoip_parse_u32("4294967296", 0, UINT32_MAX, &value) < 0,
	      "4294967296 does not fit a u32");
	CHECK(eoip_parse_u32("007", 0, 10, &value) == 0 && value == 7,
	      "007 is decimal 7, not octal");
	CHECK(eoip_parse_u32(" 7", 0, 10, &value) < 0, "leading space is refused");
}

/* What ip's plugin calls: the settings alone, some keywords left out. */
static void test_settings_for_ip(void)
{
	static const unsigned int ip_words = EOIP_P_INFO_DATA | EOIP_P_DSCP;
	char *good[] = { "remote", "2001:db8::2", "tid", "7", "dscp", "46", "keepalive", "5,3" };
	char *mtu[] = { "remote", "198.51.100.2", "mtu", "1500" };
	char *no_remote[] = { "tunnel-id", "7" };
	char error[EOIP_ERROR_LEN] = "";
	struct eoip_settings p;

	test_group("the settings alone, as ip link's plugin parses them");
	memset(&p, 0, sizeof(p));
	CHECK(eoip_settings_parse(8, good, ip_words, &p, error) == 0 && p.family == AF_INET6 &&
	      p.tunnel_id == 7 && p.tos == 46 << 2 && (p.present & EOIP_P_TOS) &&
	      !(p.present & EOIP_P_DSCP) && p.keepalive_interval == 5 &&
	      p.keepalive_retries == 3,
	      "remote, tid, dscp and keepalive parsed; the family from the remote");
	CHECK(eoip_settings_complete_add(&p, error) == 0,
	      "with remote and tunnel-id, enough to create");
	memset(&p, 0, sizeof(p));
	CHECK(eoip_settings_parse(4, mtu, ip_words, &p, error) == -1 &&
	      !strcmp(error, "unknown keyword 'mtu'"),
	      "a keyword left out (mtu) is unknown (got \"%s\")", error);
	memset(&p, 0, sizeof(p));
	CHECK(eoip_settings_parse(2, no_remote, ip_words, &p, error) == 0 &&
	      eoip_settings_complete_add(&p, error) == -1 &&
	      !strcmp(error, "remote is required (the peer's address)"),
	      "parsed, but not enough to create without remote (got \"%s\")", error);
	memset(&p, 0, sizeof(p));
	CHECK(eoip_settings_parse(2, no_remote, ip_words, &p, error) == 0 &&
	      eoip_settings_check_family(&p, AF_INET6, error) == 0,
	      "enough to change: the device's family decides the checks");
}

/* What eoip_print_usage() or eoip_print_help() writes, as a string. */
static char *printed(enum eoip_command command, bool help)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	if (help)
		eoip_print_help(out);
	else
		eoip_print_usage(out, command);
	fclose(out);
	return text;
}

static size_t longest_line(const char *text)
{
	size_t longest = 0;

	while (*text) {
		size_t len = strcspn(text, "\n");

		if (len > longest)
			longest = len;
		text += len + (text[len] == '\n');
	}
	return longest;
}

/* "[ttl TTL]" or "remote ADDR" in text, for a keyword of the table. */
static bool names_keyword(const char *text, const struct eoip_keyword *kw)
{
	char word[96];

	snprintf(word, sizeof(word), "%s %s", kw->word, kw->value);
	return strstr(text, word) != NULL;
}

static void test_help(void)
{
	char *help = printed(EOIP_CMD_NONE, true);
	char *usage, line[64];

	test_group("help and usage, generated from the tables");
	if (!help) {
		CHECK(false, "the help can be printed");
		return;
	}
	for (size_t i = 0; i < eoip_command_count; i++) {
		const struct eoip_command_entry *entry = &eoip_commands[i];

		snprintf(line, sizeof(line), "help %s", entry->name);
		if (parses(line))
			CHECK(cmd.command == EOIP_CMD_HELP &&
			      cmd.help_topic == entry->id,
			      "'%s' asks for the usage of %s", line, entry->name);
		snprintf(line, sizeof(line), "\n  eoip %s", entry->name);
		CHECK(strstr(help, line) != NULL, "help lists %s", entry->name);
		usage = printed(entry->id, false);
		snprintf(line, sizeof(line), "usage: eoip %s", entry->name);
		CHECK(usage && !strncmp(usage, line, strlen(line)) &&
		      longest_line(usage) < EOIP_HELP_WIDTH,
		      "%s has a usage line of fewer than %d columns",
		      entry->name, EOIP_HELP_WIDTH);
		free(usage);
	}
	usage = printed(EOIP_CMD_ADD, false);
	for (size_t i = 0; usage && i < eoip_keyword_count; i++) {
		const struct eoip_keyword *kw = &eoip_keywords[i];

		CHECK(names_keyword(usage, kw) == !kw->alternative,
		      "add's usage %s %s", kw->alternative ? "leaves out" : "names",
		      kw->word);
		if (kw->help)
			CHECK(names_keyword(help, kw),
			      "help's parameters explain %s", kw->word);
	}
	CHECK(usage && strstr(usage, "tunnel-id ID [local ADDR|any] remote ADDR"),
	      "add's usage marks tunnel-id and remote as required");
	free(usage);
	usage = printed(EOIP_CMD_NONE, false);
	CHECK(usage && !strcmp(usage, "usage: eoip [-j] add|change|del|list|show|up|down|version|help ...\n"),
	      "the usage without a command names every command");
	free(usage);
	CHECK(strstr(help, "synonyms: add = new, change = set, del = delete, tunnel-id = tid\n") != NULL,
	      "help lists the synonyms of the tables");
	CHECK(!strcmp(eoip_json_commands(), "list and show"),
	      "-j is for list and show");
	free(help);
}

void test_parse(void)
{
	test_commands();
	test_add_every_keyword();
	test_required_and_families();
	test_ranges();
	test_bad_numbers();
	test_keepalive();
	test_clamp_tcp_mss();
	test_dscp();
	test_names_links_macs();
	test_change();
	test_del_show();
	test_numbers();
	test_settings_for_ip();
	test_help();
}
