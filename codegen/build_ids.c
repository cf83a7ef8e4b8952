/* build_ids.c - $id and $anchor (JSON Schema 2020-12): which schema an
 * identifier-based $ref ("node", "nested.json#foo", "urn:x#/$defs/a",
 * "#foo") names. The schemas under components/schemas, then those of
 * `schema` fields (parameters, headers, media types, in paths, webhooks
 * and components), are walked once, before any is built, through the
 * subschema keywords: each $id changes the base URI of its schema and
 * those below it (RFC 3986 resolution; the document itself has no base,
 * so "#/..." stays a local pointer), and is
 * recorded with its location, as is each $anchor within its resource. A
 * $ref is then turned into the "#/..." location it names, which the rest
 * of the generator resolves as usual. Without $id or $anchor in the
 * document nothing is recorded and refs are read as before. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "metaschemas.h"
#include "oc_alloc.h"

struct build_ids {
    strmap *resources;  /* absolute URI without fragment -> location (char *) */
    strmap *anchors;    /* URI "#" anchor -> location (char *); $dynamicAnchor too */
    char **base;        /* ynode id -> the base URI of the schema there (NULL: none) */
    char **owned;       /* every string above, to free */
    size_t owned_count, owned_cap;
};

static char *keep(struct build_ids *ids, char *s)
{
    oc_grow(&ids->owned, &ids->owned_cap, ids->owned_count, sizeof *ids->owned);
    ids->owned[ids->owned_count++] = s;
    return s;
}

/* Length of "scheme:" at the start of uri, or 0 when it has none. */
static size_t scheme_len(const char *uri)
{
    if (!isalpha((unsigned char)uri[0]))
        return 0;
    size_t i = 1;
    while (isalnum((unsigned char)uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.')
        i++;
    return uri[i] == ':' ? i + 1 : 0;
}

/* Length of "scheme://authority" (or of "scheme:" when there is none). */
static size_t origin_len(const char *uri)
{
    size_t n = scheme_len(uri);
    if (strncmp(uri + n, "//", 2) == 0)
        n += 2 + strcspn(uri + n + 2, "/?#");
    return n;
}

/* RFC 3986 5.2.4: "." and ".." segments of the path after the origin. */
static char *remove_dot_segments(char *uri)
{
    size_t start = origin_len(uri), path_end = start + strcspn(uri + start, "?#");
    char *out = oc_malloc(strlen(uri) + 2);
    memcpy(out, uri, start);
    size_t o = start;
    const char *in = uri + start, *end = uri + path_end;
    while (in < end) {
        size_t left = (size_t)(end - in);
        if (left >= 3 && strncmp(in, "../", 3) == 0) {
            in += 3;
        } else if (left >= 2 && strncmp(in, "./", 2) == 0) {
            in += 2;
        } else if (left >= 3 && strncmp(in, "/./", 3) == 0) {
            in += 2;
        } else if (left == 2 && strncmp(in, "/.", 2) == 0) {
            in += 2;
            out[o++] = '/';
        } else if ((left >= 4 && strncmp(in, "/../", 4) == 0) ||
                   (left == 3 && strncmp(in, "/..", 3) == 0)) {
            in += 3;
            while (o > start && out[o - 1] != '/')
                o--;
            if (o > start)
                o--;
            if (in == end)
                out[o++] = '/';
        } else if ((left == 1 && in[0] == '.') || (left == 2 && strncmp(in, "..", 2) == 0)) {
            in = end;
        } else {
            const char *next = in + 1;
            while (next < end && *next != '/')
                next++;
            memcpy(out + o, in, (size_t)(next - in));
            o += (size_t)(next - in);
            in = next;
        }
    }
    strcpy(out + o, end);
    free(uri);
    return out;
}

/* ref resolved against base (RFC 3986 5.2.2, for the forms schemas use). */
static char *uri_resolve(const char *base, const char *ref)
{
    size_t base_len = strcspn(base, "#");
    if (scheme_len(ref))
        return remove_dot_segments(oc_strdup(ref));
    if (ref[0] == '#')
        return oc_printf("%.*s%s", (int)base_len, base, ref);
    if (ref[0] == '/' && ref[1] == '/')
        return remove_dot_segments(oc_printf("%.*s%s", (int)scheme_len(base), base, ref));
    if (ref[0] == '/')
        return remove_dot_segments(oc_printf("%.*s%s", (int)origin_len(base), base, ref));
    if (ref[0] == '?')
        return oc_printf("%.*s%s", (int)strcspn(base, "?#"), base, ref);
    size_t dir = strcspn(base, "?#");
    while (dir > origin_len(base) && base[dir - 1] != '/')
        dir--;
    bool slash = dir == origin_len(base) && strncmp(base + scheme_len(base), "//", 2) == 0;
    return remove_dot_segments(oc_printf("%.*s%s%s", (int)dir, base, slash ? "/" : "", ref));
}

static const char *string_member(const ynode *map, const char *key)
{
    const ynode *v = ynode_get(map, key);
    return v && v->kind == YN_SCALAR && v->stype == YS_STRING && strlen(v->str) == v->len ? v->str
                                                                                        : NULL;
}

static bool is_one_of(const char *key, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcmp(key, words[i]) == 0)
            return true;
    return false;
}

/* How diagnostics name a resource: its URI, or the document's file name. */
static const char *resource_name(const build_ctx *b, const char *uri)
{
    return *uri ? uri : b->doc->path ? b->doc->path : "the document";
}

/* base#name names location ($anchor or $dynamicAnchor, the keyword of n):
 * false, after an error, when another location of the resource has the
 * name already (2020-12 8.2.2: one anchor per name and resource). */
static bool add_anchor(build_ctx *b, const ynode *n, const char *keyword, const char *base,
                       const char *name, const char *location)
{
    struct build_ids *ids = b->ids;
    char *key = keep(ids, oc_printf("%s#%s", base, name));
    const char *known = strmap_get(ids->anchors, key, strlen(key));
    if (known && strcmp(known, location) != 0) {
        build_error(b, ynode_get(n, keyword), "%s \"%s\" in %s is also the anchor of %s",
                    keyword, name, resource_name(b, base), known);
        return false;
    }
    if (!known)
        strmap_put(ids->anchors, key, strlen(key), keep(ids, oc_strdup(location)));
    return true;
}

static size_t dynamic_resource_index(const ir_spec *spec, const char *uri)
{
    for (size_t i = 0; i < spec->dynamic_resource_count; i++)
        if (strcmp(spec->dynamic_resources[i].uri, uri) == 0)
            return i;
    return spec->dynamic_resource_count;
}

/* The resource base declares $dynamicAnchor name at location. */
static void add_dynamic_anchor(ir_spec *spec, const char *base, const char *name,
                               const char *location)
{
    size_t i = dynamic_resource_index(spec, base);
    if (i == spec->dynamic_resource_count) {
        spec->dynamic_resources = oc_realloc(spec->dynamic_resources,
                                             (i + 1) * sizeof *spec->dynamic_resources);
        spec->dynamic_resources[i] = (ir_dynamic_resource){.uri = oc_strdup(base)};
        spec->dynamic_resource_count++;
    }
    ir_dynamic_resource *r = &spec->dynamic_resources[i];
    r->anchors = oc_realloc(r->anchors, (r->anchor_count + 1) * sizeof *r->anchors);
    r->anchors[r->anchor_count++] =
        (ir_dynamic_anchor){.name = oc_strdup(name), .location = oc_strdup(location)};
}

/* Records the $id and $anchor of the schema n at location (and below),
 * base being the enclosing resource's URI. */
static void index_schema(build_ctx *b, const ynode *n, const char *location, const char *base,
                         unsigned depth)
{
    struct build_ids *ids = b->ids;
    if (n->kind != YN_MAP || depth > 256 || n->id >= b->node_count || ids->base[n->id])
        return; /* not a schema, absurdly deep, or met before (a YAML alias) */
    const char *id = string_member(n, "$id");
    if (id) {
        char *uri = uri_resolve(base, id);
        uri[strcspn(uri, "#")] = '\0';
        base = keep(ids, uri);
        const char *known = strmap_get(ids->resources, base, strlen(base));
        if (known && strcmp(known, location) != 0)
            build_error(b, ynode_get(n, "$id"), "$id \"%s\" is also the $id of %s", base, known);
        else
            strmap_put(ids->resources, base, strlen(base), keep(ids, oc_strdup(location)));
    }
    ids->base[n->id] = keep(ids, oc_strdup(base));
    const char *anchor = string_member(n, "$anchor");
    if (anchor)
        add_anchor(b, n, "$anchor", base, anchor, location);
    const char *dynamic = string_member(n, "$dynamicAnchor");
    if (dynamic && add_anchor(b, n, "$dynamicAnchor", base, dynamic, location))
        add_dynamic_anchor(b->spec, base, dynamic, location);
    for (size_t i = 0; i < n->count; i++) {
        const char *key = n->keys[i]->str;
        const ynode *v = n->items[i];
        char *at = location_child(location, key);
        if (v->kind == YN_SEQ && is_one_of(key, build_subschema_lists)) {
            for (size_t k = 0; k < v->count; k++) {
                char *item = location_index(at, k);
                index_schema(b, v->items[k], item, base, depth + 1);
                free(item);
            }
        } else if (v->kind == YN_MAP && is_one_of(key, build_subschema_maps)) {
            for (size_t k = 0; k < v->count; k++) {
                char *member = location_child(at, v->keys[k]->str);
                index_schema(b, v->items[k], member, base, depth + 1);
                free(member);
            }
        } else if (is_one_of(key, build_one_subschema)) {
            index_schema(b, v, at, base, depth + 1);
        }
        free(at);
    }
}

/* Does hit(key, value) hold for a member of a mapping at or under n? */
static bool any_member(const ynode *n, bool (*hit)(const char *key, const ynode *v),
                       unsigned depth)
{
    if (depth > 256)
        return false;
    for (size_t i = 0; n->kind == YN_MAP && i < n->count; i++)
        if (hit(n->keys[i]->str, n->items[i]) || any_member(n->items[i], hit, depth + 1))
            return true;
    for (size_t i = 0; n->kind == YN_SEQ && i < n->count; i++)
        if (any_member(n->items[i], hit, depth + 1))
            return true;
    return false;
}

static bool is_identifier(const char *key, const ynode *v)
{
    (void)v;
    return strcmp(key, "$id") == 0 || strcmp(key, "$anchor") == 0 ||
           strcmp(key, "$dynamicAnchor") == 0;
}

/* A $ref or $dynamicRef that names an embedded meta-schema by its absolute URI. */
static bool is_metaschema_ref(const char *key, const ynode *v)
{
    return (strcmp(key, "$ref") == 0 || strcmp(key, "$dynamicRef") == 0) &&
           v->kind == YN_SCALAR && metaschema_uri_prefix(v->str);
}

/* The embedded meta-schemas, indexed as resources of their own, when the
 * document refers to one (and defines none of their $ids itself). */
static void index_metaschemas(build_ctx *b)
{
    struct build_ids *ids = b->ids;
    for (size_t i = 0; i < oc_metaschema_file_count; i++) {
        const char *uri = oc_metaschema_files[i].uri;
        if (strmap_has(ids->resources, uri, strlen(uri)))
            return;
    }
    size_t before = b->node_count;
    size_t count = build_embedded_load(b);
    ids->base = oc_realloc(ids->base, b->node_count * sizeof *ids->base);
    memset(ids->base + before, 0, (b->node_count - before) * sizeof *ids->base);
    for (size_t i = 0; i < count; i++) {
        const char *uri;
        const ynode *root = build_embedded_root(b, i, &uri);
        char *loc = oc_printf("%s#", uri);
        index_schema(b, root, loc, "", 0);
        free(loc);
    }
}

/* Called for every member of the document: most keys fail on the '$'. */
static bool is_identifier_or_metaschema_ref(const char *key, const ynode *v)
{
    return key[0] == '$' && (is_identifier(key, v) || is_metaschema_ref(key, v));
}

/* Members of the objects that hold schemas whose values are data, not
   objects of the description: examples and extensions. */
static bool is_data_member(const char *key)
{
    return strcmp(key, "example") == 0 || strcmp(key, "examples") == 0 ||
           strncmp(key, "x-", 2) == 0;
}

/* Indexes each schema a `schema` field holds at or below n (a path item,
   an operation, a component...) at location: the places
   location_holds_schema accepts, in the document's resource. */
static void index_schema_fields(build_ctx *b, const ynode *n, const char *location,
                                unsigned depth)
{
    if (depth > 256)
        return;
    for (size_t i = 0; n->kind == YN_SEQ && i < n->count; i++) {
        char *at = location_index(location, i);
        index_schema_fields(b, n->items[i], at, depth + 1);
        free(at);
    }
    for (size_t i = 0; n->kind == YN_MAP && i < n->count; i++) {
        const char *key = n->keys[i]->str;
        if (is_data_member(key))
            continue;
        char *at = location_child(location, key);
        if (strcmp(key, "schema") == 0 && location_holds_schema(at))
            index_schema(b, n->items[i], at, "", 0);
        else
            index_schema_fields(b, n->items[i], at, depth + 1);
        free(at);
    }
}

/* The schemas of paths, webhooks and components other than
   components/schemas (parameters, headers, media types). */
static void index_document_schemas(build_ctx *b, const ynode *root)
{
    static const char *const sections[] = {"paths", "webhooks", "components"};
    for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
        const ynode *section = ynode_get(root, sections[s]);
        char *loc = location_child("#", sections[s]);
        for (size_t i = 0; section && section->kind == YN_MAP && i < section->count; i++) {
            const char *key = section->keys[i]->str;
            if (strcmp(sections[s], "components") == 0 && strcmp(key, "schemas") == 0)
                continue; /* indexed first, each a component root */
            char *at = location_child(loc, key);
            index_schema_fields(b, section->items[i], at, 1);
            free(at);
        }
        free(loc);
    }
}

void build_ids_index(build_ctx *b, const ynode *root)
{
    /* identifiers and refs to a meta-schema may be wherever a schema may
       be (a parameter's, a media type's) */
    if (!any_member(root, is_identifier_or_metaschema_ref, 0))
        return;
    bool metaschemas = any_member(root, is_metaschema_ref, 0);
    const ynode *schemas = ynode_get(ynode_get(root, "components"), "schemas");
    struct build_ids *ids = oc_calloc(1, sizeof *ids);
    ids->resources = strmap_new();
    ids->anchors = strmap_new();
    ids->base = oc_calloc(b->node_count ? b->node_count : 1, sizeof *ids->base);
    b->ids = ids;
    for (size_t i = 0; schemas && schemas->kind == YN_MAP && i < schemas->count; i++) {
        char *loc = location_child("#/components/schemas", schemas->keys[i]->str);
        index_schema(b, schemas->items[i], loc, "", 0);
        free(loc);
    }
    index_document_schemas(b, root);
    if (metaschemas)
        index_metaschemas(b);
}

/* Does the "#/..." ref name a node of the document? */
static bool names_node(const build_ctx *b, const char *ref)
{
    char *loc = ref_to_location(ref);
    bool found = loc && build_node_at(b, loc) != NULL;
    free(loc);
    return found;
}

/* The key node of member `key` of the mapping n (diagnostics point at keys). */
static const ynode *key_of(const ynode *n, const char *key)
{
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->keys[i]->str, key) == 0)
            return n->keys[i];
    return n;
}

/* "#name" of a resource that exists (uri: "" for the document, which
 * then goes by its file name) names no anchor there: an error. */
static void unresolvable_anchor(build_ctx *b, const ynode *n, const char *keyword,
                                const char *uri, const char *name)
{
    build_error(b, key_of(n, keyword), "unresolvable anchor \"#%s\" in %s", name,
                resource_name(b, uri));
}

/* A plain-name fragment: "#name" (not "#", not a "#/..." pointer). */
static const char *plain_name(const char *ref)
{
    const char *hash = strchr(ref, '#');
    return hash && hash[1] && hash[1] != '/' ? hash + 1 : NULL;
}

char *build_ids_resolve(build_ctx *b, const ynode *n, const char *keyword, const char *ref)
{
    const struct build_ids *ids = b->ids;
    if (!ids) {
        /* no identifier anywhere: "#name" can name nothing */
        if (ref[0] == '#' && plain_name(ref)) {
            unresolvable_anchor(b, n, keyword, "", ref + 1);
            return NULL;
        }
        return oc_strdup(ref);
    }
    /* a schema outside components/schemas is in the document's resource */
    const char *base = n->id < b->node_count && ids->base[n->id] ? ids->base[n->id] : "";
    if (!*base && ref[0] == '#' && (ref[1] == '/' || !ref[1]))
        return oc_strdup(ref); /* no $id in scope: a local pointer, read as before */
    char *uri = uri_resolve(base, ref);
    char *hash = strchr(uri, '#');
    const char *fragment = hash ? hash + 1 : "";
    if (hash)
        *hash = '\0';
    char *out = NULL;
    bool failed = false;
    if (*fragment && *fragment != '/') {
        char *key = oc_printf("%s#%s", uri, fragment);
        const char *loc = strmap_get(ids->anchors, key, strlen(key));
        out = loc ? location_to_ref(loc) : NULL;
        free(key);
        if (!out && (!*uri || strmap_has(ids->resources, uri, strlen(uri)))) {
            unresolvable_anchor(b, n, keyword, uri, fragment);
            failed = true;
        }
    } else if (*uri) {
        const char *loc = strmap_get(ids->resources, uri, strlen(uri));
        char *root = loc ? location_to_ref(loc) : NULL;
        out = root ? oc_printf("%s%s", root, fragment) : NULL;
        free(root);
    }
    free(uri);
    if (out && ref[0] == '#' && ref[1] == '/' && !names_node(b, out) && names_node(b, ref)) {
        /* OpenAPI habit: "#/components/..." inside a schema with an $id
           meant the document, which is what it names there */
        build_note(b, ynode_get(n, keyword),
                   "%s \"%s\" names nothing within $id \"%s\"; read as a pointer into the "
                   "document", keyword, ref, base);
        free(out);
        out = NULL;
    }
    return out || failed ? out : oc_strdup(ref);
}

size_t build_ids_resource(const build_ctx *b, const ynode *n)
{
    const struct build_ids *ids = b->ids;
    if (!ids || n->id >= b->node_count || !ids->base[n->id])
        return 0;
    size_t i = dynamic_resource_index(b->spec, ids->base[n->id]);
    return i < b->spec->dynamic_resource_count ? i + 1 : 0;
}

size_t build_ids_scope(const build_ctx *b, const ynode *n, bool component_root)
{
    return component_root || string_member(n, "$id") ? build_ids_resource(b, n) : 0;
}

void build_ids_free(build_ctx *b)
{
    struct build_ids *ids = b->ids;
    if (!ids)
        return;
    for (size_t i = 0; i < ids->owned_count; i++)
        free(ids->owned[i]);
    free(ids->owned);
    free(ids->base);
    strmap_free(ids->resources);
    strmap_free(ids->anchors);
    free(ids);
    b->ids = NULL;
}
