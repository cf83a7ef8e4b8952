/* oas_http_op.c - helpers of generated request functions (oas_http_op.h). */
#include "oas_http_op.h"
#include "oas_http_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "oas_alloc.h"
#include "oas_json.h"

void oas_http_result_init(oas_http_result *r)
{
    if (!r)
        return;
    memset(r, 0, sizeof *r);
    oas_http_rate_limit_reset(&r->rate_limit);
    r->retry_after_ms = -1;
    oas_report_init(&r->validation, 0);
}

void oas_http_result_free(oas_http_result *r)
{
    if (!r)
        return;
    oas_free(r->body);
    oas_free(r->content_type);
    oas_report_free(&r->validation);
    oas_http_result_init(r);
}

oas_status oas_op_send_request(oas_client *c, const oas_http_request *req, oas_http_result *r,
                               oas_error *err)
{
    oas_http_response resp;
    oas_status st = oas_client_request(c, req, &resp, err);
    r->attempts = resp.attempts;
    r->waited_ms = resp.waited_ms;
    r->gave_up = resp.gave_up;
    if (st != OAS_OK) {
        oas_http_response_free(&resp);
        return st;
    }
    r->status = resp.status;
    r->body = resp.body;
    r->body_len = resp.body_len;
    r->content_type = resp.content_type;
    r->rate_limit = resp.rate_limit;
    /* The reset header is absolute; as a delay it is relative to now. */
    if (resp.status == 429 || resp.status == 503)
        r->retry_after_ms = oas_http_server_wait_ms(&resp.rate_limit,
                                                    c->clock.wall_ms(c->clock.ctx));
    return OAS_OK;
}

static bool is_json_type(const char *ct)
{
    if (!ct)
        return false;
    size_t n = strcspn(ct, ";");
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    if (n == 16 && strncasecmp(ct, "application/json", 16) == 0)
        return true;
    return n > 5 && strncasecmp(ct + n - 5, "+json", 5) == 0;
}

oas_json_scratch *oas_client_parse_scratch(oas_client *c)
{
    if (!c->parse_scratch)
        c->parse_scratch = oas_json_scratch_new();
    return c->parse_scratch;
}

oas_status oas_op_check_json(const oas_http_result *r, oas_error *err)
{
    if (is_json_type(r->content_type))
        return OAS_OK;
    oas_status st = oas_error_set(err, OAS_ERR_HTTP_CONTENT, NULL, OAS_NO_OFFSET,
                                  "HTTP %ld: expected an application/json body, got %.80s",
                                  r->status, r->content_type ? r->content_type : "no Content-Type");
    if (err)
        err->http_status = r->status;
    return st;
}

oas_status oas_op_validate(const oas_client *c, const oas_registry *reg,
                           const char *operation_id, oas_http_result *r, oas_error *err)
{
    return oas_op_validate_doc(c, reg, operation_id, r, NULL, err);
}

oas_status oas_op_validate_doc(const oas_client *c, const oas_registry *reg,
                               const char *operation_id, oas_http_result *r, oas_json_doc **keep,
                               oas_error *err)
{
    const oas_operation_entry *op = reg && oas_client_validation(c) != OAS_VALIDATE_OFF
                                        ? oas_registry_find_operation(reg, operation_id)
                                        : NULL;
    const oas_response_entry *re = op ? oas_operation_find_response(op, (int)r->status) : NULL;
    return oas_op_validate_response(c, re, operation_id, r, NULL, keep, err);
}

oas_status oas_op_validate_response(const oas_client *c, const oas_response_entry *re,
                                    const char *operation_id, oas_http_result *r,
                                    oas_json_scratch *scratch, oas_json_doc **keep,
                                    oas_error *err)
{
    if (keep)
        *keep = NULL;
    /* Decided afresh for this body: a result reused from an earlier call
       must not keep that call's verdict when this one is not validated. */
    r->validated = false;
    oas_report_clear(&r->validation);
    oas_validation_mode mode = oas_client_validation(c);
    if (mode == OAS_VALIDATE_OFF || !re || !re->validate)
        return OAS_OK;
    oas_json_doc *doc = NULL;
    oas_error perr;
    oas_error_clear(&perr);
    oas_json_options popts = {.scratch = scratch};
    oas_status pst = oas_json_parse(r->body, r->body_len, &popts, &doc, &perr);
    if (pst == OAS_ERR_NOMEM)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    if (pst != OAS_OK)
        return OAS_OK;  /* not JSON: the typed parse reports it */
    oas_validate_options vopts = {.assert_formats = oas_client_asserts_formats(c)};
    bool valid = oas_validate_run(re->validate, "", oas_json_doc_root(doc), &r->validation, &vopts);
    if (r->validation.status == OAS_ERR_NOMEM) {
        oas_json_doc_free(doc);
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    }
    /* a bound that stopped it (depth) leaves no verdict: validation.status says why */
    r->validated = r->validation.status == OAS_OK;
    if (valid || mode != OAS_VALIDATE_STRICT || r->status < 200 || r->status > 299) {
        if (keep)
            *keep = doc;
        else
            oas_json_doc_free(doc);
        return OAS_OK;
    }
    oas_json_doc_free(doc);
    if (r->validation.count == 0) {
        const char *at = r->validation.stopped_at; /* where, when known */
        oas_status st = oas_error_set(err, OAS_ERR_INVALID, at, r->validation.stopped_offset,
                                      "%s: HTTP %ld body could not be validated%s%s (%s)",
                                      operation_id, r->status, at ? " at " : "",
                                      at ? at[0] ? at : "(root)" : "",
                                      oas_strerror(r->validation.status));
        if (err)
            err->http_status = r->status;
        return st;
    }
    const oas_violation *v = &r->validation.items[0];
    oas_status st = oas_error_set(err, OAS_ERR_INVALID, v->instance_location, v->offset,
                                  "%s: HTTP %ld body violates the spec (%zu violation%s): %s: %s",
                                  operation_id, r->status, r->validation.total,
                                  r->validation.total == 1 ? "" : "s",
                                  v->instance_location[0] ? v->instance_location : "(root)",
                                  v->message);
    if (err)
        err->http_status = r->status;
    return st;
}

void oas_op_parsed(const oas_http_result *r, oas_json_doc **doc, oas_status st, oas_error *err)
{
    if (!doc || !*doc)
        return;
    /* what T_parse does after its from_json step */
    if (st != OAS_OK && err && err->offset != OAS_NO_OFFSET)
        oas_error_locate(err, r->body, r->body_len);
    oas_json_doc_free(*doc);
    *doc = NULL;
}

/* The top-level "message" string of an error body, if it is JSON; false
 * when out of memory. */
static bool body_message(const oas_http_result *r, char *out, size_t cap)
{
    out[0] = '\0';
    oas_json_doc *doc = NULL;
    if (!r->body)
        return true;
    oas_status st = oas_json_parse(r->body, r->body_len, NULL, &doc, NULL);
    if (st != OAS_OK)
        return st != OAS_ERR_NOMEM;
    const oas_json *m = oas_json_get(oas_json_doc_root(doc), "message", 7);
    if (m && m->type == OAS_JSON_STRING) {
        size_t n = strnlen(m->u.str.ptr, m->u.str.len);
        /* one line: control characters from the server become spaces */
        size_t k = 0;
        for (size_t i = 0; i < n && k + 1 < cap; i++)
            out[k++] = (unsigned char)m->u.str.ptr[i] < 0x20 ? ' ' : m->u.str.ptr[i];
        out[k] = '\0';
    }
    oas_json_doc_free(doc);
    return true;
}

oas_status oas_op_status_error(const oas_http_result *r, const char *operation_id,
                               const char *description, oas_error *err)
{
    char msg[128], retry[48] = "", gave[48] = "";
    if (!body_message(r, msg, sizeof msg))
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    if (r->retry_after_ms >= 0)
        snprintf(retry, sizeof retry, "; retry after %" PRId64 " ms", r->retry_after_ms);
    if (r->gave_up != OAS_GIVEUP_NONE)
        snprintf(gave, sizeof gave, "; gave up after %u attempts%s", r->attempts,
                 r->gave_up == OAS_GIVEUP_DEADLINE ? " (deadline)" : "");
    oas_status st = oas_error_set(err, OAS_ERR_HTTP_STATUS, NULL, OAS_NO_OFFSET,
                                  "%s: HTTP %ld%s%s%s%s%s%s%s", operation_id, r->status,
                                  description ? " (" : "", description ? description : "",
                                  description ? ")" : "", msg[0] ? ": " : "", msg, retry, gave);
    if (err)
        err->http_status = r->status;
    return st;
}

oas_status oas_op_parse_failed(oas_error *err, const char *operation_id, long status)
{
    if (!err)
        return OAS_ERR_HTTP_CONTENT;
    if (err->code == OAS_ERR_NOMEM)
        return OAS_ERR_NOMEM; /* not a content problem */
    char inner[OAS_ERROR_MESSAGE_MAX];
    snprintf(inner, sizeof inner, "%s", err->message);
    oas_status code = err->code;
    size_t off = err->offset;
    unsigned long line = err->line, column = err->column;
    char ptr[OAS_ERROR_POINTER_MAX];
    snprintf(ptr, sizeof ptr, "%s", err->pointer);
    /* The JSON parser's messages say where already; a typed read's say
       what, so the member's pointer and position are added, in the
       parser's words. */
    bool parser = code == OAS_ERR_JSON_SYNTAX || code == OAS_ERR_JSON_UTF8 ||
                  code == OAS_ERR_JSON_DEPTH || code == OAS_ERR_JSON_NUMBER ||
                  code == OAS_ERR_JSON_LIMIT;
    char at[96] = "";
    if (!parser && line)
        snprintf(at, sizeof at, " at line %lu, column %lu (byte offset %zu)", line, column, off);
    oas_error_set(err, OAS_ERR_HTTP_CONTENT, ptr, off, "%s: HTTP %ld body: %s%s%s%s (%s)",
                  operation_id, status, parser ? "" : ptr[0] ? ptr : "(root)", parser ? "" : ": ",
                  inner, at, oas_strerror(code));
    err->line = line;
    err->column = column;
    err->http_status = status;
    return OAS_ERR_HTTP_CONTENT;
}
