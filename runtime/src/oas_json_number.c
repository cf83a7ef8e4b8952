/* oas_json_number.c - RFC 8259 number grammar, exact integers, correctly
 * rounded doubles.
 *
 * A number is D * 10^E with D its significant digits. It is an integer when
 * E plus D's trailing zeros is >= 0 (1.50e1, 1e2, -0); an int64 when that
 * integer fits. The double comes from (double)int64, from an exact
 * small-mantissa product (Clinger's fast path), or else from strtod in the
 * C locale, all correctly rounded: infinity past the largest double, 0 below
 * the smallest, both flagged OAS_JSON_F_BEYOND_DOUBLE. */
#include "oas_json_parser.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define EXP_SATURATE (INT64_MAX / 8)

typedef struct number_parts {
    size_t int_start, int_end;   /* integer digits */
    size_t frac_start, frac_end; /* fraction digits (empty if none) */
    int64_t exp;                 /* explicit exponent, saturated */
    bool neg;
} number_parts;

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* k-th digit of the integer digits followed by the fraction digits. */
static int digit_at(const unsigned char *in, const number_parts *n, size_t k)
{
    size_t ilen = n->int_end - n->int_start;
    return (k < ilen ? in[n->int_start + k] : in[n->frac_start + (k - ilen)]) - '0';
}

/* Set INTEGER / INT64 flags and num.i; returns true when num.i is set. */
static bool classify_integer(const unsigned char *in, const number_parts *n, oas_json *node)
{
    size_t total = (n->int_end - n->int_start) + (n->frac_end - n->frac_start);
    size_t lead = 0, trail = 0;
    while (lead < total && digit_at(in, n, lead) == 0)
        lead++;
    if (lead == total) { /* all zeros: 0, -0, 0.000e5 */
        node->flags |= OAS_JSON_F_INTEGER | OAS_JSON_F_INT64;
        node->u.num.i = 0;
        return true;
    }
    while (digit_at(in, n, total - 1 - trail) == 0)
        trail++;
    size_t sig = total - lead; /* significant digits, nonzero first */
    int64_t e = n->exp - (int64_t)(n->frac_end - n->frac_start);
    if (e + (int64_t)trail < 0)
        return false;
    node->flags |= OAS_JSON_F_INTEGER;
    /* Integer = the first `keep` significant digits times 10^(e + dropped). */
    size_t keep = e >= 0 ? sig : sig - (size_t)(-e);
    int64_t scale = e >= 0 ? e : 0;
    if ((int64_t)keep + scale > 19)
        return false;
    uint64_t limit = n->neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (size_t k = 0; k < keep; k++) {
        unsigned d = (unsigned)digit_at(in, n, lead + k);
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    for (int64_t k = 0; k < scale; k++) {
        if (v > limit / 10)
            return false;
        v *= 10;
    }
    node->flags |= OAS_JSON_F_INT64;
    if (!n->neg)
        node->u.num.i = (int64_t)v;
    else /* -2^63 has no positive counterpart to negate */
        node->u.num.i = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    return true;
}

/* Exact when the significand fits 2^53 and 10^|e| is exact (Clinger). */
static bool fast_double(const unsigned char *in, const number_parts *n, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t total = (n->int_end - n->int_start) + (n->frac_end - n->frac_start);
    if (total > 19)
        return false;
    uint64_t m = 0;
    for (size_t k = 0; k < total; k++)
        m = m * 10 + (unsigned)digit_at(in, n, k);
    int64_t e = n->exp - (int64_t)(n->frac_end - n->frac_start);
    if (m > (1ull << 53) || e < -22 || e > 22)
        return false;
    double d = (double)m;
    d = e < 0 ? d / pow10[-e] : d * pow10[e];
    *out = n->neg ? -d : d;
    return true;
}

static oas_status scan_grammar(oas_json_parser *p, number_parts *n)
{
    const unsigned char *in = p->in;
    size_t len = p->len, i = p->pos;
    memset(n, 0, sizeof *n);
    if (in[i] == '-') {
        n->neg = true;
        i++;
    }
    if (i >= len || !is_digit(in[i]))
        return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, i, "expected a digit in number");
    n->int_start = i;
    if (in[i] == '0') {
        i++;
        if (i < len && is_digit(in[i]))
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, i, "leading zero in number");
    } else {
        while (i < len && is_digit(in[i]))
            i++;
    }
    n->int_end = n->frac_start = n->frac_end = i;
    if (i < len && in[i] == '.') {
        i++;
        if (i >= len || !is_digit(in[i]))
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, i, "expected a digit after '.' in number");
        n->frac_start = i;
        while (i < len && is_digit(in[i]))
            i++;
        n->frac_end = i;
    }
    if (i < len && (in[i] == 'e' || in[i] == 'E')) {
        i++;
        bool exp_neg = false;
        if (i < len && (in[i] == '+' || in[i] == '-'))
            exp_neg = in[i++] == '-';
        if (i >= len || !is_digit(in[i]))
            return oas_json_fail(p, OAS_ERR_JSON_SYNTAX, i, "expected a digit in exponent");
        int64_t e = 0;
        while (i < len && is_digit(in[i])) {
            e = e <= (EXP_SATURATE - 9) / 10 ? e * 10 + (in[i] - '0') : EXP_SATURATE;
            i++;
        }
        n->exp = exp_neg ? -e : e;
    }
    p->pos = i;
    return OAS_OK;
}

/* The NUL-terminated text of the number ending at p->pos, in place in the
 * parser's copy of the input (the byte after a number is a delimiter, or the
 * copy's final NUL). */
static void set_text(oas_json_parser *p, oas_json *node, size_t start)
{
    p->text[p->pos] = '\0';
    node->type = OAS_JSON_NUMBER;
    node->offset = (uint32_t)start;
    node->u.num.text = p->text + start;
}

oas_status oas_json_scan_number(oas_json_parser *p, oas_json *node)
{
    size_t start = p->pos;
    number_parts n;
    oas_status st = scan_grammar(p, &n);
    if (st != OAS_OK)
        return st;
    set_text(p, node, start);
    node->flags = 0;
    if (classify_integer(p->in, &n, node))
        return OAS_OK; /* num.i is exact: the double is (double)i */
    double d;
    if (!fast_double(p->in, &n, &d))
        d = oas_strtod_c(node->u.num.text, NULL);
    /* Beyond a double (1e400 rounds to infinity, 1e-400 to 0): the number
     * stays valid JSON; its text is the value, the double only its rounding. */
    if (isinf(d) || d == 0)
        node->flags |= OAS_JSON_F_BEYOND_DOUBLE;
    node->u.num.dbl = d;
    return OAS_OK;
}
