/* mock_handler.h - what `ldrest mock` answers to one request, decided from
 * the registry alone (no sockets here, so the rules read in one place):
 *
 *   no operation has the path            -> 404 {"code":"not_found",...}
 *   the path exists for other methods    -> 405 + Allow
 *   no (or an empty) Authorization header -> 401 {"code":"unauthorized",...}
 *   a required parameter missing/empty, or
 *   a value its schema rejects           -> 400 {"code":"invalid_request",
 *                                               "message", "errors":[{attribute, reason}]}
 *   otherwise                            -> the operation's 2xx response with
 *                                           its example (spec or synthesized);
 *   "Prefer: code=NNN" picks another declared response (as Prism does), so
 *   clients can exercise their error paths offline.
 *
 * Path and query parameters are percent-decoded here, strictly: "%00" or a
 * malformed escape in a value is a 400 naming the parameter, never a value
 * silently cut short. */
#ifndef LDREST_MOCK_HANDLER_H
#define LDREST_MOCK_HANDLER_H

#include <stdbool.h>
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
} mock_request;

typedef struct mock_reply {
    unsigned status;
    const char *content_type;  /* NULL: no body */
    oas_buf body;
    char allow[96];            /* Allow header value for 405, else "" */
    bool retry_after;          /* add "Retry-After: 1" (429, 503) */
} mock_reply;

void mock_reply_init(mock_reply *r);
void mock_reply_free(mock_reply *r);

/* 503 {"code":"service_unavailable",...} with Retry-After: the answer to a
 * connection beyond the mock's limit (decided by the server, mock_server.h). */
void mock_reply_overloaded(mock_reply *out);

/* Fill *out (initialised by the caller) for req. Never fails: an out of
 * memory body shows as oas_buf_status(&out->body) != OAS_OK. */
void mock_handle(const oas_registry *reg, const mock_request *req, mock_reply *out);

#endif
