/* test_cov_cjson_dom.c - the cJSON bridge both ways and the DOM readers:
 * non-finite and huge numbers, items cJSON can hold but JSON cannot (raw,
 * invalid, NULL strings and keys), nesting past the bridge's 1000 levels,
 * strings and keys with NUL bytes, duplicate keys, every allocation failing
 * once; lookups with odd arguments, type names, and deep equality (int64
 * versus double numbers, duplicates, a work list that must grow, and that
 * growth failing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "failing_alloc.h"
#include "oas_json.h"

static oas_json_doc *parse(const char *text)
{
    oas_json_doc *doc = NULL;
    oas_json_options o = {.max_depth = 3000};
    assert_int_equal(oas_json_parse(text, strlen(text), &o, &doc, NULL), OAS_OK);
    return doc;
}

static oas_json_doc *from_cjson(const cJSON *item, oas_status want, oas_error *err)
{
    oas_json_doc *doc = (oas_json_doc *)&doc;
    assert_int_equal(oas_json_from_cjson(item, &doc, err), want);
    if (want != OAS_OK)
        assert_null(doc);
    return doc;
}

/* ---- cJSON -> DOM -------------------------------------------------------- */

static void from_cjson_arguments_and_types(void **state)
{
    (void)state;
    oas_error err;
    oas_json_doc *doc = NULL;
    cJSON *n = cJSON_CreateNull();
    assert_int_equal(oas_json_from_cjson(NULL, &doc, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "oas_json_from_cjson: NULL item or output");
    assert_null(doc);
    assert_int_equal(oas_json_from_cjson(n, NULL, &err), OAS_ERR_INVALID_ARG);
    assert_int_equal(oas_json_from_cjson(n, NULL, NULL), OAS_ERR_INVALID_ARG);
    cJSON_Delete(n);

    cJSON *raw = cJSON_CreateRaw("{\"x\":1}");
    from_cjson(raw, OAS_ERR_UNSUPPORTED, &err);
    assert_string_equal(err.message, "cJSON item of type 128 cannot be converted");
    cJSON_Delete(raw);
    cJSON invalid;
    memset(&invalid, 0, sizeof invalid); /* cJSON_Invalid */
    from_cjson(&invalid, OAS_ERR_UNSUPPORTED, &err);
    assert_string_equal(err.message, "cJSON item of type 0 cannot be converted");
    /* inside a container too */
    cJSON *arr = cJSON_CreateArray();
    cJSON_AddItemToArray(arr, cJSON_CreateRaw("1"));
    from_cjson(arr, OAS_ERR_UNSUPPORTED, &err);
    cJSON_Delete(arr);

    /* a string item without a string, an object member without a key */
    cJSON s, obj;
    memset(&s, 0, sizeof s);
    memset(&obj, 0, sizeof obj);
    s.type = cJSON_String;
    obj.type = cJSON_Object;
    obj.child = &s;
    doc = from_cjson(&obj, OAS_OK, &err);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->type, OAS_JSON_OBJECT);
    assert_int_equal(root->u.obj.count, 1);
    assert_string_equal(root->u.obj.members[0].key, "");
    assert_int_equal(root->u.obj.members[0].key_offset, OAS_JSON_NO_OFFSET);
    assert_int_equal(root->u.obj.members[0].value.type, OAS_JSON_STRING);
    assert_int_equal(root->u.obj.members[0].value.u.str.len, 0);
    assert_int_equal(root->offset, OAS_JSON_NO_OFFSET);
    oas_json_doc_free(doc);

    /* empty containers */
    cJSON *e = cJSON_CreateObject();
    cJSON_AddItemToObject(e, "a", cJSON_CreateArray());
    cJSON_AddItemToObject(e, "o", cJSON_CreateObject());
    doc = from_cjson(e, OAS_OK, &err);
    root = oas_json_doc_root(doc);
    const oas_json *a = oas_json_get(root, "a", 1), *o = oas_json_get(root, "o", 1);
    assert_int_equal(a->type, OAS_JSON_ARRAY);
    assert_int_equal(a->u.arr.count, 0);
    assert_null(a->u.arr.items);
    assert_int_equal(o->type, OAS_JSON_OBJECT);
    assert_int_equal(o->u.obj.count, 0);
    assert_null(o->u.obj.members);
    oas_json_doc_free(doc);
    cJSON_Delete(e);
}

static void from_cjson_numbers(void **state)
{
    (void)state;
    oas_error err;
    cJSON *inf = cJSON_CreateNumber(INFINITY);
    from_cjson(inf, OAS_ERR_JSON_NUMBER, &err);
    assert_string_equal(err.message, "cJSON number is not finite");
    cJSON_Delete(inf);
    cJSON *nan_in_array = cJSON_CreateArray();
    cJSON_AddItemToArray(nan_in_array, cJSON_CreateNumber(NAN));
    from_cjson(nan_in_array, OAS_ERR_JSON_NUMBER, &err);
    cJSON_Delete(nan_in_array);

    static const struct {
        double d;
        unsigned flags;
        int64_t i;
        const char *text;
    } cases[] = {
        {-3.0, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64, -3, "-3"},
        {0.5, 0, 0, "0.5"},
        {-9223372036854775808.0, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64, INT64_MIN,
         "-9.223372036854776e+18"},
        {9223372036854775808.0, OAS_JSON_F_INTEGER, 0, "9.223372036854776e+18"},
        {-1e19, OAS_JSON_F_INTEGER, 0, "-1e+19"},
        {1e300, OAS_JSON_F_INTEGER, 0, "1e+300"},
        {4503599627370497.0, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64, 4503599627370497LL,
         "4503599627370497"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cJSON *num = cJSON_CreateNumber(cases[k].d);
        oas_json_doc *doc = from_cjson(num, OAS_OK, &err);
        const oas_json *v = oas_json_doc_root(doc);
        assert_int_equal(v->type, OAS_JSON_NUMBER);
        assert_int_equal(v->flags, cases[k].flags);
        if (v->flags & OAS_JSON_F_INT64) /* else num.i shares its bytes with the double */
            assert_int_equal(v->u.num.i, cases[k].i);
        assert_true(oas_json_number_double(v) == cases[k].d);
        assert_string_equal(v->u.num.text, cases[k].text);
        oas_json_doc_free(doc);
        cJSON_Delete(num);
    }
}

static cJSON *nested_arrays(size_t depth)
{
    cJSON *root = cJSON_CreateArray(), *at = root;
    for (size_t i = 1; i < depth; i++) {
        cJSON *next = cJSON_CreateArray();
        cJSON_AddItemToArray(at, next);
        at = next;
    }
    return root;
}

static void from_cjson_depth_and_duplicates(void **state)
{
    (void)state;
    oas_error err;
    cJSON *ok = nested_arrays(1000);
    oas_json_doc *doc = from_cjson(ok, OAS_OK, &err);
    oas_json_doc_free(doc);
    cJSON_Delete(ok);
    cJSON *deep = nested_arrays(1001);
    from_cjson(deep, OAS_ERR_JSON_DEPTH, &err);
    assert_string_equal(err.message, "cJSON tree nested deeper than 1000");
    cJSON_Delete(deep);

    cJSON *dup = cJSON_CreateObject();
    cJSON_AddItemToObject(dup, "k", cJSON_CreateNumber(1));
    cJSON_AddItemToObject(dup, "other", cJSON_CreateTrue());
    cJSON_AddItemToObject(dup, "k", cJSON_CreateString("last"));
    doc = from_cjson(dup, OAS_OK, &err);
    const oas_json *root = oas_json_doc_root(doc);
    assert_int_equal(root->flags, OAS_JSON_F_DUPKEYS);
    assert_int_equal(root->u.obj.count, 3);
    assert_string_equal(oas_json_get(root, "k", 1)->u.str.ptr, "last");
    assert_int_equal(oas_json_get(root, "other", 5)->type, OAS_JSON_TRUE);
    oas_json_doc_free(doc);
    cJSON_Delete(dup);
}

static void from_cjson_out_of_memory(void **state)
{
    (void)state;
    cJSON *item = cJSON_Parse("{\"a\":[1,2.5,\"s\",null,true,false],\"b\":{\"c\":\"d\"},\"a\":0}");
    assert_non_null(item);
    failing_alloc_install();
    size_t n, refused = 0;
    for (n = 1; n < 200; n++) {
        oas_error err;
        oas_json_doc *doc = NULL;
        failing_alloc_fail_at(n, false);
        oas_status st = oas_json_from_cjson(item, &doc, &err);
        size_t failures = failing_alloc_failures();
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_int_equal(failures, refused);  /* succeeded: nothing was refused */
            assert_string_equal(oas_json_get(oas_json_doc_root(doc), "b", 1)->u.obj.members[0].key,
                                "c");
            oas_json_doc_free(doc);
            break;
        }
        refused = failures;
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_string_equal(err.message, "out of memory converting cJSON");
        assert_null(doc);
        assert_int_equal(failing_alloc_live(), 0);
    }
    assert_true(n > 1 && n < 200);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    cJSON_Delete(item);
}

/* ---- DOM -> cJSON -------------------------------------------------------- */

static void to_cjson_all_types_and_refusals(void **state)
{
    (void)state;
    assert_null(oas_json_to_cjson(NULL));
    oas_json_doc *doc = parse("{\"a\":[null,true,false,1.5,-7,\"s\",{},[]],\"b\":{\"c\":\"d\"}}");
    cJSON *c = oas_json_to_cjson(oas_json_doc_root(doc));
    assert_non_null(c);
    char *text = cJSON_PrintUnformatted(c);
    assert_string_equal(text, "{\"a\":[null,true,false,1.5,-7,\"s\",{},[]],\"b\":{\"c\":\"d\"}}");
    cJSON_free(text);
    cJSON_Delete(c);
    oas_json_doc_free(doc);
    /* NUL in a string (top level, in an array, in an object) or in a key */
    const char *refused[] = {"\"a\\u0000b\"", "[1,\"\\u0000\"]", "{\"k\":\"x\\u0000\"}",
                             "{\"ok\":1,\"k\\u0000\":1}"};
    for (size_t i = 0; i < 4; i++) {
        doc = parse(refused[i]);
        assert_null(oas_json_to_cjson(oas_json_doc_root(doc)));
        oas_json_doc_free(doc);
    }
    /* 1000 levels are the bridge's limit */
    char *deep = malloc(2 * 1001 + 1);
    assert_non_null(deep);
    for (size_t depth = 1000; depth <= 1001; depth++) {
        memset(deep, '[', depth);
        memset(deep + depth, ']', depth);
        deep[2 * depth] = '\0';
        doc = parse(deep);
        c = oas_json_to_cjson(oas_json_doc_root(doc));
        if (depth == 1000) {
            assert_non_null(c);
            cJSON_Delete(c);
        } else {
            assert_null(c);
        }
        oas_json_doc_free(doc);
    }
    free(deep);
}

static void to_cjson_out_of_memory(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("{\"a\":[1,\"s\",null],\"b\":{\"c\":true}}");
    failing_alloc_install();
    size_t n;
    for (n = 1; n < 100; n++) {
        failing_alloc_fail_at(n, false);
        cJSON *c = oas_json_to_cjson(oas_json_doc_root(doc));
        size_t failures = failing_alloc_failures();
        failing_alloc_fail_at(0, false);
        if (c) {
            char *text = cJSON_PrintUnformatted(c);
            assert_string_equal(text, "{\"a\":[1,\"s\",null],\"b\":{\"c\":true}}");
            cJSON_free(text);
            cJSON_Delete(c);
            break;
        }
        assert_true(failures > 0);
        assert_int_equal(failing_alloc_live(), 0);
    }
    assert_true(n > 1 && n < 100);
    failing_alloc_uninstall();
    oas_json_doc_free(doc);
}

/* ---- DOM readers ------------------------------------------------------------ */

static void get_and_type_names(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("{\"\":0,\"ab\":1,\"cd\":2,\"ab\":3,\"l\":[false]}");
    const oas_json *root = oas_json_doc_root(doc);
    assert_null(oas_json_get(NULL, "ab", 2));
    assert_null(oas_json_get(root, NULL, 2));
    assert_int_equal(oas_json_get(root, "", 0)->u.num.i, 0);
    assert_int_equal(oas_json_get(root, "ab", 2)->u.num.i, 3);
    assert_null(oas_json_get(root, "a", 1));
    const oas_json *l = oas_json_get(root, "l", 1);
    assert_null(oas_json_get(l, "0", 1)); /* an array is not an object */
    assert_null(oas_json_doc_root(NULL));
    oas_json_doc_free(NULL);
    assert_string_equal(oas_json_type_name(NULL), "null");
    assert_string_equal(oas_json_type_name(root), "object");
    assert_string_equal(oas_json_type_name(l), "array");
    assert_string_equal(oas_json_type_name(&l->u.arr.items[0]), "boolean");
    oas_json_doc_free(doc);
    doc = parse("[null,true,1,\"s\"]");
    const oas_json *items = oas_json_doc_root(doc)->u.arr.items;
    const char *want[] = {"null", "boolean", "number", "string"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(oas_json_type_name(&items[i]), want[i]);
    oas_json_doc_free(doc);
}

static bool equal_text(const char *a, const char *b)
{
    oas_json_doc *da = parse(a), *db = parse(b);
    bool eq = oas_json_equal(oas_json_doc_root(da), oas_json_doc_root(db));
    oas_json_doc_free(da);
    oas_json_doc_free(db);
    return eq;
}

static void equality(void **state)
{
    (void)state;
    oas_json_doc *d = parse("1");
    assert_true(oas_json_equal(NULL, NULL));
    assert_false(oas_json_equal(oas_json_doc_root(d), NULL));
    assert_false(oas_json_equal(NULL, oas_json_doc_root(d)));
    oas_json_doc_free(d);
    /* numbers: exact int64, else as doubles */
    assert_true(equal_text("1", "1.0"));
    assert_true(equal_text("100", "1e2"));
    assert_false(equal_text("9007199254740993", "9007199254740992"));
    assert_true(equal_text("1e19", "10000000000000000000"));
    assert_true(equal_text("2.5", "25e-1"));
    assert_false(equal_text("2.5", "2"));
    assert_false(equal_text("2", "2.5"));
    /* strings, types */
    assert_true(equal_text("\"ab\"", "\"ab\""));
    assert_false(equal_text("\"ab\"", "\"ac\""));
    assert_false(equal_text("\"ab\"", "\"abc\""));
    assert_false(equal_text("null", "false"));
    assert_true(equal_text("[null,true,false]", "[null,true,false]"));
    assert_false(equal_text("[1,2]", "[1,2,3]"));
    assert_false(equal_text("[1,[2]]", "[1,[3]]"));
    /* objects: order-free, duplicates count once (the last wins) */
    assert_true(equal_text("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}"));
    assert_true(equal_text("{\"a\":1,\"b\":0,\"a\":2}", "{\"b\":0,\"a\":2}"));
    assert_false(equal_text("{\"a\":1,\"b\":0,\"a\":2}", "{\"b\":0,\"a\":1}"));
    assert_true(equal_text("{\"ab\":1,\"cd\":2,\"ab\":3}", "{\"cd\":2,\"ab\":3}"));
    assert_false(equal_text("{\"a\":1}", "{\"b\":1}"));
    assert_false(equal_text("{\"a\":1}", "{\"a\":1,\"b\":1}"));
    assert_false(equal_text("{\"a\":1,\"a\":1}", "{\"a\":1,\"b\":1}"));
}

static char *wide_array(size_t n, const char *last)
{
    char *s = malloc(n * 2 + 16);
    assert_non_null(s);
    size_t k = 0;
    s[k++] = '[';
    for (size_t i = 0; i + 1 < n; i++) {
        s[k++] = '0';
        s[k++] = ',';
    }
    strcpy(s + k, last);
    strcat(s, "]");
    return s;
}

static void equality_with_a_growing_work_list(void **state)
{
    (void)state;
    /* 100 items: more pairs than the 32 kept on the stack */
    char *a = wide_array(100, "1"), *b = wide_array(100, "1"), *c = wide_array(100, "2");
    assert_true(equal_text(a, b));
    assert_false(equal_text(a, c));
    /* objects of 40 members grow the list too */
    char oa[1024], ob[1024];
    size_t ka = 0, kb = 0;
    oa[ka++] = ob[kb++] = '{';
    for (int i = 0; i < 40; i++) {
        ka += (size_t)snprintf(oa + ka, sizeof oa - ka, "%s\"k%d\":%d", i ? "," : "", i, i);
        kb += (size_t)snprintf(ob + kb, sizeof ob - kb, "%s\"k%d\":%d", i ? "," : "", 39 - i,
                               39 - i);
    }
    strcpy(oa + ka, "}");
    strcpy(ob + kb, "}");
    assert_true(equal_text(oa, ob));
    /* the growth failing: "not shown equal", nothing leaked */
    oas_json_doc *da = parse(a), *db = parse(b);
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    assert_false(oas_json_equal(oas_json_doc_root(da), oas_json_doc_root(db)));
    assert_int_equal(failing_alloc_failures(), 1);
    failing_alloc_fail_at(0, false);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    oas_json_doc_free(da);
    oas_json_doc_free(db);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(from_cjson_arguments_and_types),
        cmocka_unit_test(from_cjson_numbers),
        cmocka_unit_test(from_cjson_depth_and_duplicates),
        cmocka_unit_test(from_cjson_out_of_memory),
        cmocka_unit_test(to_cjson_all_types_and_refusals),
        cmocka_unit_test(to_cjson_out_of_memory),
        cmocka_unit_test(get_and_type_names),
        cmocka_unit_test(equality),
        cmocka_unit_test(equality_with_a_growing_work_list),
    };
    return cmocka_run_group_tests_name("cov_cjson_dom", tests, NULL, NULL);
}
