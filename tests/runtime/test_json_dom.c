/* Reading a document: oas_json_get, oas_json_equal, oas_json_write round
 * trips, type names, and the cJSON bridge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_json.h"

static oas_json_doc *parse(const char *s)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    if (oas_json_parse(s, strlen(s), NULL, &doc, &err) != OAS_OK)
        fail_msg("parse %s: %s", s, err.message);
    return doc;
}

typedef struct equal_case {
    const char *a, *b;
    bool equal;
} equal_case;

static const equal_case equal_cases[] = {
    {"1", "1.0", true},
    {"1", "1e0", true},
    {"100", "1e2", true},
    {"0", "-0", true},
    {"1.5", "15e-1", true},
    {"9223372036854775807", "9223372036854775806", false}, /* same double, exact ints differ */
    {"9007199254740993", "9007199254740992", false},
    {"1", "2", false},
    {"1", "\"1\"", false},
    {"true", "true", true},
    {"true", "false", false},
    {"null", "null", true},
    {"null", "false", false},
    {"\"a\\u0000b\"", "\"a\\u0000b\"", true},
    {"\"a\\u0000b\"", "\"a\\u0000c\"", false},
    {"\"\\u00e9\"", "\"\xC3\xA9\"", true},
    {"[1,2]", "[1,2]", true},
    {"[1,2]", "[2,1]", false},
    {"[1,2]", "[1,2,3]", false},
    {"[]", "{}", false},
    {"{\"a\":1,\"b\":[true]}", "{\"b\":[true],\"a\":1.0}", true},
    {"{\"a\":1}", "{\"a\":1,\"b\":2}", false},
    {"{\"a\":1,\"b\":2}", "{\"a\":1,\"c\":2}", false},
    {"{\"a\":1,\"a\":2}", "{\"a\":2}", true}, /* the last occurrence is the value */
    {"{\"a\":1,\"a\":2}", "{\"a\":1}", false},
    {"{\"a\":{\"b\":[{\"c\":null}]}}", "{\"a\":{\"b\":[{\"c\":null}]}}", true},
    {"{\"a\":{\"b\":[{\"c\":null}]}}", "{\"a\":{\"b\":[{\"c\":0}]}}", false},
};

static void test_equal(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof equal_cases / sizeof equal_cases[0]; i++) {
        const equal_case *c = &equal_cases[i];
        oas_json_doc *a = parse(c->a), *b = parse(c->b);
        if (oas_json_equal(oas_json_doc_root(a), oas_json_doc_root(b)) != c->equal)
            fail_msg("equal(%s, %s) should be %d", c->a, c->b, c->equal);
        assert_int_equal(oas_json_equal(oas_json_doc_root(b), oas_json_doc_root(a)), c->equal);
        oas_json_doc_free(a);
        oas_json_doc_free(b);
    }
    assert_true(oas_json_equal(NULL, NULL));
    oas_json_doc *a = parse("1");
    assert_false(oas_json_equal(oas_json_doc_root(a), NULL));
    oas_json_doc_free(a);
}

/* Objects of more than 16 members are compared through their members
 * sorted by key: order does not matter, the last of duplicate keys does. */
static oas_json_doc *numbered_object(int n, int reversed, const char *extra)
{
    char text[2048];
    size_t len = 0;
    text[len++] = '{';
    for (int k = 0; k < n; k++) {
        int m = reversed ? n - 1 - k : k;
        len += (size_t)snprintf(text + len, sizeof text - len, "\"k%d\":%d,", m, m);
    }
    snprintf(text + len, sizeof text - len, "%s}", extra);
    return parse(text);
}

static void test_equal_large_objects(void **state)
{
    (void)state;
    static const struct {
        const char *extra_a, *extra_b;
        bool equal;
    } cases[] = {
        {"\"z\":1", "\"z\":1.0", true},
        {"\"z\":1", "\"z\":2", false},
        {"\"z\":1", "\"y\":1", false},
        {"\"z\":1", "\"z\":1,\"y\":1", false},
        {"\"k3\":9,\"z\":1", "\"z\":1,\"k3\":3", false}, /* a's k3 is 9 */
        {"\"k3\":0,\"z\":1,\"k3\":3", "\"z\":1", true},  /* the last k3 is 3 */
        {"\"z\":[1,{\"a\":1}]", "\"z\":[1,{\"a\":2}]", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        oas_json_doc *a = numbered_object(20, 0, cases[i].extra_a);
        oas_json_doc *b = numbered_object(20, 1, cases[i].extra_b);
        if (oas_json_equal(oas_json_doc_root(a), oas_json_doc_root(b)) != cases[i].equal)
            fail_msg("large objects with %s and %s should compare %d", cases[i].extra_a,
                     cases[i].extra_b, cases[i].equal);
        assert_int_equal(oas_json_equal(oas_json_doc_root(b), oas_json_doc_root(a)), cases[i].equal);
        oas_json_doc_free(a);
        oas_json_doc_free(b);
    }
    /* out of memory while sorting members: "not shown equal", no leak */
    oas_json_doc *a = numbered_object(20, 0, "\"z\":1"), *b = numbered_object(20, 1, "\"z\":1");
    for (size_t n = 1; n <= 2; n++) {
        failing_alloc_install();
        failing_alloc_fail_at(n, false);
        assert_false(oas_json_equal(oas_json_doc_root(a), oas_json_doc_root(b)));
        assert_int_equal(failing_alloc_live(), 0);
        failing_alloc_uninstall();
    }
    oas_json_doc_free(a);
    oas_json_doc_free(b);
}

typedef struct write_case {
    const char *in, *out;
} write_case;

static const write_case write_cases[] = {
    {" { \"a\" : [ 1 , 2.50 , -0 , 1E+2 ] , \"b\" : { } } ", "{\"a\":[1,2.50,-0,1E+2],\"b\":{}}"},
    {"\"\\u0000\\u001f\\/\\\"\\\\\\b\\f\\n\\r\\t\\u00e9\x7f\"", "\"\\u0000\\u001f/\\\"\\\\\\b\\f\\n\\r\\t\xC3\xA9\x7f\""},
    {"[true,false,null,[],[[]]]", "[true,false,null,[],[[]]]"},
    {"{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}"},
    {"123456789012345678901234567890", "123456789012345678901234567890"},
    {"{\"k\\u0000\":\"\"}", "{\"k\\u0000\":\"\"}"},
};

static void test_write_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof write_cases / sizeof write_cases[0]; i++) {
        oas_json_doc *doc = parse(write_cases[i].in);
        oas_buf out = OAS_BUF_INIT;
        oas_json_write(oas_json_doc_root(doc), &out);
        assert_int_equal(oas_buf_status(&out), OAS_OK);
        assert_string_equal(out.data, write_cases[i].out);
        oas_json_doc *again = parse(out.data); /* and it reads back equal */
        assert_true(oas_json_equal(oas_json_doc_root(doc), oas_json_doc_root(again)));
        oas_json_doc_free(again);
        oas_json_doc_free(doc);
        oas_buf_free(&out);
    }
}

static void test_write_allocation_failures(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("{\"a\":[1,2,{\"b\":\"a long enough string to need growing the buffer beyond 64 bytes\"}]}");
    failing_alloc_install();
    for (size_t n = 1;; n++) {
        failing_alloc_fail_at(n, false);
        oas_buf out = OAS_BUF_INIT;
        oas_json_write(oas_json_doc_root(doc), &out);
        oas_status st = oas_buf_status(&out);
        oas_buf_free(&out);
        assert_int_equal(failing_alloc_live(), 0);
        if (st == OAS_OK)
            break;
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_true(n < 100);
    }
    failing_alloc_uninstall();
    oas_json_doc_free(doc);
}

static void test_get_and_type_names(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("{\"n\":null,\"t\":true,\"f\":false,\"i\":1,\"s\":\"\",\"a\":[],\"o\":{}}");
    const oas_json *root = oas_json_doc_root(doc);
    const char *keys[] = {"n", "t", "f", "i", "s", "a", "o"};
    const char *names[] = {"null", "boolean", "boolean", "number", "string", "array", "object"};
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(oas_json_type_name(oas_json_get(root, keys[i], 1)), names[i]);
    assert_null(oas_json_get(root, "x", 1));
    assert_null(oas_json_get(root, "", 0));
    assert_null(oas_json_get(oas_json_get(root, "a", 1), "a", 1)); /* not an object */
    assert_null(oas_json_get(NULL, "a", 1));
    oas_json_doc_free(doc);
    oas_json_doc_free(NULL);
    assert_null(oas_json_doc_root(NULL));
}

static void test_from_cjson(void **state)
{
    (void)state;
    cJSON *c = cJSON_Parse("{\"i\":12,\"big\":1e300,\"half\":0.5,\"neg\":-9007199254740992,"
                           "\"s\":\"x\",\"a\":[null,true,false],\"o\":{\"k\":1,\"k\":2}}");
    assert_non_null(c);
    oas_json_doc *doc = NULL;
    oas_error err;
    assert_int_equal(oas_json_from_cjson(c, &doc, &err), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    const oas_json *i = oas_json_get(root, "i", 1);
    assert_int_equal(i->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64);
    assert_true(i->u.num.i == 12);
    assert_string_equal(i->u.num.text, "12");
    const oas_json *big = oas_json_get(root, "big", 3);
    assert_int_equal(big->flags, OAS_JSON_F_INTEGER);
    assert_string_equal(big->u.num.text, "1e+300");
    const oas_json *half = oas_json_get(root, "half", 4);
    assert_int_equal(half->flags, 0);
    assert_string_equal(half->u.num.text, "0.5");
    assert_true(oas_json_get(root, "neg", 3)->u.num.i == -9007199254740992LL);
    assert_int_equal(oas_json_get(root, "o", 1)->flags, OAS_JSON_F_DUPKEYS);
    assert_true(oas_json_get(oas_json_get(root, "o", 1), "k", 1)->u.num.i == 2);

    oas_json_doc *same = parse("{\"i\":12,\"big\":1e300,\"half\":0.5,\"neg\":-9007199254740992,"
                               "\"s\":\"x\",\"a\":[null,true,false],\"o\":{\"k\":1,\"k\":2}}");
    assert_true(oas_json_equal(root, oas_json_doc_root(same)));

    cJSON *back = oas_json_to_cjson(oas_json_doc_root(same));
    assert_non_null(back);
    /* cJSON_Compare mishandles duplicate keys; compare cJSON's own output. */
    char *want = cJSON_PrintUnformatted(c), *got = cJSON_PrintUnformatted(back);
    assert_string_equal(got, want);
    cJSON_free(want);
    cJSON_free(got);
    cJSON_Delete(back);
    oas_json_doc_free(same);
    oas_json_doc_free(doc);
    cJSON_Delete(c);

    assert_int_equal(oas_json_from_cjson(NULL, &doc, &err), OAS_ERR_INVALID_ARG);
    assert_null(doc);
}

static void test_to_cjson_refuses_nul(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("[\"a\\u0000b\"]");
    assert_null(oas_json_to_cjson(oas_json_doc_root(doc)));
    oas_json_doc_free(doc);
}

/* cJSON's own allocations go through the hooks too. */
static void test_cjson_allocation_failures(void **state)
{
    (void)state;
    cJSON *c = cJSON_Parse("{\"a\":[1,2.5,\"s\"],\"b\":{\"c\":null}}");
    failing_alloc_install();
    size_t runs = 0;
    for (size_t n = 1;; n++) {
        failing_alloc_fail_at(n, false);
        oas_json_doc *doc = NULL;
        oas_error err;
        oas_status st = oas_json_from_cjson(c, &doc, &err);
        cJSON *back = NULL;
        if (st == OAS_OK) {
            back = oas_json_to_cjson(oas_json_doc_root(doc));
            oas_json_doc_free(doc);
        } else {
            assert_int_equal(st, OAS_ERR_NOMEM);
            assert_null(doc);
        }
        if (back)
            cJSON_Delete(back);
        assert_int_equal(failing_alloc_live(), 0);
        if (back)
            break;
        runs++;
        assert_true(n < 200);
    }
    failing_alloc_uninstall();
    assert_true(runs > 5);
    cJSON_Delete(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_equal_large_objects),
        cmocka_unit_test(test_write_round_trip),
        cmocka_unit_test(test_write_allocation_failures),
        cmocka_unit_test(test_get_and_type_names),
        cmocka_unit_test(test_from_cjson),
        cmocka_unit_test(test_to_cjson_refuses_nul),
        cmocka_unit_test(test_cjson_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
