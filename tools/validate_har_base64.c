/* validate_har_base64.c - base64 decoding (see validate_har_base64.h). */
#include "validate_har_base64.h"

#include <stdbool.h>

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

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The index of the first character that is neither whitespace nor allowed
 * where it stands ('=' only as one of the last two base64 characters), or
 * len. *count: base64 characters (whitespace not counted); *padding: the
 * '=' among them. */
static size_t first_bad(const char *in, size_t len, size_t *count, size_t *padding)
{
    *count = 0;
    *padding = 0;
    for (size_t i = 0; i < len; i++)
        *count += !is_space(in[i]);
    for (size_t i = len; i-- > 0 && *padding < 2;) {
        if (in[i] == '=')
            (*padding)++;
        else if (!is_space(in[i]))
            break;
    }
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space(in[i]))
            continue;
        if (k++ < *count - *padding && sextet((unsigned char)in[i]) < 0)
            return i;
    }
    return len;
}

oas_status har_base64_decode(const char *in, size_t len, char **out, size_t *out_len,
                             size_t *bad_at)
{
    *out = NULL;
    *out_len = 0;
    *bad_at = 0;
    size_t count, padding;
    size_t bad = first_bad(in, len, &count, &padding);
    if (bad < len || count % 4 != 0) {
        *bad_at = bad;
        return OAS_ERR_JSON_SYNTAX;
    }
    char *buf = oas_malloc(count / 4 * 3 - padding + 1);
    if (!buf)
        return OAS_ERR_NOMEM;
    size_t o = 0, k = 0, in_group = 0, last_data_at = 0;
    unsigned long group = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space(in[i]))
            continue;
        bool pad = k++ >= count - padding;
        group = group << 6 | (unsigned long)(pad ? 0 : sextet((unsigned char)in[i]));
        if (!pad)
            last_data_at = i;
        if (++in_group < 4)
            continue;
        size_t chars = k == count ? 4 - padding : 4;
        /* Non-zero bits under the padding: another text decodes to the same bytes. */
        if ((chars == 3 && (group & 0xffu)) || (chars == 2 && (group & 0xffffu))) {
            oas_free(buf);
            *bad_at = last_data_at;
            return OAS_ERR_JSON_SYNTAX;
        }
        for (size_t b = 0; b + 1 < chars; b++)
            buf[o++] = (char)(group >> (16 - 8 * b) & 0xffu);
        group = 0;
        in_group = 0;
    }
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return OAS_OK;
}
