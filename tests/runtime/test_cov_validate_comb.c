/* test_cov_validate_comb.c - oneOf / anyOf / not (oas_validate_comb.c) and
 * the `pattern` keyword's failure modes (oas_validate_pattern.c): which
 * branch's errors a failing combinator reports (the closest one), with which
 * params and paths; what happens when the depth limit or memory stops a
 * branch; unsupported patterns, the step limit, out of memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_json.h"
#include "oas_regex.h"
#include "oas_validate_impl.h"

#define SLOC "#/components/schemas/U"

static oas_json_doc *doc;
static oas_report rep;

static const oas_json *parse(const char *json)
{
    oas_json_doc_free(doc);
    doc = NULL;
    assert_int_equal(oas_json_parse(json, strlen(json), NULL, &doc, NULL), OAS_OK);
    return oas_json_doc_root(doc);
}

static bool run_opts(oas_validate_fn fn, const char *json, size_t max_depth)
{
    const oas_json *root = parse(json);
    oas_report_clear(&rep);
    oas_validate_options opts = {.max_depth = max_depth};
    return oas_validate_run(fn, "", root, &rep, &opts);
}

static bool run(oas_validate_fn fn, const char *json)
{
    return run_opts(fn, json, 0);
}

static int setup(void **state)
{
    (void)state;
    oas_report_init(&rep, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    oas_report_free(&rep);
    oas_json_doc_free(doc);
    doc = NULL;
    return 0;
}

static void expect(size_t i, const char *keyword, const char *kloc, const char *params, const char *message)
{
    assert_true(i < rep.count);
    assert_string_equal(rep.items[i].keyword, keyword);
    assert_string_equal(rep.items[i].keyword_location, kloc);
    assert_string_equal(rep.items[i].params, params);
    assert_string_equal(rep.items[i].message, message);
}

/* ---- branches ---------------------------------------------------------------- */

/* b_str: a string; b_int: an integer >= 0 (two errors for a negative
 * float-ish string are impossible, so counts are by construction). */
static void b_str(const oas_json *in, oas_vctx *c)
{
    oas_v_type(c, in, OAS_VT_STRING, "#/b_str");
}

static void b_int(const oas_json *in, oas_vctx *c)
{
    static const oas_v_num zero = {"0", 0.0, 0, true, false};
    if (oas_v_type(c, in, OAS_VT_INTEGER, "#/b_int"))
        oas_v_bound(c, in, "#/b_int", OAS_V_MIN, &zero);
}

/* an object with required a and b: 0, 1 or 2 errors */
static void b_ab(const oas_json *in, oas_vctx *c)
{
    if (!oas_v_type(c, in, OAS_VT_OBJECT, "#/b_ab"))
        return;
    oas_v_required(c, in, "#/b_ab", "a", 1);
    oas_v_required(c, in, "#/b_ab", "b", 1);
}

/* an object with required c */
static void b_c(const oas_json *in, oas_vctx *c)
{
    if (!oas_v_type(c, in, OAS_VT_OBJECT, "#/b_c"))
        return;
    oas_v_required(c, in, "#/b_c", "c", 1);
}

/* arrays of arrays, for the depth limit inside a branch */
static void b_deep(const oas_json *in, oas_vctx *c)
{
    if (in->type == OAS_JSON_ARRAY)
        for (size_t i = 0; i < in->u.arr.count; i++)
            oas_v_item(c, in, i, "/items", b_deep);
}

static const char *const kws[] = {"/oneOf/0", "/oneOf/1", "/oneOf/2"};
static const char *const any_kws[] = {"/anyOf/0", "/anyOf/1", "/anyOf/2"};

static void one_of_3(const oas_json *in, oas_vctx *c)
{
    static const oas_validate_fn fns[] = {b_ab, b_c, b_str};
    oas_v_one_of(c, in, SLOC, fns, kws, 3);
}

static void one_of_overlap(const oas_json *in, oas_vctx *c)
{
    static const oas_validate_fn fns[] = {b_int, b_str, oas_v_accept};
    oas_v_one_of(c, in, SLOC, fns, kws, 3);
}

static void one_of_none(const oas_json *in, oas_vctx *c)
{
    oas_v_one_of(c, in, SLOC, NULL, NULL, 0);
}

static void test_one_of(void **state)
{
    (void)state;
    assert_true(run(one_of_3, "\"s\""));
    assert_true(run(one_of_3, "{\"a\":1,\"b\":2}"));
    assert_int_equal(rep.count, 0);

    /* no branch passes: the branch with the fewest errors is reported,
     * the first of them on a tie. {"a":1}: b_ab 1 (b missing), b_c 1,
     * b_str 1 -> b_ab */
    assert_false(run(one_of_3, "{\"a\":1}"));
    assert_int_equal(rep.count, 2);
    expect(0, "oneOf", "/oneOf", "{\"passingSchemas\":null}", "must match exactly one schema in oneOf");
    expect(1, "required", "/oneOf/0/required", "{\"missingProperty\":\"b\"}", "must have required property \"b\"");
    assert_string_equal(rep.items[0].absolute_keyword_location, SLOC "/oneOf");
    assert_string_equal(rep.items[1].absolute_keyword_location, "#/b_ab/required");
    assert_int_equal(rep.total, 2);

    /* {}: b_ab 2, b_c 1, b_str 1 -> b_c, the closest */
    assert_false(run(one_of_3, "{}"));
    assert_int_equal(rep.count, 2);
    expect(1, "required", "/oneOf/1/required", "{\"missingProperty\":\"c\"}", "must have required property \"c\"");

    /* two (here three) pass: the first two are named */
    assert_false(run(one_of_overlap, "5"));
    assert_int_equal(rep.count, 1);
    expect(0, "oneOf", "/oneOf", "{\"passingSchemas\":[0,2]}", "must match exactly one schema in oneOf");
    assert_false(run(one_of_overlap, "\"x\""));
    expect(0, "oneOf", "/oneOf", "{\"passingSchemas\":[1,2]}", "must match exactly one schema in oneOf");
    assert_true(run(one_of_overlap, "-1")); /* only the accept-all branch */

    /* oneOf: [] matches nothing, and there is no branch to show */
    assert_false(run(one_of_none, "1"));
    assert_int_equal(rep.count, 1);
    expect(0, "oneOf", "/oneOf", "{\"passingSchemas\":null}", "must match exactly one schema in oneOf");
}

static void any_of_3(const oas_json *in, oas_vctx *c)
{
    static const oas_validate_fn fns[] = {b_ab, b_int, b_c};
    oas_v_any_of(c, in, SLOC, fns, any_kws, 3);
}

static void any_of_none(const oas_json *in, oas_vctx *c)
{
    oas_v_any_of(c, in, SLOC, NULL, NULL, 0);
}

static void test_any_of(void **state)
{
    (void)state;
    assert_true(run(any_of_3, "{\"a\":1,\"b\":1}"));
    assert_true(run(any_of_3, "{\"c\":1}"));
    assert_true(run(any_of_3, "7"));
    assert_int_equal(rep.count, 0);
    /* -1: b_ab 1 (type), b_int 1 (minimum), b_c 1 -> the first, b_ab */
    assert_false(run(any_of_3, "-1"));
    assert_int_equal(rep.count, 2);
    expect(0, "anyOf", "/anyOf", "{}", "must match a schema in anyOf");
    expect(1, "type", "/anyOf/0/type", "{\"type\":\"object\"}", "must be object, found integer -1");
    /* {"x":1}: b_ab 2, b_int 1, b_c 1 -> b_int */
    assert_false(run(any_of_3, "{\"x\":1}"));
    assert_int_equal(rep.count, 2);
    expect(1, "type", "/anyOf/1/type", "{\"type\":\"integer\"}", "must be integer, found object with 1 member");
    assert_false(run(any_of_none, "null"));
    assert_int_equal(rep.count, 1);
    expect(0, "anyOf", "/anyOf", "{}", "must match a schema in anyOf");
}

static void not_str(const oas_json *in, oas_vctx *c)
{
    oas_v_not(c, in, SLOC, b_str, "/not");
}

/* not: { not: { oneOf: [...] } } - quiet inside quiet */
static void not_one_of(const oas_json *in, oas_vctx *c)
{
    oas_v_not(c, in, SLOC, one_of_3, "/not");
}

static void test_not(void **state)
{
    (void)state;
    assert_true(run(not_str, "1"));
    assert_false(run(not_str, "\"s\""));
    assert_int_equal(rep.count, 1);
    expect(0, "not", "/not", "{}", "must NOT be valid");
    assert_true(run(not_one_of, "{}"));
    assert_int_equal(rep.count, 0);
    assert_int_equal(rep.total, 0); /* quiet errors are never counted in the report */
    assert_false(run(not_one_of, "\"s\""));
    assert_int_equal(rep.count, 1);
    expect(0, "not", "/not", "{}", "must NOT be valid");
}

/* The depth limit inside a branch stops validation: no verdict, no
 * combinator violation, status OAS_ERR_JSON_DEPTH. */
static void one_of_deep(const oas_json *in, oas_vctx *c)
{
    static const oas_validate_fn fns[] = {b_deep, b_str};
    oas_v_one_of(c, in, SLOC, fns, kws, 2);
}

static void any_of_deep(const oas_json *in, oas_vctx *c)
{
    static const oas_validate_fn fns[] = {b_str, b_deep};
    oas_v_any_of(c, in, SLOC, fns, any_kws, 2);
}

static void not_deep(const oas_json *in, oas_vctx *c)
{
    oas_v_not(c, in, SLOC, b_deep, "/not");
}

static void test_depth_limit_inside_branches(void **state)
{
    (void)state;
    oas_validate_fn fns[] = {one_of_deep, any_of_deep, not_deep};
    for (size_t i = 0; i < 3; i++) {
        assert_false(run_opts(fns[i], "[[[1]]]", 2));
        assert_int_equal(rep.status, OAS_ERR_JSON_DEPTH);
        assert_int_equal(rep.count, 0);
        assert_int_equal(rep.total, 0);
    }
    /* within the limit the same schemas decide normally */
    assert_true(run_opts(one_of_deep, "[[1]]", 2));
    assert_true(run_opts(any_of_deep, "[[1]]", 2));
    assert_false(run_opts(not_deep, "[[1]]", 2));
    expect(0, "not", "/not", "{}", "must NOT be valid");
}

/* ---- pattern ------------------------------------------------------------------ */

static oas_v_regex re_slug = OAS_V_REGEX_INIT("^[a-z]+$");
static oas_v_regex re_lookahead = OAS_V_REGEX_INIT("^(?=a)");
static oas_v_regex re_catastrophic = OAS_V_REGEX_INIT("^(a|aa)+$");

static void p_slug(const oas_json *in, oas_vctx *c)
{
    oas_v_pattern(c, in, SLOC, &re_slug);
}

static void p_lookahead(const oas_json *in, oas_vctx *c)
{
    oas_v_pattern(c, in, SLOC, &re_lookahead);
}

static void p_catastrophic(const oas_json *in, oas_vctx *c)
{
    oas_v_pattern(c, in, SLOC, &re_catastrophic);
}

static void not_slug(const oas_json *in, oas_vctx *c)
{
    oas_v_not(c, in, SLOC, p_slug, "/not");
}

static void test_pattern_outcomes(void **state)
{
    (void)state;
    assert_true(run(p_slug, "\"abc\""));
    assert_false(run(p_slug, "\"ab1\""));
    expect(0, "pattern", "/pattern", "{\"pattern\":\"^[a-z]+$\"}", "must match pattern \"^[a-z]+$\", found string \"ab1\"");
    /* inside not: the match is what fails */
    assert_false(run(not_slug, "\"abc\""));
    expect(0, "not", "/not", "{}", "must NOT be valid");
    assert_true(run(not_slug, "\"ABC\""));

    assert_false(run(p_lookahead, "\"a\""));
    expect(0, "pattern", "/pattern", "{\"pattern\":\"^(?=a)\"}",
           "cannot be checked against pattern \"^(?=a)\" (unsupported pattern), found string \"a\"");
    assert_int_equal(rep.status, OAS_OK);

    /* exponential backtracking hits the step limit: reported as such */
    char text[80] = "\"";
    memset(text + 1, 'a', 60);
    strcpy(text + 61, "b\"");
    assert_false(run(p_catastrophic, text));
    expect(0, "pattern", "/pattern", "{\"pattern\":\"^(a|aa)+$\"}",
           "cannot be checked against pattern \"^(a|aa)+$\" (step limit), found string \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"...");
    assert_true(run(p_catastrophic, "\"aaaa\""));
}

/* Compiling the pattern runs out of memory: validation stops with
 * OAS_ERR_NOMEM (no verdict on the instance), and a later run compiles it. */
static oas_v_regex re_fresh = OAS_V_REGEX_INIT("^x+$");
static void p_fresh(const oas_json *in, oas_vctx *c)
{
    oas_v_pattern(c, in, SLOC, &re_fresh);
}

static void test_pattern_out_of_memory(void **state)
{
    (void)state;
    const oas_json *root = parse("\"xx\"");
    oas_report_clear(&rep);
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    assert_false(oas_validate_run(p_fresh, "", root, &rep, NULL));
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    assert_int_equal(rep.status, OAS_ERR_NOMEM);
    assert_int_equal(rep.count, 0);
    assert_int_equal(rep.total, 0);
    assert_true(run(p_fresh, "\"xx\""));
    assert_false(run(p_fresh, "\"xy\""));
    assert_int_equal(rep.count, 1);
    oas_v_regex_release_all();
    assert_null(re_fresh.program);
    assert_true(run(p_fresh, "\"x\"")); /* compiled again */
    oas_v_regex_release_all();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_one_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_any_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not, setup, teardown),
        cmocka_unit_test_setup_teardown(test_depth_limit_inside_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_out_of_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
