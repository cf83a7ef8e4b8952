/* mock_handler.c - the mock's answer to one request (rules in
 * mock_handler.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "mock_handler.h"
#include "mock_params.h"
#include "validate_har_match.h"

#define JSON_TYPE "application/json"

void mock_reply_init(mock_reply *r)
{
    memset(r, 0, sizeof *r);
    oas_buf_init(&r->body);
    oas_buf_init(&r->headers);
}

void mock_reply_free(mock_reply *r)
{
    oas_buf_free(&r->body);
    oas_buf_free(&r->headers);
    mock_reply_init(r);
}

void mock_reply_add_header(mock_reply *r, const char *name, const char *value)
{
    oas_buf_append(&r->headers, name, strlen(name) + 1);
    oas_buf_append(&r->headers, value, strlen(value) + 1);
    r->header_count++;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A 429's rate-limit headers as the registry declares them, each in its own
 * unit, all saying what Retry-After: 1 says. */
static void rate_limit_headers(const oas_registry *reg, const mock_request *req, mock_reply *out)
{
    int64_t now = req->now_ms ? req->now_ms : wall_ms(), reset = now + 1000;
    for (size_t i = 0; i < reg->rate_limit_header_count; i++) {
        const oas_rate_limit_header *h = &reg->rate_limit_headers[i];
        if (strcasecmp(h->name, "Retry-After") == 0)
            continue; /* always sent */
        char value[32];
        switch (h->meaning) {
        case OAS_RATE_LIMIT_RESET_EPOCH_MS:
            snprintf(value, sizeof value, "%lld", (long long)reset);
            break;
        case OAS_RATE_LIMIT_RESET_EPOCH_S: /* rounded up: never earlier than said */
            snprintf(value, sizeof value, "%lld", (long long)((reset + 999) / 1000));
            break;
        case OAS_RATE_LIMIT_REMAINING:
            snprintf(value, sizeof value, "0");
            break;
        default: /* a delay, in seconds */
            snprintf(value, sizeof value, "1");
            break;
        }
        mock_reply_add_header(out, h->name, value);
    }
}

void mock_error_reply(mock_reply *out, unsigned status, const char *code, const char *message)
{
    out->status = status;
    out->content_type = JSON_TYPE;
    oas_buf_reset(&out->body);
    oas_buf_puts(&out->body, "{\"code\":");
    oas_buf_json_string(&out->body, code, strlen(code));
    oas_buf_puts(&out->body, ",\"message\":");
    oas_buf_json_string(&out->body, message, strlen(message));
    oas_buf_putc(&out->body, '}');
}

/* The operation for method and path, and the path without the server
 * prefix it matched under; HEAD is GET without a body (the HTTP layer
 * drops the body). */
static const oas_operation_entry *route(const oas_registry *reg, const char *method,
                                        const char *path, const char **rest)
{
    size_t len = strlen(path), stripped = 0;
    const oas_operation_entry *op = har_match_operation_stripped(reg, method, path, len, &stripped);
    if (!op && strcmp(method, "HEAD") == 0)
        op = har_match_operation_stripped(reg, "GET", path, len, &stripped);
    *rest = path[stripped] ? path + stripped : "/";
    return op;
}

/* The path exists under other methods? Fill the Allow list. */
static bool other_methods(const oas_registry *reg, const char *path, char *allow, size_t cap)
{
    static const char *const methods[] = {"GET",     "PUT",  "POST",  "DELETE",
                                          "OPTIONS", "HEAD", "PATCH", "TRACE"};
    size_t len = 0;
    allow[0] = '\0';
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (!har_match_operation(reg, methods[i], path, strlen(path)))
            continue;
        int n = snprintf(allow + len, cap - len, "%s%s", len ? ", " : "", methods[i]);
        if (n > 0 && (size_t)n < cap - len)
            len += (size_t)n;
    }
    return len > 0;
}

/* The response to serve on success: the first 2xx one, else "default". */
static const oas_response_entry *success_response(const oas_operation_entry *op, unsigned *status)
{
    for (size_t i = 0; i < op->response_count; i++) {
        const char *s = op->responses[i].status;
        if (s[0] == '2') {
            *status = (s[1] == 'X' || s[1] == 'x') ? 200u : (unsigned)strtoul(s, NULL, 10);
            return &op->responses[i];
        }
    }
    *status = 200;
    return oas_operation_find_response(op, 200);
}

/* body: the JSON text to serve, NULL for r's example. */
static void serve_response(const oas_registry *reg, const mock_request *req, mock_reply *out,
                           const oas_response_entry *r, unsigned status, const char *body)
{
    out->status = status;
    out->retry_after = status == 429;
    if (status == 429)
        rate_limit_headers(reg, req, out);
    if (!r || !r->content_type) {
        out->content_type = NULL;  /* declared without a body */
        if (status == 200 && !r)
            mock_error_reply(out, 501, "not_implemented", "the operation declares no success response");
        return;
    }
    out->content_type = r->content_type;
    oas_buf_puts(&out->body, body ? body : r->example ? r->example : "{}");
}

static void bad_request(mock_reply *out, const oas_buf *errors, size_t params, size_t body)
{
    char message[128];
    if (!body)
        snprintf(message, sizeof message, "Invalid request: %zu parameter%s failed validation",
                 params, params == 1 ? "" : "s");
    else if (!params)
        snprintf(message, sizeof message, "Invalid request: the body failed validation");
    else
        snprintf(message, sizeof message,
                 "Invalid request: %zu parameter%s and the body failed validation", params,
                 params == 1 ? "" : "s");
    out->status = 400;
    out->content_type = JSON_TYPE;
    oas_buf_puts(&out->body, "{\"code\":\"invalid_request\",\"message\":");
    oas_buf_json_string(&out->body, message, strlen(message));
    oas_buf_puts(&out->body, ",\"errors\":[");
    oas_buf_append(&out->body, errors->data, errors->len);
    oas_buf_puts(&out->body, "]}");
}

/* A Prefer header asking for what the operation does not have: 400 in the
 * shape of the other 400s, the message listing what it does have. */
static void prefer_refused(mock_reply *out, const oas_buf *message, const char *reason)
{
    const char *text = oas_buf_status(message) == OAS_OK ? message->data : "out of memory";
    out->status = 400;
    out->content_type = JSON_TYPE;
    oas_buf_reset(&out->body);
    oas_buf_puts(&out->body, "{\"code\":\"invalid_request\",\"message\":");
    oas_buf_json_string(&out->body, text, strlen(text));
    oas_buf_puts(&out->body, ",\"errors\":[{\"attribute\":\"Prefer\",\"reason\":");
    oas_buf_json_string(&out->body, reason, strlen(reason));
    oas_buf_puts(&out->body, "}]}");
}

/* "Prefer: code=NNN" for a status op does not declare: a client testing
 * its error paths would otherwise get a 200 and believe the path works. */
static void undeclared_status(mock_reply *out, const oas_operation_entry *op, int status)
{
    oas_buf message = OAS_BUF_INIT;
    char reason[48];
    snprintf(reason, sizeof reason, "code=%d is not declared", status);
    oas_buf_puts(&message, "Prefer: ");
    oas_buf_puts(&message, reason);
    oas_buf_puts(&message, " by ");
    oas_buf_puts(&message, op->operation_id);
    oas_buf_puts(&message, "; it declares ");
    for (size_t i = 0; i < op->response_count; i++) {
        if (i)
            oas_buf_puts(&message, ", ");
        oas_buf_puts(&message, op->responses[i].status);
    }
    if (!op->response_count)
        oas_buf_puts(&message, "no response");
    prefer_refused(out, &message, reason);
    oas_buf_free(&message);
}

/* "Prefer: example=NAME" that r (the response about to be served) does not
 * have. */
static void unknown_example(mock_reply *out, const oas_operation_entry *op,
                            const oas_response_entry *r, unsigned status, const char *name)
{
    oas_buf message = OAS_BUF_INIT, reason = OAS_BUF_INIT;
    oas_buf_puts(&reason, "example=");
    oas_buf_puts(&reason, name);
    oas_buf_puts(&reason, " is not declared");
    char head[64];
    snprintf(head, sizeof head, " by the %u response of ", status);
    oas_buf_puts(&message, "Prefer: ");
    oas_buf_append(&message, reason.data, reason.len);
    oas_buf_puts(&message, head);
    oas_buf_puts(&message, op->operation_id);
    oas_buf_puts(&message, r && r->example_count ? "; its examples: " : "; it has no named examples");
    for (size_t i = 0; r && i < r->example_count; i++) {
        if (i)
            oas_buf_puts(&message, ", ");
        oas_buf_puts(&message, r->examples[i].name);
    }
    prefer_refused(out, &message, oas_buf_status(&reason) == OAS_OK ? reason.data : "out of memory");
    oas_buf_free(&message);
    oas_buf_free(&reason);
}

/* The value of r's example called name, or NULL. */
static const char *named_example(const oas_response_entry *r, const char *name)
{
    for (size_t i = 0; r && r->content_type && i < r->example_count; i++)
        if (strcmp(r->examples[i].name, name) == 0)
            return r->examples[i].value;
    return NULL;
}

void mock_reply_overloaded(mock_reply *out)
{
    mock_error_reply(out, 503, "service_unavailable",
                     "Too many connections to the mock; retry later");
    out->retry_after = true;
}

void mock_handle(const oas_registry *reg, const mock_request *req, mock_reply *out)
{
    /* Routed on the path with unreserved escapes decoded (the server hands
       it over as sent); every parameter check below sees that same path.
       Longer than the registry matches (2048) is an unknown path anyway. */
    char path[2048];
    if (!mock_normalize_path(req->path, path, sizeof path))
        path[0] = '\0';
    const char *rest;
    const oas_operation_entry *op = route(reg, req->method, path, &rest);
    if (!op) {
        if (other_methods(reg, path, out->allow, sizeof out->allow))
            mock_error_reply(out, 405, "method_not_allowed", "Method not allowed for this path");
        else
            mock_error_reply(out, 404, "not_found", "Unknown path");
        return;
    }
    char why[256];
    if (mock_credentials_missing(reg, op, req, why, sizeof why)) {
        mock_error_reply(out, 401, "unauthorized", why);
        return;
    }
    mock_request routed = *req;
    routed.path = rest;
    unsigned missing = mock_missing_status(op, &routed, why, sizeof why);
    if (missing) {
        mock_error_reply(out, missing, "missing_parameter", why);
        return;
    }
    oas_buf errors = OAS_BUF_INIT;
    size_t params = mock_check_params(op, &routed, &errors);
    size_t body = mock_check_body(op, &routed, &errors);
    if (params || body)
        bad_request(out, &errors, params, body);
    oas_buf_free(&errors);
    if (params || body)
        return;
    const char *prefer = req->lookup(req->ctx, "header", "Prefer");
    int preferred = mock_preferred_status(prefer);
    const oas_response_entry *r = preferred ? oas_operation_find_response(op, preferred) : NULL;
    if (preferred && !r) {
        undeclared_status(out, op, preferred);
        return;
    }
    unsigned status = (unsigned)preferred;
    if (!r)
        r = success_response(op, &status);
    char name[256];
    bool too_long;
    const char *example = NULL;
    if (mock_preferred_example(prefer, name, sizeof name, &too_long)) {
        example = too_long ? NULL : named_example(r, name);
        if (!example) {
            unknown_example(out, op, r, status, name);
            return;
        }
    }
    serve_response(reg, req, out, r, status, example);
}
