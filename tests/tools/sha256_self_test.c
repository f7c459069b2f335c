// SPDX-License-Identifier: GPL-2.0
/* Known-answer tests of tests/tools/sha256.c; exit status 1 on a mismatch. */
#include <stdio.h>
#include <string.h>

#include "sha256.h"

struct known_answer {
	const char *name;
	const char *message;
	unsigned int repeat;	/* the message this many times */
	const char *digest;
};

static const struct known_answer answers[] = {
	{ "empty", "", 1,
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "abc", 1,
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "two blocks", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "a million a", "a", 1000000,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

int main(void)
{
	unsigned int i, n, failed = 0;

	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		const struct known_answer *answer = &answers[i];
		unsigned char sum[SHA256_DIGEST_SIZE];
		char hex[2 * SHA256_DIGEST_SIZE + 1];
		struct sha256 digest;

		sha256_init(&digest);
		for (n = 0; n < answer->repeat; n++)
			sha256_update(&digest, answer->message, strlen(answer->message));
		sha256_final(&digest, sum);
		for (n = 0; n < SHA256_DIGEST_SIZE; n++)
			snprintf(hex + 2 * n, 3, "%02x", sum[n]);
		if (strcmp(hex, answer->digest)) {
			printf("not ok - SHA-256 of %s: %s, expected %s\n", answer->name, hex,
			       answer->digest);
			failed++;
		} else {
			printf("ok - SHA-256 of %s\n", answer->name);
		}
	}
	return failed ? 1 : 0;
}
