/* test_cov_registry.c - registry lookups at their edges: NULL arguments,
 * statuses out of range, "default" and lower-case ranges, template segments
 * with prefixes and suffixes, unbalanced braces, paths deeper than the
 * 64-segment literal mask, over-long paths, trailing slashes and the root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "oas_registry.h"

static const oas_schema_entry schemas[] = {
    {"A", "#/components/schemas/A", NULL, false, NULL},
    {"B", "#/components/schemas/B", NULL, false, NULL},
    {"C", "#/components/schemas/C", NULL, false, NULL},
    {"D", "#/components/schemas/D", NULL, false, NULL},
};
static const oas_response_entry resp_range_default[] = {
    {"default", NULL, NULL, "#/d", NULL, NULL, NULL, 0, false, NULL},
    {"2xx", "application/json", "A", "#/a", NULL, NULL, NULL, 0, false, NULL},
    {"201", "application/json", "B", "#/b", NULL, NULL, NULL, 0, false, NULL},
};
static const oas_response_entry resp_default_only[] = {
    {"default", NULL, NULL, "#/d", NULL, NULL, NULL, 0, false, NULL},
};

/* 70 segments "/s/s/.../s" and the same with a template in the last one */
static char deep_literal[256], deep_templated[256], deep_path[256];

static oas_operation_entry ops[] = {
    {"a-root", "GET", "/", NULL, 0, resp_default_only, 1, NULL, NULL, 0},
    {"b-file", "GET", "/files/v{n}.json", NULL, 0, resp_range_default, 3, NULL, NULL, 0},
    {"c-brace", "GET", "/odd/{open", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"d-deep-literal", "GET", deep_literal, NULL, 0, NULL, 0, NULL, NULL, 0},
    {"e-deep-templated", "GET", deep_templated, NULL, 0, NULL, 0, NULL, NULL, 0},
    {"f-item", "delete", "/items/{id}", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"g-item-literal", "DELETE", "/items/all", NULL, 0, NULL, 0, NULL, NULL, 0},
};
static oas_registry reg = {"t", "1", "spec.yaml", "00", schemas, 4, ops, 7, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};

static int build_deep(void **state)
{
    (void)state;
    size_t n = 0;
    for (int i = 0; i < 70; i++) {
        memcpy(deep_literal + n, "/s", 2);
        memcpy(deep_templated + n, "/s", 2);
        memcpy(deep_path + n, "/s", 2);
        n += 2;
    }
    deep_literal[n] = deep_templated[n] = deep_path[n] = '\0';
    /* deep_templated ends in "/{x}" instead of "/s": a variable at segment 71 */
    memcpy(deep_templated + n - 2, "/{x}", 5);
    return 0;
}

static void null_arguments(void **state)
{
    (void)state;
    assert_null(oas_registry_find_schema(&reg, NULL));
    assert_null(oas_registry_find_schema(NULL, NULL));
    assert_null(oas_registry_find_operation(NULL, "a-root"));
    assert_null(oas_registry_find_operation(&reg, NULL));
    assert_null(oas_operation_find_response(NULL, 200));
    assert_null(oas_registry_match_path(NULL, "GET", "/"));
    assert_null(oas_registry_match_path(&reg, NULL, "/"));
    assert_null(oas_registry_match_path(&reg, "GET", NULL));
}

static void binary_search_both_ways(void **state)
{
    (void)state;
    for (size_t i = 0; i < 4; i++)
        assert_ptr_equal(oas_registry_find_schema(&reg, schemas[i].name), &schemas[i]);
    assert_null(oas_registry_find_schema(&reg, "0"));  /* below the first */
    assert_null(oas_registry_find_schema(&reg, "Z"));  /* above the last */
    assert_null(oas_registry_find_schema(&reg, "BB")); /* between */
    for (size_t i = 0; i < 7; i++)
        assert_ptr_equal(oas_registry_find_operation(&reg, ops[i].operation_id), &ops[i]);
    assert_null(oas_registry_find_operation(&reg, "0"));
    assert_null(oas_registry_find_operation(&reg, "zz"));
    oas_registry empty = {0};
    assert_null(oas_registry_find_schema(&empty, "A"));
    assert_null(oas_registry_find_operation(&empty, "a-root"));
    assert_null(oas_registry_match_path(&empty, "GET", "/"));
}

static void response_selection_edges(void **state)
{
    (void)state;
    const oas_operation_entry *op = &ops[1];
    assert_ptr_equal(oas_operation_find_response(op, 201), &resp_range_default[2]);
    assert_ptr_equal(oas_operation_find_response(op, 200), &resp_range_default[1]); /* "2xx" */
    assert_ptr_equal(oas_operation_find_response(op, 299), &resp_range_default[1]);
    assert_ptr_equal(oas_operation_find_response(op, 404), &resp_range_default[0]);
    assert_ptr_equal(oas_operation_find_response(op, 100), &resp_range_default[0]);
    assert_ptr_equal(oas_operation_find_response(op, 599), &resp_range_default[0]);
    assert_null(oas_operation_find_response(op, 99));
    assert_null(oas_operation_find_response(op, 600));
    assert_null(oas_operation_find_response(op, -200));
    assert_ptr_equal(oas_operation_find_response(&ops[0], 503), &resp_default_only[0]);
    assert_null(oas_operation_find_response(&ops[2], 200)); /* no responses */
}

static void template_segments(void **state)
{
    (void)state;
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/files/v2.json"), &ops[1]);
    assert_ptr_equal(oas_registry_match_path(&reg, "get", "/files/v10.json/"), &ops[1]);
    assert_null(oas_registry_match_path(&reg, "GET", "/files/v.json"));  /* empty variable */
    assert_null(oas_registry_match_path(&reg, "GET", "/files/x2.json")); /* prefix differs */
    assert_null(oas_registry_match_path(&reg, "GET", "/files/v2.yaml")); /* suffix differs */
    assert_null(oas_registry_match_path(&reg, "GET", "/files/v2.json/x"));
    assert_null(oas_registry_match_path(&reg, "GET", "/files"));
    /* an unclosed brace is literal text */
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/odd/{open"), &ops[2]);
    assert_null(oas_registry_match_path(&reg, "GET", "/odd/{opex"));
    assert_null(oas_registry_match_path(&reg, "GET", "/odd/x"));
    /* the root, with and without the slash-trimming */
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/"), &ops[0]);
    assert_null(oas_registry_match_path(&reg, "GET", ""));
    assert_null(oas_registry_match_path(&reg, "POST", "/"));
    /* literal beats template, whichever comes first; methods compare case-insensitively */
    assert_ptr_equal(oas_registry_match_path(&reg, "DELETE", "/items/all"), &ops[6]);
    assert_ptr_equal(oas_registry_match_path(&reg, "Delete", "/items/42"), &ops[5]);
    /* a literal segment's text and the path's one a prefix of the other */
    assert_ptr_equal(oas_registry_match_path(&reg, "DELETE", "/items/al"), &ops[5]);
    assert_ptr_equal(oas_registry_match_path(&reg, "DELETE", "/items/alll"), &ops[5]);
    assert_null(oas_registry_match_path(&reg, "DELETE", "/item/all"));
    assert_null(oas_registry_match_path(&reg, "DELETE", "/itemsx/all"));
    assert_null(oas_registry_match_path(&reg, "GET", "/file/v2.json"));
}

static void deep_and_long_paths(void **state)
{
    (void)state;
    /* 71 segments (the leading empty one counts): the mask records only the
     * first 64, where both templates are literal, so the tie goes to the
     * first in table order */
    const oas_operation_entry *op = oas_registry_match_path(&reg, "GET", deep_path);
    assert_non_null(op);
    assert_string_equal(op->operation_id, "d-deep-literal");
    char other[256];
    strcpy(other, deep_path);
    other[strlen(other) - 1] = 'q';
    op = oas_registry_match_path(&reg, "GET", other);
    assert_non_null(op);
    assert_string_equal(op->operation_id, "e-deep-templated");
    /* 2047 characters fit the buffer, 2048 do not */
    char longp[2050];
    memset(longp, 'a', sizeof longp);
    longp[0] = '/';
    longp[2047] = '\0';
    assert_null(oas_registry_match_path(&reg, "GET", longp)); /* no such route, but checked */
    longp[2047] = 'a';
    longp[2048] = '\0';
    assert_null(oas_registry_match_path(&reg, "GET", longp));
    oas_operation_entry wide = {"w", "GET", "/{x}", NULL, 0, NULL, 0, NULL, NULL, 0};
    oas_registry one = {"t", "1", "s", "0", NULL, 0, &wide, 1, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};
    longp[2048] = 'a';
    longp[2047] = '\0';
    assert_ptr_equal(oas_registry_match_path(&one, "GET", longp), &wide);
    longp[2047] = 'a';
    longp[2048] = '\0';
    assert_null(oas_registry_match_path(&one, "GET", longp));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_arguments),
        cmocka_unit_test(binary_search_both_ways),
        cmocka_unit_test(response_selection_edges),
        cmocka_unit_test(template_segments),
        cmocka_unit_test(deep_and_long_paths),
    };
    return cmocka_run_group_tests_name("cov_registry", tests, build_deep, NULL);
}
