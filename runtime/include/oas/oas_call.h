/* oas_call.h - a request for any operation of a registry, from text
 * arguments: the path template filled, query, headers and cookies
 * serialized per each parameter's style, the credentials its security
 * requirement asks for, and the parameters and body validated against the
 * spec first. What `NAME-cli call` and request validation are made of; it
 * does no I/O (oas_client_request sends the result).
 *
 * Arguments name parameters as the spec does. An array parameter takes one
 * argument per element (repeat the name); an object parameter one argument
 * "key=value" per member. A parameter name that occurs in two locations is
 * addressed as "in:name" ("header:id"). A parameter whose schema admits a
 * single value (oas_param_entry.constant) needs no argument: that value is
 * sent when none is given; a given one replaces it and is validated like
 * any other. The typed calls below work the same way.
 *
 * Request locations in violations: "/path/<name>", "/query/<name>",
 * "/header/<name>", "/cookie/<name>" and "/body" + the body's own pointer. */
#ifndef OAS_CALL_H
#define OAS_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "oas_error.h"
#include "oas_http.h"
#include "oas_http_op.h"
#include "oas_registry.h"
#include "oas_validate.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_call_arg {
    const char *name;
    const char *value;
} oas_call_arg;

/* A credential for one security scheme, by its securitySchemes name: the
 * token (apiKey, bearer) or "user:password" (basic). */
typedef struct oas_credential {
    const char *scheme;
    const char *secret;
} oas_credential;

typedef struct oas_call_input {
    const oas_call_arg *args;
    size_t arg_count;
    const char *body;          /* JSON text, or NULL for none */
    size_t body_len;
    const oas_credential *credentials;
    size_t credential_count;
    bool skip_validation;      /* send what was given, unchecked */
    bool assert_formats;       /* validation asserts `format` (oas_validate_options) */
} oas_call_input;

/* What to send. Owns target and every header string; method, body and
 * content type are borrowed from the descriptor and the input. */
typedef struct oas_call_request {
    const char *method;
    char *target;              /* path and query, encoded; starts with '/' */
    oas_http_header *headers;
    size_t header_count;
    const char *body;
    size_t body_len;
    const char *content_type;
} oas_call_request;

void oas_call_request_free(oas_call_request *r); /* NULL-safe; re-inits */

/* Build the request for op from in. On success *out is filled (free it with
 * oas_call_request_free). Failures leave *out empty:
 *  OAS_ERR_USAGE   an unknown or repeated argument, a missing required
 *                  parameter or body, a body the operation does not take,
 *                  no credential for any security requirement
 *  OAS_ERR_INVALID parameters or body violate the spec: every violation is
 *                  in *violations (when given), the message names the first
 *  OAS_ERR_JSON_*  the body is not JSON (position in err)
 *  OAS_ERR_JSON_DEPTH, OAS_ERR_SCHEMA_DEPTH a parameter or the body could
 *                  not be checked, nested past a bound: err.pointer names
 *                  it ("/query/tags", "/body/a/0")
 *  OAS_ERR_INVALID_ARG a blank credential, a value a header cannot carry
 *  OAS_ERR_NOMEM */
oas_status oas_call_build(const oas_registry *reg, const oas_operation_entry *op,
                          const oas_call_input *in, oas_call_request *out,
                          oas_report *violations, oas_error *err);

/* oas_call_build, then send with c and read the response into result
 * (initialised here; free with oas_http_result_free): OAS_OK for a 2xx
 * response that passes the client's validation mode (see
 * oas_client_set_validation; formats asserted as the client's
 * oas_client_set_assert_formats says, the request's as in's
 * assert_formats does); OAS_ERR_HTTP_STATUS for any other status,
 * naming the body's "message"; otherwise what oas_call_build or
 * oas_client_request return. Nothing is sent when building fails. */
oas_status oas_call_perform(oas_client *c, const oas_registry *reg, const oas_operation_entry *op,
                            const oas_call_input *in, oas_http_result *result,
                            oas_report *violations, oas_error *err);

/* What a registry says about the client as a whole, applied to c: its
 * rate-limit headers (oas_client_set_rate_limit_headers; a registry that
 * declares none restores the default list). oas_call_perform and
 * oas_call_typed (so every generated request function) apply their
 * registry's list by themselves to a client that holds the default one;
 * this call is for a client that sends requests another way (built with
 * oas_call_build, sent with oas_client_request) or should take another
 * registry's list. */
oas_status oas_client_use_registry(oas_client *c, const oas_registry *reg, oas_error *err);

/* The client's server: the spec's server `index` (0 is the first) with its
 * variables filled as oas_registry_server_url does. */
oas_status oas_client_use_spec_server(oas_client *c, const oas_registry *reg, size_t index,
                                      const char *const *names, const char *const *values,
                                      size_t count, oas_error *err);

/* ---- typed calls: what generated request functions hand the runtime ---- */

/* One parameter value from a typed params struct. */
typedef enum oas_arg_kind {
    OAS_ARG_TEXT,     /* text: a string, an enum's spec value */
    OAS_ARG_INT64,
    OAS_ARG_DOUBLE,
    OAS_ARG_BOOL,
    OAS_ARG_TEXTS,    /* arrays */
    OAS_ARG_INT64S,
    OAS_ARG_DOUBLES,
    OAS_ARG_BOOLS,
    OAS_ARG_MEMBERS   /* an object: key/text items */
} oas_arg_kind;

typedef struct oas_typed_arg {
    const char *name;        /* the parameter's spec name */
    oas_param_in in;
    oas_arg_kind kind;
    size_t count;            /* elements of an array or object */
    union {
        const char *text;
        int64_t i;
        double d;
        bool b;
        const char *const *texts;
        const int64_t *ints;
        const double *doubles;
        const bool *bools;
        const oas_param_item *members;
    } v;
} oas_typed_arg;

/* A declared response and where its typed body goes in the result struct
 * (a pointer member at `offset`, allocated and filled by the runtime). */
struct oas_type;
typedef struct oas_typed_response {
    const char *status;             /* "200", "4XX", "default" */
    const char *description;
    const struct oas_type *body;    /* NULL: no typed body */
    size_t offset;
} oas_typed_response;

typedef struct oas_typed_call {
    const oas_registry *registry;
    const char *operation_id;
    const oas_typed_arg *args;
    size_t arg_count;
    const struct oas_type *body_type; /* with body_value: serialized by the model */
    const void *body_value;
    const char *body_json;           /* or the body as JSON text */
    size_t body_json_len;
    const oas_typed_response *responses;
    size_t response_count;
} oas_typed_call;

/* Perform a typed call: arguments formatted to text, then as
 * oas_call_perform (credentials: the client's token, if set, is offered for
 * every security scheme of the spec; the request is validated unless the
 * client's validation mode is off, asserting formats as the client's
 * oas_client_set_assert_formats says), then the declared response's body
 * read into its typed member of *result (result_http is &result->http).
 * The result struct must be zeroed or initialised by the caller. */
oas_status oas_call_typed(oas_client *c, const oas_typed_call *call, void *result,
                          oas_http_result *result_http, oas_error *err);

/* Free every typed body of a result and its http part; re-inits both. */
void oas_typed_result_free(const oas_typed_response *responses, size_t count, void *result,
                           oas_http_result *result_http);

#ifdef __cplusplus
}
#endif
#endif
