/* test_ops.c - the generated ld_get_insights_scores() against the scripted
 * loopback server: the exact request (path, encoded query, token, no header
 * the spec does not declare), required parameters checked before I/O, typed
 * 200 and typed error bodies, undeclared statuses, wrong content, and
 * response validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_fixture.h"
#include "http_test_server.h"
#include "ld_ops.h"

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

static const char json_ct[] = "Content-Type: application/json\r\n";

typedef struct fixture {
    hts_server *srv;
    oas_client *client;
    ld_get_insights_scores_params params;
    ld_get_insights_scores_result result;
    oas_error err;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    oas_retry_policy once = {1, 100, 100};
    http_fixture_start(&f->srv, &f->client, "api-0123-secret", &once);
    f->params.project_key = "my proj";
    f->params.environment_key = "production";
    ld_get_insights_scores_result_init(&f->result);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ld_get_insights_scores_result_free(&f->result);
    http_fixture_stop(f->srv, f->client);
    free(f);
    return 0;
}

static oas_status call(fixture *f)
{
    ld_get_insights_scores_result_free(&f->result);
    return ld_get_insights_scores(f->client, &f->params, &f->result, &f->err);
}

static void test_200_typed_and_exact_request(void **state)
{
    fixture *f = *state;
    f->params.application_key = "app-1,app-2";
    hts_push(f->srv, 200, json_ct, SCORES_JSON(",\"lastPeriod\":" METRIC(80)));
    assert_int_equal(call(f), OAS_OK);
    assert_int_equal(f->result.http.status, 200);
    const ld_insight_scores *s = f->result.body_200;
    assert_non_null(s);
    assert_int_equal(s->period.start_time, 1700000000000LL);
    assert_int_equal(s->last_period.end_time, 1700000000000LL);
    assert_int_equal(s->scores.overall.score, 87);
    assert_string_equal(s->scores.overall.indicator, "excellent");
    assert_int_equal(s->scores.overall.indicator_range.min, 80);
    assert_non_null(s->scores.overall.last_period);
    assert_int_equal(s->scores.overall.last_period->score, 80);
    assert_int_equal(s->scores.efficiency.score, 9);
    assert_null(s->scores.creation_ratio);
    assert_null(f->result.body_400);

    const hts_request *r = hts_request_at(f->srv, 0);
    assert_non_null(r);
    assert_string_equal(r->method, "GET");
    assert_string_equal(r->target, "/api/v2/engineering-insights/insights/scores"
                                   "?projectKey=my%20proj&environmentKey=production"
                                   "&applicationKey=app-1%2Capp-2");
    /* spec/insights-scores.yaml declares no LD-API-Version parameter: the
       LaunchDarkly overlay adds it to beta operations as a constant (then
       this is exactly one "beta"); oas2c itself adds nothing. */
    assert_int_equal(hts_header_count(r, "LD-API-Version"), 0);
    assert_int_equal(hts_header_count(r, "Authorization"), 1);
    assert_string_equal(hts_header(r, "Authorization"), "api-0123-secret");
    assert_int_equal(hts_header_count(r, "User-Agent"), 1);
}

static void test_required_parameters_before_io(void **state)
{
    fixture *f = *state;
    f->params.project_key = NULL;
    assert_int_equal(call(f), OAS_ERR_USAGE);
    assert_string_equal(f->err.message,
                        "get-insights-scores: missing required query parameter \"projectKey\"");
    f->params.project_key = "p";
    f->params.environment_key = NULL;
    assert_int_equal(call(f), OAS_ERR_USAGE);
    assert_string_equal(f->err.message,
                        "get-insights-scores: missing required query parameter \"environmentKey\"");
    f->params.environment_key = "e";
    assert_int_equal(oas_client_set_token(f->client, NULL, &f->err), OAS_OK);
    assert_int_equal(call(f), OAS_ERR_USAGE);
    assert_string_equal(f->err.message,
                        "get-insights-scores: missing required header parameter \"Authorization\"");
    assert_int_equal(hts_connection_count(f->srv), 0);
}

static void test_400_typed_with_errors(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 400, json_ct,
             "{\"code\":\"invalid_request\",\"message\":\"projectKey is unknown\","
             "\"errors\":[{\"attribute\":\"projectKey\",\"reason\":\"not found\"},"
             "{\"attribute\":\"environmentKey\",\"reason\":\"bad\"}]}");
    assert_int_equal(call(f), OAS_ERR_HTTP_STATUS);
    assert_int_equal(f->err.http_status, 400);
    assert_string_equal(f->err.message,
                        "get-insights-scores: HTTP 400 (Invalid request): projectKey is unknown");
    const ld_validation_failed_error_rep *e = f->result.body_400;
    assert_non_null(e);
    assert_string_equal(e->code, "invalid_request");
    assert_int_equal(e->errors_count, 2);
    assert_string_equal(e->errors[0].attribute, "projectKey");
    assert_string_equal(e->errors[1].reason, "bad");
    assert_null(f->result.body_200);
}

static void test_401_403_typed(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 401, json_ct, "{\"code\":\"unauthorized\",\"message\":\"Invalid token\"}");
    hts_push(f->srv, 403, json_ct, "{\"code\":\"forbidden\",\"message\":\"beta not enabled\"}");
    assert_int_equal(call(f), OAS_ERR_HTTP_STATUS);
    assert_non_null(f->result.body_401);
    assert_string_equal(f->result.body_401->code, "unauthorized");
    assert_string_equal(f->err.message,
                        "get-insights-scores: HTTP 401 (Invalid access token): Invalid token");
    assert_null(strstr(f->err.message, "api-0123-secret"));
    assert_int_equal(call(f), OAS_ERR_HTTP_STATUS);
    assert_non_null(f->result.body_403);
    assert_string_equal(f->result.body_403->message, "beta not enabled");
    assert_int_equal(f->err.http_status, 403);
}

static void test_429_typed_with_retry_time(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 429, "Content-Type: application/json\r\nRetry-After: 30\r\n",
             "{\"code\":\"rate_limited\",\"message\":\"You've exceeded the API rate limit\"}");
    assert_int_equal(call(f), OAS_ERR_HTTP_STATUS);
    assert_non_null(f->result.body_429);
    assert_string_equal(f->result.body_429->code, "rate_limited");
    assert_int_equal(f->result.http.retry_after_ms, 30000);
    assert_int_equal(f->result.http.gave_up, OAS_GIVEUP_ATTEMPTS);
    assert_string_equal(f->err.message,
                        "get-insights-scores: HTTP 429 (Rate limited): You've exceeded the API "
                        "rate limit; retry after 30000 ms; gave up after 1 attempts");
}

static void test_undeclared_status_raw_body(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 500, "Content-Type: text/plain\r\n", "internal oops");
    assert_int_equal(call(f), OAS_ERR_HTTP_STATUS);
    assert_int_equal(f->result.http.status, 500);
    assert_string_equal(f->result.http.body, "internal oops");
    assert_string_equal(f->err.message, "get-insights-scores: HTTP 500");
}

static void test_200_not_json(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, "Content-Type: text/html\r\n", "<html>login</html>");
    assert_int_equal(call(f), OAS_ERR_HTTP_CONTENT);
    assert_string_equal(f->err.message, "HTTP 200: expected an application/json body, got text/html");
    hts_push(f->srv, 200, json_ct, "<html>login</html>");
    assert_int_equal(call(f), OAS_ERR_HTTP_CONTENT);
    assert_int_equal(f->err.http_status, 200);
    assert_int_equal(f->err.offset, 0);
    assert_null(f->result.body_200);
    assert_string_equal(f->result.http.body, "<html>login</html>");
}

/* Validation off, the typed read parses the body itself: a member of the
 * wrong type and malformed JSON say where, exactly; a good body read after
 * them (the parse's buffers reused) has every value. */
static void test_typed_read_alone_says_where(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, json_ct, "{\"period\":\n {\"startTime\":\"x\",\"endTime\":1}}");
    hts_push(f->srv, 200, json_ct, "{\"period\": }");
    hts_push(f->srv, 200, json_ct, SCORES_JSON(""));
    hts_push(f->srv, 200, json_ct, SCORES_JSON(""));
    assert_int_equal(call(f), OAS_ERR_HTTP_CONTENT);
    assert_string_equal(f->err.message, "get-insights-scores: HTTP 200 body: /period/startTime: "
                                        "expected integer, got string at line 2, column 15 "
                                        "(byte offset 25) (wrong JSON type)");
    assert_string_equal(f->err.pointer, "/period/startTime");
    assert_int_equal(f->err.offset, 25);
    assert_int_equal(f->err.line, 2);
    assert_int_equal(f->err.column, 15);
    assert_null(f->result.body_200);
    assert_int_equal(call(f), OAS_ERR_HTTP_CONTENT);
    assert_string_equal(f->err.message, "get-insights-scores: HTTP 200 body: unexpected character, "
                                        "expected a value at line 1, column 12 (byte offset 11) "
                                        "(invalid JSON syntax)");
    assert_int_equal(f->err.offset, 11);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(call(f), OAS_OK);
        const ld_insight_scores *s = f->result.body_200;
        assert_non_null(s);
        assert_true(s->period.start_time == 1700000000000);
        assert_true(s->last_period.end_time == 1700000000000);
        assert_true(s->scores.overall.score == 87);
        assert_string_equal(s->scores.overall.indicator, "excellent");
        assert_true(s->scores.overall.indicator_range.min == 80);
        assert_true(s->scores.efficiency.score == 9);
        assert_string_equal(s->scores.efficiency.indicator, "good");
        assert_null(s->scores.overall.score_text);
    }
}

static void test_validation_modes(void **state)
{
    fixture *f = *state;
    /* "lastPeriod": null parses as absent but violates the schema (type). */
    hts_push(f->srv, 200, json_ct, SCORES_JSON(",\"lastPeriod\":null"));
    hts_push(f->srv, 200, json_ct, SCORES_JSON(",\"lastPeriod\":null"));
    hts_push(f->srv, 200, json_ct, SCORES_JSON(",\"lastPeriod\":null"));
    assert_int_equal(call(f), OAS_OK); /* off */
    assert_false(f->result.http.validated);
    oas_client_set_validation(f->client, OAS_VALIDATE_WARN);
    assert_int_equal(call(f), OAS_OK);
    assert_true(f->result.http.validated);
    assert_int_equal(f->result.http.validation.count, 1);
    assert_string_equal(f->result.http.validation.items[0].instance_location,
                        "/scores/overall/lastPeriod");
    assert_string_equal(f->result.http.validation.items[0].keyword, "type");
    assert_non_null(f->result.body_200);
    oas_client_set_validation(f->client, OAS_VALIDATE_STRICT);
    assert_int_equal(call(f), OAS_ERR_INVALID);
    assert_string_equal(f->err.pointer, "/scores/overall/lastPeriod");
    assert_null(f->result.body_200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_200_typed_and_exact_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required_parameters_before_io, setup, teardown),
        cmocka_unit_test_setup_teardown(test_400_typed_with_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_401_403_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_429_typed_with_retry_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undeclared_status_raw_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_200_not_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typed_read_alone_says_where, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation_modes, setup, teardown),
    };
    if (oas_http_global_init(NULL) != OAS_OK)
        return 1;
    int failed = cmocka_run_group_tests_name("ops", tests, NULL, NULL);
    oas_http_global_cleanup();
    return failed;
}
