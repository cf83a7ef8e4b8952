/* build.c - ir_build: the document's top level (openapi version, info,
 * servers, component schemas, paths) -> ir_spec. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"
#include "oc_alloc.h"

/* Reads `openapi: 3.x.y`; only 3.0 and 3.1 are supported. */
static bool read_version(build_ctx *b, const ynode *root)
{
    const ynode *v = ynode_get(root, "openapi");
    if (!v) {
        if (ynode_get(root, "swagger"))
            build_error(b, ynode_get(root, "swagger"), "Swagger 2.0 is not supported (OpenAPI 3.0 or 3.1 needed)");
        else
            build_error(b, root, "missing 'openapi' version (3.0.x or 3.1.x)");
        return false;
    }
    const char *text = v->kind == YN_SCALAR ? v->str : "";
    int major = 0, minor = 0;
    if (v->kind == YN_SCALAR && strncmp(text, "3.", 2) == 0 && (text[2] == '0' || text[2] == '1') &&
        text[3] == '.' && text[4] >= '0' && text[4] <= '9') {
        major = 3;
        minor = text[2] - '0';
    }
    if (!major) {
        build_error(b, v, "unsupported OpenAPI version \"%s\" (3.0.x or 3.1.x needed)", text);
        return false;
    }
    b->spec->openapi_version = oc_strdup(text);
    b->spec->major = major;
    b->spec->minor = minor;
    b->v30 = minor == 0;
    return true;
}

static char *scalar_text(const ynode *n)
{
    return n && n->kind == YN_SCALAR ? oc_strndup(n->str, n->len) : NULL;
}

/* A server's `variables`: each needs a string `default` (OpenAPI: REQUIRED);
 * an `enum`, when given, lists the values a caller may choose. */
static void read_server_variables(build_ctx *b, ir_server *sv, const ynode *vars)
{
    if (!vars)
        return;
    if (vars->kind != YN_MAP) {
        build_error(b, vars, "server 'variables' must be a mapping");
        return;
    }
    sv->variables = oc_calloc(vars->count, sizeof *sv->variables);
    for (size_t i = 0; i < vars->count; i++) {
        const ynode *var = vars->items[i], *def = ynode_get(var, "default");
        const char *def_s = def ? build_string(b, def, "default") : NULL;
        if (!def)
            build_error(b, var, "server variable '%s' needs a 'default'", vars->keys[i]->str);
        if (!def_s)
            continue;
        ir_server_variable *v = &sv->variables[sv->variable_count++];
        v->name = oc_strdup(vars->keys[i]->str);
        v->default_value = oc_strdup(def_s);
        const ynode *en = ynode_get(var, "enum");
        if (en && en->kind == YN_SEQ) {
            v->enum_values = oc_calloc(en->count ? en->count : 1, sizeof *v->enum_values);
            for (size_t k = 0; k < en->count; k++) {
                const char *e = build_string(b, en->items[k], "enum");
                if (e)
                    v->enum_values[v->enum_count++] = oc_strdup(e);
            }
        } else if (en) {
            build_error(b, en, "server variable 'enum' must be a sequence of strings");
        }
    }
}

/* A server's `name` (OpenAPI 3.2; an overlay can add it to an older spec)
 * is how tools pick it (`--server eu`): a short word, unique in the spec.
 * "default" and "server<N>" stay the names of unnamed servers. */
static char *read_server_name(build_ctx *b, const ynode *name)
{
    if (!name)
        return NULL;
    const char *n = build_string(b, name, "name");
    if (!n)
        return NULL;
    size_t len = strlen(n);
    bool word = len > 0 && len <= 64;
    for (size_t i = 0; i < len; i++)
        word &= isalnum((unsigned char)n[i]) || n[i] == '-' || n[i] == '_' || n[i] == '.';
    if (!word) {
        build_error(b, name, "a server's 'name' must be 1 to 64 letters, digits, '-', '_' or '.'");
        return NULL;
    }
    return oc_strdup(n);
}

static void read_servers(build_ctx *b, const ynode *servers)
{
    if (!servers)
        return;
    if (servers->kind != YN_SEQ) {
        build_error(b, servers, "'servers' must be a sequence");
        return;
    }
    ir_spec *spec = b->spec;
    spec->servers = oc_calloc(servers->count, sizeof *spec->servers);
    for (size_t i = 0; i < servers->count; i++) {
        const ynode *url = ynode_get(servers->items[i], "url");
        const char *u = url ? build_string(b, url, "url") : NULL;
        if (!url)
            build_error(b, servers->items[i], "a server needs a 'url'");
        if (!u)
            continue;
        ir_server *sv = &spec->servers[spec->server_count++];
        sv->url = oc_strdup(u);
        sv->name = read_server_name(b, ynode_get(servers->items[i], "name"));
        sv->description = scalar_text(ynode_get(servers->items[i], "description"));
        read_server_variables(b, sv, ynode_get(servers->items[i], "variables"));
    }
    for (size_t i = 0; i < spec->server_count; i++) {
        ir_server *sv = &spec->servers[i];
        if (!sv->name) {
            char fallback[32];
            snprintf(fallback, sizeof fallback, i ? "server%zu" : "default", i);
            sv->name = oc_strdup(fallback);
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(spec->servers[j].name, sv->name) == 0)
                build_error(b, servers, "two servers are named '%s'", sv->name);
    }
}

/* Components come first in ir_spec.schemas: all shells, then their content. */
static void read_component_schemas(build_ctx *b, const ynode *components)
{
    if (!components)
        return;
    if (components->kind != YN_MAP) {
        build_error(b, components, "'components' must be a mapping");
        return;
    }
    const ynode *schemas = ynode_get(components, "schemas");
    if (!schemas)
        return;
    if (schemas->kind != YN_MAP) {
        build_error(b, schemas, "'components/schemas' must be a mapping");
        return;
    }
    ir_spec *spec = b->spec;
    spec->components = oc_calloc(schemas->count, sizeof *spec->components);
    for (size_t i = 0; i < schemas->count; i++) {
        const char *name = build_string(b, schemas->keys[i], "schema name");
        if (!name)
            continue;
        char *loc = location_child("#/components/schemas", name);
        ir_schema *first = build_schema_of_node(b, schemas->items[i]);
        ir_schema *s = build_schema_shell(b, schemas->items[i], loc, NULL, name);
        s->component_name = oc_strdup(name);
        if (first) {
            /* `B: *a` where `A: &a {...}`: B keeps its name but is a $ref
               to A, so A's types and validators are emitted once. */
            s->ref = location_to_ref(first->location);
            s->loc = s->ref_loc = build_loc(b, schemas->keys[i]);
        }
        spec->components[spec->component_count++] = s;
        free(loc);
    }
    for (size_t i = 0; i < spec->component_count; i++) {
        ir_schema *s = spec->components[i];
        if (!s->ref)  /* not an alias of an earlier component */
            build_schema_fill(b, s,
                              ynode_at_pointer_indexed(b->pointers, b->doc->root, s->location + 1));
    }
}

ir_spec *ir_build(const ydoc *doc, const char *prefix, diag *d)
{
    ir_build_options defaults = {0};
    return ir_build_with(doc, prefix, &defaults, d);
}

ir_spec *ir_build_with(const ydoc *doc, const char *prefix, const ir_build_options *options,
                       diag *d)
{
    size_t errors_before = d->errors;
    ir_spec *spec = oc_calloc(1, sizeof *spec);
    spec->path = oc_strdup(doc->path);
    memcpy(spec->sha256, doc->sha256, sizeof spec->sha256);
    spec->prefix = oc_strdup(prefix ? prefix : "");
    build_ctx b = {.doc = doc, .spec = spec, .d = d, .by_location = strmap_new(),
                   .by_node = oc_calloc(doc->node_count ? doc->node_count : 1, sizeof(ir_schema *)),
                   .noted_formats = strmap_new(),
                   .noted_keywords = strmap_new(), .options = *options,
                   .node_count = doc->node_count, .pointers = ynode_index_new()};
    const ynode *root = doc->root;
    if (!root || root->kind != YN_MAP) {
        build_error(&b, root, "the document must be a mapping");
    } else if (read_version(&b, root)) {
        const ynode *info = ynode_get(root, "info");
        spec->title = scalar_text(ynode_get(info, "title"));
        spec->api_version = scalar_text(ynode_get(info, "version"));
        read_servers(&b, ynode_get(root, "servers"));
        build_rate_limit_headers(&b, ynode_get(root, "x-oas2c-rate-limit-headers"));
        const ynode *dialect = ynode_get(root, "jsonSchemaDialect");
        if (dialect)
            build_dialect(&b, dialect, "jsonSchemaDialect");
        build_ids_index(&b, root);
        read_component_schemas(&b, ynode_get(root, "components"));
        build_security_schemes(&b, ynode_get(root, "components"));
        b.global_security = ynode_get(root, "security");
        build_paths(&b, ynode_get(root, "paths"));
        build_webhooks(&b, ynode_get(root, "webhooks"));
        build_ref_targets(&b);
    }
    build_ids_free(&b);
    build_embedded_free(&b);
    strmap_free(b.by_location);
    free(b.by_node);
    strmap_free(b.noted_formats);
    strmap_free(b.noted_keywords);
    ynode_index_free(b.pointers);
    if (d->errors > errors_before) {
        ir_spec_free(spec);
        return NULL;
    }
    return spec;
}
