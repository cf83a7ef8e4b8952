/* oas_json_string.c - JSON string scanning: one pass validates (escapes,
 * control characters, UTF-8 per Unicode table 3-7, surrogate pairs), going
 * sixteen or eight bytes at a time over plain ASCII, and decodes the
 * escapes into the parser's copy of the input, where the string is then
 * terminated in place. */
#include "oas_json_parser.h"
#include "oas_utf8.h"

#include <stdint.h>
#include <string.h>

/* Four hex digits at s (s has at least 4 bytes), or -1. */
static long hex4(const unsigned char *s)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = oas_hex_digit_value(s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Validate the escape at in[at] == '\\'; *n = its length. */
static oas_status check_escape(oas_json_parser *p, size_t at, size_t *n)
{
    const unsigned char *s = p->in + at;
    size_t avail = p->len - at;
    if (avail < 2)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, p->len, "unterminated string");
    switch (s[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        *n = 2;
        return OAS_OK;
    case 'u':
        break;
    default:
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, at, "invalid escape in string");
    }
    long cu = avail >= 6 ? hex4(s + 2) : -1;
    if (cu < 0)
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, at, "invalid \\u escape in string");
    if (cu >= 0xDC00 && cu <= 0xDFFF)
        return oas_json_fail(p, OAS_ERR_JSON_UTF8, at, "lone low surrogate escape in string");
    *n = 6;
    if (cu < 0xD800 || cu > 0xDBFF)
        return OAS_OK;
    long low = (avail >= 12 && s[6] == '\\' && s[7] == 'u') ? hex4(s + 8) : -1;
    if (low < 0xDC00 || low > 0xDFFF)
        return oas_json_fail(p, OAS_ERR_JSON_UTF8, at, "lone high surrogate escape in string");
    *n = 12;
    return OAS_OK;
}

/* Validated: the escape's byte after the backslash, decoded (0 for 'u'
 * and for bytes that are no escape). */
static const char simple_escape[256] = {
    ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
    ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
};

/* A \u escape (one, or a surrogate pair) already validated by
 * check_escape, n bytes at s, written as UTF-8 to out; returns its length. */
static size_t decode_unicode(const unsigned char *s, size_t n, char *out)
{
    unsigned long cp = (unsigned long)hex4(s + 2);
    if (n == 12)
        cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)hex4(s + 8) - 0xDC00);
    return oas_utf8_put(out, (uint32_t)cp);
}

/* memcpy for the short runs between escapes (a body captured inside a HAR
 * has one every few bytes): fixed-size moves that overlap, no call. */
static inline void copy_run(char *dst, const unsigned char *src, size_t n)
{
    if (n > 16) {
        memcpy(dst, src, n);
    } else if (n >= 8) {
        memcpy(dst, src, 8);
        memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
        memcpy(dst, src, 4);
        memcpy(dst + n - 4, src + n - 4, 4);
    } else if (n) {
        dst[0] = (char)src[0];
        dst[n / 2] = (char)src[n / 2];
        dst[n - 1] = (char)src[n - 1];
    }
}

/* The plain bytes and simple escapes from in[i] on, decoded into text[*o]
 * on: returns the index of the first byte that is neither (the closing
 * quote, a \\u escape, a malformed one, a control or non-ASCII byte, or
 * len), *o advanced as far. Sixteen bytes go in one store when it cannot
 * reach text[i'], i' the index of the block's first special byte: from
 * there on the copy still holds input the parse has yet to read. A body
 * captured in a HAR has an escape every few bytes, and each one saves a
 * byte, so after its first sixteen escapes every block is one load, one
 * test and one store, and each escape a few instructions more. */
static inline size_t decode_plain(const unsigned char *in, char *text, size_t *o, size_t i,
                                  size_t len)
{
    size_t to = *o;
#if defined(__SSE2__)
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        unsigned m = oas_json_special_mask16(v);
        size_t k = (size_t)__builtin_ctz(m | 0x10000u); /* 16: none */
        if (to + 16 <= i + k)
            _mm_storeu_si128((__m128i *)(void *)(text + to), v);
        else if (to != i)
            copy_run(text + to, in + i, k);
        i += k;
        to += k;
        if (!m)
            continue;
        /* read from the copy, which holds the input from i on and a NUL
           at len: no bounds check */
        char simple = text[i] == '\\' ? simple_escape[(unsigned char)text[i + 1]] : 0;
        if (!simple) {
            *o = to;
            return i;
        }
        text[to++] = simple;
        i += 2;
    }
#endif
    size_t from = i;
    i = oas_json_skip_plain(in, i, len);
    if (to != from)
        copy_run(text + to, in + from, i - from);
    *o = to + (i - from);
    return i;
}

/* One pass validates the string and decodes it into the parser's copy:
 * o, where the next decoded byte goes, trails i once an escape has been
 * read (an escape is never shorter than what it decodes to), and until
 * then the copy already holds the bytes, so nothing needs writing (a
 * block stored back over itself changes nothing). */
oas_status oas_json_scan_string_rest(oas_json_parser *p, size_t i, const char **out,
                                      size_t *out_len)
{
    const unsigned char *in = p->in;
    char *text = p->text;
    size_t len = p->len, start = p->pos + 1, o = i;
    for (;;) {
        i = decode_plain(in, text, &o, i, len);
        if (i >= len)
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, len, "unterminated string");
        unsigned char c = in[i];
        if (c == '"')
            break;
        if (c == '\\') {
            char simple = i + 1 < len ? simple_escape[in[i + 1]] : 0;
            if (simple) {
                text[o++] = simple;
                i += 2;
                continue;
            }
            size_t n = 0;
            oas_status st = check_escape(p, i, &n);
            if (st != OAS_OK)
                return st;
            o += decode_unicode(in + i, n, text + o);
            i += n;
        } else if (c < 0x20) {
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, i, "unescaped control character in string");
        } else {
            uint32_t cp_unused;
            size_t n = oas_utf8_sequence(in + i, len - i, &cp_unused);
            if (!n)
                return oas_json_fail(p, OAS_ERR_JSON_UTF8, i, "invalid UTF-8 in string");
            if (o != i)
                memcpy(text + o, in + i, n);
            o += n;
            i += n;
        }
    }
    /* The NUL lands at most on the closing quote. */
    text[o] = '\0';
    *out = text + start;
    *out_len = o - start;
    p->pos = i + 1;
    return OAS_OK;
}
