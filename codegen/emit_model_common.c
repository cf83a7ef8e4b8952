/* emit_model_common.c - layout decisions of the typed model (see
 * emit_model_common.h). Members whose type can contain the container again
 * (same strongly connected component of the type graph) are pointers; all
 * other required struct/union members are embedded by value. */
#include <stdlib.h>
#include <string.h>
#include "emit_model_common.h"
#include "naming.h"
#include "oc_alloc.h"

bool model_is_content(const ir_schema *s)
{
    return ir_deref(s) == s;
}

bool model_defines_type(const ir_schema *s)
{
    if (!model_is_content(s) || !s->type_name)
        return false;
    switch (s->ckind) {
    case CK_ENUM: case CK_STRUCT: case CK_ARRAY: case CK_MAP: case CK_UNION:
        return true;
    default:
        return false;
    }
}

bool model_is_alias(const ir_schema *s)
{
    return s->component_name && s->type_name && !model_defines_type(s);
}

const char *model_ctype(const ir_schema *c)
{
    switch (c->ckind) {
    case CK_BOOL: return "bool";
    case CK_INT64: return "int64_t";
    case CK_DOUBLE: return "double";
    case CK_STRING: return "char *";
    case CK_JSON: return "oas_raw_json";
    default: return c->type_name;
    }
}

char *model_desc_ref(const ir_schema *c)
{
    switch (c->ckind) {
    case CK_BOOL: return oc_strdup("&oas_type_bool");
    case CK_INT64: return oc_strdup("&oas_type_int64");
    case CK_DOUBLE: return oc_strdup("&oas_type_double");
    case CK_STRING: return oc_strdup("&oas_type_string");
    case CK_JSON: return oc_strdup("&oas_type_json");
    default: return oc_printf("&%s_desc", c->type_name);
    }
}

/* The schema node itself says null is valid, as the validator reads it: a
 * "null" type; 3.0 `nullable: true` beside a type; 3.0 `nullable: true`
 * without one only when read as "may be null" (--nullable-without-type=
 * allow-null: null_always_valid), since OAS 3.0.3 gives it no effect; or
 * 3.1's `anyOf`/`oneOf: [X, {type: "null"}]` (resolve_ckind marks it
 * nullable, alias_of X). */
static bool says_null(const ir_schema *s)
{
    if ((s->types & IR_T_NULL) || s->null_always_valid)
        return true;
    return s->nullable && (s->types || (s->alias_of && (s->any_of_count || s->one_of_count)));
}

/* The node on node's $ref chain that says null is valid, or NULL. The
 * chain goes on through an alias that states no type of its own (a
 * described `allOf: [{$ref: X}]` accepts null where X does). */
static const ir_schema *nullable_node(const ir_schema *node)
{
    const ir_schema *s = node;
    for (int hops = 0; s && hops < 100000; hops++) {
        if (says_null(s))
            return s;
        if (s->ref && s->ref_target)
            s = s->ref_target;
        else if (s->alias_of && !s->types)
            s = s->alias_of;
        else
            break;
    }
    return NULL;
}

bool model_nullable(const ir_schema *node)
{
    return nullable_node(node) != NULL;
}

static bool is_number(ir_ckind k)
{
    return k == CK_INT64 || k == CK_DOUBLE;
}

bool model_is_seq(const ir_schema *c)
{
    return c->ckind == CK_ARRAY || c->ckind == CK_MAP;
}

bool model_keeps_additional(const ir_schema *c)
{
    if (c->ckind != CK_STRUCT || c->addl_false)
        return false;
    for (size_t i = 0; i < c->all_of_count; i++)
        if (ir_deref(c->all_of[i])->ckind == CK_STRUCT && !model_keeps_additional(ir_deref(c->all_of[i])))
            return false;
    return true;
}

/* What typeless_accepts_null found for each schema in one
 * model_accepts_null question: branches that share schemas (anyOf:
 * [{$ref: X}, {$ref: X}] at every level of a chain) would otherwise be
 * walked once per path, exponentially many. Open addressing on the schema
 * index: a question meets a handful of the spec's schemas, and an array
 * as long as the spec's, cleared for each of the thousands of questions,
 * cost more than all the rest of the model. */
typedef struct null_answer {
    size_t key; /* 1 + schema index; 0: a free slot */
    bool accepts;
    int depth; /* where it was worked out: a false may be the depth limit's */
} null_answer;

typedef struct null_walk {
    null_answer *slots;
    size_t cap, used; /* cap: 0 or a power of two */
} null_walk;

/* The slot of key: its own, or the free one where it would go. */
static null_answer *null_slot(const null_walk *w, size_t key)
{
    size_t mask = w->cap - 1;
    for (size_t i = ((key * 0x9E3779B97F4A7C15u) >> 7) & mask;; i = (i + 1) & mask)
        if (w->slots[i].key == key || !w->slots[i].key)
            return &w->slots[i];
}

static const null_answer *null_known(const null_walk *w, const ir_schema *c)
{
    if (!w->cap)
        return NULL;
    const null_answer *a = null_slot(w, c->index + 1);
    return a->key ? a : NULL;
}

static void null_remember(null_walk *w, const ir_schema *c, bool accepts, int depth)
{
    if (2 * (w->used + 1) > w->cap) { /* at most half full */
        null_walk bigger = {oc_calloc(w->cap ? 2 * w->cap : 16, sizeof *w->slots),
                            w->cap ? 2 * w->cap : 16, w->used};
        for (size_t i = 0; i < w->cap; i++)
            if (w->slots[i].key)
                *null_slot(&bigger, w->slots[i].key) = w->slots[i];
        free(w->slots);
        *w = bigger;
    }
    null_answer *a = null_slot(w, c->index + 1);
    if (!a->key)
        w->used++;
    *a = (null_answer){c->index + 1, accepts, depth};
}

static bool typeless_accepts_null(null_walk *w, const ir_schema *c, int depth);

/* oneOf/anyOf: null passes when a branch takes it (none: no constraint).
 * For oneOf, two branches that take null would refuse it; the model reads
 * null all the same rather than lose it. */
static bool some_branch_null(null_walk *w, ir_schema *const *b, size_t n, int depth)
{
    for (size_t i = 0; i < n; i++)
        if (model_nullable(b[i]) || typeless_accepts_null(w, ir_deref(b[i]), depth + 1))
            return true;
    return n == 0;
}

/* A content node without `type` (nor `const`/`enum` that exclude null),
 * whose allOf branches all accept null too, and some oneOf/anyOf branch. */
static bool work_out_null(null_walk *w, const ir_schema *c, int depth)
{
    if (c->types || c->boolean_schema == 0 || c->const_value || depth > 32)
        return false;
    if (c->has_enum) {
        for (size_t i = 0; i < c->enum_count; i++)
            if (c->enum_values[i]->kind == IRV_NULL)
                return true;
        return false;
    }
    if (c->not_schema)
        return false; /* not worked out */
    if (!some_branch_null(w, c->one_of, c->one_of_count, depth) ||
        !some_branch_null(w, c->any_of, c->any_of_count, depth))
        return false;
    for (size_t i = 0; i < c->all_of_count; i++) {
        const ir_schema *b = c->all_of[i];
        if (!model_nullable(b) && !typeless_accepts_null(w, ir_deref(b), depth + 1))
            return false;
    }
    return true;
}

/* work_out_null, once per schema: a true stands wherever it is met (the
 * depth limit only ever makes answers false), a false where the limit
 * left no more room than when it was found. */
static bool typeless_accepts_null(null_walk *w, const ir_schema *c, int depth)
{
    const null_answer *a = null_known(w, c);
    if (a && (a->accepts || depth >= a->depth))
        return a->accepts;
    bool accepts = work_out_null(w, c, depth);
    /* The question's own schema (depth 0) is not met again once worked out. */
    if (depth > 0)
        null_remember(w, c, accepts, depth);
    return accepts;
}

bool model_accepts_null(const ir_schema *node)
{
    if (model_nullable(node))
        return true;
    null_walk w = {NULL, 0, 0};
    bool accepts = typeless_accepts_null(&w, ir_deref(node), 0);
    free(w.slots);
    return accepts;
}

const ir_schema *model_null_alias(const ir_schema *node)
{
    const ir_schema *c = ir_deref(node);
    if (!model_defines_type(c) || model_accepts_null(c))
        return NULL;
    return nullable_node(node);
}

static bool is_scalar(ir_ckind k)
{
    return k == CK_BOOL || k == CK_INT64 || k == CK_DOUBLE || k == CK_STRING;
}

/* A scalar component that accepts null: boxed with is_null. */
static bool component_box_null(const ir_schema *s)
{
    return model_is_alias(s) && is_scalar(ir_deref(s)->ckind) && model_accepts_null(s);
}

const ir_schema *model_item_box(const ir_schema *seq)
{
    const ir_schema *e = seq->ckind == CK_ARRAY ? seq->element : NULL;
    if (!e || !is_scalar(ir_deref(e)->ckind) || !model_accepts_null(e))
        return NULL;
    const ir_schema *s = e;
    for (int hops = 0; s && hops < 100000; hops++) {
        if (component_box_null(s))
            return s;
        s = s->ref && s->ref_target ? s->ref_target : s->alias_of;
    }
    return e;
}

bool model_boxed_item(const ir_schema *s)
{
    const ir_schema *seq = s->parent;
    return seq && seq->element == s && model_is_content(seq) && model_item_box(seq) == s;
}

bool model_entry_null_flag(const ir_schema *map)
{
    return map->ckind == CK_MAP && ir_deref(map->element)->ckind != CK_JSON &&
           model_accepts_null(map->element);
}

const char *model_element_ctype(const ir_schema *seq)
{
    const ir_schema *box = model_item_box(seq);
    return box ? box->type_name : model_ctype(ir_deref(seq->element));
}

char *model_node_desc_ref(const ir_schema *node)
{
    const ir_schema *alias = model_null_alias(node);
    return alias ? oc_printf("&%s_desc", alias->type_name) : model_desc_ref(ir_deref(node));
}

char *model_element_desc(const ir_schema *seq)
{
    const ir_schema *box = model_item_box(seq);
    if (box)
        return oc_printf("&%s_desc", box->type_name);
    /* a map value's null is its entry's value_is_null */
    return seq->ckind == CK_ARRAY ? model_node_desc_ref(seq->element)
                                  : model_desc_ref(ir_deref(seq->element));
}

static bool all_of_includes(const ir_schema *s, const ir_schema *base)
{
    for (size_t i = 0; i < s->all_of_count; i++)
        if (ir_deref(s->all_of[i]) == base)
            return true;
    return false;
}

static void add_subtype(const ir_schema **v, size_t *n, const ir_schema *base, const ir_schema *t)
{
    if (t->ckind != CK_STRUCT || t == base)
        return;
    for (size_t i = 0; i < *n; i++)
        if (v[i] == t)
            return;
    v[(*n)++] = t;
}

size_t model_subtypes(const ir_spec *spec, const ir_schema *base, const ir_schema ***out)
{
    *out = NULL;
    if (base->ckind != CK_STRUCT || !base->discriminator_property || !model_is_content(base))
        return 0;
    size_t n = 0;
    const ir_schema **v = oc_calloc(base->mapping_count + spec->component_count + 1, sizeof *v);
    for (size_t i = 0; i < base->mapping_count; i++)
        if (base->mapping[i].target)
            add_subtype(v, &n, base, ir_deref(base->mapping[i].target));
    for (size_t i = 0; i < spec->component_count; i++) {
        const ir_schema *c = ir_deref(spec->components[i]);
        if (all_of_includes(c, base))
            add_subtype(v, &n, base, c);
    }
    if (!n) {
        free(v);
        return 0;
    }
    *out = v;
    return n;
}

static bool same_scc(const model_info *mi, const ir_schema *a, const ir_schema *b)
{
    return mi->scc[a->index] == mi->scc[b->index];
}

bool model_field_pointer(const model_info *mi, const ir_schema *container, const ir_prop *p)
{
    const ir_schema *c = ir_deref(p->schema);
    if (c->ckind != CK_STRUCT && c->ckind != CK_UNION)
        return false;
    return !p->required || same_scc(mi, container, c);
}

bool model_field_has_flag(const ir_prop *p)
{
    if (p->required)
        return false;
    switch (ir_deref(p->schema)->ckind) {
    case CK_BOOL: case CK_INT64: case CK_DOUBLE: case CK_ARRAY: case CK_MAP:
        return true;
    default:
        return false;
    }
}

bool model_field_text(const ir_prop *p)
{
    return is_number(ir_deref(p->schema)->ckind);
}

bool model_seq_text(const ir_schema *seq)
{
    if (!model_is_seq(seq) || model_item_box(seq))
        return false; /* a boxed item keeps its own text */
    return is_number(ir_deref(seq->element)->ckind);
}

bool model_field_texts(const ir_prop *p)
{
    const ir_schema *c = ir_deref(p->schema);
    return c->ckind == CK_ARRAY && model_seq_text(c);
}

bool model_field_null_flag(const ir_prop *p)
{
    return ir_deref(p->schema)->ckind != CK_JSON && model_accepts_null(p->schema);
}

bool model_type_takes_null(const model_info *mi, const ir_schema *s)
{
    return model_defines_type(s) && mi->standalone[s->index] && model_accepts_null(s);
}

bool model_type_null(const model_info *mi, const ir_schema *s)
{
    return model_type_takes_null(mi, s) || (model_defines_type(s) && mi->null_first[s->index]);
}

bool model_boxed_text(const ir_schema *s)
{
    return (model_is_alias(s) || model_boxed_item(s)) && is_number(ir_deref(s)->ckind);
}

bool model_boxed_null(const ir_schema *s)
{
    return component_box_null(s) || model_boxed_item(s);
}

bool model_boxed_scalar(const ir_schema *s)
{
    return model_boxed_text(s) || model_boxed_null(s);
}

char *model_type_desc_ref(const ir_schema *s)
{
    return model_boxed_scalar(s) ? oc_printf("&%s_desc", s->type_name) : model_node_desc_ref(s);
}

/* oneOf (or else anyOf) branches, all of them. */
static size_t branches(const ir_schema *u, ir_schema *const **out)
{
    if (u->one_of_count) {
        *out = u->one_of;
        return u->one_of_count;
    }
    *out = u->any_of;
    return u->any_of_count;
}

/* Per branch, whether the model holds it as a variant (model_variants);
 * malloc'd. */
static bool *kept_branches(const ir_schema *u, ir_schema *const *b, size_t n)
{
    bool *kept = oc_calloc(n ? n : 1, sizeof *kept);
    bool others = false;
    for (size_t i = 0; i < n; i++)
        others |= !ir_null_only(ir_deref(b[i]));
    bool drop = others && model_accepts_null(u);
    for (size_t i = 0; i < n; i++)
        kept[i] = !(drop && ir_null_only(ir_deref(b[i])));
    return kept;
}

size_t model_variants(const ir_schema *u, const ir_schema ***out)
{
    ir_schema *const *b;
    size_t n = branches(u, &b), count = 0;
    bool *kept = kept_branches(u, b, n);
    *out = oc_calloc(n ? n : 1, sizeof **out);
    for (size_t i = 0; i < n; i++)
        if (kept[i])
            (*out)[count++] = b[i];
    free(kept);
    return count;
}

static const char *kind_word(ir_ckind k)
{
    switch (k) {
    case CK_BOOL: return "boolean";
    case CK_INT64: return "integer";
    case CK_DOUBLE: return "number";
    case CK_STRING: return "string";
    case CK_JSON: return "json";
    default: return NULL;
    }
}

/* Drop the words a variant name shares with its union's name:
 * ld_view_link_request + view_link_request_keys -> keys. Kept whole when
 * nothing, a leading digit or a keyword ("double") would remain. */
static const char *strip_shared_words(const char *name, const char *union_name)
{
    size_t cut = 0, i = 0;
    for (; name[i] && name[i] == union_name[i]; i++)
        if (name[i] == '_')
            cut = i + 1;
    if (!union_name[i] && name[i] == '_')  /* the whole union name is shared */
        cut = i + 1;
    const char *rest = name + cut;
    bool usable = *rest && !(*rest >= '0' && *rest <= '9') && !naming_is_reserved(rest);
    return usable ? rest : name;
}

char **model_variant_names(const ir_spec *spec, const ir_schema *u)
{
    ir_schema *const *vars;
    size_t n = branches(u, &vars);
    char **names = oc_calloc(n ? n : 1, sizeof *names);
    naming_scope *scope = naming_scope_new();
    size_t plen = spec->prefix ? strlen(spec->prefix) : 0;
    size_t ulen = strlen(u->type_name);
    const char *ubase = plen && strncmp(u->type_name, spec->prefix, plen) == 0
                            ? u->type_name + plen : u->type_name;
    for (size_t i = 0; i < n; i++) {
        const ir_schema *c = ir_deref(vars[i]);
        char *base;
        if (c->component_name)
            base = naming_identifier(c->component_name);
        else if (kind_word(c->ckind))
            base = oc_strdup(kind_word(c->ckind));
        else if (c->type_name && strncmp(c->type_name, u->type_name, ulen) == 0 &&
                 c->type_name[ulen] == '_')
            base = oc_strdup(c->type_name + ulen + 1);
        else if (c->type_name && strlen(c->type_name) > plen)
            base = oc_strdup(c->type_name + plen);
        else
            base = oc_printf("variant%zu", i);
        names[i] = naming_scope_claim(scope, strip_shared_words(base, ubase), NULL);
        if (!names[i])
            names[i] = oc_printf("variant%zu", i);
        free(base);
    }
    naming_scope_free(scope);
    /* the names of the variants held, in order */
    bool *kept = kept_branches(u, vars, n);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept[i])
            names[count++] = names[i];
        else
            free(names[i]);
    }
    free(kept);
    return names;
}

void model_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

bool model_union_text(const ir_schema *u)
{
    const ir_schema **vars;
    size_t n = model_variants(u, &vars);
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any |= is_number(ir_deref(vars[i])->ckind);
    free(vars);
    return any;
}

bool model_variant_pointer(const model_info *mi, const ir_schema *u, const ir_schema *variant)
{
    const ir_schema *c = ir_deref(variant);
    return (c->ckind == CK_STRUCT || c->ckind == CK_UNION) && same_scc(mi, u, c);
}

/* ---- strongly connected components (Tarjan, iterative) ------------------ */

/* Content nodes a value of `s` refers to (members, items, variants). */
static size_t edges(const ir_schema *s, const ir_schema **out, size_t cap)
{
    size_t n = 0;
#define ADD(x) do { if ((x) && n < cap) out[n++] = ir_deref(x); } while (0)
    switch (s->ckind) {
    case CK_STRUCT:
        for (size_t i = 0; i < s->model_prop_count; i++)
            ADD(s->model_props[i].schema);
        break;
    case CK_ARRAY: case CK_MAP:
        ADD(s->element);
        break;
    case CK_UNION: {
        const ir_schema **v;
        size_t vn = model_variants(s, &v);
        for (size_t i = 0; i < vn; i++)
            ADD(v[i]);
        free(v);
        break;
    }
    default:
        break;
    }
#undef ADD
    return n;
}

static size_t edge_count(const ir_schema *s)
{
    ir_schema *const *v;
    switch (s->ckind) {
    case CK_STRUCT: return s->model_prop_count;
    case CK_ARRAY: case CK_MAP: return 1;
    case CK_UNION: return branches(s, &v); /* room for the variants */
    default: return 0;
    }
}

typedef struct tarjan {
    const ir_spec *spec;
    size_t *idx, *low, *scc;
    bool *on_stack;
    size_t *stack, sp, next, comps;
} tarjan;

typedef struct frame { size_t node; const ir_schema **succ; size_t n, i; } frame;

static void strongconnect(tarjan *t, size_t root)
{
    size_t cap = 16, fp = 0;
    frame *fs = oc_malloc(cap * sizeof *fs);
#define PUSH(v) do { \
        if (fp == cap) { cap *= 2; fs = oc_realloc(fs, cap * sizeof *fs); } \
        const ir_schema *s_ = t->spec->schemas[v]; \
        size_t en_ = edge_count(s_); \
        fs[fp].node = v; fs[fp].succ = oc_calloc(en_ ? en_ : 1, sizeof *fs[fp].succ); \
        fs[fp].n = edges(s_, fs[fp].succ, en_); fs[fp].i = 0; fp++; \
        t->idx[v] = t->low[v] = ++t->next; t->stack[t->sp++] = v; t->on_stack[v] = true; \
    } while (0)
    PUSH(root);
    while (fp) {
        frame *f = &fs[fp - 1];
        if (f->i < f->n) {
            size_t w = f->succ[f->i++]->index;
            if (!t->idx[w])
                PUSH(w);
            else if (t->on_stack[w] && t->idx[w] < t->low[f->node])
                t->low[f->node] = t->idx[w];
            continue;
        }
        size_t v = f->node;
        if (t->low[v] == t->idx[v]) {
            size_t w;
            do {
                w = t->stack[--t->sp];
                t->on_stack[w] = false;
                t->scc[w] = t->comps;
            } while (w != v);
            t->comps++;
        }
        free(f->succ);
        fp--;
        if (fp && t->low[v] < t->low[fs[fp - 1].node])
            t->low[fs[fp - 1].node] = t->low[v];
    }
#undef PUSH
    free(fs);
}

static void mark_standalone(const ir_spec *spec, bool *standalone)
{
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (s->component_name || !s->parent)
            standalone[i] = standalone[ir_deref(s)->index] = true; /* and what it aliases */
        if (s->ref_target)
            standalone[ir_deref(s)->index] = true;
        if (!model_is_content(s))
            continue;
        if ((s->ckind == CK_ARRAY || s->ckind == CK_MAP) && s->element)
            standalone[ir_deref(s->element)->index] = true;
        if (s->ckind == CK_UNION) {
            const ir_schema **v;
            size_t n = model_variants(s, &v);
            for (size_t k = 0; k < n; k++)
                standalone[ir_deref(v[k])->index] = true;
            free(v);
        }
    }
}

/* The null aliases that stand on their own: components, operation bodies
 * (roots) and array items; model_node_desc_ref names their tables. */
static void link_null_aliases(const ir_spec *spec, model_info *mi)
{
    size_t n = spec->schema_count;
    bool *own = oc_calloc(n + 1, sizeof *own);
    for (size_t i = 0; i < n; i++) {
        const ir_schema *s = spec->schemas[i];
        const ir_schema *a = s->parent ? NULL : model_null_alias(s);
        if (a)
            own[a->index] = true;
        a = model_is_content(s) && s->ckind == CK_ARRAY && s->element ? model_null_alias(s->element)
                                                                         : NULL;
        if (a)
            own[a->index] = true;
    }
    for (size_t i = n; i-- > 0;) { /* backwards, so each list is in schema order */
        if (!own[i])
            continue;
        size_t c = ir_deref(spec->schemas[i])->index;
        mi->null_next[i] = mi->null_first[c];
        mi->null_first[c] = i + 1;
    }
    free(own);
}

bool model_has_functions(const model_info *mi, const ir_schema *s)
{
    if (model_is_alias(s))
        return true;
    if (!model_defines_type(s))
        return false;
    /* A struct's own table is referenced only by its functions, so every
     * non-sequence type keeps them (no unused static tables). */
    return !model_is_seq(s) || mi->standalone[s->index];
}

void model_info_init(model_info *mi, const ir_spec *spec)
{
    size_t n = spec->schema_count;
    tarjan t = {spec, oc_calloc(n + 1, sizeof(size_t)), oc_calloc(n + 1, sizeof(size_t)),
                oc_calloc(n + 1, sizeof(size_t)), oc_calloc(n + 1, sizeof(bool)),
                oc_calloc(n + 1, sizeof(size_t)), 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        if (!t.idx[i])
            strongconnect(&t, i);
    free(t.idx);
    free(t.low);
    free(t.on_stack);
    free(t.stack);
    mi->spec = spec;
    mi->scc = t.scc;
    mi->standalone = oc_calloc(n + 1, sizeof(bool));
    mark_standalone(spec, mi->standalone);
    mi->null_first = oc_calloc(n + 1, sizeof(size_t));
    mi->null_next = oc_calloc(n + 1, sizeof(size_t));
    link_null_aliases(spec, mi);
}

void model_info_free(model_info *mi)
{
    free(mi->scc);
    free(mi->standalone);
    free(mi->null_first);
    free(mi->null_next);
    mi->scc = NULL;
    mi->standalone = NULL;
    mi->null_first = mi->null_next = NULL;
}
