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

int resolve_refs(ir_spec *spec, diag *d)
{
    strmap *by_location = strmap_new();
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
        if (s->ref) {
            s->ref_target = lookup_ref(by_location, s->ref);
            if (!s->ref_target) {
                resolve_error(d, s->ref_loc, s->ref[0] == '#' ? "unresolvable $ref: %s"
                                                               : "external $ref not supported: %s",
                              s->ref);
                rc = -1;
            }
        }
        if (link_mapping(by_location, s, d) != 0)
            rc = -1;
    }
    strmap_free(by_location);
    return rc;
}
