/* naming.h - the only place where spec names become C identifiers.
 *
 * Rules (docs/DESIGN.md "Names"): words split at separators, lower->Upper
 * and acronym->Word boundaries, joined lower-case with '_'; leading '_'
 * dropped; C and C++ keywords and reserved macro names get a trailing '_';
 * a leading digit gets an 'n' in front; a name without any ASCII letter or
 * digit becomes "u" + the hex of its bytes. Collisions inside one scope get
 * "_2", "_3"... in the order names are claimed. All results are malloc'd. */
#ifndef OAS2C_NAMING_H
#define OAS2C_NAMING_H

#include <stdbool.h>
#include <stddef.h>

/* snake_case words only (may be empty, may start with a digit). */
char *naming_snake(const char *name);
/* A valid C identifier for a standalone name (member, parameter). */
char *naming_identifier(const char *name);
/* prefix + snake(name), made valid ("ld_" + "InsightScores" -> "ld_insight_scores"). */
char *naming_prefixed(const char *prefix, const char *name);
/* Upper-case copy, for enum constants and macros. */
char *naming_upper(const char *ident);
/* Keyword or reserved name of C/C++ or the standard headers we include. */
bool naming_is_reserved(const char *ident);

/* A set of identifiers in use; claim() hands out collision-free names. */
typedef struct naming_scope naming_scope;
naming_scope *naming_scope_new(void);
/* A scope with room for about `names` names before its table grows. */
naming_scope *naming_scope_new_sized(size_t names);
void naming_scope_free(naming_scope *scope);
/* Reserve an exact name (e.g. a runtime symbol); false if already taken. */
bool naming_scope_reserve(naming_scope *scope, const char *ident);
/* The first of base, base_2, base_3... such that the name and every name
 * derived through `patterns` (NULL-terminated list, "%s" = the name, e.g.
 * "has_%s", "%s_count"; may be NULL) are free; all of them get reserved.
 * Returns NULL (nothing reserved) when no candidate up to _9999 is free. */
char *naming_scope_claim(naming_scope *scope, const char *base, const char *const *patterns);

/* Enum constants and macros share one global, upper-case namespace. A
 * scope for them with the macros the emitters define for `prefix`
 * reserved: <P>MODEL_H, <P>VALIDATE_H, <P>OPS_H, <P>DEPRECATED,
 * <P>WARN_DEPRECATED (P = upper-case prefix). */
naming_scope *naming_constants_new(const char *prefix);
/* The constant for `value` (a spec enum string, or a union member name) of
 * the C type `type_name`: UPPER(type_name) + "_" + UPPER(identifier(value)),
 * claimed in `constants` ("_2", "_3"... on collision). NULL when exhausted. */
char *naming_enum_constant(naming_scope *constants, const char *type_name, const char *value);

#endif
