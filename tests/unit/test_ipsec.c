// SPDX-License-Identifier: GPL-2.0
/*
 * ipsec-secret: the keyword's rules, and the strongSwan configuration the
 * tool writes for it, field by field against RouterOS's defaults.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "errors.h"
#include "ipsec.h"
#include "test.h"

static bool has_line(const char *text, const char *line)
{
	char want[256];

	snprintf(want, sizeof(want), "\n%s\n", line);
	return strstr(text, want) != NULL;
}

static void test_keyword(void)
{
	struct eoip_cmdline c;
	char long_secret[EOIP_IPSEC_SECRET_MAX + 2];

	CHECK(!test_parse_line("add tid 1 remote 198.51.100.2 ipsec-secret Abc!9", &c) &&
	      (c.settings.present & EOIP_P_IPSEC_SECRET) &&
	      !strcmp(c.settings.ipsec_secret, "Abc!9"),
	      "ipsec-secret SECRET is taken as it is");
	CHECK(!test_parse_line("change name t ipsec-secret none", &c) &&
	      (c.settings.present & EOIP_P_IPSEC_SECRET) &&
	      !c.settings.ipsec_secret[0],
	      "ipsec-secret none: given, and empty");
	CHECK(!test_parse_line("change name t ipsec-secret x", &c),
	      "change with ipsec-secret alone is a change");
	CHECK(test_parse_line("add tid 1 remote 198.51.100.2 ipsec-secret", &c) &&
	      strstr(c.error, "needs a value"), "ipsec-secret without a value is refused");
	memset(long_secret, 'k', sizeof(long_secret) - 1);
	long_secret[sizeof(long_secret) - 1] = '\0';
	{
		char *argv[] = { "add", "tid", "1", "remote", "198.51.100.2",
				 "ipsec-secret", long_secret, NULL };

		CHECK(eoip_parse(7, argv, &c) && strstr(c.error, "1..255") &&
		      !strstr(c.error, long_secret),
		      "a 256-character secret is refused, without being quoted");
	}
	{
		char *argv[] = { "add", "tid", "1", "remote", "198.51.100.2",
				 "ipsec-secret", "two words", NULL };

		CHECK(eoip_parse(7, argv, &c) && strstr(c.error, "no blanks") &&
		      !strstr(c.error, "two words"),
		      "a secret with a blank is refused, without being quoted");
	}
}

static void test_name(void)
{
	char error[EOIP_ERROR_LEN];

	CHECK(!eoip_ipsec_check_name("eoip-mt_2", error, sizeof(error)),
	      "letters, digits, '-' and '_' make a connection name");
	CHECK(eoip_ipsec_check_name("eoip.mt", error, sizeof(error)) &&
	      strstr(error, "'eoip.mt'"), "a '.' (strongSwan's key separator) is refused");
}

static void test_ipv4_with_local(void)
{
	struct eoip_ipsec want = { .name = "eoip-mt", .family = AF_INET };
	char text[EOIP_IPSEC_CONF_MAX];

	want.local.family = want.remote.family = AF_INET;
	inet_pton(AF_INET, "203.0.113.50", &want.local.v4);
	inet_pton(AF_INET, "198.51.100.11", &want.remote.v4);
	strcpy(want.secret, "0xAB");
	CHECK(!eoip_ipsec_conf_text(&want, text, sizeof(text)), "eoip: the text fits");
	CHECK(strstr(text, "\teoip-eoip-mt {\n") != NULL, "connection eoip-NAME");
	CHECK(has_line(text, "\t\tversion = 1") && has_line(text, "\t\taggressive = no"),
	      "IKEv1 main mode");
	CHECK(has_line(text, "\t\tlocal_addrs = 203.0.113.50") &&
	      has_line(text, "\t\tremote_addrs = 198.51.100.11"), "the tunnel's addresses");
	CHECK(has_line(text, "\t\tproposals = aes128-3des-sha1-modp2048-modp1024"),
	      "phase 1: aes128/3des, sha1, modp2048/modp1024");
	CHECK(has_line(text, "\t\treauth_time = 23h") && has_line(text, "\t\tover_time = 1h"),
	      "phase 1 lifetime: 1 day offered");
	CHECK(has_line(text, "\t\tdpd_delay = 120s") && has_line(text, "\t\tdpd_timeout = 600s"),
	      "DPD every 2 minutes, 5 missed");
	CHECK(has_line(text, "\t\t\tauth = psk") && has_line(text, "\t\t\tid = 203.0.113.50") &&
	      has_line(text, "\t\t\tid = 198.51.100.11"), "PSK, the addresses as identities");
	CHECK(has_line(text, "\t\t\t\tmode = transport"), "phase 2: ESP transport mode");
	CHECK(has_line(text, "\t\t\t\tlocal_ts = dynamic[47]") &&
	      has_line(text, "\t\t\t\tremote_ts = dynamic[47]"), "for IP protocol 47 only");
	CHECK(has_line(text, "\t\t\t\tesp_proposals = aes256-aes192-aes128-sha1-modp1024"),
	      "phase 2: aes256/192/128-cbc, sha1, PFS modp1024");
	CHECK(has_line(text, "\t\t\t\tlife_time = 30m"), "phase 2 lifetime 30 minutes");
	CHECK(has_line(text, "\t\t\t\tstart_action = trap") &&
	      has_line(text, "\t\t\t\tdpd_action = trap"),
	      "trap policies, before IKE and after the peer vanished");
	CHECK(has_line(text, "\t\tid = 198.51.100.11") && has_line(text, "\t\tsecret = 0x30784142"),
	      "the key, hex-encoded (a secret starting 0x stays itself), for the remote");
	CHECK(!strstr(text, "0xAB"), "the secret is not in the text as it is");
}

static void test_ipv6_without_local(void)
{
	struct eoip_ipsec want = { .name = "t6", .family = AF_INET6 };
	char text[EOIP_IPSEC_CONF_MAX];

	want.remote.family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::11", &want.remote.v6);
	strcpy(want.secret, "k");
	CHECK(!eoip_ipsec_conf_text(&want, text, sizeof(text)), "eoipv6: the text fits");
	CHECK(has_line(text, "\t\tlocal_addrs = %any"), "without local: routing's address");
	CHECK(!has_line(text, "\t\t\tid = %any"), "and no fixed local identity");
	CHECK(has_line(text, "\t\t\t\tlocal_ts = dynamic[97]"), "for next header 97");
	CHECK(has_line(text, "\t\tremote_addrs = 2001:db8::11"), "the IPv6 remote");
	CHECK(eoip_ipsec_conf_text(&want, text, 64), "a buffer too small is an error");
}

static void test_config_file(void)
{
	char error[EOIP_ERROR_LEN];
	struct eoip_settings p;
	unsigned int line;

	CHECK(!eoip_config_parse("remote 198.51.100.2\ntunnel-id 1\nipsec-secret Kk1\n",
				 "t", &p, error, &line) && !strcmp(p.ipsec_secret, "Kk1"),
	      "a configuration file takes ipsec-secret");
	CHECK(eoip_config_parse("remote 198.51.100.2\ntunnel-id 1\nipsec-secret\n",
				"t", &p, error, &line) && line == 3, "and names the line of a bad one");
}

/* A file with a secret, mode 0644 then 0600: refused, then read. */
static void test_config_file_mode(void)
{
	char dir[] = "/tmp/eoip-unit-XXXXXX", path[64];
	struct eoip_settings p;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(false, "a scratch directory for the mode test");
		return;
	}
	snprintf(path, sizeof(path), "%s/t.conf", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("remote 198.51.100.2\ntunnel-id 1\nipsec-secret Kk1\n", f);
		fclose(f);
	}
	chmod(path, 0644);
	CHECK(eoip_config_read(path, "t", &p) == EOIP_EXIT_USAGE,
	      "eoip up refuses a file with a secret that others may read (0644)");
	chmod(path, 0600);
	CHECK(eoip_config_read(path, "t", &p) == EOIP_EXIT_OK &&
	      !strcmp(p.ipsec_secret, "Kk1"), "and reads it once it is 0600");
	unlink(path);
	rmdir(dir);
}

void test_ipsec(void)
{
	test_group("ipsec-secret");
	test_keyword();
	test_name();
	test_ipv4_with_local();
	test_ipv6_without_local();
	test_config_file();
	test_config_file_mode();
}
