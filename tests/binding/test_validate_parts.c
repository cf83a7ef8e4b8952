/* A long array checked a run of items at a time (tools/validate_parts.c)
 * gives exactly the report of checking it whole, and gives up on every
 * document that is not a well-formed array; which schemas allow it
 * (oas_schema_entry.array_per_item, from the generator). Schemas:
 * tests/data/arrays/arrays.yaml. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "test_random.h"

#include "oas_buf.h"
#include "oas_registry.h"
#include "validate_parts.h"

extern const oas_registry ar_registry;

static validate_target target_named(const char *name)
{
    const oas_schema_entry *e = oas_registry_find_schema(&ar_registry, name);
    assert_non_null(e);
    validate_target t = {.validate = e->validate,
                         .array_per_item = e->array_per_item,
                         .array_members = e->array_members};
    snprintf(t.label, sizeof t.label, "%s", name);
    return t;
}

static void test_schemas_that_assert_only_type_and_items_are_per_item(void **state)
{
    (void)state;
    static const char *const per_item[] = {"Items", "Numbers", "AnyArray", "ItemsAlias", "Untyped"};
    static const char *const whole[] = {"ItemsWhole", "NumbersWhole", "ItemsAliasWithMax",
                                        "Unique", "Tuple", "Containing", "Either",
                                        "NotArray", "Unevaluated", "Item"};
    for (size_t i = 0; i < sizeof per_item / sizeof *per_item; i++) {
        if (!oas_registry_find_schema(&ar_registry, per_item[i])->array_per_item)
            fail_msg("%s should be per item", per_item[i]);
    }
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
        if (oas_registry_find_schema(&ar_registry, whole[i])->array_per_item)
            fail_msg("%s should be read whole", whole[i]);
    }
    const oas_operation_entry *op = oas_registry_find_operation(&ar_registry, "list-items");
    assert_non_null(op);
    assert_true(oas_operation_find_response(op, 200)->array_per_item);
    assert_false(oas_operation_find_response(op, 201)->array_per_item);
    const char *const *members = oas_operation_find_response(op, 202)->array_members;
    assert_non_null(members);
    assert_string_equal(members[0], "items");
    assert_null(members[1]);
    assert_null(oas_operation_find_response(op, 200)->array_members);
}

static void test_object_schemas_that_look_at_a_member_only_through_properties_name_it(void **state)
{
    (void)state;
    static const char *const named[] = {"ItemsPage", "ItemsPageAlias"};
    static const char *const whole[] = {"ItemsPageWhole", "PageWithRefAndProperties", "PagePattern",
                                        "PageAnyOf", "PageOfTuples", "Item", "Items"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        const char *const *m = oas_registry_find_schema(&ar_registry, named[i])->array_members;
        if (!m || strcmp(m[0], "items") != 0 || m[1])
            fail_msg("%s should name its member items alone", named[i]);
    }
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
        if (oas_registry_find_schema(&ar_registry, whole[i])->array_members)
            fail_msg("%s should name no member", whole[i]);
    }
    const char *const *two = oas_registry_find_schema(&ar_registry, "TwoLists")->array_members;
    assert_non_null(two);
    assert_string_equal(two[0], "tags");
    assert_string_equal(two[1], "items");
    assert_null(two[2]);
}

/* What validate_document does with a document it reads whole. */
static bool check_whole(const validate_settings *s, const char *text, size_t len,
                        oas_report *report, oas_report *warnings)
{
    oas_json_doc *json = NULL;
    if (oas_json_parse(text, len, NULL, &json, NULL) != OAS_OK)
        return false;
    validate_tree(s, oas_json_doc_root(json), report, s->strict_json ? report : warnings);
    oas_json_doc_free(json);
    return true;
}

static void assert_same_report(const oas_report *a, const oas_report *b, const char *what)
{
    if (a->count != b->count || a->total != b->total || a->status != b->status)
        fail_msg("%s: count %zu/%zu total %zu/%zu status %d/%d", what, a->count, b->count,
                 a->total, b->total, (int)a->status, (int)b->status);
    for (size_t i = 0; i < a->count; i++) {
        const oas_violation *x = &a->items[i], *y = &b->items[i];
        assert_string_equal(x->instance_location, y->instance_location);
        assert_string_equal(x->keyword_location, y->keyword_location);
        if (x->absolute_keyword_location || y->absolute_keyword_location)
            assert_string_equal(x->absolute_keyword_location, y->absolute_keyword_location);
        assert_string_equal(x->keyword, y->keyword);
        assert_string_equal(x->params, y->params);
        assert_string_equal(x->message, y->message);
        assert_int_equal(x->offset, y->offset);
    }
}

/* Read in runs of run_bytes on `jobs` threads: the same reports as whole,
 * or (expect_parts false) given up with both reports empty. */
static void check_both_ways(const char *schema, const char *text, size_t run_bytes,
                            unsigned jobs, size_t max_errors, bool strict, bool expect_parts)
{
    validate_target t = target_named(schema);
    validate_settings s = {
        .target = &t, .max_errors = max_errors, .strict_json = strict, .jobs = jobs};
    validate_doc doc = {.source = "t.json", .bytes = text, .len = strlen(text)};
    oas_report whole, whole_warnings, parts, parts_warnings;
    oas_report_init(&whole, max_errors);
    oas_report_init(&whole_warnings, max_errors);
    oas_report_init(&parts, max_errors);
    oas_report_init(&parts_warnings, max_errors);
    validate_scratch scratch;
    validate_scratch_init(&scratch);
    bool in_parts = validate_in_parts(&s, &scratch, &doc, run_bytes, &parts, &parts_warnings);
    if (in_parts != expect_parts)
        fail_msg("%s in runs of %zu on %u threads: %s, expected %s", text, run_bytes, jobs,
                 in_parts ? "read" : "given up", expect_parts ? "read" : "given up");
    if (in_parts) {
        assert_true(check_whole(&s, text, doc.len, &whole, &whole_warnings));
        assert_same_report(&parts, &whole, text);
        assert_same_report(&parts_warnings, &whole_warnings, text);
    } else {
        assert_int_equal(parts.count, 0);
        assert_int_equal(parts.total, 0);
        assert_int_equal(parts_warnings.count, 0);
        assert_int_equal(parts_warnings.total, 0);
    }
    validate_scratch_free(&scratch);
    oas_report_free(&whole);
    oas_report_free(&whole_warnings);
    oas_report_free(&parts);
    oas_report_free(&parts_warnings);
}

static void test_runs_report_what_the_whole_document_reports(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "[{\"id\":1,\"name\":\"a\"},{\"id\":-1,\"name\":\"toolong\"},{\"id\":2}]",
        " \n[ {\"id\":1,\"name\":\"a,]}\\\"[{\"} , {\"id\":\"x\",\"name\":\"\\\\\",\"extra\":1} ]\r\n",
        "[{\"id\":1,\"name\":\"a\",\"tags\":[\"x\",\"y\",\"x\"]},7,null,[1],\"s\"]",
        "[{\"id\":1,\"name\":\"a\",\"child\":{\"id\":-5,\"name\":\"b\",\"child\":{\"name\":1}}}]",
        "[{\"id\":1,\"id\":2,\"name\":\"a\"},{\"id\":3,\"name\":\"b\",\"name\":\"c\"}]",
        "[{\"id\":1,\"name\":\"\\u0061\\ud83d\\ude00\"}]",
    };
    static const size_t runs[] = {1, 2, 10, 30, 1000};
    for (size_t d = 0; d < sizeof docs / sizeof *docs; d++)
        for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
            for (size_t max = 0; max <= 3; max++)
                for (int strict = 0; strict <= 1; strict++)
                    for (unsigned jobs = 1; jobs <= 3; jobs++)
                        check_both_ways("Items", docs[d], runs[r], jobs, max, strict, true);
    check_both_ways("Numbers", "[1, 2.5, 11, 1e400, -1e400, 10.0000000000000000001, 12]", 1, 2,
                    0, false, true);
    check_both_ways("AnyArray", "[1,[],{},\"x\"]", 1, 1, 0, false, true);
    static const char *const pages[] = {
        "{\"total\":-1,\"items\":[{\"id\":1,\"name\":\"a\"},{\"id\":-1}],\"extra\":true}",
        (" {\"items\" : [{\"id\":\"x\",\"name\":\"toolong\"},7,{\"id\":2,\"name\":\"b\"}] , "
         "\"next\":5, \"total\":1,\"total\":2}\n"),
        "{\"next\":\"],{\\\"\",\"items\":[{\"id\":1,\"id\":2,\"name\":\"a\",\"tags\":[\"x\",\"x\"]}]}",
        "{\"items\":[[1],{\"id\":0,\"name\":\"n\",\"child\":{\"name\":2}}]}",
    };
    for (size_t d = 0; d < sizeof pages / sizeof *pages; d++)
        for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
            for (size_t max = 0; max <= 3; max++)
                for (int strict = 0; strict <= 1; strict++)
                    for (unsigned jobs = 1; jobs <= 2; jobs++) {
                        check_both_ways("ItemsPage", pages[d], runs[r], jobs, max, strict, true);
                        check_both_ways("ItemsPageAlias", pages[d], runs[r], jobs, max, strict,
                                        true);
                    }
    /* Two member arrays: the longer is read in runs, the other with the rest. */
    static const char *const two[] = {
        "{\"tags\":[1,2,\"x\"],\"items\":[{\"id\":1,\"name\":\"a\"},{\"id\":-1},{\"id\":2}]}",
        "{\"tags\":[1,2,\"x\",4,5,6,7,8,9,10,11,12,13,\"y\"],\"items\":[{\"id\":-1}]}",
    };
    for (size_t d = 0; d < sizeof two / sizeof *two; d++)
        for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
            check_both_ways("TwoLists", two[d], runs[r], 1, 0, false, true);
}

static void test_pages_without_a_readable_member_array_are_given_up(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "{}", "{\"total\":1}", "{\"items\":7}", "{\"items\":[]}", "{\"items\":[1,]}",
        "{\"items\":[1],\"items\":[2]}", "{\"\\u0069tems\":[1]}", "{\"items\":[1]",
        "{\"items\":[1]}x", "{\"items\":[1],}", "{\"items\":[1]]", "[{\"items\":[1]}]",
    };
    for (size_t d = 0; d < sizeof docs / sizeof *docs; d++)
        check_both_ways("ItemsPage", docs[d], 1, 1, 0, false, false);
    /* a rest of more than VALIDATE_PARTS_REST_MAX_BYTES goes with no run */
    oas_buf page = OAS_BUF_INIT;
    for (size_t extra = VALIDATE_PARTS_REST_MAX_BYTES - 40; extra <= VALIDATE_PARTS_REST_MAX_BYTES;
         extra += 40) {
        oas_buf_reset(&page);
        oas_buf_puts(&page, "{\"items\":[{\"id\":1,\"name\":\"a\"}],\"next\":\"");
        for (size_t i = 0; i < extra; i++)
            oas_buf_putc(&page, 'x');
        oas_buf_puts(&page, "\"}");
        assert_int_equal(oas_buf_status(&page), OAS_OK);
        size_t rest = page.len - strlen("{\"id\":1,\"name\":\"a\"}");
        check_both_ways("ItemsPage", page.data, 1, 1, 0, false,
                        rest <= VALIDATE_PARTS_REST_MAX_BYTES);
    }
    oas_buf_free(&page);
}

static void test_documents_that_are_not_well_formed_arrays_are_given_up(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "", "   ", "{}", "1", "\"[\"", "[]", "[ ]", "[1,2,]", "[1,,2]", "[,1]", "[1",
        "[1,2", "[1]x", "[1] 2", "[1}", "[{\"a\":1]", "[\"a,1]", "[\"a\\\"]", "[1 2]",
        "[[1,2]", "[1,2]]", "[01]", "[1,{\"id\":1,}]", "\xef\xbb\xbf[1]", "[1],[2]", "[1]]",
        "[1] ]", "[\"]\"",
    };
    static const size_t runs[] = {1, 3, 1000};
    for (size_t d = 0; d < sizeof docs / sizeof *docs; d++)
        for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
            for (unsigned jobs = 1; jobs <= 3; jobs += 2)
                check_both_ways("Numbers", docs[d], runs[r], jobs, 0, false, false);
}

/* A document over the size limit is left to the whole reading, which says
 * so. */
static void test_document_over_the_size_limit_is_given_up(void **state)
{
    (void)state;
    validate_target t = target_named("Numbers");
    validate_settings s = {.target = &t, .max_document = 4};
    validate_doc doc = {.source = "t.json", .bytes = "[1,2]", .len = 5};
    oas_report r, w;
    oas_report_init(&r, 0);
    oas_report_init(&w, 0);
    assert_false(validate_in_parts(&s, NULL, &doc, 1, &r, &w));
    s.max_document = 5;
    assert_true(validate_in_parts(&s, NULL, &doc, 1, &r, &w));
    oas_report_free(&r);
    oas_report_free(&w);
}

/* Random arrays of items valid and not, with duplicate keys, strings that
 * hold the scanner's delimiters, nesting, whitespace; cut at random run
 * sizes, compared with the whole reading. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n) { return test_random_below(&rng_state, n); }

static void random_item(oas_buf *b, int depth)
{
    static const char *const names[] = {"\"a\"", "\"toolong\"", "\"],[\"", "\"\\\"\"",
                                        "\"\\\\\"", "\"{,}\"", "3"};
    static const char *const ids[] = {"1", "-1", "0", "\"7\"", "2.0", "1e2"};
    static const char *const ws[] = {"", " ", "\n", "\t "};
    if (rnd(10) == 0) {
        oas_buf_puts(b, rnd(2) ? "null" : "[1,2]");
        return;
    }
    oas_buf_putc(b, '{');
    bool first = true;
    if (rnd(6)) {
        oas_buf_printf(b, "%s\"id\"%s:%s", ws[rnd(4)], ws[rnd(4)], ids[rnd(6)]);
        first = false;
    }
    if (rnd(6)) {
        oas_buf_printf(b, "%s\"name\":%s", first ? "" : ",", names[rnd(7)]);
        first = false;
    }
    if (rnd(4) == 0) {
        oas_buf_printf(b, "%s\"tags\":[\"x\",\"%s\"]", first ? "" : ",", rnd(2) ? "x" : "y");
        first = false;
    }
    if (rnd(8) == 0) {
        oas_buf_printf(b, "%s\"id\":%s", first ? "" : ",", ids[rnd(6)]);
        first = false;
    }
    if (depth < 3 && rnd(5) == 0) {
        oas_buf_printf(b, "%s\"child\":", first ? "" : ",");
        random_item(b, depth + 1);
        first = false;
    }
    if (rnd(10) == 0)
        oas_buf_printf(b, "%s\"x\":{\"y\":[{\"z\":1,\"z\":2}]}", first ? "" : ",");
    oas_buf_putc(b, '}');
}

static void test_random_arrays_in_random_runs_match_the_whole_reading(void **state)
{
    (void)state;
    oas_buf b;
    oas_buf_init(&b);
    for (int n = 0; n < 300; n++) {
        oas_buf_reset(&b);
        oas_buf_putc(&b, '[');
        unsigned items = 1 + rnd(40);
        for (unsigned i = 0; i < items; i++) {
            if (i)
                oas_buf_puts(&b, rnd(3) ? "," : " ,\n ");
            random_item(&b, 0);
        }
        oas_buf_putc(&b, ']');
        assert_int_equal(oas_buf_status(&b), OAS_OK);
        check_both_ways("Items", b.data, 1 + rnd(200), 1 + rnd(4), rnd(5), rnd(2), true);
        /* the same items as a page, the rest's members in random order, some invalid */
        static const char *const rest[] = {"\"total\":3", "\"total\":-2", "\"next\":\"n\"",
                                           "\"next\":[]", "\"x\":{\"y\":1,\"y\":2}", "\"total\":1"};
        oas_buf page;
        oas_buf_init(&page);
        oas_buf_putc(&page, '{');
        unsigned before = rnd(3), after = rnd(3);
        for (unsigned k = 0; k < before; k++)
            oas_buf_printf(&page, "%s,", rest[rnd(6)]);
        oas_buf_puts(&page, "\"items\":");
        oas_buf_append(&page, b.data, b.len);
        for (unsigned k = 0; k < after; k++)
            oas_buf_printf(&page, ",%s", rest[rnd(6)]);
        oas_buf_putc(&page, '}');
        assert_int_equal(oas_buf_status(&page), OAS_OK);
        check_both_ways("ItemsPage", page.data, 1 + rnd(200), 1 + rnd(3), rnd(5), rnd(2), true);
        oas_buf_free(&page);
    }
    oas_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schemas_that_assert_only_type_and_items_are_per_item),
        cmocka_unit_test(test_runs_report_what_the_whole_document_reports),
        cmocka_unit_test(test_object_schemas_that_look_at_a_member_only_through_properties_name_it),
        cmocka_unit_test(test_documents_that_are_not_well_formed_arrays_are_given_up),
        cmocka_unit_test(test_pages_without_a_readable_member_array_are_given_up),
        cmocka_unit_test(test_document_over_the_size_limit_is_given_up),
        cmocka_unit_test(test_random_arrays_in_random_runs_match_the_whole_reading),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    oas_v_regex_release_all();
    return failed;
}
