/* oas_http_request.c - one request with retries: one curl attempt with the
 * safety options, and the retry loop. Header lists are in oas_http_headers.c.
 *
 * Speed: the options that never change between requests (safety options,
 * callbacks, limits) are set once per client, again only after a setter
 * changed one of them or the method changed; per attempt only the URL, the
 * timeouts (the deadline shrinks) and the body are set. Buffers live in the
 * client and are reused. */
#include "oas_http_internal.h"

#include <strings.h>
#include <string.h>
#include "oas_alloc.h"
#include "oas_buf.h"

#define TRACE_HEADERS_MAX 65536  /* response header text kept for the trace */

typedef oas_http_attempt attempt;

static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
    attempt *a = userdata;
    size_t len = size * n;
    /* The cap is checked before appending: returning less than len makes
     * curl abort the transfer with CURLE_WRITE_ERROR. */
    if (len > a->max_body || a->body.len > a->max_body - len) {
        a->too_large = true;
        return 0;
    }
    oas_buf_append(&a->body, data, len);
    return oas_buf_status(&a->body) == OAS_OK ? len : 0;
}

static bool name_is(const char *line, size_t len, const char *name, size_t n,
                    const char **value, size_t *vlen)
{
    if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
        return false;
    *value = line + n + 1;
    *vlen = len - n - 1;
    while (*vlen && ((*value)[*vlen - 1] == '\r' || (*value)[*vlen - 1] == '\n'))
        (*vlen)--;
    return true;
}

#define NAME_IS(name) name_is(line, len, name, sizeof name - 1, &v, &vlen)

static void forget_response(attempt *a)
{
    oas_buf_reset(&a->headers);
    oas_free(a->content_type);
    a->content_type = NULL;
    oas_http_rate_limit_reset(&a->rl);
}

/* A header of the client's rate-limit list: its value into a->rl, timed by
 * the client's wall clock at receipt. */
static void rate_limit_header(attempt *a, const char *line, size_t len)
{
    const oas_client *c = a->owner;
    const char *v;
    size_t vlen;
    for (size_t i = 0; i < c->rate_header_count; i++) {
        const char *name = c->rate_headers[i].name;
        if (name_is(line, len, name, strlen(name), &v, &vlen))
            oas_http_rate_limit_add(&a->rl, c->rate_headers[i].meaning, v, vlen,
                                    c->clock.wall_ms(c->clock.ctx));
    }
}

/* Returning less than the line's length aborts the transfer. */
static size_t header_nomem(attempt *a)
{
    a->nomem = true;
    return 0;
}

static size_t on_header(char *line, size_t size, size_t n, void *userdata)
{
    attempt *a = userdata;
    size_t len = size * n;
    const char *v;
    size_t vlen;
    /* The first letter picks the few names worth comparing. */
    switch (len ? line[0] | 0x20 : 0) {
    case 'h':
        if (len >= 5 && memcmp(line, "HTTP/", 5) == 0)
            forget_response(a); /* a new response (after a redirect or 1xx) */
        break;
    case 'c':
        if (NAME_IS("Content-Type")) {
            while (vlen && (*v == ' ' || *v == '\t'))
                v++, vlen--;
            oas_free(a->content_type);
            if (!(a->content_type = oas_strndup(v, vlen)))
                return header_nomem(a);
        }
        break;
    default:
        break;
    }
    rate_limit_header(a, line, len);
    if (a->keep_headers && a->headers.len + len <= TRACE_HEADERS_MAX)
        oas_buf_append(&a->headers, line, len);
    return len;
}

/* Ready for an attempt; the body buffer keeps its room from a failed try. */
static void attempt_begin(attempt *a, size_t max_body, bool keep_headers)
{
    if (oas_buf_status(&a->body) != OAS_OK)
        oas_buf_free(&a->body);
    oas_buf_reset(&a->body);
    if (oas_buf_status(&a->headers) != OAS_OK)
        oas_buf_free(&a->headers);
    forget_response(a);
    a->max_body = max_body;
    a->keep_headers = keep_headers;
    a->too_large = false;
    a->nomem = false;
    a->status = 0;
    a->errbuf[0] = '\0';
}

static bool method_idempotent(const char *m)
{
    return !strcmp(m, "GET") || !strcmp(m, "HEAD") || !strcmp(m, "PUT") ||
           !strcmp(m, "DELETE") || !strcmp(m, "OPTIONS");
}

static bool status_retryable(long s) { return s == 429 || s == 502 || s == 503 || s == 504; }

/* Transport failures worth another attempt: the server may not have seen
 * the request, or the network hiccupped. TLS, DNS and size failures are not. */
static bool curl_retryable(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return true;
    default:
        return false;
    }
}

static oas_status curl_status(CURLcode rc, const attempt *a, long redirects)
{
    if (a->nomem)
        return OAS_ERR_NOMEM;
    if (a->too_large || rc == CURLE_FILESIZE_EXCEEDED)
        return OAS_ERR_HTTP_TOO_LARGE;
    if (rc == CURLE_OPERATION_TIMEDOUT)
        return OAS_ERR_HTTP_TIMEOUT;
    if (rc == CURLE_TOO_MANY_REDIRECTS || (rc == CURLE_UNSUPPORTED_PROTOCOL && redirects > 0))
        return OAS_ERR_HTTP_REDIRECT;
    if (rc == CURLE_OUT_OF_MEMORY)
        return OAS_ERR_NOMEM;
    if (rc == CURLE_WRITE_ERROR)  /* our buffer failed to grow */
        return OAS_ERR_NOMEM;
    return OAS_ERR_HTTP_TRANSPORT;
}

/* curl copies string options: CURLE_OUT_OF_MEMORY is ours to report. */
static bool setopt_ok(oas_client *c, CURLcode rc)
{
    if (rc == CURLE_OUT_OF_MEMORY)
        c->attempt.nomem = true;
    return rc == CURLE_OK;
}

#define SETOPT(opt, val) ok = ok && setopt_ok(c, oas_curl.easy_setopt(h, opt, val))

/* The options that stay the same from request to request: safety rules,
 * limits, callbacks and the method. A reset first, so nothing a previous
 * method set lingers; curl_easy_reset keeps the connection cache. */
static bool configure_fixed(oas_client *c, const oas_http_request *req)
{
    CURL *h = c->curl;
    bool ok = true;
    oas_curl.easy_reset(h);
    c->curl_ready = false;
    c->header_list_set = false;
    oas_free(c->curl_method);
    c->curl_method = NULL;
    SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
    SETOPT(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    SETOPT(CURLOPT_FOLLOWLOCATION, c->max_redirects > 0 ? 1L : 0L);
    SETOPT(CURLOPT_MAXREDIRS, c->max_redirects);
    SETOPT(CURLOPT_UNRESTRICTED_AUTH, 0L);
    SETOPT(CURLOPT_SSL_VERIFYPEER, 1L);
    SETOPT(CURLOPT_SSL_VERIFYHOST, 2L);
    SETOPT(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    if (c->ca_file)
        SETOPT(CURLOPT_CAINFO, c->ca_file);
    SETOPT(CURLOPT_NOSIGNAL, 1L);
    SETOPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_body);
    SETOPT(CURLOPT_WRITEFUNCTION, on_body);
    SETOPT(CURLOPT_WRITEDATA, &c->attempt);
    SETOPT(CURLOPT_HEADERFUNCTION, on_header);
    SETOPT(CURLOPT_HEADERDATA, &c->attempt);
    SETOPT(CURLOPT_ERRORBUFFER, c->attempt.errbuf);
    if (!strcmp(req->method, "GET")) {
        SETOPT(CURLOPT_HTTPGET, 1L);
    } else if (!strcmp(req->method, "HEAD")) {
        SETOPT(CURLOPT_NOBODY, 1L);
    } else {
        SETOPT(CURLOPT_CUSTOMREQUEST, req->method);
    }
    if (!ok)
        return false;
    if (!(c->curl_method = oas_strdup(req->method))) {
        c->attempt.nomem = true;
        return false;
    }
    c->curl_has_body = req->body != NULL;
    c->curl_ready = true;
    return true;
}

/* What changes per attempt: URL (curl forgets it after a redirect), header
 * list when it was rebuilt, timeouts (the deadline shrinks) and the body. */
static bool configure(oas_client *c, const oas_http_request *req, const char *url,
                      long timeout_ms)
{
    bool same_shape = c->curl_ready && c->curl_method && !strcmp(c->curl_method, req->method) &&
                      c->curl_has_body == (req->body != NULL);
    if (!same_shape && !configure_fixed(c, req))
        return false;
    CURL *h = c->curl;
    bool ok = true;
    SETOPT(CURLOPT_URL, url);
    if (!c->header_list_set) {
        SETOPT(CURLOPT_HTTPHEADER, c->header_list);
        c->header_list_set = ok;
    }
    SETOPT(CURLOPT_CONNECTTIMEOUT_MS, c->connect_ms < timeout_ms ? c->connect_ms : timeout_ms);
    SETOPT(CURLOPT_TIMEOUT_MS, timeout_ms);
    if (req->body) {
        SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
        SETOPT(CURLOPT_POSTFIELDS, req->body);
        if (strcmp(req->method, "POST") != 0)
            SETOPT(CURLOPT_CUSTOMREQUEST, req->method);
    }
    if (!ok)
        c->curl_ready = false; /* start from a reset next time */
    return ok;
}

static double info_ms(CURL *h, CURLINFO what)
{
    curl_off_t us = 0;
    oas_curl.easy_getinfo(h, what, &us);
    return (double)us / 1000.0;
}

static void emit_trace(oas_client *c, const oas_http_request *req, const char *url,
                       unsigned n, CURLcode rc, const attempt *a, int64_t next_wait)
{
    if (!c->trace)
        return;
    oas_http_trace t = {
        .method = req->method, .url = url, .attempt = n, .status = a->status,
        .error = rc == CURLE_OK ? NULL : (a->errbuf[0] ? a->errbuf : oas_curl.easy_strerror(rc)),
        .connect_ms = info_ms(c->curl, CURLINFO_CONNECT_TIME_T),
        .tls_ms = info_ms(c->curl, CURLINFO_APPCONNECT_TIME_T),
        .first_byte_ms = info_ms(c->curl, CURLINFO_STARTTRANSFER_TIME_T),
        .total_ms = info_ms(c->curl, CURLINFO_TOTAL_TIME_T),
        .request_headers = c->trace_headers.data ? c->trace_headers.data : "",
        .response_headers = a->headers.data ? a->headers.data : "",
        .next_wait_ms = next_wait,
    };
    c->trace(&t, c->trace_ctx);
}

static oas_status check_request(const oas_client *c, const oas_http_request *req, oas_error *err)
{
    if (!c || !req || !req->method || !req->path_and_query)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "client, request, method and path are required");
    if (!c->server)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "no server: set one with oas_client_set_server or "
                             "oas_client_use_spec_server");
    if (!oas_http_header_name_ok(req->method, strlen(req->method)))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "invalid method");
    const char *p = req->path_and_query;
    if (*p != '/')
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "path must start with '/'");
    for (; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f)
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "path contains a space or control character (not encoded)");
    return OAS_OK;
}

/* How the retry loop goes on after one attempt. */
typedef struct verdict {
    oas_status status;   /* OAS_OK = an HTTP response arrived */
    bool retryable;
} verdict;

static verdict run_attempt(oas_client *c, const oas_http_request *req, const char *url,
                           long timeout_ms, CURLcode *rc_out, oas_error *err)
{
    verdict v = {OAS_OK, false};
    attempt *a = &c->attempt;
    attempt_begin(a, c->max_body, c->trace != NULL);
    if (!configure(c, req, url, timeout_ms)) {
        v.status = a->nomem ? oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory")
                            : oas_error_set(err, OAS_ERR_UNSUPPORTED, NULL, OAS_NO_OFFSET,
                                            "libcurl refused a required safety option");
        *rc_out = CURLE_OK;
        return v;
    }
    CURLcode rc = oas_curl.easy_perform(c->curl);
    *rc_out = rc;
    oas_curl.easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &a->status);
    if (rc == CURLE_OK && oas_buf_status(&a->body) != OAS_OK)
        rc = CURLE_WRITE_ERROR;
    if (rc != CURLE_OK) {
        long redirects = 0;
        oas_curl.easy_getinfo(c->curl, CURLINFO_REDIRECT_COUNT, &redirects);
        v.status = curl_status(rc, a, redirects);
        v.retryable = !a->too_large && curl_retryable(rc) && method_idempotent(req->method);
        const char *what = a->too_large ? "response body over the size limit"
                           : a->errbuf[0] ? a->errbuf : oas_curl.easy_strerror(rc);
        char shown[OAS_ERROR_MESSAGE_MAX];
        oas_http_url_redacted(url, shown, sizeof shown);
        oas_error_set(err, v.status, NULL, OAS_NO_OFFSET, "%s %s: %s", req->method, shown, what);
        return v;
    }
    c->last_rate_limit = a->rl;
    v.retryable = status_retryable(a->status);
    return v;
}

static oas_status take_response(attempt *a, oas_http_response *resp, oas_error *err)
{
    resp->status = a->status;
    resp->rate_limit = a->rl;
    resp->body = oas_buf_steal(&a->body, &resp->body_len);
    resp->content_type = a->content_type;
    a->content_type = NULL;
    if (!resp->body)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    return OAS_OK;
}

/* server + path into the client's reused URL buffer. */
static const char *build_url(oas_client *c, const char *path_and_query)
{
    if (oas_buf_status(&c->url) != OAS_OK)
        oas_buf_free(&c->url);
    oas_buf_reset(&c->url);
    oas_buf_puts(&c->url, c->server);
    oas_buf_puts(&c->url, path_and_query);
    return oas_buf_status(&c->url) == OAS_OK ? c->url.data : NULL;
}

oas_status oas_client_request(oas_client *c, const oas_http_request *req,
                              oas_http_response *resp, oas_error *err)
{
    if (!resp)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "response is NULL");
    oas_http_response_init(resp);
    oas_status st = check_request(c, req, err);
    if (st != OAS_OK)
        return st;
    st = oas_http_prepare_headers(c, req, err);
    const char *url = build_url(c, req->path_and_query);
    if (st == OAS_OK && !url)
        st = oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    oas_http_rate_limit_reset(&c->last_rate_limit);
    const oas_http_clock *k = &c->clock;
    int64_t deadline = k->monotonic_ms(k->ctx) + c->deadline_ms;
    for (unsigned n = 1; st == OAS_OK; n++) {
        int64_t left = deadline - k->monotonic_ms(k->ctx);
        if (left <= 0) {
            char shown[OAS_ERROR_MESSAGE_MAX];
            oas_http_url_redacted(url, shown, sizeof shown);
            st = oas_error_set(err, OAS_ERR_HTTP_TIMEOUT, NULL, OAS_NO_OFFSET,
                               "%s %s: deadline of %ld ms passed after %u attempts",
                               req->method, shown, c->deadline_ms, n - 1);
            break;
        }
        CURLcode rc;
        verdict v = run_attempt(c, req, url, left < c->attempt_ms ? (long)left : c->attempt_ms,
                                &rc, err);
        attempt *a = &c->attempt;
        resp->attempts = n;
        int64_t wait = -1;
        if (v.retryable) {
            if (n >= c->retry.max_attempts) {
                resp->gave_up = OAS_GIVEUP_ATTEMPTS;
            } else {
                wait = v.status == OAS_OK ? oas_http_server_wait_ms(&a->rl, k->wall_ms(k->ctx)) : -1;
                if (wait < 0)
                    wait = oas_http_backoff_ms(n - 1, c->retry.base_ms, c->retry.cap_ms,
                                               k->random_u32(c->random_ctx));
                if (k->monotonic_ms(k->ctx) + wait >= deadline) {
                    resp->gave_up = OAS_GIVEUP_DEADLINE;
                    wait = -1;
                }
            }
        }
        emit_trace(c, req, url, n, rc, a, wait);
        if (wait < 0) {
            st = v.status == OAS_OK ? take_response(a, resp, err) : v.status;
            break;
        }
        k->sleep_ms(k->ctx, wait);
        resp->waited_ms += wait;
    }
    /* A body not handed over (a failed transfer) is not kept until the next
     * request; after take_response the buffer is already empty. */
    forget_response(&c->attempt);
    oas_buf_free(&c->attempt.body);
    return st;
}

void oas_http_request_state_free(oas_client *c)
{
    oas_http_headers_free(c);
    oas_buf_free(&c->url);
    oas_free(c->curl_method);
    c->curl_method = NULL;
    attempt *a = &c->attempt;
    forget_response(a);
    oas_buf_free(&a->body);
    oas_buf_free(&a->headers);
}
