/* oas_unicode.h - Unicode General_Category, for \p{..} in patterns
 * (oas_regex.c). Runtime-internal, not installed API. The data is
 * generated (oas_unicode_table.c, scripts/gen_unicode_categories.py). */
#ifndef OAS_UNICODE_H
#define OAS_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The General_Category of cp as an index (Lu = 0 ... Cn = 29; the order of
 * the generator's CATEGORIES); beyond U+10FFFF, Cn. */
unsigned oas_unicode_category(uint32_t cp);

/* The categories a property value names, as a mask of 1 << index: a
 * General_Category value by its short or long name (ECMA-262 spellings:
 * "L", "Letter", "Lu", "Uppercase_Letter", "digit"...), optionally after
 * "gc=" or "General_Category=". 0 for any other name (scripts and binary
 * properties are not known). */
uint32_t oas_unicode_property(const char *name, size_t len);

#define OAS_UNICODE_ALL_CATEGORIES ((1u << 30) - 1)

/* the generated table */
extern const char oas_unicode_version[];
extern const size_t oas_unicode_run_count;
extern const uint32_t oas_unicode_runs[];

#ifdef __cplusplus
}
#endif
#endif
