/* test_model_io.c - the generated ld_ typed model's output side and its
 * resource discipline: exact to_json text (spec order, absent members
 * omitted, has_ flags honoured), lossless round trips, the cJSON bridges,
 * and allocation failure at every allocation of parse / to_json /
 * from_cjson / to_cjson with zero leaks (tests/support/failing_alloc.h).
 * The expected canonical text in tests/data/model/ was derived from the
 * input with Python, independently of this code. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include "ld_model.h"
#include "oas_alloc.h"
#include "failing_alloc.h"
#include "model_fixture.h"

static char *to_json_text(const ld_insight_scores *v)
{
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ld_insight_scores_to_json(v, &b), OAS_OK);
    return oas_buf_steal(&b, NULL);
}

static void canonical_output_and_round_trip(void **state)
{
    (void)state;
    size_t len, clen;
    char *text = fixture_read("insight_scores_full.json", &len);
    char *canonical = fixture_read("insight_scores_canonical.json", &clen);
    ld_insight_scores first, second;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(text, len, &first, &err), OAS_OK);
    char *out1 = to_json_text(&first);
    /* members in spec order, the undeclared one after them, the null
     * (not nullable, so absent) lastPeriod gone */
    assert_string_equal(out1, canonical);
    assert_int_equal(ld_insight_scores_parse(out1, strlen(out1), &second, &err), OAS_OK);
    char *out2 = to_json_text(&second);
    assert_string_equal(out2, out1);
    assert_true(second.scores.overall.score == INT64_C(3000000000));
    assert_non_null(second.scores.overall.last_period->last_period->last_period);
    assert_true(second.scores.overall.last_period->has_diff_vs_last_period);
    assert_false(second.scores.overall.last_period->last_period->has_diff_vs_last_period);
    assert_string_equal(second.links[0].key, "self");
    assert_string_equal(second.links[1].key, "parent");
    oas_free(out1);
    oas_free(out2);
    ld_insight_scores_free(&first);
    ld_insight_scores_free(&second);
    free(canonical);
    free(text);
}

static void hand_built_value_to_json(void **state)
{
    (void)state;
    ld_insights_metric_score inner, outer;
    ld_insights_metric_score_init(&inner);
    ld_insights_metric_score_init(&outer);
    inner.score = INT64_MIN;
    inner.indicator = "poor";
    inner.diff_vs_last_period = 5; /* ignored: has_ flag not set */
    outer.score = 0;
    outer.indicator = "a\"b\n";
    outer.has_diff_vs_last_period = true; /* 0, but present */
    outer.indicator_range.max = INT64_MAX;
    char *tags[] = {"x", "y/z"};
    outer.aggregate_of = tags;
    outer.aggregate_of_count = 2;
    outer.has_aggregate_of = true;
    outer.last_period = &inner;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ld_insights_metric_score_to_json(&outer, &b), OAS_OK);
    assert_string_equal(b.data,
                        "{\"score\":0,\"aggregateOf\":[\"x\",\"y/z\"],\"diffVsLastPeriod\":0,"
                        "\"indicator\":\"a\\\"b\\n\",\"indicatorRange\":{\"min\":0,"
                        "\"max\":9223372036854775807},\"lastPeriod\":{\"score\":-9223372036854775808,"
                        "\"indicator\":\"poor\",\"indicatorRange\":{\"min\":0,\"max\":0}}}");
    oas_buf_free(&b);
    assert_int_equal(ld_insights_metric_score_to_json(NULL, &b), OAS_ERR_INVALID_ARG);

    /* hand-built _links map entries, absent optional members left out */
    size_t len;
    char *text = fixture_read("insight_scores_canonical.json", &len);
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(text, len, &v, &err), OAS_OK);
    ld_insight_scores_links_entry *parsed_links = v.links;
    size_t parsed_count = v.links_count;
    ld_insight_scores_links_entry entries[2] = {{"self", {.href = "/a"}}, {"~k", {.type = "t"}}};
    v.links = entries;
    v.links_count = 2;
    char *out = to_json_text(&v);
    static const char tail[] = ",\"_links\":{\"self\":{\"href\":\"/a\"},\"~k\":{\"type\":\"t\"}},"
                               "\"futureMember\":{\"added\":\"later\",\"values\":[1,2.5,null,{\"x\":true}]}}";
    assert_true(strlen(out) > strlen(tail));
    assert_string_equal(out + strlen(out) - strlen(tail), tail);
    oas_free(out);
    v.has_links = false; /* absent map: member left out */
    out = to_json_text(&v);
    assert_null(strstr(out, "_links"));
    oas_free(out);
    v.links = parsed_links;
    v.links_count = parsed_count;
    ld_insight_scores_free(&v);
    free(text);
}

static void from_cjson_and_to_cjson(void **state)
{
    (void)state;
    size_t len, clen;
    char *text = fixture_read("insight_scores_full.json", &len);
    char *canonical = fixture_read("insight_scores_canonical.json", &clen);
    cJSON *tree = cJSON_Parse(text);
    assert_non_null(tree);
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_from_cjson(tree, &v, &err), OAS_OK);
    cJSON_Delete(tree);
    assert_true(v.period.start_time == INT64_C(1717200000000));
    assert_true(v.scores.overall.score == INT64_C(3000000000));
    assert_int_equal(v.scores.overall.last_period->last_period->last_period->score, 10);
    assert_int_equal(v.links_count, 2);
    assert_string_equal(v.links[1].key, "parent");
    char *out = to_json_text(&v);
    assert_string_equal(out, canonical); /* same typed value as via the strict reader */
    oas_free(out);

    cJSON *back = ld_insight_scores_to_cjson(&v);
    assert_non_null(back);
    const cJSON *period = cJSON_GetObjectItemCaseSensitive(back, "period");
    assert_true(cJSON_GetObjectItemCaseSensitive(period, "startTime")->valuedouble ==
                1717200000000.0);
    const cJSON *links = cJSON_GetObjectItemCaseSensitive(back, "_links");
    assert_string_equal(links->child->string, "self");
    assert_string_equal(links->child->next->string, "parent");
    assert_null(links->child->next->next);
    assert_string_equal(links->next->string, "futureMember"); /* kept, after the declared */
    char *printed = cJSON_PrintUnformatted(back);
    assert_string_equal(printed, canonical);
    cJSON_free(printed);
    cJSON_Delete(back);
    ld_insight_scores_free(&v);

    /* errors through cJSON carry the pointer; cJSON has no offsets */
    cJSON *bad = cJSON_Parse("{\"startTime\":1,\"endTime\":\"2\"}");
    ld_insight_period p;
    assert_int_equal(ld_insight_period_from_cjson(bad, &p, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/endTime");
    assert_int_equal(err.offset, OAS_NO_OFFSET);
    cJSON_Delete(bad);
    cJSON *fraction = cJSON_Parse("{\"startTime\":1.5,\"endTime\":2}");
    assert_int_equal(ld_insight_period_from_cjson(fraction, &p, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/startTime");
    cJSON_Delete(fraction);
    free(canonical);
    free(text);
}

/* Fails allocation 1, 2, 3... of `op` until it succeeds; every failure must
 * be OAS_ERR_NOMEM (or NULL) and leave no block behind. Returns the number
 * of allocations the successful run made. */
typedef bool (*alloc_op)(const char *text, size_t len, const ld_insight_scores *parsed);

static size_t fail_each_allocation(alloc_op op, const char *text, size_t len,
                                   const ld_insight_scores *parsed)
{
    size_t baseline = failing_alloc_live();
    for (size_t n = 1; n < 100000; n++) {
        size_t failures_before = failing_alloc_failures(); /* a running total */
        failing_alloc_fail_at(n, false);
        bool ok = op(text, len, parsed);
        size_t failures = failing_alloc_failures() - failures_before;
        size_t calls = failing_alloc_calls();
        failing_alloc_fail_at(0, false);
        assert_int_equal(failing_alloc_live(), baseline);
        if (ok) {
            /* succeeded only because nothing failed: no failure swallowed */
            assert_int_equal(failures, 0);
            assert_true(calls < n);
            return n - 1;
        }
        assert_true(failures > 0);
    }
    fail_msg("never succeeded");
    return 0;
}

static bool op_parse(const char *text, size_t len, const ld_insight_scores *parsed)
{
    (void)parsed;
    ld_insight_scores v;
    oas_error err;
    oas_status st = ld_insight_scores_parse(text, len, &v, &err);
    if (st != OAS_OK) {
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(err.code, OAS_ERR_NOMEM);
        return false;
    }
    ld_insight_scores_free(&v);
    return true;
}

static bool op_to_json(const char *text, size_t len, const ld_insight_scores *parsed)
{
    (void)text;
    (void)len;
    oas_buf b = OAS_BUF_INIT;
    oas_status st = ld_insight_scores_to_json(parsed, &b);
    oas_buf_free(&b);
    if (st != OAS_OK)
        assert_int_equal(st, OAS_ERR_NOMEM);
    return st == OAS_OK;
}

static bool op_from_cjson(const char *text, size_t len, const ld_insight_scores *parsed)
{
    (void)len;
    (void)parsed;
    cJSON *tree = cJSON_Parse(text); /* through the hooks too: may fail */
    if (!tree)
        return false;
    ld_insight_scores v;
    oas_error err;
    oas_status st = ld_insight_scores_from_cjson(tree, &v, &err);
    cJSON_Delete(tree);
    if (st != OAS_OK) {
        assert_int_equal(st, OAS_ERR_NOMEM);
        return false;
    }
    ld_insight_scores_free(&v);
    return true;
}

static bool op_to_cjson(const char *text, size_t len, const ld_insight_scores *parsed)
{
    (void)text;
    (void)len;
    cJSON *tree = ld_insight_scores_to_cjson(parsed);
    cJSON_Delete(tree);
    return tree != NULL;
}

static void allocation_failures_leak_nothing(void **state)
{
    (void)state;
    size_t len;
    char *text = fixture_read("insight_scores_full.json", &len);
    failing_alloc_install();
    size_t parse_allocs = fail_each_allocation(op_parse, text, len, NULL);
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(text, len, &v, &err), OAS_OK);
    /* exactly what the value owns: overall 4 (aggregateOf array + 2 strings +
     * indicator) + 3 lastPeriod levels x 2 (struct + indicator) + 9 other
     * indicators + _links 7 (array, 2 keys, 2 href, 2 type) + the undeclared
     * futureMember 1 = 27 */
    assert_int_equal(failing_alloc_live(), 27);
    size_t json_allocs = fail_each_allocation(op_to_json, text, len, &v);
    size_t from_allocs = fail_each_allocation(op_from_cjson, text, len, NULL);
    size_t to_allocs = fail_each_allocation(op_to_cjson, text, len, &v);
    ld_insight_scores_free(&v);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    print_message("allocations: parse %zu, to_json %zu, from_cjson %zu, to_cjson %zu\n",
                  parse_allocs, json_allocs, from_allocs, to_allocs);
    /* each loop really exercised failures: parse makes the 27 blocks and
     * the DOM's */
    assert_true(parse_allocs > 27);
    assert_true(json_allocs >= 1);
    assert_true(from_allocs > parse_allocs);
    assert_true(to_allocs > 1);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(canonical_output_and_round_trip),
        cmocka_unit_test(hand_built_value_to_json),
        cmocka_unit_test(from_cjson_and_to_cjson),
        cmocka_unit_test(allocation_failures_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
