/* test_validate_dynamic_scope.c - the dynamic scope's bound grows with the
 * instance depth reached, whatever max_depth the caller sets: a tree of
 * dynamic references validates however deep the caller allows (even
 * SIZE_MAX, "no limit"), and a reference cycle still stops where it
 * starts, with OAS_ERR_SCHEMA_DEPTH, instead of recursing until the stack
 * runs out. Schemas: tests/data/dynamic/dynamic.yaml (Tree, Loop). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dy_validate.h"
#include "oas_alloc.h"
#include "oas_buf.h"
#include "oas_json.h"
#include "oas_validate.h"

static oas_json_doc *parse(const char *text)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_json_options o = {.max_depth = 4096};
    assert_int_equal(oas_json_parse(text, strlen(text), &o, &doc, &err), OAS_OK);
    return doc;
}

/* {"kids":[{"kids":[ ... {"kids":[]} ... ]}]}, levels objects deep */
static char *tree(size_t levels)
{
    oas_buf b = OAS_BUF_INIT;
    for (size_t i = 0; i < levels; i++)
        oas_buf_puts(&b, i + 1 < levels ? "{\"kids\":[" : "{\"kids\":[]}");
    for (size_t i = 1; i < levels; i++)
        oas_buf_puts(&b, "]}");
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    return b.data;
}

static void check(oas_validate_fn fn, const char *text, size_t max_depth, bool want_ok,
                  oas_status want_status, const char *want_stopped_at)
{
    oas_json_doc *doc = parse(text);
    oas_report r;
    oas_report_init(&r, 10);
    oas_validate_options o = {.max_depth = max_depth};
    assert_int_equal(oas_validate_run(fn, "", oas_json_doc_root(doc), &r, &o), want_ok);
    assert_int_equal(r.status, want_status);
    assert_int_equal(r.count, 0);
    if (want_stopped_at)
        assert_string_equal(r.stopped_at, want_stopped_at);
    oas_report_free(&r);
    oas_json_doc_free(doc);
}

static void test_a_deep_tree_validates_under_any_max_depth(void **state)
{
    (void)state;
    char *text = tree(1000); /* 1,999 levels of objects and arrays */
    check(dy_tree_validate_node, text, 4096, true, OAS_OK, NULL);
    check(dy_tree_validate_node, text, SIZE_MAX, true, OAS_OK, NULL);
    oas_free(text);
    check(dy_tree_validate_node, "{\"kids\":[{\"kids\":[]}]}", SIZE_MAX, true, OAS_OK, NULL);
}

static void test_a_cycle_stops_where_it_starts_under_any_max_depth(void **state)
{
    (void)state;
    check(dy_loop_validate_node, "0", 0, false, OAS_ERR_SCHEMA_DEPTH, "");
    check(dy_loop_validate_node, "0", SIZE_MAX, false, OAS_ERR_SCHEMA_DEPTH, "");
    check(dy_loop_validate_node, "[[[0]]]", SIZE_MAX, false, OAS_ERR_SCHEMA_DEPTH, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_deep_tree_validates_under_any_max_depth),
        cmocka_unit_test(test_a_cycle_stops_where_it_starts_under_any_max_depth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
