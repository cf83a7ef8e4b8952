/* test_big_numbers.c - numbers beyond int64 and beyond double (1e400,
 * 400-digit integers, 1e-400) are valid JSON: the reader keeps them, the
 * validator types them (an integer is any number whose decimal value is
 * one) and compares them exactly on their text in minimum, maximum,
 * exclusiveMinimum, exclusiveMaximum, multipleOf and enum; the writer
 * gives their text back. Each verdict below is the mathematical one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "oas_decimal.h"
#include "oas_json.h"
#include "oas_validate_impl.h"

#define SLOC "#/components/schemas/X"

static oas_json_doc *doc;
static oas_report rep;

static const oas_json *parse(const char *json)
{
    oas_json_doc_free(doc);
    doc = NULL;
    oas_error err;
    if (oas_json_parse(json, strlen(json), NULL, &doc, &err) != OAS_OK)
        fail_msg("%.40s: %s", json, err.message);
    return oas_json_doc_root(doc);
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

/* A limit as the generator writes it for `text` (codegen/emit_validate_body.c:
 * the double strtod gives, int64 only for integers that fit). */
static oas_v_num limit_of(const char *text)
{
    oas_v_num n = {text, strtod(text, NULL), 0, false, strpbrk(text, ".eE") != NULL};
    const oas_json *v = parse(text);
    if ((v->flags & OAS_JSON_F_INT64) && !n.is_float) {
        n.is_int64 = true;
        n.i = v->u.num.i;
    }
    return n;
}

static oas_v_cmp cmp;
static oas_v_num lim;
static unsigned mask;

static void v_bound(const oas_json *in, oas_vctx *c) { oas_v_bound(c, in, SLOC, cmp, &lim); }
static void v_multiple(const oas_json *in, oas_vctx *c) { oas_v_multiple_of(c, in, SLOC, &lim); }
static void v_type(const oas_json *in, oas_vctx *c) { oas_v_type(c, in, mask, SLOC); }

static bool run(oas_validate_fn fn, const char *json)
{
    const oas_json *root = parse(json);
    oas_report_clear(&rep);
    return oas_validate_run(fn, "/$ref", root, &rep, NULL);
}

static bool bound(oas_v_cmp how, const char *limit, const char *instance)
{
    cmp = how;
    lim = limit_of(limit);
    return run(v_bound, instance);
}

static bool multiple(const char *divisor, const char *instance)
{
    lim = limit_of(divisor);
    return run(v_multiple, instance);
}

static char *digits(char lead, size_t count) /* lead then count-1 zeros */
{
    char *s = malloc(count + 1);
    assert_non_null(s);
    memset(s, '0', count);
    s[0] = lead;
    s[count] = '\0';
    return s;
}

static void test_reader_keeps_numbers_beyond_double(void **state)
{
    (void)state;
    const oas_json *v = parse("[1e400,-1e400,1e-400,9223372036854775808]");
    assert_int_equal(v->u.arr.count, 4);
    assert_int_equal(v->u.arr.items[0].flags, OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE);
    assert_int_equal(v->u.arr.items[1].flags, OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE);
    assert_int_equal(v->u.arr.items[2].flags, OAS_JSON_F_BEYOND_DOUBLE);
    assert_int_equal(v->u.arr.items[3].flags, OAS_JSON_F_INTEGER);
    oas_buf out = OAS_BUF_INIT;
    oas_json_write(v, &out);
    assert_string_equal(out.data, "[1e400,-1e400,1e-400,9223372036854775808]");
    /* nodes built by hand without a text are written from their value */
    const oas_json exact = {.type = OAS_JSON_NUMBER, .flags = OAS_JSON_F_INTEGER | OAS_JSON_F_INT64,
                            .u.num = {.i = INT64_C(9007199254740993)}};
    const oas_json half = {.type = OAS_JSON_NUMBER, .u.num = {.dbl = 0.5}};
    oas_buf_reset(&out);
    oas_json_write(&exact, &out);
    oas_buf_putc(&out, ' ');
    oas_json_write(&half, &out);
    assert_string_equal(out.data, "9007199254740993 0.5");
    oas_buf_free(&out);
}

static void test_type_integer_by_decimal_value(void **state)
{
    (void)state;
    mask = OAS_VT_INTEGER;
    char *big = digits('4', 400);
    assert_true(run(v_type, big));
    assert_true(run(v_type, "1e400"));
    assert_true(run(v_type, "-1e400"));
    assert_true(run(v_type, "1.0e2"));
    assert_true(run(v_type, "9223372036854775808"));
    assert_true(run(v_type, "1.5e400")); /* 15 followed by 399 zeros */
    assert_false(run(v_type, "1e-400"));
    assert_false(run(v_type, "1.25e1"));
    mask = OAS_VT_NUMBER;
    assert_true(run(v_type, big));
    assert_true(run(v_type, "1e400"));
    assert_true(run(v_type, "1e-400"));
    free(big);
}

static void test_bounds_beyond_double(void **state)
{
    (void)state;
    /* 1e400 against the largest decimal limits a double holds */
    assert_false(bound(OAS_V_MAX, "1e308", "1e400"));
    assert_string_equal(rep.items[0].message, "must be <= 1e308, found integer 1e400");
    assert_true(bound(OAS_V_MIN, "1e308", "1e400"));
    assert_true(bound(OAS_V_MAX, "1e308", "-1e400"));
    assert_false(bound(OAS_V_MIN, "-1e308", "-1e400"));
    /* both sides infinite as doubles: the texts decide */
    assert_true(bound(OAS_V_MAX, "1e401", "1e400"));
    assert_false(bound(OAS_V_MAX, "1e400", "1.0000000000000000000001e400"));
    assert_true(bound(OAS_V_MAX, "1e400", "10e399"));
    assert_false(bound(OAS_V_XMAX, "1e400", "10e399"));
    assert_true(bound(OAS_V_XMAX, "-1e400", "-2e400"));
    assert_false(bound(OAS_V_XMIN, "-1e400", "-2e400"));
}

static void test_bounds_long_integers(void **state)
{
    (void)state;
    char *big = digits('1', 400), *bigger = digits('2', 400);
    char neg[402] = "-";
    strcat(neg, big);
    assert_true(bound(OAS_V_MIN, "0", big));
    assert_false(bound(OAS_V_MIN, "0", neg));
    assert_true(bound(OAS_V_MIN, big, bigger));
    assert_false(bound(OAS_V_MIN, bigger, big));
    assert_true(bound(OAS_V_MIN, big, big));
    assert_false(bound(OAS_V_XMIN, big, big));
    assert_true(bound(OAS_V_MIN, "1e399", big)); /* the same number spelt twice */
    assert_false(bound(OAS_V_XMAX, "1e399", big));
    /* just past int64, where a double rounds 2^63 + 1 to 2^63 */
    assert_false(bound(OAS_V_MAX, "9223372036854775808", "9223372036854775809"));
    assert_true(bound(OAS_V_MAX, "9223372036854775809", "9223372036854775808"));
    assert_true(bound(OAS_V_XMIN, "9223372036854775807", "9223372036854775808"));
    free(big);
    free(bigger);
}

static void test_bounds_underflow(void **state)
{
    (void)state;
    /* 1e-400 reads as 0.0 but is > 0 */
    assert_true(bound(OAS_V_XMIN, "0", "1e-400"));
    assert_false(bound(OAS_V_MAX, "0", "1e-400"));
    assert_false(bound(OAS_V_XMAX, "0", "1e-400"));
    assert_true(bound(OAS_V_XMAX, "0", "-1e-400"));
    assert_false(bound(OAS_V_MIN, "0", "-1e-400"));
    assert_true(bound(OAS_V_XMIN, "1e-401", "1e-400"));
    assert_true(bound(OAS_V_MIN, "0.0", "0e-400"));
    assert_false(bound(OAS_V_XMIN, "0.0", "-0"));
    /* the same double, different decimals */
    assert_false(bound(OAS_V_MAX, "0.1", "0.10000000000000000001"));
    assert_true(bound(OAS_V_MAX, "0.1", "0.1000000000000000000"));
}

static void test_multiple_of_beyond_double(void **state)
{
    (void)state;
    char *big = digits('3', 400);
    assert_true(multiple("2", "1e400"));
    assert_false(multiple("7", big)); /* 3 * 10^399 */
    assert_true(multiple("3", big));
    assert_true(multiple("0.5", "1e400"));
    assert_true(multiple("1e399", big));
    assert_false(multiple("1e400", big));
    assert_true(multiple("3e399", big));
    assert_false(multiple("7", "1e400"));
    assert_true(multiple("1", "9223372036854775809"));
    assert_false(multiple("2", "9223372036854775809"));
    assert_true(multiple("3", "9223372036854775809")); /* digit sum 90 */
    assert_false(multiple("0.5", "1e-400"));
    assert_true(multiple("1e-400", "3e-400"));
    assert_false(multiple("2e-400", "3e-400"));
    /* divisors a double cannot hold: 0 and infinity as doubles */
    assert_true(multiple("1e-400", "1"));
    assert_true(multiple("1e-400", "0.5"));
    assert_false(multiple("3e-400", "1"));
    assert_true(multiple("1e400", "0"));
    assert_false(multiple("1e400", "5"));
    assert_true(multiple("1e400", "2e400"));
    assert_true(multiple("2", "-1e400"));
    assert_false(multiple("3", "1e400"));
    assert_string_equal(rep.items[0].message, "must be multiple of 3, found integer 1e400");
    free(big);
}

static void v_enum(const oas_json *in, oas_vctx *c)
{
    static const oas_json values[] = {
        {.type = OAS_JSON_NUMBER, .flags = OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE,
         .u.num = {.text = "1e400", .dbl = HUGE_VAL}},
    };
    oas_v_enum(c, in, SLOC, values, 1);
}

static void test_enum_compares_texts(void **state)
{
    (void)state;
    assert_true(run(v_enum, "1e400"));
    assert_true(run(v_enum, "10e399"));
    assert_false(run(v_enum, "2e400"));
    assert_false(run(v_enum, "1e401"));
}

static void test_decimal_compare(void **state)
{
    (void)state;
    static const struct { const char *a, *b; int r; } cases[] = {
        {"0", "-0", 0}, {"0.000", "0e5", 0}, {"1", "1.0", 0}, {"100", "1e2", 0},
        {"123.45", "12345e-2", 0}, {"-1", "1", -1}, {"1e-400", "0", 1},
        {"-1e-400", "0", -1}, {"0.5", "0.49999999999999999999", 1},
        {"99", "100", -1}, {"-99", "-100", 1}, {"1e400", "9.99e399", 1},
        {"1E+2", "100", 0}, {"0.001", "1e-3", 0}, {"12", "1.2e1", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int r = oas_decimal_cmp(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b));
        if (r != cases[i].r)
            fail_msg("cmp(%s, %s) = %d, want %d", cases[i].a, cases[i].b, r, cases[i].r);
        r = oas_decimal_cmp(cases[i].b, strlen(cases[i].b), cases[i].a, strlen(cases[i].a));
        assert_int_equal(r, -cases[i].r);
    }
    /* a divisor of more than 9 significant digits is left to the caller */
    assert_int_equal(oas_decimal_multiple("1e400", 5, "1234567891", 10), -1);
    assert_int_equal(oas_decimal_multiple("1e400", 5, "123456789", 9), 0);
    assert_int_equal(oas_decimal_multiple("1e400", 5, "0", 1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reader_keeps_numbers_beyond_double, setup, teardown),
        cmocka_unit_test_setup_teardown(test_type_integer_by_decimal_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounds_beyond_double, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounds_long_integers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounds_underflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multiple_of_beyond_double, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enum_compares_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decimal_compare, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
