/* Parameter serialization: every case of tests/data/params/serialization.ndjson
 * (style x explode x location x shape, with the exact wire text or the exact
 * error), the defaults and names, and allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_json.h"
#include "oas_param.h"

#define CASES OAS_TEST_DATA_DIR "/params/serialization.ndjson"

static const char *member_text(const oas_json *obj, const char *key)
{
    const oas_json *v = oas_json_get(obj, key, strlen(key));
    return v && v->type == OAS_JSON_STRING ? v->u.str.ptr : NULL;
}

static oas_param_in location(const char *in)
{
    static const char *const names[] = {"path", "query", "header", "cookie"};
    for (int i = 0; i < 4; i++)
        if (strcmp(names[i], in) == 0)
            return (oas_param_in)i;
    fail_msg("unknown location %s", in);
    return OAS_PARAM_IN_PATH;
}

/* The case's value as items: a string is a primitive, an array an array,
 * an object an object; every scalar is a JSON string. */
static oas_param_value value_of(const oas_json *v, oas_param_item *items, size_t cap)
{
    oas_param_value out = {OAS_PARAM_PRIMITIVE, items, 0};
    if (v->type == OAS_JSON_STRING) {
        items[0] = (oas_param_item){NULL, 0, v->u.str.ptr, v->u.str.len};
        out.count = 1;
    } else if (v->type == OAS_JSON_ARRAY) {
        out.shape = OAS_PARAM_ARRAY;
        assert_true(v->u.arr.count <= cap);
        for (size_t i = 0; i < v->u.arr.count; i++) {
            const oas_json *e = &v->u.arr.items[i];
            items[i] = (oas_param_item){NULL, 0, e->u.str.ptr, e->u.str.len};
        }
        out.count = v->u.arr.count;
    } else {
        assert_int_equal(v->type, OAS_JSON_OBJECT);
        out.shape = OAS_PARAM_OBJECT;
        assert_true(v->u.obj.count <= cap);
        for (size_t i = 0; i < v->u.obj.count; i++) {
            const oas_json_member *m = &v->u.obj.members[i];
            items[i] = (oas_param_item){m->key, m->key_len, m->value.u.str.ptr, m->value.u.str.len};
        }
        out.count = v->u.obj.count;
    }
    return out;
}

static int run_case(const char *line, size_t len, size_t lineno)
{
    oas_json_doc *doc;
    oas_error err;
    assert_int_equal(oas_json_parse(line, len, NULL, &doc, &err), OAS_OK);
    const oas_json *c = oas_json_doc_root(doc);
    oas_param_desc p = {.name = member_text(c, "name"), .in = location(member_text(c, "in"))};
    assert_true(oas_param_style_from_name(member_text(c, "style"), &p.style));
    p.explode = oas_json_get(c, "explode", 7)->type == OAS_JSON_TRUE;
    const oas_json *reserved = oas_json_get(c, "allowReserved", 13);
    p.allow_reserved = reserved && reserved->type == OAS_JSON_TRUE;
    oas_param_item items[16];
    oas_param_value v = value_of(oas_json_get(c, "value", 5), items, 16);

    oas_buf out = OAS_BUF_INIT;
    oas_buf_puts(&out, "before|"); /* serialization appends; a refusal adds nothing */
    oas_status st = oas_param_serialize(&p, &v, &out, &err);
    const char *expect = member_text(c, "expect"), *error = member_text(c, "error");
    int failed = 0;
    if (expect) {
        if (st != OAS_OK || strcmp(out.data + 7, expect) != 0) {
            print_error("line %zu: expected '%s', got status %d '%s' (%s)\n", lineno, expect, st,
                        out.data + 7, err.message);
            failed = 1;
        }
    } else {
        if (st != OAS_ERR_INVALID_ARG || strcmp(err.message, error) != 0 ||
            strcmp(out.data, "before|") != 0) {
            print_error("line %zu: expected error '%s', got status %d '%s', output '%s'\n", lineno,
                        error, st, err.message, out.data);
            failed = 1;
        }
    }
    oas_buf_free(&out);
    oas_json_doc_free(doc);
    return failed;
}

static void test_every_case_of_the_serialization_table(void **state)
{
    (void)state;
    FILE *f = fopen(CASES, "rb");
    assert_non_null(f);
    char line[4096];
    size_t lineno = 0, cases = 0;
    int failures = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len)
            continue;
        failures += run_case(line, len, lineno);
        cases++;
    }
    fclose(f);
    print_message("%zu serialization cases, %d failed\n", cases, failures);
    assert_true(cases >= 60);
    assert_int_equal(failures, 0);
}

static void test_defaults_follow_openapi(void **state)
{
    (void)state;
    assert_int_equal(oas_param_default_style(OAS_PARAM_IN_PATH), OAS_STYLE_SIMPLE);
    assert_int_equal(oas_param_default_style(OAS_PARAM_IN_HEADER), OAS_STYLE_SIMPLE);
    assert_int_equal(oas_param_default_style(OAS_PARAM_IN_QUERY), OAS_STYLE_FORM);
    assert_int_equal(oas_param_default_style(OAS_PARAM_IN_COOKIE), OAS_STYLE_FORM);
    assert_true(oas_param_default_explode(OAS_STYLE_FORM));
    assert_false(oas_param_default_explode(OAS_STYLE_SIMPLE));
    assert_false(oas_param_default_explode(OAS_STYLE_DEEP_OBJECT));
    oas_param_style s;
    assert_true(oas_param_style_from_name("pipeDelimited", &s));
    assert_int_equal(s, OAS_STYLE_PIPE_DELIMITED);
    assert_string_equal(oas_param_style_name(OAS_STYLE_SPACE_DELIMITED), "spaceDelimited");
    assert_false(oas_param_style_from_name("Form", &s));
    assert_false(oas_param_style_from_name(NULL, &s));
    assert_null(oas_param_style_name((oas_param_style)99));
}

static void test_primitive_needs_exactly_one_item(void **state)
{
    (void)state;
    oas_param_desc p = {"id", OAS_PARAM_IN_PATH, OAS_STYLE_SIMPLE, false, false};
    oas_param_item two[2] = {{NULL, 0, "a", 1}, {NULL, 0, "b", 1}};
    oas_param_value v = {OAS_PARAM_PRIMITIVE, two, 2};
    oas_buf out = OAS_BUF_INIT;
    oas_error err;
    assert_int_equal(oas_param_serialize(&p, &v, &out, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "path parameter 'id': a primitive value needs exactly one item");
    assert_int_equal(out.len, 0);
    assert_int_equal(oas_param_serialize(NULL, &v, &out, &err), OAS_ERR_INVALID_ARG);
    assert_string_equal(err.message, "oas_param_serialize: NULL descriptor or buffer");
    oas_buf_free(&out);
}

static void test_out_of_memory_is_reported_without_leaks(void **state)
{
    (void)state;
    oas_param_desc p = {"color", OAS_PARAM_IN_QUERY, OAS_STYLE_FORM, true, false};
    oas_param_item items[3] = {{NULL, 0, "blue", 4}, {NULL, 0, "bl ck", 5}, {NULL, 0, "brown", 5}};
    oas_param_value v = {OAS_PARAM_ARRAY, items, 3};
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    oas_buf out = OAS_BUF_INIT;
    oas_error err;
    assert_int_equal(oas_param_serialize(&p, &v, &out, &err), OAS_ERR_NOMEM);
    assert_string_equal(err.message, "out of memory serializing parameter 'color'");
    oas_buf_free(&out);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_case_of_the_serialization_table),
        cmocka_unit_test(test_defaults_follow_openapi),
        cmocka_unit_test(test_primitive_needs_exactly_one_item),
        cmocka_unit_test(test_out_of_memory_is_reported_without_leaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
