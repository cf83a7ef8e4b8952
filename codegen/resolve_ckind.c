/* resolve_ckind.c - how the typed model holds each schema (ckind), its
 * element schema, and the members of structs with allOf merged in. */
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"
#include "resolve_ctx.h"
#include "strmap.h"

enum { TODO, BUSY, DONE };

typedef struct ckind_pass {
    unsigned char *state;   /* per schema index */
} ckind_pass;

static void classify(ckind_pass *p, ir_schema *s);

static bool has_structure(const ir_schema *s)
{
    return s->prop_count || s->items || s->prefix_count || s->addl || s->all_of_count ||
           s->any_of_count || s->one_of_count || s->not_schema || s->has_enum || s->const_value;
}

/* `true` or `{}`-like: accepts any instance. */
static bool accepts_anything(const ir_schema *s)
{
    s = ir_deref(s);
    return s->boolean_schema == 1 || (s->boolean_schema < 0 && !s->ref && !s->types && !has_structure(s));
}

/* An allOf branch that can be merged into a struct: a struct, or pure
   object constraints (required, descriptions) without a shape of their own. */
static bool mergeable_branch(const ir_schema *b)
{
    b = ir_deref(b);
    if (b->ckind == CK_STRUCT)
        return true;
    unsigned t = b->types & ~(unsigned)IR_T_NULL;
    return b->boolean_schema == 1 ||
           (b->boolean_schema < 0 && (t == 0 || t == IR_T_OBJECT) && !has_structure(b));
}

static bool all_strings_enum(const ir_schema *s)
{
    bool any_string = false;
    for (size_t i = 0; i < s->enum_count; i++) {
        if (s->enum_values[i]->kind == IRV_STRING)
            any_string = true;
        else if (s->enum_values[i]->kind != IRV_NULL)
            return false;
    }
    return any_string;
}

static bool name_required(const ir_schema *s, const char *name)
{
    for (size_t i = 0; i < s->required_count; i++)
        if (strcmp(s->required[i], name) == 0)
            return true;
    return false;
}

/* Appends a member, or makes the one of that name required if `required`.
   Names are looked up in by_name: a struct may have thousands of members. */
static void add_member(ir_schema *s, strmap *by_name, const ir_prop *from, bool required)
{
    ir_prop *known = strmap_get(by_name, from->name, strlen(from->name));
    if (known) {
        known->required |= required;
        return;
    }
    ir_prop *m = &s->model_props[s->model_prop_count++];  /* room made by merge_members */
    m->name = oc_strdup(from->name);
    m->schema = from->schema;
    m->required = required;
    m->c_name = NULL;
    m->loc = from->loc;
    strmap_put(by_name, m->name, strlen(m->name), m);
}

/* Own properties first, then (with_branches) each allOf branch's members,
   in order. */
static void merge_members(ir_schema *s, bool with_branches)
{
    size_t room = s->prop_count;
    for (size_t b = 0; with_branches && b < s->all_of_count; b++)
        room += ir_deref(s->all_of[b])->model_prop_count;
    s->model_props = oc_calloc(room ? room : 1, sizeof *s->model_props);
    strmap *by_name = strmap_new();
    for (size_t i = 0; i < s->prop_count; i++)
        add_member(s, by_name, &s->props[i],
                   s->props[i].required || name_required(s, s->props[i].name));
    for (size_t b = 0; with_branches && b < s->all_of_count; b++) {
        const ir_schema *branch = ir_deref(s->all_of[b]);
        for (size_t i = 0; i < branch->model_prop_count; i++) {
            const ir_prop *m = &branch->model_props[i];
            add_member(s, by_name, m,
                       m->required || name_required(s, m->name) || name_required(branch, m->name));
        }
    }
    strmap_free(by_name);
    /* `required` in a constraint-only branch names members of other branches. */
    for (size_t b = 0; with_branches && b < s->all_of_count; b++) {
        const ir_schema *branch = ir_deref(s->all_of[b]);
        for (size_t i = 0; i < s->model_prop_count; i++)
            if (name_required(branch, s->model_props[i].name))
                s->model_props[i].required = true;
    }
}

/* A single non-object allOf branch (`allOf: [$ref: Scalar]` used to attach a
   description): scalars keep their C type, everything else is raw JSON. */
static ir_ckind single_branch_ckind(const ir_schema *branch)
{
    switch (ir_deref(branch)->ckind) {
    case CK_BOOL: return CK_BOOL;
    case CK_INT64: return CK_INT64;
    case CK_DOUBLE: return CK_DOUBLE;
    case CK_STRING:
    case CK_ENUM: return CK_STRING;
    default: return CK_JSON;
    }
}

static void classify_object(ckind_pass *p, ir_schema *s, unsigned t)
{
    bool all_mergeable = s->all_of_count > 0;
    bool any_struct_branch = false;
    for (size_t i = 0; i < s->all_of_count; i++) {
        classify(p, s->all_of[i]);
        all_mergeable &= mergeable_branch(s->all_of[i]);
        any_struct_branch |= ir_deref(s->all_of[i])->ckind == CK_STRUCT;
    }
    if (s->prop_count || (all_mergeable && any_struct_branch)) {
        s->ckind = CK_STRUCT;
        /* Merge nothing from branches that are not objects. */
        merge_members(s, all_mergeable || !s->all_of_count);
    } else if (s->one_of_count || s->any_of_count) {
        s->ckind = CK_UNION;
    } else if (s->addl && !accepts_anything(s->addl)) {
        s->ckind = CK_MAP;
        s->element = s->addl;
    } else if (t == 0 && s->has_enum && all_strings_enum(s)) {
        s->ckind = CK_ENUM;
    } else if (t == 0 && s->items) {
        s->ckind = CK_ARRAY;
        s->element = s->items;
    } else if (t == 0 && s->all_of_count == 1) {
        s->ckind = single_branch_ckind(s->all_of[0]);
    } else {
        s->ckind = CK_JSON;
    }
}

static void classify_own(ckind_pass *p, ir_schema *s)
{
    if (s->types & IR_T_NULL)
        s->nullable = true;
    unsigned t = s->types & ~(unsigned)IR_T_NULL;
    if (t & (t - 1)) {           /* several non-null types */
        s->ckind = CK_JSON;
        return;
    }
    switch (t) {
    case IR_T_INTEGER: s->ckind = CK_INT64; break;
    case IR_T_NUMBER: s->ckind = CK_DOUBLE; break;
    case IR_T_BOOLEAN: s->ckind = CK_BOOL; break;
    case IR_T_STRING: s->ckind = s->has_enum && all_strings_enum(s) ? CK_ENUM : CK_STRING; break;
    case IR_T_ARRAY:
        /* without `items` the elements are unconstrained: keep the JSON */
        s->ckind = s->items ? CK_ARRAY : CK_JSON;
        s->element = s->items;
        break;
    case IR_T_OBJECT:
    case 0:
        if (t == 0 && s->types == IR_T_NULL)
            s->ckind = CK_JSON;
        else
            classify_object(p, s, t);
        break;
    default: s->ckind = CK_JSON; break;
    }
}

/* Nothing but combinators and annotations: no keyword of its own that
 * changes the shape of an instance. */
static bool no_own_shape(const ir_schema *s)
{
    return !s->prop_count && !s->required_count && !s->addl && !s->addl_false && !s->items &&
           !s->prefix_count && !s->not_schema && !s->has_enum && !s->const_value &&
           !s->discriminator_property;
}

bool ir_null_only(const ir_schema *b)
{
    return b->boolean_schema < 0 && !b->ref && b->types == IR_T_NULL && !has_structure(b);
}

/* The branch the model holds for a schema that only wraps one:
 * `nullable: true, allOf: [{$ref: X}]` (OpenAPI 3.0's nullable reference),
 * the same with a description, or 3.1's `anyOf`/`oneOf: [X, {type: "null"}]`
 * (either order; *or_null set). The model holds an X (null beside it)
 * rather than a copy or a union; NULL when s is no such wrapper. */
static ir_schema *lone_branch(const ir_schema *s, bool *or_null)
{
    *or_null = false;
    if (!no_own_shape(s))
        return NULL;
    if (s->all_of_count == 1 && s->all_of[0]->ref && !s->any_of_count && !s->one_of_count)
        return s->all_of[0];
    bool any = s->any_of_count == 2 && !s->one_of_count;
    bool one = s->one_of_count == 2 && !s->any_of_count;
    if (s->all_of_count || !(any || one))
        return NULL;
    ir_schema *const *b = any ? s->any_of : s->one_of;
    *or_null = true;
    if (ir_null_only(b[1]) && !ir_null_only(b[0]))
        return b[0];
    if (ir_null_only(b[0]) && !ir_null_only(b[1]))
        return b[1];
    return NULL;
}

/* A `type` beside the branch must agree with what the branch holds. */
static bool type_agrees(const ir_schema *s, const ir_schema *content)
{
    unsigned t = s->types & ~(unsigned)IR_T_NULL;
    unsigned ct = content->types & ~(unsigned)IR_T_NULL;
    if (t == 0 || t == ct)
        return true;
    return t == IR_T_OBJECT && (content->ckind == CK_STRUCT || content->ckind == CK_MAP);
}

static bool classify_alias(ckind_pass *p, ir_schema *s)
{
    bool or_null;
    ir_schema *branch = lone_branch(s, &or_null);
    if (!branch)
        return false;
    classify(p, branch);
    const ir_schema *content = ir_deref(branch);
    if (!type_agrees(s, content))
        return false;
    if ((s->types & IR_T_NULL) || or_null)
        s->nullable = true;
    s->alias_of = branch;
    s->ckind = content->ckind;
    s->element = content->element;
    return true;
}

static void classify(ckind_pass *p, ir_schema *s)
{
    if (p->state[s->index] != TODO)
        return;  /* BUSY cannot happen: resolve_cycles refused in-place cycles */
    p->state[s->index] = BUSY;
    if (s->boolean_schema >= 0) {
        s->ckind = CK_JSON;
    } else if (s->ref_target) {
        classify(p, s->ref_target);
        s->ckind = s->ref_target->ckind;
    } else if (!classify_alias(p, s)) {
        classify_own(p, s);
    }
    p->state[s->index] = DONE;
}

void resolve_ckinds(ir_spec *spec)
{
    ckind_pass p = {.state = oc_calloc(spec->schema_count, 1)};
    for (size_t i = 0; i < spec->schema_count; i++)
        classify(&p, spec->schemas[i]);
    free(p.state);
}
