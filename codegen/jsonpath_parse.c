/* jsonpath_parse.c - JSONPath query text -> AST (RFC 9535 grammar, the
 * subset in jsonpath.h), with the well-typedness rules of functions checked
 * here, so that evaluation never meets a query it cannot run.
 *
 * Recursive descent; every nesting construct (filter, parentheses, function
 * call) counts against JSONPATH_MAX_NESTING, and && / || chains are n-ary
 * nodes rather than deep trees, so neither parsing nor evaluation recurses
 * deeper than that bound whatever the input. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpath_ast.h"
#include "oc_alloc.h"
#include "oas_utf8.h"

typedef struct jp_parser {
    const char *text;
    size_t len, pos;
    jsonpath *q;
    jsonpath_error *err;
    bool failed;
    unsigned depth;
} jp_parser;

static void fail(jp_parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(jp_parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed)
        return;  /* the first problem is the one worth reporting */
    p->failed = true;
    p->err->offset = at;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
}

static int peek_at(const jp_parser *p, size_t at)
{
    return at < p->len ? (unsigned char)p->text[at] : -1;
}

static int peek(const jp_parser *p)
{
    return peek_at(p, p->pos);
}

static bool is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_blank(jp_parser *p)
{
    while (is_blank(peek(p)))
        p->pos++;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decodes one UTF-8 character at s[0..n); its length, or 0 when malformed
 * (overlong, surrogate, beyond U+10FFFF, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t need;
    unsigned long c, min;
    if ((s[0] & 0xE0) == 0xC0) {
        need = 2, c = s[0] & 0x1F, min = 0x80;
    } else if ((s[0] & 0xF0) == 0xE0) {
        need = 3, c = s[0] & 0x0F, min = 0x800;
    } else if ((s[0] & 0xF8) == 0xF0) {
        need = 4, c = s[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return need;
}

/* How a character shows in a message: 'x', or its code point. */
static const char *describe_char(const jp_parser *p, size_t at, char *buf, size_t cap)
{
    int c = peek_at(p, at);
    unsigned long cp;
    if (is_blank(c))
        snprintf(buf, cap, "blank space");
    else if (c > 0x20 && c < 0x7f)
        snprintf(buf, cap, "'%c'", c);
    else if (utf8_decode((const unsigned char *)p->text + at, p->len - at, &cp) > 0)
        snprintf(buf, cap, "U+%04lX", cp);
    else
        snprintf(buf, cap, "a byte that is not UTF-8");
    return buf;
}

static void fail_unexpected(jp_parser *p, const char *expected)
{
    if (p->pos >= p->len) {
        fail(p, p->pos, "the query ends early; expected %s", expected ? expected : "more");
        return;
    }
    char what[40];
    describe_char(p, p->pos, what, sizeof what);
    if (expected)
        fail(p, p->pos, "unexpected %s; expected %s", what, expected);
    else
        fail(p, p->pos, "unexpected %s", what);
}

/* Arrays built in the arena: doubling wastes at most half, and queries are small. */
static void *grow(jp_parser *p, void *items, size_t count, size_t *cap, size_t elem)
{
    if (count < *cap)
        return items;
    size_t fresh_cap = *cap ? *cap * 2 : 4;
    void *fresh = oc_arena_calloc(&p->q->arena, fresh_cap, elem);
    if (count)
        memcpy(fresh, items, count * elem);
    *cap = fresh_cap;
    return fresh;
}

static bool enter(jp_parser *p, size_t at)
{
    if (++p->depth > JSONPATH_MAX_NESTING) {
        fail(p, at, "nesting deeper than %u levels (filters, parentheses, function calls)",
             JSONPATH_MAX_NESTING);
        return false;
    }
    return true;
}

/* ---- literals ----------------------------------------------------------- */

/* Four hex digits at pos (after "\u"); -1 if not. */
static long hex4(const jp_parser *p, size_t at)
{
    long v = 0;
    for (size_t i = 0; i < 4; i++) {
        int h = oas_hex_digit_value(peek_at(p, at + i));
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* One \-escape at pos (the backslash) into out; its byte count, 0 after fail. */
static size_t string_escape(jp_parser *p, int quote, char *out)
{
    size_t at = p->pos;
    int c = peek_at(p, at + 1);
    static const char simple_in[] = "bfnrt/\\", simple_out[] = "\b\f\n\r\t/\\";
    const char *hit = c > 0 ? strchr(simple_in, c) : NULL;
    if (hit || c == quote) {
        out[0] = hit ? simple_out[hit - simple_in] : (char)quote;
        p->pos += 2;
        return 1;
    }
    if (c != 'u') {
        fail(p, at,
             "invalid escape in a string (\\b \\f \\n \\r \\t \\/ \\\\ \\%c \\uXXXX allowed)",
             quote);
        return 0;
    }
    long cp = hex4(p, at + 2);
    if (cp < 0) {
        fail(p, at, "\\u needs four hexadecimal digits");
        return 0;
    }
    p->pos = at + 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        fail(p, at, "\\u%04lX is a low surrogate without a high one before it", cp);
        return 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        long low = peek(p) == '\\' && peek_at(p, p->pos + 1) == 'u' ? hex4(p, p->pos + 2) : -1;
        if (low < 0xDC00 || low > 0xDFFF) {
            fail(p, at, "\\u%04lX is a high surrogate without a low one after it", cp);
            return 0;
        }
        p->pos += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    return oas_utf8_put(out, (uint32_t)cp);
}

/* A quoted string at pos into the arena; false after fail. */
static bool parse_string(jp_parser *p, const char **out, size_t *out_len)
{
    int quote = peek(p);
    size_t start = p->pos++;
    /* Decoding never lengthens: the raw text up to the closing quote bounds it. */
    size_t end = p->pos;
    while (end < p->len && p->text[end] != quote)
        end += p->text[end] == '\\' ? 2 : 1;
    char *buf = oc_arena_zalloc(&p->q->arena, end - start + 1);
    size_t n = 0;
    for (;;) {
        int c = peek(p);
        if (c < 0) {
            fail(p, start, "string not closed (%c expected)", quote);
            return false;
        }
        if (c == quote) {
            p->pos++;
            break;
        }
        if (c == '\\') {
            size_t k = string_escape(p, quote, buf + n);
            if (!k)
                return false;
            n += k;
            continue;
        }
        if (c < 0x20) {
            fail(p, p->pos, "control character U+%04X in a string (escape it)", (unsigned)c);
            return false;
        }
        unsigned long cp;
        size_t k = utf8_decode((const unsigned char *)p->text + p->pos, p->len - p->pos, &cp);
        if (!k) {
            fail(p, p->pos, "a byte that is not UTF-8 in a string");
            return false;
        }
        memcpy(buf + n, p->text + p->pos, k);
        n += k;
        p->pos += k;
    }
    *out = buf;
    *out_len = n;
    return true;
}

/* An index: "0" or -?[1-9][0-9]* within +-(2^53-1); false after fail. */
static bool parse_index(jp_parser *p, int64_t *out)
{
    size_t start = p->pos;
    bool negative = peek(p) == '-';
    if (negative)
        p->pos++;
    if (!is_digit(peek(p))) {
        fail_unexpected(p, "a digit");
        return false;
    }
    if (peek(p) == '0' && (negative || is_digit(peek_at(p, p->pos + 1)))) {
        fail(p, start, "an index has no leading zeros and is not -0");
        return false;
    }
    const int64_t max = ((int64_t)1 << 53) - 1;
    int64_t v = 0;
    while (is_digit(peek(p))) {
        if (v > (max - (peek(p) - '0')) / 10) {
            fail(p, start, "index out of the range -(2^53-1) .. 2^53-1");
            return false;
        }
        v = v * 10 + (peek(p) - '0');
        p->pos++;
    }
    *out = negative ? -v : v;
    return true;
}

/* A number literal: (int / "-0") [frac] [exp]; false after fail. */
static bool parse_number(jp_parser *p, double *out)
{
    size_t start = p->pos;
    if (peek(p) == '-')
        p->pos++;
    if (!is_digit(peek(p))) {
        fail_unexpected(p, "a digit");
        return false;
    }
    if (peek(p) == '0' && is_digit(peek_at(p, p->pos + 1))) {
        fail(p, start, "a number has no leading zeros");
        return false;
    }
    while (is_digit(peek(p)))
        p->pos++;
    if (peek(p) == '.') {
        p->pos++;
        if (!is_digit(peek(p))) {
            fail_unexpected(p, "a digit after '.'");
            return false;
        }
        while (is_digit(peek(p)))
            p->pos++;
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        p->pos++;
        if (peek(p) == '+' || peek(p) == '-')
            p->pos++;
        if (!is_digit(peek(p))) {
            fail_unexpected(p, "a digit in the exponent");
            return false;
        }
        while (is_digit(peek(p)))
            p->pos++;
    }
    char *copy = oc_strndup(p->text + start, p->pos - start);
    *out = strtod(copy, NULL);
    free(copy);
    return true;
}

/* ---- queries ------------------------------------------------------------ */

static jp_expr *parse_logical(jp_parser *p);

/* name-first: ALPHA / "_" / any non-ASCII character; its length, or 0. */
static size_t name_first_len(const jp_parser *p, size_t at)
{
    int c = peek_at(p, at);
    if (c < 0)
        return 0;
    if (is_alpha(c) || c == '_')
        return 1;
    unsigned long cp;
    return c >= 0x80 ? utf8_decode((const unsigned char *)p->text + at, p->len - at, &cp) : 0;
}

static void parse_shorthand_name(jp_parser *p, jp_selector *sel)
{
    size_t start = p->pos;
    for (;;) {
        size_t k = name_first_len(p, p->pos);
        if (!k && is_digit(peek(p)))
            k = 1;
        if (!k)
            break;
        p->pos += k;
    }
    sel->kind = JP_NAME;
    sel->name = oc_arena_strndup(&p->q->arena, p->text + start, p->pos - start);
    sel->name_len = p->pos - start;
}

static void parse_selector(jp_parser *p, jp_selector *sel)
{
    size_t start = p->pos;
    int c = peek(p);
    if (c == '\'' || c == '"') {
        sel->kind = JP_NAME;
        parse_string(p, &sel->name, &sel->name_len);
    } else if (c == '*') {
        sel->kind = JP_WILDCARD;
        p->pos++;
    } else if (c == '?') {
        sel->kind = JP_FILTER;
        if (!enter(p, start))
            return;
        p->pos++;
        skip_blank(p);
        sel->filter = parse_logical(p);
        p->depth--;
    } else if (c == '-' || is_digit(c) || c == ':') {
        sel->kind = JP_INDEX;
        if (c != ':' && !parse_index(p, &sel->index))
            return;
        size_t after = p->pos;
        skip_blank(p);
        if (peek(p) == ':') {
            fail(p, start, "array slices ([start:end:step]) are not supported");
            return;
        }
        p->pos = after;
    } else {
        fail_unexpected(p, "a selector: 'name', \"name\", an index, * or ?filter");
    }
}

static void parse_bracketed(jp_parser *p, jp_segment *seg)
{
    size_t cap = 0;
    p->pos++;  /* '[' */
    for (;;) {
        skip_blank(p);
        seg->selectors = grow(p, seg->selectors, seg->count, &cap, sizeof *seg->selectors);
        parse_selector(p, &seg->selectors[seg->count++]);
        if (p->failed)
            return;
        skip_blank(p);
        if (peek(p) == ',') {
            p->pos++;
            continue;
        }
        if (peek(p) == ']') {
            p->pos++;
            return;
        }
        fail_unexpected(p, "',' or ']'");
        return;
    }
}

/* After "." or "..": a name or "*". */
static void parse_dot_selector(jp_parser *p, jp_segment *seg)
{
    if (seg->descendant && peek(p) == '[') {
        parse_bracketed(p, seg);
        return;
    }
    seg->selectors = oc_arena_calloc(&p->q->arena, 1, sizeof *seg->selectors);
    seg->count = 1;
    if (peek(p) == '*') {
        seg->selectors[0].kind = JP_WILDCARD;
        p->pos++;
    } else if (name_first_len(p, p->pos)) {
        parse_shorthand_name(p, &seg->selectors[0]);
    } else {
        fail_unexpected(p, seg->descendant ? "a name, * or [ after '..'"
                                           : "a name or * after '.' (other names need ['...'])");
    }
}

static bool segment_is_singular(const jp_segment *seg)
{
    return !seg->descendant && seg->count == 1 &&
           (seg->selectors[0].kind == JP_NAME || seg->selectors[0].kind == JP_INDEX);
}

/* The identifier ('$' or '@') is at pos. Segments may follow blank space
 * (RFC 9535: segments = *(S segment)); blank space before anything else is
 * left for the caller. */
static jp_query *parse_query(jp_parser *p)
{
    jp_query *q = oc_arena_zalloc(&p->q->arena, sizeof *q);
    q->relative = peek(p) == '@';
    q->singular = true;
    p->pos++;
    size_t cap = 0;
    while (!p->failed) {
        size_t before = p->pos;
        skip_blank(p);
        int c = peek(p);
        if (c != '.' && c != '[') {
            p->pos = before;
            break;
        }
        q->segments = grow(p, q->segments, q->count, &cap, sizeof *q->segments);
        jp_segment *seg = &q->segments[q->count++];
        memset(seg, 0, sizeof *seg);
        if (c == '[') {
            parse_bracketed(p, seg);
        } else if (peek_at(p, p->pos + 1) == '.') {
            seg->descendant = true;
            p->pos += 2;
            parse_dot_selector(p, seg);
        } else {
            p->pos++;
            parse_dot_selector(p, seg);
        }
        if (!p->failed && !segment_is_singular(seg))
            q->singular = false;
    }
    return q;
}

/* ---- filter expressions ----------------------------------------------- */

static jp_expr *new_expr(jp_parser *p, jp_expr_kind kind, size_t offset)
{
    jp_expr *e = oc_arena_zalloc(&p->q->arena, sizeof *e);
    e->kind = kind;
    e->offset = offset;
    return e;
}

static const char *function_name(jp_function_kind f)
{
    static const char *const names[] = {"length", "count", "value", "match", "search"};
    return names[f];
}

static bool function_gives_value(jp_function_kind f)
{
    return f == JPF_LENGTH || f == JPF_COUNT || f == JPF_VALUE;
}

/* RFC 9535 ValueType: a literal, a singular query or a value function. */
static bool check_value_operand(jp_parser *p, const jp_expr *e, const char *role)
{
    if (e->kind == JPE_LITERAL)
        return true;
    if (e->kind == JPE_QUERY && !e->query->singular) {
        fail(p, e->offset,
             "%s needs a singular query (only .name, ['name'] and [index] segments), not one "
             "that can select several nodes",
             role);
        return false;
    }
    if (e->kind == JPE_FUNCTION && !function_gives_value(e->function)) {
        fail(p, e->offset, "%s() gives a logical result, which %s cannot take",
             function_name(e->function), role);
        return false;
    }
    return true;
}

/* A test: an existence query or a logical function. */
static bool check_test(jp_parser *p, const jp_expr *e)
{
    if (e->kind == JPE_LITERAL) {
        fail(p, e->offset, "a literal is not a test: compare it with ==, !=, <, <=, > or >=");
        return false;
    }
    if (e->kind == JPE_FUNCTION && function_gives_value(e->function)) {
        fail(p, e->offset, "%s() gives a value, which is not a test: compare it (e.g. %s(...) > 0)",
             function_name(e->function), function_name(e->function));
        return false;
    }
    return true;
}

static void compile_pattern(jp_parser *p, jp_expr *call)
{
    const jp_expr *pattern = call->operands[1];
    if (pattern->kind != JPE_LITERAL || pattern->literal != JPL_STRING)
        return;  /* compiled when evaluated; a non-string never matches */
    regex_t *re = oc_arena_zalloc(&p->q->arena, sizeof *re);
    char why[160];
    if (!jp_compile_iregexp(re, pattern->string, pattern->string_len, call->function == JPF_MATCH,
                            why, sizeof why)) {
        fail(p, pattern->offset, "%s", why);
        return;
    }
    jsonpath *q = p->q;
    oc_grow(&q->regexes, &q->regex_cap, q->regex_count, sizeof *q->regexes);
    q->regexes[q->regex_count++] = re;
    call->regex = re;
}

static jp_expr *parse_operand(jp_parser *p);

static jp_expr *parse_function(jp_parser *p, size_t start, const char *name, size_t name_len)
{
    static const struct {
        const char *name;
        jp_function_kind kind;
        size_t arity;
    } functions[] = {
        {"length", JPF_LENGTH, 1}, {"count", JPF_COUNT, 1},   {"value", JPF_VALUE, 1},
        {"match", JPF_MATCH, 2},   {"search", JPF_SEARCH, 2},
    };
    size_t which = sizeof functions / sizeof *functions;
    for (size_t i = 0; i < sizeof functions / sizeof *functions; i++)
        if (strlen(functions[i].name) == name_len && memcmp(functions[i].name, name, name_len) == 0)
            which = i;
    if (which == sizeof functions / sizeof *functions) {
        fail(p, start,
             "unknown function %.*s() (length, count, value, match and search are supported)",
             (int)(name_len > 40 ? 40 : name_len), name);
        return NULL;
    }
    if (!enter(p, start))
        return NULL;
    jp_expr *call = new_expr(p, JPE_FUNCTION, start);
    call->function = functions[which].kind;
    p->pos++;  /* '(' */
    skip_blank(p);
    size_t cap = 0;
    while (!p->failed && peek(p) != ')') {
        if (call->count)
            p->pos++;  /* ',' */
        skip_blank(p);
        call->operands = grow(p, call->operands, call->count, &cap, sizeof *call->operands);
        call->operands[call->count++] = parse_operand(p);
        skip_blank(p);
        if (!p->failed && peek(p) != ',' && peek(p) != ')')
            fail_unexpected(p, "',' or ')'");
    }
    if (p->failed)
        return NULL;
    p->pos++;  /* ')' */
    p->depth--;
    const char *fname = function_name(call->function);
    if (call->count != functions[which].arity) {
        fail(p, start, "%s() takes %zu argument%s, not %zu", fname, functions[which].arity,
             functions[which].arity == 1 ? "" : "s", call->count);
        return NULL;
    }
    char role[48];
    for (size_t i = 0; i < call->count; i++) {
        const jp_expr *arg = call->operands[i];
        if (call->function == JPF_COUNT || call->function == JPF_VALUE) {
            if (arg->kind != JPE_QUERY) {
                fail(p, arg->offset, "the argument of %s() must be a query (@... or $...)", fname);
                return NULL;
            }
        } else {
            snprintf(role, sizeof role, "argument %zu of %s()", i + 1, fname);
            if (!check_value_operand(p, arg, role))
                return NULL;
        }
    }
    if (call->function == JPF_MATCH || call->function == JPF_SEARCH)
        compile_pattern(p, call);
    return p->failed ? NULL : call;
}

/* A query, a literal or a function call. */
static jp_expr *parse_operand(jp_parser *p)
{
    size_t start = p->pos;
    int c = peek(p);
    if (c == '@' || c == '$') {
        jp_expr *e = new_expr(p, JPE_QUERY, start);
        e->query = parse_query(p);
        return e;
    }
    if (c == '\'' || c == '"') {
        jp_expr *e = new_expr(p, JPE_LITERAL, start);
        e->literal = JPL_STRING;
        parse_string(p, &e->string, &e->string_len);
        return e;
    }
    if (c == '-' || is_digit(c)) {
        jp_expr *e = new_expr(p, JPE_LITERAL, start);
        e->literal = JPL_NUMBER;
        parse_number(p, &e->number);
        return e;
    }
    if (c >= 'a' && c <= 'z') {
        while ((peek(p) >= 'a' && peek(p) <= 'z') || is_digit(peek(p)) || peek(p) == '_')
            p->pos++;
        const char *word = p->text + start;
        size_t n = p->pos - start;
        if (peek(p) == '(')
            return parse_function(p, start, word, n);
        static const struct {
            const char *word;
            jp_literal_kind kind;
        } words[] = {{"true", JPL_TRUE}, {"false", JPL_FALSE}, {"null", JPL_NULL}};
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            if (strlen(words[i].word) == n && memcmp(words[i].word, word, n) == 0) {
                jp_expr *e = new_expr(p, JPE_LITERAL, start);
                e->literal = words[i].kind;
                return e;
            }
        size_t after = p->pos;
        skip_blank(p);
        if (peek(p) == '(') {
            fail(p, after, "no blank space is allowed between a function's name and '('");
            return NULL;
        }
        fail(p, start, "unknown name \"%.*s\" (true, false, null or a function call expected)",
             (int)(n > 40 ? 40 : n), word);
        return NULL;
    }
    fail_unexpected(p, "a query (@ or $), a literal or a function call");
    return NULL;
}

/* "==", "!=", "<=", ">=", "<", ">" at pos; consumes it. */
static bool parse_compare_op(jp_parser *p, jp_compare_op *op)
{
    int c = peek(p), d = peek_at(p, p->pos + 1);
    if (c == '=' && d == '=')
        *op = JPC_EQ;
    else if (c == '!' && d == '=')
        *op = JPC_NE;
    else if (c == '<' && d == '=')
        *op = JPC_LE;
    else if (c == '>' && d == '=')
        *op = JPC_GE;
    else if (c == '<')
        *op = JPC_LT;
    else if (c == '>')
        *op = JPC_GT;
    else
        return false;
    p->pos += (*op == JPC_LT || *op == JPC_GT) ? 1 : 2;
    return true;
}

static jp_expr *negate(jp_parser *p, jp_expr *e, size_t at)
{
    jp_expr *n = new_expr(p, JPE_NOT, at);
    n->operands = oc_arena_calloc(&p->q->arena, 1, sizeof *n->operands);
    n->operands[0] = e;
    n->count = 1;
    return n;
}

/* basic-expr: paren-expr / comparison-expr / test-expr. */
static jp_expr *parse_basic(jp_parser *p)
{
    size_t start = p->pos;
    bool negated = peek(p) == '!';
    if (negated) {
        p->pos++;
        skip_blank(p);
    }
    if (peek(p) == '(') {
        if (!enter(p, p->pos))
            return NULL;
        p->pos++;
        skip_blank(p);
        jp_expr *inner = parse_logical(p);
        skip_blank(p);
        if (!p->failed && peek(p) != ')')
            fail_unexpected(p, "')'");
        if (p->failed)
            return NULL;
        p->pos++;
        p->depth--;
        return negated ? negate(p, inner, start) : inner;
    }
    jp_expr *left = parse_operand(p);
    if (p->failed)
        return NULL;
    size_t before = p->pos;
    skip_blank(p);
    jp_compare_op op;
    if (!parse_compare_op(p, &op)) {
        p->pos = before;
        if (!check_test(p, left))
            return NULL;
        return negated ? negate(p, left, start) : left;
    }
    if (negated) {
        fail(p, start, "'!' cannot negate a comparison; write !(a == b) or a != b");
        return NULL;
    }
    skip_blank(p);
    jp_expr *right = parse_operand(p);
    if (p->failed || !check_value_operand(p, left, "a comparison") ||
        !check_value_operand(p, right, "a comparison"))
        return NULL;
    jp_expr *cmp = new_expr(p, JPE_COMPARE, start);
    cmp->op = op;
    cmp->operands = oc_arena_calloc(&p->q->arena, 2, sizeof *cmp->operands);
    cmp->operands[0] = left;
    cmp->operands[1] = right;
    cmp->count = 2;
    return cmp;
}

/* operand (S "op" S operand)*, as one n-ary node. */
static jp_expr *parse_chain(jp_parser *p, jp_expr_kind kind, const char *op)
{
    size_t start = p->pos, cap = 0;
    jp_expr *chain = NULL;
    jp_expr *first = kind == JPE_OR ? parse_chain(p, JPE_AND, "&&") : parse_basic(p);
    while (!p->failed) {
        size_t before = p->pos;
        skip_blank(p);
        if (peek(p) != op[0] || peek_at(p, p->pos + 1) != op[1]) {
            p->pos = before;
            break;
        }
        p->pos += 2;
        skip_blank(p);
        if (!chain) {
            chain = new_expr(p, kind, start);
            chain->operands = grow(p, NULL, 0, &cap, sizeof *chain->operands);
            chain->operands[chain->count++] = first;
        }
        chain->operands = grow(p, chain->operands, chain->count, &cap, sizeof *chain->operands);
        chain->operands[chain->count++] =
            kind == JPE_OR ? parse_chain(p, JPE_AND, "&&") : parse_basic(p);
    }
    return chain ? chain : first;
}

static jp_expr *parse_logical(jp_parser *p)
{
    return parse_chain(p, JPE_OR, "||");
}

jsonpath *jsonpath_parse(const char *text, size_t len, jsonpath_error *err)
{
    memset(err, 0, sizeof *err);
    jsonpath *q = oc_calloc(1, sizeof *q);
    jp_parser p = {.text = text, .len = len, .q = q, .err = err};
    if (len > JSONPATH_MAX_LENGTH)
        fail(&p, JSONPATH_MAX_LENGTH, "the query is %zu bytes long; the limit is %u", len,
             JSONPATH_MAX_LENGTH);
    else if (peek(&p) != '$')
        fail(&p, 0, "a query starts with $ (the document's root)");
    else
        q->query = parse_query(&p);
    if (!p.failed && p.pos < len)
        fail_unexpected(&p, NULL);
    if (p.failed) {
        jsonpath_free(q);
        return NULL;
    }
    return q;
}

void jsonpath_free(jsonpath *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->regex_count; i++)
        regfree(q->regexes[i]);
    free(q->regexes);
    oc_arena_free(&q->arena);
    free(q);
}
