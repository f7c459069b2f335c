// SPDX-License-Identifier: GPL-2.0
/*
 * eoip: manage MikroTik-compatible EoIP and EoIPv6 tunnels.
 *
 * main() only parses and dispatches; each command lives in its own file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "parse.h"
#include "version.h"

static const char help_text[] =
	"eoip " EOIP_TOOL_VERSION ": MikroTik-compatible EoIP and EoIPv6 tunnels\n"
	"\n"
	"usage: eoip [-j] COMMAND [ARGUMENTS]\n"
	"\n"
	"  eoip add [name NAME] tunnel-id ID [local ADDR] remote ADDR [PARAMETERS]\n"
	"        create a tunnel; an IPv6 remote makes an EoIPv6 (kind eoipv6) one.\n"
	"        Without a name the kernel picks eoipN or eoipv6N and eoip prints it.\n"
	"  eoip change name NAME [tunnel-id ID] [local ADDR|any] [remote ADDR] [PARAMETERS]\n"
	"        change a tunnel: only the parameters given are sent.\n"
	"  eoip del [name] NAME       delete a tunnel\n"
	"  eoip list                  one line per tunnel, in the older eoip tool's format\n"
	"  eoip show [[name] NAME]    state, settings, keepalive and counters\n"
	"  eoip up NAME|FILE.conf|--all\n"
	"        create or update the tunnel of /etc/eoip/NAME.conf (see eoip.conf(5)),\n"
	"        changing only what differs, and set it up; --all: every file there\n"
	"  eoip down NAME|FILE.conf|--all\n"
	"        delete the tunnel of /etc/eoip/NAME.conf; --all: of every file there\n"
	"  eoip version               print the version\n"
	"  eoip help [COMMAND]        this text, or the usage of one command\n"
	"\n"
	"  -j, --json                 list and show print a JSON array, one object per\n"
	"                             tunnel (the keys are listed in the README)\n"
	"\n"
	"  synonyms: add = new, change = set, del = delete, tunnel-id = tid\n"
	"\n"
	"parameters:\n"
	"  tunnel-id ID            0..65535 for eoip, 0..4095 for eoipv6; the same on both ends\n"
	"  local ADDR|any          source address; unset or any: chosen by routing\n"
	"  remote ADDR             the peer's address (IPv4 or IPv6, as local)\n"
	"  ttl TTL                 0..255, 0 = the default, 255 (as RouterOS)\n"
	"  dscp inherit|DSCP       outer DSCP: inherit (the default, as RouterOS) copies the\n"
	"                          inner IP packet's, or 0..63\n"
	"  tos TOS|inherit         the same as the older eoip tool says it: the whole TOS\n"
	"                          byte, 0..255 (decimal or 0xNN); dscp D is tos D*4\n"
	"  link DEV|IFINDEX|none   send through this underlay device only\n"
	"  mtu MTU                 68..65535; default 1458 (eoip) or 1444 (eoipv6)\n"
	"  keepalive none|SECS[,RETRIES]\n"
	"                          send a keepalive every SECS (1..3600); carrier off after\n"
	"                          RETRIES (0..255, 0 = never) silent intervals; default 10,10\n"
	"  mac XX:XX:XX:XX:XX:XX   the tunnel's Ethernet address (default: random)\n"
	"  dont-fragment no|yes|inherit\n"
	"                          DF on outer IPv4 packets; default no (as RouterOS)\n"
	"  clamp-tcp-mss yes|no    lower the MSS of TCP SYNs leaving the tunnel to its\n"
	"                          MTU - 40 (IPv4) or - 60 (IPv6); default yes (as RouterOS)\n"
	"  ipsec-secret SECRET|none\n"
	"                          encrypt the tunnel's packets with IPsec (strongSwan's\n"
	"                          charon, RouterOS's defaults: IKEv1, this pre-shared\n"
	"                          key, ESP transport mode); none: no IPsec (the default)\n"
	"\n"
	"exit status: 0 done; 1 the kernel or the system refused (the message says why);\n"
	"2 the command line or a configuration file is wrong (nothing was changed).\n";

/*
 * Other users see a process's command line: a secret given there is moved
 * to the heap and its bytes in argv overwritten before anything else runs.
 */
static int hide_secrets(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++) {
		char *copy;

		if (strcmp(argv[i], "ipsec-secret") || !strcmp(argv[i + 1], "none"))
			continue;
		copy = strdup(argv[i + 1]);
		if (!copy)
			return -1;
		memset(argv[i + 1], 'x', strlen(argv[i + 1]));
		argv[i + 1] = copy;
	}
	return 0;
}

static int help(enum eoip_command topic)
{
	if (topic == EOIP_CMD_NONE || topic == EOIP_CMD_HELP)
		fputs(help_text, stdout);
	else
		puts(eoip_usage(topic));
	return EOIP_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct eoip_cmdline cmdline;
	bool json = false;

	if (hide_secrets(argc, argv)) {
		eoip_error("out of memory");
		return EOIP_EXIT_FAILURE;
	}
	/* the one option, before the command as with ip -j */
	if (argc >= 2 && (!strcmp(argv[1], "-j") || !strcmp(argv[1], "--json"))) {
		json = true;
		argc--;
		argv++;
	}
	if (argc < 2) {
		fprintf(stderr, "%s\n%s", eoip_usage(EOIP_CMD_NONE),
			"see 'eoip help'\n");
		return EOIP_EXIT_USAGE;
	}
	/* up and down take files, not parameters: they parse their own words */
	if (!strcmp(argv[1], "up"))
		return eoip_cmd_up(argc - 2, argv + 2);
	if (!strcmp(argv[1], "down"))
		return eoip_cmd_down(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "help") && !strcmp(argv[2], "up"))
		return puts(eoip_up_usage()) < 0;
	if (argc == 3 && !strcmp(argv[1], "help") && !strcmp(argv[2], "down"))
		return puts(eoip_down_usage()) < 0;
	if (eoip_parse(argc - 1, argv + 1, &cmdline)) {
		eoip_error("%s", cmdline.error);
		if (cmdline.command == EOIP_CMD_NONE)
			fprintf(stderr, "%s\nsee 'eoip help'\n",
				eoip_usage(EOIP_CMD_NONE));
		else
			fprintf(stderr, "%s\n", eoip_usage(cmdline.command));
		return EOIP_EXIT_USAGE;
	}

	if (json && cmdline.command != EOIP_CMD_LIST &&
	    cmdline.command != EOIP_CMD_SHOW) {
		eoip_error("-j applies to list and show only, not to '%s'",
			   eoip_command_name(cmdline.command));
		return EOIP_EXIT_USAGE;
	}
	cmdline.json = json;

	switch (cmdline.command) {
	case EOIP_CMD_ADD:
		return eoip_cmd_add(&cmdline);
	case EOIP_CMD_CHANGE:
		return eoip_cmd_change(&cmdline);
	case EOIP_CMD_DEL:
		return eoip_cmd_del(&cmdline);
	case EOIP_CMD_LIST:
		return eoip_cmd_list(&cmdline);
	case EOIP_CMD_SHOW:
		return eoip_cmd_show(&cmdline);
	case EOIP_CMD_VERSION:
		printf("eoip %s\n", EOIP_TOOL_VERSION);
		return EOIP_EXIT_OK;
	case EOIP_CMD_HELP:
		return help(cmdline.help_topic);
	case EOIP_CMD_NONE:
		break;
	}
	return EOIP_EXIT_USAGE;
}
