/* emit_examples_scalar.c - strings, numbers and literal values of
 * synthesized examples, plus the output buffer they are written to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_examples_internal.h"
#include "oc_alloc.h"

/* Own floor/ceil: the generator does not link libm, and example values are
   far inside the int64 range. */
static double ex_floor(double d)
{
    if (d <= -9e18 || d >= 9e18)
        return d;
    double t = (double)(long long)d;
    return t > d ? t - 1.0 : t;
}

static double ex_ceil(double d)
{
    return -ex_floor(-d);
}

static bool ex_is_multiple(double d, double m)
{
    double q = d / m;
    return q == ex_floor(q);
}

void ex_bytes(ex_out *o, const char *s, size_t n)
{
    if (o->over_budget || n > EX_MAX_BYTES - o->len) {
        o->over_budget = true;
        return;
    }
    oc_grow(&o->buf, &o->cap, o->len + n, 1);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

void ex_str(ex_out *o, const char *s)
{
    ex_bytes(o, s, strlen(s));
}

void ex_json_string(ex_out *o, const char *s, size_t n)
{
    ex_bytes(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            ex_bytes(o, esc, 2);
        } else if (c < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", c);
            ex_bytes(o, esc, 6);
        } else {
            ex_bytes(o, &s[i], 1);
        }
    }
    ex_bytes(o, "\"", 1);
}

void ex_write_value(ex_out *o, const ir_value *value)
{
    size_t len = 0;
    char *text = ir_value_to_json(value, &len);
    ex_bytes(o, text, len);
    free(text);
}

/* Values that satisfy the formats the validator checks; the rest get the
 * readable default. */
static const char *format_sample(const char *format)
{
    static const struct { const char *format, *sample; } samples[] = {
        {"date-time", "2024-01-01T00:00:00Z"},
        {"date", "2024-01-01"},
        {"time", "00:00:00Z"},
        {"duration", "P1D"},
        {"email", "user@example.com"},
        {"idn-email", "user@example.com"},
        {"hostname", "example.com"},
        {"idn-hostname", "example.com"},
        {"ipv4", "127.0.0.1"},
        {"ipv6", "::1"},
        {"uri", "https://example.com/"},
        {"url", "https://example.com/"},
        {"uri-reference", "/"},
        {"iri", "https://example.com/"},
        {"iri-reference", "/"},
        {"uri-template", "https://example.com/{id}"},
        {"uuid", "00000000-0000-4000-8000-000000000000"},
        {"json-pointer", "/"},
        {"relative-json-pointer", "0"},
        {"regex", ".*"},
        {"byte", ""},
    };
    for (size_t i = 0; format && i < sizeof samples / sizeof samples[0]; i++)
        if (strcmp(format, samples[i].format) == 0)
            return samples[i].sample;
    return NULL;
}

/* Code points in UTF-8 text (JSON Schema lengths count code points). */
static size_t code_points(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* Byte length of the first `max` code points of s. */
static size_t prefix_bytes(const char *s, size_t n, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && count++ == max)
            return i;
    }
    return n;
}

void ex_write_string(ex_out *o, const ex_view *v, const char *hint)
{
    const char *base = format_sample(v->format);
    if (!base)
        base = hint && *hint ? hint : "string";
    size_t n = strlen(base), have = code_points(base, n);
    if (v->max_length >= 0 && have > (size_t)v->max_length) {
        n = prefix_bytes(base, n, (size_t)v->max_length);
        have = (size_t)v->max_length;
    }
    size_t pad = v->min_length > 0 && have < (size_t)v->min_length ? (size_t)v->min_length - have
                                                                   : 0;
    if (pad > EX_MAX_BYTES) {
        o->over_budget = true;
        return;
    }
    char *text = oc_malloc(n + pad + 1);
    memcpy(text, base, n);
    memset(text + n, 'x', pad);
    ex_json_string(o, text, n + pad);
    free(text);
}

static void write_double(ex_out *o, double d, bool integer)
{
    char text[40];
    if (integer || (d == ex_floor(d) && d < 9e15 && d > -9e15))
        snprintf(text, sizeof text, "%.0f", d);
    else
        snprintf(text, sizeof text, "%.17g", d);
    ex_str(o, text);
}

void ex_write_number(ex_out *o, const ex_view *v, bool integer)
{
    /* Smallest allowed value at or above the lower bound; 0 when free;
       the upper bound when only that is given and it is below 0. */
    double step = integer ? 1.0 : 0.5, value = 0.0;
    if (v->has_lo) {
        value = integer ? ex_ceil(v->lo) : v->lo;
        if (v->lo_exclusive && value <= v->lo)
            value = integer ? value + 1.0 : v->lo + step;
    } else if (v->has_hi && (v->hi < 0 || (v->hi_exclusive && v->hi <= 0))) {
        value = integer ? ex_floor(v->hi) : v->hi;
        if (v->hi_exclusive && value >= v->hi)
            value -= step;
    }
    if (v->has_lo && v->has_hi && !integer && v->lo_exclusive && value >= v->hi)
        value = v->lo + (v->hi - v->lo) / 2; /* a tight open interval */
    if (v->multiple_of > 0) {
        double m = v->multiple_of;
        value = ex_ceil(value / m) * m;
        if (v->lo_exclusive && v->has_lo && value <= v->lo)
            value += m;
    }
    write_double(o, value, integer);
}

/* Is a numeric literal inside the view's bounds? */
static bool in_bounds(const ex_view *v, const char *text)
{
    double d = strtod(text, NULL);
    if (v->has_lo && (v->lo_exclusive ? d <= v->lo : d < v->lo))
        return false;
    if (v->has_hi && (v->hi_exclusive ? d >= v->hi : d > v->hi))
        return false;
    return !(v->multiple_of > 0 && !ex_is_multiple(d, v->multiple_of));
}

static bool literal_fits(const ex_view *v, const ir_value *x, unsigned t)
{
    if (!x)
        return false;
    switch (t) {
    case IR_T_STRING:
        return x->kind == IRV_STRING &&
               (v->min_length < 0 || code_points(x->text, x->len) >= (size_t)v->min_length) &&
               (v->max_length < 0 || code_points(x->text, x->len) <= (size_t)v->max_length);
    case IR_T_INTEGER:
        return x->kind == IRV_NUMBER && !strpbrk(x->text, ".eE") && in_bounds(v, x->text);
    case IR_T_NUMBER:
        return x->kind == IRV_NUMBER && in_bounds(v, x->text);
    case IR_T_BOOLEAN:
        return x->kind == IRV_BOOL;
    default:
        return false;
    }
}

const ir_value *ex_scalar_literal(const ex_view *v, unsigned t)
{
    if (literal_fits(v, v->example, t))
        return v->example;
    if (literal_fits(v, v->default_value, t))
        return v->default_value;
    return NULL;
}
