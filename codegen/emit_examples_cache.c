/* emit_examples_cache.c - synthesized examples remembered per schema (see
 * emit_examples.h). Synthesis from the top depends only on the schema it
 * starts from, so a schema's example is built once. A schema that is a
 * bare $ref (no keyword the synthesizer reads besides it) gives the same
 * bytes as every other bare $ref to the same target, so those share one
 * entry too: that is what response bodies usually are. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit_examples.h"
#include "oc_alloc.h"
#include "strmap.h"

typedef struct cached_example {
    char *text;  /* NULL: none */
    size_t len;
} cached_example;

struct emit_example_cache {
    strmap *by_key;             /* cache_key bytes -> cached_example */
    cached_example **entries;   /* for freeing */
    size_t count, cap;
};

/* Nothing of s but `$ref` reaches the synthesizer (emit_examples_view.c's
 * collect() reads exactly these fields). Keep in step with collect(). */
static bool bare_ref(const ir_schema *s)
{
    return s->boolean_schema < 0 && s->ref_target && !s->types && !s->nullable &&
           !s->const_value && !s->has_enum && !s->enum_count && !s->default_value &&
           !s->example && !s->has_minimum && !s->has_maximum && !s->has_exclusive_minimum &&
           !s->has_exclusive_maximum && !s->has_multiple_of && s->min_length < 0 &&
           s->max_length < 0 && s->min_items < 0 && s->max_items < 0 && !s->format &&
           !s->pattern && !s->items && !s->prefix_count && !s->prop_count &&
           !s->required_count && !s->addl && !s->addl_false && s->min_properties < 0 &&
           !s->all_of_count && !s->any_of_count && !s->one_of_count && !s->if_schema &&
           !s->contains && !s->unevaluated_props && !s->unevaluated_items &&
           !s->dependent_required_count && !s->dependent_schema_count;
}

typedef struct cache_key {
    const ir_schema *schema;  /* s, or the target of a bare $ref */
    char through_bare_ref;
} cache_key;

emit_example_cache *emit_example_cache_new(void)
{
    emit_example_cache *cache = oc_calloc(1, sizeof *cache);
    cache->by_key = strmap_new();
    return cache;
}

void emit_example_cache_free(emit_example_cache *cache)
{
    if (!cache)
        return;
    for (size_t i = 0; i < cache->count; i++) {
        free(cache->entries[i]->text);
        free(cache->entries[i]);
    }
    free(cache->entries);
    strmap_free(cache->by_key);
    free(cache);
}

char *emit_example_synthesize_cached(emit_example_cache *cache, const ir_schema *s, size_t *len)
{
    if (!s)
        return emit_example_synthesize(s, len);
    cache_key key;
    memset(&key, 0, sizeof key);  /* padding is part of the key bytes */
    key.through_bare_ref = bare_ref(s);
    key.schema = key.through_bare_ref ? s->ref_target : s;
    cached_example *hit = strmap_get(cache->by_key, (const char *)&key, sizeof key);
    if (!hit) {
        hit = oc_calloc(1, sizeof *hit);
        hit->text = emit_example_synthesize(s, &hit->len);
        oc_grow(&cache->entries, &cache->cap, cache->count, sizeof *cache->entries);
        cache->entries[cache->count++] = hit;
        strmap_put(cache->by_key, (const char *)&key, sizeof key, hit);
    }
    if (len)
        *len = hit->len;
    return hit->text ? oc_strndup(hit->text, hit->len) : NULL;
}
