/* oas_http.c - the client handle: global init, create/destroy, setters and
 * the real clock. Requests are in oas_http_request.c. */
#include "oas_http_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include "oas_alloc.h"
#include "oas_version.h"

static bool global_done;

oas_status oas_http_global_init(oas_error *err)
{
    if (global_done)
        return OAS_OK;
    oas_status st = oas_curl_load(err);
    if (st != OAS_OK)
        return st;
    CURLcode rc = oas_curl.global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK)
        return oas_error_set(err, OAS_ERR_HTTP_TRANSPORT, NULL, OAS_NO_OFFSET,
                             "curl_global_init: %s", oas_curl.easy_strerror(rc));
    global_done = true;
    return OAS_OK;
}

void oas_http_global_cleanup(void)
{
    if (global_done)
        oas_curl.global_cleanup();
    global_done = false;
}

static int64_t clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t real_monotonic(void *ctx) { (void)ctx; return clock_ms(CLOCK_MONOTONIC); }
static int64_t real_wall(void *ctx) { (void)ctx; return clock_ms(CLOCK_REALTIME); }

static void real_sleep(void *ctx, int64_t ms)
{
    (void)ctx;
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;  /* EINTR: sleep the rest */
}

/* Jitter needs spread, not secrecy: xorshift64 per client is enough. */
static uint32_t real_random(void *ctx)
{
    uint64_t *s = ctx;
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 32);
}

void oas_client_set_clock(oas_client *c, const oas_http_clock *clock)
{
    if (!c)
        return;
    oas_http_clock k = clock ? *clock : (oas_http_clock){0};
    c->clock.monotonic_ms = k.monotonic_ms ? k.monotonic_ms : real_monotonic;
    c->clock.wall_ms = k.wall_ms ? k.wall_ms : real_wall;
    c->clock.sleep_ms = k.sleep_ms ? k.sleep_ms : real_sleep;
    c->clock.random_u32 = k.random_u32 ? k.random_u32 : real_random;
    /* The caller's functions get the caller's context; the real random
     * function keeps its state in the client, never in that context. */
    c->clock.ctx = k.ctx;
    c->random_ctx = k.random_u32 ? k.ctx : &c->rng;
}

void oas_http_rate_limit_reset(oas_rate_limit *rl)
{
    rl->retry_after_ms = rl->reset_epoch_ms = rl->remaining = -1;
}

oas_status oas_client_create(oas_client **out, oas_error *err)
{
    if (!out)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "out is NULL");
    *out = NULL;
    oas_status st = oas_curl_load(err);
    if (st != OAS_OK)
        return st;
    oas_client *c = oas_calloc(1, sizeof *c);
    if (!c)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    c->curl = oas_curl.easy_init();
    /* No default server: a token must never go to a host the caller did not
       name (oas_client_set_server, or oas_client_use_spec_server). */
    if (!c->curl || oas_client_set_user_agent(c, NULL, err) != OAS_OK) {
        oas_client_destroy(c);
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET,
                             "cannot create the HTTP client");
    }
    oas_client_set_timeouts(c, 0, 0, 0);
    c->max_body = OAS_HTTP_DEFAULT_MAX_BODY;
    c->max_redirects = OAS_HTTP_DEFAULT_MAX_REDIRECTS;
    oas_client_set_retry(c, NULL);
    c->rng = (uint64_t)clock_ms(CLOCK_REALTIME) * 2654435761u + (uintptr_t)c;
    if (!c->rng)
        c->rng = 88172645463325252u;
    oas_client_set_clock(c, NULL);
    oas_http_rate_limit_reset(&c->last_rate_limit);
    oas_client_set_rate_limit_headers(c, NULL, 0, NULL);
    c->attempt.owner = c;
    oas_buf_init(&c->header_lines);
    oas_buf_init(&c->header_next);
    oas_buf_init(&c->trace_headers);
    oas_buf_init(&c->url);
    oas_buf_init(&c->attempt.body);
    oas_buf_init(&c->attempt.headers);
    *out = c;
    return OAS_OK;
}

static void wipe_free(char *s)
{
    if (!s)
        return;
    /* volatile so the wipe of a secret is not optimised away */
    for (volatile char *p = s; *p; p++)
        *p = 0;
    oas_free(s);
}

void oas_client_destroy(oas_client *c)
{
    if (!c)
        return;
    if (c->curl)
        oas_curl.easy_cleanup(c->curl);
    oas_http_request_state_free(c);
    oas_free(c->server);
    wipe_free(c->token);
    oas_client_credentials_free(c);
    oas_client_rate_limit_free(c);
    oas_free(c->user_agent);
    oas_free(c->ca_file);
    oas_json_scratch_free(c->parse_scratch);
    oas_free(c);
}

void oas_http_url_redacted(const char *url, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    if (!url)
        url = "";
    const char *scheme_end = strstr(url, "://");
    size_t keep = scheme_end ? (size_t)(scheme_end - url) + 3 : 0;
    /* The last '@' ends any userinfo however its password is written (with
     * '@', '/', '#' or '\' in it); a '@' in a path hides more, never less. */
    const char *at = strrchr(url + keep, '@');
    if (!at) {
        snprintf(out, cap, "%s", url);
        return;
    }
    snprintf(out, cap, "%.*s***%s", (int)keep, url, at);
}

/* Error messages quote the URL only through oas_http_url_redacted. */
static oas_status refuse_url(oas_error *err, const char *what, const char *url)
{
    char shown[OAS_ERROR_MESSAGE_MAX];
    oas_http_url_redacted(url, shown, sizeof shown);
    return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "%s: \"%.100s\"", what,
                         shown);
}

/* The checks libcurl's parser would not make, or would make differently
 * from other parsers; on the raw text, before curl sees it. */
static oas_status check_url_text(const char *url, oas_error *err)
{
    size_t skip;
    if (strncmp(url, "http://", 7) == 0)
        skip = 7;
    else if (strncmp(url, "https://", 8) == 0)
        skip = 8;
    else
        skip = 0;
    if (!skip || url[skip] == '\0' || url[skip] == '/')
        return refuse_url(err, "server must be default, federal, eu or an http(s) URL "
                               "without query", url);
    for (const char *p = url; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c >= 0x7f)
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "server URL contains a space, a control or a non-ASCII "
                                 "character");
    }
    /* "http://a\@b/" is host b to curl and host a to a WHATWG parser. */
    if (strchr(url, '\\'))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "server URL contains a backslash");
    if (strpbrk(url, "?#"))
        return refuse_url(err, "server URL must not have a query or a fragment", url);
    /* Any '@' before the path is userinfo, even an empty one. */
    const char *authority_end = url + skip + strcspn(url + skip, "/");
    const char *at = memchr(url + skip, '@', (size_t)(authority_end - (url + skip)));
    if (at)
        return refuse_url(err, "server URL must not contain a user name or password", url);
    return OAS_OK;
}

/* Whether u has a non-empty part; false with *nomem set when curl could not
 * allocate the copy (curl reports an absent part with another code). */
static bool url_part_present(CURLU *u, CURLUPart part, bool *nomem)
{
    char *value = NULL;
    CURLUcode rc = oas_curl.url_get(u, part, &value, 0);
    if (rc == CURLUE_OUT_OF_MEMORY)
        *nomem = true;
    bool present = rc == CURLUE_OK && value && *value;
    oas_curl.free(value);
    return present;
}

/* url checked and parsed by libcurl, the one parser that later sends the
 * request; *out gets its normal form without trailing '/' (oas_free). */
static oas_status parse_server_url(const char *url, char **out, oas_error *err)
{
    oas_status st = check_url_text(url, err);
    if (st != OAS_OK)
        return st;
    CURLU *u = oas_curl.url();
    if (!u)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    char *scheme = NULL, *normal = NULL;
    bool nomem = false, userinfo = false, host = false;
    CURLUcode rc = oas_curl.url_set(u, CURLUPART_URL, url, 0);
    if (rc == CURLUE_OK)
        rc = oas_curl.url_get(u, CURLUPART_SCHEME, &scheme, 0);
    if (rc == CURLUE_OK)
        rc = oas_curl.url_get(u, CURLUPART_URL, &normal, 0);
    if (rc == CURLUE_OK) {
        userinfo = url_part_present(u, CURLUPART_USER, &nomem) ||
                   url_part_present(u, CURLUPART_PASSWORD, &nomem) ||
                   url_part_present(u, CURLUPART_OPTIONS, &nomem);
        host = url_part_present(u, CURLUPART_HOST, &nomem);
    }
    if (rc == CURLUE_OUT_OF_MEMORY || nomem) {
        st = oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    } else if (rc != CURLUE_OK) {
        char what[128];
        snprintf(what, sizeof what, "server URL is malformed (%s)", oas_curl.url_strerror(rc));
        st = refuse_url(err, what, url);
    } else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
        st = refuse_url(err, "server must be default, federal, eu or an http(s) URL "
                             "without query", url);
    } else if (userinfo) {
        st = refuse_url(err, "server URL must not contain a user name or password", url);
    } else if (!host) {
        st = refuse_url(err, "server URL has no host", url);
    } else {
        size_t len = strlen(normal);
        while (len > 0 && normal[len - 1] == '/')
            len--;
        if (!(*out = oas_strndup(normal, len)))
            st = oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    }
    oas_curl.free(scheme);
    oas_curl.free(normal);
    oas_curl.url_cleanup(u);
    return st;
}

oas_status oas_client_set_server(oas_client *c, const char *url, oas_error *err)
{
    if (!c || !url)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "server is NULL");
    char *copy = NULL;
    oas_status st = parse_server_url(url, &copy, err);
    if (st != OAS_OK)
        return st;
    oas_free(c->server);
    c->server = copy;
    return OAS_OK;
}

const char *oas_client_server(const oas_client *c) { return c ? c->server : NULL; }

oas_status oas_client_set_token(oas_client *c, const char *token, oas_error *err)
{
    if (!c)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "client is NULL");
    /* The messages never quote the token. */
    if (token && (!*token || !oas_http_header_value_ok(token, strlen(token))))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "access token is empty or contains CR, LF or NUL");
    /* A blank token would go out as an empty Authorization header. */
    if (token && token[strspn(token, " \t")] == '\0')
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "access token is only spaces or tabs");
    char *copy = NULL;
    if (token && !(copy = oas_strdup(token)))
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    wipe_free(c->token);
    c->token = copy;
    return OAS_OK;
}

bool oas_client_has_token(const oas_client *c) { return c && c->token; }

oas_status oas_client_set_user_agent(oas_client *c, const char *product, oas_error *err)
{
    if (!c)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "client is NULL");
    if (!product)
        product = "oas2c-client";
    size_t plen = strlen(product);
    if (!plen || !oas_http_header_value_ok(product, plen))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "user agent is empty or contains CR, LF or NUL");
    static const char suffix[] = " oas2c-runtime/" OAS_VERSION;
    char *ua = oas_malloc(plen + sizeof suffix);
    if (!ua)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    memcpy(ua, product, plen);
    memcpy(ua + plen, suffix, sizeof suffix);
    oas_free(c->user_agent);
    c->user_agent = ua;
    return OAS_OK;
}

oas_status oas_client_set_ca_file(oas_client *c, const char *path, oas_error *err)
{
    if (!c)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "client is NULL");
    char *copy = NULL;
    if (path && !(copy = oas_strdup(path)))
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    oas_free(c->ca_file);
    c->ca_file = copy;
    c->curl_ready = false;
    return OAS_OK;
}

void oas_client_set_timeouts(oas_client *c, long connect_ms, long per_attempt_ms, long deadline_ms)
{
    if (!c)
        return;
    c->connect_ms = connect_ms > 0 ? connect_ms : OAS_HTTP_DEFAULT_CONNECT_TIMEOUT_MS;
    c->attempt_ms = per_attempt_ms > 0 ? per_attempt_ms : OAS_HTTP_DEFAULT_TIMEOUT_MS;
    c->deadline_ms = deadline_ms > 0 ? deadline_ms : OAS_HTTP_DEFAULT_DEADLINE_MS;
}

void oas_client_set_max_body(oas_client *c, size_t max_bytes)
{
    if (c) {
        c->max_body = max_bytes ? max_bytes : OAS_HTTP_DEFAULT_MAX_BODY;
        c->curl_ready = false;
    }
}

void oas_client_set_max_redirects(oas_client *c, long max)
{
    if (c) {
        c->max_redirects = max > 0 ? max : 0;
        c->curl_ready = false;
    }
}

void oas_client_set_retry(oas_client *c, const oas_retry_policy *policy)
{
    if (!c)
        return;
    static const oas_retry_policy defaults = {4, 500, 8000};
    c->retry = policy ? *policy : defaults;
    if (c->retry.max_attempts == 0)
        c->retry.max_attempts = 1;
}

void oas_client_set_trace(oas_client *c, oas_http_trace_fn fn, void *ctx)
{
    if (c) {
        c->trace = fn;
        c->trace_ctx = ctx;
    }
}

void oas_client_set_validation(oas_client *c, oas_validation_mode mode)
{
    if (c)
        c->validation = mode;
}

oas_validation_mode oas_client_validation(const oas_client *c)
{
    return c ? c->validation : OAS_VALIDATE_OFF;
}

void oas_client_set_assert_formats(oas_client *c, bool assert_formats)
{
    if (c)
        c->assert_formats = assert_formats;
}

bool oas_client_asserts_formats(const oas_client *c)
{
    return c && c->assert_formats;
}

const oas_rate_limit *oas_client_last_rate_limit(const oas_client *c)
{
    return c ? &c->last_rate_limit : NULL;
}

void oas_http_response_init(oas_http_response *r)
{
    if (!r)
        return;
    memset(r, 0, sizeof *r);
    oas_http_rate_limit_reset(&r->rate_limit);
}

void oas_http_response_free(oas_http_response *r)
{
    if (!r)
        return;
    oas_free(r->body);
    oas_free(r->content_type);
    oas_http_response_init(r);
}
