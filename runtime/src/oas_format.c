/* oas_format.c - the formats the validator checks (OpenAPI's numeric ones
 * and the common string ones), and code point counting. Strings arrive as
 * valid UTF-8 (the JSON reader guarantees it). */
#include "oas_validate_internal.h"
#include "oas_utf8.h"

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

/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); second 60 only at
 * 23:59 UTC (a leap second), whatever the local offset. */
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
    int offset = 0; /* minutes east of UTC */
    if (!(i + 1 == len && (s[i] == 'Z' || s[i] == 'z'))) {
        int oh, om;
        if (!(i + 6 == len && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' &&
              digits(s + i + 1, 2, &oh) && digits(s + i + 4, 2, &om) && oh <= 23 && om <= 59))
            return false;
        offset = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
    }
    int utc_minute = ((h * 60 + mi - offset) % 1440 + 1440) % 1440;
    return sec < 60 || utc_minute == 23 * 60 + 59;
}

static bool date_time_ok(const char *s, size_t len)
{
    return len > 11 && date_ok(s, 10) && (s[10] == 'T' || s[10] == 't') && time_ok(s + 11, len - 11);
}

static bool uuid_ok(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : oas_hex_digit_value(s[i]) < 0)
            return false;
    }
    return true;
}

bool oas_format_string_ok(oas_format fmt, const char *s, size_t len)
{
    switch (fmt) {
    case OAS_FMT_DATE_TIME: return date_time_ok(s, len);
    case OAS_FMT_DATE: return date_ok(s, len);
    case OAS_FMT_UUID: return uuid_ok(s, len);
    case OAS_FMT_URI: return oas_uri_ok(s, len);
    case OAS_FMT_EMAIL: return oas_email_ok(s, len);
    default: return true; /* numeric formats do not constrain strings */
    }
}
