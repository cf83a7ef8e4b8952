/* oas_regex.c - pattern -> small bytecode program (the matcher is in
 * oas_regex_vm.c). Jumps are relative so that a quantified atom's code can
 * be copied for {n,m}. Compiling builds into a fixed-size scratch program,
 * then keeps an exactly sized copy, so a compiled pattern costs only what
 * it needs and can be cached for the life of the process. */
#include "oas_regex_internal.h"
#include "oas_alloc.h"
#include "oas_unicode.h"
#include "oas_utf8.h"

#include <stdbool.h>
#include <string.h>

typedef oas_rx_insn insn;
typedef oas_rx_range range;

#define MAX_INSNS 2048
#define MAX_CLASSES 64
#define MAX_RANGES 512

typedef struct prog {
    insn code[MAX_INSNS];
    size_t n;
    oas_rx_class cls[MAX_CLASSES];
    size_t ncls;
    range ranges[MAX_RANGES];
    size_t nranges;
    size_t nloops;
    const char *p, *end; /* pattern cursor */
    bool bad;
} prog;

static size_t emit(prog *g, uint8_t op, uint32_t arg, int32_t x, int32_t y)
{
    if (g->n >= MAX_INSNS) {
        g->bad = true;
        return g->n - 1;
    }
    g->code[g->n] = (insn){op, arg, x, y};
    return g->n++;
}

static void add_range(prog *g, uint32_t lo, uint32_t hi)
{
    if (g->nranges >= MAX_RANGES) {
        g->bad = true;
        return;
    }
    g->ranges[g->nranges++] = (range){lo, hi};
}

/* \d \w \s as ranges */
static bool add_shorthand(prog *g, char ch)
{
    switch (ch) {
    case 'd': add_range(g, '0', '9'); return true;
    case 'w':
        add_range(g, '0', '9'); add_range(g, 'A', 'Z'); add_range(g, 'a', 'z'); add_range(g, '_', '_');
        return true;
    case 's':
        add_range(g, 9, 13); add_range(g, ' ', ' '); add_range(g, 0xA0, 0xA0);
        add_range(g, 0x1680, 0x1680); add_range(g, 0x2000, 0x200A); add_range(g, 0x2028, 0x2029);
        add_range(g, 0x202F, 0x202F); add_range(g, 0x205F, 0x205F); add_range(g, 0x3000, 0x3000);
        add_range(g, 0xFEFF, 0xFEFF);
        return true;
    }
    return false;
}

static uint32_t hex_escape(prog *g, int digits)
{
    uint32_t v = 0;
    for (int i = 0; i < digits; i++) {
        int h = g->p < g->end ? oas_hex_digit_value((unsigned char)*g->p) : -1;
        if (h < 0) {
            g->bad = true;
            return 0;
        }
        v = v * 16 + (uint32_t)h;
        g->p++;
    }
    return v;
}

/* A single-character escape after '\' (class shorthands handled by callers). */
static uint32_t char_escape(prog *g)
{
    char ch = *g->p++;
    switch (ch) {
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'v': return '\v';
    case 'f': return '\f';
    case '0': return 0;
    case 'x': return hex_escape(g, 2);
    case 'u': return hex_escape(g, 4);
    }
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '1' && ch <= '9'))
        g->bad = true; /* backreferences, \k, \c...: unsupported */
    return (unsigned char)ch;
}

/* After "\\p" or "\\P" (at g->p): "{Name}", a General_Category value
 * (oas_unicode.h), as the categories it matches; \\P matches the others.
 * Other properties (scripts, binary ones) are unsupported. */
static uint32_t property_escape(prog *g)
{
    bool negated = *g->p++ == 'P';
    if (g->p >= g->end || *g->p != '{') {
        g->bad = true;
        return 0;
    }
    const char *name = g->p + 1, *close = name;
    while (close < g->end && *close != '}')
        close++;
    uint32_t mask = close < g->end ? oas_unicode_property(name, (size_t)(close - name)) : 0;
    if (!mask) {
        g->bad = true;
        return 0;
    }
    g->p = close + 1;
    return negated ? OAS_UNICODE_ALL_CATEGORIES & ~mask : mask;
}

static size_t new_class(prog *g)
{
    if (g->ncls >= MAX_CLASSES) {
        g->bad = true;
        return 0;
    }
    g->cls[g->ncls].first = g->nranges;
    g->cls[g->ncls].cats = 0;
    return g->ncls++;
}

static void end_class(prog *g, size_t k)
{
    g->cls[k].count = g->nranges - g->cls[k].first;
}

static void parse_class(prog *g)
{
    bool neg = g->p < g->end && *g->p == '^';
    if (neg)
        g->p++;
    size_t k = new_class(g);
    /* ECMA-262: "[]" is an empty class (matches nothing), "[^]" any code point */
    while (g->p < g->end && *g->p != ']') {
        uint32_t lo;
        if (*g->p == '\\' && g->p + 1 < g->end) {
            g->p++;
            if (add_shorthand(g, *g->p)) {
                g->p++;
                continue;
            }
            if (*g->p == 'p' || *g->p == 'P') {
                g->cls[k].cats |= property_escape(g);
                continue;
            }
            if (*g->p == 'D' || *g->p == 'W' || *g->p == 'S') {
                g->bad = true;
                return;
            }
            lo = *g->p == 'b' ? (g->p++, 8u) : char_escape(g);
        } else {
            lo = oas_rx_utf8_next(&g->p, g->end);
        }
        uint32_t hi = lo;
        if (g->p + 1 < g->end && *g->p == '-' && g->p[1] != ']') {
            g->p++;
            if (*g->p == '\\') {
                if (++g->p >= g->end) { /* "[a-\\" at the end of the pattern */
                    g->bad = true;
                    return;
                }
                hi = char_escape(g);
            } else {
                hi = oas_rx_utf8_next(&g->p, g->end);
            }
            if (hi < lo)
                g->bad = true;
        }
        add_range(g, lo, hi);
    }
    if (g->p >= g->end)
        g->bad = true;
    else
        g->p++; /* ']' */
    end_class(g, k);
    emit(g, neg ? OP_NCLASS : OP_CLASS, (uint32_t)k, 0, 0);
}

static void parse_alt(prog *g);

static void parse_atom(prog *g)
{
    char ch = *g->p;
    if (ch == '(') {
        g->p++;
        if (g->p < g->end && *g->p == '?') {
            if (g->p + 1 < g->end && g->p[1] == ':')
                g->p += 2;
            else
                g->bad = true; /* lookaround, named groups */
        }
        parse_alt(g);
        if (g->p < g->end && *g->p == ')')
            g->p++;
        else
            g->bad = true;
    } else if (ch == '[') {
        g->p++;
        parse_class(g);
    } else if (ch == '.') {
        g->p++;
        emit(g, OP_ANY, 0, 0, 0);
    } else if (ch == '^' || ch == '$') {
        g->p++;
        emit(g, ch == '^' ? OP_BOL : OP_EOL, 0, 0, 0);
    } else if (ch == '\\') {
        g->p++;
        if (g->p >= g->end) {
            g->bad = true;
            return;
        }
        char e = *g->p;
        if (e == 'b' || e == 'B') {
            g->p++;
            emit(g, e == 'b' ? OP_WORDB : OP_NWORDB, 0, 0, 0);
        } else if (e == 'd' || e == 'w' || e == 's' || e == 'D' || e == 'W' || e == 'S') {
            g->p++;
            size_t k = new_class(g);
            add_shorthand(g, (char)(e | 0x20));
            end_class(g, k);
            emit(g, e >= 'a' ? OP_CLASS : OP_NCLASS, (uint32_t)k, 0, 0);
        } else if (e == 'p' || e == 'P') {
            size_t k = new_class(g);
            g->cls[k].cats = property_escape(g);
            end_class(g, k);
            emit(g, OP_CLASS, (uint32_t)k, 0, 0);
        } else {
            emit(g, OP_CHAR, char_escape(g), 0, 0);
        }
    } else if (ch == '*' || ch == '+' || ch == '?' || ch == ')' || ch == '|') {
        g->bad = true; /* nothing to repeat */
        g->p++;
    } else {
        emit(g, OP_CHAR, oas_rx_utf8_next(&g->p, g->end), 0, 0);
    }
}

static void append_code(prog *g, const insn *code, size_t len)
{
    if (g->n + len > MAX_INSNS) {
        g->bad = true;
        return;
    }
    memcpy(&g->code[g->n], code, len * sizeof *code);
    g->n += len;
}

static bool parse_uint(prog *g, unsigned *v)
{
    const char *s = g->p;
    *v = 0;
    while (g->p < g->end && *g->p >= '0' && *g->p <= '9' && *v < 100000)
        *v = *v * 10 + (unsigned)(*g->p++ - '0');
    return g->p > s;
}

/* Optional copy of the atom: split body, out (swapped when lazy). */
static size_t append_optional(prog *g, const insn *atom, size_t len, bool lazy)
{
    size_t split = emit(g, OP_SPLIT, 0, 1, 0);
    append_code(g, atom, len);
    if (g->bad)
        return split;
    g->code[split].y = (int32_t)(g->n - split);
    if (lazy) {
        g->code[split].x = g->code[split].y;
        g->code[split].y = 1;
    }
    return split;
}

/* Quantifier after the atom at [start, g->n): min..max (UINT32_MAX = no
 * upper bound), expanded into copies of the atom. */
static void quantify(prog *g, size_t start, unsigned min, unsigned max, bool lazy)
{
    static _Thread_local insn atom[MAX_INSNS];
    size_t len = g->n - start;
    size_t copies = (size_t)min + (max == UINT32_MAX ? 1 : (size_t)(max - min));
    if (copies * (len + 2) > MAX_INSNS) {
        g->bad = true;
        return;
    }
    memcpy(atom, &g->code[start], len * sizeof *atom);
    g->n = start;
    for (unsigned i = 0; i < min; i++)
        append_code(g, atom, len);
    if (max == UINT32_MAX) {
        /* L: split B, out; B: setpos k; body; progress k; jmp L; out:
         * (an iteration that matches the empty string fails, so the loop
         * ends even when the body can match empty, e.g. (a*)*) */
        if (g->nloops >= OAS_RX_MAX_LOOPS) {
            g->bad = true;
            return;
        }
        uint32_t k = (uint32_t)g->nloops++;
        size_t split = emit(g, OP_SPLIT, 0, 0, 0);
        emit(g, OP_SETPOS, k, 0, 0);
        append_code(g, atom, len);
        emit(g, OP_PROGRESS, k, 0, 0);
        size_t jmp = emit(g, OP_JMP, 0, 0, 0);
        if (g->bad)
            return;
        int32_t out = (int32_t)(jmp + 1 - split);
        g->code[jmp].x = (int32_t)split - (int32_t)jmp;
        g->code[split].x = lazy ? out : 1;
        g->code[split].y = lazy ? 1 : out;
        return;
    }
    for (unsigned i = min; i < max && !g->bad; i++)
        append_optional(g, atom, len, lazy);
}

static void parse_seq(prog *g)
{
    while (g->p < g->end && *g->p != '|' && *g->p != ')' && !g->bad) {
        size_t start = g->n;
        parse_atom(g);
        if (g->p >= g->end)
            break;
        unsigned min, max;
        const char *save = g->p;
        char q = *g->p;
        if (q == '*' || q == '+' || q == '?') {
            g->p++;
            min = q == '+';
            max = q == '?' ? 1 : UINT32_MAX;
        } else if (q == '{') {
            g->p++;
            if (!parse_uint(g, &min)) {
                g->p = save; /* a literal '{' */
                continue;
            }
            max = min;
            if (g->p < g->end && *g->p == ',') {
                g->p++;
                if (!parse_uint(g, &max))
                    max = UINT32_MAX;
            }
            if (g->p >= g->end || *g->p != '}' || max < min) {
                g->bad = true;
                return;
            }
            g->p++;
        } else {
            continue;
        }
        uint8_t op = g->code[start].op;
        if (g->n == start + 1 && (op == OP_BOL || op == OP_EOL || op == OP_WORDB || op == OP_NWORDB)) {
            g->bad = true; /* an assertion cannot be repeated (ECMA-262: "^*" is an error) */
            return;
        }
        bool lazy = g->p < g->end && *g->p == '?';
        if (lazy)
            g->p++;
        quantify(g, start, min, max, lazy);
    }
}

/* a|b: split L1, L2; L1: a; jmp end; L2: b */
static void parse_alt(prog *g)
{
    size_t start = g->n;
    parse_seq(g);
    while (g->p < g->end && *g->p == '|' && !g->bad) {
        g->p++;
        size_t len = g->n - start;
        if (g->n + 2 >= MAX_INSNS) {
            g->bad = true;
            return;
        }
        memmove(&g->code[start + 1], &g->code[start], len * sizeof *g->code);
        g->n++;
        g->code[start] = (insn){OP_SPLIT, 0, 1, (int32_t)len + 2};
        size_t jmp = emit(g, OP_JMP, 0, 0, 0);
        parse_seq(g);
        g->code[jmp].x = (int32_t)(g->n - jmp);
    }
}

/* ---- the compiled program ------------------------------------------------- */

int oas_regex_compile(const char *pattern, size_t pattern_len, oas_regex **out)
{
    *out = NULL;
    prog *g = oas_malloc(sizeof *g);
    if (!g)
        return OAS_REGEX_ERR_NOMEM;
    g->n = g->ncls = g->nranges = g->nloops = 0;
    g->p = pattern;
    g->end = pattern + pattern_len;
    g->bad = false;
    parse_alt(g);
    if (g->p != g->end)
        g->bad = true; /* unbalanced ')' */
    emit(g, OP_MATCH, 0, 0, 0);
    int r = OAS_REGEX_ERR_SYNTAX;
    if (!g->bad) {
        /* classes (size_t members) first, then the 4-byte-aligned arrays */
        size_t cls = g->ncls * sizeof(oas_rx_class), code = g->n * sizeof(insn);
        oas_regex *re = oas_malloc(sizeof *re + cls + code + g->nranges * sizeof(range));
        if (re) {
            char *base = (char *)(re + 1);
            memcpy(base, g->cls, cls);
            memcpy(base + cls, g->code, code);
            memcpy(base + cls + code, g->ranges, g->nranges * sizeof(range));
            re->cls = (const oas_rx_class *)base;
            re->code = (const insn *)(base + cls);
            re->ranges = (const range *)(base + cls + code);
            re->n = g->n;
            re->ncls = g->ncls;
            re->nranges = g->nranges;
            *out = re;
        }
        r = re ? 0 : OAS_REGEX_ERR_NOMEM;
    }
    oas_free(g);
    return r;
}

void oas_regex_free(oas_regex *re)
{
    oas_free(re);
}
