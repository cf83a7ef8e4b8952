/* emit_examples_view.c - merge what a schema demands of an instance into one
 * flat view, so the synthesizer decides once per instance instead of
 * walking $ref/allOf itself. */
#include <stdlib.h>
#include <string.h>

#include "emit_examples_internal.h"
#include "oc_alloc.h"
#include "strmap.h"

/* allOf/$ref chains are acyclic after ir_resolve, but a spec may chain
 * them deeper than this: the merge then stops and uses up the instance's
 * budget, so the instance gets no example rather than one that leaves out
 * what the deeper schemas demand. */
#define EX_MAX_COLLECT_DEPTH 256

void ex_shared_init(ex_shared *sh)
{
    memset(sh, 0, sizeof *sh);
    sh->work_left = EX_MAX_COLLECT_WORK;
}

void ex_shared_free(ex_shared *sh)
{
    for (size_t i = 0; i < sh->view_count; i++) {
        ex_view_free(sh->views[i]);
        free(sh->views[i]);
    }
    free(sh->views);
    strmap_free(sh->alone);
    ex_shared_init(sh);
}

void ex_view_init(ex_view *v)
{
    memset(v, 0, sizeof *v);
    v->min_length = v->max_length = v->min_items = v->max_items = v->min_properties = -1;
    v->min_contains = -1;
    ex_shared_init(&v->own_shared);
}

static ex_shared *shared_of(ex_view *v)
{
    return v->shared ? v->shared : &v->own_shared;
}

static size_t *work_of(ex_view *v)
{
    return &shared_of(v)->work_left;
}

void ex_view_free(ex_view *v)
{
    for (size_t i = 0; i < v->member_count; i++)
        free(v->members[i].also);
    free(v->members);
    free(v->prefix);
    free(v->dependents);
    strmap_free(v->merged);
    ex_shared_free(&v->own_shared);
    ex_view_init(v);
}

/* "integer" is a subset of "number": {number} & {integer} = {integer}. */
static unsigned widen(unsigned t)
{
    return (t & IR_T_NUMBER) ? (t | IR_T_INTEGER) : t;
}

static void merge_types(ex_view *v, unsigned types, bool nullable)
{
    if (!types)
        return;
    if (nullable)
        types |= IR_T_NULL;
    if (!v->types) {
        v->types = types;
        v->nullable = nullable;
        return;
    }
    unsigned both = widen(v->types) & widen(types);
    if (!both)
        v->unsatisfiable = true;
    v->types = both;
}

static void merge_bound(bool *has, double *cur, bool *excl, const char *text, bool exclusive,
                        bool lower)
{
    if (!text)
        return;
    double d = strtod(text, NULL);
    bool tighter = !*has || (lower ? d > *cur : d < *cur);
    if (tighter) {
        *cur = d;
        *excl = exclusive;
    } else if (d == *cur) {
        *excl = *excl || exclusive;
    }
    *has = true;
}

static void merge_count(int64_t *cur, int64_t n, bool lower)
{
    if (n < 0)
        return;
    if (*cur < 0 || (lower ? n > *cur : n < *cur))
        *cur = n;
}

/* The index of the member called name; member_count when there is none. */
static size_t member_index(const ex_view *v, const char *name)
{
    size_t i = 0;
    while (i < v->member_count && strcmp(v->members[i].name, name) != 0)
        i++;
    return i;
}

static ex_member *find_member(ex_view *v, const char *name)
{
    size_t i = member_index(v, name);
    return i < v->member_count ? &v->members[i] : NULL;
}

static void add_member(ex_view *v, const char *name, const ir_schema *schema, bool required)
{
    ex_member *m = find_member(v, name);
    if (!m) {
        oc_grow(&v->members, &v->member_cap, v->member_count, sizeof *v->members);
        m = &v->members[v->member_count++];
        *m = (ex_member){.name = name};
    }
    if (!m->schema) {
        m->schema = schema;
    } else if (schema && schema != m->schema) {
        oc_grow(&m->also, &m->also_cap, m->also_count, sizeof *m->also);
        m->also[m->also_count++] = schema;
    }
    m->required = m->required || required;
}

static void merge_numbers(ex_view *v, const ir_schema *s)
{
    merge_bound(&v->has_lo, &v->lo, &v->lo_exclusive, s->has_minimum ? s->minimum : NULL, false,
                true);
    merge_bound(&v->has_lo, &v->lo, &v->lo_exclusive,
                s->has_exclusive_minimum ? s->exclusive_minimum : NULL, true, true);
    merge_bound(&v->has_hi, &v->hi, &v->hi_exclusive, s->has_maximum ? s->maximum : NULL, false,
                false);
    merge_bound(&v->has_hi, &v->hi, &v->hi_exclusive,
                s->has_exclusive_maximum ? s->exclusive_maximum : NULL, true, false);
    if (s->has_multiple_of && s->multiple_of && !v->multiple_of)
        v->multiple_of = strtod(s->multiple_of, NULL);
    if (s->has_minimum || s->has_maximum || s->has_exclusive_minimum ||
        s->has_exclusive_maximum || s->has_multiple_of)
        v->has_number_keywords = true;
}

static void merge_strings_arrays(ex_view *v, const ir_schema *s)
{
    merge_count(&v->min_length, s->min_length, true);
    merge_count(&v->max_length, s->max_length, false);
    merge_count(&v->min_items, s->min_items, true);
    merge_count(&v->max_items, s->max_items, false);
    if (!v->format && s->format)
        v->format = s->format;
    if (s->min_length >= 0 || s->max_length >= 0 || s->pattern)
        v->has_string_keywords = true;
    if (!v->items && s->items)
        v->items = s->items;
    if (!v->prefix_count && s->prefix_count) {
        v->prefix = oc_calloc(s->prefix_count, sizeof *v->prefix);
        memcpy(v->prefix, s->prefix_items, s->prefix_count * sizeof *v->prefix);
        v->prefix_count = s->prefix_count;
    }
    if (!v->contains && s->contains) {
        v->contains = s->contains;
        v->min_contains = s->min_contains >= 0 ? s->min_contains : 1;
    }
    if (s->items || s->prefix_count || s->min_items >= 0 || s->max_items >= 0 || s->contains)
        v->has_array_keywords = true;
}

static void merge_objects(ex_view *v, const ir_schema *s)
{
    for (size_t i = 0; i < s->prop_count; i++)
        add_member(v, s->props[i].name, s->props[i].schema, s->props[i].required);
    for (size_t i = 0; i < s->required_count; i++)
        add_member(v, s->required[i], NULL, true);
    if (!v->addl && s->addl)
        v->addl = s->addl;
    v->addl_false = v->addl_false || s->addl_false;
    /* unevaluatedProperties sees every member the branches declare, which
       are all the members built here: it rules extra members as
       additionalProperties does. */
    const ir_schema *uneval = s->unevaluated_props;
    if (uneval && uneval->boolean_schema == 0)
        v->addl_false = true;
    else if (uneval && !v->addl)
        v->addl = uneval;
    merge_count(&v->min_properties, s->min_properties, true);
    if (s->dependent_required_count || s->dependent_schema_count) {
        oc_grow(&v->dependents, &v->dependent_cap, v->dependent_count, sizeof *v->dependents);
        v->dependents[v->dependent_count++] = s;
    }
    if (s->prop_count || s->required_count || s->addl || s->addl_false || s->min_properties >= 0 ||
        uneval || s->dependent_required_count || s->dependent_schema_count)
        v->has_object_keywords = true;
}

static void collect(ex_view *v, const ir_schema *s, int depth);

/* The view of s alone, built once per instance: what branches are
   compared with. */
static const ex_view *alone(ex_shared *sh, const ir_schema *s, int depth)
{
    if (!sh->alone)
        sh->alone = strmap_new();
    ex_view *known = strmap_get(sh->alone, (const char *)&s, sizeof s);
    if (known)
        return known;
    ex_view *view = oc_malloc(sizeof *view);
    ex_view_init(view);
    view->shared = sh;
    collect(view, s, depth);
    oc_grow(&sh->views, &sh->view_cap, sh->view_count, sizeof *sh->views);
    sh->views[sh->view_count++] = view;
    strmap_put(sh->alone, (const char *)&s, sizeof s, view);
    return view;
}

static bool same_literal(const ir_value *a, const ir_value *b)
{
    char *x = ir_value_to_json(a, NULL), *y = ir_value_to_json(b, NULL);
    bool same = strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

/* Would `other` surely reject an instance built from `mine`? Only cheap,
 * decisive checks: type, a required member mine lacks, a different
 * const/enum value, additionalProperties false against an extra member. */
static bool rejects(const ir_schema *other, const ex_view *mine, ex_shared *sh, int depth)
{
    const ex_view *o = alone(sh, other, depth);
    unsigned t = ex_view_pick_type(mine);
    const ir_value *mine_literal = mine->const_value ? mine->const_value : mine->enum_first;
    const ir_value *o_literal = o->const_value ? o->const_value : o->enum_first;
    bool reject = o->unsatisfiable || (o->types && !(widen(o->types) & widen(t)));
    if (!reject && mine_literal && o_literal && !o->enum_first == !mine->enum_first)
        reject = !same_literal(mine_literal, o_literal);
    for (size_t i = 0; !reject && t == IR_T_OBJECT && i < o->member_count; i++)
        reject = o->members[i].required &&
                 member_index(mine, o->members[i].name) == mine->member_count;
    for (size_t j = 0; !reject && o->addl_false && t == IR_T_OBJECT && j < mine->member_count; j++)
        reject = member_index(o, mine->members[j].name) == o->member_count;
    return reject;
}

/* oneOf wants exactly one match: the first branch whose instance every
 * other branch rejects; the first branch when none is that clear. */
static const ir_schema *one_of_branch(ex_view *v, const ir_schema *s, int depth)
{
    /* A lone branch is the one: building its view to compare would walk
       it twice, and a chain of such oneOfs 2^N times. */
    if (s->one_of_count == 1)
        return s->one_of[0];
    ex_shared *sh = shared_of(v);
    for (size_t i = 0; i < s->one_of_count; i++) {
        const ex_view *mine = alone(sh, s->one_of[i], depth);
        bool unique = !mine->unsatisfiable;
        for (size_t j = 0; unique && j < s->one_of_count; j++)
            unique = j == i || rejects(s->one_of[j], mine, sh, depth);
        if (unique)
            return s->one_of[i];
    }
    return s->one_of[0];
}

/* True the first time s is merged into v. */
static bool first_merge(ex_view *v, const ir_schema *s)
{
    if (!v->merged)
        v->merged = strmap_new();
    return strmap_put(v->merged, (const char *)&s, sizeof s, NULL);
}

/* emit_examples_cache.c's bare_ref() lists the fields read here: keep
 * them in step. */

static void collect(ex_view *v, const ir_schema *s, int depth)
{
    size_t *work_left = work_of(v);
    if (s && depth > EX_MAX_COLLECT_DEPTH)
        *work_left = 0;
    if (!s || *work_left == 0 || !first_merge(v, s))
        return;
    --*work_left;
    if (s->boolean_schema == 0)
        v->unsatisfiable = true;
    if (s->boolean_schema >= 0)
        return;
    merge_types(v, s->types, s->nullable);
    if (!v->const_value)
        v->const_value = s->const_value;
    if (!v->enum_first && s->has_enum && s->enum_count)
        v->enum_first = s->enum_values[0];
    if (!v->default_value)
        v->default_value = s->default_value;
    if (!v->example)
        v->example = s->example;
    merge_numbers(v, s);
    merge_strings_arrays(v, s);
    merge_objects(v, s);
    if (s->ref_target)
        collect(v, s->ref_target, depth + 1);
    for (size_t i = 0; i < s->all_of_count; i++)
        collect(v, s->all_of[i], depth + 1);
    /* One branch is enough: for anyOf the first, for oneOf one that the
       other branches reject. */
    if (s->one_of_count)
        collect(v, one_of_branch(v, s, depth + 1), depth + 1);
    else if (s->any_of_count)
        collect(v, s->any_of[0], depth + 1);
    /* if/then/else: `else` when `if` surely rejects the instance so far;
       otherwise the instance is made to fit `if` too, so `then` applies. */
    if (s->if_schema && (s->then_schema || s->else_schema)) {
        if (rejects(s->if_schema, v, shared_of(v), depth + 1)) {
            collect(v, s->else_schema, depth + 1);
        } else {
            collect(v, s->if_schema, depth + 1);
            collect(v, s->then_schema, depth + 1);
        }
    }
}

/* dependentRequired / dependentSchemas of the members present; each
 * round may add members that trigger more (bounded by the schemas'
 * entries, as a member is added once). */
static void apply_dependents(ex_view *v)
{
    for (size_t i = 0; i < v->dependent_count; i++) {
        const ir_schema *s = v->dependents[i];
        for (size_t k = 0; k < s->dependent_required_count; k++) {
            const ir_name_list *dep = &s->dependent_required[k];
            if (!find_member(v, dep->name))
                continue;
            for (size_t j = 0; j < dep->count; j++)
                add_member(v, dep->names[j], NULL, true);
        }
        for (size_t k = 0; k < s->dependent_schema_count; k++)
            if (find_member(v, s->dependent_schemas[k].name))
                collect(v, s->dependent_schemas[k].schema, 1);
    }
}

void ex_view_collect(ex_view *v, const ir_schema *s)
{
    collect(v, s, 0);
    apply_dependents(v);
}

void ex_view_collect_member(ex_view *v, const ex_member *m)
{
    collect(v, m->schema, 0);
    for (size_t i = 0; i < m->also_count; i++)
        collect(v, m->also[i], 0);
    apply_dependents(v);
}

unsigned ex_view_pick_type(const ex_view *v)
{
    unsigned t = v->types;
    if (!t) {
        /* No `type`: infer from the keywords present, object first. */
        if (v->has_object_keywords)
            return IR_T_OBJECT;
        if (v->has_array_keywords)
            return IR_T_ARRAY;
        if (v->has_string_keywords || v->format)
            return IR_T_STRING;
        if (v->has_number_keywords)
            return IR_T_NUMBER;
        return IR_T_OBJECT;
    }
    static const unsigned order[] = {IR_T_OBJECT, IR_T_ARRAY,   IR_T_STRING, IR_T_INTEGER,
                                     IR_T_NUMBER, IR_T_BOOLEAN, IR_T_NULL};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (t & order[i])
            return order[i];
    return IR_T_NULL;
}
