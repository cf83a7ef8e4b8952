/* oas_format_net.c - the formats of network text: RFC 3986 URIs (with
 * their IP literals) and RFC 5321 mailboxes ("email"). Both are ASCII
 * grammars: any other byte, NUL included, fails them. */
#include "oas_validate_internal.h"
#include "oas_utf8.h"

#include <string.h>

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_unreserved(char ch)
{
    return is_alpha(ch) || is_digit(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~';
}

static bool is_sub_delim(char ch)
{
    return ch && strchr("!$&'()*+,;=", ch);
}

/* One URI character at s[*i] (i < len): unreserved, sub-delims, one of
 * `extra`, or a %XX triplet; *i moves past it. */
static bool uri_char(const char *s, size_t len, size_t *i, const char *extra)
{
    char ch = s[*i];
    if (ch == '%') {
        if (len - *i < 3 || oas_hex_digit_value(s[*i + 1]) < 0 ||
            oas_hex_digit_value(s[*i + 2]) < 0)
            return false;
        *i += 3;
        return true;
    }
    if (!is_unreserved(ch) && !is_sub_delim(ch) && !(ch && strchr(extra, ch)))
        return false;
    (*i)++;
    return true;
}

bool oas_ipv4_ok(const char *s, size_t len, bool leading_zeros)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part && (i == len || s[i++] != '.'))
            return false;
        size_t start = i;
        unsigned value = 0;
        while (i < len && is_digit(s[i]) && i - start < 3)
            value = value * 10 + (unsigned)(s[i++] - '0');
        size_t n = i - start;
        if (n == 0 || value > 255 || (!leading_zeros && n > 1 && s[start] == '0'))
            return false;
    }
    return i == len;
}

/* RFC 3986 IPv6address: eight groups of 1-4 hex digits, "::" once for a
 * run of zero groups, the last two groups possibly an IPv4 address. */
bool oas_ipv6_ok(const char *s, size_t len)
{
    size_t i = 0, groups = 0;
    bool gap = false;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = true;
        i = 2;
    }
    while (i < len) {
        size_t start = i;
        while (i < len && oas_hex_digit_value(s[i]) >= 0 && i - start < 4)
            i++;
        if (i == start)
            return false;
        if (i < len && s[i] == '.') {
            if (!oas_ipv4_ok(s + start, len - start, false))
                return false;
            groups += 2;
            break;
        }
        groups++;
        if (i == len)
            break;
        if (s[i++] != ':' || i == len)
            return false;
        if (s[i] == ':') {
            if (gap)
                return false;
            gap = true;
            i++;
        }
    }
    return gap ? groups <= 7 : groups == 8;
}

/* Inside "[...]" of a URI: IPv6address or IPvFuture ("v1.x"). */
static bool ip_literal_ok(const char *s, size_t len)
{
    if (len == 0 || (s[0] != 'v' && s[0] != 'V'))
        return oas_ipv6_ok(s, len);
    size_t i = 1;
    while (i < len && oas_hex_digit_value(s[i]) >= 0)
        i++;
    if (i == 1 || i == len || s[i++] != '.' || i == len)
        return false;
    while (i < len)
        if (s[i] == '%' || !uri_char(s, len, &i, ":")) /* no %XX in IPvFuture */
            return false;
    return true;
}

/* [ userinfo "@" ] host [ ":" port ] */
static bool authority_ok(const char *a, size_t n)
{
    size_t i = 0;
    const char *at = memchr(a, '@', n);
    if (at) { /* userinfo has no '@' of its own: the first one ends it */
        size_t end = (size_t)(at - a);
        while (i < end)
            if (!uri_char(a, end, &i, ":"))
                return false;
        i = end + 1;
    }
    if (i < n && a[i] == '[') {
        const char *close = memchr(a + i, ']', n - i);
        if (!close || !ip_literal_ok(a + i + 1, (size_t)(close - a) - i - 1))
            return false;
        i = (size_t)(close - a) + 1;
    } else {
        while (i < n && a[i] != ':')
            if (!uri_char(a, n, &i, ""))
                return false;
    }
    if (i == n)
        return true;
    if (a[i] != ':')
        return false;
    for (i++; i < n; i++)
        if (!is_digit(a[i]))
            return false;
    return true;
}

/* RFC 3986 URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ]; a
 * scheme is required (a relative reference is no URI). */
bool oas_uri_ok(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || !is_alpha(s[0]))
        return false;
    while (i < len && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    if (i == len || s[i++] != ':')
        return false;
    if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t end = i += 2;
        while (end < len && s[end] != '/' && s[end] != '?' && s[end] != '#')
            end++;
        if (!authority_ok(s + i, end - i))
            return false;
        i = end;
    }
    while (i < len && s[i] != '?' && s[i] != '#')
        if (!uri_char(s, len, &i, ":@/"))
            return false;
    if (i < len && s[i] == '?')
        for (i++; i < len && s[i] != '#';)
            if (!uri_char(s, len, &i, ":@/?"))
                return false;
    if (i < len && s[i] == '#')
        for (i++; i < len;)
            if (!uri_char(s, len, &i, ":@/?"))
                return false;
    return true;
}

static bool is_atext(char ch)
{
    return is_alpha(ch) || is_digit(ch) || (ch && strchr("!#$%&'*+-/=?^_`{|}~", ch));
}

static bool printable_ascii(char ch)
{
    return ch >= 32 && ch <= 126;
}

/* A mailbox's domain: dot-separated labels of letters, digits and inner
 * hyphens, or an address literal: [IPv4] or [IPv6:...]. */
static bool domain_ok(const char *d, size_t n)
{
    if (n && d[0] == '[') {
        if (n < 2 || d[n - 1] != ']')
            return false;
        const char *lit = d + 1;
        size_t len = n - 2;
        if (len >= 5 && (lit[0] | 32) == 'i' && (lit[1] | 32) == 'p' && (lit[2] | 32) == 'v' &&
            lit[3] == '6' && lit[4] == ':')
            return oas_ipv6_ok(lit + 5, len - 5);
        return oas_ipv4_ok(lit, len, true); /* RFC 5321 Snum: 1*3DIGIT */
    }
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
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
    return label > 0 && d[n - 1] != '-';
}

/* RFC 5321 Mailbox: Local-part "@" ( Domain / address-literal ), the local
 * part a dot-string or a quoted string of printable ASCII and \-pairs. */
bool oas_email_ok(const char *s, size_t len)
{
    size_t i = 0;
    if (len && s[0] == '"') {
        for (i = 1; i < len && s[i] != '"'; i++) {
            if (s[i] == '\\' && ++i == len)
                return false;
            if (!printable_ascii(s[i]))
                return false;
        }
        if (i++ == len)
            return false; /* never closed */
    } else {
        size_t atom = 0;
        for (; i < len && s[i] != '@'; i++) {
            if (s[i] == '.' && atom == 0)
                return false;
            if (s[i] != '.' && !is_atext(s[i]))
                return false;
            atom = s[i] == '.' ? 0 : atom + 1;
        }
        if (atom == 0)
            return false; /* empty, or ending with a dot */
    }
    if (i >= len || s[i] != '@')
        return false;
    return domain_ok(s + i + 1, len - i - 1);
}
