/* test_model_null_document.c - a whole document that is null, for every
 * kind of component whose schema accepts null (OpenAPI 3.1 type arrays in
 * tests/data/model/lossless.yaml, prefix ll_; 3.0 `nullable: true` in
 * lossless30.yaml, prefix l3_): _parse("null") gives a value whose is_null
 * is set and _to_json writes null. Null items of arrays whose object items
 * accept null stay null too. Exact JSON in, exact JSON out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model_round_trip.h"
#include "ll_model.h"
#include "l3_model.h"

/* _parse("null") sets is_null (and nothing else), _to_json writes null, and
 * `value` parses with is_null false and comes back as it came. */
#define NULL_DOCUMENT(type, value)                                                 \
    do {                                                                           \
        type n_;                                                                   \
        oas_error e_;                                                            \
        assert_int_equal(type##_parse("null", 4, &n_, &e_), OAS_OK);             \
        assert_true(n_.is_null);                                                   \
        SAME_BACK(type, "null");                                                   \
        type##_free(&n_);                                                          \
        assert_false(n_.is_null);                                                  \
        assert_int_equal(type##_parse((value), strlen(value), &n_, &e_), OAS_OK); \
        assert_false(n_.is_null);                                                  \
        type##_free(&n_);                                                          \
        SAME_BACK(type, value);                                                    \
    } while (0)

static void a_null_document_is_null_for_each_kind_of_3_1_component(void **state)
{
    (void)state;
    NULL_DOCUMENT(ll_maybe_record, "{\"a\":1}");
    NULL_DOCUMENT(ll_maybe_list, "[1,2]");
    NULL_DOCUMENT(ll_maybe_map, "{\"k\":\"v\"}");
    NULL_DOCUMENT(ll_maybe_level, "\"low\"");
    NULL_DOCUMENT(ll_maybe_choice, "{\"b\":\"x\"}");
    NULL_DOCUMENT(ll_maybe_count, "1E2");
    NULL_DOCUMENT(ll_maybe_name, "\"\"");
    NULL_DOCUMENT(ll_maybe_flag, "false");
}

static void a_null_document_is_null_for_each_kind_of_3_0_component(void **state)
{
    (void)state;
    NULL_DOCUMENT(l3_maybe_record, "{\"a\":1}");
    NULL_DOCUMENT(l3_maybe_list, "[]");
    NULL_DOCUMENT(l3_maybe_map, "{}");
    NULL_DOCUMENT(l3_maybe_level, "\"high\"");
    NULL_DOCUMENT(l3_maybe_choice, "\"s\"");
    NULL_DOCUMENT(l3_maybe_count, "-0");
    NULL_DOCUMENT(l3_maybe_price, "1.10");
    NULL_DOCUMENT(l3_maybe_name, "\"n\"");
}

static void a_document_that_states_no_type_may_be_null(void **state)
{
    (void)state;
    NULL_DOCUMENT(ll_loose_inner, "{\"v\":1}");
    NULL_DOCUMENT(l3_loose, "{\"v\":2,\"w\":3}");
}

static void the_values_beside_is_null_are_the_init_state(void **state)
{
    (void)state;
    ll_maybe_record r;
    ll_maybe_count c;
    ll_maybe_choice u;
    oas_error err;
    assert_int_equal(ll_maybe_record_parse("null", 4, &r, &err), OAS_OK);
    assert_true(r.is_null && !r.has_a && !r.additional_members.text);
    assert_int_equal(ll_maybe_count_parse(" null ", 6, &c, &err), OAS_OK);
    assert_true(c.is_null && c.value == 0 && !c.text);
    assert_int_equal(ll_maybe_choice_parse("null", 4, &u, &err), OAS_OK);
    assert_true(u.is_null);
    assert_int_equal(u.tag, LL_MAYBE_CHOICE_NONE);
    ll_maybe_record_free(&r);
    ll_maybe_count_free(&c);
    ll_maybe_choice_free(&u);
}

static void is_null_set_by_the_caller_writes_null(void **state)
{
    (void)state;
    ll_maybe_record r;
    oas_error err;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_maybe_record_parse("{\"a\":7}", 7, &r, &err), OAS_OK);
    r.is_null = true;
    assert_int_equal(ll_maybe_record_to_json(&r, &b), OAS_OK);
    assert_string_equal(b.data, "null");
    ll_maybe_record_free(&r);
    oas_buf_free(&b);

    l3_maybe_price p;
    l3_maybe_price_init(&p);
    p.value = 2.5;
    assert_int_equal(l3_maybe_price_to_json(&p, &b), OAS_OK);
    assert_string_equal(b.data, "2.5");
    oas_buf_free(&b);
    p.is_null = true;
    assert_int_equal(l3_maybe_price_to_json(&p, &b), OAS_OK);
    assert_string_equal(b.data, "null");
    oas_buf_free(&b);
}

static void a_member_named_like_the_null_flag_gets_another_c_name(void **state)
{
    (void)state;
    static const char in[] = "{\"a\":1,\"isNull\":true}";
    ll_maybe_record r;
    oas_error err;
    assert_int_equal(ll_maybe_record_parse(in, strlen(in), &r, &err), OAS_OK);
    assert_false(r.is_null);
    assert_true(r.has_is_null_2 && r.is_null_2);
    ll_maybe_record_free(&r);
    SAME_BACK(ll_maybe_record, in);
}

static void a_schema_without_null_still_refuses_a_null_document(void **state)
{
    (void)state;
    ll_open o;
    ll_price p;
    ll_amount a;
    oas_error err;
    assert_int_equal(ll_open_parse("null", 4, &o, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "");
    assert_string_equal(err.message, "expected object, got null");
    assert_int_equal(ll_price_parse("null", 4, &p, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected number, got null");
    assert_int_equal(ll_amount_parse("null", 4, &a, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "");
}

static void null_items_of_object_schemas_that_accept_null_stay_null(void **state)
{
    (void)state;
    static const char in[] = "{\"loose\":[{\"v\":1},null],\"maybe\":[null,{\"v\":2}],"
                             "\"free\":[null,{}]}";
    ll_gallery g;
    oas_error err;
    assert_int_equal(ll_gallery_parse(in, strlen(in), &g, &err), OAS_OK);
    assert_int_equal(g.loose_count, 2);
    assert_true(!g.loose[0].is_null && g.loose[0].v == 1);
    assert_true(g.loose[1].is_null && !g.loose[1].has_v);
    ll_gallery_free(&g);
    SAME_BACK(ll_gallery, in);
    SAME_BACK(l3_gallery, "{\"maybe\":[null,{\"v\":2}],\"free\":[null,{}],"
                          "\"loose\":[{\"v\":1},null]}");
    SAME_BACK(l3_gallery, "{\"loose\":[null,null]}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_null_document_is_null_for_each_kind_of_3_1_component),
        cmocka_unit_test(a_null_document_is_null_for_each_kind_of_3_0_component),
        cmocka_unit_test(a_document_that_states_no_type_may_be_null),
        cmocka_unit_test(the_values_beside_is_null_are_the_init_state),
        cmocka_unit_test(is_null_set_by_the_caller_writes_null),
        cmocka_unit_test(a_member_named_like_the_null_flag_gets_another_c_name),
        cmocka_unit_test(a_schema_without_null_still_refuses_a_null_document),
        cmocka_unit_test(null_items_of_object_schemas_that_accept_null_stay_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
