/* oas_utf8.h - hex digits and UTF-8 encoding, header-only: the JSON reader,
 * the regex compiler, the generator's JSONPath and $ref readers and the
 * mock's percent-decoding all decode the same escapes, and the generator
 * does not link the runtime. */
#ifndef OAS_UTF8_H
#define OAS_UTF8_H

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

#ifdef __cplusplus
}
#endif
#endif
