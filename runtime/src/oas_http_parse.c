/* oas_http_parse.c - pure functions over header text: validity checks, HTTP
 * dates, Retry-After and the other rate-limit values, backoff,
 * percent-encoding. No I/O
 * and no allocation (except oas_buf appends), so they are easy to fuzz. */
#include "oas_http.h"

#include <string.h>
#include "oas_buf.h"

bool oas_http_header_value_ok(const char *s, size_t len)
{
    if (!s)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0')
            return false;
    return true;
}

bool oas_http_header_name_ok(const char *s, size_t len)
{
    static const char specials[] = "!#$%&'*+-.^_`|~";
    if (!s || len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && (c == '\0' || !strchr(specials, c)))
            return false;
    }
    return true;
}

static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

/* Digits only, bounded well below INT64_MAX so later arithmetic is safe. */
static int64_t parse_digits(const char *s, size_t len)
{
    if (len == 0 || len > 15)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int64_t oas_http_parse_count(const char *s, size_t len)
{
    if (!s)
        return -1;
    trim(&s, &len);
    return parse_digits(s, len);
}

int64_t oas_http_parse_epoch_ms(const char *s, size_t len)
{
    return oas_http_parse_count(s, len);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), no libc timezone. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int month_index(const char *s)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (int i = 0; i < 12; i++)
        if (memcmp(s, months + 3 * i, 3) == 0)
            return i + 1;
    return 0;
}

/* A fixed-width field of n digits at s[*i]; -1 when absent. */
static int take_num(const char *s, size_t len, size_t *i, size_t n)
{
    if (*i + n > len)
        return -1;
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[*i + k];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *i += n;
    return v;
}

static bool take_lit(const char *s, size_t len, size_t *i, const char *lit)
{
    size_t n = strlen(lit);
    if (*i + n > len || memcmp(s + *i, lit, n) != 0)
        return false;
    *i += n;
    return true;
}

static int64_t make_epoch_ms(int year, int mon, int day, int hh, int mm, int ss)
{
    if (mon < 1 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60 || year < 1970)
        return -1;
    int64_t days = days_from_civil(year, (unsigned)mon, (unsigned)day);
    return ((days * 24 + hh) * 60 + mm) * 60000 + (int64_t)ss * 1000;
}

/* "HH:MM:SS" */
static bool take_time(const char *s, size_t len, size_t *i, int *hh, int *mm, int *ss)
{
    *hh = take_num(s, len, i, 2);
    if (*hh < 0 || !take_lit(s, len, i, ":"))
        return false;
    *mm = take_num(s, len, i, 2);
    if (*mm < 0 || !take_lit(s, len, i, ":"))
        return false;
    *ss = take_num(s, len, i, 2);
    return *ss >= 0;
}

int64_t oas_http_parse_date(const char *s, size_t len)
{
    if (!s)
        return -1;
    trim(&s, &len);
    const char *comma = memchr(s, ',', len);
    size_t i = 0;
    int day, mon, year, hh, mm, ss;
    if (comma && comma - s == 3) {
        /* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
        i = 4;
        if (!take_lit(s, len, &i, " ") || (day = take_num(s, len, &i, 2)) < 0 ||
            !take_lit(s, len, &i, " ") || i + 3 > len || !(mon = month_index(s + i)))
            return -1;
        i += 3;
        if (!take_lit(s, len, &i, " ") || (year = take_num(s, len, &i, 4)) < 0 ||
            !take_lit(s, len, &i, " ") || !take_time(s, len, &i, &hh, &mm, &ss) ||
            !take_lit(s, len, &i, " GMT") || i != len)
            return -1;
    } else if (comma) {
        /* RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" (two-digit years < 70
         * are 20xx, as RFC 7231 suggests). */
        i = (size_t)(comma - s) + 1;
        if (!take_lit(s, len, &i, " ") || (day = take_num(s, len, &i, 2)) < 0 ||
            !take_lit(s, len, &i, "-") || i + 3 > len || !(mon = month_index(s + i)))
            return -1;
        i += 3;
        if (!take_lit(s, len, &i, "-") || (year = take_num(s, len, &i, 2)) < 0 ||
            !take_lit(s, len, &i, " ") || !take_time(s, len, &i, &hh, &mm, &ss) ||
            !take_lit(s, len, &i, " GMT") || i != len)
            return -1;
        year += year < 70 ? 2000 : 1900;
    } else {
        /* asctime: "Sun Nov  6 08:49:37 1994" */
        i = 3;
        if (len < 24 || !take_lit(s, len, &i, " ") || !(mon = month_index(s + i)))
            return -1;
        i += 3;
        if (!take_lit(s, len, &i, " "))
            return -1;
        if (s[i] == ' ')
            i++, day = take_num(s, len, &i, 1);
        else
            day = take_num(s, len, &i, 2);
        if (day < 0 || !take_lit(s, len, &i, " ") || !take_time(s, len, &i, &hh, &mm, &ss) ||
            !take_lit(s, len, &i, " ") || (year = take_num(s, len, &i, 4)) < 0 || i != len)
            return -1;
    }
    return make_epoch_ms(year, mon, day, hh, mm, ss);
}

int64_t oas_http_parse_retry_after(const char *s, size_t len, int64_t now_wall_ms)
{
    if (!s)
        return -1;
    trim(&s, &len);
    int64_t secs = parse_digits(s, len);
    if (secs >= 0)
        return secs * 1000;
    int64_t when = oas_http_parse_date(s, len);
    if (when < 0)
        return -1;
    return when > now_wall_ms ? when - now_wall_ms : 0;
}

int64_t oas_http_backoff_ms(unsigned retry, long base_ms, long cap_ms, uint32_t r)
{
    if (base_ms <= 0 || cap_ms <= 0)
        return 0;
    int64_t ceiling = base_ms;
    for (unsigned i = 0; i < retry && ceiling < cap_ms; i++)
        ceiling *= 2;
    if (ceiling > cap_ms)
        ceiling = cap_ms;
    /* Uniform in [0, ceiling]; modulo bias is irrelevant at these sizes. */
    return (int64_t)(r % (uint64_t)(ceiling + 1));
}

int64_t oas_http_server_wait_ms(const oas_rate_limit *rl, int64_t now_wall_ms)
{
    if (!rl)
        return -1;
    if (rl->retry_after_ms >= 0)
        return rl->retry_after_ms;
    if (rl->reset_epoch_ms >= 0)
        return rl->reset_epoch_ms > now_wall_ms ? rl->reset_epoch_ms - now_wall_ms : 0;
    return -1;
}

void oas_http_rate_limit_add(oas_rate_limit *rl, oas_rate_limit_meaning meaning,
                             const char *value, size_t len, int64_t now_wall_ms)
{
    if (!rl || !value)
        return;
    int64_t v;
    /* The cautious reading of several headers: wait longest, expect the
       latest reset, assume the fewest requests left. */
    switch (meaning) {
    case OAS_RATE_LIMIT_RETRY_AFTER:
        v = oas_http_parse_retry_after(value, len, now_wall_ms);
        if (v > rl->retry_after_ms)
            rl->retry_after_ms = v;
        return;
    case OAS_RATE_LIMIT_RESET_EPOCH_MS:
        v = oas_http_parse_epoch_ms(value, len);
        break;
    case OAS_RATE_LIMIT_RESET_EPOCH_S:
        v = oas_http_parse_count(value, len); /* at most 15 digits: * 1000 fits */
        v = v < 0 ? -1 : v * 1000;
        break;
    case OAS_RATE_LIMIT_RESET_DELTA_S:
        v = oas_http_parse_count(value, len);
        v = v < 0 || now_wall_ms < 0 ? -1 : now_wall_ms + v * 1000;
        break;
    case OAS_RATE_LIMIT_REMAINING:
        v = oas_http_parse_count(value, len);
        if (v >= 0 && (rl->remaining < 0 || v < rl->remaining))
            rl->remaining = v;
        return;
    default:
        return;
    }
    if (v > rl->reset_epoch_ms)
        rl->reset_epoch_ms = v;
}
