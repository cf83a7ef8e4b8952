/* oas_http_op.h - what generated request functions (<prefix>ops.c) call, so
 * that they stay thin: URL building with percent-encoding, sending, response
 * selection as OpenAPI defines it, content and schema checks, and the one
 * error message for a non-2xx status. Users need only oas_http_result. */
#ifndef OAS_HTTP_OP_H
#define OAS_HTTP_OP_H

#include <stdbool.h>
#include <stdint.h>
#include "oas_buf.h"
#include "oas_http.h"
#include "oas_registry.h"
#include "oas_validate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The untyped part of every generated <op>_result. */
typedef struct oas_http_result {
    long status;              /* HTTP status; 0 when no response arrived */
    char *body;               /* raw body (owned, NUL-terminated), always kept */
    size_t body_len;
    char *content_type;       /* owned, or NULL */
    oas_rate_limit rate_limit;
    int64_t retry_after_ms;   /* for 429/503: when the server said to retry, -1 unknown */
    unsigned attempts;
    int64_t waited_ms;
    oas_http_giveup gave_up;
    oas_report validation;    /* an invalid request's violations (nothing was sent), or the
                                 findings of response validation (warn/strict) */
    bool validated;           /* response validation ran to its end on this body */
} oas_http_result;

/* What response validation says of r's body, for the caller to read (the
 * call's status says it only in strict mode, for a 2xx body):
 *   validated, validation.total == 0     valid;
 *   validated, validation.total > 0      invalid: validation.items;
 *   !validated, validation.status set    could not finish: a bound stopped
 *       it (OAS_ERR_JSON_DEPTH, OAS_ERR_SCHEMA_DEPTH), validation.stopped_at
 *       and stopped_offset say where when known; items holds what was
 *       found before. Neither valid nor invalid;
 *   !validated, validation.status OAS_OK not validated: validation off, no
 *       schema for this response, or a body that is not JSON. */

void oas_http_result_init(oas_http_result *r);
void oas_http_result_free(oas_http_result *r); /* NULL-safe; re-inits */

/* Send a request (oas_call_build makes them) and move the response into r.
 * On a transport failure r keeps attempts/waited_ms and the error is returned. */
oas_status oas_op_send_request(oas_client *c, const oas_http_request *req, oas_http_result *r,
                               oas_error *err);

/* A 2xx body declared as JSON must come as application/json or *+json:
 * else OAS_ERR_HTTP_CONTENT naming what came. */
oas_status oas_op_check_json(const oas_http_result *r, oas_error *err);

/* Validate the body against the registry's response schema per the
 * client's mode (off/warn/strict). Strict + a violating 2xx body gives
 * OAS_ERR_INVALID naming the first violation, + a 2xx body whose validation
 * could not finish OAS_ERR_INVALID "... could not be validated at <where>
 * (<why>)"; OAS_ERR_NOMEM. Otherwise OAS_OK, whatever validation found (warn
 * mode, non-2xx bodies): r->validated and r->validation tell (see
 * oas_http_result). */
oas_status oas_op_validate(const oas_client *c, const oas_registry *reg,
                           const char *operation_id, oas_http_result *r, oas_error *err);

/* oas_op_validate, and when it parsed the body and found no error, the
 * parsed document in *doc (else *doc is NULL): the typed read can then use
 * T_from_json on it instead of parsing the body again (T_parse). */
oas_status oas_op_validate_doc(const oas_client *c, const oas_registry *reg,
                               const char *operation_id, oas_http_result *r, oas_json_doc **doc,
                               oas_error *err);

/* After the typed read of r's body (st its status): when *doc is set, what
 * T_parse adds to T_from_json (err located in the body), then *doc freed
 * and NULLed. Nothing when *doc is NULL (T_parse did it all). */
void oas_op_parsed(const oas_http_result *r, oas_json_doc **doc, oas_status st, oas_error *err);

/* The error for a non-2xx status: OAS_ERR_HTTP_STATUS with http_status,
 * "<op>: HTTP 429 (<description>): <body's message member>; retry after N ms;
 * gave up after K attempts". */
oas_status oas_op_status_error(const oas_http_result *r, const char *operation_id,
                               const char *description, oas_error *err);

/* Turn a typed-parse failure of a 2xx body into OAS_ERR_HTTP_CONTENT,
 * keeping pointer, offset, line and column: "<op>: HTTP 200 body: <pointer,
 * or (root)>: <what> at line L, column C (byte offset B) (<strerror>)"; a
 * JSON syntax error's message names its position itself. */
oas_status oas_op_parse_failed(oas_error *err, const char *operation_id, long status);

#ifdef __cplusplus
}
#endif
#endif
