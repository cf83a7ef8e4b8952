/* emit_examples_internal.h - shared by the example synthesizer's files:
 * the output buffer, the merged "view" of a schema (its own keywords plus
 * $ref targets, allOf branches and the first oneOf/anyOf branch), and the
 * scalar writers. */
#ifndef OAS2C_EMIT_EXAMPLES_INTERNAL_H
#define OAS2C_EMIT_EXAMPLES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "ir.h"

/* Past this size an example is given up (the schema demands, say,
 * minItems: 1000000000): no mock needs it, and building it would exhaust
 * memory or time. */
#define EX_MAX_BYTES (1u << 20)
/* Schemas merged for one synthesized instance, every member's and item's
 * view and the views comparing branches included: far beyond any real
 * spec's, and a bound on one that is not (past it: no example). */
#define EX_MAX_COLLECT_WORK 100000

typedef struct ex_out {
    char *buf;
    size_t len, cap;
    bool over_budget;  /* something did not fit in EX_MAX_BYTES: no example */
} ex_out;

void ex_bytes(ex_out *o, const char *s, size_t n);
void ex_str(ex_out *o, const char *s);            /* raw text */
void ex_json_string(ex_out *o, const char *s, size_t n); /* quoted, escaped */

struct ex_view;

/* What the views of one synthesized instance share: the merge budget, and
 * the views of single schemas built to compare oneOf branches and `if`
 * with (each built once: a view is a function of its schema, and chains
 * of branches that share schemas would otherwise build them once per path). */
typedef struct ex_shared {
    size_t work_left;               /* schemas the views may still merge */
    struct strmap *alone;           /* schema address -> its view */
    struct ex_view **views; size_t view_count, view_cap; /* owned */
} ex_shared;

void ex_shared_init(ex_shared *sh);
void ex_shared_free(ex_shared *sh);

typedef struct ex_member {
    const char *name;
    const ir_schema *schema;  /* NULL: required but never described */
    bool required;
    /* The member's schemas in other branches (allOf, if/then, dependent
       schemas): the instance is built from all of them merged. */
    const ir_schema **also; size_t also_count, also_cap;
} ex_member;

/* Every keyword that decides what a valid instance looks like, merged over
 * the schema, its $ref chain and its allOf branches (the tightest bound
 * wins; the first const/enum/format/items/... found wins). */
typedef struct ex_view {
    unsigned types;           /* IR_T_* intersection; 0 = unconstrained */
    bool nullable;
    bool unsatisfiable;       /* a `false` schema or disjoint types were met */
    const ir_value *const_value, *enum_first, *default_value, *example;
    const char *format;
    bool has_lo, lo_exclusive, has_hi, hi_exclusive;
    double lo, hi;
    double multiple_of;       /* 0 = none */
    int64_t min_length, max_length, min_items, max_items, min_properties;
    const ir_schema *items;
    const ir_schema **prefix; size_t prefix_count;
    const ir_schema *contains;  /* the first `contains` met */
    int64_t min_contains;       /* -1 = absent (1 when contains is set) */
    const ir_schema *addl;    /* additionalProperties (or unevaluatedProperties) schema */
    bool addl_false;          /* additionalProperties or unevaluatedProperties false */
    /* Schemas whose dependentRequired / dependentSchemas apply once the
       members are known (ex_view_collect applies them). */
    const ir_schema **dependents; size_t dependent_count, dependent_cap;
    bool has_object_keywords, has_array_keywords, has_string_keywords, has_number_keywords;
    ex_member *members; size_t member_count, member_cap;
    /* The budget and comparison views, shared with the views built to
       compare branches and, in a synthesized instance, with all its other
       views (shared; NULL: own_shared). */
    ex_shared *shared, own_shared;
    /* The schemas merged so far (keys: their addresses): merging one again
       adds nothing, and allOf branches or $refs that share a schema would
       otherwise merge it once per path to it. NULL until the first. */
    struct strmap *merged;
} ex_view;

void ex_view_init(ex_view *v);
void ex_view_free(ex_view *v);
/* Merge s (following $ref, allOf, first oneOf/anyOf branch, if/then/else,
 * the dependent keywords of the members present) into v. */
void ex_view_collect(ex_view *v, const ir_schema *s);
/* Merge every schema of member m into v (its first schema, then the rest). */
void ex_view_collect_member(ex_view *v, const ex_member *m);

/* The one JSON type the instance will have (an IR_T_* bit). */
unsigned ex_view_pick_type(const ex_view *v);

/* Scalars (emit_examples_scalar.c). `hint` names the member being built
 * (used as a readable string value), or NULL. */
void ex_write_string(ex_out *o, const ex_view *v, const char *hint);
void ex_write_number(ex_out *o, const ex_view *v, bool integer);
/* A schema-level default/example usable as is for a scalar of type t. */
const ir_value *ex_scalar_literal(const ex_view *v, unsigned t);
void ex_write_value(ex_out *o, const ir_value *value);

#endif
