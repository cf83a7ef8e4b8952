/* oas_json_parser.h - private state of one oas_json_parse() call, shared by
 * the structure driver, the string scanner and the number scanner. */
#ifndef OAS_JSON_PARSER_H
#define OAS_JSON_PARSER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "oas_json_internal.h"

typedef struct oas_json_frame {
    size_t slot;  /* scratch index of the container's own node */
    uint8_t type; /* OAS_JSON_ARRAY or OAS_JSON_OBJECT */
} oas_json_frame;

typedef struct oas_json_parser {
    const unsigned char *in;
    size_t len, pos;
    /* Arena copy of the input (NUL at [len]). Strings and number texts point
     * into it, terminated in place over their closing quote or delimiter,
     * so a parse copies the input once instead of once per string. */
    char *text;
    size_t max_depth;
    oas_arena *arena;
    /* Children of open containers wait here until their container closes,
     * then move to the arena as one contiguous array. */
    oas_json_member *slots;
    size_t nslots, slots_cap;
    oas_json_frame *frames;
    size_t depth, frames_cap;
    oas_json_dup_table dups;
    oas_error *err;
} oas_json_parser;

/* Fill p->err with code, a message naming `what` and its position. */
oas_status oas_json_fail(oas_json_parser *p, oas_status code, size_t offset, const char *what);

/* Nonzero when some byte of w needs a closer look: '"', '\\', < 0x20 or
 * >= 0x80. Borrows can flag bytes above a special one, never below it, so
 * the lowest flagged byte is always a real one (and no byte is missed):
 * x - 0x20 sets the high bit of bytes < 0x20, q - 1 and b - 1 set it where
 * q or b is 0, and w's own high bit marks bytes >= 0x80. */
static inline uint64_t oas_json_special_bytes(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return ((w - ones * 0x20) | (q - ones) | (b - ones) | w) & highs;
}

/* Index of the first byte at or after i that is not plain ASCII string
 * content, or len. The 8-byte loads go through memcpy: no unaligned
 * pointer casts. */
static inline size_t oas_json_skip_plain(const unsigned char *in, size_t i, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, in + i, 8);
        uint64_t m = oas_json_special_bytes(w);
        if (m)
            return i + (size_t)__builtin_ctzll(m) / 8;
        i += 8;
    }
#endif
    while (i < len && in[i] >= 0x20 && in[i] < 0x80 && in[i] != '"' && in[i] != '\\')
        i++;
    return i;
}

/* The rest of a string whose bytes from the opening quote to i are plain
 * (oas_json_string.c): escapes, UTF-8, errors. */
oas_status oas_json_scan_string_rest(oas_json_parser *p, size_t i, const char **out,
                                     size_t *out_len);

/* p->pos is at the opening quote; on success it is past the closing one and
 * *out / *out_len is the decoded string, NUL-terminated, inside p->text.
 * Inline for the common plain string (most keys and values): no call. */
static inline oas_status oas_json_scan_string(oas_json_parser *p, const char **out,
                                              size_t *out_len)
{
    size_t start = p->pos + 1, i = oas_json_skip_plain(p->in, start, p->len);
    if (i >= p->len || p->in[i] != '"')
        return oas_json_scan_string_rest(p, i, out, out_len);
    p->text[i] = '\0'; /* over the closing quote, in the copy */
    *out = p->text + start;
    *out_len = i - start;
    p->pos = i + 1;
    return OAS_OK;
}

/* p->pos is at '-' or a digit; on success it is past the number. */
oas_status oas_json_scan_number(oas_json_parser *p, oas_json *node);

#endif
