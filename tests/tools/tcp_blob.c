// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_blob: moves a reproducible stream of bytes over TCP and fingerprints
 * it, for the scenarios that check bytes cross a tunnel intact.
 *
 *   tcp_blob receive ADDRESS PORT
 *	accepts one connection, reads it to its end, prints "BYTES SHA256"
 *   tcp_blob send ADDRESS PORT BYTES SEED
 *	sends BYTES pseudo-random bytes (from SEED) in 64 KiB writes, so that
 *	TCP builds GSO packets; prints "BYTES SHA256". While the receiver is
 *	not listening yet (connection refused) it tries again for 30 s.
 *
 * A compiled program because a Python interpreter takes a second or more
 * to start in the test guests; exit status 1 and a message on any error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"

#define CHUNK_SIZE 65536
#define CONNECT_RETRY_SECONDS 30
#define SEND_TIMEOUT_SECONDS 120

static void die(const char *what)
{
	fprintf(stderr, "tcp_blob: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fputs("usage: tcp_blob receive ADDRESS PORT\n"
	      "       tcp_blob send ADDRESS PORT BYTES SEED\n", stderr);
	exit(1);
}

static uint64_t parse_number(const char *text, const char *what, uint64_t max)
{
	char *end;
	unsigned long long value;

	errno = 0;
	value = strtoull(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-' || value > max) {
		fprintf(stderr, "tcp_blob: %s '%s' is not a number from 0 to %" PRIu64 "\n",
			what, text, max);
		exit(1);
	}
	return value;
}

/* ADDRESS PORT as a socket address of the family the address is written in */
static socklen_t parse_address(const char *address, const char *port,
			       struct sockaddr_storage *storage)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)storage;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)storage;
	uint16_t number = (uint16_t)parse_number(port, "port", 65535);

	memset(storage, 0, sizeof(*storage));
	if (inet_pton(AF_INET, address, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(number);
		return sizeof(*in4);
	}
	if (inet_pton(AF_INET6, address, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(number);
		return sizeof(*in6);
	}
	fprintf(stderr, "tcp_blob: '%s' is not an IPv4 or IPv6 address\n", address);
	exit(1);
}

static void print_fingerprint(uint64_t bytes, struct sha256 *digest)
{
	uint8_t sum[SHA256_DIGEST_SIZE];
	int i;

	sha256_final(digest, sum);
	printf("%" PRIu64 " ", bytes);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		printf("%02x", sum[i]);
	putchar('\n');
}

static void receive(const char *address, const char *port)
{
	static uint8_t buffer[CHUNK_SIZE];
	struct sockaddr_storage local;
	socklen_t length = parse_address(address, port, &local);
	struct sha256 digest;
	uint64_t total = 0;
	int server, connection, on = 1;
	ssize_t got;

	server = socket(local.ss_family, SOCK_STREAM, 0);
	if (server < 0)
		die("socket");
	if (setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)))
		die("SO_REUSEADDR");
	if (bind(server, (struct sockaddr *)&local, length))
		die("bind");
	if (listen(server, 1))
		die("listen");
	connection = accept(server, NULL, NULL);
	if (connection < 0)
		die("accept");
	close(server);
	sha256_init(&digest);
	while ((got = read(connection, buffer, sizeof(buffer))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			die("read");
		}
		sha256_update(&digest, buffer, (size_t)got);
		total += (uint64_t)got;
	}
	close(connection);
	print_fingerprint(total, &digest);
}

/* splitmix64: a fast generator whose stream depends only on the seed */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int connect_retrying(const struct sockaddr_storage *remote, socklen_t length)
{
	struct timeval send_timeout = { .tv_sec = SEND_TIMEOUT_SECONDS };
	const struct timespec pause = { .tv_nsec = 20 * 1000 * 1000 };
	time_t give_up = time(NULL) + CONNECT_RETRY_SECONDS;
	int fd;

	for (;;) {
		fd = socket(remote->ss_family, SOCK_STREAM, 0);
		if (fd < 0)
			die("socket");
		/* bounds connect() and every write: a black hole fails in time */
		if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout,
			       sizeof(send_timeout)))
			die("SO_SNDTIMEO");
		if (!connect(fd, (const struct sockaddr *)remote, length))
			return fd;
		if (errno != ECONNREFUSED || time(NULL) >= give_up)
			die("connect");
		close(fd);
		nanosleep(&pause, NULL);
	}
}

static void send_blob(const char *address, const char *port, uint64_t size, uint64_t seed)
{
	static uint8_t buffer[CHUNK_SIZE];
	struct sockaddr_storage remote;
	socklen_t length = parse_address(address, port, &remote);
	struct sha256 digest;
	uint64_t total = 0, value;
	size_t chunk, i, done;
	ssize_t put;
	int fd;

	fd = connect_retrying(&remote, length);
	sha256_init(&digest);
	while (total < size) {
		chunk = size - total < CHUNK_SIZE ? (size_t)(size - total) : CHUNK_SIZE;
		for (i = 0; i < chunk; i += sizeof(value)) {
			value = next_random(&seed);
			memcpy(buffer + i, &value,
			       chunk - i < sizeof(value) ? chunk - i : sizeof(value));
		}
		for (done = 0; done < chunk; done += (size_t)put) {
			put = write(fd, buffer + done, chunk - done);
			if (put < 0) {
				if (errno == EINTR) {
					put = 0;
					continue;
				}
				die("write");
			}
		}
		sha256_update(&digest, buffer, chunk);
		total += chunk;
	}
	if (close(fd))
		die("close");
	print_fingerprint(total, &digest);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "receive"))
		receive(argv[2], argv[3]);
	else if (argc == 6 && !strcmp(argv[1], "send"))
		send_blob(argv[2], argv[3],
			  parse_number(argv[4], "byte count", UINT64_MAX),
			  parse_number(argv[5], "seed", UINT64_MAX));
	else
		usage();
	return 0;
}
