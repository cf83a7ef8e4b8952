/* oas_format.c - the formats the validator checks (OpenAPI's numeric ones
 * and the common string ones), and code point counting. Strings arrive as
 * valid UTF-8 (the JSON reader guarantees it). */
#include "oas_validate_impl.h"

#include <float.h>
#include <string.h>

size_t oas_utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80; /* count lead bytes only */
    return n;
}

const char *oas_format_name(oas_format fmt)
{
    static const char *const names[] = {
        [OAS_FMT_INT32] = "int32", [OAS_FMT_INT64] = "int64", [OAS_FMT_FLOAT] = "float",
        [OAS_FMT_DOUBLE] = "double", [OAS_FMT_DATE_TIME] = "date-time", [OAS_FMT_DATE] = "date",
        [OAS_FMT_UUID] = "uuid", [OAS_FMT_URI] = "uri", [OAS_FMT_EMAIL] = "email"};
    return (unsigned)fmt < sizeof names / sizeof names[0] ? names[fmt] : "unknown";
}

bool oas_format_number_ok(oas_format fmt, const oas_json *num)
{
    bool integral = num->flags & OAS_JSON_F_INTEGER;
    switch (fmt) {
    case OAS_FMT_INT32:
        return !integral || ((num->flags & OAS_JSON_F_INT64) && num->u.num.i >= INT32_MIN &&
                             num->u.num.i <= INT32_MAX);
    case OAS_FMT_INT64:
        /* an integer past int64 would be rounded by every consumer */
        return !integral || (num->flags & OAS_JSON_F_INT64);
    case OAS_FMT_FLOAT:
        return oas_json_number_double(num) <= FLT_MAX && oas_json_number_double(num) >= -FLT_MAX;
    case OAS_FMT_DOUBLE: /* 1e400 is a number, not a double */
        return oas_json_number_double(num) <= DBL_MAX && oas_json_number_double(num) >= -DBL_MAX;
    default:
        return true;
    }
}

/* ---- string formats -------------------------------------------------------- */

static bool digits(const char *s, size_t n, int *value)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

static bool date_ok(const char *s, size_t len)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
        !digits(s + 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM) */
static bool time_ok(const char *s, size_t len)
{
    int h, mi, sec;
    if (len < 9 || s[2] != ':' || s[5] != ':' || !digits(s, 2, &h) || !digits(s + 3, 2, &mi) ||
        !digits(s + 6, 2, &sec) || h > 23 || mi > 59 || sec > 60)
        return false;
    size_t i = 8;
    if (s[i] == '.') {
        size_t start = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return false;
    }
    if (i + 1 == len && (s[i] == 'Z' || s[i] == 'z'))
        return true;
    int oh, om;
    return i + 6 == len && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' &&
           digits(s + i + 1, 2, &oh) && digits(s + i + 4, 2, &om) && oh <= 23 && om <= 59;
}

static bool date_time_ok(const char *s, size_t len)
{
    return len > 11 && date_ok(s, 10) && (s[10] == 'T' || s[10] == 't') && time_ok(s + 11, len - 11);
}

static bool is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool uuid_ok(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i]))
            return false;
    }
    return true;
}

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* RFC 3986 URI (absolute: a scheme is required): scheme ":" then only
 * unreserved, reserved and %XX characters. Structure past the scheme is not
 * parsed further. */
static bool uri_ok(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || !is_alpha(s[0]))
        return false;
    while (i < len && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    if (i == len || s[i] != ':')
        return false;
    for (i++; i < len; i++) {
        char ch = s[i];
        if (ch == '%') {
            if (i + 2 >= len || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
                return false;
            i += 2;
        } else if (!(is_alpha(ch) || is_digit(ch) || (ch && strchr("-._~:/?#[]@!$&'()*+,;=", ch)))) {
            return false; /* includes NUL, spaces, non-ASCII, '\\', '"', '<', '>' ... */
        }
    }
    return true;
}

/* Email per RFC 5321 mailbox, simplified: dot-atom or quoted local part,
 * "@", a dot-separated hostname or an [IPv4/IPv6] literal. */
static bool email_ok(const char *s, size_t len)
{
    const char *at = NULL;
    for (size_t i = len; i-- > 0;)
        if (s[i] == '@') {
            at = s + i;
            break;
        }
    if (!at || at == s || at + 1 == s + len)
        return false;
    size_t llen = (size_t)(at - s), dlen = len - llen - 1;
    const char *d = at + 1;
    if (s[0] == '"') {
        if (llen < 2 || s[llen - 1] != '"')
            return false;
    } else {
        for (size_t i = 0; i < llen; i++) {
            char ch = s[i];
            if (ch == '.') {
                if (i == 0 || i + 1 == llen || s[i + 1] == '.')
                    return false;
            } else if (!(is_alpha(ch) || is_digit(ch) || (ch && strchr("!#$%&'*+-/=?^_`{|}~", ch)))) {
                return false;
            }
        }
    }
    if (d[0] == '[')
        return dlen > 2 && d[dlen - 1] == ']';
    size_t label = 0;
    for (size_t i = 0; i < dlen; i++) {
        char ch = d[i];
        if (ch == '.') {
            if (label == 0 || d[i - 1] == '-')
                return false;
            label = 0;
        } else if (is_alpha(ch) || is_digit(ch) || (ch == '-' && label > 0)) {
            label++;
        } else {
            return false;
        }
    }
    return label > 0 && d[dlen - 1] != '-';
}

bool oas_format_string_ok(oas_format fmt, const char *s, size_t len)
{
    switch (fmt) {
    case OAS_FMT_DATE_TIME: return date_time_ok(s, len);
    case OAS_FMT_DATE: return date_ok(s, len);
    case OAS_FMT_UUID: return uuid_ok(s, len);
    case OAS_FMT_URI: return uri_ok(s, len);
    case OAS_FMT_EMAIL: return email_ok(s, len);
    default: return true; /* numeric formats do not constrain strings */
    }
}
