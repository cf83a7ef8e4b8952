/* emit_validate_internal.h - shared by emit_validate*.c only. */
#ifndef OAS2C_EMIT_VALIDATE_INTERNAL_H
#define OAS2C_EMIT_VALIDATE_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include "emit.h"

/* The function a call to `s` really needs: pure-$ref nodes are skipped
 * (each adds "/$ref" to the keyword path, counted in *refs); NULL when the
 * schema accepts everything, so no call is needed at all. */
const ir_schema *ev_callee(const ir_schema *s, size_t *refs);

/* Does s check anything besides a $ref? */
bool ev_has_keywords(const ir_schema *s);

/* Does s use a keyword that only validators apply (patternProperties,
 * propertyNames, dependent*, if/then/else, contains, unevaluated*)? */
bool ev_has_2020_keywords(const ir_schema *s);

/* unevaluatedProperties/Items' schema u when a function applies it; NULL
 * for `false`, which the runtime refuses itself, and when absent. */
const ir_schema *ev_unevaluated_callee(const ir_schema *u);

/* Write a keyword path piece as a C string literal: prefix, then the
 * RFC 6901 escaped token (if non-NULL), then "/$ref" refs times. */
void ev_kw_literal(FILE *f, const char *prefix, const char *token, size_t refs);

/* Is a call to c (a callee) from a member or items table checked from the
 * table entry (oas_v_leaf) rather than by c's function? Those that only
 * check type, enum and format, unless c is exported. */
bool ev_leaf(const ir_schema *c, const bool *exported);

/* Is s's validator no more than an object's type check and its object
 * table? That table is then `<validator>_object` at file scope, and the
 * tables of properties whose schema is s point at it. */
bool ev_table_object(const ir_schema *s);

/* Where the definitions ev_emit_function() wrote start (ftell positions
 * in f): s's object table at file scope (-1: none) and its validator
 * (from "void" on). The caller writes the validator's storage class
 * before each. */
typedef struct ev_defs {
    long table, fn;
} ev_defs;

/* Write the definition of s's validator, after its object table when it
 * is a table object. */
ev_defs ev_emit_function(FILE *f, const ir_schema *s, const bool *exported);

#endif
