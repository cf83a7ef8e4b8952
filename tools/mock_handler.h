/* mock_handler.h - what the mock answers to one request, decided from the
 * registry alone (no sockets here, so the rules read in one place):
 *
 *   no operation has the path (as sent, or
 *   without a server's path prefix)      -> 404 {"code":"not_found",...}
 *   the path exists for other methods    -> 405 + Allow
 *   none of the operation's security
 *   requirements is met (any non-blank
 *   value counts), or a required
 *   Authorization header parameter is
 *   missing                              -> 401 {"code":"unauthorized",...}
 *   a required parameter that declares
 *   x-oas2c-missing-status is missing
 *   or empty                             -> that status {"code":"missing_parameter",
 *                                               "message" naming the parameter}
 *   a required parameter or body missing,
 *   or a value or body its schema rejects -> 400 {"code":"invalid_request",
 *                                               "message", "errors":[{attribute, reason}]}
 *   otherwise                            -> the operation's 2xx response with
 *                                           its example (spec or synthesized);
 *   "Prefer: code=NNN" picks another declared response (as Prism does), so
 *   clients can exercise their error paths offline; a status the operation
 *   does not declare                     -> 400 {"code":"invalid_request",
 *                                               "message" listing the declared ones,
 *                                               "errors":[{"attribute":"Prefer",...}]}
 *   "Prefer: example=NAME" serves the named example of the response's media
 *   type; a name it does not have       -> 400 listing the names it has.
 *   A 429 says to retry in 1 s: Retry-After, and each header of the
 *   registry's rate-limit list in its own unit (a reset 1 s ahead, 0
 *   remaining).
 *
 * Path and query parameters are percent-decoded here, strictly: "%00" or a
 * malformed escape in a value is a 400 naming the parameter, never a value
 * silently cut short. */
#ifndef OAS_TOOL_MOCK_HANDLER_H
#define OAS_TOOL_MOCK_HANDLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "oas_buf.h"
#include "oas_registry.h"

typedef struct mock_request {
    const char *method;  /* "GET", ... */
    const char *path;    /* the path as sent (percent-encoded), no query */
    /* A parameter's value, or NULL when absent. `in` is "query", "header"
       or "cookie" (path parameters come from the path itself). A query
       value is as sent (percent-encoded, "+" for a space; "" for a name
       without "="), found by its decoded name (mock_query_name_is). */
    const char *(*lookup)(void *ctx, const char *in, const char *name);
    void *ctx;
    /* Every value of a repeated query parameter (up to cap, in order, each
       as sent, found by its decoded name), and how many there are; NULL:
       lookup's one value stands for all. */
    size_t (*lookup_all)(void *ctx, const char *in, const char *name, const char **values,
                         size_t cap);
    const char *body;    /* the request body; NULL or body_len 0: none */
    size_t body_len;
    int64_t now_ms;      /* Unix time in ms for the reply's rate-limit headers;
                            0: the real clock */
    bool assert_formats; /* parameters and body are checked asserting `format`
                            (the server's mock --assert-formats) */
} mock_request;

typedef struct mock_reply {
    unsigned status;
    const char *content_type;  /* NULL: no body */
    oas_buf body;
    char allow[96];            /* Allow header value for 405, else "" */
    bool retry_after;          /* add "Retry-After: 1" (429, 503) */
    oas_buf headers;           /* more headers: "name\0value\0" header_count times */
    size_t header_count;
} mock_reply;

/* One more header of the reply (copied). */
void mock_reply_add_header(mock_reply *r, const char *name, const char *value);

void mock_reply_init(mock_reply *r);
void mock_reply_free(mock_reply *r);

/* 503 {"code":"service_unavailable",...} with Retry-After: the answer to a
 * connection beyond the mock's limit (decided by the server, mock_server.h). */
void mock_reply_overloaded(mock_reply *out);

/* Fill *out (initialised by the caller) for req. Never fails: running out
 * of memory shows as oas_buf_status() != OAS_OK of out->body or
 * out->headers. */
void mock_handle(const oas_registry *reg, const mock_request *req, mock_reply *out);

/* The {"code":..., "message":...} error answer. */
void mock_error_reply(mock_reply *out, unsigned status, const char *code, const char *message);

#endif
