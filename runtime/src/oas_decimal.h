/* oas_decimal.h - exact arithmetic on JSON number texts, for the numbers a
 * double cannot hold (1e400, 400-digit integers, 1e-400) or holds only
 * rounded (0.1). Private to the runtime; not installed.
 *
 * Texts are valid JSON numbers (RFC 8259 grammar, as the reader accepted
 * them), not NUL-terminated. Exponents beyond +-2^60 saturate, so numbers
 * that differ only there compare by their digits: no document can tell. */
#ifndef OAS_DECIMAL_H
#define OAS_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#include "oas_siphash.h"

/* -1, 0, 1 as the value of a is below, equal to, above the value of b
 * (1.0 == 1 == 10e-1, -0 == 0). */
int oas_decimal_cmp(const char *a, size_t a_len, const char *b, size_t b_len);

/* Is x an integer multiple of m (m > 0)? 1 yes, 0 no, exactly; -1 when m
 * is 0 or has more than 9 significant digits (the exact method works modulo m's
 * digits in 64-bit words), and the caller must decide otherwise. */
int oas_decimal_multiple(const char *x, size_t x_len, const char *m, size_t m_len);

/* A keyed hash of the value of s: texts that oas_decimal_cmp() finds equal
 * (1.0, 1, 10e-1) hash alike. Linear in len. */
uint64_t oas_decimal_hash(const char *s, size_t len, const oas_siphash_key *key);

#endif
