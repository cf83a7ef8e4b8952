/* sha256.c - SHA-256 written from FIPS 180-4 sections 4.1.2, 4.2.2, 5.1.1, 6.2. */
#include "sha256.h"

#include <string.h>

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Functions of 4.1.2 as macros, so that every round below is straight-line
 * code the compiler keeps in registers. The two big sigmas are nested, as
 * in common implementations (ROTR^6 ^ ROTR^11 ^ ROTR^25 of x equals
 * ROTR^6(x ^ ROTR^5(x ^ ROTR^14(x)))), and so are the rotations of the
 * small ones: fewer register copies. */
#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define BIG_SIGMA0(x) ROTR((x) ^ ROTR((x) ^ ROTR(x, 9), 11), 2)
#define BIG_SIGMA1(x) ROTR((x) ^ ROTR((x) ^ ROTR(x, 14), 5), 6)
#define SMALL_SIGMA0(x) (ROTR((x) ^ ROTR(x, 11), 7) ^ ((x) >> 3))
#define SMALL_SIGMA1(x) (ROTR((x) ^ ROTR(x, 2), 17) ^ ((x) >> 10))
/* Ch and Maj rewritten with fewer operations; same truth tables. */
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* Message schedule (6.2.2 step 1) in a 16-word ring: W[t] for t >= 16
 * overwrites W[t - 16], the oldest word still kept. Callers pass t mod 16
 * as a constant so that every index is known at compile time. */
#define SCHEDULE(i)                                                                \
    (w[(i) & 15] += SMALL_SIGMA1(w[((i) + 14) & 15]) + w[((i) + 9) & 15] +         \
                    SMALL_SIGMA0(w[((i) + 1) & 15]))

/* One round (6.2.2 step 3) without the shuffle of the eight working
 * variables: each call names them rotated by one place instead, so after
 * eight rounds they are back in order. */
#define ROUND(a, b, c, d, e, f, g, h, k, wt)                                    \
    do {                                                                        \
        uint32_t t1 = (h) + BIG_SIGMA1(e) + CH(e, f, g) + (k) + (wt);           \
        (d) += t1;                                                              \
        (h) = t1 + BIG_SIGMA0(a) + MAJ(a, b, c);                                \
    } while (0)

/* Rounds t + i .. t + i + 7, where i (0 or 8) is t + i mod 16. */
#define EIGHT_ROUNDS(t, i, W)                                                           \
    do {                                                                                \
        ROUND(a, b, c, d, e, f, g, h, round_constants[(t) + (i) + 0], W((i) + 0));      \
        ROUND(h, a, b, c, d, e, f, g, round_constants[(t) + (i) + 1], W((i) + 1));      \
        ROUND(g, h, a, b, c, d, e, f, round_constants[(t) + (i) + 2], W((i) + 2));      \
        ROUND(f, g, h, a, b, c, d, e, round_constants[(t) + (i) + 3], W((i) + 3));      \
        ROUND(e, f, g, h, a, b, c, d, round_constants[(t) + (i) + 4], W((i) + 4));      \
        ROUND(d, e, f, g, h, a, b, c, round_constants[(t) + (i) + 5], W((i) + 5));      \
        ROUND(c, d, e, f, g, h, a, b, round_constants[(t) + (i) + 6], W((i) + 6));      \
        ROUND(b, c, d, e, f, g, h, a, round_constants[(t) + (i) + 7], W((i) + 7));      \
    } while (0)

#define MESSAGE_WORD(i) w[i]

static uint32_t load_big_endian(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Hashes `count` consecutive 64-byte blocks into state (6.2.2). */
static void compress_portable(uint32_t state[8], const unsigned char *blocks, size_t count)
{
    for (; count > 0; count--, blocks += 64) {
        uint32_t w[16];
        for (int t = 0; t < 16; t++)
            w[t] = load_big_endian(blocks + 4 * t);
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        EIGHT_ROUNDS(0, 0, MESSAGE_WORD);
        EIGHT_ROUNDS(0, 8, MESSAGE_WORD);
        for (int t = 16; t < 64; t += 16) {
            EIGHT_ROUNDS(t, 0, SCHEDULE);
            EIGHT_ROUNDS(t, 8, SCHEDULE);
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI_PATH 1

/* CPUID leaf 7, EBX bit 29: SHA extensions (SHA256RNDS2, SHA256MSG1/2). */
static bool cpu_has_sha_ni(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return false;
    if (!(b & (1u << 29)))
        return false;
    /* SSSE3 (pshufb) and SSE4.1 (pblendw) are used around the rounds. */
    return __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19));
}

/* The same rounds with the SHA extensions: four rounds per two
 * SHA256RNDS2, the schedule by SHA256MSG1/MSG2. The state is kept as the
 * instructions want it (ABEF and CDGH); the spec digest of a large spec is
 * otherwise a tenth of oas2c's run. */
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_sha_ni(uint32_t state[8], const unsigned char *blocks, size_t count)
{
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1); /* CDAB */
    __m128i cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); /* EFGH */
    __m128i abef = _mm_alignr_epi8(tmp, cdgh, 8);                                 /* ABEF */
    cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);                                      /* CDGH */
    for (; count > 0; count--, blocks += 64) {
        __m128i abef_in = abef, cdgh_in = cdgh;
        __m128i w[4]; /* message words t..t+15, four per vector, as a ring */
        for (int g = 0; g < 16; g++) {
            __m128i *cur = &w[g & 3];
            if (g < 4)
                *cur = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * g)),
                                        byte_swap);
            else /* W[t] from W[t-16] (*cur), W[t-15], W[t-7] and W[t-2] */
                *cur = _mm_sha256msg2_epu32(
                    _mm_add_epi32(_mm_sha256msg1_epu32(*cur, w[(g + 1) & 3]),
                                  _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4)),
                    w[(g + 3) & 3]);
            __m128i msg = _mm_add_epi32(
                *cur, _mm_loadu_si128((const __m128i *)&round_constants[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(msg, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }
    tmp = _mm_shuffle_epi32(abef, 0x1B);                                          /* FEBA */
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);                                         /* DCHG */
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(tmp, cdgh, 0xF0));     /* DCBA */
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(cdgh, tmp, 8));        /* HGFE */
}
#endif

static void sha256_compress(sha256_ctx *c, const unsigned char *blocks, size_t count)
{
    if (count == 0)
        return;
#ifdef HAVE_SHA_NI_PATH
    if (c->sha_ni) {
        compress_sha_ni(c->state, blocks, count);
        return;
    }
#endif
    compress_portable(c->state, blocks, count);
}

void sha256_init(sha256_ctx *c)
{
    static const uint32_t initial[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(c->state, initial, sizeof initial);
    c->total_len = 0;
    c->block_len = 0;
#ifdef HAVE_SHA_NI_PATH
    c->sha_ni = cpu_has_sha_ni();
#else
    c->sha_ni = false;
#endif
}

void sha256_update(sha256_ctx *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len == 0)
        return;  /* data may be NULL then */
    c->total_len += len;
    if (c->block_len > 0) {
        size_t take = 64 - c->block_len;
        if (take > len)
            take = len;
        memcpy(c->block + c->block_len, p, take);
        c->block_len += take;
        p += take;
        len -= take;
        if (c->block_len < 64)
            return;
        sha256_compress(c, c->block, 1);
        c->block_len = 0;
    }
    /* Whole blocks straight from the input, without a copy. */
    sha256_compress(c, p, len / 64);
    p += len - len % 64;
    len %= 64;
    memcpy(c->block, p, len);
    c->block_len = len;
}

void sha256_final(sha256_ctx *c, unsigned char digest[32])
{
    uint64_t bit_len = c->total_len * 8;
    /* Padding (5.1.1): a 1 bit, zeros up to 56 mod 64, then the 64-bit length. */
    c->block[c->block_len++] = 0x80;
    if (c->block_len > 56) {
        memset(c->block + c->block_len, 0, 64 - c->block_len);
        sha256_compress(c, c->block, 1);
        c->block_len = 0;
    }
    memset(c->block + c->block_len, 0, 56 - c->block_len);
    for (int i = 0; i < 8; i++)
        c->block[56 + i] = (unsigned char)(bit_len >> (56 - 8 * i));
    sha256_compress(c, c->block, 1);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (unsigned char)(c->state[i] >> 24);
        digest[4 * i + 1] = (unsigned char)(c->state[i] >> 16);
        digest[4 * i + 2] = (unsigned char)(c->state[i] >> 8);
        digest[4 * i + 3] = (unsigned char)c->state[i];
    }
}

void sha256_hex(const void *data, size_t len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    sha256_ctx c;
    unsigned char digest[32];
    sha256_init(&c);
    sha256_update(&c, data, len);
    sha256_final(&c, digest);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}
