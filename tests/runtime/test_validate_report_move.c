/* oas_report_move_items: a run's violations moved into the whole
 * document's report, indexes and offsets shifted, the rest of the document
 * dropped, document order and max_errors kept, refusals and allocation
 * failures without leaks; oas_report_merge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_validate.h"
#include "oas_validate_internal.h"

/* A violation at `location` and `offset`, added to r as the validator adds
 * one (total counted too). */
static void add(oas_report *r, const char *location, size_t offset)
{
    oas_violation v = {.instance_location = oas_strdup(location),
                       .keyword_location = oas_strdup("/items/type"),
                       .absolute_keyword_location = oas_strdup("#/items/type"),
                       .keyword = "type",
                       .params = oas_strdup("{\"type\":\"number\"}"),
                       .message = oas_strdup("must be number"),
                       .offset = offset};
    r->total++;
    assert_true(oas_report_add(r, &v));
}

static void test_locations_and_offsets_are_shifted_into_the_whole(void **state)
{
    (void)state;
    oas_report into, run;
    oas_report_init(&into, 0);
    oas_report_init(&run, 0);
    add(&into, "/3", 20);
    add(&run, "/0/a~1b", 5);
    add(&run, "/2", 9);
    add(&run, "/11/0/x", 40);
    assert_int_equal(oas_report_move_items(&into, &run, "", 10, 100, 0), OAS_OK);
    assert_int_equal(into.count, 4);
    assert_int_equal(into.total, 4);
    assert_string_equal(into.items[0].instance_location, "/3");
    assert_string_equal(into.items[1].instance_location, "/10/a~1b");
    assert_int_equal(into.items[1].offset, 105);
    assert_string_equal(into.items[2].instance_location, "/12");
    assert_int_equal(into.items[2].offset, 109);
    assert_string_equal(into.items[3].instance_location, "/21/0/x");
    assert_int_equal(into.items[3].offset, 140);
    assert_string_equal(into.items[3].message, "must be number");
    assert_int_equal(run.count, 0);
    assert_int_equal(run.total, 0);
    assert_int_equal(into.status, OAS_OK);
    oas_report_free(&into);
    oas_report_free(&run);
}

static void test_max_errors_keeps_the_first_in_document_order_and_counts_all(void **state)
{
    (void)state;
    oas_report into, run;
    oas_report_init(&into, 2);
    oas_report_init(&run, 2);
    add(&into, "/0", 1);
    add(&run, "/0", 3);
    add(&run, "/1", 5);
    run.total += 4; /* found beyond run's own max_errors */
    assert_int_equal(oas_report_move_items(&into, &run, "", 1, 10, 0), OAS_OK);
    assert_int_equal(into.count, 2);
    assert_int_equal(into.total, 7);
    assert_string_equal(into.items[0].instance_location, "/0");
    assert_string_equal(into.items[1].instance_location, "/1");
    assert_int_equal(into.items[1].offset, 13);
    oas_report_free(&into);
    oas_report_free(&run);
}

static void test_a_violation_outside_every_item_is_refused(void **state)
{
    (void)state;
    static const char *const outside[] = {"", "/", "/a/0", "/1a", "/-1"};
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
        oas_report into, run;
        oas_report_init(&into, 0);
        oas_report_init(&run, 0);
        add(&run, "/0", 1);
        add(&run, outside[i], 2);
        add(&run, "/1", 3);
        assert_int_equal(oas_report_move_items(&into, &run, "", 0, 0, 0), OAS_ERR_INVALID_ARG);
        assert_int_equal(into.status, OAS_ERR_INVALID_ARG);
        assert_int_equal(into.count, 1); /* moved before the refusal */
        assert_int_equal(run.count, 0);
        oas_report_free(&into);
        oas_report_free(&run);
    }
    oas_report into, run;
    oas_report_init(&into, 0);
    oas_report_init(&run, 0);
    add(&run, "/0", OAS_NO_OFFSET);
    assert_int_equal(oas_report_move_items(&into, &run, "", 0, 0, 0), OAS_ERR_INVALID_ARG);
    add(&run, "/0", 5);
    assert_int_equal(oas_report_move_items(&into, &run, "", 0, SIZE_MAX, 0), OAS_ERR_INVALID_ARG);
    add(&run, "/18446744073709551615", 5);
    assert_int_equal(oas_report_move_items(&into, &run, "", 1, 0, 0), OAS_ERR_INVALID_ARG);
    assert_int_equal(into.count, 0);
    oas_report_free(&into);
    oas_report_free(&run);
}

static void test_a_member_array_keeps_its_items_and_drops_the_rest(void **state)
{
    (void)state;
    oas_report into, run;
    oas_report_init(&into, 0);
    oas_report_init(&run, 0);
    add(&run, "", 1);              /* the object: counted elsewhere */
    add(&run, "/items/0/name", 12);
    add(&run, "/itemsx/0", 30);    /* another member, not an item */
    add(&run, "/items/3", 20);
    run.total += 1;                /* one more of the rest, not recorded */
    assert_int_equal(oas_report_move_items(&into, &run, "/items", 100, 1000, 3), OAS_OK);
    assert_int_equal(into.count, 2);
    assert_int_equal(into.total, 2);
    assert_string_equal(into.items[0].instance_location, "/items/100/name");
    assert_int_equal(into.items[0].offset, 1012);
    assert_string_equal(into.items[1].instance_location, "/items/103");
    assert_int_equal(into.items[1].offset, 1020);
    /* more outside the items than the caller says there are */
    add(&run, "/total", 5);
    add(&run, "/total", 6);
    assert_int_equal(oas_report_move_items(&into, &run, "/items", 0, 0, 1), OAS_ERR_INVALID_ARG);
    assert_int_equal(into.status, OAS_ERR_INVALID_ARG);
    oas_report_free(&into);
    oas_report_free(&run);
}

static void test_merge_keeps_document_order_and_totals(void **state)
{
    (void)state;
    oas_report into, from;
    oas_report_init(&into, 2);
    oas_report_init(&from, 0);
    add(&into, "/b", 20);
    add(&from, "/a", 10);
    add(&from, "/c", 30);
    assert_int_equal(oas_report_merge(&into, &from), OAS_OK);
    assert_int_equal(into.count, 2);
    assert_int_equal(into.total, 3);
    assert_string_equal(into.items[0].instance_location, "/a");
    assert_string_equal(into.items[1].instance_location, "/b");
    assert_int_equal(from.count, 0);
    assert_int_equal(from.total, 0);
    oas_report_free(&into);
    oas_report_free(&from);
}

static void test_every_allocation_failure_is_reported_without_leaks(void **state)
{
    (void)state;
    for (size_t n = 1;; n++) {
        oas_report into, run;
        oas_report_init(&into, 0);
        oas_report_init(&run, 0);
        failing_alloc_install();
        add(&run, "/0/x", 1);
        add(&run, "/7", 2);
        add(&run, "/9", 3);
        failing_alloc_fail_at(n, false);
        oas_status st = oas_report_move_items(&into, &run, "", 5, 5, 0);
        size_t failures = failing_alloc_failures();
        if (failures == 0) {
            assert_int_equal(st, OAS_OK);
            assert_int_equal(into.count, 3);
            assert_string_equal(into.items[2].instance_location, "/14");
        } else {
            assert_int_equal(st, OAS_ERR_NOMEM);
            assert_int_equal(into.status, OAS_ERR_NOMEM);
        }
        assert_int_equal(into.total, 3);
        assert_int_equal(run.count, 0);
        oas_report_free(&into);
        oas_report_free(&run);
        assert_int_equal(failing_alloc_live(), 0);
        failing_alloc_uninstall();
        if (failures == 0) {
            assert_true(n > 3);
            break;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locations_and_offsets_are_shifted_into_the_whole),
        cmocka_unit_test(test_max_errors_keeps_the_first_in_document_order_and_counts_all),
        cmocka_unit_test(test_a_violation_outside_every_item_is_refused),
        cmocka_unit_test(test_a_member_array_keeps_its_items_and_drops_the_rest),
        cmocka_unit_test(test_merge_keeps_document_order_and_totals),
        cmocka_unit_test(test_every_allocation_failure_is_reported_without_leaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
