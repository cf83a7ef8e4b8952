/* oas_validate_impl.h - the helper API that generated validators call, one
 * call per keyword. Not for users: include oas_validate.h instead.
 *
 * Paths are linked lists of segments living in the callers' stack frames, so
 * the valid path allocates nothing and path depth needs no fixed capacity;
 * strings are only built when a violation is recorded.
 *
 * Every keyword helper takes `sloc`, the absolute location of the schema that
 * holds the keyword ("#/components/schemas/X"); the violation's
 * absoluteKeywordLocation is sloc + "/" + keyword and its keywordLocation is
 * the current keyword path + "/" + keyword. */
#ifndef OAS_VALIDATE_IMPL_H
#define OAS_VALIDATE_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include "oas_validate.h"

/* oas_v_regex's published program: C11 atomics, and in C++ the std::atomic
 * that GCC and Clang lay out the same (what C++23's <stdatomic.h> maps
 * _Atomic(T) to). */
#ifdef __cplusplus
#include <atomic>
#define OAS_V_ATOMIC(T) std::atomic<T>
#else
#define OAS_V_ATOMIC(T) _Atomic(T)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* One instance path segment: an object key (key != NULL) or an array index. */
typedef struct oas_v_iseg {
    const struct oas_v_iseg *up;
    const char *key;
    size_t key_len_or_index;
} oas_v_iseg;

/* One keyword path piece: static text already RFC 6901 escaped, e.g.
 * "/properties/scores" or "/$ref". */
typedef struct oas_v_kseg {
    const struct oas_v_kseg *up;
    const char *text;
} oas_v_kseg;

struct oas_vctx {
    oas_report *report;
    const oas_v_iseg *ipath;
    const oas_v_kseg *kpath;
    size_t depth;       /* instance path length */
    size_t max_depth;
    size_t errors;      /* violations found so far, quiet ones included */
    unsigned quiet;     /* > 0 inside speculative branches: count, never record */
    bool stopped;       /* depth limit or out of memory: unwind without checking */
    bool assert_formats; /* oas_validate_options.assert_formats */
    /* Which members of an object with repeated keys a later one shadows:
       worked out once per object (oas_json_mark_duplicates) and kept per
       nesting level, as an object's members are visited while deeper
       levels come and go. Freed when the run ends. */
    struct oas_v_marks *marks;
    size_t marks_levels;
    /* The innermost schema with unevaluatedProperties/Items being applied,
       collecting which members or items of its instance the keywords beside
       it evaluate (oas_validate_eval.c); NULL when none is. */
    struct oas_v_eval *eval;
    /* The dynamic scope ($dynamicRef): the innermost resource entered, and
       how many scope entries and dynamic references are nested. */
    const struct oas_v_scope *scope;
    size_t scope_depth;
};

/* JSON Schema type bits (same values as the generator's IR_T_*). */
enum {
    OAS_VT_NULL = 1u << 0,
    OAS_VT_BOOLEAN = 1u << 1,
    OAS_VT_OBJECT = 1u << 2,
    OAS_VT_ARRAY = 1u << 3,
    OAS_VT_NUMBER = 1u << 4,
    OAS_VT_STRING = 1u << 5,
    OAS_VT_INTEGER = 1u << 6
};

/* Formats that are checked; any other format is ignored. */
typedef enum oas_format {
    OAS_FMT_INT32, OAS_FMT_INT64, OAS_FMT_FLOAT, OAS_FMT_DOUBLE,
    OAS_FMT_DATE_TIME, OAS_FMT_DATE, OAS_FMT_UUID, OAS_FMT_URI, OAS_FMT_EMAIL
} oas_format;

/* A numeric limit from the schema, precomputed by the generator. */
typedef struct oas_v_num {
    const char *text;  /* JSON text, used in params/messages */
    double d;
    int64_t i;
    bool is_int64;     /* i is exact */
    bool is_float;     /* written with a fraction or exponent (multipleOf) */
} oas_v_num;

typedef enum oas_v_cmp { OAS_V_MIN, OAS_V_MAX, OAS_V_XMIN, OAS_V_XMAX } oas_v_cmp;

/* ---- paths ---------------------------------------------------------------
 * push_* return false when the depth limit is hit (ctx->stopped is then set);
 * pop unconditionally after every push. */
bool oas_v_depth_exceeded(oas_vctx *c);

static inline bool oas_v_push_key(oas_vctx *c, oas_v_iseg *s, const char *key, size_t len)
{
    s->up = c->ipath;
    s->key = key;
    s->key_len_or_index = len;
    c->ipath = s;
    return ++c->depth <= c->max_depth || oas_v_depth_exceeded(c);
}

static inline bool oas_v_push_index(oas_vctx *c, oas_v_iseg *s, size_t index)
{
    s->up = c->ipath;
    s->key = NULL;
    s->key_len_or_index = index;
    c->ipath = s;
    return ++c->depth <= c->max_depth || oas_v_depth_exceeded(c);
}

static inline void oas_v_pop(oas_vctx *c, const oas_v_iseg *s)
{
    c->ipath = s->up;
    c->depth--;
}

static inline void oas_v_kw_push(oas_vctx *c, oas_v_kseg *s, const char *text)
{
    s->up = c->kpath;
    s->text = text;
    c->kpath = s;
}

static inline void oas_v_kw_pop(oas_vctx *c, const oas_v_kseg *s)
{
    c->kpath = s->up;
}

/* Apply a subschema to the same instance under keyword path piece kw
 * ("/$ref", "/allOf/0"). */
static inline void oas_v_apply(oas_vctx *c, const oas_json *in, const char *kw, oas_validate_fn fn)
{
    oas_v_kseg ks;
    oas_v_kw_push(c, &ks, kw);
    fn(in, c);
    oas_v_kw_pop(c, &ks);
}

/* Apply fn to an object member's value ("/properties/x" or "/additionalProperties"). */
static inline void oas_v_member(oas_vctx *c, const oas_json_member *m, const char *kw, oas_validate_fn fn)
{
    oas_v_iseg is;
    if (oas_v_push_key(c, &is, m->key, m->key_len))
        oas_v_apply(c, &m->value, kw, fn);
    oas_v_pop(c, &is);
}

/* Apply fn to array item i ("/items" or "/prefixItems/0"). */
static inline void oas_v_item(oas_vctx *c, const oas_json *arr, size_t i, const char *kw, oas_validate_fn fn)
{
    oas_v_iseg is;
    if (oas_v_push_index(c, &is, i))
        oas_v_apply(c, &arr->u.arr.items[i], kw, fn);
    oas_v_pop(c, &is);
}

/* A validator that accepts everything (true schema, `{}`), for branch
 * tables of oneOf/anyOf. */
void oas_v_accept(const oas_json *in, oas_vctx *c);

/* True when member i of a duplicate-keyed object is hidden by a later
 * member with the same key (last occurrence wins, as for lookups). Linear
 * per object, whatever its keys: the marks are worked out once. Out of
 * memory stops the run (report status OAS_ERR_NOMEM) and says false. */
bool oas_v_shadowed(oas_vctx *c, const oas_json *obj, size_t i);

/* ---- evaluated members and items (unevaluatedProperties/Items) -----------
 * A schema with unevaluatedProperties or unevaluatedItems opens a record of
 * its instance's evaluated members (or items) before its other keywords
 * run; the keywords that apply subschemas to them (properties,
 * patternProperties, additionalProperties, prefixItems, items, contains,
 * unevaluated*) mark them, through any in-place applicator ($ref, allOf,
 * anyOf, oneOf, if/then/else, dependentSchemas). A failing branch of
 * allOf, anyOf or oneOf, a failing `if` and `not` leave no marks; a failing
 * then/else, $ref or dependentSchemas keeps its own (as python-jsonschema
 * does), and a member is marked whatever its value's verdict. Without such
 * a schema ctx->eval is NULL and the marking is one pointer test. */
typedef struct oas_v_eval {
    struct oas_v_eval *up;
    const oas_json *inst;
    unsigned char *marks;         /* one per member or item */
    unsigned char small[32];      /* marks of small instances, allocation-free */
} oas_v_eval;

void oas_v_eval_begin(oas_vctx *c, oas_v_eval *e, const oas_json *in);
/* Closes the record; its marks join the enclosing one of the same instance. */
void oas_v_eval_end(oas_vctx *c, oas_v_eval *e);
void oas_v_eval_mark_range(oas_v_eval *e, size_t from, size_t to);

/* The open record for `in`, or NULL. */
static inline oas_v_eval *oas_v_evaluating(const oas_vctx *c, const oas_json *in)
{
    return c->eval && c->eval->inst == in ? c->eval : NULL;
}

/* A branch applied in place (allOf's, or the one a failing anyOf/oneOf
 * shows) while the instance's evaluated members or items are recorded: as
 * oas_v_apply, but a branch that fails leaves no marks (its annotations
 * are dropped). */
void oas_v_branch_recorded(oas_vctx *c, const oas_json *in, const char *kw, oas_validate_fn fn);

/* Such a branch (kw "/allOf/0", ...); with no record open, one pointer
 * test more than oas_v_apply. */
static inline void oas_v_apply_branch(oas_vctx *c, const oas_json *in, const char *kw,
                                      oas_validate_fn fn)
{
    if (oas_v_evaluating(c, in))
        oas_v_branch_recorded(c, in, kw, fn);
    else
        oas_v_apply(c, in, kw, fn);
}

/* Items from..to (bounded by the array's count) are evaluated. */
static inline void oas_v_eval_items(oas_vctx *c, const oas_json *arr, size_t from, size_t to)
{
    oas_v_eval *e = oas_v_evaluating(c, arr);
    if (e)
        oas_v_eval_mark_range(e, from, to < arr->u.arr.count ? to : arr->u.arr.count);
}

/* unevaluatedProperties / unevaluatedItems, after every other keyword of
 * the schema: each member (item) no record mark names is checked against fn
 * (NULL: accepted), or refused when deny (the schema `false`). */
void oas_v_unevaluated_properties(oas_vctx *c, const oas_json *obj, const char *sloc,
                                  const char *kw, oas_validate_fn fn, bool deny);
void oas_v_unevaluated_items(oas_vctx *c, const oas_json *arr, const char *sloc, const char *kw,
                             oas_validate_fn fn, bool deny);

/* ---- dynamic scope ($dynamicRef, JSON Schema 2020-12 8.2.3.2) ----------
 * Only bindings with a dynamic reference use these. The validator of a
 * schema that enters a resource declaring `$dynamicAnchor`s (its number in
 * the binding) keeps it in the scope while it runs; a dynamic reference
 * applies the anchor's schema of the OUTERMOST resource in the scope that
 * declares the anchor (by_resource[resource], fn NULL when it does not),
 * else its static target. Scope entries and dynamic references nested
 * beyond OAS_V_SCOPE_PER_LEVEL per instance nesting level stop the run
 * with OAS_ERR_SCHEMA_DEPTH (a reference cycle never ends otherwise). */
#define OAS_V_SCOPE_PER_LEVEL 8

typedef struct oas_v_scope {
    const struct oas_v_scope *up;
    size_t resource;
} oas_v_scope;

/* A schema to apply, its keyword path piece ("/$dynamicRef"), and 1 + the
 * resource applying it enters when the schema lies in the middle of one
 * (0: none beyond what fn enters itself). */
typedef struct oas_v_target {
    oas_validate_fn fn;
    const char *kw;
    size_t enter;
} oas_v_target;

/* false (nothing entered: return at once) when too deep (the report then
 * keeps in's place); else pair with oas_v_scope_leave. */
bool oas_v_scope_enter(oas_vctx *c, oas_v_scope *s, const oas_json *in, size_t resource);

static inline void oas_v_scope_leave(oas_vctx *c, const oas_v_scope *s)
{
    c->scope = s->up;
    c->scope_depth--;
}

void oas_v_dynamic_ref(oas_vctx *c, const oas_json *in, const oas_v_target *fallback,
                       const oas_v_target *by_resource);

/* oas_v_apply within resource: a reference to a subschema in the middle
 * of a resource enters that resource (2020-12 7.1). */
void oas_v_apply_in(oas_vctx *c, const oas_json *in, const char *kw, oas_validate_fn fn,
                    size_t resource);

/* ---- keywords: each records a violation and returns false on failure ----- */
/* Does in have one of the OAS_VT_* types in mask? A number is also an
 * "integer" when integral (1.0 and 1e2 are, 2020-12). A lookup rather than
 * a switch: members of different types follow each other, and a switch's
 * jump was mispredicted at each change. */
static inline bool oas_v_type_matches(const oas_json *in, unsigned mask)
{
    /* indexed by oas_json_type: null, false, true, number, string, array,
       object. One entry per value of the byte in->type, so no bound is
       tested; a value past object (only a hand-built node holds one) has
       no type bit and matches nothing. */
    static const unsigned char bits_of_type[256] = {OAS_VT_NULL,   OAS_VT_BOOLEAN, OAS_VT_BOOLEAN,
                                                    OAS_VT_NUMBER, OAS_VT_STRING,  OAS_VT_ARRAY,
                                                    OAS_VT_OBJECT};
    unsigned type = in->type;
    /* OAS_JSON_F_INTEGER (bit 0) moved to OAS_VT_INTEGER (bit 6) */
    unsigned integral = (unsigned)(type == OAS_JSON_NUMBER) & in->flags & OAS_JSON_F_INTEGER;
    return (mask & (bits_of_type[type] | integral << 6)) != 0;
}
/* The violation of a type check that failed; returns false. */
bool oas_v_type_failed(oas_vctx *c, const oas_json *in, unsigned mask, const char *sloc);
/* Inline: generated validators check a type at almost every node, and the
 * check passes almost always, so a call would cost more than the test. */
static inline bool oas_v_type(oas_vctx *c, const oas_json *in, unsigned mask, const char *sloc)
{
    return oas_v_type_matches(in, mask) || oas_v_type_failed(c, in, mask, sloc);
}
bool oas_v_false(oas_vctx *c, const oas_json *in, const char *sloc);
void oas_v_missing(oas_vctx *c, const oas_json *obj, const char *sloc, const char *name, size_t len);
/* required for names that are not declared properties */
void oas_v_required(oas_vctx *c, const oas_json *obj, const char *sloc, const char *name, size_t len);
void oas_v_additional(oas_vctx *c, const oas_json *obj, const oas_json_member *m, const char *sloc);
bool oas_v_min_properties(oas_vctx *c, const oas_json *obj, const char *sloc, size_t limit);
bool oas_v_max_properties(oas_vctx *c, const oas_json *obj, const char *sloc, size_t limit);

bool oas_v_min_items(oas_vctx *c, const oas_json *arr, const char *sloc, size_t limit);
bool oas_v_max_items(oas_vctx *c, const oas_json *arr, const char *sloc, size_t limit);
bool oas_v_unique_items(oas_vctx *c, const oas_json *arr, const char *sloc);

bool oas_v_min_length(oas_vctx *c, const oas_json *str, const char *sloc, size_t limit);
bool oas_v_max_length(oas_vctx *c, const oas_json *str, const char *sloc, size_t limit);
/* pattern: ECMA-262 subset (oas_regex.h); a pattern that does not compile
 * or exceeds the step limit is a violation with a message saying so.
 * Generated code keeps one static oas_v_regex per pattern: the program is
 * compiled on first use, published with an atomic compare-and-swap (any
 * thread may race to compile; one program wins, the others are freed) and
 * then matched without allocating. */
typedef struct oas_v_regex {
    const char *source;               /* the pattern, UTF-8 */
    size_t len;
    OAS_V_ATOMIC(struct oas_regex *) program; /* NULL until compiled */
    OAS_V_ATOMIC(int) unsupported;           /* 1: the pattern does not compile */
    struct oas_v_regex *next;         /* compiled ones, for oas_v_regex_release_all */
} oas_v_regex;
#define OAS_V_REGEX_INIT(literal) {literal, sizeof(literal) - 1, NULL, 0, NULL}

bool oas_v_pattern(oas_vctx *c, const oas_json *str, const char *sloc, oas_v_regex *pattern);

bool oas_v_bound(oas_vctx *c, const oas_json *num, const char *sloc, oas_v_cmp cmp, const oas_v_num *limit);
bool oas_v_multiple_of(oas_vctx *c, const oas_json *num, const char *sloc, const oas_v_num *m);

/* Checks strings for string formats and numbers for numeric ones; other
 * instance types pass. Only when the run asserts formats: otherwise format
 * is an annotation, and this test is all it costs. */
bool oas_v_format_assert(oas_vctx *c, const oas_json *in, const char *sloc, oas_format fmt);
static inline bool oas_v_format(oas_vctx *c, const oas_json *in, const char *sloc, oas_format fmt)
{
    return !c->assert_formats || oas_v_format_assert(c, in, sloc, fmt);
}

/* enum / const against static DOM constants (oas_json_equal semantics). */
bool oas_v_enum(oas_vctx *c, const oas_json *in, const char *sloc, const oas_json *values, size_t n);
bool oas_v_const(oas_vctx *c, const oas_json *in, const char *sloc, const oas_json *value);

/* Combinators: branches are evaluated quietly (counted, not recorded); on
 * failure the combinator's violation is recorded plus the errors of the
 * closest branch (fewest errors), re-evaluated for real. kws[i] is the
 * keyword path piece of branch i ("/oneOf/0"). */
bool oas_v_one_of(oas_vctx *c, const oas_json *in, const char *sloc,
                  const oas_validate_fn *fns, const char *const *kws, size_t n);
bool oas_v_any_of(oas_vctx *c, const oas_json *in, const char *sloc,
                  const oas_validate_fn *fns, const char *const *kws, size_t n);
bool oas_v_not(oas_vctx *c, const oas_json *in, const char *sloc, oas_validate_fn fn, const char *kw);
/* if/then/else: `if` quietly, then `then` or `else` (NULL: absent). A
 * failing branch is recorded as keyword "if" with the branch's errors. */
bool oas_v_if(oas_vctx *c, const oas_json *in, const char *sloc, oas_validate_fn if_fn,
              const char *if_kw, oas_validate_fn then_fn, const char *then_kw,
              oas_validate_fn else_fn, const char *else_kw);
/* contains with minContains (default 1) and maxContains (-1: none) on arr. */
bool oas_v_contains(oas_vctx *c, const oas_json *arr, const char *sloc, oas_validate_fn fn,
                    const char *kw, long long min, long long max);
/* propertyNames: each member's name, as a string, against fn (kw
 * "/propertyNames"); the violations are at the object's location. */
void oas_v_property_names(oas_vctx *c, const oas_json *obj, const char *kw, oas_validate_fn fn);


/* ---- tables (oas_validate_table.c) ----------------------------------------
 * Generated validators describe an object's members and an array's items as
 * static tables walked by one shared loop, not as code of their own: a
 * binding of thousands of schemas then compiles in a fraction of the time.
 * Same checks, same order, same reports as the equivalent inline code. */

/* A subschema that checks no more than type, enum and format (in that
 * order), checked from its entry instead of by a function of its own. */
typedef struct oas_v_leaf {
    const char *sloc;           /* its absolute location */
    unsigned mask;              /* OAS_VT_* bits; 0: no type check */
    int format;                 /* an oas_format, or -1: none */
    bool has_enum;
    const oas_json *enum_values;
    size_t enum_count;
} oas_v_leaf;

struct oas_v_object_desc;

/* A declared property. Neither fn nor leaf: its value is not checked. */
typedef struct oas_v_prop {
    const char *name;
    size_t len;
    const char *kw;             /* "/properties/<name, escaped>" and any "/$ref"s */
    oas_validate_fn fn;
    const oas_v_leaf *leaf;
    int seen;                   /* its slot in seen[] when required, else -1 */
    int next;                   /* index of the property declared after it (the first after the last) */
    /* fn's own object table when fn checks no more than an object's type
     * and this table (else NULL): a value that is an object is walked
     * through it directly, without the call to fn. */
    const struct oas_v_object_desc *object;
} oas_v_prop;

/* A required name: a declared property's seen[] slot, or -1 when it is
 * not a declared property. */
typedef struct oas_v_req {
    const char *name;
    size_t len;
    int seen;
} oas_v_req;

/* dependentRequired: when the object has `name`, it must have each of deps. */
typedef struct oas_v_dependent {
    const char *name;
    size_t len;
    const oas_v_req *deps;      /* their seen fields are unused */
    size_t count;
} oas_v_dependent;
void oas_v_dependent_required(oas_vctx *c, const oas_json *obj, const char *sloc,
                              const oas_v_dependent *d, size_t n);

/* A patternProperties entry: members whose name the pattern matches are
 * checked against fn or leaf (neither: accepted). */
typedef struct oas_v_pattern_prop {
    oas_v_regex *pattern;
    const char *kw;             /* "/patternProperties/<pattern, escaped>" */
    oas_validate_fn fn;
    const oas_v_leaf *leaf;
} oas_v_pattern_prop;

typedef struct oas_v_object_desc {
    const oas_v_prop *props;    /* sorted by name length, then bytes */
    size_t prop_count;
    size_t first;               /* index of the property declared first */
    const oas_v_req *required;  /* in the schema's order */
    size_t required_count;
    long long min_properties;   /* -1: none */
    long long max_properties;   /* -1: none */
    bool members;               /* anything to check per member; if not, none is looked at */
    bool additional_false;
    const char *additional_kw;  /* additionalProperties: fn or leaf (or neither) */
    oas_validate_fn additional_fn;
    const oas_v_leaf *additional_leaf;
    bool additional;            /* additionalProperties present (it evaluates the rest) */
    const oas_v_pattern_prop *patterns;
    size_t pattern_count;
    const char *sloc;           /* the schema's absolute location */
    size_t seen_count;          /* the seen[] slots it takes */
} oas_v_object_desc;

/* The object keywords on obj (an object): repeated keys, min/max
 * properties, each member (the last of repeated keys) against its property
 * and the patternProperties its name matches, or else additionalProperties,
 * then required. seen: one zeroed byte per slot. */
void oas_v_object(oas_vctx *c, const oas_json *obj, const char *sloc, const oas_v_object_desc *o,
                  unsigned char *seen);
/* Items start.. of arr (an array) against fn or leaf under kw ("/items"). */
void oas_v_items(oas_vctx *c, const oas_json *arr, size_t start, const char *kw, oas_validate_fn fn,
                 const oas_v_leaf *leaf);

/* ---- formats and strings (oas_format.c) ---------------------------------- */
bool oas_format_string_ok(oas_format fmt, const char *s, size_t len);
bool oas_format_number_ok(oas_format fmt, const oas_json *num);
const char *oas_format_name(oas_format fmt);
/* Number of Unicode code points in valid UTF-8. */
size_t oas_utf8_length(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
