/* naming.c - spec names -> C identifiers (rules in naming.h). */
#include "naming.h"

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
    for (size_t i = 0; i < sizeof reserved_words / sizeof *reserved_words; i++)
        if (strcmp(ident, reserved_words[i]) == 0)
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
        out = oc_printf("n%s", snake);
    else if (naming_is_reserved(snake))
        out = oc_printf("%s_", snake);
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
        out = oc_printf("%s%s", prefix, fb);
        free(fb);
    } else if (!*prefix) {
        /* Without a prefix the name stands alone and needs the same fixes. */
        out = naming_identifier(name);
    } else {
        out = oc_printf("%s%s", prefix, snake);
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

struct naming_scope {
    strmap *used;
};

naming_scope *naming_scope_new(void)
{
    naming_scope *s = oc_malloc(sizeof *s);
    s->used = strmap_new();
    return s;
}

void naming_scope_free(naming_scope *scope)
{
    if (!scope)
        return;
    strmap_free(scope->used);
    free(scope);
}

bool naming_scope_reserve(naming_scope *scope, const char *ident)
{
    return strmap_put(scope->used, ident, strlen(ident), NULL);
}

/* pattern with its "%s" replaced by name */
static char *apply_pattern(const char *pattern, const char *name)
{
    const char *hole = strstr(pattern, "%s");
    if (!hole)
        return oc_strdup(pattern);
    return oc_printf("%.*s%s%s", (int)(hole - pattern), pattern, name, hole + 2);
}

static bool candidate_free(naming_scope *scope, const char *cand, const char *const *patterns)
{
    if (strmap_has(scope->used, cand, strlen(cand)))
        return false;
    for (size_t i = 0; patterns && patterns[i]; i++) {
        char *derived = apply_pattern(patterns[i], cand);
        bool taken = strmap_has(scope->used, derived, strlen(derived));
        free(derived);
        if (taken)
            return false;
    }
    return true;
}

char *naming_scope_claim(naming_scope *scope, const char *base, const char *const *patterns)
{
    for (unsigned n = 1; n <= 9999; n++) {
        char *cand = n == 1 ? oc_strdup(base) : oc_printf("%s_%u", base, n);
        if (candidate_free(scope, cand, patterns)) {
            naming_scope_reserve(scope, cand);
            for (size_t i = 0; patterns && patterns[i]; i++) {
                char *derived = apply_pattern(patterns[i], cand);
                naming_scope_reserve(scope, derived);
                free(derived);
            }
            return cand;
        }
        free(cand);
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
        char *name = oc_printf("%s%s", up, macros[i]);
        naming_scope_reserve(scope, name);
        free(name);
    }
    free(up);
    return scope;
}

char *naming_enum_constant(naming_scope *constants, const char *type_name, const char *value)
{
    char *ident = naming_identifier(value);
    char *base = oc_printf("%s_%s", type_name, ident);
    char *up = naming_upper(base);
    char *name = naming_scope_claim(constants, up, NULL);
    free(ident);
    free(base);
    free(up);
    return name;
}
