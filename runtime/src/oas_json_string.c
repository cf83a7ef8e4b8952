/* oas_json_string.c - JSON string scanning: one validating pass (escapes,
 * control characters, UTF-8 per Unicode table 3-7, surrogate pairs), eight
 * bytes at a time over plain ASCII; then the string is terminated (and its
 * escapes decoded) in place inside the parser's copy of the input. */
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

/* Decode already-validated string bytes into out; returns the length. */
static size_t decode(const unsigned char *s, size_t n, char *out)
{
    size_t o = 0, i = 0;
    while (i < n) {
        const unsigned char *bs = memchr(s + i, '\\', n - i);
        size_t run = bs ? (size_t)(bs - s) - i : n - i;
        memcpy(out + o, s + i, run);
        o += run;
        i += run;
        if (!bs)
            break;
        unsigned char e = s[i + 1];
        static const char simple[256] = {
            ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
            ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
        };
        if (e != 'u') {
            out[o++] = simple[e];
            i += 2;
            continue;
        }
        unsigned long cp = (unsigned long)hex4(s + i + 2);
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned long low = (unsigned long)hex4(s + i + 2);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
        }
        o += oas_utf8_put(out + o, (uint32_t)cp);
    }
    return o;
}

oas_status oas_json_scan_string_rest(oas_json_parser *p, size_t i, const char **out,
                                      size_t *out_len)
{
    const unsigned char *in = p->in;
    size_t len = p->len, start = p->pos + 1;
    bool escaped = false;
    for (;;) {
        i = oas_json_skip_plain(in, i, len);
        if (i >= len)
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, len, "unterminated string");
        unsigned char c = in[i];
        if (c == '"')
            break;
        if (c == '\\') {
            size_t n = 0;
            oas_status st = check_escape(p, i, &n);
            if (st != OAS_OK)
                return st;
            escaped = true;
            i += n;
        } else if (c < 0x20) {
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, i, "unescaped control character in string");
        } else {
            uint32_t cp_unused;
            size_t n = oas_utf8_sequence(in + i, len - i, &cp_unused);
            if (!n)
                return oas_json_fail(p, OAS_ERR_JSON_UTF8, i, "invalid UTF-8 in string");
            i += n;
        }
    }
    /* Decoding never lengthens a string, so it fits where the raw bytes were
     * in the copy; the NUL lands at most on the closing quote. */
    char *dst = p->text + start;
    size_t n = escaped ? decode(in + start, i - start, dst) : i - start;
    dst[n] = '\0';
    *out = dst;
    *out_len = n;
    p->pos = i + 1;
    return OAS_OK;
}
