/* Where a JSON array's text is cut into runs of items (tools/array_runs.c):
 * exact cut points for strings that hold brackets, commas and escaped
 * quotes, for nesting across 16-byte blocks, for malformed text; the same
 * cuts and counts of the commas before them as a byte-at-a-time reference
 * on random arrays; and an object's member found by its key as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "test_random.h"

#include "array_runs.h"

/* The cut points as the rule says them, one byte at a time. */
static size_t reference_end(const char *b, size_t len, size_t from, size_t want, bool *last,
                            size_t *commas)
{
    size_t depth = 0;
    *commas = 0;
    for (size_t i = from; i < len; i++) {
        char c = b[i];
        if (c == '"') {
            for (i++; i < len && b[i] != '"'; i++)
                if (b[i] == '\\')
                    i++;
            if (i >= len)
                return len;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            if (depth == 0) {
                *last = true;
                return i;
            }
            depth--;
        } else if (c == ',' && depth == 0 && i - from >= want) {
            *last = false;
            return i;
        } else if (c == ',' && depth == 0) {
            ++*commas; /* between items inside the run */
        }
    }
    return len;
}

static void expect_cut(const char *text, size_t from, size_t want, size_t end, bool last)
{
    bool got_last = !last;
    size_t got = array_run_end(text, strlen(text), from, want, &got_last);
    if (got != end || (end < strlen(text) && got_last != last))
        fail_msg("%s from %zu want %zu: cut at %zu (last %d), expected %zu (last %d)", text, from,
                 want, got, got_last, end, last);
}

static void test_cuts_fall_on_the_commas_between_items(void **state)
{
    (void)state;
    expect_cut("[1,2,3]", 1, 0, 2, false);
    expect_cut("[1,2,3]", 3, 0, 4, false);
    expect_cut("[1,2,3]", 5, 0, 6, true);
    expect_cut("[1,2,3,4,5]", 1, 3, 4, false); /* the comma at 2 is before the cut point */
    expect_cut("[1,2,3,4,5]", 1, 100, 10, true);
    expect_cut("[[1,2],{\"a\":[3,4]},5]", 1, 0, 6, false);
    expect_cut("[[1,2],{\"a\":[3,4]},5]", 7, 0, 18, false);
    /* strings hold the scanner's delimiters */
    expect_cut("[\"a,]}[{\\\"\",2]", 1, 0, 11, false);
    expect_cut("[\"\\\\\",\"x\\\\\\\"y\",3]", 1, 0, 5, false);
    expect_cut("[\"\\\\\",\"x\\\\\\\"y\",3]", 6, 0, 14, false);
    expect_cut("[ 1 , 2 ]", 1, 0, 4, false);
    expect_cut("[ 1 , 2 ]", 5, 0, 8, true);
}

static void test_nesting_across_blocks_is_counted(void **state)
{
    (void)state;
    /* 40 levels, a comma inside at depth 20, then the item's end */
    char text[256];
    size_t n = 0;
    text[n++] = '[';
    for (int i = 0; i < 40; i++)
        text[n++] = i % 2 ? '{' : '[';
    n += (size_t)snprintf(text + n, sizeof text - n, "0,1");
    for (int i = 39; i >= 0; i--)
        text[n++] = i % 2 ? '}' : ']';
    size_t item_end = n;
    n += (size_t)snprintf(text + n, sizeof text - n, ",7]");
    text[n] = '\0';
    expect_cut(text, 1, 0, item_end, false);
    expect_cut(text, 1, item_end - 1, item_end, false);
    expect_cut(text, 1, item_end, n - 1, true);
}

static void test_short_strings_hide_delimiters_within_and_across_blocks(void **state)
{
    (void)state;
    /* Blocks of several strings and no escape: brackets and commas inside
       them are text, the comma after each string is between items. */
    const char *text = "[\"],\",\"[{\",\"a\",\"}\",\",,\",\"]]\",\"x\",\"long string over the block\",9]";
    expect_cut(text, 1, 0, 5, false);
    expect_cut(text, 6, 0, 10, false);
    expect_cut(text, 19, 0, 23, false);
    expect_cut(text, 1, 16, 18, false); /* past the string the first block leaves open (15-17) */
    expect_cut(text, 1, 12, 14, false); /* the commas at 5 and 10 come before the cut point */
    expect_cut(text, 1, 30, 32, false);
    expect_cut(text, 33, 0, 61, false); /* a string through three blocks */
    expect_cut(text, 1, 40, 61, false); /* the cut point inside it */
    expect_cut(text, 62, 0, 63, true);
}

static void test_text_that_is_not_a_whole_array_has_no_cut(void **state)
{
    (void)state;
    expect_cut("[1,2", 1, 0, 2, false);
    expect_cut("[1,2", 3, 0, 4, false); /* 4 = len: the text ends first */
    expect_cut("[1}", 1, 0, 2, true);   /* a '}' closes the array: the caller looks */
    expect_cut("[\"1,2]", 1, 0, 6, false);
    expect_cut("[[1,2]", 1, 0, 6, false);
}

static void expect_member(const char *text, const char *key, member_search want, size_t value)
{
    size_t got = 0;
    member_search r = array_find_member(text, strlen(text), 0, key, strlen(key), &got);
    if (r != want || (want == MEMBER_FOUND && got != value))
        fail_msg("%s key %s: %d at %zu, expected %d at %zu", text, key, (int)r, got, (int)want,
                 value);
}

static void test_a_member_is_found_by_its_key_as_written(void **state)
{
    (void)state;
    expect_member("{\"items\":[1]}", "items", MEMBER_FOUND, 9);
    expect_member("{ \"n\" : {\"items\":[]}, \"s\":\"\\\",}\" ,\n \"items\" :\t[2] }", "items",
                  MEMBER_FOUND, 46);
    expect_member("{\"n\":1}", "items", MEMBER_ABSENT, 0);
    expect_member("{}", "items", MEMBER_ABSENT, 0);
    expect_member("{\"items\":1,\"items\":[2]}", "items", MEMBER_UNSURE, 0); /* repeated */
    size_t at = 0; /* the first of a repeated key, when the caller looks for repeats itself */
    const char *twice = "{\"items\":1,\"items\":[2]}";
    assert_int_equal(array_first_member(twice, strlen(twice), 0, "items", 5, &at), MEMBER_FOUND);
    assert_int_equal(at, 9);
    expect_member("{\"\\u0069tems\":[2]}", "items", MEMBER_UNSURE, 0);       /* an escape */
    expect_member("{\"items\" [1]}", "items", MEMBER_UNSURE, 0);
    expect_member("{\"items\":[1]", "items", MEMBER_UNSURE, 0);
    expect_member("{\"items\":[1]]", "items", MEMBER_UNSURE, 0);
    expect_member("{1:2}", "items", MEMBER_UNSURE, 0);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static unsigned rnd(unsigned n) { return test_random_below(&rng, n); }

static void test_random_arrays_are_cut_as_the_reference_cuts_them(void **state)
{
    (void)state;
    static const char *const pieces[] = {"0",   ",",   "[",    "]",  "{",   "}",   "\"a\"",
                                         "\"\\\"\"", "\"\\\\\"", "\"],[\"", " ", "\"x,y\"", "12345678"};
    char text[4096];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        text[n++] = '[';
        unsigned count = rnd(300);
        for (unsigned i = 0; i < count && n < sizeof text - 16; i++) {
            const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
            memcpy(text + n, p, strlen(p));
            n += strlen(p);
        }
        if (rnd(4))
            text[n++] = ']';
        text[n] = '\0';
        for (size_t from = 1; from < n; from += 1 + rnd(40)) {
            size_t want = rnd(3) ? rnd(64) : 0;
            bool last = false, ref_last = false, counted_last = false;
            size_t commas = 0, ref_commas = 0;
            size_t got = array_run_end(text, n, from, want, &last);
            size_t ref = reference_end(text, n, from, want, &ref_last, &ref_commas);
            if (got != ref || (ref < n && last != ref_last))
                fail_msg("%s from %zu want %zu: %zu/%d, reference %zu/%d", text, from, want, got,
                         last, ref, ref_last);
            size_t counted = array_run_end_counted(text, n, from, want, &counted_last, &commas);
            if (counted != ref || (ref < n && counted_last != ref_last) ||
                (ref < n && commas != ref_commas))
                fail_msg("%s from %zu want %zu: counted %zu/%d with %zu commas, reference %zu/%d "
                         "with %zu", text, from, want, counted, counted_last, commas, ref,
                         ref_last, ref_commas);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cuts_fall_on_the_commas_between_items),
        cmocka_unit_test(test_nesting_across_blocks_is_counted),
        cmocka_unit_test(test_short_strings_hide_delimiters_within_and_across_blocks),
        cmocka_unit_test(test_text_that_is_not_a_whole_array_has_no_cut),
        cmocka_unit_test(test_random_arrays_are_cut_as_the_reference_cuts_them),
        cmocka_unit_test(test_a_member_is_found_by_its_key_as_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
