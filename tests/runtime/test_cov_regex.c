/* test_cov_regex.c - the pattern compiler's syntax edge cases and the
 * matcher's (oas_regex.c, oas_regex_vm.c): every escape, classes at their
 * edges, quantifier forms, loops whose body can match the empty string,
 * program size limits, and patterns read only within their length. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "oas_regex.h"

static int search(const char *pattern, const char *subject)
{
    return oas_regex_search(pattern, strlen(pattern), subject, strlen(subject), OAS_REGEX_DEFAULT_STEPS);
}

static void test_escapes(void **state)
{
    (void)state;
    assert_int_equal(search("^\\t\\n\\r\\v\\f$", "\t\n\r\v\f"), 1);
    assert_int_equal(search("^\\x41\\x7a$", "Az"), 1);
    assert_int_equal(search("^\\x4A$", "J"), 1);
    assert_int_equal(search("^\\u00E9$", "\xc3\xa9"), 1);
    assert_int_equal(search("^\\u20ac$", "\xe2\x82\xac"), 1);
    assert_int_equal(oas_regex_search("^a\\0b$", 6, "a\0b", 3, OAS_REGEX_DEFAULT_STEPS), 1);
    assert_int_equal(search("^\\-\\/\\$\\^\\*\\{$", "-/$^*{"), 1);
    /* malformed or unsupported escapes are reported, never guessed */
    assert_int_equal(search("\\x4", "x"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\x4g", "x"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\u12", "x"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\u{1F600}", "x"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\k<n>", "x"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\cJ", "\n"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a\\", "a"), OAS_REGEX_ERR_SYNTAX);
}

static void test_shorthands_and_assertions(void **state)
{
    (void)state;
    assert_int_equal(search("^\\D\\W\\S$", "a!x"), 1);
    assert_int_equal(search("^\\D$", "5"), 0);
    assert_int_equal(search("^\\W$", "_"), 0);
    assert_int_equal(search("^\\S$", "\xe2\x80\xa8"), 0); /* U+2028 is white space */
    assert_int_equal(search("^\\s$", "\xef\xbb\xbf"), 1); /* U+FEFF too */
    assert_int_equal(search("\\Bb\\B", "abc"), 1);
    assert_int_equal(search("\\Bb", "b"), 0);
    assert_int_equal(search("a\\b", "a"), 1);   /* boundary at the end */
    assert_int_equal(search("^.$", "\r"), 0);
    assert_int_equal(search("^.$", "\xe2\x80\xa9"), 0); /* U+2029 */
    assert_int_equal(search("^.$", "\xf0\x9f\x98\x80"), 1); /* one code point, 4 bytes */
    assert_int_equal(search("$a", "a"), 0);
    /* an assertion cannot be quantified */
    assert_int_equal(search("^*a", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a$+", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("\\b?a", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a\\B{2}", "ab"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("^{", "{"), 1); /* a literal brace after ^ is fine */
}

static void test_classes_edges(void **state)
{
    (void)state;
    assert_int_equal(search("^[\\t\\n]+$", "\t\n"), 1);
    assert_int_equal(search("^[\\b]$", "\b"), 1);          /* backspace inside a class */
    assert_int_equal(search("^[\\x41-\\x43]+$", "ABC"), 1);
    assert_int_equal(search("^[a-\\x63]+$", "abc"), 1);
    assert_int_equal(search("^[a-\\x63]+$", "abd"), 0);
    assert_int_equal(search("^[\\w.-]+$", "a.b-c_1"), 1);
    assert_int_equal(search("^[\\s]$", " "), 1);
    assert_int_equal(search("^[a-]$", "-"), 1);             /* '-' before ']' is literal */
    assert_int_equal(search("^[\xc3\xa0-\xc3\xbf]$", "\xc3\xa9"), 1); /* UTF-8 range ends */
    assert_int_equal(search("^[^\\d]$", "x"), 1);
    assert_int_equal(search("^[^\\d]$", "5"), 0);
    /* ECMA-262: [] matches nothing, [^] any code point (new lines too) */
    assert_int_equal(search("[]", "abc"), 0);
    assert_int_equal(search("[]a]", "a]"), 0);
    assert_int_equal(search("^[^]$", "\n"), 1);
    assert_int_equal(search("^[^]$", ""), 0);
    /* errors */
    assert_int_equal(search("[z-a]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[\\D]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[\\W]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[\\S]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[a-\\d]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[\\p{Script=Latin}]", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[abc", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[\\", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("[", "a"), OAS_REGEX_ERR_SYNTAX);
}

/* A pattern is read within its length only: "[a-\" as the last bytes of an
 * exactly sized heap block (ASan reports any read past it). */
static void test_pattern_read_within_length(void **state)
{
    (void)state;
    static const char *const cuts[] = {"[a-\\", "\\", "[\\", "\\x", "\\u00", "(?", "a{1", "a{1,"};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        size_t n = strlen(cuts[i]);
        char *p = malloc(n);
        assert_non_null(p);
        memcpy(p, cuts[i], n);
        oas_regex *re = NULL;
        assert_int_equal(oas_regex_compile(p, n, &re), OAS_REGEX_ERR_SYNTAX);
        assert_null(re);
        free(p);
    }
}

static void test_quantifier_forms(void **state)
{
    (void)state;
    assert_int_equal(search("^a{3}$", "aaa"), 1);
    assert_int_equal(search("^a{3}$", "aa"), 0);
    assert_int_equal(search("^a{0}b$", "b"), 1);
    assert_int_equal(search("^a{1,2}?b$", "aab"), 1);
    assert_int_equal(search("^(ab){2,}?$", "ababab"), 1);
    assert_int_equal(search("^a+?$", "aaa"), 1);
    assert_int_equal(search("^a??b$", "ab"), 1);
    assert_int_equal(search("^x*?y", "xxy"), 1);
    assert_int_equal(search("^a{,2}$", "a{,2}"), 1);  /* not a quantifier: literal */
    assert_int_equal(search("a{2,1}", "aa"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a{2", "aa"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a{2,3", "aa"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a**", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a|*", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(*)", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("a{1000000}", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("^(|a)b$", "b"), 1);      /* empty alternatives */
    assert_int_equal(search("^(a|)b$", "ab"), 1);
    assert_int_equal(search("^(?:a|b|c)$", "c"), 1);
    assert_int_equal(search("(?", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(?<n>a)", "a"), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(search("(?!a)", "b"), OAS_REGEX_ERR_SYNTAX);
}

/* A loop whose body can match the empty string ends (ECMA-262: an empty
 * iteration fails) instead of spinning until the step limit. */
static void test_loops_with_nullable_bodies(void **state)
{
    (void)state;
    assert_int_equal(search("^(a*)*$", "aa"), 1);
    assert_int_equal(search("^(a*)*$", ""), 1);
    assert_int_equal(search("^(a*)*$", "b"), 0);
    assert_int_equal(search("^(a|)+$", "aaa"), 1);
    assert_int_equal(search("^(?:a?)*b", "aab"), 1);
    assert_int_equal(search("^([a-z]*\\s?)*$", "several words here"), 1);
    assert_int_equal(search("^([a-z]*\\s?)*$", "several Words"), 0);
    assert_int_equal(search("^(?:(a*)*b)+$", "abaab"), 1);
    assert_int_equal(search("^(x*?)*?y$", "xxy"), 1);
    assert_int_equal(search("^(a*){2,}$", "aaa"), 1);
}

static void test_program_limits(void **state)
{
    (void)state;
    char *p = malloc(8192);
    assert_non_null(p);
    /* 2048 instructions */
    memset(p, 'a', 3000);
    assert_int_equal(oas_regex_search(p, 3000, "a", 1, OAS_REGEX_DEFAULT_STEPS), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(oas_regex_search(p, 2000, p, 2000, OAS_REGEX_DEFAULT_STEPS), 1);
    assert_int_equal(search("(?:ab|cd){700}", "ab"), OAS_REGEX_ERR_SYNTAX);
    /* alternation past the limit */
    size_t n = 0;
    for (int i = 0; i < 1100; i++) {
        p[n++] = 'a';
        p[n++] = '|';
    }
    p[n++] = 'b';
    assert_int_equal(oas_regex_search(p, n, "b", 1, OAS_REGEX_DEFAULT_STEPS), OAS_REGEX_ERR_SYNTAX);
    /* 64 classes, 512 ranges */
    n = 0;
    for (int i = 0; i < 65; i++) {
        memcpy(p + n, "[a]", 3);
        n += 3;
    }
    assert_int_equal(oas_regex_search(p, n, "a", 1, OAS_REGEX_DEFAULT_STEPS), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(oas_regex_search(p, 64 * 3, p, 0, OAS_REGEX_DEFAULT_STEPS), 0);
    n = 0;
    p[n++] = '[';
    for (int i = 0; i < 513; i++) {
        p[n++] = '\\';
        p[n++] = 'x';
        p[n++] = "0123456789abcdef"[(i >> 4) & 15];
        p[n++] = "0123456789abcdef"[i & 15];
    }
    p[n++] = ']';
    assert_int_equal(oas_regex_search(p, n, "a", 1, OAS_REGEX_DEFAULT_STEPS), OAS_REGEX_ERR_SYNTAX);
    assert_int_equal(oas_regex_search(p, n - 9, "\x01", 1, OAS_REGEX_DEFAULT_STEPS), OAS_REGEX_ERR_SYNTAX);
    p[n - 9] = ']'; /* 511 ranges: fits */
    assert_int_equal(oas_regex_search(p, n - 8, "\x7f", 1, OAS_REGEX_DEFAULT_STEPS), 1);
    /* 64 unbounded loops, then one more */
    n = 0;
    for (int i = 0; i < 65; i++) {
        p[n++] = 'a';
        p[n++] = '*';
    }
    assert_int_equal(oas_regex_search(p, 128, "aaa", 3, OAS_REGEX_DEFAULT_STEPS), 1);
    assert_int_equal(oas_regex_search(p, 130, "aaa", 3, OAS_REGEX_DEFAULT_STEPS), OAS_REGEX_ERR_SYNTAX);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_shorthands_and_assertions),
        cmocka_unit_test(test_classes_edges),
        cmocka_unit_test(test_pattern_read_within_length),
        cmocka_unit_test(test_quantifier_forms),
        cmocka_unit_test(test_loops_with_nullable_bodies),
        cmocka_unit_test(test_program_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
