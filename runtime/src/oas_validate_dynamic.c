/* oas_validate_dynamic.c - the dynamic scope of $dynamicRef
 * (oas_validate_impl.h): resources entered along the evaluation path, as a
 * list in the validators' stack frames, and the outermost one that
 * declares an anchor. */
#include "oas_validate_internal.h"

/* Nesting that the instance does not bound: a dynamic reference may lead
 * back to where it started without consuming the instance. The budget
 * grows with the instance depth reached (OAS_V_SCOPE_PER_LEVEL a level),
 * not with max_depth: a cycle stops after a few entries whatever limit the
 * caller set, and the recursion stays as deep as the document. Divided, not
 * multiplied, so that no depth overflows it. */
static bool scope_room(oas_vctx *c, const oas_json *in)
{
    return c->scope_depth / OAS_V_SCOPE_PER_LEVEL <= c->depth ||
           oas_v_stop_at(c, OAS_ERR_SCHEMA_DEPTH, in->offset);
}

bool oas_v_scope_enter(oas_vctx *c, oas_v_scope *s, const oas_json *in, size_t resource)
{
    if (c->stopped || !scope_room(c, in))
        return false;
    s->up = c->scope;
    s->resource = resource;
    c->scope = s;
    c->scope_depth++;
    return true;
}

void oas_v_dynamic_ref(oas_vctx *c, const oas_json *in, const oas_v_target *fallback,
                       const oas_v_target *by_resource)
{
    if (c->stopped || !scope_room(c, in))
        return;
    const oas_v_target *target = fallback;
    for (const oas_v_scope *s = c->scope; s; s = s->up)
        if (by_resource[s->resource].fn)
            target = &by_resource[s->resource]; /* the last one met is the outermost */
    c->scope_depth++;
    if (target->enter)
        oas_v_apply_in(c, in, target->kw, target->fn, target->enter - 1);
    else
        oas_v_apply(c, in, target->kw, target->fn);
    c->scope_depth--;
}

void oas_v_apply_in(oas_vctx *c, const oas_json *in, const char *kw, oas_validate_fn fn,
                    size_t resource)
{
    oas_v_scope s;
    if (!oas_v_scope_enter(c, &s, in, resource))
        return;
    oas_v_apply(c, in, kw, fn);
    oas_v_scope_leave(c, &s);
}
