/* oas_regex.h - a small backtracking matcher for JSON Schema `pattern`,
 * covering the ECMA-262 subset that schemas use: literals, ".", classes
 * ([a-z], [^...], \d \w \s and their negations outside classes), Unicode
 * General_Category escapes \p{L} \p{Letter} \P{Lu}... (in and outside
 * classes; oas_unicode.h), anchors ^ $ (no multiline), \b \B, groups ( )
 * and (?: ), alternation, greedy and lazy quantifiers * + ? {n} {n,} {n,m},
 * escapes \t \n \r \v \f \0 \xHH \uHHHH. Matching is by code point (like
 * the `u` flag) and unanchored, as JSON Schema requires. Not supported
 * (reported, never guessed): backreferences, lookaround, named groups,
 * \p{..} of scripts and binary properties, \D \W \S inside classes.
 * A step limit bounds catastrophic backtracking.
 *
 * Compile once, match many times: a compiled oas_regex is immutable, so one
 * program may be used by any number of threads at once. */
#ifndef OAS_REGEX_H
#define OAS_REGEX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OAS_REGEX_DEFAULT_STEPS 1000000ul

enum {
    OAS_REGEX_ERR_SYNTAX = -1,      /* malformed or unsupported pattern */
    OAS_REGEX_ERR_STEPS = -2,       /* step limit reached */
    OAS_REGEX_ERR_NOMEM = -3
};

typedef struct oas_regex oas_regex;

/* 0 and *out set (free with oas_regex_free), or an OAS_REGEX_ERR_* value
 * and *out NULL. */
int oas_regex_compile(const char *pattern, size_t pattern_len, oas_regex **out);
void oas_regex_free(oas_regex *re); /* NULL-safe */

/* 1 when re matches somewhere in subject (UTF-8), 0 when not, or
 * OAS_REGEX_ERR_STEPS / OAS_REGEX_ERR_NOMEM. Allocates only when the
 * backtrack stack outgrows its on-stack part. */
int oas_regex_exec(const oas_regex *re, const char *subject, size_t subject_len,
                   unsigned long max_steps);

/* Compile + exec + free, for one-off matching.
 * 1 when pattern matches somewhere in subject, 0 when not, or an
 * OAS_REGEX_ERR_* value. Both are UTF-8 with explicit lengths. */
int oas_regex_search(const char *pattern, size_t pattern_len, const char *subject,
                     size_t subject_len, unsigned long max_steps);

#ifdef __cplusplus
}
#endif
#endif
