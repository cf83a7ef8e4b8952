/* test_model_nullable_items.c - array items that are scalars and may be
 * null (`items: {type: [integer, "null"]}`, 3.0 `items: {type: integer,
 * nullable: true}`, string, number, boolean alike) are boxed as { value,
 * [text,] is_null }: typed access, and null comes back as null. A boxed
 * component on the items' $ref chain is the box. Map values of that shape
 * are typed like members (value, value_is_null, value_text).
 * tests/data/model/lossless.yaml (prefix ll_) and lossless30.yaml (l3_).
 * Exact JSON in, exact JSON out, exact values, allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model_round_trip.h"
#include "ll_model.h"
#include "l3_model.h"
#include "oas_alloc.h"
#include "failing_alloc.h"

static const char items_in[] =
    "{\"ints\":[1,null,-3,1E2],\"nums\":[null,1.10,2.5],\"strs\":[\"a\",null,\"\"],"
    "\"flags\":[null,true,false],\"counts\":[null,7],\"either\":[null,4]}";

static void nullable_scalar_items_are_boxed_with_their_value_and_null(void **state)
{
    (void)state;
    ll_nullable_scalars s;
    oas_error err;
    assert_int_equal(ll_nullable_scalars_parse(items_in, strlen(items_in), &s, &err), OAS_OK);
    assert_int_equal(s.ints_count, 4);
    assert_true(!s.ints[0].is_null && s.ints[0].value == 1 && !s.ints[0].text);
    assert_true(s.ints[1].is_null && s.ints[1].value == 0 && !s.ints[1].text);
    assert_true(!s.ints[2].is_null && s.ints[2].value == -3);
    assert_true(s.ints[3].value == 100);
    assert_string_equal(s.ints[3].text, "1E2"); /* the box keeps the number's text */
    assert_int_equal(s.nums_count, 3);
    assert_true(s.nums[0].is_null);
    assert_true(s.nums[1].value == 1.1);
    assert_string_equal(s.nums[1].text, "1.10");
    assert_true(s.nums[2].value == 2.5 && !s.nums[2].text);
    assert_int_equal(s.strs_count, 3);
    assert_string_equal(s.strs[0].value, "a");
    assert_true(s.strs[1].is_null && !s.strs[1].value);
    assert_string_equal(s.strs[2].value, "");
    assert_false(s.strs[2].is_null);
    assert_int_equal(s.flags_count, 3);
    assert_true(s.flags[0].is_null && !s.flags[0].value);
    assert_true(!s.flags[1].is_null && s.flags[1].value);
    assert_true(!s.flags[2].is_null && !s.flags[2].value);
    /* items: {$ref: MaybeCount}: the component's box */
    ll_maybe_count *counts = s.counts;
    assert_int_equal(s.counts_count, 2);
    assert_true(counts[0].is_null && !counts[1].is_null && counts[1].value == 7);
    /* anyOf [$ref: Quantity, null]: a box of its own around the integer */
    assert_true(s.either[0].is_null && s.either[1].value == 4);
    ll_nullable_scalars_free(&s);
    SAME_BACK(ll_nullable_scalars, items_in);

    /* a document that is such an array */
    ll_nullable_names n;
    assert_int_equal(ll_nullable_names_parse("[null,\"x\"]", 10, &n, &err), OAS_OK);
    assert_int_equal(n.count, 2);
    assert_true(n.items[0].is_null);
    assert_string_equal(n.items[1].value, "x");
    ll_nullable_names_free(&n);
    SAME_BACK(ll_nullable_names, "[null,\"x\"]");
    SAME_BACK(ll_nullable_names, "[]");
}

static void the_3_0_spelling_boxes_the_same_items(void **state)
{
    (void)state;
    static const char in[] = "{\"ints\":[null,-0],\"nums\":[1e400,null],\"strs\":[null],"
                             "\"flags\":[false,null],\"counts\":[null,2]}";
    l3_nullable_scalars s;
    oas_error err;
    assert_int_equal(l3_nullable_scalars_parse(in, strlen(in), &s, &err), OAS_OK);
    assert_true(s.ints[0].is_null && !s.ints[1].is_null && s.ints[1].value == 0);
    assert_string_equal(s.ints[1].text, "-0");
    assert_string_equal(s.nums[0].text, "1e400");
    assert_true(s.nums[1].is_null);
    assert_true(s.strs_count == 1 && s.strs[0].is_null);
    assert_true(!s.flags[0].is_null && s.flags[1].is_null);
    l3_maybe_count *counts = s.counts;
    assert_true(counts[0].is_null && counts[1].value == 2);
    l3_nullable_scalars_free(&s);
    SAME_BACK(l3_nullable_scalars, in);
}

static void a_boxed_item_refuses_what_its_scalar_refuses(void **state)
{
    (void)state;
    ll_nullable_scalars s;
    oas_error err;
    assert_int_equal(ll_nullable_scalars_parse("{\"ints\":[1,1.5]}", 16, &s, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/ints/1");
    assert_string_equal(err.message, "expected integer, got 1.5");
    assert_int_equal(ll_nullable_scalars_parse("{\"strs\":[null,2]}", 17, &s, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/strs/1");
    assert_string_equal(err.message, "expected string, got number");
    assert_int_equal(ll_nullable_scalars_parse("{\"flags\":[\"\"]}", 14, &s, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/flags/0");
    assert_string_equal(err.message, "expected boolean, got string");
}

static void boxed_items_set_by_the_caller_write_their_value_or_null(void **state)
{
    (void)state;
    ll_nullable_scalars_ints_item ints[3] = {{.value = 5}, {.is_null = true}, {.value = -1}};
    char q[] = "q";
    ll_nullable_scalars_strs_item strs[2] = {{.value = q}, {.is_null = true}};
    ll_nullable_scalars s;
    ll_nullable_scalars_init(&s);
    s.ints = ints;
    s.ints_count = 3;
    s.has_ints = true;
    s.strs = strs;
    s.strs_count = 2;
    s.has_strs = true;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_nullable_scalars_to_json(&s, &b), OAS_OK);
    assert_string_equal(b.data, "{\"ints\":[5,null,-1],\"strs\":[\"q\",null]}");
    oas_buf_free(&b);
}

static void nullable_scalar_map_values_are_typed_with_value_is_null(void **state)
{
    (void)state;
    static const char in[] = "{\"numByKey\":{\"a\":null,\"b\":1.50},\"strByKey\":{\"c\":null,\"d\":\"v\"},"
                             "\"flagByKey\":{\"e\":true,\"f\":null}}";
    ll_nullable_scalars s;
    oas_error err;
    assert_int_equal(ll_nullable_scalars_parse(in, strlen(in), &s, &err), OAS_OK);
    assert_true(s.num_by_key[0].value_is_null);
    assert_true(!s.num_by_key[1].value_is_null && s.num_by_key[1].value == 1.5);
    assert_string_equal(s.num_by_key[1].value_text, "1.50");
    assert_true(s.str_by_key[0].value_is_null && !s.str_by_key[0].value);
    assert_string_equal(s.str_by_key[1].value, "v");
    assert_true(!s.flag_by_key[0].value_is_null && s.flag_by_key[0].value);
    assert_true(s.flag_by_key[1].value_is_null);
    ll_nullable_scalars_free(&s);
    SAME_BACK(ll_nullable_scalars, in);
    SAME_BACK(l3_nullable_scalars, "{\"numByKey\":{\"a\":null,\"b\":-0.0}}");
}

static void allocation_failures_leak_nothing(void **state)
{
    (void)state;
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        size_t failures_before = failing_alloc_failures();
        failing_alloc_fail_at(n, false);
        ll_nullable_scalars s;
        oas_error err;
        oas_status st = ll_nullable_scalars_parse(items_in, strlen(items_in), &s, &err);
        bool failed = failing_alloc_failures() > failures_before;
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_false(failed);
            /* six item arrays, texts "1E2" and "1.10", strings "a" and "" */
            assert_int_equal(failing_alloc_live(), 10);
            oas_buf b = OAS_BUF_INIT;
            assert_int_equal(ll_nullable_scalars_to_json(&s, &b), OAS_OK);
            assert_string_equal(b.data, items_in);
            oas_buf_free(&b);
            ll_nullable_scalars_free(&s);
            assert_int_equal(failing_alloc_live(), 0);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    assert_true(n > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nullable_scalar_items_are_boxed_with_their_value_and_null),
        cmocka_unit_test(the_3_0_spelling_boxes_the_same_items),
        cmocka_unit_test(a_boxed_item_refuses_what_its_scalar_refuses),
        cmocka_unit_test(boxed_items_set_by_the_caller_write_their_value_or_null),
        cmocka_unit_test(nullable_scalar_map_values_are_typed_with_value_is_null),
        cmocka_unit_test(allocation_failures_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
