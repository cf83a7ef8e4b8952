/* test_http.c - the HTTP client against the scripted loopback server: the
 * exact request sent, retries with exact waits (fake clock), give-ups,
 * transport faults, size caps, redirects and header injection. */
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

#define WALL_BASE FAKE_CLOCK_WALL_BASE

typedef struct fixture {
    hts_server *srv;
    oas_client *client;
    fake_clock clock;
    oas_http_response resp;
    oas_error err;
    char trace_headers[4096];
    char trace_url[512];
    unsigned trace_calls;
} fixture;

static void on_trace(const oas_http_trace *t, void *ctx)
{
    fixture *f = ctx;
    f->trace_calls++;
    snprintf(f->trace_headers, sizeof f->trace_headers, "%s", t->request_headers);
    snprintf(f->trace_url, sizeof f->trace_url, "%s", t->url);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    oas_retry_policy p = {4, 100, 1000};
    http_fixture_start(&f->srv, &f->client, "api-secret-token", &p);
    assert_int_equal(oas_client_set_user_agent(f->client, "ldrest/0.1.0", &f->err), OAS_OK);
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
    oas_http_response_free(&f->resp);
    http_fixture_stop(f->srv, f->client);
    free(f);
    return 0;
}

static oas_status get(fixture *f, const char *path)
{
    oas_http_request req = {.method = "GET", .path_and_query = path};
    oas_http_response_free(&f->resp);
    return oas_client_request(f->client, &req, &f->resp, &f->err);
}

static void test_exact_request_and_200(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, "Content-Type: application/json\r\nX-Ratelimit-Remaining: 7\r\n",
             "{\"ok\":true}");
    oas_http_header hs[] = {{"X-Api-Version", "beta"}, {"X-Custom", "one"},
                            {"user-agent", "evil/1"}, {"authorization", "caller-token"},
                            {"X-Custom", "two"}};
    oas_http_request req = {.method = "GET",
                            .path_and_query = "/api/v2/s?projectKey=a%20b&applicationKey=x,y",
                            .headers = hs, .header_count = 5};
    assert_int_equal(oas_client_request(f->client, &req, &f->resp, &f->err), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_int_equal(f->resp.body_len, 11);
    assert_string_equal(f->resp.body, "{\"ok\":true}");
    assert_string_equal(f->resp.content_type, "application/json");
    assert_int_equal(f->resp.attempts, 1);
    /* Only Retry-After is a rate-limit header until a list says otherwise. */
    assert_int_equal(f->resp.rate_limit.remaining, -1);
    assert_int_equal(oas_client_last_rate_limit(f->client)->remaining, -1);

    assert_int_equal(hts_request_count(f->srv), 1);
    const hts_request *r = hts_request_at(f->srv, 0);
    assert_string_equal(r->method, "GET");
    assert_string_equal(r->target, "/api/v2/s?projectKey=a%20b&applicationKey=x,y");
    assert_int_equal(hts_header_count(r, "Authorization"), 1);
    assert_string_equal(hts_header(r, "Authorization"), "api-secret-token");
    assert_int_equal(hts_header_count(r, "User-Agent"), 1);
    assert_string_equal(hts_header(r, "User-Agent"), "ldrest/0.1.0 oas2c-runtime/0.1.0");
    assert_int_equal(hts_header_count(r, "X-Api-Version"), 1);
    assert_string_equal(hts_header(r, "X-Api-Version"), "beta");
    assert_int_equal(hts_header_count(r, "X-Custom"), 1);
    assert_string_equal(hts_header(r, "X-Custom"), "two");
    assert_int_equal(hts_header_count(r, "Accept"), 1);
    /* The trace saw the request, with the token redacted. */
    assert_int_equal(f->trace_calls, 1);
    assert_non_null(strstr(f->trace_headers, "Authorization: [REDACTED]\r\n"));
    assert_null(strstr(f->trace_headers, "api-secret-token"));
    assert_null(strstr(f->trace_url, "api-secret-token"));
}

/* An API that reports its reset time (epoch ms) and the requests left
 * besides Retry-After, as its spec would declare it. */
static const oas_rate_limit_header epoch_ms_list[] = {
    {"Retry-After", OAS_RATE_LIMIT_RETRY_AFTER},
    {"X-Ratelimit-Reset", OAS_RATE_LIMIT_RESET_EPOCH_MS},
    {"X-Ratelimit-Remaining", OAS_RATE_LIMIT_REMAINING},
};

static void test_429_then_200_waits_retry_after(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, epoch_ms_list, 3, &f->err),
                     OAS_OK);
    hts_push(f->srv, 429, "Retry-After: 2\r\nX-Ratelimit-Reset: 1700000009000\r\n",
             "{\"code\":\"rate_limited\",\"message\":\"slow\"}");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_int_equal(f->resp.attempts, 2);
    assert_int_equal(f->clock.sleep_count, 1);
    assert_int_equal(f->clock.sleeps[0], 2000); /* Retry-After wins over the reset */
    assert_int_equal(f->resp.waited_ms, 2000);
    assert_int_equal(hts_request_count(f->srv), 2);
}

static void test_429_reset_epoch_ms_and_dates(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, epoch_ms_list, 3, &f->err),
                     OAS_OK);
    hts_push(f->srv, 429, "X-Ratelimit-Reset: 1700000001500\r\n", "");
    hts_push(f->srv, 429, "X-Ratelimit-Reset: 1600000000000\r\n", ""); /* past: no wait */
    hts_push(f->srv, 503, "Retry-After: Tue, 14 Nov 2023 22:13:25 GMT\r\n", "");
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_int_equal(f->resp.attempts, 4);
    assert_int_equal(f->clock.sleep_count, 3);
    assert_int_equal(f->clock.sleeps[0], 1500);
    assert_int_equal(f->clock.sleeps[1], 0);
    /* the date is 5 s after WALL_BASE; 1.5 s of fake time has passed */
    assert_int_equal(f->clock.sleeps[2], 3500);
}

/* A list without Retry-After: a reset in epoch seconds, one in seconds from
 * the response, two counts of requests left. Retry-After is then ignored. */
static void test_declared_reset_units_and_remaining(void **state)
{
    fixture *f = *state;
    char names[4][24] = {"X-Reset-At", "X-Reset-In", "X-Left", "X-Left-Route"};
    oas_rate_limit_header list[] = {
        {names[0], OAS_RATE_LIMIT_RESET_EPOCH_S},
        {names[1], OAS_RATE_LIMIT_RESET_DELTA_S},
        {names[2], OAS_RATE_LIMIT_REMAINING},
        {names[3], OAS_RATE_LIMIT_REMAINING},
    };
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, list, 4, &f->err), OAS_OK);
    memset(names, 'Z', sizeof names); /* copied: the caller's text may go */
    hts_push(f->srv, 429, "Retry-After: 60\r\nX-Reset-At: 1700000002\r\nX-Left: 0\r\n", "");
    hts_push(f->srv, 429, "x-reset-in: 3\r\n", ""); /* at WALL_BASE + 2 s */
    hts_push(f->srv, 200, "X-Left: 12\r\nX-Left-Route: 3\r\nX-Left: 9\r\n", "{}");
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_int_equal(f->clock.sleep_count, 2);
    assert_int_equal(f->clock.sleeps[0], 2000); /* not Retry-After's 60 s */
    assert_int_equal(f->clock.sleeps[1], 3000);
    assert_int_equal(f->resp.rate_limit.remaining, 3);
    assert_int_equal(f->resp.rate_limit.reset_epoch_ms, -1);
    assert_int_equal(oas_client_last_rate_limit(f->client)->remaining, 3);

    /* Refused lists leave the list as it was; NULL restores Retry-After. */
    const oas_rate_limit_header spaced[] = {{"X Reset", OAS_RATE_LIMIT_RESET_DELTA_S}};
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, spaced, 1, &f->err),
                     OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "rate-limit header 1: not an HTTP header name");
    const oas_rate_limit_header odd[] = {{"X-Reset", (oas_rate_limit_meaning)9}};
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, odd, 1, &f->err),
                     OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "rate-limit header X-Reset: unknown meaning 9");
    const oas_rate_limit_header unnamed[] = {{NULL, OAS_RATE_LIMIT_REMAINING}};
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, unnamed, 1, &f->err),
                     OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_client_set_rate_limit_headers(f->client, NULL, 2, &f->err),
                     OAS_ERR_INVALID_ARG);
    hts_push(f->srv, 200, "X-Left: 4\r\n", "{}");
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->resp.rate_limit.remaining, 4);

    assert_int_equal(oas_client_set_rate_limit_headers(f->client, NULL, 0, &f->err), OAS_OK);
    hts_push(f->srv, 429, "Retry-After: 1\r\nX-Reset-In: 5\r\nX-Left: 0\r\n", "");
    hts_push(f->srv, 200, NULL, "{}");
    f->clock.sleep_count = 0;
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->clock.sleeps[0], 1000);
    assert_int_equal(f->resp.rate_limit.remaining, -1);
}

/* The list's copy is one block, owned by the client. */
static void test_rate_limit_list_out_of_memory(void **state)
{
    (void)state;
    failing_alloc_install();
    oas_client *c = NULL;
    oas_error err;
    assert_int_equal(oas_client_create(&c, &err), OAS_OK);
    const oas_rate_limit_header list[] = {{"X-Left", OAS_RATE_LIMIT_REMAINING}};
    failing_alloc_fail_at(1, false);
    assert_int_equal(oas_client_set_rate_limit_headers(c, list, 1, &err), OAS_ERR_NOMEM);
    assert_int_equal(failing_alloc_failures(), 1);
    assert_int_equal(oas_client_set_rate_limit_headers(c, list, 1, &err), OAS_OK);
    assert_int_equal(oas_client_set_rate_limit_headers(c, list, 1, &err), OAS_OK); /* replaced */
    oas_client_destroy(c);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

static void test_503_gives_up_after_attempts(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < 4; i++)
        hts_push(f->srv, 503, NULL, "busy");
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->resp.status, 503);
    assert_int_equal(f->resp.gave_up, OAS_GIVEUP_ATTEMPTS);
    assert_int_equal(f->resp.attempts, 4);
    assert_string_equal(f->resp.body, "busy");
    /* full jitter with r = 250: 250 % 101, 250 % 201, 250 % 401 */
    assert_int_equal(f->clock.sleep_count, 3);
    assert_int_equal(f->clock.sleeps[0], 48);
    assert_int_equal(f->clock.sleeps[1], 49);
    assert_int_equal(f->clock.sleeps[2], 250);
    assert_int_equal(f->resp.waited_ms, 347);
    assert_int_equal(hts_request_count(f->srv), 4);
}

static void test_retry_after_past_deadline_gives_up(void **state)
{
    fixture *f = *state;
    oas_client_set_timeouts(f->client, 0, 0, 5000);
    hts_push(f->srv, 429, "Retry-After: 120\r\n", "{}");
    assert_int_equal(get(f, "/x"), OAS_OK);
    assert_int_equal(f->resp.status, 429);
    assert_int_equal(f->resp.gave_up, OAS_GIVEUP_DEADLINE);
    assert_int_equal(f->resp.rate_limit.retry_after_ms, 120000);
    assert_int_equal(f->resp.attempts, 1);
    assert_int_equal(f->clock.sleep_count, 0);
}

static void test_never_retries_client_errors(void **state)
{
    fixture *f = *state;
    const int codes[] = {400, 401, 403, 404};
    for (size_t i = 0; i < 4; i++) {
        hts_push(f->srv, codes[i], NULL, "{}");
        assert_int_equal(get(f, "/x"), OAS_OK);
        assert_int_equal(f->resp.status, codes[i]);
        assert_int_equal(f->resp.attempts, 1);
        assert_int_equal(f->resp.gave_up, OAS_GIVEUP_NONE);
    }
    assert_int_equal(hts_request_count(f->srv), 4);
    assert_int_equal(f->clock.sleep_count, 0);
}

static void test_connection_refused(void **state)
{
    fixture *f = *state;
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u", (unsigned)hts_closed_port());
    assert_int_equal(oas_client_set_server(f->client, url, &f->err), OAS_OK);
    oas_retry_policy p = {3, 100, 1000};
    oas_client_set_retry(f->client, &p);
    assert_int_equal(get(f, "/x"), OAS_ERR_HTTP_TRANSPORT);
    assert_int_equal(f->err.code, OAS_ERR_HTTP_TRANSPORT);
    assert_non_null(strstr(f->err.message, "Failed to connect to 127.0.0.1 port"));
    assert_non_null(strstr(f->err.message, "GET http://127.0.0.1:"));
    assert_null(strstr(f->err.message, "api-secret-token"));
    assert_int_equal(f->resp.attempts, 3);
    assert_int_equal(f->clock.sleep_count, 2);
    assert_null(f->resp.body);
}

static void test_server_never_answers_times_out(void **state)
{
    fixture *f = *state;
    oas_client_set_timeouts(f->client, 1000, 300, 10000);
    oas_retry_policy p = {2, 100, 1000};
    oas_client_set_retry(f->client, &p);
    hts_push_hang(f->srv);
    hts_push_hang(f->srv);
    int64_t t0 = real_monotonic_ms();
    assert_int_equal(get(f, "/x"), OAS_ERR_HTTP_TIMEOUT);
    int64_t took = real_monotonic_ms() - t0;
    assert_true(took >= 500);  /* two attempts of 300 ms */
    assert_true(took < 5000);  /* generous: bounded, not hanging */
    assert_non_null(strstr(f->err.message, "timed out"));
    assert_int_equal(f->resp.attempts, 2);
}

static void test_body_truncated_mid_json(void **state)
{
    fixture *f = *state;
    oas_retry_policy p = {2, 100, 1000};
    oas_client_set_retry(f->client, &p);
    for (int i = 0; i < 2; i++)
        hts_push_raw(f->srv, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"period\":", true);
    assert_int_equal(get(f, "/x"), OAS_ERR_HTTP_TRANSPORT);
    assert_non_null(strstr(f->err.message, "transfer closed with 90 bytes remaining to read"));
    assert_int_equal(f->resp.attempts, 2);
    assert_null(f->resp.body);
}

static void test_body_over_cap_declared(void **state)
{
    fixture *f = *state;
    oas_client_set_max_body(f->client, 1024);
    char big[2001];
    memset(big, 'a', 2000);
    big[2000] = '\0';
    hts_push(f->srv, 200, NULL, big);
    assert_int_equal(get(f, "/x"), OAS_ERR_HTTP_TOO_LARGE);
    assert_int_equal(f->resp.attempts, 1);
    assert_null(f->resp.body);
}

static void test_body_over_cap_undeclared(void **state)
{
    fixture *f = *state;
    oas_client_set_max_body(f->client, 1024);
    static char raw[4096];
    int n = snprintf(raw, sizeof raw, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
    memset(raw + n, 'b', 3000);
    raw[n + 3000] = '\0';
    hts_push_raw(f->srv, raw, true);
    assert_int_equal(get(f, "/x"), OAS_ERR_HTTP_TOO_LARGE);
    assert_non_null(strstr(f->err.message, "response body over the size limit"));
    assert_int_equal(f->resp.attempts, 1);
}

static void test_redirect_other_host_drops_token(void **state)
{
    fixture *f = *state;
    hts_server *other = hts_start();
    assert_non_null(other);
    char loc[128];
    snprintf(loc, sizeof loc, "Location: %s/landing?x=1\r\n", hts_url(other));
    hts_push(f->srv, 302, loc, "");
    hts_push(other, 200, NULL, "{\"landed\":1}");
    assert_int_equal(get(f, "/start"), OAS_OK);
    assert_int_equal(f->resp.status, 200);
    assert_string_equal(f->resp.body, "{\"landed\":1}");
    assert_int_equal(hts_header_count(hts_request_at(f->srv, 0), "Authorization"), 1);
    assert_int_equal(hts_request_count(other), 1);
    const hts_request *r = hts_request_at(other, 0);
    assert_string_equal(r->target, "/landing?x=1");
    assert_int_equal(hts_header_count(r, "Authorization"), 0);
    hts_stop(other);
}

static void test_redirect_limit(void **state)
{
    fixture *f = *state;
    oas_client_set_max_redirects(f->client, 2);
    char loc[128];
    snprintf(loc, sizeof loc, "Location: %s/again\r\n", hts_url(f->srv));
    for (int i = 0; i < 3; i++)
        hts_push(f->srv, 302, loc, "");
    assert_int_equal(get(f, "/x"), OAS_ERR_HTTP_REDIRECT);
    assert_int_equal(hts_request_count(f->srv), 3);
}

static void test_header_injection_refused_before_io(void **state)
{
    fixture *f = *state;
    oas_http_header bad_value[] = {{"X-Key", "a\r\nX-Evil: 1"}};
    oas_http_request req = {.method = "GET", .path_and_query = "/x", .headers = bad_value,
                            .header_count = 1};
    assert_int_equal(oas_client_request(f->client, &req, &f->resp, &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "header X-Key: value contains CR, LF or NUL");
    oas_http_header bad_name[] = {{"X-Key: y", "v"}};
    req.headers = bad_name;
    assert_int_equal(oas_client_request(f->client, &req, &f->resp, &f->err), OAS_ERR_INVALID_ARG);
    req.headers = NULL;
    req.header_count = 0;
    req.path_and_query = "/x y";
    assert_int_equal(oas_client_request(f->client, &req, &f->resp, &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_client_set_token(f->client, "s3cr\nXt", &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "access token is empty or contains CR, LF or NUL");
    assert_int_equal(oas_client_set_token(f->client, "s3cr\rXt", &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(hts_request_count(f->srv), 0);
    assert_int_equal(hts_connection_count(f->srv), 0);
}

static void test_connection_reused(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, NULL, "{}");
    hts_push(f->srv, 200, NULL, "[]");
    assert_int_equal(get(f, "/one"), OAS_OK);
    assert_int_equal(get(f, "/two"), OAS_OK);
    assert_string_equal(f->resp.body, "[]");
    assert_int_equal(hts_connection_count(f->srv), 1);
    assert_int_equal(hts_request_at(f->srv, 1)->connection, 1);
}

static void test_post_body_sent(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 201, NULL, "{}");
    oas_http_request req = {.method = "POST", .path_and_query = "/p", .body = "{\"a\":1}",
                            .body_len = 7};
    assert_int_equal(oas_client_request(f->client, &req, &f->resp, &f->err), OAS_OK);
    const hts_request *r = hts_request_at(f->srv, 0);
    assert_string_equal(r->method, "POST");
    assert_string_equal(r->body, "{\"a\":1}");
    assert_string_equal(hts_header(r, "Content-Type"), "application/json");
    assert_int_equal(hts_header_count(r, "Expect"), 0);
}

static void test_server_names(void **state)
{
    fixture *f = *state;
    /* No vendor's names: a bare word is no URL. */
    assert_int_equal(oas_client_set_server(f->client, "eu", &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_client_set_server(f->client, "http://127.0.0.1:9/base/", &f->err), OAS_OK);
    assert_string_equal(oas_client_server(f->client), "http://127.0.0.1:9/base");
    assert_int_equal(oas_client_set_server(f->client, "ftp://h", &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_client_set_server(f->client, "staging", &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_client_set_server(f->client, "https://h/?t=1", &f->err),
                     OAS_ERR_INVALID_ARG);
    assert_string_equal(oas_client_server(f->client), "http://127.0.0.1:9/base");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_exact_request_and_200, setup, teardown),
        cmocka_unit_test_setup_teardown(test_429_then_200_waits_retry_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_429_reset_epoch_ms_and_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_declared_reset_units_and_remaining, setup, teardown),
        cmocka_unit_test(test_rate_limit_list_out_of_memory),
        cmocka_unit_test_setup_teardown(test_503_gives_up_after_attempts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_after_past_deadline_gives_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never_retries_client_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connection_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server_never_answers_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_truncated_mid_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_over_cap_declared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_over_cap_undeclared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redirect_other_host_drops_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redirect_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_injection_refused_before_io, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connection_reused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_body_sent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server_names, setup, teardown),
    };
    if (oas_http_global_init(NULL) != OAS_OK)
        return 1;
    int failed = cmocka_run_group_tests_name("http", tests, NULL, NULL);
    oas_http_global_cleanup();
    return failed;
}
