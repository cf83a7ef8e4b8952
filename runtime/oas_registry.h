/* oas_registry.h - what a generated binding knows about its spec, as data:
 * schema name -> validator, operation id + status -> response schema. Tools
 * (ldrest validate, HAR validation, the mock server) work from this table, so
 * they work for any generated binding.
 *
 * Every registry is static const data emitted by oas2c; nothing to free. */
#ifndef OAS_REGISTRY_H
#define OAS_REGISTRY_H

#include <stddef.h>
#include "oas_validate.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_schema_entry {
    const char *name;         /* component name as in the spec: "InsightScores" */
    const char *location;     /* "#/components/schemas/InsightScores" */
    oas_validate_fn validate;
} oas_schema_entry;

typedef struct oas_response_entry {
    const char *status;        /* "200", "4XX" or "default" */
    const char *content_type;  /* "application/json"; NULL when no body */
    const char *schema_name;   /* component name, or NULL for an inline schema */
    const char *location;      /* absolute location of the response schema */
    oas_validate_fn validate;  /* NULL when the response declares no schema */
    const char *example;       /* JSON text of an example body, or NULL */
} oas_response_entry;

typedef struct oas_param_entry {
    const char *name;
    const char *in;            /* "query", "path", "header", "cookie" */
    int required;
    const char *location;      /* schema location, for validation messages */
    oas_validate_fn validate;  /* validates the parameter's decoded value; may be NULL */
} oas_param_entry;

typedef struct oas_operation_entry {
    const char *operation_id;  /* as in the spec: "get-insights-scores" */
    const char *method;        /* "GET", ... */
    const char *path;          /* template: "/api/v2/engineering-insights/insights/scores" */
    const oas_param_entry *params;
    size_t param_count;
    const oas_response_entry *responses;
    size_t response_count;
} oas_operation_entry;

typedef struct oas_server_entry {
    const char *name;          /* "default" for the first, then the description or "server<N>" */
    const char *url;
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
} oas_registry;

const oas_schema_entry *oas_registry_find_schema(const oas_registry *reg, const char *name);
const oas_operation_entry *oas_registry_find_operation(const oas_registry *reg, const char *operation_id);

/* Response selection as OpenAPI defines it: exact status, then "NXX", then
 * "default". NULL when the status is undocumented. */
const oas_response_entry *oas_operation_find_response(const oas_operation_entry *op, int status);

/* Match a method and a concrete path (no query, server prefix already
 * stripped) to an operation by its path template. Literal segments beat
 * templated ones. NULL when nothing matches. */
const oas_operation_entry *oas_registry_match_path(const oas_registry *reg, const char *method,
                                                   const char *path);

#ifdef __cplusplus
}
#endif
#endif
