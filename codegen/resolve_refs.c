/* resolve_refs.c - links each $ref and discriminator mapping to its schema. */
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "oc_alloc.h"
#include "resolve_ctx.h"
#include "strmap.h"

static ir_schema *lookup_ref(const strmap *by_location, const char *ref)
{
    char *loc = ref_to_location(ref);
    ir_schema *target = loc ? strmap_get(by_location, loc, strlen(loc)) : NULL;
    free(loc);
    return target;
}

static int link_mapping(const strmap *by_location, ir_schema *s, diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < s->mapping_count; i++) {
        ir_mapping *m = &s->mapping[i];
        /* A bare name means a component schema. */
        char *ref = m->ref[0] == '#' || strchr(m->ref, '/') ? oc_strdup(m->ref)
                                                            : location_child("#/components/schemas", m->ref);
        m->target = lookup_ref(by_location, ref);
        if (!m->target) {
            resolve_error(d, s->loc, "unresolvable discriminator mapping \"%s\": %s", m->value, m->ref);
            rc = -1;
        }
        free(ref);
    }
    return rc;
}

static ir_schema *link_ref(const strmap *by_location, const char *keyword, const char *ref,
                           ir_loc at, diag *d)
{
    ir_schema *target = lookup_ref(by_location, ref);
    if (!target)
        resolve_error(d, at, ref[0] == '#' ? "unresolvable %s: %s" : "external %s not supported: %s",
                      keyword, ref);
    return target;
}

/* Where a dynamic reference of s may land: each resource's anchor of its name. */
static void link_dynamic_targets(const ir_spec *spec, ir_schema *s)
{
    if (!s->dynamic_name)
        return;
    s->dynamic_target_count = spec->dynamic_resource_count;
    s->dynamic_targets = oc_calloc(spec->dynamic_resource_count, sizeof *s->dynamic_targets);
    for (size_t i = 0; i < spec->dynamic_resource_count; i++) {
        const ir_dynamic_resource *r = &spec->dynamic_resources[i];
        for (size_t a = 0; a < r->anchor_count && !s->dynamic_targets[i]; a++)
            if (strcmp(r->anchors[a].name, s->dynamic_name) == 0)
                s->dynamic_targets[i] = r->anchors[a].schema;
    }
}

/* What applying to, a reference's target from `from`, enters beyond what
 * to enters itself: the resource to lies in, when that is not from's and
 * to is no resource's root (2020-12 7.1: the dynamic scope holds every
 * resource entered, through its root or a subschema). */
static size_t reference_scope(const ir_schema *from, const ir_schema *to)
{
    return to && to->resource && !to->dynamic_scope && to->resource != from->resource
               ? to->resource
               : 0;
}

int resolve_refs(ir_spec *spec, diag *d)
{
    strmap *by_location = strmap_new_sized(spec->schema_count + spec->location_alias_count);
    for (size_t i = 0; i < spec->schema_count; i++)
        strmap_put(by_location, spec->schemas[i]->location, strlen(spec->schemas[i]->location),
                   spec->schemas[i]);
    for (size_t i = 0; i < spec->location_alias_count; i++) {
        const ir_location_alias *a = &spec->location_aliases[i];
        strmap_put(by_location, a->location, strlen(a->location), a->schema);
    }
    int rc = 0;
    for (size_t i = 0; i < spec->schema_count; i++) {
        ir_schema *s = spec->schemas[i];
        if (s->ref && !(s->ref_target = link_ref(by_location, "$ref", s->ref, s->ref_loc, d)))
            rc = -1;
        if (s->dynamic_ref && !(s->dynamic_ref_target = link_ref(by_location, "$dynamicRef",
                                                                 s->dynamic_ref,
                                                                 s->dynamic_ref_loc, d)))
            rc = -1;
        if (link_mapping(by_location, s, d) != 0)
            rc = -1;
    }
    for (size_t i = 0; i < spec->dynamic_resource_count; i++) {
        ir_dynamic_resource *r = &spec->dynamic_resources[i];
        for (size_t a = 0; a < r->anchor_count; a++)
            r->anchors[a].schema = strmap_get(by_location, r->anchors[a].location,
                                              strlen(r->anchors[a].location));
    }
    for (size_t i = 0; i < spec->schema_count; i++) {
        ir_schema *s = spec->schemas[i];
        link_dynamic_targets(spec, s);
        s->ref_scope = reference_scope(s, s->ref_target);
        s->dynamic_ref_scope = reference_scope(s, s->dynamic_ref_target);
    }
    strmap_free(by_location);
    return rc;
}
