// SPDX-License-Identifier: GPL-2.0
/* SHA-256 as FIPS 180-4 defines it, written for clarity over speed. */
#include <string.h>

#include "sha256.h"

static const uint32_t round_constants[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotate_right(uint32_t value, unsigned int bits)
{
	return (value >> bits) | (value << (32 - bits));
}

static void sha256_compress(struct sha256 *ctx, const uint8_t block[64])
{
	uint32_t schedule[64], v[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		schedule[i] = (uint32_t)block[4 * i] << 24 |
			      (uint32_t)block[4 * i + 1] << 16 |
			      (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = rotate_right(schedule[i - 15], 7) ^
			      rotate_right(schedule[i - 15], 18) ^ (schedule[i - 15] >> 3);
		uint32_t s1 = rotate_right(schedule[i - 2], 17) ^
			      rotate_right(schedule[i - 2], 19) ^ (schedule[i - 2] >> 10);

		schedule[i] = schedule[i - 16] + s0 + schedule[i - 7] + s1;
	}
	memcpy(v, ctx->state, sizeof(v));
	for (i = 0; i < 64; i++) {
		/* v[0..7] are a..h */
		t1 = v[7] + (rotate_right(v[4], 6) ^ rotate_right(v[4], 11) ^
			     rotate_right(v[4], 25)) +
		     ((v[4] & v[5]) ^ (~v[4] & v[6])) + round_constants[i] + schedule[i];
		t2 = (rotate_right(v[0], 2) ^ rotate_right(v[0], 13) ^
		      rotate_right(v[0], 22)) +
		     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		ctx->state[i] += v[i];
}

void sha256_init(struct sha256 *ctx)
{
	static const uint32_t initial[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(ctx->state, initial, sizeof(initial));
	ctx->length = 0;
}

void sha256_update(struct sha256 *ctx, const void *data, size_t size)
{
	const uint8_t *bytes = data;
	size_t used = ctx->length % 64;

	ctx->length += size;
	if (used) {
		size_t take = 64 - used < size ? 64 - used : size;

		memcpy(ctx->block + used, bytes, take);
		bytes += take;
		size -= take;
		if (used + take < 64)
			return;
		sha256_compress(ctx, ctx->block);
	}
	for (; size >= 64; bytes += 64, size -= 64)
		sha256_compress(ctx, bytes);
	memcpy(ctx->block, bytes, size);
}

void sha256_final(struct sha256 *ctx, uint8_t digest[SHA256_DIGEST_SIZE])
{
	uint64_t bits = ctx->length * 8;
	size_t used = ctx->length % 64;
	int i;

	ctx->block[used++] = 0x80;
	if (used > 56) {
		memset(ctx->block + used, 0, 64 - used);
		sha256_compress(ctx, ctx->block);
		used = 0;
	}
	memset(ctx->block + used, 0, 56 - used);
	for (i = 0; i < 8; i++)
		ctx->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	sha256_compress(ctx, ctx->block);
	for (i = 0; i < 32; i++)
		digest[i] = (uint8_t)(ctx->state[i / 4] >> (24 - 8 * (i % 4)));
}
