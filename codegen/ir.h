/* ir.h - the generator's model of a spec: schemas and operations, built from
 * the YAML tree (build.c), then resolved and named (resolve.c), then read by
 * one emitter per output file. Nothing here knows any particular spec.
 *
 * Pipeline:  yaml_load -> ir_build -> ir_resolve -> emit_*  (see main.c)
 *
 * Ownership: an ir_spec owns everything reachable from it (schemas, strings,
 * values) and ir_spec_free() releases it; it borrows the ydoc for positions
 * only through copied line/col numbers, so the ydoc may be freed after
 * ir_build. */
#ifndef OAS2C_IR_H
#define OAS2C_IR_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "ynode.h"
#include "diag.h"
#include "oc_arena.h"

typedef struct ir_loc {
    const char *file;     /* borrowed from ir_spec.path, or from the overlay
                             that added the node (ynode.file) */
    unsigned line, col;
} ir_loc;

/* ---- JSON literal values (enum, const, default, example) --------------- */
typedef enum ir_value_kind {
    IRV_NULL, IRV_BOOL, IRV_NUMBER, IRV_STRING, IRV_ARRAY, IRV_OBJECT
} ir_value_kind;

typedef struct ir_value ir_value;
struct ir_value {
    ir_value_kind kind;
    bool boolean;
    char *text;          /* IRV_NUMBER: canonical JSON number text; IRV_STRING: UTF-8 */
    size_t len;          /* length of text */
    ir_value **items;    /* IRV_ARRAY items; IRV_OBJECT values */
    char **keys;         /* IRV_OBJECT keys */
    size_t *key_lens;
    size_t count;
};

/* Compact JSON text of a value (malloc'd). */
char *ir_value_to_json(const ir_value *v, size_t *len);

/* ---- schemas ------------------------------------------------------------ */
enum {
    IR_T_NULL = 1u << 0,
    IR_T_BOOLEAN = 1u << 1,
    IR_T_OBJECT = 1u << 2,
    IR_T_ARRAY = 1u << 3,
    IR_T_NUMBER = 1u << 4,
    IR_T_STRING = 1u << 5,
    IR_T_INTEGER = 1u << 6,
    IR_T_ANY = (1u << 7) - 1
};

/* How the typed model holds a schema's instances (decided by ir_resolve). */
typedef enum ir_ckind {
    CK_JSON,      /* anything else: kept as raw JSON text (oas_raw_json) */
    CK_BOOL,      /* bool */
    CK_INT64,     /* int64_t */
    CK_DOUBLE,    /* double */
    CK_STRING,    /* char * (owned) */
    CK_ENUM,      /* C enum + the original string (unknown values kept) */
    CK_STRUCT,    /* a struct with members */
    CK_ARRAY,     /* T *items + size_t count */
    CK_MAP,       /* ordered entries {char *key; T value;} + count */
    CK_UNION      /* oneOf/anyOf: tagged union */
} ir_ckind;

typedef struct ir_schema ir_schema;

typedef struct ir_prop {
    char *name;           /* as in the spec */
    ir_schema *schema;
    bool required;
    char *c_name;         /* member name, unique within the struct (naming.c) */
    ir_loc loc;
} ir_prop;

/* A name with a list of names (dependentRequired). */
typedef struct ir_name_list {
    char *name;
    char **names; size_t count;
} ir_name_list;

typedef struct ir_mapping {  /* discriminator mapping entry */
    char *value;
    char *ref;
    ir_schema *target;
} ir_mapping;

struct ir_schema {
    ir_loc loc;
    char *location;       /* absolute location: "#/components/schemas/Foo/properties/bar" */
    int boolean_schema;   /* -1: a normal schema; 0: `false`; 1: `true` */

    /* $ref (3.1: siblings allowed and applied; 3.0: siblings ignored except
       description, as the spec says) */
    char *ref;
    ir_loc ref_loc;
    ir_schema *ref_target;    /* set by ir_resolve */

    /* $dynamicRef (2020-12 8.2.3.2): resolved first as $ref is, to
       dynamic_ref_target. dynamic_name: the anchor name when that target
       declares `$dynamicAnchor` of the same name, so the reference is
       dynamic (the outermost resource of the dynamic scope that declares
       the anchor wins, see ir_dynamic_resource); NULL: it acts as $ref. */
    char *dynamic_ref;
    ir_loc dynamic_ref_loc;
    ir_schema *dynamic_ref_target;
    char *dynamic_name;
    /* set by ir_resolve for a dynamic one: per entry of
       ir_spec.dynamic_resources, the schema of its `$dynamicAnchor`
       dynamic_name, or NULL when it declares none */
    ir_schema **dynamic_targets; size_t dynamic_target_count;
    /* 1 + index into ir_spec.dynamic_resources when applying this schema
       enters that resource (its $id, or a component root of the document's
       resource) and the spec has a dynamic reference; 0 otherwise, so
       specs without dynamic references pay nothing */
    size_t dynamic_scope;
    /* 1 + index into ir_spec.dynamic_resources of the resource this schema
       lies in (its own, or the nearest enclosing $id's), 0 as above */
    size_t resource;
    /* set by ir_resolve: 1 + the resource that applying ref_target
       (dynamic_ref_target, as the static fallback) enters although the
       target does not: it lies in the middle of a resource other than
       this schema's (2020-12 7.1: entering a subschema enters its
       resource); 0 otherwise */
    size_t ref_scope, dynamic_ref_scope;

    unsigned types;           /* IR_T_* mask from `type`; 0 when `type` absent */
    bool nullable;            /* OpenAPI 3.0 `nullable: true`; resolve_ckind also
                                 sets it for a "null" in `type` and on 3.1's
                                 `anyOf: [X, {type: "null"}]` alias (alias_of) */
    bool null_always_valid;   /* 3.0 `nullable: true` without `type`, read as
                                 "may be null" (ir_build_options): a null
                                 instance passes every other keyword */
    char *format;
    char *title;
    char *description;
    bool deprecated, read_only, write_only;

    ir_prop *props;  size_t prop_count;
    char **required; size_t required_count;  ir_loc *required_locs;
    /* additionalProperties: absent (NULL, addl_false false), `false`, or a schema */
    ir_schema *addl;
    bool addl_false;
    ir_schema *items;         /* `items` (single schema) */
    ir_schema **prefix_items; size_t prefix_count;  /* 3.1 prefixItems / 3.0 tuple items */
    ir_schema **all_of; size_t all_of_count;
    ir_schema **any_of; size_t any_of_count;
    ir_schema **one_of; size_t one_of_count;
    ir_schema *not_schema;

    ir_value **enum_values; size_t enum_count; bool has_enum;
    ir_value *const_value;    /* NULL when absent */
    ir_value *default_value;
    ir_value *example;        /* `example`, or the first of `examples` */

    bool has_minimum, has_maximum, has_exclusive_minimum, has_exclusive_maximum, has_multiple_of;
    char *minimum, *maximum, *exclusive_minimum, *exclusive_maximum, *multiple_of; /* JSON number text */
    int64_t min_length, max_length, min_items, max_items, min_properties, max_properties; /* -1 = absent */
    bool unique_items;
    char *pattern;

    char *discriminator_property;
    ir_mapping *mapping; size_t mapping_count;

    /* JSON Schema 2020-12 keywords that only the validators apply (the typed
       model reads instances as the keywords above describe them). name of
       pattern_props: the pattern; of dependent_schemas: the property. */
    ir_prop *pattern_props; size_t pattern_prop_count;
    ir_schema *property_names;
    ir_name_list *dependent_required; size_t dependent_required_count;
    ir_prop *dependent_schemas; size_t dependent_schema_count;
    ir_schema *if_schema, *then_schema, *else_schema;
    ir_schema *contains;
    int64_t min_contains, max_contains;    /* -1 = absent */
    ir_schema *unevaluated_props, *unevaluated_items;

    /* ---- set by ir_resolve ---- */
    char *component_name;     /* "Foo" for #/components/schemas/Foo, else NULL */
    char *type_name;          /* unique per schema node: "ld_insight_scores",
                                 "ld_insight_scores_links"; the C type of a member is
                                 ir_deref(member schema)->type_name */
    char *fn_prefix;          /* function prefix, equal to type_name */
    char *validator_name;     /* type_name + "_validate_node" */
    ir_ckind ckind;
    ir_schema *alias_of;      /* a wrapper the model treats as this schema: a lone
                                 allOf branch beside annotations only (`nullable`,
                                 description...), or the branch beside
                                 `{type: "null"}` in a two-branch anyOf/oneOf;
                                 ir_deref follows it */
    ir_schema *element;       /* CK_ARRAY items / CK_MAP additionalProperties schema
                                 (the schema node itself; use ir_deref for content) */
    /* CK_STRUCT members: own properties plus those merged from allOf
       branches (each name once, required if any branch requires it), in
       order of first appearance. Validators use props/all_of instead. */
    ir_prop *model_props; size_t model_prop_count;
    bool recursive;           /* reachable from itself: members pointing to it are pointers */
    size_t index;             /* position in ir_spec.schemas (emission order) */

    /* ---- set by ir_build, for naming (additive) ---- */
    ir_schema *parent;        /* the schema this one is nested in; NULL for
                                 components and operation-level roots */
    char *name_hint;          /* this node's name part: property name, "item",
                                 "value", "all_of0"...; roots: their full name */
};

/* Follow $ref chains (and alias_of) to the schema that carries the content. */
const ir_schema *ir_deref(const ir_schema *s);
/* `{type: "null"}`: admits null and nothing else (resolve_ckind.c). */
bool ir_null_only(const ir_schema *s);
/* Whether s's verdict on an array is the sum of its items' verdicts: s (and
 * every schema its $ref chain reaches) asserts of an array only `type` (one
 * that admits arrays) and `items`, so that a tool may check a long array a
 * run of items at a time and say the same as checking it whole. */
bool ir_array_verdict_per_item(const ir_schema *s);
/* The properties of object schema s whose arrays may be read a run of
 * items at a time: each one's schema has a verdict on an array per item
 * (ir_array_verdict_per_item), and nothing else in s (or what its $ref
 * chain reaches) looks at their values (no applicator, enum, const,
 * patternProperties, dependentSchemas, unevaluatedProperties). Returns
 * the schema that declares them (s, or the end of its $ref chain), whose
 * props ir_object_array_member_at tells apart; NULL when there is none. */
const ir_schema *ir_object_array_members(const ir_schema *s);
/* Whether prop i of the schema ir_object_array_members returned
 * qualifies. */
bool ir_object_array_member_at(const ir_schema *owner, size_t i);

/* ---- operations --------------------------------------------------------- */
typedef struct ir_security_requirement {
    size_t *schemes; size_t count;  /* indexes into ir_spec.security_schemes; 0 = anonymous */
} ir_security_requirement;

typedef struct ir_param {
    char *name;
    char *in;             /* query, path, header, cookie */
    bool required;
    char *description;
    bool deprecated;
    char *style;          /* resolved: the spec's, else OpenAPI's default */
    bool explode;         /* resolved likewise */
    bool allow_reserved;
    ir_schema *schema;
    char *c_name;
    ir_loc loc;
    int missing_status;   /* x-oas2c-missing-status: what a mock answers when a
                             request lacks the parameter; 0 = the default 400 */
    /* set by ir_resolve: the one value the schema admits (an enum of one
       member, or const; a string, number or boolean), as its wire text;
       NULL when the parameter is no constant */
    char *constant;
} ir_param;

/* One entry of a media type's `examples` that has an inline `value`. */
typedef struct ir_named_example {
    char *name;
    ir_value *value;
} ir_named_example;

typedef struct ir_response {
    char *status;         /* "200", "4XX", "default" */
    char *description;
    char *content_type;   /* the JSON content type chosen, or NULL */
    ir_schema *schema;    /* NULL when no JSON body */
    ir_value *example;    /* `example`, or the first of `examples` */
    ir_named_example *examples; size_t example_count; /* `examples`, spec order */
    ir_loc loc;
} ir_response;

typedef struct ir_operation {
    char *operation_id;
    bool operation_id_given; /* the spec's operationId, not "METHOD path" */
    char *method;         /* upper case */
    char *path;
    char *summary;
    char *description;
    bool deprecated;
    char **tags; size_t tag_count;
    ir_param *params; size_t param_count;
    char *body_content_type;
    ir_schema *body_schema;  /* request body (JSON), NULL if none */
    bool body_required;
    ir_response *responses; size_t response_count;
    /* Security requirements, alternatives in spec order; each lists indexes
       into ir_spec.security_schemes that go together. The operation's own
       `security`, else the document's; an empty requirement ({}) means
       anonymous access is allowed. */
    ir_security_requirement *security; size_t security_count;
    char *c_name;            /* "ld_get_insights_scores" */
    ir_loc loc;
    /* Webhooks and callbacks (ir_spec.events): requests the API sends. The
       body is what it sends, the responses what the receiver answers; path
       is the webhook's name or the callback's URL expression. */
    char *event_name;        /* the key under `webhooks` or under `callbacks` */
    char *owner_id;          /* a callback: operation_id of the operation
                                declaring it; NULL for a webhook */
} ir_operation;

typedef struct ir_server_variable {
    char *name;
    char *default_value;
    char **enum_values; size_t enum_count;
} ir_server_variable;

typedef struct ir_server {
    char *name;              /* the server's `name` (OpenAPI 3.2), or NULL */
    char *url;               /* may hold {variables} */
    char *description;
    ir_server_variable *variables; size_t variable_count;
} ir_server;

/* components.securitySchemes: what a client must send. */
typedef enum ir_security_kind {
    IR_SEC_API_KEY,          /* a named header, query parameter or cookie */
    IR_SEC_HTTP_BEARER,      /* Authorization: Bearer <token> (also oauth2, openIdConnect) */
    IR_SEC_HTTP_BASIC,       /* Authorization: Basic base64(user:password) */
    IR_SEC_OTHER             /* other http schemes, mutualTLS: noted, not sent */
} ir_security_kind;

typedef struct ir_security_scheme {
    char *name;              /* the key under securitySchemes */
    ir_security_kind kind;
    char *in;                /* apiKey: header, query or cookie */
    char *param_name;        /* apiKey: the header/parameter/cookie name */
    char *http_scheme;       /* http: as written ("bearer", "basic", "digest") */
    ir_loc loc;
} ir_security_scheme;

/* x-oas2c-rate-limit-headers: response headers that say when to retry or
 * how much is left (build_extensions.c). */
typedef enum ir_rate_limit_meaning {
    IR_RL_RETRY_AFTER,       /* delta seconds or an HTTP date, as Retry-After */
    IR_RL_RESET_EPOCH_MS,    /* the limit resets at this Unix time, milliseconds */
    IR_RL_RESET_EPOCH_S,     /* ... Unix time, seconds */
    IR_RL_RESET_DELTA_S,     /* ... in this many seconds */
    IR_RL_REMAINING          /* requests left */
} ir_rate_limit_meaning;

typedef struct ir_rate_limit_header {
    char *name;
    ir_rate_limit_meaning meaning;
    ir_loc loc;
} ir_rate_limit_header;

/* A second location of one schema: a YAML alias repeats the node, and the
 * schema is built once, at the location where it was first met. $refs to
 * the alias's location resolve through this entry. */
typedef struct ir_location_alias {
    char *location;
    ir_schema *schema;
} ir_location_alias;

/* A schema resource (a $id, or "" for the document) that declares
 * `$dynamicAnchor`s: where each of its anchors is. Listed only when the
 * spec has a dynamic reference; the index is the resource's number in the
 * validators' dynamic scope. */
typedef struct ir_dynamic_anchor {
    char *name;
    char *location;
    ir_schema *schema;        /* set by ir_resolve */
} ir_dynamic_anchor;

typedef struct ir_dynamic_resource {
    char *uri;
    ir_dynamic_anchor *anchors; size_t anchor_count;
} ir_dynamic_resource;

typedef struct ir_spec {
    char *path;              /* spec path as given */
    char sha256[65];         /* hex digest of the spec bytes */
    char *openapi_version;   /* "3.1.0" */
    int major, minor;        /* 3, 1 */
    char *title, *api_version;
    char *prefix;            /* "ld_" */
    ir_server *servers; size_t server_count;
    ir_security_scheme *security_schemes; size_t security_scheme_count;
    ir_rate_limit_header *rate_limit_headers; size_t rate_limit_header_count;
    /* every schema node, components first (in spec order), then inline ones
       in the order they are met; stable for a given spec */
    ir_schema **schemas; size_t schema_count, schema_cap;
    ir_schema **components; size_t component_count;  /* subset, spec order */
    ir_location_alias *location_aliases; size_t location_alias_count, location_alias_cap;
    ir_dynamic_resource *dynamic_resources; size_t dynamic_resource_count;
    ir_operation *operations; size_t operation_count;
    /* the `callbacks` of each operation, then 3.1 `webhooks`, in spec order */
    ir_operation *events; size_t event_count;
    oc_arena values;         /* private: every ir_value, its arrays and text */
} ir_spec;

/* How ir_build reads what OpenAPI leaves to the reader. */
typedef struct ir_build_options {
    /* 3.0 `nullable: true` without `type`: OpenAPI 3.0.3 says it has no
       effect (the default, with a note); true reads it as "null is valid",
       as many specs mean it. */
    bool nullable_without_type_allows_null;
} ir_build_options;

/* Build the IR from a loaded document. Reports every problem it finds
 * (file:line:col) through d; returns NULL when d->errors grew.
 * ir_build: the default options. */
ir_spec *ir_build(const ydoc *doc, const char *prefix, diag *d);
ir_spec *ir_build_with(const ydoc *doc, const char *prefix, const ir_build_options *options,
                       diag *d);

/* Resolve $refs, detect cycles that contain no object (e.g. A -> B -> A via
 * $ref/allOf only), classify ckinds and assign all C names. Returns 0 on
 * success, -1 after reporting errors. */
int ir_resolve(ir_spec *spec, diag *d);

void ir_spec_free(ir_spec *spec);
/* Empties spec->dynamic_resources (a spec without dynamic references). */
void ir_dynamic_resources_free(ir_spec *spec);

#endif
