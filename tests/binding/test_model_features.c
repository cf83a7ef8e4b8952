/* test_model_features.c - every typed-model layout, through a binding
 * generated from tests/data/model/features.yaml (prefix ft_): oneOf with a
 * discriminator mapping and by component name, scalar unions, allOf merged,
 * nullable (three states), arrays of arrays, maps of arrays and of unions,
 * free-form JSON, enums keeping unknown values, recursion through arrays,
 * members named like C keywords and generated suffixes. Exact values,
 * exact output text, exact error pointers, allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "ft_model.h"
#include "oas_alloc.h"
#include "failing_alloc.h"

static const char kitchen[] =
    "{\"grid\":[[1,2.5],[],[-3e-2]],"
    "\"groups\":{\"a\":[1,2],\"b\":[]},"
    "\"pets\":{\"tom\":{\"kind\":\"kitty\",\"lives\":9},\"rex\":{\"kind\":\"Dog\",\"good\":true},"
    "\"zed\":{\"kind\":\"Cat\",\"lives\":1}},"
    "\"color\":\"dark-green\",\"shade\":null,\"note\":null,\"owner\":{\"name\":\"ann\"},"
    "\"extra\":{\"any\": [1, \"x\", null]},\"settings\":{\"k\":{\"deep\":true}},"
    "\"ratio\":0.25,\"free\":false,\"entry\":0,\"int\":\"i\",\"scalar\":42,"
    "\"tree\":{\"label\":\"root\",\"children\":[{\"label\":\"a\",\"children\":[{\"label\":\"a1\"}]},"
    "{\"label\":\"b\"}]},"
    "\"tagged\":{\"name\":\"t\",\"tags\":[\"x\"]},\"*/\":\"c\",\"unknown\":1}";

/* The same document as the model writes it: spec order, compact, numbers
 * as they came (their text kept), the undeclared member kept after the
 * declared ones. */
static const char kitchen_out[] =
    "{\"grid\":[[1,2.5],[],[-3e-2]],"
    "\"groups\":{\"a\":[1,2],\"b\":[]},"
    "\"pets\":{\"tom\":{\"kind\":\"kitty\",\"lives\":9},\"rex\":{\"kind\":\"Dog\",\"good\":true},"
    "\"zed\":{\"kind\":\"Cat\",\"lives\":1}},"
    "\"color\":\"dark-green\",\"shade\":null,\"note\":null,\"owner\":{\"name\":\"ann\"},"
    "\"extra\":{\"any\":[1,\"x\",null]},\"settings\":{\"k\":{\"deep\":true}},"
    "\"ratio\":0.25,\"free\":false,\"entry\":0,\"int\":\"i\",\"scalar\":42,"
    "\"tree\":{\"label\":\"root\",\"children\":[{\"label\":\"a\",\"children\":[{\"label\":\"a1\"}]},"
    "{\"label\":\"b\"}]},"
    "\"tagged\":{\"name\":\"t\",\"tags\":[\"x\"]},\"*/\":\"c\",\"unknown\":1}";

static void every_layout_has_exact_values(void **state)
{
    (void)state;
    ft_kitchen k;
    oas_error err;
    assert_int_equal(ft_kitchen_parse(kitchen, strlen(kitchen), &k, &err), OAS_OK);
    /* array of arrays */
    assert_int_equal(k.grid_count, 3);
    assert_int_equal(k.grid[0].count, 2);
    assert_true(k.grid[0].items[0] == 1.0 && k.grid[0].items[1] == 2.5);
    assert_int_equal(k.grid[1].count, 0);
    assert_null(k.grid[1].items);
    assert_true(k.grid[2].items[0] == -0.03);
    assert_null(k.grid[0].texts); /* 1 and 2.5 write as they came */
    assert_string_equal(k.grid[2].texts[0], "-3e-2");
    /* map of arrays, in order */
    assert_true(k.has_groups);
    assert_int_equal(k.groups_count, 2);
    assert_string_equal(k.groups[0].key, "a");
    assert_int_equal(k.groups[0].value.count, 2);
    assert_int_equal(k.groups[0].value.items[1], 2);
    assert_string_equal(k.groups[1].key, "b");
    assert_int_equal(k.groups[1].value.count, 0);
    /* map of oneOf: mapping value, component name, component name */
    assert_int_equal(k.pets_count, 3);
    assert_int_equal(k.pets[0].value.tag, FT_PET_CAT);
    assert_string_equal(k.pets[0].value.u.cat.kind, "kitty");
    assert_int_equal(k.pets[0].value.u.cat.lives, 9);
    assert_int_equal(k.pets[1].value.tag, FT_PET_DOG);
    assert_true(k.pets[1].value.u.dog.has_good && k.pets[1].value.u.dog.good);
    assert_int_equal(k.pets[2].value.tag, FT_PET_CAT);
    assert_int_equal(k.pets[2].value.u.cat.lives, 1);
    /* enum */
    assert_int_equal(k.color.value, FT_COLOR_DARK_GREEN);
    assert_string_equal(k.color.str, "dark-green");
    /* nullable: null versus absent versus value */
    assert_true(k.shade_is_null);
    assert_null(k.shade.str); /* nullable allOf [$ref Color]: the enum itself */
    assert_int_equal(k.shade.value, FT_COLOR_UNKNOWN);
    assert_true(k.note_is_null);
    assert_false(k.owner_is_null);
    assert_string_equal(k.owner->name, "ann");
    /* free-form kept as compact JSON text */
    assert_string_equal(k.extra.text, "{\"any\":[1,\"x\",null]}");
    assert_int_equal(k.extra.len, strlen("{\"any\":[1,\"x\",null]}"));
    assert_string_equal(k.settings.text, "{\"k\":{\"deep\":true}}");
    /* scalars whose names clash with C or with generated suffixes */
    assert_true(k.has_ratio && k.ratio == 0.25);
    assert_true(k.has_free && !k.free);
    assert_true(k.has_entry && k.entry == 0);
    assert_string_equal(k.int_, "i");
    assert_string_equal(k.u2a2f, "c");
    /* scalar union */
    assert_int_equal(k.scalar->tag, FT_SCALAR_INTEGER);
    assert_int_equal(k.scalar->u.integer, 42);
    /* recursion through an array */
    assert_string_equal(k.tree->label, "root");
    assert_int_equal(k.tree->children_count, 2);
    assert_string_equal(k.tree->children[0].children[0].label, "a1");
    assert_false(k.tree->children[0].children[0].has_children);
    assert_string_equal(k.tree->children[1].label, "b");
    /* allOf merged into one struct */
    assert_string_equal(k.tagged->name, "t");
    assert_int_equal(k.tagged->tags_count, 1);
    assert_string_equal(k.tagged->tags[0], "x");
    /* the member the spec does not declare */
    assert_string_equal(k.additional_members.text, "{\"unknown\":1}");
    assert_int_equal(k.additional_members.len, strlen("{\"unknown\":1}"));
    assert_null(k.tree->additional_members.text);

    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ft_kitchen_to_json(&k, &b), OAS_OK);
    assert_string_equal(b.data, kitchen_out);
    ft_kitchen again;
    assert_int_equal(ft_kitchen_parse(b.data, b.len, &again, &err), OAS_OK);
    oas_buf b2 = OAS_BUF_INIT;
    assert_int_equal(ft_kitchen_to_json(&again, &b2), OAS_OK);
    assert_string_equal(b2.data, kitchen_out);
    oas_buf_free(&b);
    oas_buf_free(&b2);
    ft_kitchen_free(&again);
    ft_kitchen_free(&k);
}

static void absent_null_and_unknown_values(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"grid\":[],\"color\":\"blue\",\"shade\":\"red\",\"note\":\"n\",\"owner\":null}";
    ft_kitchen k;
    oas_error err;
    assert_int_equal(ft_kitchen_parse(doc, strlen(doc), &k, &err), OAS_OK);
    assert_int_equal(k.color.value, FT_COLOR_UNKNOWN); /* kept, not dropped */
    assert_string_equal(k.color.str, "blue");
    assert_false(k.shade_is_null);
    assert_string_equal(k.shade.str, "red");
    assert_int_equal(k.shade.value, FT_COLOR_RED);
    assert_string_equal(k.note, "n");
    assert_null(k.owner);
    assert_true(k.owner_is_null);
    assert_false(k.has_groups);
    assert_null(k.extra.text);
    assert_null(k.scalar);
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ft_kitchen_to_json(&k, &b), OAS_OK);
    assert_string_equal(b.data,
                        "{\"grid\":[],\"color\":\"blue\",\"shade\":\"red\",\"note\":\"n\",\"owner\":null}");
    oas_buf_free(&b);
    ft_kitchen_free(&k);

    ft_scalar s;
    assert_int_equal(ft_scalar_parse("\"s\"", 3, &s, &err), OAS_OK);
    assert_int_equal(s.tag, FT_SCALAR_STRING);
    assert_string_equal(s.u.string, "s");
    ft_scalar_free(&s);
    assert_int_equal(s.tag, FT_SCALAR_NONE);
    assert_int_equal(ft_scalar_parse("true", 4, &s, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "");
    assert_int_equal(s.tag, FT_SCALAR_NONE);

    ft_color c;
    assert_int_equal(ft_color_parse("\"2tone\"", 7, &c, &err), OAS_OK);
    assert_int_equal(c.value, FT_COLOR_N2TONE);
    ft_color_free(&c);
}

static void errors_name_the_exact_place(void **state)
{
    (void)state;
    static const struct { const char *json; oas_status code; const char *pointer; size_t offset; } cases[] = {
        {"{\"grid\":[[1,\"a\"]],\"color\":\"red\"}", OAS_ERR_TYPE, "/grid/0/1", 12},
        {"{\"grid\":[]}", OAS_ERR_MISSING, "/color", 0},
        {"{\"grid\":[],\"color\":\"red\",\"groups\":{\"a\":[1,true]}}", OAS_ERR_TYPE,
         "/groups/a/1", 42},
        {"{\"grid\":[],\"color\":\"red\",\"pets\":{\"p\":{\"lives\":\"x\"}}}", OAS_ERR_TYPE,
         "/pets/p", 37},
        {"{\"grid\":[],\"color\":\"red\",\"pets\":{\"p\":{\"kind\":\"kitty\"}}}", OAS_ERR_MISSING,
         "/pets/p/lives", 37},
        {"{\"grid\":[],\"color\":\"red\",\"tree\":{\"label\":\"r\",\"children\":[{\"label\":\"a\","
         "\"children\":[{}]}]}}", OAS_ERR_MISSING, "/tree/children/0/children/0/label", 82},
        {"{\"grid\":[],\"color\":\"red\",\"tagged\":{\"name\":\"t\"}}", OAS_ERR_MISSING,
         "/tagged/tags", 34},
        {"{\"grid\":[],\"color\":\"red\",\"note\":5}", OAS_ERR_TYPE, "/note", 32},
        {"{\"grid\":[],\"color\":7}", OAS_ERR_TYPE, "/color", 19},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ft_kitchen k;
        oas_error err;
        print_message("case %zu\n", i);
        assert_int_equal(ft_kitchen_parse(cases[i].json, strlen(cases[i].json), &k, &err),
                         cases[i].code);
        assert_string_equal(err.pointer, cases[i].pointer);
        assert_int_equal(err.offset, cases[i].offset);
        ft_kitchen zero;
        memset(&zero, 0, sizeof zero);
        assert_memory_equal(&k, &zero, sizeof k);
    }
}

static void allocation_failures_leak_nothing(void **state)
{
    (void)state;
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        size_t failures_before = failing_alloc_failures(); /* a running total */
        failing_alloc_fail_at(n, false);
        ft_kitchen k;
        oas_error err;
        oas_status st = ft_kitchen_parse(kitchen, strlen(kitchen), &k, &err);
        bool failed = failing_alloc_failures() > failures_before;
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_false(failed);
            /* what k owns: grid 5 (-3e-2's texts and text), groups 4, pets 7, color 1, owner 2, extra 1,
             * settings 1, int 1, scalar 1, tree 7, tagged 4, "*" "/" 1,
             * additional members 1 */
            assert_int_equal(failing_alloc_live(), 36);
            oas_buf b = OAS_BUF_INIT;
            assert_int_equal(ft_kitchen_to_json(&k, &b), OAS_OK);
            assert_string_equal(b.data, kitchen_out);
            oas_buf_free(&b);
            ft_kitchen_free(&k);
            assert_int_equal(failing_alloc_live(), 0);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    print_message("parse succeeded once %zu allocations could succeed\n", n - 1);
    assert_true(n > 36); /* every owned block's allocation failed once */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_layout_has_exact_values),
        cmocka_unit_test(absent_null_and_unknown_values),
        cmocka_unit_test(errors_name_the_exact_place),
        cmocka_unit_test(allocation_failures_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
