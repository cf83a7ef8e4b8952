/* test_regex.c - the `pattern` matcher: ECMA-262 subset, unanchored search,
 * code point semantics, unsupported syntax reported, step limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "oas_regex.h"

static int search(const char *pattern, const char *subject)
{
    return oas_regex_search(pattern, strlen(pattern), subject, strlen(subject), OAS_REGEX_DEFAULT_STEPS);
}

static void test_literals_and_anchors(void **state)
{
    (void)state;
    assert_int_equal(search("abc", "xxabcxx"), 1);
    assert_int_equal(search("abc", "abx"), 0);
    assert_int_equal(search("^abc$", "abc"), 1);
    assert_int_equal(search("^abc$", "abcd"), 0);
    assert_int_equal(search("^a", "ba"), 0);
    assert_int_equal(search("c$", "abc"), 1);
    assert_int_equal(search("", "anything"), 1);
    assert_int_equal(search("a\\.b", "a.b"), 1);
    assert_int_equal(search("a\\.b", "axb"), 0);
}

static void test_classes(void **state)
{
    (void)state;
    assert_int_equal(search("^[a-z]+$", "hello"), 1);
    assert_int_equal(search("^[a-z]+$", "Hello"), 0);
    assert_int_equal(search("^[^0-9]*$", "abc"), 1);
    assert_int_equal(search("^[^0-9]*$", "a1"), 0);
    assert_int_equal(search("^\\d{3}-\\d{4}$", "555-1234"), 1);
    assert_int_equal(search("^\\d{3}-\\d{4}$", "55-1234"), 0);
    assert_int_equal(search("^\\w+\\s\\w+$", "ab cd"), 1);
    assert_int_equal(search("^\\S+$", "ab cd"), 0);
    assert_int_equal(search("[-a]", "-"), 1);
    assert_int_equal(search("^[\\d_]+$", "1_2"), 1);
}

static void test_quantifiers_groups_alternation(void **state)
{
    (void)state;
    assert_int_equal(search("^(ab)+$", "ababab"), 1);
    assert_int_equal(search("^(ab)+$", "ababa"), 0);
    assert_int_equal(search("^(?:cat|dog)s?$", "dogs"), 1);
    assert_int_equal(search("^(?:cat|dog)s?$", "cow"), 0);
    assert_int_equal(search("^a{2,3}$", "aaa"), 1);
    assert_int_equal(search("^a{2,3}$", "aaaa"), 0);
    assert_int_equal(search("^a{2,}$", "aaaaaa"), 1);
    assert_int_equal(search("^a{2,}$", "a"), 0);
    assert_int_equal(search("^a*?b$", "aaab"), 1);
    assert_int_equal(search("^x|y$", "xz"), 1);
    assert_int_equal(search("^(a|b)*c$", "abbac"), 1);
    assert_int_equal(search("a{", "a{"), 1); /* literal brace */
}

static void test_code_points_and_word_boundary(void **state)
{
    (void)state;
    assert_int_equal(search("^.$", "\xc3\xa9"), 1);      /* é is one code point */
    assert_int_equal(search("^..$", "\xc3\xa9"), 0);
    assert_int_equal(search("^[\\u00e0-\\u00ff]$", "\xc3\xa9"), 1);
    assert_int_equal(search("\\bfoo\\b", "a foo b"), 1);
    assert_int_equal(search("\\bfoo\\b", "afoob"), 0);
    assert_int_equal(search("^.$", "\n"), 0);
}

static void test_unsupported_and_limits(void **state)
{
    (void)state;
    assert_int_equal(search("(a)\\1", "aa"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(?=a)", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(ab", "ab"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("ab)", "ab"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("*a", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[a-", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\p{L}", "a"), OAS_REGEX_ERR_SYNTAX);
    char subject[64];
    memset(subject, 'a', 40);
    subject[40] = '!';
    subject[41] = '\0';
    assert_int_equal(oas_regex_search("^(a+)+$", 7, subject, 41, 100000), OAS_REGEX_ERR_STEPS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals_and_anchors),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_quantifiers_groups_alternation),
        cmocka_unit_test(test_code_points_and_word_boundary),
        cmocka_unit_test(test_unsupported_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
