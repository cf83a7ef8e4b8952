/* oas_buf.c - growable byte buffer with sticky failure, and the JSON scalar
 * writers every serializer shares. */
#include "oas_buf.h"

#include <stdint.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_json_internal.h"

void oas_buf_init(oas_buf *b)
{
    if (b)
        *b = (oas_buf)OAS_BUF_INIT;
}

void oas_buf_free(oas_buf *b)
{
    if (!b)
        return;
    oas_free(b->data);
    oas_buf_init(b);
}

void oas_buf_reset(oas_buf *b)
{
    if (!b)
        return;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

oas_status oas_buf_status(const oas_buf *b)
{
    return b ? b->failed : OAS_ERR_INVALID_ARG;
}

/* Room for `extra` more bytes plus the NUL; false (and sticky failure) if
 * that cannot be had. */
static bool reserve(oas_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra >= SIZE_MAX - b->len) {
        b->failed = OAS_ERR_NOMEM;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = oas_realloc(b->data, cap);
    if (!p) {
        b->failed = OAS_ERR_NOMEM;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

char *oas_buf_steal(oas_buf *b, size_t *len)
{
    if (len)
        *len = 0;
    if (!b || b->failed || !reserve(b, 0)) {
        oas_buf_free(b);
        return NULL;
    }
    char *p = b->data;
    p[b->len] = '\0';
    if (len)
        *len = b->len;
    oas_buf_init(b);
    return p;
}

void oas_buf_append(oas_buf *b, const void *data, size_t len)
{
    if (!b || !reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void oas_buf_append_copy(oas_buf *b, size_t from, size_t n)
{
    if (!b || b->failed || from > b->len || n > b->len - from || !n)
        return;
    if (!reserve(b, n)) /* may move data: copy from it only after */
        return;
    memcpy(b->data + b->len, b->data + from, n); /* the copy lands past len: no overlap */
    b->len += n;
    b->data[b->len] = '\0';
}

void oas_buf_puts(oas_buf *b, const char *s)
{
    if (s)
        oas_buf_append(b, s, strlen(s));
}

void oas_buf_putc(oas_buf *b, char c)
{
    if (b && !b->failed && b->cap - b->len >= 2) { /* room for c and the NUL (cap > len once allocated) */
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    oas_buf_append(b, &c, 1);
}

void oas_buf_printf(oas_buf *b, const char *fmt, ...)
{
    if (!b || b->failed)
        return;
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = OAS_ERR_INVALID_ARG;
        return;
    }
    if ((size_t)n < sizeof small) {
        oas_buf_append(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* 0 = copy as is; otherwise the second character of a two-char escape, or
 * 'u' for \u00XX. */
static const char escape_kind[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
    [0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u',
    [0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
    [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
    [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u',
    [0x1e] = 'u', [0x1f] = 'u', ['"'] = '"', ['\\'] = '\\',
};

/* Does any of the 8 bytes of w need an escape (below 0x20, '"' or '\\')?
 * The zero-byte tests never miss one (they may not say which). */
static bool word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
            ((backslash - ones) & ~backslash)) & highs;
}

/* The first byte at or after i that needs an escape, or len. Most text needs
 * none: 8 bytes at a time, and the last (fewer than 8) bytes as the word that
 * ends the text, read again in part; a word that holds such a byte (the
 * last one may hold an escape already written, before i) is looked at byte
 * by byte from i. */
static size_t next_escape(const char *s, size_t i, size_t len)
{
    uint64_t w;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        if (word_needs_escape(w))
            break;
    }
    if (i + 8 > len && len >= 8 && i < len) {
        memcpy(&w, s + len - 8, 8);
        if (!word_needs_escape(w))
            return len;
    }
    while (i < len && !escape_kind[(unsigned char)s[i]])
        i++;
    return i;
}

void oas_buf_json_string(oas_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    /* Room for the quotes and the text as is, taken once; an escape takes
       room for itself and the rest again, so a string with none (most) costs
       one room check, not one per piece. */
    if (!b)
        return;
    if (len > SIZE_MAX - 8) { /* no such text fits in memory; the sums below would wrap */
        if (!b->failed)
            b->failed = OAS_ERR_NOMEM;
        return;
    }
    if (!reserve(b, len + 2))
        return;
    char *o = b->data + b->len;
    *o++ = '"';
    for (size_t run = 0;;) {
        size_t i = next_escape(s, run, len);
        if (i > run) /* s may be NULL when len is 0 */
            memcpy(o, s + run, i - run);
        o += i - run;
        if (i == len)
            break;
        unsigned char c = (unsigned char)s[i];
        char kind = escape_kind[c];
        run = i + 1;
        *o = '\0'; /* the buffer stays a string if the room cannot be had */
        b->len = (size_t)(o - b->data);
        /* the escape (at most 6), the rest of the text, the closing quote */
        if (!reserve(b, 6 + (len - run) + 1))
            return;
        o = b->data + b->len;
        *o++ = '\\';
        *o++ = kind;
        if (kind == 'u') {
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o++ = '"';
    *o = '\0';
    b->len = (size_t)(o - b->data);
}

/* Decimal digits written backwards from the end of text[20] (2^64 - 1 has
 * 20): no printf, which costs more than the digits where a line holds a few
 * counts (validate's verdicts). Returns the first digit. */
static char *decimal_digits(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void oas_buf_json_uint64(oas_buf *b, uint64_t v)
{
    char text[20];
    char *first = decimal_digits(text + sizeof text, v);
    oas_buf_append(b, first, (size_t)(text + sizeof text - first));
}

void oas_buf_json_int64(oas_buf *b, int64_t v)
{
    char text[21];
    /* the magnitude as unsigned: -INT64_MIN overflows int64 */
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char *first = decimal_digits(text + sizeof text, mag);
    if (v < 0)
        *--first = '-';
    oas_buf_append(b, first, (size_t)(text + sizeof text - first));
}

void oas_buf_json_double(oas_buf *b, double v)
{
    if (!b || b->failed)
        return;
    if (!isfinite(v)) {
        b->failed = OAS_ERR_INVALID_ARG;
        return;
    }
    char text[OAS_DOUBLE_TEXT_MAX];
    oas_buf_append(b, text, oas_double_text(text, v));
}

size_t oas_double_text(char text[OAS_DOUBLE_TEXT_MAX], double v)
{
    int n = 0;
    /* %.17g always round-trips; shorter forms are preferred when exact. */
    for (int precision = 15; precision <= 17; precision++) {
        n = oas_format_double_c(text, OAS_DOUBLE_TEXT_MAX, precision, v);
        if (precision == 17 || oas_strtod_c(text, NULL) == v)
            break;
    }
    return (size_t)n;
}

void oas_buf_pointer_token(oas_buf *b, const char *key, size_t len)
{
    if (!b)
        return;
    oas_buf_putc(b, '/');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (key[i] != '~' && key[i] != '/')
            continue;
        oas_buf_append(b, key + run, i - run);
        oas_buf_append(b, key[i] == '~' ? "~0" : "~1", 2);
        run = i + 1;
    }
    oas_buf_append(b, key + run, len - run);
}
