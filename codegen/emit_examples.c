/* emit_examples.c - synthesize a JSON instance of a schema (see
 * emit_examples.h): objects and arrays here, scalars in
 * emit_examples_scalar.c, keyword merging in emit_examples_view.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_examples.h"
#include "emit_examples_internal.h"
#include "oc_alloc.h"

/* Past this nesting only required members are followed, and past the hard
 * limit a schema that demands infinite nesting gets null. */
#define EX_SOFT_DEPTH 12
#define EX_HARD_DEPTH 48

typedef struct ex_ctx {
    ex_out out;
    const ir_schema *stack[EX_HARD_DEPTH]; /* content schemas being built */
    size_t depth;
    /* One budget and one set of comparison views for the whole instance:
       members and items that share schemas level after level would
       otherwise multiply what each view merges. */
    ex_shared shared;
} ex_ctx;

static void write_view(ex_ctx *c, const ex_view *v, const char *hint);
static void write_instance(ex_ctx *c, const ir_schema *s, const char *hint);

/* An instance of a member's schema and its other schemas together (a
 * member declared in several branches, an item that `contains` also
 * constrains). Past the hard depth limit the instance is over budget: a
 * null there would rarely be valid. */
static void write_merged(ex_ctx *c, const ex_member *m, const char *hint)
{
    if (c->out.over_budget)
        return;
    if (!m->schema) {
        ex_str(&c->out, "null");
        return;
    }
    if (c->depth >= EX_HARD_DEPTH) {
        c->out.over_budget = true;
        return;
    }
    c->stack[c->depth++] = ir_deref(m->schema);
    ex_view v;
    ex_view_init(&v);
    v.shared = &c->shared;
    ex_view_collect_member(&v, m);
    if (c->shared.work_left == 0)
        c->out.over_budget = true;  /* merged in part: the instance may not validate */
    write_view(c, &v, hint);
    ex_view_free(&v);
    c->depth--;
}

/* Would building s re-enter a schema already being built? Optional members
 * stop there, so recursive types end after one level. */
static bool recurses(const ex_ctx *c, const ir_schema *s)
{
    const ir_schema *target = ir_deref(s);
    for (size_t i = 0; i < c->depth; i++)
        if (c->stack[i] == target)
            return true;
    return c->depth >= EX_SOFT_DEPTH;
}

static void write_object(ex_ctx *c, const ex_view *v)
{
    ex_str(&c->out, "{");
    size_t written = 0;
    for (size_t i = 0; i < v->member_count; i++) {
        const ex_member *m = &v->members[i];
        const ir_schema *ms = m->schema ? m->schema : v->addl;
        if (!m->required && (!ms || recurses(c, ms) || ir_deref(ms)->write_only))
            continue;  /* a response never carries writeOnly members */
        if (written++)
            ex_str(&c->out, ",");
        ex_json_string(&c->out, m->name, strlen(m->name));
        ex_str(&c->out, ":");
        if (m->schema)
            write_merged(c, m, m->name);
        else
            write_instance(c, ms, m->name); /* required, undescribed: the map's values */
    }
    /* A map (additionalProperties only) gets one entry, more if
       minProperties asks; objects with properties only what they need. */
    size_t want = written == 0 && v->member_count == 0 ? 1 : 0;
    if (v->min_properties > 0 && (size_t)v->min_properties > written + want)
        want = (size_t)v->min_properties - written;
    if (v->addl_false || (v->addl && recurses(c, v->addl) && v->min_properties <= 0))
        want = 0;
    if (!v->addl && !v->has_object_keywords)
        want = 0;  /* a free-form object: {} is the plainest instance */
    for (size_t k = 1; k <= want && !c->out.over_budget; k++) {
        char key[40];
        snprintf(key, sizeof key, "additionalProp%zu", k);
        if (written++)
            ex_str(&c->out, ",");
        ex_json_string(&c->out, key, strlen(key));
        ex_str(&c->out, ":");
        if (v->addl)
            write_instance(c, v->addl, NULL);
        else
            ex_str(&c->out, "\"value\"");
    }
    ex_str(&c->out, "}");
}

static void write_array(ex_ctx *c, const ex_view *v)
{
    size_t count = v->prefix_count;
    if (v->items && !recurses(c, v->items) && count < 1)
        count = 1;
    if (v->min_items > 0 && count < (size_t)v->min_items)
        count = (size_t)v->min_items;
    /* The first minContains items past prefixItems also satisfy
       `contains`; the rest are plain items, so maxContains holds too. */
    size_t matching = v->contains ? (size_t)v->min_contains : 0;
    if (matching && count < v->prefix_count + matching)
        count = v->prefix_count + matching;
    if (v->max_items >= 0 && count > (size_t)v->max_items)
        count = (size_t)v->max_items;
    const ir_schema *contains[1] = {v->contains};
    ex_member item_and_contains = {.schema = v->items ? v->items : v->contains,
                                   .also = contains, .also_count = v->items ? 1 : 0};
    /* Like optional members, prefix items past what minItems and
       minContains demand end the array where they would recurse (or pass
       the soft depth): otherwise prefixItems that share schemas level after
       level ask for exponentially many items. */
    size_t needed = v->min_items > 0 ? (size_t)v->min_items : 0;
    if (matching && needed < v->prefix_count + matching)
        needed = v->prefix_count + matching;
    ex_str(&c->out, "[");
    for (size_t i = 0; i < count && !c->out.over_budget; i++) {
        if (i >= needed && i < v->prefix_count && recurses(c, v->prefix[i]))
            break;
        if (i)
            ex_str(&c->out, ",");
        const ir_schema *item = i < v->prefix_count ? v->prefix[i] : v->items;
        if (i >= v->prefix_count && i - v->prefix_count < matching)
            write_merged(c, &item_and_contains, NULL);
        else if (item)
            write_instance(c, item, NULL);
        else
            ex_str(&c->out, "null");
    }
    ex_str(&c->out, "]");
}

static void write_view(ex_ctx *c, const ex_view *v, const char *hint)
{
    if (v->const_value) {
        ex_write_value(&c->out, v->const_value);
        return;
    }
    if (v->enum_first) {
        ex_write_value(&c->out, v->enum_first);
        return;
    }
    unsigned t = ex_view_pick_type(v);
    const ir_value *literal = ex_scalar_literal(v, t);
    if (literal) {
        ex_write_value(&c->out, literal);
        return;
    }
    switch (t) {
    case IR_T_OBJECT: write_object(c, v); break;
    case IR_T_ARRAY: write_array(c, v); break;
    case IR_T_STRING: ex_write_string(&c->out, v, hint); break;
    case IR_T_INTEGER: ex_write_number(&c->out, v, true); break;
    case IR_T_NUMBER: ex_write_number(&c->out, v, false); break;
    case IR_T_BOOLEAN: ex_str(&c->out, "true"); break;
    default: ex_str(&c->out, "null"); break;
    }
}

static void write_instance(ex_ctx *c, const ir_schema *s, const char *hint)
{
    const ex_member only = {.schema = s};
    write_merged(c, &only, hint);
}

char *emit_example_synthesize(const ir_schema *s, size_t *len)
{
    if (!s)
        return NULL;
    ex_ctx c;
    memset(&c, 0, sizeof c);
    ex_shared_init(&c.shared);
    write_instance(&c, s, NULL);
    ex_shared_free(&c.shared);
    ex_bytes(&c.out, "", 1);
    if (c.out.over_budget) {
        free(c.out.buf);
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = c.out.len - 1;
    return c.out.buf;
}
