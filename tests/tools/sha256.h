/* SPDX-License-Identifier: GPL-2.0 */
/* SHA-256 (FIPS 180-4) for the test tools: no library needed in the guest. */
#ifndef EOIP_TEST_SHA256_H
#define EOIP_TEST_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32

struct sha256 {
	uint32_t state[8];
	uint64_t length;	/* bytes hashed so far */
	uint8_t block[64];	/* the partial block */
};

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t size);
void sha256_final(struct sha256 *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);

#endif
