/* test_model.c - the generated ld_ typed model on real documents: exact
 * member values of a full InsightScores response (int64 beyond 2^31,
 * required zeros, optional absent vs 0, lastPeriod 3 deep, null as absent,
 * _links order, unknown members), and exact error code + JSON pointer +
 * byte offset (+ line/column) for wrong types, missing members, ranges and
 * NULs. Round trips, cJSON and allocation failures: test_model_io.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "ld_model.h"
#include "model_fixture.h"

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static void assert_range(const ld_insights_metric_indicator_range *r, int64_t min, int64_t max)
{
    assert_int_equal(r->min, min);
    assert_int_equal(r->max, max);
}

static void full_document_values(void **state)
{
    (void)state;
    size_t len;
    char *text = fixture_read("insight_scores_full.json", &len);
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(text, len, &v, &err), OAS_OK);
    assert_int_equal(err.code, OAS_OK);

    assert_true(v.period.start_time == INT64_C(1717200000000));
    assert_true(v.period.end_time == INT64_C(1719792000000));
    assert_true(v.last_period.start_time == INT64_C(1714521600000));
    assert_true(v.last_period.end_time == INT64_C(1717200000000));

    const ld_insights_metric_score *o = &v.scores.overall;
    assert_true(o->score == INT64_C(3000000000)); /* > 2^31: no valueint saturation */
    assert_true(o->has_aggregate_of);
    assert_int_equal(o->aggregate_of_count, 2);
    assert_string_equal(o->aggregate_of[0], "deploymentFrequency");
    assert_string_equal(o->aggregate_of[1], "leadTime");
    assert_true(o->has_diff_vs_last_period);
    assert_int_equal(o->diff_vs_last_period, -7);
    assert_string_equal(o->indicator, "excellent");
    assert_range(&o->indicator_range, 0, 100); /* required min 0 is a value */

    /* lastPeriod, 3 deep; the innermost "lastPeriod": null reads as absent */
    const ld_insights_metric_score *l1 = o->last_period;
    assert_non_null(l1);
    assert_int_equal(l1->score, 80);
    assert_true(l1->has_diff_vs_last_period);     /* present and 0 ... */
    assert_int_equal(l1->diff_vs_last_period, 0);
    assert_false(l1->has_aggregate_of);
    assert_null(l1->aggregate_of);
    assert_string_equal(l1->indicator, "good");
    assert_range(&l1->indicator_range, 60, 79);
    const ld_insights_metric_score *l2 = l1->last_period;
    assert_non_null(l2);
    assert_int_equal(l2->score, 70);
    assert_false(l2->has_diff_vs_last_period);    /* ... versus absent */
    assert_string_equal(l2->indicator, "fair");
    assert_range(&l2->indicator_range, 40, 59);
    const ld_insights_metric_score *l3 = l2->last_period;
    assert_non_null(l3);
    assert_int_equal(l3->score, 10);
    assert_string_equal(l3->indicator, "poor");
    assert_range(&l3->indicator_range, 0, 39);
    assert_null(l3->last_period);

    /* present but empty array: has_ set, no storage */
    assert_true(v.scores.deployment_frequency.has_aggregate_of);
    assert_int_equal(v.scores.deployment_frequency.aggregate_of_count, 0);
    assert_null(v.scores.deployment_frequency.aggregate_of);
    const ld_insights_metric_score *rest[] = {
        &v.scores.deployment_frequency, &v.scores.deployment_failure_rate, &v.scores.lead_time,
        &v.scores.impact_size, &v.scores.experimentation_coverage, &v.scores.flag_health,
        &v.scores.velocity, &v.scores.risk, &v.scores.efficiency};
    for (size_t i = 0; i < 9; i++) {
        assert_int_equal(rest[i]->score, (int64_t)i + 1);
        assert_string_equal(rest[i]->indicator, "good");
        assert_range(&rest[i]->indicator_range, 0, 100);
        assert_null(rest[i]->last_period);
    }
    assert_null(v.scores.creation_ratio); /* optional, absent */

    /* _links: in document order, not sorted */
    assert_true(v.has_links);
    assert_int_equal(v.links_count, 2);
    assert_string_equal(v.links[0].key, "self");
    assert_string_equal(v.links[0].value.href,
                        "/api/v2/engineering-insights/insights/scores?projectKey=default");
    assert_string_equal(v.links[0].value.type, "application/json");
    assert_string_equal(v.links[1].key, "parent");
    assert_string_equal(v.links[1].value.href, "/api/v2/engineering-insights");

    ld_insight_scores_free(&v);
    assert_true(all_zero(&v, sizeof v)); /* free re-inits */
    ld_insight_scores_free(&v);          /* and is idempotent */
    ld_insight_scores_free(NULL);        /* and NULL-safe */
    free(text);
}

static void optional_creation_ratio_and_link_without_type(void **state)
{
    (void)state;
    size_t len, at;
    char *text = fixture_read("insight_scores_full.json", &len);
    char *a = fixture_replace(text, "\"efficiency\": {",
                              "\"creationRatio\": {\"score\": 0, \"indicator\": \"\", "
                              "\"indicatorRange\": {\"min\": -1, \"max\": 0}},\n"
                              "    \"efficiency\": {", &len, &at);
    char *b = fixture_replace(a, "\"type\": \"application/json\"\n    }\n  },",
                              "\"x\": 1\n    }\n  },", &len, &at);
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(b, len, &v, &err), OAS_OK);
    assert_non_null(v.scores.creation_ratio);
    assert_int_equal(v.scores.creation_ratio->score, 0);
    assert_string_equal(v.scores.creation_ratio->indicator, "");
    assert_range(&v.scores.creation_ratio->indicator_range, -1, 0);
    assert_string_equal(v.links[1].value.href, "/api/v2/engineering-insights");
    assert_null(v.links[1].value.type); /* absent optional string: NULL */
    ld_insight_scores_free(&v);
    free(b);
    free(a);
    free(text);
}

typedef struct err_case {
    const char *json;
    oas_status code;
    const char *pointer;
    size_t offset;
    const char *message;
} err_case;

static void check_metric_error(const err_case *c)
{
    ld_insights_metric_score v;
    oas_error err;
    memset(&v, 0xA5, sizeof v); /* a failed parse must leave it initialised */
    assert_int_equal(ld_insights_metric_score_parse(c->json, strlen(c->json), &v, &err), c->code);
    assert_int_equal(err.code, c->code);
    assert_string_equal(err.pointer, c->pointer);
    assert_int_equal(err.offset, c->offset);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, c->offset + 1);
    if (c->message)
        assert_string_equal(err.message, c->message);
    assert_true(all_zero(&v, sizeof v));
}

#define RANGE_OK "\"indicatorRange\":{\"min\":0,\"max\":1}"

static void wrong_types_at_each_level(void **state)
{
    (void)state;
    static const err_case cases[] = {
        {"[]", OAS_ERR_TYPE, "", 0, "expected object, got array"},
        {"{\"score\":\"1\",\"indicator\":\"x\"," RANGE_OK "}", OAS_ERR_TYPE, "/score", 9,
         "expected integer, got string"},
        {"{\"score\":1.5,\"indicator\":\"x\"," RANGE_OK "}", OAS_ERR_TYPE, "/score", 9,
         "expected integer, got 1.5"},
        {"{\"score\":1,\"indicator\":\"x\",\"indicatorRange\":{\"min\":0,\"max\":true}}",
         OAS_ERR_TYPE, "/indicatorRange/max", 59, "expected integer, got boolean"},
        {"{\"score\":1,\"aggregateOf\":[\"a\",5],\"indicator\":\"x\"," RANGE_OK "}", OAS_ERR_TYPE,
         "/aggregateOf/1", 30, "expected string, got number"},
        {"{\"score\":1,\"indicator\":\"x\"," RANGE_OK ",\"lastPeriod\":{\"score\":2,\"indicator\":"
         "\"y\"," RANGE_OK ",\"lastPeriod\":{\"score\":3,\"indicator\":5," RANGE_OK "}}}",
         OAS_ERR_TYPE, "/lastPeriod/lastPeriod/indicator", 173, "expected string, got number"},
        /* required member present as null is a type error, not "absent" */
        {"{\"score\":null,\"indicator\":\"x\"," RANGE_OK "}", OAS_ERR_TYPE, "/score", 9,
         "expected integer, got null"},
        {"{\"score\":1,\"indicator\":\"x\",\"indicatorRange\":{\"min\":0}}", OAS_ERR_MISSING,
         "/indicatorRange/max", 44, "missing required member \"max\""},
        {"{\"score\":1,\"indicator\":\"x\"}", OAS_ERR_MISSING, "/indicatorRange", 0,
         "missing required member \"indicatorRange\""},
        {"{\"score\":1,\"indicator\":\"a\\u0000b\"," RANGE_OK "}", OAS_ERR_NUL_IN_STRING,
         "/indicator", 23, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("case %zu: %s\n", i, cases[i].json);
        check_metric_error(&cases[i]);
    }
}

static void integers_exact_and_in_any_integral_spelling(void **state)
{
    (void)state;
    /* kept: writing the value would give other text, so score_text holds it */
    static const struct { const char *score; int64_t want; bool kept; } cases[] = {
        {"1.0", 1, true}, {"1e2", 100, true}, {"1E+2", 100, true}, {"2.5e1", 25, true},
        {"-0", 0, true}, {"0.0", 0, true}, {"0", 0, false},
        {"9223372036854775807", INT64_MAX, false}, {"-9223372036854775808", INT64_MIN, false},
        {"9007199254740993", INT64_C(9007199254740993), false}, /* 2^53+1: not via a double */
        /* beyond int64: the nearest end */
        {"9223372036854775808", INT64_MAX, true}, {"-9223372036854775809", INT64_MIN, true},
        {"1e19", INT64_MAX, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[160];
        snprintf(json, sizeof json, "{\"score\":%s,\"indicator\":\"x\"," RANGE_OK "}",
                 cases[i].score);
        ld_insights_metric_score v;
        oas_error err;
        assert_int_equal(ld_insights_metric_score_parse(json, strlen(json), &v, &err), OAS_OK);
        assert_true(v.score == cases[i].want);
        if (cases[i].kept)
            assert_string_equal(v.score_text, cases[i].score);
        else
            assert_null(v.score_text);
        ld_insights_metric_score_free(&v);
    }
    /* the scalar component itself: its value and, as a member does, its text */
    ld_unix_millis ms;
    oas_error err;
    assert_int_equal(ld_unix_millis_parse("1717200000000", 13, &ms, &err), OAS_OK);
    assert_true(ms.value == INT64_C(1717200000000));
    assert_null(ms.text);
    assert_int_equal(ld_unix_millis_parse("\"1\"", 3, &ms, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "");
    assert_int_equal(err.offset, 0);
    /* beyond int64: the nearest end, the text kept */
    assert_int_equal(ld_unix_millis_parse("9223372036854775808", 19, &ms, &err), OAS_OK);
    assert_true(ms.value == INT64_MAX);
    assert_string_equal(ms.text, "9223372036854775808");
    ld_unix_millis_free(&ms);
    assert_int_equal(ld_unix_millis_parse("-1e19", 5, &ms, &err), OAS_OK);
    assert_true(ms.value == INT64_MIN);
    assert_string_equal(ms.text, "-1e19");
    ld_unix_millis_free(&ms);
    assert_null(ms.text);
}

/* Mutations of the pretty-printed full document: pointer through every
 * level, offset and line/column in the file. */
static void errors_deep_in_full_document(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to;
        oas_status code;
        const char *pointer;
        size_t offset;
        unsigned long line, column;
    } cases[] = {
        {"\"score\": 10,", "\"score\": \"10\",", OAS_ERR_TYPE,
         "/scores/overall/lastPeriod/lastPeriod/lastPeriod/score", 836, 39, 22},
        {"\"href\": \"/api/v2/engineering-insights\",", "\"href\": 7,", OAS_ERR_TYPE,
         "/_links/parent/href", 2554, 130, 15},
        {"\"min\": 40,", "", OAS_ERR_MISSING,
         "/scores/overall/lastPeriod/lastPeriod/indicatorRange/min", 729, 34, 29},
        {"\"lastPeriod\": {\n    \"startTime\": 1714521600000,\n    \"endTime\": 1717200000000\n  },",
         "\"lastPeriod\": null,", OAS_ERR_TYPE, "/lastPeriod", 98, 6, 17},
        {"\"endTime\": 1719792000000", "\"endTime\": 1719792000000.5", OAS_ERR_TYPE,
         "/period/endTime", 63, 4, 16},
        {"\"self\": {", "\"a/b~c\": {\"href\": false},\n    \"self\": {", OAS_ERR_TYPE,
         "/_links/a~1b~0c/href", 0, 0, 0},
    };
    size_t len;
    char *text = fixture_read("insight_scores_full.json", &len);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t mlen, at;
        char *m = fixture_replace(text, cases[i].from, cases[i].to, &mlen, &at);
        ld_insight_scores v;
        oas_error err;
        print_message("case %zu\n", i);
        assert_int_equal(ld_insight_scores_parse(m, mlen, &v, &err), cases[i].code);
        assert_int_equal(err.code, cases[i].code);
        assert_string_equal(err.pointer, cases[i].pointer);
        if (cases[i].line) {
            assert_int_equal(err.offset, cases[i].offset);
            assert_int_equal(err.line, cases[i].line);
            assert_int_equal(err.column, cases[i].column);
        } else { /* inserted text: the offset is where "false" landed */
            assert_int_equal(err.offset, at + strlen("\"a/b~c\": {\"href\": "));
        }
        assert_true(all_zero(&v, sizeof v));
        free(m);
    }
    free(text);
}

static void validation_failed_error_rep(void **state)
{
    (void)state;
    static const char ok[] =
        "{\"code\":\"invalid_request\",\"message\":\"Invalid request\",\"errors\":["
        "{\"attribute\":\"projectKey\",\"reason\":\"required\"},"
        "{\"attribute\":\"environmentKey\",\"reason\":\"unknown environment\"}],\"extra\":1}";
    ld_validation_failed_error_rep v;
    oas_error err;
    assert_int_equal(ld_validation_failed_error_rep_parse(ok, strlen(ok), &v, &err), OAS_OK);
    assert_string_equal(v.code, "invalid_request");
    assert_string_equal(v.message, "Invalid request");
    assert_int_equal(v.errors_count, 2);
    assert_string_equal(v.errors[0].attribute, "projectKey");
    assert_string_equal(v.errors[0].reason, "required");
    assert_string_equal(v.errors[1].attribute, "environmentKey");
    assert_string_equal(v.errors[1].reason, "unknown environment");
    ld_validation_failed_error_rep_free(&v);

    static const char empty[] = "{\"code\":\"c\",\"message\":\"m\",\"errors\":[]}";
    assert_int_equal(ld_validation_failed_error_rep_parse(empty, strlen(empty), &v, &err), OAS_OK);
    assert_int_equal(v.errors_count, 0);
    assert_null(v.errors);
    ld_validation_failed_error_rep_free(&v);

    static const char bad[] =
        "{\"code\":\"invalid_request\",\"message\":\"bad\",\"errors\":["
        "{\"attribute\":\"projectKey\",\"reason\":\"required\"},{\"attribute\":\"environmentKey\"}]}";
    assert_int_equal(ld_validation_failed_error_rep_parse(bad, strlen(bad), &v, &err),
                     OAS_ERR_MISSING);
    assert_string_equal(err.pointer, "/errors/1/reason");
    assert_int_equal(err.offset, 99);
    assert_string_equal(err.message, "missing required member \"reason\"");
    assert_true(all_zero(&v, sizeof v));

    static const char no_errors[] = "{\"code\":\"c\",\"message\":\"m\"}";
    assert_int_equal(ld_validation_failed_error_rep_parse(no_errors, strlen(no_errors), &v, &err),
                     OAS_ERR_MISSING);
    assert_string_equal(err.pointer, "/errors");
    assert_int_equal(err.offset, 0);
}

static void malformed_json_is_not_a_type_error(void **state)
{
    (void)state;
    ld_insight_period v;
    oas_error err;
    static const char trailing[] = "{\"startTime\":1,\"endTime\":2,}";
    assert_int_equal(ld_insight_period_parse(trailing, strlen(trailing), &v, &err),
                     OAS_ERR_JSON_SYNTAX);
    assert_int_equal(err.offset, 27);
    static const char leading_zero[] = "{\"startTime\":01,\"endTime\":2}";
    assert_int_equal(ld_insight_period_parse(leading_zero, strlen(leading_zero), &v, &err),
                     OAS_ERR_JSON_SYNTAX);
    assert_true(all_zero(&v, sizeof v));
    assert_int_equal(ld_insight_period_parse(NULL, 0, &v, &err), OAS_ERR_JSON_SYNTAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_document_values),
        cmocka_unit_test(optional_creation_ratio_and_link_without_type),
        cmocka_unit_test(wrong_types_at_each_level),
        cmocka_unit_test(integers_exact_and_in_any_integral_spelling),
        cmocka_unit_test(errors_deep_in_full_document),
        cmocka_unit_test(validation_failed_error_rep),
        cmocka_unit_test(malformed_json_is_not_a_type_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
