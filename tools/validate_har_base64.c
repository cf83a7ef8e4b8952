/* validate_har_base64.c - strict base64 decoding. */
#include "validate_har_base64.h"

#include "oas_alloc.h"

/* 0..63, or -1 for a character outside the alphabet. */
static int sextet(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Where a valid encoding of len bytes may not hold '=', or the first bad
 * character; len when the characters are fine. */
static size_t first_bad(const char *in, size_t len, size_t *padding)
{
    *padding = 0;
    if (len >= 1 && in[len - 1] == '=')
        *padding = len >= 2 && in[len - 2] == '=' ? 2 : 1;
    for (size_t i = 0; i < len - *padding; i++)
        if (sextet((unsigned char)in[i]) < 0)
            return i;
    return len;
}

oas_status har_base64_decode(const char *in, size_t len, char **out, size_t *out_len,
                             size_t *bad_at)
{
    *out = NULL;
    *out_len = 0;
    *bad_at = 0;
    size_t padding;
    size_t bad = first_bad(in, len, &padding);
    if (bad < len || len % 4 != 0) {
        *bad_at = bad < len ? bad : len;
        return OAS_ERR_JSON_SYNTAX;
    }
    size_t n = len / 4 * 3 - padding;
    char *buf = oas_malloc(n + 1);
    if (!buf)
        return OAS_ERR_NOMEM;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned long group = 0;
        size_t chars = i + 4 == len ? 4 - padding : 4;
        for (size_t k = 0; k < 4; k++)
            group = group << 6 | (unsigned long)(k < chars ? sextet((unsigned char)in[i + k]) : 0);
        /* Non-zero bits under the padding: another text decodes to the same bytes. */
        if ((chars == 3 && (group & 0xffu)) || (chars == 2 && (group & 0xffffu))) {
            oas_free(buf);
            *bad_at = i + chars - 1;
            return OAS_ERR_JSON_SYNTAX;
        }
        for (size_t k = 0; k + 1 < chars; k++)
            buf[o++] = (char)(group >> (16 - 8 * k) & 0xffu);
    }
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return OAS_OK;
}
