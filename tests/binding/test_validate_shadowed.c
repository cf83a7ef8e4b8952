/* Objects with repeated keys through the generated validators: the last
 * occurrence is the one validated and the repeats themselves are no
 * violation (oas_report_duplicate_keys lists them, once each), and the cost
 * of telling shadowed members apart stays linear (counted through
 * oas_json_dup_work, not timed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ld_validate.h"
#include "oas_json.h"
#include "oas_json_internal.h"

#define PERIOD "{\"startTime\":1700000000000,\"endTime\":1700086400000}"

/* Validation's report in report, the duplicate keys in dups. */
static bool validate_text(const char *text, size_t len, oas_report *report, oas_report *dups)
{
    oas_json_doc *doc;
    oas_error err;
    assert_int_equal(oas_json_parse(text, len, NULL, &doc, &err), OAS_OK);
    bool ok = oas_validate_run(ld_insight_period_validate_node, "", oas_json_doc_root(doc), report,
                               NULL);
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), dups, NULL), OAS_OK);
    oas_json_doc_free(doc);
    return ok;
}

static void test_the_last_occurrence_is_validated(void **state)
{
    (void)state;
    /* The first startTime is a string (invalid), the last an integer. */
    static const char last_valid[] =
        "{\"startTime\":\"x\",\"endTime\":1700086400000,\"startTime\":1700000000000}";
    oas_report r, d;
    oas_report_init(&r, 0);
    oas_report_init(&d, 0);
    assert_true(validate_text(last_valid, sizeof last_valid - 1, &r, &d));
    assert_int_equal(r.status, OAS_OK);
    assert_int_equal(r.count, 0);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].keyword, "duplicateKey");
    assert_int_equal(d.items[0].offset, 41); /* the second "startTime" */
    oas_report_free(&r);
    oas_report_free(&d);

    static const char last_invalid[] =
        "{\"startTime\":1700000000000,\"endTime\":1700086400000,\"startTime\":\"x\"}";
    oas_report_init(&r, 0);
    oas_report_init(&d, 0);
    assert_false(validate_text(last_invalid, sizeof last_invalid - 1, &r, &d));
    assert_int_equal(r.count, 1);
    assert_string_equal(r.items[0].instance_location, "/startTime");
    assert_string_equal(r.items[0].keyword, "type");
    assert_int_equal(d.count, 1);
    oas_report_free(&r);
    oas_report_free(&d);
}

static void test_many_members_and_one_repeat_cost_linear_work(void **state)
{
    (void)state;
    enum { N = 65536 };
    oas_buf b = OAS_BUF_INIT;
    oas_buf_puts(&b, "{\"startTime\":1,\"endTime\":2");
    for (int i = 0; i < N; i++)
        oas_buf_printf(&b, ",\"k%d\":%d", i, i);
    oas_buf_puts(&b, ",\"k7\":0}");
    assert_int_equal(oas_buf_status(&b), OAS_OK);
    oas_report r, d;
    oas_report_init(&r, 0);
    oas_report_init(&d, 0);
    size_t before = oas_json_dup_work();
    assert_true(validate_text(b.data, b.len, &r, &d));
    size_t work = oas_json_dup_work() - before;
    assert_int_equal(r.status, OAS_OK);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].keyword, "duplicateKey");
    /* Parse, report and shadow marks: a few table operations per member;
       a scan per member would be N * N / 2. */
    print_message("%zu probes and comparisons for %d members\n", work, N + 3);
    assert_true(work < (size_t)(N + 3) * 32);
    oas_report_free(&r);
    oas_report_free(&d);
    oas_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_last_occurrence_is_validated),
        cmocka_unit_test(test_many_members_and_one_repeat_cost_linear_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
