/* oas_utf8.h - hex digits and UTF-8 encoding and decoding, header-only: the
 * JSON reader, the regex compiler, the generator's JSONPath and $ref
 * readers, the mock's percent-decoding and the terminal and XML escapers
 * all need them, and the generator does not link the runtime. */
#ifndef OAS_UTF8_H
#define OAS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 0..15 for an ASCII hex digit of either case, else -1. */
static inline int oas_hex_digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Writes the UTF-8 form of cp (at most 0x10FFFF, not a surrogate: the
 * caller has checked) to out, which has room for 4 bytes; returns 1..4. */
static inline size_t oas_utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the well-formed UTF-8 sequence starting at s[0] (a non-ASCII
 * lead byte; len bytes readable), with its code point in *cp; 0 when the
 * bytes there are not one. The second-byte ranges are Unicode's table of
 * well-formed sequences: they shut out overlongs, encoded surrogates and
 * anything past U+10FFFF. */
static inline size_t oas_utf8_sequence(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char lead = s[0], lo = 0x80, hi = 0xBF;
    size_t n;
    uint32_t v;
    if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2;
        v = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        v = lead & 0x0Fu;
        if (lead == 0xE0)
            lo = 0xA0;
        else if (lead == 0xED)
            hi = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        v = lead & 0x07u;
        if (lead == 0xF0)
            lo = 0x90;
        else if (lead == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

/* Whether s[0..len) is well-formed UTF-8 throughout: every byte from 0x80
 * up starts a sequence oas_utf8_sequence reads (what the JSON reader takes
 * in a string). */
static inline bool oas_utf8_well_formed(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = oas_utf8_sequence(u + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

#ifdef __cplusplus
}
#endif
#endif
