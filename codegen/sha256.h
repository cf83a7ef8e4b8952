/* sha256.h - SHA-256 (FIPS 180-4), for the spec digest in generated banners. */
#ifndef OAS2C_SHA256_H
#define OAS2C_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
    uint32_t state[8];
    uint64_t total_len;      /* bytes hashed so far */
    unsigned char block[64];
    size_t block_len;
    bool sha_ni;             /* the CPU's SHA instructions do the rounds */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char digest[32]);
/* One-shot digest as 64 lower-case hex digits plus NUL. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
