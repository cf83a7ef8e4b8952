/* test_cov_http_client.c - the HTTP client's setters and their validation
 * (NULL handles, server URLs, tokens, user agents, out of memory), request
 * checks before any I/O, every method's shape on the wire, the retry policy
 * at its edges (defaults, max_attempts 0, backoff past the deadline, a
 * deadline gone before the first attempt, non-idempotent methods), the
 * trace (exact redacted request headers, response headers, waits, errors),
 * response header parsing, redirects and body caps. Loopback only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "failing_alloc.h"
#include "fake_clock.h"
#include "http_fixture.h"
#include "http_test_server.h"
#include "oas_http.h"
#include "oas_version.h"

#define WALL_BASE FAKE_CLOCK_WALL_BASE
#define UA_SUFFIX " oas2c-runtime/" OAS_VERSION


typedef struct trace_event {
    char method[16];
    char url[256];
    unsigned attempt;
    long status;
    char error[256];
    bool has_error;
    char request_headers[1024];
    char *response_headers;
    size_t response_headers_len;
    int64_t next_wait_ms;
} trace_event;

typedef struct fixture {
    hts_server *srv;
    oas_client *client;
    fake_clock clock;
    oas_http_response resp;
    oas_error err;
    trace_event events[8];
    size_t event_count;
} fixture;

static void on_trace(const oas_http_trace *t, void *ctx)
{
    fixture *f = ctx;
    if (f->event_count >= 8)
        return;
    trace_event *e = &f->events[f->event_count++];
    snprintf(e->method, sizeof e->method, "%s", t->method);
    snprintf(e->url, sizeof e->url, "%s", t->url);
    e->attempt = t->attempt;
    e->status = t->status;
    e->has_error = t->error != NULL;
    snprintf(e->error, sizeof e->error, "%s", t->error ? t->error : "");
    snprintf(e->request_headers, sizeof e->request_headers, "%s", t->request_headers);
    e->response_headers_len = strlen(t->response_headers);
    e->response_headers = strdup(t->response_headers);
    e->next_wait_ms = t->next_wait_ms;
}

/* An API's own rate-limit headers, as a spec would declare them. */
static void declare_rate_limit_headers(fixture *f)
{
    static const oas_rate_limit_header list[] = {
        {"Retry-After", OAS_RATE_LIMIT_RETRY_AFTER},
        {"X-Ratelimit-Reset", OAS_RATE_LIMIT_RESET_EPOCH_MS},
        {"X-Ratelimit-Global-Remaining", OAS_RATE_LIMIT_REMAINING},
        {"X-Ratelimit-Route-Remaining", OAS_RATE_LIMIT_REMAINING},
    };
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, list, 4, &f->err), OAS_OK);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    oas_retry_policy p = {4, 100, 1000};
    http_fixture_start(&f->srv, &f->client, "api-secret-token", &p);
    assert_int_equal(oas_client_set_user_agent(f->client, "covtest/1", &f->err), OAS_OK);
    f->clock.sentinel = 0x5e5e5e5e5e5e5e5eULL;
    f->clock.random_value = 250;
    http_fixture_fake_clock(f->client, &f->clock);
    oas_client_set_trace(f->client, on_trace, f);
    oas_http_response_init(&f->resp);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < f->event_count; i++)
        free(f->events[i].response_headers);
    oas_http_response_free(&f->resp);
    http_fixture_stop(f->srv, f->client);
    free(f);
    return 0;
}

static oas_status send_req(fixture *f, const oas_http_request *req)
{
    oas_http_response_free(&f->resp);
    return oas_client_request(f->client, req, &f->resp, &f->err);
}

static oas_status get(fixture *f, const char *path)
{
    oas_http_request req = {.method = "GET", .path_and_query = path};
    return send_req(f, &req);
}

static void use_closed_port(fixture *f)
{
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u", (unsigned)hts_closed_port());
    assert_int_equal(oas_client_set_server(f->client, url, &f->err), OAS_OK);
}

/* ---- setters ------------------------------------------------------------ */

static void null_handles_are_refused_or_ignored(void **state)
{
    (void)state;
    oas_error err;
    assert_int_equal(oas_client_create(NULL, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "out is NULL");
    assert_int_equal(oas_client_set_server(NULL, "http://h", &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "server is NULL");
    assert_int_equal(oas_client_set_token(NULL, "t", &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "client is NULL");
    assert_int_equal(oas_client_set_user_agent(NULL, "p", &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "client is NULL");
    assert_int_equal(oas_client_set_ca_file(NULL, "/x", &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "client is NULL");
    assert_null(oas_client_server(NULL));
    assert_false(oas_client_has_token(NULL));
    assert_null(oas_client_last_rate_limit(NULL));
    assert_int_equal(oas_client_validation(NULL), OAS_VALIDATE_OFF);
    /* the void setters do nothing with no client */
    oas_client_set_timeouts(NULL, 1, 1, 1);
    oas_client_set_max_body(NULL, 1);
    oas_client_set_max_redirects(NULL, 1);
    oas_client_set_retry(NULL, NULL);
    oas_client_set_clock(NULL, NULL);
    oas_client_set_trace(NULL, NULL, NULL);
    oas_client_set_validation(NULL, OAS_VALIDATE_STRICT);
    oas_client_destroy(NULL);
    oas_http_response_init(NULL);
    oas_http_response_free(NULL);
    /* a new client has no server: a request fails before any I/O */
    oas_client *fresh = NULL;
    assert_int_equal(oas_client_create(&fresh, &err), OAS_OK);
    assert_null(oas_client_server(fresh));
    oas_http_request req = {"GET", "/x", NULL, 0, NULL, 0, NULL};
    oas_http_response resp;
    assert_int_equal(oas_client_request(fresh, &req, &resp, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message,
                        "no server: set one with oas_client_set_server or oas_client_use_spec_server");
    assert_int_equal(resp.attempts, 0);
    oas_http_response_free(&resp);
    oas_client_destroy(fresh);
    /* idempotent global init */
    assert_int_equal(oas_http_global_init(&err), OAS_OK);
    assert_int_equal(oas_http_global_init(&err), OAS_OK);
}

static void server_url_rules(void **state)
{
    fixture *f = *state;
    oas_client *c = f->client;
    assert_int_equal(oas_client_set_server(c, NULL, &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "server is NULL");
    const char *bad[] = {"http://", "https://", "http:///path", "https://h x", "http://h\x7f",
                         "http://h#frag", "http://h\tx", "HTTP://h", "h", "", "httpx://h"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(oas_client_set_server(c, bad[i], &f->err), OAS_ERR_INVALID_ARG);
        assert_int_equal(f->err.code, OAS_ERR_INVALID_ARG);
    }
    assert_int_equal(oas_client_set_server(c, "ftp://h", &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message,
                        "server must be default, federal, eu or an http(s) URL without query: "
                        "\"ftp://h\"");
    /* the quoted name is cut at 100 characters */
    char longname[300];
    memset(longname, 'z', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(oas_client_set_server(c, longname, &f->err), OAS_ERR_INVALID_ARG);
    assert_non_null(strstr(f->err.message, "\"zzzz"));
    assert_int_equal(strlen(strchr(f->err.message, '"')), 102);
    /* a refused URL leaves the server as it was */
    assert_string_equal(oas_client_server(c), hts_url(f->srv));
    /* every trailing '/' goes; a port and a path prefix stay */
    assert_int_equal(oas_client_set_server(c, "https://h:8443/p/q///", &f->err), OAS_OK);
    assert_string_equal(oas_client_server(c), "https://h:8443/p/q");
    assert_int_equal(oas_client_set_server(c, "http://h", &f->err), OAS_OK);
    assert_string_equal(oas_client_server(c), "http://h");
}

static void token_user_agent_ca_file(void **state)
{
    fixture *f = *state;
    oas_client *c = f->client;
    assert_true(oas_client_has_token(c));
    assert_int_equal(oas_client_set_token(c, "", &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "access token is empty or contains CR, LF or NUL");
    assert_true(oas_client_has_token(c)); /* the old one is kept */
    assert_int_equal(oas_client_set_token(c, NULL, &f->err), OAS_OK);
    assert_false(oas_client_has_token(c));
    assert_int_equal(oas_client_set_user_agent(c, "", &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "user agent is empty or contains CR, LF or NUL");
    assert_int_equal(oas_client_set_user_agent(c, "x\ny", &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_client_set_user_agent(c, NULL, &f->err), OAS_OK);
    assert_int_equal(oas_client_set_ca_file(c, "/nonexistent/ca.pem", &f->err), OAS_OK);
    assert_int_equal(oas_client_set_ca_file(c, NULL, &f->err), OAS_OK);
    /* no token: no Authorization header, and none in the trace either */
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/t"), OAS_OK);
    const hts_request *r = hts_request_at(f->srv, 0);
    assert_int_equal(hts_header_count(r, "Authorization"), 0);
    assert_string_equal(hts_header(r, "User-Agent"), "oas2c-client" UA_SUFFIX);
    assert_int_equal(f->event_count, 1);
    assert_string_equal(f->events[0].request_headers,
                        "User-Agent: oas2c-client" UA_SUFFIX "\r\nAccept: application/json\r\n");
}

static void setters_out_of_memory(void **state)
{
    fixture *f = *state;
    oas_client *c = f->client;
    failing_alloc_install();
    failing_alloc_fail_at(1, false);
    assert_int_equal(oas_client_set_server(c, "https://example.org", &f->err), OAS_ERR_NOMEM);
    assert_string_equal(f->err.message, "out of memory");
    assert_string_equal(oas_client_server(c), hts_url(f->srv));
    failing_alloc_fail_at(1, false);
    assert_int_equal(oas_client_set_token(c, "new-token", &f->err), OAS_ERR_NOMEM);
    assert_true(oas_client_has_token(c));
    failing_alloc_fail_at(1, false);
    assert_int_equal(oas_client_set_user_agent(c, "p", &f->err), OAS_ERR_NOMEM);
    failing_alloc_fail_at(1, false);
    assert_int_equal(oas_client_set_ca_file(c, "/ca.pem", &f->err), OAS_ERR_NOMEM);
    /* create: the handle, the user agent (there is no default server) */
    oas_client *nc = (oas_client *)&nc;
    failing_alloc_fail_at(1, false);
    assert_int_equal(oas_client_create(&nc, &f->err), OAS_ERR_NOMEM);
    assert_null(nc);
    assert_string_equal(f->err.message, "out of memory");
    failing_alloc_fail_at(2, false);
    assert_int_equal(oas_client_create(&nc, &f->err), OAS_ERR_NOMEM);
    assert_null(nc);
    assert_string_equal(f->err.message, "cannot create the HTTP client");
    failing_alloc_fail_at(0, false);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    /* the client still works with what it had */
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/after"), OAS_OK);
    assert_string_equal(hts_header(hts_request_at(f->srv, 0), "Authorization"), "api-secret-token");
    assert_string_equal(hts_header(hts_request_at(f->srv, 0), "User-Agent"), "covtest/1" UA_SUFFIX);
}

/* ---- request checks ----------------------------------------------------- */

static void request_checks_before_io(void **state)
{
    fixture *f = *state;
    oas_http_request req = {.method = "GET", .path_and_query = "/x"};
    assert_int_equal(oas_client_request(f->client, &req, NULL, &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "response is NULL");
    assert_int_equal(oas_client_request(NULL, &req, &f->resp, &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "client, request, method and path are required");
    assert_int_equal(oas_client_request(f->client, NULL, &f->resp, &f->err), OAS_ERR_INVALID_ARG);
    oas_http_request no_method = {.path_and_query = "/x"};
    assert_int_equal(send_req(f, &no_method), OAS_ERR_INVALID_ARG);
    oas_http_request no_path = {.method = "GET"};
    assert_int_equal(send_req(f, &no_path), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "client, request, method and path are required");
    oas_http_request bad_method = {.method = "GE T", .path_and_query = "/x"};
    assert_int_equal(send_req(f, &bad_method), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "invalid method");
    oas_http_request empty_method = {.method = "", .path_and_query = "/x"};
    assert_int_equal(send_req(f, &empty_method), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "invalid method");
    oas_http_request relative = {.method = "GET", .path_and_query = "x"};
    assert_int_equal(send_req(f, &relative), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "path must start with '/'");
    oas_http_request del = {.method = "GET", .path_and_query = "/a\x7f"};
    assert_int_equal(send_req(f, &del), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "path contains a space or control character (not encoded)");
    oas_http_header no_name[] = {{NULL, "v"}};
    oas_http_request h1 = {.method = "GET", .path_and_query = "/x", .headers = no_name,
                           .header_count = 1};
    assert_int_equal(send_req(f, &h1), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "header 0: invalid header name");
    oas_http_header no_value[] = {{"X-Ok", "1"}, {"X-Null", NULL}};
    oas_http_request h2 = {.method = "GET", .path_and_query = "/x", .headers = no_value,
                           .header_count = 2};
    assert_int_equal(send_req(f, &h2), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "header X-Null: value contains CR, LF or NUL");
    oas_http_header empty_name[] = {{"", "v"}};
    oas_http_request h3 = {.method = "GET", .path_and_query = "/x", .headers = empty_name,
                           .header_count = 1};
    assert_int_equal(send_req(f, &h3), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "header 0: invalid header name");
    assert_int_equal(f->resp.attempts, 0);
    assert_null(f->resp.body);
    assert_int_equal(hts_connection_count(f->srv), 0);
    assert_int_equal(f->event_count, 0);
}

/* ---- methods ------------------------------------------------------------- */

static void every_method_on_the_wire(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", "");
    hts_push(f->srv, 200, NULL, "{\"put\":1}");
    hts_push(f->srv, 204, NULL, "");
    hts_push(f->srv, 200, NULL, "{}");
    hts_push(f->srv, 200, NULL, "{}");
    hts_push(f->srv, 200, NULL, "{\"again\":1}");
    oas_http_request head = {.method = "HEAD", .path_and_query = "/h"};
    assert_int_equal(send_req(f, &head), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_int_equal(f->resp.body_len, 0);
    assert_string_equal(f->resp.body, "");
    assert_string_equal(f->resp.content_type, "application/json");
    oas_http_request put = {.method = "PUT", .path_and_query = "/p", .body = "[1]", .body_len = 3};
    assert_int_equal(send_req(f, &put), OAS_OK);
    assert_string_equal(f->resp.body, "{\"put\":1}");
    oas_http_request del = {.method = "DELETE", .path_and_query = "/d"};
    assert_int_equal(send_req(f, &del), OAS_OK);
    assert_int_equal(f->resp.status, 204);
    oas_http_request opt = {.method = "OPTIONS", .path_and_query = "/o"};
    assert_int_equal(send_req(f, &opt), OAS_OK);
    oas_http_request patch = {.method = "PATCH", .path_and_query = "/pa", .body = "[]",
                              .body_len = 2, .content_type = "application/json-patch+json"};
    assert_int_equal(send_req(f, &patch), OAS_OK);
    /* back to GET on the same handle: nothing of PATCH lingers */
    assert_int_equal(get(f, "/g"), OAS_OK);
    assert_string_equal(f->resp.body, "{\"again\":1}");

    assert_int_equal(hts_request_count(f->srv), 6);
    const char *methods[] = {"HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "GET"};
    const char *targets[] = {"/h", "/p", "/d", "/o", "/pa", "/g"};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(hts_request_at(f->srv, i)->method, methods[i]);
        assert_string_equal(hts_request_at(f->srv, i)->target, targets[i]);
    }
    const hts_request *r = hts_request_at(f->srv, 1);
    assert_string_equal(r->body, "[1]");
    assert_string_equal(hts_header(r, "Content-Type"), "application/json");
    r = hts_request_at(f->srv, 4);
    assert_string_equal(r->body, "[]");
    assert_int_equal(hts_header_count(r, "Content-Type"), 1);
    assert_string_equal(hts_header(r, "Content-Type"), "application/json-patch+json");
    r = hts_request_at(f->srv, 5);
    assert_int_equal(r->body_len, 0);
    assert_int_equal(hts_header_count(r, "Content-Type"), 0);
    assert_int_equal(hts_header_count(r, "Expect"), 0);
}

static void only_idempotent_methods_are_retried(void **state)
{
    fixture *f = *state;
    use_closed_port(f);
    const char *methods[] = {"POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "GET"};
    const unsigned attempts[] = {1, 1, 4, 4, 4, 4, 4};
    for (size_t i = 0; i < 7; i++) {
        oas_http_request req = {.method = methods[i], .path_and_query = "/r"};
        if (i < 3) {
            req.body = "{}";
            req.body_len = 2;
        }
        f->clock.sleep_count = 0;
        assert_int_equal(send_req(f, &req), OAS_ERR_HTTP_TRANSPORT);
        assert_int_equal(f->resp.attempts, attempts[i]);
        assert_int_equal(f->clock.sleep_count, attempts[i] - 1);
        assert_int_equal(f->resp.gave_up, attempts[i] > 1 ? OAS_GIVEUP_ATTEMPTS : OAS_GIVEUP_NONE);
        assert_null(f->resp.body);
    }
}

/* ---- retry policy ---------------------------------------------------------- */

static void default_retry_policy(void **state)
{
    fixture *f = *state;
    oas_client_set_retry(f->client, NULL); /* {4, 500, 8000} */
    f->clock.random_value = 1234;
    for (int i = 0; i < 4; i++)
        hts_push(f->srv, 502, NULL, "bad gateway");
    assert_int_equal(get(f, "/d"), OAS_OK);
    assert_int_equal(f->resp.status, 502);
    assert_int_equal(f->resp.attempts, 4);
    assert_int_equal(f->resp.gave_up, OAS_GIVEUP_ATTEMPTS);
    assert_int_equal(f->clock.sleep_count, 3);
    assert_int_equal(f->clock.sleeps[0], 1234 % 501);
    assert_int_equal(f->clock.sleeps[1], 1234 % 1001);
    assert_int_equal(f->clock.sleeps[2], 1234 % 2001);
    assert_int_equal(f->resp.waited_ms, 232 + 233 + 1234);
    /* the trace saw each wait, and none after the last attempt */
    assert_int_equal(f->event_count, 4);
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(f->events[i].attempt, i + 1);
        assert_int_equal(f->events[i].status, 502);
        assert_false(f->events[i].has_error);
    }
    assert_int_equal(f->events[0].next_wait_ms, 232);
    assert_int_equal(f->events[2].next_wait_ms, 1234);
    assert_int_equal(f->events[3].next_wait_ms, -1);
}

static void zero_attempts_means_one(void **state)
{
    fixture *f = *state;
    oas_retry_policy p = {0, 100, 1000};
    oas_client_set_retry(f->client, &p);
    hts_push(f->srv, 504, NULL, "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/z"), OAS_OK);
    assert_int_equal(f->resp.status, 504);
    assert_int_equal(f->resp.attempts, 1);
    assert_int_equal(f->resp.gave_up, OAS_GIVEUP_ATTEMPTS);
    assert_int_equal(hts_request_count(f->srv), 1);
}

static void backoff_past_deadline_gives_up(void **state)
{
    fixture *f = *state;
    oas_client_set_timeouts(f->client, 0, 0, 3000);
    oas_retry_policy p = {5, 5000, 5000};
    oas_client_set_retry(f->client, &p);
    f->clock.random_value = 4000; /* 4000 % 5001: past the 3 s deadline */
    hts_push(f->srv, 503, NULL, "busy");
    assert_int_equal(get(f, "/b"), OAS_OK);
    assert_int_equal(f->resp.status, 503);
    assert_int_equal(f->resp.gave_up, OAS_GIVEUP_DEADLINE);
    assert_int_equal(f->resp.attempts, 1);
    assert_int_equal(f->clock.sleep_count, 0);
    assert_string_equal(f->resp.body, "busy");
    assert_int_equal(f->events[0].next_wait_ms, -1);
    /* a transport failure's backoff is bounded the same way */
    use_closed_port(f);
    assert_int_equal(get(f, "/b"), OAS_ERR_HTTP_TRANSPORT);
    assert_int_equal(f->resp.gave_up, OAS_GIVEUP_DEADLINE);
    assert_int_equal(f->resp.attempts, 1);
}

static void deadline_gone_before_first_attempt(void **state)
{
    fixture *f = *state;
    f->clock.mono_step = 70000; /* every read of the clock is 70 s later */
    oas_client_set_timeouts(f->client, -1, -1, -1);  /* defaults: 60 s */
    assert_int_equal(get(f, "/late"), OAS_ERR_HTTP_TIMEOUT);
    char want[256];
    snprintf(want, sizeof want, "GET %s/late: deadline of 60000 ms passed after 0 attempts",
             hts_url(f->srv));
    assert_string_equal(f->err.message, want);
    assert_int_equal(f->resp.attempts, 0);
    oas_client_set_timeouts(f->client, 0, 0, 2500);
    assert_int_equal(get(f, "/late"), OAS_ERR_HTTP_TIMEOUT);
    assert_non_null(strstr(f->err.message, "deadline of 2500 ms passed after 0 attempts"));
    assert_int_equal(hts_connection_count(f->srv), 0);
    assert_int_equal(f->event_count, 0);
}

static void partial_clock_keeps_caller_context(void **state)
{
    fixture *f = *state;
    /* No random function: the real one is used, and it must not take the
     * caller's context for its own state. */
    oas_http_clock k = {fake_clock_mono, fake_clock_wall, fake_clock_sleep, NULL, &f->clock};
    oas_client_set_clock(f->client, &k);
    hts_push(f->srv, 503, NULL, "");
    hts_push(f->srv, 503, NULL, "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/j"), OAS_OK);
    assert_int_equal(f->resp.attempts, 3);
    assert_int_equal(f->clock.sleep_count, 2);
    assert_in_range(f->clock.sleeps[0], 0, 100);
    assert_in_range(f->clock.sleeps[1], 0, 200);
    assert_int_equal(f->clock.sentinel, 0x5e5e5e5e5e5e5e5eULL);
    /* NULL restores the real clock entirely; a request still works */
    oas_client_set_clock(f->client, NULL);
    hts_push(f->srv, 200, NULL, "[]");
    assert_int_equal(get(f, "/j"), OAS_OK);
    assert_string_equal(f->resp.body, "[]");
}

/* Only a wall clock and a context: the other members are the real ones and
 * the caller's functions get the caller's context. */
static int64_t wall_only(void *ctx)
{
    assert_ptr_equal(ctx, (void *)&wall_only);
    return WALL_BASE;
}

static void wall_clock_only(void **state)
{
    fixture *f = *state;
    oas_http_clock k = {.wall_ms = wall_only, .ctx = (void *)&wall_only};
    oas_client_set_clock(f->client, &k);
    oas_retry_policy p = {2, 1, 1};
    oas_client_set_retry(f->client, &p);
    declare_rate_limit_headers(f);
    hts_push(f->srv, 429, "X-Ratelimit-Reset: 1700000000020\r\n", "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/w"), OAS_OK);
    assert_int_equal(f->resp.attempts, 2);
    assert_int_equal(f->resp.waited_ms, 20);
}

/* ---- trace ------------------------------------------------------------------ */

static void trace_exact_redacted_headers(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, "Content-Type: application/json\r\nX-Trace-Me: yes\r\n", "{\"ok\":1}");
    oas_http_header hs[] = {{"X-Api-Version", "beta"}, {"accept", "text/html"},
                            {"Content-Type", "text/plain"}, {"Expect", "100-continue"}};
    oas_http_request req = {.method = "POST", .path_and_query = "/tr?q=1", .headers = hs,
                            .header_count = 4, .body = "{}", .body_len = 2};
    assert_int_equal(send_req(f, &req), OAS_OK);
    assert_int_equal(f->event_count, 1);
    trace_event *e = &f->events[0];
    assert_string_equal(e->method, "POST");
    char url[128];
    snprintf(url, sizeof url, "%s/tr?q=1", hts_url(f->srv));
    assert_string_equal(e->url, url);
    assert_int_equal(e->attempt, 1);
    assert_int_equal(e->status, 200);
    assert_false(e->has_error);
    assert_int_equal(e->next_wait_ms, -1);
    /* the caller's Accept/Content-Type/Expect are replaced by the runtime's */
    assert_string_equal(e->request_headers,
                        "X-Api-Version: beta\r\n"
                        "Authorization: [REDACTED]\r\n"
                        "User-Agent: covtest/1" UA_SUFFIX "\r\n"
                        "Accept: application/json\r\n"
                        "Content-Type: application/json\r\n");
    assert_non_null(strstr(e->response_headers, "HTTP/1.1 200"));
    assert_non_null(strstr(e->response_headers, "X-Trace-Me: yes\r\n"));
    const hts_request *r = hts_request_at(f->srv, 0);
    assert_string_equal(hts_header(r, "Accept"), "application/json");
    assert_int_equal(hts_header_count(r, "Accept"), 1);
    assert_string_equal(hts_header(r, "Content-Type"), "application/json");
    assert_int_equal(hts_header_count(r, "Expect"), 0);
    assert_string_equal(hts_header(r, "Authorization"), "api-secret-token");
}

static void trace_of_a_transport_error(void **state)
{
    fixture *f = *state;
    oas_retry_policy p = {2, 100, 1000};
    oas_client_set_retry(f->client, &p);
    use_closed_port(f);
    assert_int_equal(get(f, "/e"), OAS_ERR_HTTP_TRANSPORT);
    assert_int_equal(f->event_count, 2);
    assert_int_equal(f->events[0].status, 0);
    assert_true(f->events[0].has_error);
    assert_non_null(strstr(f->events[0].error, "Failed to connect to 127.0.0.1 port"));
    assert_int_equal(f->events[0].next_wait_ms, 250 % 101);
    assert_int_equal(f->events[1].attempt, 2);
    assert_int_equal(f->events[1].next_wait_ms, -1);
    assert_string_equal(f->events[1].response_headers, "");
    /* no trace function: no events, same result */
    oas_client_set_trace(f->client, NULL, NULL);
    assert_int_equal(get(f, "/e"), OAS_ERR_HTTP_TRANSPORT);
    assert_int_equal(f->event_count, 2);
}

static void trace_response_headers_are_bounded(void **state)
{
    fixture *f = *state;
    /* 80 headers of ~1 KiB: more than the 64 KiB the trace keeps */
    size_t cap = 100 * 1024;
    char *extra = malloc(cap);
    assert_non_null(extra);
    size_t len = 0;
    for (int i = 0; i < 80; i++) {
        len += (size_t)snprintf(extra + len, cap - len, "X-Fill-%02d: ", i);
        memset(extra + len, 'f', 1000);
        len += 1000;
        memcpy(extra + len, "\r\n", 3);
        len += 2;
    }
    hts_push(f->srv, 200, extra, "{}");
    free(extra);
    assert_int_equal(get(f, "/big"), OAS_OK);
    assert_string_equal(f->resp.body, "{}");
    assert_int_equal(f->event_count, 1);
    const char *h = f->events[0].response_headers;
    assert_true(f->events[0].response_headers_len <= 65536);
    assert_true(f->events[0].response_headers_len > 60000);
    assert_non_null(strstr(h, "X-Fill-00: fff"));
    assert_null(strstr(h, "X-Fill-79"));
}

/* ---- response headers ------------------------------------------------------ */

static void response_header_parsing(void **state)
{
    fixture *f = *state;
    declare_rate_limit_headers(f);
    hts_push(f->srv, 200,
             "content-type: \t text/plain; charset=utf-8\r\n"
             "Retry: 1\r\n"
             "Retry-After-Extra: 9\r\n"
             "x-ratelimit-global-remaining:  12 \r\n"
             "X-Ratelimit-Route-Remaining: abc\r\n"
             "X-Ratelimit-Resetting: 5\r\n"
             "X-Other: 1\r\n"
             "Hx-Custom: h\r\n"
             "Connection: keep-alive\r\n",
             "text");
    assert_int_equal(get(f, "/h"), OAS_OK);
    assert_string_equal(f->resp.content_type, "text/plain; charset=utf-8");
    /* names match whole and case-insensitively; "abc" counts for nothing */
    assert_int_equal(f->resp.rate_limit.remaining, 12);
    assert_int_equal(f->resp.rate_limit.reset_epoch_ms, -1);
    assert_int_equal(f->resp.rate_limit.retry_after_ms, -1);
    assert_int_equal(oas_client_last_rate_limit(f->client)->remaining, 12);
    /* a lower-case Retry-After, with spaces, on a 429 */
    hts_push(f->srv, 429, "retry-after:   3  \r\n", "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/h"), OAS_OK);
    assert_int_equal(f->clock.sleeps[0], 3000);
    /* a Retry-After the parser refuses falls back to backoff */
    f->clock.sleep_count = 0;
    hts_push(f->srv, 429, "Retry-After: later\r\n", "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/h"), OAS_OK);
    assert_int_equal(f->clock.sleeps[0], 250 % 101);
    /* no Content-Type at all */
    hts_push(f->srv, 200, NULL, "x");
    assert_int_equal(get(f, "/h"), OAS_OK);
    assert_null(f->resp.content_type);
    /* the previous request's rate limits do not leak into this one */
    assert_int_equal(oas_client_last_rate_limit(f->client)->remaining, -1);
}

static void redirect_forgets_first_response_headers(void **state)
{
    fixture *f = *state;
    declare_rate_limit_headers(f);
    char hdr[256];
    snprintf(hdr, sizeof hdr,
             "Location: %s/next\r\nX-Ratelimit-Route-Remaining: 3\r\nRetry-After: 60\r\n"
             "Content-Type: text/html\r\n",
             hts_url(f->srv));
    hts_push(f->srv, 301, hdr, "moved");
    hts_push(f->srv, 200, NULL, "{\"final\":1}");
    assert_int_equal(get(f, "/first"), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_string_equal(f->resp.body, "{\"final\":1}");
    assert_null(f->resp.content_type);
    assert_int_equal(f->resp.rate_limit.remaining, -1);
    assert_int_equal(f->resp.rate_limit.retry_after_ms, -1);
    assert_string_equal(hts_request_at(f->srv, 1)->target, "/next");
    /* the trace keeps only the final response's headers */
    assert_null(strstr(f->events[0].response_headers, "301"));
    assert_non_null(strstr(f->events[0].response_headers, "HTTP/1.1 200"));
}

/* ---- redirects and size caps -------------------------------------------------- */

static void redirects_disabled(void **state)
{
    fixture *f = *state;
    char loc[128];
    snprintf(loc, sizeof loc, "Location: %s/elsewhere\r\n", hts_url(f->srv));
    oas_client_set_max_redirects(f->client, -3); /* negative is 0: none followed */
    hts_push(f->srv, 302, loc, "see other");
    assert_int_equal(get(f, "/r"), OAS_OK);
    assert_int_equal(f->resp.status, 302);
    assert_string_equal(f->resp.body, "see other");
    assert_int_equal(hts_request_count(f->srv), 1);
    /* one allowed: one followed */
    oas_client_set_max_redirects(f->client, 1);
    hts_push(f->srv, 307, loc, "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/r"), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_int_equal(hts_request_count(f->srv), 3);
    assert_string_equal(hts_request_at(f->srv, 2)->target, "/elsewhere");
}

static void redirect_to_other_protocol_refused(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 302, "Location: ftp://127.0.0.1/file\r\n", "");
    assert_int_equal(get(f, "/r"), OAS_ERR_HTTP_REDIRECT);
    assert_int_equal(f->err.code, OAS_ERR_HTTP_REDIRECT);
    assert_int_equal(f->resp.attempts, 1);
    assert_null(f->resp.body);
    hts_push(f->srv, 302, "Location: file:///etc/passwd\r\n", "");
    assert_int_equal(get(f, "/r"), OAS_ERR_HTTP_REDIRECT);
    assert_int_equal(hts_request_count(f->srv), 2);
}

static void body_cap_edges(void **state)
{
    fixture *f = *state;
    oas_client_set_max_body(f->client, 10);
    /* exactly at the cap, declared and undeclared */
    hts_push(f->srv, 200, NULL, "0123456789");
    assert_int_equal(get(f, "/c"), OAS_OK);
    assert_int_equal(f->resp.body_len, 10);
    hts_push_raw(f->srv, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789", true);
    assert_int_equal(get(f, "/c"), OAS_OK);
    assert_string_equal(f->resp.body, "0123456789");
    /* one over, declared: curl refuses from Content-Length, not retried */
    hts_push(f->srv, 200, NULL, "0123456789A");
    assert_int_equal(get(f, "/c"), OAS_ERR_HTTP_TOO_LARGE);
    assert_int_equal(f->resp.attempts, 1);
    assert_null(f->resp.body);
    assert_int_equal(hts_request_count(f->srv), 3);
    /* one over, undeclared: the write callback refuses */
    hts_push_raw(f->srv, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789A", true);
    assert_int_equal(get(f, "/c"), OAS_ERR_HTTP_TOO_LARGE);
    assert_non_null(strstr(f->err.message, "response body over the size limit"));
    assert_int_equal(f->resp.attempts, 1);
    /* 0 restores the 8 MiB default */
    oas_client_set_max_body(f->client, 0);
    char big[3001];
    memset(big, 'b', 3000);
    big[3000] = '\0';
    hts_push(f->srv, 200, NULL, big);
    assert_int_equal(get(f, "/c"), OAS_OK);
    assert_int_equal(f->resp.body_len, 3000);
}

static void header_list_rebuilt_only_on_change(void **state)
{
    fixture *f = *state;
    oas_http_header one[] = {{"X-V", "1"}};
    oas_http_header two[] = {{"X-V", "2"}};
    oas_http_request req = {.method = "GET", .path_and_query = "/l", .headers = one,
                            .header_count = 1};
    for (int i = 0; i < 3; i++)
        hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(send_req(f, &req), OAS_OK);
    assert_int_equal(send_req(f, &req), OAS_OK);
    req.headers = two; /* same length, other bytes */
    assert_int_equal(send_req(f, &req), OAS_OK);
    assert_string_equal(hts_header(hts_request_at(f->srv, 0), "X-V"), "1");
    assert_string_equal(hts_header(hts_request_at(f->srv, 1), "X-V"), "1");
    assert_string_equal(hts_header(hts_request_at(f->srv, 2), "X-V"), "2");
    assert_string_equal(f->events[2].request_headers,
                        "X-V: 2\r\nAuthorization: [REDACTED]\r\nUser-Agent: covtest/1" UA_SUFFIX
                        "\r\nAccept: application/json\r\n");
    /* a new token takes effect on the next request */
    assert_int_equal(oas_client_set_token(f->client, "other-token", &f->err), OAS_OK);
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(send_req(f, &req), OAS_OK);
    assert_string_equal(hts_header(hts_request_at(f->srv, 3), "Authorization"), "other-token");
}

static void validation_mode_setter(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_validation(f->client), OAS_VALIDATE_OFF);
    oas_client_set_validation(f->client, OAS_VALIDATE_WARN);
    assert_int_equal(oas_client_validation(f->client), OAS_VALIDATE_WARN);
    oas_client_set_validation(f->client, OAS_VALIDATE_STRICT);
    assert_int_equal(oas_client_validation(f->client), OAS_VALIDATE_STRICT);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_handles_are_refused_or_ignored),
        T(server_url_rules),
        T(token_user_agent_ca_file),
        T(setters_out_of_memory),
        T(request_checks_before_io),
        T(every_method_on_the_wire),
        T(only_idempotent_methods_are_retried),
        T(default_retry_policy),
        T(zero_attempts_means_one),
        T(backoff_past_deadline_gives_up),
        T(deadline_gone_before_first_attempt),
        T(partial_clock_keeps_caller_context),
        T(wall_clock_only),
        T(trace_exact_redacted_headers),
        T(trace_of_a_transport_error),
        T(trace_response_headers_are_bounded),
        T(response_header_parsing),
        T(redirect_forgets_first_response_headers),
        T(redirects_disabled),
        T(redirect_to_other_protocol_refused),
        T(body_cap_edges),
        T(header_list_rebuilt_only_on_change),
        T(validation_mode_setter),
    };
    if (oas_http_global_init(NULL) != OAS_OK)
        return 1;
    int failed = cmocka_run_group_tests_name("cov_http_client", tests, NULL, NULL);
    oas_http_global_cleanup();
    return failed;
}
