/* build_ctx.h - state and helpers shared by the ir_build stages
 * (build.c, build_schema.c, build_operation.c, build_value.c, build_ref.c). */
#ifndef OAS2C_BUILD_CTX_H
#define OAS2C_BUILD_CTX_H

#include "ir.h"
#include "strmap.h"

typedef struct build_ctx {
    const ydoc *doc;
    ir_spec *spec;
    diag *d;
    strmap *by_location;     /* schema location -> ir_schema, to build each node once */
    ir_schema **by_node;     /* ynode.id -> the schema built from that node: a YAML
                                alias reaches it again at another location */
    strmap *noted_formats;   /* unknown formats already noted (once each) */
    strmap *noted_keywords;  /* unsupported validation keywords already noted */
    bool v30;                /* OpenAPI 3.0 rules ($ref siblings, nullable, boolean exclusive*) */
    ir_build_options options;
    const ynode *global_security; /* the document's `security`, for operations without one */
    struct build_ids *ids;   /* $id and $anchor found (build_ids.c); NULL when none */
    struct build_embedded *embedded; /* meta-schemas loaded (build_embedded.c) */
    size_t embedded_count;
    size_t node_count;       /* ynode ids in use: the document's, then the
                                embedded documents' */
    ynode_index *pointers;   /* the big maps $refs go through, indexed */
} build_ctx;

/* Diagnostics at a node's position. */
void build_error(build_ctx *b, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void build_note(build_ctx *b, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
ir_loc build_loc(const build_ctx *b, const ynode *n);

/* location + "/" + token escaped per RFC 6901 (malloc'd). */
char *location_child(const char *location, const char *token);
char *location_index(const char *location, size_t index);

/* "#/a/b%20c" -> "#/a/b c" (malloc'd); NULL for refs not starting with '#'
 * or with the $id of an embedded meta-schema ("<$id>#/$defs/x" stays so). */
char *ref_to_location(const char *ref);
/* The inverse: a $ref text that ref_to_location turns back into location. */
char *location_to_ref(const char *location);
/* Can a schema live at this location? An embedded meta-schema's "<$id>#"
 * and its subschemas, #/components/schemas/NAME, the
 * `schema` field of a parameter, header or media type under paths,
 * webhooks or components, and subschema keywords below those
 * (properties/NAME, items, allOf/N, $defs/NAME...). Not "#", "#/paths",
 * "#/info", a property map or an example. */
bool location_holds_schema(const char *location);
/* Follows $ref chains of non-schema objects (parameters, responses, request
 * bodies, path items). *location is replaced with the target's. NULL after
 * reporting an error. */
const ynode *build_follow_ref(build_ctx *b, const ynode *n, char **location);

/* JSON Schema keywords whose value is one subschema, a list of them, or a
 * map of names to them (NULL-terminated; "items" is in the first two). */
extern const char *const build_one_subschema[];
extern const char *const build_subschema_lists[];
extern const char *const build_subschema_maps[];

/* $id, $anchor and $dynamicAnchor (build_ids.c). Indexes the schemas
 * of the document at root (under components/schemas, and of the `schema`
 * fields of parameters, headers and media types in paths, webhooks and
 * components): each $id's absolute URI (resolved against the enclosing
 * one; the document's own is taken as empty), each $anchor and
 * $dynamicAnchor (also a plain anchor), the latter also into
 * spec->dynamic_resources; and the embedded meta-schemas when a schema
 * anywhere in the document refers to one. Schemas outside
 * components/schemas are in the document's resource.
 * build_ids_resolve: the reference (value of `keyword`, "$ref" or
 * "$dynamicRef") of the schema at node n as a "#/..." ref to the location
 * it names, malloc'd; a copy of ref when it names no indexed resource
 * (read as before: a local pointer or external), or when a "#/..."
 * pointer names nothing within its $id's resource but does in the
 * document (read so, with a note); NULL after reporting a plain-name
 * fragment that names no anchor of an existing resource.
 * build_ids_scope: 1 + the index in spec->dynamic_resources of the
 * resource that applying the schema at n enters (the schema has $id, or is
 * a component root: the document's resource), or 0.
 * build_ids_resource: the same for the resource the schema at n lies in,
 * whether or not applying it enters the resource. */
void build_ids_index(build_ctx *b, const ynode *root);
char *build_ids_resolve(build_ctx *b, const ynode *n, const char *keyword, const char *ref);
size_t build_ids_scope(const build_ctx *b, const ynode *n, bool component_root);
size_t build_ids_resource(const build_ctx *b, const ynode *n);
void build_ids_free(build_ctx *b);

/* The embedded meta-schemas (build_embedded.c). build_embedded_load: all
 * of them, once, numbered after the document's nodes (by_node grows);
 * returns how many there are. build_embedded_root: the root of number i
 * and its $id. build_node_at: the node at a location, "#/..." in the
 * document or "<$id>#/..." in an embedded one; NULL when nothing is there. */
size_t build_embedded_load(build_ctx *b);
const ynode *build_embedded_root(const build_ctx *b, size_t i, const char **uri);
const ynode *build_node_at(const build_ctx *b, const char *location);
void build_embedded_free(build_ctx *b);

/* Scalar helpers: NULL/false after reporting "'key' must be ..." */
const char *build_string(build_ctx *b, const ynode *n, const char *key);
bool build_bool(build_ctx *b, const ynode *n, const char *key, bool *out);
/* Canonical JSON number text of an int/float scalar (malloc'd), or NULL. */
char *build_number_text(const ynode *n);
ir_value *build_value(build_ctx *b, const ynode *n);

/* Schemas (build_schema.c). */
ir_schema *build_schema(build_ctx *b, const ynode *n, const char *location, ir_schema *parent,
                        const char *name_hint);
ir_schema *build_schema_shell(build_ctx *b, const ynode *n, const char *location,
                              ir_schema *parent, const char *name_hint);
/* The schema already built from node n (reached before through another
 * location), or NULL. */
ir_schema *build_schema_of_node(const build_ctx *b, const ynode *n);
void build_schema_fill(build_ctx *b, ir_schema *s, const ynode *n);
/* A dialect named by `keyword` (jsonSchemaDialect, $schema) at v: a note,
 * once per document, when it is not 2020-12 or OpenAPI 3.1's, which is
 * how every schema is read anyway. */
void build_dialect(build_ctx *b, const ynode *v, const char *keyword);
/* Builds the targets of $refs that nothing else built (refs into any part
 * of the document), reporting unresolvable and external ones. */
void build_ref_targets(build_ctx *b);

/* Security (build_security.c): the schemes, before any operation; then a
 * `security` list as requirements (indexes into spec->security_schemes). */
void build_security_schemes(build_ctx *b, const ynode *components);
void build_security_requirements(build_ctx *b, const ynode *list, ir_security_requirement **out,
                                 size_t *count);

/* oas2c's own extensions (build_extensions.c). A parameter's
 * x-oas2c-missing-status (an integer 400..599, on a required parameter
 * only): the status, or 0 when absent or after reporting an error. */
int build_missing_status(build_ctx *b, const ynode *param, bool required);
/* The document's x-oas2c-rate-limit-headers into spec->rate_limit_headers. */
void build_rate_limit_headers(build_ctx *b, const ynode *list);

/* Operations (build_operation.c): spec->operations from `paths`, with
 * their `callbacks` into spec->events; 3.1 `webhooks` into spec->events. */
void build_paths(build_ctx *b, const ynode *paths);
void build_webhooks(build_ctx *b, const ynode *webhooks);

#endif
