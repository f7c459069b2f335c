// SPDX-License-Identifier: GPL-2.0
/*
 * ipsec-secret (ipsec.h): the strongSwan connection of a tunnel, its file,
 * swanctl, and the order of the steps so that EoIP never leaves unencrypted
 * while a secret is set.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uapi/eoip.h"
#include "errors.h"
#include "ipsec.h"
#include "xfrm.h"

/* RouterOS's defaults for the dynamic peer and policy of ipsec-secret. */
#define IKE_PROPOSALS	"aes128-3des-sha1-modp2048-modp1024"
#define ESP_PROPOSALS	"aes256-aes192-aes128-sha1-modp1024"
/*
 * Phase 1 lifetime 1 day: IKEv1 offers reauth_time + over_time, and
 * reauthenticates after reauth_time (less a random part of over_time).
 */
#define IKE_REAUTH	"23h"
#define IKE_OVER	"1h"
/* DPD every 2 minutes, the peer dead after 5 unanswered (RouterOS: 5) */
#define DPD_DELAY	"120s"
#define DPD_TIMEOUT	"600s"
/* Phase 2 lifetime 30 minutes (offered), rekeyed a little before. */
#define ESP_LIFE	"30m"
#define ESP_REKEY	"27m"
#define CONN_PREFIX	"eoip-"
#define SECRET_LINE	"\t\tsecret = 0x"
/* swanctl's output when it fails: enough for its error messages */
#define SWANCTL_OUTPUT_MAX	4096

int eoip_ipsec_check_name(const char *name, char *error, size_t len)
{
	if (!*name) {
		snprintf(error, len, "ipsec-secret: the tunnel has no name yet");
		return -1;
	}
	for (const char *c = name; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_') {
			snprintf(error, len,
				 "ipsec-secret: the tunnel's name '%s' may hold only letters, digits, '-' and '_' (it names its strongSwan connection)",
				 name);
			return -1;
		}
	}
	return 0;
}

static uint8_t eoip_proto(int family)
{
	return family == AF_INET6 ? EOIP6_NEXTHDR : EOIP_IPPROTO;
}

static bool address_set(const struct eoip_addr *addr)
{
	if (addr->family == AF_INET)
		return addr->v4.s_addr != htonl(INADDR_ANY);
	if (addr->family == AF_INET6)
		return !IN6_IS_ADDR_UNSPECIFIED(&addr->v6);
	return false;
}

static bool same_address(const struct eoip_addr *a, const struct eoip_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET6)
		return !memcmp(&a->v6, &b->v6, sizeof(a->v6));
	return a->family != AF_INET || a->v4.s_addr == b->v4.s_addr;
}

static void address_text(const struct eoip_addr *addr, char *buf, size_t len)
{
	if (!address_set(addr))
		snprintf(buf, len, "%%any");
	else
		inet_ntop(addr->family, addr->family == AF_INET6 ?
			  (const void *)&addr->v6 : (const void *)&addr->v4,
			  buf, (socklen_t)len);
}

struct text {
	char *buf;
	size_t len, used;
	bool overflow;
};

static void add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->used, t->len - t->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->len - t->used)
		t->overflow = true;
	else
		t->used += (size_t)n;
}

int eoip_ipsec_conf_text(const struct eoip_ipsec *want, char *buf, size_t len)
{
	char local[INET6_ADDRSTRLEN], remote[INET6_ADDRSTRLEN];
	struct text t = { .buf = buf, .len = len };
	unsigned int proto = eoip_proto(want->family);

	address_text(&want->local, local, sizeof(local));
	address_text(&want->remote, remote, sizeof(remote));
	add(&t, "# The IPsec of the EoIP tunnel %s (its ipsec-secret), written by eoip:\n"
		"# 'eoip change name %s ...' rewrites it, 'eoip del' removes it.\n",
	    want->name, want->name);
	add(&t, "connections {\n\t" CONN_PREFIX "%s {\n", want->name);
	add(&t, "\t\tversion = 1\n\t\taggressive = no\n");
	add(&t, "\t\tlocal_addrs = %s\n\t\tremote_addrs = %s\n", local, remote);
	add(&t, "\t\tproposals = " IKE_PROPOSALS "\n");
	add(&t, "\t\treauth_time = " IKE_REAUTH "\n\t\tover_time = " IKE_OVER "\n");
	add(&t, "\t\tdpd_delay = " DPD_DELAY "\n\t\tdpd_timeout = " DPD_TIMEOUT "\n");
	add(&t, "\t\tlocal {\n\t\t\tauth = psk\n");
	if (address_set(&want->local))
		add(&t, "\t\t\tid = %s\n", local);
	add(&t, "\t\t}\n\t\tremote {\n\t\t\tauth = psk\n\t\t\tid = %s\n\t\t}\n",
	    remote);
	add(&t, "\t\tchildren {\n\t\t\t" CONN_PREFIX "%s {\n", want->name);
	add(&t, "\t\t\t\tmode = transport\n");
	add(&t, "\t\t\t\tlocal_ts = dynamic[%u]\n\t\t\t\tremote_ts = dynamic[%u]\n",
	    proto, proto);
	add(&t, "\t\t\t\tesp_proposals = " ESP_PROPOSALS "\n");
	add(&t, "\t\t\t\tlife_time = " ESP_LIFE "\n\t\t\t\trekey_time = " ESP_REKEY "\n");
	add(&t, "\t\t\t\tstart_action = trap\n\t\t\t\tdpd_action = trap\n");
	add(&t, "\t\t\t}\n\t\t}\n\t}\n}\n");
	add(&t, "secrets {\n\tike-" CONN_PREFIX "%s {\n\t\tid = %s\n",
	    want->name, remote);
	/* hex: no quoting rules, and a secret starting "0x" stays itself */
	add(&t, SECRET_LINE);
	for (const char *c = want->secret; *c; c++)
		add(&t, "%02x", (unsigned char)*c);
	add(&t, "\n\t}\n}\n");
	return t.overflow ? -1 : 0;
}

static int conf_path(const char *name, char path[EOIP_IPSEC_CONF_MAX])
{
	int n = snprintf(path, EOIP_IPSEC_CONF_MAX, "%s/" CONN_PREFIX "%s.conf",
			 EOIP_SWANCTL_DIR, name);

	return n < 0 || n >= EOIP_IPSEC_CONF_MAX ? -1 : 0;
}

/* The file's text into buf; 1 when there is none, 0, or -1 (printed). */
static int read_conf(const char *path, char *buf, size_t len)
{
	ssize_t got;
	size_t used = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0) {
		eoip_error("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	while (used + 1 < len &&
	       (got = read(fd, buf + used, len - 1 - used)) > 0)
		used += (size_t)got;
	close(fd);
	buf[used] = '\0';
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The secret of a file this tool wrote: its "secret = 0x..." line. */
static int secret_from_conf(const char *path, const char *text, char *secret)
{
	const char *hex = strstr(text, SECRET_LINE);
	size_t n = 0;

	if (hex) {
		hex += strlen(SECRET_LINE);
		while (n < EOIP_IPSEC_SECRET_MAX && hex_value(hex[0]) >= 0 &&
		       hex_value(hex[1]) >= 0) {
			secret[n++] = (char)(hex_value(hex[0]) << 4 | hex_value(hex[1]));
			hex += 2;
		}
	}
	secret[n] = '\0';
	if (!hex || !n || *hex != '\n') {
		eoip_error("%s: no secret in it as eoip writes it: delete the file, then set ipsec-secret again",
			   path);
		return -1;
	}
	return 0;
}

int eoip_ipsec_current(const char *name, const struct eoip_link *cur,
		       struct eoip_ipsec *had)
{
	char path[EOIP_IPSEC_CONF_MAX], text[EOIP_IPSEC_CONF_MAX];
	int ret;

	memset(had, 0, sizeof(*had));
	snprintf(had->name, sizeof(had->name), "%s", name);
	if (cur) {
		had->family = cur->settings.family;
		if (cur->settings.present & EOIP_P_LOCAL)
			had->local = cur->settings.local;
		if (cur->settings.present & EOIP_P_REMOTE)
			had->remote = cur->settings.remote;
	}
	/* a name strongSwan cannot take never had a file */
	if (eoip_ipsec_check_name(name, text, sizeof(text)) || conf_path(name, path))
		return EOIP_EXIT_OK;
	ret = read_conf(path, text, sizeof(text));
	if (ret)
		return ret < 0 ? EOIP_EXIT_FAILURE : EOIP_EXIT_OK;
	return secret_from_conf(path, text, had->secret) ? EOIP_EXIT_FAILURE :
							   EOIP_EXIT_OK;
}

void eoip_ipsec_wanted(const char *name, const struct eoip_settings *settings,
		       const char *secret, struct eoip_ipsec *want)
{
	memset(want, 0, sizeof(want[0]));
	snprintf(want->name, sizeof(want->name), "%s", name);
	want->family = settings->family;
	if (settings->present & EOIP_P_LOCAL)
		want->local = settings->local;
	if (settings->present & EOIP_P_REMOTE)
		want->remote = settings->remote;
	snprintf(want->secret, sizeof(want->secret), "%s", secret);
}

/* had's block policies are want's too: the same remote, both with IPsec */
static bool blocks_shared(const struct eoip_ipsec *had,
			  const struct eoip_ipsec *want)
{
	return had->secret[0] && want->secret[0] && had->family == want->family &&
	       same_address(&had->remote, &want->remote);
}

static int xfrm_failed(const char *what, const struct eoip_nl_error *err)
{
	if (err->code == EPERM)
		eoip_error("%s: this needs root (CAP_NET_ADMIN)", what);
	else
		eoip_error("%s: %s", what, strerror(err->code));
	return EOIP_EXIT_FAILURE;
}

int eoip_ipsec_before(const struct eoip_ipsec *had,
		      const struct eoip_ipsec *want)
{
	char remote[INET6_ADDRSTRLEN];
	struct eoip_nl_error err;
	struct eoip_nl nl;
	int ret = EOIP_EXIT_OK;

	if (!want->secret[0] || blocks_shared(had, want))
		return EOIP_EXIT_OK;
	if (eoip_xfrm_open(&nl, &err))
		return xfrm_failed("cannot open the kernel's IPsec interface", &err);
	if (eoip_xfrm_block_add(&nl, &want->remote, eoip_proto(want->family),
				&err)) {
		address_text(&want->remote, remote, sizeof(remote));
		if (err.code == EEXIST) {
			eoip_error("ipsec-secret: EoIP to %s is under IPsec already, another tunnel's: its policy covers every tunnel between the two hosts, so set the secret on one of them only",
				   remote);
			ret = EOIP_EXIT_FAILURE;
		} else {
			ret = xfrm_failed("cannot block unencrypted EoIP", &err);
		}
	}
	eoip_nl_close(&nl);
	return ret;
}

static void block_del(const struct eoip_ipsec *ipsec)
{
	struct eoip_nl_error err;
	struct eoip_nl nl;

	if (!address_set(&ipsec->remote))
		return;
	if (eoip_xfrm_open(&nl, &err)) {
		xfrm_failed("cannot open the kernel's IPsec interface", &err);
		return;
	}
	if (eoip_xfrm_block_del(&nl, &ipsec->remote, eoip_proto(ipsec->family),
				&err))
		xfrm_failed("cannot remove the block policies", &err);
	eoip_nl_close(&nl);
}

void eoip_ipsec_undo(const struct eoip_ipsec *had,
		     const struct eoip_ipsec *want)
{
	if (want->secret[0] && !blocks_shared(had, want))
		block_del(want);
}

/*
 * Runs swanctl with args; its output is shown only when it fails (then
 * returns -1). Nothing secret is on its command line: it reads the files.
 */
static int swanctl(char *const args[], bool quiet_failure)
{
	char output[SWANCTL_OUTPUT_MAX];
	size_t used = 0;
	ssize_t got;
	int pipefd[2], status;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC)) {
		eoip_error("cannot run swanctl: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		eoip_error("cannot run swanctl: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		execvp("swanctl", args);
		fprintf(stderr, "cannot run swanctl: %s\n", strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	while ((got = read(pipefd[0], output + used,
			   sizeof(output) - 1 - used)) > 0 ||
	       (got < 0 && errno == EINTR))
		used += got > 0 ? (size_t)got : 0;
	close(pipefd[0]);
	output[used] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (!quiet_failure) {
		eoip_error("'swanctl %s' failed:", args[1]);
		fputs(output, stderr);
	}
	return -1;
}

static bool charon_running(void)
{
	struct stat st;

	return !stat(EOIP_CHARON_SOCKET, &st) && S_ISSOCK(st.st_mode);
}

/* charon reads every file again: ours new, changed or gone. */
static int reload(void)
{
	char *args[] = { "swanctl", "--load-all", "--noprompt", NULL };

	return swanctl(args, false);
}

/* SAs made with an old secret or old addresses go; traps make new ones. */
static void end_sas(const char *name)
{
	char ike[IF_NAMESIZE + sizeof(CONN_PREFIX)];
	char *args[] = { "swanctl", "--terminate", "--ike", ike, "--force",
			 NULL };

	snprintf(ike, sizeof(ike), CONN_PREFIX "%s", name);
	/* fails when there is none: nothing to say then */
	swanctl(args, true);
}

/* The file, 0600 from its first byte, in place of the old at once. */
static int write_conf(const char *path, const char *text)
{
	char tmp[EOIP_IPSEC_CONF_MAX + 8];
	size_t len = strlen(text), done = 0;
	ssize_t n;
	int fd;

	/* not *.conf: swanctl never reads a half-written file */
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		eoip_error("cannot write %s: %s%s", tmp, strerror(errno),
			   errno == ENOENT ? " (is strongswan-swanctl installed?)" : "");
		return -1;
	}
	while (done < len && (n = write(fd, text + done, len - done)) > 0)
		done += (size_t)n;
	if (done < len || fchmod(fd, 0600) || fsync(fd)) {
		eoip_error("cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path)) {
		eoip_error("cannot rename %s to %s: %s", tmp, path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int apply_conf(const struct eoip_ipsec *had, const struct eoip_ipsec *want,
		      const char *path)
{
	char text[EOIP_IPSEC_CONF_MAX], old[EOIP_IPSEC_CONF_MAX];
	char remote[INET6_ADDRSTRLEN];
	int ret;

	if (eoip_ipsec_conf_text(want, text, sizeof(text))) {
		eoip_error("internal error: the IPsec configuration does not fit");
		return EOIP_EXIT_FAILURE;
	}
	ret = read_conf(path, old, sizeof(old));
	if (ret < 0)
		return EOIP_EXIT_FAILURE;
	if (ret == 0 && !strcmp(old, text) && !charon_running())
		return EOIP_EXIT_OK;
	if ((ret || strcmp(old, text)) && write_conf(path, text))
		return EOIP_EXIT_FAILURE;
	if (!charon_running()) {
		address_text(&want->remote, remote, sizeof(remote));
		eoip_error("%s: strongSwan's charon is not running: EoIP with %s stays blocked until it starts and loads %s",
			   want->name, remote, path);
		return EOIP_EXIT_OK;
	}
	if (reload())
		return EOIP_EXIT_FAILURE;
	/* SAs of an older secret or older addresses must not live on */
	if (had->secret[0] && (ret || strcmp(old, text)))
		end_sas(want->name);
	return EOIP_EXIT_OK;
}

static int remove_conf(const struct eoip_ipsec *had, const char *path)
{
	if (unlink(path) && errno != ENOENT) {
		eoip_error("cannot remove %s: %s", path, strerror(errno));
		return EOIP_EXIT_FAILURE;
	}
	if (!charon_running())
		return EOIP_EXIT_OK;
	if (reload())
		return EOIP_EXIT_FAILURE;
	end_sas(had->name);
	return EOIP_EXIT_OK;
}

int eoip_ipsec_after(const struct eoip_ipsec *had,
		     const struct eoip_ipsec *want)
{
	char path[EOIP_IPSEC_CONF_MAX];
	int ret = EOIP_EXIT_OK;

	if (conf_path(want->name, path)) {
		eoip_error("the path of %s's IPsec file is too long", want->name);
		return EOIP_EXIT_FAILURE;
	}
	if (want->secret[0])
		ret = apply_conf(had, want, path);
	else if (had->secret[0])
		ret = remove_conf(had, path);
	/* the old remote's block goes only once charon's new policies are in */
	if (had->secret[0] && !blocks_shared(had, want))
		block_del(had);
	return ret;
}

const char *eoip_ipsec_status(const struct eoip_link *tunnel)
{
	const struct eoip_settings *c = &tunnel->settings;
	struct eoip_xfrm_state state;
	struct eoip_nl_error err;
	struct eoip_nl nl;
	char path[EOIP_IPSEC_CONF_MAX];
	struct stat st;
	int ret;

	if (eoip_ipsec_check_name(c->name, path, sizeof(path)) ||
	    conf_path(c->name, path) || stat(path, &st))
		return "none";
	if (!(c->present & EOIP_P_REMOTE) || eoip_xfrm_open(&nl, &err))
		return "unknown";
	ret = eoip_xfrm_state_get(&nl, &c->remote, eoip_proto(c->family),
				  &state, &err);
	eoip_nl_close(&nl);
	if (ret)
		return "unknown";
	if (state.sa_out && state.sa_in)
		return "established";
	if (state.charon_out && state.charon_in)
		return "negotiating";
	if (state.block_out && state.block_in)
		return "blocked";
	return "unprotected";
}
