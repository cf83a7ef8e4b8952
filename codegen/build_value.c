/* build_value.c - YAML scalars and trees -> JSON literal values and numbers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "oc_alloc.h"

ir_loc build_loc(const build_ctx *b, const ynode *n)
{
    /* A node an overlay added is located in the overlay's file. */
    ir_loc loc = {n && n->file ? n->file : b->spec->path, n ? n->line : 1, n ? n->col : 1};
    return loc;
}

void build_error(build_ctx *b, const ynode *at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ir_loc l = build_loc(b, at);
    diag_error(b->d, l.file, l.line, l.col, "%s", msg);
}

void build_note(build_ctx *b, const ynode *at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ir_loc l = build_loc(b, at);
    diag_note(b->d, l.file, l.line, l.col, "%s", msg);
}

const char *build_string(build_ctx *b, const ynode *n, const char *key)
{
    if (!n)
        return NULL;
    if (n->kind != YN_SCALAR || n->stype == YS_NULL) {
        build_error(b, n, "'%s' must be a string", key);
        return NULL;
    }
    if (strlen(n->str) != n->len) {
        build_error(b, n, "'%s' contains a NUL character", key);
        return NULL;
    }
    return n->str;
}

bool build_bool(build_ctx *b, const ynode *n, const char *key, bool *out)
{
    if (!n || n->kind != YN_SCALAR || n->stype != YS_BOOL) {
        build_error(b, n, "'%s' must be true or false", key);
        return false;
    }
    *out = n->str[0] == 't' || n->str[0] == 'T';
    return true;
}

/* Longest text number_text_into writes for a scalar of len bytes: a
 * leading "0" and the NUL beyond the scalar's own bytes, or the 20 digits
 * of a 64-bit value. */
static size_t number_text_bound(size_t len)
{
    return len + 3 > 21 ? len + 3 : 21;
}

/* Hex/octal YAML integers -> decimal into out; false when beyond 64 bits. */
static bool radix_to_decimal(const char *digits, unsigned radix, char *out)
{
    unsigned long long v = 0;
    for (const char *p = digits; *p; p++) {
        unsigned d = (unsigned)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
        if (v > (~0ull - d) / radix)
            return false;
        v = v * radix + d;
    }
    char reversed[20];
    size_t n = 0;
    do {
        reversed[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = reversed[n - 1 - i];
    out[n] = '\0';
    return true;
}

/* The JSON text of a numeric scalar into out (number_text_bound bytes);
 * false when it has none. */
static bool number_text_into(const ynode *n, char *out)
{
    const char *s = n->str;
    if (strncmp(s, "0x", 2) == 0)
        return radix_to_decimal(s + 2, 16, out);
    if (strncmp(s, "0o", 2) == 0)
        return radix_to_decimal(s + 2, 8, out);
    if (strchr(s, 'n') || strchr(s, 'N'))  /* .inf / .nan have no JSON form */
        return false;
    /* Rewrite [-+]?digits[.digits][e[-+]digits] in JSON's grammar. */
    size_t o = 0;
    const char *p = s;
    if (*p == '-')
        out[o++] = '-';
    if (*p == '-' || *p == '+')
        p++;
    size_t int_digits = strspn(p, "0123456789");
    while (int_digits > 1 && *p == '0') {
        p++;
        int_digits--;
    }
    if (int_digits == 0)
        out[o++] = '0';
    memcpy(out + o, p, int_digits);
    o += int_digits;
    p += int_digits;
    if (*p == '.') {
        p++;
        size_t frac = strspn(p, "0123456789");
        if (frac > 0) {
            out[o++] = '.';
            memcpy(out + o, p, frac);
            o += frac;
        }
        p += frac;
    }
    if (*p == 'e' || *p == 'E') {
        out[o++] = 'e';
        p++;
        if (*p == '-')
            out[o++] = '-';
        if (*p == '-' || *p == '+')
            p++;
        size_t exp = strlen(p);
        memcpy(out + o, p, exp);
        o += exp;
    }
    out[o] = '\0';
    return true;
}

static bool is_number_scalar(const ynode *n)
{
    return n && n->kind == YN_SCALAR && (n->stype == YS_INT || n->stype == YS_FLOAT);
}

char *build_number_text(const ynode *n)
{
    if (!is_number_scalar(n))
        return NULL;
    char *out = oc_malloc(number_text_bound(strlen(n->str)));
    if (!number_text_into(n, out)) {
        free(out);
        return NULL;
    }
    return out;
}

/* Values are allocated in the spec's arena: a spec carries thousands of
 * example trees, and a malloc per node and string showed in profiles. */
ir_value *build_value(build_ctx *b, const ynode *n)
{
    oc_arena *arena = &b->spec->values;
    ir_value *v = oc_arena_zalloc(arena, sizeof *v);
    switch (n->kind) {
    case YN_SCALAR:
        switch (n->stype) {
        case YS_NULL:
            v->kind = IRV_NULL;
            break;
        case YS_BOOL:
            v->kind = IRV_BOOL;
            v->boolean = n->str[0] == 't' || n->str[0] == 'T';
            break;
        case YS_INT:
        case YS_FLOAT:
            v->kind = IRV_NUMBER;
            v->text = oc_arena_zalloc(arena, number_text_bound(strlen(n->str)));
            if (!number_text_into(n, v->text)) {
                build_error(b, n, "number '%s' has no JSON representation", n->str);
                v->kind = IRV_NULL;
                v->text = NULL;
                break;
            }
            v->len = strlen(v->text);
            break;
        case YS_STRING:
            v->kind = IRV_STRING;
            v->text = oc_arena_strndup(arena, n->str, n->len);
            v->len = n->len;
            break;
        }
        break;
    case YN_SEQ:
        v->kind = IRV_ARRAY;
        v->count = n->count;
        v->items = oc_arena_calloc(arena, n->count, sizeof *v->items);
        for (size_t i = 0; i < n->count; i++)
            v->items[i] = build_value(b, n->items[i]);
        break;
    case YN_MAP:
        v->kind = IRV_OBJECT;
        v->count = n->count;
        v->items = oc_arena_calloc(arena, n->count, sizeof *v->items);
        v->keys = oc_arena_calloc(arena, n->count, sizeof *v->keys);
        v->key_lens = oc_arena_calloc(arena, n->count, sizeof *v->key_lens);
        for (size_t i = 0; i < n->count; i++) {
            v->keys[i] = oc_arena_strndup(arena, n->keys[i]->str, n->keys[i]->len);
            v->key_lens[i] = n->keys[i]->len;
            v->items[i] = build_value(b, n->items[i]);
        }
        break;
    }
    return v;
}
