/* naming.c - spec names -> C identifiers (rules in naming.h). */
#include "naming.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"
#include "strmap.h"

static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c) { return is_lower(c) || is_upper(c) || is_digit(c); }

/* Is there a word boundary between s[i-1] and s[i] (both alphanumeric)? */
static bool word_starts_at(const char *s, size_t i)
{
    char prev = s[i - 1], c = s[i], next = s[i + 1];
    if (!is_upper(c))
        return false;
    if (is_lower(prev) || is_digit(prev))
        return true;
    /* "HTTPStatus": the last capital of an acronym starts the next word,
       except a plural "s" ("URLs", "IDsFor" stay one word). */
    if (is_upper(prev) && is_lower(next)) {
        bool plural_s = next == 's' && !is_lower(s[i + 2]);
        return !plural_s;
    }
    return false;
}

char *naming_snake(const char *name)
{
    size_t len = strlen(name);
    char *out = oc_malloc(2 * len + 1);
    size_t n = 0;
    bool pending_separator = false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!is_alnum(c)) {
            pending_separator = n > 0;
            continue;
        }
        if (n > 0 && (pending_separator || (i > 0 && is_alnum(name[i - 1]) && word_starts_at(name, i))))
            out[n++] = '_';
        pending_separator = false;
        out[n++] = is_upper(c) ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    return out;
}

static const char *const reserved_words[] = {
    /* C11 keywords (the _Xxx ones appear lower-cased via their macros) */
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while",
    /* macros of <stdbool.h>, <assert.h>, <complex.h>, <stdalign.h>, <stdnoreturn.h>,
       <threads.h>, <errno.h>, <stdio.h>, <stddef.h>, <stdarg.h>, <setjmp.h>, GNU modes */
    "bool", "true", "false", "assert", "static_assert", "complex", "imaginary", "alignas",
    "alignof", "noreturn", "thread_local", "errno", "stdin", "stdout", "stderr", "offsetof",
    "va_arg", "va_start", "va_end", "va_copy", "setjmp", "unix", "linux", "i386",
    /* C++ keywords, so that the headers also compile as C++ */
    "and", "and_eq", "asm", "bitand", "bitor", "catch", "char16_t", "char32_t", "char8_t",
    "class", "compl", "concept", "consteval", "constexpr", "constinit", "const_cast",
    "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast", "explicit",
    "export", "friend", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
    "operator", "or", "or_eq", "private", "protected", "public", "reinterpret_cast",
    "requires", "static_cast", "template", "this", "throw", "try", "typeid", "typename",
    "using", "virtual", "wchar_t", "xor", "xor_eq",
};

bool naming_is_reserved(const char *ident)
{
    /* The first letter settles most comparisons without a call. */
    for (size_t i = 0; i < sizeof reserved_words / sizeof *reserved_words; i++)
        if (ident[0] == reserved_words[i][0] && strcmp(ident, reserved_words[i]) == 0)
            return true;
    return false;
}

/* Names without any letter or digit ("$", "", "é") get a readable, stable,
   distinct fallback. */
static char *fallback_identifier(const char *name)
{
    if (!*name)
        return oc_strdup("unnamed");
    size_t len = strlen(name);
    if (len > 16)
        len = 16;
    char *out = oc_malloc(2 + 2 * len);
    out[0] = 'u';
    for (size_t i = 0; i < len; i++)
        snprintf(out + 1 + 2 * i, 3, "%02x", (unsigned char)name[i]);
    return out;
}

char *naming_identifier(const char *name)
{
    char *snake = naming_snake(name);
    if (!*snake) {
        free(snake);
        return fallback_identifier(name);
    }
    char *out;
    if (is_digit(snake[0]))
        out = oc_concat3("n", snake, "");
    else if (naming_is_reserved(snake))
        out = oc_concat3(snake, "_", "");
    else
        return snake;
    free(snake);
    return out;
}

char *naming_prefixed(const char *prefix, const char *name)
{
    char *snake = naming_snake(name);
    char *out;
    if (!*snake) {
        char *fb = fallback_identifier(name);
        out = oc_concat3(prefix, fb, "");
        free(fb);
    } else if (!*prefix) {
        /* Without a prefix the name stands alone and needs the same fixes. */
        out = naming_identifier(name);
    } else {
        out = oc_concat3(prefix, snake, "");
        /* The two may spell a keyword: "s" + "truct", "static_" + "assert". */
        if (naming_is_reserved(out)) {
            char *fixed = oc_concat3(out, "_", "");
            free(out);
            out = fixed;
        }
    }
    free(snake);
    return out;
}

char *naming_upper(const char *ident)
{
    char *out = oc_strdup(ident);
    for (char *p = out; *p; p++)
        if (is_lower(*p))
            *p = (char)(*p - 'a' + 'A');
    return out;
}

/* One name of the candidate being tried: its place in the scratch buffer
 * and its hash, computed once for the test and the reservation. */
typedef struct scope_name {
    size_t at, len;
    uint64_t hash;
} scope_name;

struct naming_scope {
    strmap *used;
    /* Scratch for a candidate and its derived names, reused by every
       claim: building them with printf and a malloc each was most of the
       generator's time on large specs. */
    char *buf;
    size_t buf_cap;
    scope_name *names;      /* [0]: the candidate; [1 + i]: pattern i */
    size_t names_cap;
};

naming_scope *naming_scope_new(void)
{
    return naming_scope_new_sized(0);
}

naming_scope *naming_scope_new_sized(size_t names)
{
    naming_scope *s = oc_calloc(1, sizeof *s);
    s->used = strmap_new_sized(names);
    return s;
}

void naming_scope_free(naming_scope *scope)
{
    if (!scope)
        return;
    strmap_free(scope->used);
    free(scope->buf);
    free(scope->names);
    free(scope);
}

bool naming_scope_reserve(naming_scope *scope, const char *ident)
{
    return strmap_put(scope->used, ident, strlen(ident), NULL);
}

/* Candidate number n of base into the scratch buffer: base, base_2, ... */
static size_t write_candidate(naming_scope *scope, const char *base, size_t base_len, unsigned n)
{
    char digits[16];
    size_t d = 0;
    for (unsigned v = n; n > 1 && v; v /= 10)
        digits[d++] = (char)('0' + v % 10);
    oc_grow(&scope->buf, &scope->buf_cap, base_len + d + 2, 1);
    memcpy(scope->buf, base, base_len);
    size_t len = base_len;
    if (n > 1) {
        scope->buf[len++] = '_';
        while (d)
            scope->buf[len++] = digits[--d];
    }
    return len;
}

/* pattern with its "%s" replaced by the candidate (the first cand_len
 * bytes of the buffer), appended to the buffer at *end. */
static scope_name write_derived(naming_scope *scope, size_t cand_len, const char *pattern,
                                size_t *end)
{
    const char *hole = strstr(pattern, "%s");
    size_t plen = strlen(pattern);
    size_t before = hole ? (size_t)(hole - pattern) : plen;
    size_t after = hole ? plen - before - 2 : 0;
    scope_name name = {*end, before + (hole ? cand_len : 0) + after, 0};
    oc_grow(&scope->buf, &scope->buf_cap, name.at + name.len, 1);
    char *out = scope->buf + name.at;
    memcpy(out, pattern, before);
    if (hole) {
        memcpy(out + before, scope->buf, cand_len);
        memcpy(out + before + cand_len, hole + 2, after);
    }
    *end = name.at + name.len;
    return name;
}

/* Is the candidate in the buffer free together with all its derived names?
 * Leaves every name, hashed, in scope->names for reserve_candidate. All
 * are written and hashed first, and their slots loaded together: in the
 * scope of every type name (150,000 names on a big spec) each lookup is a
 * cache miss, which cost more than the rest of naming when taken in turn. */
static bool candidate_free(naming_scope *scope, size_t cand_len, const char *const *patterns)
{
    scope->names[0] = (scope_name){0, cand_len, 0};
    size_t count = 1, end = cand_len;
    for (size_t i = 0; patterns && patterns[i]; i++)
        scope->names[count++] = write_derived(scope, cand_len, patterns[i], &end);
    for (size_t i = 0; i < count; i++) {
        scope_name *name = &scope->names[i];
        name->hash = strmap_hash(scope->buf + name->at, name->len);
        strmap_prefetch(scope->used, name->hash);
    }
    for (size_t i = 0; i < count; i++) {
        const scope_name *name = &scope->names[i];
        if (strmap_has_hashed(scope->used, scope->buf + name->at, name->len, name->hash))
            return false;
    }
    return true;
}

static void reserve_candidate(naming_scope *scope, size_t name_count)
{
    for (size_t i = 0; i < name_count; i++) {
        const scope_name *name = &scope->names[i];
        strmap_put_hashed(scope->used, scope->buf + name->at, name->len, name->hash, NULL);
    }
}

char *naming_scope_claim(naming_scope *scope, const char *base, const char *const *patterns)
{
    size_t pattern_count = 0;
    while (patterns && patterns[pattern_count])
        pattern_count++;
    oc_grow(&scope->names, &scope->names_cap, pattern_count, sizeof *scope->names);
    size_t base_len = strlen(base);
    for (unsigned n = 1; n <= 9999; n++) {
        size_t cand_len = write_candidate(scope, base, base_len, n);
        if (candidate_free(scope, cand_len, patterns)) {
            reserve_candidate(scope, pattern_count + 1);
            return oc_strndup(scope->buf, cand_len);
        }
    }
    return NULL;
}

naming_scope *naming_constants_new(const char *prefix)
{
    static const char *const macros[] = {"MODEL_H", "VALIDATE_H", "OPS_H", "DEPRECATED",
                                         "WARN_DEPRECATED"};
    naming_scope *scope = naming_scope_new();
    char *up = naming_upper(prefix ? prefix : "");
    for (size_t i = 0; i < sizeof macros / sizeof *macros; i++) {
        char *name = oc_concat3(up, macros[i], "");
        naming_scope_reserve(scope, name);
        free(name);
    }
    free(up);
    return scope;
}

char *naming_enum_constant(naming_scope *constants, const char *type_name, const char *value)
{
    char *ident = naming_identifier(value);
    char *base = oc_concat3(type_name, "_", ident);
    char *up = naming_upper(base);
    char *name = naming_scope_claim(constants, up, NULL);
    free(ident);
    free(base);
    free(up);
    return name;
}
