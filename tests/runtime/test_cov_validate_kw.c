/* test_cov_validate_kw.c - the validator's keyword helpers
 * (oas_validate_kw.c) and its report (oas_validate.c), called the way
 * generated validators call them: each keyword's limit on both sides, the
 * exact keyword, params, message and locations of the violation, document
 * order and max_errors, the depth limit, and out-of-memory while recording. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_buf.h"
#include "oas_json.h"
#include "oas_validate_impl.h"

#define SLOC "#/components/schemas/X"

static oas_json_doc *doc;
static oas_report rep;

static const oas_json *parse(const char *json)
{
    oas_json_doc_free(doc);
    doc = NULL;
    assert_int_equal(oas_json_parse(json, strlen(json), NULL, &doc, NULL), OAS_OK);
    return oas_json_doc_root(doc);
}

/* Validate json with fn (root keyword path "/$ref") and opts (NULL: the
 * defaults); true when valid. */
static bool run_opts(oas_validate_fn fn, const char *json, const oas_validate_options *opts)
{
    const oas_json *root = parse(json);
    oas_report_clear(&rep);
    return oas_validate_run(fn, "/$ref", root, &rep, opts);
}

static bool run(oas_validate_fn fn, const char *json)
{
    return run_opts(fn, json, NULL);
}

/* The same, asserting formats. */
static bool run_formats(oas_validate_fn fn, const char *json)
{
    const oas_validate_options opts = {.assert_formats = true};
    return run_opts(fn, json, &opts);
}

/* The only violation recorded has exactly these fields. */
static void expect_one(const char *keyword, const char *params, const char *message)
{
    assert_int_equal(rep.status, OAS_OK);
    assert_int_equal(rep.count, 1);
    assert_int_equal(rep.total, 1);
    assert_string_equal(rep.items[0].keyword, keyword);
    assert_string_equal(rep.items[0].params, params);
    assert_string_equal(rep.items[0].message, message);
    char kl[128], al[128];
    snprintf(kl, sizeof kl, "/$ref/%s", keyword);
    snprintf(al, sizeof al, SLOC "/%s", keyword);
    assert_string_equal(rep.items[0].keyword_location, kl);
    assert_string_equal(rep.items[0].absolute_keyword_location, al);
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

/* ---- type ---------------------------------------------------------------- */

static unsigned type_mask;
static void v_type(const oas_json *in, oas_vctx *c)
{
    oas_v_type(c, in, type_mask, SLOC);
}

static void test_type(void **state)
{
    (void)state;
    struct { unsigned mask; const char *ok, *bad; } cases[] = {
        {OAS_VT_NULL, "null", "false"},
        {OAS_VT_BOOLEAN, "true", "null"},
        {OAS_VT_BOOLEAN, "false", "0"},
        {OAS_VT_OBJECT, "{}", "[]"},
        {OAS_VT_ARRAY, "[]", "{}"},
        {OAS_VT_STRING, "\"\"", "1"},
        {OAS_VT_NUMBER, "1.5", "\"1.5\""},
        {OAS_VT_INTEGER, "1.0", "1.5"}, /* 1.0 is an integer (2020-12) */
        {OAS_VT_INTEGER, "1e2", "true"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        type_mask = cases[i].mask;
        assert_true(run(v_type, cases[i].ok));
        assert_int_equal(rep.count, 0);
        assert_false(run(v_type, cases[i].bad));
        assert_int_equal(rep.count, 1);
    }
    /* names in a fixed order, whatever the bit order */
    type_mask = OAS_VT_NULL | OAS_VT_INTEGER | OAS_VT_STRING;
    assert_false(run(v_type, "{\"a\":1}"));
    expect_one("type", "{\"type\":\"string,integer,null\"}", "must be string,integer,null, found object with 1 member");
    assert_string_equal(rep.items[0].instance_location, "");
    assert_int_equal(rep.items[0].offset, 0);
    type_mask = OAS_VT_NUMBER | OAS_VT_BOOLEAN | OAS_VT_OBJECT | OAS_VT_ARRAY;
    assert_false(run(v_type, "\"s\""));
    expect_one("type", "{\"type\":\"number,boolean,object,array\"}", "must be number,boolean,object,array, found string \"s\"");
    type_mask = OAS_VT_STRING | OAS_VT_NUMBER | OAS_VT_INTEGER | OAS_VT_BOOLEAN | OAS_VT_OBJECT |
                OAS_VT_NULL; /* every name but one: the longest list there is */
    assert_false(run(v_type, "[7]"));
    expect_one("type", "{\"type\":\"string,number,integer,boolean,object,null\"}",
               "must be string,number,integer,boolean,object,null, found array of 1 item");
    type_mask = OAS_VT_STRING;
    assert_false(run(v_type, "[7,8]"));
    expect_one("type", "{\"type\":\"string\"}", "must be string, found array of 2 items");
    type_mask = 0; /* nothing allowed (never generated, still well-formed) */
    assert_false(run(v_type, "  null"));
    expect_one("type", "{\"type\":\"\"}", "must be , found null");
    assert_int_equal(rep.items[0].offset, 2);
}

static void v_false(const oas_json *in, oas_vctx *c)
{
    oas_v_false(c, in, SLOC);
}

static void test_false_schema(void **state)
{
    (void)state;
    assert_false(run(v_false, "1"));
    expect_one("false", "{}", "boolean schema is false");
}

/* ---- objects --------------------------------------------------------------- */

static void v_object(const oas_json *in, oas_vctx *c)
{
    if (!oas_v_type(c, in, OAS_VT_OBJECT, SLOC))
        return;
    oas_v_required(c, in, SLOC, "id", 2);
    oas_v_required(c, in, SLOC, "a\"b", 3);
    for (size_t i = 0; i < in->u.obj.count; i++)
        if (in->u.obj.members[i].key_len > 3)
            oas_v_additional(c, in, &in->u.obj.members[i], SLOC);
}

static void test_required_and_additional(void **state)
{
    (void)state;
    assert_true(run(v_object, "{\"id\":1,\"a\\\"b\":2}"));
    assert_false(run(v_object, "{\"a\\\"b\":2}"));
    expect_one("required", "{\"missingProperty\":\"id\"}", "must have required property \"id\"");
    assert_false(run(v_object, "{\"id\":1}"));
    expect_one("required", "{\"missingProperty\":\"a\\\"b\"}", "must have required property \"a\\\"b\"");
    assert_false(run(v_object, "{\"id\":1,\"a\\\"b\":2,\"extra/~\":3}"));
    expect_one("additionalProperties", "{\"additionalProperty\":\"extra/~\"}",
               "must NOT have additional properties (\"extra/~\")");
}

static size_t min_props, max_props;
static void v_props(const oas_json *in, oas_vctx *c)
{
    oas_v_min_properties(c, in, SLOC, min_props);
    oas_v_max_properties(c, in, SLOC, max_props);
}

static void test_min_max_properties(void **state)
{
    (void)state;
    min_props = 2;
    max_props = 3;
    assert_true(run(v_props, "{\"a\":1,\"b\":2}"));
    assert_true(run(v_props, "{\"a\":1,\"b\":2,\"c\":3}"));
    assert_false(run(v_props, "{\"a\":1}"));
    expect_one("minProperties", "{\"limit\":2}", "must NOT have fewer than 2 properties, found object with 1 member");
    assert_false(run(v_props, "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}"));
    expect_one("maxProperties", "{\"limit\":3}", "must NOT have more than 3 properties, found object with 4 members");
    /* a duplicated key is one property */
    assert_false(run(v_props, "{\"a\":1,\"a\":2}"));
    expect_one("minProperties", "{\"limit\":2}", "must NOT have fewer than 2 properties, found object with 2 members");
    assert_true(run(v_props, "{\"a\":1,\"b\":1,\"c\":1,\"a\":2}"));
}

/* ---- arrays and strings ------------------------------------------------------ */

static void v_array(const oas_json *in, oas_vctx *c)
{
    oas_v_min_items(c, in, SLOC, 1);
    oas_v_max_items(c, in, SLOC, 3);
    oas_v_unique_items(c, in, SLOC);
}

static void test_items(void **state)
{
    (void)state;
    assert_true(run(v_array, "[1]"));
    assert_true(run(v_array, "[1,\"1\",[1]]"));
    assert_false(run(v_array, "[]"));
    expect_one("minItems", "{\"limit\":1}", "must NOT have fewer than 1 items, found array of 0 items");
    assert_false(run(v_array, "[1,2,3,4]"));
    expect_one("maxItems", "{\"limit\":3}", "must NOT have more than 3 items, found array of 4 items");
    /* equal by value: 1 == 1.0, objects ignore member order */
    assert_false(run(v_array, "[{\"a\":1,\"b\":2},3,{\"b\":2,\"a\":1.0}]"));
    expect_one("uniqueItems", "{\"i\":2,\"j\":0}",
               "must NOT have duplicate items (items ## 0 and 2 are identical)");
}

static void v_string(const oas_json *in, oas_vctx *c)
{
    oas_v_min_length(c, in, SLOC, 3);
    oas_v_max_length(c, in, SLOC, 4);
}

static void test_lengths_count_code_points(void **state)
{
    (void)state;
    assert_true(run(v_string, "\"abc\""));
    assert_true(run(v_string, "\"abcd\""));
    assert_true(run(v_string, "\"\xc3\xa9\xc3\xa9\xc3\xa9\"")); /* 6 bytes, 3 characters */
    assert_true(run(v_string, "\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\""));
    assert_false(run(v_string, "\"ab\""));
    expect_one("minLength", "{\"limit\":3}", "must NOT have fewer than 3 characters, found string \"ab\"");
    assert_false(run(v_string, "\"\xc3\xa9\xc3\xa9\"")); /* 4 bytes, 2 characters */
    expect_one("minLength", "{\"limit\":3}", "must NOT have fewer than 3 characters, found string \"éé\"");
    assert_false(run(v_string, "\"abcde\""));
    expect_one("maxLength", "{\"limit\":4}", "must NOT have more than 4 characters, found string \"abcde\"");
    assert_false(run(v_string, "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\""));
    expect_one("maxLength", "{\"limit\":4}", "must NOT have more than 4 characters, found string \"ééééé\"");
}

/* ---- numbers ----------------------------------------------------------------- */

static oas_v_cmp bound_cmp;
static oas_v_num bound_limit;
static void v_bound(const oas_json *in, oas_vctx *c)
{
    oas_v_bound(c, in, SLOC, bound_cmp, &bound_limit);
}

static void test_bounds(void **state)
{
    (void)state;
    const oas_v_num ten = {"10", 10.0, 10, true, false};
    const oas_v_num half = {"0.5", 0.5, 0, false, true};
    const oas_v_num big = {"9007199254740993", 9007199254740992.0, INT64_C(9007199254740993), true, false};

    bound_limit = ten;
    bound_cmp = OAS_V_MIN;
    assert_true(run(v_bound, "10"));
    assert_true(run(v_bound, "10.5"));
    assert_false(run(v_bound, "9.99"));
    expect_one("minimum", "{\"comparison\":\">=\",\"limit\":10}", "must be >= 10, found number 9.99");
    bound_cmp = OAS_V_MAX;
    assert_true(run(v_bound, "10.0"));
    assert_false(run(v_bound, "11"));
    expect_one("maximum", "{\"comparison\":\"<=\",\"limit\":10}", "must be <= 10, found integer 11");
    bound_cmp = OAS_V_XMIN;
    assert_true(run(v_bound, "11"));
    assert_false(run(v_bound, "10"));
    expect_one("exclusiveMinimum", "{\"comparison\":\">\",\"limit\":10}", "must be > 10, found integer 10");
    bound_cmp = OAS_V_XMAX;
    assert_true(run(v_bound, "-3"));
    assert_false(run(v_bound, "1e1"));
    expect_one("exclusiveMaximum", "{\"comparison\":\"<\",\"limit\":10}", "must be < 10, found integer 1e1");

    bound_limit = half; /* a fractional limit against integers */
    bound_cmp = OAS_V_MIN;
    assert_true(run(v_bound, "1"));
    assert_false(run(v_bound, "0"));
    expect_one("minimum", "{\"comparison\":\">=\",\"limit\":0.5}", "must be >= 0.5, found integer 0");

    /* int64 against int64 is exact beyond 2^53: a double would see these equal */
    bound_limit = big;
    bound_cmp = OAS_V_MAX;
    assert_true(run(v_bound, "9007199254740993"));
    assert_false(run(v_bound, "9007199254740994"));
    expect_one("maximum", "{\"comparison\":\"<=\",\"limit\":9007199254740993}", "must be <= 9007199254740993, found integer 9007199254740994");
    /* an integer beyond int64 compares through its double */
    assert_false(run(v_bound, "1e19"));
    bound_cmp = OAS_V_XMIN;
    assert_false(run(v_bound, "-99999999999999999999"));
}

static oas_v_num mult;
static void v_multiple(const oas_json *in, oas_vctx *c)
{
    oas_v_multiple_of(c, in, SLOC, &mult);
}

static void test_multiple_of(void **state)
{
    (void)state;
    mult = (oas_v_num){"3", 3.0, 3, true, false};
    assert_true(run(v_multiple, "9"));
    assert_true(run(v_multiple, "-9"));
    assert_true(run(v_multiple, "9223372036854775806")); /* exact in int64 */
    assert_false(run(v_multiple, "9223372036854775807"));
    expect_one("multipleOf", "{\"multipleOf\":3}", "must be multiple of 3, found integer 9223372036854775807");
    assert_true(run(v_multiple, "4.5e1"));   /* integral, written as a float */
    assert_false(run(v_multiple, "4.5"));

    mult = (oas_v_num){"-1", -1.0, -1, true, false}; /* INT64_MIN % -1 would trap */
    assert_true(run(v_multiple, "-9223372036854775808"));
    assert_false(run(v_multiple, "0.5"));

    mult = (oas_v_num){"0.5", 0.5, 0, false, true};
    assert_true(run(v_multiple, "2.5"));
    assert_true(run(v_multiple, "7"));
    assert_true(run(v_multiple, "1e20"));    /* quotient past 2^52: integral */
    assert_false(run(v_multiple, "0.3"));
    expect_one("multipleOf", "{\"multipleOf\":0.5}", "must be multiple of 0.5, found number 0.3");
    /* the quotient overflows: decided exactly */
    assert_true(run(v_multiple, "1.5e308"));
    assert_true(run(v_multiple, "-1.5e308"));

    mult = (oas_v_num){"0.1", 0.1, 0, false, true};
    assert_false(run(v_multiple, "0.3"));    /* as python-jsonschema: 0.3/0.1 is not integral */
    assert_true(run(v_multiple, "0.5"));
    assert_true(run(v_multiple, "1e308"));   /* an integer beyond int64: exact on the decimals */
    assert_false(run(v_multiple, "1.5e-400")); /* beyond double: exact on the decimals */

    mult = (oas_v_num){"5e-324", 4.9406564584124654e-324, 0, false, true}; /* subnormal */
    assert_true(run(v_multiple, "1e300"));

    mult = (oas_v_num){"2.0", 2.0, 2, true, true}; /* integral, written as a float */
    assert_true(run(v_multiple, "6"));
    assert_false(run(v_multiple, "7"));
    assert_true(run(v_multiple, "1e20"));
}

/* ---- format, enum, const --------------------------------------------------- */

static oas_format fmt;
static void v_format(const oas_json *in, oas_vctx *c)
{
    oas_v_format(c, in, SLOC, fmt);
}

static void test_format_keyword_when_asserted(void **state)
{
    (void)state;
    fmt = OAS_FMT_DATE;
    assert_true(run_formats(v_format, "\"2024-01-02\""));
    assert_true(run_formats(v_format, "20240102")); /* a number: date says nothing */
    assert_true(run_formats(v_format, "true"));
    assert_false(run_formats(v_format, "\"2024-13-02\""));
    expect_one("format", "{\"format\":\"date\"}", "must match format \"date\", found string \"2024-13-02\"");
    fmt = OAS_FMT_INT32;
    assert_true(run_formats(v_format, "\"99999999999\"")); /* a string: int32 says nothing */
    assert_false(run_formats(v_format, "99999999999"));
    expect_one("format", "{\"format\":\"int32\"}", "must match format \"int32\", found integer 99999999999");
}

/* 2020-12's default: format is an annotation. No options, zeroed ones and
 * assert_formats false all accept what asserting refuses, report nothing. */
static void test_format_is_an_annotation_by_default(void **state)
{
    (void)state;
    const oas_validate_options zero = {0}, depth_only = {.max_depth = 8};
    fmt = OAS_FMT_DATE;
    assert_true(run(v_format, "\"2024-13-02\""));
    assert_int_equal(rep.total, 0);
    assert_int_equal(rep.count, 0);
    assert_true(run_opts(v_format, "\"2024-13-02\"", &zero));
    assert_int_equal(rep.total, 0);
    fmt = OAS_FMT_INT32;
    assert_true(run_opts(v_format, "99999999999", &depth_only));
    assert_int_equal(rep.total, 0);
    assert_int_equal(rep.status, OAS_OK);
}

/* A table's leaf entry (type, enum, format checked in place) follows the
 * same option: each item of [1, 99999999999, "x"] against {type: integer,
 * format: int32}. */
static const oas_v_leaf int32_leaf = {SLOC, OAS_VT_INTEGER, OAS_FMT_INT32, false, NULL, 0};
static void v_int32_items(const oas_json *in, oas_vctx *c)
{
    if (in->type == OAS_JSON_ARRAY)
        oas_v_items(c, in, 0, "/items", NULL, &int32_leaf);
}

static void test_format_of_table_leaves(void **state)
{
    (void)state;
    assert_false(run(v_int32_items, "[1,99999999999,\"x\"]"));
    assert_int_equal(rep.count, 1);
    assert_string_equal(rep.items[0].instance_location, "/2");
    assert_string_equal(rep.items[0].keyword, "type");
    assert_false(run_formats(v_int32_items, "[1,99999999999,\"x\"]"));
    assert_int_equal(rep.count, 2);
    assert_string_equal(rep.items[0].instance_location, "/1");
    assert_string_equal(rep.items[0].keyword, "format");
    assert_string_equal(rep.items[0].keyword_location, "/$ref/items/format");
    assert_string_equal(rep.items[0].absolute_keyword_location, SLOC "/format");
    assert_string_equal(rep.items[0].params, "{\"format\":\"int32\"}");
    assert_string_equal(rep.items[0].message,
                        "must match format \"int32\", found integer 99999999999");
    assert_string_equal(rep.items[1].instance_location, "/2");
    assert_string_equal(rep.items[1].keyword, "type");
}

/* Items from the second on: integers, or arrays of the same, each item
 * through a function (no leaf). */
static void v_nested_items(const oas_json *in, oas_vctx *c)
{
    if (in->type == OAS_JSON_ARRAY)
        oas_v_items(c, in, 1, "/items", v_nested_items, NULL);
    else
        oas_v_type(c, in, OAS_VT_INTEGER, SLOC);
}

/* Items checked through a function get their own path each, from `start`
 * on, the array's own level in between; an empty array or one with only
 * the item before start meets no depth limit, an item past it does. */
static void test_function_items_paths_and_depth(void **state)
{
    (void)state;
    assert_false(run(v_nested_items, "[\"skipped\",1,\"x\",[0,2,\"y\"],\"z\"]"));
    assert_int_equal(rep.count, 3);
    assert_string_equal(rep.items[0].instance_location, "/2");
    assert_string_equal(rep.items[0].keyword_location, "/$ref/items/type");
    assert_string_equal(rep.items[1].instance_location, "/3/2");
    assert_string_equal(rep.items[1].keyword_location, "/$ref/items/items/type");
    assert_string_equal(rep.items[2].instance_location, "/4");
    const oas_validate_options depth1 = {.max_depth = 1};
    assert_true(run_opts(v_nested_items, "[0,[],[1]]", &depth1));
    assert_int_equal(rep.status, OAS_OK);
    assert_false(run_opts(v_nested_items, "[0,[0,1]]", &depth1));
    assert_int_equal(rep.status, OAS_ERR_JSON_DEPTH);
    assert_int_equal(rep.count, 0);
}

/* An object table (what generated validators pass to oas_v_object) for
 * {properties: {a: {type: integer, format: int32}, bb: {enum: ["x", "y"]},
 * o: <this schema>}, required: [a, bb]}, declared in that order. */
static const oas_json xy[] = {{.type = OAS_JSON_STRING, .u.str = {"x", 1}},
                              {.type = OAS_JSON_STRING, .u.str = {"y", 1}}};
static const oas_v_leaf a_leaf = {SLOC "/properties/a", OAS_VT_INTEGER, OAS_FMT_INT32, false, NULL, 0};
static const oas_v_leaf bb_leaf = {SLOC "/properties/bb", 0, -1, true, xy, 2};
static void v_table(const oas_json *in, oas_vctx *c)
{
    static const oas_v_prop props[] = { /* by length, then bytes */
        {"a", 1, "/properties/a", NULL, &a_leaf, 0, 2, NULL},
        {"o", 1, "/properties/o", v_table, NULL, -1, 0, NULL},
        {"bb", 2, "/properties/bb", NULL, &bb_leaf, 1, 1, NULL},
    };
    static const oas_v_req required[] = {{"a", 1, 0}, {"bb", 2, 1}};
    static const oas_v_object_desc object = {props, 3, 0, required, 2, -1, -1, true, false,
                                             NULL, NULL, NULL, false, NULL, 0, SLOC, 2};
    unsigned char seen[2] = {0};
    if (in->type == OAS_JSON_OBJECT)
        oas_v_object(c, in, SLOC, &object, seen);
}

/* Members that pass their leaf (in or out of the declared order) leave
 * nothing; those that fail are reported at their paths; a repeated key
 * meets its required name once; a leaf member one level past the depth
 * limit stops the run though its value passes. */
static void test_object_table_members(void **state)
{
    (void)state;
    assert_true(run_formats(v_table, "{\"bb\":\"y\",\"a\":7,\"o\":{\"a\":1,\"bb\":\"x\"}}"));
    assert_int_equal(rep.total, 0);
    assert_false(run_formats(v_table, "{\"a\":99999999999,\"bb\":\"z\"}"));
    assert_int_equal(rep.count, 2);
    assert_string_equal(rep.items[0].instance_location, "/a");
    assert_string_equal(rep.items[0].keyword_location, "/$ref/properties/a/format");
    assert_string_equal(rep.items[0].absolute_keyword_location, SLOC "/properties/a/format");
    assert_string_equal(rep.items[1].instance_location, "/bb");
    assert_string_equal(rep.items[1].keyword_location, "/$ref/properties/bb/enum");
    assert_false(run(v_table, "{\"a\":1,\"a\":2}"));
    assert_int_equal(rep.count, 1);
    assert_string_equal(rep.items[0].params, "{\"missingProperty\":\"bb\"}");
    const oas_validate_options depth2 = {.max_depth = 2};
    assert_true(run_opts(v_table, "{\"a\":1,\"bb\":\"x\",\"o\":{\"a\":1,\"bb\":\"x\"}}", &depth2));
    assert_int_equal(rep.status, OAS_OK);
    assert_false(run_opts(v_table, "{\"a\":1,\"bb\":\"x\",\"o\":{\"o\":{\"a\":1}}}", &depth2));
    assert_int_equal(rep.status, OAS_ERR_JSON_DEPTH);
}

/* The schema {type: object, properties: {a, bb as above, o: <this
 * schema>}, required: [a, bb]} as the generator writes a table object:
 * its type, then its table, which is at file scope. In v_linked's table
 * the property o points at that table (oas_v_prop.object), so the walk
 * descends into an object there without calling the function; in
 * v_called's it does not. Both must report the same. */
static void v_linked(const oas_json *in, oas_vctx *c);
static void v_called(const oas_json *in, oas_vctx *c);
static const oas_v_req ab_required[] = {{"a", 1, 0}, {"bb", 2, 1}};
static const oas_v_object_desc linked_object, called_object;
static const oas_v_prop linked_props[] = {
    {"a", 1, "/properties/a", NULL, &a_leaf, 0, 2, NULL},
    {"o", 1, "/properties/o", v_linked, NULL, -1, 0, &linked_object},
    {"bb", 2, "/properties/bb", NULL, &bb_leaf, 1, 1, NULL},
};
static const oas_v_prop called_props[] = {
    {"a", 1, "/properties/a", NULL, &a_leaf, 0, 2, NULL},
    {"o", 1, "/properties/o", v_called, NULL, -1, 0, NULL},
    {"bb", 2, "/properties/bb", NULL, &bb_leaf, 1, 1, NULL},
};
static const oas_v_object_desc linked_object = {linked_props, 3, 0, ab_required, 2, -1, -1, true,
                                                false, NULL, NULL, NULL, false, NULL, 0, SLOC, 2};
static const oas_v_object_desc called_object = {called_props, 3, 0, ab_required, 2, -1, -1, true,
                                                false, NULL, NULL, NULL, false, NULL, 0, SLOC, 2};

static void table_object(const oas_json *in, oas_vctx *c, const oas_v_object_desc *o)
{
    oas_v_type(c, in, OAS_VT_OBJECT, SLOC);
    unsigned char seen[2] = {0};
    if (in->type == OAS_JSON_OBJECT)
        oas_v_object(c, in, SLOC, o, seen);
}

static void v_linked(const oas_json *in, oas_vctx *c) { table_object(in, c, &linked_object); }
static void v_called(const oas_json *in, oas_vctx *c) { table_object(in, c, &called_object); }

/* rep's status and violations, one line each: where, keyword paths, message. */
static char *report_lines(void)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_printf(&b, "status %d, total %zu\n", (int)rep.status, rep.total);
    for (size_t i = 0; i < rep.count; i++)
        oas_buf_printf(&b, "%s %s %s %s\n", rep.items[i].instance_location,
                       rep.items[i].keyword_location, rep.items[i].absolute_keyword_location,
                       rep.items[i].message);
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    return b.data;
}

/* A property pointing at its object table reports what its function
 * would: violations inside the nested object, a value that is not an
 * object, a missing required member, the depth limit. */
static void test_object_table_linked_reports_as_called(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "{\"a\":1,\"bb\":\"x\",\"o\":{\"a\":1,\"bb\":\"x\",\"o\":{\"a\":2,\"bb\":\"y\"}}}",
        "{\"a\":1,\"bb\":\"x\",\"o\":{\"a\":\"no\",\"o\":{\"bb\":\"z\"}}}",
        "{\"a\":1,\"bb\":\"x\",\"o\":7}",
        "{\"a\":1,\"bb\":\"x\",\"o\":{\"a\":1,\"a\":2,\"o\":[1]}}",
        "{\"o\":{\"o\":{\"o\":{\"o\":{}}}}}",
    };
    const oas_validate_options depth3 = {.max_depth = 3};
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++)
        for (int limited = 0; limited < 2; limited++) {
            bool linked_ok = run_opts(v_linked, docs[d], limited ? &depth3 : NULL);
            char *linked = report_lines();
            bool called_ok = run_opts(v_called, docs[d], limited ? &depth3 : NULL);
            char *called = report_lines();
            assert_int_equal(linked_ok, called_ok);
            assert_string_equal(linked, called);
            free(linked);
            free(called);
        }
    assert_false(run(v_linked, docs[1]));
    char *lines = report_lines();
    assert_string_equal(lines, "status 0, total 4\n"
                               "/o /$ref/properties/o/required " SLOC "/required must have required property \"bb\"\n"
                               "/o/a /$ref/properties/o/properties/a/type " SLOC "/properties/a/type must be integer, found string \"no\"\n"
                               "/o/o /$ref/properties/o/properties/o/required " SLOC "/required must have required property \"a\"\n"
                               "/o/o/bb /$ref/properties/o/properties/o/properties/bb/enum " SLOC "/properties/bb/enum must be equal to one of the allowed values: \"x\", \"y\", found string \"z\"\n");
    free(lines);
}

static void v_enum(const oas_json *in, oas_vctx *c)
{
    static const oas_json values[] = {
        {.type = OAS_JSON_STRING, .u.str = {"a", 1}},
        {.type = OAS_JSON_NULL},
        {.type = OAS_JSON_NUMBER, .flags = OAS_JSON_F_INTEGER | OAS_JSON_F_INT64,
         .u.num = {.text = "2", .i = 2}},
    };
    oas_v_enum(c, in, SLOC, values, 3);
}

static void v_const(const oas_json *in, oas_vctx *c)
{
    static const oas_json value = {.type = OAS_JSON_TRUE};
    oas_v_const(c, in, SLOC, &value);
}

static void test_enum_and_const(void **state)
{
    (void)state;
    assert_true(run(v_enum, "\"a\""));
    assert_true(run(v_enum, "null"));
    assert_true(run(v_enum, "2.0"));
    assert_false(run(v_enum, "\"b\""));
    expect_one("enum", "{\"allowedValues\":[\"a\",null,2]}", "must be equal to one of the allowed values: \"a\", null, 2, found string \"b\"");
    assert_true(run(v_const, "true"));
    assert_false(run(v_const, "1"));
    expect_one("const", "{\"allowedValue\":true}", "must be equal to constant true, found integer 1");
}

/* ---- paths, order, limits, report -------------------------------------------- */

static void v_item(const oas_json *in, oas_vctx *c);
static void v_member(const oas_json *in, oas_vctx *c)
{
    type_mask = OAS_VT_INTEGER;
    oas_v_type(c, in, type_mask, SLOC);
}

/* {"key": [ints]} with the violations at their paths */
static void v_nested(const oas_json *in, oas_vctx *c)
{
    if (in->type != OAS_JSON_OBJECT)
        return;
    for (size_t i = 0; i < in->u.obj.count; i++)
        oas_v_member(c, &in->u.obj.members[i], "/additionalProperties", v_item);
}

static void v_item(const oas_json *in, oas_vctx *c)
{
    if (in->type != OAS_JSON_ARRAY) {
        v_member(in, c);
        return;
    }
    for (size_t i = 0; i < in->u.arr.count; i++)
        oas_v_item(c, in, i, "/items", v_member);
}

static void test_paths_and_document_order(void **state)
{
    (void)state;
    assert_false(run(v_nested, "{\"a/b\":[1,\"x\"],\"c~d\":\"y\",\"e\":[true]}"));
    assert_int_equal(rep.count, 3);
    assert_string_equal(rep.items[0].instance_location, "/a~1b/1");
    assert_string_equal(rep.items[0].keyword_location, "/$ref/additionalProperties/items/type");
    assert_string_equal(rep.items[1].instance_location, "/c~0d");
    assert_string_equal(rep.items[1].keyword_location, "/$ref/additionalProperties/type");
    assert_string_equal(rep.items[2].instance_location, "/e/0");

    /* max_errors keeps the first ones in document order, counts them all */
    oas_report_free(&rep);
    oas_report_init(&rep, 2);
    assert_false(run(v_nested, "{\"a\":[\"1\",\"2\",\"3\",\"4\"]}"));
    assert_int_equal(rep.count, 2);
    assert_int_equal(rep.total, 4);
    assert_string_equal(rep.items[0].instance_location, "/a/0");
    assert_string_equal(rep.items[1].instance_location, "/a/1");
    oas_report_free(&rep);
    oas_report_init(&rep, 0);
}

/* Violations found out of document order are sorted; when the report is
 * full an earlier one displaces the last. */
static void v_backwards(const oas_json *in, oas_vctx *c)
{
    for (size_t i = in->u.arr.count; i-- > 0;)
        oas_v_item(c, in, i, "/items", v_member);
}

static void test_out_of_order_and_displacement(void **state)
{
    (void)state;
    assert_false(run(v_backwards, "[\"a\",\"b\",\"c\"]"));
    assert_int_equal(rep.count, 3);
    assert_string_equal(rep.items[0].instance_location, "/0");
    assert_string_equal(rep.items[1].instance_location, "/1");
    assert_string_equal(rep.items[2].instance_location, "/2");
    oas_report_free(&rep);
    oas_report_init(&rep, 2);
    assert_false(run(v_backwards, "[\"a\",\"b\",\"c\"]"));
    assert_int_equal(rep.count, 2);
    assert_int_equal(rep.total, 3);
    assert_string_equal(rep.items[0].instance_location, "/0");
    assert_string_equal(rep.items[1].instance_location, "/1");
    oas_report_free(&rep);
    oas_report_init(&rep, 0);
}

static void v_deep(const oas_json *in, oas_vctx *c)
{
    if (in->type == OAS_JSON_ARRAY) {
        for (size_t i = 0; i < in->u.arr.count; i++)
            oas_v_item(c, in, i, "/items", v_deep);
    } else {
        v_member(in, c);
    }
}

static void test_depth_limit(void **state)
{
    (void)state;
    const oas_validate_options opts = {.max_depth = 2};
    const oas_json *root = parse("[[[\"x\"]]]");
    oas_report_clear(&rep);
    assert_true(oas_validate_run(v_deep, "", root, &rep, &opts) == false);
    assert_int_equal(rep.status, OAS_ERR_JSON_DEPTH);
    assert_int_equal(rep.count, 0);
    root = parse("[[\"x\"]]");
    oas_report_clear(&rep);
    assert_false(oas_validate_run(v_deep, NULL, root, &rep, &opts));
    assert_int_equal(rep.status, OAS_OK);
    assert_int_equal(rep.count, 1);
    assert_string_equal(rep.items[0].keyword_location, "/items/items/type");
    assert_string_equal(rep.items[0].instance_location, "/0/0");
}

static void test_run_arguments_and_report_json(void **state)
{
    (void)state;
    const oas_json *root = parse("1");
    oas_report_clear(&rep);
    assert_false(oas_validate_run(NULL, "", root, &rep, NULL));
    assert_int_equal(rep.status, OAS_ERR_INVALID_ARG);
    oas_report_clear(&rep);
    assert_false(oas_validate_run(v_false, "", NULL, &rep, NULL));
    assert_int_equal(rep.status, OAS_ERR_INVALID_ARG);
    assert_false(oas_validate_run(v_false, "", root, NULL, NULL)); /* nowhere to report */
    oas_report_init(NULL, 0);
    oas_report_clear(NULL);
    oas_report_free(NULL);

    /* a node without an input offset (e.g. built from cJSON) */
    oas_json loose = {.type = OAS_JSON_NULL, .offset = OAS_JSON_NO_OFFSET};
    oas_report_clear(&rep);
    assert_false(oas_validate_run(v_false, "/x", &loose, &rep, NULL));
    oas_buf b = OAS_BUF_INIT;
    oas_report_write_json(&rep, &b);
    assert_string_equal(b.data, "[{\"instanceLocation\":\"\",\"instancePath\":\"\","
                                "\"keywordLocation\":\"/x/false\","
                                "\"absoluteKeywordLocation\":\"" SLOC "/false\","
                                "\"schemaPath\":\"" SLOC "/false\",\"keyword\":\"false\","
                                "\"params\":{},\"message\":\"boolean schema is false\",\"offset\":null}]");
    oas_buf_reset(&b);
    oas_report_write_json(NULL, &b);
    assert_string_equal(b.data, "[]");
    oas_buf_free(&b);
}

/* Every allocation made while recording fails in turn: the run ends with
 * OAS_ERR_NOMEM and leaks nothing; once allocations succeed the verdict is
 * the normal one. */
static void test_recording_out_of_memory(void **state)
{
    (void)state;
    const oas_json *root = parse("[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\"]");
    size_t n = 1;
    for (;; n++) {
        oas_report r;
        oas_report_init(&r, 0);
        failing_alloc_install();
        failing_alloc_fail_at(n, false);
        bool ok = oas_validate_run(v_deep, "", root, &r, NULL);
        size_t failures = failing_alloc_failures();
        assert_false(ok);
        if (failures == 0) {
            assert_int_equal(r.status, OAS_OK);
            assert_int_equal(r.count, 10);
            assert_string_equal(r.items[9].params, "{\"type\":\"integer\"}");
            oas_report_free(&r);
            assert_int_equal(failing_alloc_live(), 0);
            failing_alloc_uninstall();
            break;
        }
        assert_int_equal(r.status, OAS_ERR_NOMEM);
        oas_report_free(&r);
        assert_int_equal(failing_alloc_live(), 0);
        failing_alloc_uninstall();
    }
    assert_true(n > 6); /* five strings per violation, the items array, ... */

    /* type's list of names is built first: its failure is out of memory too */
    oas_report r;
    oas_report_init(&r, 0);
    root = parse("1");
    failing_alloc_install();
    failing_alloc_fail_at(1, false);
    type_mask = OAS_VT_STRING | OAS_VT_NULL;
    assert_false(oas_validate_run(v_type, "", root, &r, NULL));
    failing_alloc_uninstall();
    assert_int_equal(r.status, OAS_ERR_NOMEM);
    assert_int_equal(r.count, 0);
    oas_report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_false_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required_and_additional, setup, teardown),
        cmocka_unit_test_setup_teardown(test_min_max_properties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lengths_count_code_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multiple_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_keyword_when_asserted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_is_an_annotation_by_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_of_table_leaves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_function_items_paths_and_depth, setup, teardown),
        cmocka_unit_test_setup_teardown(test_object_table_linked_reports_as_called, setup, teardown),
        cmocka_unit_test_setup_teardown(test_object_table_members, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enum_and_const, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths_and_document_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_order_and_displacement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_depth_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_arguments_and_report_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recording_out_of_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
