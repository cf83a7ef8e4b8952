/* test_cov_http_op.c - the helpers generated request functions call
 * (runtime/include/oas/oas_http_op.h), one by one: URL building (negative and extreme
 * integers, doubles, non-finite doubles failing the request), response
 * selection, the JSON content-type check, validation in each mode and each
 * way it is skipped, the status error text, parse failures, and send's
 * retry time for 429/503. ld_registry supplies real validators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_fixture.h"
#include "http_test_server.h"
#include "ld_ops.h"
#include "ld_validate.h"
#include "oas_http_op.h"

#define OP "get-insights-scores"
#define METRIC(score) "{\"score\":" #score ",\"indicator\":\"good\",\"indicatorRange\":{\"min\":0,\"max\":100}}"
#define SCORES_JSON(overall_extra)                                                              \
    "{\"period\":{\"startTime\":1700000000000,\"endTime\":1702592000000},"                    \
    "\"lastPeriod\":{\"startTime\":1697408000000,\"endTime\":1700000000000},"                 \
    "\"scores\":{\"overall\":{\"score\":87,\"indicator\":\"excellent\","                      \
    "\"indicatorRange\":{\"min\":80,\"max\":100}" overall_extra "},"                          \
    "\"deploymentFrequency\":" METRIC(1) ",\"deploymentFailureRate\":" METRIC(2)            \
    ",\"leadTime\":" METRIC(3) ",\"impactSize\":" METRIC(4)                                  \
    ",\"experimentationCoverage\":" METRIC(5) ",\"flagHealth\":" METRIC(6)                   \
    ",\"velocity\":" METRIC(7) ",\"risk\":" METRIC(8) ",\"efficiency\":" METRIC(9) "}}"

/* A result holding a copy of body with the given status. */
static void fill(oas_http_result *r, long status, const char *body)
{
    oas_http_result_free(r);
    r->status = status;
    if (body) {
        r->body_len = strlen(body);
        r->body = strdup(body);
        assert_non_null(r->body);
    }
}

static void result_init_and_free(void **state)
{
    (void)state;
    oas_http_result_init(NULL);
    oas_http_result_free(NULL);
    oas_http_result r;
    memset(&r, 0x55, sizeof r);
    oas_http_result_init(&r);
    assert_int_equal(r.status, 0);
    assert_null(r.body);
    assert_null(r.content_type);
    assert_int_equal(r.rate_limit.retry_after_ms, -1);
    assert_int_equal(r.rate_limit.reset_epoch_ms, -1);
    assert_int_equal(r.rate_limit.remaining, -1);
    assert_int_equal(r.retry_after_ms, -1);
    assert_int_equal(r.attempts, 0);
    assert_int_equal(r.gave_up, OAS_GIVEUP_NONE);
    assert_false(r.validated);
    assert_int_equal(r.validation.count, 0);
    oas_http_result_free(&r);
}

static void json_content_type_check(void **state)
{
    (void)state;
    oas_http_result r;
    oas_http_result_init(&r);
    r.status = 200;
    oas_error err;
    const char *ok[] = {"application/json", "Application/JSON ; charset=utf-8",
                        "application/json\t;x=1", "application/problem+json",
                        "application/vnd.ld+JSON; v=2"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        r.content_type = (char *)ok[i];
        assert_int_equal(oas_op_check_json(&r, &err), OAS_OK);
    }
    const char *bad[] = {"text/plain", "+json", "application/jsonx", "application/json-seq",
                         "", " ; application/json"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r.content_type = (char *)bad[i];
        assert_int_equal(oas_op_check_json(&r, &err), OAS_ERR_HTTP_CONTENT);
        assert_int_equal(err.http_status, 200);
    }
    r.content_type = (char *)"text/plain";
    assert_int_equal(oas_op_check_json(&r, &err), OAS_ERR_HTTP_CONTENT);
    assert_string_equal(err.message, "HTTP 200: expected an application/json body, got text/plain");
    r.content_type = NULL;
    r.status = 201;
    assert_int_equal(oas_op_check_json(&r, &err), OAS_ERR_HTTP_CONTENT);
    assert_string_equal(err.message,
                        "HTTP 201: expected an application/json body, got no Content-Type");
    assert_int_equal(err.http_status, 201);
    assert_int_equal(oas_op_check_json(&r, NULL), OAS_ERR_HTTP_CONTENT);
}

static void validation_modes_and_skips(void **state)
{
    (void)state;
    oas_client *c = NULL;
    oas_error err;
    assert_int_equal(oas_client_create(&c, &err), OAS_OK);
    oas_http_result r;
    oas_http_result_init(&r);
    static const char invalid_200[] = SCORES_JSON(",\"lastPeriod\":null");
    static const char valid_200[] = SCORES_JSON("");

    /* off (also with no client at all): nothing runs */
    fill(&r, 200, invalid_200);
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_OK);
    assert_false(r.validated);
    assert_int_equal(oas_op_validate(NULL, &ld_registry, OP, &r, &err), OAS_OK);
    assert_false(r.validated);
    oas_client_set_validation(c, OAS_VALIDATE_STRICT);
    /* no registry, unknown operation, undeclared status: skipped */
    assert_int_equal(oas_op_validate(c, NULL, OP, &r, &err), OAS_OK);
    assert_false(r.validated);
    assert_int_equal(oas_op_validate(c, &ld_registry, "no-such-op", &r, &err), OAS_OK);
    assert_false(r.validated);
    fill(&r, 500, "{}");
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_OK);
    assert_false(r.validated);
    /* not JSON: left to the typed parse */
    fill(&r, 200, "{not json");
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_OK);
    assert_false(r.validated);
    /* valid 200 */
    fill(&r, 200, valid_200);
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_OK);
    assert_true(r.validated);
    assert_int_equal(r.validation.count, 0);
    /* a violating error body: reported, never fatal, even when strict */
    fill(&r, 401, "{\"code\":7}");
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_OK);
    assert_true(r.validated);
    assert_true(r.validation.count >= 1);
    /* strict + violating 2xx: the first violation, with its pointer */
    fill(&r, 200, invalid_200);
    oas_error_clear(&err);
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_ERR_INVALID);
    assert_string_equal(err.pointer, "/scores/overall/lastPeriod");
    assert_int_equal(err.http_status, 200);
    assert_non_null(strstr(err.message,
                           "get-insights-scores: HTTP 200 body violates the spec (1 violation): "
                           "/scores/overall/lastPeriod: "));
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, NULL), OAS_ERR_INVALID);
    /* warn: the same body passes with the findings kept */
    oas_client_set_validation(c, OAS_VALIDATE_WARN);
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_OK);
    assert_true(r.validated);
    assert_int_equal(r.validation.count, 1);
    assert_string_equal(r.validation.items[0].keyword, "type");
    /* strict + a violation at the root: "(root)" in the message, as validate says it */
    oas_client_set_validation(c, OAS_VALIDATE_STRICT);
    fill(&r, 200, "[]");
    assert_int_equal(oas_op_validate(c, &ld_registry, OP, &r, &err), OAS_ERR_INVALID);
    assert_string_equal(err.pointer, "");
    assert_non_null(strstr(err.message, "violates the spec (1 violation): (root): "));
    oas_http_result_free(&r);
    oas_client_destroy(c);
}

static void status_error_text(void **state)
{
    (void)state;
    oas_http_result r;
    oas_http_result_init(&r);
    oas_error err;
    fill(&r, 429, "{\"message\":\"slow\\ndown\\u0001now\"}");
    r.retry_after_ms = 1500;
    r.attempts = 3;
    r.gave_up = OAS_GIVEUP_DEADLINE;
    assert_int_equal(oas_op_status_error(&r, OP, "Too many", &err), OAS_ERR_HTTP_STATUS);
    assert_string_equal(err.message, "get-insights-scores: HTTP 429 (Too many): slow down now; "
                                     "retry after 1500 ms; gave up after 3 attempts (deadline)");
    assert_int_equal(err.http_status, 429);
    r.gave_up = OAS_GIVEUP_ATTEMPTS;
    r.retry_after_ms = -1;
    assert_int_equal(oas_op_status_error(&r, OP, NULL, &err), OAS_ERR_HTTP_STATUS);
    assert_string_equal(err.message,
                        "get-insights-scores: HTTP 429: slow down now; gave up after 3 attempts");
    /* message absent, not a string, body not JSON, no body */
    const char *bodies[] = {"{\"code\":\"x\"}", "{\"message\":5}", "<html>", "[\"message\"]"};
    for (size_t i = 0; i < 4; i++) {
        fill(&r, 500, bodies[i]);
        assert_int_equal(oas_op_status_error(&r, OP, "Server error", &err), OAS_ERR_HTTP_STATUS);
        assert_string_equal(err.message, "get-insights-scores: HTTP 500 (Server error)");
        assert_int_equal(err.http_status, 500);
    }
    fill(&r, 404, NULL);
    assert_int_equal(oas_op_status_error(&r, OP, NULL, &err), OAS_ERR_HTTP_STATUS);
    assert_string_equal(err.message, "get-insights-scores: HTTP 404");
    assert_int_equal(oas_op_status_error(&r, OP, NULL, NULL), OAS_ERR_HTTP_STATUS);
    /* a long message is cut at 127 characters */
    char body[400];
    int n = snprintf(body, sizeof body, "{\"message\":\"");
    memset(body + n, 'm', 300);
    snprintf(body + n + 300, sizeof body - (size_t)n - 300, "\"}");
    fill(&r, 400, body);
    assert_int_equal(oas_op_status_error(&r, OP, NULL, &err), OAS_ERR_HTTP_STATUS);
    const char *m = strstr(err.message, ": mmm");
    assert_non_null(m);
    assert_int_equal(strlen(m + 2), 127);
    oas_http_result_free(&r);
}

static void parse_failure_wrapping(void **state)
{
    (void)state;
    assert_int_equal(oas_op_parse_failed(NULL, OP, 200), OAS_ERR_HTTP_CONTENT);
    oas_error err;
    oas_error_set(&err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    assert_int_equal(oas_op_parse_failed(&err, OP, 200), OAS_ERR_NOMEM);
    assert_int_equal(err.code, OAS_ERR_NOMEM);
    assert_string_equal(err.message, "out of memory");
    oas_error_set(&err, OAS_ERR_TYPE, "/scores/overall/score", 42, "expected integer, got string");
    assert_int_equal(oas_op_parse_failed(&err, OP, 203), OAS_ERR_HTTP_CONTENT);
    assert_int_equal(err.code, OAS_ERR_HTTP_CONTENT);
    assert_string_equal(err.pointer, "/scores/overall/score");
    assert_int_equal(err.offset, 42);
    assert_int_equal(err.http_status, 203);
    char want[256];
    snprintf(want, sizeof want,
             "get-insights-scores: HTTP 203 body: /scores/overall/score: expected integer, got "
             "string (%s)", oas_strerror(OAS_ERR_TYPE));
    assert_string_equal(err.message, want);
    /* located in the body: line and column kept and said */
    oas_error_set(&err, OAS_ERR_TYPE, "", 0, "expected object, got array");
    err.line = 1;
    err.column = 1;
    assert_int_equal(oas_op_parse_failed(&err, OP, 200), OAS_ERR_HTTP_CONTENT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    snprintf(want, sizeof want,
             "get-insights-scores: HTTP 200 body: (root): expected object, got array at line 1, "
             "column 1 (byte offset 0) (%s)", oas_strerror(OAS_ERR_TYPE));
    assert_string_equal(err.message, want);
    /* a syntax error's message says where itself */
    oas_error_set(&err, OAS_ERR_JSON_SYNTAX, NULL, 5, "unexpected end at line 1, column 6 (byte offset 5)");
    err.line = 1;
    err.column = 6;
    oas_op_parse_failed(&err, OP, 200);
    snprintf(want, sizeof want,
             "get-insights-scores: HTTP 200 body: unexpected end at line 1, column 6 (byte offset "
             "5) (%s)", oas_strerror(OAS_ERR_JSON_SYNTAX));
    assert_string_equal(err.message, want);
}

/* ---- send, against the loopback server with a fixed wall clock ---------- */

#define WALL 1700000000000LL
static int64_t fixed_wall(void *ctx) { (void)ctx; return WALL; }
static void no_sleep(void *ctx, int64_t ms) { (void)ctx; (void)ms; }

static void send_retry_time(void **state)
{
    (void)state;
    hts_server *srv = NULL;
    oas_client *c = NULL;
    oas_error err;
    oas_retry_policy once = {1, 1, 1};
    http_fixture_start(&srv, &c, NULL, &once);
    oas_http_clock k = {.wall_ms = fixed_wall, .sleep_ms = no_sleep};
    oas_client_set_clock(c, &k);
    const oas_rate_limit_header declared[] = {
        {"Retry-After", OAS_RATE_LIMIT_RETRY_AFTER},
        {"X-Ratelimit-Reset", OAS_RATE_LIMIT_RESET_EPOCH_MS},
        {"X-Ratelimit-Global-Remaining", OAS_RATE_LIMIT_REMAINING},
    };
    assert_int_equal(oas_client_set_rate_limit_headers(c, declared, 3, &err), OAS_OK);
    hts_push(srv, 503, "X-Ratelimit-Reset: 1700000004000\r\n", "{}");
    hts_push(srv, 429, "Retry-After: 7\r\n", "{}");
    hts_push(srv, 500, "Retry-After: 7\r\n", "{}");
    hts_push(srv, 200, "Content-Type: application/json\r\nX-Ratelimit-Global-Remaining: 9\r\n",
             "{\"a\":1}");
    const long want_status[] = {503, 429, 500, 200};
    const int64_t want_retry[] = {4000, 7000, -1, -1};
    oas_http_result r;
    oas_http_result_init(&r);
    for (size_t i = 0; i < 4; i++) {
        oas_http_request req = {"GET", "/s", NULL, 0, NULL, 0, NULL};
        oas_http_result_free(&r);
        assert_int_equal(oas_op_send_request(c, &req, &r, &err), OAS_OK);
        assert_int_equal(r.status, want_status[i]);
        assert_int_equal(r.retry_after_ms, want_retry[i]);
        assert_int_equal(r.attempts, 1);
    }
    assert_string_equal(r.body, "{\"a\":1}");
    assert_string_equal(r.content_type, "application/json");
    assert_int_equal(r.rate_limit.remaining, 9);
    /* a transport failure keeps the attempt count, no body */
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u", (unsigned)hts_closed_port());
    assert_int_equal(oas_client_set_server(c, url, &err), OAS_OK);
    oas_http_request req = {"GET", "/s", NULL, 0, NULL, 0, NULL};
    oas_http_result_free(&r);
    assert_int_equal(oas_op_send_request(c, &req, &r, &err), OAS_ERR_HTTP_TRANSPORT);
    assert_int_equal(r.attempts, 1);
    assert_int_equal(r.status, 0);
    assert_null(r.body);
    oas_http_result_free(&r);
    http_fixture_stop(srv, c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(result_init_and_free),
        cmocka_unit_test(json_content_type_check),
        cmocka_unit_test(validation_modes_and_skips),
        cmocka_unit_test(status_error_text),
        cmocka_unit_test(parse_failure_wrapping),
        cmocka_unit_test(send_retry_time),
    };
    if (oas_http_global_init(NULL) != OAS_OK)
        return 1;
    int failed = cmocka_run_group_tests_name("cov_http_op", tests, NULL, NULL);
    oas_http_global_cleanup();
    return failed;
}
