/* oas_validate_table.c - the table-driven parts of generated validators
 * (oas_validate_impl.h): an object's members and an array's items walked by
 * one shared loop, and the simplest subschemas checked from a table entry
 * instead of a function of their own. Each does exactly what the generated
 * code did inline before, in the same order, so reports are unchanged; the
 * point is that a binding of thousands of schemas compiles in a fraction of
 * the time. */
#include "oas_validate_internal.h"
#include "oas_json_internal.h"

#include <stdint.h>
#include <string.h>

/* The checks of a leaf subschema, in the order its own validator made them. */
static inline void leaf_check(oas_vctx *c, const oas_json *in, const oas_v_leaf *l)
{
    if (l->mask)
        oas_v_type(c, in, l->mask, l->sloc);
    if (l->has_enum)
        oas_v_enum(c, in, l->sloc, l->enum_values, l->enum_count);
    if (l->format >= 0 && c->assert_formats)
        oas_v_format_assert(c, in, l->sloc, (oas_format)l->format);
}

/* Would leaf_check() on `in` record nothing? Then, one level below the
 * current instance and within the depth limit, its path pushes change
 * nothing either, so a member or item that passes is left without them:
 * same report, and most members are such leaves. Only a value that fails
 * goes the long way, where the checks run again and record. */
static inline bool leaf_passes(const oas_vctx *c, const oas_json *in, const oas_v_leaf *l)
{
    return (!l->mask || oas_v_type_matches(in, l->mask)) &&
           (!l->has_enum || oas_v_enum_has(in, l->enum_values, l->enum_count)) &&
           (l->format < 0 || !c->assert_formats || oas_v_format_ok(in, (oas_format)l->format));
}

static inline bool leaf_passes_below(const oas_vctx *c, const oas_json *in, const oas_v_leaf *l)
{
    return c->depth < c->max_depth && leaf_passes(c, in, l);
}

/* fn or leaf (or neither: a call that checks nothing, the path pushes and
 * their depth limit aside) on `in` under keyword path piece kw. */
static inline void apply_entry(oas_vctx *c, const oas_json *in, const char *kw, oas_validate_fn fn,
                        const oas_v_leaf *leaf)
{
    oas_v_kseg ks;
    oas_v_kw_push(c, &ks, kw);
    if (fn)
        fn(in, c);
    else if (leaf)
        leaf_check(c, in, leaf);
    oas_v_kw_pop(c, &ks);
}

static inline void member_entry(oas_vctx *c, const oas_json_member *m, const char *kw, oas_validate_fn fn,
                         const oas_v_leaf *leaf)
{
    oas_v_iseg is;
    if (oas_v_push_key(c, &is, m->key, m->key_len))
        apply_entry(c, &m->value, kw, fn, leaf);
    oas_v_pop(c, &is);
}

/* member_entry(), unless it is a leaf that passes (leaf_passes_below) */
static inline void member_check(oas_vctx *c, const oas_json_member *m, const char *kw,
                                oas_validate_fn fn, const oas_v_leaf *leaf)
{
    if (fn || (leaf && !leaf_passes_below(c, &m->value, leaf)))
        member_entry(c, m, kw, fn, leaf);
}

/* The most seen[] slots of an object walked through its table from a
 * member (prop->object); one with more goes through its function. All
 * are zeroed, in a few stores of a known size rather than a call. */
#define LINKED_SEEN_MAX 32

/* The member's value is an object and its property's schema is an object
 * table (prop->object): what the property's function would do, without
 * the call. Its type check passes, so it only walks the table, under the
 * same path pieces. */
static void member_object(oas_vctx *c, const oas_json_member *m, const char *kw,
                          const oas_v_object_desc *o)
{
    oas_v_iseg is;
    if (oas_v_push_key(c, &is, m->key, m->key_len)) {
        oas_v_kseg ks;
        oas_v_kw_push(c, &ks, kw);
        unsigned char seen[LINKED_SEEN_MAX];
        memset(seen, 0, sizeof seen);
        oas_v_object(c, &m->value, o->sloc, o, seen);
        oas_v_kw_pop(c, &ks);
    }
    oas_v_pop(c, &is);
}

/* memcmp() order, without a call: keys are short. Eight bytes at a time
 * while equal (the usual case once the length matched), then bytewise. */
static inline int key_cmp(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            break;
    }
    for (; i < n; i++)
        if (a[i] != b[i])
            return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    return 0;
}

/* Members mostly come in the order the schema declares them, so the one
 * declared after the last match is tried first; else, among a few props, a
 * scan, and a binary search among more (props are sorted by name length,
 * then bytes). */
#define FEW_PROPS 8
static inline const oas_v_prop *find_prop(const oas_v_object_desc *o, size_t guess, const char *key,
                                   size_t len)
{
    const oas_v_prop *g = &o->props[guess];
    if (g->len == len && oas_json_key_eq(g->name, key, len))
        return g;
    if (o->prop_count <= FEW_PROPS) { /* the lengths alone tell most of them apart */
        for (size_t i = 0; i < o->prop_count; i++)
            if (o->props[i].len == len && oas_json_key_eq(o->props[i].name, key, len))
                return &o->props[i];
        return NULL;
    }
    size_t lo = 0, hi = o->prop_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const oas_v_prop *p = &o->props[mid];
        int cmp = p->len < len ? -1 : p->len > len ? 1 : key_cmp(p->name, key, len);
        if (cmp == 0)
            return p;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Member i of obj against the object table: its property, the
 * patternProperties its name matches, else additionalProperties. The
 * rare features (repeated keys, an evaluated record, patternProperties)
 * are arguments so that the usual object's loop is compiled without them
 * (walk_members). Returns the guess for the next member's property. */
static inline __attribute__((always_inline)) size_t
member_walk(oas_vctx *c, const oas_json *obj, const char *sloc, const oas_v_object_desc *o,
            unsigned char *seen, size_t i, size_t guess, size_t *met, bool repeats,
            oas_v_eval *eval, size_t pattern_count)
{
    const oas_json_member *m = &obj->u.obj.members[i];
    if (repeats && oas_v_shadowed(c, obj, i))
        return guess; /* the last occurrence counts */
    const oas_v_prop *p = o->prop_count ? find_prop(o, guess, m->key, m->key_len) : NULL;
    bool evaluated = p != NULL;
    if (p) {
        guess = (size_t)p->next;
        if (p->seen >= 0) {
            seen[p->seen] = 1;
            (*met)++;
        }
        if (p->object && m->value.type == OAS_JSON_OBJECT &&
            p->object->seen_count <= LINKED_SEEN_MAX)
            member_object(c, m, p->kw, p->object);
        else
            member_check(c, m, p->kw, p->fn, p->leaf);
    }
    for (size_t k = 0; k < pattern_count; k++) {
        const oas_v_pattern_prop *pp = &o->patterns[k];
        if (!oas_v_key_matches(c, obj, sloc, pp->pattern, m))
            continue;
        evaluated = true;
        member_check(c, m, pp->kw, pp->fn, pp->leaf);
    }
    if (!evaluated) {
        evaluated = o->additional;
        if (o->additional_false)
            oas_v_additional(c, obj, m, sloc);
        else
            member_check(c, m, o->additional_kw, o->additional_fn, o->additional_leaf);
    }
    if (eval && evaluated)
        eval->marks[i] = 1;
    return guess;
}

/* Every member; the number of required properties met into *met. */
static void walk_members(oas_vctx *c, const oas_json *obj, const char *sloc,
                         const oas_v_object_desc *o, unsigned char *seen, oas_v_eval *eval,
                         size_t *met)
{
    /* the document does not change while it is validated: its count and
     * flags are read once */
    size_t count = obj->u.obj.count, guess = o->first;
    bool repeats = obj->flags & OAS_JSON_F_DUPKEYS;
    if (!repeats && !eval && !o->pattern_count) {
        for (size_t i = 0; i < count; i++)
            guess = member_walk(c, obj, sloc, o, seen, i, guess, met, false, NULL, 0);
        return;
    }
    for (size_t i = 0; i < count; i++)
        guess = member_walk(c, obj, sloc, o, seen, i, guess, met, repeats, eval, o->pattern_count);
}

void oas_v_object(oas_vctx *c, const oas_json *obj, const char *sloc, const oas_v_object_desc *o,
                  unsigned char *seen)
{
    if (o->min_properties >= 0)
        oas_v_min_properties(c, obj, sloc, (size_t)o->min_properties);
    if (o->max_properties >= 0)
        oas_v_max_properties(c, obj, sloc, (size_t)o->max_properties);
    /* with an evaluated record open, every member is looked at to mark it */
    oas_v_eval *eval = oas_v_evaluating(c, obj);
    /* Required members met, counted: a key counts once (the last of repeated
     * keys) and each required declared property has its own seen[] slot, so
     * met == required_count only when every required name is a declared
     * property and each was met; then nothing is missing and the check per
     * name below is left out. */
    size_t met = 0;
    if (o->members || eval)
        walk_members(c, obj, sloc, o, seen, eval, &met);
    for (size_t j = 0; met != o->required_count && j < o->required_count; j++) {
        const oas_v_req *r = &o->required[j];
        if (r->seen < 0)
            oas_v_required(c, obj, sloc, r->name, r->len);
        else if (!seen[r->seen])
            oas_v_missing(c, obj, sloc, r->name, r->len);
    }
}

/* Items start..count of arr against fn under one index segment and
 * keyword piece, pushed once (nothing is recorded at the array's own level
 * in between): each item's path is as with a push of its own, and the
 * depth limit is met as often as it was, once or never. */
static void items_shared_path(oas_vctx *c, const oas_json *arr, size_t start, const char *kw,
                              oas_validate_fn fn, const oas_v_leaf *leaf)
{
    size_t count = arr->u.arr.count;
    if (start >= count)
        return;
    oas_v_iseg is;
    if (oas_v_push_index(c, &is, start)) {
        oas_v_kseg ks;
        oas_v_kw_push(c, &ks, kw);
        for (size_t i = start; i < count; i++) {
            is.key_len_or_index = i;
            if (fn)
                fn(&arr->u.arr.items[i], c);
            else if (leaf)
                leaf_check(c, &arr->u.arr.items[i], leaf);
        }
        oas_v_kw_pop(c, &ks);
    }
    oas_v_pop(c, &is);
}

/* The one item left of an array against fn: nested arrays of one item
 * each (a tree's chain) come here once per level, and a function with no
 * loop saves and restores 3 registers where items() saves 6. */
__attribute__((noinline)) static void last_item(oas_vctx *c, const oas_json *item, const char *kw,
                                                size_t index, oas_validate_fn fn)
{
    oas_v_iseg is;
    if (oas_v_push_index(c, &is, index)) {
        oas_v_kseg ks;
        oas_v_kw_push(c, &ks, kw);
        fn(item, c);
        oas_v_kw_pop(c, &ks);
    }
    oas_v_pop(c, &is);
}

__attribute__((noinline)) static void items(oas_vctx *c, const oas_json *arr, size_t start,
                                            const char *kw, oas_validate_fn fn,
                                            const oas_v_leaf *leaf)
{
    oas_v_eval_items(c, arr, start, arr->u.arr.count);
    if (fn || !leaf || c->depth >= c->max_depth) {
        items_shared_path(c, arr, start, kw, fn, leaf);
        return;
    }
    /* Items that pass the leaf are passed over without path pushes (an
     * array of a million numbers is a million of them); the usual item
     * schema checks the type alone (read once). */
    unsigned type_only = !leaf->has_enum && (leaf->format < 0 || !c->assert_formats) ? leaf->mask : 0;
    for (size_t i = start; i < arr->u.arr.count; i++) {
        const oas_json *item = &arr->u.arr.items[i];
        if (type_only ? oas_v_type_matches(item, type_only) : leaf_passes(c, item, leaf))
            continue;
        oas_v_iseg is;
        if (oas_v_push_index(c, &is, i))
            apply_entry(c, item, kw, NULL, leaf);
        oas_v_pop(c, &is);
    }
}

/* Only a choice and a jump: gcc saves a function's registers on entry
 * whatever path it takes, so each path is a function of its own. */
void oas_v_items(oas_vctx *c, const oas_json *arr, size_t start, const char *kw, oas_validate_fn fn,
                 const oas_v_leaf *leaf)
{
    if (fn && start + 1 == arr->u.arr.count && !c->eval) /* no record to mark it in */
        last_item(c, &arr->u.arr.items[start], kw, start, fn);
    else
        items(c, arr, start, kw, fn, leaf);
}
