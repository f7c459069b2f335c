// SPDX-License-Identifier: GPL-2.0
/* Configuration files: the format, and every refusal with its line. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "uapi/eoip.h"
#include "config.h"
#include "config_diff.h"
#include "test.h"

static struct eoip_settings parsed;
static char parse_error[EOIP_ERROR_LEN];

static void accepts(const char *what, const char *text)
{
	unsigned int line;
	int ret = eoip_config_parse(text, "eoip1", &parsed, parse_error, &line);

	CHECK(ret == 0, "a file with %s is accepted%s%s", what,
	      ret ? ": " : "", ret ? parse_error : "");
}

static void refuses(const char *what, const char *text, unsigned int want_line,
		    const char *reason)
{
	unsigned int line = 999;
	int ret = eoip_config_parse(text, "eoip1", &parsed, parse_error, &line);

	CHECK(ret < 0 && line == want_line && strstr(parse_error, reason),
	      "%s is refused on line %u saying \"%s\" (line %u, said \"%s\")",
	      what, want_line, reason, line, parse_error);
}

static void test_format(void)
{
	struct in_addr remote;

	accepts("comments, blank lines, tabs and CRLF",
		"# a tunnel to the office\n\n"
		"remote\t198.51.100.2   # the router\r\n"
		"  tunnel-id 100\n"
		"keepalive 5,3\n");
	inet_pton(AF_INET, "198.51.100.2", &remote);
	CHECK(!strcmp(parsed.name, "eoip1"),
	      "the file becomes 'add name eoip1 ...'");
	CHECK(parsed.remote.family == AF_INET &&
	      parsed.remote.v4.s_addr == remote.s_addr, "remote is read");
	CHECK(parsed.tunnel_id == 100, "tunnel-id is read");
	CHECK((parsed.present & EOIP_P_KA_RETRIES) &&
	      parsed.keepalive_interval == 5 && parsed.keepalive_retries == 3,
	      "keepalive 5,3 is read");
	CHECK((parsed.present & EOIP_P_TOS) && parsed.tos == EOIP_TOS_INHERIT,
	      "tos defaults to inherit, as with eoip add");

	accepts("every parameter",
		"remote 2001:db8::2\nlocal 2001:db8::1\ntid 7\nttl 64\n"
		"dscp 10\nlink eth0\nmtu 1400\nkeepalive none\n"
		"mac 02:00:00:00:00:01\ndont-fragment no\nclamp-tcp-mss no\n");
	CHECK(parsed.family == AF_INET6, "an IPv6 remote makes an eoipv6 tunnel");
	CHECK(parsed.tos == 10 << EOIP_DSCP_SHIFT, "dscp 10 is tos 40");
	CHECK(!strcmp(parsed.link_name, "eth0"), "link keeps the device name");
	accepts("a # inside a value's word", "remote 198.51.100.2\ntid 1\nlink br#1\n");
	CHECK(!strcmp(parsed.link_name, "br#1"),
	      "only a # at a line's start or after a blank starts a comment");
	accepts("no final newline", "remote 198.51.100.2\ntid 1");
}

static void test_refusals(void)
{
	refuses("an unknown keyword", "remote 198.51.100.2\nfoo bar\n", 2,
		"unknown keyword 'foo'");
	refuses("a bad value", "tid 1\n\nkeepalive abc\n", 3,
		"keepalive 'abc' is not");
	refuses("a key without a value", "mtu\n", 1, "'mtu' needs a value");
	refuses("three words", "tid 1 2\n", 1, "expected KEY VALUE, found 3 words");
	refuses("a repeated key", "tid 1\nremote 198.51.100.2\ntid 2\n", 3,
		"given again (first on line 1)");
	refuses("a synonym repeating a key", "tunnel-id 1\ntid 2\n", 2,
		"given again (first on line 1)");
	refuses("dscp and tos together", "dscp 1\ntos 4\n", 2,
		"given again (first on line 1)");
	refuses("a name line", "name eoip2\n", 1, "named after its file (eoip1)");
	refuses("a file without remote", "tid 1\n", 0, "remote is required");
	refuses("a file without tunnel-id", "remote 198.51.100.2\n", 0,
		"tunnel-id is required");
	refuses("an empty file", "", 0, "tunnel-id is required");
	refuses("an eoipv6 tunnel-id out of range",
		"remote 2001:db8::2\ntid 5000\n", 0, "out of range 0..4095 for eoipv6");
	refuses("mixed families",
		"remote 2001:db8::2\nlocal 198.51.100.1\ntid 5\n", 0,
		"same address family");
}

static void test_locate(void)
{
	char path[EOIP_CONFIG_PATH_MAX], name[IF_NAMESIZE], error[EOIP_ERROR_LEN];

	unsetenv(EOIP_CONFIG_DIR_ENV);

	CHECK(!eoip_config_locate("eoip1", path, name, error, sizeof(error)) &&
	      !strcmp(path, "/etc/eoip/eoip1.conf") && !strcmp(name, "eoip1"),
	      "a NAME is /etc/eoip/NAME.conf (got %s)", path);
	CHECK(!eoip_config_locate("/tmp/x/office.conf", path, name, error,
				  sizeof(error)) &&
	      !strcmp(path, "/tmp/x/office.conf") && !strcmp(name, "office"),
	      "a path names the tunnel after its file");
	CHECK(!eoip_config_locate("office.conf", path, name, error, sizeof(error)) &&
	      !strcmp(name, "office"), "NAME.conf without a / is a path too");
	CHECK(eoip_config_locate("/tmp/office", path, name, error, sizeof(error)) &&
	      strstr(error, "NAME.conf"), "a path not ending in .conf is refused");
	CHECK(eoip_config_locate("/tmp/.conf", path, name, error, sizeof(error)),
	      "an empty name is refused");
	CHECK(eoip_config_locate("a-name-much-too-long.conf", path, name, error,
				  sizeof(error)) &&
	      strstr(error, "at most 15 characters"),
	      "a name longer than an interface name is refused");
	CHECK(eoip_config_locate("a:b", path, name, error, sizeof(error)) &&
	      strstr(error, "not a valid interface name"),
	      "a name the kernel would refuse is refused");
}

/*
 * A tunnel as the module reports it after "eoip add" with the file's
 * text: every parameter present, the defaults where the file says
 * nothing, an unset local as 0.0.0.0.
 */
static struct eoip_settings kernel_view(const char *text)
{
	struct eoip_settings cur;
	unsigned int line;

	eoip_config_parse(text, "eoip1", &cur, parse_error, &line);
	if (!(cur.present & EOIP_P_LOCAL)) {
		cur.local.family = AF_INET;
		cur.local.v4.s_addr = htonl(INADDR_ANY);
	}
	if (!(cur.present & EOIP_P_KEEPALIVE))
		cur.keepalive_interval = EOIP_KEEPALIVE_DEFAULT_INTERVAL;
	if (!(cur.present & EOIP_P_KA_RETRIES))
		cur.keepalive_retries = EOIP_KEEPALIVE_DEFAULT_RETRIES;
	if (!(cur.present & EOIP_P_CLAMP_TCP_MSS))
		cur.clamp_tcp_mss = 1;
	if (!(cur.present & EOIP_P_MTU))
		cur.mtu = EOIP_DEFAULT_MTU;
	if (!(cur.present & EOIP_P_MAC))
		memcpy(cur.mac, "\x02\x11\x22\x33\x44\x55", 6);
	cur.present |= EOIP_P_TUNNEL_ID | EOIP_P_LOCAL | EOIP_P_REMOTE |
		       EOIP_P_TTL | EOIP_P_TOS | EOIP_P_LINK | EOIP_P_KEEPALIVE |
		       EOIP_P_KA_RETRIES | EOIP_P_DONT_FRAGMENT |
		       EOIP_P_CLAMP_TCP_MSS | EOIP_P_MTU | EOIP_P_MAC;
	return cur;
}

static void diff_is(const char *what, const char *file, const char *tunnel,
		    const char *changed)
{
	struct eoip_settings want, cur = kernel_view(tunnel);
	struct eoip_config_diff diff;
	unsigned int line;

	eoip_config_parse(file, "eoip1", &want, parse_error, &line);
	eoip_config_diff(&want, &cur, &diff);
	CHECK(!strcmp(diff.changed, changed) && !diff.delta.present == !changed[0],
	      "%s: changes '%s' (got '%s')", what, changed, diff.changed);
}

#define BASE "remote 198.51.100.2\ntid 5\n"

static void test_diff(void)
{
	struct eoip_settings want, cur;
	struct eoip_config_diff diff;
	unsigned int line;

	diff_is("the same file", BASE, BASE, "");
	diff_is("the same file with local", BASE "local 198.51.100.1\n",
		BASE "local 198.51.100.1\n", "");
	diff_is("an edited keepalive", BASE "keepalive 3,4\n", BASE, "keepalive");
	diff_is("keepalive removed from the file: back to 10,10", BASE,
		BASE "keepalive 3,4\n", "keepalive");
	diff_is("local removed from the file: back to any", BASE,
		BASE "local 198.51.100.1\n", "local");
	diff_is("ttl, link and clamp-tcp-mss", BASE "ttl 9\nlink 7\nclamp-tcp-mss no\n",
		BASE, "ttl, link, clamp-tcp-mss");
	diff_is("remote and tunnel-id", "remote 198.51.100.9\ntid 6\n", BASE,
		"tunnel-id, remote");
	diff_is("dscp 0 against the default inherit", BASE "dscp 0\n", BASE, "tos");
	diff_is("mtu and mac left out: left alone", BASE, BASE "mtu 1400\nmac 02:00:00:00:00:09\n", "");
	diff_is("mtu and mac given", BASE "mtu 1400\nmac 02:00:00:00:00:09\n", BASE,
		"mtu, mac");

	eoip_config_parse(BASE "keepalive 3,4\n", "eoip1", &want, parse_error, &line);
	cur = kernel_view(BASE);
	eoip_config_diff(&want, &cur, &diff);
	CHECK(diff.delta.present == (EOIP_P_KEEPALIVE | EOIP_P_KA_RETRIES) &&
	      diff.delta.keepalive_interval == 3 && diff.delta.keepalive_retries == 4,
	      "an edited keepalive sends interval and retries, nothing else");
	eoip_config_parse(BASE, "eoip1", &want, parse_error, &line);
	cur = kernel_view(BASE "local 198.51.100.1\n");
	eoip_config_diff(&want, &cur, &diff);
	CHECK(diff.delta.present == EOIP_P_LOCAL && diff.delta.local.family == AF_UNSPEC,
	      "local back to any is sent as any");
	eoip_config_parse(BASE "ttl 9\n", "eoip1", &want, parse_error, &line);
	memset(&cur, 0, sizeof(cur));
	cur.present = EOIP_P_NAME;	/* the older module reports none of ours */
	eoip_config_diff(&want, &cur, &diff);
	CHECK((diff.delta.present & (EOIP_P_TTL | EOIP_P_REMOTE | EOIP_P_TUNNEL_ID)) ==
	      (EOIP_P_TTL | EOIP_P_REMOTE | EOIP_P_TUNNEL_ID) &&
	      !(diff.delta.present & EOIP_P_KEEPALIVE),
	      "a module that reports nothing gets what the file gives, no defaults");
}

/* The example make install puts in /etc/eoip must be a valid file. */
static void test_example(void)
{
	static const char example[] = "../../etc/eoip/office.conf.example";

	CHECK(eoip_config_read(example, "office", &parsed) == 0 &&
	      parsed.tunnel_id == 100 && parsed.mtu == 1500,
	      "%s parses (tunnel-id 100, mtu 1500)", example);
}

void test_config(void)
{
	test_group("config: format");
	test_format();
	test_group("config: refusals");
	test_refusals();
	test_group("config: what eoip up changes");
	test_diff();
	test_group("config: files");
	test_locate();
	test_example();
}
