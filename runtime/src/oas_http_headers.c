/* oas_http_headers.c - the request's header list: the caller's headers
 * (checked, a later one of a name replacing an earlier one), then the
 * runtime's, which replace any caller header of their name; the redacted
 * copy for the trace.
 *
 * The lines are written by hand into a reused buffer and compared with the
 * ones the client's curl list was built from: a repeated request (the usual
 * case) reuses the list, with no printf and no allocation. */
#include "oas_http_internal.h"

#include <strings.h>
#include <string.h>
#include "oas_alloc.h"

/* Authorization is the runtime's only when the client holds a token: a
 * request built from a spec's security schemes (oas_call.h) carries its own
 * credential in it otherwise. */
static bool is_runtime_header(const oas_client *c, const char *name)
{
    static const char *const names[] = {"User-Agent", "Accept", "Content-Type", "Expect"};
    if (strcasecmp(name, "Authorization") == 0)
        return c->token != NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return true;
    return false;
}

/* "Name: value" and its NUL into the lines; "Name: value\r\n" into the trace
 * text (when tracing) with a secret value redacted. */
static void add_line(oas_client *c, const char *name, const char *value, bool secret)
{
    size_t nlen = strlen(name), vlen = strlen(value);
    oas_buf *b = &c->header_next;
    oas_buf_append(b, name, nlen);
    oas_buf_append(b, ": ", 2);
    oas_buf_append(b, value, vlen + 1); /* with the NUL */
    if (!c->trace)
        return;
    oas_buf_append(&c->trace_headers, name, nlen);
    oas_buf_append(&c->trace_headers, ": ", 2);
    if (secret)
        oas_buf_append(&c->trace_headers, "[REDACTED]", 10);
    else
        oas_buf_append(&c->trace_headers, value, vlen);
    oas_buf_append(&c->trace_headers, "\r\n", 2);
}

static oas_status check_headers(const oas_http_request *req, oas_error *err)
{
    for (size_t i = 0; i < req->header_count; i++) {
        const oas_http_header *h = &req->headers[i];
        if (!h->name || !oas_http_header_name_ok(h->name, strlen(h->name)))
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "header %zu: invalid header name", i);
        if (!h->value || !oas_http_header_value_ok(h->value, strlen(h->value)))
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "header %s: value contains CR, LF or NUL", h->name);
    }
    return OAS_OK;
}

static void wipe(oas_buf *b)
{
    /* volatile so the wipe of the token is not optimised away */
    for (volatile char *p = b->data, *end = b->data + b->cap; p && p < end; p++)
        *p = 0;
}

/* Empty again; a buffer whose growth failed starts afresh (its failure is
 * sticky otherwise). */
static void restart(oas_buf *b)
{
    if (oas_buf_status(b) == OAS_OK) {
        oas_buf_reset(b);
    } else {
        wipe(b);
        oas_buf_free(b);
    }
}

static void write_lines(oas_client *c, const oas_http_request *req)
{
    restart(&c->header_next);
    restart(&c->trace_headers);
    for (size_t i = 0; i < req->header_count; i++) {
        const oas_http_header *h = &req->headers[i];
        bool replaced = is_runtime_header(c, h->name);
        for (size_t j = i + 1; !replaced && j < req->header_count; j++)
            replaced = strcasecmp(h->name, req->headers[j].name) == 0;
        if (!replaced) /* a caller's Authorization is a credential too: never traced */
            add_line(c, h->name, h->value, strcasecmp(h->name, "Authorization") == 0);
    }
    if (c->token)
        add_line(c, "Authorization", c->token, true);
    add_line(c, "User-Agent", c->user_agent, false);
    add_line(c, "Accept", "application/json", false);
    if (req->body) {
        add_line(c, "Content-Type", req->content_type ? req->content_type : "application/json",
                 false);
        /* An empty "Expect:" stops curl's 100-continue wait on bodies. */
        oas_buf_append(&c->header_next, "Expect:", 8);
    }
}

/* A new curl list from the NUL-separated lines. */
static struct curl_slist *list_from_lines(const oas_buf *lines)
{
    struct curl_slist *list = NULL;
    for (size_t at = 0; at < lines->len;) {
        const char *line = lines->data + at;
        struct curl_slist *next = oas_curl.slist_append(list, line);
        if (!next) {
            oas_curl.slist_free_all(list);
            return NULL;
        }
        list = next;
        at += strlen(line) + 1;
    }
    return list;
}

oas_status oas_http_prepare_headers(oas_client *c, const oas_http_request *req, oas_error *err)
{
    oas_status st = check_headers(req, err);
    if (st != OAS_OK)
        return st;
    write_lines(c, req);
    if (oas_buf_status(&c->header_next) != OAS_OK || oas_buf_status(&c->trace_headers) != OAS_OK)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    if (c->header_list && c->header_lines.len == c->header_next.len &&
        memcmp(c->header_lines.data, c->header_next.data, c->header_next.len) == 0)
        return OAS_OK;
    struct curl_slist *list = list_from_lines(&c->header_next);
    if (!list)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    oas_curl.slist_free_all(c->header_list);
    c->header_list = list;
    c->header_list_set = false;
    oas_buf swap = c->header_lines;
    c->header_lines = c->header_next;
    c->header_next = swap;
    return OAS_OK;
}

void oas_http_headers_free(oas_client *c)
{
    oas_curl.slist_free_all(c->header_list);
    c->header_list = NULL;
    wipe(&c->header_lines);
    wipe(&c->header_next);
    oas_buf_free(&c->header_lines);
    oas_buf_free(&c->header_next);
    oas_buf_free(&c->trace_headers);
}
