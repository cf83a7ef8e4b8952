/* test_validate_unique_items.c - uniqueItems on arrays large enough for the
 * sorted-by-hash path: the same (i, j) as the pairwise loop reports (the
 * first item equal to an earlier one, and the first such earlier one),
 * equality by value, a number of equality checks that stays linear for
 * large arrays, large equal objects, and out of memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_buf.h"
#include "oas_json.h"
#include "oas_json_internal.h"
#include "oas_validate_impl.h"

#define SLOC "#/components/schemas/X"
#define PAD 20 /* distinct items before each case: above the pairwise limit */

static void v_unique(const oas_json *in, oas_vctx *c)
{
    oas_v_unique_items(c, in, SLOC);
}

/* Validates json; "" when valid, else the violation's params. */
static char *verdict(const char *json)
{
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(json, strlen(json), NULL, &doc, NULL), OAS_OK);
    oas_report rep;
    oas_report_init(&rep, 0);
    bool ok = oas_validate_run(v_unique, "/$ref", oas_json_doc_root(doc), &rep, NULL);
    assert_int_equal(rep.status, OAS_OK);
    assert_int_equal(rep.count, ok ? 0 : 1);
    char *out = strdup(ok ? "" : rep.items[0].params);
    assert_non_null(out);
    if (!ok)
        assert_string_equal(rep.items[0].keyword, "uniqueItems");
    oas_report_free(&rep);
    oas_json_doc_free(doc);
    return out;
}

typedef struct unique_case {
    const char *items; /* without brackets */
    int i, j;          /* -1: unique */
} unique_case;

static const unique_case cases[] = {
    {"1,2,3,2,1", 3, 1},            /* the smallest i wins over the smallest j */
    {"1,2,3,4,5,6,7,1", 7, 0},
    {"\"a\",\"b\",\"a\",\"b\",\"a\"", 2, 0},
    {"5,6,5,5", 2, 0},
    {"1,1.0", 1, 0},
    {"1,1e0,100,1e2", 1, 0},
    {"0,-0", 1, 0},
    {"1e400,2e400", -1, -1},       /* same double, different values */
    {"1e400,2e400,1e400", 2, 0},
    {"9007199254740993,9007199254740992", -1, -1},
    {"3,\"3\",[3],{\"3\":3}", -1, -1},
    {"null,false,true,null", 3, 0},
    {"{\"a\":1,\"b\":2},{\"b\":2,\"a\":1.0}", 1, 0},
    {"{\"a\":1,\"a\":2},{\"a\":1},{\"a\":2}", 2, 0}, /* the last occurrence is the value */
    {"{\"a\":1,\"a\":2},{\"a\":1}", -1, -1},
    {"[1,[2]],[[2],1],[1,[2.0]]", 2, 0},
    {"[1,2],[2,1]", -1, -1},
    {"[],{},\"\",0,[[]],[{}],[[]]", 6, 4},
};

static void test_same_pair_as_pairwise(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const unique_case *tc = &cases[k];
        char small[512], large[1024], want[64];
        snprintf(small, sizeof small, "[%s]", tc->items);
        oas_buf b = OAS_BUF_INIT;
        oas_buf_puts(&b, "[");
        for (int p = 0; p < PAD; p++)
            oas_buf_printf(&b, "\"pad-%d\",", p);
        oas_buf_printf(&b, "%s]", tc->items);
        snprintf(large, sizeof large, "%s", b.data);
        oas_buf_free(&b);

        char *got = verdict(small);
        if (tc->i < 0)
            assert_string_equal(got, "");
        else {
            snprintf(want, sizeof want, "{\"i\":%d,\"j\":%d}", tc->i, tc->j);
            assert_string_equal(got, want);
        }
        free(got);
        got = verdict(large);
        if (tc->i < 0)
            assert_string_equal(got, "");
        else {
            snprintf(want, sizeof want, "{\"i\":%d,\"j\":%d}", tc->i + PAD, tc->j + PAD);
            assert_string_equal(got, want);
        }
        free(got);
    }
}

/* A duplicate of the padding itself, and pads equal to items after. */
static void test_duplicate_positions(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[");
    for (int p = 0; p < 30; p++)
        oas_buf_printf(&b, "%d,", p);
    oas_buf_puts(&b, "29.0,0,15]"); /* 30: equals 29; later 0 and 15 do not count */
    char *got = verdict(b.data);
    assert_string_equal(got, "{\"i\":30,\"j\":29}");
    free(got);
    oas_buf_free(&b);
}

/* Objects of more than 16 members (compared by sorted keys) as items:
 * reordered members are equal, duplicate keys count by their last value. */
static void test_large_objects_as_items(void **state)
{
    (void)state;
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[");
    for (int item = 0; item < 20; item++) {
        oas_buf_puts(&b, "{");
        for (int m = 0; m < 20; m++) {
            int k = item % 2 ? 19 - m : m; /* odd items: members reversed */
            oas_buf_printf(&b, "\"k%d\":%d,", k, k + (item / 2) * 100);
        }
        oas_buf_printf(&b, "\"k0\":%d}%s", item < 18 ? item : 7, item < 19 ? "," : "]");
    }
    /* items 2n and 2n+1 share values but differ in k0 (item number) except
     * items 18 and 19 whose k0 is 7 both: item 19 repeats 18 */
    char *got = verdict(b.data);
    assert_string_equal(got, "{\"i\":19,\"j\":18}");
    free(got);
    oas_buf_free(&b);
}

/* 100,000 distinct integers: far fewer equality checks than items (the
 * pairwise loop made n(n-1)/2), then the same with a repeat at the end. */
static void test_large_distinct_array_is_linear(void **state)
{
    (void)state;
    enum { N = 100000 };
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[");
    for (int k = 0; k < N; k++)
        oas_buf_printf(&b, "%d,", k * 7);
    b.data[b.len - 1] = ']';
    size_t before = oas_json_equal_calls();
    char *got = verdict(b.data);
    assert_string_equal(got, "");
    free(got);
    assert_true(oas_json_equal_calls() - before <= 16);

    b.data[b.len - 1] = ',';
    oas_buf_puts(&b, "7e0]");
    before = oas_json_equal_calls();
    got = verdict(b.data);
    assert_string_equal(got, "{\"i\":100000,\"j\":1}");
    free(got);
    assert_true(oas_json_equal_calls() - before <= 16);
    oas_buf_free(&b);
}

/* Distinct numbers that round to one double (beyond a double, or past its
 * precision) are told apart by their exact value, not put in one run. */
static void test_numbers_sharing_a_double_are_linear(void **state)
{
    (void)state;
    static const struct {
        const char *format, *last, *want;
    } shared[] = {
        {"1.%05de400", "1.000070e400", "{\"i\":20000,\"j\":6}"},
        {"0.1000000000000000000000%05d", "0.1000000000000000000000000070", "{\"i\":20000,\"j\":6}"},
        {"9223372036854775%05d0", "92233720368547750000700", ""},
    };
    for (size_t f = 0; f < sizeof shared / sizeof shared[0]; f++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_puts(&b, "[");
        for (int k = 1; k <= 20000; k++) {
            oas_buf_printf(&b, shared[f].format, k);
            oas_buf_puts(&b, ",");
        }
        oas_buf_printf(&b, "%s]", shared[f].last);
        size_t before = oas_json_equal_calls();
        char *got = verdict(b.data);
        assert_string_equal(got, shared[f].want);
        free(got);
        assert_true(oas_json_equal_calls() - before <= 16);
        oas_buf_free(&b);
    }
}

/* Two equal objects of 50,000 members in opposite orders, the second with
 * a shadowed duplicate key. */
static void test_two_large_equal_objects(void **state)
{
    (void)state;
    enum { N = 50000 };
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "[{");
    for (int k = 0; k < N; k++)
        oas_buf_printf(&b, "\"m%d\":%d%s", k, k, k + 1 < N ? "," : "},{\"m5\":0,");
    for (int k = N; k-- > 0;)
        oas_buf_printf(&b, "\"m%d\":%d%s", k, k, k ? "," : "}]");
    char *got = verdict(b.data);
    assert_string_equal(got, "{\"i\":1,\"j\":0}");
    free(got);
    oas_buf_free(&b);
}

/* Every allocation failing in turn: out of memory or the normal verdict,
 * never a leak; once nothing fails, the exact pair. */
static void test_out_of_memory(void **state)
{
    (void)state;
    const char *json = "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
                       "[1,{\"a\":[2],\"a\":3}],{\"x\":{\"y\":[1]},\"z\":2},"
                       "{\"z\":2.0,\"x\":{\"y\":[1e0]}},[1,{\"a\":3}]]";
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(json, strlen(json), NULL, &doc, NULL), OAS_OK);
    size_t n = 1;
    for (;; n++) {
        oas_report r;
        oas_report_init(&r, 0);
        failing_alloc_install();
        failing_alloc_fail_at(n, false);
        bool ok = oas_validate_run(v_unique, "", oas_json_doc_root(doc), &r, NULL);
        size_t failures = failing_alloc_failures();
        oas_report_free(&r);
        assert_int_equal(failing_alloc_live(), 0);
        failing_alloc_uninstall();
        if (failures == 0) {
            assert_false(ok);
            break;
        }
    }
    assert_true(n > 3); /* the hash table of items, an object's members, the report */
    oas_json_doc_free(doc);
    char *got = verdict(json);
    assert_string_equal(got, "{\"i\":19,\"j\":18}");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_pair_as_pairwise),
        cmocka_unit_test(test_duplicate_positions),
        cmocka_unit_test(test_large_objects_as_items),
        cmocka_unit_test(test_large_distinct_array_is_linear),
        cmocka_unit_test(test_numbers_sharing_a_double_are_linear),
        cmocka_unit_test(test_two_large_equal_objects),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
