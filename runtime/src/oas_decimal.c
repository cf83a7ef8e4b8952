/* oas_decimal.c - exact comparison and divisibility of JSON number texts.
 *
 * A number is read as sign, significant digits S (no leading or trailing
 * zeros) and a scale: value = 0.S * 10^point. Comparing two is comparing
 * signs, then points, then S digit by digit; nothing is converted, so a
 * 400-digit integer or 1e400 costs its length, never a bignum. */
#include "oas_decimal.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define EXP_SATURATE ((int64_t)1 << 60)

typedef struct decimal {
    const char *int_digits, *frac_digits;
    size_t int_len, frac_len;
    size_t first, count; /* significant digits: positions first..first+count-1 */
    int64_t point;       /* value = 0.S * 10^point (when count > 0) */
    bool neg;
} decimal;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* k-th digit of the integer digits followed by the fraction digits. */
static int digit(const decimal *d, size_t k)
{
    return (k < d->int_len ? d->int_digits[k] : d->frac_digits[k - d->int_len]) - '0';
}

static decimal read_decimal(const char *s, size_t len)
{
    decimal d = {0};
    size_t i = 0;
    d.neg = i < len && s[i] == '-';
    i += d.neg;
    d.int_digits = s + i;
    while (i < len && is_digit(s[i]))
        i++;
    d.int_len = (size_t)(s + i - d.int_digits);
    d.frac_digits = s + i;
    if (i < len && s[i] == '.') {
        d.frac_digits = s + ++i;
        while (i < len && is_digit(s[i]))
            i++;
        d.frac_len = (size_t)(s + i - d.frac_digits);
    }
    int64_t exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool exp_neg = i < len && s[i] == '-';
        i += i < len && (s[i] == '-' || s[i] == '+');
        for (; i < len && is_digit(s[i]); i++)
            exp = exp <= (EXP_SATURATE - 9) / 10 ? exp * 10 + (s[i] - '0') : EXP_SATURATE;
        exp = exp_neg ? -exp : exp;
    }
    size_t total = d.int_len + d.frac_len, last = total;
    while (d.first < total && digit(&d, d.first) == 0)
        d.first++;
    while (last > d.first && digit(&d, last - 1) == 0)
        last--;
    d.count = last - d.first;
    /* The digit at position first has weight 10^(int_len - 1 - first + exp). */
    d.point = (int64_t)d.int_len - (int64_t)d.first + exp;
    return d;
}

static int sign(const decimal *d) { return d->count == 0 ? 0 : d->neg ? -1 : 1; }

int oas_decimal_cmp(const char *a, size_t a_len, const char *b, size_t b_len)
{
    decimal x = read_decimal(a, a_len), y = read_decimal(b, b_len);
    int sx = sign(&x), sy = sign(&y);
    if (sx != sy || sx == 0)
        return (sx > sy) - (sx < sy);
    int magnitude = (x.point > y.point) - (x.point < y.point);
    for (size_t k = 0; magnitude == 0 && (k < x.count || k < y.count); k++) {
        int dx = k < x.count ? digit(&x, x.first + k) : 0;
        int dy = k < y.count ? digit(&y, y.first + k) : 0;
        magnitude = (dx > dy) - (dx < dy);
    }
    return sx * magnitude;
}

uint64_t oas_decimal_hash(const char *s, size_t len, const oas_siphash_key *key)
{
    decimal d = read_decimal(s, len);
    int64_t point = d.count ? d.point : 0; /* every zero is the same value */
    unsigned char buf[64];
    memcpy(buf, &point, sizeof point);
    buf[8] = (unsigned char)(sign(&d) + 1);
    size_t n = 9, k = 0;
    for (;;) {
        while (n < sizeof buf && k < d.count)
            buf[n++] = (unsigned char)digit(&d, d.first + k++);
        uint64_t h = oas_siphash(key, 1, 3, buf, n);
        if (k == d.count)
            return h;
        memcpy(buf, &h, sizeof h); /* chain: the next chunk after this hash */
        n = sizeof h;
    }
}

/* base^e mod m, m < 2^32: every product fits 64 bits. */
static uint64_t pow_mod(uint64_t base, int64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    base %= m;
    for (; e > 0; e >>= 1) {
        if (e & 1)
            r = r * base % m;
        base = base * base % m;
    }
    return r;
}

int oas_decimal_multiple(const char *x, size_t x_len, const char *m, size_t m_len)
{
    decimal dx = read_decimal(x, x_len), dm = read_decimal(m, m_len);
    if (dm.count == 0 || dm.count > 9)
        return -1;
    if (dx.count == 0)
        return 1;
    /* x = X * 10^ex and m = M * 10^em, X and M integers without trailing
     * zeros. X * 10^(ex - em) / M is an integer only if ex >= em (X is not a
     * multiple of 10), and then exactly when X * 10^(ex - em) = 0 mod M. */
    uint64_t divisor = 0;
    for (size_t k = 0; k < dm.count; k++)
        divisor = divisor * 10 + (uint64_t)digit(&dm, dm.first + k);
    int64_t ex = dx.point - (int64_t)dx.count, em = dm.point - (int64_t)dm.count;
    if (ex < em)
        return 0;
    uint64_t r = 0;
    for (size_t k = 0; k < dx.count; k++)
        r = (r * 10 + (uint64_t)digit(&dx, dx.first + k)) % divisor;
    return r * pow_mod(10, ex - em, divisor) % divisor == 0;
}
