/* test_validate.c - the generated validators of the ld_ binding on
 * InsightScores documents: exact locations, keywords, params, order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ld_validate.h"
#include "oas_alloc.h"
#include "oas_json.h"

static const char *const GROUPS[] = {
    "overall", "deploymentFrequency", "deploymentFailureRate", "leadTime", "impactSize",
    "experimentationCoverage", "flagHealth", "velocity", "risk", "efficiency"};

#define METRIC "{\"score\":1,\"indicator\":\"good\",\"indicatorRange\":{\"min\":0,\"max\":10}}"
#define PERIOD "{\"startTime\":1700000000000,\"endTime\":1700086400000}"

/* A valid document; scores lacks `skip` (NULL: nothing skipped), the first
 * group is `overall_json` when given. */
static char *doc_build(const char *skip, const char *overall_json, const char *tail)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "{\"period\":" PERIOD ",\"lastPeriod\":" PERIOD ",\"scores\":{");
    const char *sep = "";
    for (size_t i = 0; i < sizeof GROUPS / sizeof GROUPS[0]; i++) {
        if (skip && strcmp(skip, GROUPS[i]) == 0)
            continue;
        oas_buf_printf(&b, "%s\"%s\":%s", sep, GROUPS[i], i == 0 && overall_json ? overall_json : METRIC);
        sep = ",";
    }
    oas_buf_printf(&b, "}%s}", tail ? tail : "");
    char *s = oas_buf_steal(&b, NULL);
    assert_non_null(s);
    return s;
}

/* text with the first `from` replaced by `to` */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    oas_buf b = OAS_BUF_INIT;
    oas_buf_append(&b, text, (size_t)(at - text));
    oas_buf_puts(&b, to);
    oas_buf_puts(&b, at + strlen(from));
    return oas_buf_steal(&b, NULL);
}

typedef struct run {
    oas_json_doc *doc;
    oas_report rep;
    bool ok;
} run;

static void validate_opts(run *r, const char *text, size_t max_errors, const oas_validate_options *o)
{
    oas_error err;
    assert_int_equal(oas_json_parse(text, strlen(text), NULL, &r->doc, &err), OAS_OK);
    oas_report_init(&r->rep, max_errors);
    r->ok = oas_validate_run(ld_insight_scores_validate_node, "", oas_json_doc_root(r->doc), &r->rep, o);
}

static void validate(run *r, const char *text)
{
    validate_opts(r, text, 0, NULL);
}

static const oas_validate_options asserting_formats = {.assert_formats = true};

static void run_free(run *r)
{
    oas_report_free(&r->rep);
    oas_json_doc_free(r->doc);
}

static void expect(const oas_violation *v, const char *iloc, const char *kloc, const char *aloc,
                   const char *keyword, const char *params)
{
    assert_string_equal(v->instance_location, iloc);
    assert_string_equal(v->keyword_location, kloc);
    assert_string_equal(v->absolute_keyword_location, aloc);
    assert_string_equal(v->keyword, keyword);
    assert_string_equal(v->params, params);
}

/* One violation expected after replacing `from` by `to` in the base doc,
 * validated with options o. */
static void expect_one_with(const oas_validate_options *o, const char *from, const char *to,
                            const char *iloc, const char *kloc, const char *aloc,
                            const char *keyword, const char *params)
{
    char *base = doc_build(NULL, NULL, ",\"_links\":{\"self\":{\"href\":\"/a\",\"type\":\"t\"}}");
    char *text = replace(base, from, to);
    run r;
    validate_opts(&r, text, 0, o);
    assert_false(r.ok);
    assert_int_equal(r.rep.status, OAS_OK);
    assert_int_equal(r.rep.count, 1);
    assert_int_equal(r.rep.total, 1);
    expect(&r.rep.items[0], iloc, kloc, aloc, keyword, params);
    /* the offset is where the offending value starts (checked for simple
     * "key":value replacements) */
    const char *colon = strchr(to, ':');
    if (colon && !strchr(colon + 1, ':'))
        assert_int_equal(r.rep.items[0].offset, (size_t)(strstr(text, to) - text + (colon + 1 - to)));
    run_free(&r);
    oas_free(text);
    oas_free(base);
}

/* The same with the default options. */
static void expect_one(const char *from, const char *to, const char *iloc, const char *kloc,
                       const char *aloc, const char *keyword, const char *params)
{
    expect_one_with(NULL, from, to, iloc, kloc, aloc, keyword, params);
}

static void test_valid_documents(void **state)
{
    (void)state;
    const char *variants[] = {
        NULL,
        ",\"_links\":{}",
        ",\"_links\":{\"self\":{\"href\":\"/a\"},\"next\":{\"type\":\"t\"},\"x\":{}}",
        ",\"extra\":[1,2,{\"a\":null}]"};
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        char *text = doc_build(NULL, NULL, variants[i]);
        run r;
        validate(&r, text);
        assert_true(r.ok);
        assert_int_equal(r.rep.count, 0);
        assert_int_equal(r.rep.total, 0);
        run_free(&r);
        oas_free(text);
    }
    /* creationRatio is optional, present or not */
    char *with = doc_build(NULL, NULL, "");
    char *text = replace(with, "\"efficiency\":", "\"creationRatio\":" METRIC ",\"efficiency\":");
    run r;
    validate(&r, text);
    assert_true(r.ok);
    run_free(&r);
    oas_free(text);
    oas_free(with);
    assert_true(ld_insights_metric_score_validate != NULL);
}

static void test_each_required_group_missing(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof GROUPS / sizeof GROUPS[0]; i++) {
        char *text = doc_build(GROUPS[i], NULL, NULL);
        run r;
        validate(&r, text);
        assert_false(r.ok);
        assert_int_equal(r.rep.count, 1);
        char params[128];
        snprintf(params, sizeof params, "{\"missingProperty\":\"%s\"}", GROUPS[i]);
        expect(&r.rep.items[0], "/scores", "/properties/scores/$ref/required",
               "#/components/schemas/InsightGroupScores/required", "required", params);
        char message[128];
        snprintf(message, sizeof message, "must have required property \"%s\"", GROUPS[i]);
        assert_string_equal(r.rep.items[0].message, message);
        /* at the scores object */
        assert_int_equal(r.rep.items[0].offset, (size_t)(strstr(text, "\"scores\":{") - text) + 9);
        run_free(&r);
        oas_free(text);
    }
}

static void test_wrong_types_at_every_level(void **state)
{
    (void)state;
    run r;
    validate(&r, "[]");
    assert_int_equal(r.rep.count, 1);
    expect(&r.rep.items[0], "", "/type", "#/components/schemas/InsightScores/type", "type",
           "{\"type\":\"object\"}");
    assert_string_equal(r.rep.items[0].message, "must be object, found array of 0 items");
    run_free(&r);

    expect_one("\"period\":{\"startTime\":1700000000000,\"endTime\":1700086400000}", "\"period\":\"x\"",
               "/period", "/properties/period/$ref/type", "#/components/schemas/InsightPeriod/type", "type",
               "{\"type\":\"object\"}");
    expect_one("\"startTime\":1700000000000", "\"startTime\":\"1\"", "/period/startTime",
               "/properties/period/$ref/properties/startTime/$ref/type",
               "#/components/schemas/UnixMillis/type", "type", "{\"type\":\"integer\"}");
    expect_one("\"score\":1", "\"score\":\"5\"", "/scores/overall/score",
               "/properties/scores/$ref/properties/overall/$ref/properties/score/type",
               "#/components/schemas/InsightsMetricScore/properties/score/type", "type",
               "{\"type\":\"integer\"}");
    expect_one("\"indicator\":\"good\"", "\"indicator\":3", "/scores/overall/indicator",
               "/properties/scores/$ref/properties/overall/$ref/properties/indicator/$ref/type",
               "#/components/schemas/InsightsMetricScoreIndicator/type", "type", "{\"type\":\"string\"}");
    expect_one("\"min\":0", "\"min\":1.5", "/scores/overall/indicatorRange/min",
               "/properties/scores/$ref/properties/overall/$ref/properties/indicatorRange/$ref/properties/min/type",
               "#/components/schemas/InsightsMetricIndicatorRange/properties/min/type", "type",
               "{\"type\":\"integer\"}");
    expect_one("\"min\":0", "\"min\":false", "/scores/overall/indicatorRange/min",
               "/properties/scores/$ref/properties/overall/$ref/properties/indicatorRange/$ref/properties/min/type",
               "#/components/schemas/InsightsMetricIndicatorRange/properties/min/type", "type",
               "{\"type\":\"integer\"}");
    expect_one("\"score\":1", "\"score\":1,\"aggregateOf\":[\"a\",7]", "/scores/overall/aggregateOf/1",
               "/properties/scores/$ref/properties/overall/$ref/properties/aggregateOf/items/type",
               "#/components/schemas/InsightsMetricScore/properties/aggregateOf/items/type", "type",
               "{\"type\":\"string\"}");
    expect_one("\"score\":1", "\"score\":1,\"aggregateOf\":{}", "/scores/overall/aggregateOf",
               "/properties/scores/$ref/properties/overall/$ref/properties/aggregateOf/type",
               "#/components/schemas/InsightsMetricScore/properties/aggregateOf/type", "type",
               "{\"type\":\"array\"}");
    expect_one("\"_links\":{\"self\":{\"href\":\"/a\",\"type\":\"t\"}}", "\"_links\":[]", "/_links",
               "/properties/_links/type", "#/components/schemas/InsightScores/properties/_links/type",
               "type", "{\"type\":\"object\"}");
}

static void test_links_map(void **state)
{
    (void)state;
    expect_one("\"href\":\"/a\"", "\"href\":5", "/_links/self/href",
               "/properties/_links/additionalProperties/$ref/properties/href/type",
               "#/components/schemas/Link/properties/href/type", "type", "{\"type\":\"string\"}");
    expect_one("{\"href\":\"/a\",\"type\":\"t\"}", "null", "/_links/self",
               "/properties/_links/additionalProperties/$ref/type", "#/components/schemas/Link/type",
               "type", "{\"type\":\"object\"}");
}

static void test_null_is_not_an_object(void **state)
{
    (void)state;
    expect_one("\"lastPeriod\":{\"startTime\":1700000000000,\"endTime\":1700086400000}",
               "\"lastPeriod\":null", "/lastPeriod", "/properties/lastPeriod/$ref/type",
               "#/components/schemas/InsightPeriod/type", "type", "{\"type\":\"object\"}");
    expect_one("\"score\":1", "\"score\":1,\"lastPeriod\":null", "/scores/overall/lastPeriod",
               "/properties/scores/$ref/properties/overall/$ref/properties/lastPeriod/$ref/type",
               "#/components/schemas/InsightsMetricScore/type", "type", "{\"type\":\"object\"}");
}

static void test_integer_spellings(void **state)
{
    (void)state;
    const char *ok[] = {"1.0", "1e2", "1E+2", "-0", "100.000", "0.5e1"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char to[64];
        snprintf(to, sizeof to, "\"score\":%s", ok[i]);
        char *base = doc_build(NULL, NULL, NULL);
        char *text = replace(base, "\"score\":1", to);
        run r;
        validate(&r, text);
        assert_true(r.ok);
        run_free(&r);
        oas_free(text);
        oas_free(base);
    }
    expect_one("\"score\":1", "\"score\":1.5", "/scores/overall/score",
               "/properties/scores/$ref/properties/overall/$ref/properties/score/type",
               "#/components/schemas/InsightsMetricScore/properties/score/type", "type",
               "{\"type\":\"integer\"}");
}

static const char *const int64_beyond[] = {"\"startTime\":9223372036854775808",
                                           "\"startTime\":-9223372036854775809",
                                           "\"startTime\":1e19"};

static void test_int64_bounds_when_formats_asserted(void **state)
{
    (void)state;
    const char *ok[] = {"9223372036854775807", "-9223372036854775808"};
    for (size_t i = 0; i < 2; i++) {
        char to[64];
        snprintf(to, sizeof to, "\"startTime\":%s", ok[i]);
        char *base = doc_build(NULL, NULL, NULL);
        char *text = replace(base, "\"startTime\":1700000000000", to);
        run r;
        validate_opts(&r, text, 0, &asserting_formats);
        assert_true(r.ok);
        run_free(&r);
        oas_free(text);
        oas_free(base);
    }
    for (size_t i = 0; i < 3; i++)
        expect_one_with(&asserting_formats, "\"startTime\":1700000000000", int64_beyond[i],
                        "/period/startTime",
                        "/properties/period/$ref/properties/startTime/$ref/format",
                        "#/components/schemas/UnixMillis/format", "format", "{\"format\":\"int64\"}");
}

/* format is an annotation unless asserted (2020-12): the same integers
 * beyond int64 are valid, nothing reported. */
static void test_int64_beyond_range_valid_by_default(void **state)
{
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        char *base = doc_build(NULL, NULL, NULL);
        char *text = replace(base, "\"startTime\":1700000000000", int64_beyond[i]);
        run r;
        validate(&r, text);
        assert_true(r.ok);
        assert_int_equal(r.rep.total, 0);
        assert_int_equal(r.rep.count, 0);
        run_free(&r);
        oas_free(text);
        oas_free(base);
    }
}

/* lastPeriod nested `depth` times below scores.overall; the innermost
 * lacks `score` when broken. */
static char *nested(size_t depth, bool broken)
{
    oas_buf b = OAS_BUF_INIT;
    for (size_t i = 0; i < depth; i++)
        oas_buf_puts(&b, "{\"score\":2,\"indicator\":\"i\",\"indicatorRange\":{\"min\":0,\"max\":1},\"lastPeriod\":");
    oas_buf_puts(&b, broken ? "{\"indicator\":\"i\",\"indicatorRange\":{\"min\":0,\"max\":1}}" : METRIC);
    for (size_t i = 0; i < depth; i++)
        oas_buf_putc(&b, '}');
    char *overall = oas_buf_steal(&b, NULL);
    char *text = doc_build(NULL, overall, NULL);
    oas_free(overall);
    return text;
}

static void test_last_period_nesting(void **state)
{
    (void)state;
    for (size_t depth = 0; depth <= 40; depth += 8) {
        char *text = nested(depth, false);
        run r;
        validate(&r, text);
        assert_true(r.ok);
        run_free(&r);
        oas_free(text);
    }
    char *text = nested(3, true);
    run r;
    validate(&r, text);
    assert_int_equal(r.rep.count, 1);
    expect(&r.rep.items[0], "/scores/overall/lastPeriod/lastPeriod/lastPeriod",
           "/properties/scores/$ref/properties/overall/$ref/properties/lastPeriod/$ref"
           "/properties/lastPeriod/$ref/properties/lastPeriod/$ref/required",
           "#/components/schemas/InsightsMetricScore/required", "required",
           "{\"missingProperty\":\"score\"}");
    run_free(&r);
    oas_free(text);

    /* past the limit: a clear status, not a verdict and not a crash */
    text = nested(20, false);
    validate_opts(&r, text, 0, &(oas_validate_options){.max_depth = 10});
    assert_false(r.ok);
    assert_int_equal(r.rep.status, OAS_ERR_JSON_DEPTH);
    run_free(&r);
    /* exactly at the limit: the deepest path,
     * /scores/overall + 7 x /lastPeriod + /indicatorRange/min, has 11 segments */
    oas_free(text);
    text = nested(7, false);
    validate_opts(&r, text, 0, &(oas_validate_options){.max_depth = 11});
    assert_true(r.ok);
    assert_int_equal(r.rep.status, OAS_OK);
    run_free(&r);
    validate_opts(&r, text, 0, &(oas_validate_options){.max_depth = 10});
    assert_int_equal(r.rep.status, OAS_ERR_JSON_DEPTH);
    run_free(&r);
    oas_free(text);
}

static void test_several_violations_in_document_order(void **state)
{
    (void)state;
    /* _links first in the text, so document order differs from the order
     * in which the schema lists the properties */
    const char *text =
        "{\"_links\":{\"a\":{\"href\":1}},\"scores\":{\"overall\":{\"score\":\"x\"}},"
        "\"period\":{\"startTime\":\"s\",\"endTime\":null}}";
    run r;
    validate(&r, text);
    assert_false(r.ok);
    assert_int_equal(r.rep.count, 16);
    assert_int_equal(r.rep.total, 16);
    expect(&r.rep.items[0], "", "/required", "#/components/schemas/InsightScores/required", "required",
           "{\"missingProperty\":\"lastPeriod\"}");
    expect(&r.rep.items[1], "/_links/a/href", "/properties/_links/additionalProperties/$ref/properties/href/type",
           "#/components/schemas/Link/properties/href/type", "type", "{\"type\":\"string\"}");
    assert_string_equal(r.rep.items[2].instance_location, "/scores");
    assert_string_equal(r.rep.items[2].params, "{\"missingProperty\":\"deploymentFrequency\"}");
    assert_string_equal(r.rep.items[10].params, "{\"missingProperty\":\"efficiency\"}");
    assert_string_equal(r.rep.items[11].instance_location, "/scores/overall");
    assert_string_equal(r.rep.items[11].params, "{\"missingProperty\":\"indicator\"}");
    assert_string_equal(r.rep.items[12].params, "{\"missingProperty\":\"indicatorRange\"}");
    assert_string_equal(r.rep.items[13].instance_location, "/scores/overall/score");
    assert_string_equal(r.rep.items[14].instance_location, "/period/startTime");
    assert_string_equal(r.rep.items[14].keyword, "type");
    assert_string_equal(r.rep.items[15].instance_location, "/period/endTime");
    for (size_t i = 1; i < r.rep.count; i++)
        assert_true(r.rep.items[i - 1].offset <= r.rep.items[i].offset);
    run_free(&r);
}

static void test_max_errors_keeps_first_in_document_order(void **state)
{
    (void)state;
    const char *text = "{\"_links\":{\"a\":{\"href\":1}},\"period\":5,\"lastPeriod\":6,\"scores\":7}";
    run r;
    validate_opts(&r, text, 2, NULL);
    assert_false(r.ok);
    assert_int_equal(r.rep.count, 2);
    assert_int_equal(r.rep.total, 4);
    assert_string_equal(r.rep.items[0].instance_location, "/_links/a/href");
    assert_string_equal(r.rep.items[1].instance_location, "/period");
    run_free(&r);
}

static void test_duplicate_keys_the_last_counts(void **state)
{
    (void)state;
    char *base = doc_build(NULL, NULL, NULL);
    /* first "period" invalid, the last one (which counts) valid */
    char *text = replace(base, "{\"period\":", "{\"period\":7,\"period\":");
    run r;
    validate(&r, text);
    assert_true(r.ok); /* the repeat itself is no violation */
    assert_int_equal(r.rep.count, 0);
    run_free(&r);
    oas_free(text);
    oas_free(base);
}

static void test_report_json(void **state)
{
    (void)state;
    run r;
    validate(&r, "{\"period\":{\"startTime\":1,\"endTime\":2},\"lastPeriod\":null,\"scores\":{}}");
    assert_int_equal(r.rep.count, 11);
    oas_report rep1 = r.rep;
    rep1.count = 1;
    oas_buf b = OAS_BUF_INIT;
    oas_report_write_json(&rep1, &b);
    assert_string_equal(b.data,
        "[{\"instanceLocation\":\"/lastPeriod\",\"instancePath\":\"/lastPeriod\","
        "\"keywordLocation\":\"/properties/lastPeriod/$ref/type\","
        "\"absoluteKeywordLocation\":\"#/components/schemas/InsightPeriod/type\","
        "\"schemaPath\":\"#/components/schemas/InsightPeriod/type\",\"keyword\":\"type\","
        "\"params\":{\"type\":\"object\"},\"message\":\"must be object, found null\",\"offset\":51}]");
    oas_buf_free(&b);
    run_free(&r);
}

static void test_component_entry_points(void **state)
{
    (void)state;
    oas_json_doc *doc;
    oas_error err;
    assert_int_equal(oas_json_parse("{\"min\":1}", 9, NULL, &doc, &err), OAS_OK);
    oas_report rep;
    oas_report_init(&rep, 0);
    assert_false(ld_insights_metric_indicator_range_validate(oas_json_doc_root(doc), &rep));
    assert_int_equal(rep.count, 1);
    expect(&rep.items[0], "", "/required", "#/components/schemas/InsightsMetricIndicatorRange/required",
           "required", "{\"missingProperty\":\"max\"}");
    oas_report_clear(&rep);
    assert_int_equal(rep.count, 0);
    assert_true(ld_unix_millis_validate(&oas_json_doc_root(doc)->u.obj.members[0].value, &rep));
    oas_report_free(&rep);
    oas_json_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_documents),
        cmocka_unit_test(test_each_required_group_missing),
        cmocka_unit_test(test_wrong_types_at_every_level),
        cmocka_unit_test(test_links_map),
        cmocka_unit_test(test_null_is_not_an_object),
        cmocka_unit_test(test_integer_spellings),
        cmocka_unit_test(test_int64_bounds_when_formats_asserted),
        cmocka_unit_test(test_int64_beyond_range_valid_by_default),
        cmocka_unit_test(test_last_period_nesting),
        cmocka_unit_test(test_several_violations_in_document_order),
        cmocka_unit_test(test_max_errors_keeps_first_in_document_order),
        cmocka_unit_test(test_duplicate_keys_the_last_counts),
        cmocka_unit_test(test_report_json),
        cmocka_unit_test(test_component_entry_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
