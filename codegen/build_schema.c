/* build_schema.c - one schema object (and every schema nested in it) -> ir_schema.
 *
 * Each keyword has a small handler; a table maps keyword names to handlers.
 * Unknown keywords (x-*, vendor extensions) are ignored; JSON Schema
 * keywords that constrain instances but that oas2c does not implement get a
 * note (once per keyword), so a validator that checks less than the spec
 * says never does so silently. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "oc_alloc.h"

/* Per-schema state while its keywords are read. */
typedef struct schema_reader {
    build_ctx *b;
    ir_schema *s;
    const ynode *node;                 /* the schema's mapping */
    const ynode *key;                  /* the keyword being read */
    const ynode *exclusive_min_flag;   /* 3.0 boolean exclusiveMinimum: true */
    const ynode *exclusive_max_flag;
} schema_reader;

ir_schema *build_schema_shell(build_ctx *b, const ynode *n, const char *location,
                              ir_schema *parent, const char *name_hint)
{
    ir_spec *spec = b->spec;
    ir_schema *s = oc_calloc(1, sizeof *s);
    s->loc = build_loc(b, n);
    s->location = oc_strdup(location);
    s->boolean_schema = -1;
    s->min_length = s->max_length = s->min_items = s->max_items = -1;
    s->min_properties = s->max_properties = -1;
    s->min_contains = s->max_contains = -1;
    s->parent = parent;
    s->name_hint = oc_strdup(name_hint);
    oc_grow(&spec->schemas, &spec->schema_cap, spec->schema_count, sizeof *spec->schemas);
    s->index = spec->schema_count;
    spec->schemas[spec->schema_count++] = s;
    strmap_put(b->by_location, location, strlen(location), s);
    if (n->id < b->node_count && !b->by_node[n->id])
        b->by_node[n->id] = s;
    return s;
}

ir_schema *build_schema_of_node(const build_ctx *b, const ynode *n)
{
    return n->id < b->node_count ? b->by_node[n->id] : NULL;
}

/* location is another place of an already built schema (a YAML alias). */
static void add_location_alias(build_ctx *b, const char *location, ir_schema *s)
{
    ir_spec *spec = b->spec;
    oc_grow(&spec->location_aliases, &spec->location_alias_cap, spec->location_alias_count,
            sizeof *spec->location_aliases);
    ir_location_alias *a = &spec->location_aliases[spec->location_alias_count++];
    a->location = oc_strdup(location);
    a->schema = s;
    strmap_put(b->by_location, location, strlen(location), s);
}

ir_schema *build_schema(build_ctx *b, const ynode *n, const char *location, ir_schema *parent,
                        const char *name_hint)
{
    ir_schema *known = strmap_get(b->by_location, location, strlen(location));
    if (known)
        return known;
    /* An alias of a node met before: one schema (its first location, name
       and validator) serves every place, so the output grows with the
       document, not with what its aliases expand to. */
    known = build_schema_of_node(b, n);
    if (known) {
        add_location_alias(b, location, known);
        return known;
    }
    ir_schema *s = build_schema_shell(b, n, location, parent, name_hint);
    build_schema_fill(b, s, n);
    return s;
}

/* A nested schema at <parent location>/<token>. */
static ir_schema *child_schema(schema_reader *r, const ynode *n, const char *token,
                               const char *hint)
{
    char *loc = location_child(r->s->location, token);
    ir_schema *c = build_schema(r->b, n, loc, r->s, hint);
    free(loc);
    return c;
}

/* The schemas of allOf/anyOf/oneOf/prefixItems: a non-empty sequence. */
static ir_schema **schema_list(schema_reader *r, const ynode *v, const char *key,
                               const char *hint_base, size_t *count)
{
    if (v->kind != YN_SEQ || v->count == 0) {
        build_error(r->b, v, "'%s' must be a non-empty sequence of schemas", key);
        return NULL;
    }
    ir_schema **list = oc_calloc(v->count, sizeof *list);
    char *base = location_child(r->s->location, key);
    for (size_t i = 0; i < v->count; i++) {
        char *loc = location_index(base, i);
        char *hint = oc_printf("%s%zu", hint_base, i);
        list[i] = build_schema(r->b, v->items[i], loc, r->s, hint);
        free(hint);
        free(loc);
    }
    free(base);
    *count = v->count;
    return list;
}

static void kw_type_name(schema_reader *r, const ynode *v)
{
    static const struct { const char *name; unsigned bit; } types[] = {
        {"null", IR_T_NULL},     {"boolean", IR_T_BOOLEAN}, {"object", IR_T_OBJECT},
        {"array", IR_T_ARRAY},   {"number", IR_T_NUMBER},   {"string", IR_T_STRING},
        {"integer", IR_T_INTEGER},
    };
    const char *name = build_string(r->b, v, "type");
    if (!name)
        return;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcmp(name, types[i].name) == 0) {
            r->s->types |= types[i].bit;
            return;
        }
    build_error(r->b, v, "unknown type \"%s\"", name);
}

static void kw_type(schema_reader *r, const ynode *v)
{
    if (v->kind == YN_SEQ) {
        if (v->count == 0)
            build_error(r->b, v, "'type' must not be an empty sequence");
        for (size_t i = 0; i < v->count; i++)
            kw_type_name(r, v->items[i]);
        return;
    }
    kw_type_name(r, v);
}

static void kw_format(schema_reader *r, const ynode *v)
{
    static const char *const known[] = {
        "int32", "int64", "float", "double", "byte", "binary", "date", "date-time", "time",
        "duration", "password", "uuid", "uri", "uri-reference", "uri-template", "iri",
        "iri-reference", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
        "json-pointer", "relative-json-pointer", "regex",
    };
    const char *f = build_string(r->b, v, "format");
    if (!f)
        return;
    r->s->format = oc_strdup(f);
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(f, known[i]) == 0)
            return;
    /* One note per format name: a spec may use it hundreds of times. */
    if (strmap_put(r->b->noted_formats, f, strlen(f), NULL))
        build_note(r->b, v, "unknown format \"%s\" is not validated (first use)", f);
}

/* Descriptions are text; a YAML scalar of any type reads as its text. */
static char *text_of(schema_reader *r, const ynode *v, const char *key)
{
    if (v->kind != YN_SCALAR) {
        build_error(r->b, v, "'%s' must be a string", key);
        return NULL;
    }
    return oc_strndup(v->str, v->len);
}

static void kw_title(schema_reader *r, const ynode *v) { free(r->s->title); r->s->title = text_of(r, v, "title"); }
static void kw_description(schema_reader *r, const ynode *v)
{
    free(r->s->description);
    r->s->description = text_of(r, v, "description");
}
static void kw_nullable(schema_reader *r, const ynode *v)
{
    bool on = false;
    /* 3.1 has no `nullable`; it means nothing there (JSON Schema ignores it). */
    if (build_bool(r->b, v, "nullable", &on) && r->b->v30)
        r->s->nullable = on;
}

/* After every keyword of a schema at n: `nullable` read as 3.0.3 says, or
 * as the options say; said where it may surprise. */
static void check_nullable(schema_reader *r, const ynode *n)
{
    const ynode *key = NULL;
    for (size_t i = 0; i < n->count && !key; i++)
        if (strcmp(n->keys[i]->str, "nullable") == 0)
            key = n->keys[i];
    if (!key)
        return;
    if (!r->b->v30) {
        if (strmap_put(r->b->noted_keywords, key->str, key->len, NULL))
            build_note(r->b, key, "'nullable' is not a keyword in OpenAPI 3.1 and has no effect;"
                       " null is allowed by type: [..., \"null\"] (first use)");
        return;
    }
    if (!r->s->nullable || r->s->types)
        return;
    if (r->b->options.nullable_without_type_allows_null)
        r->s->null_always_valid = true;
    else
        build_note(r->b, key, "nullable without type has no effect (OAS 3.0.3)");
}
static void kw_deprecated(schema_reader *r, const ynode *v) { build_bool(r->b, v, "deprecated", &r->s->deprecated); }
static void kw_read_only(schema_reader *r, const ynode *v) { build_bool(r->b, v, "readOnly", &r->s->read_only); }
static void kw_write_only(schema_reader *r, const ynode *v) { build_bool(r->b, v, "writeOnly", &r->s->write_only); }
static void kw_unique_items(schema_reader *r, const ynode *v) { build_bool(r->b, v, "uniqueItems", &r->s->unique_items); }

static void kw_properties(schema_reader *r, const ynode *v)
{
    if (v->kind != YN_MAP) {
        build_error(r->b, v, "'properties' must be a mapping");
        return;
    }
    ir_schema *s = r->s;
    s->props = oc_calloc(v->count, sizeof *s->props);
    char *base = location_child(s->location, "properties");
    for (size_t i = 0; i < v->count; i++) {
        const char *name = build_string(r->b, v->keys[i], "property name");
        if (!name)
            continue;
        ir_prop *p = &s->props[s->prop_count++];
        p->name = oc_strdup(name);
        p->loc = build_loc(r->b, v->keys[i]);
        char *loc = location_child(base, name);
        p->schema = build_schema(r->b, v->items[i], loc, s, name);
        free(loc);
    }
    free(base);
}

static void kw_required(schema_reader *r, const ynode *v)
{
    if (v->kind != YN_SEQ) {
        build_error(r->b, v, "'required' must be a sequence of strings");
        return;
    }
    ir_schema *s = r->s;
    s->required = oc_calloc(v->count, sizeof *s->required);
    s->required_locs = oc_calloc(v->count, sizeof *s->required_locs);
    for (size_t i = 0; i < v->count; i++) {
        const ynode *item = v->items[i];
        if (item->kind != YN_SCALAR || item->stype != YS_STRING || strlen(item->str) != item->len) {
            build_error(r->b, item, "'required' must be a sequence of strings");
            continue;
        }
        s->required_locs[s->required_count] = build_loc(r->b, item);
        s->required[s->required_count++] = oc_strdup(item->str);
    }
}

static void kw_additional_properties(schema_reader *r, const ynode *v)
{
    if (v->kind == YN_SCALAR && v->stype == YS_BOOL && (v->str[0] == 'f' || v->str[0] == 'F')) {
        r->s->addl_false = true;
        return;
    }
    r->s->addl = child_schema(r, v, "additionalProperties", "value");
}

static void kw_items(schema_reader *r, const ynode *v)
{
    if (v->kind == YN_SEQ) {  /* the tuple form of older drafts */
        r->s->prefix_items = schema_list(r, v, "items", "item", &r->s->prefix_count);
        return;
    }
    r->s->items = child_schema(r, v, "items", "item");
}

static void kw_prefix_items(schema_reader *r, const ynode *v)
{
    r->s->prefix_items = schema_list(r, v, "prefixItems", "item", &r->s->prefix_count);
}
static void kw_all_of(schema_reader *r, const ynode *v)
{
    r->s->all_of = schema_list(r, v, "allOf", "all_of", &r->s->all_of_count);
}
static void kw_any_of(schema_reader *r, const ynode *v)
{
    r->s->any_of = schema_list(r, v, "anyOf", "any_of", &r->s->any_of_count);
}
static void kw_one_of(schema_reader *r, const ynode *v)
{
    r->s->one_of = schema_list(r, v, "oneOf", "one_of", &r->s->one_of_count);
}
static void kw_not(schema_reader *r, const ynode *v) { r->s->not_schema = child_schema(r, v, "not", "not"); }

static void kw_enum(schema_reader *r, const ynode *v)
{
    if (v->kind != YN_SEQ) {
        build_error(r->b, v, "'enum' must be a sequence");
        return;
    }
    ir_schema *s = r->s;
    s->has_enum = true;
    s->enum_values = oc_calloc(v->count, sizeof *s->enum_values);
    for (size_t i = 0; i < v->count; i++)
        s->enum_values[s->enum_count++] = build_value(r->b, v->items[i]);
}

static void kw_const(schema_reader *r, const ynode *v) { r->s->const_value = build_value(r->b, v); }
static void kw_default(schema_reader *r, const ynode *v) { r->s->default_value = build_value(r->b, v); }
/* `example` wins over `examples` (3.1: a list; the first one is used). */
static void read_example(schema_reader *r, const ynode *n)
{
    const ynode *v = ynode_get(n, "example");
    if (!v) {
        const ynode *list = ynode_get(n, "examples");
        v = list && list->kind == YN_SEQ && list->count > 0 ? list->items[0] : NULL;
    }
    if (v)
        r->s->example = build_value(r->b, v);
}

/* A JSON number keyword; NULL after an error. */
static char *number_keyword(schema_reader *r, const ynode *v, const char *key)
{
    char *text = build_number_text(v);
    if (!text)
        build_error(r->b, v, "'%s' must be a number", key);
    return text;
}

static void kw_minimum(schema_reader *r, const ynode *v)
{
    free(r->s->minimum);
    r->s->minimum = number_keyword(r, v, "minimum");
    r->s->has_minimum = r->s->minimum != NULL;
}
static void kw_maximum(schema_reader *r, const ynode *v)
{
    free(r->s->maximum);
    r->s->maximum = number_keyword(r, v, "maximum");
    r->s->has_maximum = r->s->maximum != NULL;
}
static void kw_multiple_of(schema_reader *r, const ynode *v)
{
    free(r->s->multiple_of);
    r->s->multiple_of = number_keyword(r, v, "multipleOf");
    if (r->s->multiple_of && (r->s->multiple_of[0] == '-' || strspn(r->s->multiple_of, "0.e-") ==
                                                               strlen(r->s->multiple_of))) {
        build_error(r->b, v, "'multipleOf' must be greater than 0");
        free(r->s->multiple_of);
        r->s->multiple_of = NULL;
    }
    r->s->has_multiple_of = r->s->multiple_of != NULL;
}

/* exclusiveMinimum/Maximum: a number (3.1) or, in 3.0, a flag on minimum. */
static void exclusive_bound(schema_reader *r, const ynode *v, const char *key, char **text,
                            bool *has, const ynode **flag)
{
    if (v->kind == YN_SCALAR && v->stype == YS_BOOL) {
        *flag = (v->str[0] == 't' || v->str[0] == 'T') ? v : NULL;
        return;
    }
    free(*text);
    *text = number_keyword(r, v, key);
    *has = *text != NULL;
}
static void kw_exclusive_minimum(schema_reader *r, const ynode *v)
{
    exclusive_bound(r, v, "exclusiveMinimum", &r->s->exclusive_minimum,
                    &r->s->has_exclusive_minimum, &r->exclusive_min_flag);
}
static void kw_exclusive_maximum(schema_reader *r, const ynode *v)
{
    exclusive_bound(r, v, "exclusiveMaximum", &r->s->exclusive_maximum,
                    &r->s->has_exclusive_maximum, &r->exclusive_max_flag);
}

/* Digits, then optionally "." and zeros only: 2020-12 counts 2.0 as an integer. */
static bool integral_text(const ynode *v)
{
    size_t digits = strspn(v->str, "+0123456789");
    if (v->stype == YS_INT)
        return digits == v->len;
    return v->stype == YS_FLOAT && digits > 0 && v->str[digits] == '.' &&
           strspn(v->str + digits + 1, "0") == v->len - digits - 1;
}

static void count_keyword(schema_reader *r, const ynode *v, const char *key, int64_t *out)
{
    if (v->kind != YN_SCALAR || v->str[0] == '-' || !integral_text(v)) {
        build_error(r->b, v, "'%s' must be a non-negative integer", key);
        return;
    }
    /* No instance has 2^63 - 1 characters, items or properties, so a larger
       count means the same as INT64_MAX. */
    errno = 0;
    long long count = strtoll(v->str, NULL, 10);
    *out = errno == ERANGE ? INT64_MAX : count;
}
static void kw_min_length(schema_reader *r, const ynode *v) { count_keyword(r, v, "minLength", &r->s->min_length); }
static void kw_max_length(schema_reader *r, const ynode *v) { count_keyword(r, v, "maxLength", &r->s->max_length); }
static void kw_min_items(schema_reader *r, const ynode *v) { count_keyword(r, v, "minItems", &r->s->min_items); }
static void kw_max_items(schema_reader *r, const ynode *v) { count_keyword(r, v, "maxItems", &r->s->max_items); }
static void kw_min_properties(schema_reader *r, const ynode *v) { count_keyword(r, v, "minProperties", &r->s->min_properties); }
static void kw_max_properties(schema_reader *r, const ynode *v) { count_keyword(r, v, "maxProperties", &r->s->max_properties); }

static void kw_pattern(schema_reader *r, const ynode *v)
{
    const char *p = build_string(r->b, v, "pattern");
    if (p) {
        free(r->s->pattern);
        r->s->pattern = oc_strdup(p);
    }
}

static void kw_discriminator(schema_reader *r, const ynode *v)
{
    ir_schema *s = r->s;
    if (v->kind != YN_MAP) {
        build_error(r->b, v, "'discriminator' must be a mapping");
        return;
    }
    const ynode *pn = ynode_get(v, "propertyName");
    const char *prop = pn ? build_string(r->b, pn, "propertyName") : NULL;
    if (!pn)
        build_error(r->b, v, "'discriminator' needs a 'propertyName'");
    if (prop)
        s->discriminator_property = oc_strdup(prop);
    const ynode *m = ynode_get(v, "mapping");
    if (!m)
        return;
    if (m->kind != YN_MAP) {
        build_error(r->b, m, "'mapping' must be a mapping of strings");
        return;
    }
    s->mapping = oc_calloc(m->count, sizeof *s->mapping);
    for (size_t i = 0; i < m->count; i++) {
        const char *value = build_string(r->b, m->keys[i], "mapping key");
        const char *ref = build_string(r->b, m->items[i], "mapping value");
        if (!value || !ref)
            continue;
        s->mapping[s->mapping_count].value = oc_strdup(value);
        s->mapping[s->mapping_count++].ref = oc_strdup(ref);
    }
}

/* A map of names to schemas (patternProperties, dependentSchemas) at
   <location>/key/<name>. */
static ir_prop *schema_map(schema_reader *r, const ynode *v, const char *key, size_t *count)
{
    if (v->kind != YN_MAP) {
        build_error(r->b, v, "'%s' must be a mapping", key);
        return NULL;
    }
    ir_prop *list = oc_calloc(v->count ? v->count : 1, sizeof *list);
    char *base = location_child(r->s->location, key);
    for (size_t i = 0; i < v->count; i++) {
        const char *name = build_string(r->b, v->keys[i], key);
        if (!name)
            continue;
        ir_prop *p = &list[(*count)++];
        p->name = oc_strdup(name);
        p->loc = build_loc(r->b, v->keys[i]);
        char *loc = location_child(base, name);
        char *hint = oc_printf("%s%zu", key, i);
        p->schema = build_schema(r->b, v->items[i], loc, r->s, hint);
        free(hint);
        free(loc);
    }
    free(base);
    return list;
}

static void kw_pattern_properties(schema_reader *r, const ynode *v)
{
    r->s->pattern_props = schema_map(r, v, "patternProperties", &r->s->pattern_prop_count);
}
static void kw_dependent_schemas(schema_reader *r, const ynode *v)
{
    r->s->dependent_schemas = schema_map(r, v, "dependentSchemas", &r->s->dependent_schema_count);
}

static void kw_dependent_required(schema_reader *r, const ynode *v)
{
    if (v->kind != YN_MAP) {
        build_error(r->b, v, "'dependentRequired' must be a mapping of string sequences");
        return;
    }
    ir_schema *s = r->s;
    s->dependent_required = oc_calloc(v->count ? v->count : 1, sizeof *s->dependent_required);
    for (size_t i = 0; i < v->count; i++) {
        const char *name = build_string(r->b, v->keys[i], "dependentRequired");
        const ynode *list = v->items[i];
        if (!name)
            continue;
        if (list->kind != YN_SEQ) {
            build_error(r->b, list, "'dependentRequired' must be a mapping of string sequences");
            continue;
        }
        ir_name_list *d = &s->dependent_required[s->dependent_required_count++];
        d->name = oc_strdup(name);
        d->names = oc_calloc(list->count ? list->count : 1, sizeof *d->names);
        for (size_t j = 0; j < list->count; j++) {
            const char *dep = build_string(r->b, list->items[j], "dependentRequired");
            if (dep)
                d->names[d->count++] = oc_strdup(dep);
        }
    }
}

static void kw_property_names(schema_reader *r, const ynode *v)
{
    r->s->property_names = child_schema(r, v, "propertyNames", "name");
}
static void kw_if(schema_reader *r, const ynode *v) { r->s->if_schema = child_schema(r, v, "if", "if"); }
static void kw_then(schema_reader *r, const ynode *v) { r->s->then_schema = child_schema(r, v, "then", "then"); }
static void kw_else(schema_reader *r, const ynode *v) { r->s->else_schema = child_schema(r, v, "else", "else"); }
static void kw_contains(schema_reader *r, const ynode *v)
{
    r->s->contains = child_schema(r, v, "contains", "contains");
}
static void kw_min_contains(schema_reader *r, const ynode *v) { count_keyword(r, v, "minContains", &r->s->min_contains); }
static void kw_max_contains(schema_reader *r, const ynode *v) { count_keyword(r, v, "maxContains", &r->s->max_contains); }
static void kw_unevaluated_properties(schema_reader *r, const ynode *v)
{
    r->s->unevaluated_props = child_schema(r, v, "unevaluatedProperties", "unevaluated");
}
static void kw_unevaluated_items(schema_reader *r, const ynode *v)
{
    r->s->unevaluated_items = child_schema(r, v, "unevaluatedItems", "unevaluated_item");
}

/* "$dynamicRef": resolved as $ref is; dynamic when its target declares
 * $dynamicAnchor with the name of the reference's fragment. */
static void kw_dynamic_ref(schema_reader *r, const ynode *v)
{
    const char *text = build_string(r->b, v, "$dynamicRef");
    if (!text)
        return;
    ir_schema *s = r->s;
    free(s->dynamic_ref);
    s->dynamic_ref = build_ids_resolve(r->b, r->node, "$dynamicRef", text);
    if (!s->dynamic_ref)
        return;
    s->dynamic_ref_loc = build_loc(r->b, r->key);
    const char *hash = strchr(text, '#');
    char *loc = ref_to_location(s->dynamic_ref);
    const ynode *target = loc ? build_node_at(r->b, loc) : NULL;
    const ynode *anchor = target ? ynode_get(target, "$dynamicAnchor") : NULL;
    free(loc);
    if (hash && hash[1] && hash[1] != '/' && anchor && anchor->kind == YN_SCALAR &&
        strcmp(anchor->str, hash + 1) == 0) {
        free(s->dynamic_name);
        s->dynamic_name = oc_strdup(hash + 1);
    }
}

void build_dialect(build_ctx *b, const ynode *v, const char *keyword)
{
    /* 2020-12 itself, and OpenAPI 3.1's dialects built on it */
    static const char *const read_as_is[] = {
        "https://json-schema.org/draft/2020-12/schema",
        "https://spec.openapis.org/oas/3.1/dialect/",
    };
    const char *uri = build_string(b, v, keyword);
    if (!uri || b->v30) /* 3.0's Schema Object is no JSON Schema dialect to name */
        return;
    for (size_t i = 0; i < sizeof read_as_is / sizeof *read_as_is; i++) {
        size_t n = strlen(read_as_is[i]);
        if (strncmp(uri, read_as_is[i], n) == 0 &&
            (read_as_is[i][n - 1] == '/' || !uri[n] || strcmp(uri + n, "#") == 0))
            return;
    }
    /* once per document: the keywords of another dialect get notes of their own */
    if (strmap_put(b->noted_keywords, "$schema", strlen("$schema"), NULL))
        build_note(b, v, "%s \"%s\": read as 2020-12", keyword, uri);
}

static void kw_schema(schema_reader *r, const ynode *v) { build_dialect(r->b, v, "$schema"); }

/* "$dynamicAnchor": a string; build_ids.c indexes it (ir_dynamic_resource). */
static void kw_dynamic_anchor(schema_reader *r, const ynode *v)
{
    build_string(r->b, v, "$dynamicAnchor");
}

typedef struct keyword_handler {
    const char *name;
    void (*read)(schema_reader *r, const ynode *v);
} keyword_handler;

static const keyword_handler keyword_handlers[] = {
    {"type", kw_type},
    {"format", kw_format},
    {"title", kw_title},
    {"description", kw_description},
    {"nullable", kw_nullable},
    {"deprecated", kw_deprecated},
    {"readOnly", kw_read_only},
    {"writeOnly", kw_write_only},
    {"properties", kw_properties},
    {"required", kw_required},
    {"additionalProperties", kw_additional_properties},
    {"items", kw_items},
    {"prefixItems", kw_prefix_items},
    {"allOf", kw_all_of},
    {"anyOf", kw_any_of},
    {"oneOf", kw_one_of},
    {"not", kw_not},
    {"enum", kw_enum},
    {"const", kw_const},
    {"default", kw_default},
    {"minimum", kw_minimum},
    {"maximum", kw_maximum},
    {"exclusiveMinimum", kw_exclusive_minimum},
    {"exclusiveMaximum", kw_exclusive_maximum},
    {"multipleOf", kw_multiple_of},
    {"minLength", kw_min_length},
    {"maxLength", kw_max_length},
    {"minItems", kw_min_items},
    {"maxItems", kw_max_items},
    {"minProperties", kw_min_properties},
    {"maxProperties", kw_max_properties},
    {"uniqueItems", kw_unique_items},
    {"pattern", kw_pattern},
    {"discriminator", kw_discriminator},
    {"patternProperties", kw_pattern_properties},
    {"propertyNames", kw_property_names},
    {"dependentRequired", kw_dependent_required},
    {"dependentSchemas", kw_dependent_schemas},
    {"if", kw_if},
    {"then", kw_then},
    {"else", kw_else},
    {"contains", kw_contains},
    {"minContains", kw_min_contains},
    {"maxContains", kw_max_contains},
    {"unevaluatedProperties", kw_unevaluated_properties},
    {"unevaluatedItems", kw_unevaluated_items},
    {"$dynamicRef", kw_dynamic_ref},
    {"$dynamicAnchor", kw_dynamic_anchor},
    {"$schema", kw_schema},
};

/* Assertion and applicator keywords of JSON Schema 2020-12 that the
   validators do not implement (see tests/data/json-schema-test-suite/EXCLUSIONS.md). */
static const char *const unsupported_keywords[] = {
    "$recursiveRef", "dependencies", "additionalItems",
};

/* Keywords read elsewhere ($ref, $id and $anchor, examples), known
   annotations that nothing checks, and $recursiveAnchor, which only
   $recursiveRef (noted above) reads: not worth a note. */
static const char *const other_known_keywords[] = {
    "$ref",     "$id",           "$anchor",      "$defs",           "definitions",
    "$comment", "$vocabulary",   "example",      "examples",
    "xml",      "externalDocs",  "contentMediaType", "contentEncoding", "contentSchema",
    "$recursiveAnchor",
};

/* Edits (insert, delete, replace, swap two neighbours) from a to b, or
   limit + 1 when more: "minLenght" is 1 from "minLength". */
static size_t keyword_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40 || (n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t d[41][41];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* The schema keyword an unknown one is probably a misspelling of, or NULL. */
static const char *likely_keyword(const char *unknown)
{
    const char *best = NULL;
    size_t best_distance = strlen(unknown) >= 6 ? 2 : 1;
    for (size_t i = 0; i < sizeof keyword_handlers / sizeof *keyword_handlers; i++) {
        size_t d = keyword_distance(unknown, keyword_handlers[i].name, best_distance);
        if (d <= best_distance && (!best || d < best_distance)) {
            best = keyword_handlers[i].name;
            best_distance = d;
        }
    }
    return best;
}

/* A key that is no keyword at all (a misspelling, another dialect's): JSON
   Schema ignores it, so a note says so where it is first met. */
static void note_unknown(schema_reader *r, const ynode *key)
{
    if (strncmp(key->str, "x-", 2) == 0)
        return;
    for (size_t i = 0; i < sizeof other_known_keywords / sizeof *other_known_keywords; i++)
        if (strcmp(key->str, other_known_keywords[i]) == 0)
            return;
    for (size_t i = 0; i < sizeof unsupported_keywords / sizeof *unsupported_keywords; i++)
        if (strcmp(key->str, unsupported_keywords[i]) == 0) {
            if (strmap_put(r->b->noted_keywords, key->str, key->len, NULL))
                build_note(r->b, key, "keyword \"%s\" is not supported: instances are not "
                           "checked against it (first use)", key->str);
            return;
        }
    if (!strmap_put(r->b->noted_keywords, key->str, key->len, NULL))
        return;
    const char *likely = likely_keyword(key->str);
    if (likely)
        build_note(r->b, key, "unknown keyword \"%s\" is ignored; did you mean \"%s\"? (first use)",
                   key->str, likely);
    else
        build_note(r->b, key, "unknown keyword \"%s\" is ignored (first use)", key->str);
}

static void read_keyword(schema_reader *r, const ynode *key, const ynode *value)
{
    for (size_t i = 0; i < sizeof keyword_handlers / sizeof *keyword_handlers; i++)
        if (strcmp(key->str, keyword_handlers[i].name) == 0) {
            r->key = key;
            keyword_handlers[i].read(r, value);
            return;
        }
    note_unknown(r, key);
}

/* 3.0 `exclusiveMinimum: true` makes `minimum` exclusive (3.1's numeric form). */
static void apply_exclusive_flags(schema_reader *r)
{
    ir_schema *s = r->s;
    if (r->exclusive_min_flag && s->has_minimum && !s->has_exclusive_minimum) {
        s->exclusive_minimum = s->minimum;
        s->minimum = NULL;
        s->has_minimum = false;
        s->has_exclusive_minimum = true;
    } else if (r->exclusive_min_flag && !s->has_minimum) {
        build_note(r->b, r->exclusive_min_flag, "exclusiveMinimum: true without minimum is ignored");
    }
    if (r->exclusive_max_flag && s->has_maximum && !s->has_exclusive_maximum) {
        s->exclusive_maximum = s->maximum;
        s->maximum = NULL;
        s->has_maximum = false;
        s->has_exclusive_maximum = true;
    } else if (r->exclusive_max_flag && !s->has_maximum) {
        build_note(r->b, r->exclusive_max_flag, "exclusiveMaximum: true without maximum is ignored");
    }
}

void build_schema_fill(build_ctx *b, ir_schema *s, const ynode *n)
{
    if (n->kind == YN_SCALAR && n->stype == YS_BOOL) {
        s->boolean_schema = (n->str[0] == 't' || n->str[0] == 'T') ? 1 : 0;
        return;
    }
    if (n->kind != YN_MAP) {
        build_error(b, n, "a schema must be a mapping or a boolean");
        return;
    }
    schema_reader r = {.b = b, .s = s, .node = n};
    const ynode *ref = ynode_get(n, "$ref");
    if (ref) {
        const char *text = build_string(b, ref, "$ref");
        /* an identifier-based ref becomes the location it names */
        s->ref = text ? build_ids_resolve(b, n, "$ref", text) : NULL;
        for (size_t i = 0; i < n->count; i++)  /* diagnostics point at the key */
            if (n->items[i] == ref)
                s->ref_loc = build_loc(b, n->keys[i]);
        /* OpenAPI 3.0: siblings of $ref are ignored (description kept for docs). */
        if (b->v30) {
            const ynode *desc = ynode_get(n, "description");
            if (desc)
                kw_description(&r, desc);
            return;
        }
    }
    for (size_t i = 0; i < n->count; i++)
        read_keyword(&r, n->keys[i], n->items[i]);
    s->dynamic_scope = build_ids_scope(b, n, s->component_name != NULL);
    s->resource = build_ids_resource(b, n);
    check_nullable(&r, n);
    apply_exclusive_flags(&r);
    read_example(&r, n);
    for (size_t i = 0; i < s->prop_count; i++)
        for (size_t j = 0; j < s->required_count; j++)
            if (strcmp(s->props[i].name, s->required[j]) == 0)
                s->props[i].required = true;
}

/* A reference to build the target of: $ref or $dynamicRef of a schema. */
typedef struct ref_site {
    const char *keyword;
    const char *ref;
    ir_loc at;
} ref_site;

/* A schema built for its location alone (a reference's target), named by
 * its last token, or by the last segment of an embedded document's $id
 * for that document's root ("<...>/meta/core#": "core"). */
static void build_located_schema(build_ctx *b, const ynode *n, const char *loc)
{
    size_t len = strlen(loc);
    size_t end = len && loc[len - 1] == '#' ? len - 1 : len, start = end;
    while (start > 0 && loc[start - 1] != '/')
        start--;
    char *hint = oc_strndup(loc + start, end - start);
    build_schema(b, n, loc, NULL, *hint ? hint : "schema");
    free(hint);
}

/* Builds the schema at loc, which the reference names and nothing built
 * yet. Only places that hold schemas qualify: "#" or "#/paths" read as a
 * schema would pass for one (unknown keywords are ignored), validate
 * nothing and turn the document's bulk into types. */
static void build_ref_target(build_ctx *b, const ref_site *r, const char *loc)
{
    ynode at = {.line = r->at.line, .col = r->at.col};
    if (strcmp(loc, "#") == 0) {
        build_error(b, &at, "%s '#' names the whole document, not a schema", r->keyword);
        return;
    }
    if (!location_holds_schema(loc)) {
        build_error(b, &at, "%s '%s' names no schema location (expected "
                    "#/components/schemas/NAME, a 'schema' field, or a subschema keyword below "
                    "one)", r->keyword, r->ref);
        return;
    }
    const ynode *target = build_node_at(b, loc);
    if (!target) {
        build_error(b, &at, "unresolvable %s: %s", r->keyword, r->ref);
        return;
    }
    build_located_schema(b, target, loc);
}

static void build_site_target(build_ctx *b, const ref_site *r)
{
    char *loc = ref_to_location(r->ref);
    if (!loc) {
        ynode at = {.line = r->at.line, .col = r->at.col};
        build_error(b, &at, "external %s not supported: %s", r->keyword, r->ref);
        return;
    }
    if (!strmap_has(b->by_location, loc, strlen(loc)))
        build_ref_target(b, r, loc);
    free(loc);
}

/* Every $dynamicAnchor's schema: a dynamic reference may land on any of
 * them. */
static void build_dynamic_anchors(build_ctx *b)
{
    const ir_spec *spec = b->spec;
    for (size_t i = 0; i < spec->dynamic_resource_count; i++)
        for (size_t a = 0; a < spec->dynamic_resources[i].anchor_count; a++) {
            const char *loc = spec->dynamic_resources[i].anchors[a].location;
            const ynode *n = build_node_at(b, loc);
            if (n && !strmap_has(b->by_location, loc, strlen(loc)))
                build_located_schema(b, n, loc);
        }
}

/* Without a dynamic reference nothing enters a dynamic scope: the
 * validators stay as they were. */
static void drop_dynamic_scopes(ir_spec *spec)
{
    for (size_t i = 0; i < spec->schema_count; i++)
        spec->schemas[i]->dynamic_scope = spec->schemas[i]->resource = 0;
    ir_dynamic_resources_free(spec);
}

void build_ref_targets(build_ctx *b)
{
    bool dynamic = false;
    /* The list grows while we walk it: targets may contain further refs. */
    for (size_t i = 0; i < b->spec->schema_count; i++) {
        ir_schema *s = b->spec->schemas[i];
        if (s->ref)
            build_site_target(b, &(ref_site){"$ref", s->ref, s->ref_loc});
        if (s->dynamic_ref)
            build_site_target(b, &(ref_site){"$dynamicRef", s->dynamic_ref, s->dynamic_ref_loc});
        if (s->dynamic_name && !dynamic) {
            dynamic = true;
            build_dynamic_anchors(b);
        }
    }
    if (!dynamic)
        drop_dynamic_scopes(b->spec);
}
