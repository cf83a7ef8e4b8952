/* test_model_number_text.c - number members keep their JSON text:
 * _parse -> _to_json on ll_measure (tests/data/model/lossless.yaml) gives
 * back "1.10", "1E2", "-0", 1e400, 1e-400 and a 400-digit integer as they
 * came, with the typed value as near as the C type holds it; a value the
 * caller changes is written from the typed value. Array items and map
 * values do the same through x_texts, an array type's texts and a map
 * entry's value_text; a whole document that is one number (ll_price,
 * ll_quantity) through its text, a union variant that is a number (ll_amount,
 * ll_level) through the union's text. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "model_round_trip.h"
#include "ll_model.h"
#include "failing_alloc.h"

/* "9" * 400: beyond int64 and double */
static char big[402];

static void make_big(bool negative)
{
    size_t i = 0;
    if (negative)
        big[i++] = '-';
    while (i < 400 + (negative ? 1u : 0u))
        big[i++] = '9';
    big[i] = '\0';
}

/* _parse(in) succeeds and _to_json writes exactly in again. */
static void same_text_back(const char *in)
{
    ll_measure m;
    oas_error err;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    assert_int_equal(ll_measure_to_json(&m, &b), OAS_OK);
    assert_string_equal(b.data, in);
    oas_buf_free(&b);
    ll_measure_free(&m);
}

static void number_members_come_back_with_their_text(void **state)
{
    (void)state;
    static const char *const amounts[] = {
        "1.10", "1E2", "-0", "0", "1e400", "-1e400", "1e-400", "2.5", "1.0",
        "0.1000000000000000055511151231257827", "123456789012345678901234567890",
    };
    static const char *const counts[] = {"7", "-0", "1.0", "1e2", "10E+1", "-9223372036854775808"};
    char in[1000];
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
        snprintf(in, sizeof in, "{\"amount\":%s}", amounts[i]);
        same_text_back(in);
    }
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        snprintf(in, sizeof in, "{\"amount\":1,\"count\":%s}", counts[i]);
        same_text_back(in);
    }
    make_big(false);
    snprintf(in, sizeof in, "{\"amount\":%s,\"count\":%s}", big, big);
    same_text_back(in);
    make_big(true);
    snprintf(in, sizeof in, "{\"amount\":%s,\"count\":%s}", big, big);
    same_text_back(in);
}

/* An integer member keeps its text only when its value would not write
 * back as it: the value, and the text or NULL, exactly. */
static void integer_members_keep_text_only_when_needed(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t value;
        const char *kept;
    } cases[] = {
        {"7", 7, NULL},
        {"0", 0, NULL},
        {"-12", -12, NULL},
        {"-9223372036854775808", INT64_MIN, NULL},
        {"9223372036854775807", INT64_MAX, NULL},
        {"-0", 0, "-0"},
        {"1.0", 1, "1.0"},
        {"1e2", 100, "1e2"},
        {"10E+1", 100, "10E+1"},
        {"-5.00", -5, "-5.00"},
    };
    char in[200];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(in, sizeof in, "{\"amount\":1,\"count\":%s}", cases[i].text);
        ll_measure m;
        oas_error err;
        assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
        assert_true(m.has_count);
        assert_true(m.count == cases[i].value);
        if (cases[i].kept)
            assert_string_equal(m.count_text, cases[i].kept);
        else
            assert_null(m.count_text);
        ll_measure_free(&m);
    }
}

static void the_typed_value_is_the_nearest_the_c_type_holds(void **state)
{
    (void)state;
    make_big(true);
    char in[1000];
    snprintf(in, sizeof in, "{\"amount\":1e400,\"count\":%s}", big);
    ll_measure m;
    oas_error err;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    assert_true(isinf(m.amount) && m.amount > 0);
    assert_string_equal(m.amount_text, "1e400");
    assert_true(m.has_count);
    assert_true(m.count == INT64_MIN);
    assert_string_equal(m.count_text, big);
    ll_measure_free(&m);
    assert_null(m.amount_text);

    static const char tiny[] = "{\"amount\":-1e-400,\"count\":1e2}";
    assert_int_equal(ll_measure_parse(tiny, strlen(tiny), &m, &err), OAS_OK);
    assert_true(m.amount == 0 && signbit(m.amount));
    assert_string_equal(m.amount_text, "-1e-400");
    assert_true(m.count == 100);
    assert_string_equal(m.count_text, "1e2");
    ll_measure_free(&m);

    /* the common numbers allocate no text */
    static const char plain[] = "{\"amount\":0.1,\"count\":-3}";
    assert_int_equal(ll_measure_parse(plain, strlen(plain), &m, &err), OAS_OK);
    assert_null(m.amount_text);
    assert_null(m.count_text);
    ll_measure_free(&m);

    static const char fraction[] = "{\"amount\":1,\"count\":1.5}";
    assert_int_equal(ll_measure_parse(fraction, strlen(fraction), &m, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/count");
}

static void a_changed_value_is_written_from_the_typed_value(void **state)
{
    (void)state;
    static const char in[] = "{\"amount\":1.10,\"count\":1e2}";
    ll_measure m;
    oas_error err;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    m.amount = 2.5;
    m.count = 5;
    assert_int_equal(ll_measure_to_json(&m, &b), OAS_OK);
    assert_string_equal(b.data, "{\"amount\":2.5,\"count\":5}");
    oas_buf_free(&b);
    ll_measure_free(&m);

    static const char huge[] = "{\"amount\":-0,\"count\":1e400}";
    assert_int_equal(ll_measure_parse(huge, strlen(huge), &m, &err), OAS_OK);
    assert_true(m.count == INT64_MAX);
    m.amount = 0.0; /* -0 -> 0: a change the text would hide */
    m.count = INT64_MAX - 1;
    assert_int_equal(ll_measure_to_json(&m, &b), OAS_OK);
    assert_string_equal(b.data, "{\"amount\":0,\"count\":9223372036854775806}");
    oas_buf_free(&b);
    ll_measure_free(&m);
}

static void a_member_named_like_a_text_slot_gets_another_c_name(void **state)
{
    (void)state;
    static const char in[] = "{\"amount\":1,\"count\":2.0,\"count_text\":\"two\"}";
    ll_measure m;
    oas_error err;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    assert_string_equal(m.count_text, "2.0");
    assert_string_equal(m.count_text_2, "two");
    ll_measure_free(&m);
    same_text_back(in);
}

static void items_and_map_values_come_back_with_their_text(void **state)
{
    (void)state;
    same_text_back("{\"amount\":1,\"points\":[1.10,1E2,1e400,-1e-400,2.5,-0]}");
    same_text_back("{\"amount\":1,\"counts\":[1e2,-0,7,1.0,-9223372036854775808]}");
    same_text_back("{\"amount\":1,\"weights\":{\"a\":1.10,\"b\":2,\"c\":-1e400}}");
    same_text_back("{\"amount\":1,\"grid\":[[1.10,2],[],[1e400]]}");
    make_big(false);
    char in[1000];
    snprintf(in, sizeof in, "{\"amount\":1,\"points\":[%s],\"counts\":[%s]}", big, big);
    same_text_back(in);
}

static void common_items_allocate_no_text(void **state)
{
    (void)state;
    static const char in[] =
        "{\"amount\":1,\"points\":[1.5,2,0.1],\"counts\":[1,-2],\"weights\":{\"a\":0.5},"
        "\"grid\":[[1,2.5]]}";
    ll_measure m;
    oas_error err;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    assert_null(m.points_texts);
    assert_null(m.counts_texts);
    assert_int_equal(m.weights_count, 1);
    assert_null(m.weights[0].value_text);
    assert_int_equal(m.grid_count, 1);
    assert_null(m.grid[0].texts);
    ll_measure_free(&m);
}

static void items_and_map_values_saturate_and_keep_text(void **state)
{
    (void)state;
    make_big(false);
    char in[1000];
    snprintf(in, sizeof in,
             "{\"amount\":1,\"points\":[1e400,-1e-400,2],\"counts\":[3,%s],"
             "\"weights\":{\"a\":-1e400,\"b\":1},\"grid\":[[1],[1e400]]}",
             big);
    ll_measure m;
    oas_error err;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    assert_int_equal(m.points_count, 3);
    assert_true(isinf(m.points[0]) && m.points[0] > 0);
    assert_true(m.points[1] == 0 && signbit(m.points[1]));
    assert_true(m.points[2] == 2);
    assert_string_equal(m.points_texts[0], "1e400");
    assert_string_equal(m.points_texts[1], "-1e-400");
    assert_null(m.points_texts[2]);
    assert_true(m.counts[0] == 3);
    assert_true(m.counts[1] == INT64_MAX);
    assert_null(m.counts_texts[0]);
    assert_string_equal(m.counts_texts[1], big);
    assert_string_equal(m.weights[0].key, "a");
    assert_true(isinf(m.weights[0].value) && m.weights[0].value < 0);
    assert_string_equal(m.weights[0].value_text, "-1e400");
    assert_null(m.weights[1].value_text);
    assert_null(m.grid[0].texts);
    assert_true(isinf(m.grid[1].items[0]));
    assert_string_equal(m.grid[1].texts[0], "1e400");
    ll_measure_free(&m);
    assert_null(m.points_texts);

    static const char fraction[] = "{\"amount\":1,\"counts\":[1,1.5]}";
    assert_int_equal(ll_measure_parse(fraction, strlen(fraction), &m, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/counts/1");
    static const char word[] = "{\"amount\":1,\"weights\":{\"a\":1.10,\"b\":\"x\"}}";
    assert_int_equal(ll_measure_parse(word, strlen(word), &m, &err), OAS_ERR_TYPE);
    assert_string_equal(err.pointer, "/weights/b");
}

static void a_changed_item_is_written_from_the_typed_value(void **state)
{
    (void)state;
    static const char in[] =
        "{\"amount\":1,\"points\":[1.10,1E2],\"counts\":[1e400],\"weights\":{\"a\":1.10,\"b\":-0},"
        "\"grid\":[[1e400,2.50]]}";
    ll_measure m;
    oas_error err;
    oas_buf b = OAS_BUF_INIT;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    m.points[0] = 3;
    m.counts[0] = 4;
    m.weights[1].value = 0.0; /* -0 -> 0: a change the text would hide */
    m.grid[0].items[1] = 2.25;
    assert_int_equal(ll_measure_to_json(&m, &b), OAS_OK);
    assert_string_equal(b.data, "{\"amount\":1,\"points\":[3,1E2],\"counts\":[4],"
                                "\"weights\":{\"a\":1.10,\"b\":0},\"grid\":[[1e400,2.25]]}");
    oas_buf_free(&b);
    ll_measure_free(&m);
}

static void a_member_named_like_an_items_text_slot_gets_another_c_name(void **state)
{
    (void)state;
    static const char in[] = "{\"amount\":1,\"points\":[1.10],\"points_texts\":\"p\"}";
    ll_measure m;
    oas_error err;
    assert_int_equal(ll_measure_parse(in, strlen(in), &m, &err), OAS_OK);
    assert_string_equal(m.points_texts[0], "1.10");
    assert_string_equal(m.points_texts_2, "p");
    ll_measure_free(&m);
    same_text_back(in);
}

static void a_failed_text_allocation_leaks_nothing(void **state)
{
    (void)state;
    static const char in[] = "{\"amount\":1e400,\"count\":1e2}";
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        failing_alloc_fail_at(n, false);
        ll_measure m;
        oas_error err;
        oas_status st = ll_measure_parse(in, strlen(in), &m, &err);
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            assert_int_equal(failing_alloc_live(), 2); /* the two texts */
            ll_measure_free(&m);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    assert_true(n > 2);
}

static void a_failed_item_text_allocation_leaks_nothing(void **state)
{
    (void)state;
    static const char in[] =
        "{\"amount\":1,\"points\":[2,1e400],\"weights\":{\"a\":1.10},\"grid\":[[1E2]]}";
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        failing_alloc_fail_at(n, false);
        ll_measure m;
        oas_error err;
        oas_status st = ll_measure_parse(in, strlen(in), &m, &err);
        failing_alloc_fail_at(0, false);
        if (st == OAS_OK) {
            /* points, its texts and one text; weights, its key and value
             * text; grid, its item's items, texts and one text */
            assert_int_equal(failing_alloc_live(), 10);
            ll_measure_free(&m);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    assert_true(n > 10);
}

static void a_whole_document_number_comes_back_with_its_text(void **state)
{
    (void)state;
    static const char *const prices[] = {"1.10", "1E2", "-0", "1e400", "-1e-400", "2.5", "0",
                                         "0.1000000000000000055511151231257827"};
    static const char *const quantities[] = {"1E2", "-0", "1.0", "7", "-9223372036854775808"};
    for (size_t i = 0; i < sizeof prices / sizeof *prices; i++)
        SAME_BACK(ll_price, prices[i]);
    for (size_t i = 0; i < sizeof quantities / sizeof *quantities; i++)
        SAME_BACK(ll_quantity, quantities[i]);
    make_big(true);
    SAME_BACK(ll_price, big);
    SAME_BACK(ll_quantity, big);

    ll_price p;
    ll_quantity q;
    oas_error err;
    assert_int_equal(ll_price_parse("1e400", 5, &p, &err), OAS_OK);
    assert_true(isinf(p.value) && p.value > 0);
    assert_string_equal(p.text, "1e400");
    ll_price_free(&p);
    assert_null(p.text);
    assert_int_equal(ll_price_parse("0.5", 3, &p, &err), OAS_OK);
    assert_true(p.value == 0.5);
    assert_null(p.text);
    ll_price_free(&p);
    assert_int_equal(ll_quantity_parse(big, strlen(big), &q, &err), OAS_OK);
    assert_true(q.value == INT64_MIN);
    assert_string_equal(q.text, big);
    ll_quantity_free(&q);
    assert_int_equal(ll_quantity_parse("1.5", 3, &q, &err), OAS_ERR_TYPE);
    assert_string_equal(err.message, "expected integer, got 1.5");
    assert_string_equal(err.pointer, "");
}

static void union_variants_that_are_numbers_come_back_with_their_text(void **state)
{
    (void)state;
    static const char *const amounts[] = {"1.0", "1E2", "-0", "3", "\"3.0\"", "1e400"};
    static const char *const levels[] = {"1.10", "1E2", "-1e-400", "1e400", "true", "0.5"};
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++)
        SAME_BACK(ll_amount, amounts[i]);
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        SAME_BACK(ll_level, levels[i]);
    make_big(false);
    SAME_BACK(ll_amount, big);
    SAME_BACK(ll_level, big);
    SAME_BACK(ll_ledger, "{\"amount\":-0,\"levels\":[1E2,true,2.50,1e400]}");

    ll_amount a;
    oas_error err;
    assert_int_equal(ll_amount_parse("1.0", 3, &a, &err), OAS_OK);
    assert_int_equal(a.tag, LL_AMOUNT_INTEGER);
    assert_true(a.u.integer == 1);
    assert_string_equal(a.text, "1.0");
    ll_amount_free(&a);
    assert_null(a.text);
    assert_int_equal(ll_amount_parse(big, strlen(big), &a, &err), OAS_OK);
    assert_int_equal(a.tag, LL_AMOUNT_INTEGER);
    assert_true(a.u.integer == INT64_MAX);
    assert_string_equal(a.text, big);
    ll_amount_free(&a);
    assert_int_equal(ll_amount_parse("\"x\"", 3, &a, &err), OAS_OK);
    assert_int_equal(a.tag, LL_AMOUNT_STRING);
    assert_null(a.text);
    ll_amount_free(&a);
    /* a fraction is no integer and no string */
    assert_int_equal(ll_amount_parse("1.5", 3, &a, &err), OAS_ERR_TYPE);

    ll_level l;
    assert_int_equal(ll_level_parse("2", 1, &l, &err), OAS_OK);
    assert_int_equal(l.tag, LL_LEVEL_NUMBER);
    assert_true(l.u.number == 2);
    assert_null(l.text);
    ll_level_free(&l);
}

static void a_changed_document_or_variant_number_is_written_from_the_typed_value(void **state)
{
    (void)state;
    oas_error err;
    oas_buf b = OAS_BUF_INIT;
    ll_price p;
    assert_int_equal(ll_price_parse("1.10", 4, &p, &err), OAS_OK);
    p.value = 1.25;
    assert_int_equal(ll_price_to_json(&p, &b), OAS_OK);
    assert_string_equal(b.data, "1.25");
    oas_buf_free(&b);
    ll_price_free(&p);

    ll_ledger l;
    static const char in[] = "{\"amount\":1E2,\"levels\":[1.10,-0]}";
    assert_int_equal(ll_ledger_parse(in, strlen(in), &l, &err), OAS_OK);
    l.amount->u.integer = 5;
    l.levels[1].u.number = 0.0; /* -0 -> 0: a change the text would hide */
    assert_int_equal(ll_ledger_to_json(&l, &b), OAS_OK);
    assert_string_equal(b.data, "{\"amount\":5,\"levels\":[1.10,0]}");
    oas_buf_free(&b);
    ll_ledger_free(&l);
}

static void a_failed_document_or_variant_text_allocation_leaks_nothing(void **state)
{
    (void)state;
    static const char in[] = "{\"amount\":1E2,\"levels\":[1.10,true,2]}";
    failing_alloc_install();
    size_t n;
    for (n = 1;; n++) {
        failing_alloc_fail_at(n, false);
        ll_ledger l;
        ll_price p;
        oas_error err;
        oas_status st = ll_ledger_parse(in, strlen(in), &l, &err);
        oas_status st2 = st == OAS_OK ? ll_price_parse("1e400", 5, &p, &err) : st;
        failing_alloc_fail_at(0, false);
        if (st2 == OAS_OK) {
            /* the amount, its text; levels, one text; the price's text */
            assert_int_equal(failing_alloc_live(), 5);
            ll_ledger_free(&l);
            ll_price_free(&p);
            assert_int_equal(failing_alloc_live(), 0);
            break;
        }
        if (st == OAS_OK)
            ll_ledger_free(&l);
        assert_int_equal(st2, OAS_ERR_NOMEM);
        assert_int_equal(failing_alloc_live(), 0);
    }
    failing_alloc_uninstall();
    assert_true(n > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_members_come_back_with_their_text),
        cmocka_unit_test(integer_members_keep_text_only_when_needed),
        cmocka_unit_test(the_typed_value_is_the_nearest_the_c_type_holds),
        cmocka_unit_test(a_changed_value_is_written_from_the_typed_value),
        cmocka_unit_test(a_member_named_like_a_text_slot_gets_another_c_name),
        cmocka_unit_test(items_and_map_values_come_back_with_their_text),
        cmocka_unit_test(common_items_allocate_no_text),
        cmocka_unit_test(items_and_map_values_saturate_and_keep_text),
        cmocka_unit_test(a_changed_item_is_written_from_the_typed_value),
        cmocka_unit_test(a_member_named_like_an_items_text_slot_gets_another_c_name),
        cmocka_unit_test(a_failed_item_text_allocation_leaks_nothing),
        cmocka_unit_test(a_failed_text_allocation_leaks_nothing),
        cmocka_unit_test(a_whole_document_number_comes_back_with_its_text),
        cmocka_unit_test(union_variants_that_are_numbers_come_back_with_their_text),
        cmocka_unit_test(a_changed_document_or_variant_number_is_written_from_the_typed_value),
        cmocka_unit_test(a_failed_document_or_variant_text_allocation_leaks_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
