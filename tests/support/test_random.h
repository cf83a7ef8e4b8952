/* test_random.h - a small deterministic generator for tests that build
 * random inputs (xorshift64): the same seed gives the same inputs on
 * every machine, so a failure can be replayed. */
#ifndef TEST_RANDOM_H
#define TEST_RANDOM_H

#include <stdint.h>

/* A number in [0, n) (n > 0); *state must not be 0. */
static inline unsigned test_random_below(uint64_t *state, unsigned n)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (unsigned)(*state % n);
}

#endif
