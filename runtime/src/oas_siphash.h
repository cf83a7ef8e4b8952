/* oas_siphash.h - SipHash (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF", 2012): a keyed 64-bit hash for tables indexed by
 * untrusted input. Without the key, nobody can choose inputs that collide,
 * so an attacker cannot make such a table degrade.
 *
 * The state is four 64-bit words set from the key and four constants; every
 * 8-byte little-endian word m of the input is absorbed as
 * v3 ^= m, c_rounds SipRounds, v0 ^= m; the last word carries the input's
 * remaining bytes and, in its top byte, the input length mod 256; then
 * v2 ^= 0xff, d_rounds SipRounds, and the result is v0 ^ v1 ^ v2 ^ v3.
 * SipHash-1-3 (c = 1, d = 3) is what hash tables use; SipHash-2-4 is the
 * paper's conservative choice, with published test vectors.
 * Not installed. */
#ifndef OAS_SIPHASH_H
#define OAS_SIPHASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct oas_siphash_key {
    uint64_t k0, k1;
} oas_siphash_key;

/* The process's key: 128 bits from getrandom(2), or /dev/urandom when that
 * is unavailable, drawn once on first use whichever thread comes first
 * (pthread_once). If neither source works it is derived from the clock and
 * addresses: weak, which is why the duplicate detector does not rely on it
 * alone for its worst case. */
const oas_siphash_key *oas_siphash_process_key(void);

/* A key from 16 bytes, read little-endian (as the paper's test vectors do). */
oas_siphash_key oas_siphash_key_from_bytes(const unsigned char bytes[16]);

static inline uint64_t oas_siphash_rotl(uint64_t x, unsigned b)
{
    return (x << b) | (x >> (64 - b));
}

typedef struct oas_siphash_state {
    uint64_t v0, v1, v2, v3;
} oas_siphash_state;

static inline void oas_siphash_round(oas_siphash_state *s)
{
    s->v0 += s->v1;
    s->v1 = oas_siphash_rotl(s->v1, 13);
    s->v1 ^= s->v0;
    s->v0 = oas_siphash_rotl(s->v0, 32);
    s->v2 += s->v3;
    s->v3 = oas_siphash_rotl(s->v3, 16);
    s->v3 ^= s->v2;
    s->v0 += s->v3;
    s->v3 = oas_siphash_rotl(s->v3, 21);
    s->v3 ^= s->v0;
    s->v2 += s->v1;
    s->v1 = oas_siphash_rotl(s->v1, 17);
    s->v1 ^= s->v2;
    s->v2 = oas_siphash_rotl(s->v2, 32);
}

/* Eight bytes from p[at], little-endian. */
static inline uint64_t oas_siphash_load8(const unsigned char *p, size_t at)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w; /* one load; memcpy, not an unaligned pointer cast */
    memcpy(&w, p + at, 8);
    return w;
#else
    uint64_t w = 0;
    for (unsigned i = 0; i < 8; i++)
        w |= (uint64_t)p[at + i] << (8 * i);
    return w;
#endif
}

/* The last n < 8 bytes from p[at], little-endian; no pointer arithmetic
 * when n is 0 (p may then be NULL). */
static inline uint64_t oas_siphash_load_tail(const unsigned char *p, size_t at, size_t n)
{
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)p[at + i] << (8 * i);
    return w;
}

static inline void oas_siphash_absorb(oas_siphash_state *s, uint64_t m, unsigned c_rounds)
{
    s->v3 ^= m;
    for (unsigned r = 0; r < c_rounds; r++)
        oas_siphash_round(s);
    s->v0 ^= m;
}

/* SipHash-c-d of data[0..len). Inline so that the round counts are
 * constants where it is used. */
static inline uint64_t oas_siphash(const oas_siphash_key *key, unsigned c_rounds,
                                   unsigned d_rounds, const void *data, size_t len)
{
    const unsigned char *in = data;
    oas_siphash_state s = {key->k0 ^ UINT64_C(0x736f6d6570736575), /* "somepseu" */
                           key->k1 ^ UINT64_C(0x646f72616e646f6d), /* "dorandom" */
                           key->k0 ^ UINT64_C(0x6c7967656e657261), /* "lygenera" */
                           key->k1 ^ UINT64_C(0x7465646279746573)}; /* "tedbytes" */
    size_t whole = len - len % 8;
    for (size_t i = 0; i < whole; i += 8)
        oas_siphash_absorb(&s, oas_siphash_load8(in, i), c_rounds);
    oas_siphash_absorb(&s, oas_siphash_load_tail(in, whole, len - whole) |
                               ((uint64_t)(len & 0xff) << 56),
                       c_rounds);
    s.v2 ^= 0xff;
    for (unsigned r = 0; r < d_rounds; r++)
        oas_siphash_round(&s);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

#endif
