/* validate_har_entry.c - reading an entry's members and recording the
 * entry-level violations. */
#include "validate_har_entry.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_buf.h"
#include "validate_har_match.h"
#include "validate_output.h"

typedef struct reader {
    har_problem *problem;
    bool ok;
} reader;

static void fail(reader *rd, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fail(reader *rd, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rd->problem->message, sizeof rd->problem->message, fmt, ap);
    va_end(ap);
    rd->problem->offset = offset;
    rd->ok = false;
}

static const char *type_word(oas_json_type t)
{
    return t == OAS_JSON_OBJECT ? "an object" : t == OAS_JSON_STRING ? "a string" : "a number";
}

/* obj's member key of the given type. An optional member may be absent or
 * null (exporters write either); a required one must be there. */
static const oas_json *member(reader *rd, const oas_json *obj, const char *key, oas_json_type type,
                              bool required, const char *name)
{
    if (!rd->ok || !obj)
        return NULL;
    const oas_json *v = oas_json_get(obj, key, strlen(key));
    if (!v || (!required && v->type == OAS_JSON_NULL)) {
        if (required)
            fail(rd, obj->offset, "%s is missing", name);
        return NULL;
    }
    if (v->type != type) {
        fail(rd, v->offset, "%s must be %s", name, type_word(type));
        return NULL;
    }
    return v;
}

bool har_read_entry(const oas_json *entry, har_entry *e, har_fields *f, har_problem *problem)
{
    reader rd = {problem, true};
    memset(f, 0, sizeof *f);
    if (entry->type != OAS_JSON_OBJECT) {
        fail(&rd, entry->offset, "an entry must be an object");
        return false;
    }
    const oas_json *req = member(&rd, entry, "request", OAS_JSON_OBJECT, true, "request");
    const oas_json *method = member(&rd, req, "method", OAS_JSON_STRING, true, "request.method");
    f->url = member(&rd, req, "url", OAS_JSON_STRING, true, "request.url");
    const oas_json *resp = member(&rd, entry, "response", OAS_JSON_OBJECT, true, "response");
    f->status = member(&rd, resp, "status", OAS_JSON_NUMBER, true, "response.status");
    f->content = member(&rd, resp, "content", OAS_JSON_OBJECT, true, "response.content");
    f->mime = member(&rd, f->content, "mimeType", OAS_JSON_STRING, false, "response.content.mimeType");
    f->text = member(&rd, f->content, "text", OAS_JSON_STRING, false, "response.content.text");
    f->encoding =
        member(&rd, f->content, "encoding", OAS_JSON_STRING, false, "response.content.encoding");
    if (!rd.ok)
        return false;
    if (!(f->status->flags & OAS_JSON_F_INT64))
        fail(&rd, f->status->offset, "response.status must be an integer");
    /* Matching works on C strings: an embedded NUL would cut them short. */
    else if (memchr(method->u.str.ptr, '\0', method->u.str.len))
        fail(&rd, method->offset, "request.method contains a NUL character");
    else if (memchr(f->url->u.str.ptr, '\0', f->url->u.str.len))
        fail(&rd, f->url->offset, "request.url contains a NUL character");
    else if (!har_url_path(f->url->u.str.ptr, f->url->u.str.len, &e->path, &e->path_len))
        fail(&rd, f->url->offset, "request.url is not an absolute URL");
    if (!rd.ok)
        return false;
    e->method = method->u.str.ptr;
    e->method_len = method->u.str.len;
    e->url = f->url->u.str.ptr;
    e->url_len = f->url->u.str.len;
    e->status = f->status->u.num.i;
    return true;
}

/* Append one violation; the report owns copies of the strings. On an
 * allocation failure the report's status says so (no verdict is given). */
static void add(oas_report *r, const char *keyword, oas_buf *location, oas_buf *params,
                oas_buf *message, size_t offset)
{
    oas_violation v;
    memset(&v, 0, sizeof v);
    v.keyword = keyword;
    v.offset = offset;
    v.instance_location = oas_strdup("");
    v.keyword_location = oas_strdup("");
    v.absolute_keyword_location = oas_buf_steal(location, NULL); /* NULL once a buf failed */
    v.params = oas_buf_steal(params, NULL);
    v.message = oas_buf_steal(message, NULL);
    oas_violation *items = NULL;
    if (v.instance_location && v.keyword_location && v.absolute_keyword_location && v.params &&
        v.message)
        items = oas_realloc_array(r->items, r->count + 1, sizeof *items);
    if (!items) {
        oas_free(v.instance_location);
        oas_free(v.keyword_location);
        oas_free(v.absolute_keyword_location);
        oas_free(v.params);
        oas_free(v.message);
        r->status = OAS_ERR_NOMEM;
    } else {
        r->items = items;
        r->items[r->count++] = v;
        r->cap = r->count;
        r->total++;
    }
}

/* "#/paths/<template>/<method>" plus the given tail. */
static void operation_location(oas_buf *b, const oas_operation_entry *op, const char *tail)
{
    oas_buf_puts(b, "#/paths");
    oas_buf_pointer_token(b, op->path, strlen(op->path)); /* writes "/" + token */
    oas_buf_putc(b, '/');
    for (const char *m = op->method; *m; m++)
        oas_buf_putc(b, (char)tolower((unsigned char)*m));
    oas_buf_puts(b, tail);
}

void har_violation_operation(oas_report *r, const har_entry *e)
{
    oas_buf loc = OAS_BUF_INIT, params = OAS_BUF_INIT, msg = OAS_BUF_INIT;
    oas_buf_puts(&loc, "#/paths");
    oas_buf_puts(&params, "{\"method\":");
    oas_buf_json_string(&params, e->method, e->method_len);
    oas_buf_puts(&params, ",\"path\":");
    oas_buf_json_string(&params, e->path, e->path_len);
    oas_buf_putc(&params, '}');
    oas_buf_printf(&msg, "no operation matches %.*s %.*s", (int)e->method_len, e->method,
                   (int)e->path_len, e->path);
    add(r, "operation", &loc, &params, &msg, OAS_NO_OFFSET);
}

void har_violation_status(oas_report *r, const har_entry *e)
{
    oas_buf loc = OAS_BUF_INIT, params = OAS_BUF_INIT, msg = OAS_BUF_INIT;
    operation_location(&loc, e->op, "/responses");
    oas_buf_puts(&params, "{\"status\":");
    oas_buf_json_int64(&params, e->status);
    oas_buf_puts(&params, ",\"allowedValues\":[");
    oas_buf_printf(&msg, "status %lld is not documented for %s (documented:", (long long)e->status,
                   e->op->operation_id);
    for (size_t i = 0; i < e->op->response_count; i++) {
        const char *s = e->op->responses[i].status;
        if (i && strcmp(s, e->op->responses[i - 1].status) == 0)
            continue; /* one entry per content type: list each status once */
        if (i)
            oas_buf_putc(&params, ',');
        oas_buf_json_string(&params, s, strlen(s));
        oas_buf_printf(&msg, "%s %s", i ? "," : "", s);
    }
    oas_buf_puts(&params, "]}");
    oas_buf_puts(&msg, e->op->response_count ? ")" : " none)");
    add(r, "status", &loc, &params, &msg, OAS_NO_OFFSET);
}

void har_violation_content_type(oas_report *r, const har_entry *e, const char *type,
                                size_t type_len)
{
    oas_buf loc = OAS_BUF_INIT, params = OAS_BUF_INIT, msg = OAS_BUF_INIT, declared = OAS_BUF_INIT;
    operation_location(&loc, e->op, "/responses");
    oas_buf_pointer_token(&loc, e->response->status, strlen(e->response->status));
    oas_buf_puts(&loc, "/content");
    oas_buf_puts(&params, "{\"contentType\":");
    oas_buf_json_string(&params, type, type_len);
    oas_buf_puts(&params, ",\"allowedValues\":[");
    size_t n = 0;
    for (size_t i = 0; i < e->op->response_count; i++) {
        const oas_response_entry *resp = &e->op->responses[i];
        if (strcmp(resp->status, e->response->status) != 0 || !resp->content_type)
            continue;
        if (n++)
            oas_buf_putc(&params, ',');
        oas_buf_json_string(&params, resp->content_type, strlen(resp->content_type));
        oas_buf_printf(&declared, "%s%s", n > 1 ? ", " : "", resp->content_type);
    }
    oas_buf_puts(&params, "]}");
    const char *listed = oas_buf_status(&declared) == OAS_OK && declared.data ? declared.data : "";
    if (type_len)
        oas_buf_printf(&msg, "content type %.*s is not declared for %s %s (declared: %s)",
                       (int)type_len, type, e->op->operation_id, e->response->status, listed);
    else
        oas_buf_printf(&msg, "no content type; %s %s declares %s", e->op->operation_id,
                       e->response->status, listed);
    oas_buf_free(&declared);
    add(r, "contentType", &loc, &params, &msg, OAS_NO_OFFSET);
}

void har_violation_body_missing(oas_report *r, const har_entry *e)
{
    oas_buf loc = OAS_BUF_INIT, params = OAS_BUF_INIT, msg = OAS_BUF_INIT;
    oas_buf_puts(&loc, e->response->location ? e->response->location : "");
    oas_buf_puts(&params, "{}");
    oas_buf_printf(&msg, "the capture has no response body (response.content.text) to check"
                         " against %s %s", e->op->operation_id, e->response->status);
    add(r, "body", &loc, &params, &msg, OAS_NO_OFFSET);
}

void har_violation_not_json(oas_report *r, const har_entry *e, const oas_error *err)
{
    oas_buf loc = OAS_BUF_INIT, params = OAS_BUF_INIT, msg = OAS_BUF_INIT;
    oas_buf_puts(&loc, e->response->location ? e->response->location : "");
    oas_buf_printf(&params, "{\"code\":\"%s\"}", validate_error_code(err->code));
    oas_buf_puts(&msg, "response body is not JSON");
    if (err->offset != OAS_NO_OFFSET)
        oas_buf_printf(&msg, " (byte %zu)", err->offset);
    oas_buf_printf(&msg, ": %.*s", (int)validate_error_message_length(err), err->message);
    add(r, "json", &loc, &params, &msg, err->offset);
}
