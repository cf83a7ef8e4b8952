/* oas_registry.h - what a generated binding knows about its spec, as data:
 * schema name -> validator, operation id + status -> response schema. Tools
 * (ldrest validate, HAR validation, the mock server) work from this table, so
 * they work for any generated binding.
 *
 * Every registry is static const data emitted by oas2c; nothing to free. */
#ifndef OAS_REGISTRY_H
#define OAS_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "oas_http.h"
#include "oas_param.h"
#include "oas_validate.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_schema_entry {
    const char *name;         /* component name as in the spec: "InsightScores" */
    const char *location;     /* "#/components/schemas/InsightScores" */
    oas_validate_fn validate;
    /* Its verdict on an array is the sum of its items' verdicts (it asserts
       of arrays only `type` and `items`): a long array may be checked a run
       of items at a time, each run as an array of its own, with the same
       violations (indexes and offsets shifted) as checking it whole. */
    bool array_per_item;
    /* The members whose arrays may likewise be read in runs when the
       instance is an object: nothing else in the schema looks at their
       values, and their schemas' verdicts are per item. NULL-terminated;
       NULL: none. */
    const char *const *array_members;
} oas_schema_entry;

/* One named example of a response's media type (its `examples`). */
typedef struct oas_example_entry {
    const char *name;          /* its key under `examples` */
    const char *value;         /* JSON text of its inline `value` */
} oas_example_entry;

typedef struct oas_response_entry {
    const char *status;        /* "200", "4XX" or "default" */
    const char *content_type;  /* "application/json"; NULL when no body */
    const char *schema_name;   /* component name, or NULL for an inline schema */
    const char *location;      /* absolute location of the response schema */
    oas_validate_fn validate;  /* NULL when the response declares no schema */
    const char *example;       /* JSON text of an example body, or NULL */
    /* The media type's `examples` that have an inline value, in spec order
       (an externalValue is not read); NULL, 0: none. */
    const oas_example_entry *examples;
    size_t example_count;
    bool array_per_item;       /* as oas_schema_entry's, for its schema */
    const char *const *array_members; /* likewise */
} oas_response_entry;

/* How a parameter's text reads as a JSON value for validation: its schema's
 * type (the items' type for arrays and objects). */
typedef enum oas_text_kind {
    OAS_TEXT_STRING = 0,       /* the text is the string */
    OAS_TEXT_INTEGER,          /* "42" -> 42 */
    OAS_TEXT_NUMBER,           /* "4.2" -> 4.2 */
    OAS_TEXT_BOOLEAN,          /* "true" / "false" */
    OAS_TEXT_ANY               /* JSON text if it parses, else the string */
} oas_text_kind;

typedef struct oas_param_entry {
    const char *name;
    const char *in;            /* "query", "path", "header", "cookie" */
    int required;
    const char *location;      /* schema location, for validation messages */
    oas_validate_fn validate;  /* validates the parameter's decoded value; may be NULL */
    /* On the wire, every default resolved by oas2c: */
    oas_param_in where;        /* `in` as an enum */
    oas_param_style style;
    bool explode;
    bool allow_reserved;
    oas_param_shape shape;     /* primitive, array or object, from the schema */
    oas_text_kind text_kind;
    /* The one value the schema admits (an enum of one member, or const), as
       it goes on the wire: a request that gives no value sends this one.
       NULL when the parameter is not a constant. */
    const char *constant;
    /* What the API answers a request that lacks this (required) parameter,
       from x-oas2c-missing-status; 0: the usual 400. The mock answers it. */
    int missing_status;
} oas_param_entry;

/* A JSON request body. */
typedef struct oas_body_entry {
    const char *content_type;  /* "application/json" or another JSON type */
    int required;
    const char *schema_name;   /* component name, or NULL for an inline schema */
    const char *location;
    oas_validate_fn validate;  /* NULL when the body declares no schema */
} oas_body_entry;

/* components.securitySchemes, as the client sends them. */
typedef enum oas_security_kind {
    OAS_SECURITY_API_KEY,      /* a header, query parameter or cookie named param_name */
    OAS_SECURITY_HTTP_BEARER,  /* Authorization: Bearer <token>; also oauth2, openIdConnect */
    OAS_SECURITY_HTTP_BASIC,   /* Authorization: Basic base64(user:password) */
    OAS_SECURITY_OTHER         /* not sent per request (digest, mutualTLS) */
} oas_security_kind;

typedef struct oas_security_scheme_entry {
    const char *name;          /* its key under securitySchemes */
    oas_security_kind kind;
    oas_param_in in;           /* apiKey: header, query or cookie */
    const char *param_name;    /* apiKey: the name; NULL otherwise */
} oas_security_scheme_entry;

/* One requirement: every listed scheme together (indexes into the
 * registry's security_schemes). count 0: anonymous access is allowed. */
typedef struct oas_security_requirement {
    const unsigned short *schemes;
    size_t count;
} oas_security_requirement;

typedef struct oas_operation_entry {
    const char *operation_id;  /* as in the spec: "get-insights-scores" */
    const char *method;        /* "GET", ... */
    const char *path;          /* template: "/api/v2/engineering-insights/insights/scores" */
    const oas_param_entry *params;
    size_t param_count;
    const oas_response_entry *responses;
    size_t response_count;
    const oas_body_entry *body;          /* NULL: no JSON request body */
    const oas_security_requirement *security; /* alternatives; none = no credential */
    size_t security_count;
} oas_operation_entry;

/* A webhook (OpenAPI 3.1 `webhooks`) or a callback (an operation's
 * `callbacks`): a request the API sends to a receiver. operation.body is
 * what the API sends, operation.responses what the receiver answers;
 * operation.path is the webhook's name or the callback's URL expression
 * ("{$request.body#/callbackUrl}"); operation.operation_id is its own
 * operationId, else "method path". */
typedef struct oas_event_entry {
    const char *owner;         /* a callback: the operation_id declaring it; NULL: a webhook */
    const char *name;          /* its key under `webhooks` or under `callbacks` */
    oas_operation_entry operation;
} oas_event_entry;

typedef struct oas_server_variable {
    const char *name;
    const char *default_value;
    const char *const *enum_values; /* NULL: any value */
    size_t enum_count;
} oas_server_variable;

typedef struct oas_server_entry {
    const char *name;          /* its `name` in the spec (OpenAPI 3.2), else "default"
                                  for the first, then "server<N>", N its index */
    const char *url;           /* as in the spec: may hold {variables} */
    const oas_server_variable *variables;
    size_t variable_count;
} oas_server_entry;

typedef struct oas_registry {
    const char *title;         /* info.title */
    const char *api_version;   /* info.version */
    const char *spec_path;     /* as given to oas2c */
    const char *spec_sha256;
    const oas_schema_entry *schemas;       /* sorted by name (bsearch-able) */
    size_t schema_count;
    const oas_operation_entry *operations; /* sorted by operation_id */
    size_t operation_count;
    const oas_server_entry *servers;
    size_t server_count;
    const oas_security_scheme_entry *security_schemes;
    size_t security_scheme_count;
    /* x-oas2c-rate-limit-headers: the response headers a client reads rate
       limits from, Retry-After included (first, unless the spec lists it);
       NULL, 0: none declared, the client's default applies. */
    const oas_rate_limit_header *rate_limit_headers;
    size_t rate_limit_header_count;
    const oas_event_entry *webhooks;       /* sorted by name, then method */
    size_t webhook_count;
    const oas_event_entry *callbacks;      /* sorted by owner, name, then method */
    size_t callback_count;
    /* The operations again, as indexes into operations[], in the order
       oas_registry_match_path looks them up by: method (upper case), then
       how many '/'-separated segments the path template has, then index.
       operation_count of them; NULL: every operation is tried. */
    const uint32_t *path_order;
} oas_registry;

const oas_schema_entry *oas_registry_find_schema(const oas_registry *reg, const char *name);
const oas_operation_entry *oas_registry_find_operation(const oas_registry *reg, const char *operation_id);

/* The webhook NAME, or the callback NAME of operation OWNER; the first by
 * method when its path item has several. NULL when there is none. */
const oas_event_entry *oas_registry_find_webhook(const oas_registry *reg, const char *name);
const oas_event_entry *oas_registry_find_callback(const oas_registry *reg, const char *owner,
                                                  const char *name);

/* Response selection as OpenAPI defines it: exact status, then "NXX", then
 * "default". NULL when the status is undocumented. */
const oas_response_entry *oas_operation_find_response(const oas_operation_entry *op, int status);

/* Match a method and a concrete path (no query, server prefix already
 * stripped) to an operation by its path template. Literal segments beat
 * templated ones. NULL when nothing matches. */
const oas_operation_entry *oas_registry_match_path(const oas_registry *reg, const char *method,
                                                   const char *path);

/* The URL of reg->servers[index] with each {variable} replaced by the value
 * given for it (names[i] -> values[i]) or else its default, appended to out.
 * OAS_ERR_USAGE (out unchanged) for no such server, a variable the server
 * does not declare, a value outside the variable's enum, or a URL that is
 * not absolute http(s) (a relative "/v1" needs the caller's host). */
oas_status oas_registry_server_url(const oas_registry *reg, size_t index, const char *const *names,
                                   const char *const *values, size_t count, oas_buf *out,
                                   oas_error *err);

#ifdef __cplusplus
}
#endif
#endif
